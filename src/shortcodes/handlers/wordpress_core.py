"""WordPress's core shortcodes as a handler preset, for migrating content out of WordPress.

Stage 4 (render). `wordpress_core` returns a registry with ``caption`` and
``wp_caption`` (``img_caption_shortcode``), ``gallery`` (``gallery_shortcode``),
``embed`` (``WP_Embed::shortcode`` without the network), ``audio`` and ``video``
(`shortcodes.handlers.media`) and ``playlist`` (``wp_playlist_shortcode``), each
rendering WordPress 5.x-6.x's HTML5 markup. Attachments come from the render data
bag's ``"media"`` mapping (see `shortcodes.handlers.media`); one that is missing is
an ``SC406`` diagnostic and is skipped.

>>> from shortcodes.render import render_html
>>> media = {7: MediaRecord(url="https://example.com/a.jpg", caption="A & B", alt="a")}
>>> rendered = render_html('[gallery ids="7,8" columns=2 link=none]',
...                        registry=wordpress_core(), data={"media": media})
>>> print(rendered.output)  # doctest: +NORMALIZE_WHITESPACE
<div id="gallery-1" class="gallery galleryid-0 gallery-columns-2
 gallery-size-thumbnail"><figure class="gallery-item"><div class="gallery-icon"><img
 src="https://example.com/a.jpg" class="attachment-thumbnail size-thumbnail" alt="a"
 aria-describedby="gallery-1-7" /></div><figcaption class="wp-caption-text
 gallery-caption" id="gallery-1-7">A &amp; B</figcaption></figure>
</div>
>>> [(d.code, d.message) for d in rendered.diagnostics]
[('SC406', 'attachment `8` of `gallery` is not in the media lookup; it is skipped')]

The enclosed content of ``[caption]`` is the post's own HTML and is copied as the
rest of the post is; every other value is escaped, and URLs must be http, https or
relative. ``docs/handlers.md`` lists each difference from WordPress's HTML.
"""

from __future__ import annotations

from typing import Final, Literal

import attrs
from markupsafe import Markup, escape

from shortcodes.handlers._html import (
    checked_url,
    html_attributes,
    html_classes,
    instance,
    lenient_int,
    markup,
    plain_text,
    post_id,
    sanitize_html_class,
)
from shortcodes.handlers.media import (
    MediaItem,
    MediaRecord,
    _children,
    _item_data,
    _ordered,
    _resolve,
    _Resolved,
    _text,
    audio,
    source_tags,
    video,
)
from shortcodes.nodes import Shortcode
from shortcodes.registry import HandlerRegistry, handler
from shortcodes.render import RenderContext
from shortcodes.schema import Url, attribute

__all__ = [
    "CaptionAttrs",
    "EmbedAttrs",
    "GalleryAttrs",
    "MediaItem",
    "MediaRecord",
    "PlaylistAttrs",
    "caption",
    "embed",
    "gallery",
    "playlist",
    "wordpress_core",
    "wp_caption",
]

_PHP_TRIM: Final = " \t\n\r\0\x0b"


def _attachments(context: RenderContext, kind: str, values: GalleryAttrs | PlaylistAttrs,
                 ) -> list[_Resolved]:
    """The attachments ``ids`` (or ``include``) name, in WordPress's order.

    Without ids, WordPress shows the files attached to the post (``id``, else the
    post being rendered: the data bag's ``post_id``); they are found by their
    ``parent_id`` in the media lookup.
    """
    wanted = values.ids or values.include
    if not wanted:
        owner = values.id if values.id is not None else post_id(context)
        children = _children(context, owner, kind)
        if not children:
            where = (f"post {owner} has no attached {kind} files in the media lookup"
                     if children is not None else
                     f"WordPress shows the post's attached {kind} files, which a render "
                     "without the post and its media cannot find")
            context.report("SC406", f"`{context.node.name}` has no `ids`; {where}",
                           hint='list the attachments: ids="1,2,3"')
            return []
        return _ordered(children, values.orderby, values.order, False)
    return _ordered(_resolve(context, wanted, kind), values.orderby, values.order,
                    bool(values.ids))


