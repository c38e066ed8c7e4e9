"""WordPress's ``[audio]`` and ``[video]`` handlers, and the helpers of the core preset.

Stage 4 (render), after ``wp_audio_shortcode`` and ``wp_video_shortcode`` in
``wp-includes/media.php`` (WordPress 5.x-6.x, HTML5 markup); `shortcodes.handlers.
wordpress_core` builds the preset. Invariants: every value reaching HTML is escaped,
every URL passed the `Url` check (http, https or relative), classes pass
`sanitize_html_class`, sizes are ints; content never raises (``SC403`` for an unusable
value, ``SC406`` for data the render cannot find); renders are pure, so a player's
number (WordPress's request-wide ``audio-0-1``, ``?_=1``) is its position among the
document's shortcodes of that name. The render data bag may hold ``"media"`` (a
``Mapping[int, MediaItem]``), ``"post_id"`` (0 by default) and ``"content_width"``
(pixels, capping ``[video]`` like WordPress's ``$content_width``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, Literal, Protocol, runtime_checkable

import attrs
import regex
from markupsafe import Markup

# The HTML and URL helpers moved to `_html`; every one stays importable from here.
from shortcodes.handlers._html import checked_url, plain_text, sanitize_html_class
from shortcodes.handlers._html import html_attributes as html_attributes
from shortcodes.handlers._html import html_classes as html_classes
from shortcodes.handlers._html import instance as instance
from shortcodes.handlers._html import lenient_int as lenient_int
from shortcodes.handlers._html import markup as markup
from shortcodes.handlers._html import post_id as post_id
from shortcodes.handlers._html import tag_attributes as tag_attributes
from shortcodes.handlers._html import url_extension as url_extension
from shortcodes.handlers._html import with_instance as with_instance
from shortcodes.nodes import Shortcode
from shortcodes.registry import handler
from shortcodes.render import RenderContext
from shortcodes.schema import Url, attribute

__all__ = [
    "AudioAttrs",
    "MediaItem",
    "MediaRecord",
    "VideoAttrs",
    "audio",
    "checked_url",
    "plain_text",
    "sanitize_html_class",
    "video",
]


@runtime_checkable
class MediaItem(Protocol):
    """An attachment as the media handlers read it (`shortcodes.wxr.Attachment` is one).

    An optional ``mime_type`` attribute (``str | None``) is used when present;
    otherwise the type is guessed from the URL's extension.

    .. versionadded:: 0.1
    """

    @property
    def url(self) -> str:
        """The file's URL."""
        ...

    @property
    def title(self) -> str:
        """The attachment's title."""
        ...

    @property
    def caption(self) -> str:
        """The caption (an attachment's excerpt); HTML is reduced to text."""
        ...

    @property
    def alt(self) -> str:
        """The image's alternative text (``_wp_attachment_image_alt``)."""
        ...


@attrs.frozen(kw_only=True)
class MediaRecord:
    """A plain `MediaItem`, for media lookups built by hand or in tests.

    .. versionadded:: 0.1
    """

    #: The file's URL.
    url: str
    title: str = ""
    #: The caption (an attachment's excerpt); HTML is reduced to text.
    caption: str = ""
    alt: str = ""
    #: ``image/jpeg``, ``audio/mpeg``...; ``None``: guessed from the URL.
    mime_type: str | None = None
    #: The post the file is attached to; a gallery without ``ids`` shows these. 0: none.
    parent_id: int = 0


