"""``shortcodes wxr ACTION ...``: read WordPress exports (WXR).

Actions: ``inventory EXPORT [--format table|json|csv]`` and ``convert EXPORT
--out DIR [--format html|jsonl] ...``. Each action is one nested sub-parser
registered in `add_parser`.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import time
from collections.abc import Iterable, Iterator
from types import MappingProxyType
from typing import Any, BinaryIO, Final, TextIO

import attrs

from shortcodes._report import headline
from shortcodes.cli._common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    Streams,
)
from shortcodes.cli._handlers import add_handlers_option, with_user_handlers
from shortcodes.convert import (
    DEFAULT_POST_TYPES,
    ConversionReport,
    HtmlWriter,
    JsonlWriter,
    PostWriter,
    ShortcodeTally,
    convert_items,
)
from shortcodes.errors import UnknownShortcodeError, WxrError
from shortcodes.inventory import Inventory, InventoryBuilder, InventoryEntry
from shortcodes.presets import builtin
from shortcodes.registry import HandlerRegistry
from shortcodes.render import RenderOptions
from shortcodes.wxr import Attachment, Item, MediaLibrary, WxrReader

__all__ = ["add_parser", "run_convert", "run_inventory"]

#: How many attributes the table shows per shortcode.
_TABLE_ATTRIBUTES: Final = 3
#: Longer names are cut in the table (JSON block attributes read as names are long).
_TABLE_NAME: Final = 40
_COLUMNS: Final = ("name", "count", "posts", "meta", "texturized", "handler", "attributes")
_NUMERIC: Final = frozenset({"count", "posts", "meta", "texturized"})


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``wxr`` and its actions."""
    wxr = commands.add_parser(
        "wxr", help="read WordPress exports (WXR files)",
        description="Read WordPress exports (WXR 1.0-1.2) item by item.")
    actions = wxr.add_subparsers(dest="action", required=True, metavar="ACTION")
    _add_inventory(actions)
    _add_convert(actions)


def _add_inventory(actions: argparse._SubParsersAction[Any]) -> None:
    inventory_cmd = actions.add_parser(
        "inventory", help="count the shortcodes an export uses",
        description="Count every shortcode of an export by name: occurrences, items, "
                    "attributes, texturized tags, handlers, example items.")
    inventory_cmd.add_argument("export", metavar="EXPORT",
                               help="the export file; '-' reads standard input")
    inventory_cmd.add_argument("--format", choices=("table", "json", "csv"), default="table",
                               help="output format (default: table)")
    inventory_cmd.set_defaults(run=run_inventory)


def _binary_stdin(streams: Streams) -> BinaryIO:
    buffer = getattr(streams.stdin, "buffer", None)
    if buffer is None:  # a text stream without bytes underneath (e.g. StringIO)
        return io.BytesIO(streams.stdin.read().encode("utf-8", "surrogatepass"))
    stream: BinaryIO = buffer
    return stream


def run_inventory(args: argparse.Namespace, streams: Streams) -> int:
    """Print the inventory of ``args.export``; return the exit code.

    Exit code 2 when the file cannot be read, is unsafe or is not an export; a
    damaged export that yielded items still prints their inventory.
    """
    path: str = args.export
    reader = WxrReader(_binary_stdin(streams) if path == "-" else path)
    builder = InventoryBuilder(handled=frozenset(builtin()))
    error: WxrError | None = None
    try:
        for item in reader.items():
            builder.add(item)
    except OSError as os_error:
        streams.cannot_read(path, os_error)
        return EXIT_ERROR
    except WxrError as wxr_error:
        error = wxr_error
    write_reader_diagnostics(path, reader, streams)
    result = builder.build()
    if error is None or result.items:
        _write(result, args.format, streams)
    if error is not None:
        streams.error(str(error))
        return EXIT_ERROR
    return EXIT_CLEAN


def write_reader_diagnostics(path: str, reader: WxrReader, streams: Streams) -> None:
    """Write the reader's warnings (SC501) to standard error, one line each."""
    for diagnostic in reader.diagnostics:
        streams.stderr.write(headline(path, diagnostic) + "\n")


def _write(result: Inventory, format_: str, streams: Streams) -> None:
    if format_ == "json":
        streams.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
    elif format_ == "csv":
        csv.writer(streams.stdout, lineterminator="\n").writerows(result.csv_rows())
    else:
        for line in _table_lines(result):
            streams.stdout.write(line + "\n")


