"""``shortcodes.convert``: converting export items, the report, and the file writers."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs
import pytest
import yaml  # type: ignore[import-untyped]
from markupsafe import Markup

from shortcodes import UnknownShortcodeError, WxrError, _convert_output
from shortcodes.convert import (
    ConversionReport,
    ConvertedPost,
    HtmlWriter,
    JsonlWriter,
    convert_items,
    front_matter,
    post_filename,
    post_metadata,
    yaml_scalar,
)
from shortcodes.inventory import inventory
from shortcodes.presets import builtin
from shortcodes.registry import HandlerRegistry
from shortcodes.render import RenderOptions
from shortcodes.wxr import Attachment, Item, Term, iter_items, read_attachments
from tests.conftest import shared_path
from tests.unit.test_wxr import export, item


def _boom(node: object, context: object) -> object:
    raise RuntimeError("broken")


REGISTRY = (HandlerRegistry()
            .with_handler("b", lambda node, context: Markup("<b>{}</b>").format(
                context.render_children()), encloses=True)
            .with_handler("boom", _boom))


def post(post_id: int, content: str = "", **fields: object) -> Item:
    return Item(post_id=post_id, post_type=str(fields.pop("post_type", "post")),
                content=content, **fields)  # type: ignore[arg-type]


def convert(*items: Item, registry: HandlerRegistry = REGISTRY,
            **options: Any) -> list[ConvertedPost]:
    return list(convert_items(items, registry=registry, **options))


# -- convert_items -------------------------------------------------------------------------


def test_content_and_excerpt_are_rendered() -> None:
    converted, = convert(post(1, "[b]hi[/b] [x]", excerpt="[b]short[/b]"))
    assert converted.html == "<b>hi</b> [x]"
    assert converted.content.unconverted == ("x",)
    assert converted.excerpt is not None
    assert converted.excerpt.html == "<b>short</b>"
    assert [field for field, _ in converted.texts()] == ["content", "excerpt"]
    assert converted.data is None
    assert [d.code for d in converted.diagnostics] == ["SC401"]


def test_an_empty_excerpt_is_not_converted() -> None:
    converted, = convert(post(1, "text"))
    assert converted.excerpt is None
    assert [field for field, _ in converted.texts()] == ["content"]


def test_only_posts_and_pages_by_default() -> None:
    items = [post(1, post_type="post"), post(2, post_type="page"),
             post(3, post_type="attachment"), post(4, post_type="nav_menu_item")]
    assert [p.item.post_id for p in convert(*items)] == [1, 2]
    assert [p.item.post_id for p in convert(*items, post_types=None)] == [1, 2, 3, 4]
    assert [p.item.post_id for p in convert(*items, post_types={"attachment"})] == [3]


def test_statuses_select() -> None:
    items = [post(1, status="publish"), post(2, status="draft"), post(3, status="trash")]
    assert [p.item.post_id for p in convert(*items)] == [1, 2, 3]
    assert [p.item.post_id for p in convert(*items, statuses=("publish", "draft"))] == [1, 2]


@pytest.mark.parametrize("option", ["post_types", "statuses"])
def test_a_single_string_is_refused(option: str) -> None:
    with pytest.raises(TypeError, match=f"{option} must be a collection"):
        convert(post(1), **{option: "post"})  # type: ignore[arg-type]


def test_data_runs_on_request() -> None:
    converted, = convert(post(1, "a [b]c[/b]", excerpt="[x]"), runs=True)
    assert converted.data is not None
    assert [run["type"] for run in converted.data] == ["text", "shortcode"]  # type: ignore[index]
    assert converted.excerpt is not None and converted.excerpt.data is not None
    assert converted.excerpt.unconverted == ("x",)


def test_handler_failures_keep_the_source() -> None:
    converted, = convert(post(1, "a [boom x=1] [boom]"))
    assert converted.html == "a [boom x=1] [boom]"
    assert converted.content.failed == ("boom", "boom")
    assert converted.content.unconverted == ()


def test_unknown_error_names_the_post() -> None:
    items = iter([post(1, "[b]fine[/b]"), post(2, "[nope]", link="https://e.com/2")])
    posts = convert_items(items, registry=REGISTRY, options=RenderOptions(unknown="error"))
    assert next(posts).html == "<b>fine</b>"
    with pytest.raises(UnknownShortcodeError,
                       match=r"post 2 \(https://e.com/2\): no handler .*`nope`"):
        next(posts)


def test_unknown_strip_still_reports() -> None:
    converted, = convert(post(1, "[x]a[/x]"), options=RenderOptions(unknown="strip"))
    assert (converted.html, converted.content.unconverted) == ("a", ("x",))


def test_meta_is_counted_but_not_converted() -> None:
    converted, = convert(post(1, "[b]x[/b]", meta=(
        ("_builder", "[vc_row][vc_column]x[/vc_column][/vc_row]"), ("_edit_lock", "1:2"))))
    assert converted.in_meta == ("vc_row", "vc_column")
    assert converted.html == "<b>x</b>"


def test_media_and_post_id_reach_the_handlers() -> None:
    media = {7: Attachment(id=7, url="https://e.com/a.jpg", title="A", caption="Cap")}
    converted, = convert(post(42, '[gallery ids="7"]'), registry=builtin(), media=media)
    assert 'class="gallery galleryid-42' in converted.html
    assert 'src="https://e.com/a.jpg"' in converted.html
    assert converted.diagnostics == ()
    without, = convert(post(42, '[gallery ids="7"]'), registry=builtin())
    assert [d.code for d in without.diagnostics] == ["SC406"]


def test_extra_data_is_passed_on() -> None:
    seen: list[object] = []

    def spy(node: object, context: object) -> str:
        seen.append(dict(context.data))  # type: ignore[attr-defined]
        return ""

    registry = HandlerRegistry().with_handler("spy", spy)
    convert(post(5, "[spy]"), registry=registry, data={"timezone": "UTC"})
    assert seen == [{"timezone": "UTC", "post_id": 5}]


def test_items_are_read_lazily_until_the_damage() -> None:
    def damaged() -> Iterator[Item]:
        yield post(1, "[b]a[/b]")
        raise WxrError("x.xml:9:1: the export ends early (truncated?)")

    posts = convert_items(damaged(), registry=REGISTRY)
    assert next(posts).html == "<b>a</b>"
    with pytest.raises(WxrError):
        next(posts)


# -- the report ----------------------------------------------------------------------------


def test_report_tallies_names_by_count_then_name() -> None:
    report = ConversionReport()
    for converted in convert(post(1, "[x][y][x] [boom]"), post(2, "[y][z]", excerpt="[x]"),
                             post(3, "[b]clean[/b]", meta=(("k", "[m]"),))):
        report.add(converted)
    assert report.posts == 3
    assert [(t.name, t.count, t.posts) for t in report.unconverted] == [
        ("x", 3, (1, 2)), ("y", 2, (1, 2)), ("z", 1, (2,))]
    assert [(t.name, t.count, t.posts) for t in report.failed] == [("boom", 1, (1,))]
    assert [(t.name, t.count, t.posts) for t in report.in_meta] == [("m", 1, (3,))]
    assert [(d.post_id, d.field, d.diagnostic.code) for d in report.diagnostics] == [
        (1, "content", "SC402")]
    assert not report.clean
    document = report.to_json()
    assert json.loads(json.dumps(document)) == document
    assert document["unconverted"][0] == {"name": "x", "count": 3, "posts": [1, 2]}  # type: ignore[index]


def test_report_is_clean_when_everything_converted() -> None:
    report = ConversionReport()
    for converted in convert(post(1, "[b]a[/b]", meta=(("k", "[m]"),))):
        report.add(converted)
    # Meta is never converted: listed, but not a finding.
    assert report.clean
    assert report.to_json()["unconverted"] == []


# -- the corpus ----------------------------------------------------------------------------


def _convert_export(name: str, **options: Any) -> tuple[list[ConvertedPost], ConversionReport]:
    path = shared_path("corpus", name)
    report = ConversionReport()
    posts = list(convert_items(iter_items(path), registry=builtin(),
                               media=read_attachments(path), **options))
    for converted in posts:
        report.add(converted)
    return posts, report


def test_page_builder_export_converts_without_loss() -> None:
    posts, report = _convert_export("thecraft-demo-content.xml",
                                    options=RenderOptions(unknown="keep"))
    assert len(posts) == 60
    for converted in posts:  # no built-in handler applies: every byte is kept
        assert converted.html == converted.item.content
        assert converted.excerpt is None or converted.excerpt.html == converted.item.excerpt
    path = shared_path("corpus", "thecraft-demo-content.xml")
    counted = inventory(attrs.evolve(i, meta=()) for i in iter_items(path)
                        if i.post_type in ("post", "page"))
    assert {(t.name, t.count, len(t.posts)) for t in report.unconverted} == {
        (e.name, e.count, e.posts) for e in counted}
    names = [t.name for t in report.unconverted]
    assert {"vc_row", "vc_column", "vc_column_inner", "vc_row_inner"} <= set(names)
    assert sum(t.count for t in report.unconverted) == 1586
    assert (report.failed, report.diagnostics, report.in_meta) == ((), (), ())


def test_theme_unit_test_data_renders_captions_and_galleries() -> None:
    posts, report = _convert_export("wp-theme-unit-test-data.xml")
    assert len(posts) == 79
    by_id = {p.item.post_id: p for p in posts}
    caption = by_id[1163].html
    assert "<figure" in caption and "<figcaption" in caption and "[caption" not in caption
    gallery = by_id[1031].html  # [gallery ids="…"]: resolved through the attachments
    assert 'class="gallery galleryid-1031' in gallery
    assert gallery.count('class="gallery-item"') >= 5
    assert "https://wpthemetestdata.files.wordpress.com/2008/06/100_5540.jpg" in gallery
    # Block-editor JSON in comments reads as shortcodes; "[simple boat]" is prose.
    assert [(t.name, t.count, t.posts) for t in report.unconverted] == [
        ('"#8c00b7","#fcff41"', 1, (21,)),
        ('"1687","1691","768","611","617","616"', 1, (1752,)),
        ('"611","757","755","762","763","761","754","760","617","759","827","1045","771",'
         '"807","758","764","765","770","1687","1691"', 1, (1752,)),
        ('"757","755","760","754","764","758","762","827","759","761","611","767","769","768"',
         1, (1752,)),
        ('"769","768","767","770","807","766"', 1, (1730,)),
        ("simple", 1, (358,))]
    assert [(t.name, t.count) for t in report.in_meta] == [("0", 2)]
    assert report.failed == ()
    # A [gallery] without ids shows the post's attached images (post 555's ten
    # galleries); the one diagnostic left is attachment 763, missing from the export.
    assert [(d.post_id, d.diagnostic.code) for d in report.diagnostics] == [(1031, "SC406")]
    post_555 = next(p for p in posts if p.item.post_id == 555)
    assert post_555.html.count('class="gallery-item"') == 10 * 23


def test_export_with_leading_garbage_converts() -> None:
    posts, report = _convert_export("wp2md-export.xml")
    assert len(posts) == 7
    assert all("[caption" not in p.html for p in posts)
    assert [(t.name, t.count) for t in report.unconverted] == [("quote", 1)]


# -- file names and front matter -----------------------------------------------------------


@pytest.mark.parametrize(("slug", "expected"), [
    ("hello-world", "12-hello-world.html"),
    ("../../etc/passwd", "12-etc-passwd.html"),
    ("/etc/passwd", "12-etc-passwd.html"),
    ("..", "12.html"),
    ("", "12.html"),
    ("a\\b:c*d?e", "12-a-b-c-d-e.html"),
    ("%2e%2e%2f%2e%2e%2fx", "12-x.html"),
    ("%d8%b3%d8%b1%d8%aa-2020", "12-سرت-2020.html"),
    ("snake_case", "12-snake_case.html"),
    ("nul\x00byte", "12-nul-byte.html"),
    ("cafe\u0301", "12-café.html"),
    ("%zz-bad-escape", "12-zz-bad-escape.html"),
])
def test_post_filename_is_safe(slug: str, expected: str) -> None:
    name = post_filename(post(12, slug=slug))
    assert name == expected
    assert "/" not in name and "\\" not in name and ".." not in name
    assert not os.path.isabs(name)


def test_long_slugs_are_cut_on_a_character() -> None:
    name = post_filename(post(3, slug="%d8%b3" * 200))
    assert len(name.encode("utf-8")) <= 120 + len("3-.html")
    assert name == "3-" + "س" * 60 + ".html"


def read_front_matter(text: str) -> tuple[dict[str, object], str]:
    """A strict reader: ``---``, ``key: <JSON value>`` lines, ``---``, then the body."""
    lines = text.split("\n")
    assert lines[0] == "---"
    fields: dict[str, object] = {}
    for number, line in enumerate(lines[1:], 1):
        if line == "---":
            return fields, "\n".join(lines[number + 1 :])
        key, separator, value = line.partition(": ")
        assert separator and key.isidentifier() and key not in fields
        fields[key] = json.loads(value)
    raise AssertionError("no closing ---")


TRICKY = 'quote " backslash \\ tab\t nl\n cr\r nel\x85 ls\u2028 del\x7f bom\ufeff : # - [x] {y}'


def test_front_matter_reads_back() -> None:
    item = Item(post_id=5, post_type="post", status="publish", title=TRICKY, slug="s",
                post_date="2020-03-01 10:20:30", author="ad'min", link="https://e.com/?p=5",
                terms=(Term("category", "news", "News & \"Views\""),
                       Term("post_tag", "t", "سرت"), Term("post_format", "f", "Aside")),
                content="[b]x[/b]", excerpt="[b]ex[/b]")
    converted, = convert(item)
    text = front_matter(converted) + converted.html
    fields, body = read_front_matter(text)
    assert body == "<b>x</b>"
    assert fields == {**post_metadata(item), "excerpt": "<b>ex</b>"}
    assert fields["title"] == TRICKY
    assert fields["date"] == "2020-03-01T10:20:30"
    assert fields["categories"] == ['News & "Views"'] and fields["tags"] == ["سرت"]
    assert list(fields) == ["id", "title", "slug", "type", "status", "date", "author", "link",
                            "categories", "tags", "excerpt"]
    text = front_matter(converted)
    assert text.count("\n") == len(fields) + 2  # one line per field
    for character in "\x85\u2028\x7f\ufeff\t\r":  # never raw in the YAML
        assert character not in text


def test_front_matter_is_yaml() -> None:
    item = Item(post_id=5, post_type="post", title=TRICKY, slug="s", terms=(
        Term("post_tag", "t", "yes"), Term("post_tag", "n", "null")))
    converted, = convert(item)
    loaded = yaml.safe_load(front_matter(converted).split("---\n")[1])
    assert loaded == {**post_metadata(item), "date": None}
    assert loaded["tags"] == ["yes", "null"]  # quoted: strings, not booleans or nulls


def test_yaml_scalar() -> None:
    assert yaml_scalar(None) == "null"
    assert yaml_scalar(12) == "12"
    assert yaml_scalar(True) == "true"
    assert yaml_scalar(["a", ("b", 1)]) == '["a", ["b", 1]]'
    assert yaml_scalar("\x00\u2029") == '"\\u0000\\u2029"'
    assert json.loads(yaml_scalar("\ud800")) == "\ud800"
    with pytest.raises(TypeError):
        yaml_scalar(1.5)


def test_a_draft_without_a_date() -> None:
    assert post_metadata(post(1, post_date="0000-00-00 00:00:00"))["date"] is None


# -- writers -------------------------------------------------------------------------------


def _files(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def test_html_writer_creates_the_directory_and_replaces_files(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    first, second = convert(post(1, "[b]one[/b]", slug="one"), post(2, "two", slug="../two"))
    with HtmlWriter(out) as writer:
        writer.write(first)
        writer.write(second)
        writer.commit()
    assert _files(out) == ["1-one.html", "2-two.html"]
    assert writer.written == (out / "1-one.html", out / "2-two.html")
    assert (out / "1-one.html").read_text(encoding="utf-8").endswith("---\n<b>one</b>")
    changed, = convert(post(1, "new", slug="one"))
    with HtmlWriter(out) as writer:
        writer.write(changed)
    assert read_front_matter((out / "1-one.html").read_text(encoding="utf-8"))[1] == "new"


def test_line_endings_are_kept(tmp_path: Path) -> None:
    converted, = convert(post(1, "a\r\nb\rc\n"))
    with HtmlWriter(tmp_path) as writer:
        writer.write(converted)
    assert (tmp_path / "1.html").read_bytes().endswith(b"---\na\r\nb\rc\n")


def test_jsonl_writer_commits_as_a_whole(tmp_path: Path) -> None:
    posts = convert(post(1, "[b]a[/b]\u2028", excerpt="[x]", slug="a"), post(2, "b"), runs=True)
    with JsonlWriter(tmp_path) as writer:
        for converted in posts:
            writer.write(converted)
        assert _files(tmp_path)[0].startswith(".posts.jsonl.")  # not there yet
        writer.commit()
    assert _files(tmp_path) == ["posts.jsonl"]
    assert writer.count == 2
    lines = (tmp_path / "posts.jsonl").read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 3
    first = json.loads(lines[0])
    assert first["html"] == "<b>a</b>\u2028" and "\u2028" not in lines[0]
    assert first["excerpt"] == "[x]"
    assert first["excerpt_data"][0]["name"] == "x"
    assert [run["type"] for run in first["data"]] == ["shortcode", "text"]
    assert {key: first[key] for key in post_metadata(posts[0].item)} == post_metadata(
        posts[0].item)


def test_jsonl_writer_without_commit_leaves_nothing(tmp_path: Path) -> None:
    with JsonlWriter(tmp_path) as writer:
        writer.write(convert(post(1, "a"))[0])
    assert _files(tmp_path) == []
    assert writer.written == ()


class _Interrupting:
    """A file handle that writes a little, then is interrupted (Ctrl-C)."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle

    def write(self, text: str) -> int:
        self.handle.write(text[:10])
        raise KeyboardInterrupt

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> _Interrupting:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.handle.close()