# wp_get_mime_types() (WordPress 6.x), for the extensions the media handlers meet.
_MIME: Final[Mapping[str, str]] = {
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "jpe": "image/jpeg", "gif": "image/gif",
    "png": "image/png", "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
    "webp": "image/webp", "avif": "image/avif", "heic": "image/heic", "ico": "image/x-icon",
    "mp3": "audio/mpeg", "m4a": "audio/mpeg", "m4b": "audio/mpeg", "aac": "audio/aac",
    "wav": "audio/wav", "ogg": "audio/ogg", "oga": "audio/ogg", "flac": "audio/flac",
    "wma": "audio/x-ms-wma", "mka": "audio/x-matroska", "mp4": "video/mp4",
    "m4v": "video/mp4", "webm": "video/webm", "ogv": "video/ogg", "flv": "video/x-flv",
    "wmv": "video/x-ms-wmv", "mov": "video/quicktime", "qt": "video/quicktime",
    "avi": "video/avi", "mkv": "video/x-matroska", "mpeg": "video/mpeg", "mpg": "video/mpeg",
    "3gp": "video/3gpp", "3gpp": "video/3gpp",
}
# wp_get_audio_extensions() and wp_get_video_extensions(), plus wma and wmv, which
# WordPress 3.6 accepted and old content still names.
_AUDIO: Final = ("mp3", "ogg", "flac", "m4a", "wav", "wma")
_VIDEO: Final = ("mp4", "m4v", "webm", "ogv", "flv", "wmv")
_STREAMS: Final = (
    (regex.compile(r"^https?://(?:www\.)?(?:youtube\.com/watch|youtu\.be/)"), "video/youtube"),
    (regex.compile(r"^https?://(?:[^/?#]*\.)?vimeo\.com/"), "video/vimeo"),
)
_SRCLANG: Final = regex.compile(r"[A-Za-z0-9-]{1,35}")
_TRACK_KINDS: Final = frozenset({"subtitles", "captions", "descriptions", "chapters",
                                 "metadata"})


def mime_type(url: str, declared: object = None) -> str | None:
    """*declared* when it is a non-empty `str`, else the type of the URL's extension."""
    if isinstance(declared, str) and declared:
        return declared
    return _MIME.get(url_extension(url))


def source_type(url: str, *, video: bool) -> str | None:
    """The ``type`` of a ``<source>``: YouTube and Vimeo for video, else by extension."""
    if video:
        for pattern, kind in _STREAMS:
            if pattern.match(url):
                return kind
    return mime_type(url)


def source_tags(urls: Iterable[str], number: int | None, *, video: bool) -> Markup:
    """One ``<source>`` per URL, with the cache-buster of the player *number* if any."""
    return Markup("").join(
        Markup("<source{} />").format(html_attributes(
            ("type", source_type(url, video=video)),
            ("src", url if number is None else with_instance(url, number))))
        for url in urls)


# --- the media lookup of ``[gallery]`` and ``[playlist]`` ------------------------------


@attrs.frozen
class _Resolved:
    """An attachment found in the media lookup, with its checked URL."""

    id: int
    item: MediaItem
    url: Url


def _text(value: object) -> str:
    return plain_text(value) if isinstance(value, str) else ""


def _entry(number: int, item: object, kind: str) -> _Resolved | str:
    """The attachment with its checked URL, or why it cannot be shown."""
    if item is None:
        return "is not in the media lookup"
    if not isinstance(item, MediaItem):
        return "is not a media item (one with url, title, caption and alt)"
    url = checked_url(item.url) if isinstance(item.url, str) else None
    if url is None:
        return "has no http, https or relative URL"
    found = mime_type(url, getattr(item, "mime_type", None))
    if found is not None and not found.startswith(f"{kind}/"):
        return f"is `{found}`, not {kind}"
    return _Resolved(number, item, url)


def _children(context: RenderContext, owner: int, kind: str) -> list[_Resolved] | None:
    """The *kind* files attached to post *owner* (their ``parent_id``), in id order.

    ``None`` when there is no post or no ``media`` mapping to look in. Files of
    another kind are left out, as WordPress's query by MIME type leaves them out.
    """
    media = context.data.get("media")
    if owner <= 0 or not isinstance(media, Mapping):
        return None
    found = []
    for number, item in media.items():
        if getattr(item, "parent_id", None) == owner:
            entry = _entry(number, item, kind)
            if isinstance(entry, _Resolved):
                found.append(entry)
    return sorted(found, key=lambda entry: entry.id)


def _resolve(context: RenderContext, ids: Sequence[int], kind: str) -> list[_Resolved]:
    """Look *ids* up in the data bag's ``media``; each one that fails is ``SC406``."""
    name, media = context.node.name, context.data.get("media")
    if not isinstance(media, Mapping):
        context.report("SC406", f"`{name}` needs attachments {', '.join(map(str, ids))} but "
                       "the render data has no `media` mapping; they are skipped",
                       hint='pass data={"media": read_attachments(export)}')
        return []
    found = []
    for number in ids:
        entry = _entry(number, media.get(number), kind)
        if isinstance(entry, str):
            context.report("SC406", f"attachment `{number}` of `{name}` {entry}; it is "
                           "skipped", hint="check the id, or add the attachment to the lookup")
        else:
            found.append(entry)
    return found


