"""The ``shortcodes`` command line.

One module per subcommand (``parse``, ...), each exposing ``add_parser`` and
``run``; this module only dispatches. `main` returns the exit code and never
exits; only `entry_point` does. Exit codes everywhere: 0 clean, 1 findings,
2 usage or I/O error. Results go to standard output, usage and I/O errors to
standard error. (A package rather than the single ``cli.py`` of the style guide:
each subcommand has its own options, output formats and tests.)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from shortcodes.cli import fix, lint, parse, render, wxr
from shortcodes.cli._common import EXIT_ERROR, ArgumentParser, Streams, UsageError

__all__ = ["entry_point", "main"]

#: Subcommand modules, in the order ``--help`` lists them.
_SUBCOMMANDS = (lint, fix, parse, render, wxr)


def _build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="shortcodes",
                            description="Parse, lint and render WordPress-style shortcodes.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _SUBCOMMANDS:
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line with *argv* and return the exit code.

    .. versionadded:: 0.1
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    streams = Streams(stdin=sys.stdin if stdin is None else stdin,
                      stdout=sys.stdout if stdout is None else stdout,
                      stderr=sys.stderr if stderr is None else stderr)
    ArgumentParser.out = streams.stdout
    try:
        args = _build_parser().parse_args(argv)
    except UsageError as error:
        streams.stderr.write(f"{error}\n")
        return EXIT_ERROR
    except SystemExit as exit_:  # --help and --version print and exit 0
        return int(exit_.code or 0)
    try:
        code: int = args.run(args, streams)
    except UsageError as error:
        streams.error(str(error))
        return EXIT_ERROR
    return code


def entry_point() -> None:
    """Console-script entry point: run `main` and exit with its code.

    A reader that closes the pipe early (``shortcodes lint . | head``) ends the
    output quietly, as other command-line tools do, instead of with a traceback.
    """
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python's documented recipe: point stdout at devnull so the interpreter's
        # final flush does not raise again, and exit as a program killed by SIGPIPE.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 128 + 13
    sys.exit(code)
