"""WordPress's side of `shortcodes.compare`: what ``do_shortcode(text)`` hands to handlers.

`_Reader` reads a text as WordPress 7.1's ``do_shortcode()`` does (the port in
`shortcodes.wordpress`), the HTML pass included, and gives each match as an `_Item`
in offsets of the original text, the form `shortcodes.compare` lines up with what
`parse` reads. Instead of compiling WordPress's pattern for each call, it searches
per-name indexes (`_Scope.index`) of a copy of the text in which every bracket inside
an HTML tag is blanked (`_Scope.masked`), so offsets stay those of the text.

Invariants: never raises on a ``str``; time is linear in the length of the text for
each level of nesting WordPress pairs (it reads each level's content again, as
WordPress does); nested calls wait on an explicit stack instead of recursing.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping
from typing import Final, NamedTuple, TypeAlias

import regex

from shortcodes._kses import ascii_lower, wp_kses_attr_parse
from shortcodes.wordpress import (
    _ATTS,
    _ATTS_SPACES,
    _CANDIDATE,
    _TAG_IN_ELEMENT_NAME,
    php_array_key,
    shortcode_parse_atts,
    wp_html_split,
)

# -- one tag, as either side reads it ----------------------------------------------------------


class _Item(NamedTuple):
    """One side's reading of one tag, in text offsets."""

    name: str
    escaped: bool
    #: The tag's ``[`` (the outer one for an escape) and one past its end.
    start: int
    end: int
    #: One past the ``]`` of the opening tag.
    open_end: int
    attrs: dict[str, str]
    positional: list[str]
    #: Offsets of the content, or ``None`` when there is no closing tag.
    content: tuple[int, int] | None

    @property
    def key(self) -> int:
        """The offset of the tag's own ``[``, the same for both sides."""
        return self.start + self.escaped


def _wordpress_attributes(atts: str) -> tuple[dict[str, str], list[str]]:
    """`shortcode_parse_atts` split into named and positional values.

    PHP keys lose the difference (``5=five`` and a sixth positional value both get
    an integer key), so the names are read again with WordPress's own pattern.
    """
    parsed = shortcode_parse_atts(atts)
    named: set[int | str] = set()
    for match in _ATTS.finditer(_ATTS_SPACES.sub(" ", atts)):
        name = match.group(1) or match.group(3) or match.group(5)
        if name and name != "0":
            named.add(php_array_key(ascii_lower(name)))
    attributes = {str(key): value for key, value in parsed.items() if key in named}
    positional = [value for key, value in parsed.items() if key not in named]
    return attributes, positional


# -- WordPress's reading -----------------------------------------------------------------------

#: The run of characters a registered name can be a prefix of (`add_shortcode()`'s rule).
_NAME_RUN: Final = regex.compile(r"[^<>&/\[\]\x00-\x20=]++")
#: A closing tag of any name (`add_shortcode()` names never hold ``/`` or ``]``).
_CLOSER: Final = regex.compile(r"\[/([^<>&/\[\]\x00-\x20=]++)\]")
_WORD: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
#: `_do_shortcodes_in_html_tags` first renumbers entities that read like its placeholders.
_RENUMBER: Final = regex.compile(r"&\#(?=9[13];)")
_ENCODED: Final = ({"[": "&#91;", "]": "&#93;"}, {"[": "&#091;", "]": "&#093;"})
_MASK: Final = str.maketrans("[]", "\x00\x00")


class _Found(NamedTuple):
    """One match of WordPress's pattern: *item* and the attribute text handed to
    `shortcode_parse_atts` (the oracle tests compare it with ``do_shortcode()``)."""

    item: _Item
    atts: str


