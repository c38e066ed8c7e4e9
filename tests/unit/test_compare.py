"""`shortcodes.compare`: where `parse` and WordPress read a text differently."""

from __future__ import annotations

import json

import pytest

from shortcodes import Severity, parse
from shortcodes.compare import Difference, wordpress_differences

CARD = "covid19-ultimate-card"


def _summary(text: str, **options: object) -> list[tuple[str, str, int, tuple[str, ...]]]:
    return [(d.kind, d.name, d.span.start.offset, d.details)
            for d in wordpress_differences(text, **options)]  # type: ignore[arg-type]


# -- the seed article ----------------------------------------------------------------------


def test_seed_one_attribute_difference_per_card(seed_text: str) -> None:
    differences = wordpress_differences(seed_text)
    cards = list(parse(seed_text).shortcodes())
    assert len(differences) == 4
    assert [d.span for d in differences] == [card.span for card in cards]
    for difference, card in zip(differences, cards, strict=True):
        assert (difference.kind, difference.name) == ("attributes", CARD)
        # Every attribute is smart-quoted, so each one is named in a detail line, in order.
        named = [line.split("`")[1] for line in difference.details[:-1]]
        assert named == list(card.attrs)
        assert difference.details[-1].startswith("the positional values are none here and ")
        assert difference.ours is not None and difference.wordpress is not None
        assert difference.ours["attrs"] == dict(card.attrs)
        assert difference.ours["positional"] == []
        assert set(difference.wordpress["attrs"]) == set(card.attrs)
    assert [d.message for d in differences] == [
        f"WordPress reads {n} attribute values and the positional values of `[{CARD}]` "
        "differently" for n in (18, 18, 18, 17)]


def test_seed_multiword_value_splits_in_wordpress(seed_text: str) -> None:
    second = wordpress_differences(seed_text)[1]
    assert "`region` is `AE` here and `”AE”` in WordPress" in second.details
    assert ("`region-name` is `الإمارات العربية المتحدة` here and `”الإمارات` in WordPress"
            in second.details)
    assert "`bg-color` is `#0c3278` here and `”#0c3278″` in WordPress" in second.details
    assert second.wordpress is not None
    assert second.wordpress["attrs"]["region-name"] == "”الإمارات"
    assert second.wordpress["positional"][:2] == ["العربية", "المتحدة”"]


def test_seed_with_straight_quotes_has_no_differences(seed_text: str) -> None:
    straight = seed_text.replace("”", '"').replace("″", '"')
    assert wordpress_differences(straight) == ()


# -- texts both read the same way --------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "",
    "no shortcodes «700»",
    '[a x="1"]y[/a]',
    "[a x='1' y=2 \"pos\" bare /] [b]",
    '[row][col w="1"]نص[/col][col "wide" /][/row]',
    "[[gallery]] [[b]x[/b]]",
    "[a][b][/a][/b]",  # both: `b` standalone inside `a`, a stray `[/b]`
    "[a x=1][a\u00a0y=2]",  # `a` is written whole once, so WordPress finds both
    "[a 5=five loose]",
    '<a title="[b x=1]">link</a>',
])
def test_no_differences(text: str) -> None:
    assert wordpress_differences(text) == ()


# -- attributes ------------------------------------------------------------------------------------


def test_entity_quotes() -> None:
    assert _summary("[map c=&#8221;35.8,14.5&#8243;]") == [(
        "attributes", "map", 0,
        ("`c` is `35.8,14.5` here and `&#8221;35.8,14.5&#8243;` in WordPress",))]


def test_positional_values() -> None:
    assert _summary("[a ”x y”]") == [(
        "attributes", "a", 0,
        ("the positional values are `x y` here and `”x`, `y”` in WordPress",))]


def test_php_integer_key_overwrites_a_positional_value() -> None:
    # WordPress: `c` gets key 0, `d` key 1, then `1=z` overwrites `d`.
    assert _summary("[b c d 1=z]") == [(
        "attributes", "b", 0,
        ("the positional values are `c`, `d` here and `c` in WordPress",))]


def test_placeholder_entities_are_renumbered_by_wordpress() -> None:
    assert _summary('[a x="&#91;"]') == [(
        "attributes", "a", 0, ("`x` is `&#91;` here and `&#091;` in WordPress",))]


