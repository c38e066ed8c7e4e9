from __future__ import annotations

import pytest

from shortcodes import Shortcode, ShortcodeSyntaxError, Text, parse


def test_bytes_get_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match="decode bytes"):
        parse(b"[a]")  # type: ignore[arg-type]


def test_lone_surrogates_parse_and_round_trip() -> None:
    text = "\ud800[a x=\udfff]\udc00[/a]"
    doc = parse(text)
    assert doc.to_source() == text
    (sc,) = doc.shortcodes()
    assert sc.attrs["x"] == "\udfff"
    assert sc.content == "\udc00"


def test_hundred_thousand_nesting_levels_without_recursion() -> None:
    depth = 100_000
    text = "[a]" * depth + "x" + "[/a]" * depth
    doc = parse(text, max_depth=depth)
    assert doc.diagnostics == ()
    assert sum(1 for _ in doc.shortcodes()) == depth
    assert "".join(n.to_source() for n in doc.children) == text  # printed from the tree
    innermost = list(doc.shortcodes())[-1]
    assert innermost.children == (Text("x"),)
    assert innermost.span is not None and innermost.span.start.offset == 3 * (depth - 1)


def test_default_depth_limit_keeps_all_text() -> None:
    depth = 20_000
    text = "[a]" * depth + "x" + "[/a]" * depth
    doc = parse(text)
    assert "".join(n.to_source() for n in doc.children) == text
    assert [d.code for d in doc.diagnostics] == ["SC204"]


def test_many_unclosed_openers_are_standalone() -> None:
    text = "[a] " * 50_000
    doc = parse(text)
    assert sum(1 for _ in doc.shortcodes()) == 50_000
    assert all(not sc.enclosing for sc in doc.shortcodes())
    assert doc.to_source() == text


def test_strict_mode_raises_with_every_diagnostic() -> None:
    with pytest.raises(ShortcodeSyntaxError) as caught:
        parse("[a][b][/a][/b] [/c] [d x=”1”]", strict=True)
    codes = [d.code for d in caught.value.diagnostics]
    assert codes == ["SC203", "SC202", "SC301"]
    assert str(caught.value).startswith("1:11: SC203")


def test_strict_mode_passes_clean_content() -> None:
    assert parse('[a x="1"]y[/a]', strict=True).to_source() == '[a x="1"]y[/a]'


def test_known_names_are_validated() -> None:
    with pytest.raises(ValueError, match="invalid shortcode name"):
        parse("[a]", known=["a b"])
    with pytest.raises(TypeError, match="iterable of names"):
        parse("[a]", known="a")


def test_max_depth_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_depth"):
        parse("[a]", max_depth=0)


def test_names_are_case_sensitive() -> None:
    doc = parse("[A]x[/a]")
    first = doc.children[0]
    assert isinstance(first, Shortcode) and not first.enclosing
    assert [d.code for d in doc.diagnostics] == ["SC202"]


def test_content_is_raw_inner_text() -> None:
    (outer, inner) = parse("[o] a [i k=”v”]b[/i] c [/o]").shortcodes()
    assert outer.content == " a [i k=”v”]b[/i] c "
    assert inner.content == "b"
    assert [type(n).__name__ for n in outer.children] == ["Text", "Shortcode", "Text"]


def test_text_without_brackets_is_one_node() -> None:
    doc = parse("plain «text» “quoted” مرحبا\r\n")
    assert doc.children == (Text("plain «text» “quoted” مرحبا\r\n"),)
    assert parse("").children == ()


def test_standalone_shortcodes_do_not_count_as_depth() -> None:
    doc = parse("[img][img][box]x[/box]", max_depth=2)
    assert doc.diagnostics == ()
    assert [sc.enclosing for sc in doc.shortcodes()] == [False, False, True]
    many = parse("[img] " * 10_000 + "[box]x[/box]")
    assert many.diagnostics == ()
    assert list(many.shortcodes())[-1].content == "x"


def test_bidi_marks_in_a_closing_tag_are_reported() -> None:
    doc = parse("[b]x[/b\u200f]")
    assert [d.code for d in doc.diagnostics] == ["SC101"]
    assert next(doc.shortcodes()).enclosing


@pytest.mark.parametrize("enabled", [True, False])
def test_a_long_parse_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    # Long texts are parsed with the collector paused; its state must come back.
    import gc

    text = "[a x=1]y[/a] " * 20_000  # longer than the pause threshold
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        doc = parse(text)
        assert gc.isenabled() is enabled
        assert doc.to_source() == text
        assert sum(1 for _ in doc.shortcodes()) == 20_000
    finally:
        gc.enable() if was else gc.disable()
