"""`shortcodes.handlers.covid19`: the ``covid19-ultimate-card`` handler."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shortcodes import Attribute, Document, Shortcode
from shortcodes.handlers.covid19 import PLACEHOLDER, CardAttributes, covid19, covid19_card
from shortcodes.handlers.statistics import Figures, FileStatistics
from shortcodes.render import Rendered, RenderOptions, render_data, render_html
from shortcodes.schema import Schema
from tests import strategies as sts
from tests.test_security import check_html

DATA = Path(__file__).resolve().parent.parent / "data"
STATISTICS = FileStatistics.from_path(DATA / "covid-stats.json")
UPDATED = datetime(2021, 3, 30, 16, 0, tzinfo=timezone.utc)


def _html(text: str | Document, **data: object) -> tuple[str, Rendered]:
    rendered = render_html(text, registry=covid19(), data={"statistics": STATISTICS, **data})
    return str(rendered.output), rendered


def _card_data(text: str, **data: object) -> dict[str, Any]:
    run = render_data(text, registry=covid19(), data=data).output[0]
    assert isinstance(run, dict)
    result = run["data"]
    assert isinstance(result, dict)
    return result


def _codes(rendered: Rendered) -> list[str]:
    return [d.code for d in rendered.diagnostics]


def _value(html: str, item: str) -> str:
    """The text of one figure's value span (``item`` is its CSS name)."""
    start = html.index(f'<li class="cov19u-{item}">')
    value = html.index('<span class="cov19u-value">', start) + len('<span class="cov19u-value">')
    return html[value : html.index("</span>", value)]


# -- registry and schema -------------------------------------------------------------


def test_registry_and_handler() -> None:
    registry = covid19()
    assert list(registry) == ["covid19-ultimate-card"]
    assert registry["covid19-ultimate-card"] is covid19_card
    assert covid19_card.encloses is False
    assert covid19_card.data is not None
    assert covid19_card.description


def test_schema_names_and_defaults() -> None:
    schema = covid19_card.schema
    assert schema == Schema.from_class(CardAttributes)
    assert [f.name for f in schema.fields] == [
        "region", "region-name", "confirmed-label", "confirmed-24h", "confirmed-24h-label",
        "deaths-label", "deaths-24h", "deaths-24h-label", "deaths-rate", "deaths-rate-label",
        "recovered-label", "active-label", "font-color", "bg-color", "bg-position", "rtl",
        "last-update", "last-update-label"]
    defaults = CardAttributes()
    assert (defaults.confirmed_label, defaults.rtl, defaults.last_update) == \
        ("Confirmed", False, "Y-m-d H:i")


# -- figures -------------------------------------------------------------------------


def test_full_card() -> None:
    html, rendered = _html('[covid19-ultimate-card region=EG confirmed-24h=1 deaths-24h=yes '
                           'deaths-rate=on]')
    check_html(html)
    assert rendered.diagnostics == ()
    assert [_value(html, item) for item in ("confirmed", "new-confirmed", "deaths",
                                            "new-deaths", "death-rate", "recovered",
                                            "active")] == \
        ["204,256", "696", "12,121", "47", "5.93%", "153,568", "38,567"]


def test_optional_figures_are_hidden_by_default() -> None:
    html, _ = _html("[covid19-ultimate-card region=EG]")
    assert "cov19u-new-confirmed" not in html
    assert "cov19u-new-deaths" not in html
    assert "cov19u-death-rate" not in html
    assert html.count("<li ") == 4


def test_thousands_separators() -> None:
    html, _ = _html("[covid19-ultimate-card]")  # the world
    assert _value(html, "confirmed") == "128,345,767"
    assert _value(html, "recovered") == "103,394,470"
    assert _value(html, "active") == "22,144,406"


def test_death_rate_with_zero_confirmed() -> None:
    html, rendered = _html("[covid19-ultimate-card region=KP deaths-rate=true]")
    assert _value(html, "death-rate") == PLACEHOLDER
    assert _value(html, "confirmed") == "0"
    assert rendered.diagnostics == ()
    figures = _card_data("[covid19-ultimate-card region=KP]", statistics=STATISTICS)["figures"]
    assert figures["death_rate"] is None
    assert figures["confirmed"] == 0