class _Scope:
    """A string that one whole ``do_shortcode()`` call reads, HTML pass included.

    *text* is the string after `_RENUMBER`; *masked* is it with every bracket inside
    an HTML tag replaced by a NUL, which reads like WordPress's ``&#91;`` placeholders
    everywhere its pattern looks (neither is a bracket, ``/`` or word character) and
    keeps offsets.
    """

    __slots__ = ("_indexes", "base", "elements", "inserted", "inside", "masked", "parent",
                 "protected", "text")

    def __init__(self, text: str, parent: _Scope | None, base: int, ignore_html: bool) -> None:
        self.parent, self.base = parent, base
        self.inserted = [m.start() + 2 + n for n, m in enumerate(_RENUMBER.finditer(text))]
        self.text = _RENUMBER.sub("&#0", text) if self.inserted else text
        #: Bracket offsets inside HTML tags; ranges WordPress reads inside HTML tags;
        #: the HTML tags holding brackets.
        self.protected: list[int] = []
        self.inside: list[tuple[int, int]] = []
        self.elements: list[tuple[int, int]] = []
        pieces: list[str] = []
        at = 0
        for index, part in enumerate(wp_html_split(self.text)):
            if index % 2 and ("[" in part or "]" in part):
                self._protect(part, at, ignore_html)
                part = part.translate(_MASK)
            pieces.append(part)
            at += len(part)
        self.masked = "".join(pieces)
        self._indexes: dict[tuple[str, bool], dict[str, list[int]]] = {}

    def index(self, pattern: regex.Pattern[str], *, masked: bool,
              rank: Mapping[str, int]) -> dict[str, list[int]]:
        """Where *pattern* captures each registered name in `text` or `masked` (cached)."""
        key = (pattern.pattern, masked)
        positions = self._indexes.get(key)
        if positions is None:
            positions = _positions(pattern, self.masked if masked else self.text, rank)
            self._indexes[key] = positions
        return positions

    def _protect(self, element: str, at: int, ignore_html: bool) -> None:
        self.elements.append((at, at + len(element)))
        self.protected.extend(at + i for i, char in enumerate(element) if char in "[]")
        if ignore_html or "[" not in element or "]" not in element \
                or element.startswith(("<!--", "<![CDATA[")):
            return
        parts = wp_kses_attr_parse(element)
        if parts is None:
            if _TAG_IN_ELEMENT_NAME.search(element) is not None:
                self.inside.append((at, at + len(element)))
            return
        pos = at + len(parts[0])
        for attribute in parts[1:-1]:
            if "[" in attribute and "]" in attribute:
                self.inside.append((pos, pos + len(attribute)))
            pos += len(attribute)

    def origin(self, offset: int) -> int:
        """The offset in the original text of *offset* in `text` (never a renumbering 0)."""
        if self.inserted:
            offset -= bisect.bisect_left(self.inserted, offset)
        return offset if self.parent is None else self.parent.origin(self.base + offset)

    def view(self, start: int, end: int, level: int | None) -> str:
        """``text[start:end]`` as a handler at *level* receives it (``None``: inside an
        HTML tag, before the brackets there are encoded)."""
        text = self.text[start:end]
        if level is None:
            return text
        protected = self.protected
        first, last = bisect.bisect_left(protected, start), bisect.bisect_left(protected, end)
        if first < last:
            # Nested calls renumber the placeholders once more (`&#91;` to `&#091;`).
            encoded, at = _ENCODED[level > 0], start
            pieces: list[str] = []
            for offset in protected[first:last]:
                pieces.extend((self.text[at:offset], encoded[self.text[offset]]))
                at = offset + 1
            pieces.append(self.text[at:end])
            text = "".join(pieces)
        return text


class _Raw(NamedTuple):
    """What `_ShortcodeFinder` matches, in scope offsets."""

    start: int
    end: int
    opener: str
    name: str
    name_end: int
    atts_end: int
    bracket: int
    content: tuple[int, int] | None
    closer: str


def _positions(pattern: regex.Pattern[str], text: str,
               rank: Mapping[str, int]) -> dict[str, list[int]]:
    """Where each registered name is captured by *pattern* in *text*, in order."""
    positions: dict[str, list[int]] = {}
    for match in pattern.finditer(text):
        name = match.group(1)
        if name in rank:
            positions.setdefault(name, []).append(match.start())
    return positions


def _first(positions: list[int] | None, start: int, end: int) -> int:
    """The first of *positions* in ``[start, end)``, or -1."""
    if positions is None:
        return -1
    index = bisect.bisect_left(positions, start)
    return positions[index] if index < len(positions) and positions[index] < end else -1


class _Names:
    """The registered names one ``do_shortcode()`` call looks for, as its pattern tries
    them: in registration order, each only where no ``[\\w-]`` follows, and only if
    the call's text holds it after some ``[`` (``present``: name to positions)."""

    __slots__ = ("lengths", "present", "rank")

    def __init__(self, rank: Mapping[str, int], present: Mapping[str, list[int]]) -> None:
        self.rank, self.present = rank, present
        self.lengths = sorted({len(name) for name in present})

    def at(self, text: str, start: int, end: int, call: tuple[int, int]) -> str | None:
        """The name WordPress's pattern matches at *start* (reading up to *end*), for a
        call over ``text[call[0]:call[1]]``."""
        run = _NAME_RUN.match(text, start, end)
        if run is None:
            return None
        best: tuple[int, str] | None = None
        for length in self.lengths:
            stop = start + length
            if stop > run.end():
                break
            if stop < run.end() and text[stop] in _WORD:
                continue
            name = text[start:stop]
            rank = self.rank.get(name)
            if rank is not None and (best is None or rank < best[0]) \
                    and _first(self.present.get(name), *call) >= 0:
                best = (rank, name)
        return None if best is None else best[1]


_Closing: TypeAlias = Callable[[str, int, int], int]


