"""Rendering: escaping by type, unknown policies, children on request, failures, depth."""

from __future__ import annotations

import attrs
import pytest
from markupsafe import Markup

from shortcodes import Document, Shortcode, UnknownShortcodeError, parse
from shortcodes.registry import HandlerRegistry
from shortcodes.render import (
    DEFAULT_RENDER_DEPTH,
    RenderContext,
    RenderOptions,
    render_data,
    render_html,
    render_text,
)


def _wrap(node: Shortcode, context: RenderContext) -> Markup:
    return Markup("<div class=\"{}\">{}</div>").format(node.name, context.render_children())


def _registry(**renders: object) -> HandlerRegistry:
    registry = HandlerRegistry()
    for name, render in renders.items():
        registry = registry.with_handler(name, render)  # type: ignore[call-overload]
    return registry


def _html(text: str, registry: HandlerRegistry, **options: object) -> str:
    return str(render_html(text, registry=registry,
                           options=RenderOptions(**options)).output)  # type: ignore[arg-type]


@pytest.mark.parametrize(("result", "expected"), [
    ("<b>&", "&lt;b&gt;&amp;"),
    (Markup("<b>&amp;</b>"), "<b>&amp;</b>"),
    (None, ""),
    (42, "42"),
])
def test_results_are_escaped_by_type(result: object, expected: str) -> None:
    registry = _registry(x=lambda node, context: result)
    assert _html("<p>[x]</p>", registry) == f"<p>{expected}</p>"


def test_any_html_protocol_object_is_html() -> None:
    class Safe:
        def __html__(self) -> str:
            return "<i>ok</i>"

    assert _html("[x]", _registry(x=lambda node, context: Safe())) == "<i>ok</i>"


def test_text_and_escapes_are_copied_as_wordpress_prints_them() -> None:
    assert _html('<p class="a">x &amp; [[b]] [[c]y[/c]]</p>', HandlerRegistry(),
                 unknown="strip") == '<p class="a">x &amp; [b] [c]y[/c]</p>'


def test_children_render_only_when_asked() -> None:
    called: list[str] = []

    def inner(node: Shortcode, context: RenderContext) -> str:
        called.append(node.name)
        return "inner"

    registry = _registry(outer=lambda node, context: "outer", inner=inner)
    assert _html("[outer][inner][/outer]", registry) == "outer"
    assert called == []
    registry = _registry(outer=_wrap, inner=inner)
    assert _html("[outer][inner][/outer]", registry) == '<div class="outer">inner</div>'
    assert called == ["inner"]


def test_handler_output_is_never_parsed_again() -> None:
    registry = _registry(a=lambda node, context: Markup("[b]"), b=lambda node, context: "B")
    assert _html("[a]", registry) == "[b]"


def test_unknown_keep_keeps_tags_and_renders_content() -> None:
    rendered = render_html("[box x=”1”][b][/box]", registry=_registry(b=lambda n, c: "B"))
    assert str(rendered.output) == "[box x=”1”]B[/box]"
    assert [(d.code, d.message) for d in rendered.diagnostics] == [
        ("SC401", "no handler is registered for `box`; its tags are kept")]


def test_unknown_strip_removes_tags_and_keeps_content() -> None:
    registry = _registry(b=lambda node, context: "B")
    assert _html("1[box]2[b]3[/box]4[gallery]", registry, unknown="strip") == "12B34"


def test_unknown_error_raises() -> None:
    with pytest.raises(UnknownShortcodeError, match="`box`"):
        render_html("[box]", options=RenderOptions(unknown="error"))


def test_unknown_callable_result_is_escaped_by_type() -> None:
    def policy(node: Shortcode, context: RenderContext) -> str:
        return f"<{node.name} {dict(context.attrs)}>"

    assert _html("[box a=1]", HandlerRegistry(), unknown=policy) == \
        "&lt;box {&#39;a&#39;: &#39;1&#39;}&gt;"


def test_bad_options_raise() -> None:
    with pytest.raises(ValueError, match="max_depth"):
        RenderOptions(max_depth=0)
    with pytest.raises(ValueError, match="unknown must be"):
        RenderOptions(unknown="drop")  # type: ignore[arg-type]


def test_handler_exception_keeps_source_and_reports() -> None:
    def boom(node: Shortcode, context: RenderContext) -> str:
        raise KeyError("region")

    text = "a [boom x=”1”]b[/boom] c [ok]"
    rendered = render_html(text, registry=_registry(boom=boom, ok=lambda n, c: "OK"))
    assert str(rendered.output) == "a [boom x=”1”]b[/boom] c OK"
    (diagnostic,) = rendered.diagnostics
    assert diagnostic.code == "SC402"
    assert diagnostic.message == ("the handler for `boom` raised KeyError: 'region'; "
                                  "the source text is kept")
    assert (diagnostic.span.start.offset, diagnostic.span.end.offset) == (2, 22)
    with pytest.raises(KeyError):
        render_html(text, registry=_registry(boom=boom, ok=lambda n, c: "OK"),
                    options=RenderOptions(strict=True))


