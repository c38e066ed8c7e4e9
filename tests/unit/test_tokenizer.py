from __future__ import annotations

import re
from unittest.mock import patch

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from shortcodes import TokenKind, _cook, parse, tokenize, tokenizer
from shortcodes._cook import cook
from shortcodes.tokenizer import (
    SEP,
    SEP_CHARS,
    SEP_STRING,
    _cook_open_quote,
    _read_open_quote,
    check_name,
    cook_any_attributes,
    cook_attributes,
    is_texturized,
    scan_attributes,
)
from tests import strategies as sts


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind.value, t.text) for t in tokenize(text)]


def test_tokens_cover_the_input() -> None:
    text = "a [b x=1]c[/b] [d/] [[e]] «f» [ g] [/]"
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert [t.kind for t in tokens if t.kind is not TokenKind.TEXT] == [
        TokenKind.OPEN, TokenKind.CLOSE, TokenKind.OPEN, TokenKind.OPEN]


def test_self_closing_and_body() -> None:
    tag = tokenize("[a x='1' /]")[0]
    assert (tag.name, tag.body, tag.self_closing) == ("a", " x='1' ", True)
    assert tokenize("[a/]")[0].self_closing
    # As in WordPress, a slash right before `]` closes the tag even after a bare value.
    tag = tokenize("[a href=http://x/]")[0]
    assert (tag.body, tag.self_closing) == (" href=http://x", True)


@pytest.mark.parametrize("name", ["covid19-ultimate-card", "بطاقة", "vc_row", "a.b", "A", "x*"])
def test_names_wordpress_allows(name: str) -> None:
    assert kinds(f"[{name} k=v]")[0] == ("open", f"[{name} k=v]")


@pytest.mark.parametrize("text", ["[ a]", "[a=b]", "[<a>]", "[a&b]", "[/]", "[]", "[a\x01]"])
def test_not_tags(text: str) -> None:
    assert all(kind == "text" for kind, _ in kinds(text))


def test_separators_after_the_name() -> None:
    for sep in ("\u00a0", "&nbsp;", "\u200f", "\u2003", "\t", "&#160;"):
        tag = tokenize(f"[card{sep}region=”EG”]")[0]
        assert tag.name == "card"


def test_brackets_end_tags() -> None:
    # WordPress cannot read `]` inside a tag either; `[` restarts the search.
    assert kinds("[a [b]") == [("text", "[a "), ("open", "[b]")]
    assert kinds('[a t="x]"]')[0] == ("open", '[a t="x]')


def test_closing_tag_with_trailing_space() -> None:
    assert kinds("[/a ]") == [("close", "[/a ]")]


def test_bytes_are_refused() -> None:
    with pytest.raises(TypeError, match="decode"):
        tokenize(b"[a]")  # type: ignore[arg-type]


def _scan(body: str) -> list[tuple[str, str, str, str, str]]:
    records, _ = scan_attributes(body)
    return [(r.key, r.equals, r.open_quote, r.value, r.close_quote) for r in records]


@pytest.mark.parametrize(("body", "expected"), [
    (' a="1"', [("a", "=", '"', "1", '"')]),
    (" a='1'", [("a", "=", "'", "1", "'")]),
    (" a=1", [("a", "=", "", "1", "")]),
    (' a = "1"', [("a", " = ", '"', "1", '"')]),
    (' "pos" \'p2\' bare', [("", "", '"', "pos", '"'), ("", "", "'", "p2", "'"),
                            ("", "", "", "bare", "")]),
    (" a=”EG”", [("a", "=", "”", "EG", "”")]),
    (" a=”#0c3278″", [("a", "=", "”", "#0c3278", "″")]),
    (" a=“x”", [("a", "=", "“", "x", "”")]),
    (" a=„x“", [("a", "=", "„", "x", "“")]),
    (" a=’v’", [("a", "=", "’", "v", "’")]),
    (" a=‘v′", [("a", "=", "‘", "v", "′")]),
    (" m=&#8221;35.849,14.571&#8243;", [("m", "=", "&#8221;", "35.849,14.571", "&#8243;")]),
    (" m=&#x201D;x&#X201d;", [("m", "=", "&#x201D;", "x", "&#X201d;")]),
    (" m=&quot;x&quot; n=&#039;y&#039;", [("m", "=", "&quot;", "x", "&quot;"),
                                        ("n", "=", "&#039;", "y", "&#039;")]),
    (" t=”it’s”", [("t", "=", "”", "it’s", "”")]),
    (' data=\'{"a":1}\'', [("data", "=", "'", '{"a":1}', "'")]),
])
def test_attribute_forms(body: str, expected: list[tuple[str, ...]]) -> None:
    assert _scan(body) == expected


