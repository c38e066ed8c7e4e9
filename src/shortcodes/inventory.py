"""Inventory of the shortcodes a WordPress export uses, before migrating it.

For each shortcode name: how often it occurs, in how many items, which
attributes it is given, how many of its tags the texturizer curled, whether a
handler exists, and a few items to look at. Every text is parsed with
`shortcodes.parse`, which never raises, so meta values that are not shortcode
text at all (serialized PHP, JSON) are read too. This module sits on top of the
pipeline with `shortcodes.wxr`; no core module imports it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from typing import Final

import attrs

from shortcodes.nodes import Shortcode
from shortcodes.parser import parse
from shortcodes.tokenizer import is_texturized, scan_attributes
from shortcodes.wxr import Item

__all__ = ["CSV_HEADER", "Inventory", "InventoryBuilder", "InventoryEntry", "inventory"]

#: The name positional values are counted under in `InventoryEntry.attributes`.
POSITIONAL: Final = "(positional)"
#: How many example items each entry keeps.
MAX_EXAMPLES: Final = 3
#: The first row of `Inventory.csv_rows`.
CSV_HEADER: Final = ("name", "count", "posts", "in_meta", "texturized", "handled",
                     "attributes", "examples")


def _texturized(shortcode: Shortcode) -> bool:
    """Whether the texturizer curled the opening tag (``tokenizer.is_texturized``)."""
    tag = shortcode.open_tag
    body = tag[len(shortcode.name) + 1 : -2 if shortcode.self_closing else -1]
    # Fast path: every typographic quote and texturizer character is non-ASCII,
    # and every entity starts with `&`.
    if body.isascii() and "&" not in body:
        return False
    return is_texturized(scan_attributes(body)[0], body)


@attrs.frozen(kw_only=True)
class InventoryEntry:
    """What an export does with one shortcode name.

    .. versionadded:: 0.1
    """

    #: The shortcode name, as written.
    name: str
    #: Occurrences, everywhere (content, excerpt and meta values).
    count: int
    #: Items using it at least once.
    posts: int
    #: Occurrences in meta values (page builders keep shortcodes there).
    in_meta: int
    #: Occurrences whose opening tag the texturizer curled (smart or entity quotes).
    texturized: int
    #: Whether a handler exists for the name.
    handled: bool
    #: Attribute names (lower-cased) with how many occurrences give them, most used
    #: first; positional values count under ``"(positional)"``.
    attributes: tuple[tuple[str, int], ...]
    #: Up to three items using it: their links, or ``post-<id>`` without a link.
    examples: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """Return the entry as a JSON-ready dict."""
        return {"name": self.name, "count": self.count, "posts": self.posts,
                "in_meta": self.in_meta, "texturized": self.texturized,
                "handled": self.handled, "attributes": dict(self.attributes),
                "examples": list(self.examples)}

    def csv_row(self) -> tuple[str, ...]:
        """Return the entry as a CSV row, in the order of `CSV_HEADER`."""
        attributes = ";".join(f"{name}={count}" for name, count in self.attributes)
        return (self.name, str(self.count), str(self.posts), str(self.in_meta),
                str(self.texturized), "yes" if self.handled else "no", attributes,
                " ".join(self.examples))


@attrs.frozen
class Inventory:
    """Every shortcode of an export, most used first (then by name).

    .. versionadded:: 0.1
    """

    #: One entry per name, sorted by count (descending), then name.
    entries: tuple[InventoryEntry, ...]
    #: How many items were read.
    items: int = 0

    def __iter__(self) -> Iterator[InventoryEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, name: str) -> InventoryEntry | None:
        """Return the entry for *name*, or ``None``."""
        return next((entry for entry in self.entries if entry.name == name), None)

    def to_json(self) -> list[dict[str, object]]:
        """Return the entries as JSON-ready dicts."""
        return [entry.to_json() for entry in self.entries]

    def csv_rows(self) -> Iterator[tuple[str, ...]]:
        """Yield `CSV_HEADER`, then one row per entry."""
        yield CSV_HEADER
        for entry in self.entries:
            yield entry.csv_row()


@attrs.define
class _Tally:
    count: int = 0
    posts: int = 0
    in_meta: int = 0
    texturized: int = 0
    attributes: Counter[str] = attrs.field(factory=Counter)
    examples: list[str] = attrs.field(factory=list)


class InventoryBuilder:
    """Counts items one at a time; `build` gives the inventory so far.

    Use it when items come from a reader that may fail half-way (a truncated
    export) and the counts up to that point are still wanted.

    .. versionadded:: 0.1
    """

    def __init__(self, *, handled: Collection[str] = ()) -> None:
        self._handled = frozenset(handled)
        self._tallies: dict[str, _Tally] = {}
        self._items = 0

    def add(self, item: Item) -> None:
        """Count the shortcodes of *item*'s content, excerpt and meta values."""
        self._items += 1
        seen: set[str] = set()
        for text in (item.content, item.excerpt):
            self._count(text, seen, in_meta=False)
        for _key, value in item.meta:
            self._count(value, seen, in_meta=True)
        example = item.link or f"post-{item.post_id}"
        for name in seen:
            tally = self._tallies[name]
            tally.posts += 1
            if len(tally.examples) < MAX_EXAMPLES:
                tally.examples.append(example)

    def _count(self, text: str, seen: set[str], *, in_meta: bool) -> None:
        if "[" not in text:
            return
        for shortcode in parse(text).shortcodes():
            tally = self._tallies.get(shortcode.name)
            if tally is None:
                tally = self._tallies[shortcode.name] = _Tally()
            seen.add(shortcode.name)
            tally.count += 1
            tally.in_meta += in_meta
            tally.texturized += _texturized(shortcode)
            tally.attributes.update(shortcode.attrs.keys())
            if shortcode.positional:
                tally.attributes[POSITIONAL] += 1

    def build(self) -> Inventory:
        """Return the inventory of the items added so far."""
        entries = [
            InventoryEntry(
                name=name, count=tally.count, posts=tally.posts, in_meta=tally.in_meta,
                texturized=tally.texturized, handled=name in self._handled,
                attributes=tuple(sorted(tally.attributes.items(),
                                        key=lambda pair: (-pair[1], pair[0]))),
                examples=tuple(tally.examples))
            for name, tally in self._tallies.items()]
        entries.sort(key=lambda entry: (-entry.count, entry.name))
        return Inventory(tuple(entries), self._items)


def inventory(items: Iterable[Item], /, *, handled: Collection[str] = ()) -> Inventory:
    """Count the shortcodes of *items* by name.

    Args:
        items: the items to read, for example ``shortcodes.wxr.iter_items(path)``.
        handled: names that have a handler (marks `InventoryEntry.handled`).

    Returns:
        One entry per shortcode name, most used first.

    >>> from shortcodes.wxr import Item
    >>> post = Item(post_id=7, content='[gallery ids="1,2"] [gallery ids=”3”]')
    >>> entry, = inventory([post], handled={"gallery"})
    >>> entry.name, entry.count, entry.posts, entry.texturized, entry.attributes
    ('gallery', 2, 1, 1, (('ids', 2),))

    .. versionadded:: 0.1
    """
    builder = InventoryBuilder(handled=handled)
    for item in items:
        builder.add(item)
    return builder.build()
