"""Positions in source text: `Position`, `Span` and `LineIndex`.

Conventions (shared by every stage):

* ``offset`` is a 0-based index in code points into the original ``str``.
* ``line`` and ``column`` are 1-based; ``column`` counts code points from the start
  of the line, in storage order (not the visual order of right-to-left text).
* A `Span` is half-open: ``start`` is the first character, ``end`` is one past
  the last.
* Only ``\\n``, ``\\r\\n`` and ``\\r`` end a line. ``str.splitlines()`` also breaks
  on U+2028, U+0085, form feed and others, which would shift every later
  position, so it is never used here.
* Editor units (UTF-16 code units, as LSP and most editors count) are computed
  on request with `LineIndex.utf16_column`, never stored.
"""

from __future__ import annotations

import bisect
from typing import Final

import attrs
import regex

__all__ = ["LineIndex", "Position", "Span"]

_LINE_BREAK: Final = regex.compile(r"\r\n|\r|\n")


@attrs.frozen(order=True)
class Position:
    """A point in the source text.

    .. versionadded:: 0.1
    """

    #: 0-based code-point offset into the source string.
    offset: int = attrs.field(validator=attrs.validators.ge(0))
    #: 1-based line number.
    line: int = attrs.field(validator=attrs.validators.ge(1))
    #: 1-based column, in code points.
    column: int = attrs.field(validator=attrs.validators.ge(1))


def _check_order(instance: Span, attribute: attrs.Attribute[Position], value: Position) -> None:
    if value.offset < instance.start.offset:
        raise ValueError(f"span end {value.offset} is before its start {instance.start.offset}")


@attrs.frozen
class Span:
    """A half-open range ``[start, end)`` of the source text.

    .. versionadded:: 0.1
    """

    #: First character of the range.
    start: Position
    #: One past the last character of the range.
    end: Position = attrs.field(validator=_check_order)

    def slice(self, text: str) -> str:
        """Return the part of *text* this span covers.

        >>> index = LineIndex("ab\\ncd")
        >>> index.span(1, 4).slice("ab\\ncd")
        'b\\nc'
        """
        return text[self.start.offset : self.end.offset]

    def to_json(self) -> dict[str, dict[str, int]]:
        """Return the span as ``{"start": {...}, "end": {...}}`` for JSON output."""
        return {
            "start": {"offset": self.start.offset, "line": self.start.line,
                      "column": self.start.column},
            "end": {"offset": self.end.offset, "line": self.end.line, "column": self.end.column},
        }


class LineIndex:
    """Maps code-point offsets of one text to lines and columns.

    The table of line starts is built on first use, so creating an index costs
    nothing until a position is asked for.

    >>> index = LineIndex("one\\r\\ntwo\\rthree\\u2028x")
    >>> index.position(5)
    Position(offset=5, line=2, column=1)
    >>> index.position(14).line  # U+2028 does not end a line
    3

    .. versionadded:: 0.1
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        #: The indexed text.
        self.text: Final = text
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        starts = self._starts
        if starts is None:
            starts = [0]
            starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
            self._starts = starts
        return starts

    def position(self, offset: int) -> Position:
        """Return the `Position` of *offset* (``0 <= offset <= len(text)``).

        Raises:
            ValueError: if *offset* is outside the text.
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} is outside the text (length {len(self.text)})")
        starts = self._line_starts()
        line = bisect.bisect_right(starts, offset)
        return Position(offset, line, offset - starts[line - 1] + 1)

    def span(self, start: int, end: int) -> Span:
        """Return the `Span` from offset *start* to offset *end*."""
        return Span(self.position(start), self.position(end))

    def line_text(self, line: int) -> str:
        """Return line *line* (1-based) without its line break."""
        starts = self._line_starts()
        if not 1 <= line <= len(starts):
            raise ValueError(f"line {line} does not exist (the text has {len(starts)} lines)")
        begin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        text = self.text[begin:end]
        return text.rstrip("\r\n") if line < len(starts) else text

    def utf16_column(self, position: Position) -> int:
        """Return the 1-based column of *position* in UTF-16 code units.

        Characters outside the Basic Multilingual Plane count twice, as editors
        and the Language Server Protocol count them.

        >>> index = LineIndex("\\U0001F600[a]")
        >>> index.utf16_column(index.position(1))
        3
        """
        begin = position.offset - position.column + 1
        prefix = self.text[begin : position.offset]
        return 1 + len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)
