"""Convert the posts of a WordPress export: render their shortcodes, report the rest.

This module sits on top of the pipeline with `shortcodes.wxr`; no core module
imports it. `convert_items` renders each selected post's content (and its excerpt,
when it has one) with a handler registry, giving the handlers the export's media
library (``data["media"]``) and the post's id (``data["post_id"]``).
`ConversionReport` collects what a migration must look at: every shortcode left
unconverted (SC401), every handler that failed (SC402), the other render
diagnostics, and the shortcodes found in post meta, which is never converted.
`shortcodes._convert_output` writes the results to files (HTML with front matter,
or JSON lines), atomically.

Invariants: conversion is a pure function of the item, registry, options and
media; with no handler applying, a post's HTML is its content byte for byte
(the ``"keep"`` policy), so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Final

import attrs

from shortcodes._convert_output import (
    HtmlWriter,
    JsonlWriter,
    PostWriter,
    front_matter,
    post_filename,
    post_metadata,
    yaml_scalar,
)
from shortcodes.diagnostics import Diagnostic, Severity
from shortcodes.errors import UnknownShortcodeError
from shortcodes.nodes import Document
from shortcodes.parser import parse
from shortcodes.registry import HandlerRegistry
from shortcodes.render import RenderOptions, render_data, render_html
from shortcodes.wxr import Item, MediaLibrary

__all__ = ["DEFAULT_POST_TYPES", "ConversionReport", "ConvertedPost", "ConvertedText",
           "HtmlWriter", "JsonlWriter", "PostDiagnostic", "PostWriter", "ShortcodeTally",
           "convert_items", "front_matter", "post_filename", "post_metadata", "yaml_scalar"]

#: The post types `convert_items` converts by default.
DEFAULT_POST_TYPES: Final = ("post", "page")
_DEFAULT_OPTIONS: Final = RenderOptions()
_UNKNOWN: Final = "SC401"
_FAILED: Final = "SC402"


@attrs.frozen(kw_only=True)
class ConvertedText:
    """One text of a post (its content or its excerpt) after rendering.

    .. versionadded:: 0.1
    """

    #: The rendered HTML.
    html: str
    #: The `render_data` runs, when `convert_items` was asked for them; else ``None``.
    data: list[object] | None = attrs.field(default=None, eq=False)
    #: The render diagnostics (SC4xx) in source order; positions are within this text.
    diagnostics: tuple[Diagnostic, ...] = ()
    #: The name of each shortcode left unconverted (one per SC401), in source order.
    unconverted: tuple[str, ...] = ()
    #: The name of each shortcode whose handler raised (one per SC402), in source order.
    failed: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ConvertedPost:
    """One post, page or other item after `convert_items`.

    .. versionadded:: 0.1
    """

    #: The item as read from the export.
    item: Item
    #: Its converted content.
    content: ConvertedText
    #: Its converted excerpt, or ``None`` when the excerpt is empty.
    excerpt: ConvertedText | None = None
    #: The name of each shortcode found in the item's meta values, which are not converted.
    in_meta: tuple[str, ...] = ()

    @property
    def html(self) -> str:
        """The content's HTML."""
        return self.content.html

    @property
    def data(self) -> list[object] | None:
        """The content's data runs, or ``None`` when they were not asked for."""
        return self.content.data

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """The content's render diagnostics (the excerpt's are on `excerpt`)."""
        return self.content.diagnostics

    def texts(self) -> Iterator[tuple[str, ConvertedText]]:
        """Yield ``("content", ...)``, then ``("excerpt", ...)`` when there is one."""
        yield "content", self.content
        if self.excerpt is not None:
            yield "excerpt", self.excerpt


def _names_at(document: Document, diagnostics: tuple[Diagnostic, ...],
              code: str) -> tuple[str, ...]:
    """The names of the shortcodes that *code*'s diagnostics point at."""
    offsets = [d.span.start.offset for d in diagnostics if d.code == code]
    if not offsets:
        return ()
    wanted = set(offsets)
    names: dict[int, str] = {}
    for node in document.shortcodes():
        span = node.span
        if span is not None and span.start.offset in wanted:
            names.setdefault(span.start.offset, node.name)
    return tuple(names.get(offset, "") for offset in offsets)


