"""Stage 1: split text into shortcode tags and the text between them.

Invariants:

* `tokenize` never raises on a ``str`` and runs in linear time: a tag cannot
  contain ``[`` or ``]`` (WordPress cannot read ``]`` inside a tag either), so
  every attempt to read a tag stops at the next bracket.
* Tokens cover the input exactly, in order: joining their ``text`` gives the
  input back.
* Tolerance applies inside tags only. Between the brackets of a tag, quotes may
  be typographic (``”EG”``, ``”#0c3278″``) or HTML entities
  (``&#8221;35.849&#8243;``), and attributes may be separated by any Unicode
  space, NBSP, ``&nbsp;``, or the zero-width and bidirectional marks that
  right-to-left editors insert. Outside tags nothing is interpreted.

Attribute lists are read by `scan_attributes`, a driver loop over small
scanners that mirrors WordPress's ``shortcode_parse_atts()`` and records every
repair as a diagnostic. `cook_attributes` is the fast path for the common case:
one match of a single pattern with repeated captures returns every attribute.
"""

from __future__ import annotations

import enum
import re
from itertools import chain
from typing import Final, NamedTuple

import attrs
import regex

from shortcodes._cook import cook, needs_untexturize

__all__ = ["AttributeRecord", "Token", "TokenKind", "scan_attributes", "tokenize"]

# -- character classes --------------------------------------------------------------------

#: Bidirectional controls (LRM, RLM, ALM, embeddings, overrides, isolates).
BIDI_CHARS: Final = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
#: Separator characters as a character-class body, spelled out so that `re` and
#: `regex` agree: Unicode White_Space, zero-width space, joiners, BOM, bidi controls.
SEP_CHARS: Final = (r"\t\n\x0b\x0c\r\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f"
                     r"\u205f\u3000\u200b-\u200d\ufeff" + BIDI_CHARS)
#: The separator characters themselves (for `str.strip`).
SEP_STRING: Final = ("\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200e)))
                     + "\u2028\u2029\u202f\u205f\u3000\ufeff\u200e\u200f\u061c"
                     + "".join(map(chr, range(0x202a, 0x202f))) + "\u2066\u2067\u2068\u2069")
_NBSP_ENTITY: Final = r"&(?:nbsp|\#0*160|\#[xX]0*[aA]0);"
#: One separator between attributes.
SEP: Final = rf"(?:[{SEP_CHARS}]|{_NBSP_ENTITY})"
_NAME: Final = rf"[^{SEP_CHARS}\x00-\x20<>&/\[\]=]++"

_DQ_CHARS: Final = "\"“”„″"
_SQ_CHARS: Final = "'‘’′"
_DQ_ENTITY: Final = (
    r"&(?:quot|ldquo|rdquo|bdquo|Prime|\#0*(?:34|8220|8221|8222|8243)"
    r"|\#[xX]0*(?:22|201[cCdDeE]|2033));"
)
_SQ_ENTITY: Final = (
    r"&(?:apos|lsquo|rsquo|prime|\#0*(?:39|8216|8217|8242)|\#[xX]0*(?:27|201[89]|2032));"
)
#: Any double or single quote, as a character or an entity.
DQ: Final = rf"(?:[{_DQ_CHARS}]|{_DQ_ENTITY})"
SQ: Final = rf"(?:[{_SQ_CHARS}]|{_SQ_ENTITY})"
_DQ_VALUE: Final = rf"[^{_DQ_CHARS}&]*+(?:&(?!{_DQ_ENTITY[1:]})[^{_DQ_CHARS}&]*+)*+"
_SQ_VALUE: Final = rf"[^{_SQ_CHARS}&]*+(?:&(?!{_SQ_ENTITY[1:]})[^{_SQ_CHARS}&]*+)*+"
# An unquoted value: as WordPress's ``[^\s'"]+``, with typographic quotes allowed.
_BARE: Final = rf"(?:[^{SEP_CHARS}&\"']|&(?!{_NBSP_ENTITY[1:]}))++"
_KEY: Final = r"[A-Za-z0-9_-]++"
_BOUNDARY: Final = rf"(?={SEP}|\Z)"

# -- the tag pattern ---------------------------------------------------------------------

# Stdlib `re` is faster here than `regex`. Without possessive quantifiers the pattern
# still runs in linear time: an attempt never looks past the next bracket, and its
# backtracking is bounded by the same distance. `_TAG` finds tags with `finditer`;
# `_TAG_AT` checks one candidate that `scan_tags` found with `str.find`, where there is
# no bracket between the ends, so the attribute text is read with `.*`, which `re`
# matches without looking at each character (the negated class `[^\[\]]*` costs
# about 50 instructions a character, callgrind).
_NAME_RE: Final = rf"[^{SEP_CHARS}\x00-\x20<>&/\[\]=]+"
_TAG_TEMPLATE: Final = rf"""
    \[
    (?:
        /(?P<cname>{_NAME_RE})(?:{SEP})*\]        # closing tag [/name]
    |
        (?P<name>{_NAME_RE})                       # opening tag [name ...], [name .../]
        (?P<body>(?:{SEP}BODY)?)
        (?P<slash>/?)
        \]
    )
    """
