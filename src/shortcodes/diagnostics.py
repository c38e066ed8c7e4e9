"""Diagnostics: problems found in content, as values.

Every problem the tokenizer or parser notices becomes a `Diagnostic`; content
never raises. Codes are ``SC`` plus three digits, the hundreds digit naming the
stage: 1xx tokenizer, 2xx structure, 3xx attributes, 4xx handlers and
rendering, 5xx WXR. Each code also has a kebab-case name. Retired codes are never
reused. ``docs/diagnostics.md`` documents every entry of `CATALOGUE`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from shortcodes.span import Span

__all__ = ["CATALOGUE", "Diagnostic", "Rule", "Severity"]


class Severity(enum.Enum):
    """How serious a diagnostic is.

    .. versionadded:: 0.1
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen
class Rule:
    """One entry of the diagnostic catalogue.

    .. versionadded:: 0.1
    """

    #: The stable code, such as ``"SC201"``.
    code: str
    #: The stable kebab-case name, such as ``"unclosed-shortcode"``.
    name: str
    #: The default severity.
    severity: Severity
    #: One sentence saying what the rule detects.
    summary: str
    #: Whether a safe automatic fix exists.
    fixable: bool = False


def _rules(*rules: Rule) -> Mapping[str, Rule]:
    return MappingProxyType({rule.code: rule for rule in rules})


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: Every diagnostic code, by code.
CATALOGUE: Final[Mapping[str, Rule]] = _rules(
    Rule("SC101", "bidi-control", _W,
         "A bidirectional control character sits inside a shortcode tag."),
    Rule("SC102", "unusual-separator", _I,
         "Attributes are separated by a character WordPress does not treat as a space.",
         fixable=True),
    Rule("SC201", "unclosed-shortcode", _E,
         "A shortcode that encloses content has no closing tag."),
    Rule("SC202", "stray-closing-tag", _W,
         "A closing tag has no matching opening tag; it is kept as text."),
    Rule("SC203", "crossing-tags", _E,
         "A closing tag crosses another shortcode that is still open."),
    Rule("SC204", "nesting-too-deep", _E,
         "Shortcodes are nested deeper than the configured limit."),
    Rule("SC301", "smart-quotes", _W,
         "An attribute value is delimited by typographic quotes.", fixable=True),
    Rule("SC302", "entity-quotes", _W,
         "An attribute value is delimited by HTML-entity quotes.", fixable=True),
    Rule("SC303", "missing-space", _W,
         "Two attributes are written without a space between them.", fixable=True),
    Rule("SC304", "unbalanced-quote", _E,
         "An attribute value opens a quote that is never closed."),
    Rule("SC305", "duplicate-attribute", _W,
         "An attribute is given more than once; the last value wins."),
    Rule("SC306", "texturized-value", _W,
         "An attribute value carries typography WordPress's texturizer added.", fixable=True),
    Rule("SC307", "unclosed-html-in-value", _W,
         "An attribute value contains an unclosed `<`; WordPress empties such values."),
    Rule("SC308", "malformed-attribute", _W,
         "An attribute is malformed and is read as a positional value, as WordPress reads it."),
    Rule("SC309", "wordpress-difference", _W,
         "WordPress reads this shortcode differently from how it is read here."),
    Rule("SC401", "unknown-shortcode", _W,
         "No handler is registered for a shortcode (or its name is not a known one)."),
    Rule("SC402", "handler-error", _E,
         "A handler raised an exception; the shortcode's source text is kept."),
    Rule("SC403", "invalid-attribute", _W,
         "An attribute value does not convert to its declared type; the default is used."),
    Rule("SC404", "unknown-attribute", _W,
         "An attribute is not declared in the shortcode's schema; it is kept."),
    Rule("SC405", "render-too-deep", _E,
         "Rendering nested deeper than the limit; the shortcode's source text is kept."),
    Rule("SC406", "missing-data", _W,
         "A handler could not find the data it renders (a statistics region, an attachment)."),
    Rule("SC501", "wxr-leading-garbage", _W,
         "A WordPress export starts with text before its XML declaration; it is skipped."),
)


def _known_code(instance: Diagnostic, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in CATALOGUE:
        raise ValueError(f"unknown diagnostic code {value!r}")


@attrs.frozen
class Diagnostic:
    """A problem found in content.

    .. versionadded:: 0.1
    """

    #: The stable code, such as ``"SC202"``.
    code: str = attrs.field(validator=_known_code)
    #: One sentence saying what is wrong, with names in backticks.
    message: str
    #: Where the problem is.
    span: Span
    #: How serious it is; defaults to the catalogue's severity for the code.
    severity: Severity = attrs.field()
    #: How to fix it, when there is something to say.
    hint: str | None = None

    @severity.default
    def _default_severity(self) -> Severity:
        return CATALOGUE[self.code].severity

    @property
    def name(self) -> str:
        """The kebab-case name of the code, such as ``"stray-closing-tag"``."""
        return CATALOGUE[self.code].name

    @property
    def fixable(self) -> bool:
        """Whether a safe automatic fix exists for this kind of problem."""
        return CATALOGUE[self.code].fixable

    def to_json(self) -> dict[str, object]:
        """Return the diagnostic as a JSON-ready dict (the stable ``json`` contract)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "span": self.span.to_json(),
            "hint": self.hint,
        }
