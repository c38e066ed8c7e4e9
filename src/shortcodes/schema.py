"""Attribute schemas: a shortcode's attributes, typed, with defaults.

A schema is declared as an attrs class whose annotations pick the conversion:

>>> import attrs
>>> from shortcodes import parse
>>> from shortcodes.schema import Color, Schema
>>> @attrs.frozen
... class Box:
...     columns: int = 3
...     rtl: bool = False
...     bg_color: Color = Color("#ffffff")
>>> node = next(parse('[box columns="x" RTL=yes bg-color="#0c3278" extra=1]').shortcodes())
>>> converted = Schema.from_class(Box).convert(node)
>>> converted.values
Box(columns=3, rtl=True, bg_color='#0c3278')
>>> for diagnostic in converted.diagnostics:
...     print(diagnostic.code, diagnostic.message)
SC403 `columns` of `box` must be an integer, not `x`; the default `3` is used
SC404 `box` has no attribute `extra`; it is kept

Attribute names are the field names with ``_`` read as ``-`` (``bg_color`` is
``bg-color``), or the name given with `attribute`. Types: `str`, `int`, `float`,
`bool` (``true/false/1/0/yes/no/on/off``, any case), `Color` (a CSS colour),
`Url` (a URL whose scheme is in an allow-list), `DateFormat` (a PHP ``date()``
format), ``Literal[...]`` (one of the choices, any case), ``tuple[T, ...]`` of
`str`, `int` or `float` (comma-separated, ``ids="1,2,3"``), and any of these
``| None``. A value that does not convert gives an ``SC403`` diagnostic at the
attribute and the default is used; an attribute the schema does not declare gives
``SC404`` and is kept in `Converted.unknown` (WordPress drops it silently).
Configuration files name the same types as strings (`schema_from_spec`).
"""

from __future__ import annotations

import html
import math
import types
import typing
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any, Final, Literal, NewType, Union

import attrs
import regex

from shortcodes.diagnostics import Diagnostic
from shortcodes.nodes import Attribute, Shortcode
from shortcodes.span import Position, Span

__all__ = [
    "DEFAULT_SCHEMES",
    "Color",
    "Converted",
    "DateFormat",
    "Field",
    "Schema",
    "Url",
    "attribute",
    "schema_from_spec",
]

#: A CSS colour, validated before it reaches a ``style`` attribute.
Color = NewType("Color", str)
#: A URL whose scheme is in the field's allow-list (or relative), safe for ``href``/``src``.
Url = NewType("Url", str)
#: A PHP ``date()`` format such as ``Y-m-d H:i``.
DateFormat = NewType("DateFormat", str)

#: URL schemes allowed when a field does not say otherwise.
DEFAULT_SCHEMES: Final = ("http", "https")

_METADATA_KEY: Final = "shortcodes"

_TRUE: Final = frozenset({"true", "1", "yes", "on"})
_FALSE: Final = frozenset({"false", "0", "no", "off"})

# CSS Color Module Level 4 named colours, plus the keywords that are colours.
_NAMED_COLORS: Final = frozenset("""
aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk
crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki
darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue
dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite
gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki
lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen
lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen
magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen
mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream
mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum
powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown
seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen
steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow
yellowgreen transparent currentcolor
""".split())  # noqa: SIM905 - a word list reads best

# Hex colours and the functional notations with numeric arguments only: nothing
# that could carry `url(`, `expression(`, `;` or a quote into a style attribute.
_COLOR: Final = regex.compile(r"""
    \#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})
  | (?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)
    \(\s*[-+]?[0-9.]+(?:%|deg|turn|rad)?
    (?:\s*[,/]?\s*[-+]?[0-9.]+%?){1,3}\s*\)
""", regex.VERBOSE | regex.IGNORECASE)

# Characters browsers ignore or treat specially inside a URL scheme (`java\tscript:`).
_URL_FORBIDDEN: Final = regex.compile(r"[\x00-\x20\x7f]")


class _Invalid(ValueError):
    """A value that does not convert; the message ends the sentence ``... must be X``."""


def _convert_str(value: str) -> str:
    return value


