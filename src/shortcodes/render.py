"""Stage 4: render a document with a handler registry, to HTML, data or text.

Invariants:

* Text outside shortcodes is the post's own HTML and is copied as it is; an
  escape such as ``[[gallery]]`` prints ``[gallery]``, as in WordPress.
* A handler's result is escaped by type: a value with ``__html__`` (markupsafe's
  `Markup`) is HTML, a `str` is text and is escaped, ``None`` is nothing. Handler
  output is never parsed again.
* A handler's content is rendered only when it asks (`RenderContext.render_children`).
* Nothing is lost: an unknown shortcode keeps its tags by default (its content is
  still rendered, as WordPress does), a handler that raises leaves the shortcode's
  source text and an ``SC402`` diagnostic, and nesting deeper than
  ``max_depth`` leaves the source text and ``SC405``.
* Renders are pure: the same input, registry and data give the same output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, Literal, TypeAlias, TypeVar

import attrs
from markupsafe import Markup, escape

from shortcodes.diagnostics import Diagnostic
from shortcodes.errors import UnknownShortcodeError
from shortcodes.nodes import Document, Escape, Node, Shortcode, Text
from shortcodes.parser import parse
from shortcodes.registry import Handler, HandlerRegistry
from shortcodes.schema import Converted, Schema
from shortcodes.span import Position, Span

__all__ = [
    "DEFAULT_RENDER_DEPTH",
    "RenderContext",
    "RenderOptions",
    "Rendered",
    "UnknownPolicy",
    "render_data",
    "render_html",
    "render_text",
]

_T = TypeVar("_T")

#: Deepest shortcode nesting rendered by default; deeper shortcodes keep their source.
DEFAULT_RENDER_DEPTH: Final = 100

#: What happens to a shortcode without a handler: ``"keep"`` its tags (and render its
#: content), ``"strip"`` its tags (and render its content), raise
#: `UnknownShortcodeError` (``"error"``), or call a function with the node and
#: context whose result is escaped like a handler's.
UnknownPolicy: TypeAlias = (
    "Literal['keep', 'strip', 'error'] | Callable[[Shortcode, RenderContext], object]")


@attrs.frozen(kw_only=True)
class RenderOptions:
    """How a render treats what it cannot render.

    .. versionadded:: 0.1
    """

    #: What happens to shortcodes without a handler.
    unknown: UnknownPolicy = "keep"
    #: Deepest nesting rendered; deeper shortcodes keep their source text (``SC405``).
    max_depth: int = DEFAULT_RENDER_DEPTH
    #: Re-raise a handler's exception instead of recording ``SC402``.
    strict: bool = False

    def __attrs_post_init__(self) -> None:
        if self.max_depth < 1:
            raise ValueError(f"max_depth must be at least 1, not {self.max_depth}")
        if not callable(self.unknown) and self.unknown not in ("keep", "strip", "error"):
            raise ValueError(f"unknown must be 'keep', 'strip', 'error' or a callable, "
                             f"not {self.unknown!r}")


def _empty_span() -> Span:
    origin = Position(0, 1, 1)
    return Span(origin, origin)


@attrs.frozen(kw_only=True, eq=False)
class RenderContext:
    """What a handler is given beside its node.

    .. versionadded:: 0.1
    """

    #: The shortcode being rendered.
    node: Shortcode
    #: The typed attributes: the schema's values, or the cooked ``node.attrs`` without one.
    attrs: Any
    #: Attributes the schema does not declare (empty without a schema).
    unknown_attrs: Mapping[str, str]
    #: The shortcodes enclosing this one, outermost first.
    parents: tuple[Shortcode, ...]
    #: The registry of this render.
    registry: HandlerRegistry
    #: The options of this render.
    options: RenderOptions
    #: The document being rendered.
    document: Document
    #: The caller's data bag: site URL, media lookup, statistics provider, ...
    data: Mapping[str, object]
    _renderer: _Renderer = attrs.field(alias="renderer", repr=False)

    def attrs_as(self, declaration: type[_T], /) -> _T:
        """The typed attributes, checked to be an instance of the schema class *declaration*.

        Raises:
            TypeError: the handler's schema is another class (or there is none).
        """
        if not isinstance(self.attrs, declaration):
            raise TypeError(f"the attributes of `{self.node.name}` are a "
                            f"{type(self.attrs).__name__}, not a {declaration.__name__}")
        return self.attrs

    def render_children(self) -> Markup:
        """Render the content between the tags to HTML (empty for a standalone tag)."""
        return self._renderer.html_nodes(self.node.children, (*self.parents, self.node))

    def children_data(self) -> list[object]:
        """Render the content between the tags to data runs (see `render_data`)."""
        return self._renderer.data_nodes(self.node.children, (*self.parents, self.node))

    def report(self, code: str, message: str, *, hint: str | None = None,
               span: Span | None = None) -> None:
        """Record a diagnostic about this shortcode (at its span unless *span* is given)."""
        where = span if span is not None else self.node.span or _empty_span()
        self._renderer.diagnostics.append(Diagnostic(code, message, where, hint=hint))


@attrs.frozen(kw_only=True)
class Rendered:
    """The output of a render and what it noticed.

    .. versionadded:: 0.1
    """

    #: The rendered output: `Markup` (HTML), a list of runs (data) or a `str` (text).
    output: Any
    #: The render's diagnostics (``SC4xx``), in source order; the parse's are on `document`.
    diagnostics: tuple[Diagnostic, ...]
    #: The parsed document that was rendered.
    document: Document


class _Renderer:
    """One render: the registry, options and data, and the diagnostics collected."""

    def __init__(self, registry: HandlerRegistry, options: RenderOptions, document: Document,
                 data: Mapping[str, object]) -> None:
        self.registry = registry
        self.options = options
        self.document = document
        self.data = data
        self.diagnostics: list[Diagnostic] = []

    # HTML -------------------------------------------------------------------
    # Shortcodes without a handler are walked with an explicit stack, so page-builder
    # nesting costs no Python recursion; only handlers that render their children
    # recurse, and `max_depth` bounds that.

    def html_nodes(self, nodes: Iterable[Node], parents: tuple[Shortcode, ...]) -> Markup:
        pieces: list[str] = []
        stack: list[tuple[Node | str, tuple[Shortcode, ...]]] = [
            (node, parents) for node in reversed(tuple(nodes))]
        while stack:
            node, above = stack.pop()
            if isinstance(node, str):  # a closing tag kept by the unknown policy
                pieces.append(node)
            elif isinstance(node, Text):
                pieces.append(node.raw)
            elif isinstance(node, Escape):
                pieces.append(node.value)
            elif len(above) >= self.options.max_depth:
                pieces.append(self._too_deep(node))
            elif (found := self.registry.get(node.name)) is not None:
                pieces.append(self._html_handled(node, above, found))
            else:
                policy = self._unknown(node)
                if callable(policy):
                    pieces.append(_escaped(policy(node, self._context(node, above, None))))
                    continue
                if policy == "keep":
                    pieces.append(node.open_tag)
                    stack.append((node.close_tag or "", above))
                inner = (*above, node)
                stack.extend((child, inner) for child in reversed(node.children))
        return Markup("".join(pieces))

    def _html_handled(self, node: Shortcode, parents: tuple[Shortcode, ...],
                      found: Handler) -> str:
        context = self._context(node, parents, found.schema)
        try:
            return _escaped(found.render(node, context))
        except Exception as error:  # any failure keeps the source
            return self._failed(node, found, error)

    # Data -------------------------------------------------------------------
    # The same explicit stack; each shortcode's run owns the list its children go to.

    def data_nodes(self, nodes: Iterable[Node], parents: tuple[Shortcode, ...]) -> list[object]:
        root: list[object] = []
        stack: list[tuple[Node, tuple[Shortcode, ...], list[object]]] = [
            (node, parents, root) for node in reversed(tuple(nodes))]
        while stack:
            node, above, runs = stack.pop()
            if isinstance(node, Text | Escape):
                _append_text(runs, node.raw if isinstance(node, Text) else node.value)
            elif len(above) >= self.options.max_depth:
                _append_text(runs, self._too_deep(node))
            else:
                children = self._data_shortcode(node, above, runs)
                if children is not None:
                    inner = (*above, node)
                    stack.extend((child, inner, children) for child in reversed(node.children))
        return root

    def _data_shortcode(self, node: Shortcode, parents: tuple[Shortcode, ...],
                        runs: list[object]) -> list[object] | None:
        """Append *node*'s run to *runs*; return the list its children go to, if any."""
        found = self.registry.get(node.name)
        if found is None:
            policy = self._unknown(node)
            if callable(policy):
                runs.append(policy(node, self._context(node, parents, None)))
                return None
            if policy == "strip":
                return runs
        context = self._context(node, parents, found.schema if found else None)
        handler_data: object = None
        if found is not None and found.data is not None:
            try:
                handler_data = found.data(node, context)
            except Exception as error:  # any failure keeps the source
                _append_text(runs, self._failed(node, found, error))
                return None
        children: list[object] = []
        runs.append({
            "type": "shortcode", "name": node.name, "handled": found is not None,
            "attrs": _json_values(context.attrs, found.schema if found else None),
            "unknown_attrs": dict(context.unknown_attrs),
            "positional": list(node.positional), "data": handler_data,
            "children": children,
            "span": node.span.to_json() if node.span is not None else None,
        })
        return children

    # Shared -----------------------------------------------------------------

    def _context(self, node: Shortcode, parents: tuple[Shortcode, ...],
                 schema: Schema | None) -> RenderContext:
        if schema is None:
            converted = Converted(values=dict(node.attrs), unknown={}, diagnostics=())
        else:
            converted = schema.convert(node)
            self.diagnostics.extend(converted.diagnostics)
        return RenderContext(node=node, attrs=converted.values, unknown_attrs=converted.unknown,
                             parents=parents, registry=self.registry, options=self.options,
                             document=self.document, data=self.data, renderer=self)

    def _unknown(self, node: Shortcode) -> UnknownPolicy:
        policy = self.options.unknown
        if policy == "error":
            raise UnknownShortcodeError(f"no handler is registered for `{node.name}`")
        what = {"keep": "its tags are kept", "strip": "its tags are removed"}.get(
            policy if isinstance(policy, str) else "", "it is rendered by the unknown policy")
        self._report(node, "SC401", f"no handler is registered for `{node.name}`; {what}",
                     hint="register a handler for it, or choose another unknown policy")
        return policy

    def _failed(self, node: Shortcode, found: Handler, error: Exception) -> str:
        if self.options.strict:
            raise error
        self._report(node, "SC402", f"the handler for `{found.name}` raised "
                     f"{type(error).__name__}: {error}; the source text is kept",
                     hint="render with strict=True to see the traceback")
        return node.to_source()

    def _too_deep(self, node: Shortcode) -> str:
        self._report(node, "SC405", f"`{node.name}` is nested deeper than "
                     f"{self.options.max_depth} levels; its source text is kept",
                     hint="raise max_depth if this nesting is intended")
        return node.to_source()

    def _report(self, node: Shortcode, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, message, node.span or _empty_span(), hint=hint))

    def finished(self, output: object) -> Rendered:
        unique = dict.fromkeys(self.diagnostics)  # a node rendered twice reports once
        ordered = sorted(unique, key=lambda d: (d.span.start.offset, d.code))
        return Rendered(output=output, diagnostics=tuple(ordered), document=self.document)


