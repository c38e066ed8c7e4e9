"""``shortcodes wxr convert``: files written, the report, exit codes, progress, Ctrl-C."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import shortcodes.presets
import shortcodes.render
from shortcodes.cli import main
from shortcodes.wxr import iter_items
from tests.conftest import shared_path
from tests.unit.test_convert import read_front_matter
from tests.unit.test_wxr import BILLION_LAUGHS, export, item


def slug(value: str) -> str:
    return f"\t<wp:post_name><![CDATA[{value}]]></wp:post_name>\n"


EXPORT = export(
    item(1, '[caption id="attachment_7" width="300"]<img src="a.jpg" /> A cat[/caption] '
            '[gallery ids="7"]', title="Cats", extra=slug("cats")),
    item(2, "[vc_row][vc_column]Hi [custom x=1][/vc_column][/vc_row]", post_type="page",
         title="Home", extra=slug("../../home"),
         meta=[("_builder", "[vc_row][/vc_row]")]),
    item(3, "No shortcodes.", title="Plain", excerpt="[custom]"),
    item(7, "", post_type="attachment", title="Cat",
         extra="\t<wp:attachment_url>https://example.com/cat.jpg</wp:attachment_url>\n"),
)

REPORT = """\
3 posts converted, 3 files written to {out}
left unconverted (no handler, tags kept): 3 names, 4 shortcodes
  custom     2  posts 2, 3
  vc_column  1  posts 2
  vc_row     1  posts 2
handler failures (source text kept): none
other diagnostics: none
in post meta, not converted: 1 name, 1 shortcode
  vc_row  1  posts 2
