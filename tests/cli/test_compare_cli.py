"""``shortcodes parse --compare-wordpress``: SC309 lines, the JSON array, exit codes.

The JSON output is checked against ``docs/schema/parse-output.schema.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_parse_cli import run, validate
from tests.conftest import shared_path

# Prose with guillemets, a curled tag, an unclosed `[a]` before a closed one, an escape.
POST = 'Intro «700»\n[card region=”EG” name=”مصر” note="ok"]\n[a]x[a]y[/a] [[b]]\n'

TREE_SNAPSHOT = """\
post.txt
  2:1 [card] region='EG' name='مصر' note='ok'
  3:1 [a]
  3:5 [a]
  post.txt:2:7: SC301 [warning] the value of `region` is delimited by typographic quotes `”…”`
  post.txt:2:19: SC301 [warning] the value of `name` is delimited by typographic quotes `”…”`
  post.txt:2:1: SC309 [warning] WordPress reads 2 attribute values of `[card]` differently
    `region` is `EG` here and `”EG”` in WordPress
    `name` is `مصر` here and `”مصر”` in WordPress
  post.txt:3:1: SC309 [warning] WordPress reads `[a]` as enclosing the text up to a later `[/a]`
    `[a]` has no closing tag here and encloses `x[a]y`, closed at 3:9 in WordPress
  post.txt:3:5: SC309 [warning] WordPress reads `[a]` as standalone, without a closing tag
    `[a]` encloses `y`, closed at 3:9 here and has no closing tag in WordPress
"""


def _span(start: tuple[int, int, int], end: tuple[int, int, int]) -> dict[str, object]:
    keys = ("offset", "line", "column")
    return {"start": dict(zip(keys, start, strict=True)),
            "end": dict(zip(keys, end, strict=True))}


@pytest.fixture
def post(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``post.txt`` in the working directory, so the printed path is stable."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "post.txt"
    path.write_bytes(POST.encode("utf-8"))
    return path


@pytest.mark.usefixtures("post")
def test_tree_snapshot() -> None:
    assert run("parse", "post.txt", "--compare-wordpress") == (1, TREE_SNAPSHOT, "")


@pytest.mark.usefixtures("post")
def test_without_the_option_nothing_changes() -> None:
    code, out, err = run("parse", "post.txt")
    assert (code, err) == (0, "")
    assert out == "".join(line + "\n" for line in TREE_SNAPSHOT.splitlines()
                          if "SC309" not in line and not line.startswith("    "))
    code, out, _ = run("parse", "post.txt", "--format", "json")
    assert code == 0
    assert "wordpress_differences" not in validate(out)


def test_json_exact_line() -> None:
    code, out, err = run("parse", "-", "--format", "json", "--compare-wordpress",
                         stdin="[a x=”1”]")
    assert (code, err) == (1, "")
    span = _span((0, 1, 1), (9, 1, 10))
    document = validate(out)
    assert document["wordpress_differences"] == [{
        "kind": "attributes",
        "name": "a",
        "message": "WordPress reads 1 attribute value of `[a]` differently",
        "span": span,
        "ours": {"name": "a", "escaped": False, "attrs": {"x": "1"}, "positional": [],
                 "content": None, "span": span},
        "wordpress": {"name": "a", "escaped": False, "attrs": {"x": "”1”"}, "positional": [],
                      "content": None, "span": span},
        "details": ["`x` is `1` here and `”1”` in WordPress"],
    }]
    assert list(document) == ["path", "shortcodes", "diagnostics", "wordpress_differences"]
    assert out == json.dumps(document, ensure_ascii=False) + "\n"


def test_json_of_every_kind_validates() -> None:
    text = "[card x=”1”] [a]x[a]y[/a] [[c]]x[/c] <!-- [d] --> [e x] [e.f]"
    code, out, _ = run("parse", "-", "--format", "json", "--compare-wordpress", stdin=text)
    assert code == 1
    differences: list[dict[str, Any]] = validate(out)[  # type: ignore[assignment]
        "wordpress_differences"]
    expected = [("attributes", "[card"), ("structure", "[a]x"), ("structure", "[a]y"),
                ("not-a-shortcode", "[[c]]"), ("not-a-shortcode", "[d]"), ("name", "[e.f]")]
    assert [(d["kind"], d["span"]["start"]["offset"]) for d in differences] == [
        (kind, text.index(where)) for kind, where in expected]


def test_no_differences_exit_0_and_empty_array() -> None:
    code, out, err = run("parse", "-", "--format", "json", "--compare-wordpress",
                         stdin='[a x="1"]y[/a]')
    assert (code, err) == (0, "")
    assert validate(out)["wordpress_differences"] == []
    assert run("parse", "-", "--compare-wordpress", stdin='[a x="1"]') == (
        0, "-\n  1:1 [a] x='1'\n", "")


def test_known_names_are_the_registered_ones() -> None:
    code, out, _ = run("parse", "-", "--compare-wordpress", "--known", "b",
                       stdin="[a x=”1”] [b y=”2”]")
    assert code == 1
    assert [line for line in out.splitlines() if "SC309" in line] == [
        "  -:1:11: SC309 [warning] WordPress reads 1 attribute value of `[b]` differently"]


def test_errors_still_exit_1_and_read_errors_2(tmp_path: Path) -> None:
    assert run("parse", "-", "--compare-wordpress", stdin="[a][b][/a][/b]")[0] == 1
    code, _, err = run("parse", str(tmp_path / "missing.txt"), "-", "--compare-wordpress",
                       stdin="[a x=”1”]")
    assert code == 2
    assert "cannot read" in err


def test_seed_one_difference_per_card() -> None:
    path = shared_path("seed", "libya-sirte-covid19-cards.txt")
    code, out, err = run("parse", str(path), "--compare-wordpress")
    assert (code, err) == (1, "")
    lines = [line for line in out.splitlines() if " SC309 " in line]
    assert [line.split(": SC309")[0].rsplit(":", 2)[1:] for line in lines] == [
        ["23", "1"], ["25", "1"], ["27", "1"], ["29", "1"]]
    assert all(line.endswith("of `[covid19-ultimate-card]` differently") for line in lines)
    code, out, _ = run("parse", str(path), "--compare-wordpress", "--format", "json")
    differences: list[dict[str, Any]] = validate(out)[  # type: ignore[assignment]
        "wordpress_differences"]
    assert [(d["kind"], len(d["ours"]["attrs"])) for d in differences] == [
        ("attributes", 18), ("attributes", 18), ("attributes", 18), ("attributes", 17)]