def _find(text: str, start: int, end: int, names: _Names, closing: _Closing,
          call: tuple[int, int]) -> Iterator[_Raw]:
    """`_ShortcodeFinder.finditer` over ``text[start:end]``, without compiling a pattern.

    *closing(name, start, end)* is where the first ``[/name]`` in ``text[start:end]``
    begins, or -1; *call* is the range of the ``do_shortcode()`` call, where the names
    must be present.
    """
    at = start
    while (head := text.find("[", at, end)) >= 0:
        opener = "[" if text.startswith("[", head + 1, end) else ""
        name = names.at(text, head + 1 + len(opener), end, call)
        if name is None:
            at = head + 1
            continue
        name_end = head + 1 + len(opener) + len(name)
        bracket = text.find("]", name_end, end)
        if bracket < 0:
            return
        content, atts_end, stop = None, bracket, bracket + 1
        if text[bracket - 1] == "/":
            atts_end -= 1
        else:
            closer_at = closing(name, stop, end)
            if closer_at >= 0:
                content, stop = (stop, closer_at), closer_at + len(name) + 3
        closer = "]" if text.startswith("]", stop, end) else ""
        yield _Raw(head, stop + len(closer), opener, name, name_end, atts_end, bracket,
                   content, closer)
        at = stop + len(closer)


def _finding(text: str) -> _Closing:
    """*closing* for `_find` by searching *text*, remembering each name's last search."""
    closers: dict[str, tuple[int, int]] = {}

    def closing(name: str, start: int, end: int) -> int:
        # As the port's `_closing_tag`: valid while the scan moves forward.
        searched, found = closers.get(name, (-1, -1))
        if searched < 0 or start < searched or (found >= 0 and start > found):
            found = text.find(f"[/{name}]", start, end)
            closers[name] = (start, found)
        return found

    return closing


_Call: TypeAlias = tuple[_Scope, int, int, int]


class _Reader:
    """Every shortcode ``do_shortcode(text)`` hands to a handler, in call order."""

    def __init__(self, names: tuple[str, ...], ignore_html: bool) -> None:
        self.rank = {name: index for index, name in enumerate(names)}
        self.ignore_html = ignore_html

    def read(self, text: str) -> tuple[_Scope, list[_Found]]:
        """The top scope of *text* and every match, nested ones after their parent."""
        root = _Scope(text, None, 0, self.ignore_html)
        found: list[_Found] = []
        stack = [iter(self._call((root, 0, len(root.text), 0)))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                continue
            found.append(step[0])
            if step[1] is not None:
                stack.append(iter(self._call(step[1])))
        return root, found

    def _call(self, call: _Call) -> list[tuple[_Found, _Call | None]]:
        """One ``do_shortcode()`` call: the HTML pass (level 0 only), then the rest."""
        scope, start, end, level = call
        # WordPress looks for the names after some `[` in the text it is given; a nested
        # call is given text whose protected brackets are placeholders.
        if (scope.masked if level else scope.text).find("[", start, end) < 0:
            return []
        names = _Names(self.rank, scope.index(_CANDIDATE, masked=level > 0, rank=self.rank))
        if not names.present:
            return []
        steps: list[tuple[_Found, _Call | None]] = []
        if level == 0:
            for inside_start, inside_end in scope.inside:
                steps.extend(self._step(scope, raw, None) for raw in _find(
                    scope.text, inside_start, inside_end, names, _finding(scope.text),
                    (start, end)))
        closers = scope.index(_CLOSER, masked=True, rank=self.rank)

        def closing(name: str, after: int, before: int) -> int:
            return _first(closers.get(name), after, before - len(name) - 2)

        steps.extend(self._step(scope, raw, level)
                     for raw in _find(scope.masked, start, end, names, closing, (start, end)))
        return steps

    def _step(self, scope: _Scope, raw: _Raw,
              level: int | None) -> tuple[_Found, _Call | None]:
        origin = scope.origin
        escaped = raw.opener == "[" and raw.closer == "]"
        content = None if raw.content is None else (origin(raw.content[0]),
                                                    origin(raw.content[1]))
        atts = "" if escaped else scope.view(raw.name_end, raw.atts_end, level)
        attributes, positional = _wordpress_attributes(atts) if atts else ({}, [])
        start = raw.start + (0 if escaped else len(raw.opener))
        end = raw.end - (0 if escaped else len(raw.closer))
        item = _Item(raw.name, escaped, origin(start), origin(end), origin(raw.bracket + 1),
                     attributes, positional, None if escaped else content)
        call: _Call | None = None
        if not escaped and raw.content is not None and raw.content[0] < raw.content[1]:
            content_start, content_end = raw.content
            if level is None:  # a fresh do_shortcode() over part of an HTML attribute
                inner = _Scope(scope.text[content_start:content_end], scope, content_start,
                               self.ignore_html)
                call = (inner, 0, len(inner.text), 0)
            else:
                call = (scope, content_start, content_end, level + 1)
        return _Found(item, atts), call