# --- caption ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CaptionAttrs:
    """The attributes of ``[caption]`` and ``[wp_caption]`` (``img_caption_shortcode``).

    .. versionadded:: 0.1
    """

    #: The figure's id (``attachment_612``), sanitized like an HTML class.
    id: str = ""
    #: The figcaption's id; ``caption-`` + ``id`` (``_`` read as ``-``) by default.
    caption_id: str = attribute("", name="caption_id")
    align: str = "alignnone"
    #: Pixels; below 1 WordPress shows the image without a caption.
    width: int = 0
    #: The caption as an attribute (old style), reduced to text; ``None``: it follows
    #: the image in the content.
    caption: str | None = None
    class_: str = attribute("", name="class")


@attrs.frozen
class _Caption:
    id: str
    caption_id: str
    classes: str
    width: int
    image: Markup
    text: Markup


def _after_image(content: str) -> int | None:
    r"""Where the caption text starts: after the first ``<img>`` and a ``</a>`` next to it.

    ``img_caption_shortcode`` splits with ``#((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)
    (.*)#is``, whose ``[^>]+`` ends a tag at a ``>`` inside a quoted value (moving the
    rest of the value, now markup, into the figcaption) and is quadratic on unfinished
    tags; `markup` reads tags as a browser does. Text before the image stays with it.
    """
    image_end = None
    for found in markup(content):
        name = (found["name"] or "").lower()
        if image_end is not None:
            wraps = found["close"] and name == "a" and not content[image_end:found.start()].strip()
            return found.end() if wraps else image_end
        if found["end"] and not found["close"] and name == "img":
            image_end = found.end()
    return image_end


def _caption(context: RenderContext) -> _Caption:
    values: CaptionAttrs = context.attrs
    content = context.render_children()
    image, text = content, Markup("")
    if values.caption is not None:
        text = escape(plain_text(values.caption))
    else:
        split = _after_image(content)
        if split is not None:  # the content is the post's own HTML: kept as HTML
            image, text = Markup(content[:split]), Markup(content[split:].strip(_PHP_TRIM))
    id_ = sanitize_html_class(values.id)
    caption_id = sanitize_html_class(values.caption_id) or (
        "caption-" + id_.replace("_", "-") if id_ else "")
    return _Caption(id_, caption_id, html_classes("wp-caption", values.align, values.class_),
                    lenient_int(context, "width", values.width), image, text)


def _caption_data(node: Shortcode, context: RenderContext, /) -> dict[str, object]:
    found = _caption(context)
    values: CaptionAttrs = context.attrs
    return {"id": found.id, "caption_id": found.caption_id, "align": values.align,
            "class": found.classes, "width": found.width, "caption": str(found.text),
            "image_html": str(found.image)}


@handler("caption", encloses=True, schema=CaptionAttrs, data=_caption_data,
         description="An image with a caption, as a `<figure>` (`img_caption_shortcode`).")
def caption(node: Shortcode, context: RenderContext, /) -> Markup:
    """Render ``[caption]`` as ``<figure class="wp-caption …">`` with a ``<figcaption>``."""
    found = _caption(context)
    if found.width < 1 or str(found.text) in ("", "0"):  # PHP's empty()
        return found.image
    described = found.caption_id or None
    head = html_attributes(("id", found.id or None), ("aria-describedby", described),
                           ("style", f"width: {found.width}px"), ("class", found.classes))
    return Markup('<figure{}>{}<figcaption{} class="wp-caption-text">{}</figcaption>'
                  "</figure>").format(head, found.image, html_attributes(("id", described)),
                                      found.text)


#: ``[wp_caption]``, the name WordPress 2.6 wrote; the same handler.
wp_caption: Final = attrs.evolve(caption, name="wp_caption")


