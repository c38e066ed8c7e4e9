r"""The ``covid19-ultimate-card`` handler: one region's COVID-19 figures as a card.

The WordPress plugin that defined this shortcode is gone; this module defines its
rendering. Figures come from the `StatisticsProvider` in the render's data bag
(``data={"statistics": provider}``) and the update time is shown in the bag's
``"timezone"`` (an IANA name or a `tzinfo`; UTC by default). No network is used.

>>> from shortcodes.render import render_html
>>> rendered = render_html("[covid19-ultimate-card region=eg]", registry=covid19())
>>> print(str(rendered.output).split("\n")[1])
<h3 class="cov19u-title">EG</h3>
>>> [d.code for d in rendered.diagnostics]
['SC406']

Without a provider, or without figures for the region, every number is the
placeholder ``—`` and ``SC406`` (missing-data) is recorded. A ``region`` that is
not two ASCII letters records ``SC403`` and the card shows no figures: showing
the world's under a country's name would be wrong data. The markup is documented
in ``docs/handlers.md``; every value in it is escaped.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Final, Literal

import attrs
import regex
from markupsafe import Markup

from shortcodes.handlers.statistics import Figures, StatisticsProvider
from shortcodes.nodes import Shortcode
from shortcodes.phpdate import format_date
from shortcodes.registry import HandlerRegistry, handler
from shortcodes.render import RenderContext
from shortcodes.schema import Color, DateFormat

__all__ = ["PLACEHOLDER", "CardAttributes", "covid19", "covid19_card"]

#: What the card shows for a figure it does not have.
PLACEHOLDER: Final = "—"

_NAME: Final = "covid19-ultimate-card"
_ISO2: Final = regex.compile(r"[A-Za-z]{2}")


@attrs.frozen(kw_only=True)
class CardAttributes:
    """The attributes of ``covid19-ultimate-card``, typed, with their defaults.

    Field names read with ``-`` for ``_``: ``confirmed_24h`` is ``confirmed-24h``.

    .. versionadded:: 0.1
    """

    #: ISO 3166-1 alpha-2 code, any case; empty for the whole world. Checked by the handler.
    region: str = ""
    #: The heading; the region code (or ``World``) when empty.
    region_name: str = ""
    confirmed_label: str = "Confirmed"
    #: Show the cases confirmed today.
    confirmed_24h: bool = False
    confirmed_24h_label: str = "New cases"
    deaths_label: str = "Deaths"
    #: Show the deaths of today.
    deaths_24h: bool = False
    deaths_24h_label: str = "New deaths"
    #: Show deaths per confirmed case, in percent.
    deaths_rate: bool = False
    deaths_rate_label: str = "Death rate"
    recovered_label: str = "Recovered"
    active_label: str = "Active"
    #: Text colour; an invalid colour is reported (``SC403``) and this default used.
    font_color: Color = Color("#1a1a1a")
    #: Background colour, likewise.
    bg_color: Color = Color("#f5f5f5")
    #: The side of the card the plugin drew its background picture on (a CSS class here).
    bg_position: Literal["left", "right"] = "left"
    #: Right-to-left card (``dir="rtl"``).
    rtl: bool = False
    #: PHP ``date()`` format of the update time; empty hides the update line.
    last_update: DateFormat = DateFormat("Y-m-d H:i")
    last_update_label: str = "Last update:"


@attrs.frozen(kw_only=True)
class _Card:
    """Everything the card shows, computed once for HTML and data."""

    values: CardAttributes
    #: The checked, upper-case region code; ``None`` for the world or an invalid code.
    region: str | None
    title: str
    figures: Figures | None
    death_rate: float | None
    #: The update time in the format of ``last-update`` (``None``: hidden or unknown).
    updated: str | None
    timezone: str


def _checked_region(node: Shortcode, context: RenderContext,
                    values: CardAttributes) -> tuple[bool, str | None]:
    """Whether the region is usable, and its upper-case code (``None``: the world)."""
    written = values.region.strip()
    if not written:
        return True, None
    if _ISO2.fullmatch(written):
        return True, written.upper()
    where = next((a for a in reversed(node.attributes) if a.name == "region"), None)
    context.report(
        "SC403", f"`region` of `{node.name}` must be an ISO 3166-1 alpha-2 code (two "
        f"letters), not `{values.region}`; the card shows no figures",
        hint="write a code such as `EG`, or leave `region` out for the world",
        span=where.span if where is not None else None)
    return False, None


def _lookup(node: Shortcode, context: RenderContext, region: str | None) -> Figures | None:
    """The region's figures from the data bag's provider; ``SC406`` when there are none."""
    provider = context.data.get("statistics")
    if not isinstance(provider, StatisticsProvider):
        what = ("no statistics provider" if provider is None
                else f"a `{type(provider).__name__}` that is not a statistics provider")
        context.report("SC406", f"`{node.name}` found {what} in the render data; "
                       f"its figures show `{PLACEHOLDER}`",
                       hint='pass data={"statistics": provider}, such as '
                       "FileStatistics.from_path(...)")
        return None
    figures = provider.figures(region)
    if figures is None:
        where = f"region `{region}`" if region is not None else "the world"
        context.report("SC406", f"the statistics have no figures for {where}; "
                       f"`{node.name}` shows `{PLACEHOLDER}`",
                       hint="add the region to the statistics, or correct `region`")
    return figures


def _death_rate(figures: Figures | None) -> float | None:
    if figures is None or figures.confirmed <= 0:
        return None
    return round(figures.deaths / figures.confirmed * 100, 2)


def _card(node: Shortcode, context: RenderContext) -> _Card:
    values = context.attrs
    if not isinstance(values, CardAttributes):
        raise TypeError(f"`{node.name}` needs the CardAttributes schema, "
                        f"not {type(values).__name__}")
    usable, region = _checked_region(node, context, values)
    figures = _lookup(node, context, region) if usable else None
    zone = context.data.get("timezone", "UTC")
    if not isinstance(zone, str | tzinfo):
        raise TypeError(f"the render data's `timezone` must be a str or a tzinfo, "
                        f"not {type(zone).__name__}")
    updated = None
    if figures is not None and values.last_update:
        updated = format_date(values.last_update, figures.updated, timezone=zone)
    title = values.region_name if values.region_name.strip() else (
        region or values.region.strip() or "World")
    return _Card(values=values, region=region, title=title, figures=figures,
                 death_rate=_death_rate(figures), updated=updated, timezone=str(zone))


def _number(value: int | None) -> str:
    return PLACEHOLDER if value is None else f"{value:,}"


def _rows(card: _Card) -> tuple[tuple[str, str, str], ...]:
    """The figures shown, in order: (CSS name, label, text)."""
    values, figures = card.values, card.figures

    def count(field: str) -> str:
        return _number(None if figures is None else getattr(figures, field))

    rate = PLACEHOLDER if card.death_rate is None else f"{card.death_rate:.2f}%"
    rows = [
        ("confirmed", values.confirmed_label, count("confirmed"), True),
        ("new-confirmed", values.confirmed_24h_label, count("new_confirmed"),
         values.confirmed_24h),
        ("deaths", values.deaths_label, count("deaths"), True),
        ("new-deaths", values.deaths_24h_label, count("new_deaths"), values.deaths_24h),
        ("death-rate", values.deaths_rate_label, rate, values.deaths_rate),
        ("recovered", values.recovered_label, count("recovered"), True),
        ("active", values.active_label, count("active"), True),
    ]
    return tuple((name, label, text) for name, label, text, shown in rows if shown)


_OPEN: Final = Markup('<div class="cov19u-card cov19u-bg-{}" dir="{}" data-region="{}" '
                      'style="color: {}; background-color: {}">')
_TITLE: Final = Markup('<h3 class="cov19u-title">{}</h3>')
_ITEM: Final = Markup('<li class="cov19u-{}"><span class="cov19u-label">{}</span> '
                      '<span class="cov19u-value">{}</span></li>')
_UPDATED: Final = Markup('<p class="cov19u-updated"><span class="cov19u-label">{}</span> {}</p>')
_TIME: Final = Markup('<time datetime="{}">{}</time>')
_VALUE: Final = Markup('<span class="cov19u-value">{}</span>')


def _updated_line(card: _Card) -> Markup | None:
    if not card.values.last_update:
        return None
    if card.figures is None or card.updated is None:
        shown = _VALUE.format(PLACEHOLDER)
    else:
        shown = _TIME.format(card.figures.updated.isoformat(), card.updated)
    return _UPDATED.format(card.values.last_update_label, shown)


def _render(node: Shortcode, context: RenderContext) -> Markup:
    card = _card(node, context)
    values = card.values
    lines = [
        _OPEN.format(values.bg_position, "rtl" if values.rtl else "ltr",
                     card.region or "world", values.font_color, values.bg_color),
        _TITLE.format(card.title),
        Markup('<ul class="cov19u-figures">'),
        *(_ITEM.format(*row) for row in _rows(card)),
        Markup("</ul>"),
        _updated_line(card),
        Markup("</div>"),
    ]
    return Markup("\n").join(line for line in lines if line is not None)


def _data(node: Shortcode, context: RenderContext) -> dict[str, object]:
    """The card as JSON-ready data (``docs/handlers.md`` lists the keys)."""
    card = _card(node, context)
    values, figures = card.values, card.figures

    def count(field: str) -> int | None:
        return None if figures is None else int(getattr(figures, field))

    return {
        "region": card.region, "region_name": card.title, "rtl": values.rtl,
        "font_color": values.font_color, "bg_color": values.bg_color,
        "bg_position": values.bg_position,
        "figures": {
            "confirmed": count("confirmed"), "confirmed_24h": values.confirmed_24h,
            "new_confirmed": count("new_confirmed"), "deaths": count("deaths"),
            "deaths_24h": values.deaths_24h, "new_deaths": count("new_deaths"),
            "deaths_rate": values.deaths_rate, "death_rate": card.death_rate,
            "recovered": count("recovered"), "active": count("active"),
        },
        "labels": _labels(values),
        "updated": {
            "iso": figures.updated.isoformat() if figures is not None else None,
            "formatted": card.updated, "timezone": card.timezone,
        },
    }


def _labels(values: CardAttributes) -> dict[str, str]:
    """Every label, by the name of its figure in the data."""
    return {
        "confirmed": values.confirmed_label, "new_confirmed": values.confirmed_24h_label,
        "deaths": values.deaths_label, "new_deaths": values.deaths_24h_label,
        "death_rate": values.deaths_rate_label, "recovered": values.recovered_label,
        "active": values.active_label, "last_update": values.last_update_label,
    }


#: The ``covid19-ultimate-card`` `Handler`: HTML from `covid19_card.render`, data from
#: `covid19_card.data`, attributes from `CardAttributes` (added in 0.1).
@handler(_NAME, encloses=False, schema=CardAttributes, data=_data,
         description="A card of one region's COVID-19 figures (the plugin is gone).")
def covid19_card(node: Shortcode, context: RenderContext, /) -> Markup:
    """Render ``covid19-ultimate-card`` to HTML (see the module docstring)."""
    return _render(node, context)


def covid19() -> HandlerRegistry:
    """A registry with the ``covid19-ultimate-card`` handler.

    >>> "covid19-ultimate-card" in covid19()
    True

    .. versionadded:: 0.1
    """
    return HandlerRegistry.of(covid19_card)
