"""Source-level fixes that rewrite shortcode tags and leave every other character alone.

`fix_quotes`, `fix_missing_spaces` and `fix_separators` are what ``shortcodes
fix`` applies: each works on offsets of the parsed tree and splices replacements
into the original text, so text outside shortcode tags is byte-identical. Every
fix is checked the same way: the fixed tag is parsed again and kept only when it
reads exactly as before (same name, named attributes in the same order, same
positional values); otherwise that tag is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from shortcodes._attribute_check import _UNUSUAL_SEPARATOR as UNUSUAL_SEPARATOR
from shortcodes._cook import untexturize
from shortcodes.nodes import Attribute, Shortcode
from shortcodes.parser import parse
from shortcodes.tokenizer import DOUBLE_QUOTE, PLAIN_BARE, SINGLE_QUOTE, is_texturized

__all__ = ["fix_missing_spaces", "fix_quotes", "fix_separators"]

#: One replacement: ``(start, end, new text)``, absolute offsets into the source.
_Edit = tuple[int, int, str]


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


def _quote_edits(shortcode: Shortcode) -> list[_Edit]:
    """Straight quotes and plain values for every attribute of a curled tag, or none."""
    source = shortcode._source
    assert source is not None
    if not is_texturized(shortcode._scanned()[0], source.body):
        return []  # straight quotes only: nothing to fix
    edits = []
    for attribute in shortcode.attributes:
        fixed = _fixed_attribute(attribute, texturized=True)
        if fixed is None:
            return []  # one value has no straight form: the whole tag stays
        if fixed != attribute.raw:
            edits.append((attribute.start, attribute.end, fixed))
    return edits


def _space_edits(shortcode: Shortcode) -> list[_Edit]:
    """A space after every quoted value directly followed by the next attribute (SC303)."""
    source = shortcode._source
    assert source is not None
    base = source.body_offset
    return [(base + record.end, base + record.end, " ")
            for record in shortcode._scanned()[0]
            if any(code == "SC303" for code, _, _ in record.problems)]


def _separator_edits(shortcode: Shortcode) -> list[_Edit]:
    """A plain space for every separator WordPress does not read as one (SC102)."""
    source = shortcode._source
    assert source is not None
    base = source.body_offset
    records, trailing = shortcode._scanned()
    runs = [(base + record.start - len(record.leading), record.leading) for record in records]
    runs.append((base + len(source.body) - len(trailing), trailing))
    return [(offset + match.start(), offset + match.end(), " ")
            for offset, separator in runs
            for match in UNUSUAL_SEPARATOR.finditer(separator)]


def _reads_the_same(shortcode: Shortcode, edits: list[_Edit]) -> bool:
    """Whether the opening tag with *edits* applied reads exactly as it did.

    A partial fix could change how the rest of the tag is read, and so could a
    quote added around a value or a space inserted between attributes; so the
    fixed tag is parsed again.
    """
    source = shortcode._source
    assert source is not None
    tag = _splice(source.raw_open, [(a - source.start, b - source.start, new)
                                    for a, b, new in edits])
    again = next(parse(tag).shortcodes(), None)
    return (again is not None and again.name == shortcode.name
            and again.self_closing == shortcode.self_closing
            and again.positional == shortcode.positional
            and list(again.attrs.items()) == list(shortcode.attrs.items()))


def _splice(text: str, edits: list[_Edit]) -> str:
    pieces: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _fix(text: str, edits_of: Callable[[Shortcode], list[_Edit]]) -> str:
    """Apply the edits *edits_of* proposes for each tag that still reads the same."""
    edits: list[_Edit] = []
    for shortcode in parse(text).shortcodes():
        proposed = edits_of(shortcode)
        if proposed and _reads_the_same(shortcode, proposed):
            edits.extend(proposed)
    edits.sort()
    return _splice(text, edits) if edits else text


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
    return _fix(text, _quote_edits)


def fix_missing_spaces(text: str, /) -> str:
    """Insert a space after each quoted value glued to the next attribute (SC303).

    >>> fix_missing_spaces('[card region="EG"rtl="true"] "a"b')
    '[card region="EG" rtl="true"] "a"b'

    Raises:
        TypeError: if *text* is not a ``str``.

    .. versionadded:: 0.1
    """
    return _fix(text, _space_edits)


def fix_separators(text: str, /) -> str:
    """Replace separators WordPress does not read as spaces with a plain space (SC102).

    ``&nbsp;``, its numeric forms, and Unicode spaces other than U+00A0 and U+200B
    between attributes become one space each; bidirectional controls (SC101) are
    left for a person to look at.

    >>> fix_separators("[card region=EG&nbsp;rtl=true\\u2003/] a&nbsp;b")
    '[card region=EG rtl=true /] a&nbsp;b'

    Raises:
        TypeError: if *text* is not a ``str``.

    .. versionadded:: 0.1
    """
    return _fix(text, _separator_edits)
