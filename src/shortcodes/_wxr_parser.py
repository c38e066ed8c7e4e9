"""The expat handlers behind `shortcodes.wxr`: one export's elements to raw items.

Private to `shortcodes.wxr`, which feeds the parser made here chunk by chunk and
turns each `RawItem` into an `Item`. Invariants: only the fields of the item being
read are held; every entity declaration, external entity or undefined entity
aborts parsing (`Stop`) before anything is expanded; positions are 1-based lines
and columns of the whole file, counting text skipped before ``<?xml``.
"""

from __future__ import annotations

from typing import Final, NamedTuple, NoReturn
from xml.parsers import expat

import regex

__all__ = ["RawItem", "Stop", "leading_garbage", "make_parser"]

_WXR_NAMESPACE: Final = regex.compile(r"https?://wordpress\.org/export/1\.\d+/")
_EXCERPT_NAMESPACE: Final = regex.compile(r"https?://wordpress\.org/export/1\.\d+/excerpt/")
_PREFIXES: Final = {"http://purl.org/rss/1.0/modules/content/": "content",
                    "http://purl.org/dc/elements/1.1/": "dc"}
# Children of <item> whose text is kept, by prefixed name.
_ITEM_FIELDS: Final = frozenset({
    "title", "link", "pubDate", "dc:creator", "content:encoded", "excerpt:encoded",
    "wp:post_id", "wp:post_date", "wp:post_date_gmt", "wp:post_name", "wp:status",
    "wp:post_parent", "wp:post_type", "wp:attachment_url", "category"})
_META_FIELDS: Final = frozenset({"wp:meta_key", "wp:meta_value"})


class RawItem(NamedTuple):
    """One ``<item>`` as read: its text fields by prefixed name, terms and meta."""

    #: Text of each kept child element, by prefixed name (``"wp:post_type"``).
    fields: dict[str, str]
    post_id: int
    parent_id: int
    #: ``(domain, nicename, label)`` of every ``category`` element.
    terms: tuple[tuple[str, str, str], ...]
    meta: tuple[tuple[str, str], ...]
    #: 1-based line of ``<item>``.
    line: int
    #: Line and column where the text of ``content:encoded`` starts, if it has any.
    content_start: tuple[int, int] | None


class Stop(Exception):
    """Raised inside an expat handler; the reader turns it into `WxrError`."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def _prefixed(name: str) -> str:
    """Turn expat's ``"uri local"`` into the ``prefix:local`` WordPress writes."""
    uri, _, local = name.rpartition(" ")
    if not uri:
        return local
    prefix = _PREFIXES.get(uri)
    if prefix is None:
        if _EXCERPT_NAMESPACE.fullmatch(uri):
            prefix = "excerpt"
        elif _WXR_NAMESPACE.fullmatch(uri):
            prefix = "wp"
        else:
            prefix = "{" + uri + "}"
    return f"{prefix}:{local}"