# --- gallery ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class GalleryAttrs:
    """The attributes of ``[gallery]`` (``gallery_shortcode``).

    ``type`` (Jetpack's tiled galleries) is accepted and rendered as a plain gallery.

    .. versionadded:: 0.1
    """

    ids: tuple[int, ...] = ()
    include: tuple[int, ...] = ()
    #: Only applies to the post's attached images, which a render cannot see.
    exclude: tuple[int, ...] = ()
    columns: int = 3
    size: str = "thumbnail"
    #: ``file``, ``none``, or anything else for the attachment page.
    link: str = ""
    orderby: str = ""
    order: Literal["ASC", "DESC"] = "ASC"
    #: The post id in the ``galleryid-N`` class; the data bag's ``post_id`` by default.
    id: int | None = None
    type: str = ""


def _gallery_item(entry: _Resolved, selector: str, values: GalleryAttrs) -> Markup:
    """One ``<figure class="gallery-item">``, as ``gallery_shortcode`` writes it."""
    text = _text(entry.item.caption)
    described = f"{selector}-{entry.id}" if text else None
    size = sanitize_html_class(values.size)
    image = Markup("<img{} />").format(html_attributes(
        ("src", entry.url), ("class", f"attachment-{size} size-{size}"),
        ("alt", _text(entry.item.alt)), ("aria-describedby", described)))
    if values.link != "none":
        page = checked_url(str(getattr(entry.item, "link", "") or ""))
        href = entry.url if values.link == "file" or page is None else page
        image = Markup('<a href="{}">{}</a>').format(href, image)
    figcaption = Markup(
        '<figcaption class="wp-caption-text gallery-caption" id="{}">{}</figcaption>'
    ).format(described, text) if text else Markup("")
    return Markup('<figure class="gallery-item"><div class="gallery-icon">{}</div>{}'
                  "</figure>").format(image, figcaption)


def _gallery_data(node: Shortcode, context: RenderContext, /) -> dict[str, object]:
    values: GalleryAttrs = context.attrs
    return {"ids": list(values.ids or values.include),
            "columns": lenient_int(context, "columns", values.columns),
            "size": values.size, "link": values.link, "instance": instance(context, ("gallery",)),
            "items": [_item_data(entry) for entry in _attachments(context, "image", values)]}


@handler("gallery", schema=GalleryAttrs, data=_gallery_data,
         description="A grid of images from the media library (`gallery_shortcode`).")
def gallery(node: Shortcode, context: RenderContext, /) -> Markup:
    """Render ``[gallery]`` as ``<div class="gallery gallery-columns-N …">``."""
    values: GalleryAttrs = context.attrs
    selector = f"gallery-{instance(context, ('gallery',))}"
    columns = lenient_int(context, "columns", values.columns)
    owner = values.id if values.id is not None else post_id(context)
    head = html_attributes(("id", selector), ("class", f"gallery galleryid-{owner} gallery-"
                                              f"columns-{columns} gallery-size-"
                                              f"{sanitize_html_class(values.size)}"))
    items = Markup("").join(_gallery_item(entry, selector, values)
                            for entry in _attachments(context, "image", values))
    return Markup("<div{}>{}\n</div>").format(head, items)


# --- embed -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class EmbedAttrs:
    """The attributes of ``[embed]``; the URL is the content, else ``src``.

    .. versionadded:: 0.1
    """

    src: Url | None = None
    width: int | None = None
    height: int | None = None


def _embed_url(context: RenderContext) -> tuple[str, Url | None]:
    """The URL as written and checked: the content, else ``src``, else a positional value."""
    node = context.node
    written = (node.content or "").strip()
    from_src = not written and bool(node.attrs.get("src", "").strip())
    if from_src:
        written = node.attrs["src"].strip()
    elif not written and node.positional:
        written = node.positional[0].strip()
    url = checked_url(written) if written else None
    if written and url is None and not from_src:  # the schema reports a bad `src`
        context.report("SC403", f"the URL of `{node.name}` must be a relative URL or one with "
                       f"scheme http, https, not `{written}`; it is shown as text",
                       hint="write an http or https URL")
    return written, url


def _embed_data(node: Shortcode, context: RenderContext, /) -> dict[str, object]:
    written, url = _embed_url(context)
    values: EmbedAttrs = context.attrs
    return {"url": url, "written": written, "width": values.width, "height": values.height}


