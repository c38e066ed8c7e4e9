"""Which files ``lint`` and ``fix`` read: paths given, directories walked, globs applied.

* ``-`` is standard input.
* A file named on the command line is always read, whatever the globs say (a
  missing one is reported when it is read).
* A directory is walked recursively (its files in sorted order, then its
  subdirectories in sorted order), without following symbolic
  links. A file is read when its path matches an ``include`` glob and neither it
  nor a directory above it matches an ``exclude`` glob (`DEFAULT_EXCLUDE` always
  applies). Directories that cannot be listed are reported.

Globs are matched against paths relative to the project root (the directory of
the configuration file, else the current directory); see `shortcodes._glob`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from shortcodes._glob import GlobSet, normalize
from shortcodes.lint import DEFAULT_EXCLUDE

__all__ = ["Walk", "relative_to_root"]


def relative_to_root(path: str, root: Path) -> str:
    """*path* relative to *root* with ``/`` separators, or as given when outside it."""
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return normalize(path)


@attrs.frozen
class Walk:
    """Settings for finding files: the project root and the globs."""

    #: The directory globs are relative to (resolved).
    root: Path
    include: GlobSet
    exclude: GlobSet

    @classmethod
    def create(cls, root: Path, include: Iterable[str], exclude: Iterable[str]) -> Walk:
        """A walk with *exclude* added to `DEFAULT_EXCLUDE`."""
        return cls(root.resolve(), GlobSet(include), GlobSet([*DEFAULT_EXCLUDE, *exclude]))

    def files(self, paths: Iterable[str],
              on_error: Callable[[str, OSError], None]) -> Iterator[tuple[str, str]]:
        """Yield ``(path as shown, path relative to the root)`` for every file to read.

        Directories that cannot be listed are passed to *on_error* and skipped.
        """
        for path in paths:
            if path != "-" and os.path.isdir(path):
                yield from self._walk(path, on_error)
            else:
                yield path, relative_to_root(path, self.root) if path != "-" else "-"

    def _walk(self, top: str, on_error: Callable[[str, OSError], None]
              ) -> Iterator[tuple[str, str]]:
        top_relative = relative_to_root(top, self.root)
        prefix = "" if top_relative in ("", ".") else top_relative + "/"

        def report(error: OSError) -> None:
            on_error(error.filename or top, error)

        for directory, subdirectories, names in os.walk(top, onerror=report):
            inner = os.path.relpath(directory, top)
            base = prefix if inner == "." else f"{prefix}{Path(inner).as_posix()}/"
            subdirectories[:] = sorted(d for d in subdirectories
                                       if not self.exclude.matches(base + d))
            for name in sorted(names):
                relative = base + name
                if self.include.matches(relative) and not self.exclude.matches(relative):
                    yield os.path.join(directory, name), relative