def _ordered(items: list[_Resolved], orderby: str, order: str,
             explicit: bool) -> list[_Resolved]:
    """WordPress's query order: ``ids`` order by default, else by id (``menu_order ID``).

    ``rand`` keeps the written order, so renders stay deterministic.
    """
    key = orderby.strip().lower() or ("post__in" if explicit else "menu_order id")
    if key in ("post__in", "rand", "none"):
        return items
    by: Callable[[_Resolved], str | int] = (
        (lambda r: _text(r.item.title)) if key.split()[0] in ("title", "post_title")
        else (lambda r: r.id))
    return sorted(items, key=by, reverse=order == "DESC")


def _item_data(entry: _Resolved) -> dict[str, object]:
    item = entry.item
    return {"id": entry.id, "url": entry.url, "title": _text(item.title),
            "caption": _text(item.caption), "alt": _text(item.alt),
            "mime_type": mime_type(entry.url, getattr(item, "mime_type", None))}


# --- audio and video ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AudioAttrs:
    """The attributes of ``[audio]`` (``wp_audio_shortcode``); ``style`` is never output.

    .. versionadded:: 0.1
    """

    #: The file; a positional URL (``[audio https://…]``) is read when there is none.
    src: Url | None = None
    mp3: Url | None = None
    ogg: Url | None = None
    flac: Url | None = None
    m4a: Url | None = None
    wav: Url | None = None
    wma: Url | None = None
    loop: bool = False
    autoplay: bool = False
    preload: Literal["none", "metadata", "auto"] = "none"
    #: Replaces the default class, as in WordPress; each class is sanitized.
    class_: str = attribute("wp-audio-shortcode", name="class")
    style: str = ""


@attrs.frozen(kw_only=True)
class VideoAttrs:
    """The attributes of ``[video]`` (``wp_video_shortcode``).

    .. versionadded:: 0.1
    """

    #: The file or a YouTube/Vimeo page; a positional URL is read when there is none.
    src: Url | None = None
    mp4: Url | None = None
    m4v: Url | None = None
    webm: Url | None = None
    ogv: Url | None = None
    flv: Url | None = None
    wmv: Url | None = None
    poster: Url | None = None
    loop: bool = False
    autoplay: bool = False
    preload: Literal["none", "metadata", "auto"] = "metadata"
    width: int = 640
    height: int = 360
    class_: str = attribute("wp-video-shortcode", name="class")


_Kind = Literal["audio", "video"]


def _positional_url(context: RenderContext) -> Url | None:
    """``[audio https://…]``: WordPress.com's (Jetpack's) form, ``url|option=…`` included."""
    if "src" in context.node.attrs or not context.node.positional:
        return None
    written = context.node.positional[0].split("|")[0].split(",")[0].strip()
    url = checked_url(written)
    if url is None:
        context.report("SC403", f"the positional URL of `{context.node.name}` must be a "
                       f"relative URL or one with scheme http, https, not `{written}`",
                       hint="write an http or https URL")
    return url


def _sources(context: RenderContext, kind: _Kind) -> tuple[tuple[Url, ...], Url | None]:
    """The playable URLs (``src`` first, then WordPress's ``$default_types`` order), and
    a ``src`` WordPress only links to because its format is not playable."""
    values, video = context.attrs, kind == "video"
    extensions = _VIDEO if video else _AUDIO
    given = [(name, getattr(values, name)) for name in extensions if getattr(values, name)]
    src: Url | None = values.src or (None if given else _positional_url(context))
    if src is not None:
        if url_extension(src) not in extensions and source_type(src, video=video) not in (
                "video/youtube", "video/vimeo"):
            return (), src
        return (src, *(url for _, url in given)), None
    if any(url_extension(url) == name for name, url in given):
        return tuple(url for _, url in given), None
    return (), None


def _flag(value: bool) -> str | None:
    """WordPress prints a true ``loop``/``autoplay`` as ``"1"`` and omits a false one."""
    return "1" if value else None