_TAG: Final = re.compile(_TAG_TEMPLATE.replace("BODY", r"[^\[\]]*"), re.VERBOSE)
_TAG_AT: Final = re.compile(_TAG_TEMPLATE.replace("BODY", ".*"), re.VERBOSE | re.DOTALL)

# One attribute, as WordPress reads it when it is well formed: the value is followed by
# a separator or the end. The same groups appear in every branch so that repeated
# captures stay aligned: ``key`` is empty for positional values, quotes for bare ones.
_ATTR_ALTERNATIVES: Final = rf"""
    (?P<key>{_KEY})(?P<eq>(?:{SEP})*+=(?:{SEP})*+)
    (?:
        (?P<oq>{DQ})(?P<value>{_DQ_VALUE})(?P<cq>{DQ})
      | (?P<oq>{SQ})(?P<value>{_SQ_VALUE})(?P<cq>{SQ})
      | (?P<oq>)(?P<value>{_BARE})(?P<cq>)
    ){_BOUNDARY}
  | (?P<key>)(?P<eq>)
    (?:
        (?P<oq>{DQ})(?P<value>{_DQ_VALUE})(?P<cq>{DQ})
      | (?P<oq>{SQ})(?P<value>{_SQ_VALUE})(?P<cq>{SQ})
      | (?P<oq>)(?P<value>{_BARE})(?P<cq>)
    ){_BOUNDARY}
"""
_ATTR: Final = regex.compile(rf"(?:{_ATTR_ALTERNATIVES})", regex.VERBOSE)
# The fast path reads a whole attribute list with one `findall` of the stdlib `re`:
# each item is (separator + key + equals, value with its quotes). It accepts only
# character quotes and separators (no ``&`` outside quoted values), so whatever it
# accepts the full scanner reads the same way; anything else falls back to it.
_FAST_SEP: Final = rf"[{SEP_CHARS}]"
_FAST_DQ_VALUE: Final = _DQ_VALUE.replace("*+", "*")
_FAST_SQ_VALUE: Final = _SQ_VALUE.replace("*+", "*")
_FAST_BARE: Final = rf"[^{SEP_CHARS}&{_DQ_CHARS}{_SQ_CHARS}=][^{SEP_CHARS}&\"'=]*"
#: A value the fast path reads as bare: it can stay unquoted when a tag is rewritten.
PLAIN_BARE: Final = regex.compile(_FAST_BARE)
_FAST_ATTR: Final = re.compile(
    rf"""
    ({_FAST_SEP}+)(?:([A-Za-z0-9_-]+)({_FAST_SEP}*={_FAST_SEP}*))?   # lead, key, equals
    ( [{_DQ_CHARS}]{_FAST_DQ_VALUE}[{_DQ_CHARS}]                   # the value, quotes included
    | [{_SQ_CHARS}]{_FAST_SQ_VALUE}[{_SQ_CHARS}]
    | {_FAST_BARE}                       # no `=`: a named form is never read as positional
    )
    (?={_FAST_SEP}|\Z)
    """,
    re.VERBOSE,
)
_QUOTE_CHARS: Final = frozenset(_DQ_CHARS + _SQ_CHARS)
_ONLY_SEPARATORS: Final = re.compile(rf"{_FAST_SEP}*\Z")
# The commonest list of all, `` key="value"`` repeated with single spaces, lower-case
# keys, straight double quotes and values without ``&``, ``<``, ``\`` or quotes: read
# as (key, value) pairs straight into a dict by `_read_simple`. Such a list is one
# `_FAST_ATTR` reads the same way, never texturized (straight quotes, no entity) and
# with nothing to cook. Splitting at the quotes (`str.split`) and checking the keys
# with one match took about a third of the instructions of a `findall` of
# `` ([a-z0-9_-]+)="([^"“”„″&<\\]*)"`` and its length check (callgrind).
_SIMPLE_KEYS: Final = re.compile(r" [a-z0-9_-]+=(?:\0 [a-z0-9_-]+=)*")
_TYPOGRAPHIC_DQ: Final = re.compile(f"[{_DQ_CHARS[1:]}]")
_SEPS: Final = regex.compile(rf"(?:{SEP})*+")
_NAMED_QUOTED_TIGHT: Final = regex.compile(
    rf"""
    (?P<key>{_KEY})(?P<eq>(?:{SEP})*+=(?:{SEP})*+)
    (?:
        (?P<oq>{DQ})(?P<value>{_DQ_VALUE})(?P<cq>{DQ})
      | (?P<oq>{SQ})(?P<value>{_SQ_VALUE})(?P<cq>{SQ})
    )
    (?={_KEY}(?:{SEP})*+=)
    """,
    regex.VERBOSE,
)
#: A double or single quote, character or entity (compiled once for every module).
DOUBLE_QUOTE: Final = regex.compile(DQ)
SINGLE_QUOTE: Final = regex.compile(SQ)
#: A run of bidi controls.
BIDI_RUN: Final = regex.compile(f"[{BIDI_CHARS}]+")
# Texturizer entities: ``&#038;`` and the typographic ones. Their presence in a tag
# shows the texturizer ran over it, whatever its quotes look like.
_TEXTURE_HINT: Final = re.compile(r"&\#(?:0?38|821[1-9]|822[0-2]|8230|824[23]|215|8482);")
# Texturizer output characters; in a tag without any quotes (no evidence either way)
# they are read as texturizer output too.
_TEXTURE_CHARS: Final = re.compile(r"[“”″„‘’′…×–—™]")

