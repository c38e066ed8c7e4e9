"""Attribute diagnostics of one parsed shortcode (internal; read lazily by `Document`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import regex

from shortcodes._cook import has_unclosed_html, stripcslashes, untexturize
from shortcodes.diagnostics import Diagnostic
from shortcodes.nodes import Shortcode
from shortcodes.span import LineIndex, Span
from shortcodes.tokenizer import (
    BIDI_CHARS,
    BIDI_RUN,
    SINGLE_QUOTE,
    AttributeRecord,
    is_texturized,
)

# Separators WordPress does not read as spaces (it reads ASCII whitespace, and turns
# U+00A0 and U+200B into spaces); bidi marks are reported by SC101 instead.
_UNUSUAL_SEPARATOR: Final = regex.compile(
    rf"(?:[^\t\n\v\f\r \u00a0\u200b{BIDI_CHARS}]|&(?:nbsp|\#0*160|\#[xX]0*[aA]0);)+")
_ASCII_QUOTES: Final = frozenset({"", '"', "'"})


def bidi_diagnostic(index: LineIndex, start: int, end: int, tag: str) -> Diagnostic:
    """SC101 for the bidi controls at *start*..*end* inside *tag* (shown as ``[name]``)."""
    return Diagnostic("SC101", f"bidirectional control characters inside `{tag}` can make "
                      "it read differently from how it displays", index.span(start, end),
                      hint="delete the invisible characters inside the tag")


def attribute_diagnostics(shortcode: Shortcode) -> Iterator[Diagnostic]:
    """Yield the attribute-level problems of a parsed *shortcode*, in source order."""
    source = shortcode._source
    if source is None or not source.placed:
        return
    index, base = source.line_index, source.body_offset
    for match in BIDI_RUN.finditer(source.raw_open):
        yield bidi_diagnostic(index, source.start + match.start(), source.start + match.end(),
                              f"[{shortcode.name}]")
    records, trailing = shortcode._scanned()
    texturized = is_texturized(records, source.body)
    seen: set[str] = set()
    for record in records:
        span = index.span(base + record.start, base + record.end)
        label = f"`{record.key.lower()}`" if record.key else "a positional value"
        for code, message, hint in record.problems:
            yield Diagnostic(code, message, span, hint=hint)
        yield from _quote_problems(record, label, span)
        yield from _separator_problems(shortcode.name, record.leading,
                                       base + record.start - len(record.leading), index)
        key = record.key.lower()
        if key and key in seen:
            yield Diagnostic("SC305", f"attribute {label} is given more than once; "
                             "the last value wins", span, hint="remove the extra one")
        seen.add(key)
        value = untexturize(record.value) if texturized else record.value
        if value != record.value:
            yield Diagnostic("SC306", f"the value of {label} carries texturizer typography; "
                             f"it is read as {value!r}", span,
                             hint="retype the value with plain characters")
        if has_unclosed_html(stripcslashes(value)):
            yield Diagnostic("SC307", f"the value of {label} contains an unclosed `<`; "
                             "WordPress empties it", span,
                             hint="close the HTML tag or write `&lt;`")
    trail_start = len(source.body) - len(trailing)
    yield from _separator_problems(shortcode.name, trailing, base + trail_start, index)


def _quote_problems(record: AttributeRecord, label: str, span: Span) -> Iterator[Diagnostic]:
    quotes = (record.open_quote, record.close_quote)
    if _ASCII_QUOTES.issuperset(quotes):
        return
    shown = f"{record.open_quote}…{record.close_quote}"
    straight = "'" if SINGLE_QUOTE.fullmatch(record.open_quote) else '"'
    code, kind = ("SC302", "HTML-entity") if "&" in "".join(quotes) else ("SC301", "typographic")
    yield Diagnostic(code, f"the value of {label} is delimited by {kind} quotes `{shown}`",
                     span, hint=f"use straight quotes: {straight}…{straight}")


def _separator_problems(name: str, separator: str, offset: int,
                        index: LineIndex) -> Iterator[Diagnostic]:
    for match in _UNUSUAL_SEPARATOR.finditer(separator):
        yield Diagnostic("SC102", f"a separator inside `[{name}]` is not a space WordPress "
                         f"recognises ({match.group()!r})",
                         index.span(offset + match.start(), offset + match.end()),
                         hint="use a plain space")