def test_death_rate_rounds_to_two_decimals() -> None:
    figures = _card_data("[covid19-ultimate-card region=AE]", statistics=STATISTICS)["figures"]
    assert figures["death_rate"] == round(1505 / 466900 * 100, 2) == 0.32


# -- headings, direction, colours ----------------------------------------------------


@pytest.mark.parametrize(("attributes", "title"), [
    ('region=eg region-name="مصر"', "مصر"),
    ("region=eg", "EG"),
    ("", "World"),
    ('region-name="  "', "World"),
    ('region-name="العالم"', "العالم"),
])
def test_heading(attributes: str, title: str) -> None:
    html, _ = _html(f"[covid19-ultimate-card {attributes}]")
    assert f'<h3 class="cov19u-title">{title}</h3>' in html


@pytest.mark.parametrize(("rtl", "direction"), [("true", "rtl"), ("false", "ltr"),
                                                ("maybe", "ltr")])
def test_direction(rtl: str, direction: str) -> None:
    html, _ = _html(f"[covid19-ultimate-card rtl={rtl}]")
    assert f'dir="{direction}"' in html


def test_colours_and_position() -> None:
    html, rendered = _html("[covid19-ultimate-card font-color=#fff bg-color=navy "
                           "bg-position=RIGHT]")
    assert html.startswith('<div class="cov19u-card cov19u-bg-right" dir="ltr" '
                           'data-region="world" style="color: #fff; background-color: navy">')
    assert rendered.diagnostics == ()


def test_invalid_colour_and_position_fall_back() -> None:
    html, rendered = _html("[covid19-ultimate-card font-color=red;x:y bg-position=top]")
    assert 'class="cov19u-card cov19u-bg-left"' in html
    assert 'style="color: #1a1a1a; background-color: #f5f5f5"' in html
    assert _codes(rendered) == ["SC403", "SC403"]


# -- regions -------------------------------------------------------------------------


def test_lower_case_region() -> None:
    html, rendered = _html("[covid19-ultimate-card region=' ps ']")
    assert 'data-region="PS"' in html
    assert _value(html, "confirmed") == "259,130"
    assert rendered.diagnostics == ()


@pytest.mark.parametrize("region", ["EGY", "E", "1A", "مص", "É"])
def test_invalid_region_is_sc403_and_shows_no_figures(region: str) -> None:
    text = f'[covid19-ultimate-card region-name=x region="{region}"]'
    html, rendered = _html(text)
    assert _codes(rendered) == ["SC403"]
    diagnostic = rendered.diagnostics[0]
    assert f"not `{region}`" in diagnostic.message
    assert diagnostic.span.slice(text) == f'region="{region}"'
    assert _value(html, "confirmed") == PLACEHOLDER
    assert 'data-region="world"' in html


# -- missing data --------------------------------------------------------------------


def test_missing_provider() -> None:
    rendered = render_html("[covid19-ultimate-card region=EG confirmed-24h=true "
                           "deaths-rate=true]", registry=covid19())
    html = str(rendered.output)
    check_html(html)
    assert html.count(f'<span class="cov19u-value">{PLACEHOLDER}</span>') == 7  # 6 + update
    assert "<time" not in html
    assert _codes(rendered) == ["SC406"]
    assert "no statistics provider" in rendered.diagnostics[0].message
    assert rendered.diagnostics[0].name == "missing-data"


def test_provider_of_the_wrong_type() -> None:
    rendered = render_html("[covid19-ultimate-card]", registry=covid19(),
                           data={"statistics": {"EG": 1}})
    assert _codes(rendered) == ["SC406"]
    assert "`dict` that is not a statistics provider" in rendered.diagnostics[0].message


