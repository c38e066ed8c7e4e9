"""``shortcodes lint`` on WordPress exports (internal): each item's texts, linted.

An export is read with `shortcodes.wxr.WxrReader`, streaming. Each item's
``content``, its ``excerpt`` when not empty, and each post meta value holding a
``[`` (unless it is JSON) are linted as texts of their own: positions are
relative to that text, as for any file, and an `ItemField` says where the text
lies (``post-12``, ``post-12/excerpt``, ``post-12/meta/<key>``). The reader's own
warnings (SC501) are reported against the export itself, with positions in the
file.

Exact positions in the file: for a content with findings, when the output format
uses them (`Reporter.maps_positions`), the export's lines are read once more,
forward, and when the content is written there verbatim (one CDATA section, or
text without entity or character references) its start is recorded as an
`Anchor`, from which every position of the content maps exactly into the file.
Otherwise, and for excerpts and meta values (whose start the reader does not
record), there is no anchor and only the item's line is known.
"""

from __future__ import annotations

import io
import json
import urllib.parse
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, BinaryIO, Literal

import attrs

from shortcodes.diagnostics import Diagnostic
from shortcodes.errors import WxrError
from shortcodes.lint import LintConfig, lint, select_diagnostics
from shortcodes.span import LineIndex, Position
from shortcodes.wxr import SNIFF_SIZE, Item, WxrReader, is_wxr

if TYPE_CHECKING:
    from shortcodes._report import Reporter

__all__ = ["Anchor", "ExportSource", "ItemField", "lint_export"]

Field = Literal["content", "excerpt", "meta"]


@attrs.frozen
class Anchor:
    """Where a text starts in the export file, when it is written there verbatim."""

    #: 1-based line and column (in code points) of the text's first character.
    line: int
    column: int
    #: The same column in UTF-16 code units (for SARIF).
    utf16: int

    def line_column(self, position: Position) -> tuple[int, int]:
        """The line and column in the file of *position*, a position in the text."""
        if position.line == 1:
            return self.line, self.column + position.column - 1
        return self.line + position.line - 1, position.column

    def utf16_column(self, position: Position, index: LineIndex) -> int:
        """The UTF-16 column in the file of *position*; *index* is the text's."""
        column = index.utf16_column(position)
        return self.utf16 + column - 1 if position.line == 1 else column


@attrs.frozen(kw_only=True)
class ItemField:
    """Which text of which export item a finding is in."""

    #: The item's ``wp:post_id`` and ``wp:post_type``.
    post_id: int
    post_type: str
    field: Field
    #: The meta key, for ``field == "meta"``.
    key: str | None = None
    #: The item's ``link``.
    link: str = ""
    #: 1-based line of the item's ``<item>`` tag in the export.
    line: int
    #: Where the text starts in the file, when positions map exactly.
    anchor: Anchor | None = None

    @property
    def name(self) -> str:
        """``post-12``, ``post-12/excerpt`` or ``post-12/meta/<percent-encoded key>``."""
        base = f"post-{self.post_id}"
        if self.field == "content":
            return base
        if self.field == "excerpt":
            return f"{base}/excerpt"
        return f"{base}/meta/{urllib.parse.quote(self.key or '', safe='')}"

    def to_json(self, start: Position, end: Position) -> dict[str, object]:
        """The ``item`` object of the json format for a finding from *start* to *end*."""
        def where(position: Position) -> dict[str, int] | None:
            if self.anchor is None:
                return None
            line, column = self.anchor.line_column(position)
            return {"line": line, "column": column}

        return {"id": self.post_id, "type": self.post_type, "field": self.field,
                "key": self.key, "link": self.link, "line": self.line,
                "export_start": where(start), "export_end": where(end)}


def item_fields(item: Item) -> Iterator[tuple[ItemField, str]]:
    """The texts of *item* to lint, each with its `ItemField` (without an anchor)."""
    content = ItemField(post_id=item.post_id, post_type=item.post_type, field="content",
                        link=item.link, line=item.line)
    yield content, item.content
    if item.excerpt:
        yield attrs.evolve(content, field="excerpt"), item.excerpt
    for key, value in item.meta:
        if "[" in value and not _is_json(value):
            yield attrs.evolve(content, field="meta", key=key), value


def _is_json(value: str) -> bool:
    """Whether *value* is a JSON array or object, as page builders (Elementor) and the
    block editor (footnotes) store in meta: its strings are JSON-escaped
    (``[form title=\\"Hi\\"]``), so their shortcodes only read right once decoded."""
    if value.lstrip()[:1] not in ("[", "{"):
        return False
    try:
        json.loads(value)
    except (ValueError, RecursionError):
        return False
    return True


