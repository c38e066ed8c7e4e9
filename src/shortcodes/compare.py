"""Comparing with WordPress: where `parse` and WordPress read a text differently.

`wordpress_differences` reads a text twice, with the tolerant `parse` and with
WordPress 7.1's own algorithm (the port in `shortcodes.wordpress`), lines the two
readings up by the offset of each tag's ``[``, and returns a `Difference` wherever
they disagree: the name, the pairing, the attributes, or whether there is a
shortcode at all.

WordPress's reading is what ``do_shortcode(text)`` hands to the handlers, assuming:

* the registered names are *tags* (by default every name `parse` finds, in order of
  first appearance); the tolerant side is parsed with ``known=tags``;
* every enclosing handler expands its content with ``do_shortcode()``, as nearly
  all do, so shortcodes nested in content are compared too;
* the HTML pass runs as in ``do_shortcode(text)`` (``ignore_html=False`` unless
  asked otherwise): brackets inside HTML tags are protected, and shortcodes inside
  HTML attribute values are read attribute by attribute. A shortcode inside an
  HTML attribute is taken to print itself, so the text around it reads as written;
* contents are compared as raw source. WordPress encodes brackets inside HTML tags
  (``&#91;``) in the content it hands over and decodes them when it prints, so that
  is not counted; attribute values are compared exactly as a handler receives them.

Invariants: `wordpress_differences` never raises on a ``str``; every span is
inside the text; time is linear in the length of the text for each level of
nesting WordPress pairs (it reads each level's content again, as WordPress does),
and nothing recurses.

.. versionadded:: 0.1
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Final, Literal, NamedTuple, TypeAlias, TypedDict

import attrs
import regex

from shortcodes._kses import ascii_lower, wp_kses_attr_parse
from shortcodes.diagnostics import Diagnostic
from shortcodes.nodes import Document, Escape, Shortcode
from shortcodes.parser import parse
from shortcodes.span import LineIndex, Span
from shortcodes.tokenizer import RawTag, scan_tags
from shortcodes.wordpress import (
    _ATTS,
    _ATTS_SPACES,
    _CANDIDATE,
    _TAG_IN_ELEMENT_NAME,
    _registered,
    is_valid_tag_name,
    php_array_key,
    shortcode_parse_atts,
    wp_html_split,
)

__all__ = ["Difference", "Kind", "Reading", "wordpress_differences"]

#: What differs: ``"name"`` (WordPress reads another name at the same ``[``),
#: ``"structure"`` (same tag, paired or escaped differently), ``"attributes"`` (same
#: tag, other attribute or positional values), ``"not-a-shortcode"`` (one side reads
#: a shortcode, or an escape, where the other reads something else).
Kind: TypeAlias = Literal["name", "structure", "attributes", "not-a-shortcode"]


class Reading(TypedDict):
    """What one side reads at a place, JSON-ready.

    For an escape (``[[name]]``, printed as text) ``attrs`` and ``positional`` are
    empty and ``content`` is ``None``.

    .. versionadded:: 0.1
    """

    #: The name, as written.
    name: str
    #: Whether it is an escaped shortcode, which WordPress prints as text.
    escaped: bool
    #: Cooked named attributes (names lower-cased).
    attrs: dict[str, str]
    #: Cooked positional values, in order.
    positional: list[str]
    #: Raw text between the opening and the closing tag, or ``None`` without one.
    content: str | None
    #: Where this side's shortcode (or escape) is: `Span.to_json` form.
    span: dict[str, dict[str, int]]


_HINTS: Final[Mapping[str, str]] = {
    "name": "end the name with a space, `/]` or `]`, and do not register a name that "
            "begins another one",
    "structure": "close every enclosing shortcode with its own closing tag, and do not "
                 "nest a shortcode in one of the same name",
    "attributes": 'write each attribute as name="value" with straight quotes, separated '
                  "by plain spaces",
    "not-a-shortcode": "write the tag as `[name attributes]` with a plain space after the "
                       "name, outside HTML tags",
}


@attrs.frozen(kw_only=True)
class Difference:
    """One place where `parse` and WordPress read a text differently.

    .. versionadded:: 0.1
    """

    #: What differs.
    kind: Kind
    #: The tag's name (as read here, or by WordPress when it is text here).
    name: str
    #: The tag (or escape) in the text: as read here, or by WordPress when it is text here.
    span: Span
    #: What `parse` reads there, or ``None`` for text.
    ours: Reading | None = attrs.field(hash=False)
    #: What WordPress hands to a handler there, or ``None`` for text.
    wordpress: Reading | None = attrs.field(hash=False)
    #: Sentences saying what differs, such as "`region` is `EG` here and `”EG”` in WordPress".
    details: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        """One sentence saying what differs, with names in backticks."""
        return _message(self)

    def to_diagnostic(self) -> Diagnostic:
        """Return the difference as an ``SC309`` (wordpress-difference) diagnostic."""
        return Diagnostic("SC309", self.message, self.span, hint=_HINTS[self.kind])

    def to_json(self) -> dict[str, object]:
        """Return the difference as a JSON-ready dict (documented in ``docs/json-format.md``)."""
        return {"kind": self.kind, "name": self.name, "message": self.message,
                "span": self.span.to_json(), "ours": self.ours, "wordpress": self.wordpress,
                "details": list(self.details)}


def wordpress_differences(text: str, /, *, tags: Iterable[str] | None = None,
                          ignore_html: bool = False) -> tuple[Difference, ...]:
    """Where `parse` and WordPress's ``do_shortcode()`` read *text* differently.

    Args:
        text: The content to read.
        tags: The names registered in WordPress, in registration order (it matters
            when one name begins another). By default every name `parse` finds in
            *text*, in order of first appearance. The tolerant side is parsed with
            ``known=tags``.
        ignore_html: Read as ``do_shortcode(text, ignore_html=True)``: shortcodes
            inside HTML tags stay text.

    Returns:
        The differences in source order (by the offset of each tag's ``[``).

    Raises:
        TypeError: *text* is not a ``str``, or *tags* is a single ``str``.
        ValueError: a name in *tags* is one WordPress's ``add_shortcode()`` refuses.

    >>> diff, = wordpress_differences('[card region=”EG” size="10"]')
    >>> diff.kind, diff.details
    ('attributes', ('`region` is `EG` here and `”EG”` in WordPress',))

    .. versionadded:: 0.1
    """
    if not isinstance(text, str):
        raise TypeError(f"wordpress_differences() needs a str, not {type(text).__name__}")
    if isinstance(tags, str):
        raise TypeError("`tags` takes an iterable of names, not one str")
    raw_tags = scan_tags(text)
    if tags is None:
        names = tuple(dict.fromkeys(tag.name for tag in raw_tags if tag.body is not None
                                    and is_valid_tag_name(tag.name)))
    else:
        names = _registered(tags)
    document = parse(text, known=names)
    context = _Context(text, document, raw_tags, names, ignore_html)
    found = []
    for key in sorted(context.ours.keys() | context.wordpress.keys()):
        difference = _difference(context, context.ours.get(key), context.wordpress.get(key))
        if difference is not None:
            found.append(difference)
    return tuple(found)


# -- both readings as items ----------------------------------------------------------------


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


def _our_items(document: Document, raw_tags: Mapping[int, RawTag]) -> dict[int, _Item]:
    """Every shortcode and escape of *document*, by key, found without recursion."""
    items: dict[int, _Item] = {}
    stack = list(reversed(document.children))
    while stack:
        node = stack.pop()
        if isinstance(node, Shortcode):
            # Offsets straight from the parse: a `span` builds two validated positions,
            # which took a quarter of the time on 100,000 tags.
            source = node._source
            assert source is not None  # a parsed node
            start, end = source.start, source.end
            open_end = start + len(source.raw_open)
            close = source.raw_close
            content = None if close is None else (open_end, end - len(close))
            items[start] = _Item(node.name, False, start, end, open_end, dict(node.attrs),
                                 list(node.positional), content)
            stack.extend(reversed(node.children))
        elif isinstance(node, Escape):
            tag = raw_tags[node.start + 1]
            items[node.start + 1] = _Item(tag.name, True, node.start,
                                          node.start + len(node.raw), tag.end, {}, [], None)
    return items


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


# -- lining the readings up --------------------------------------------------------------------


class _Context:
    """Both readings of one text, by key, and what the explanations look up."""

    def __init__(self, text: str, document: Document, raw_tags: list[RawTag],
                 names: tuple[str, ...], ignore_html: bool) -> None:
        self.text = text
        self.index: LineIndex = document.line_index
        self.raw_tags = {tag.start: tag for tag in raw_tags}
        self.registered = frozenset(names)
        self.ignore_html = ignore_html
        self.ours = _our_items(document, self.raw_tags)
        self.root, found = _Reader(names, ignore_html).read(text)
        self.wordpress = {match.item.key: match.item for match in found}
        self._sorted: dict[bool, tuple[list[int], list[_Item]]] = {}
        self._elements: list[tuple[int, int]] | None = None

    def before(self, offset: int, *, wordpress: bool) -> _Item | None:
        """The item of one side that starts last before *offset*."""
        if wordpress not in self._sorted:
            items = sorted((self.wordpress if wordpress else self.ours).values(),
                           key=lambda item: item.start)
            self._sorted[wordpress] = ([item.start for item in items], items)
        starts, items = self._sorted[wordpress]
        index = bisect.bisect_left(starts, offset)
        return items[index - 1] if index else None

    def element_at(self, offset: int) -> str | None:
        """The HTML tag holding brackets that *offset* is in, if any."""
        if self._elements is None:
            origin = self.root.origin
            self._elements = [(origin(start), origin(end)) for start, end in self.root.elements]
        index = bisect.bisect_left(self._elements, (offset, offset))
        if index and offset < self._elements[index - 1][1]:
            start, end = self._elements[index - 1]
            return self.text[start:end]
        return None

    def reading(self, item: _Item | None) -> Reading | None:
        if item is None:
            return None
        content = None if item.content is None else self.text[item.content[0]:item.content[1]]
        return Reading(name=item.name, escaped=item.escaped, attrs=dict(item.attrs),
                       positional=list(item.positional), content=content,
                       span=self.index.span(item.start, item.end).to_json())


def _difference(context: _Context, ours: _Item | None, wp: _Item | None) -> Difference | None:
    kind: Kind
    if ours is None or wp is None or ours.escaped != wp.escaped:
        kind, details = "not-a-shortcode", _presence_details(context, ours, wp)
    elif ours.name != wp.name:
        kind, details = "name", _tag_details(context, ours, wp)
    elif (ours.end, ours.content) != (wp.end, wp.content):
        kind, details = "structure", _tag_details(context, ours, wp)
    elif ours.attrs != wp.attrs or ours.positional != wp.positional:
        kind, details = "attributes", _tag_details(context, ours, wp)
    else:
        return None
    main = ours if ours is not None else wp
    assert main is not None
    return Difference(kind=kind, name=main.name, span=context.index.span(main.start, main.end),
                      ours=context.reading(ours), wordpress=context.reading(wp),
                      details=details)


# -- explanations --------------------------------------------------------------------------------


def _code(value: str) -> str:
    """*value* in backticks, or as a Python literal when backticks would hide something."""
    if value and value.isprintable() and "`" not in value:
        return f"`{value}`"
    return repr(value)


def _snippet(value: str, limit: int = 40) -> str:
    return _code(value if len(value) <= limit else value[:limit - 1] + "…")


def _what(reading: Mapping[str, object] | None) -> str:
    if reading is None:
        return "text"
    return "an escaped shortcode, printed as text," if reading["escaped"] else "a shortcode"


def _presence_details(context: _Context, ours: _Item | None,
                      wp: _Item | None) -> tuple[str, ...]:
    details = []
    if wp is not None and not wp.escaped and wp.content is not None:
        details.append(f"in WordPress it {_extent(context, wp)}")
    if wp is None and ours is not None:
        details.append(_why_not_in_wordpress(context, ours))
    elif ours is None and wp is not None:
        details.append(_why_not_here(context, wp))
    return tuple(detail for detail in details if detail)


def _why_not_in_wordpress(context: _Context, ours: _Item) -> str:
    key = ours.key
    before = context.before(key, wordpress=True)
    if before is not None and before.escaped and key < before.end:
        escape = _snippet(context.text[before.start:before.end])
        return f"WordPress reads it as part of the escape {escape}"
    if before is not None and key < before.open_end:
        return (f"WordPress reads it as part of the opening tag of `[{before.name}]`, which "
                "runs to the first `]`")
    element = context.element_at(key)
    if element is not None:
        where = ("which WordPress leaves alone with `ignore_html`" if context.ignore_html
                 else "where WordPress reads shortcodes only in attribute values")
        return f"it is inside the HTML tag {_snippet(element)}, {where}"
    run = _NAME_RUN.match(context.text, key + 1)
    if run is not None and run.group() != ours.name:
        return (f"WordPress reads the name after `[` as {_code(run.group())}, and looks only "
                "for names written like that somewhere in the text")
    return ""


def _why_not_here(context: _Context, wp: _Item) -> str:
    key = wp.key
    before = context.before(key, wordpress=False)
    if before is not None and before.escaped and key < before.end:
        escape = _snippet(context.text[before.start:before.end])
        return f"here it is part of the escape {escape}"
    tag = context.raw_tags.get(key)
    if tag is not None and tag.body is not None and tag.name not in context.registered:
        return f"here the tag's name is {_code(tag.name)}, which is not registered"
    return ("here it is not a tag: a tag cannot contain `[` or `]`, and its name must be "
            "followed by a space, `/]` or `]`")


def _tag_details(context: _Context, ours: _Item, wp: _Item) -> tuple[str, ...]:
    details = []
    if ours.name != wp.name:
        details.append(f"the name is {_code(ours.name)} here and {_code(wp.name)} in WordPress")
    if (ours.end, ours.content) != (wp.end, wp.content):
        if ours.escaped:
            details.append(f"the escape is {_snippet(context.text[ours.start:ours.end])} here "
                           f"and {_snippet(context.text[wp.start:wp.end])} in WordPress")
        else:
            details.append(f"`[{ours.name}]` {_extent(context, ours)} here and "
                           f"{_extent(context, wp)} in WordPress")
    for key in dict.fromkeys([*ours.attrs, *wp.attrs]):
        here, there = ours.attrs.get(key), wp.attrs.get(key)
        if here != there:
            details.append(f"{_code(key)} is {_value(here)} here and {_value(there)} in "
                           "WordPress")
    if ours.positional != wp.positional:
        details.append(f"the positional values are {_values(ours.positional)} here and "
                       f"{_values(wp.positional)} in WordPress")
    return tuple(details)


def _extent(context: _Context, item: _Item) -> str:
    if item.content is None:
        return "has no closing tag"
    start, end = item.content
    closer = context.index.position(end)
    return (f"encloses {_snippet(context.text[start:end])}, closed at "
            f"{closer.line}:{closer.column}")


def _value(value: str | None) -> str:
    return "not set" if value is None else _code(value)


def _values(values: list[str]) -> str:
    return ", ".join(_code(value) for value in values) if values else "none"


def _message(difference: Difference) -> str:
    ours, wp, name = difference.ours, difference.wordpress, difference.name
    if difference.kind == "not-a-shortcode" or ours is None or wp is None:
        return f"`[{name}]` is {_what(ours)} here and {_what(wp)} in WordPress"
    if difference.kind == "name":
        return f"WordPress reads this tag as `[{wp['name']}]`, not `[{ours['name']}]`"
    if difference.kind == "structure":
        if ours["escaped"]:
            return f"WordPress escapes a different stretch of text at `[[{name}]]`"
        if ours["content"] is None:
            return f"WordPress reads `[{name}]` as enclosing the text up to a later `[/{name}]`"
        if wp["content"] is None:
            return f"WordPress reads `[{name}]` as standalone, without a closing tag"
        return f"WordPress closes `[{name}]` at a different `[/{name}]`"
    here, there = ours["attrs"], wp["attrs"]
    count = sum(1 for key in {**here, **there} if here.get(key) != there.get(key))
    values = f"{count} attribute value{'s' if count != 1 else ''}"
    if ours["positional"] != wp["positional"]:
        values = f"{values} and the positional values" if count else "the positional values"
    return f"WordPress reads {values} of `[{name}]` differently"
