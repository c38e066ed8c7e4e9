"""``shortcodes lint`` on WordPress exports: item locations, positions, formats, errors.

One small synthetic export (`EXPORT`) gives exact snapshots of every format; the
real exports of ``../shared/corpus`` check the reader's warnings, the counts and
that every position mapped into the file points at the right text.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from shortcodes import CATALOGUE
from shortcodes.wxr import iter_items
from tests.cli.test_lint_cli import run, validate_json, validate_sarif
from tests.conftest import shared_path

# Post 12: two curled tags in its content, the first after an emoji on the content's
# first line (XML line 11, where the content starts at column 28), the second on its
# third line. Post 13: clean content, a stray closer in the excerpt, a curled tag in a
# meta value, and JSON meta (skipped). Post 14: content written with entity
# references, so its positions cannot be mapped into the file.
EXPORT = """\
<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
<item>
\t<title>Cards</title>
\t<link>https://example.com/cards/</link>
\t<content:encoded><![CDATA[😀 [c y=”2”]
مرحبا
Hi [a x=”1”] [b]
]]></content:encoded>
\t<wp:post_id>12</wp:post_id>
\t<wp:post_type>post</wp:post_type>
</item>
<item>
\t<title>Clean</title>
\t<link>https://example.com/clean/</link>
\t<content:encoded><![CDATA[[gallery ids="1"]]]></content:encoded>
\t<excerpt:encoded><![CDATA[See [/note]]]></excerpt:encoded>
\t<wp:post_id>13</wp:post_id>
\t<wp:post_type>page</wp:post_type>
\t<wp:postmeta>
\t\t<wp:meta_key><![CDATA[_wpb_shortcodes_custom_css]]></wp:meta_key>
\t\t<wp:meta_value><![CDATA[[vc_row css=”x”]]]></wp:meta_value>
\t</wp:postmeta>
\t<wp:postmeta>
\t\t<wp:meta_key><![CDATA[_elementor_data]]></wp:meta_key>
\t\t<wp:meta_value><![CDATA[[{"text":"[a x=\\"1\\"]"}]]]></wp:meta_value>
\t</wp:postmeta>
</item>
<item>
\t<title>Escaped</title>
\t<link>https://example.com/escaped/</link>
\t<content:encoded>&lt;b&gt;[a x=”1”]</content:encoded>
\t<wp:post_id>14</wp:post_id>
\t<wp:post_type>post</wp:post_type>
</item>
</channel>
</rss>
"""

SMART = "the value of `{}` is delimited by typographic quotes `”…”`"
STRAY = "`[/note]` has no opening `[note]`; it is kept as text"
STRAIGHT = 'use straight quotes: "…"'
REMOVE = "remove it, or add the opening tag"
META = "post-13/meta/_wpb_shortcodes_custom_css"

CONCISE = f"""\
export.xml#post-12:1:6: SC301 [warning] {SMART.format("y")}
export.xml#post-12:3:7: SC301 [warning] {SMART.format("x")}
export.xml#post-13/excerpt:1:5: SC202 [warning] {STRAY}
export.xml#{META}:1:9: SC301 [warning] {SMART.format("css")}
export.xml#post-14:1:7: SC301 [warning] {SMART.format("x")}
Found 5 problems (4 fixable with `shortcodes fix`).
"""

GITHUB = f"""\
::warning file=export.xml,line=11,col=33,endLine=11,endColumn=38,title=SC301 smart-quotes::\
post-12:1:6: {SMART.format("y")}%0Ahint: {STRAIGHT}
::warning file=export.xml,line=13,col=7,endLine=13,endColumn=12,title=SC301 smart-quotes::\
post-12:3:7: {SMART.format("x")}%0Ahint: {STRAIGHT}
::warning file=export.xml,line=18,title=SC202 stray-closing-tag::\
post-13/excerpt:1:5: {STRAY}%0Ahint: {REMOVE}
::warning file=export.xml,line=18,title=SC301 smart-quotes::\
{META}:1:9: {SMART.format("css")}%0Ahint: {STRAIGHT}
::warning file=export.xml,line=34,title=SC301 smart-quotes::\
post-14:1:7: {SMART.format("x")}%0Ahint: {STRAIGHT}
"""


def _item(post_id: int, field: str, *, key: str | None = None,
          export: tuple[tuple[int, int], tuple[int, int]] | None = None) -> dict[str, object]:
    post_type, line, slug = {12: ("post", 8, "cards"), 13: ("page", 18, "clean"),
                             14: ("post", 34, "escaped")}[post_id]
    start, end = (None, None) if export is None else (
        {"line": export[0][0], "column": export[0][1]},
        {"line": export[1][0], "column": export[1][1]})
    return {"id": post_id, "type": post_type, "field": field, "key": key,
            "link": f"https://example.com/{slug}/", "line": line,
            "export_start": start, "export_end": end}


def _finding(code: str, message: str, start: tuple[int, int, int], end: tuple[int, int, int],
             hint: str, item: dict[str, object]) -> dict[str, object]:
    keys = ("line", "column", "offset")
    return {"code": code, "name": CATALOGUE[code].name, "message": message,
            "severity": "warning", "fixable": CATALOGUE[code].fixable, "path": "export.xml",
            "start": dict(zip(keys, start, strict=True)),
            "end": dict(zip(keys, end, strict=True)), "hint": hint, "item": item}


JSON = [
    _finding("SC301", SMART.format("y"), (1, 6, 5), (1, 11, 10), STRAIGHT,
             _item(12, "content", export=((11, 33), (11, 38)))),
    _finding("SC301", SMART.format("x"), (3, 7, 24), (3, 12, 29), STRAIGHT,
             _item(12, "content", export=((13, 7), (13, 12)))),
    _finding("SC202", STRAY, (1, 5, 4), (1, 12, 11), REMOVE, _item(13, "excerpt")),
    _finding("SC301", SMART.format("css"), (1, 9, 8), (1, 16, 15), STRAIGHT,
             _item(13, "meta", key="_wpb_shortcodes_custom_css")),
    _finding("SC301", SMART.format("x"), (1, 7, 6), (1, 12, 11), STRAIGHT, _item(14, "content")),
]


@pytest.fixture
def export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``export.xml`` in an empty working directory without configuration."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".shortcodes.toml").write_text("", encoding="utf-8")
    path = tmp_path / "export.xml"
    path.write_bytes(EXPORT.encode("utf-8"))
    return path


# -- formats -----------------------------------------------------------------------------


@pytest.mark.usefixtures("export")
def test_concise_snapshot() -> None:
    assert run("lint", "export.xml") == (1, CONCISE, "")


@pytest.mark.usefixtures("export")
def test_full_shows_the_line_of_the_item_text() -> None:
    code, out, _ = run("lint", "export.xml", "--format", "full")
    assert code == 1
    assert f"""\
