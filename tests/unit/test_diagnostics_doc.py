"""``docs/diagnostics.md`` documents every code, and its examples really trigger them.

Convention of the document, one section per code of `CATALOGUE`:

* a heading ``## SC301 smart-quotes`` (code, then the rule's kebab-case name);
* a line ``**Severity:** warning · **Fixable:** yes`` matching the catalogue;
* a line ``Example:`` (or ``Example, parsed with `key=value, ...`:`` to pass
  keyword arguments to `parse`), a blank line, and a fenced ``text`` block holding
  the input, without its final line break. Codes found after parsing name their
  stage instead of ``parsed`` (``Example, rendered with `...`:``); `STAGES` maps
  each stage to the function that produces the diagnostics;
* a line ``Produces:``, a blank line, and a fenced ``text`` block listing every
  diagnostic of the section's code for that input, as
  ``line:column: CODE [severity] message`` plus ``    hint: ...`` when there is one.
"""

from __future__ import annotations

import ast
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
import regex

from shortcodes import CATALOGUE, Diagnostic, Shortcode, parse
from shortcodes.compare import wordpress_differences
from shortcodes.handlers.covid19 import covid19_card
from shortcodes.registry import HandlerRegistry, handler
from shortcodes.render import RenderContext, RenderOptions, render_html
from shortcodes.wxr import WxrReader

DOC = Path(__file__).resolve().parents[2] / "docs" / "diagnostics.md"

_HEADING = regex.compile(r"^## (?P<code>SC\d{3}) (?P<name>\S+)$", regex.MULTILINE)
_SEVERITY = regex.compile(
    r"^\*\*Severity:\*\* (?P<severity>\w+) · \*\*Fixable:\*\* (?P<fixable>yes|no)$",
    regex.MULTILINE)
_EXAMPLE = regex.compile(
    r"^Example(?:, (?P<stage>[a-z]+)(?: with `(?P<options>[^`\n]+)`)?)?:"
    r"\n\n```text\n(?P<text>.*?)\n```$",
    regex.MULTILINE | regex.DOTALL)
_PRODUCES = regex.compile(r"^Produces:\n\n```text\n(?P<text>.*?)\n```$",
                          regex.MULTILINE | regex.DOTALL)


def _sections() -> dict[str, tuple[str, str]]:
    """Map each documented code to its (heading name, section text)."""
    text = DOC.read_text(encoding="utf-8")
    headings = list(_HEADING.finditer(text))
    sections: dict[str, tuple[str, str]] = {}
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        assert heading["code"] not in sections, f"{heading['code']} is documented twice"
        sections[heading["code"]] = (heading["name"], text[heading.end() : end])
    return sections


def _options(spec: str | None) -> dict[str, object]:
    """Read ``key=value, ...`` (Python literals) as keyword arguments."""
    if spec is None:
        return {}
    call = ast.parse(f"f({spec})", mode="eval").body
    assert isinstance(call, ast.Call)
    assert not call.args, f"only keyword arguments are allowed: {spec}"
    return {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords if kw.arg}


def _parsed(text: str, options: dict[str, Any]) -> Sequence[Diagnostic]:
    return parse(text, **options).diagnostics


@attrs.frozen
class _Box:
    columns: int = 3
    rtl: bool = False


def _fail(node: Shortcode, context: RenderContext) -> str:
    raise RuntimeError("boom")


#: The registry the ``rendered`` examples use, as docs/diagnostics.md describes it.
DEMO_REGISTRY = HandlerRegistry.of(
    handler("box", schema=_Box)(lambda node, context: context.render_children()),
    handler("fail")(_fail),
).with_handler(covid19_card)


def _rendered(text: str, options: dict[str, Any]) -> Sequence[Diagnostic]:
    return render_html(text, registry=DEMO_REGISTRY, options=RenderOptions(**options)).diagnostics


def _read_wxr(text: str, options: dict[str, Any]) -> Sequence[Diagnostic]:
    """Read *text* (as UTF-8 bytes) as a whole WordPress export; return its warnings."""
    reader = WxrReader(io.BytesIO(text.encode("utf-8")), **options)
    for _item in reader.items():
        pass
    return reader.diagnostics


def _compared(text: str, options: dict[str, Any]) -> Sequence[Diagnostic]:
    """Compare *text* with WordPress's reading; each difference as its diagnostic."""
    return tuple(d.to_diagnostic() for d in wordpress_differences(text, **options))


#: How each stage named in an ``Example, <stage> ...:`` line produces diagnostics.
STAGES: dict[str, Callable[[str, dict[str, Any]], Sequence[Diagnostic]]] = {
    "parsed": _parsed,
    "rendered": _rendered,
    "read": _read_wxr,
    "compared": _compared,
}


def _diagnostics(example: regex.Match[str]) -> Sequence[Diagnostic]:
    stage = example["stage"] or "parsed"
    assert stage in STAGES, f"unknown stage {stage!r}"
    return STAGES[stage](example["text"], _options(example["options"]))


def _report(example: regex.Match[str], code: str) -> str:
    lines = []
    for diagnostic in _diagnostics(example):
        if diagnostic.code != code:
            continue
        start = diagnostic.span.start
        lines.append(f"{start.line}:{start.column}: {diagnostic.code} "
                     f"[{diagnostic.severity.value}] {diagnostic.message}")
        if diagnostic.hint is not None:
            lines.append(f"    hint: {diagnostic.hint}")
    return "\n".join(lines)


SECTIONS = _sections()


def test_every_code_has_a_section_and_every_section_a_code() -> None:
    assert sorted(SECTIONS) == sorted(CATALOGUE)


def test_sections_follow_catalogue_order() -> None:
    assert list(SECTIONS) == list(CATALOGUE)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_heading_and_severity_match_catalogue(code: str) -> None:
    name, body = SECTIONS[code]
    rule = CATALOGUE[code]
    assert name == rule.name
    match = _SEVERITY.search(body)
    assert match is not None, f"{code}: no **Severity:** line"
    assert match["severity"] == rule.severity.value
    assert (match["fixable"] == "yes") == rule.fixable


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_example_triggers_its_code(code: str) -> None:
    body = SECTIONS[code][1]
    examples = list(_EXAMPLE.finditer(body))
    assert len(examples) == 1, f"{code}: expected one `Example:` block, found {len(examples)}"
    example = examples[0]
    assert code in [d.code for d in _diagnostics(example)]
    assert parse(example["text"]).to_source() == example["text"]


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_documented_output_matches(code: str) -> None:
    body = SECTIONS[code][1]
    example = _EXAMPLE.search(body)
    produces = _PRODUCES.search(body)
    assert example is not None
    assert produces is not None, f"{code}: no `Produces:` block"
    actual = _report(example, code)
    assert actual == produces["text"]


def test_convention_parser_reads_options() -> None:
    assert _options('enclosing=["note"], max_depth=2') == {"enclosing": ["note"],
                                                          "max_depth": 2}
    assert _options(None) == {}
