"""Cooking raw attribute values into the values a handler receives.

Internal module. Raw text is never changed; these functions compute the
*cooked* value beside it:

1. in a tag that WordPress's texturizer curled (its quotes are typographic or
   entity quotes), undo the texturizer's rewrites inside the value;
2. ``stripcslashes()``, which WordPress applies to every attribute value;
3. a value holding an unclosed ``<`` is emptied, as WordPress does (since 4.2.3).
"""

from __future__ import annotations

import re
from typing import Final

import regex

#: Typographic characters and texturizer entities, and what they were typed as.
#: The dashes depend on context and are handled separately.
_PLAIN: Final[dict[str, str]] = {
    "“": '"', "”": '"', "″": '"', "„": '"',
    "‘": "'", "’": "'", "′": "'",
    "…": "...",
}
_ENTITY_CHAR: Final[dict[str, str]] = {
    "8220": "“", "8221": "”", "8243": "″", "8222": "„",
    "8216": "‘", "8217": "’", "8242": "′",
    "8230": "…", "215": "×", "8211": "–", "8212": "—", "8482": "™", "038": "&", "38": "&",
}

# What the texturizer writes inside a tag, as characters or as its entities. The patterns
# that the stdlib `re` reads the same way use it: a call costs less than with `regex`.
_TEXTURIZED: Final = re.compile(
    r"""
    (?P<entity>&\#(?P<num>8220|8221|8243|8222|8216|8217|8242|8230|215|8211|8212|8482|0?38);)
    | [“”″„‘’′…×–—™]
    """,
    re.VERBOSE,
)
# `regex`: its `\d` follows a newer Unicode than `re`'s (they differ on some digits).
_DASH_OR_SIGN: Final = regex.compile(
    r"""
      (?<=\d)×(?=\d)          # 640x480 -> 640×480
    | \x20–\x20 | \x20—\x20   # ' - ' -> ' – ', ' -- ' -> ' — '
    | – | —                   # '--' -> '–', '---' -> '—'
    | \x20™                   # ' (tm)' -> ' ™'
    """,
    regex.VERBOSE,
)
_DASHES: Final[dict[str, str]] = {
    " – ": " - ", " — ": " -- ", "–": "--", "—": "---", " ™": " (tm)", "×": "x",
}
_TEXTURIZER_CHARS: Final = re.compile(r"[“”″„‘’′…×–—™]")
_PLAIN_TABLE: Final = str.maketrans(_PLAIN)


def needs_untexturize(value: str) -> bool:
    """Whether `untexturize` would look at anything in *value*."""
    # An entity is found with `in`, the characters only in non-ASCII text: a search for
    # `[“”″„‘’′…×–—™]|&\#` took 2.5 times as long as one for the characters alone
    # (166 characters of Arabic, timeit).
    return "&#" in value or (not value.isascii()
                             and _TEXTURIZER_CHARS.search(value) is not None)


def untexturize(value: str) -> str:
    """Undo what WordPress's texturizer did to a value inside a shortcode tag.

    >>> untexturize("it’s 640×480 &#8211; ok")
    "it's 640x480 - ok"
    >>> untexturize("a–b … ×2")
    'a--b ... ×2'

    """
    if not needs_untexturize(value):
        return value
    # Entities first (the entities variant), so both variants share one path. Each
    # step runs only when there is something for it: a value with one curled quote
    # (the usual case) costs a `translate` instead of two `sub` calls and a join
    # (callgrind: 8,500 instead of 27,800 instructions for `”x1`).
    if "&#" in value:
        value = _TEXTURIZED.sub(_entity_to_char, value)
    if "×" in value or "–" in value or "—" in value or "™" in value:
        value = _DASH_OR_SIGN.sub(lambda m: _DASHES[m.group()], value)
    return value.translate(_PLAIN_TABLE)


def _entity_to_char(match: re.Match[str]) -> str:
    number = match.group("num")
    return _ENTITY_CHAR[number] if number is not None else match.group()


_CSLASH: Final = re.compile(r"\\(?:x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)?", re.DOTALL)
_CSLASH_SIMPLE: Final[dict[str, str]] = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "v": "\v", "b": "\b", "f": "\f",
}


def stripcslashes(value: str) -> str:
    r"""PHP's ``stripcslashes()``, which WordPress applies to attribute values.

    Byte escapes are bytes, as in PHP: a run of them is decoded as UTF-8 (bytes
    that do not form UTF-8 become lone surrogates, so nothing is lost).

    >>> stripcslashes(r"a\tb\\c\x41\101\q")
    'a\tb\\cAAq'
    >>> stripcslashes(r"\xe2\x80\x9cquoted\342\200\235")
    '“quoted”'
    """
    if "\\" not in value:
        return value
    pieces: list[str] = []
    pending = bytearray()  # consecutive byte escapes, decoded together

    def flush() -> None:
        if pending:
            pieces.append(pending.decode("utf-8", errors="surrogateescape"))
            pending.clear()

    pos = 0
    for match in _CSLASH.finditer(value):  # left to right, as PHP reads escapes
        if match.start() > pos:
            flush()
            pieces.append(value[pos : match.start()])
        code = match.group()[1:]
        if code[:1] == "x" and len(code) > 1:
            pending.append(int(code[1:], 16))
        elif code[:1] in ("0", "1", "2", "3", "4", "5", "6", "7") and code:
            pending.append(int(code, 8) & 0xFF)
        else:
            flush()
            # PHP keeps a lone backslash at the very end.
            pieces.append(_CSLASH_SIMPLE.get(code, code) if code else "\\")
        pos = match.end()
    flush()
    pieces.append(value[pos:])
    return "".join(pieces)


_BALANCED_HTML: Final = regex.compile(r"[^<]*+(?:<[^>]*+>[^<]*+)*+")


def has_unclosed_html(value: str) -> bool:
    """Whether WordPress would empty *value* for holding an unclosed ``<``.

    >>> has_unclosed_html("a <b>c</b>"), has_unclosed_html("1 < 2")
    (False, True)
    """
    return "<" in value and _BALANCED_HTML.fullmatch(value) is None


def cook(value: str, texturized: bool) -> str:
    """Return the value a handler receives for the raw *value*."""
    if texturized:
        value = untexturize(value)
    value = stripcslashes(value)
    if has_unclosed_html(value):
        return ""
    return value
