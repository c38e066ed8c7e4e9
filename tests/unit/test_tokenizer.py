from __future__ import annotations

import pytest

from shortcodes import TokenKind, tokenize
from shortcodes.tokenizer import check_name, cook_attributes, scan_attributes


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