@handler("embed", schema=EmbedAttrs, data=_embed_data,
         description="An oEmbed URL, rendered as WordPress's fallback link (no network).")
def embed(node: Shortcode, context: RenderContext, /) -> Markup | None:
    """Render ``[embed]URL[/embed]`` as ``<a href="URL">URL</a>`` (``maybe_make_link``)."""
    written, url = _embed_url(context)
    if url is None:
        return escape(written) if written else None
    return Markup('<a href="{0}">{0}</a>').format(url)


# --- playlist --------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PlaylistAttrs:
    """The attributes of ``[playlist]`` (``wp_playlist_shortcode``).

    .. versionadded:: 0.1
    """

    ids: tuple[int, ...] = ()
    include: tuple[int, ...] = ()
    exclude: tuple[int, ...] = ()
    type: Literal["audio", "video"] = "audio"
    style: Literal["light", "dark"] = "light"
    order: Literal["ASC", "DESC"] = "ASC"
    orderby: str = ""
    tracklist: bool = True
    tracknumbers: bool = True
    #: Thumbnails need featured images, which a render cannot see; kept in the data only.
    images: bool = True
    #: Shows an item's ``artist`` attribute when it has one.
    artists: bool = True
    id: int | None = None


def _track(index: int, entry: _Resolved, values: PlaylistAttrs) -> Markup:
    """One ``<li>``, shaped like WordPress's ``tmpl-wp-playlist-item`` template."""
    text = _text(entry.item.caption)
    label = escape(text) if text else Markup(
        '<span class="wp-playlist-item-title">\u201c{}\u201d</span>').format(
        _text(entry.item.title))
    artist = _text(getattr(entry.item, "artist", None))
    if values.artists and artist and not text:
        label += Markup('<span class="wp-playlist-item-artist"> \u2014 {}</span>').format(artist)
    number = f"{index}. " if values.tracknumbers else ""
    return Markup('<li class="wp-playlist-item"><a class="wp-playlist-caption" href="{}">{}{}'
                  "</a></li>\n").format(entry.url, number, label)


def _playlist_data(node: Shortcode, context: RenderContext, /) -> dict[str, object]:
    values: PlaylistAttrs = context.attrs
    return {"type": values.type, "ids": list(values.ids or values.include),
            "tracklist": values.tracklist, "tracknumbers": values.tracknumbers,
            "images": values.images, "artists": values.artists,
            "tracks": [_item_data(entry) for entry in _attachments(context, values.type, values)]}


@handler("playlist", schema=PlaylistAttrs, data=_playlist_data,
         description="An audio or video playlist (`wp_playlist_shortcode`, without its script).")
def playlist(node: Shortcode, context: RenderContext, /) -> Markup:
    """Render ``[playlist]`` as ``<div class="wp-playlist …">``: a player and a track list."""
    values: PlaylistAttrs = context.attrs
    tracks = _attachments(context, values.type, values)
    is_video = values.type == "video"
    player = Markup('<{0} controls="controls" preload="none"{1}>{2}</{0}>\n').format(
        Markup(values.type), html_attributes(("width", 640), ("height", 360 if is_video else None)),
        source_tags([t.url for t in tracks[:1]], None, video=is_video))
    items = Markup("").join(_track(i, t, values) for i, t in enumerate(tracks, 1))
    return Markup('<div class="wp-playlist wp-{}-playlist wp-playlist-{}">\n{}<ol class="wp-'
                  'playlist-tracks"{}>\n{}</ol>\n</div>').format(
        values.type, values.style, player, Markup("" if values.tracklist else " hidden"), items)


def wordpress_core() -> HandlerRegistry:
    """A registry with WordPress's core shortcodes, for migrating content.

    >>> sorted(wordpress_core())
    ['audio', 'caption', 'embed', 'gallery', 'playlist', 'video', 'wp_caption']

    .. versionadded:: 0.1
    """
    return HandlerRegistry.of(caption, wp_caption, gallery, embed, audio, video, playlist)
