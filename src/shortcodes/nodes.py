"""The document tree: `Document`, `Text`, `Escape`, `Shortcode` and `Attribute`.

Invariants:

* Nodes are immutable; edits return changed copies (``with_*``/``without_*``
  methods, `Document.replace`).
* Lossless: every node prints back its exact source with ``to_source()``; a
  parsed document prints back the text it was parsed from, byte for byte.
* Raw beside cooked: a `Shortcode` keeps its exact opening and closing tags and an
  `Attribute` its exact quotes and surrounding whitespace, while ``attrs``,
  ``positional`` and ``Attribute.value`` hold the cooked values (smart quotes
  and texturizer damage undone, backslashes resolved as WordPress resolves them).
* A node built or changed by an edit has no raw text, so the printer writes it in
  canonical WordPress form (double quotes, single spaces); untouched nodes print
  their raw text. Such nodes have no ``span``.
* Parsed nodes read their attributes lazily, on first access, so parsing costs
  little more than finding the tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, TypeAlias, Union

import attrs
import regex

from shortcodes._cook import cook
from shortcodes.span import LineIndex, Span
from shortcodes.tokenizer import (
    DOUBLE_QUOTE,
    SINGLE_QUOTE,
    AttributeRecord,
    cook_any_attributes,
    cook_attributes,
    is_texturized,
    scan_attributes,
)

if TYPE_CHECKING:
    from shortcodes.diagnostics import Diagnostic

__all__ = ["Attribute", "Document", "Escape", "Node", "Shortcode", "Text"]


def _span(index: LineIndex | None, start: int, end: int) -> Span | None:
    return None if index is None or start < 0 else index.span(start, end)


@attrs.frozen(eq=False, repr=False, weakref_slot=False)
class Text:
    """Plain text between shortcodes, exactly as written.

    A parsed text node does not copy its text: it reads it from the source on
    access, so a document costs little more memory than its input.

    .. versionadded:: 0.1
    """

    _raw: str | None = attrs.field(alias="raw")
    #: Offset in the source, or -1 for a node built by hand.
    start: int = -1
    _index: LineIndex | None = attrs.field(default=None, alias="index")
    _end: int = attrs.field(default=-1, alias="end")

    @property
    def raw(self) -> str:
        """The exact text."""
        raw = self._raw
        if raw is None:
            assert self._index is not None
            return self._index.text[self.start : self._end]
        return raw

    @property
    def span(self) -> Span | None:
        """Where the text is in the source (``None`` for a node built by hand)."""
        return _span(self._index, self.start, self.start + len(self.raw))

    def to_source(self) -> str:
        """Return the exact text."""
        return self.raw

    def __eq__(self, other: object) -> bool:
        # Text nodes are equal when their text is; positions do not count.
        if not isinstance(other, Text):
            return NotImplemented
        return self.raw == other.raw

    def __hash__(self) -> int:
        return hash((Text, self.raw))

    def __repr__(self) -> str:
        return f"Text({self.raw!r}, start={self.start})"


@attrs.frozen
class Escape:
    """An escaped shortcode such as ``[[gallery]]``, which WordPress prints as text.

    .. versionadded:: 0.1
    """

    #: The exact source, doubled brackets included.
    raw: str
    #: Offset in the source, or -1 for a node built by hand.
    start: int = attrs.field(default=-1, eq=False)
    _index: LineIndex | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def value(self) -> str:
        """What WordPress prints: the source without its outer brackets.

        >>> Escape("[[gallery]]").value
        '[gallery]'
        """
        return self.raw[1:-1]

    @property
    def span(self) -> Span | None:
        """Where the escape is in the source (``None`` for a node built by hand)."""
        return _span(self._index, self.start, self.start + len(self.raw))

    def to_source(self) -> str:
        """Return the exact source."""
        return self.raw


def _lower_name(name: str | None) -> str | None:
    return None if name is None else name.lower()


def _node_tuple(nodes: Iterable[Node]) -> tuple[Node, ...]:
    return tuple(nodes)


def _attribute_tuple(attributes: Iterable[Attribute] | None) -> tuple[Attribute, ...] | None:
    return None if attributes is None else tuple(attributes)




def _escaped_quote(match: regex.Match[str]) -> str:
    """A quote character or entity written so that `stripcslashes` gives it back."""
    quote = match.group()
    if quote.startswith("&"):
        return "\\x26" + quote[1:]
    return "".join(f"\\x{byte:02x}" for byte in quote.encode("utf-8"))


@attrs.frozen(kw_only=True)
class Attribute:
    """One attribute of a shortcode: ``key="value"``, ``key=value`` or positional ``"value"``.

    Hand-built attributes print in canonical form:

    >>> Attribute(name="Region", value="EG").to_source()
    ' region="EG"'
    >>> Attribute(name=None, value="https://example.com/a.mp3").to_source()
    ' "https://example.com/a.mp3"'

    .. versionadded:: 0.1
    """

    #: The cooked (lower-cased) name, or ``None`` for a positional value.
    name: str | None = attrs.field(converter=_lower_name)
    #: The cooked value: what a handler receives.
    value: str
    #: The name exactly as written (``None`` for positional values and hand-built ones).
    raw_name: str | None = None
    #: The value exactly as written between the quotes.
    raw_value: str | None = None
    #: The opening quote exactly as written (``'"'``, ``'”'``, ``'&#8221;'``, or ``''``).
    open_quote: str | None = None
    #: The closing quote exactly as written.
    close_quote: str | None = None
    #: The text between the name and the value: ``=`` with any spaces around it.
    equals: str | None = None
    #: The separator text before the attribute.
    leading: str = " "
    #: Offset in the source, or -1 for a node built by hand.
    start: int = attrs.field(default=-1, eq=False)
    #: Offset one past the attribute in the source.
    end: int = attrs.field(default=-1, eq=False)
    _index: LineIndex | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def is_positional(self) -> bool:
        """Whether this is a positional value (no name)."""
        return self.name is None

    @property
    def raw(self) -> str | None:
        """The exact source text of the attribute (without ``leading``), if parsed."""
        if self.raw_value is None:
            return None
        return ((self.raw_name or "") + (self.equals or "") + (self.open_quote or "")
                + self.raw_value + (self.close_quote or ""))

    @property
    def span(self) -> Span | None:
        """Where the attribute is in the source (``None`` for a node built by hand)."""
        return _span(self._index, self.start, self.end)

    def canonical(self) -> str:
        r"""The attribute in canonical WordPress form, without leading space.

        Double quotes, or single quotes when the value holds a double quote. Since
        WordPress applies ``stripcslashes()`` to values, a backslash is written
        ``\\``, a quote that matches the delimiters ``\x22`` or ``\x27``, and the
        ``&`` of ``&#`` as ``\x26``, so that the value reads back exactly.

        >>> print(Attribute(name="t", value='say "hi"').canonical())
        t='say "hi"'
        >>> print(Attribute(name="t", value="it's " + '"x"').canonical())
        t="it's \x22x\x22"
        """
        value = self.value.replace("\\", "\\\\").replace("&#", "\\x26#")
        if DOUBLE_QUOTE.search(value) is None:
            quote = '"'
        elif SINGLE_QUOTE.search(value) is None:
            quote = "'"
        else:  # both kinds: escape the double ones
            quote, value = '"', DOUBLE_QUOTE.sub(_escaped_quote, value)
        if self.name is None:
            return f"{quote}{value}{quote}"
        return f"{self.name}={quote}{value}{quote}"

    def to_source(self) -> str:
        """Print the attribute with its leading separator, raw when parsed."""
        raw = self.raw
        return self.leading + (raw if raw is not None else self.canonical())


class _Source(NamedTuple):
    """Where a parsed shortcode came from (internal; a tuple for speed).

    Offsets into ``line_index.text``, the parsed text: the raw tags are read from it
    on demand rather than copied, which saved a slice per tag (two for an enclosing
    shortcode) and, on page-builder posts, whose text is mostly tags, a copy of most
    of the input.
    """

    #: Where the shortcode starts (its opening tag) and ends (after its closing tag).
    start: int
    end: int
    #: One past the opening tag.
    open_end: int
    #: Where the closing tag starts, or -1 without one.
    close_start: int
    #: Where the attribute text starts (after the name).
    body_offset: int
    line_index: LineIndex
    #: False once an edit has moved the node: the raw tags still read right, but the
    #: offsets no longer describe where the node is.
    placed: bool = True

    @property
    def raw_open(self) -> str:
        """The opening tag exactly as written."""
        return self.line_index.text[self.start : self.open_end]

    @property
    def raw_close(self) -> str | None:
        """The closing tag exactly as written, or ``None``."""
        return None if self.close_start < 0 else self.line_index.text[self.close_start : self.end]

    @property
    def body(self) -> str:
        """The attribute text: the opening tag without its name, ``/`` and ``]``."""
        text, end = self.line_index.text, self.open_end - 1
        return text[self.body_offset : end - 1 if text[end - 1] == "/" else end]


def _attribute_from(record: AttributeRecord, value: str, source: _Source | None) -> Attribute:
    offset = source.body_offset if source is not None else 0
    known = source is not None and source.placed
    return Attribute(
        name=record.key or None, value=value, raw_name=record.key or None,
        raw_value=record.value, open_quote=record.open_quote, close_quote=record.close_quote,
        equals=record.equals, leading=record.leading,
        start=offset + record.start if known else -1,
        end=offset + record.end if known else -1,
        index=source.line_index if source is not None else None,
    )


@attrs.frozen(kw_only=True, eq=False, weakref_slot=False)
class Shortcode:
    """A shortcode: ``[name attrs]``, ``[name attrs /]`` or ``[name attrs]content[/name]``.

    >>> from shortcodes import parse
    >>> card = next(parse('[card region=”EG” rtl=true]').shortcodes())
    >>> card.name, dict(card.attrs), card.positional, card.content
    ('card', {'region': 'EG', 'rtl': 'true'}, (), None)

    .. versionadded:: 0.1
    """

    #: The name exactly as written (names are case-sensitive).
    name: str
    _attributes: tuple[Attribute, ...] | None = attrs.field(
        default=None, converter=_attribute_tuple)
    #: The nodes between the opening and the closing tag.
    children: tuple[Node, ...] = attrs.field(default=(), converter=_node_tuple)
    #: Whether the shortcode has a closing tag (``[/name]``).
    enclosing: bool = False
    #: Whether the opening tag ends in ``/]``.
    self_closing: bool = False
    _trailing: str | None = attrs.field(default=None, repr=False)
    _source: _Source | None = attrs.field(default=None, repr=False, eq=False)
    _cache: dict[str, object] = attrs.field(factory=dict, init=False, repr=False, eq=False)
    # The cooked (attrs, positional) pair, read by every caller of `attrs`: a slot of
    # its own, not a `_cache` entry, whose first key costs a hash table (about 170
    # bytes a shortcode; 0.07 of the benchmark's worst typical post per shortcode).
    _cooked_pair: tuple[dict[str, str], tuple[str, ...]] | None = attrs.field(
        default=None, init=False, repr=False, eq=False)

    def __eq__(self, other: object) -> bool:
        # Shortcodes are equal when they print the same; positions do not count.
        if not isinstance(other, Shortcode):
            return NotImplemented
        return self is other or (self.name == other.name and self.to_source() == other.to_source())

    def __hash__(self) -> int:
        return hash((Shortcode, self.name, self.to_source()))

    # -- cooked attributes ----------------------------------------------------------

    def _cooked(self) -> tuple[dict[str, str], tuple[str, ...]]:
        cached = self._cooked_pair
        if cached is None:
            source = self._source
            if self._attributes is None and source is not None:
                # `_Source.body`, inlined: a property call per shortcode.
                text, end = source.line_index.text, source.open_end - 1
                body = text[source.body_offset : end - 1 if text[end - 1] == "/" else end]
                if not body:
                    cached = _NO_ATTRIBUTES
                else:
                    cached = cook_attributes(body)
                    if cached is None:
                        cached = cook_any_attributes(body)
            if cached is None:
                named: dict[str, str] = {}
                positional = []
                for attribute in self.attributes:
                    if attribute.name is None:
                        # WordPress drops empty quoted positional values ("" and ''),
                        # and a hand-built one prints as "".
                        if attribute.raw_value is None:
                            if attribute.value:
                                positional.append(attribute.value)
                        elif attribute.raw_value or not attribute.open_quote:
                            positional.append(attribute.value)
                    elif attribute.name != "0":  # PHP's empty("0") skips this key
                        named[attribute.name] = attribute.value
                cached = (named, tuple(positional))
            _set_cooked_pair(self, cached)
        return cached

    @property
    def attrs(self) -> Mapping[str, str]:
        """Cooked named attributes, in source order (a repeated name keeps its
        first position and its last value, as in WordPress)."""
        return MappingProxyType(self._cooked()[0])

    @property
    def positional(self) -> tuple[str, ...]:
        """Cooked positional values, in source order."""
        cached = self._cooked_pair  # read after `attrs` as a rule: skip the call
        return (self._cooked() if cached is None else cached)[1]

    def _scanned(self) -> tuple[tuple[AttributeRecord, ...], str]:
        cached = self._cache.get("scanned")
        if cached is None:
            assert self._source is not None
            cached = scan_attributes(self._source.body)
            self._cache["scanned"] = cached
        return cached  # type: ignore[return-value]

    @property
    def attributes(self) -> tuple[Attribute, ...]:
        """Every attribute, named and positional, with raw text and positions."""
        if self._attributes is not None:
            return self._attributes
        cached = self._cache.get("attributes")
        if cached is None:
            if self._source is None:
                cached = ()
            else:
                records = self._scanned()[0]
                texturized = is_texturized(records, self._source.body)
                cached = tuple(_attribute_from(r, cook(r.value, texturized), self._source)
                               for r in records)
            self._cache["attributes"] = cached
        return cached  # type: ignore[return-value]

    @property
    def trailing(self) -> str:
        """Separator text after the last attribute, before ``/]`` or ``]``."""
        if self._trailing is not None:
            return self._trailing
        if self._source is None:
            return " " if self.self_closing else ""
        return self._scanned()[1]

    # -- raw text and positions ------------------------------------------------------

    @property
    def open_tag(self) -> str:
        """The opening tag: exact when parsed, canonical when built or edited."""
        if self._source is not None and self._attributes is None:
            return self._source.raw_open
        attributes = "".join(a.to_source() for a in self.attributes)
        return f"[{self.name}{attributes}{self.trailing}{'/' if self.self_closing else ''}]"

    @property
    def close_tag(self) -> str | None:
        """The closing tag, or ``None`` when the shortcode does not enclose content."""
        if not self.enclosing:
            return None
        raw = None if self._source is None else self._source.raw_close
        return f"[/{self.name}]" if raw is None else raw

    @property
    def content(self) -> str | None:
        """The raw text between the tags, or ``None`` when not enclosing."""
        if not self.enclosing:
            return None
        source = self._source
        if source is not None and source.placed and source.close_start >= 0:
            # Parsed and untouched: a slice of the source, whatever the depth.
            return source.line_index.text[source.open_end : source.close_start]
        return "".join(_iter_source(self.children))

    @property
    def span(self) -> Span | None:
        """Where the shortcode is, closing tag included (``None`` when built or edited)."""
        source = self._source
        if source is None or not source.placed:
            return None
        return source.line_index.span(source.start, source.end)

    def to_source(self) -> str:
        """Print the shortcode, exact where untouched."""
        return "".join(_iter_source((self,)))

    def shortcodes(self) -> Iterator[Shortcode]:
        """Iterate depth-first over the shortcodes inside this one (not itself)."""
        return _iter_shortcodes(self.children)

    def shortcodes_direct(self) -> Iterator[Shortcode]:
        """Iterate over the shortcodes directly inside this one, not deeper."""
        return (node for node in self.children if isinstance(node, Shortcode))

    # -- edits ------------------------------------------------------------------------

    def _edited(self, **changes: object) -> Shortcode:
        """A copy whose opening tag prints canonically; the closing tag keeps its raw
        text unless the name changes."""
        attributes = changes.pop("attributes", self.attributes)
        source = self._source
        if attributes is not self.attributes and source is not None and (
                is_texturized(self._scanned()[0], source.body)
                or any(record.problems or (not record.open_quote and _has_quote(record.value))
                       for record in self._scanned()[0])):
            # Raw attributes of a texturized tag are read through the texturizer's
            # lens, and a malformed one (an unclosed quote, say) can swallow what
            # follows it, as can an unquoted value holding a quote (`k=&quot;x`
            # reads as a bare value until a later `"` closes that quote); once the
            # tag changes, none of them reads safely as it was, so every attribute
            # is written canonically.
            attributes = tuple(
                a if a.raw is None else Attribute(name=a.name, value=a.value, leading=" ")
                for a in attributes)  # type: ignore[attr-defined]
        fields: dict[str, object] = {
            "name": self.name, "attributes": attributes, "children": self.children,
            "enclosing": self.enclosing, "self_closing": self.self_closing,
            "trailing": self.trailing,
            "source": None if "name" in changes else _detached(self._source),
        }
        fields.update(changes)
        return Shortcode(**fields)  # type: ignore[arg-type]

    def with_attribute(self, name: str, value: str) -> Shortcode:
        """Return a copy with attribute *name* set to *value*.

        An existing attribute keeps its place (a repeated one collapses into its
        first occurrence); a new one is appended. The opening tag is reprinted;
        untouched attributes keep their raw text, and so does the closing tag.

        >>> from shortcodes import parse
        >>> sc = next(parse("[a  x='1'  y=2]z[/a ]").shortcodes())
        >>> print(sc.with_attribute("Y", "3").to_source())
        [a  x='1'  y="3"]z[/a ]

        In a tag WordPress's texturizer curled, every attribute is rewritten, since
        the raw ones only read right beside curled quotes:

        >>> sc = next(parse("[a x=”1″ t=”it’s”]").shortcodes())
        >>> print(sc.with_attribute("x", "2").to_source())
        [a x="2" t="it's"]
        """
        key = name.lower()
        new = Attribute(name=key, value=value)
        result: list[Attribute] = []
        for attribute in self.attributes:
            if attribute.name == key:
                if new is not None:
                    result.append(attrs.evolve(new, leading=attribute.leading))
                    new = None  # type: ignore[assignment]
                continue
            result.append(attribute)
        if new is not None:
            result.append(new)
        return self._edited(attributes=tuple(result))

    def without_attribute(self, name: str) -> Shortcode:
        """Return a copy without attribute *name* (every occurrence).

        Raises:
            KeyError: if the shortcode has no such attribute.
        """
        key = name.lower()
        kept = tuple(a for a in self.attributes if a.name != key)
        if len(kept) == len(self.attributes):
            raise KeyError(f"`{self.name}` has no attribute `{key}`")
        return self._edited(attributes=kept)

    def with_attribute_renamed(self, old: str, new: str) -> Shortcode:
        """Return a copy with attribute *old* renamed to *new*, value kept.

        Raises:
            KeyError: if the shortcode has no such attribute.
        """
        key = old.lower()
        if key not in self.attrs:
            raise KeyError(f"`{self.name}` has no attribute `{key}`")
        renamed = tuple(
            Attribute(name=new, value=a.value, leading=a.leading) if a.name == key else a
            for a in self.attributes)
        return self._edited(attributes=renamed)

    def with_name(self, name: str) -> Shortcode:
        """Return a copy renamed to *name*; both tags are reprinted."""
        return self._edited(name=name)

    def with_children(self, children: Iterable[Node]) -> Shortcode:
        """Return a copy enclosing *children*; its tags keep their raw text."""
        return attrs.evolve(self, children=tuple(children), enclosing=True,
                            source=_detached(self._source))


_NO_ATTRIBUTES: tuple[dict[str, str], tuple[str, ...]] = ({}, ())


def _has_quote(value: str) -> bool:
    """Whether *value* holds a quote character or entity of either kind."""
    return DOUBLE_QUOTE.search(value) is not None or SINGLE_QUOTE.search(value) is not None


def _detached(source: _Source | None) -> _Source | None:
    """Keep the raw tags of *source* but forget its (now stale) positions."""
    return None if source is None else source._replace(placed=False)


#: Any node of the tree below a `Document`.
Node: TypeAlias = Union[Text, Escape, Shortcode]  # noqa: UP007 (runtime alias on 3.10)


def _iter_source(nodes: Iterable[Node]) -> Iterator[str]:
    """Yield the source pieces of *nodes* without recursion (depth is unbounded)."""
    stack: list[Iterator[Node] | str] = [iter(nodes)]
    while stack:
        top = stack[-1]
        if isinstance(top, str):
            stack.pop()
            yield top
            continue
        node = next(top, None)
        if node is None:
            stack.pop()
        elif isinstance(node, Shortcode):
            yield node.open_tag
            close = node.close_tag
            if close is not None:
                stack.append(close)
            if node.children:
                stack.append(iter(node.children))
        else:
            yield node.raw


def _iter_shortcodes(nodes: Iterable[Node]) -> Iterator[Shortcode]:
    """Depth-first, in document order, without recursion."""
    stack: list[Iterator[Node]] = [iter(nodes)]
    while stack:
        for node in stack[-1]:
            if type(node) is Shortcode:
                yield node
                if node.children:
                    stack.append(iter(node.children))
                    break
        else:
            stack.pop()


@attrs.frozen(weakref_slot=False)
class Document:
    """A parsed text: its top-level nodes and its diagnostics.

    .. versionadded:: 0.1
    """

    #: Top-level nodes, in source order.
    children: tuple[Node, ...] = attrs.field(converter=_node_tuple)
    _text: str | None = attrs.field(default=None, repr=False, eq=False)
    _structural: tuple[Diagnostic, ...] = attrs.field(default=(), repr=False, eq=False)
    _index: LineIndex | None = attrs.field(default=None, repr=False, eq=False)
    # (known, enclosing, max_depth) of the parse that made this document, if any.
    _options: tuple[frozenset[str] | None, frozenset[str], int] | None = attrs.field(
        default=None, repr=False, eq=False)
    _cache: dict[str, object] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every problem found, in source order (attribute problems are read lazily)."""
        cached = self._cache.get("diagnostics")
        if cached is None:
            from shortcodes._attribute_check import attribute_diagnostics

            found = list(self._structural)
            for shortcode in self.shortcodes():
                found.extend(attribute_diagnostics(shortcode))
            found.sort(key=lambda d: (d.span.start.offset, d.span.end.offset))
            cached = tuple(found)
            self._cache["diagnostics"] = cached
        return cached  # type: ignore[return-value]

    @property
    def line_index(self) -> LineIndex:
        """Line and column lookup for the source text."""
        if self._index is None:
            return LineIndex(self.to_source())
        return self._index

    def to_source(self) -> str:
        """Print the document; a parsed, unedited document gives back its input exactly."""
        if self._text is not None:
            return self._text
        return "".join(_iter_source(self.children))

    def shortcodes(self) -> Iterator[Shortcode]:
        """Iterate depth-first (document order) over every shortcode, nested ones included."""
        return _iter_shortcodes(self.children)

    def top_shortcodes(self) -> Iterator[Shortcode]:
        """Iterate over the top-level shortcodes only."""
        return (node for node in self.children if isinstance(node, Shortcode))

    def replace(self, target: Node, /, *replacements: Node) -> Document:
        """Return a copy with *target* (found by identity) replaced by *replacements*.

        With no replacements the node is removed; ``replace(sc, *sc.children)``
        unwraps a shortcode. Everything else prints exactly as before, and the result
        is parsed again (with the options this document was parsed with), so its
        positions and diagnostics describe the new text.

        Raises:
            ValueError: if *target* is not in this document.
        """
        path = _path_to(self.children, target)
        if path is None:
            raise ValueError("the node to replace is not in this document")
        children: tuple[Node, ...] = tuple(replacements)
        for parent, index in reversed(path):
            siblings = self.children if parent is None else parent.children
            children = (*siblings[:index], *children, *siblings[index + 1 :])
            if parent is not None:
                children = (parent.with_children(children),)
        from shortcodes.parser import parse

        text = Document(children).to_source()
        if self._options is None:
            return parse(text)
        known, enclosing, max_depth = self._options
        return parse(text, known=known, enclosing=enclosing, max_depth=max_depth)

    def unwrap(self, target: Shortcode, /) -> Document:
        """Return a copy with *target*'s tags removed and its content kept."""
        return self.replace(target, *target.children)

    def to_json(self, path: str | None = None) -> dict[str, object]:
        """The JSON-ready form documented in ``docs/json-format.md``.

        Args:
            path: The file the document came from, written as ``"path"``.
        """
        from shortcodes._json import document_to_json

        return document_to_json(self, path)