def test_nested_shortcodes_are_compared() -> None:
    assert _summary("[row][col w=”1″]x[/col][/row]") == [(
        "attributes", "col", 5, ("`w` is `1` here and `”1″` in WordPress",))]


def test_missing_values_are_named() -> None:
    (difference,) = wordpress_differences('[a x="1"&nbsp;y="2"]')
    assert difference.details == (
        "`x` is `1` here and not set in WordPress",
        "`y` is `2` here and not set in WordPress",
        'the positional values are none here and `x="1"&nbsp;y="2"` in WordPress',
    )


# -- names -----------------------------------------------------------------------------------------


def test_invalid_registered_name_is_a_caller_mistake() -> None:
    with pytest.raises(ValueError, match="invalid shortcode name"):
        wordpress_differences("[a]", tags=["a b"])
    with pytest.raises(TypeError, match="iterable of names"):
        wordpress_differences("[a]", tags="a")
    with pytest.raises(TypeError, match="needs a str"):
        wordpress_differences(b"[a]")  # type: ignore[arg-type]


def test_name_wordpress_does_not_look_for() -> None:
    # To WordPress the name after `[` is `a\xa0x`, so `a` is not in the text.
    assert _summary('[a\u00a0x="1"]') == [(
        "not-a-shortcode", "a", 0,
        ("WordPress reads the name after `[` as 'a\\xa0x', and looks only for names "
         "written like that somewhere in the text",))]


def test_name_read_whole_here_and_by_prefix_in_wordpress() -> None:
    # Alone, `[a.b]` holds no `a` WordPress looks for; after `[a]` it does.
    assert _summary("[a.b]", tags=["a"]) == []
    assert _summary("[a.b] [a]", tags=["a"]) == [(
        "not-a-shortcode", "a", 0,
        ("here the tag's name is `a.b`, which is not registered",))]
    assert _summary("[a x] [a.b]", tags=["a", "a.b"]) == [(
        "name", "a.b", 6,
        ("the name is `a.b` here and `a` in WordPress",
         "the positional values are none here and `.b` in WordPress"))]


def test_unregistered_names_are_text_on_both_sides() -> None:
    assert [d.name for d in wordpress_differences("[a x=”1”] [b y=”2”]", tags=["a"])] == ["a"]


def test_bracket_inside_a_tag() -> None:
    assert _summary('[a t="[x"]', tags=["a", 'x"']) == [
        ("not-a-shortcode", "a", 0,
         ("here it is not a tag: a tag cannot contain `[` or `]`, and its name must be "
          "followed by a space, `/]` or `]`",)),
        ("not-a-shortcode", 'x"', 6,
         ("WordPress reads it as part of the opening tag of `[a]`, which runs to the "
          "first `]`",)),
    ]


# -- escapes and structure ----------------------------------------------------------------


def test_escape_followed_by_a_closer() -> None:
    (difference,) = wordpress_differences("[[a]]x[/a]")
    assert difference.kind == "not-a-shortcode"
    assert difference.message == ("`[a]` is an escaped shortcode, printed as text, here and "
                                  "a shortcode in WordPress")
    assert difference.details == ("in WordPress it encloses `]x`, closed at 1:7",)
    assert difference.ours is not None and difference.ours["escaped"]
    assert difference.wordpress is not None and difference.wordpress["content"] == "]x"


def test_escape_of_a_different_stretch() -> None:
    assert _summary("[[a][a]x[/a]]") == [
        ("not-a-shortcode", "a", 1, ()),
        ("not-a-shortcode", "a", 4,
         ("WordPress reads it as part of the escape `[[a][a]x[/a]]`",)),
    ]


def test_unclosed_opener_before_a_closed_one() -> None:
    differences = wordpress_differences("[a]x[a]y[/a]")
    assert [(d.kind, d.span.start.offset, d.message) for d in differences] == [
        ("structure", 0, "WordPress reads `[a]` as enclosing the text up to a later `[/a]`"),
        ("structure", 4, "WordPress reads `[a]` as standalone, without a closing tag"),
    ]
    assert differences[0].details == (
        "`[a]` has no closing tag here and encloses `x[a]y`, closed at 1:9 in WordPress",)
    assert differences[0].wordpress is not None
    assert differences[0].wordpress["content"] == "x[a]y"


