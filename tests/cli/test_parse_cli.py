"""``shortcodes parse``: exit codes and exact output, one snapshot per format.

The JSON output is also checked against ``docs/schema/parse-output.schema.json``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

from shortcodes.cli import main

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "schema" / "parse-output.schema.json"

# Arabic prose with guillemets (text, not quotes), a tag curled by the texturizer
# (``”…”`` and ``”…″``) with an Arabic value, and three levels of nesting.
POST = (
    "أعلنت وزارة الصحة «700»\n"
    "[card region=”EG” name=”مصر” bg-color=”#0c3278″]\n"
    '[row][col w="1"]نص[/col][col "wide" /][/row][/card]\n'
)

TREE_SNAPSHOT = """\
post.txt
  2:1 [card] region='EG' name='مصر' bg-color='#0c3278'
    3:1 [row]
      3:6 [col] w='1'
      3:25 [col] 'wide'
  post.txt:2:7: SC301 [warning] the value of `region` is delimited by typographic quotes `”…”`
  post.txt:2:19: SC301 [warning] the value of `name` is delimited by typographic quotes `”…”`
  post.txt:2:30: SC301 [warning] the value of `bg-color` is delimited by typographic quotes `”…″`
"""


def _span(start: tuple[int, int, int], end: tuple[int, int, int]) -> dict[str, object]:
    keys = ("offset", "line", "column")
    return {"start": dict(zip(keys, start, strict=True)),
            "end": dict(zip(keys, end, strict=True))}


def _smart_quotes(attribute: str, quotes: str, start: tuple[int, int, int],
                  end: tuple[int, int, int]) -> dict[str, object]:
    return {"code": "SC301", "name": "smart-quotes", "severity": "warning",
            "message": f"the value of `{attribute}` is delimited by typographic quotes "
                       f"`{quotes}`",
            "span": _span(start, end), "hint": 'use straight quotes: "…"'}


JSON_SNAPSHOT: dict[str, object] = {
    "path": "post.txt",
    "shortcodes": [{
        "name": "card",
        "attrs": {"region": "EG", "name": "مصر", "bg-color": "#0c3278"},
        "positional": [],
        "content": '\n[row][col w="1"]نص[/col][col "wide" /][/row]',
        "self_closing": False,
        "span": _span((24, 2, 1), (124, 3, 52)),
        "children": [{
            "name": "row",
            "attrs": {},
            "positional": [],
            "content": '[col w="1"]نص[/col][col "wide" /]',
            "self_closing": False,
            "span": _span((73, 3, 1), (117, 3, 45)),
            "children": [
                {"name": "col", "attrs": {"w": "1"}, "positional": [], "content": "نص",
                 "self_closing": False, "span": _span((78, 3, 6), (97, 3, 25)),
                 "children": []},
                {"name": "col", "attrs": {}, "positional": ["wide"], "content": None,
                 "self_closing": True, "span": _span((97, 3, 25), (111, 3, 39)),
                 "children": []},
            ],
        }],
    }],
    "diagnostics": [
        _smart_quotes("region", "”…”", (30, 2, 7), (41, 2, 18)),
        _smart_quotes("name", "”…”", (42, 2, 19), (52, 2, 29)),
        _smart_quotes("bg-color", "”…″", (53, 2, 30), (71, 2, 48)),
    ],
}


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    """Run the command line; return the exit code, standard output and standard error."""
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def validate(line: str) -> dict[str, object]:
    """Parse one output line and check it against the published schema."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    document: dict[str, object] = json.loads(line)
    jsonschema.Draft202012Validator(schema).validate(document)
    return document


