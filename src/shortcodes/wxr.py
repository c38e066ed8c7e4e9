"""Stream the items of a WordPress export (WXR 1.0–1.2) without building its tree.

This module sits on top of the pipeline: no core module imports it. It reads the
export with `xml.parsers.expat` as a push parser, fed in fixed-size chunks;
each ``<item>`` becomes an `Item` as soon as its closing tag is read, and only
that item's fields are ever held in memory, so memory stays flat however large
the export is.

Safety: an export may not declare entities (the "billion laughs" attack) and
external entities are never fetched; such a file raises `WxrError` before
anything is expanded. Text before the XML declaration (PHP warnings printed
into the export) is skipped and reported as SC501. Any other damage raises
`WxrError` naming the file, line and column, after the items read so far.
The expat handlers themselves live in the private `shortcodes._wxr_parser`.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from types import MappingProxyType
from typing import IO, BinaryIO, Final, TypeAlias
from xml.parsers import expat

import attrs
import regex

from shortcodes._wxr_parser import Collector, RawItem, Stop, leading_garbage, make_parser
from shortcodes.diagnostics import Diagnostic
from shortcodes.errors import WxrError
from shortcodes.span import LineIndex

__all__ = ["SNIFF_SIZE", "Attachment", "Item", "MediaLibrary", "Term", "WxrReader", "is_wxr",
           "iter_items", "read_attachments"]

#: Bytes fed to expat at a time.
CHUNK_SIZE: Final = 64 * 1024
# Leading junk is looked for only in this many first bytes.
_HEAD_SIZE: Final = 64 * 1024
#: How many first bytes of a file `is_wxr` needs: as many as the reader looks
#: through for junk before ``<?xml``.
SNIFF_SIZE: Final = _HEAD_SIZE
# What may come before the root element of an export: a byte order mark, the XML
# declaration, comments, processing instructions, a DOCTYPE, white space.
_PROLOG: Final = regex.compile(r"""
    \ufeff?+
    (?: \s++
      | <\?(?:[^?]++|\?(?!>))*+\?>
      | <!--(?:[^-]++|-(?!->))*+-->
      | <!DOCTYPE[^\[>]*+(?:\[[^\]]*+\])?+[^>]*+>
    )*+
    <rss(?P<attributes>(?:\s[^>]*+)?+)>
    """, regex.VERBOSE)
_WXR_DECLARATION: Final = regex.compile(r"""
    \s xmlns(?::[\w.-]++)?+ \s*+ = \s*+
    (?P<quote>["']) https?://wordpress\.org/export/1\.\d++/ (?P=quote)
    """, regex.VERBOSE)


@attrs.frozen
class Term:
    """A category, tag or other term an item is filed under.

    .. versionadded:: 0.1
    """

    #: The taxonomy: ``"category"``, ``"post_tag"``, ``"post_format"``, ...
    domain: str
    #: The term's slug.
    nicename: str
    #: The term's display name.
    label: str


def _parse_date(text: str, zone: timezone | None) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
    except ValueError:  # drafts carry "0000-00-00 00:00:00"
        return None


@attrs.frozen(kw_only=True)
class Item:
    """One ``<item>`` of an export: a post, page, attachment or any other post type.

    Strings are as written in the export (empty when the element is missing).

    .. versionadded:: 0.1
    """

    #: ``wp:post_id``.
    post_id: int
    #: ``wp:post_type``: ``"post"``, ``"page"``, ``"attachment"``, ``"nav_menu_item"``, ...
    post_type: str = ""
    #: ``wp:status``: ``"publish"``, ``"draft"``, ``"inherit"``, ...
    status: str = ""
    #: ``title``.
    title: str = ""
    #: ``link``: the item's public URL.
    link: str = ""
    #: ``wp:post_name``: the slug.
    slug: str = ""
    #: ``pubDate``, RSS style (``"Mon, 16 Jun 2008 13:20:37 +0000"``).
    pub_date: str = ""
    #: ``wp:post_date`` in the site's time zone (``"2008-06-16 06:20:37"``).
    post_date: str = ""
    #: ``wp:post_date_gmt``; ``"0000-00-00 00:00:00"`` for drafts.
    post_date_gmt: str = ""
    #: ``dc:creator``: the author's login.
    author: str = ""
    #: ``wp:post_parent``; 0 when the item has no parent.
    parent_id: int = 0
    #: Every ``category`` element, in order (categories, tags, formats, ...).
    terms: tuple[Term, ...] = ()
    #: ``content:encoded``: the post body, where shortcodes live.
    content: str = ""
    #: ``excerpt:encoded``; an attachment's caption.
    excerpt: str = ""
    #: ``wp:postmeta`` as ``(key, value)`` pairs, in order; page builders keep shortcodes here.
    meta: tuple[tuple[str, str], ...] = ()
    #: ``wp:attachment_url``, or ``None`` when the item has none.
    attachment_url: str | None = None
    #: 1-based line of ``<item>`` in the export.
    line: int = 1
    #: 1-based line and column where the text of ``content:encoded`` starts, when it has any.
    content_start: tuple[int, int] | None = None

    @property
    def categories(self) -> tuple[Term, ...]:
        """The terms of the ``category`` taxonomy."""
        return tuple(term for term in self.terms if term.domain == "category")

    @property
    def tags(self) -> tuple[Term, ...]:
        """The terms of the ``post_tag`` taxonomy."""
        return tuple(term for term in self.terms if term.domain == "post_tag")

    @property
    def date(self) -> datetime | None:
        """`post_date` as a naive `datetime`, or ``None`` when it does not parse."""
        return _parse_date(self.post_date, None)

    @property
    def date_gmt(self) -> datetime | None:
        """`post_date_gmt` as an aware UTC `datetime`, or ``None`` (drafts)."""
        return _parse_date(self.post_date_gmt, timezone.utc)

    def get_meta(self, key: str) -> str | None:
        """Return the last value of meta *key*, or ``None``."""
        found = None
        for meta_key, value in self.meta:
            if meta_key == key:
                found = value
        return found


@attrs.frozen(kw_only=True)
class Attachment:
    """A media library entry, as ``[gallery ids="…"]``, ``[audio]`` and ``[video]`` need it.

    .. versionadded:: 0.1
    """

    #: The attachment's post id.
    id: int
    #: The file's URL (``wp:attachment_url``).
    url: str
    #: The attachment's title.
    title: str = ""
    #: The caption (the attachment's excerpt).
    caption: str = ""
    #: The alternative text (meta ``_wp_attachment_image_alt``).
    alt: str = ""
    #: The post the file is attached to (``wp:post_parent``); 0 when none.
    parent_id: int = 0

    @classmethod
    def from_item(cls, item: Item) -> Attachment | None:
        """Return the attachment *item* describes, or ``None`` when it is not one."""
        if item.post_type != "attachment" or item.attachment_url is None:
            return None
        return cls(id=item.post_id, url=item.attachment_url, title=item.title,
                   caption=item.excerpt, alt=item.get_meta("_wp_attachment_image_alt") or "",
                   parent_id=item.parent_id)


#: What `read_attachments` returns and renderers look attachments up in: id to `Attachment`.
#:
#: .. versionadded:: 0.1
MediaLibrary: TypeAlias = Mapping[int, Attachment]


def _item(raw: RawItem) -> Item:
    """The `Item` of what the parser collected for one ``<item>``."""
    fields = raw.fields
    return Item(
        post_id=raw.post_id, post_type=fields.get("wp:post_type", ""),
        status=fields.get("wp:status", ""), title=fields.get("title", ""),
        link=fields.get("link", ""), slug=fields.get("wp:post_name", ""),
        pub_date=fields.get("pubDate", ""), post_date=fields.get("wp:post_date", ""),
        post_date_gmt=fields.get("wp:post_date_gmt", ""),
        author=fields.get("dc:creator", ""), parent_id=raw.parent_id,
        terms=tuple(Term(*term) for term in raw.terms),
        content=fields.get("content:encoded", ""), excerpt=fields.get("excerpt:encoded", ""),
        meta=raw.meta, attachment_url=fields.get("wp:attachment_url"), line=raw.line,
        content_start=raw.content_start)


class WxrReader:
    """Reads one WordPress export, item by item.

    `items` reads the export from the start each time it is called (once only for a
    file object); `diagnostics` holds the warnings of the latest reading.

    Args:
        source: a path, or a binary file object (which the caller closes).
        chunk_size: how many bytes to feed the XML parser at a time.

    Raises:
        ValueError: *chunk_size* is less than 1.

    .. versionadded:: 0.1
    """

    def __init__(self, source: str | os.PathLike[str] | BinaryIO, /, *,
                 chunk_size: int = CHUNK_SIZE) -> None:
        if chunk_size < 1:
            raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
        self._source = source
        self._chunk_size = chunk_size
        self._diagnostics: list[Diagnostic] = []
        if isinstance(source, (str, os.PathLike)):
            #: The name errors and diagnostics give the export.
            self.path: str = os.fspath(source)
        else:
            name = getattr(source, "name", None)
            self.path = name if isinstance(name, str) else "<stream>"

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Warnings about the export (SC501), as far as it has been read."""
        return tuple(self._diagnostics)

    def items(self) -> Iterator[Item]:
        """Yield every item of the export, in order, as soon as it is read.

        Raises:
            WxrError: the file is not a WordPress export, is unsafe, or is damaged;
                items read before the damage have been yielded.
            OSError: the file cannot be read.
            TypeError: the file object is not binary.
        """
        self._diagnostics = []
        with self._open() as stream:
            chunks = self._chunks(stream)
            head = self._head(chunks)
            skip = leading_garbage(head)
            shift = self._skip(head[:skip]) if skip else (0, 1)
            parser, collector = make_parser(*shift)
            for chunk, final in _with_last(head[skip:], chunks):
                error = self._feed(parser, collector, chunk, final)
                yield from map(_item, collector.ready)
                collector.ready = []
                if error is not None:
                    raise error

    def _open(self) -> contextlib.AbstractContextManager[IO[bytes]]:
        if isinstance(self._source, (str, os.PathLike)):
            return open(self._source, "rb")
        return contextlib.nullcontext(self._source)

    def _chunks(self, stream: IO[bytes]) -> Iterator[bytes]:
        while chunk := stream.read(self._chunk_size):
            if not isinstance(chunk, bytes):
                raise TypeError(f"{self.path}: open the export in binary mode ('rb')")
            yield chunk

    @staticmethod
    def _head(chunks: Iterator[bytes]) -> bytes:
        head = b""
        while len(head) < _HEAD_SIZE and (chunk := next(chunks, None)) is not None:
            head += chunk
        return head

    def _skip(self, garbage: bytes) -> tuple[int, int]:
        """Report *garbage* as SC501; return the line and column shifts it causes."""
        text = garbage.decode("utf-8", "replace")
        span = LineIndex(text).span(0, len(text))
        self._diagnostics.append(Diagnostic(
            "SC501", f"the export starts with {len(garbage)} bytes before the XML "
            "declaration `<?xml`; they were skipped", span,
            hint="delete everything before `<?xml` (often PHP warnings printed into the file)"))
        return span.end.line - 1, span.end.column

    def _feed(self, parser: expat.XMLParserType, collector: Collector, chunk: bytes,
              final: bool) -> WxrError | None:
        try:
            parser.Parse(chunk, final)
        except Stop as stop:
            return WxrError(f"{self.path}:{stop.line}:{stop.column}: {stop.message}")
        except expat.ExpatError as error:
            line, column = collector.position()
            reason = expat.ErrorString(error.code)
            if final and not collector.root_seen:
                what = "not a WordPress export: no XML element found"
            elif final and collector.depth:
                what = "the export ends early (truncated?)"
            else:
                what = "not well-formed XML"
            return WxrError(f"{self.path}:{line}:{column}: {what}: {reason}")
        return None


def _with_last(head: bytes, chunks: Iterator[bytes]) -> Iterator[tuple[bytes, bool]]:
    """Yield *head* and each chunk as not final, then ``(b"", True)``."""
    yield from ((chunk, False) for chunk in itertools.chain((head,), chunks))
    yield b"", True


def is_wxr(head: bytes, /) -> bool:
    """Whether *head*, the first bytes of a file, starts a WordPress export.

    A cheap sniff, for deciding how to read a file: after any junk before
    ``<?xml`` (see SC501), the root element is ``<rss>`` and it declares the WXR
    namespace (``http://wordpress.org/export/1.x/``, ``https`` too). Give it the
    first `SNIFF_SIZE` bytes of the file. It parses nothing: a file it accepts can
    still be damaged or unsafe, which `WxrReader.items` reports.

    >>> is_wxr(b'<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/">')
    True
    >>> is_wxr(b'<?xml version="1.0"?><rss version="2.0"><channel>')
    False

    .. versionadded:: 0.1
    """
    text = head[leading_garbage(head) :].decode("utf-8", "replace")
    match = _PROLOG.match(text)
    return match is not None and _WXR_DECLARATION.search(match["attributes"]) is not None


def iter_items(source: str | os.PathLike[str] | BinaryIO, /) -> Iterator[Item]:
    """Yield every item of the export *source* (a path or a binary file object).

    Shorthand for ``WxrReader(source).items()``; use `WxrReader` to see the
    warnings too.

    Raises:
        WxrError: see `WxrReader.items`.

    .. versionadded:: 0.1
    """
    return WxrReader(source).items()


def read_attachments(source: str | os.PathLike[str] | BinaryIO, /) -> MediaLibrary:
    """Read every attachment of the export *source* into a read-only `MediaLibrary`.

    One streaming pass that keeps only the attachments; when two share an id, the
    later one wins.

    Raises:
        WxrError: see `WxrReader.items`.

    .. versionadded:: 0.1
    """
    found: dict[int, Attachment] = {}
    for item in iter_items(source):
        attachment = Attachment.from_item(item)
        if attachment is not None:
            found[attachment.id] = attachment
    return MappingProxyType(found)