def test_missing_space_is_recovered_and_reported() -> None:
    records, _ = scan_attributes(' show-list="no"layout="style-2"')
    assert [(r.key, r.value) for r in records] == [("show-list", "no"), ("layout", "style-2")]
    assert records[0].problems[0][0] == "SC303"


def test_unbalanced_quote() -> None:
    records, _ = scan_attributes(' a="x b=y')
    assert [(r.key, r.value) for r in records] == [("a", "x"), ("b", "y")]
    assert records[0].problems[0][0] == "SC304"


def test_malformed_attribute_is_positional_as_in_wordpress() -> None:
    records, _ = scan_attributes(' a="x"y k=')
    assert [(r.key, r.value) for r in records] == [("", 'a="x"y'), ("", "k=")]
    assert records[0].problems[0][0] == "SC308"


def test_wordpress_reads_the_next_word_after_an_empty_equals() -> None:
    records, _ = scan_attributes(" id= align= width=")
    assert [(r.key, r.value) for r in records] == [("id", "align="), ("", "width=")]


@pytest.mark.parametrize("sep", ["\u00a0", "&nbsp;", "\u200b", "\u200f", "\u061c", "\u2066",
                                 "\u3000", "\n", "\u202b"])
def test_separators_between_attributes(sep: str) -> None:
    records, trailing = scan_attributes(f"{sep}a=”1”{sep}b=”2”{sep}")
    assert [(r.key, r.value) for r in records] == [("a", "1"), ("b", "2")]
    assert records[1].leading == sep and trailing == sep


def test_scan_is_lossless() -> None:
    body = ' a=”1” "p" x=&#8221;2&#8243; b=\'3\'c="4" &nbsp; junk"= d="unclosed '
    records, trailing = scan_attributes(body)
    rebuilt = "".join(r.leading + body[r.start : r.end] for r in records) + trailing
    assert rebuilt == body


def test_fast_path_matches_full_scan() -> None:
    body = ' a=”1” B="2" c=3 "p" \'q\' r d=’x’'
    fast = cook_attributes(body)
    assert fast == ({"a": "1", "b": "2", "c": "3", "d": "x"}, ("p", "q", "r"))


def test_fast_path_declines_irregular_lists() -> None:
    assert cook_attributes(' a="x"b="y"') is None
    assert cook_attributes(' a="x') is None


@pytest.mark.parametrize("name", ["", "a b", "a/b", "a]", "a=", "<a>", "a&b", "a\x00"])
def test_check_name_refuses_what_wordpress_refuses(name: str) -> None:
    with pytest.raises(ValueError, match="invalid shortcode name"):
        check_name(name)


# -- cooking paths: each gives what the full scanner gives -----------------------------


