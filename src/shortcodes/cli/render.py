"""``shortcodes render PATH... [--format html|json|text]``: render with handlers."""

from __future__ import annotations

import argparse
from typing import Any

from shortcodes._json import dumps
from shortcodes._report import headline
from shortcodes.cli._common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    Streams,
    UsageError,
    read_text,
)
from shortcodes.cli._handlers import add_handlers_option, with_user_handlers
from shortcodes.diagnostics import Diagnostic, Severity
from shortcodes.errors import UnknownShortcodeError
from shortcodes.presets import PRESETS, builtin
from shortcodes.registry import HandlerRegistry
from shortcodes.render import (
    DEFAULT_RENDER_DEPTH,
    RenderOptions,
    render_data,
    render_html,
    render_text,
)

__all__ = ["add_parser", "run"]


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``render`` and its options."""
    cmd = commands.add_parser(
        "render", help="render shortcodes to HTML, data or text",
        description="Render the shortcodes of the given files with the built-in handlers "
                    "(and your own) and write the result to standard output. Render "
                    "diagnostics go to standard error.")
    cmd.add_argument("paths", nargs="+", metavar="PATH",
                     help="files to read; '-' reads standard input")
    cmd.add_argument("--format", choices=("html", "json", "text"), default="html",
                     help="html (default); json: one object per file and line with the "
                          "data runs and diagnostics; text: shortcodes removed")
    add_handlers_option(cmd)
    cmd.add_argument("--preset", action="append", choices=sorted(PRESETS),
                     help="use only these built-in presets (repeatable; default: all)")
    cmd.add_argument("--unknown", choices=("keep", "strip", "error"), default="keep",
                     help="shortcodes without a handler: keep their tags (default), strip "
                          "them, or stop with an error")
    cmd.add_argument("--statistics", metavar="FILE",
                     help="statistics for covid19-ultimate-card: a JSON or CSV file with "
                          "disease.sh field names")
    cmd.add_argument("--timezone", default="UTC", help="time zone for dates (default: UTC)")
    cmd.add_argument("--max-depth", type=int, default=DEFAULT_RENDER_DEPTH,
                     help=f"deepest nesting rendered (default: {DEFAULT_RENDER_DEPTH})")
    cmd.set_defaults(run=run)


def _registry(args: argparse.Namespace) -> HandlerRegistry:
    if args.preset:
        registry = HandlerRegistry()
        for name in args.preset:
            registry = registry.merged(PRESETS[name](), replace=True)
    else:
        registry = builtin()
    return with_user_handlers(registry, args.handlers,
                              entry_points=not args.no_entry_points)


def _data_bag(args: argparse.Namespace) -> dict[str, object]:
    data: dict[str, object] = {"timezone": args.timezone}
    if args.statistics:
        from shortcodes.handlers.statistics import FileStatistics

        try:
            data["statistics"] = FileStatistics.from_path(args.statistics)
        except (OSError, ValueError) as error:
            raise UsageError(f"--statistics {args.statistics}: {error}") from None
    return data


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Render every path; return the exit code."""
    if args.max_depth < 1:
        raise UsageError("--max-depth must be at least 1")
    registry = _registry(args)
    options = RenderOptions(unknown=args.unknown, max_depth=args.max_depth)
    data = _data_bag(args)
    code = EXIT_CLEAN
    for path in args.paths:
        try:
            text = read_text(path, streams.stdin)
        except (OSError, UnicodeDecodeError) as error:
            streams.cannot_read(path, error)
            code = EXIT_ERROR
            continue
        try:
            found = _render_one(args.format, path, text, registry, options, data, streams)
        except UnknownShortcodeError as error:
            streams.error(f"{path}: {error}")
            found = True
        if found and code == EXIT_CLEAN:
            code = EXIT_FINDINGS
    return code


def _render_one(output: str, path: str, text: str, registry: HandlerRegistry,
                options: RenderOptions, data: dict[str, object], streams: Streams) -> bool:
    """Render one file; return whether an error-level diagnostic was found."""
    if output == "text":
        streams.stdout.write(render_text(text))
        return False
    if output == "json":
        rendered = render_data(text, registry=registry, options=options, data=data)
        streams.stdout.write(dumps({
            "path": path, "output": rendered.output,
            "diagnostics": [d.to_json() for d in rendered.diagnostics]}) + "\n")
    else:
        rendered = render_html(text, registry=registry, options=options, data=data)
        streams.stdout.write(str(rendered.output))
        _report(path, rendered.diagnostics, streams)
    return any(d.severity is Severity.ERROR for d in rendered.diagnostics)


def _report(path: str, diagnostics: tuple[Diagnostic, ...], streams: Streams) -> None:
    for diagnostic in diagnostics:
        streams.stderr.write(headline(path, diagnostic) + "\n")
