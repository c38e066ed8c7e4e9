"""``shortcodes lint``: one exact snapshot per format, exit codes, inputs, configuration.

The json output is validated against ``docs/schema/lint-output.schema.json`` and
the sarif output against the official SARIF 2.1.0 schema, vendored in
``tests/data/`` (nothing is fetched at test time).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

import shortcodes
from shortcodes import CATALOGUE
from shortcodes.cli import main

ROOT = Path(__file__).resolve().parents[2]
LINT_SCHEMA = ROOT / "docs" / "schema" / "lint-output.schema.json"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

# Arabic prose and a curled tag on a CRLF line; a tab, wide (East Asian) characters, a
# missing space and a stray closer on a CRLF line; an astral character and entity quotes.
POST = (
    "مرحبا [card region=”مصر” size=”10″]\r\n"
    '\t中文 [b x="1"y="2"][/c]\r\n'
    "😀 [d t=&#8221;x&#8221;]\n"
)

SMART = "the value of `{}` is delimited by typographic quotes `{}`"
ENTITY = "the value of `t` is delimited by HTML-entity quotes `&#8221;…&#8221;`"
MISSING = "attribute `x` is not followed by a space"
STRAY = "`[/c]` has no opening `[c]`; it is kept as text"
STRAIGHT = 'use straight quotes: "…"'

CONCISE = f"""\
post.txt:1:13: SC301 [warning] {SMART.format("region", "”…”")}
post.txt:1:26: SC301 [warning] {SMART.format("size", "”…″")}
post.txt:2:8: SC303 [warning] {MISSING}
post.txt:2:19: SC202 [warning] {STRAY}
post.txt:3:6: SC302 [warning] {ENTITY}
Found 5 problems (4 fixable with `shortcodes fix`).
"""

# Carets are indented in terminal cells: Arabic letters take one, 中 and 文 two each, the
# emoji two, and the tab runs to the next multiple of four. Lines print in storage order.
FULL = f"""\
post.txt:1:13: SC301 [warning] {SMART.format("region", "”…”")}
  |
1 | مرحبا [card region=”مصر” size=”10″]
  |             ^^^^^^^^^^^^
  = hint: {STRAIGHT}

post.txt:1:26: SC301 [warning] {SMART.format("size", "”…″")}
  |
1 | مرحبا [card region=”مصر” size=”10″]
  |                          ^^^^^^^^^
  = hint: {STRAIGHT}

post.txt:2:8: SC303 [warning] {MISSING}
  |
2 |     中文 [b x="1"y="2"][/c]
  |             ^^^^^
  = hint: put a space between the attributes

post.txt:2:19: SC202 [warning] {STRAY}
  |
2 |     中文 [b x="1"y="2"][/c]
  |                        ^^^^
  = hint: remove it, or add the opening tag

post.txt:3:6: SC302 [warning] {ENTITY}
  |
