"""``shortcodes.wxr``: streaming items out of WordPress exports, safely.

`export` and `item` build small synthetic exports; the inventory and CLI tests
use them too.
"""

from __future__ import annotations

import ast
import io
import tracemalloc
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path

import pytest

import shortcodes
from shortcodes import WxrError, parse
from shortcodes.span import Position, Span
from shortcodes.wxr import (
    Attachment,
    Item,
    Term,
    WxrReader,
    iter_items,
    read_attachments,
)
from tests.conftest import shared_path

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/{version}/"
>
<channel>
\t<title>Test site</title>
\t<wp:wxr_version>{version}</wp:wxr_version>
"""
FOOTER = "</channel>\n</rss>\n"


def item(post_id: int, content: str = "", *, post_type: str = "post", title: str = "",
         link: str | None = None, excerpt: str = "",
         meta: Iterable[tuple[str, str]] = (), extra: str = "") -> str:
    """One ``<item>`` (10 lines plus 4 per meta pair, when the texts have no line break)."""
    link = f"https://example.com/?p={post_id}" if link is None else link
    postmeta = "".join(
        f"\t<wp:postmeta>\n\t\t<wp:meta_key><![CDATA[{key}]]></wp:meta_key>\n"
        f"\t\t<wp:meta_value><![CDATA[{value}]]></wp:meta_value>\n\t</wp:postmeta>\n"
        for key, value in meta)
    return (f"<item>\n\t<title>{title}</title>\n\t<link>{link}</link>\n"
            f"\t<dc:creator><![CDATA[admin]]></dc:creator>\n"
            f"\t<content:encoded><![CDATA[{content}]]></content:encoded>\n"
            f"\t<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>\n"
            f"\t<wp:post_id>{post_id}</wp:post_id>\n\t<wp:status>publish</wp:status>\n"
            f"\t<wp:post_type>{post_type}</wp:post_type>\n{extra}{postmeta}</item>\n")


def export(*items: str, version: str = "1.2") -> str:
    """A whole export (10 header lines) holding *items*."""
    return HEADER.format(version=version) + "".join(items) + FOOTER


def read(data: str | bytes, **options: int) -> tuple[list[Item], WxrReader]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    reader = WxrReader(io.BytesIO(raw), **options)
    return list(reader.items()), reader


def read_until_error(data: str | bytes) -> tuple[list[Item], WxrError]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    items: list[Item] = []
    with pytest.raises(WxrError) as caught:
        items.extend(WxrReader(io.BytesIO(raw)).items())
    return items, caught.value


# -- the corpus --------------------------------------------------------------------------

CORPUS_ITEMS = {
    "pelican-wordpressexport.xml": 20,
    "political-demo-content.xml": 248,
    "thecraft-demo-content.xml": 278,
    "wp-64-block-test-data.xml": 72,
    "wp-theme-unit-test-data.xml": 186,
    "wp2md-export.xml": 7,
}


@pytest.mark.parametrize(("name", "count"), sorted(CORPUS_ITEMS.items()))
def test_every_corpus_export_streams(name: str, count: int) -> None:
    path = shared_path("corpus", name)
    items = list(iter_items(path))
    assert len(items) == count
    assert all(isinstance(i.post_id, int) and i.post_type for i in items)
    # Every <item> of the file, as a plain text search counts them outside CDATA.
    assert len(items) == len({(i.post_id, i.line) for i in items})


def test_theme_unit_test_data_items() -> None:
    items = list(iter_items(shared_path("corpus", "wp-theme-unit-test-data.xml")))
    assert Counter(i.post_type for i in items) == {
        "post": 58, "page": 21, "attachment": 37, "nav_menu_item": 70}
    names = Counter(sc.name for i in items for sc in parse(i.content).shortcodes())
    assert names["caption"] == 12
    assert names["gallery"] == 12


def test_theme_unit_test_data_first_item_fields() -> None:
    path = shared_path("corpus", "wp-theme-unit-test-data.xml")
    first = next(iter_items(path))
    assert (first.post_id, first.title, first.post_type, first.status) == (
        163, "WP 6.1 Font size scale", "post", "publish")
    assert first.date == datetime(2023, 1, 16, 7, 8, 31)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[first.line - 1].strip() == "<item>"
    assert first.content_start is not None
    line, column = first.content_start
    assert lines[line - 1][column - 1 :].startswith(first.content.split("\n")[0])
    assert lines[line - 1][: column - 1].endswith("<content:encoded><![CDATA[")


def test_attachments_resolve_ids_to_urls() -> None:
    library = read_attachments(shared_path("corpus", "wp-theme-unit-test-data.xml"))
    assert isinstance(library, Mapping)
    assert len(library) == 37
    assert library[616] == Attachment(
        id=616, url="https://wpthemetestdata.files.wordpress.com/2008/06/"
                    "dsc20050727_091048_222.jpg",
        title="dsc20050727_091048_222", caption="", alt="dsc20050727_091048_222",
        parent_id=555)
    assert 1 not in library
    with pytest.raises(TypeError):
        library[1] = library[616]  # type: ignore[index]


def test_attachments_with_a_repeated_id_keep_the_last() -> None:
    library = read_attachments(shared_path("corpus", "pelican-wordpressexport.xml"))
    assert sorted(library) == [24, 25]
    assert library[25].url == "http://thisurlisinvalid.notarealdomain"


def test_meta_and_parent() -> None:
    items = {i.post_id: i for i in iter_items(shared_path("corpus",
                                                          "wp-theme-unit-test-data.xml"))}
    attachment = items[616]
    assert attachment.parent_id == 555
    assert attachment.meta == (("_wp_attachment_image_alt", "dsc20050727_091048_222"),
                               ("_attachment_original_parent_id", "555"))
    assert attachment.get_meta("_attachment_original_parent_id") == "555"
    assert attachment.get_meta("missing") is None


def test_page_builder_meta_is_kept() -> None:
    items = list(iter_items(shared_path("corpus", "political-demo-content.xml")))
    elementor = [value for i in items for key, value in i.meta if key == "_elementor_data"]
    assert any("[contact-form-7" in value for value in elementor)


# -- fields of a synthetic item ----------------------------------------------------------

FULL_ITEM = """<item>
\t<title>Caf\u00e9 &amp; more</title>
\t<link>https://example.com/cafe/</link>
\t<pubDate>Mon, 16 Jun 2008 13:20:37 +0000</pubDate>
\t<dc:creator><![CDATA[editor]]></dc:creator>
\t<content:encoded><![CDATA[Hello [gallery ids="5"]
world]]></content:encoded>
\t<excerpt:encoded><![CDATA[Short]]></excerpt:encoded>
\t<wp:post_id>12</wp:post_id>
\t<wp:post_date><![CDATA[2008-06-16 06:20:37]]></wp:post_date>
\t<wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>
\t<wp:post_name><![CDATA[cafe]]></wp:post_name>
\t<wp:status><![CDATA[draft]]></wp:status>
\t<wp:post_parent>3</wp:post_parent>
\t<wp:post_type><![CDATA[post]]></wp:post_type>
\t<category domain="category" nicename="news"><![CDATA[News]]></category>
\t<category domain="post_tag" nicename="wp"><![CDATA[WordPress]]></category>
\t<wp:postmeta>
\t\t<wp:meta_key><![CDATA[_layout]]></wp:meta_key>
\t\t<wp:meta_value><![CDATA[[row][/row]]]></wp:meta_value>
\t</wp:postmeta>
\t<wp:comment>
\t\t<wp:comment_content><![CDATA[[not counted]]]></wp:comment_content>
\t\t<wp:commentmeta>
\t\t\t<wp:meta_key>akismet</wp:meta_key>
\t\t\t<wp:meta_value>x</wp:meta_value>
\t\t</wp:commentmeta>
\t</wp:comment>
</item>
"""


def test_every_field_of_an_item() -> None:
    (found,), _ = read(export(FULL_ITEM))
    assert found == Item(
        post_id=12, post_type="post", status="draft", title="Caf\u00e9 & more",
        link="https://example.com/cafe/", slug="cafe",
        pub_date="Mon, 16 Jun 2008 13:20:37 +0000", post_date="2008-06-16 06:20:37",
        post_date_gmt="0000-00-00 00:00:00", author="editor", parent_id=3,
        terms=(Term("category", "news", "News"), Term("post_tag", "wp", "WordPress")),
        content='Hello [gallery ids="5"]\nworld', excerpt="Short",
        meta=(("_layout", "[row][/row]"),), attachment_url=None, line=11,
        content_start=(16, 28))
    assert found.categories == (Term("category", "news", "News"),)
    assert found.tags == (Term("post_tag", "wp", "WordPress"),)
    assert found.date == datetime(2008, 6, 16, 6, 20, 37)
    assert found.date_gmt is None


def test_attachment_item() -> None:
    extra = ("\t<wp:attachment_url>https://example.com/a.jpg</wp:attachment_url>\n"
             "\t<wp:post_date_gmt>2020-01-02 03:04:05</wp:post_date_gmt>\n")
    source = export(item(9, post_type="attachment", title="A", excerpt="Cap", extra=extra,
                         meta=[("_wp_attachment_image_alt", "Alt")]))
    (found,), _ = read(source)
    assert found.attachment_url == "https://example.com/a.jpg"
    assert found.date_gmt == datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert Attachment.from_item(found) == Attachment(
        id=9, url="https://example.com/a.jpg", title="A", caption="Cap", alt="Alt")
    assert Attachment.from_item(Item(post_id=1, post_type="post")) is None


def test_empty_content_has_no_start() -> None:
    (found,), _ = read(export(item(1)))
    assert (found.content, found.content_start) == ("", None)


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_wxr_version_is_read(version: str) -> None:
    items, _ = read(export(item(1, "[a]"), item(2), version=version))
    assert [(i.post_id, i.content, i.excerpt) for i in items] == [(1, "[a]", ""), (2, "", "")]


def test_https_namespaces_are_read() -> None:
    source = export(item(1, "x", excerpt="y")).replace("http://wordpress.org", "https://"
                                                                              "wordpress.org")
    (found,), _ = read(source)
    assert (found.content, found.excerpt) == ("x", "y")


def test_chunk_boundaries_do_not_matter() -> None:
    source = export(item(1, "\u0645\u0635\u0631 [card region=\u201dEG\u201d]\n\U0001f600",
                         meta=[("k", "\u00e9")]), FULL_ITEM)
    whole, _ = read(source)
    assert read(source, chunk_size=1)[0] == whole
    assert read(source, chunk_size=7)[0] == whole


def test_items_reads_again_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text(export(item(1), item(2)), encoding="utf-8")
    reader = WxrReader(path)
    assert [i.post_id for i in reader.items()] == [1, 2]
    assert [i.post_id for i in reader.items()] == [1, 2]
    assert reader.path == str(path)


def test_a_path_a_string_and_a_file_object_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text(export(item(1, "[a]")), encoding="utf-8")
    by_path = list(iter_items(path))
    assert list(iter_items(str(path))) == by_path
    with path.open("rb") as handle:
        reader = WxrReader(handle)
        assert list(reader.items()) == by_path
        assert reader.path == str(path)
    assert WxrReader(io.BytesIO(b"")).path == "<stream>"


def test_a_text_file_object_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text(export(item(1)), encoding="utf-8")
    with path.open(encoding="utf-8") as handle, pytest.raises(TypeError, match="binary"):
        list(WxrReader(handle).items())  # type: ignore[arg-type]


def test_chunk_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="chunk_size"):
        WxrReader(io.BytesIO(b""), chunk_size=0)


def test_the_declared_encoding_is_honoured() -> None:
    source = export(item(1, "Caf\u00e9 [a x=\u00e9]")).replace('encoding="UTF-8"',
                                                              'encoding="ISO-8859-1"')
    (found,), _ = read(source.encode("latin-1"))
    assert found.content == "Caf\u00e9 [a x=\u00e9]"


def test_core_modules_do_not_import_wxr() -> None:
    package = Path(shortcodes.__file__).parent
    for module in ("span", "tokenizer", "nodes", "parser"):
        tree = ast.parse((package / f"{module}.py").read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom)}
        assert not {"shortcodes.wxr", "shortcodes.inventory"} & imported, module


def test_a_missing_file_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(iter_items(tmp_path / "missing.xml"))


# -- unsafe XML --------------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<item><title>&lol9;</title><wp:post_id>1</wp:post_id></item>
</channel></rss>
"""


