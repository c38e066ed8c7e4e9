"""Hypothesis strategies for shortcode text, shared by the property tests.

Two families:

* *noise*: text rich in the characters that matter to the tokenizer (brackets,
  slashes, ``=``, every quote kind and its entity form, NBSP and ``&nbsp;``,
  zero-width and bidi marks, RTL text, guillemets, every line break, astral
  characters, lone surrogates, backslashes, ``<``), glued together at random;
* *structure*: well-formed shortcodes (openers with attributes in every form,
  self-closing tags, closers, escapes, nesting, crossing tags), which
  `mangled` then truncates, cuts and splices.
"""

from __future__ import annotations

from hypothesis import strategies as st

__all__ = [
    "ATOMS",
    "any_text",
    "attribute",
    "attribute_body",
    "attribute_key",
    "close_tag",
    "document",
    "edit_value",
    "mangled",
    "noise",
    "open_tag",
    "plain_value",
    "shortcode_text",
    "tag_name",
    "tag_soup",
]

# -- character tables ----------------------------------------------------------------

NAMES = ("a", "b", "x", "A", "card", "covid19-ultimate-card", "bg_color", "a-", "0",
         "بطاقة", "כרטיס", "é", "a×b", "gallery")
KEYS = ("region", "bg-color", "x", "X", "Region", "a_b", "id", "rtl", "0", "1", "-", "_")
QUOTE_CHARS = ('"', "'", "“", "”", "„", "″", "‘", "’", "′")
QUOTE_ENTITIES = ("&#8220;", "&#8221;", "&#8243;", "&#8216;", "&#8217;", "&#8242;", "&quot;",
                  "&#039;", "&#x201D;", "&#8222;", "&apos;", "&rdquo;", "&#34;", "&#39;")
QUOTES = QUOTE_CHARS + QUOTE_ENTITIES
#: Matching (and texturizer-mismatched) quote pairs seen in real content.
QUOTE_PAIRS = (('"', '"'), ("'", "'"), ("”", "”"), ("”", "″"), ("“", "”"), ("„", "“"),
               ("″", "″"), ("‘", "’"), ("’", "’"), ("’", "′"), ("′", "′"),
               ("&#8221;", "&#8243;"), ("&#8220;", "&#8221;"), ("&#8216;", "&#8217;"),
               ("&#8217;", "&#8242;"), ("&quot;", "&quot;"), ("&#039;", "&#039;"),
               ("&#x201D;", "&#x201D;"), ("&#8221;", "”"), ('"', "″"))
INVISIBLES = ("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u202a", "\u202b",
              "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff")
SEPARATORS = (" ", " ", " ", "  ", "\t", "\n", "\r\n", "\r", "\u00a0", "&nbsp;", "&#160;",
              "&#xA0;", "\u2003", "\u3000", "\u202f", *INVISIBLES)
LINE_BREAKS = ("\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085", "\x0c", "\x0b")
TEXTURE = ("×", "–", "—", "…", "™", "&#038;", "&#38;", "&#8211;", "&#8212;", "&#215;",
           "&#8230;", "&#8482;")
PROSE = ("مرحبا بكم", "שלום", "«700»", "«", "»", "Hi", "text", "😀", "\U0001f1ea\U0001f1ec",
         "\U00010000", "\ud800", "\udfff", "\udc00", "\\", "\\\\", "\\n", "\\x41", "\\101", "<",
         "<b>", "</b>", ">", "&", "&amp;", "&lt;", "#0c3278", "35.849", "640", "\x00", "é")
STRUCTURE = ("[", "]", "[/", "/]", "/", "=", "[[", "]]", " = ", "[a]", "[/a]", "[b ", "[x/]")
#: Every interesting fragment, for the noise strategy.
ATOMS = (*STRUCTURE, *NAMES, *KEYS, *QUOTES, *SEPARATORS, *LINE_BREAKS, *TEXTURE, *PROSE)

# -- noise ---------------------------------------------------------------------------
# Strategies are built once at import: building them inside a composite on every draw
# costs more than the parsing under test.

_ATOM = st.sampled_from(ATOMS)
_NOISE_PIECE = st.one_of(_ATOM, _ATOM, st.text(max_size=3))


def noise(max_pieces: int = 20) -> st.SearchStrategy[str]:
    """Text glued from interesting fragments and a little arbitrary text."""
    return st.lists(_NOISE_PIECE, max_size=max_pieces).map("".join)


_SHORT_NOISE = noise(6).map(lambda s: s.replace("[", "").replace("]", ""))

# -- attributes ----------------------------------------------------------------------

