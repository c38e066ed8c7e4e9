"""Path globs for lint configuration (internal): ``include``, ``exclude``, ``per-path-ignores``.

Paths are matched as strings with ``/`` separators, relative to the project root
(the directory of the configuration file, or the current directory):

* a pattern without ``/`` matches the last component, at any depth
  (``*.md`` matches ``docs/a.md``; ``drafts`` matches ``blog/drafts``);
* a pattern with ``/`` matches the whole relative path (a leading ``/`` or ``./``
  is dropped), ``**`` matching any number of components (``docs/**`` matches
  everything under ``docs``, ``**/old/*.txt`` an ``old`` directory anywhere);
* ``*`` matches within one component, ``?`` one character, ``[abc]`` one of a set.

`fnmatch` is not used: its ``*`` crosses ``/``, and `pathlib.PurePath.match`
has no recursive ``**`` before Python 3.13.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["GlobSet", "normalize"]


def _compile(pattern: str) -> re.Pattern[str]:
    anchored = "/" in pattern.rstrip("/")
    body = normalize(pattern.strip("/")) if anchored else pattern.rstrip("/")
    out: list[str] = []
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            i = _translate_one(body, i, out)
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def _translate_one(body: str, i: int, out: list[str]) -> int:
    char = body[i]
    if char == "*":
        out.append("[^/]*")
    elif char == "?":
        out.append("[^/]")
    elif char == "[" and "]" in body[i + 2 :]:
        end = body.index("]", i + 2)
        inner = body[i + 1 : end]
        negated = inner.startswith("!")
        inner = re.escape(inner[1:] if negated else inner).replace(r"\-", "-")
        out.append(f"[{'^/' if negated else ''}{inner}]")
        return end + 1
    else:
        out.append(re.escape(char))
    return i + 1


def normalize(path: str) -> str:
    """*path* with ``/`` separators and without a leading ``./``."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


class GlobSet:
    """Patterns compiled once, matched against many paths."""

    __slots__ = ("_anchored", "_names", "patterns")

    def __init__(self, patterns: Iterable[str]) -> None:
        #: The patterns as given.
        self.patterns = tuple(patterns)
        self._anchored = [_compile(p) for p in self.patterns if "/" in p.rstrip("/")]
        self._names = [_compile(p) for p in self.patterns if "/" not in p.rstrip("/")]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def matches(self, path: str) -> bool:
        """Whether relative *path* matches any of the patterns (see the module docstring)."""
        path = normalize(path)
        name = path.rsplit("/", 1)[-1]
        return (any(p.match(name) for p in self._names)
                or any(p.match(path) for p in self._anchored))