"""

HANDLERS_MODULE = '''
from markupsafe import Markup
from shortcodes.registry import HandlerRegistry, handler

@handler("custom")
def custom(node, context):
    return Markup("<i>custom</i>")

@handler("caption", encloses=True)
def caption(node, context):
    return Markup("<div>{}</div>").format(context.render_children())

@handler("boom")
def boom(node, context):
    raise RuntimeError("no")

registry = HandlerRegistry.of(custom, caption, boom)
'''


class Terminal(io.StringIO):
    """Standard error as a terminal."""

    def isatty(self) -> bool:
        return True


def run(*argv: str, stdin: str = "", stderr: io.StringIO | None = None) -> tuple[int, str, str]:
    stdout, err = io.StringIO(), stderr if stderr is not None else io.StringIO()
    code = main(["wxr", "convert", *argv], stdin=io.StringIO(stdin), stdout=stdout, stderr=err)
    return code, stdout.getvalue(), err.getvalue()


@pytest.fixture
def export_path(tmp_path: Path) -> Path:
    path = tmp_path / "export.xml"
    path.write_text(EXPORT, encoding="utf-8")
    return path


def files(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def read_post(path: Path) -> tuple[dict[str, object], str]:
    return read_front_matter(path.read_text(encoding="utf-8"))


# -- html ----------------------------------------------------------------------------------


def test_html_files_and_report(export_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "nested"
    code, stdout, stderr = run(str(export_path), "--out", str(out))
    assert (code, stderr) == (1, "")
    assert stdout == REPORT.format(out=out)
    assert files(out) == ["1-cats.html", "2-home.html", "3.html"]
    fields, html = read_post(out / "1-cats.html")
    assert fields["id"] == 1 and fields["title"] == "Cats" and fields["type"] == "post"
    assert "<figure" in html and "<figcaption" in html
    assert 'src="https://example.com/cat.jpg"' in html  # the gallery found the attachment
    fields, html = read_post(out / "2-home.html")
    assert (fields["slug"], fields["type"]) == ("../../home", "page")
    assert html == "[vc_row][vc_column]Hi [custom x=1][/vc_column][/vc_row]"
    fields, html = read_post(out / "3.html")
    assert (fields["excerpt"], html) == ("[custom]", "No shortcodes.")


def test_existing_files_are_replaced(export_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "3.html").write_text("old", encoding="utf-8")
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    assert run(str(export_path), "--out", str(out))[0] == 1
    assert read_post(out / "3.html")[1] == "No shortcodes."
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_user_handlers_replace_built_ins_and_exit_0(export_path: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "convert_cli_handlers.py").write_text(HANDLERS_MODULE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run(str(export_path), "--out", "out", "--post-type", "post",
                          "--handlers", "convert_cli_handlers:registry")
    assert code == 0
    assert stdout.splitlines()[:2] == [
        "2 posts converted, 2 files written to out",
        "left unconverted (no handler, tags kept): none"]
    html = read_post(tmp_path / "out" / "1-cats.html")[1]
    assert html.startswith('<div><img src="a.jpg" /> A cat</div> <div id="gallery-1"')
    assert files(tmp_path / "out") == ["1-cats.html", "3.html"]


def test_a_failing_handler_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "convert_cli_handlers.py").write_text(HANDLERS_MODULE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "e.xml").write_text(export(item(1, "a [boom] b")), encoding="utf-8")
    code, stdout, _ = run("e.xml", "--out", "out", "--handlers", "convert_cli_handlers:registry")
    assert code == 1
    assert ("handler failures (source text kept): 1 name, 1 shortcode\n"
            "  boom  1  posts 1\n"
            "other diagnostics: 1\n"
            "  post 1 content:1:3: SC402 [error] the handler for `boom` raised RuntimeError: "
            "no; the source text is kept\n") in stdout
    assert read_post(tmp_path / "out" / "1.html")[1] == "a [boom] b"


def test_bad_handlers_are_a_usage_error(export_path: Path, tmp_path: Path) -> None:
    code, stdout, stderr = run(str(export_path), "--out", str(tmp_path / "out"),
                               "--handlers", "json:decoder")
    assert (code, stdout) == (2, "")
    assert "--handlers json:decoder" in stderr
    assert not (tmp_path / "out").exists()


def _fake_entry_points(group: str) -> list[EntryPoint]:
    assert group == "shortcodes.handlers"
    return [EntryPoint("custom", "convert_cli_handlers:registry", group)]


def test_entry_points_unless_disabled(export_path: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "convert_cli_handlers.py").write_text(HANDLERS_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(shortcodes.presets, "entry_points", _fake_entry_points)
    run(str(export_path), "--out", str(tmp_path / "with"))
    assert read_post(tmp_path / "with" / "3.html")[0]["excerpt"] == "<i>custom</i>"
    run(str(export_path), "--out", str(tmp_path / "without"), "--no-entry-points")
    assert read_post(tmp_path / "without" / "3.html")[0]["excerpt"] == "[custom]"


def test_unknown_strip(export_path: Path, tmp_path: Path) -> None:
    code, stdout, _ = run(str(export_path), "--out", str(tmp_path), "--unknown", "strip")
    assert code == 1
    assert "left unconverted (no handler, tags removed): 3 names, 4 shortcodes" in stdout
    assert read_post(tmp_path / "2-home.html")[1] == "Hi "


def test_unknown_error_stops_at_the_first(export_path: Path, tmp_path: Path) -> None:
    code, stdout, stderr = run(str(export_path), "--out", str(tmp_path / "out"),
                               "--unknown", "error")
    assert code == 1
    assert stdout.startswith("1 post converted, 1 file written")
    assert stderr == ("shortcodes: post 2 (https://example.com/?p=2): no handler is "
                      "registered for `vc_row`\n")
    assert files(tmp_path / "out") == ["1-cats.html"]


def test_statuses(export_path: Path, tmp_path: Path) -> None:
    code, stdout, _ = run(str(export_path), "--out", str(tmp_path), "--status", "draft")
    assert (code, stdout.splitlines()[0]) == (0, f"0 posts converted, 0 files written to "
                                                 f"{tmp_path}")


def test_standard_input(tmp_path: Path) -> None:
    code, stdout, _ = run("-", "--out", str(tmp_path), stdin=EXPORT)
    assert (code, stdout) == (1, REPORT.format(out=tmp_path))


# -- jsonl ---------------------------------------------------------------------------------


def test_jsonl(export_path: Path, tmp_path: Path) -> None:
    code, stdout, _ = run(str(export_path), "--out", str(tmp_path), "--format", "jsonl")
    assert code == 1
    assert stdout.startswith(f"3 posts converted, 1 file written to {tmp_path}\n")
    assert files(tmp_path) == ["export.xml", "posts.jsonl"]
    records = [json.loads(line) for line in
               (tmp_path / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [1, 2, 3]
    assert list(records[0]) == ["id", "title", "slug", "type", "status", "date", "author",
                                "link", "categories", "tags", "excerpt", "html", "data",
                                "excerpt_data"]
    assert "<figcaption" in records[0]["html"]
    gallery = records[0]["data"][2]
    assert (gallery["name"], gallery["data"]["items"][0]["url"]) == (
        "gallery", "https://example.com/cat.jpg")
    assert records[2]["excerpt_data"][0]["name"] == "custom"


# -- damage, errors ------------------------------------------------------------------------


def test_truncated_export_writes_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(EXPORT[: EXPORT.index("No shortcodes")], encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run(str(path), "--out", str(out))
    assert code == 2
    assert stdout.startswith(f"2 posts converted, 2 files written to {out}\n")
    assert "the export ends early (truncated?)" in stderr
    assert stderr.startswith(f"shortcodes: {path}:")
    assert files(out) == ["1-cats.html", "2-home.html"]


def test_truncated_export_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(EXPORT[: EXPORT.index("No shortcodes")], encoding="utf-8")
    assert run(str(path), "--out", str(tmp_path / "o"), "--format", "jsonl")[0] == 2
    lines = (tmp_path / "o" / "posts.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 2]


@pytest.mark.parametrize(("content", "message"), [
    ("<html>[gallery]</html>", "not a WordPress export"),
    (BILLION_LAUGHS, "unsafe XML refused"),
    (EXPORT[:300], "the export ends early"),
])
def test_unreadable_exports_write_nothing(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    code, stdout, stderr = run(str(path), "--out", str(tmp_path / "out"))
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"shortcodes: {path}:") and message in stderr
    assert not (tmp_path / "out").exists()


def test_missing_export(tmp_path: Path) -> None:
    assert run(str(tmp_path / "no.xml"), "--out", str(tmp_path)) == (
        2, "", f"shortcodes: cannot read {tmp_path / 'no.xml'}: No such file or directory\n")


def test_output_that_cannot_be_written(export_path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, stdout, stderr = run(str(export_path), "--out", str(blocker / "out"))
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"shortcodes: cannot convert {export_path}: ")


def test_out_is_required(export_path: Path) -> None:
    code, _, stderr = run(str(export_path))
    assert code == 2 and "--out" in stderr


# -- Ctrl-C --------------------------------------------------------------------------------


def _interrupt_on_call(number: int, monkeypatch: pytest.MonkeyPatch) -> None:
    real: Callable[..., object] = shortcodes.render.render_html
    calls = [0]

    def render(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        if calls[0] == number:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr("shortcodes.convert.render_html", render)


@pytest.mark.parametrize("output", ["html", "jsonl"])
def test_ctrl_c_leaves_no_partial_file(export_path: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, output: str) -> None:
    _interrupt_on_call(3, monkeypatch)  # post 1, post 2, then post 3
    out = tmp_path / "out"
    code, stdout, stderr = run(str(export_path), "--out", str(out), "--format", output)
    assert (code, stdout) == (130, "")
    assert stderr == ("shortcodes: interrupted after 2 posts; the files written are "
                      "complete\n")
    if output == "jsonl":  # one file for every post: not written at all
        assert files(out) == []
        return
    assert files(out) == ["1-cats.html", "2-home.html"]  # no temporary files
    contents = {i.post_id: i.content for i in iter_items(export_path)}
    for name in files(out):
        fields, html = read_post(out / name)
        if fields["id"] == 2:
            assert html == contents[2]
        else:
            assert html.startswith("<figure")


def test_ctrl_c_on_the_page_builder_export(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared_path("corpus", "thecraft-demo-content.xml")
    _interrupt_on_call(25, monkeypatch)
    out = tmp_path / "out"
    assert run(str(path), "--out", str(out))[0] == 130
    contents = {i.post_id: i.content for i in iter_items(path)}
    assert len(files(out)) == 24
    for name in files(out):
        assert not name.startswith(".")
        fields, html = read_post(out / name)
        assert html == contents[fields["id"]]  # type: ignore[index]


# -- progress ------------------------------------------------------------------------------


def test_progress_on_a_terminal(export_path: Path, tmp_path: Path) -> None:
    terminal = Terminal()
    code, stdout, stderr = run(str(export_path), "--out", str(tmp_path / "o"),
                               stderr=terminal)
    assert code == 1 and stdout == REPORT.format(out=tmp_path / "o")
    assert "\rreading attachments: 1 items, " in stderr
    assert "\rconverting: 1 items, 0.0 of 0.0 MB" in stderr
    assert stderr.endswith("\r")  # the line is erased before the report
    assert "\n" not in stderr


def test_no_progress_when_quiet_or_not_a_terminal(export_path: Path, tmp_path: Path) -> None:
    assert run(str(export_path), "--out", str(tmp_path / "a"), "--quiet",
               stderr=Terminal())[2] == ""
    assert run(str(export_path), "--out", str(tmp_path / "b"))[2] == ""


# -- the corpus ----------------------------------------------------------------------------


def test_page_builder_export_without_loss(tmp_path: Path) -> None:
    path = shared_path("corpus", "thecraft-demo-content.xml")
    code, stdout, stderr = run(str(path), "--out", str(tmp_path), "--unknown", "keep")
    assert (code, stderr) == (1, "")
    lines = stdout.splitlines()
    assert lines[:2] == [f"60 posts converted, 60 files written to {tmp_path}",
                         "left unconverted (no handler, tags kept): 40 names, 1586 shortcodes"]
    assert lines[2].split()[:2] == ["spacing", "393"]
    assert any(line.split()[:2] == ["vc_row", "120"] for line in lines)
    contents = {i.post_id: i.content for i in iter_items(path)}
    for name in files(tmp_path):
        fields, html = read_post(tmp_path / name)
        assert html == contents[fields["id"]]  # type: ignore[index]


def test_theme_unit_test_data(tmp_path: Path) -> None:
    path = shared_path("corpus", "wp-theme-unit-test-data.xml")
    code, stdout, _ = run(str(path), "--out", str(tmp_path))
    assert code == 1
    assert stdout.startswith(f"79 posts converted, 79 files written to {tmp_path}\n"
                             "left unconverted (no handler, tags kept): 6 names, 6 shortcodes\n")
    assert "  simple  " in stdout
    html = read_post(tmp_path / "1031-post-format-gallery-tiled.html")[1]
    assert 'class="gallery-item"' in html and "[gallery" not in html
    html = read_post(tmp_path / "1163-post-format-image-caption.html")[1]
    assert "<figcaption" in html


def test_export_with_leading_garbage(tmp_path: Path) -> None:
    path = shared_path("corpus", "wp2md-export.xml")
    code, stdout, stderr = run(str(path), "--out", str(tmp_path))
    assert code == 1
    assert stderr.startswith(f"{path}:1:1: SC501 [warning] the export starts with 571 bytes")
    assert stdout.startswith(f"7 posts converted, 7 files written to {tmp_path}\n"
                             "left unconverted (no handler, tags kept): 1 name, 1 shortcode\n"
                             "  quote  1  posts ")
