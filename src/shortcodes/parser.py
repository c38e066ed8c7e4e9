"""Stage 2: pair tags into a `Document` tree.

Invariants:

* `parse` never raises on a ``str`` (strict mode aside), lone surrogates
  included, and the document prints back its input exactly.
* No recursion: a stack of open frames pairs closing tags with openers, so
  100,000 nesting levels parse; ``max_depth`` bounds the tree's depth.
* Each character is handled a bounded number of times: an opener is pushed and
  popped once, and the children of frames closed implicitly are moved once.
* Pairing: a closing tag closes the nearest open shortcode of its name, so
  same-name nesting works (``[a][a]x[/a][/a]``). Openers left open in between
  become standalone shortcodes, as does every opener without a closer. A closing
  tag with no open opener stays text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from shortcodes.diagnostics import Diagnostic, Severity
from shortcodes.errors import ShortcodeSyntaxError
from shortcodes.nodes import Document, Escape, Node, Shortcode, Text, _Source
from shortcodes.span import LineIndex
from shortcodes.tokenizer import RawTag, check_name, scan_tags

__all__ = ["DEFAULT_MAX_DEPTH", "parse"]

#: Default limit on nesting depth; deeper openers are read as standalone shortcodes.
DEFAULT_MAX_DEPTH: Final = 10_000


class _Frame:
    """An opener waiting for its closing tag (the bottom frame is the document)."""

    __slots__ = ("children", "opener", "pos")

    def __init__(self, opener: RawTag | None, pos: int) -> None:
        self.opener = opener
        self.children: list[Node] = []
        #: Where this frame's pending text starts.
        self.pos = pos


class _Parser:
    def __init__(self, text: str, known: frozenset[str] | None,
                 enclosing: frozenset[str], max_depth: int) -> None:
        self.text = text
        self.index = LineIndex(text)
        self.known = known
        self.enclosing = enclosing
        self.max_depth = max_depth
        self.stack = [_Frame(None, 0)]
        self.open_count: dict[str, int] = {}
        self.implicitly_closed: dict[str, list[RawTag]] = {}
        self.overflow: dict[str, int] = {}
        self.diagnostics: list[Diagnostic] = []

    # -- helpers -----------------------------------------------------------------------

    def flush(self, frame: _Frame, upto: int) -> None:
        if upto > frame.pos:
            frame.children.append(Text(self.text[frame.pos : upto], frame.pos, self.index))

    def shortcode(self, opener: RawTag, children: list[Node] | None = None,
                  closer: RawTag | None = None) -> Shortcode:
        text, start = self.text, opener.start
        end = closer.end if closer is not None else opener.end
        source = _Source(start, end, text[start : opener.end],
                         None if closer is None else text[closer.start : closer.end],
                         opener.body or "", start + 1 + len(opener.name), self.index)
        return Shortcode(name=opener.name, children=children or (), enclosing=closer is not None,
                         self_closing=opener.self_closing, source=source)

    def report(self, code: str, start: int, end: int, message: str, hint: str | None) -> None:
        self.diagnostics.append(Diagnostic(code, message, self.index.span(start, end), hint=hint))

    # -- the driver --------------------------------------------------------------------

    def run(self) -> list[Node]:
        known = self.known
        for tag in scan_tags(self.text):
            if known is not None and tag.name not in known:
                continue
            if tag.body is None:
                self.close(tag)
            else:
                self.open(tag)
        bottom = self.stack[0]
        if len(self.stack) > 1:
            self.splice(bottom, self.stack[1:])
            del self.stack[1:]
        self.flush(bottom, len(self.text))
        return bottom.children

    def open(self, tag: RawTag) -> None:
        text, frame = self.text, self.stack[-1]
        start, end = tag.start, tag.end
        if start and text[start - 1] == "[" and text.startswith("]", end):
            # [[name ...]]: an escaped tag, printed by WordPress without the outer brackets.
            self.flush(frame, start - 1)
            frame.children.append(Escape(text[start - 1 : end + 1], start - 1, self.index))
            frame.pos = end + 1
            return
        if tag.self_closing:
            self.flush(frame, start)
            frame.children.append(self.shortcode(tag))
            frame.pos = end
            return
        if len(self.stack) > self.max_depth:
            if not self.overflow:
                self.report("SC204", start, end,
                            f"`{tag.name}` is nested deeper than {self.max_depth} levels; "
                            "deeper shortcodes are read as standalone",
                            "flatten the nesting or raise `max_depth`")
            self.overflow[tag.name] = self.overflow.get(tag.name, 0) + 1
            self.flush(frame, start)
            frame.children.append(self.shortcode(tag))
            frame.pos = end
            return
        self.stack.append(_Frame(tag, end))
        self.open_count[tag.name] = self.open_count.get(tag.name, 0) + 1

    def close(self, tag: RawTag) -> None:
        name = tag.name
        if self.overflow.get(name):
            self.overflow[name] -= 1  # closes an opener read as standalone: stays text
            return
        if not self.open_count.get(name):
            self.stray(tag)
            return
        stack = self.stack
        depth = len(stack) - 1
        while stack[depth].opener.name != name:  # type: ignore[union-attr]
            depth -= 1
        frame = stack[depth]
        if depth + 1 < len(stack):
            self.splice(frame, stack[depth + 1 :])
            del stack[depth + 1 :]
        stack.pop()
        self.open_count[name] -= 1
        opener = frame.opener
        assert opener is not None
        parent = stack[-1]
        if opener.start and self.text[opener.start - 1] == "[" \
                and self.text.startswith("]", tag.end):
            self.flush(parent, opener.start - 1)
            parent.children.append(
                Escape(self.text[opener.start - 1 : tag.end + 1], opener.start - 1, self.index))
            parent.pos = tag.end + 1
            return
        self.flush(frame, tag.start)
        self.flush(parent, opener.start)
        parent.children.append(self.shortcode(opener, frame.children, tag))
        parent.pos = tag.end

    def splice(self, parent: _Frame, frames: list[_Frame]) -> None:
        """Turn still-open *frames* (bottom first) into standalone shortcodes in *parent*."""
        for frame in frames:
            opener = frame.opener
            assert opener is not None
            self.open_count[opener.name] -= 1
            self.implicitly_closed.setdefault(opener.name, []).append(opener)
            if opener.name in self.enclosing:
                self.report("SC201", opener.start, opener.end,
                            f"`[{opener.name}]` has no closing tag `[/{opener.name}]`",
                            f"add `[/{opener.name}]` where its content ends")
            self.flush(parent, opener.start)
            parent.children.append(self.shortcode(opener))
            parent.children.extend(frame.children)
            parent.pos = frame.pos

    def stray(self, tag: RawTag) -> None:
        crossed = self.implicitly_closed.get(tag.name)
        if crossed:
            opener = crossed.pop()
            self.report("SC203", tag.start, tag.end,
                        f"`[/{tag.name}]` closes `[{tag.name}]` (line "
                        f"{self.index.position(opener.start).line}) after an enclosing "
                        "shortcode was already closed; it is kept as text",
                        "close shortcodes in the reverse order of opening")
        else:
            self.report("SC202", tag.start, tag.end,
                        f"`[/{tag.name}]` has no opening `[{tag.name}]`; it is kept as text",
                        "remove it, or add the opening tag")


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
    if isinstance(known, str) or isinstance(enclosing, str):
        raise TypeError("`known` and `enclosing` take an iterable of names, not one str")
    known_set = None if known is None else frozenset(check_name(n) for n in known)
    enclosing_set = frozenset(check_name(n) for n in enclosing)
    if max_depth < 1:
        raise ValueError(f"max_depth must be at least 1, not {max_depth}")
    parser = _Parser(text, known_set, enclosing_set, max_depth)
    children = parser.run()
    structural = tuple(sorted(parser.diagnostics, key=lambda d: d.span.start.offset))
    document = Document(children, text=text, structural=structural, index=parser.index)
    if strict and any(d.severity is not Severity.INFO for d in document.diagnostics):
        raise ShortcodeSyntaxError(document.diagnostics)
    return document
