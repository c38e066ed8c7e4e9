"""Every code example in README.md and docs/**/*.md runs as written.

``>>>`` examples run as doctests. A ``python`` code block without ``>>>`` (a module
shown as a file, for instance) is executed on its own, so it at least imports and
defines what it says.
"""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
import regex

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
IDS = [p.relative_to(ROOT).as_posix() for p in PAGES]

_PYTHON_BLOCK = regex.compile(r"^```(?:python|py)\n(?P<code>.*?)^```$", regex.M | regex.S)


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_examples_run(page: Path) -> None:
    result = doctest.testfile(str(page), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_python_blocks_run(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for match in _PYTHON_BLOCK.finditer(text):
        code = match["code"]
        if not code.lstrip().startswith(">>>"):
            line = text.count("\n", 0, match.start()) + 2
            exec(compile(code, f"{page}:{line}", "exec"), {"__name__": "docs_example"})


def test_every_page_is_found() -> None:
    # The site's pages live in subdirectories too (docs/reference/); none may be skipped.
    names = {p.relative_to(ROOT / "docs").as_posix() for p in PAGES[1:]}
    assert {"index.md", "getting-started.md", "reference/shortcodes.md"} <= names