_VALUE_ATOMS = ("a", "EG", "#0c3278", "35.849", "1", " ", "  ", "x y", "-", "/", "=", ":",
                "https://example.com/a.mp3?x=1&y=2", "مصر", "שלום", "\u00a0", "&nbsp;",
                "\\", "\\'", '\\"', "<", "<b>x</b>", ">", "&", "&amp;", "«", "»", "😀",
                "\ud800", "\u200f", "\n", "\r\n", *TEXTURE, *QUOTES)
_BARE_FORBIDDEN = " \t\n\r\u00a0\"'&" + "".join(INVISIBLES) + "\u2003\u3000\u202f"


def _values(forbid: str, *, min_size: int = 0) -> st.SearchStrategy[str]:
    atoms = [a for a in _VALUE_ATOMS if not any(ch in a for ch in forbid)]
    return st.lists(st.sampled_from(atoms), min_size=min_size, max_size=3).map("".join)


_VALUE = _values("[]")
# Well formed: no quote characters inside, and ``&`` escaped so no entity quote either.
_WELL_FORMED_VALUE = _values("[]" + "".join(QUOTE_CHARS)).map(lambda v: v.replace("&", "&amp;"))
_BARE_VALUE = _values("[]" + _BARE_FORBIDDEN, min_size=1)
_KEY = st.one_of(st.sampled_from(KEYS),
                 st.text(alphabet="abcxyzABXZ019_-", min_size=1, max_size=5))
_EQUALS = st.sampled_from(("=", "=", "=", " = ", "=\u00a0", "&nbsp;=", "= "))
_QUOTE_PAIR = st.sampled_from(QUOTE_PAIRS)
_ANY_QUOTE_PAIR = st.one_of(_QUOTE_PAIR,
                            st.tuples(st.sampled_from(QUOTES), st.sampled_from((*QUOTES, ""))))
_SEPARATOR = st.sampled_from(SEPARATORS)


def attribute_key() -> st.SearchStrategy[str]:
    """A key WordPress reads as an attribute name (``[A-Za-z0-9_-]+``)."""
    return _KEY


def plain_value() -> st.SearchStrategy[str]:
    """A value of letters, digits and plain punctuation only."""
    return st.text(alphabet="abcXYZ019 .,:;#%+-_/=!?()", max_size=8)


_EDIT_VALUE = st.lists(st.one_of(st.sampled_from(_VALUE_ATOMS), st.text(max_size=3)),
                       max_size=4).map(
    lambda parts: "".join(parts).replace("[", "").replace("]", "").replace("<", ""))


def edit_value() -> st.SearchStrategy[str]:
    """A value a shortcode tag can hold: any text but ``[``, ``]`` and ``<`` (WordPress
    cannot read brackets inside a tag, and empties a value with an unclosed ``<``)."""
    return _EDIT_VALUE


def _quoted(pairs: st.SearchStrategy[tuple[str, str]],
            values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda q, v: q[0] + v + q[1], pairs, values)


def _attribute(*, well_formed: bool) -> st.SearchStrategy[str]:
    quoted = (_quoted(_QUOTE_PAIR, _WELL_FORMED_VALUE) if well_formed
              else _quoted(_ANY_QUOTE_PAIR, _VALUE))
    named_quoted = st.builds(str.__add__, st.builds(str.__add__, _KEY, _EQUALS), quoted)
    named_bare = st.builds(str.__add__, st.builds(str.__add__, _KEY, _EQUALS), _BARE_VALUE)
    forms = [named_quoted, named_quoted, named_bare, quoted, _BARE_VALUE]
    if not well_formed:
        forms.append(_SHORT_NOISE)
    return st.one_of(forms)


_ATTRIBUTE = {flag: _attribute(well_formed=flag) for flag in (False, True)}


def attribute(*, well_formed: bool = False) -> st.SearchStrategy[str]:
    """One attribute as written: ``key="v"``, ``key='v'``, ``key=v``, ``key = "v"``,
    positional ``"v"``, ``'v'`` or bare, with any quote kind (or junk, unless
    *well_formed*)."""
    return _ATTRIBUTE[well_formed]


def _attribute_body(*, well_formed: bool) -> st.SearchStrategy[str]:
    pair = st.builds(str.__add__, _SEPARATOR, attribute(well_formed=well_formed))
    tail = st.one_of(st.just(""), _SEPARATOR)
    return st.builds(lambda parts, end: "".join(parts) + end,
                     st.lists(pair, max_size=3), tail)


_ATTRIBUTE_BODY = {flag: _attribute_body(well_formed=flag) for flag in (False, True)}


def attribute_body(*, well_formed: bool = False) -> st.SearchStrategy[str]:
    """The text between a tag's name and its ``]``: separated attributes and a tail."""
    return _ATTRIBUTE_BODY[well_formed]


_NAME = st.sampled_from(NAMES)


def tag_name() -> st.SearchStrategy[str]:
    """A shortcode name: ASCII, hyphenated, Arabic, Hebrew, odd but legal."""
    return _NAME


