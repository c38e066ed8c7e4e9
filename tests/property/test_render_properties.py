"""Property tests for rendering: deterministic, never raises, loses nothing, data fits a schema."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import jsonschema  # type: ignore[import-untyped]
import pytest
from hypothesis import given
from markupsafe import Markup

from shortcodes import Shortcode, parse
from shortcodes.registry import HandlerRegistry, handler
from shortcodes.render import RenderContext, RenderOptions, render_data, render_html, render_text
from shortcodes.schema import Color, Url
from tests import strategies as sts

# See test_parse_properties: Hypothesis's patch writer imports libcst, which warns.
pytestmark = pytest.mark.filterwarnings(
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")

_RUNS_SCHEMA = {
    **json.loads((Path(__file__).resolve().parents[2] / "docs" / "schema"
                  / "render-data.schema.json").read_text(encoding="utf-8")),
    "$ref": "#/$defs/runs",
}
del _RUNS_SCHEMA["required"], _RUNS_SCHEMA["properties"], _RUNS_SCHEMA["type"]
#: Built once: `jsonschema.validate` checks the schema itself on every call.
RUNS = jsonschema.Draft202012Validator(_RUNS_SCHEMA)


@attrs.frozen
class _Card:
    region: str | None = None
    rtl: bool = False
    columns: int = 3
    bg_color: Color = Color("#fff")
    link: Url = Url("")
    ids: tuple[int, ...] = ()


def _card(node: Shortcode, context: RenderContext) -> Markup:
    values = context.attrs
    return Markup('<div style="background: {}" data-region="{}"><a href="{}">{}</a>{}</div>'
                  ).format(values.bg_color, values.region, values.link, values.ids,
                           context.render_children())


def _fail(node: Shortcode, context: RenderContext) -> str:
    raise ValueError(node.name)


REGISTRY = HandlerRegistry.of(
    handler("card", schema=_Card, data=lambda node, context: {"n": len(node.children)})(_card),
    handler("covid19-ultimate-card", schema=_Card)(_card),
    handler("a")(lambda node, context: context.render_children()),
    handler("b")(lambda node, context: f"<{node.attrs}>"),
    handler("x")(_fail),
)


@given(sts.document())
def test_rendering_is_deterministic(text: str) -> None:
    first = render_html(text, registry=REGISTRY)
    second = render_html(parse(text), registry=REGISTRY)
    assert first.output == second.output
    assert first.diagnostics == second.diagnostics
    assert render_data(text, registry=REGISTRY).output == render_data(
        text, registry=REGISTRY).output


@given(sts.any_text())
def test_rendering_any_text_never_raises(text: str) -> None:
    for options in (RenderOptions(), RenderOptions(unknown="strip", max_depth=2)):
        render_html(text, registry=REGISTRY, options=options)
        render_data(text, registry=REGISTRY, options=options)
    render_text(text)


@given(sts.document())
def test_without_handlers_html_output_is_the_source(text: str) -> None:
    # Escapes print without their outer brackets, as in WordPress; nothing else changes.
    document = parse(text)
    expected = render_text(document) if not list(document.shortcodes()) else None
    output = str(render_html(document).output)
    if "[[" not in text:
        assert output == text
    if expected is not None:
        assert output == expected


@given(sts.document())
def test_data_output_fits_the_schema_and_serializes(text: str) -> None:
    runs = render_data(text, registry=REGISTRY).output
    RUNS.validate(runs)
    json.dumps(runs)
