"""``shortcodes parse PATH... [--format tree|json] [--compare-wordpress]``: every shortcode
and diagnostic, and optionally every place WordPress reads differently (SC309)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

from shortcodes._json import dumps
from shortcodes._report import headline
from shortcodes.cli._common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    Streams,
    read_text,
)
from shortcodes.compare import Difference, wordpress_differences
from shortcodes.diagnostics import Severity
from shortcodes.nodes import Document, Shortcode
from shortcodes.parser import DEFAULT_MAX_DEPTH, parse

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``parse`` and its options."""
    parse_cmd = commands.add_parser(
        "parse", help="print every shortcode of the given files",
        description="Print every shortcode (name, attributes, position) and every "
                    "diagnostic of the given files.")
    parse_cmd.add_argument("paths", nargs="+", metavar="PATH",
                           help="files to read; '-' reads standard input")
    parse_cmd.add_argument("--format", choices=("tree", "json"), default="tree",
                           help="output format (default: tree; json is one object per file "
                                "and line, a stable contract)")
    parse_cmd.add_argument("--known", action="append", metavar="NAME",
                           help="treat only these names as shortcodes (repeatable)")
    parse_cmd.add_argument("--max-depth", type=int, default=DEFAULT_MAX_DEPTH,
                           help=f"deepest nesting to pair (default: {DEFAULT_MAX_DEPTH})")
    parse_cmd.add_argument("--compare-wordpress", action="store_true",
                           help="also report every shortcode WordPress 7.1 reads differently "
                                "(SC309), with the --known names (default: every name found) "
                                "registered; any difference makes the exit code 1")
    parse_cmd.set_defaults(run=run)


def _tree_lines(document: Document, path: str) -> Iterator[str]:
    yield path
    stack: list[tuple[Shortcode, int]] = [(sc, 1) for sc in reversed(list(
        document.top_shortcodes()))]
    while stack:
        node, depth = stack.pop()
        span = node.span
        where = f"{span.start.line}:{span.start.column}" if span is not None else "?"
        attributes = " ".join(f"{k}={v!r}" for k, v in node.attrs.items())
        positional = " ".join(repr(v) for v in node.positional)
        details = " ".join(part for part in (attributes, positional) if part)
        yield f"{'  ' * depth}{where} [{node.name}]{' ' + details if details else ''}"
        stack.extend((child, depth + 1) for child in reversed(list(node.shortcodes_direct())))
    for diagnostic in document.diagnostics:
        yield "  " + headline(path, diagnostic)


def _difference_lines(differences: tuple[Difference, ...], path: str) -> Iterator[str]:
    for difference in differences:
        yield "  " + headline(path, difference.to_diagnostic())
        for detail in difference.details:
            yield f"    {detail}"


def _write(streams: Streams, args: argparse.Namespace, path: str, document: Document,
           differences: tuple[Difference, ...] | None) -> None:
    if args.format == "json":
        result = document.to_json(path)
        if differences is not None:
            result["wordpress_differences"] = [d.to_json() for d in differences]
        streams.stdout.write(dumps(result) + "\n")
        return
    for line in _tree_lines(document, path):
        streams.stdout.write(line + "\n")
    for line in _difference_lines(differences or (), path):
        streams.stdout.write(line + "\n")


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Parse every path and print its tree or JSON; return the exit code."""
    try:
        return _parse_all(args, streams)
    except ValueError as error:  # e.g. an invalid --known name
        streams.error(str(error))
        return EXIT_ERROR


def _parse_all(args: argparse.Namespace, streams: Streams) -> int:
    code = EXIT_CLEAN
    for path in args.paths:
        try:
            text = read_text(path, streams.stdin)
        except (OSError, UnicodeDecodeError) as error:
            streams.cannot_read(path, error)
            code = EXIT_ERROR
            continue
        document = parse(text, known=args.known, max_depth=args.max_depth)
        differences = (wordpress_differences(text, tags=args.known)
                       if args.compare_wordpress else None)
        _write(streams, args, path, document, differences)
        if code == EXIT_CLEAN and (differences or any(d.severity is Severity.ERROR
                                                      for d in document.diagnostics)):
            code = EXIT_FINDINGS
    return code