class Collector:
    """The expat handlers: keeps the fields of the current item, queues finished items."""

    def __init__(self, parser: expat.XMLParserType, line_shift: int, column_shift: int) -> None:
        self.parser = parser
        #: Items finished since the reader last took them.
        self.ready: list[RawItem] = []
        #: Whether the WXR namespace was declared.
        self.wxr = False
        #: Whether the root element was read.
        self.root_seen = False
        self._shift = (line_shift, column_shift)
        self._names: dict[str, str] = {}
        self._stack: list[str] = []
        self._item: dict[str, str] | None = None
        self._terms: list[tuple[str, str, str]] = []
        self._meta: list[tuple[str, str]] = []
        self._pair: dict[str, str] = {}
        self._text: list[str] | None = None
        self._text_depth = 0
        self._category = ("", "")
        self._starts: dict[str, tuple[int, int]] = {}

    def position(self) -> tuple[int, int]:
        """The parser's position as a 1-based line and column of the whole file."""
        line, column = self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber
        if line == 1:
            return line + self._shift[0], column + self._shift[1]
        return line + self._shift[0], column + 1

    def stop(self, message: str) -> Stop:
        """Make the exception that aborts parsing here."""
        return Stop(message, *self.position())

    @property
    def depth(self) -> int:
        """How many elements are open."""
        return len(self._stack)

    def namespace(self, prefix: str | None, uri: str) -> None:
        if _WXR_NAMESPACE.fullmatch(uri):
            self.wxr = True

    def start(self, raw: str, attributes: dict[str, str]) -> None:
        name = self._names.get(raw) or self._names.setdefault(raw, _prefixed(raw))
        depth = len(self._stack)
        self._stack.append(name)
        if depth == 0:
            self.root_seen = True
            self._check_root(name)
        elif depth == 2 and name == "item" and self._stack[1] == "channel":
            self._item, self._terms, self._meta = {}, [], []
            self._starts = {"item": self.position()}
        elif self._item is None or self._text is not None:
            return
        elif depth == 3 and name in _ITEM_FIELDS:
            self._text, self._text_depth = [], depth
            if name == "category":
                self._category = (attributes.get("domain", ""), attributes.get("nicename", ""))
        elif depth == 4 and name in _META_FIELDS and self._stack[3] == "wp:postmeta":
            self._text, self._text_depth = [], depth

    def _check_root(self, name: str) -> None:
        if name != "rss":
            raise self.stop(f"not a WordPress export: the root element is `<{name}>`, "
                            "not `<rss>`")
        if not self.wxr:
            raise self.stop("not a WordPress export: `<rss>` does not declare the WXR "
                            "namespace (http://wordpress.org/export/1.x/)")

    def text(self, data: str) -> None:
        if self._text is not None:
            if not self._text and self._stack[-1] == "content:encoded":
                self._starts["content"] = self.position()
            self._text.append(data)

    def end(self, raw: str) -> None:
        name = self._stack.pop()
        depth = len(self._stack)
        if self._text is not None:
            if depth == self._text_depth:
                self._store(name, depth, "".join(self._text))
                self._text = None
        elif depth == 3 and name == "wp:postmeta" and self._item is not None:
            self._meta.append((self._pair.get("wp:meta_key", ""),
                               self._pair.get("wp:meta_value", "")))
            self._pair = {}
        elif depth == 2 and self._item is not None:
            self.ready.append(self._build(self._item))
            self._item = None

    def _store(self, name: str, depth: int, value: str) -> None:
        if depth == 4:
            self._pair[name] = value
        elif name == "category":
            self._terms.append((*self._category, value))
        elif self._item is not None:
            self._item[name] = value

    def _build(self, fields: dict[str, str]) -> RawItem:
        line, column = self._starts["item"]
        try:
            post_id = int(fields.get("wp:post_id", ""))
            parent_id = int(fields.get("wp:post_parent") or "0")
        except ValueError:
            raise Stop("an item's `wp:post_id` or `wp:post_parent` is not a number",
                       line, column) from None
        return RawItem(fields, post_id, parent_id, tuple(self._terms), tuple(self._meta),
                       line, self._starts.get("content"))


def _refuse(collector: Collector, what: str) -> NoReturn:
    raise collector.stop(f"unsafe XML refused: the export {what}; WordPress exports never "
                         "do, and it is not expanded")


def make_parser(line_shift: int, column_shift: int) -> tuple[expat.XMLParserType, Collector]:
    """A namespace-aware expat parser that refuses entities, and its `Collector`."""
    parser = expat.ParserCreate(namespace_separator=" ")
    collector = Collector(parser, line_shift, column_shift)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartNamespaceDeclHandler = collector.namespace
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.text
    parser.EntityDeclHandler = lambda name, *_: _refuse(
        collector, f"declares the entity `{name}`")
    parser.UnparsedEntityDeclHandler = lambda name, *_: _refuse(
        collector, f"declares the entity `{name}`")
    parser.ExternalEntityRefHandler = lambda *_: _refuse(
        collector, "refers to an external entity")
    parser.SkippedEntityHandler = lambda name, _: _refuse(
        collector, f"uses the entity `{name}`, which is not defined here")
    return parser, collector


def leading_garbage(head: bytes) -> int:
    """How many bytes before the XML declaration are junk (0 when none)."""
    start = head.find(b"<?xml")
    if start <= 0 or b"<rss" in head[:start] or head[:start] == b"\xef\xbb\xbf":
        return 0
    return start
