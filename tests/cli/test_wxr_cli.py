"""``shortcodes wxr inventory``: exit codes and exact output, one snapshot per format.

The ``handler`` column reads the built-in registry (`shortcodes.presets.builtin`).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from shortcodes.cli import main
from tests.unit.test_wxr import BILLION_LAUGHS, export, item

EXPORT = export(
    item(1, 'Intro [gallery ids="1,2" columns=3] [caption id=”c1” align=alignleft]'
            "Photo[/caption]"),
    item(2, "[gallery]", link="", meta=[("_builder", "[vc_row][vc_column]x[/vc_column][/vc_row]")]),
    item(3, "No shortcodes here."),
)

TABLE_SNAPSHOT = """\
name       count  posts  meta  texturized  handler  attributes
gallery        2      2     0           0  yes      columns 1, ids 1
caption        1      1     0           1  yes      align 1, id 1
vc_column      1      1     1           0  no
vc_row         1      1     1           0  no
4 names, 5 shortcodes in 3 items
"""

JSON_SNAPSHOT = [
    {"name": "gallery", "count": 2, "posts": 2, "in_meta": 0, "texturized": 0,
     "handled": True, "attributes": {"columns": 1, "ids": 1},
     "examples": ["https://example.com/?p=1", "post-2"]},
    {"name": "caption", "count": 1, "posts": 1, "in_meta": 0, "texturized": 1,
     "handled": True, "attributes": {"align": 1, "id": 1},
     "examples": ["https://example.com/?p=1"]},
    {"name": "vc_column", "count": 1, "posts": 1, "in_meta": 1, "texturized": 0,
     "handled": False, "attributes": {}, "examples": ["post-2"]},
    {"name": "vc_row", "count": 1, "posts": 1, "in_meta": 1, "texturized": 0,
     "handled": False, "attributes": {}, "examples": ["post-2"]},
]

CSV_SNAPSHOT = """\
name,count,posts,in_meta,texturized,handled,attributes,examples
gallery,2,2,0,0,yes,columns=1;ids=1,https://example.com/?p=1 post-2
caption,1,1,0,1,yes,align=1;id=1,https://example.com/?p=1
vc_column,1,1,1,0,no,,post-2
vc_row,1,1,1,0,no,,post-2
"""


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def export_path(tmp_path: Path) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def test_table_is_the_default(export_path: Path) -> None:
    assert run("wxr", "inventory", str(export_path)) == (0, TABLE_SNAPSHOT, "")
    assert run("wxr", "inventory", str(export_path), "--format", "table") == (
        0, TABLE_SNAPSHOT, "")


def test_json(export_path: Path) -> None:
    code, out, err = run("wxr", "inventory", str(export_path), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == JSON_SNAPSHOT
    assert out == json.dumps(JSON_SNAPSHOT, ensure_ascii=False, indent=2) + "\n"


def test_csv(export_path: Path) -> None:
    assert run("wxr", "inventory", str(export_path), "--format", "csv") == (
        0, CSV_SNAPSHOT, "")


def test_standard_input() -> None:
    assert run("wxr", "inventory", "-", stdin=EXPORT) == (0, TABLE_SNAPSHOT, "")


def test_empty_export(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text(export(), encoding="utf-8")
    assert run("wxr", "inventory", str(path)) == (
        0, "name  count  posts  meta  texturized  handler  attributes\n"
           "0 names, 0 shortcodes in 0 items\n", "")


def test_leading_garbage_is_a_warning_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text("Warning: fopen(x)\n" + EXPORT, encoding="utf-8")
    assert run("wxr", "inventory", str(path)) == (
        0, TABLE_SNAPSHOT,
        f"{path}:1:1: SC501 [warning] the export starts with 18 bytes before the XML "
        "declaration `<?xml`; they were skipped\n")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.xml"
    assert run("wxr", "inventory", str(path)) == (
        2, "", f"shortcodes: cannot read {path}: No such file or directory\n")


def test_not_an_export(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body>[gallery]</body></html>", encoding="utf-8")
    assert run("wxr", "inventory", str(path)) == (
        2, "", f"shortcodes: {path}:1:1: not a WordPress export: the root element is "
               "`<html>`, not `<rss>`\n")


def test_unsafe_export(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    code, out, err = run("wxr", "inventory", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"shortcodes: {path}:3:15: unsafe XML refused")


def test_truncated_export_prints_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(EXPORT[: EXPORT.index("No shortcodes")], encoding="utf-8")
    assert run("wxr", "inventory", str(path), "--format", "csv") == (
        2, CSV_SNAPSHOT,
        f"shortcodes: {path}:39:28: the export ends early (truncated?): "
        "unclosed CDATA section\n")


def test_an_action_is_required() -> None:
    code, out, err = run("wxr")
    assert (code, out) == (2, "")
    assert "ACTION" in err
