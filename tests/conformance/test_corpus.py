"""Every file of ``../shared/corpus/`` parses without an exception and round-trips."""

from __future__ import annotations

import re

import pytest

from shortcodes import parse
from tests.conftest import SHARED, shared_path

CORPUS_FILES = sorted(p.name for p in (SHARED / "corpus").glob("*")
                      if p.is_file() and p.name != "SOURCES.md") or ["(absent)"]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_file_round_trips(name: str) -> None:
    text = shared_path("corpus", name).read_bytes().decode("utf-8", errors="surrogateescape")
    document = parse(text)
    assert document.to_source() == text
    # Reading every attribute and diagnostic never raises either.
    for shortcode in document.shortcodes():
        dict(shortcode.attrs)
        shortcode.attributes
    assert all(d.span.end.offset <= len(text) for d in document.diagnostics)
    # The tree itself (not the cached input) prints the text back.
    assert "".join(node.to_source() for node in document.children) == text


def _post_bodies(text: str) -> list[str]:
    # A plain extraction of post bodies; WXR reading proper belongs to `shortcodes.wxr`.
    return re.findall(r"<content:encoded><!\[CDATA\[(.*?)\]\]></content:encoded>", text, re.S)


def test_corpus_counts_match_the_sources_notes() -> None:
    text = shared_path("corpus", "wp-theme-unit-test-data.xml").read_text(encoding="utf-8")
    names = [sc.name for body in _post_bodies(text) for sc in parse(body).shortcodes()]
    assert names.count("caption") == 12
    assert names.count("gallery") == 12
    assert names.count("audio") == 1


def test_leaked_cvct_page() -> None:
    text = shared_path("corpus", "leaked-cvct-overdrive.txt").read_text(encoding="utf-8")
    first, second, maps = parse(text).shortcodes()
    assert dict(first.attrs) == dict(second.attrs) | {
        "country-code": "AU", "title": "Australia Stats"}
    assert second.attrs["style"] == "style-1"
    assert second.attrs["font-color"] == "#000"
    assert dict(maps.attrs) == {"title": "Global stats", "show-list": "no",
                                "layout": "style-2"}
    assert [d.code for d in parse(text).diagnostics if d.code == "SC303"] == ["SC303"]
