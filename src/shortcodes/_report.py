"""Lint output formats (internal): concise, full, json, github and sarif.

A reporter is fed one file at a time (`Reporter.add`) and read errors as they
happen, and writes to the stream it was given; `Reporter.finish` writes what
comes last (a summary, or the whole SARIF log). Positions:

* concise, full, json and github give 1-based lines and columns in code points,
  as `Position` does; json adds the 0-based code-point ``offset``;
* sarif declares ``columnKind: utf16CodeUnits`` (the SARIF default, and what
  editors and GitHub code scanning count) and gives columns in UTF-16 code units
  (`LineIndex.utf16_column`): a character outside the Basic Multilingual Plane
  counts twice.

Findings inside a WordPress export come with an `ItemField` (``item=``): their
positions are relative to the item's text. concise and full show the path as
``export.xml#post-12`` (``#post-12/excerpt``, ``#post-12/meta/<key>``); json keeps
``path`` and adds an ``item`` object; github and sarif point at the export file,
at the exact place when the item's text has an `Anchor` there, else at the item's
``<item>`` line, and start the message with the item and its position.

The json format is a stable contract (``docs/schema/lint-output.schema.json``);
the human formats are not.
"""

from __future__ import annotations

import json
import unicodedata
import urllib.parse
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Final, Literal, TextIO

import shortcodes
from shortcodes.diagnostics import CATALOGUE, Diagnostic, Severity
from shortcodes.span import LineIndex, Span

if TYPE_CHECKING:
    from shortcodes._lint_wxr import ItemField

__all__ = ["FORMATS", "Format", "Reporter", "make_reporter"]

Format = Literal["concise", "full", "json", "github", "sarif"]
#: The output formats, the default first.
FORMATS: Final[tuple[Format, ...]] = ("concise", "full", "json", "github", "sarif")

#: Where the rules are documented (SARIF ``helpUri``): ``docs/ci.md`` of the project.
DOCS_URL: Final = "https://github.com/wp-shortcodes/wp-shortcodes/blob/main/docs/ci.md"
SARIF_SCHEMA: Final = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                       "sarif-schema-2.1.0.json")
_SARIF_LEVEL: Final = {Severity.ERROR: "error", Severity.WARNING: "warning",
                       Severity.INFO: "note"}
_GITHUB_LEVEL: Final = {Severity.ERROR: "error", Severity.WARNING: "warning",
                        Severity.INFO: "notice"}


def rule_anchor(code: str) -> str:
    """The ``docs/ci.md`` anchor of a rule's section (``sc301-smart-quotes``)."""
    return f"{code.lower()}-{CATALOGUE[code].name}"


