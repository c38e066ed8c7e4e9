"""Lint: which diagnostics to report for a text, and the safe fixes.

This stage sits on top of the parser. `lint` parses the text once with the
configured options and keeps the diagnostics the configuration selects, with
their severities overridden as configured; checks that need the configuration
(unknown shortcodes, attribute schemas) and the opt-in comparison with WordPress's
own reading add diagnostics of their own. `fix` applies every safe fix inside
shortcode tags and nothing else. Neither prints, and neither raises on content.

Rule selectors, in ``select``, ``ignore``, ``severity`` and ``per_path_ignores``,
are a code (``SC301``), a code prefix (``SC3``, ``SC30``) or a rule name
(``smart-quotes``), case-insensitively. An unknown selector is a `ValueError`
naming it, raised when the `LintConfig` is built.

Opt-in rules are never selected by default nor by a prefix, only by their exact
code or name: ``SC309`` (``wordpress-difference``, which runs a second reading
of the text as WordPress reads it; ``compare_wordpress=True`` selects it too).
Rules that need information only the configuration has report nothing without
it: ``SC201`` needs ``enclosing``, ``SC401`` needs ``known``, ``SC403`` and
``SC404`` need ``schemas``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from shortcodes._glob import GlobSet, normalize
from shortcodes.compare import wordpress_differences
from shortcodes.diagnostics import CATALOGUE, Diagnostic, Severity
from shortcodes.edit import fix_missing_spaces, fix_quotes, fix_separators
from shortcodes.nodes import Document
from shortcodes.parser import DEFAULT_MAX_DEPTH, parse
from shortcodes.schema import Schema, schema_from_spec
from shortcodes.tokenizer import check_name

__all__ = ["DEFAULT_EXCLUDE", "DEFAULT_INCLUDE", "LintConfig", "fix", "lint", "resolve_rules",
           "select_diagnostics"]

#: Files a directory walk lints by default: content, not code.
DEFAULT_INCLUDE: Final = ("*.txt", "*.html", "*.htm", "*.md", "*.markdown", "*.xml")
#: Directories and files a directory walk always skips.
DEFAULT_EXCLUDE: Final = (".git", ".hg", ".svn", ".venv", "venv", "node_modules",
                          "__pycache__")
#: Rules selected only by their exact code or name (or a dedicated option).
_OPT_IN_NAMES: Final = frozenset({"wordpress-difference"})
_SCHEMA_CODES: Final = frozenset({"SC403", "SC404"})


def _rule_codes() -> dict[str, str]:
    """Every code and rule name, upper-cased codes and lower-cased names, to its code."""
    table = {code: code for code in CATALOGUE}
    table.update({rule.name: code for code, rule in CATALOGUE.items()})
    return table


def _opt_in_codes() -> frozenset[str]:
    return frozenset(code for code, rule in CATALOGUE.items() if rule.name in _OPT_IN_NAMES)


def resolve_rules(selector: str, /, *, by_prefix_opt_in: bool = False) -> frozenset[str]:
    """The codes a rule selector stands for: a code, a code prefix or a rule name.

    >>> sorted(resolve_rules("SC20"))
    ['SC201', 'SC202', 'SC203', 'SC204']
    >>> resolve_rules("smart-quotes")
    frozenset({'SC301'})

    Args:
        selector: ``SC301``, ``SC3``, ``smart-quotes`` (any case).
        by_prefix_opt_in: Whether a prefix also stands for opt-in rules (true for
            ignoring, false for selecting).

    Raises:
        ValueError: naming *selector* when it matches no rule.

    .. versionadded:: 0.1
    """
    key = selector.strip()
    table = _rule_codes()
    exact = table.get(key.upper()) or table.get(key.lower())
    if exact is not None:
        return frozenset({exact})
    if _is_prefix(key):
        skip = frozenset() if by_prefix_opt_in else _opt_in_codes()
        found = frozenset(c for c in CATALOGUE if c.startswith(key.upper()) and c not in skip)
        if found:
            return found
    raise ValueError(f"unknown rule {selector!r}: expected a code such as SC301, a prefix "
                     "such as SC3, or a rule name such as smart-quotes")


def _selectors(values: Iterable[str] | None) -> frozenset[str] | None:
    return None if values is None else _strings(values)


def _strings(values: Iterable[str]) -> frozenset[str]:
    if isinstance(values, str):
        raise TypeError("expected an iterable of str, not one str")
    return frozenset(values)


def _names(values: Iterable[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    if isinstance(values, str):
        raise TypeError("expected an iterable of names, not one str")
    return tuple(dict.fromkeys(check_name(v) for v in values))


def _enclosing(values: Iterable[str]) -> frozenset[str]:
    return frozenset(check_name(v) for v in _strings(values))


def _severities(values: Mapping[str, Severity | str]) -> Mapping[str, Severity]:
    return MappingProxyType({key: Severity(value) for key, value in values.items()})


def _schemas(values: Mapping[str, Mapping[str, str]]) -> Mapping[str, Mapping[str, str]]:
    return MappingProxyType({check_name(name): MappingProxyType(dict(spec))
                             for name, spec in values.items()})


def _ignores(values: Mapping[str, Iterable[str]]) -> Mapping[str, frozenset[str]]:
    return MappingProxyType({glob: _strings(codes) for glob, codes in values.items()})


def _globs(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        raise TypeError("expected an iterable of glob patterns, not one str")
    return tuple(values)


@attrs.frozen
class _Plan:
    """What a `LintConfig` means, worked out once: codes, severities, compiled schemas."""

    selected: frozenset[str]
    severity: Mapping[str, Severity]
    #: `LintConfig.known` and the names with a schema, in order.
    known: tuple[str, ...] | None
    schemas: Mapping[str, Schema]
    per_path: tuple[tuple[GlobSet, frozenset[str]], ...]
    #: Whether an opt-in comparison with WordPress's reading is selected.
    compare: bool


@attrs.frozen(kw_only=True)
class LintConfig:
    """What `lint` reports, and how; every field has a default.

    ``shortcodes lint`` reads it from ``[tool.shortcodes]`` in ``pyproject.toml``
    or from ``.shortcodes.toml`` (see ``docs/ci.md``).

    >>> config = LintConfig(select=["SC3"], ignore=["entity-quotes"], severity={"SC301": "error"})
    >>> [(d.code, d.severity.value) for d in lint("[a x=”1” y=&quot;2&quot;]", config=config)]
    [('SC301', 'error')]

    Raises:
        ValueError: for an unknown rule selector, a shortcode name WordPress refuses,
            a bad severity, a bad schema, or ``max_depth`` below 1.

    .. versionadded:: 0.1
    """

    #: Rule selectors to report; ``None`` for every rule except the opt-in ones.
    select: frozenset[str] | None = attrs.field(default=None, converter=_selectors)
    #: Rule selectors never to report (prefixes include opt-in rules here).
    ignore: frozenset[str] = attrs.field(default=frozenset(), converter=_strings)
    #: Severity per rule selector (``"error"``, ``"warning"``, ``"info"``); a longer
    #: selector wins over a shorter one, a code or a name over any prefix.
    severity: Mapping[str, Severity] = attrs.field(factory=dict, converter=_severities)
    #: Registered shortcode names, in registration order: other tags are text, and
    #: reported by SC401.
    known: tuple[str, ...] | None = attrs.field(default=None, converter=_names)
    #: Names that must have a closing tag (SC201).
    enclosing: frozenset[str] = attrs.field(default=frozenset(), converter=_enclosing)
    #: Attribute types per shortcode name: ``{"card": {"region": "str", "rtl": "bool"}}``.
    schemas: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict, converter=_schemas)
    #: Rule selectors ignored in files matching a glob: ``{"docs/**": {"SC301"}}``.
    per_path_ignores: Mapping[str, frozenset[str]] = attrs.field(factory=dict,
                                                                 converter=_ignores)
    #: Deepest nesting paired (SC204).
    max_depth: int = DEFAULT_MAX_DEPTH
    #: Files a directory walk lints (globs).
    include: tuple[str, ...] = attrs.field(default=DEFAULT_INCLUDE, converter=_globs)
    #: Files and directories a directory walk skips, besides `DEFAULT_EXCLUDE`.
    exclude: tuple[str, ...] = attrs.field(default=(), converter=_globs)
    #: Report tags WordPress would read differently (SC309), as if selected.
    compare_wordpress: bool = False
    _plan: _Plan = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.max_depth < 1:
            raise ValueError(f"max_depth must be at least 1, not {self.max_depth}")
        object.__setattr__(self, "_plan", _make_plan(self))


def _make_plan(config: LintConfig) -> _Plan:
    if config.select is None:
        selected = frozenset(CATALOGUE) - _opt_in_codes()
    else:
        selected = frozenset().union(*map(resolve_rules, config.select))
    if config.compare_wordpress:
        selected |= _opt_in_codes()
    ignored = [resolve_rules(s, by_prefix_opt_in=True) for s in config.ignore]
    selected = selected.difference(*ignored)
    per_path = tuple(
        (GlobSet([glob]), frozenset().union(
            *(resolve_rules(s, by_prefix_opt_in=True) for s in selectors)))
        for glob, selectors in config.per_path_ignores.items())
    known = None if config.known is None else (*config.known, *(
        name for name in config.schemas if name not in config.known))
    return _Plan(selected, _severity_table(config.severity), known,
                 _compile_schemas(config.schemas), per_path,
                 compare=bool(selected & _opt_in_codes()))


def _severity_table(overrides: Mapping[str, Severity]) -> Mapping[str, Severity]:
    """Code to severity; more specific selectors (longer, or exact) applied last."""
    def specificity(item: tuple[str, Severity]) -> tuple[bool, int]:
        key = item[0].strip()
        return (not _is_prefix(key), len(key))

    table: dict[str, Severity] = {}
    for selector, severity in sorted(overrides.items(), key=specificity):
        table.update(dict.fromkeys(resolve_rules(selector, by_prefix_opt_in=True), severity))
    return MappingProxyType(table)


def _is_prefix(selector: str) -> bool:
    """Whether *selector* has the shape of a code prefix (``SC``, ``SC3``, ``SC30``)."""
    digits = selector[2:]
    return (selector[:2].upper() == "SC" and len(digits) < 3
            and (not digits or (digits.isascii() and digits.isdigit())))


def _compile_schemas(specs: Mapping[str, Mapping[str, str]]) -> Mapping[str, Schema]:
    return MappingProxyType({name: schema_from_spec(spec) for name, spec in specs.items()})


_DEFAULT_CONFIG: Final = LintConfig()


def lint(text: str, /, *, config: LintConfig = _DEFAULT_CONFIG,
         path: str | None = None) -> tuple[Diagnostic, ...]:
    """Return the diagnostics *config* selects for *text*, sorted by position.

    >>> [d.code for d in lint("[card region=”EG”]Hi[/box]")]
    ['SC301', 'SC202']
    >>> lint("[card region=”EG”]", config=LintConfig(ignore=["SC3"]))
    ()

    Args:
        text: The content to lint.
        config: What to report; by default every rule except the opt-in ones.
        path: The file *text* came from, relative to the project root, for
            ``per_path_ignores``.

    Raises:
        TypeError: if *text* is not a ``str``.

    .. versionadded:: 0.1
    """
    plan = config._plan
    active = _active_codes(plan, path)
    document = parse(text, known=plan.known, enclosing=config.enclosing,
                     max_depth=config.max_depth)
    found = [d for d in document.diagnostics if d.code in active]
    if plan.schemas and active & _SCHEMA_CODES:
        found.extend(d for d in _schema_diagnostics(document, plan.schemas) if d.code in active)
    if plan.known is not None and "SC401" in active:
        found.extend(_unknown_shortcodes(text, plan.known, config.max_depth))
    if plan.compare:
        found.extend(d for d in _wordpress_differences(text, plan.known) if d.code in active)
    if plan.severity:
        found = [_with_severity(d, plan.severity) for d in found]
    found.sort(key=lambda d: (d.span.start.offset, d.span.end.offset, d.code))
    return tuple(found)


def select_diagnostics(diagnostics: Iterable[Diagnostic], /, *,
                       config: LintConfig = _DEFAULT_CONFIG,
                       path: str | None = None) -> tuple[Diagnostic, ...]:
    """Keep the *diagnostics* *config* selects for *path*, with the configured severities.

    For diagnostics found outside `lint`, such as a WordPress export's SC501
    (`shortcodes.wxr.WxrReader.diagnostics`): ``select``, ``ignore``,
    ``per_path_ignores`` and ``severity`` apply to them as to `lint`'s own. The
    order is kept.

    >>> from shortcodes.span import LineIndex
    >>> found = [Diagnostic("SC501", "junk", LineIndex("x").span(0, 1))]
    >>> [d.severity.value for d in select_diagnostics(found, config=LintConfig(
    ...     severity={"SC5": "error"}))]
    ['error']
    >>> select_diagnostics(found, config=LintConfig(ignore=["SC5"]))
    ()

    .. versionadded:: 0.1
    """
    plan = config._plan
    active = _active_codes(plan, path)
    return tuple(_with_severity(d, plan.severity) for d in diagnostics if d.code in active)


def _active_codes(plan: _Plan, path: str | None) -> frozenset[str]:
    """The selected codes, less those ignored for *path* (``per_path_ignores``)."""
    if path is None or not plan.per_path:
        return plan.selected
    relative = normalize(path)
    return plan.selected.difference(*(codes for globs, codes in plan.per_path
                                      if globs.matches(relative)))


def _with_severity(diagnostic: Diagnostic, table: Mapping[str, Severity]) -> Diagnostic:
    severity = table.get(diagnostic.code, diagnostic.severity)
    if severity is diagnostic.severity:
        return diagnostic
    return attrs.evolve(diagnostic, severity=severity)


def _schema_diagnostics(document: Document,
                        schemas: Mapping[str, Schema]) -> Iterator[Diagnostic]:
    for shortcode in document.shortcodes():
        schema = schemas.get(shortcode.name)
        if schema is not None:
            yield from schema.check(shortcode)


def _unknown_shortcodes(text: str, known: tuple[str, ...],
                        max_depth: int) -> Iterator[Diagnostic]:
    """SC401 for every tag whose name is not registered: read without ``known``."""
    document = parse(text, max_depth=max_depth)
    index = document.line_index
    registered = frozenset(known)
    for shortcode in document.shortcodes():
        if shortcode.name in registered or shortcode.span is None:
            continue
        start = shortcode.span.start.offset
        yield Diagnostic(
            "SC401", f"`[{shortcode.name}]` is not a known shortcode; WordPress prints it "
            "as text", index.span(start, start + len(shortcode.open_tag)),
            hint="correct the name, or add it to `known`")


def _wordpress_differences(text: str, known: tuple[str, ...] | None) -> Iterator[Diagnostic]:
    """SC309: tags WordPress reads differently (registered names in configured order)."""
    return (difference.to_diagnostic()
            for difference in wordpress_differences(text, tags=known))


def fix(text: str, /) -> str:
    """Apply every safe fix inside shortcode tags; text outside tags stays byte-identical.

    The fixes are `fix_quotes` (SC301, SC302, SC306), `fix_missing_spaces` (SC303)
    and `fix_separators` (SC102). Each fixed tag reads exactly as before. Fixing
    twice changes nothing more.

    >>> fix('«700» [card region=”EG” rtl="1"size="10″&nbsp;x=1]')
    '«700» [card region="EG" rtl="1" size="10" x=1]'

    Raises:
        TypeError: if *text* is not a ``str``.

    .. versionadded:: 0.1
    """
    return fix_separators(fix_missing_spaces(fix_quotes(text)))