# Stdlib `re` twins of scanner patterns, for `cook_any_attributes` and the fallback
# scanner: a `re` call costs a fraction of a `regex` one. Each reads the same language
# as its twin: where the twin is possessive, nothing that follows can match what a
# backtrack gives back (a separator is no ``=``, no quote and no key character).
_SEPS_RE: Final = re.compile(rf"(?:{SEP})*")  # `_SEPS`
# How `_NAMED_QUOTED_TIGHT` begins: a key, then `=` after any separators.
_KEY_EQ: Final = re.compile(rf"[A-Za-z0-9_-]+(?:{SEP})*=")
# A run of anything but separators (the entity ``&nbsp;`` is a separator too), or the
# empty match: `(?:[^SEP&]|&(?!nbsp;))++` in `regex`.
_RUN_OR_EMPTY: Final = re.compile(
    rf"[^{SEP_CHARS}&]*(?:&(?!{_NBSP_ENTITY[1:]})[^{SEP_CHARS}&]*)*")
_DQ_RE: Final = re.compile(DQ)  # `DOUBLE_QUOTE`
_SQ_RE: Final = re.compile(SQ)  # `SINGLE_QUOTE`
_NAMED_OPEN_QUOTE: Final = re.compile(
    rf"(?P<key>[A-Za-z0-9_-]+)(?P<eq>(?:{SEP})*=(?:{SEP})*)(?:(?P<dq>{DQ})|(?P<sq>{SQ}))"
)
# The first attribute of a list is `key=` and a quote character (`_read_open_quote`).
_FIRST_OPENS_QUOTE: Final = re.compile(
    rf"[{SEP_CHARS}]*([A-Za-z0-9_-]+)=([{_DQ_CHARS}{_SQ_CHARS}])")
# A list of that attribute alone, its value without ``&`` or quotes (`_cook_open_quote`).
_ONE_OPEN_QUOTE: Final = re.compile(
    rf"[{SEP_CHARS}]*([A-Za-z0-9_-]+)=([{_DQ_CHARS}{_SQ_CHARS}])"
    rf"([^{SEP_CHARS}&{_DQ_CHARS}{_SQ_CHARS}]*)[{SEP_CHARS}]*")
# A bare value after its curled opening quote: as `_BARE` up to the first ``&``.
_CURLED_BARE: Final = re.compile(rf"[^{SEP_CHARS}&\"']*")
_SEP_SET: Final = frozenset(SEP_STRING)
# What ends a run of plain words for `_read_words`: separators that `str.split` does
# not split at (zero-width and bidi marks, BOM), whitespace that is no separator
# (``\x1c``-``\x1f``), and ``&``, ``=`` and quotes, which the fast pattern reads in
# other ways. Everything else is a separator where `str.split` splits or a character
# of a bare value (tests/unit/test_tokenizer.py checks this for every code point).
_WORDS_STOP: Final = re.compile(
    "[\x1c-\x1f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff&="
    + _DQ_CHARS + _SQ_CHARS + "]")
# Shortest rest of a list for which `_read_fast` looks for a run of plain words.
_WORDS_MIN: Final = 256
# Longer lists are checked for a first quote that nothing closes before `findall`, with
# `str.find` (`_opens_unclosed_quote`); below it neither pays for itself.
_LONG_BODY: Final = 256


# -- tokens ------------------------------------------------------------------------------


class TokenKind(enum.Enum):
    """What a `Token` is.

    .. versionadded:: 0.1
    """

    TEXT = "text"
    OPEN = "open"
    CLOSE = "close"