export.xml#post-12:3:7: SC301 [warning] {SMART.format("x")}
  |
3 | Hi [a x=”1”] [b]
  |       ^^^^^
  = hint: {STRAIGHT}
""" in out
    assert f"""\
export.xml#post-13/excerpt:1:5: SC202 [warning] {STRAY}
  |
1 | See [/note]
  |     ^^^^^^^
""" in out


@pytest.mark.usefixtures("export")
def test_json_snapshot_and_schema() -> None:
    code, out, err = run("lint", "export.xml", "--format", "json")
    assert (code, err) == (1, "")
    assert validate_json(out) == JSON


@pytest.mark.usefixtures("export")
def test_github_snapshot() -> None:
    assert run("lint", "export.xml", "--format", "github") == (1, GITHUB, "")


@pytest.mark.usefixtures("export")
def test_sarif_points_into_the_export() -> None:
    code, out, err = run("lint", "export.xml", "--format", "sarif")
    assert (code, err) == (1, "")
    results = validate_sarif(out)["runs"][0]["results"]
    assert {json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"])
            for r in results} == {'{"uri": "export.xml"}'}
    assert [(r["locations"][0]["logicalLocations"],
             r["locations"][0]["physicalLocation"]["region"]) for r in results] == [
        # The emoji before the tag counts twice in UTF-16: columns 34 and 39, not 33 and 38.
        ([{"fullyQualifiedName": "post-12", "kind": "element"}],
         {"startLine": 11, "startColumn": 34, "endLine": 11, "endColumn": 39}),
        ([{"fullyQualifiedName": "post-12", "kind": "element"}],
         {"startLine": 13, "startColumn": 7, "endLine": 13, "endColumn": 12}),
        ([{"fullyQualifiedName": "post-13/excerpt", "kind": "element"}], {"startLine": 18}),
        ([{"fullyQualifiedName": META, "kind": "element"}], {"startLine": 18}),
        ([{"fullyQualifiedName": "post-14", "kind": "element"}], {"startLine": 34}),
    ]
    assert results[2]["message"]["text"] == f"post-13/excerpt:1:5: {STRAY} (hint: {REMOVE})"


# -- positions in the file -----------------------------------------------------------------


def _mapped(out: str, lines: list[str]) -> list[tuple[str, str]]:
    """``(text under the mapped span in the file, text under the span in the item)``."""
    pairs = []
    items = {item.post_id: item for item in iter_items(Path("export.xml"))}
    for found in validate_json(out):
        where = found["item"]
        if where["export_start"] is None:
            continue
        start, end = where["export_start"], where["export_end"]
        assert start["line"] == end["line"]
        line = lines[start["line"] - 1]
        content = items[where["id"]].content
        pairs.append((line[start["column"] - 1 : end["column"] - 1],
                      content[found["start"]["offset"] : found["end"]["offset"]]))
    return pairs


def test_crlf_export_maps_to_the_same_places(export: Path) -> None:
    export.write_bytes(EXPORT.replace("\n", "\r\n").encode("utf-8"))
    assert run("lint", "export.xml", "--format", "github") == (1, GITHUB, "")
    pairs = _mapped(run("lint", "export.xml", "--format", "json")[1],
                    EXPORT.split("\n"))
    assert pairs == [("y=”2”", "y=”2”"), ("x=”1”", "x=”1”")]


#: The WPBakery layout shortcodes of the TheCraft demo, as ``--known`` options: every
#: other tag of the export is then reported by SC401.
_VC_NAMES = [arg for name in ("vc_row", "vc_column", "vc_row_inner", "vc_column_inner")
             for arg in ("--known", name)]


def test_thecraft_every_mapped_position_points_at_the_finding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = shared_path("corpus", "thecraft-demo-content.xml")
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".shortcodes.toml").write_text("", encoding="utf-8")
    (tmp_path / "export.xml").write_bytes(source.read_bytes())
    code, out, _ = run("lint", "export.xml", "--select", "SC401", *_VC_NAMES, "--format",
                       "json")
    assert code == 1
    found = validate_json(out)
    fields = Counter(f["item"]["field"] for f in found)
    assert fields == {"content": 1431, "meta": 59}
    assert Counter(f["message"].split("`")[1] for f in found).most_common(3) == [
        ("[spacing]", 465), ("[advlist]", 142), ("[iconbox]", 114)]
    pairs = _mapped(out, source.read_text(encoding="utf-8").split("\n"))
    assert len(pairs) == 1431  # every content finding maps into the file ...
    assert all(in_file == in_item for in_file, in_item in pairs)  # ... exactly


# -- which files are exports -----------------------------------------------------------------


@pytest.mark.usefixtures("export")
def test_directory_walk_reads_exports_and_other_xml_as_text(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "export.xml").rename(site / "export.xml")
    (site / "feed.xml").write_text('<?xml version="1.0"?>\n<rss>[/x]</rss>\n', encoding="utf-8")
    (site / "post.txt").write_text("[/y]", encoding="utf-8")
    code, out, _ = run("lint", "site")
    assert code == 1
    assert [line.split(": ", 1)[0] for line in out.splitlines()[:-1]] == [
        "site/export.xml#post-12:1:6", "site/export.xml#post-12:3:7",
        "site/export.xml#post-13/excerpt:1:5", f"site/export.xml#{META}:1:9",
        "site/export.xml#post-14:1:7", "site/feed.xml:2:6", "site/post.txt:1:1"]


@pytest.mark.usefixtures("export")
def test_no_wxr_reads_an_export_as_text() -> None:
    code, out, _ = run("lint", "export.xml", "--no-wxr", "--select", "SC301")
    assert code == 1
    assert out.splitlines()[:2] == [
        f"export.xml:11:33: SC301 [warning] {SMART.format('y')}",
        f"export.xml:13:7: SC301 [warning] {SMART.format('x')}"]


def test_standard_input_by_name_or_with_wxr() -> None:
    expected = CONCISE.replace("export.xml#", "-#")
    assert run("lint", "-", "--wxr", stdin=EXPORT.encode("utf-8")) == (1, expected, "")
    assert run("lint", "-", "--stdin-filename", "export.xml",
               stdin=EXPORT.encode("utf-8")) == (1, CONCISE, "")
    assert run("lint", "-", "--select", "SC301", stdin=EXPORT)[1].startswith("-:11:33: SC301")


def test_wxr_on_a_file_that_is_not_an_export(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("<notes>[/y]</notes>", encoding="utf-8")
    code, out, err = run("lint", "notes.txt", "--wxr")
    assert (code, out) == (2, "No problems found; 1 file could not be read.\n")
    assert err == ("shortcodes: notes.txt:1:1: not a WordPress export: the root element is "
                   "`<notes>`, not `<rss>`\n")


def test_per_path_ignores_match_the_export_path(export: Path) -> None:
    (export.parent / ".shortcodes.toml").write_text(
        '[per-path-ignores]\n"export.xml" = ["smart-quotes"]\n', encoding="utf-8")
    assert run("lint", "export.xml") == (
        1, f"export.xml#post-13/excerpt:1:5: SC202 [warning] {STRAY}\nFound 1 problem.\n", "")


# -- what the reader reports -------------------------------------------------------------------


def test_leading_garbage_is_sc501_at_the_start_of_the_export(export: Path) -> None:
    export.write_bytes(b"Warning: oops\n\n" + EXPORT.encode("utf-8"))
    code, out, err = run("lint", "export.xml", "--format", "github")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == (
        "::warning file=export.xml,line=1,col=1,endLine=3,endColumn=1,"
        "title=SC501 wxr-leading-garbage::the export starts with 15 bytes before the XML "
        "declaration `<?xml`; they were skipped%0Ahint: delete everything before `<?xml` "
        "(often PHP warnings printed into the file)")
    # Lines in the file count the junk's two lines; positions in the items do not change.
    assert lines[1:] == re.sub(r"(?<=[lL]ine=)\d+", lambda m: str(int(m[0]) + 2),
                               GITHUB).splitlines()
    assert lines[1].startswith("::warning file=export.xml,line=13,col=33,endLine=13,")
    assert run("lint", "export.xml", "--ignore", "SC501") == (1, CONCISE, "")
    code, out, _ = run("lint", "export.xml", "--format", "sarif")
    assert code == 1
    region = validate_sarif(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert region["region"] == {"startLine": 1, "startColumn": 1, "endLine": 3, "endColumn": 1}


def test_truncated_export_reports_the_items_read(export: Path) -> None:
    export.write_bytes(EXPORT[: EXPORT.index("\t<title>Escaped")].encode("utf-8"))
    code, out, err = run("lint", "export.xml")
    assert code == 2
    assert out == "".join(CONCISE.splitlines(keepends=True)[:4]) + (
        "Found 4 problems (3 fixable with `shortcodes fix`); 1 file could not be read.\n")
    assert err == ("shortcodes: export.xml:35:1: the export ends early (truncated?): "
                   "no element found\n")
    code, out, _ = run("lint", "export.xml", "--format", "sarif")
    invocation = validate_sarif(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == (
        "cannot read export.xml: 35:1: the export ends early (truncated?): no element found")


def test_unsafe_export_is_refused(export: Path) -> None:
    export.write_bytes(EXPORT.replace(
        '?>\n<rss', '?>\n<!DOCTYPE rss [<!ENTITY a "aaaa">]>\n<rss', 1).encode("utf-8"))
    code, out, err = run("lint", "export.xml", "--format", "json")
    assert (code, out) == (2, "[]\n")
    assert err.startswith("shortcodes: export.xml:2:")
    assert "unsafe XML refused: the export declares the entity `a`" in err


def _corpus(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = shared_path("corpus", name)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".shortcodes.toml").write_text("", encoding="utf-8")
    (tmp_path / name).write_bytes(source.read_bytes())


def test_wp2md_leading_garbage_and_captions(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _corpus("wp2md-export.xml", tmp_path, monkeypatch)
    assert run("lint", "wp2md-export.xml") == (1, (
        "wp2md-export.xml:1:1: SC501 [warning] the export starts with 571 bytes before the "
        "XML declaration `<?xml`; they were skipped\nFound 1 problem.\n"), "")
    code, out, _ = run("lint", "wp2md-export.xml", "--known", "quote", "--format", "json")
    assert code == 1
    found: list[dict[str, Any]] = validate_json(out)
    assert Counter((f["code"], "item" in f) for f in found) == {
        ("SC501", False): 1, ("SC401", True): 27}
    # The junk is 6 lines long: the first caption is on line 261 of the file.
    assert (found[1]["item"]["id"], found[1]["start"]["line"],
            found[1]["item"]["export_start"]) == (4631, 3, {"line": 261, "column": 1})
    lines = (tmp_path / "wp2md-export.xml").read_text(encoding="utf-8").split("\n")
    assert lines[260].startswith("[caption ")


def test_thecraft_is_clean_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _corpus("thecraft-demo-content.xml", tmp_path, monkeypatch)
    assert run("lint", "thecraft-demo-content.xml") == (0, "All clean.\n", "")
    code, out, _ = run("lint", "thecraft-demo-content.xml", "--select", "SC401",
                       *_VC_NAMES)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "thecraft-demo-content.xml#post-55:1:23: SC401 [warning] `[rev_slider_vc]` is not a "
        "known shortcode; WordPress prints it as text")
    assert lines[-1] == "Found 1490 problems."
    assert Counter(("#post-" in line, "/meta/" in line.split(":", 1)[0])
                   for line in lines[:-1]) == {(True, False): 1431, (True, True): 59}


# -- fix ---------------------------------------------------------------------------------------


REFUSED = ("shortcodes: cannot fix {}: it is a WordPress export (WXR), which `shortcodes fix` "
           "does not rewrite; `shortcodes lint` reports its problems item by item\n")


def test_fix_refuses_exports(export: Path) -> None:
    (export.parent / "post.txt").write_text("[a x=”1”]", encoding="utf-8")
    code, out, err = run("fix", "export.xml", "post.txt")
    assert code == 2
    assert err == REFUSED.format("export.xml")
    assert out == "Fixed post.txt\nFixed 1 file; 1 file could not be read or written.\n"
    assert export.read_bytes() == EXPORT.encode("utf-8")
    assert run("fix", "-", stdin=EXPORT.encode("utf-8")) == (2, "", REFUSED.format("-"))
