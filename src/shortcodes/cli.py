"""The ``shortcodes`` command line: ``shortcodes parse PATH... [--format tree|json]``.

`main` returns the exit code and never exits; only `entry_point` does. Exit
codes: 0 clean, 1 findings (an error-level diagnostic), 2 usage or I/O error.
Results go to standard output, usage and I/O errors to standard error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from shortcodes._json import dumps
from shortcodes.diagnostics import Severity
from shortcodes.nodes import Document, Shortcode
from shortcodes.parser import DEFAULT_MAX_DEPTH, parse

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["entry_point", "main"]

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """Raises instead of exiting, and prints help to the stream `main` was given."""

    out: TextIO = sys.stdout

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            _Parser.out.write(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="shortcodes",
                     description="Parse WordPress-style shortcodes losslessly.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
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
    return parser


def _read(path: str, stdin: TextIO) -> str:
    """Read *path* (``-`` is standard input) as strict UTF-8, without a leading BOM."""
    if path == "-":
        buffer = getattr(stdin, "buffer", None)
        if buffer is None:  # a text stream without bytes underneath (e.g. StringIO)
            return stdin.read().removeprefix("\ufeff")
        data: bytes = buffer.read()
    else:
        with open(path, "rb") as handle:
            data = handle.read()
    return data.decode("utf-8-sig")


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
        start = diagnostic.span.start
        yield (f"  {path}:{start.line}:{start.column}: {diagnostic.code} "
               f"[{diagnostic.severity.value}] {diagnostic.message}")


def _run_parse(args: argparse.Namespace, stdin: TextIO, stdout: TextIO,
               stderr: TextIO) -> int:
    code = EXIT_CLEAN
    for path in args.paths:
        try:
            text = _read(path, stdin)
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else f"not UTF-8 ({error})"
            stderr.write(f"shortcodes: cannot read {path}: {reason}\n")
            code = EXIT_ERROR
            continue
        document = parse(text, known=args.known, max_depth=args.max_depth)
        if args.format == "json":
            stdout.write(dumps(document.to_json(path)) + "\n")
        else:
            for line in _tree_lines(document, path):
                stdout.write(line + "\n")
        if code == EXIT_CLEAN and any(d.severity is Severity.ERROR
                                      for d in document.diagnostics):
            code = EXIT_FINDINGS
    return code


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line with *argv* and return the exit code.

    .. versionadded:: 0.1
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    _Parser.out = stdout
    try:
        args = _build_parser().parse_args(argv)
    except _UsageError as error:
        stderr.write(f"{error}\n")
        return EXIT_ERROR
    except SystemExit as exit_:  # --help and --version print and exit 0
        return int(exit_.code or 0)
    try:
        return _run_parse(args, stdin, stdout, stderr)
    except ValueError as error:  # e.g. an invalid --known name
        stderr.write(f"shortcodes: {error}\n")
        return EXIT_ERROR


def entry_point() -> None:
    """Console-script entry point: run `main` and exit with its code."""
    sys.exit(main())