def test_depth_limit_keeps_source_with_one_diagnostic() -> None:
    text = "[w]" * 5 + "x" + "[/w]" * 5
    rendered = render_html(text, registry=_registry(w=_wrap), options=RenderOptions(max_depth=3))
    assert str(rendered.output) == ('<div class="w">' * 3 + "[w][w]x[/w][/w]" + "</div>" * 3)
    assert [d.code for d in rendered.diagnostics] == ["SC405"]
    assert rendered.diagnostics[0].span.start.offset == 9


def test_default_depth_and_deep_unknown_nesting_do_not_recurse() -> None:
    depth = 5_000
    text = "[a]" * depth + "x" + "[/a]" * depth
    options = RenderOptions(max_depth=depth + 1, unknown="strip")
    assert str(render_html(text, options=options).output) == "x"
    data = render_data(text, options=RenderOptions(max_depth=depth + 1)).output
    assert data[0]["name"] == "a"
    assert DEFAULT_RENDER_DEPTH == 100


def test_handlers_calling_themselves_past_the_stack_keep_source() -> None:
    depth = 3_000
    text = "[w]" * depth + "x" + "[/w]" * depth
    rendered = render_html(text, registry=_registry(w=_wrap),
                           options=RenderOptions(max_depth=depth + 1))
    assert "x" in str(rendered.output)
    assert {d.code for d in rendered.diagnostics} == {"SC402"}


def test_context_carries_parents_document_data_and_typed_attrs() -> None:
    @attrs.frozen
    class Size:
        width: int = 0

    seen: list[RenderContext] = []

    def leaf(node: Shortcode, context: RenderContext) -> str:
        seen.append(context)
        return ""

    registry = HandlerRegistry().with_handler("outer", _wrap).with_handler(
        "leaf", leaf, schema=Size)
    document = parse("[outer][leaf width=7 extra=1][/outer]")
    rendered = render_html(document, registry=registry, data={"site_url": "https://e.com"})
    (context,) = seen
    assert [p.name for p in context.parents] == ["outer"]
    assert context.document is document is rendered.document
    assert context.data["site_url"] == "https://e.com"
    assert context.attrs == Size(width=7)
    assert context.unknown_attrs == {"extra": "1"}
    assert context.registry is registry
    assert [d.code for d in rendered.diagnostics] == ["SC404"]


def test_handlers_can_report_diagnostics() -> None:
    def reporting(node: Shortcode, context: RenderContext) -> str:
        context.report("SC403", "`x` is odd", hint="make it even")
        return ""

    rendered = render_html("ab [r]", registry=_registry(r=reporting))
    (diagnostic,) = rendered.diagnostics
    assert (diagnostic.code, diagnostic.span.start.column, diagnostic.hint) == (
        "SC403", 4, "make it even")


def test_data_renderer_shape() -> None:
    @attrs.frozen
    class Gallery:
        ids: tuple[int, ...] = ()
        columns: int = 3

    registry = HandlerRegistry().with_handler(
        "gallery", lambda node, context: "", schema=Gallery,
        data=lambda node, context: {"count": len(context.attrs.ids)})
    output = render_data('Hi [[x]] [gallery ids="1,2" columns=2 foo=bar]'
                         "[box a=”1”]in[/box]", registry=registry).output
    assert output == [
        {"type": "text", "text": "Hi [x] "},
        {"type": "shortcode", "name": "gallery", "handled": True,
         "attrs": {"ids": [1, 2], "columns": 2}, "unknown_attrs": {"foo": "bar"},
         "positional": [], "data": {"count": 2}, "children": [],
         "span": {"start": {"offset": 9, "line": 1, "column": 10},
                  "end": {"offset": 46, "line": 1, "column": 47}}},
        {"type": "shortcode", "name": "box", "handled": False, "attrs": {"a": "1"},
         "unknown_attrs": {}, "positional": [], "data": None,
         "children": [{"type": "text", "text": "in"}],
         "span": {"start": {"offset": 46, "line": 1, "column": 47},
                  "end": {"offset": 65, "line": 1, "column": 66}}},
    ]


def test_data_renderer_failures_and_strip() -> None:
    def boom(node: Shortcode, context: RenderContext) -> object:
        raise ValueError("no")

    registry = HandlerRegistry().with_handler("b", lambda n, c: "", data=boom)
    rendered = render_data("x[b]y[u]z[/u]", registry=registry,
                           options=RenderOptions(unknown="strip"))
    assert rendered.output == [{"type": "text", "text": "x[b]yz"}]
    assert [d.code for d in rendered.diagnostics] == ["SC402", "SC401"]


def test_render_text_removes_every_tag_and_keeps_content() -> None:
    assert render_text("a [b x=1]c [d/] e[/b] [[f]] [/g]") == "a c  e [f] [/g]"
    deep = "[a]" * 20_000 + "x" + "[/a]" * 20_000
    assert render_text(parse(deep, max_depth=30_000)) == "x"
    assert isinstance(render_text(Document(())), str)


def test_attrs_as_checks_the_schema_class() -> None:
    @attrs.frozen
    class Size:
        width: int = 0

    seen: list[object] = []

    def sized(node: Shortcode, context: RenderContext) -> str:
        seen.append(context.attrs_as(Size).width)
        with pytest.raises(TypeError, match="are a Size, not a dict"):
            context.attrs_as(dict)
        return ""

    render_html("[s width=4]", registry=HandlerRegistry().with_handler("s", sized, schema=Size))
    assert seen == [4]