def _scanner_cooked(body: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """Cooked values from the full scanner's records, with WordPress's rules."""
    records, _ = scan_attributes(body)
    texturized = is_texturized(records, body)
    named: dict[str, str] = {}
    positional: list[str] = []
    for record in records:
        value = cook(record.value, texturized)
        if record.key:
            if record.key != "0":
                named[record.key.lower()] = value
        elif record.value or not record.open_quote:
            positional.append(value)
    return named, tuple(positional)


def _check_cooking(body: str) -> None:
    expected = _scanner_cooked(body)
    assert cook_any_attributes(body) == expected
    fast = cook_attributes(body)
    assert fast is None or fast == expected


_OPEN_QUOTE_BODIES = [
    # one attribute whose quote is never closed: straight, curled, entity
    ' b="x', " b='x", " b=”x", " b=“x", " b=„x", " b=″x", " b=’x", " b=‘x", " b=′x",
    ' b="', " b=”", ' b="x ', " b=”x\u00a0", " B=”X", ' 0="x', " 0=”x", "b=”x", ' b="x=y',
    " b=&quot;x", " b=&#8221;x", " b=&#039;x", " b=&#8221;x y",
    # trailing text, other quotes, entities and separators after it
    ' b="x y z', " b=”x y z", ' b="x y=1', ' b="x &nbsp;y', " b=”x&amp;y z", " b=”x’y",
    ' b=”x"y', ' b="x’y', " b='x”y z", " b='x y don't", ' b="x &quot;', " b=”x &#8221;y",
    " b=”x\u200by", ' b="x\u200by z', " b=”x y” z", ' b="x y"', " b=”x y″ z",
    # what `cook` changes: backslashes, `<`, texturizer output
    " b=”x\\n", ' b="<x', " b=”x<b>", ' b="x\\101', " b=”x–y", " b=”x&#8211;y",
]


@pytest.mark.parametrize("body", _OPEN_QUOTE_BODIES)
def test_unclosed_quote_paths_cook_as_the_scanner(body: str) -> None:
    _check_cooking(body)


def test_unclosed_quote_path_is_taken() -> None:
    assert _cook_open_quote(" b=”x") == ({"b": '"x'}, ())
    assert _cook_open_quote(' B="x ') == ({"b": "x"}, ())
    assert _cook_open_quote(' 0="x') == ({}, ())
    # Trailing text, a second quote or `&` are left to the general path.
    for body in (' b="x y', " b=”x’y", " b=”x&amp;y", " b=”x y”", " b=&quot;x"):
        assert _cook_open_quote(body) is None
    keys: list[str] = []
    values: list[str] = []
    quotes: list[str] = []
    assert _read_open_quote(' b="x y', keys, values, quotes) == 5
    assert (keys, values, quotes) == (["b"], ["x"], ['"'])
    assert _read_open_quote(" b=”x y", keys, values, quotes) == 5
    assert (keys[1], values[1], quotes[1]) == ("b", "”x", "")
    assert _read_open_quote(" b=”x&amp; y", keys, values, quotes) == 0
    assert _read_open_quote(" b=”x y”", keys, values, quotes) == 0
    assert len(keys) == 2


@pytest.mark.parametrize(("body", "codes"), [
    (' b="x', ["SC304"]), (" b='x y", ["SC304"]), (" b=”x", ["SC306"]),
    (" b=&quot;x", []), (' b="' + "word " * 100, ["SC304"]),
])
def test_unclosed_quote_diagnostics(body: str, codes: list[str]) -> None:
    assert [d.code for d in parse(f"[a{body}]").diagnostics] == codes


def test_long_list_with_an_unclosed_quote() -> None:
    words = " ".join(["father", "what", "the", "try", "page"] * 400)
    for body in (f' b="{words}', f' b="{words} ', f" b=”{words}", f' a=1 b="{words}',
                 f' b="{words} don\'t stop', f' b="{words}\nx\u200by k = "v" end',
                 f" b='{words} x=”y”", f' b="{words} a&amp;b c', f' b="{words} "q" r'):
        assert cook_attributes(body) is None
        _check_cooking(body)
    named, positional = cook_any_attributes(f' b="{words}')
    assert named == {"b": "father"} and len(positional) == 1999


_WORD = st.sampled_from(["a", "word", "x-y", "é", "مصر", "1.5", "a/b", "\\n", "<b>", "–",
                         "k", "don't", "a=b", "”x", "&amp;", "x\x1c", "\x00"])
_GAP = st.sampled_from([" ", "  ", "\n", "\u00a0", "\u3000", "\u200b", "\u200f", "\ufeff",
                        "&nbsp;", " = ", "=", " \x1d"])
_OPENER = st.sampled_from(["", ' b="', " b='", " b=”", " b=’", " b=&quot;", " K=“", ' x="y"',
                           " region=”EG”", ' "p"', " junk\"x"])
_WORD_LIST = st.builds(
    lambda opener, pairs, tail: opener + "".join(gap + word for gap, word in pairs) + tail,
    _OPENER, st.lists(st.tuples(_GAP, _WORD), max_size=12), st.sampled_from(["", " ", "\u200b"]))


@given(st.one_of(_WORD_LIST, sts.attribute_body(), sts.noise(12)))
@example(' b="a b c')
@example(" a b c = d")
def test_cooking_paths_agree_with_the_scanner(body: str) -> None:
    body = body.replace("[", "").replace("]", "")
    # Lower the length thresholds so that short lists take the paths for long ones.
    with patch.object(tokenizer, "_WORDS_MIN", 0), patch.object(tokenizer, "_LONG_BODY", 0):
        _check_cooking(body)
    _check_cooking(body)


def _read_fast_reference(body: str, pos: int, keys: list[str], raw_values: list[str],
                         quotes: list[str]) -> int:
    """`_read_fast` as it was before `_read_words`: one match a value."""
    bare_at = -1
    while (match := tokenizer._FAST_ATTR.match(body, pos)) is not None:
        _, key, _, value = match.groups()
        bare_at = -1
        quoted = value[0] in tokenizer._QUOTE_CHARS
        if not key and not quoted:
            bare_at, key = pos, ""
        keys.append(key)
        raw_values.append(value[1:-1] if quoted else value)
        quotes.append(value[0] + value[-1] if quoted else "")
        pos = match.end()
    if bare_at >= 0 and tokenizer._ONLY_SEPARATORS.match(body, pos) is None:
        del keys[-1], raw_values[-1], quotes[-1]
        return bare_at
    return pos


@given(_WORD_LIST, st.integers(0, 3))
@example(" a b c", 0)
@example(" a b c=", 0)
@example(" a b c =", 0)
@example(" a b\u200bc d", 0)
def test_word_runs_read_as_the_fast_pattern_reads_them(body: str, pos: int) -> None:
    pos = min(pos, len(body))
    expected: tuple[list[str], list[str], list[str]] = ([], [], [])
    end = _read_fast_reference(body, pos, *expected)
    got: tuple[list[str], list[str], list[str]] = ([], [], [])
    with patch.object(tokenizer, "_WORDS_MIN", 0):
        assert tokenizer._read_fast(body, pos, *got) == end
    assert got == expected


def test_words_stop_is_every_character_split_and_the_pattern_disagree_on() -> None:
    separators = set(SEP_STRING)
    every = "".join(map(chr, range(0x110000)))
    stops = set(tokenizer._WORDS_STOP.findall(every))
    assert stops == {ch for ch in every
                     if ch.isspace() != (ch in separators) or ch in "&=\"'“”„″‘’′"}
    assert separators == set(re.findall(f"[{SEP_CHARS}]", every))


def _end_or(match: regex.Match[str] | None, default: int) -> int:
    return default if match is None else match.end()


_TWIN_TEXT = st.builds(lambda s, pos: (s, min(pos, len(s))), sts.noise(16), st.integers(0, 20))


@given(_TWIN_TEXT)
def test_stdlib_twins_read_as_their_regex_originals(case: tuple[str, int]) -> None:
    text, pos = case

    def span(match: re.Match[str] | regex.Match[str] | None) -> object:
        return None if match is None else (match.span(), match.groupdict())

    named_open = regex.compile(rf"(?P<key>{tokenizer._KEY})(?P<eq>(?:{SEP})*+=(?:{SEP})*+)"
                               rf"(?:(?P<dq>{tokenizer.DQ})|(?P<sq>{tokenizer.SQ}))")
    assert span(tokenizer._NAMED_OPEN_QUOTE.match(text, pos)) == span(named_open.match(text, pos))
    assert span(tokenizer._SEPS_RE.match(text, pos)) == span(tokenizer._SEPS.match(text, pos))
    run = regex.compile(rf"(?:[^{SEP_CHARS}&]|&(?!(?:nbsp|\#0*160|\#[xX]0*[aA]0);))++")
    run_end = tokenizer._end_of(tokenizer._RUN_OR_EMPTY, text, pos)
    assert run_end == _end_or(run.match(text, pos), pos)
    for twin, original in ((tokenizer._DQ_RE, tokenizer.DOUBLE_QUOTE),
                           (tokenizer._SQ_RE, tokenizer.SINGLE_QUOTE)):
        assert span(twin.search(text, pos)) == span(original.search(text, pos))
    hint = regex.compile(r"&\#(?:0?38|821[1-9]|822[0-2]|8230|824[23]|215|8482);")
    assert span(tokenizer._TEXTURE_HINT.search(text)) == span(hint.search(text))


_TEXTURIZED_REFERENCE = regex.compile(
    r"(?P<entity>&\#(?P<num>8220|8221|8243|8222|8216|8217|8242|8230|215|8211|8212|8482|0?38);)"
    r"|[“”″„‘’′…×–—™]")


def _untexturize_reference(value: str) -> str:
    """`untexturize` before it skipped the steps with nothing to do."""
    value = _TEXTURIZED_REFERENCE.sub(
        lambda m: _cook._ENTITY_CHAR[m["num"]] if m["num"] else m.group(), value)
    value = _cook._DASH_OR_SIGN.sub(lambda m: _cook._DASHES[m.group()], value)
    return "".join(_cook._PLAIN.get(ch, ch) for ch in value)


@given(st.lists(st.sampled_from([*sts.TEXTURE, *sts.QUOTES, "1", "x", " ", "&", "&#", "\\",
                                 "640×480", " – ", " — ", " ™", "…", "é"]),
                max_size=10).map("".join))
def test_untexturize_matches_the_reference(value: str) -> None:
    assert _cook.untexturize(value) == _untexturize_reference(value)
    assert _cook.needs_untexturize(value) == (
        regex.search(r"[“”″„‘’′…×–—™]|&\#", value) is not None)