3 | 😀 [d t=&#8221;x&#8221;]
  |       ^^^^^^^^^^^^^^^^^
  = hint: {STRAIGHT}

Found 5 problems (4 fixable with `shortcodes fix`).
"""

GITHUB = f"""\
::warning file=post.txt,line=1,col=13,endLine=1,endColumn=25,title=SC301 smart-quotes::\
{SMART.format("region", "”…”")}%0Ahint: {STRAIGHT}
::warning file=post.txt,line=1,col=26,endLine=1,endColumn=35,title=SC301 smart-quotes::\
{SMART.format("size", "”…″")}%0Ahint: {STRAIGHT}
::warning file=post.txt,line=2,col=8,endLine=2,endColumn=13,title=SC303 missing-space::\
{MISSING}%0Ahint: put a space between the attributes
::warning file=post.txt,line=2,col=19,endLine=2,endColumn=23,title=SC202 stray-closing-tag::\
{STRAY}%0Ahint: remove it, or add the opening tag
::warning file=post.txt,line=3,col=6,endLine=3,endColumn=23,title=SC302 entity-quotes::\
{ENTITY}%0Ahint: {STRAIGHT}
"""


def _item(code: str, message: str, start: tuple[int, int, int], end: tuple[int, int, int],
          hint: str, path: str = "post.txt") -> dict[str, object]:
    keys = ("line", "column", "offset")
    return {"code": code, "name": CATALOGUE[code].name, "message": message,
            "severity": CATALOGUE[code].severity.value, "fixable": CATALOGUE[code].fixable,
            "path": path, "start": dict(zip(keys, start, strict=True)),
            "end": dict(zip(keys, end, strict=True)), "hint": hint}


JSON = [
    _item("SC301", SMART.format("region", "”…”"), (1, 13, 12), (1, 25, 24), STRAIGHT),
    _item("SC301", SMART.format("size", "”…″"), (1, 26, 25), (1, 35, 34), STRAIGHT),
    _item("SC303", MISSING, (2, 8, 44), (2, 13, 49), "put a space between the attributes"),
    _item("SC202", STRAY, (2, 19, 55), (2, 23, 59), "remove it, or add the opening tag"),
    _item("SC302", ENTITY, (3, 6, 66), (3, 23, 83), STRAIGHT),
]

#: (code, message with hint, startLine, startColumn, endLine, endColumn) in UTF-16 units:
#: the emoji on line 3 counts twice, so `t=` starts at column 7 there, not 6.
SARIF_RESULTS = [
    ("SC301", f"{SMART.format('region', '”…”')} (hint: {STRAIGHT})", 1, 13, 1, 25),
    ("SC301", f"{SMART.format('size', '”…″')} (hint: {STRAIGHT})", 1, 26, 1, 35),
    ("SC303", f"{MISSING} (hint: put a space between the attributes)", 2, 8, 2, 13),
    ("SC202", f"{STRAY} (hint: remove it, or add the opening tag)", 2, 19, 2, 23),
    ("SC302", f"{ENTITY} (hint: {STRAIGHT})", 3, 7, 3, 24),
]


def run(*argv: str, stdin: str | bytes = "") -> tuple[int, str, str]:
    """Run the command line; return the exit code, standard output and standard error."""
    stdout, stderr = io.StringIO(), io.StringIO()
    stream: io.TextIOBase = (io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
                             if isinstance(stdin, bytes) else io.StringIO(stdin))
    code = main(list(argv), stdin=stream, stdout=stdout, stderr=stderr)  # type: ignore[arg-type]
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def post(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``post.txt`` (CRLF lines) in an empty working directory without configuration."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".shortcodes.toml").write_text("", encoding="utf-8")
    path = tmp_path / "post.txt"
    path.write_bytes(POST.encode("utf-8"))
    return path


def validate_json(out: str) -> list[dict[str, Any]]:
    schema = json.loads(LINT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    document: list[dict[str, Any]] = json.loads(out)
    jsonschema.Draft202012Validator(schema).validate(document)
    return document


def validate_sarif(out: str) -> dict[str, Any]:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    log: dict[str, Any] = json.loads(out)
    jsonschema.Draft4Validator(schema).validate(log)
    return log


# -- formats ---------------------------------------------------------------------------


@pytest.mark.usefixtures("post")
def test_concise_snapshot() -> None:
    assert run("lint", "post.txt") == (1, CONCISE, "")
    assert run("lint", "post.txt", "--format", "concise") == (1, CONCISE, "")


@pytest.mark.usefixtures("post")
def test_full_snapshot() -> None:
    assert run("lint", "post.txt", "--format", "full") == (1, FULL, "")


@pytest.mark.usefixtures("post")
def test_json_snapshot() -> None:
    code, out, err = run("lint", "post.txt", "--format", "json")
    assert (code, err) == (1, "")
    assert out == "[\n" + ",\n".join(
        "  " + json.dumps(item, ensure_ascii=False) for item in JSON) + "\n]\n"
    assert validate_json(out) == JSON


def test_json_offsets_point_at_the_text(post: Path) -> None:
    text = post.read_bytes().decode("utf-8")
    for item in validate_json(run("lint", "post.txt", "--format", "json")[1]):
        start, end = item["start"], item["end"]
        piece = text[start["offset"] : end["offset"]]
        assert piece and "\n" not in piece
        line_start = start["offset"] - start["column"] + 1
        assert text[line_start - 1] == "\n" or line_start == 0


def test_json_empty_array_when_clean() -> None:
    assert run("lint", "-", "--format", "json", stdin="[a x=1]") == (0, "[]\n", "")
    assert validate_json("[]") == []


@pytest.mark.usefixtures("post")
def test_github_snapshot() -> None:
    assert run("lint", "post.txt", "--format", "github") == (1, GITHUB, "")


def test_github_escapes_properties_and_message(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".shortcodes.toml").write_text("", encoding="utf-8")
    name = "a,b:c%d.txt"
    (tmp_path / name).write_text("[/x]", encoding="utf-8")
    code, out, _ = run("lint", name, "--format", "github", "--select", "SC202")
    assert code == 1
    assert out.startswith("::warning file=a%2Cb%3Ac%25d.txt,line=1,col=1,")
    assert out.endswith("::`[/x]` has no opening `[x]`; it is kept as text"
                        "%0Ahint: remove it, or add the opening tag\n")


def test_github_levels() -> None:
    code, out, _ = run("lint", "-", "--format", "github", stdin="[a][b][/a][/b] [c x=1&nbsp;y=2]")
    assert code == 1
    assert [line.split(" ", 1)[0] for line in out.splitlines()] == ["::error", "::notice"]


@pytest.mark.usefixtures("post")
def test_sarif_snapshot() -> None:
    code, out, err = run("lint", "post.txt", "--format", "sarif")
    assert (code, err) == (1, "")
    log = validate_sarif(out)
    codes = list(CATALOGUE)
    level = {"error": "error", "warning": "warning", "info": "note"}
    rules = [{
        "id": c, "name": rule.name, "shortDescription": {"text": rule.summary},
        "helpUri": f"{shortcodes._report.DOCS_URL}#{c.lower()}-{rule.name}",
        "help": {"text": f"{rule.summary} See docs/ci.md#{c.lower()}-{rule.name}."},
        "defaultConfiguration": {"level": level[rule.severity.value]},
        "properties": {"fixable": rule.fixable},
    } for c, rule in CATALOGUE.items()]
    results = [{
        "ruleId": c, "ruleIndex": codes.index(c), "level": "warning", "message": {"text": m},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "post.txt"},
            "region": {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec}}}],
    } for c, m, sl, sc, el, ec in SARIF_RESULTS]
    assert log == {
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                   "sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "shortcodes", "version": shortcodes.__version__,
                                "informationUri": shortcodes._report.DOCS_URL,
                                "rules": rules}},
            "columnKind": "utf16CodeUnits",
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": []}],
            "results": results,
        }],
    }
    assert out == json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def test_sarif_reports_unreadable_files(post: Path) -> None:
    code, out, err = run("lint", "missing.txt", "post.txt", "--format", "sarif")
    assert code == 2
    assert err.startswith("shortcodes: cannot read missing.txt: ")
    run_ = validate_sarif(out)["runs"][0]
    invocation = run_["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"].startswith("cannot read missing.txt: ")
    assert len(run_["results"]) == 5


def test_sarif_uri_is_percent_encoded() -> None:
    code, out, _ = run("lint", "-", "--format", "sarif", "--stdin-filename", "my posts/ä.txt",
                       stdin="[/x]")
    assert code == 1
    result = validate_sarif(out)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == \
        {"uri": "my%20posts/%C3%A4.txt"}


# -- positions -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "line", "column", "utf16"), [
    ("a\r\nb\r\n[/x]", 3, 1, 1),
    ("a\rb\r[/x]", 3, 1, 1),
    ("a\u2028b\u0085c\x0c[/x]", 1, 7, 7),  # none of these ends a line
    ("\U0001F600\U0001F600[/x]", 1, 3, 5),
    ("\t\u0645\u0635\u0631 [/x]", 1, 6, 6),
])
def test_positions_crlf_rtl_astral(text: str, line: int, column: int, utf16: int) -> None:
    items = validate_json(run("lint", "-", "--format", "json", stdin=text)[1])
    assert [(i["start"]["line"], i["start"]["column"]) for i in items] == [(line, column)]
    concise = run("lint", "-", stdin=text)[1]
    assert concise.startswith(f"-:{line}:{column}: SC202 [warning] ")
    sarif = validate_sarif(run("lint", "-", "--format", "sarif", stdin=text)[1])
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (line, utf16)


# -- exit codes and inputs ----------------------------------------------------------------


def test_clean_exit_0() -> None:
    assert run("lint", "-", stdin='[a x="1"]') == (0, "All clean.\n", "")


def test_exit_zero() -> None:
    code, out, _ = run("lint", "-", "--exit-zero", stdin="[a][b][/a][/b]")
    assert code == 0
    assert out.endswith("Found 1 problem.\n")


def test_findings_after_filtering_decide_the_exit_code() -> None:
    assert run("lint", "-", "--ignore", "SC3", stdin="[a x=”1”]")[0] == 0
    assert run("lint", "-", "--select", "SC2", stdin="[a x=”1”]")[0] == 0
    assert run("lint", "-", stdin="[a x=”1”]")[0] == 1


def test_stdin_and_stdin_filename() -> None:
    assert run("lint", "-", stdin="x [/b]") == (
        1, "-:1:3: SC202 [warning] `[/b]` has no opening `[b]`; it is kept as text\n"
           "Found 1 problem.\n", "")
    out = run("lint", "-", "--stdin-filename", "docs/a.txt", stdin="x [/b]")[1]
    assert out.startswith("docs/a.txt:1:3: ")


def test_stdin_bytes_bom_and_invalid_utf8() -> None:
    assert run("lint", "-", stdin=b"\xef\xbb\xbf[/b]")[1].startswith("-:1:1: SC202")
    code, out, err = run("lint", "-", stdin=b"[b \xff]")
    assert (code, out) == (2, "No problems found; 1 file could not be read.\n")
    assert err.startswith("shortcodes: cannot read -: not UTF-8")


def test_invalid_utf8_file_is_reported_and_others_linted(post: Path) -> None:
    (post.parent / "latin1.txt").write_bytes("[a x=\"caf\u00e9\"]".encode("latin-1"))
    code, out, err = run("lint", "latin1.txt", "post.txt")
    assert code == 2
    assert err.startswith("shortcodes: cannot read latin1.txt: not UTF-8")
    assert err.count("\n") == 1
    assert out == CONCISE.replace(
        "(4 fixable with `shortcodes fix`).", "(4 fixable with `shortcodes fix`); 1 file "
        "could not be read.")


def test_missing_file(post: Path) -> None:
    code, out, err = run("lint", "missing.txt", "post.txt", "--format", "json")
    assert code == 2
    assert len(validate_json(out)) == 5
    assert err == "shortcodes: cannot read missing.txt: No such file or directory\n"


@pytest.mark.parametrize(("argv", "expected"), [
    (["lint"], "required"),
    (["lint", "-", "--format", "xml"], "--format"),
    (["lint", "-", "--select", "SC999"], "unknown rule 'SC999'"),
    (["lint", "-", "--ignore", "nope"], "unknown rule 'nope'"),
    (["lint", "-", "--known", "a b"], "invalid shortcode name"),
    (["lint", "-", "--config", "missing.toml"], "cannot read missing.toml"),
])
def test_usage_errors_exit_2(argv: list[str], expected: str) -> None:
    code, out, err = run(*argv, stdin="[a]")
    assert (code, out) == (2, "")
    assert err.startswith("shortcodes")
    assert expected in err


def test_known_names(post: Path) -> None:
    code, out, _ = run("lint", "post.txt", "--known", "card", "--select", "SC401,SC2")
    assert code == 1
    assert out.splitlines() == [
        "post.txt:2:5: SC401 [warning] `[b]` is not a known shortcode; WordPress prints it "
        "as text",
        "post.txt:3:3: SC401 [warning] `[d]` is not a known shortcode; WordPress prints it "
        "as text",
        "Found 2 problems.",
    ]


# -- directories, configuration -----------------------------------------------------------


TREE = {
    "site/post.txt": "[a x=”1”]",
    "site/page.html": "[/b]",
    "site/notes.md": "[a x=&quot;1&quot;]",
    "site/image.png": "[/b]",
    "site/drafts/old.txt": "[/b]",
    "site/docs/guide.txt": "[a x=”1”] [/b]",
    "site/deep/er/more.htm": "[/c]",
    "site/.git/x.txt": "[/b]",
    "site/node_modules/m/readme.md": "[/b]",
}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, text in TREE.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / ".shortcodes.toml").write_text(
        'exclude = ["drafts"]\n[per-path-ignores]\n"site/docs/**" = ["smart-quotes"]\n',
        encoding="utf-8")
    return tmp_path


def _paths(out: str) -> list[str]:
    return [line.split(":", 1)[0] for line in out.splitlines()[:-1]]


@pytest.mark.usefixtures("tree")
def test_directory_walk_with_config() -> None:
    code, out, err = run("lint", "site")
    assert (code, err) == (1, "")
    # A directory's files first, then its subdirectories, each in sorted order.
    assert out.splitlines() == [
        "site/notes.md:1:4: SC302 [warning] the value of `x` is delimited by HTML-entity "
        "quotes `&quot;…&quot;`",
        "site/page.html:1:1: SC202 [warning] `[/b]` has no opening `[b]`; it is kept as text",
        "site/post.txt:1:4: SC301 [warning] the value of `x` is delimited by typographic "
        "quotes `”…”`",
        "site/deep/er/more.htm:1:1: SC202 [warning] `[/c]` has no opening `[c]`; it is kept "
        "as text",
        "site/docs/guide.txt:1:11: SC202 [warning] `[/b]` has no opening `[b]`; it is kept "
        "as text",
        "Found 5 problems (2 fixable with `shortcodes fix`).",
    ]


@pytest.mark.usefixtures("tree")
def test_include_and_exclude_options() -> None:
    assert _paths(run("lint", "site", "--include", "*.txt")[1]) == \
        ["site/post.txt", "site/docs/guide.txt"]
    assert _paths(run("lint", "site", "--include", "*.txt,*.md", "--exclude", "docs")[1]) == \
        ["site/notes.md", "site/post.txt"]
    assert _paths(run("lint", "site", "--exclude", "site/deep/**", "--exclude", "*.html")[1]) \
        == ["site/notes.md", "site/post.txt", "site/docs/guide.txt"]


@pytest.mark.usefixtures("tree")
def test_named_files_are_read_whatever_the_globs() -> None:
    assert _paths(run("lint", "site/drafts/old.txt", "site/image.png")[1]) == \
        ["site/drafts/old.txt", "site/image.png"]


def test_per_path_ignores_relative_to_the_config_file(tree: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree / "site")
    code, out, _ = run("lint", "docs", "--select", "SC301")
    assert (code, out) == (0, "All clean.\n")
    assert run("lint", "-", "--stdin-filename", "docs/x.txt", stdin="[a x=”1”]")[0] == 0
    assert run("lint", "-", "--stdin-filename", "other.txt", stdin="[a x=”1”]")[0] == 1


def test_pyproject_configuration_and_cli_overrides(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.shortcodes]\nselect = ["SC3"]\nignore = ["SC302"]\n'
        '[tool.shortcodes.severity]\nSC301 = "error"\n', encoding="utf-8")
    text = "[a x=”1” y=&quot;2&quot;][/b]"
    assert run("lint", "-", stdin=text)[1] == (
        "-:1:4: SC301 [error] the value of `x` is delimited by typographic quotes `”…”`\n"
        "Found 1 problem (1 fixable with `shortcodes fix`).\n")
    assert _paths(run("lint", "-", "--select", "SC2", stdin=text)[1]) == ["-"]
    assert run("lint", "-", "--ignore", "SC301", stdin=text)[0] == 0


def test_bad_configuration_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.shortcodes]\nper-path-ignores = { "docs/**" = "SC301" }\n', encoding="utf-8")
    code, out, err = run("lint", "-", stdin="[a]")
    assert (code, out) == (2, "")
    assert err == (f"shortcodes: {tmp_path / 'pyproject.toml'}: tool.shortcodes."
                   'per-path-ignores."docs/**": expected a list of rule codes\n')


def test_explicit_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lint.toml").write_text('select = ["SC202"]\n', encoding="utf-8")
    assert run("lint", "-", "--config", "lint.toml", stdin="[a x=”1”]")[0] == 0
    assert run("lint", "-", "--config", "lint.toml", stdin="[/a]")[0] == 1


def test_compare_wordpress_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".shortcodes.toml").write_text("compare-wordpress = true\n", encoding="utf-8")
    out = run("lint", "-", stdin="[card region=”EG”]")[1]
    assert [line.split()[1] for line in out.splitlines()[:-1]] == ["SC309", "SC301"]
