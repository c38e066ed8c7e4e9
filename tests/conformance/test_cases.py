"""Plain-text parser cases in ``cases/*.txt``, read by one small loader.

Each case is a title line, then ``.``, the input, ``.``, the expected tree and
diagnostics, ``.``. Inputs are written with ``\\n``-escapes where invisible
characters matter (``\\u200f``, ``\\r``); the loader decodes them. Ids are taken
from the file name and the line of the title.

The tree dump has one line per node, indented two spaces per level:
``text 'raw'``, ``escape 'raw'``, ``sc NAME {attrs} (positional) [enclosing]``,
then ``diag CODE line:col-line:col`` lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from shortcodes import Escape, Node, Shortcode, Text, parse

CASES = Path(__file__).parent / "cases"
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[rnt\\])")


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "ux":
        return chr(int(code[1:], 16))
    return {"r": "\r", "n": "\n", "t": "\t", "\\": "\\"}[code]


def _load() -> Iterator[tuple[str, str, str]]:
    for path in sorted(CASES.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        i = 0
        while i < len(lines):
            if not lines[i].strip() or lines[i].startswith("#"):
                i += 1
                continue
            title_line = i + 1
            assert lines[i + 1] == ".", f"{path.name}:{title_line}: expected '.'"
            end_input = lines.index(".", i + 2)
            end_expected = lines.index(".", end_input + 1)
            raw_input = "\n".join(lines[i + 2 : end_input])
            text = _ESCAPE.sub(_unescape, raw_input)
            expected = "\n".join(lines[end_input + 1 : end_expected])
            yield f"{path.stem}:{title_line}:{lines[i]}", text, expected
            i = end_expected + 1


def dump(text: str, **options: object) -> str:
    document = parse(text, **options)  # type: ignore[arg-type]
    out: list[str] = []
    stack: list[tuple[Node, int]] = [(n, 0) for n in reversed(document.children)]
    while stack:
        node, depth = stack.pop()
        pad = "  " * depth
        if isinstance(node, Text):
            out.append(f"{pad}text {node.raw!r}")
        elif isinstance(node, Escape):
            out.append(f"{pad}escape {node.raw!r}")
        else:
            assert isinstance(node, Shortcode)
            flags = " enclosing" if node.enclosing else ""
            flags += " self-closing" if node.self_closing else ""
            out.append(f"{pad}sc {node.name} {dict(node.attrs)} {node.positional}{flags}")
            stack.extend((child, depth + 1) for child in reversed(node.children))
    for d in document.diagnostics:
        s, e = d.span.start, d.span.end
        out.append(f"diag {d.code} {s.line}:{s.column}-{e.line}:{e.column}")
    return "\n".join(out)


CASE_LIST = list(_load())


@pytest.mark.parametrize(("title", "text", "expected"), CASE_LIST,
                         ids=[c[0] for c in CASE_LIST])
def test_case(title: str, text: str, expected: str) -> None:
    options: dict[str, object] = {}
    if "(known=a)" in title:
        options["known"] = ["a"]
    if "(enclosing=a)" in title:
        options["enclosing"] = ["a"]
    if "(max_depth=2)" in title:
        options["max_depth"] = 2
    assert dump(text, **options) == expected
    assert parse(text).to_source() == text