class Reporter:
    """Counts problems and writes the concise format; other formats override `add`."""

    #: Whether `add` uses `ItemField.anchor`, which costs a second read of an export.
    maps_positions = False

    def __init__(self, out: TextIO) -> None:
        self.out = out
        #: Problems reported, and how many of them `shortcodes fix` can fix.
        self.problems = 0
        self.fixable = 0
        #: Files that could not be read.
        self.errors = 0

    def add(self, path: str, text: str, diagnostics: Sequence[Diagnostic], *,
            item: ItemField | None = None) -> None:
        """Report the *diagnostics* of one text, *text*: a file, or the *item* of
        the export *path*."""
        self._count(diagnostics)
        shown = _shown(path, item)
        for diagnostic in diagnostics:
            self.out.write(headline(shown, diagnostic) + "\n")

    def _count(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.problems += len(diagnostics)
        self.fixable += sum(1 for d in diagnostics if d.fixable)

    def read_error(self, path: str, reason: str) -> None:
        """Note a file that could not be read (the message itself goes to stderr)."""
        self.errors += 1

    def finish(self) -> None:
        """Write the summary line."""
        self.out.write(self.summary() + "\n")

    def summary(self) -> str:
        """``Found N problems (M fixable with `shortcodes fix`).`` or ``All clean.``"""
        unread = (f"; {self.errors} {'file' if self.errors == 1 else 'files'} "
                  "could not be read") if self.errors else ""
        if not self.problems:
            return f"No problems found{unread}." if unread else "All clean."
        noun = "problem" if self.problems == 1 else "problems"
        fixable = f" ({self.fixable} fixable with `shortcodes fix`)" if self.fixable else ""
        return f"Found {self.problems} {noun}{fixable}{unread}."


def _shown(path: str, item: ItemField | None) -> str:
    """``path``, or ``path#post-12`` for an export item's text."""
    return path if item is None else f"{path}#{item.name}"


def _item_prefix(item: ItemField | None, diagnostic: Diagnostic) -> str:
    """``post-12:3:7: `` (the item and the position in its text), or ``""``."""
    if item is None:
        return ""
    start = diagnostic.span.start
    return f"{item.name}:{start.line}:{start.column}: "


def headline(path: str, diagnostic: Diagnostic) -> str:
    """``path:line:col: CODE [severity] message``: how every command names a finding."""
    start = diagnostic.span.start
    return (f"{path}:{start.line}:{start.column}: {diagnostic.code} "
            f"[{diagnostic.severity.value}] {diagnostic.message}")


# -- the full format: source line and caret --------------------------------------------------

#: Tab stops every this many cells, in the printed line and the caret line alike.
_TAB_STOP: Final = 4
#: A longer line is shown as a window of code points around the span.
_LONG_LINE: Final = 200
_CONTEXT: Final = 60
#: Characters a terminal would not print as one cell of text: controls, surrogates,
#: and U+2028/U+2029 (which some terminals break the line on).
_UNPRINTABLE: Final = frozenset({"Cc", "Cs", "Zl", "Zp"})


def _cells(char: str) -> int:
    """Terminal cells of *char*: 0 for combining marks and format characters (bidi
    controls, zero-width joiners), 2 for East Asian wide and fullwidth, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _render(line: str, begin: int, stop: int) -> tuple[str, int, int]:
    """*line* as printed, the cells before code point *begin*, and the cells from
    *begin* to *stop*. Tabs become spaces up to the next tab stop; unprintable
    characters become U+FFFD. Everything stays in storage order."""
    out: list[str] = []
    cells = 0
    marks = {begin: 0, stop: 0}
    for i, char in enumerate(line):
        if i in marks:
            marks[i] = cells
        if char == "\t":
            shown = " " * (_TAB_STOP - cells % _TAB_STOP)
            width = len(shown)
        elif unicodedata.category(char) in _UNPRINTABLE:
            shown, width = "\ufffd", 1
        else:
            shown, width = char, _cells(char)
        out.append(shown)
        cells += width
    for mark in marks:
        if mark >= len(line):
            marks[mark] = cells
    return "".join(out), marks[begin], marks[stop] - marks[begin]


def caret_lines(index: LineIndex, span: Span) -> list[str]:
    """The gutter, the source line of *span*'s start, and a caret line under the span
    (to the end of the line when the span goes on)."""
    start = span.start
    line = index.line_text(start.line)
    begin = start.column - 1
    stop = span.end.column - 1 if span.end.line == start.line else len(line)
    first, last = 0, len(line)
    if len(line) > _LONG_LINE:
        first, last = max(0, begin - _CONTEXT), min(len(line), max(stop, begin + 1) + _CONTEXT)
    shown, indent, width = _render(line[first:last], begin - first, stop - first)
    if first:
        shown, indent = "…" + shown, indent + 1
    if last < len(line):
        shown += "…"
    gutter = str(start.line)
    pad = " " * len(gutter)
    return [f"{pad} |", f"{gutter} | {shown}", f"{pad} | {' ' * indent}{'^' * max(width, 1)}"]


class FullReporter(Reporter):
    """The concise line, then the source line with a caret line under the span."""

    def add(self, path: str, text: str, diagnostics: Sequence[Diagnostic], *,
            item: ItemField | None = None) -> None:
        self._count(diagnostics)
        index = LineIndex(text)
        shown = _shown(path, item)
        for diagnostic in diagnostics:
            lines = [headline(shown, diagnostic), *caret_lines(index, diagnostic.span)]
            if diagnostic.hint is not None:
                lines.append(f"  = hint: {diagnostic.hint}")
            self.out.write("\n".join(lines) + "\n\n")


def diagnostic_to_json(path: str, diagnostic: Diagnostic,
                       item: ItemField | None = None) -> dict[str, object]:
    """One item of the json format (``docs/schema/lint-output.schema.json``); the
    ``item`` key only for a finding inside an export item."""
    start, end = diagnostic.span.start, diagnostic.span.end
    found: dict[str, object] = {
        "code": diagnostic.code, "name": diagnostic.name, "message": diagnostic.message,
        "severity": diagnostic.severity.value, "fixable": diagnostic.fixable, "path": path,
        "start": {"line": start.line, "column": start.column, "offset": start.offset},
        "end": {"line": end.line, "column": end.column, "offset": end.offset},
        "hint": diagnostic.hint,
    }
    if item is not None:
        found["item"] = item.to_json(start, end)
    return found


class JsonReporter(Reporter):
    """One JSON array of every diagnostic of every file, one item per line."""

    maps_positions = True

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self._separator = "[\n"

    def add(self, path: str, text: str, diagnostics: Sequence[Diagnostic], *,
            item: ItemField | None = None) -> None:
        self._count(diagnostics)
        for diagnostic in diagnostics:
            found = json.dumps(diagnostic_to_json(path, diagnostic, item), ensure_ascii=False)
            self.out.write(f"{self._separator}  {found}")
            self._separator = ",\n"

    def finish(self) -> None:
        self.out.write("[]\n" if self._separator == "[\n" else "\n]\n")


def _github_escape(value: str, *, property_value: bool) -> str:
    # GitHub's workflow-command escaping (actions/toolkit, `escapeData`/`escapeProperty`).
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def _github_region(span: Span, item: ItemField | None) -> dict[str, int]:
    """Where an annotation goes: in the export file for an item's text (the item's
    line when the exact place is not known)."""
    start, end = span.start, span.end
    if item is not None:
        if item.anchor is None:
            return {"line": item.line}
        (start_line, start_column), (end_line, end_column) = (
            item.anchor.line_column(start), item.anchor.line_column(end))
        return {"line": start_line, "col": start_column, "endLine": end_line,
                "endColumn": end_column}
    return {"line": start.line, "col": start.column, "endLine": end.line,
            "endColumn": end.column}


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: one annotation per diagnostic."""

    maps_positions = True

    def add(self, path: str, text: str, diagnostics: Sequence[Diagnostic], *,
            item: ItemField | None = None) -> None:
        self._count(diagnostics)
        for diagnostic in diagnostics:
            properties = {"file": path, **_github_region(diagnostic.span, item),
                          "title": f"{diagnostic.code} {diagnostic.name}"}
            shown = ",".join(f"{key}={_github_escape(str(value), property_value=True)}"
                             for key, value in properties.items())
            message = _item_prefix(item, diagnostic) + diagnostic.message
            if diagnostic.hint is not None:
                message += f"\nhint: {diagnostic.hint}"
            self.out.write(f"::{_GITHUB_LEVEL[diagnostic.severity]} {shown}::"
                           f"{_github_escape(message, property_value=False)}\n")

    def finish(self) -> None:
        """Nothing: the annotations are the whole output."""