def _path_to(nodes: tuple[Node, ...], target: Node) -> list[tuple[Shortcode | None, int]] | None:
    """Path of (parent, index) pairs from the top to *target*, found without recursion."""
    levels: list[Iterator[tuple[int, Node]]] = [enumerate(nodes)]
    owners: list[Shortcode | None] = [None]
    path: list[tuple[Shortcode | None, int]] = []  # one entry per level below the top
    while levels:
        item = next(levels[-1], None)
        if item is None:
            levels.pop()
            owners.pop()
            if path:
                path.pop()
            continue
        index, node = item
        if node is target:
            return [*path, (owners[-1], index)]
        if isinstance(node, Shortcode) and node.children:
            path.append((owners[-1], index))
            levels.append(enumerate(node.children))
            owners.append(node)
    return None


# -- fast construction for the parser -----------------------------------------------------
# attrs' frozen __init__ sets each field through object.__setattr__ and runs the
# converters, and a frozen class refuses plain assignment. The parser already holds
# valid values, so it builds each node as an instance of an unfrozen twin with the
# very same slots, assigned in its __init__ (the interpreter's fastest way to fill
# slots), then turns it into the frozen class by assigning ``__class__``, which
# CPython allows between classes of identical layout. Node classes have no weakref
# slot for that reason: with one, CPython reports the layouts as different.
# callgrind: 3,600 instructions a shortcode instead of 8,400 through the slot
# descriptors (and 8,900 through attrs' __init__).


