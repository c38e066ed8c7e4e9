"""Stage 2: pair tags into a `Document` tree.

Invariants:

* `parse` never raises on a ``str`` (strict mode aside), lone surrogates
  included, and the document prints back its input exactly.
* No recursion, and linear time. One walk over the tag list pairs closing tags
  with openers on a stack and builds the nodes as it goes (`_build_fused`): the
  nodes of every open level share one flat list, each opener holds a slot in it,
  and when its closer comes the nodes after the slot become its children; an
  opener left open keeps its slot as a standalone shortcode, and what followed
  it stays where it is. When the stack of possible openers reaches ``max_depth``,
  which only deeply nested or flooded input does, two passes take over: the
  first pairs, the second builds with a frame only for shortcodes known to be
  closed, and counts depth in those. So 100,000 nesting levels parse, and
  100,000 unclosed openers cost no more than 100,000 closed ones. ``max_depth``
  bounds the tree's depth.
* Pairing: a closing tag closes the nearest open shortcode of its name, so
  same-name nesting works (``[a][a]x[/a][/a]``). Openers left open in between
  become standalone shortcodes, as does every opener without a closer. A closing
  tag with no open opener stays text.
* Escapes: ``[[name]]`` and ``[[name]…[/name]]`` (the outer brackets around an
  opener and its closer) are `Escape` nodes, printed by WordPress as text.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Final

from shortcodes._attribute_check import bidi_diagnostic
from shortcodes.diagnostics import Diagnostic, Severity
from shortcodes.errors import ShortcodeSyntaxError
from shortcodes.nodes import (
    Document,
    Escape,
    Node,
    parsed_document,
    parsed_shortcode,
    parsed_text,
)
from shortcodes.span import LineIndex
from shortcodes.tokenizer import BIDI_RUN, RawTag, check_name, scan_tags

__all__ = ["DEFAULT_MAX_DEPTH", "parse"]

#: Default limit on nesting depth; deeper openers are read as standalone shortcodes.
DEFAULT_MAX_DEPTH: Final = 10_000

_UNPAIRED: Final = -1


class _Pairing:
    """Pass 1: which closer closes which opener, and the structural diagnostics."""

    def __init__(self, text: str, tags: list[RawTag], index: LineIndex,
                 enclosing: frozenset[str]) -> None:
        self.text = text
        self.tags = tags
        self.index = index
        self.enclosing = enclosing
        self.diagnostics: list[Diagnostic] = []
        #: Openers closed implicitly (by the closer of an outer shortcode), by name.
        self.implicitly_closed: dict[str, list[int]] = {}

    def report(self, code: str, start: int, end: int, message: str, hint: str) -> None:
        self.diagnostics.append(Diagnostic(code, message, self.index.span(start, end), hint=hint))

    def run(self) -> list[int]:
        """For each tag, the index of its partner (opener <-> closer), or -1."""
        text, tags = self.text, self.tags
        partner = [_UNPAIRED] * len(tags)
        stack: list[int] = []  # indices of openers waiting for a closer
        open_count: dict[str, int] = {}
        implicitly_closed = self.implicitly_closed
        for i, (start, end, name, body, self_closing) in enumerate(tags):
            if body is not None:  # an opener
                if self_closing or (start and text[start - 1] == "["
                                    and text.startswith("]", end)):
                    continue  # never encloses: self-closing or a self-contained escape
                stack.append(i)
                open_count[name] = open_count.get(name, 0) + 1
                continue
            # A name holds no separator, so a bare `[/name]` holds no bidi control.
            if end - start != len(name) + 3 and not text[start:end].isascii():
                self.bidi_in_closer(start, end, name)
            if not open_count.get(name):
                self.stray(i, implicitly_closed)
                continue
            while True:
                opener = stack.pop()
                opener_name = tags[opener].name
                open_count[opener_name] -= 1
                if opener_name == name:
                    partner[opener] = i
                    partner[i] = opener
                    break
                self.left_open(opener, implicitly_closed)
        if self.enclosing:  # openers still open at the end only matter for SC201
            for opener in stack:
                self.left_open(opener, implicitly_closed)
        return partner

    def bidi_in_closer(self, start: int, end: int, name: str) -> None:
        found = BIDI_RUN.search(self.text, start, end)
        if found is not None:
            self.diagnostics.append(
                bidi_diagnostic(self.index, found.start(), found.end(), f"[/{name}]"))

    def left_open(self, opener: int, implicitly_closed: dict[str, list[int]]) -> None:
        start, end, name, _, _ = self.tags[opener]
        implicitly_closed.setdefault(name, []).append(opener)
        if name in self.enclosing:
            self.report("SC201", start, end, f"`[{name}]` has no closing tag `[/{name}]`",
                        f"add `[/{name}]` where its content ends")

    def stray(self, closer: int, implicitly_closed: dict[str, list[int]]) -> None:
        start, end, name, _, _ = self.tags[closer]
        crossed = implicitly_closed.get(name)
        if crossed:
            opener = self.tags[crossed.pop()]
            line = self.index.position(opener.start).line
            self.report("SC203", start, end,
                        f"`[/{name}]` closes `[{name}]` (line {line}) after an enclosing "
                        "shortcode was already closed; it is kept as text",
                        "close shortcodes in the reverse order of opening")
        else:
            self.report("SC202", start, end,
                        f"`[/{name}]` has no opening `[{name}]`; it is kept as text",
                        "remove it, or add the opening tag")


def _build_fused(text: str, tags: list[RawTag], index: LineIndex, max_depth: int,
                 enclosing: frozenset[str]) -> tuple[list[Node], _Pairing | None] | None:
    """Pair and build in one walk; ``None`` once the stack reaches *max_depth*.

    Pairs exactly as `_Pairing.run` does (the same stack, the same diagnostics in
    the same order, reported through a `_Pairing` made on the first problem), so
    the tree equals what `_build` makes from its pairing whenever no shortcode is
    nested *max_depth* deep. Returns the top-level nodes and the reporter, if any.

    An opener that follows a ``[`` may turn out to be an escape
    ``[[name]…[/name]]``, which starts one character earlier, so the text before
    it gets a slot of its own too, filled when the opener's fate is known.
    """
    text_node, shortcode_node = parsed_text, parsed_shortcode
    nodes: list[Node | None] = []  # the nodes of every open level, flat
    # Openers waiting for a closer: (tag index, its slot, the slot of the text before
    # it or -1, where that text starts).
    frames: list[tuple[int, int, int, int]] = []
    open_count: dict[str, int] = {}
    reporter: _Pairing | None = None
    pos = 0
    for i, (start, end, name, body, self_closing) in enumerate(tags):
        if body is not None:  # an opener
            lb = start and text[start - 1] == "["
            if lb and text.startswith("]", end):  # [[name ...]]: an escape
                if pos < start - 1:
                    nodes.append(text_node(pos, start - 1, index))
                nodes.append(Escape(text[start - 1 : end + 1], start - 1, index))
                pos = end + 1
                continue
            if self_closing:
                if pos < start:
                    nodes.append(text_node(pos, start, index))
                nodes.append(shortcode_node(name, (), True, start, end, end, -1, index))
                pos = end
                continue
            if len(frames) >= max_depth:
                return None  # depth counts only openers that close: let two passes count
            if lb:
                text_slot = len(nodes)
                nodes.append(None)
            else:
                text_slot = -1
                if pos < start:
                    nodes.append(text_node(pos, start, index))
            frames.append((i, len(nodes), text_slot, pos))
            nodes.append(None)
            open_count[name] = open_count.get(name, 0) + 1
            pos = end
            continue
        # A closer. A name holds no separator, so `[/name]` holds no bidi control.
        if end - start != len(name) + 3 and not text[start:end].isascii():
            reporter = reporter or _Pairing(text, tags, index, enclosing)
            reporter.bidi_in_closer(start, end, name)
        if not open_count.get(name):
            reporter = reporter or _Pairing(text, tags, index, enclosing)
            reporter.stray(i, reporter.implicitly_closed)
            continue  # stays in the text
        while True:
            opener, slot, text_slot, text_from = frames.pop()
            o_start, o_end, o_name, _, _ = tags[opener]
            open_count[o_name] -= 1
            if o_name == name:
                break
            reporter = reporter or _Pairing(text, tags, index, enclosing)
            reporter.left_open(opener, reporter.implicitly_closed)
            nodes[slot] = shortcode_node(o_name, (), False, o_start, o_end, o_end, -1, index)
            if text_slot >= 0:
                nodes[text_slot] = text_node(text_from, o_start, index)
        if text_slot >= 0 and text.startswith("]", end):  # [[name]…[/name]]: an escape
            del nodes[text_slot:]
            if text_from < o_start - 1:
                nodes.append(text_node(text_from, o_start - 1, index))
            nodes.append(Escape(text[o_start - 1 : end + 1], o_start - 1, index))
            pos = end + 1
            continue
        if pos < start:
            nodes.append(text_node(pos, start, index))
        children = tuple(nodes[slot + 1 :])
        del nodes[slot + 1 :]
        nodes[slot] = shortcode_node(o_name, children, False,  # type: ignore[arg-type]
                                     o_start, end, o_end, start, index)
        if text_slot >= 0:
            nodes[text_slot] = text_node(text_from, o_start, index)
        pos = end
    for opener, slot, text_slot, text_from in frames:  # never closed: standalone
        o_start, o_end, o_name, _, _ = tags[opener]
        nodes[slot] = shortcode_node(o_name, (), False, o_start, o_end, o_end, -1, index)
        if text_slot >= 0:
            nodes[text_slot] = text_node(text_from, o_start, index)
    if enclosing:  # openers still open at the end only matter for SC201
        for opener, _, _, _ in frames:
            reporter = reporter or _Pairing(text, tags, index, enclosing)
            reporter.left_open(opener, reporter.implicitly_closed)
    if pos < len(text):
        nodes.append(text_node(pos, len(text), index))
    return nodes, reporter  # type: ignore[return-value]  # every slot is filled


def _build(text: str, tags: list[RawTag], partner: list[int], index: LineIndex,
           max_depth: int, diagnostics: list[Diagnostic]) -> list[Node]:
    """Pass 2: the nodes, in one forward walk over the tags.

    Depth is counted here, where only shortcodes that really enclose content open a
    level; one nested deeper than *max_depth* is read as standalone, and its closing
    tag stays text.
    """
    top: list[Node] = []
    children = top
    pos = 0  # where the pending text of the current level starts
    # Open enclosing shortcodes: (opener index, the parent's child list).
    frames: list[tuple[int, list[Node]]] = []
    i, count = 0, len(tags)
    too_deep = False  # reported once
    text_node, shortcode_node = parsed_text, parsed_shortcode
    while i < count:
        start, end, name, body, self_closing = tags[i]
        other = partner[i]
        if body is None:  # a closer
            if other == _UNPAIRED:
                i += 1
                continue  # stray: stays in the text
            opener_index, parent = frames.pop()
            if pos < start:
                children.append(text_node(pos, start, index))
            o_start, o_end, o_name, _, _ = tags[opener_index]
            parent.append(shortcode_node(o_name, tuple(children), False,
                                         o_start, end, o_end, start, index))
            children, pos = parent, end
            i += 1
            continue
        lb = start and text[start - 1] == "["
        if lb and other == _UNPAIRED and text.startswith("]", end):
            escape_start, escape_end, i = start - 1, end + 1, i + 1  # [[name ...]]
        elif lb and other != _UNPAIRED and text.startswith("]", tags[other].end):
            escape_start, escape_end, i = start - 1, tags[other].end + 1, other + 1
        else:
            if pos < start:
                children.append(text_node(pos, start, index))
            if other != _UNPAIRED and len(frames) >= max_depth:
                if not too_deep:
                    too_deep = True
                    diagnostics.append(Diagnostic(
                        "SC204", f"`{name}` is nested deeper than {max_depth} levels; "
                        "deeper shortcodes are read as standalone", index.span(start, end),
                        hint="flatten the nesting or raise `max_depth`"))
                partner[other] = _UNPAIRED  # its closing tag stays text
                other = _UNPAIRED
            if other == _UNPAIRED:
                children.append(shortcode_node(name, (), self_closing, start, end, end, -1,
                                               index))
            else:
                frames.append((i, children))
                children = []
            pos = end
            i += 1
            continue
        if pos < escape_start:
            children.append(parsed_text(pos, escape_start, index))
        children.append(Escape(text[escape_start:escape_end], escape_start, index))
        pos = escape_end
    if pos < len(text):
        children.append(parsed_text(pos, len(text), index))
    return top


def parse(text: str, /, *, known: Iterable[str] | None = None,
          enclosing: Iterable[str] = (), strict: bool = False,
          max_depth: int = DEFAULT_MAX_DEPTH) -> Document:
    """Parse *text* into a lossless `Document`.

    Args:
        text: The content to parse.
        known: If given, only these names are shortcodes and every other bracket is
            text (WordPress semantics); by default every well-formed tag is one.
        enclosing: Names that must have a closing tag; an opener of one of these
            without a closer is reported (``SC201``).
        strict: Raise `ShortcodeSyntaxError` if any error or warning is found.
        max_depth: Deepest nesting paired; deeper openers are read as standalone
            shortcodes and reported once (``SC204``).

    Returns:
        The document; ``parse(text).to_source() == text`` always holds.

    Raises:
        TypeError: if *text* is not a ``str`` (decode ``bytes`` first).
        ValueError: if a name in *known* or *enclosing* is one WordPress refuses,
            or *max_depth* is below 1.
        ShortcodeSyntaxError: in strict mode, carrying every diagnostic.

    >>> doc = parse("Hi [b]bold[/b] [[b]]")
    >>> [sc.name for sc in doc.shortcodes()], doc.to_source()
    (['b'], 'Hi [b]bold[/b] [[b]]')

    .. versionadded:: 0.1
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() needs a str, not {type(text).__name__}; decode bytes first")
    if known is None and enclosing == ():  # the common call: no names to check
        known_set, enclosing_set = None, _NO_NAMES
    else:
        if isinstance(known, str) or isinstance(enclosing, str):
            raise TypeError("`known` and `enclosing` take an iterable of names, not one str")
        known_set = None if known is None else frozenset(check_name(n) for n in known)
        enclosing_set = frozenset(check_name(n) for n in enclosing) if enclosing else _NO_NAMES
    if max_depth < 1:
        raise ValueError(f"max_depth must be at least 1, not {max_depth}")
    index = LineIndex(text)
    # The tree holds no reference cycles, so a garbage collection during the parse
    # cannot free anything it made, yet on a long text the collector's full passes
    # walk the growing tree again and again: paused, the parse of a 10 MB page-builder
    # text took a fifth less time (bench/run.py, pagebuilder-1str). Short texts never
    # reach a full pass, so they skip the pause. The collector's state is restored.
    pause = len(text) >= _PAUSE_GC_FROM and gc.isenabled()
    if pause:
        gc.disable()
    try:
        children, structural = _tree(text, index, known_set, enclosing_set, max_depth)
    finally:
        if pause:
            gc.enable()
    options = (known_set, enclosing_set, max_depth)
    document = parsed_document(tuple(children), text, structural, index, options)
    if strict and any(d.severity is not Severity.INFO for d in document.diagnostics):
        raise ShortcodeSyntaxError(document.diagnostics)
    return document


def _tree(text: str, index: LineIndex, known: frozenset[str] | None,
          enclosing: frozenset[str], max_depth: int,
          ) -> tuple[list[Node], tuple[Diagnostic, ...]]:
    """The top-level nodes of *text* and the structural diagnostics, in source order."""
    tags = scan_tags(text)
    if known is not None:
        tags = [tag for tag in tags if tag.name in known]
    if not tags:  # the whole text is one text node (the common case for prose)
        return ([parsed_text(0, len(text), index)] if text else []), ()
    fused = _build_fused(text, tags, index, max_depth, enclosing)
    if fused is not None:
        children, reporter = fused
        found = reporter.diagnostics if reporter is not None else None
    else:
        pairing = _Pairing(text, tags, index, enclosing)
        children = _build(text, tags, pairing.run(), index, max_depth, pairing.diagnostics)
        found = pairing.diagnostics
    if not found:
        return children, ()
    return children, tuple(sorted(found, key=lambda d: d.span.start.offset))


_NO_NAMES: Final[frozenset[str]] = frozenset()
#: Texts at least this long (in characters) are parsed with the garbage collector paused.
_PAUSE_GC_FROM: Final = 100_000