@pytest.mark.parametrize(("region", "where"), [("FR", "region `FR`"), ("", "the world")])
def test_missing_region(region: str, where: str) -> None:
    statistics = FileStatistics({"EG": STATISTICS.figures("EG")})  # type: ignore[dict-item]
    rendered = render_html(f"[covid19-ultimate-card region='{region}']", registry=covid19(),
                           data={"statistics": statistics})
    assert _value(str(rendered.output), "confirmed") == PLACEHOLDER
    assert _codes(rendered) == ["SC406"]
    assert f"no figures for {where}" in rendered.diagnostics[0].message
    assert rendered.diagnostics[0].span.start.offset == 0


def test_missing_data_in_data_output() -> None:
    data = _card_data("[covid19-ultimate-card region=EG]")
    assert data["figures"]["confirmed"] is None
    assert data["figures"]["death_rate"] is None
    assert data["updated"] == {"iso": None, "formatted": None, "timezone": "UTC"}


# -- the update line -----------------------------------------------------------------


def test_update_line_default_format_and_zone() -> None:
    html, _ = _html("[covid19-ultimate-card region=EG]")
    assert html.endswith('<p class="cov19u-updated"><span class="cov19u-label">Last update:'
                         '</span> <time datetime="2021-03-30T16:00:00+00:00">2021-03-30 16:00'
                         "</time></p>\n</div>")


def test_empty_last_update_hides_the_line() -> None:
    html, rendered = _html("[covid19-ultimate-card region=EG last-update='']")
    assert "cov19u-updated" not in html
    assert html.endswith("</ul>\n</div>")
    assert rendered.diagnostics == ()
    assert _card_data("[covid19-ultimate-card region=EG last-update='']",
                      statistics=STATISTICS)["updated"]["formatted"] is None


def test_php_format_is_applied() -> None:
    # WordPress applies stripcslashes() to values: `\\o` in the post is `\o` in PHP.
    html, rendered = _html(r"[covid19-ultimate-card last-update='l jS \\o\\f F Y, g:i A']")
    assert ">Tuesday 30th of March 2021, 4:00 PM</time>" in html
    assert rendered.diagnostics == ()


@pytest.mark.parametrize(("zone", "shown"), [
    ("Africa/Cairo", "2021-03-30 18:00 EET"),
    ("Asia/Dubai", "2021-03-30 20:00 +04"),
    (timezone(timedelta(hours=-3)), "2021-03-30 13:00 GMT-0300"),
])
def test_time_zone_from_the_data_bag(zone: object, shown: str) -> None:
    html, _ = _html("[covid19-ultimate-card last-update='Y-m-d H:i T']", timezone=zone)
    assert f">{shown}</time>" in html
    assert 'datetime="2021-03-30T16:00:00+00:00"' in html


def test_invalid_format_is_sc403() -> None:
    html, rendered = _html("[covid19-ultimate-card last-update='Y\\\\']")
    assert "SC403" in _codes(rendered)
    assert ">2021-03-30 16:00</time>" in html  # the default format


def test_unknown_time_zone_is_a_caller_error() -> None:
    html, rendered = _html("[covid19-ultimate-card]", timezone="Mars/Olympus")
    assert _codes(rendered) == ["SC402"]
    assert html == "[covid19-ultimate-card]"
    with pytest.raises(ValueError, match="unknown time zone"):
        render_html("[covid19-ultimate-card]", registry=covid19(),
                    options=RenderOptions(strict=True),
                    data={"statistics": STATISTICS, "timezone": "Mars/Olympus"})


def test_time_zone_of_the_wrong_type() -> None:
    _, rendered = _html("[covid19-ultimate-card]", timezone=3)
    assert _codes(rendered) == ["SC402"]
    assert "`timezone` must be a str or a tzinfo" in rendered.diagnostics[0].message


# -- data ----------------------------------------------------------------------------


