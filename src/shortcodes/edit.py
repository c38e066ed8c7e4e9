"""Source-level fixes that rewrite shortcode tags and leave every other character alone.

`fix_quotes` is what ``shortcodes fix`` applies for typographic and entity
quotes: it works on offsets of the parsed tree and splices replacements into
the original text, so text outside shortcode tags is byte-identical.
"""

from __future__ import annotations

from typing import Final

from shortcodes._cook import untexturize
from shortcodes.nodes import Attribute, Shortcode
from shortcodes.parser import parse
from shortcodes.tokenizer import is_texturized

__all__ = ["fix_quotes"]

_SINGLE_OPENERS: Final = ("'", "‘", "’", "′", "&#8216", "&#8217", "&#8242", "&#039", "&#39",
                          "&apos", "&lsquo", "&rsquo", "&prime", "&#x27", "&#x201")
_NEEDS_QUOTES: Final = frozenset("\"' \t\n\r\f\v\u00a0")


def _fixed_attribute(attribute: Attribute, texturized: bool) -> str | None:
    """The attribute rewritten with straight quotes, or ``None`` to leave it alone."""
    raw_value = attribute.raw_value
    if raw_value is None:
        return None
    value = untexturize(raw_value) if texturized else raw_value
    open_quote = attribute.open_quote or ""
    if open_quote in ("", '"', "'") and (attribute.close_quote or "") == open_quote:
        if value == raw_value:
            return None
        if not open_quote and _NEEDS_QUOTES.isdisjoint(value):
            quote = ""
        else:
            quote = '"' if '"' not in value else "'"
    else:
        single = open_quote.startswith(_SINGLE_OPENERS) and not open_quote.startswith("&#x201c")
        quote = "'" if single else '"'
        if quote in value:
            quote = '"' if quote == "'" else "'"
    if quote and quote in value:
        return None  # both quote kinds inside: no straight form reads the same
    return f"{attribute.raw_name or ''}{attribute.equals or ''}{quote}{value}{quote}"


def _edits(shortcode: Shortcode) -> list[tuple[int, int, str]]:
    """Replacements for one tag: all of its attributes, or none (a partial fix
    could change how the rest of the tag is read)."""
    records = shortcode._scanned()[0]
    texturized = is_texturized(records, shortcode.open_tag)
    if not texturized:
        return []  # straight quotes only: nothing to fix
    edits = []
    for attribute in shortcode.attributes:
        fixed = _fixed_attribute(attribute, texturized)
        if fixed is None and attribute.raw_value is not None and (
                untexturize(attribute.raw_value) != attribute.raw_value
                or attribute.open_quote not in ("", '"', "'")):
            return []
        if fixed is not None and fixed != attribute.raw:
            edits.append((attribute.start, attribute.end, fixed))
    return edits


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
    if not edits:
        return text
    pieces: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)