@attrs.frozen(kw_only=True)
class Token:
    """A piece of the input: text, an opening tag, or a closing tag.

    .. versionadded:: 0.1
    """

    #: What the token is.
    kind: TokenKind
    #: Offset of the first character.
    start: int
    #: Offset one past the last character.
    end: int
    #: The exact source text of the token.
    text: str
    #: The shortcode name (tags only), exactly as written.
    name: str | None = None
    #: The raw attribute text of an opening tag (without the self-closing ``/``).
    body: str | None = None
    #: Whether an opening tag ends in ``/]``.
    self_closing: bool = False


class RawTag(NamedTuple):
    """Internal: a tag found by `scan_tags` (a tuple for speed)."""

    start: int
    end: int
    name: str
    #: Attribute text of an opening tag, or ``None`` for a closing tag.
    body: str | None
    self_closing: bool


_new_tuple = tuple.__new__


def scan_tags(text: str) -> list[RawTag]:
    """Every tag of *text* in order (internal fast path of `tokenize`)."""
    # Where tags are dense (floods of tiny tags), `finditer` costs less per tag; where
    # they are sparse or long (prose, page builders), finding candidates with
    # `str.find` skips the text between them faster. Both find the same tags, so a
    # sample of the text is enough to choose (counting in all of it cost a tenth of
    # the benchmark's typical posts).
    if text.count("]", 0, 256) > 16:
        return _scan_dense(text)
    return _scan_sparse(text)


def _scan_dense(text: str) -> list[RawTag]:
    tags: list[RawTag] = []
    append = tags.append
    for match in _TAG.finditer(text):
        closing, name, body, slash = match.groups()
        start, end = match.span()
        # Inlined here (not a helper): one call less per tag was 5% of a flood.
        if name is None:
            append(_new_tuple(RawTag, (start, end, closing, None, False)))
        elif slash:
            append(_new_tuple(RawTag, (start, end, name, body, True)))
        elif body.endswith("/"):
            append(_new_tuple(RawTag, (start, end, name, body[:-1], True)))
        else:
            append(_new_tuple(RawTag, (start, end, name, body, False)))
    return tags


def _scan_sparse(text: str) -> list[RawTag]:
    """Tags found from their candidates: only the last ``[`` before a ``]`` can start
    one (a tag contains no bracket), and it then ends at that ``]``.

    Linear: each ``]`` is found once, and the backward search for its ``[`` stops
    at the previous candidate.
    """
    tags: list[RawTag] = []
    append = tags.append
    find, rfind, check = text.find, text.rfind, _TAG_AT.fullmatch
    pos = 0
    while (close := find("]", pos)) >= 0:
        start = rfind("[", pos, close)
        pos = close + 1
        if start >= 0 and (match := check(text, start, pos)) is not None:
            # Inlined, as in `_scan_dense`: a helper call per tag cost 2% of typical posts.
            closing, name, body, slash = match.groups()
            if name is None:
                append(_new_tuple(RawTag, (start, pos, closing, None, False)))
            elif slash:
                append(_new_tuple(RawTag, (start, pos, name, body, True)))
            elif body.endswith("/"):
                append(_new_tuple(RawTag, (start, pos, name, body[:-1], True)))
            else:
                append(_new_tuple(RawTag, (start, pos, name, body, False)))
    return tags


def tokenize(text: str, /) -> tuple[Token, ...]:
    """Split *text* into text, opening-tag and closing-tag tokens.

    Every well-formed tag becomes a token, whether or not anything knows its
    name; pairing and meaning are the parser's business.

    >>> [(t.kind.value, t.text) for t in tokenize("a [b x=”1″]c[/b]")]
    [('text', 'a '), ('open', '[b x=”1″]'), ('text', 'c'), ('close', '[/b]')]

    Raises:
        TypeError: if *text* is not a ``str`` (decode ``bytes`` first).

    .. versionadded:: 0.1
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize() needs a str, not {type(text).__name__}; decode bytes first")
    tokens: list[Token] = []
    pos = 0
    for tag in scan_tags(text):
        if tag.start > pos:
            tokens.append(Token(kind=TokenKind.TEXT, start=pos, end=tag.start,
                                text=text[pos : tag.start]))
        kind = TokenKind.CLOSE if tag.body is None else TokenKind.OPEN
        tokens.append(Token(kind=kind, start=tag.start, end=tag.end,
                            text=text[tag.start : tag.end], name=tag.name, body=tag.body,
                            self_closing=tag.self_closing))
        pos = tag.end
    if pos < len(text):
        tokens.append(Token(kind=TokenKind.TEXT, start=pos, end=len(text), text=text[pos:]))
    return tuple(tokens)


# -- attributes --------------------------------------------------------------------------


class AttributeRecord(NamedTuple):
    """One attribute as scanned, with offsets relative to the attribute text."""

    #: Separator text before the attribute.
    leading: str
    #: The key exactly as written, or ``""`` for a positional value.
    key: str
    #: The text from the end of the key to the value: ``=`` with any spaces around it.
    equals: str
    #: The opening quote as written (character or entity), or ``""``.
    open_quote: str
    #: The value exactly as written between the quotes.
    value: str
    #: The closing quote as written, or ``""``.
    close_quote: str
    #: Offset of the attribute (after ``leading``) in the attribute text.
    start: int
    #: Offset one past the attribute in the attribute text.
    end: int
    #: Problems found, as ``(code, message, hint)`` triples.
    problems: tuple[tuple[str, str, str], ...]


def is_texturized(records: tuple[AttributeRecord, ...] | list[AttributeRecord],
                  body: str) -> bool:
    """Whether WordPress's texturizer curled the tag whose attributes are *records*."""
    return texturized_by("".join([r.open_quote + r.close_quote for r in records]), body)