def _escaped(result: object) -> str:
    """A handler's result as HTML: ``__html__`` values as they are, the rest escaped."""
    return "" if result is None else str(escape(result))


def _append_text(runs: list[object], text: str) -> None:
    last = runs[-1] if runs else None
    if isinstance(last, dict) and last.get("type") == "text":
        last["text"] += text
    else:
        runs.append({"type": "text", "text": text})


def _json_values(values: object, schema: Schema | None) -> dict[str, object]:
    """Typed attribute values as JSON-ready data, keyed by the shortcode's names."""
    if schema is None:
        assert isinstance(values, dict)
        return dict(values)
    if isinstance(values, dict):
        raw = values
    else:
        raw = {field.field_name: getattr(values, field.field_name) for field in schema.fields}
    return {field.name: _json_ready(raw[field.field_name]) for field in schema.fields}


def _json_ready(value: object) -> object:
    if isinstance(value, tuple | list):
        return [_json_ready(item) for item in value]
    return value


def _renderer(source: str | Document, registry: HandlerRegistry | None,
              options: RenderOptions | None, data: Mapping[str, object] | None) -> _Renderer:
    registry = HandlerRegistry() if registry is None else registry
    document = source if isinstance(source, Document) else parse(
        source, enclosing=registry.enclosing_names())
    return _Renderer(registry, options or RenderOptions(), document, data or {})