def _table_cells(entry: InventoryEntry) -> tuple[str, ...]:
    shown = [f"{name} {count}" for name, count in entry.attributes[:_TABLE_ATTRIBUTES]]
    more = len(entry.attributes) - _TABLE_ATTRIBUTES
    if more > 0:
        shown.append(f"+{more} more")
    name = entry.name if len(entry.name) <= _TABLE_NAME else entry.name[:_TABLE_NAME - 1] + "…"
    return (name, str(entry.count), str(entry.posts), str(entry.in_meta),
            str(entry.texturized), "yes" if entry.handled else "no", ", ".join(shown))


def _table_lines(result: Inventory) -> Iterator[str]:
    rows = [_COLUMNS, *(_table_cells(entry) for entry in result)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    for row in rows:
        cells = [cell.rjust(width) if column in _NUMERIC else cell.ljust(width)
                 for column, cell, width in zip(_COLUMNS, row, widths, strict=True)]
        yield "  ".join(cells).rstrip()
    total = sum(entry.count for entry in result)
    yield f"{len(result)} names, {total} shortcodes in {result.items} items"


# convert ---------------------------------------------------------------------------

#: The exit code after Ctrl-C, as shells report a process killed by SIGINT.
EXIT_INTERRUPTED: Final = 130
#: Seconds between two redraws of the progress line.
_PROGRESS_INTERVAL: Final = 0.1


def _add_convert(actions: argparse._SubParsersAction[Any]) -> None:
    cmd = actions.add_parser(
        "convert", help="render the shortcodes of every post into files",
        description="Render the shortcodes of an export's posts and pages with the built-in "
                    "handlers (and your own), write one file per post into DIR, and report "
                    "every shortcode left unconverted.")
    cmd.add_argument("export", metavar="EXPORT",
                     help="the export file; '-' reads standard input (held in memory)")
    cmd.add_argument("--out", required=True, metavar="DIR",
                     help="the output directory; created if missing, and files of the same "
                          "names are replaced")
    cmd.add_argument("--format", choices=("html", "jsonl"), default="html",
                     help="html (default): <post-id>-<slug>.html with YAML front matter; "
                          "jsonl: one posts.jsonl with the metadata, HTML and data runs")
    add_handlers_option(cmd)
    cmd.add_argument("--unknown", choices=("keep", "strip", "error"), default="keep",
                     help="shortcodes without a handler: keep their tags (default), strip "
                          "them, or stop at the first one")
    cmd.add_argument("--post-type", action="append", dest="post_types", metavar="TYPE",
                     help="convert items of this post type (repeatable; default: post, page)")
    cmd.add_argument("--status", action="append", dest="statuses", metavar="STATUS",
                     help="convert only items with this status (repeatable; default: any)")
    cmd.add_argument("--quiet", action="store_true", help="no progress line on standard error")
    cmd.set_defaults(run=run_convert)


class _Progress:
    """One ``\\r``-redrawn line on a terminal: items read and megabytes read."""

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self._stream = stream
        self._enabled = enabled
        self._last = -math.inf
        self._width = 0

    def track(self, items: Iterable[Item], label: str, source: BinaryIO,
              total: int) -> Iterator[Item]:
        """Yield *items*, redrawing the line at most every `_PROGRESS_INTERVAL` seconds."""
        for count, item in enumerate(items, 1):
            now = time.monotonic()
            if self._enabled and now - self._last >= _PROGRESS_INTERVAL:
                self._last = now
                self._draw(f"{label}: {count} items, {source.tell() / 1e6:.1f} of "
                           f"{total / 1e6:.1f} MB")
            yield item

    def _draw(self, line: str) -> None:
        self._stream.write("\r" + line.ljust(self._width))
        self._stream.flush()
        self._width = len(line)

    def clear(self) -> None:
        """Erase the line, so that what follows starts on a clean one."""
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
        self._width, self._last = 0, -math.inf


@attrs.define
class _Conversion:
    """One run of ``wxr convert``: its options, and what happened so far."""

    args: argparse.Namespace
    registry: HandlerRegistry
    progress: _Progress
    report: ConversionReport = attrs.field(factory=ConversionReport)
    #: Why the run stopped early: a damaged export (exit 2) or an unknown shortcode.
    stopped: WxrError | UnknownShortcodeError | None = None

    def media(self, source: BinaryIO, total: int) -> tuple[MediaLibrary, bool]:
        """The attachments, from a first pass over the export up to any damage.

        Also returns whether the export can be converted: it is an export and has
        items before any damage (the second pass stops at the same place).
        """
        found: dict[int, Attachment] = {}
        seen = False
        try:
            for item in self.progress.track(WxrReader(source).items(), "reading attachments",
                                            source, total):
                seen = True
                attachment = Attachment.from_item(item)
                if attachment is not None:
                    found[attachment.id] = attachment
        except WxrError as error:
            self.stopped = None if seen else error
        self.progress.clear()
        source.seek(0)
        return MappingProxyType(found), self.stopped is None

    def convert(self, reader: WxrReader, source: BinaryIO, total: int, media: MediaLibrary,
                writer: PostWriter) -> None:
        """Convert and write every selected post, stopping at damage or an unknown name."""
        args = self.args
        posts = convert_items(
            self.progress.track(reader.items(), "converting", source, total),
            registry=self.registry, media=media, options=RenderOptions(unknown=args.unknown),
            post_types=args.post_types or DEFAULT_POST_TYPES, statuses=args.statuses,
            runs=args.format == "jsonl")
        try:
            for post in posts:
                writer.write(post)
                self.report.add(post)
        except (WxrError, UnknownShortcodeError) as error:
            self.stopped = error
        writer.commit()
        self.progress.clear()


def run_convert(args: argparse.Namespace, streams: Streams) -> int:
    """Convert ``args.export`` into ``args.out``; print the report; return the exit code.

    0: every shortcode converted; 1: some left unconverted, a handler failed, or
    ``--unknown error`` met an unknown shortcode; 2: the export cannot be read, is
    unsafe, is not an export or is damaged (after converting what was read), or the
    output cannot be written; 130: interrupted (the files written are complete).
    """
    registry = with_user_handlers(builtin(), args.handlers,
                                  entry_points=not args.no_entry_points)
    progress = _Progress(streams.stderr, enabled=not args.quiet and streams.stderr.isatty())
    run = _Conversion(args, registry, progress)
    try:
        code = _convert_export(run, streams)
    except KeyboardInterrupt:
        progress.clear()
        streams.error(f"interrupted after {run.report.posts} posts; the files written "
                      "are complete")
        return EXIT_INTERRUPTED
    except OSError as error:
        progress.clear()
        streams.error(f"cannot convert {args.export}: {error}")
        return EXIT_ERROR
    return code


def _open_export(path: str, streams: Streams) -> BinaryIO:
    if path == "-":  # read twice (attachments, then posts), so held in memory
        return io.BytesIO(_binary_stdin(streams).read())
    return open(path, "rb")


def _convert_export(run: _Conversion, streams: Streams) -> int:
    args = run.args
    try:
        source = _open_export(args.export, streams)
    except OSError as error:
        streams.cannot_read(args.export, error)
        return EXIT_ERROR
    with source:
        total = source.seek(0, os.SEEK_END)
        source.seek(0)
        reader = WxrReader(source)
        media, readable = run.media(source, total)
        if not readable:  # unsafe, not an export, or damaged before its first item
            streams.error(str(run.stopped))
            return EXIT_ERROR
        with (JsonlWriter if args.format == "jsonl" else HtmlWriter)(args.out) as writer:
            run.convert(reader, source, total, media, writer)
    write_reader_diagnostics(args.export, reader, streams)
    for line in _report_lines(run.report, writer, args.unknown):
        streams.stdout.write(line + "\n")
    if run.stopped is not None:
        streams.error(str(run.stopped))
    if isinstance(run.stopped, WxrError):
        return EXIT_ERROR
    return EXIT_CLEAN if run.report.clean and run.stopped is None else EXIT_FINDINGS


def _tally_lines(tallies: tuple[ShortcodeTally, ...]) -> Iterator[str]:
    width = min(max((len(tally.name) for tally in tallies), default=0), _TABLE_NAME)
    count_width = max((len(str(tally.count)) for tally in tallies), default=0)
    for tally in tallies:
        name = tally.name if len(tally.name) <= _TABLE_NAME else tally.name[:_TABLE_NAME - 1] + "…"
        posts = ", ".join(map(str, tally.posts))
        yield f"  {name.ljust(width)}  {str(tally.count).rjust(count_width)}  posts {posts}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _section(title: str, tallies: tuple[ShortcodeTally, ...]) -> Iterator[str]:
    if not tallies:
        yield f"{title}: none"
        return
    total = sum(tally.count for tally in tallies)
    yield f"{title}: {_plural(len(tallies), 'name')}, {_plural(total, 'shortcode')}"
    yield from _tally_lines(tallies)


def _report_lines(report: ConversionReport, writer: PostWriter, unknown: str) -> Iterator[str]:
    yield (f"{_plural(report.posts, 'post')} converted, "
           f"{_plural(len(writer.written), 'file')} written to {writer.directory}")
    kept = "tags removed" if unknown == "strip" else "tags kept"
    yield from _section(f"left unconverted (no handler, {kept})", report.unconverted)
    yield from _section("handler failures (source text kept)", report.failed)
    others = report.diagnostics
    yield f"other diagnostics: {len(others) or 'none'}"
    for found in others:
        yield "  " + headline(f"post {found.post_id} {found.field}", found.diagnostic)
    yield from _section("in post meta, not converted", report.in_meta)