def texturized_by(delimiters: str, body: str) -> bool:
    """Decide from a tag's quote delimiters (joined, as written) and attribute text
    whether the texturizer curled it.

    Typographic or entity quotes, or a texturizer entity anywhere, say yes. Straight
    quotes say no (the texturizer would have curled them). A tag without any quotes
    gives no evidence, so texturizer output characters in it are read as such.
    """
    if delimiters.strip("\"'"):
        return True  # a typographic or entity quote
    if "&#" in body and _TEXTURE_HINT.search(body) is not None:
        return True
    return not delimiters and not body.isascii() and _TEXTURE_CHARS.search(body) is not None


def scan_attributes(body: str) -> tuple[tuple[AttributeRecord, ...], str]:
    """Read an attribute list; return the records and the trailing separator text.

    Never raises; every character of *body* belongs to exactly one record's
    ``leading`` or attribute text, or to the trailing text.
    """
    records: list[AttributeRecord] = []
    trailing = _scan_into(records, body, 0)
    return tuple(records), trailing


def _scan_into(records: list[AttributeRecord], body: str, pos: int) -> str:
    """Scan *body* from *pos* into *records*; return the trailing separator text."""
    end = len(body)
    while True:
        lead_end = _end_of(_SEPS, body, pos)
        if lead_end == end:
            return body[pos:]
        record = _scan_one(body, lead_end, body[pos:lead_end])
        records.append(record)
        pos = record.end


def _end_of(pattern: regex.Pattern[str] | re.Pattern[str], text: str, pos: int) -> int:
    """End of *pattern*'s match at *pos*; the patterns used here always match there."""
    match = pattern.match(text, pos)
    assert match is not None
    return match.end()


def _scan_one(body: str, pos: int, leading: str) -> AttributeRecord:
    match = _ATTR.match(body, pos)
    if match is not None:
        return _record(match, leading, ())
    # `regex` first looks for a literal its pattern requires through the rest of the
    # list, so on junk without a `key=` each record cost the length of the list
    # (quadratic: `caption="<img "<img "...`, bench/render_linear.py); the anchored
    # stdlib check rules those records out first.
    match = _NAMED_QUOTED_TIGHT.match(body, pos) if _KEY_EQ.match(body, pos) else None
    if match is not None:
        problem = ("SC303", f"attribute `{match['key']}` is not followed by a space",
                   "put a space between the attributes")
        return _record(match, leading, (problem,))
    return _scan_fallback(body, pos, leading)


def _record(match: regex.Match[str], leading: str,
            problems: tuple[tuple[str, str, str], ...]) -> AttributeRecord:
    return AttributeRecord(leading, match["key"] or "", match["eq"] or "", match["oq"] or "",
                           match["value"], match["cq"] or "", match.start(), match.end(),
                           problems)


def _scan_fallback(body: str, pos: int, leading: str) -> AttributeRecord:
    """Read what the well-formed patterns could not: unbalanced quotes, junk."""
    # Stdlib `re` twins here: junk costs several matches a record.
    opened = _NAMED_OPEN_QUOTE.match(body, pos)
    if opened is not None:
        closer = _DQ_RE if opened["dq"] else _SQ_RE
        if closer.search(body, opened.end()) is None:
            value_end = _end_of(_RUN_OR_EMPTY, body, opened.end())
            key = opened["key"]
            problem = ("SC304", f"the value of `{key}` opens a quote that is never closed",
                       "close the quote where the value ends")
            return AttributeRecord(leading, key, opened["eq"], opened["dq"] or opened["sq"],
                                   body[opened.end() : value_end], "", pos, value_end,
                                   (problem,))
    run_end = _end_of(_RUN_OR_EMPTY, body, pos)
    raw = body[pos:run_end]
    problems: tuple[tuple[str, str, str], ...] = ()
    if "=" in raw or any(ch in raw for ch in _DQ_CHARS + _SQ_CHARS):
        problems = (("SC308", f"`{raw}` is not a well-formed attribute; "
                              "it is read as a positional value",
                     'write it as key="value", with a space after the closing quote'),)
    return AttributeRecord(leading, "", "", "", raw, "", pos, run_end, problems)