def _player(context: RenderContext, kind: _Kind, *, before: tuple[tuple[str, object], ...] = (),
            after: tuple[tuple[str, object], ...] = (), inner: str = ""
            ) -> Markup | None:
    """The ``<audio>``/``<video>`` element; ``None`` (and ``SC406``) without a source."""
    values = context.attrs
    urls, unplayable = _sources(context, kind)
    if unplayable is not None:
        return Markup('<a class="wp-embedded-{}" href="{}">{}</a>').format(
            kind, unplayable, unplayable)
    if not urls:
        context.report("SC406", f"`{context.node.name}` has no playable source; WordPress "
                       "would play the post's first attached file, which a render without "
                       "the post cannot find", hint="give `src` or a per-format attribute")
        return None
    number = instance(context, (kind,))
    head = html_attributes(
        ("class", html_classes(values.class_) or None),
        ("id", f"{kind}-{post_id(context)}-{number}"), *before,
        ("loop", _flag(values.loop)), ("autoplay", _flag(values.autoplay)),
        ("preload", values.preload), *after)
    return Markup('<{0}{1} controls="controls">{2}{3}{4}</{0}>').format(
        Markup(kind), head, source_tags(urls, number, video=kind == "video"), inner,
        Markup('<a href="{0}">{0}</a>').format(urls[0]))  # wp_mediaelement_fallback


def _player_data(context: RenderContext, kind: _Kind) -> dict[str, object]:
    urls, unplayable = _sources(context, kind)
    values = context.attrs
    return {"sources": [{"src": url, "type": source_type(url, video=kind == "video")}
                        for url in urls], "unplayable": unplayable,
            "loop": values.loop, "autoplay": values.autoplay, "preload": values.preload}


def _audio_data(node: Shortcode, context: RenderContext, /) -> dict[str, object]:
    return _player_data(context, "audio")


@handler("audio", schema=AudioAttrs, data=_audio_data,
         description="An HTML5 audio player (WordPress's `wp_audio_shortcode`).")
def audio(node: Shortcode, context: RenderContext, /) -> Markup | None:
    """Render ``[audio]`` as ``<audio class="wp-audio-shortcode" …>``."""
    return _player(context, "audio", after=(("style", "width: 100%;"),))


def _track_tags(content: str) -> Markup:
    """The content's ``<track>`` elements, rebuilt from checked attributes only."""
    tags = Markup("")
    for tag in markup(content):
        if (tag["name"] or "").lower() != "track" or tag["close"] or not tag["end"]:
            continue
        found = tag_attributes(tag)
        src, kind = checked_url(found.get("src") or ""), (found.get("kind") or "").lower()
        srclang = found.get("srclang") or ""
        if src is not None:
            tags += Markup("<track{} />").format(html_attributes(
                ("kind", kind if kind in _TRACK_KINDS else None), ("src", src),
                ("srclang", srclang if _SRCLANG.fullmatch(srclang) else None),
                ("label", plain_text(found.get("label") or "") or None),
                ("default", "default" if "default" in found else None)))
    return tags


def _video_size(context: RenderContext) -> tuple[int, int]:
    """``absint`` sizes, scaled down to the data bag's ``content_width`` like WordPress."""
    width = abs(lenient_int(context, "width", context.attrs.width))
    height = abs(lenient_int(context, "height", context.attrs.height))
    limit = context.data.get("content_width")
    if isinstance(limit, int) and not isinstance(limit, bool) and 0 < limit < width:
        height, width = round(height * limit / width), limit
    return width, height


def _video_data(node: Shortcode, context: RenderContext, /) -> dict[str, object]:
    width, height = _video_size(context)
    return {**_player_data(context, "video"), "poster": context.attrs.poster,
            "width": width, "height": height}


@handler("video", schema=VideoAttrs, data=_video_data,
         description="An HTML5 video player (WordPress's `wp_video_shortcode`).")
def video(node: Shortcode, context: RenderContext, /) -> Markup | None:
    """Render ``[video]`` as ``<div class="wp-video"><video class="wp-video-shortcode" …>``."""
    width, height = _video_size(context)
    player = _player(context, "video", before=(
        ("width", width), ("height", height), ("poster", context.attrs.poster or None)),
        inner=_track_tags(str(context.render_children())))
    if player is None or not player.startswith("<video"):
        return player
    return Markup('<div style="{}" class="wp-video">{}</div>').format(
        f"width: {width}px;" if width else "", player)
