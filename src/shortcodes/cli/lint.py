"""``shortcodes lint PATH... [-] [--wxr | --no-wxr]``: report problems, in five formats.

A file named ``*.xml`` that starts like a WordPress export (`shortcodes.wxr.is_wxr`)
is read as one, item by item (`shortcodes._lint_wxr`); ``--wxr`` reads every input
as an export, ``--no-wxr`` none.

Exit codes: 0 when nothing is reported, 1 when anything is (after ``select`` and
``ignore``; 0 with ``--exit-zero``), 2 on a usage or configuration error, or when
a file cannot be read, or an export is unsafe, damaged or not an export (the
other files, and the items before the damage, are still linted).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from shortcodes._config import ConfigError, LoadedConfig, load_config
from shortcodes._lint_wxr import ExportSource, lint_export
from shortcodes._report import FORMATS, Reporter, make_reporter
from shortcodes.cli._common import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    Streams,
    UsageError,
    read_bytes,
)
from shortcodes.cli._files import Walk, relative_to_root
from shortcodes.lint import lint

__all__ = ["add_config_options", "add_parser", "comma_list", "load", "run"]


def comma_list(value: str) -> list[str]:
    """``a,b , c`` as ``["a", "b", "c"]`` (for repeatable comma-separated options)."""
    return [item.strip() for item in value.split(",") if item.strip()]


def _flat(values: Sequence[list[str]] | None) -> list[str] | None:
    return None if values is None else [item for group in values for item in group]


def add_config_options(command: argparse.ArgumentParser) -> None:
    """The options ``lint`` and ``fix`` share: configuration file, globs, stdin name."""
    command.add_argument("--config", type=Path, metavar="PATH",
                         help="read this TOML file instead of looking for .shortcodes.toml "
                              "or [tool.shortcodes] in pyproject.toml")
    command.add_argument("--include", action="append", type=comma_list, metavar="GLOBS",
                         help="files to read when walking a directory (comma-separated, "
                              "repeatable; replaces the configured `include`)")
    command.add_argument("--exclude", action="append", type=comma_list, metavar="GLOBS",
                         help="files and directories to skip when walking a directory "
                              "(comma-separated, repeatable; added to the configured ones)")
    command.add_argument("--stdin-filename", metavar="PATH",
                         help="the path standard input stands for (output, per-path ignores)")


def add_parser(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``lint`` and its options."""
    command = commands.add_parser(
        "lint", help="report problems in shortcodes (exit 1 when any)",
        description="Report problems in the shortcodes of files and directories. Exit "
                    "codes: 0 clean, 1 problems reported, 2 usage, configuration or "
                    "read error. See docs/ci.md.")
    command.add_argument("paths", nargs="+", metavar="PATH",
                         help="files or directories to lint; '-' reads standard input")
    command.add_argument("--format", choices=FORMATS, default="concise",
                         help="output format (default: concise; json is a stable contract)")
    command.add_argument("--select", action="append", type=comma_list, metavar="RULES",
                         help="report only these rules: codes (SC301), prefixes (SC3) or "
                              "names (smart-quotes); replaces the configured `select`")
    command.add_argument("--ignore", action="append", type=comma_list, metavar="RULES",
                         help="never report these rules (added to the configured `ignore`)")
    command.add_argument("--known", action="append", metavar="NAME",
                         help="registered shortcode names; others are text and reported "
                              "as SC401 (repeatable; replaces the configured `known`)")
    command.add_argument("--exit-zero", action="store_true",
                         help="exit 0 even when problems are reported")
    command.add_argument("--wxr", action=argparse.BooleanOptionalAction, default=None,
                         help="read every input as a WordPress export (--no-wxr: none); "
                              "by default, *.xml files that start like one")
    add_config_options(command)
    command.set_defaults(run=run)


def load(args: argparse.Namespace) -> tuple[LoadedConfig, Walk]:
    """The configuration with the command line's overrides, and the file walk.

    Raises:
        UsageError: the configuration file or an option is bad.
    """
    try:
        loaded = load_config(args.config)
        config = loaded.config
        select, ignore = _flat(getattr(args, "select", None)), _flat(getattr(args, "ignore", None))
        if select is not None:
            config = attrs.evolve(config, select=select)
        if ignore is not None:
            config = attrs.evolve(config, ignore=[*config.ignore, *ignore])
        if getattr(args, "known", None) is not None:
            config = attrs.evolve(config, known=args.known)
    except ConfigError as error:
        raise UsageError(str(error)) from None
    except ValueError as error:  # an option's rule or name
        raise UsageError(f"lint: {error}") from None
    include = _flat(args.include) or config.include
    walk = Walk.create(loaded.root(Path.cwd()), include,
                       [*config.exclude, *(_flat(args.exclude) or [])])
    return LoadedConfig(config, loaded.path), walk


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Lint every path and report; return the exit code."""
    loaded, walk = load(args)
    reporter = make_reporter(args.format, streams.stdout)

    def unreadable(path: str, error: OSError | UnicodeDecodeError) -> None:
        reporter.read_error(path, streams.cannot_read(path, error))

    for path, relative in walk.files(args.paths, unreadable):
        shown, relative = _stdin_names(path, relative, args.stdin_filename, walk)
        try:
            source = ExportSource(path, shown,
                                  read_bytes(path, streams.stdin) if path == "-" else None)
            export = source.is_export(args.wxr)
            text = None if export else source.text()
        except (OSError, UnicodeDecodeError) as error:
            unreadable(shown, error)
            continue
        if text is not None:
            reporter.add(shown, text, lint(text, config=loaded.config, path=relative))
            continue
        stop = lint_export(source, reporter, config=loaded.config, relative=relative)
        if isinstance(stop, OSError):
            unreadable(shown, stop)
        elif stop is not None:  # unsafe, damaged or not an export
            streams.error(str(stop))  # the message starts with the path, line and column
            reporter.read_error(shown, str(stop).removeprefix(f"{shown}:"))
    reporter.finish()
    return _exit_code(reporter, exit_zero=args.exit_zero)


def _stdin_names(path: str, relative: str, stdin_filename: str | None,
                 walk: Walk) -> tuple[str, str]:
    if path != "-" or stdin_filename is None:
        return path, relative
    return stdin_filename, relative_to_root(stdin_filename, walk.root)


def _exit_code(reporter: Reporter, *, exit_zero: bool) -> int:
    if reporter.errors:
        return EXIT_ERROR
    if reporter.problems and not exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN
