"""The seed article rendered: four ``covid19-ultimate-card`` cards in untouched Arabic prose."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import regex

from shortcodes import Shortcode, Text, parse
from shortcodes.handlers.covid19 import covid19
from shortcodes.handlers.statistics import FileStatistics
from shortcodes.render import render_data, render_html
from tests.test_security import check_html

DATA = Path(__file__).resolve().parent.parent / "data"
CARD = regex.compile(r'<div class="cov19u-card[^"]*"[^>]*>.*?</div>', regex.DOTALL)
REGIONS = ["EG", "AE", "PS", None]
NAMES = ["مصر", "الإمارات العربية المتحدة", "فلسطين", "العالم"]
LABELS = ["اجمالي الحالات", "الحالات الجديدة", "اجمالي الوفيات", "الوفيات الجديدة",
          "نسبة الوفيات", "المتعافون", "حالات تحت العلاج"]
UPDATE_LABEL = "تم تحديث البيانات في :"
#: (confirmed, new, deaths, new deaths, death rate, recovered, active) per card.
FIGURES = [
    ["204,256", "696", "12,121", "47", "5.93%", "153,568", "38,567"],
    ["466,900", "2,122", "1,505", "6", "0.32%", "450,873", "14,522"],
    ["259,130", "2,134", "2,777", "23", "1.07%", "232,021", "24,332"],
    ["128,345,767", "487,651", "2,806,891", "9,214", "2.19%", "103,394,470", "22,144,406"],
]


def _statistics(name: str = "covid-stats.json") -> FileStatistics:
    return FileStatistics.from_path(DATA / name)


def _cards(html: str) -> list[str]:
    return [match.group() for match in CARD.finditer(html)]


def test_seed_renders_four_cards(seed_text: str) -> None:
    rendered = render_html(seed_text, registry=covid19(), data={"statistics": _statistics()})
    html = str(rendered.output)
    assert rendered.diagnostics == ()
    check_html(html)
    cards = _cards(html)
    assert len(cards) == 4
    for card, region, name, figures in zip(cards, REGIONS, NAMES, FIGURES, strict=True):
        assert card.startswith('<div class="cov19u-card cov19u-bg-right" dir="rtl" '
                               f'data-region="{region or "world"}" '
                               'style="color: #ffffff; background-color: #0c3278">')
        assert f'<h3 class="cov19u-title">{name}</h3>' in card
        labels = regex.findall(r'<span class="cov19u-label">([^<]*)</span>', card)
        assert labels == [*LABELS, UPDATE_LABEL]
        values = regex.findall(r'<span class="cov19u-value">([^<]*)</span>', card)
        assert values == figures
        assert '<time datetime="2021-03-30T16:00:00+00:00">2021-03-30 16:00</time>' in card


def test_prose_around_the_cards_is_byte_identical(seed_text: str) -> None:
    html = str(render_html(seed_text, registry=covid19(),
                           data={"statistics": _statistics()}).output)
    document = parse(seed_text)
    outside, last = [], 0
    for card in document.shortcodes():
        assert card.span is not None
        outside.append(seed_text[last : card.span.start.offset])
        last = card.span.end.offset
    outside.append(seed_text[last:])  # empty: the seed ends with its last card
    assert len(outside) == 5
    assert CARD.split(html) == outside
    assert "".join(outside) == "".join(n.raw for n in document.children if isinstance(n, Text))


def test_seed_with_csv_statistics_renders_the_same(seed_text: str) -> None:
    from_json = render_html(seed_text, registry=covid19(), data={"statistics": _statistics()})
    from_csv = render_html(seed_text, registry=covid19(),
                           data={"statistics": _statistics("covid-stats.csv")})
    assert str(from_json.output) == str(from_csv.output)


def test_seed_without_statistics_still_renders(seed_text: str) -> None:
    rendered = render_html(seed_text, registry=covid19())
    assert len(_cards(str(rendered.output))) == 4
    assert [d.code for d in rendered.diagnostics] == ["SC406"] * 4
    assert [d.span.start.line for d in rendered.diagnostics] == [23, 25, 27, 29]


def _card_runs(seed_text: str) -> list[dict[str, Any]]:
    runs = render_data(seed_text, registry=covid19(),
                       data={"statistics": _statistics()}).output
    return [run for run in runs if run["type"] == "shortcode"]


def test_seed_to_data(seed_text: str) -> None:
    cards = _card_runs(seed_text)
    assert len(cards) == 4
    for run, region, name in zip(cards, REGIONS, NAMES, strict=True):
        attrs = run["attrs"]
        assert attrs["region"] == (region or "")
        assert attrs["region-name"] == name
        assert attrs["confirmed-24h"] is True
        assert attrs["deaths-24h"] is True
        assert attrs["deaths-rate"] is True
        assert attrs["rtl"] is True
        assert (attrs["font-color"], attrs["bg-color"]) == ("#ffffff", "#0c3278")
        assert attrs["bg-position"] == "right"
        assert attrs["last-update"] == "Y-m-d H:i"
        assert attrs["last-update-label"] == UPDATE_LABEL
        assert run["unknown_attrs"] == {}
        data = run["data"]
        assert (data["region"], data["region_name"], data["rtl"]) == (region, name, True)
        assert data["figures"]["confirmed_24h"] is True
        assert list(data["labels"].values()) == [*LABELS, UPDATE_LABEL]
        assert data["updated"] == {"iso": "2021-03-30T16:00:00+00:00",
                                   "formatted": "2021-03-30 16:00", "timezone": "UTC"}


@pytest.mark.parametrize(("index", "confirmed", "death_rate"), [
    (0, 204256, 5.93), (1, 466900, 0.32), (2, 259130, 1.07), (3, 128345767, 2.19)])
def test_seed_data_figures(seed_text: str, index: int, confirmed: int,
                           death_rate: float) -> None:
    figures = _card_runs(seed_text)[index]["data"]["figures"]
    assert figures["confirmed"] == confirmed
    assert figures["death_rate"] == death_rate
    assert isinstance(figures["new_deaths"], int)


def test_the_seed_cards_are_the_ones_parsed(seed_text: str) -> None:
    cards = [c for c in parse(seed_text).shortcodes() if isinstance(c, Shortcode)]
    assert [c.attrs.get("region") for c in cards] == REGIONS