def test_interrupted_write_leaves_no_temporary_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = convert(post(1, "x" * 100_000), post(2, "y"))
    with HtmlWriter(tmp_path) as writer:
        writer.write(first)
    real = _convert_output._temporary

    def temporary(path: Path) -> tuple[Path, _Interrupting]:
        temp, handle = real(path)
        return temp, _Interrupting(handle)

    monkeypatch.setattr(_convert_output, "_temporary", temporary)
    with pytest.raises(KeyboardInterrupt), HtmlWriter(tmp_path) as writer:
        writer.write(second)
    assert _files(tmp_path) == ["1.html"]
    assert read_front_matter((tmp_path / "1.html").read_text(encoding="utf-8"))[1] == (
        "x" * 100_000)


def test_interrupted_rename_leaves_no_temporary_file(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    with JsonlWriter(tmp_path) as writer:
        writer.write(convert(post(1, "a"))[0])
        monkeypatch.setattr(os, "replace", interrupted)
        with pytest.raises(KeyboardInterrupt):
            writer.commit()
    monkeypatch.undo()
    assert _files(tmp_path) == []


def test_export_round_trip_through_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text(export(item(1, "[b]a[/b] [gallery]", title="One"),
                           item(2, "", post_type="attachment")), encoding="utf-8")
    posts = list(convert_items(iter_items(path), registry=REGISTRY))
    assert [(p.item.title, p.html) for p in posts] == [("One", "<b>a</b> [gallery]")]
