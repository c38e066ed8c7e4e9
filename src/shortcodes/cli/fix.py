"""``shortcodes fix PATH... [-] [--diff] [--check]``: apply every safe fix inside tags.

Files are rewritten atomically (a temporary file in the same directory, then
`os.replace`), keeping their permission bits, their byte order mark if they had
one, and their line endings (the fixes never touch a line break). ``-`` reads
standard input and writes the fixed text to standard output.

WordPress exports (any input that `shortcodes.wxr.is_wxr` recognises, whatever its
name) are refused, not rewritten: fixing the XML in place is out of scope, and
``shortcodes lint`` reports their problems item by item.

Exit codes: 0 done (or nothing to do), 1 with ``--check`` when a file would
change, 2 on a usage or configuration error, when a file cannot be read or
written, or is a WordPress export (the other files are still processed).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import stat
import tempfile
from collections.abc import Iterator
from typing import Any, Final, TextIO

import regex

from shortcodes.cli._common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    Streams,
    UsageError,
    read_bytes,
)
from shortcodes.cli.lint import add_config_options, load
from shortcodes.lint import fix
from shortcodes.wxr import SNIFF_SIZE, is_wxr

__all__ = ["add_parser", "run", "write_atomic"]

_BOM: Final = b"\xef\xbb\xbf"
# Only \n, \r\n and \r end a line (str.splitlines() would also split on U+2028...).
_LINE: Final = regex.compile(r"[^\r\n]*+(?:\r\n|\r|\n)|[^\r\n]++\Z")


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``fix`` and its options."""
    command = commands.add_parser(
        "fix", help="apply the safe fixes inside shortcode tags",
        description="Straighten typographic and entity quotes, undo texturized values, "
                    "add missing spaces and replace odd separators inside shortcode tags; "
                    "nothing outside tags changes. See docs/ci.md.")
    command.add_argument("paths", nargs="+", metavar="PATH",
                         help="files or directories to fix; '-' reads standard input "
                              "and writes the result to standard output")
    command.add_argument("--diff", action="store_true",
                         help="print a unified diff instead of writing")
    command.add_argument("--check", action="store_true",
                         help="write nothing; exit 1 if any file would change")
    add_config_options(command)
    command.set_defaults(run=run)


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file at *path* (through symbolic links) with *data*, atomically,
    keeping its permission bits.

    Raises:
        OSError: the file could not be written; it is then left as it was, and no
            temporary file remains.
    """
    target = os.path.realpath(path)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    directory, name = os.path.split(target)
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _lines(text: str) -> list[str]:
    return [match.group() for match in _LINE.finditer(text)]


def unified_diff(path: str, before: str, after: str) -> Iterator[str]:
    """The lines of a unified diff from *before* to *after*, each ending in a newline."""
    for line in difflib.unified_diff(_lines(before), _lines(after), fromfile=path,
                                     tofile=path):
        if line.endswith(("\n", "\r")):
            yield line
        else:
            yield line + "\n\\ No newline at end of file\n"


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Fix every path; return the exit code."""
    if "-" in args.paths and len(args.paths) > 1:
        raise UsageError("fix: '-' (standard input) cannot be combined with other paths")
    _, walk = load(args)
    if args.paths == ["-"]:
        return _fix_stdin(args, streams)
    report = streams.stderr if args.diff else streams.stdout
    changed = errors = 0

    def unreadable(path: str, error: OSError | UnicodeDecodeError) -> None:
        nonlocal errors
        errors += 1
        streams.cannot_read(path, error)

    for path, _ in walk.files(args.paths, unreadable):
        try:
            data = read_bytes(path, streams.stdin)
            if _refuse_export(path, data, streams):
                errors += 1
                continue
            bom, text = _decode(data)
        except (OSError, UnicodeDecodeError) as error:
            unreadable(path, error)
            continue
        fixed = fix(text)
        if fixed == text:
            continue
        if not _apply(args, streams, path, (bom, text, fixed), report):
            errors += 1
            continue
        changed += 1
    report.write(_summary(changed, errors, args) + "\n")
    return _exit_code(changed, errors, check=args.check)


def _apply(args: argparse.Namespace, streams: Streams, path: str,
           change: tuple[bytes, str, str], report: TextIO) -> bool:
    """Show or write one change; return whether that worked."""
    bom, text, fixed = change
    if args.diff:
        streams.stdout.writelines(unified_diff(path, text, fixed))
    if args.check or args.diff:
        if args.check and not args.diff:
            report.write(f"Would fix {path}\n")
        return True
    try:
        write_atomic(path, bom + fixed.encode("utf-8"))
    except OSError as error:
        streams.error(f"cannot write {path}: {error.strerror or error}")
        return False
    report.write(f"Fixed {path}\n")
    return True


def _refuse_export(path: str, data: bytes, streams: Streams) -> bool:
    """Say so on standard error, and return True, when *data* is a WordPress export."""
    if not is_wxr(data[:SNIFF_SIZE]):
        return False
    streams.error(f"cannot fix {path}: it is a WordPress export (WXR), which `shortcodes fix` "
                  "does not rewrite; `shortcodes lint` reports its problems item by item")
    return True


def _decode(data: bytes) -> tuple[bytes, str]:
    """The byte order mark (or ``b""``) and the strict UTF-8 text after it."""
    bom = _BOM if data.startswith(_BOM) else b""
    return bom, data[len(bom) :].decode("utf-8")


def _fix_stdin(args: argparse.Namespace, streams: Streams) -> int:
    name = args.stdin_filename or "-"
    try:
        data = read_bytes("-", streams.stdin)
        if _refuse_export(name, data, streams):
            return EXIT_ERROR
        bom, text = _decode(data)
    except (OSError, UnicodeDecodeError) as error:
        streams.cannot_read(name, error)
        return EXIT_ERROR
    fixed = fix(text)
    if args.diff:
        streams.stdout.writelines(unified_diff(name, text, fixed))
    elif not args.check:
        _write_bytes(streams.stdout, bom + fixed.encode("utf-8"))
    return EXIT_FINDINGS if args.check and fixed != text else EXIT_CLEAN


def _write_bytes(stream: TextIO, data: bytes) -> None:
    """Write *data* unchanged: through the byte stream when there is one, so that no
    newline translation touches ``\r\n``."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text stream without bytes underneath (e.g. StringIO)
        stream.write(data.decode("utf-8"))
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


def _summary(changed: int, errors: int, args: argparse.Namespace) -> str:
    if not changed and not errors:
        return "Nothing to fix."
    files = f"{changed} {'file' if changed == 1 else 'files'}"
    done = f"{files} would be fixed" if args.check or args.diff else f"Fixed {files}"
    if errors:
        done += f"; {errors} {'file' if errors == 1 else 'files'} could not be read or written"
    return done + "."


def _exit_code(changed: int, errors: int, *, check: bool) -> int:
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if check and changed else EXIT_CLEAN
