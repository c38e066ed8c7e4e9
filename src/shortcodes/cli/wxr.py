"""``shortcodes wxr ACTION ...``: read WordPress exports (WXR).

Actions: ``inventory EXPORT [--format table|json|csv]``. Each action is one
nested sub-parser registered in `add_parser`, so more (``convert``) fit beside it.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO, Final

from shortcodes.cli._common import EXIT_CLEAN, EXIT_ERROR, Streams, describe_read_error
from shortcodes.errors import WxrError
from shortcodes.inventory import Inventory, InventoryBuilder, InventoryEntry
from shortcodes.wxr import WxrReader

__all__ = ["add_parser", "run_inventory"]

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
    # wired to the built-in registry once it lands
    builder = InventoryBuilder(handled=())
    error: WxrError | None = None
    try:
        for item in reader.items():
            builder.add(item)
    except OSError as os_error:
        streams.error(f"cannot read {path}: {describe_read_error(os_error)}")
        return EXIT_ERROR
    except WxrError as wxr_error:
        error = wxr_error
    for diagnostic in reader.diagnostics:
        start = diagnostic.span.start
        streams.stderr.write(f"{path}:{start.line}:{start.column}: {diagnostic.code} "
                             f"[{diagnostic.severity.value}] {diagnostic.message}\n")
    result = builder.build()
    if error is None or result.items:
        _write(result, args.format, streams)
    if error is not None:
        streams.error(str(error))
        return EXIT_ERROR
    return EXIT_CLEAN


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
