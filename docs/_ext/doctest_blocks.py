"""Griffe extension for the API reference: docstrings as mkdocstrings should show them.

The docstrings are Google style with bare doctest blocks (``>>>`` lines, run by
pytest's ``--doctest-modules``) and ``.. versionadded::`` lines. Griffe only reads
``>>>`` lines as code inside an ``Examples:`` section; elsewhere Markdown would read
them as nested block quotes and ``[b]x[/b]`` in them as reference links, which
fail the strict build. This extension, loaded from ``mkdocs.yml``, fences every
doctest block that starts at the left margin as ``pycon`` code (up to the next
blank line, as doctest reads it) and turns ``.. versionadded:: X`` into a line of
text. The source files are not changed.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_FLAGS = re.compile(r"\s*#\s*doctest:.*$")
_VERSION = re.compile(r"^\.\. version(added|changed):: *(\S+)\s*$")
_WORDS = {"added": "Added", "changed": "Changed"}


def fence_doctests(text: str) -> str:
    """Return *text* with its doctest blocks fenced and version directives as text."""
    out: list[str] = []
    in_fence = in_example = False
    for line in text.split("\n"):
        if in_example and not line.strip():
            out.append("```")
            in_example = False
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        elif not in_fence and not in_example and line.startswith(">>>"):
            out.append("```pycon")
            in_example = True
        elif not in_fence and not in_example and (match := _VERSION.match(line)):
            line = f"*{_WORDS[match[1]]} in version {match[2]}.*"
        out.append(_FLAGS.sub("", line) if in_example else line)
    if in_example:
        out.append("```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fence the doctest blocks of every docstring Griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite *obj*'s docstring before mkdocstrings parses it."""
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)