def cook_attributes(body: str) -> tuple[dict[str, str], tuple[str, ...]] | None:
    """Fast path: cooked named and positional values of a well-formed attribute list.

    Returns ``None`` when the list needs the full scanner (`scan_attributes`).
    """
    if '="' in body:
        named = _read_simple(body)
        if named is not None:
            return named, ()
    # `findall` cannot read a list whose first value opens a quote that nothing closes,
    # and on a long one it costs most (its pattern backtracks through the whole rest
    # looking for the closing quote: 0.12 s on `` b="`` + 1 MB of words).
    if len(body) > _LONG_BODY and _opens_unclosed_quote(body) is not None:
        return None
    found = _FAST_ATTR.findall(body)
    if not found:
        return None if body.rstrip(SEP_STRING) else ({}, ())
    # Items are in order and never overlap, so their lengths add up to the end of
    # the last one only when nothing was skipped in between.
    if sum(map(len, chain.from_iterable(found))) != len(body.rstrip(SEP_STRING)):
        return None
    keys = [key for _, key, _, _ in found]
    # A bare value never starts with a quote, so the first character tells them apart.
    raw_values = [v[1:-1] if v[0] in _QUOTE_CHARS else v for _, _, _, v in found]
    delimiters = "".join([v[0] + v[-1] for _, _, _, v in found if v[0] in _QUOTE_CHARS])
    values = _cook_values(raw_values, delimiters, body)
    if "" in keys or "0" in keys:
        return _assemble(keys, values, raw_values, [v[0] in _QUOTE_CHARS for _, _, _, v in found])
    joined = "\0".join(keys)
    lowered = joined.lower()
    if lowered != joined:
        keys = lowered.split("\0")
    # No `strict=`: the lists come from one comprehension each over `found`, and the
    # keyword made `zip` measurably slower (about 0.25 us a call, timeit).
    return dict(zip(keys, values)), ()  # noqa: B905


def _read_simple(body: str) -> dict[str, str] | None:
    """The named values of a list of `` key="value"`` only (see `_SIMPLE_KEYS`), else
    ``None``.

    Split at ``"``, the list is `` key=``, value, `` key=``, value, ..., trailing
    separators; the key pieces are checked joined with NUL, which the body must not
    contain, so that each one has to match on its own.
    """
    # The characters values may not hold cannot be in the key pieces or the trailing
    # separators either, so the whole body is checked for them, without a copy.
    if ("&" in body or "<" in body or "\\" in body or "\0" in body
            or (not body.isascii() and _TYPOGRAPHIC_DQ.search(body))):
        return None
    pieces = body.split('"')
    # The trailing piece is nearly always empty; `strip` costs a scan of SEP_STRING.
    if len(pieces) % 2 == 0 or (pieces[-1] and pieces[-1].strip(SEP_STRING)):
        return None
    keys = "\0".join(pieces[0:-1:2])
    if _SIMPLE_KEYS.fullmatch(keys) is None:
        return None
    values = pieces[1::2]
    # The dict keeps the last value of a repeated key at its first place, as WordPress.
    named = dict(zip(keys[1:-1].split("=\0 "), values))  # noqa: B905 - same length
    return None if "0" in named else named  # PHP's empty("0") makes WordPress skip "0"


def _cook_open_quote(body: str) -> tuple[dict[str, str], tuple[str, ...]] | None:
    """Cooked values of a list that is one `key=` and a quote nothing closes, else
    ``None``: what the scanner reads through `_scan_fallback` or `_BARE`, as
    `_read_open_quote` (whose cases with ``&`` or a second quote it leaves out).

    On `` b=”x1`` `cook_any_attributes` took 21,000 instructions with this path and
    122,000 before (callgrind), most of them in the scanner's `regex` matches.
    """
    match = _ONE_OPEN_QUOTE.fullmatch(body)
    if match is None:
        return None
    key, quote, value = match.groups()
    if quote not in "\"'":
        value = quote + value  # a bare value; its curled quote tells it was texturized
        quote = ""
    texturized = texturized_by(quote, body)
    if texturized or "\\" in value or "<" in value:
        value = cook(value, texturized)
    return ({} if key == "0" else {key.lower(): value}), ()