def _convert_text(text: str, registry: HandlerRegistry, options: RenderOptions,
                  data: Mapping[str, object], runs: bool) -> ConvertedText:
    document = parse(text, enclosing=registry.enclosing_names())
    rendered = render_html(document, registry=registry, options=options, data=data)
    diagnostics = rendered.diagnostics
    found = None
    if runs:
        as_data = render_data(document, registry=registry, options=options, data=data)
        found = as_data.output
        # The data runs walk content an HTML handler may skip: report both renders.
        diagnostics = tuple(sorted(dict.fromkeys((*diagnostics, *as_data.diagnostics)),
                                   key=lambda d: (d.span.start.offset, d.code)))
    return ConvertedText(html=str(rendered.output), data=found, diagnostics=diagnostics,
                         unconverted=_names_at(document, diagnostics, _UNKNOWN),
                         failed=_names_at(document, diagnostics, _FAILED))


def _meta_names(meta: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Every shortcode name in meta values, as `shortcodes.inventory` counts them."""
    return tuple(shortcode.name for _key, value in meta if "[" in value
                 for shortcode in parse(value).shortcodes())


def _selected(item: Item, post_types: Collection[str] | None,
              statuses: Collection[str] | None) -> bool:
    return ((post_types is None or item.post_type in post_types)
            and (statuses is None or item.status in statuses))


def _check_names(name: str, value: Collection[str] | None) -> None:
    if isinstance(value, str):
        raise TypeError(f"{name} must be a collection of names, not a single str "
                        f"(write ({value!r},))")


def convert_items(items: Iterable[Item], /, *, registry: HandlerRegistry,
                  media: MediaLibrary | None = None,
                  options: RenderOptions = _DEFAULT_OPTIONS,
                  post_types: Collection[str] | None = DEFAULT_POST_TYPES,
                  statuses: Collection[str] | None = None,
                  data: Mapping[str, object] | None = None,
                  runs: bool = False) -> Iterator[ConvertedPost]:
    """Render the shortcodes of each selected item, one `ConvertedPost` at a time.

    Items are read lazily, so a `WxrError` from a damaged export reaches the
    caller after every post read before the damage was yielded.

    Args:
        items: the items, for example ``shortcodes.wxr.iter_items(path)``.
        registry: the handlers, for example ``shortcodes.presets.builtin()``.
        media: the export's attachments (`shortcodes.wxr.read_attachments`), given
            to handlers as ``data["media"]`` so ``[gallery ids=…]``, ``[audio]``,
            ``[video]`` and ``[playlist]`` resolve.
        options: the render options; ``unknown="keep"`` keeps every unknown tag.
        post_types: the post types converted; ``None``: every type.
        statuses: the statuses converted (``"publish"``, ``"draft"``, ...);
            ``None``: every status.
        data: more of the render data bag (``"statistics"``, ``"timezone"``);
            ``"media"`` and ``"post_id"`` are set for each post.
        runs: also render the `render_data` runs (`ConvertedText.data`).

    Raises:
        UnknownShortcodeError: ``options.unknown`` is ``"error"`` and a post has a
            shortcode without a handler; the message names the post.
        TypeError: *post_types* or *statuses* is a single `str`.
        WxrError: raised by *items*.

    >>> from shortcodes.registry import HandlerRegistry
    >>> registry = HandlerRegistry().with_handler("b", lambda node, ctx: "bold")
    >>> post, = convert_items([Item(post_id=3, post_type="post", content="[b] [x]")],
    ...                       registry=registry)
    >>> post.html, post.content.unconverted
    ('bold [x]', ('x',))

    .. versionadded:: 0.1
    """
    _check_names("post_types", post_types)
    _check_names("statuses", statuses)
    extra = dict(data or {})
    if media is not None:
        extra["media"] = media
    for item in items:
        if _selected(item, post_types, statuses):
            yield _convert(item, registry, options, {**extra, "post_id": item.post_id}, runs)


def _convert(item: Item, registry: HandlerRegistry, options: RenderOptions,
             data: Mapping[str, object], runs: bool) -> ConvertedPost:
    try:
        content = _convert_text(item.content, registry, options, data, runs)
        excerpt = (_convert_text(item.excerpt, registry, options, data, runs)
                   if item.excerpt else None)
    except UnknownShortcodeError as error:
        where = f" ({item.link})" if item.link else ""
        raise UnknownShortcodeError(f"post {item.post_id}{where}: {error}") from error
    return ConvertedPost(item=item, content=content, excerpt=excerpt,
                         in_meta=_meta_names(item.meta))


@attrs.frozen(kw_only=True)
class ShortcodeTally:
    """How often one shortcode name was found, and in which posts.

    .. versionadded:: 0.1
    """

    #: The shortcode name.
    name: str
    #: Occurrences.
    count: int
    #: The ids of the posts it occurs in, in the order they were converted.
    posts: tuple[int, ...]

    def to_json(self) -> dict[str, object]:
        """Return the tally as a JSON-ready dict."""
        return {"name": self.name, "count": self.count, "posts": list(self.posts)}


@attrs.frozen(kw_only=True)
class PostDiagnostic:
    """A render diagnostic with the post and text it belongs to.

    .. versionadded:: 0.1
    """

    #: The post's id.
    post_id: int
    #: ``"content"`` or ``"excerpt"``: the text the diagnostic's positions are in.
    field: str
    #: The diagnostic.
    diagnostic: Diagnostic

    def to_json(self) -> dict[str, object]:
        """Return it as a JSON-ready dict: the post, the field and the diagnostic."""
        return {"post_id": self.post_id, "field": self.field, **self.diagnostic.to_json()}


class _Tallies:
    """Counts by name, remembering each name's posts."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._posts: dict[str, dict[int, None]] = {}

    def add(self, names: Iterable[str], post_id: int) -> None:
        for name in names:
            self._counts[name] = self._counts.get(name, 0) + 1
            self._posts.setdefault(name, {})[post_id] = None

    def build(self) -> tuple[ShortcodeTally, ...]:
        tallies = [ShortcodeTally(name=name, count=count, posts=tuple(self._posts[name]))
                   for name, count in self._counts.items()]
        return tuple(sorted(tallies, key=lambda tally: (-tally.count, tally.name)))


class ConversionReport:
    """What a conversion could not do, collected post by post with `add`.

    Tallies come most frequent first, then by name.

    .. versionadded:: 0.1
    """

    def __init__(self) -> None:
        self._posts = 0
        self._unconverted = _Tallies()
        self._failed = _Tallies()
        self._in_meta = _Tallies()
        self._diagnostics: list[PostDiagnostic] = []

    def add(self, post: ConvertedPost) -> None:
        """Count *post*'s unconverted shortcodes, failures, diagnostics and meta."""
        self._posts += 1
        post_id = post.item.post_id
        for field, text in post.texts():
            self._unconverted.add(text.unconverted, post_id)
            self._failed.add(text.failed, post_id)
            self._diagnostics.extend(PostDiagnostic(post_id=post_id, field=field, diagnostic=d)
                                     for d in text.diagnostics if d.code != _UNKNOWN)
        self._in_meta.add(post.in_meta, post_id)

    @property
    def posts(self) -> int:
        """How many posts were added."""
        return self._posts

    @property
    def unconverted(self) -> tuple[ShortcodeTally, ...]:
        """Shortcodes left unconverted (no handler: SC401), by name."""
        return self._unconverted.build()

    @property
    def failed(self) -> tuple[ShortcodeTally, ...]:
        """Shortcodes whose handler raised (SC402; their source text was kept), by name."""
        return self._failed.build()

    @property
    def in_meta(self) -> tuple[ShortcodeTally, ...]:
        """Shortcodes in meta values, which are not converted, by name."""
        return self._in_meta.build()

    @property
    def diagnostics(self) -> tuple[PostDiagnostic, ...]:
        """Every render diagnostic but SC401 (which `unconverted` sums up), post by post."""
        return tuple(self._diagnostics)

    @property
    def clean(self) -> bool:
        """Whether every shortcode was converted: no SC401 and no error-level diagnostic."""
        return not self._unconverted.build() and not any(
            found.diagnostic.severity is Severity.ERROR for found in self._diagnostics)

    def to_json(self) -> dict[str, object]:
        """Return the report as a JSON-ready dict."""
        return {"posts": self._posts,
                "unconverted": [tally.to_json() for tally in self.unconverted],
                "failed": [tally.to_json() for tally in self.failed],
                "in_meta": [tally.to_json() for tally in self.in_meta],
                "diagnostics": [found.to_json() for found in self._diagnostics]}