class _ParsedText:
    """`Text`'s twin for the parser (internal): ``index.text[start:end]``."""

    __slots__ = Text.__slots__  # type: ignore[attr-defined]  # added by attrs

    def __init__(self, start: int, end: int, index: LineIndex) -> None:
        self._raw = None
        self.start = start
        self._index = index
        self._end = end
        self.__class__ = Text  # type: ignore[assignment]


class _ParsedShortcode:
    """`Shortcode`'s twin for the parser (internal)."""

    __slots__ = Shortcode.__slots__  # type: ignore[attr-defined]  # added by attrs

    def __init__(self, name: str, children: tuple[Node, ...], self_closing: bool,
                 start: int, end: int, open_end: int, close_start: int,
                 index: LineIndex) -> None:
        # Offsets as in `_Source`; a closing tag (close_start >= 0) makes it enclosing.
        self.name = name
        self._attributes = None
        self.children = children
        self.enclosing = close_start >= 0
        self.self_closing = self_closing
        self._trailing = None
        self._source = _new_source(_Source, (
            start, end, open_end, close_start, start + 1 + len(name), index, True))
        self._cache: dict[str, object] = {}
        self._cooked_pair = None
        self.__class__ = Shortcode  # type: ignore[assignment]


class _ParsedDocument:
    """`Document`'s twin for the parser (internal)."""

    __slots__ = Document.__slots__  # type: ignore[attr-defined]  # added by attrs

    def __init__(self, children: tuple[Node, ...], text: str,
                 structural: tuple[Diagnostic, ...], index: LineIndex,
                 options: tuple[frozenset[str] | None, frozenset[str], int]) -> None:
        self.children = children
        self._text = text
        self._structural = structural
        self._index = index
        self._options = options
        self._cache: dict[str, object] = {}
        self.__class__ = Document  # type: ignore[assignment]


_set_cooked_pair = Shortcode.__dict__["_cooked_pair"].__set__
_new_source = tuple.__new__

if TYPE_CHECKING:
    def parsed_text(start: int, end: int, index: LineIndex) -> Text:
        """A `Text` node for the parser (internal), reading ``index.text[start:end]``."""

    def parsed_shortcode(name: str, children: tuple[Node, ...], self_closing: bool,
                         start: int, end: int, open_end: int, close_start: int,
                         index: LineIndex) -> Shortcode:
        """A `Shortcode` node for the parser (internal)."""

    def parsed_document(children: tuple[Node, ...], text: str,
                        structural: tuple[Diagnostic, ...], index: LineIndex,
                        options: tuple[frozenset[str] | None, frozenset[str], int],
                        ) -> Document:
        """A `Document` for the parser (internal)."""
else:
    parsed_text = _ParsedText
    parsed_shortcode = _ParsedShortcode
    parsed_document = _ParsedDocument