@pytest.fixture
def post(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``post.txt`` in the working directory, so the printed path is stable."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "post.txt"
    path.write_bytes(POST.encode("utf-8"))
    return path


# -- formats ---------------------------------------------------------------------------


@pytest.mark.usefixtures("post")
def test_tree_snapshot() -> None:
    assert run("parse", "post.txt") == (0, TREE_SNAPSHOT, "")


@pytest.mark.usefixtures("post")
def test_tree_is_the_default_format() -> None:
    assert run("parse", "post.txt", "--format", "tree") == run("parse", "post.txt")


@pytest.mark.usefixtures("post")
def test_json_snapshot() -> None:
    code, out, err = run("parse", "post.txt", "--format", "json")
    assert (code, err) == (0, "")
    # One line per file, non-ASCII written as is, default separators.
    assert out == json.dumps(JSON_SNAPSHOT, ensure_ascii=False) + "\n"
    assert validate(out) == JSON_SNAPSHOT


def test_json_offsets_are_code_points(post: Path) -> None:
    text = post.read_text(encoding="utf-8")
    document = validate(run("parse", "post.txt", "--format", "json")[1])
    stack = list(document["shortcodes"])  # type: ignore[call-overload]
    seen = 0
    while stack:
        node = stack.pop()
        span = node["span"]
        source = text[span["start"]["offset"] : span["end"]["offset"]]
        assert source.startswith("[" + node["name"])
        assert source.endswith("]")
        if node["content"] is not None:
            assert node["content"] in source
        stack.extend(node["children"])
        seen += 1
    assert seen == 4


def test_json_small_exact_line() -> None:
    code, out, err = run("parse", "-", "--format", "json", stdin="x [b]")
    assert (code, err) == (0, "")
    assert out == (
        '{"path": "-", "shortcodes": [{"name": "b", "attrs": {}, "positional": [], '
        '"content": null, "self_closing": false, "span": {"start": {"offset": 2, '
        '"line": 1, "column": 3}, "end": {"offset": 5, "line": 1, "column": 6}}, '
        '"children": []}], "diagnostics": []}\n'
    )
    validate(out)


def test_json_lines_one_object_per_file(post: Path) -> None:
    (post.parent / "empty.txt").write_text("", encoding="utf-8")
    code, out, _ = run("parse", "post.txt", "empty.txt", "--format", "json")
    assert code == 0
    lines = out.splitlines()
    assert [validate(line)["path"] for line in lines] == ["post.txt", "empty.txt"]
    assert json.loads(lines[1]) == {"path": "empty.txt", "shortcodes": [], "diagnostics": []}


def test_json_schema_covers_every_kind_of_diagnostic() -> None:
    text = (
        '[a\u200f x="1"&nbsp;y=”2″ z=&#8221;3&#8221; q="4"r="5" t="7" t="8" /]\n'
        '[b u=”it’s” v="1 < 2" w="1"x /]\n'
        '[h k="open /]\n'
        "[c][d][/c][/d] [/e] [g][g][g]x[/g][/g][/g]"
    )
    code, out, err = run("parse", "-", "--format", "json", "--max-depth", "2", stdin=text)
    assert (code, err) == (1, "")
    document = validate(out)
    diagnostics: list[dict[str, object]] = document["diagnostics"]  # type: ignore[assignment]
    # Every code but SC201, which needs `enclosing=` (not a command-line option).
    assert {d["code"] for d in diagnostics} == {
        "SC101", "SC102", "SC202", "SC203", "SC204", "SC301", "SC302", "SC303", "SC304",
        "SC305", "SC306", "SC307", "SC308"}
    assert {d["severity"] for d in diagnostics} == {"error", "warning", "info"}
    assert all(isinstance(d["hint"], str) and d["hint"] for d in diagnostics)


# -- inputs ----------------------------------------------------------------------------


def test_stdin_dash() -> None:
    assert run("parse", "-", stdin="Intro [b]x[/b]") == (0, "-\n  1:7 [b]\n", "")


def test_file_byte_order_mark_is_not_counted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf[b]")
    document = validate(run("parse", str(path), "--format", "json")[1])
    shortcode = document["shortcodes"][0]  # type: ignore[index]
    assert shortcode["span"]["start"] == {"offset": 0, "line": 1, "column": 1}


def test_known_names_only(post: Path) -> None:
    code, out, _ = run("parse", "post.txt", "--known", "col")
    assert code == 0
    assert out.splitlines()[:3] == ["post.txt", "  3:6 [col] w='1'", "  3:25 [col] 'wide'"]


# -- exit codes ------------------------------------------------------------------------


def test_exit_0_with_warnings_only() -> None:
    code, out, _ = run("parse", "-", stdin="[a x=”1”]")
    assert code == 0
    assert "SC301 [warning]" in out


def test_exit_1_on_error_diagnostic() -> None:
    code, out, err = run("parse", "-", stdin="[a][b][/a][/b]")
    assert (code, err) == (1, "")
    assert out == (
        "-\n"
        "  1:1 [a]\n"
        "    1:4 [b]\n"
        "  -:1:11: SC203 [error] `[/b]` closes `[b]` (line 1) after an enclosing shortcode "
        "was already closed; it is kept as text\n"
    )


def test_exit_1_when_any_file_has_an_error(post: Path) -> None:
    (post.parent / "cross.txt").write_text("[a][b][/a][/b]", encoding="utf-8")
    code, out, _ = run("parse", "cross.txt", "post.txt", "--format", "json")
    assert code == 1
    assert len(out.splitlines()) == 2


def test_missing_file_exit_2_and_other_files_still_processed(post: Path) -> None:
    code, out, err = run("parse", "missing.txt", "post.txt")
    assert code == 2
    assert out == TREE_SNAPSHOT
    assert err.startswith("shortcodes: cannot read missing.txt: ")
    assert err.count("\n") == 1


def test_read_error_outranks_findings(post: Path) -> None:
    (post.parent / "cross.txt").write_text("[a][b][/a][/b]", encoding="utf-8")
    code, out, err = run("parse", "cross.txt", "missing.txt")
    assert code == 2
    assert "SC203" in out
    assert "missing.txt" in err


def test_invalid_utf8_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("[a x=\"caf\u00e9\"]".encode("latin-1"))
    code, out, err = run("parse", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"shortcodes: cannot read {path}: not UTF-8")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        pytest.param([], "required", id="no-arguments"),
        pytest.param(["parse"], "required", id="no-paths"),
        pytest.param(["parse", "-", "--format", "xml"], "--format", id="unknown-format"),
        pytest.param(["frobnicate", "-"], "invalid choice", id="unknown-command"),
        pytest.param(["parse", "-", "--max-depth", "deep"], "--max-depth", id="bad-int"),
        pytest.param(["parse", "-", "--known", "a b"], "invalid shortcode name", id="bad-name"),
    ],
)
def test_bad_usage_exit_2(argv: list[str], expected: str) -> None:
    code, out, err = run(*argv, stdin="[a]")
    assert (code, out) == (2, "")
    assert err.startswith("shortcodes")
    assert expected in err