def _convert_int(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise _Invalid("an integer") from None


def _convert_float(value: str) -> float:
    try:
        number = float(value.strip())
    except ValueError:
        raise _Invalid("a number") from None
    if not math.isfinite(number):
        raise _Invalid("a finite number")
    return number


def _convert_bool(value: str) -> bool:
    folded = value.strip().lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise _Invalid("one of true/false, 1/0, yes/no, on/off")


def _convert_color(value: str) -> Color:
    stripped = value.strip()
    if stripped.lower() in _NAMED_COLORS or _COLOR.fullmatch(stripped):
        return Color(stripped)
    raise _Invalid("a CSS colour (`#rgb`, `#rrggbb`, `rgb(…)`, `hsl(…)` or a colour name)")


def _url_converter(schemes: tuple[str, ...]) -> Callable[[str], Url]:
    """Return a converter accepting relative URLs and absolute ones with *schemes*."""

    def convert(value: str) -> Url:
        # Values come from HTML content: `&amp;` in a URL means `&`, and an
        # entity-encoded `javascript&#58;` must be seen for what it is.
        url = html.unescape(value.strip())
        if _URL_FORBIDDEN.search(url):
            raise _Invalid("a URL without spaces or control characters")
        # A scheme starts with a letter (WHATWG URL); anything else before `:`
        # makes a relative URL, as it does in browsers.
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        if scheme and scheme not in schemes:
            raise _Invalid(f"a relative URL or one with scheme {', '.join(schemes)}")
        return Url(url)

    return convert


def _convert_date_format(value: str) -> DateFormat:
    from shortcodes.phpdate import check_format

    problem = check_format(value)
    if problem is not None:
        raise _Invalid(f"a PHP date format ({problem[:1].lower()}{problem[1:].rstrip('.')})")
    return DateFormat(value)


def _list_converter(item: Callable[[str], object]) -> Callable[[str], tuple[object, ...]]:
    def convert(value: str) -> tuple[object, ...]:
        parts = [part.strip() for part in value.split(",")]
        try:
            return tuple(item(part) for part in parts if part)
        except _Invalid as error:
            raise _Invalid(f"a comma-separated list, each item {error}") from None

    return convert


def _choice_converter(choices: tuple[str, ...]) -> Callable[[str], str]:
    folded = {choice.lower(): choice for choice in choices}

    def convert(value: str) -> str:
        try:
            return folded[value.strip().lower()]
        except KeyError:
            raise _Invalid("one of " + ", ".join(f"`{c}`" for c in choices)) from None

    return convert


_SIMPLE: Final[Mapping[object, Callable[[str], object]]] = {
    str: _convert_str, int: _convert_int, float: _convert_float, bool: _convert_bool,
    Color: _convert_color, DateFormat: _convert_date_format,
}


@attrs.frozen(kw_only=True)
class Field:
    """One declared attribute: its names, conversion and default.

    .. versionadded:: 0.1
    """

    #: The attribute's name in the shortcode (``bg-color``).
    name: str
    #: The name of the Python field (``bg_color``); the same as `name` for specs.
    field_name: str
    #: Turns the cooked string into the typed value; raises `ValueError` if it cannot.
    convert: Callable[[str], object] = attrs.field(eq=False)
    #: The value used when the attribute is absent or does not convert.
    default: object
    #: What the value must be, for messages (``an integer``); empty when unknown.
    describes: str = ""


def attribute(default: object = None, *, name: str | None = None,
              schemes: tuple[str, ...] = DEFAULT_SCHEMES,
              convert: Callable[[str], object] | None = None) -> Any:
    """Declare a schema field with a shortcode name, URL schemes or a converter of its own.

    *convert* replaces the conversion the annotation picks: it receives the cooked
    value and returns the typed one, or raises `ValueError` whose message completes
    "must be ...": ``raise ValueError("two ASCII letters")``.

    >>> import attrs
    >>> @attrs.frozen
    ... class Link:
    ...     to: Url = attribute(Url(""), name="href", schemes=("https", "mailto"))
    >>> Schema.from_class(Link).fields[0].name
    'href'

    .. versionadded:: 0.1
    """
    return attrs.field(default=default, metadata={_METADATA_KEY: {
        "name": name, "schemes": schemes, "convert": convert}})


def _converter_for(annotation: object, schemes: tuple[str, ...]) -> Callable[[str], object]:
    """The converter for a resolved annotation, or `TypeError` naming it."""
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin in (Union, types.UnionType) and type(None) in arguments:
        others = [a for a in arguments if a is not type(None)]
        if len(others) == 1:
            return _converter_for(others[0], schemes)
    if origin is Literal and all(isinstance(a, str) for a in arguments):
        return _choice_converter(tuple(arguments))
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return _list_converter(_converter_for(arguments[0], schemes))
    if annotation is Url:
        return _url_converter(schemes)
    if annotation in _SIMPLE:
        return _SIMPLE[annotation]
    raise TypeError(f"schemas cannot convert to {annotation!r}")


@attrs.frozen(kw_only=True)
class Converted:
    """The result of converting one shortcode's attributes.

    .. versionadded:: 0.1
    """

    #: The typed values: an instance of the schema class, or a dict for specs.
    values: Any
    #: Attributes the schema does not declare, cooked, in source order.
    unknown: Mapping[str, str]
    #: ``SC403`` (did not convert) and ``SC404`` (not declared) diagnostics.
    diagnostics: tuple[Diagnostic, ...]


def _attribute_span(node: Shortcode, attribute: Attribute | None) -> Span:
    """The attribute's span, else the tag's, else an empty span at the start."""
    for span in (attribute.span if attribute is not None else None, node.span):
        if span is not None:
            return span
    origin = Position(0, 1, 1)
    return Span(origin, origin)


@attrs.frozen
class Schema:
    """The declared attributes of one shortcode.

    Build one with `Schema.from_class` (an attrs class) or `schema_from_spec` (type
    names, as in configuration files).

    .. versionadded:: 0.1
    """

    #: The declared fields, in declaration order.
    fields: tuple[Field, ...]
    #: Builds the typed result from field names to values (the class, or `dict`).
    build: Callable[..., Any] = attrs.field(default=dict, eq=False)

    @classmethod
    def from_class(cls, declaration: type, /) -> Schema:
        """Build a schema from an attrs class whose fields all have defaults.

        Raises:
            TypeError: the class is not an attrs class, a field has no default, or
                an annotation is not a supported type.
        """
        if not attrs.has(declaration):
            raise TypeError(f"{declaration.__name__} is not an attrs class")
        hints = typing.get_type_hints(declaration)
        fields = []
        for field in attrs.fields(declaration):
            if field.default is attrs.NOTHING:
                raise TypeError(f"field `{field.name}` of {declaration.__name__} needs a default")
            extra = field.metadata.get(_METADATA_KEY, {})
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()
            fields.append(Field(
                name=extra.get("name") or field.name.replace("_", "-"), field_name=field.name,
                convert=extra.get("convert") or _converter_for(
                    hints[field.name], extra.get("schemes", DEFAULT_SCHEMES)),
                default=default))
        return cls(tuple(fields), build=declaration)

    def convert(self, node: Shortcode, /) -> Converted:
        """Convert *node*'s cooked attributes; never raises on content.

        The last of repeated attributes wins, as in WordPress. Positional values
        are left to the handler (`Shortcode.positional`).
        """
        by_name = {a.name: a for a in node.attributes if a.name is not None}
        declared = {field.name for field in self.fields}
        values: dict[str, object] = {}
        diagnostics = []
        for field in self.fields:
            values[field.field_name] = field.default
            attribute_ = by_name.get(field.name)
            if attribute_ is None:
                continue
            try:
                values[field.field_name] = field.convert(attribute_.value)
            except ValueError as error:
                diagnostics.append(_invalid(node, attribute_, field, str(error)))
        unknown = {name: a.value for name, a in by_name.items() if name not in declared}
        diagnostics.extend(
            Diagnostic("SC404", f"`{node.name}` has no attribute `{name}`; it is kept",
                       _attribute_span(node, by_name[name]),
                       hint="check its spelling, or declare it in the schema")
            for name in unknown)
        diagnostics.sort(key=lambda d: d.span.start.offset)
        return Converted(values=self.build(**values), unknown=unknown,
                         diagnostics=tuple(diagnostics))

    def check(self, node: Shortcode, /) -> tuple[Diagnostic, ...]:
        """Return only the diagnostics of converting *node* (for linting)."""
        return self.convert(node).diagnostics


def _invalid(node: Shortcode, attribute_: Attribute, field: Field, what: str) -> Diagnostic:
    default = "(empty)" if field.default in ("", None) else f"`{field.default}`"
    return Diagnostic(
        "SC403",
        f"`{field.name}` of `{node.name}` must be {what}, not `{attribute_.value}`; "
        f"the default {default} is used",
        _attribute_span(node, attribute_), hint=f"write {what}, or leave the attribute out")


_SPEC_TYPES: Final[Mapping[str, Callable[[str], object]]] = {
    "str": _convert_str, "int": _convert_int, "float": _convert_float,
    "bool": _convert_bool, "color": _convert_color, "url": _url_converter(DEFAULT_SCHEMES),
    "date-format": _convert_date_format, "list": _list_converter(_convert_str),
    "list[int]": _list_converter(_convert_int), "list[float]": _list_converter(_convert_float),
}

#: The type names `schema_from_spec` accepts, besides ``choice:a|b|c``.
SPEC_TYPES: Final = tuple(_SPEC_TYPES)


def schema_from_spec(spec: Mapping[str, str], /) -> Schema:
    """Build a schema from attribute names mapped to type names, as in configuration.

    Type names: ``str``, ``int``, ``float``, ``bool``, ``color``, ``url`` (http and
    https, or relative), ``date-format``, ``list``, ``list[int]``, ``list[float]``
    and ``choice:a|b|c``. Every default is ``None``; the values are a `dict`.

    >>> from shortcodes import parse
    >>> schema = schema_from_spec({"columns": "int", "align": "choice:left|right"})
    >>> schema.convert(next(parse('[g columns=2 align=LEFT]').shortcodes())).values
    {'columns': 2, 'align': 'left'}

    Raises:
        ValueError: a type name is not one of these, naming the attribute.

    .. versionadded:: 0.1
    """
    fields = []
    for name, type_name in spec.items():
        convert: Callable[[str], object]
        if type_name.startswith("choice:") and type_name[7:]:
            convert = _choice_converter(tuple(type_name[7:].split("|")))
        elif type_name in _SPEC_TYPES:
            convert = _SPEC_TYPES[type_name]
        else:
            raise ValueError(f"attribute `{name}`: unknown type `{type_name}` (expected one "
                             f"of {', '.join(SPEC_TYPES)} or choice:a|b|c)")
        fields.append(Field(name=name.lower(), field_name=name.lower(), convert=convert,
                            default=None))
    return Schema(tuple(fields))

