"""Attribute schemas: each type converts, each error is a diagnostic and the default is kept."""

from __future__ import annotations

from typing import Literal

import attrs
import pytest

from shortcodes import Shortcode, parse
from shortcodes.schema import (
    Color,
    DateFormat,
    Schema,
    Url,
    attribute,
    schema_from_spec,
)


def _node(text: str) -> Shortcode:
    return next(parse(text).shortcodes())


@attrs.frozen
class Everything:
    title: str = "untitled"
    count: int = 1
    ratio: float = 0.5
    flag: bool = False
    bg_color: Color = Color("#fff")
    link: Url = Url("")
    mail: Url = attribute(Url(""), name="contact", schemes=("mailto",))
    ids: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    align: Literal["left", "right"] = "left"
    when: DateFormat = DateFormat("Y-m-d")
    region: str | None = None


SCHEMA = Schema.from_class(Everything)


def _convert(attributes: str) -> tuple[Everything, list[str]]:
    converted = SCHEMA.convert(_node(f"[x {attributes}]"))
    return converted.values, [d.code for d in converted.diagnostics]


def test_defaults_when_absent() -> None:
    values, codes = _convert("")
    assert values == Everything()
    assert codes == []


def test_field_names_read_underscores_as_hyphens() -> None:
    assert [f.name for f in SCHEMA.fields][:5] == ["title", "count", "ratio", "flag", "bg-color"]
    assert SCHEMA.fields[6].name == "contact"


@pytest.mark.parametrize(("attributes", "field", "expected"), [
    ('title="Hello"', "title", "Hello"),
    ("count=42", "count", 42),
    ('count=" -7 "', "count", -7),
    ("ratio=2.25", "ratio", 2.25),
    *[(f"flag={word}", "flag", True) for word in ("true", "TRUE", "1", "yes", "On")],
    *[(f"flag={word}", "flag", False) for word in ("false", "0", "No", "off")],
    ('bg-color="#0c3278"', "bg_color", "#0c3278"),
    ('bg-color="#ABCDEF80"', "bg_color", "#ABCDEF80"),
    ("bg-color=RebeccaPurple", "bg_color", "RebeccaPurple"),
    ('bg-color="rgb(12, 50, 120)"', "bg_color", "rgb(12, 50, 120)"),
    ('bg-color="hsl(210 50% 40% / 0.5)"', "bg_color", "hsl(210 50% 40% / 0.5)"),
    ('link="https://example.com/a?b=1&amp;c=2"', "link", "https://example.com/a?b=1&c=2"),
    ('link="/wp-content/a.jpg"', "link", "/wp-content/a.jpg"),
    ('link="page.html"', "link", "page.html"),
    ('contact="mailto:a@example.com"', "mail", "mailto:a@example.com"),
    ('ids="1, 2,3,"', "ids", (1, 2, 3)),
    ('tags="a,b , c"', "tags", ("a", "b", "c")),
    ("align=RIGHT", "align", "right"),
    ('when="d/m/Y H:i"', "when", "d/m/Y H:i"),
    ("region=EG", "region", "EG"),
])
def test_each_type_converts(attributes: str, field: str, expected: object) -> None:
    values, codes = _convert(attributes)
    assert getattr(values, field) == expected
    assert codes == []


@pytest.mark.parametrize(("attributes", "field"), [
    ("count=12px", "count"),
    ("count=1.5", "count"),
    ("ratio=abc", "ratio"),
    ("ratio=nan", "ratio"),
    ("ratio=inf", "ratio"),
    ("flag=maybe", "flag"),
    ('flag=""', "flag"),
    ('bg-color="red;background:url(x)"', "bg_color"),
    ('bg-color="expression(alert(1))"', "bg_color"),
    ('bg-color="url(javascript:alert(1))"', "bg_color"),
    ('bg-color="#12"', "bg_color"),
    ('bg-color="rgb(1,2,3);x"', "bg_color"),
    ('link="javascript:alert(1)"', "link"),
    ('link="JaVaScRiPt:alert(1)"', "link"),
    ('link="java&#x09;script:alert(1)"', "link"),
    ('link="javascript&#58;alert(1)"', "link"),
    ('link="data:text/html,<b>"', "link"),
    ('link="https://exa mple.com"', "link"),
    ('contact="https://example.com"', "mail"),
    ('ids="1,two,3"', "ids"),
    ("align=center", "align"),
    ('when="Y\\"', "when"),
])
def test_each_error_is_sc403_and_keeps_the_default(attributes: str, field: str) -> None:
    values, codes = _convert(attributes)
    assert getattr(values, field) == getattr(Everything(), field)
    assert codes == ["SC403"]