def render_html(source: str | Document, /, *, registry: HandlerRegistry | None = None,
                options: RenderOptions | None = None,
                data: Mapping[str, object] | None = None) -> Rendered:
    """Render *source* to HTML with *registry*'s handlers.

    >>> from shortcodes.registry import HandlerRegistry
    >>> registry = HandlerRegistry().with_handler("b", lambda node, ctx: f"<{node.name}>")
    >>> rendered = render_html("<p>[b] [x]y[/x] [[b]]</p>", registry=registry)
    >>> str(rendered.output)
    '<p>&lt;b&gt; [x]y[/x] [b]</p>'
    >>> [d.code for d in rendered.diagnostics]
    ['SC401']

    Args:
        source: The content, or a document already parsed.
        registry: The handlers; none by default (every shortcode is unknown).
        options: Unknown policy, depth limit, strictness.
        data: The caller's data bag, passed to handlers as `RenderContext.data`.

    Returns:
        `Rendered` whose ``output`` is `Markup`.

    Raises:
        UnknownShortcodeError: a shortcode has no handler and the policy is ``"error"``.

    .. versionadded:: 0.1
    """
    renderer = _renderer(source, registry, options, data)
    return renderer.finished(renderer.html_nodes(renderer.document.children, ()))


def render_data(source: str | Document, /, *, registry: HandlerRegistry | None = None,
                options: RenderOptions | None = None,
                data: Mapping[str, object] | None = None) -> Rendered:
    """Render *source* to a JSON-ready list of runs (``docs/handlers.md`` has the schema).

    Text runs are ``{"type": "text", "text": ...}``; shortcodes are
    ``{"type": "shortcode", "name", "handled", "attrs", "unknown_attrs",
    "positional", "data", "children", "span"}``, where ``attrs`` holds the typed
    values and ``data`` what the handler's data function returned.

    >>> [run["type"] for run in render_data("a [b x=1]c[/b]").output]
    ['text', 'shortcode']

    Raises:
        UnknownShortcodeError: a shortcode has no handler and the policy is ``"error"``.

    .. versionadded:: 0.1
    """
    renderer = _renderer(source, registry, options, data)
    return renderer.finished(renderer.data_nodes(renderer.document.children, ()))


def render_text(source: str | Document, /) -> str:
    """Remove every shortcode tag and keep the enclosed content (and escapes' text).

    >>> render_text("Hi [b]bold[/b] [gallery ids=1] [[b]]")
    'Hi bold  [b]'

    .. versionadded:: 0.1
    """
    document = source if isinstance(source, Document) else parse(source)
    pieces: list[str] = []
    stack: list[Node] = list(reversed(document.children))
    while stack:  # iterative: any depth the parser allows
        node = stack.pop()
        if isinstance(node, Text):
            pieces.append(node.raw)
        elif isinstance(node, Escape):
            pieces.append(node.value)
        else:
            stack.extend(reversed(node.children))
    return "".join(pieces)
