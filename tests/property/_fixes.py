"""What the fix properties compare: cooked attributes, and the text outside opening tags."""

from __future__ import annotations

from shortcodes import parse

__all__ = ["cooked", "outside_opening_tags"]


def cooked(text: str) -> list[tuple[str, list[tuple[str, str]], tuple[str, ...]]]:
    """Every shortcode of *text* as (name, cooked attributes, positional values)."""
    return [(sc.name, list(sc.attrs.items()), sc.positional) for sc in parse(text).shortcodes()]


def outside_opening_tags(text: str) -> list[str]:
    """The pieces of *text* outside the insides of its opening tags (brackets kept)."""
    pieces, cursor = [], 0
    for shortcode in parse(text).shortcodes():
        assert shortcode.span is not None
        start = shortcode.span.start.offset
        pieces.append(text[cursor : start + 1])
        cursor = start + len(shortcode.open_tag) - 1
    pieces.append(text[cursor:])
    return pieces