def test_billion_laughs_is_refused_before_expanding(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(WxrError) as caught:
            list(iter_items(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(caught.value) == (
        f"{path}:3:15: unsafe XML refused: the export declares the entity `lol`; "
        "WordPress exports never do, and it is not expanded")
    assert peak < 1_000_000  # ten to the ninth "lol"s were never built


def test_external_entities_are_never_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    source = (f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
              '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
              "<title>&xxe;</title><wp:post_id>1</wp:post_id></item></channel></rss>")
    items, error = read_until_error(source)
    assert items == []
    assert "declares the entity `xxe`" in str(error)
    assert "TOP-SECRET" not in str(error)


def test_parameter_entities_are_refused() -> None:
    source = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY % p "x">]>\n'
              '<rss xmlns:wp="http://wordpress.org/export/1.2/"/>')
    _, error = read_until_error(source)
    assert "declares the entity `p`" in str(error)


def test_an_external_dtd_is_not_read(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY xxe "FROM-THE-DTD">', encoding="utf-8")
    source = (f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "{dtd.as_uri()}">\n'
              '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
              "<title>&xxe;</title><wp:post_id>1</wp:post_id></item></channel></rss>")
    items, error = read_until_error(source)
    assert items == []
    assert "uses the entity `xxe`, which is not defined here" in str(error)
    assert "FROM-THE-DTD" not in str(error)


def test_predefined_and_character_entities_are_fine() -> None:
    source = export(item(1, title="a &lt; b &#8220;c&#x201D; &amp;"))
    (found,), _ = read(source)
    assert found.title == "a < b \u201cc\u201d &"


# -- damaged and foreign files -----------------------------------------------------------

def test_truncated_export_yields_items_then_raises() -> None:
    source = export(item(1, "[a]"), item(2, "[b]"), item(3, "[c]"))
    cut = source.index("<wp:post_id>3") + 5
    items, error = read_until_error(source[:cut])
    assert [i.post_id for i in items] == [1, 2]
    # 10 header lines and two items of 10 lines; `<wp:p` is on the third item's 7th line.
    assert str(error) == "<stream>:37:2: the export ends early (truncated?): unclosed token"


def test_truncated_corpus_export_names_line_and_column(tmp_path: Path) -> None:
    data = shared_path("corpus", "wp-theme-unit-test-data.xml").read_bytes()
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: len(data) // 2])
    items: list[Item] = []
    with pytest.raises(WxrError, match=r"cut\.xml:\d+:\d+: the export ends early") as caught:
        items.extend(iter_items(path))
    assert 0 < len(items) < 186
    assert items == list(iter_items(shared_path("corpus",
                                                "wp-theme-unit-test-data.xml")))[: len(items)]
    line = int(str(caught.value).split(":")[1])
    assert line == data[: len(data) // 2].count(b"\n") + 1


def test_malformed_export_yields_items_before_the_damage() -> None:
    source = export(item(1), item(2)).replace("<wp:post_id>2</wp:post_id>",
                                              "<wp:post_id>2</wp:post>")
    items, error = read_until_error(source)
    assert [i.post_id for i in items] == [1]
    assert str(error) == "<stream>:27:17: not well-formed XML: mismatched tag"


@pytest.mark.parametrize(("source", "message"), [
    ('<?xml version="1.0"?>\n<html><body/></html>',
     "<stream>:2:1: not a WordPress export: the root element is `<html>`, not `<rss>`"),
    ('<rss version="2.0"><channel><item><title>x</title></item></channel></rss>',
     "<stream>:1:1: not a WordPress export: `<rss>` does not declare the WXR namespace "
     "(http://wordpress.org/export/1.x/)"),
    ('{"posts": []}', "<stream>:1:1: not well-formed XML: not well-formed (invalid token)"),
    ("", "<stream>:1:1: not a WordPress export: no XML element found: no element found"),
])
def test_files_that_are_not_exports(source: str, message: str) -> None:
    items, error = read_until_error(source)
    assert items == []
    assert str(error) == message


def test_a_post_id_that_is_not_a_number() -> None:
    source = export(item(1)).replace("<wp:post_id>1<", "<wp:post_id>one<")
    _, error = read_until_error(source)
    assert str(error) == ("<stream>:11:1: an item's `wp:post_id` or `wp:post_parent` "
                          "is not a number")


# -- leading garbage ---------------------------------------------------------------------

def test_wp2md_export_skips_php_warnings() -> None:
    path = shared_path("corpus", "wp2md-export.xml")
    reader = WxrReader(path)
    items = list(reader.items())
    assert len(items) == 7
    (warning,) = reader.diagnostics
    assert warning.code == "SC501"
    assert warning.message == ("the export starts with 571 bytes before the XML declaration "
                               "`<?xml`; they were skipped")
    assert warning.span == Span(Position(0, 1, 1), Position(571, 7, 1))
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[items[0].line - 1].strip() == "<item>"  # lines count the skipped text
    assert items[0].content.startswith("Dolomity to góry")
    assert items[0].content_start == (64, 29)


def test_garbage_on_the_same_line_as_the_declaration() -> None:
    source = "Notice: \u00e9 x" + export(item(1, "[a]"))
    items, reader = read(source)
    assert [i.post_id for i in items] == [1]
    (warning,) = reader.diagnostics
    assert warning.message.startswith("the export starts with 12 bytes before")
    assert warning.span.end == Position(11, 1, 12)
    assert items[0].line == 11


def test_garbage_shifts_error_positions() -> None:
    source = "Warning: one\nWarning: two\n" + '<?xml version="1.0"?>\n<html/>'
    _, error = read_until_error(source)
    assert str(error) == ("<stream>:4:1: not a WordPress export: the root element is "
                          "`<html>`, not `<rss>`")


def test_a_byte_order_mark_is_not_garbage() -> None:
    items, reader = read(b"\xef\xbb\xbf" + export(item(1)).encode("utf-8"))
    assert [i.post_id for i in items] == [1]
    assert reader.diagnostics == ()


def test_an_xml_declaration_inside_content_is_not_the_start() -> None:
    source = export(item(1, '<?xml version="1.0"?>')).split("\n", 1)[1]
    items, reader = read(source)
    assert items[0].content == '<?xml version="1.0"?>'
    assert reader.diagnostics == ()


# -- memory ------------------------------------------------------------------------------

def _big_export(path: Path, items: int) -> int:
    """Write an export of *items* posts of about 2 KB each; return the largest content."""
    body = "[gallery ids=\"1,2,3\"] " + "Lorem ipsum dolor sit amet. " * 70
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER.format(version="1.2"))
        for post_id in range(1, items + 1):
            handle.write(item(post_id, body, meta=[("_builder", "[row][col][/col][/row]")]))
        handle.write(FOOTER)
    return len(body)


def _count(items: Iterator[Item]) -> int:
    return sum(1 for _ in items)


def test_memory_stays_flat_on_a_large_export(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    largest = _big_export(path, 8_500)
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    try:
        count = _count(iter_items(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 8_500
    assert peak < 5_000_000 + 4 * largest
