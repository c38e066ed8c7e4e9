"""``shortcodes render``: formats, handlers from the command line, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

from shortcodes.cli import main

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "schema"
                     / "render-data.schema.json").read_text(encoding="utf-8"))

HANDLERS_MODULE = '''
from markupsafe import Markup
from shortcodes.registry import HandlerRegistry, handler

@handler("shout", encloses=True)
def shout(node, context):
    return Markup("<b>{}</b>").format(str(context.render_children()).upper())

@handler("boom")
def boom(node, context):
    raise RuntimeError("no")

registry = HandlerRegistry.of(shout, boom)

def make():
    return [shout]
'''


def _run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def handlers_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cli_render_handlers.py").write_text(HANDLERS_MODULE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_html_to_stdout_and_diagnostics_to_stderr(handlers_dir: Path) -> None:
    code, out, err = _run(["render", "-", "--preset", "covid19", "--handlers",
                           "cli_render_handlers:registry"], "a [shout]hi [x]y[/x][/shout] b")
    assert code == 0
    assert out == "a <b>HI [X]Y[/X]</b> b"
    assert err == "-:1:13: SC401 [warning] no handler is registered for `x`; its tags are kept\n"


def test_handlers_as_a_function_returning_a_list(handlers_dir: Path) -> None:
    code, out, _ = _run(["render", "-", "--preset", "covid19", "--unknown", "strip",
                         "--handlers", "cli_render_handlers:make"], "[shout]a[x]b[/x][/shout]")
    assert (code, out) == (0, "<b>AB</b>")


def test_failing_handler_exits_1_and_keeps_source(handlers_dir: Path) -> None:
    code, out, err = _run(["render", "-", "--preset", "covid19", "--handlers",
                           "cli_render_handlers:registry"], "x [boom a=1] y")
    assert code == 1
    assert out == "x [boom a=1] y"
    assert "SC402 [error] the handler for `boom` raised RuntimeError: no" in err


def test_json_matches_the_schema() -> None:
    code, out, _ = _run(["render", "-", "--preset", "covid19", "--format", "json"],
                        'Hi [[b]] [card x="1"]in[/card]')
    assert code == 0
    document = json.loads(out)
    jsonschema.validate(document, SCHEMA)
    assert document["path"] == "-"
    assert [run["type"] for run in document["output"]] == ["text", "shortcode"]
    assert document["output"][0]["text"] == "Hi [b] "
    assert [d["code"] for d in document["diagnostics"]] == ["SC401"]


def test_text_format() -> None:
    assert _run(["render", "-", "--format", "text", "--preset", "covid19"],
                "a [b]c[/b] [d/]") == (0, "a c ", "")


def test_unknown_error_exits_1() -> None:
    code, out, err = _run(["render", "-", "--preset", "covid19", "--unknown", "error"], "[zz]")
    assert (code, out) == (1, "")
    assert err == "shortcodes: -: no handler is registered for `zz`\n"


@pytest.mark.parametrize(("argv", "message"), [
    (["--handlers", "nonexistent_module_xyz:registry"], "--handlers nonexistent_module_xyz"),
    (["--handlers", "json"], "expected module:object"),
    (["--handlers", "json:decoder"], "is not a HandlerRegistry"),
    (["--handlers", "json:dumps"], "could not be called without arguments"),
    (["--max-depth", "0"], "--max-depth must be at least 1"),
    (["--statistics", "/nonexistent/stats.json"], "--statistics /nonexistent/stats.json"),
])
def test_usage_errors_exit_2(argv: list[str], message: str) -> None:
    code, out, err = _run(["render", "-", "--preset", "covid19", *argv], "x")
    assert (code, out) == (2, "")
    assert message in err


def test_missing_file_exits_2_and_others_still_render(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("ok [[b]]", encoding="utf-8")
    code, out, err = _run(["render", str(tmp_path / "missing.txt"), str(good),
                           "--preset", "covid19"])
    assert (code, out) == (2, "ok [b]")
    assert "cannot read" in err and "missing.txt" in err


ROOT = Path(__file__).resolve().parents[2]


def test_readme_render_commands_run() -> None:
    example, stats = str(ROOT / "examples" / "covid-cards.txt"), str(
        ROOT / "examples" / "covid-stats.json")
    code, out, err = _run(["render", example, "--statistics", stats])
    assert code == 0
    assert out.count('<div class="cov19u-card') == 2
    assert '<h3 class="cov19u-title">مصر</h3>' in out
    assert "«700»" in out
    assert "SC406" in err  # the example's gallery has no media to resolve its ids
    code, out, _ = _run(["render", example, "--statistics", stats, "--format", "json"])
    assert code == 0
    document = json.loads(out)
    jsonschema.validate(document, SCHEMA)
    cards = [run for run in document["output"]
             if run["type"] == "shortcode" and run["name"] == "covid19-ultimate-card"]
    assert [card["attrs"]["region"] for card in cards] == ["EG", "AE"]
    assert cards[0]["data"]["figures"]["confirmed"] == 204256


def test_entry_point_handlers_are_used_unless_disabled(
        handlers_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    import shortcodes.presets

    monkeypatch.syspath_prepend(str(handlers_dir))
    offered = [EntryPoint(name="demo", value="cli_render_handlers:make",
                          group=shortcodes.presets.ENTRY_POINT_GROUP)]
    monkeypatch.setattr(shortcodes.presets, "entry_points",
                        lambda group: offered if group == shortcodes.presets.ENTRY_POINT_GROUP
                        else [])
    argv = ["render", "-", "--preset", "covid19"]
    assert _run(argv, "[shout]a[/shout]")[:2] == (0, "<b>A</b>")
    assert _run([*argv, "--no-entry-points"], "[shout]a[/shout]")[:2] == (0, "[shout]a[/shout]")
