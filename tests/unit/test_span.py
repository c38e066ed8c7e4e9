from __future__ import annotations

import pytest

from shortcodes import LineIndex, Position, Span


@pytest.mark.parametrize(("text", "offset", "line", "column"), [
    ("abc", 0, 1, 1),
    ("abc", 3, 1, 4),
    ("a\nb", 2, 2, 1),
    ("a\r\nb", 3, 2, 1),
    ("a\r\nb", 2, 1, 3),  # between \r and \n: still line 1
    ("a\rb", 2, 2, 1),
    ("a\u2028b\x85c\x0cd", 6, 1, 7),  # U+2028, NEL and form feed do not end lines
    ("مصر\n[a]", 4, 2, 1),
])
def test_positions(text: str, offset: int, line: int, column: int) -> None:
    assert LineIndex(text).position(offset) == Position(offset, line, column)


def test_offset_out_of_range() -> None:
    with pytest.raises(ValueError, match="outside"):
        LineIndex("ab").position(3)


def test_span_order_is_validated() -> None:
    with pytest.raises(ValueError, match="before"):
        Span(Position(3, 1, 4), Position(1, 1, 2))


def test_span_slice_and_json() -> None:
    index = LineIndex("ab\ncd")
    span = index.span(1, 4)
    assert span.slice("ab\ncd") == "b\nc"
    assert span.to_json() == {"start": {"offset": 1, "line": 1, "column": 2},
                              "end": {"offset": 4, "line": 2, "column": 2}}


def test_utf16_columns_count_astral_characters_twice() -> None:
    text = "a😀b\n😀😀[x]"
    index = LineIndex(text)
    assert index.utf16_column(index.position(2)) == 4
    pos = index.position(text.index("["))
    assert (pos.line, pos.column) == (2, 3)
    assert index.utf16_column(pos) == 5


def test_line_text() -> None:
    index = LineIndex("one\r\ntwo\rthree")
    assert [index.line_text(n) for n in (1, 2, 3)] == ["one", "two", "three"]
    with pytest.raises(ValueError, match="line 4"):
        index.line_text(4)
