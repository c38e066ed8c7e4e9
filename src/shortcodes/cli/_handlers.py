"""Handlers on the command line: ``--handlers MODULE:OBJECT`` and entry points.

Shared by ``shortcodes render`` and ``shortcodes wxr convert``. Failures to load
become `UsageError` (exit code 2) naming what could not be loaded.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from shortcodes.cli._common import UsageError
from shortcodes.presets import entry_point_handlers, load_handlers
from shortcodes.registry import HandlerRegistry

__all__ = ["add_handlers_option", "with_user_handlers"]

# What loading a user's handlers may raise: see `load_handlers` and `registry_from`.
_LOAD_ERRORS = (ImportError, AttributeError, TypeError, ValueError)


def add_handlers_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--handlers MODULE:OBJECT`` (repeatable) and ``--no-entry-points`` to *parser*."""
    parser.add_argument("--handlers", action="append", default=[], metavar="MODULE:OBJECT",
                        help="also use these handlers (a registry, a handler, a list of "
                             "handlers, or a function returning one); they replace built-in "
                             "handlers of the same name (repeatable)")
    parser.add_argument("--no-entry-points", action="store_true",
                        help="ignore the handlers installed packages offer in the "
                             "`shortcodes.handlers` entry-point group")


def with_user_handlers(registry: HandlerRegistry, specs: Iterable[str], /, *,
                       entry_points: bool = False) -> HandlerRegistry:
    """Return *registry* with installed and user handlers added.

    Handlers offered by installed packages (the ``shortcodes.handlers`` entry-point
    group, only when *entry_points* is true) replace those of *registry* with the
    same name; then each ``module:object`` of *specs*, in order, replaces them all.

    Raises:
        UsageError: a specification or an entry point cannot be loaded.
    """
    if entry_points:
        try:
            registry = registry.merged(entry_point_handlers(), replace=True)
        except _LOAD_ERRORS as error:
            raise UsageError(f"cannot load the handlers of installed packages: {error}"
                             ) from None
    for spec in specs:
        try:
            registry = registry.merged(load_handlers(spec), replace=True)
        except _LOAD_ERRORS as error:
            raise UsageError(f"--handlers {spec}: {error}") from None
    return registry