def test_error_diagnostic_points_at_the_attribute() -> None:
    converted = SCHEMA.convert(_node('Intro\n[x title=ok count="many"]'))
    (diagnostic,) = converted.diagnostics
    assert (diagnostic.span.start.line, diagnostic.span.start.column) == (2, 13)
    assert diagnostic.message == (
        "`count` of `x` must be an integer, not `many`; the default `1` is used")
    assert diagnostic.hint == "write an integer, or leave the attribute out"


def test_unknown_attributes_are_kept_and_reported() -> None:
    converted = SCHEMA.convert(_node('[x Colour=red title=a extra="1"]'))
    assert dict(converted.unknown) == {"colour": "red", "extra": "1"}
    assert [(d.code, d.span.start.column) for d in converted.diagnostics] == [
        ("SC404", 4), ("SC404", 23)]


def test_smart_quoted_values_are_converted_cooked() -> None:
    converted = SCHEMA.convert(_node("[x bg-color=”#0c3278″ flag=”true”]"))
    assert converted.values.bg_color == "#0c3278"
    assert converted.values.flag is True


def test_last_repeated_attribute_wins() -> None:
    values, codes = _convert("count=1 count=2")
    assert values.count == 2
    assert codes == []


def test_positional_values_are_left_to_the_handler() -> None:
    converted = SCHEMA.convert(_node("[x https://example.com/a.mp3]"))
    assert converted.diagnostics == ()
    assert converted.unknown == {}


def test_from_class_rejects_what_it_cannot_convert() -> None:
    @attrs.frozen
    class NoDefault:
        size: int

    @attrs.frozen
    class BadType:
        size: list[int] = attrs.field(factory=list)

    class NotAttrs:
        size: int = 1

    with pytest.raises(TypeError, match="needs a default"):
        Schema.from_class(NoDefault)
    with pytest.raises(TypeError, match="cannot convert"):
        Schema.from_class(BadType)
    with pytest.raises(TypeError, match="not an attrs class"):
        Schema.from_class(NotAttrs)


def test_schema_from_spec() -> None:
    schema = schema_from_spec({"Columns": "int", "ids": "list[int]", "size": "choice:s|m|l",
                               "color": "color", "href": "url", "on": "bool",
                               "when": "date-format", "names": "list", "r": "float"})
    converted = schema.convert(_node('[g columns=2 ids="3,4" size=M color=red href=/a on=yes '
                                     'when="Y" names="a,b" r=1.5 other=1]'))
    assert converted.values == {"columns": 2, "ids": (3, 4), "size": "m", "color": "red",
                                "href": "/a", "on": True, "when": "Y", "names": ("a", "b"),
                                "r": 1.5}
    assert [d.code for d in converted.diagnostics] == ["SC404"]
    assert schema.check(_node("[g columns=x]"))[0].code == "SC403"


def test_schema_from_spec_names_the_bad_type() -> None:
    with pytest.raises(ValueError, match="attribute `size`: unknown type `number`"):
        schema_from_spec({"size": "number"})
    with pytest.raises(ValueError, match="unknown type `choice:`"):
        schema_from_spec({"size": "choice:"})


def test_attribute_with_its_own_converter() -> None:
    def iso2(value: str) -> str:
        if len(value) != 2 or not value.isascii() or not value.isalpha():
            raise ValueError("two ASCII letters")
        return value.upper()

    @attrs.frozen
    class Card:
        region: str = attribute("", convert=iso2)

    schema = Schema.from_class(Card)
    assert schema.convert(_node("[c region=eg]")).values == Card(region="EG")
    converted = schema.convert(_node("[c region=Egypt]"))
    assert converted.values == Card()
    assert converted.diagnostics[0].message == (
        "`region` of `c` must be two ASCII letters, not `Egypt`; the default (empty) is used")