def _open_tag(name: str, body: str, ending: str) -> str:
    return f"[{name}{body}{ending}]"


_ENDINGS = st.sampled_from(("", "", "/", " /"))
_OPEN_TAG = {
    (flag, closing): st.builds(_open_tag, _NAME, attribute_body(well_formed=flag),
                               _ENDINGS if closing else st.just(""))
    for flag in (False, True) for closing in (False, True)
}


def open_tag(*, well_formed: bool = False, self_closing: bool = True,
             ) -> st.SearchStrategy[str]:
    """An opening tag ``[name attrs]``, or (if *self_closing*) maybe ``[name attrs /]``."""
    return _OPEN_TAG[well_formed, self_closing]


_TAIL = st.one_of(st.just(""), _SEPARATOR)


def close_tag() -> st.SearchStrategy[str]:
    """A closing tag ``[/name]``, sometimes with separators before the ``]``."""
    return st.builds(lambda name, tail: f"[/{name}{tail}]", _NAME, _TAIL)


_PROSE = st.lists(st.sampled_from((*PROSE, *LINE_BREAKS, *QUOTES, " ", "x", "/", "=")),
                  max_size=3).map("".join)


def _rename(opener: str, name: str) -> str:
    """*opener* with its name replaced by *name*."""
    old = next(n for n in sorted(NAMES, key=len, reverse=True) if opener.startswith("[" + n))
    return "[" + name + opener[1 + len(old) :]


def _enclosed(name: str, opener: str, inner: list[str], tail: str) -> str:
    return f"{_rename(opener, name)}{''.join(inner)}[/{name}{tail}]"


def _escaped(opener: str, enclose: bool, prose: str) -> str:
    name = next(n for n in sorted(NAMES, key=len, reverse=True) if opener.startswith("[" + n))
    return f"[{opener}{prose + '[/' + name + ']' if enclose else ''}]"


def _escape(*, well_formed: bool = False) -> st.SearchStrategy[str]:
    return st.builds(_escaped, open_tag(well_formed=well_formed), st.booleans(), _PROSE)


_PIECE = st.one_of(_PROSE, open_tag(), close_tag(), _escape(),
                   st.sampled_from(("[a]", "[/a]", "[b]", "[/b]")))


def tag_soup(max_pieces: int = 8) -> st.SearchStrategy[str]:
    """Openers, closers, escapes and prose in any order: unclosed and crossing tags."""
    return st.lists(_PIECE, max_size=max_pieces).map("".join)


def _document(*, well_formed: bool) -> st.SearchStrategy[str]:
    leaf = st.one_of(_PROSE, open_tag(well_formed=well_formed),
                     _escape(well_formed=well_formed))
    opener = open_tag(well_formed=well_formed, self_closing=False)

    def enclose(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.builds(_enclosed, _NAME, opener, st.lists(children, max_size=3), _TAIL)

    return st.lists(st.recursive(leaf, enclose, max_leaves=5), max_size=3).map("".join)


_DOCUMENT = {flag: _document(well_formed=flag) for flag in (False, True)}


def document(*, well_formed: bool = False) -> st.SearchStrategy[str]:
    """Text with properly nested shortcodes (same-name nesting included).

    With *well_formed*, every attribute is one WordPress reads as written: matching
    quotes, no quote characters or entities inside quoted values.
    """
    return _DOCUMENT[well_formed]


_OPERATION = st.sampled_from(("truncate", "drop-prefix", "cut", "insert", "splice"))
_SPLICED = st.one_of(_DOCUMENT[False], tag_soup(4))


@st.composite
def _mangled(draw: st.DrawFn) -> str:
    text = draw(st.one_of(_DOCUMENT[False], tag_soup()))
    for operation in draw(st.lists(_OPERATION, max_size=3)):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, len(text)))
        if operation == "truncate":
            text = text[:i]
        elif operation == "drop-prefix":
            text = text[i:]
        elif operation == "cut":
            text = text[:i] + text[j:]
        elif operation == "insert":
            text = text[:i] + draw(_ATOM) + text[i:]
        else:
            text = text[:i] + draw(_SPLICED) + text[j:]
    return text


_MANGLED = _mangled()


def mangled() -> st.SearchStrategy[str]:
    """Structured text, then truncated, cut, or spliced with other text."""
    return _MANGLED


_SHORTCODE_TEXT = st.one_of(_DOCUMENT[False], tag_soup(), _MANGLED)
_ANY_TEXT = st.one_of(st.text(), noise(), _SHORTCODE_TEXT)


def shortcode_text() -> st.SearchStrategy[str]:
    """Text built around shortcodes: nested, soup, or mangled."""
    return _SHORTCODE_TEXT


def any_text() -> st.SearchStrategy[str]:
    """Any text the parser may meet: arbitrary, noisy, or shortcode-shaped."""
    return _ANY_TEXT