def test_same_name_nesting() -> None:
    assert [(d.kind, d.span.start.offset, d.message)
            for d in wordpress_differences("[a][a]x[/a][/a]")] == [
        ("structure", 0, "WordPress closes `[a]` at a different `[/a]`"),
        ("structure", 3, "WordPress reads `[a]` as standalone, without a closing tag"),
    ]


def test_closing_tag_with_a_space() -> None:
    assert _summary("[a]x[/a ]") == [(
        "structure", "a", 0,
        ("`[a]` encloses `x`, closed at 1:5 here and has no closing tag in WordPress",))]


# -- HTML ------------------------------------------------------------------------------------------


def test_shortcode_in_an_html_attribute() -> None:
    text = '<a title="[b x=”1”]">'
    assert _summary(text) == [(
        "attributes", "b", 10, ("`x` is `1` here and `”1”` in WordPress",))]
    assert _summary(text, ignore_html=True) == [(
        "not-a-shortcode", "b", 10,
        ('it is inside the HTML tag `<a title="[b x=”1”]">`, which WordPress leaves alone '
         "with `ignore_html`",))]


def test_html_comment_protects_brackets() -> None:
    assert _summary("<!-- [b] -->") == [(
        "not-a-shortcode", "b", 5,
        ("it is inside the HTML tag `<!-- [b] -->`, where WordPress reads shortcodes only in "
         "attribute values",))]


def test_offsets_survive_renumbered_entities() -> None:
    text = "&#91; &#93; [a x=”1”]"
    (difference,) = wordpress_differences(text)
    assert difference.span.start.offset == text.index("[a")
    assert difference.wordpress is not None
    assert difference.wordpress["span"] == difference.span.to_json()


# -- the value itself ------------------------------------------------------------------------


def test_to_diagnostic_and_to_json() -> None:
    (difference,) = wordpress_differences("Intro\n[card region=”EG”]")
    diagnostic = difference.to_diagnostic()
    assert (diagnostic.code, diagnostic.name, diagnostic.severity) == (
        "SC309", "wordpress-difference", Severity.WARNING)
    assert diagnostic.message == "WordPress reads 1 attribute value of `[card]` differently"
    assert diagnostic.hint == ('write each attribute as name="value" with straight quotes, '
                               "separated by plain spaces")
    assert (diagnostic.span.start.line, diagnostic.span.start.column) == (2, 1)
    span = {"start": {"offset": 6, "line": 2, "column": 1},
            "end": {"offset": 24, "line": 2, "column": 19}}
    assert json.loads(json.dumps(difference.to_json())) == {
        "kind": "attributes",
        "name": "card",
        "message": "WordPress reads 1 attribute value of `[card]` differently",
        "span": span,
        "ours": {"name": "card", "escaped": False, "attrs": {"region": "EG"},
                 "positional": [], "content": None, "span": span},
        "wordpress": {"name": "card", "escaped": False, "attrs": {"region": "”EG”"},
                      "positional": [], "content": None, "span": span},
        "details": ["`region` is `EG` here and `”EG”` in WordPress"],
    }


def test_differences_are_hashable_values() -> None:
    first = wordpress_differences("[a x=”1”]")
    assert first == wordpress_differences("[a x=”1”]")
    assert len({*first, *first}) == 1
    assert isinstance(first[0], Difference)


def test_invisible_values_are_shown_as_literals() -> None:
    (difference,) = wordpress_differences("[a x=”\u200f1”]")
    assert difference.details == ("`x` is '\\u200f1' here and '”\\u200f1”' in WordPress",)


# -- size ------------------------------------------------------------------------------------------


def test_deep_nesting_of_distinct_names_without_recursion() -> None:
    depth = 1_500
    text = "".join(f"[n{i}]" for i in range(depth)) + "x" + "".join(
        f"[/n{i}]" for i in reversed(range(depth)))
    assert wordpress_differences(text) == ()


def test_many_unclosed_openers() -> None:
    text = "[a] " * 20_000 + "[a]x[/a]"
    differences = wordpress_differences(text)
    # WordPress pairs the first `[a]` with the only `[/a]`; here the last `[a]` gets it.
    assert [(d.kind, d.span.start.offset) for d in differences] == [
        ("structure", 0), ("structure", len(text) - 8)]
