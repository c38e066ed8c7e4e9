from __future__ import annotations

from typing import Any

import attrs
import pytest

from shortcodes import Attribute, Document, Escape, Shortcode, Text, parse


def first(text: str) -> tuple[Document, Shortcode]:
    doc = parse(text)
    return doc, next(doc.shortcodes())


def test_attribute_nodes_keep_raw_beside_cooked() -> None:
    _, sc = first("[a  Region = ”EG”\u00a0size=&#8221;10&#8243; 'pos' bare]")
    region, size, pos, bare = sc.attributes
    assert (region.name, region.raw_name, region.value) == ("region", "Region", "EG")
    assert (region.leading, region.equals, region.open_quote, region.close_quote) == \
        ("  ", " = ", "”", "”")
    assert region.raw == "Region = ”EG”"
    assert (size.leading, size.open_quote, size.close_quote, size.value) == \
        ("\u00a0", "&#8221;", "&#8243;", "10")
    assert pos.is_positional and (pos.value, pos.open_quote) == ("pos", "'")
    assert bare.raw == "bare"
    assert sc.positional == ("pos", "bare")
    assert sc.trailing == ""


def test_attribute_spans_slice_their_raw_text() -> None:
    text = "x\n[a k=”v” b='2'] [c t=1]"
    doc = parse(text)
    for sc in doc.shortcodes():
        for attribute in sc.attributes:
            span = attribute.span
            assert span is not None
            assert span.slice(text) == attribute.raw
    k = next(doc.shortcodes()).attributes[0]
    assert (k.span.start.line, k.span.start.column) == (2, 4)  # type: ignore[union-attr]


def test_attrs_mapping_is_read_only() -> None:
    _, sc = first("[a x=1]")
    with pytest.raises(TypeError):
        sc.attrs["x"] = "2"  # type: ignore[index]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        sc.name = "b"  # type: ignore[misc]


def test_with_attribute_reprints_only_the_changed_attribute() -> None:
    text = "«a» [card  region='EG' rtl=true]body[/card ] z"
    doc, sc = first(text)
    edited = doc.replace(sc, sc.with_attribute("region", "AE"))
    assert edited.to_source() == "«a» [card  region=\"AE\" rtl=true]body[/card ] z"
    assert next(edited.shortcodes()).attrs["region"] == "AE"
    # The edited document is parsed again, so positions describe the new text.
    card = next(edited.shortcodes())
    assert card.span is not None and card.span.slice(edited.to_source()) == card.to_source()
    assert edited.diagnostics == ()


def test_editing_a_texturized_tag_rewrites_all_its_attributes() -> None:
    # `t` reads as `--` only beside curled quotes, so it is written out too.
    doc, sc = first("x [card region=”EG” t=– \"\"]y")
    edited = doc.replace(sc, sc.with_attribute("region", "AE"))
    assert edited.to_source() == 'x [card region="AE" t="--" ""]y'
    again = next(edited.shortcodes())
    assert (dict(again.attrs), again.positional) == ({"region": "AE", "t": "--"}, ())


def test_new_attribute_is_appended_in_canonical_form() -> None:
    _, sc = first("[a x=1/]")
    assert sc.with_attribute("Title", 'say "hi"').to_source() == "[a x=1 title='say \"hi\"'/]"


def test_without_and_renamed_attributes() -> None:
    _, sc = first('[a x="1" y="2" x="3"]')
    assert sc.without_attribute("x").to_source() == '[a y="2"]'
    assert sc.with_attribute_renamed("y", "z").to_source() == '[a x="1" z="2" x="3"]'
    with pytest.raises(KeyError, match="no attribute `q`"):
        sc.without_attribute("q")
    with pytest.raises(KeyError):
        sc.with_attribute_renamed("q", "r")


def test_rename_shortcode_rewrites_both_tags() -> None:
    doc, sc = first("a [old k=”v”]in [b]x[/b][/old] z")
    renamed = doc.replace(sc, sc.with_name("new"))
    assert renamed.to_source() == "a [new k=”v”]in [b]x[/b][/new] z"


def test_remove_replace_unwrap() -> None:
    text = "a [o]b [i]c[/i] d[/o] e"
    doc = parse(text)
    outer, inner = doc.shortcodes()
    assert doc.replace(inner).to_source() == "a [o]b  d[/o] e"
    assert doc.replace(inner, Text("C")).to_source() == "a [o]b C d[/o] e"
    assert doc.unwrap(outer).to_source() == "a b [i]c[/i] d e"
    assert doc.unwrap(inner).to_source() == "a [o]b c d[/o] e"
    with pytest.raises(ValueError, match="not in this document"):
        doc.replace(Text("b "))
    # Untouched: the original document is unchanged.
    assert doc.to_source() == text


def test_hand_built_shortcode_prints_canonically() -> None:
    sc = Shortcode(name="gallery", attributes=[Attribute(name="ids", value="1,2"),
                                               Attribute(name=None, value="x y")])
    assert sc.to_source() == '[gallery ids="1,2" "x y"]'
    assert sc.span is None and sc.positional == ("x y",)
    enclosing = Shortcode(name="b", children=[Text("bold")], enclosing=True)
    assert enclosing.to_source() == "[b]bold[/b]" and enclosing.content == "bold"
    assert Document([Text("a "), enclosing]).to_source() == "a [b]bold[/b]"


def test_equality_ignores_positions() -> None:
    a = next(parse("[x k=1]").shortcodes())
    b = next(parse("zz [x k=1]").shortcodes())
    assert a == b and hash(a) == hash(b)
    assert a != next(parse("[x k=2]").shortcodes())
    assert Text("q", 0) == Text("q", 5)


def test_escape_value_is_what_wordpress_prints() -> None:
    doc = parse("[[b]x[/b]]")
    (escape,) = doc.children
    assert isinstance(escape, Escape) and escape.value == "[b]x[/b]"
    assert list(doc.shortcodes()) == []


def test_json_form() -> None:
    doc = parse("[o a=”1”]x [i]y[/i][/o]")
    data = doc.to_json("f.txt")
    assert data["path"] == "f.txt"
    outer: dict[str, Any] = data["shortcodes"][0]  # type: ignore[index]
    assert outer["name"] == "o" and outer["attrs"] == {"a": "1"}
    assert outer["content"] == "x [i]y[/i]"
    assert outer["children"][0]["name"] == "i"
    assert outer["span"]["end"]["offset"] == len("[o a=”1”]x [i]y[/i][/o]")
    assert data["diagnostics"][0]["code"] == "SC301"  # type: ignore[index]


def test_replace_reparses_with_the_same_options() -> None:
    doc = parse("[a x=1] [b] [c]y[/c]", known=["a", "c"])
    a = next(doc.shortcodes())
    edited = doc.replace(a, a.with_attribute("x", "2"))
    assert edited.to_source() == '[a x="2"] [b] [c]y[/c]'
    assert [sc.name for sc in edited.shortcodes()] == ["a", "c"]
    c = list(edited.shortcodes())[1]
    assert c.span is not None and c.span.slice(edited.to_source()) == "[c]y[/c]"


def test_content_of_deep_nesting_is_a_slice() -> None:
    depth = 3_000
    text = "[a]" * depth + "x" + "[/a]" * depth
    contents = [sc.content for sc in parse(text).shortcodes()]
    assert contents[-1] == "x"
    assert contents[0] == text[3:-4]