def _artifact_uri(path: str) -> str:
    """A relative path as a URI reference (``/`` separators, percent-encoded)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return urllib.parse.quote(pure.as_posix())


def _sarif_rules() -> list[dict[str, object]]:
    return [{
        "id": code, "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "helpUri": f"{DOCS_URL}#{rule_anchor(code)}",
        "help": {"text": f"{rule.summary} See docs/ci.md#{rule_anchor(code)}."},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"fixable": rule.fixable},
    } for code, rule in CATALOGUE.items()]


def _sarif_region(index: LineIndex, span: Span, item: ItemField | None) -> dict[str, int]:
    """The region in the file, UTF-16 columns; for an item's text without an exact
    place in the export, the item's ``<item>`` line."""
    start, end = span.start, span.end
    if item is None:
        return {"startLine": start.line, "startColumn": index.utf16_column(start),
                "endLine": end.line, "endColumn": index.utf16_column(end)}
    anchor = item.anchor
    if anchor is None:
        return {"startLine": item.line}
    return {"startLine": anchor.line_column(start)[0],
            "startColumn": anchor.utf16_column(start, index),
            "endLine": anchor.line_column(end)[0], "endColumn": anchor.utf16_column(end, index)}


class SarifReporter(Reporter):
    """One SARIF 2.1.0 log with one run, written at the end."""

    maps_positions = True

    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self._results: list[dict[str, object]] = []
        self._notifications: list[dict[str, object]] = []
        self._rule_index = {code: i for i, code in enumerate(CATALOGUE)}

    def add(self, path: str, text: str, diagnostics: Sequence[Diagnostic], *,
            item: ItemField | None = None) -> None:
        self._count(diagnostics)
        index = LineIndex(text)
        uri = _artifact_uri(path)
        for diagnostic in diagnostics:
            location: dict[str, object] = {"physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": _sarif_region(index, diagnostic.span, item)}}
            if item is not None:
                location["logicalLocations"] = [{"fullyQualifiedName": item.name,
                                                 "kind": "element"}]
            message = _item_prefix(item, diagnostic) + diagnostic.message
            if diagnostic.hint is not None:
                message += f" (hint: {diagnostic.hint})"
            self._results.append({
                "ruleId": diagnostic.code, "ruleIndex": self._rule_index[diagnostic.code],
                "level": _SARIF_LEVEL[diagnostic.severity], "message": {"text": message},
                "locations": [location],
            })

    def read_error(self, path: str, reason: str) -> None:
        super().read_error(path, reason)
        self._notifications.append({
            "level": "error", "message": {"text": f"cannot read {path}: {reason}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _artifact_uri(path)}}}],
        })

    def finish(self) -> None:
        driver = {"name": "shortcodes", "version": shortcodes.__version__,
                  "informationUri": DOCS_URL, "rules": _sarif_rules()}
        run = {"tool": {"driver": driver}, "columnKind": "utf16CodeUnits",
               "invocations": [{"executionSuccessful": not self.errors,
                                "toolExecutionNotifications": self._notifications}],
               "results": self._results}
        log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        self.out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")


_REPORTERS: Final[dict[Format, type[Reporter]]] = {
    "concise": Reporter, "full": FullReporter, "json": JsonReporter,
    "github": GithubReporter, "sarif": SarifReporter,
}


def make_reporter(format_: Format, out: TextIO) -> Reporter:
    """The reporter for *format_*, writing to *out*."""
    return _REPORTERS[format_](out)