@attrs.frozen
class ExportSource:
    """One input of ``shortcodes lint``: a file, or standard input held in memory."""

    #: The path as given (``-`` for standard input) and as shown in the output.
    path: str
    shown: str
    #: Standard input's bytes, read by the caller; ``None`` for a file, which is
    #: read when needed.
    data: bytes | None = None

    def open(self) -> BinaryIO:
        """A new binary stream of the whole input (named as shown)."""
        if self.data is None:
            return open(self.path, "rb")
        stream = io.BytesIO(self.data)
        stream.name = self.shown  # WxrError messages start with the name
        return stream

    def head(self) -> bytes:
        """The first `SNIFF_SIZE` bytes."""
        with self.open() as stream:
            return stream.read(SNIFF_SIZE)

    def is_export(self, forced: bool | None) -> bool:
        """Whether to read it as an export: *forced*, else an ``.xml`` that looks like one."""
        if forced is not None:
            return forced
        return self.shown.lower().endswith(".xml") and is_wxr(self.head())

    def text(self) -> str:
        """The whole input as strict UTF-8 (without a byte order mark).

        Raises:
            OSError: it cannot be read.
            UnicodeDecodeError: it is not UTF-8.
        """
        if self.data is None:
            with open(self.path, "rb") as stream:
                return stream.read().decode("utf-8-sig")
        return self.data.decode("utf-8-sig")

    def reader(self) -> WxrReader:
        """A reader of the input as an export."""
        return WxrReader(self.path if self.data is None else self.open())


class _ExportLines:
    """The export's lines, read forward once and only as far as asked."""

    def __init__(self, opener: Callable[[], BinaryIO]) -> None:
        self._opener = opener
        self._stream: io.TextIOWrapper | None = None
        self._read = 0

    def lines(self, first: int, count: int) -> list[str] | None:
        """Lines *first* (1-based) to ``first + count - 1``, each ending in ``\\n``
        (``\\r\\n`` and ``\\r`` end lines too, as in XML); ``None`` if already passed.

        Raises:
            _ReadError: the export cannot be read.
        """
        try:
            return self._lines(first, count)
        except OSError as error:
            raise _ReadError(error) from error

    def _lines(self, first: int, count: int) -> list[str] | None:
        if self._stream is None:
            # Undecodable bytes (junk before <?xml) count as one character, as the
            # reader counts them for SC501.
            self._stream = io.TextIOWrapper(self._opener(), encoding="utf-8-sig",
                                            errors="replace", newline=None)
        if first <= self._read:
            return None
        while self._read < first - 1 and self._stream.readline():
            self._read += 1
        found: list[str] = []
        while len(found) < count and (line := self._stream.readline()):
            found.append(line)
        self._read += len(found)
        return found

    def anchor(self, item: Item) -> Anchor | None:
        """Where *item*'s content starts, if it is written verbatim from there."""
        if item.content_start is None:
            return None
        line, column = item.content_start
        lines = self.lines(line, item.content.count("\n") + 1)
        if not lines or len(lines[0]) < column - 1:
            return None
        before = lines[0][: column - 1]
        if not (lines[0][column - 1 :] + "".join(lines[1:])).startswith(item.content):
            return None
        return Anchor(line, column, len(before.encode("utf-16-le")) // 2 + 1)

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()


def lint_export(source: ExportSource, reporter: Reporter, *, config: LintConfig,
                relative: str) -> WxrError | OSError | None:
    """Lint every item of the export *source* and report the findings as they come.

    *relative* is the export's path for ``per_path_ignores``. Returns the error
    that stopped the reading: `WxrError` for an unsafe, damaged or truncated
    export, or not an export, `OSError` when the file cannot be read; the items
    read before it were linted and reported. Errors writing the report propagate.
    """
    try:
        head = source.head()
    except OSError as error:
        return error
    reader = source.reader()
    lines = _ExportLines(source.open)
    warned = False
    stop: WxrError | OSError | None = None
    try:
        for item in _reading(reader.items()):
            if not warned:
                warned = _warn(head, source.shown, reader, reporter, config, relative)
            _lint_item(item, source.shown, reporter, config, relative, lines)
    except WxrError as error:
        stop = error
    except _ReadError as error:
        stop = error.error
    finally:
        lines.close()
    if not warned:
        _warn(head, source.shown, reader, reporter, config, relative)
    return stop


class _ReadError(Exception):
    """An `OSError` met reading the export, told apart from one writing the report."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _reading(items: Iterator[Item]) -> Iterator[Item]:
    """*items*, with the `OSError` of reading them as `_ReadError`."""
    try:
        yield from items
    except OSError as error:
        raise _ReadError(error) from error


def _lint_item(item: Item, shown: str, reporter: Reporter, config: LintConfig,
               relative: str, lines: _ExportLines) -> None:
    for field, text in item_fields(item):
        found = lint(text, config=config, path=relative)
        if not found:
            continue
        if field.field == "content" and reporter.maps_positions:
            field = attrs.evolve(field, anchor=lines.anchor(item))
        reporter.add(shown, text, found, item=field)


def _warn(head: bytes, shown: str, reader: WxrReader, reporter: Reporter,
          config: LintConfig, relative: str) -> bool:
    """Report the reader's warnings (SC501, at the start of the file); return True."""
    found: tuple[Diagnostic, ...] = select_diagnostics(reader.diagnostics, config=config,
                                                       path=relative)
    if found:
        # The junk before <?xml, decoded as the reader decoded it, for the caret.
        end = max(d.span.end.offset for d in found)
        reporter.add(shown, head.decode("utf-8", "replace")[:end], found)
    return True
