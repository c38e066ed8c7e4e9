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

import html
import posixpath
import urllib.parse
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Final, Literal, Protocol, runtime_checkable

import attrs
import regex
from markupsafe import Markup

from shortcodes.nodes import Shortcode
from shortcodes.registry import handler
from shortcodes.render import RenderContext
from shortcodes.schema import Url, attribute, schema_from_spec

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
    def url(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def caption(self) -> str: ...

    @property
    def alt(self) -> str: ...


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
_PERCENT_OCTET: Final = regex.compile(r"%[a-fA-F0-9]{2}")
_NOT_CLASS: Final = regex.compile(r"[^A-Za-z0-9_-]")
_MARKUP: Final = regex.compile(r"""
    <(?P<close>/?)(?P<name>[A-Za-z][^\s/>]*+)
      (?P<attrs>(?:[^>=]++|=\s*+"[^"]*+(?:"|\Z)|=\s*+'[^']*+(?:'|\Z)|=)*+)(?P<end>>?)
  | <!--.*?(?:-->|\Z)
  | <[!?/][^>]*+>?""", regex.VERBOSE | regex.DOTALL)
_ATTRIBUTE: Final = regex.compile(r"""
    (?P<name>[^\s/=]++)
    (?:\s*+=\s*+(?:"(?P<dq>[^"]*+)"?|'(?P<sq>[^']*+)'?|(?P<bare>[^\s>]*+)))?""",
    regex.VERBOSE)
_PHP_INT: Final = regex.compile(r"\s*+([+-]?[0-9]++)")
_SRCLANG: Final = regex.compile(r"[A-Za-z0-9-]{1,35}")
_TRACK_KINDS: Final = frozenset({"subtitles", "captions", "descriptions", "chapters",
                                 "metadata"})
_URL_CHECK: Final = schema_from_spec({"url": "url"}).fields[0].convert


def sanitize_html_class(name: str, /) -> str:
    """Keep ``A-Za-z0-9_-`` of *name*, as WordPress's ``sanitize_html_class`` does.

    Percent-encoded octets go first, then every other character:

    >>> sanitize_html_class('align%20left" onmouseover="x')
    'alignleftonmouseoverx'

    .. versionadded:: 0.1
    """
    return _NOT_CLASS.sub("", _PERCENT_OCTET.sub("", name))


def html_classes(*values: str) -> str:
    """Whitespace-separated class lists, each class sanitized, empty ones dropped."""
    return " ".join(c for value in values for c in map(sanitize_html_class, value.split()) if c)


def checked_url(value: str, /) -> Url | None:
    """*value* as a `Url` (http, https or relative, entities decoded), or ``None``.

    >>> checked_url("https://example.com/a.mp3?x=1&amp;y=2")
    'https://example.com/a.mp3?x=1&y=2'
    >>> checked_url("JaVa&#x09;script:alert(1)") is None
    True

    .. versionadded:: 0.1
    """
    try:
        url = str(_URL_CHECK(value))
    except ValueError:
        return None
    return Url(url) if url else None


def markup(html: str, /) -> Iterator[regex.Match[str]]:
    """The tags, comments and declarations of *html*, found as a browser finds them.

    One forward pass, linear in the length (the standard library's `html.parser` is
    quadratic on some unfinished tags). A quoted attribute value may hold ``>``. A tag's
    match has the groups ``close`` (``/`` or empty), ``name``, ``attrs`` and ``end``
    (``>``); an unfinished tag has an empty ``end`` and runs to the end of *html*, as
    a browser reads it.
    """
    position = 0
    while (start := html.find("<", position)) >= 0:
        found = _MARKUP.match(html, start)
        if found is None:
            position = start + 1
        else:
            yield found
            position = found.end()


def tag_attributes(tag: regex.Match[str], /) -> dict[str, str]:
    """A tag's attributes, names lower-cased, entities decoded; the first of a name wins."""
    found: dict[str, str] = {}
    for item in _ATTRIBUTE.finditer(tag["attrs"]):
        value = next((v for v in item.group("dq", "sq", "bare") if v is not None), "")
        found.setdefault(item["name"].lower(), html.unescape(value))
    return found


def plain_text(value: str, /) -> str:
    """The text of an HTML fragment: markup and ``script``/``style`` text removed,
    entities decoded (escape it to print).

    >>> plain_text('Tom &amp; <a title="a>b" href="x">Jerry</a><script>alert(1)</script>')
    'Tom & Jerry'

    .. versionadded:: 0.1
    """
    pieces, position, hidden = [], 0, ""
    for found in markup(value):
        if not hidden:
            pieces.append(value[position:found.start()])
        name = (found["name"] or "").lower()
        if not found["close"] and name in ("script", "style") and not hidden:
            hidden = name
        elif found["close"] and name == hidden:
            hidden = ""
        position = found.end()
    if not hidden:
        pieces.append(value[position:])
    return html.unescape("".join(pieces)).strip()


def html_attributes(*pairs: tuple[str, object]) -> Markup:
    """`` name="value"`` for each pair whose value is not ``None``; values are escaped."""
    return Markup("").join(Markup(' {}="{}"').format(Markup(name), value)
                           for name, value in pairs if value is not None)


def lenient_int(context: RenderContext, name: str, value: int) -> int:
    """*value*, or the leading integer of a raw attribute that did not convert.

    WordPress casts sizes with PHP's ``(int)``, so ``width="300px"`` is 300 there; the
    schema has reported ``SC403`` and the render keeps WordPress's number. A value
    without leading digits keeps the schema's default.
    """
    raw = context.node.attrs.get(name) or "0"
    try:
        int(raw)
    except ValueError:
        digits = _PHP_INT.match(raw)
        return int(digits[1]) if digits else value
    return value  # absent, or converted by the schema


def instance(context: RenderContext, names: Collection[str]) -> int:
    """The 1-based position of the node among the document's shortcodes named *names*."""
    number = 0
    for node in context.document.shortcodes():
        if node.name in names:
            number += 1
        if node is context.node:
            return number
    return number + 1  # a node built by hand, outside the document


def post_id(context: RenderContext) -> int:
    """The data bag's ``post_id``, or 0 (WordPress's value outside a post)."""
    value = context.data.get("post_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def url_extension(url: str) -> str:
    """The lower-case extension of the URL's path (no query, no fragment)."""
    return posixpath.splitext(urllib.parse.urlsplit(url).path)[1][1:].lower()


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


def with_instance(url: str, number: int) -> str:
    """Append WordPress's cache-buster ``_=N`` to the query (``add_query_arg``)."""
    base, mark, fragment = url.partition("#")
    return f"{base}{'&' if '?' in base else '?'}_={number}{mark}{fragment}"


def source_tags(urls: Iterable[str], number: int | None, *, video: bool) -> Markup:
    """One ``<source>`` per URL, with the cache-buster of the player *number* if any."""
    return Markup("").join(
        Markup("<source{} />").format(html_attributes(
            ("type", source_type(url, video=video)),
            ("src", url if number is None else with_instance(url, number))))
        for url in urls)


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