def test_json_output_of_deep_nesting() -> None:
    # Deeper than Python's json module can encode (or decode) recursively.
    depth = 2_000
    code, out, err = run("parse", "-", "--format", "json",
                         stdin="[a]" * depth + "x" + "[/a]" * depth)
    assert (code, err) == (0, "")
    assert out.count('"name": "a"') == depth
    assert out.count('"content": "x"') == 1
    assert out.endswith('"children": []' + "}]" * depth + ', "diagnostics": []}\n')


def test_stdin_bytes_are_read_as_strict_utf8() -> None:
    def stream(data: bytes) -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(data), encoding="latin-1")

    stdout, stderr = io.StringIO(), io.StringIO()
    assert main(["parse", "-"], stdin=stream(b"\xef\xbb\xbf[b]"), stdout=stdout,
                stderr=stderr) == 0
    assert stdout.getvalue() == "-\n  1:1 [b]\n"
    stdout, stderr = io.StringIO(), io.StringIO()
    assert main(["parse", "-"], stdin=stream(b"[b \xff]"), stdout=stdout, stderr=stderr) == 2
    assert "cannot read -: not UTF-8" in stderr.getvalue()


def test_help_goes_to_the_given_stdout() -> None:
    stdout = io.StringIO()
    assert main(["--help"], stdout=stdout, stderr=io.StringIO()) == 0
    assert stdout.getvalue().startswith("usage: shortcodes")
