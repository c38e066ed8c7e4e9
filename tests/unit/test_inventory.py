"""``shortcodes.inventory``: shortcodes of an export counted by name."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from shortcodes.inventory import (
    CSV_HEADER,
    Inventory,
    InventoryBuilder,
    InventoryEntry,
    inventory,
)
from shortcodes.wxr import Item, iter_items
from tests.conftest import shared_path

# (name, count, posts, in_meta) of the most used shortcodes, checked by hand against
# the file and against `_regex_counts` below.
CORPUS = {
    "pelican-wordpressexport.xml": (20, 3, 5, [("caption", 3, 1, 0)]),
    "political-demo-content.xml": (248, 23, 196, [
        ("_site_title", 36, 3, 18), ("contact-form-7", 20, 10, 10),
        ("your-email", 18, 3, 9), ("your-subject", 18, 3, 9)]),
    "thecraft-demo-content.xml": (278, 51, 2016, [
        ("spacing", 465, 56, 0), ("vc_column_inner", 175, 45, 0), ("vc_column", 152, 56, 0),
        ("advlist", 142, 15, 0), ("vc_row", 136, 56, 0), ("iconbox", 114, 15, 0)]),
    "wp-64-block-test-data.xml": (72, 4, 4, [("audio", 1, 1, 0), ("gallery", 1, 1, 0)]),
    "wp-theme-unit-test-data.xml": (186, 10, 33, [
        ("caption", 12, 4, 0), ("gallery", 12, 3, 0), ("audio", 1, 1, 0),
        ("simple", 1, 1, 0)]),
    "wp2md-export.xml": (7, 2, 28, [("caption", 27, 2, 0), ("quote", 1, 1, 0)]),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_counts(name: str) -> None:
    items, names, total, expected = CORPUS[name]
    result = inventory(iter_items(shared_path("corpus", name)))
    assert (result.items, len(result), sum(e.count for e in result)) == (items, names, total)
    for entry_name, count, posts, in_meta in expected:
        entry = result.get(entry_name)
        assert entry is not None
        assert (entry.count, entry.posts, entry.in_meta) == (count, posts, in_meta)
    assert sum(e.texturized for e in result) == 0  # no export has curled tags
    counts = [(-e.count, e.name) for e in result]
    assert counts == sorted(counts)


_NAME = re.compile(r"(?<!\[)\[([A-Za-z_][\w-]*)(?=[\s\]/])")


def _regex_counts(path: Path) -> tuple[Counter[str], Counter[str]]:
    """Count ``[name`` in content, excerpts and meta values, read with ElementTree."""
    data = path.read_bytes()
    root = ET.fromstring(data[data.index(b"<?xml"):])  # trusted test data
    everywhere: Counter[str] = Counter()
    in_meta: Counter[str] = Counter()
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("encoded", "meta_value") and element.text:
            names = _NAME.findall(element.text)
            everywhere.update(names)
            if tag == "meta_value":
                in_meta.update(names)
    return everywhere, in_meta


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_counts_agree_with_an_independent_count(name: str) -> None:
    path = shared_path("corpus", name)
    everywhere, in_meta = _regex_counts(path)
    result = inventory(iter_items(path))
    plain = [e for e in result if re.fullmatch(r"[A-Za-z_][\w-]*", e.name)]
    assert plain
    for entry in plain:
        assert (entry.count, entry.in_meta) == (everywhere[entry.name], in_meta[entry.name])


def test_theme_unit_test_data_attributes() -> None:
    result = inventory(iter_items(shared_path("corpus", "wp-theme-unit-test-data.xml")))
    gallery = result.get("gallery")
    assert gallery is not None
    assert gallery.attributes == (("columns", 11), ("ids", 2), ("orderby", 1), ("type", 1))
    caption = result.get("caption")
    assert caption is not None
    assert caption.attributes == (("align", 12), ("id", 12), ("width", 12), ("caption", 1))
    audio = result.get("audio")
    assert audio is not None
    assert audio.attributes == (("(positional)", 1),)
    assert audio.examples == (
        "https://wpthemetestdata.wordpress.com/2010/07/02/post-format-audio/",)


def test_texturized_tags_are_counted() -> None:
    post = Item(post_id=1, content=(
        '[card region="EG"] [card region=”EG”] [card region=&#8221;EG&#8221;] '
        "[card region=’EG’] [card region=EG] [card x=“a”/] [card it’s]"))
    (entry,) = inventory([post])
    assert (entry.count, entry.texturized) == (7, 5)


def test_attributes_positional_values_and_names() -> None:
    post = Item(post_id=1, content=(
        '[a x=1 Y=2 x=3] [a "pos" z] [a] [a 0="dropped"] [b/] [[a escaped=1]]'))
    result = inventory([post])
    entry = result.get("a")
    assert entry is not None
    assert entry.count == 4  # the escaped tag is not a shortcode
    assert entry.attributes == (("(positional)", 1), ("x", 1), ("y", 1))


def test_content_excerpt_and_meta_are_counted() -> None:
    items = [
        Item(post_id=1, link="https://example.com/one", content="[a][b]",
             excerpt="[a]", meta=(("_builder", "[a x=1]"), ("_php", 'a:1:{i:0;s:1:"x";}'))),
        Item(post_id=2, meta=(("_builder", "[a]"),)),
        Item(post_id=3, content="no shortcodes"),
        Item(post_id=4, content="[a]"),
        Item(post_id=5, content="[a]"),
    ]
    result = inventory(items, handled={"b"})
    assert result.items == 5
    assert [e.to_json() for e in result] == [
        {"name": "a", "count": 6, "posts": 4, "in_meta": 2, "texturized": 0,
         "handled": False, "attributes": {"x": 1},
         "examples": ["https://example.com/one", "post-2", "post-4"]},
        {"name": "b", "count": 1, "posts": 1, "in_meta": 0, "texturized": 0,
         "handled": True, "attributes": {}, "examples": ["https://example.com/one"]},
    ]
    assert result.to_json() == [e.to_json() for e in result.entries]


def test_csv_rows() -> None:
    post = Item(post_id=3, content='[b][a y=1 x=2 "p"][a x=1]')
    rows = list(inventory([post], handled=["a"]).csv_rows())
    assert rows == [
        CSV_HEADER,
        ("a", "2", "1", "0", "0", "yes", "x=2;(positional)=1;y=1", "post-3"),
        ("b", "1", "1", "0", "0", "no", "", "post-3"),
    ]


def test_builder_gives_the_inventory_so_far() -> None:
    builder = InventoryBuilder()
    assert builder.build() == Inventory((), 0)
    builder.add(Item(post_id=1, content="[a]"))
    first = builder.build()
    builder.add(Item(post_id=2, content="[a]"))
    assert [(e.name, e.count) for e in first] == [("a", 1)]
    assert [(e.name, e.count) for e in builder.build()] == [("a", 2)]
    assert len(builder.build()) == 1
    assert builder.build().get("missing") is None


def test_entries_sort_by_count_then_name() -> None:
    result = inventory([Item(post_id=1, content="[c][b][b][a][d][d]")])
    assert [e.name for e in result] == ["b", "d", "a", "c"]
    assert isinstance(result.entries[0], InventoryEntry)
