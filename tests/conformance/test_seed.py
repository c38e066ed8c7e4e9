"""The seed article: four smart-quoted `covid19-ultimate-card` tags in Arabic prose."""

from __future__ import annotations

from shortcodes import Shortcode, Text, fix_quotes, parse


def _cards(seed_text: str) -> list[Shortcode]:
    return list(parse(seed_text).shortcodes())


def test_exactly_four_cards_with_all_attributes(seed_text: str) -> None:
    cards = _cards(seed_text)
    assert [c.name for c in cards] == ["covid19-ultimate-card"] * 4
    assert [len(c.attrs) for c in cards] == [18, 18, 18, 17]
    assert all(c.positional == () for c in cards)
    assert all(c.content is None and not c.enclosing for c in cards)
    assert sum(len(c.attrs) for c in cards) == 71


def test_first_card_values(seed_text: str) -> None:
    first = _cards(seed_text)[0]
    assert first.attrs["region"] == "EG"
    assert first.attrs["region-name"] == "مصر"
    assert first.attrs["font-color"] == "#ffffff"
    assert first.attrs["bg-color"] == "#0c3278"
    assert first.attrs["last-update"] == "Y-m-d H:i"
    assert first.attrs["last-update-label"] == "تم تحديث البيانات في :"
    assert list(first.attrs)[:3] == ["region", "region-name", "confirmed-label"]


def test_multiword_arabic_value_is_one_value(seed_text: str) -> None:
    second = _cards(seed_text)[1]
    assert second.attrs["region-name"] == "الإمارات العربية المتحدة"
    assert second.attrs["region"] == "AE"


def test_world_card_has_no_region(seed_text: str) -> None:
    fourth = _cards(seed_text)[3]
    assert "region" not in fourth.attrs
    assert fourth.attrs["region-name"] == "العالم"


def test_every_value_matches_the_straight_quoted_reading(seed_text: str) -> None:
    straight = seed_text.replace("”", '"').replace("″", '"')
    assert [dict(c.attrs) for c in _cards(seed_text)] == \
        [dict(c.attrs) for c in _cards(straight)]


def test_prose_untouched_and_round_trip(seed_text: str) -> None:
    doc = parse(seed_text)
    assert doc.to_source() == seed_text
    texts = [n for n in doc.children if isinstance(n, Text)]
    assert "«700»" in texts[0].raw
    assert "".join(n.to_source() for n in doc.children) == seed_text


def test_spans_point_at_the_card_lines(seed_text: str) -> None:
    lines = seed_text.split("\n")
    for card in _cards(seed_text):
        span = card.span
        assert span is not None
        assert span.start.column == 1
        assert span.start.line == span.end.line
        assert lines[span.start.line - 1] == card.to_source()
        assert span.slice(seed_text) == card.to_source()
    assert [c.span.start.line for c in _cards(seed_text)] == [23, 25, 27, 29]  # type: ignore[union-attr]


def test_diagnostics_are_one_smart_quote_finding_per_attribute(seed_text: str) -> None:
    diagnostics = parse(seed_text).diagnostics
    assert len(diagnostics) == 71
    assert {d.code for d in diagnostics} == {"SC301"}
    first = diagnostics[0]
    assert first.span.start.line == 23
    assert first.span.slice(seed_text) == "region=”EG”"


def test_fix_quotes_straightens_tags_and_keeps_prose(seed_text: str) -> None:
    fixed = fix_quotes(seed_text)
    assert "”" not in fixed and "″" not in fixed
    before, after = parse(seed_text), parse(fixed)
    assert [n.to_source() for n in before.children if isinstance(n, Text)] == \
        [n.to_source() for n in after.children if isinstance(n, Text)]
    assert [dict(c.attrs) for c in before.shortcodes()] == \
        [dict(c.attrs) for c in after.shortcodes()]
    assert after.diagnostics == ()
    assert fix_quotes(fixed) == fixed