def test_data_output() -> None:
    text = ('[covid19-ultimate-card region=eg region-name="مصر" rtl=true confirmed-24h=true '
            'deaths-rate=true bg-position=right last-update="d/m/Y H:i"]')
    data = _card_data(text, statistics=STATISTICS, timezone="Africa/Cairo")
    assert data == {
        "region": "EG", "region_name": "مصر", "rtl": True,
        "font_color": "#1a1a1a", "bg_color": "#f5f5f5", "bg_position": "right",
        "figures": {
            "confirmed": 204256, "confirmed_24h": True, "new_confirmed": 696,
            "deaths": 12121, "deaths_24h": False, "new_deaths": 47, "deaths_rate": True,
            "death_rate": 5.93, "recovered": 153568, "active": 38567,
        },
        "labels": {
            "confirmed": "Confirmed", "new_confirmed": "New cases", "deaths": "Deaths",
            "new_deaths": "New deaths", "death_rate": "Death rate", "recovered": "Recovered",
            "active": "Active", "last_update": "Last update:",
        },
        "updated": {"iso": "2021-03-30T16:00:00+00:00", "formatted": "30/03/2021 18:00",
                    "timezone": "Africa/Cairo"},
    }


def test_data_run_has_typed_attrs_and_reports_once() -> None:
    rendered = render_data("[covid19-ultimate-card region=EG rtl=yes]", registry=covid19())
    run = rendered.output[0]
    assert run["attrs"]["rtl"] is True
    assert run["attrs"]["confirmed-24h"] is False
    assert _codes(rendered) == ["SC406"]


def test_renders_are_repeatable_and_share_nothing() -> None:
    text = "[covid19-ultimate-card region=EG] [covid19-ultimate-card region=FR]"
    first, rendered = _html(text)
    second, again = _html(text)
    assert first == second
    assert rendered.diagnostics == again.diagnostics
    assert _codes(rendered) == ["SC406"]


def test_figures_from_any_provider() -> None:
    class Fixed:
        def figures(self, region: str | None, /) -> Figures | None:
            return Figures(confirmed=10, new_confirmed=1, deaths=1, new_deaths=0,
                           recovered=5, active=4, updated=UPDATED)

    rendered = render_html("[covid19-ultimate-card region=zz deaths-rate=1]",
                           registry=covid19(), data={"statistics": Fixed()})
    assert _value(str(rendered.output), "death-rate") == "10.00%"


# -- properties ----------------------------------------------------------------------

ATTRIBUTE_NAMES = [f.name for f in Schema.from_class(CardAttributes).fields]
_VALUES = st.one_of(
    st.text(),
    sts.noise(8),
    st.sampled_from(["true", "FALSE", "1", "EG", "eg", "", " ", "#0c3278", "red", "right",
                     "Y-m-d H:i", "\\", "”", '"', "'", "<", "&lt;", "\u200f", "\u202e",
                     "مصر", "<script>", "rgb(1,2,3)"]),
)
_ATTRIBUTES = st.dictionaries(st.sampled_from([*ATTRIBUTE_NAMES, "extra"]), _VALUES,
                              max_size=8)
_ZONES = st.sampled_from(["UTC", "Africa/Cairo", "Asia/Dubai", "America/St_Johns"])


def _node(attributes: dict[str, str]) -> Document:
    node = Shortcode(name="covid19-ultimate-card", attributes=tuple(
        Attribute(name=name, value=value) for name, value in attributes.items()))
    return Document(children=(node,))


@given(attributes=_ATTRIBUTES, zone=_ZONES, provided=st.booleans())
def test_card_renders_deterministically_for_any_values(attributes: dict[str, str], zone: str,
                                                       provided: bool) -> None:
    document = _node(attributes)
    data = {"statistics": STATISTICS, "timezone": zone} if provided else {"timezone": zone}
    strict = RenderOptions(strict=True)  # a handler exception would fail the test
    first = render_html(document, registry=covid19(), options=strict, data=data)
    second = render_html(document, registry=covid19(), options=strict, data=data)
    assert str(first.output) == str(second.output)
    assert first.diagnostics == second.diagnostics
    check_html(str(first.output))
    assert render_data(document, registry=covid19(), options=strict, data=data).output == \
        render_data(document, registry=covid19(), options=strict, data=data).output


@given(text=sts.attribute_body())
def test_parsed_cards_never_fail(text: str) -> None:
    rendered = render_html(f"[covid19-ultimate-card{text}]", registry=covid19(),
                           options=RenderOptions(strict=True),
                           data={"statistics": STATISTICS})
    assert "SC402" not in _codes(rendered)
