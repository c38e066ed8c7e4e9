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
from collections.abc import Iterable, Mapping
from typing import Final, Literal, TypeAlias, TypedDict

import attrs

# WordPress's side; the property tests import `_RENUMBER` and `_Reader` from here.
from shortcodes._compare_wordpress import _NAME_RUN, _Item
from shortcodes._compare_wordpress import _RENUMBER as _RENUMBER
from shortcodes._compare_wordpress import _Reader as _Reader
from shortcodes.diagnostics import Diagnostic
from shortcodes.nodes import Document, Escape, Shortcode
from shortcodes.parser import parse
from shortcodes.span import LineIndex, Span
from shortcodes.tokenizer import RawTag, scan_tags
from shortcodes.wordpress import _registered, is_valid_tag_name

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


# -- our reading as items ------------------------------------------------------------------


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
            start, end, open_end = source.start, source.end, source.open_end
            content = None if source.close_start < 0 else (open_end, source.close_start)
            items[start] = _Item(node.name, False, start, end, open_end, dict(node.attrs),
                                 list(node.positional), content)
            stack.extend(reversed(node.children))
        elif isinstance(node, Escape):
            tag = raw_tags[node.start + 1]
            items[node.start + 1] = _Item(tag.name, True, node.start,
                                          node.start + len(node.raw), tag.end, {}, [], None)
    return items

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
