"""Source-level fixes that rewrite shortcode tags and leave every other character alone.

`fix_quotes` is what ``shortcodes fix`` applies for typographic and entity
quotes: it works on offsets of the parsed tree and splices replacements into
the original text, so text outside shortcode tags is byte-identical.
"""

from __future__ import annotations

from shortcodes._cook import untexturize
from shortcodes.nodes import Attribute, Shortcode
from shortcodes.parser import parse
from shortcodes.tokenizer import DOUBLE_QUOTE, PLAIN_BARE, SINGLE_QUOTE, is_texturized

__all__ = ["fix_quotes"]



def _fixed_attribute(attribute: Attribute, texturized: bool) -> str | None:
    """The attribute with straight quotes and plain values, ``None`` if no straight
    form reads the same, or its raw text when nothing needs to change."""
    raw_value = attribute.raw_value
    assert raw_value is not None
    open_quote, close_quote = attribute.open_quote or "", attribute.close_quote or ""
    value = untexturize(raw_value) if texturized else raw_value
    if value == raw_value and open_quote in ("", '"', "'") and close_quote == open_quote:
        return attribute.raw
    prefix = (attribute.raw_name or "") + (attribute.equals or "")
    if not open_quote and PLAIN_BARE.fullmatch(value):
        return prefix + value
    double_first = not open_quote or DOUBLE_QUOTE.fullmatch(open_quote) is not None
    for quote in ('"', "'") if double_first else ("'", '"'):
        if (DOUBLE_QUOTE if quote == '"' else SINGLE_QUOTE).search(value) is None:
            return f"{prefix}{quote}{value}{quote}"
    return None


def _edits(shortcode: Shortcode) -> list[tuple[int, int, str]]:
    """Replacements for one tag: all of its attributes, or none.

    A partial fix could change how the rest of the tag is read, and so could a
    quote added around a value; so the fixed tag is parsed again and kept only when
    it reads exactly as before.
    """
    source = shortcode._source
    assert source is not None
    records = shortcode._scanned()[0]
    if not is_texturized(records, source.body):
        return []  # straight quotes only: nothing to fix
    edits = []
    for attribute in shortcode.attributes:
        fixed = _fixed_attribute(attribute, texturized=True)
        if fixed is None:
            return []
        if fixed != attribute.raw:
            edits.append((attribute.start, attribute.end, fixed))
    if edits:
        tag = _splice(source.raw_open, [(a - source.start, b - source.start, new)
                                        for a, b, new in edits])
        again = next(parse(tag).shortcodes(), None)
        if again is None or again.name != shortcode.name or again.positional != \
                shortcode.positional or list(again.attrs.items()) != \
                list(shortcode.attrs.items()):
            return []
    return edits


def _splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    pieces: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def fix_quotes(text: str, /) -> str:
    """Rewrite typographic and entity quotes inside shortcode tags as straight quotes.

    In a tag the texturizer curled, values are also restored (``640×480`` back to
    ``640x480``), so the fixed text parses to the same cooked attributes. Text
    outside shortcode tags is never changed, and fixing twice changes nothing more.

    >>> fix_quotes("«700» [card region=”EG” size=&#8221;10&#8243;]")
    '«700» [card region="EG" size="10"]'

    Raises:
        TypeError: if *text* is not a ``str``.

    .. versionadded:: 0.1
    """
    document = parse(text)
    edits = sorted(edit for sc in document.shortcodes() for edit in _edits(sc))
    return _splice(text, edits) if edits else text