def cook_any_attributes(body: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """Cooked named and positional values of any attribute list, as the `Attribute`
    objects of `scan_attributes` give them (the fallback of `cook_attributes`).

    Runs of well-formed attributes are read with the fast pattern and only what it
    cannot read with the full scanner, one record at a time, whose `regex` matches
    cost microseconds each; no `Attribute` objects are built. On page-builder posts,
    where a curled quote inside one value turns its words into a dozen positional
    values, this took a fifth of the instructions of scanning everything after the
    first such value (callgrind), and the workload's peak memory on page-builder
    posts fell from 9.6 to 7.9 times the input when `Attribute` objects went.
    """
    cooked = _cook_open_quote(body)
    if cooked is not None:
        return cooked
    keys: list[str] = []
    raw_values: list[str] = []
    quotes: list[str] = []  # opening + closing quote of each value, as written
    end = len(body)
    pos = _read_open_quote(body, keys, raw_values, quotes)
    while pos < end:
        pos = _read_fast(body, pos, keys, raw_values, quotes)
        # The scanner keeps no state between records, so it can take over at any
        # record boundary and hand back to the fast pattern after one record.
        lead_end = _end_of(_SEPS_RE, body, pos)
        if lead_end == end:
            break
        record = _scan_one(body, lead_end, body[pos:lead_end])
        keys.append(record.key)
        raw_values.append(record.value)
        quotes.append(record.open_quote + record.close_quote)
        pos = record.end
    values = _cook_values(raw_values, "".join(quotes), body)
    return _assemble(keys, values, raw_values, quotes)


def _opens_unclosed_quote(body: str) -> re.Match[str] | None:
    """The match of `_FIRST_OPENS_QUOTE` when nothing after its quote could close it
    (no quote of its kind, character or entity), else ``None``."""
    opened = _FIRST_OPENS_QUOTE.match(body)
    if opened is None:
        return None
    start = opened.end()
    quote = opened[2]
    chars, closer = (_DQ_CHARS, _DQ_RE) if quote in _DQ_CHARS else (_SQ_CHARS, _SQ_RE)
    if len(body) <= _LONG_BODY:
        return opened if closer.search(body, start) is None else None
    # On a long list a few `str.find` calls cost a fraction of one search for the
    # pattern (0.07 against 13 ms on 1 MB of words); the opening quote itself, the
    # likeliest closing one, first.
    if body.find(quote, start) >= 0:
        return None
    for char in chars:
        if body.find(char, start) >= 0:
            return None
    if body.find("&", start) >= 0 and closer.search(body, start) is not None:
        return None
    return opened


def _read_open_quote(body: str, keys: list[str], raw_values: list[str],
                     quotes: list[str]) -> int:
    """Read the first attribute as the scanner does when it is `key=` and a quote
    character that nothing closes (`` b=”x``, or `` b="`` and a megabyte of words);
    return where it ends, or 0 when the list does not start so.

    The fast pattern and the scanner's first patterns fail on such an attribute, each
    after looking for the closing quote through the rest of the list. A straight
    quote then falls to `_scan_fallback` (an unclosed value, SC304, up to the next
    separator); a curled one starts a bare value (WordPress reads ``[^\\s'"]+``)
    that runs to the next separator. Only the case where that separator comes before
    any ``&``, ``"`` or ``'`` is read here; the others are left to the scanner.
    """
    opened = _opens_unclosed_quote(body)
    if opened is None:
        return 0
    start = opened.end()
    quote = opened[2]
    if quote in "\"'":
        value_end = _end_of(_RUN_OR_EMPTY, body, start)
        value = body[start:value_end]
    else:
        run = _CURLED_BARE.match(body, start)
        assert run is not None  # it matches the empty string
        value_end = run.end()
        if value_end < len(body) and body[value_end] not in _SEP_SET:
            return 0
        value, quote = body[start - 1 : value_end], ""
    keys.append(opened[1])
    raw_values.append(value)
    quotes.append(quote)
    return value_end


def _read_fast(body: str, pos: int, keys: list[str], raw_values: list[str],
               quotes: list[str]) -> int:
    """Read attributes with `_FAST_ATTR` from *pos* while they follow each other;
    return where the first one it cannot read starts.

    Each item reads as the scanner reads it (the argument of `cook_attributes`,
    attribute by attribute), except a bare positional value: the scanner may read it
    as a key when what follows is `=` (say `` k = &quot;v&quot;``), which shows as
    a gap after it. So a bare value counts only when the next item follows it
    directly, or nothing but separators does.
    """
    bare_at = -1  # where a bare value waiting for that evidence starts
    match_at = _FAST_ATTR.match  # anchored: a search would rescan the rest each time
    # Long runs of plain words are read by `_read_words`, tried at the start and after
    # each bare positional value (not after named ones: lists of those are no prose),
    # and never again before the character where its last try stopped, so that it
    # looks at each character of the list at most once.
    retry = pos if len(body) - pos >= _WORDS_MIN else len(body) + 1
    while True:
        if pos >= retry:
            words_end, last_at, stop = _read_words(body, pos, keys, raw_values, quotes)
            retry = stop + 1
            if words_end > pos:
                bare_at, pos = last_at, words_end
        match = match_at(body, pos)
        if match is None:
            break
        _, key, _, value = match.groups()
        if key or value[0] in _QUOTE_CHARS:
            keys.append(key)
            raw_values.append(value[1:-1] if value[0] in _QUOTE_CHARS else value)
            quotes.append(value[0] + value[-1] if value[0] in _QUOTE_CHARS else "")
            bare_at, retry = -1, max(retry, match.end() + 1)
        else:
            bare_at = pos
            keys.append("")
            raw_values.append(value)
            quotes.append("")
        pos = match.end()
    if bare_at >= 0 and _ONLY_SEPARATORS.match(body, pos) is None:
        del keys[-1], raw_values[-1], quotes[-1]  # the scanner reads it again
        return bare_at
    return pos


def _read_words(body: str, pos: int, keys: list[str], raw_values: list[str],
                quotes: list[str]) -> tuple[int, int, int]:
    """Read the run of plain words from *pos* as `_FAST_ATTR` reads them, one bare
    positional value each. Return where the last word read ends and where its item
    (the word and the separators before it) starts, both *pos* when none was read,
    and where the run stops (at the first `_WORDS_STOP` character, or the end).

    `` b="`` and a megabyte of words: one search and a `str.split` instead of a match
    a word, -94% instructions for reading the list (callgrind).

    In the run, every word is followed by separators and another word (never by
    ``=``), so the fast pattern reads it as a bare value; so is the last one when
    the run ends the list. Otherwise the last word is left to the caller: it may be
    a key (``word =``) or run into what stopped the run.
    """
    stop = _WORDS_STOP.search(body, pos)
    stop_at = len(body) if stop is None else stop.start()
    run = body[pos:stop_at]
    words = run.split()
    # A word glued to what is before it is no item; before a stop, the last word is
    # left out, so two are needed there.
    if not run[:1].isspace() or len(words) < (1 if stop is None else 2):
        return pos, pos, stop_at
    # Each word is found from the end with `rfind`: only separators follow it there.
    limit = len(run) if stop is None else len(run.rstrip()) - len(words.pop())
    last = words[-1]
    end = run.rfind(last, 0, limit) + len(last)
    start = 0 if len(words) == 1 else run.rfind(words[-2], 0, end - len(last)) + len(words[-2])
    raw_values += words
    keys += [""] * len(words)
    quotes += [""] * len(words)
    return pos + end, pos + start, stop_at


def _cook_values(raw_values: list[str], delimiters: str, body: str) -> list[str]:
    """Cook the raw values of one tag, given its quote delimiters joined as written."""
    texturized = texturized_by(delimiters, body)
    # `cook` changes nothing without texturizer output, a backslash or a `<`: check
    # once over all the values, and cook them one by one only when needed.
    if (texturized and needs_untexturize("".join(raw_values))) \
            or "\\" in body or "<" in body:
        # `cook` returns an ASCII value without `&#`, `\` or `<` as it is: three `in`
        # cost less than its three calls (`` b=”`` + 1 MB of words: 0.18 -> 0.10 s).
        return [value if value.isascii() and "&#" not in value and "\\" not in value
                and "<" not in value else cook(value, texturized) for value in raw_values]
    return raw_values


def _assemble(keys: list[str], values: list[str], raw_values: list[str],
              quoted: list[bool] | list[str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """Named and positional values with WordPress's rules (key ``""`` = positional;
    *quoted* tells, for each value, whether it was quoted: a flag or its quotes)."""
    named: dict[str, str] = {}
    positional: list[str] = []
    for key, value, raw, in_quotes in zip(keys, values, raw_values, quoted, strict=True):
        if key:
            if key != "0":  # PHP's empty("0") makes WordPress skip this key
                named[key.lower()] = value
        elif raw or not in_quotes:  # WordPress drops empty quoted positional values
            positional.append(value)
    return named, tuple(positional)


_INVALID_NAME: Final = regex.compile(r"[<>&/\[\]\x00-\x20=]")


def check_name(name: str) -> str:
    """Return *name* if WordPress's ``add_shortcode()`` would accept it.

    >>> check_name("covid19-ultimate-card")
    'covid19-ultimate-card'

    Raises:
        TypeError: if *name* is not a ``str``.
        ValueError: if *name* is empty or contains ``<>&/[]=``, a space or a
            control character.
    """
    if not isinstance(name, str):
        raise TypeError(f"a shortcode name must be a str, not {type(name).__name__}")
    bad = _INVALID_NAME.search(name)
    if not name or bad is not None:
        what = "is empty" if bad is None else f"contains {bad.group()!r}"
        raise ValueError(f"invalid shortcode name {name!r}: it {what}; WordPress refuses "
                         "names with <>&/[]=, spaces or control characters")
    return name
