"""What every subcommand shares: exit codes, usage errors, reading input.

A subcommand module exposes ``add_parser(commands)`` (registers its
`argparse` sub-parser and sets ``run`` as its default) and a
``run(args, streams) -> int``. Library code never prints or exits; these
functions write only to the streams they are given.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Final, TextIO

import attrs

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "ArgumentParser", "Streams",
           "UsageError", "describe_read_error", "read_bytes", "read_text"]

EXIT_CLEAN: Final = 0
EXIT_FINDINGS: Final = 1
EXIT_ERROR: Final = 2


class UsageError(Exception):
    """A bad command line or configuration; `main` prints it and returns 2."""


@attrs.frozen
class Streams:
    """The three standard streams a command runs with."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO

    def error(self, message: str) -> None:
        """Write ``shortcodes: message`` to standard error."""
        self.stderr.write(f"shortcodes: {message}\n")

    def cannot_read(self, path: str, error: OSError | UnicodeDecodeError) -> str:
        """Report that *path* cannot be read, and return the reason in a few words."""
        reason = describe_read_error(error)
        self.error(f"cannot read {path}: {reason}")
        return reason


class ArgumentParser(argparse.ArgumentParser):
    """Raises instead of exiting, and prints help to the stream `main` was given."""

    out: TextIO = sys.stdout

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            ArgumentParser.out.write(message)


def read_bytes(path: str, stdin: TextIO) -> bytes:
    """Read *path* as bytes; ``-`` is standard input.

    Raises:
        OSError: the file cannot be read.
    """
    if path == "-":
        buffer = getattr(stdin, "buffer", None)
        if buffer is None:  # a text stream without bytes underneath (e.g. StringIO)
            return stdin.read().encode("utf-8", "surrogatepass")
        data: bytes = buffer.read()
        return data
    with open(path, "rb") as handle:
        return handle.read()


def read_text(path: str, stdin: TextIO) -> str:
    """Read *path* (``-`` is standard input) as strict UTF-8, without a leading BOM.

    Raises:
        OSError: the file cannot be read.
        UnicodeDecodeError: it is not UTF-8.
    """
    return read_bytes(path, stdin).decode("utf-8-sig")


def describe_read_error(error: OSError | UnicodeDecodeError) -> str:
    """Say in a few words why a file could not be read."""
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return f"not UTF-8 ({error})"
