"""`shortcodes.lint`: every rule fires and is quiet once fixed; selection; the seed; fix."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from shortcodes import CATALOGUE, Severity, Text, parse
from shortcodes.lint import LintConfig, fix, lint, resolve_rules

CI_DOC = Path(__file__).resolve().parents[2] / "docs" / "ci.md"

#: code -> (text that triggers it, its fixed form, LintConfig keyword arguments).
RULES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "SC101": ('[card region="مصر"\u200f rtl="true"]', '[card region="مصر" rtl="true"]', {}),
    "SC102": ('[card region="EG"&nbsp;rtl="true"]', '[card region="EG" rtl="true"]', {}),
    "SC201": ("[note]Wash your hands.", "[note]Wash your hands.[/note]",
              {"enclosing": ["note"]}),
    "SC202": ("Wash your hands.[/note]", "Wash your hands.", {}),
    "SC203": ("[box][note]x[/box][/note]", "[box][note]x[/note][/box]", {}),
    "SC204": ("[row][row][row]deep[/row][/row][/row]", "[row][row]deep[/row][/row]",
              {"max_depth": 2}),
    "SC301": ("[card region=”EG” bg=”#0c3278″]", '[card region="EG" bg="#0c3278"]', {}),
    "SC302": ("[card region=&#8221;AE&#8221;]", '[card region="AE"]', {}),
    "SC303": ('[card region="EG"rtl="true"]', '[card region="EG" rtl="true"]', {}),
    "SC304": ('[card region="EG rtl=true]', '[card region="EG" rtl=true]', {}),
    "SC305": ('[card region="EG" Region="LY"]', '[card region="LY"]', {}),
    "SC306": ("[card title=”Sirte’s cases – 24h”]", "[card title=\"Sirte's cases - 24h\"]", {}),
    "SC307": ('[card label="cases < 10"]', '[card label="cases &lt; 10"]', {}),
    "SC308": ('[card region="EG"x rtl="true"]', '[card region="EG" x rtl="true"]', {}),
    "SC309": ("[card region=”EG”]", '[card region="EG"]', {"compare_wordpress": True}),
    "SC401": ("[cart] [card]", "[card] [card]", {"known": ["card"]}),
    "SC403": ('[card size="big"]', '[card size="2"]', {"schemas": {"card": {"size": "int"}}}),
    "SC404": ('[card colour="red"]', '[card size="2"]', {"schemas": {"card": {"size": "int"}}}),
}
#: Codes only the render and WXR stages report; `lint` never does.
NOT_LINT = {code for code in CATALOGUE if code[2] in "45"} - {"SC401", "SC403", "SC404"}


def codes(text: str, **options: Any) -> list[str]:
    return [d.code for d in lint(text, config=LintConfig(**options))]


def test_every_catalogue_code_is_covered() -> None:
    assert set(RULES) | NOT_LINT == set(CATALOGUE)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_fires_on_its_example(code: str) -> None:
    bad, _, options = RULES[code]
    assert code in codes(bad, **options)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_quiet_on_the_fixed_form(code: str) -> None:
    _, good, options = RULES[code]
    assert code not in codes(good, **options)


@pytest.mark.parametrize("code", sorted(c for c in RULES if CATALOGUE[c].fixable))
def test_fixable_rules_are_fixed_by_fix(code: str) -> None:
    bad, good, options = RULES[code]
    assert fix(bad) == good
    assert codes(fix(bad), **options) == []


def _ci_sections() -> dict[str, str]:
    """``docs/ci.md``: each ``### SCxxx name`` section's text, by code and name."""
    text = CI_DOC.read_text(encoding="utf-8")
    parts = re.split(r"^### (SC\d{3} \S+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_rule_has_a_section_in_ci_md(code: str) -> None:
    section = _ci_sections().get(f"{code} {CATALOGUE[code].name}")
    assert section is not None, f"docs/ci.md has no `### {code} {CATALOGUE[code].name}`"
    assert f"(diagnostics.md#{code.lower()}-{CATALOGUE[code].name})" in section


@pytest.mark.parametrize("code", sorted(RULES))
def test_ci_md_example_triggers_its_rule(code: str) -> None:
    section = _ci_sections()[f"{code} {CATALOGUE[code].name}"]
    example = re.search(r"^```text\n(.*?)\n```$", section, re.M | re.S)
    assert example is not None
    assert code in codes(example[1], **RULES[code][2])


# -- selection ---------------------------------------------------------------------------

MIXED = '[a\u200f x="1"&nbsp;y=”2″ z=&#8221;3&#8221; q="4"r="5" t="7" t="8"][/b]'


def test_default_selection_is_every_rule_but_the_opt_in_one() -> None:
    assert codes(MIXED) == ["SC101", "SC102", "SC301", "SC302", "SC303", "SC305", "SC202"]


@pytest.mark.parametrize(("select", "expected"), [
    (["SC3"], ["SC301", "SC302", "SC303", "SC305"]),
    (["SC30"], ["SC301", "SC302", "SC303", "SC305"]),
    (["sc301", "stray-closing-tag"], ["SC301", "SC202"]),
    (["Smart-Quotes"], ["SC301"]),
    (["SC1", "SC2"], ["SC101", "SC102", "SC202"]),
    (["SC"], ["SC101", "SC102", "SC301", "SC302", "SC303", "SC305", "SC202"]),
    ([], []),
])
def test_select(select: list[str], expected: list[str]) -> None:
    assert codes(MIXED, select=select) == expected


def test_ignore_wins_over_select() -> None:
    assert codes(MIXED, select=["SC3"], ignore=["SC30", "missing-space"]) == []
    assert codes(MIXED, ignore=["SC1", "entity-quotes"]) == ["SC301", "SC303", "SC305", "SC202"]


def test_opt_in_rule_needs_its_code_or_name() -> None:
    text = "[card region=”EG”]"
    assert "SC309" not in codes(text, select=["SC3"])
    assert "SC309" not in codes(text, select=["SC"])
    assert codes(text, select=["SC309"]) == ["SC309"]
    assert codes(text, select=["wordpress-difference"]) == ["SC309"]
    assert codes(text, compare_wordpress=True) == ["SC309", "SC301"]  # the tag, then the value
    # Ignoring by prefix does reach it.
    assert codes(text, compare_wordpress=True, ignore=["SC3"]) == []


@pytest.mark.parametrize("field", ["select", "ignore"])
@pytest.mark.parametrize("bad", ["SC999", "SC5x", "smart-quote", "", "SC4444"])
def test_unknown_selector_is_a_value_error_naming_it(field: str, bad: str) -> None:
    options: dict[str, Any] = {field: [bad]}
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        LintConfig(**options)


def test_unknown_selector_in_severity_and_per_path_ignores() -> None:
    with pytest.raises(ValueError, match="'SC999'"):
        LintConfig(severity={"SC999": "error"})
    with pytest.raises(ValueError, match="'nope'"):
        LintConfig(per_path_ignores={"docs/**": ["nope"]})


def test_resolve_rules() -> None:
    assert resolve_rules("SC20") == {"SC201", "SC202", "SC203", "SC204"}
    assert resolve_rules("bidi-control") == {"SC101"}
    assert "SC309" not in resolve_rules("SC3")
    assert "SC309" in resolve_rules("SC3", by_prefix_opt_in=True)


def test_severity_overrides_more_specific_wins() -> None:
    config = LintConfig(severity={"SC3": "error", "smart-quotes": "info", "SC30": "warning"})
    found = {d.code: d.severity for d in lint(MIXED, config=config)}
    assert found["SC301"] is Severity.INFO
    assert found["SC302"] is Severity.WARNING
    assert found["SC101"] is Severity.WARNING  # untouched
    assert LintConfig(severity={"SC202": Severity.ERROR}).severity["SC202"] is Severity.ERROR


def test_bad_severity_value() -> None:
    with pytest.raises(ValueError, match="'fatal'"):
        LintConfig(severity={"SC301": "fatal"})


def test_per_path_ignores() -> None:
    config = LintConfig(per_path_ignores={"docs/**": ["SC3"], "*.md": ["SC202"]})
    assert [d.code for d in lint(MIXED, config=config, path="docs/a/b.txt")] == \
        ["SC101", "SC102", "SC202"]
    assert [d.code for d in lint(MIXED, config=config, path="./notes/x.md")] == \
        ["SC101", "SC102", "SC301", "SC302", "SC303", "SC305"]
    assert len(lint(MIXED, config=config, path="post.txt")) == 7
    assert len(lint(MIXED, config=config)) == 7


def test_known_names_make_other_tags_text() -> None:
    text = "[card region=”EG”] [box region=”EG”]"
    found = lint(text, config=LintConfig(known=["card"]))
    assert [(d.code, d.span.start.column) for d in found] == [("SC301", 7), ("SC401", 20)]
    assert found[1].span.slice(text) == "[box region=”EG”]"
    assert found[1].message == "`[box]` is not a known shortcode; WordPress prints it as text"


def test_names_with_a_schema_are_known() -> None:
    config = LintConfig(known=["card"], schemas={"box": {"n": "int"}})
    assert codes("[box n=x] [card] [row]", **{"known": config.known,
                                               "schemas": config.schemas}) == \
        ["SC403", "SC401"]


def test_config_validation() -> None:
    with pytest.raises(ValueError, match="max_depth"):
        LintConfig(max_depth=0)
    with pytest.raises(ValueError, match="invalid shortcode name"):
        LintConfig(known=["a b"])
    with pytest.raises(ValueError, match="unknown type `integer`"):
        LintConfig(schemas={"card": {"size": "integer"}})
    with pytest.raises(TypeError, match="one str"):
        LintConfig(select="SC301")
    assert LintConfig(known=["b", "a", "b"]).known == ("b", "a")


def test_lint_needs_a_str() -> None:
    with pytest.raises(TypeError):
        lint(b"[a]")  # type: ignore[arg-type]


def test_diagnostics_are_sorted() -> None:
    text = "[/x] [a x=”1”] [b]y" * 3
    found = lint(text, config=LintConfig(known=["a"]))
    keys = [(d.span.start.offset, d.span.end.offset, d.code) for d in found]
    assert keys == sorted(keys)


# -- the seed article -------------------------------------------------------------------


def test_seed_lints_with_exactly_one_smart_quote_finding_per_attribute(seed_text: str) -> None:
    found = lint(seed_text)
    assert Counter(d.code for d in found) == {"SC301": 71}
    assert found[0].span.start.line == 23


def test_seed_compared_with_wordpress_adds_one_finding_per_card(seed_text: str) -> None:
    # Opt-in: each of the four curled cards reads differently in WordPress.
    found = lint(seed_text, config=LintConfig(compare_wordpress=True))
    assert Counter(d.code for d in found) == {"SC301": 71, "SC309": 4}
    assert [d.span.start.line for d in found if d.code == "SC309"] == [23, 25, 27, 29]


def test_fix_on_the_seed(seed_text: str) -> None:
    fixed = fix(seed_text)
    assert "”" not in fixed and "″" not in fixed
    before, after = parse(seed_text), parse(fixed)
    assert [n.raw for n in before.children if isinstance(n, Text)] == \
        [n.raw for n in after.children if isinstance(n, Text)]
    assert [list(c.attrs.items()) for c in before.shortcodes()] == \
        [list(c.attrs.items()) for c in after.shortcodes()]
    assert lint(fixed, config=LintConfig(compare_wordpress=True)) == ()
    assert fix(fixed) == fixed


@pytest.mark.parametrize("text", [
    "«700» [card region=”EG” rtl=\"1\"size=\"10″&nbsp;x=1]",
    '[a x="1"\u2003y="2"\u3000/] prose\u2003stays',
    "[a x=”1”y=”2”]",
    "no tags at all “quoted” &nbsp;",
])
def test_fix_is_idempotent_and_keeps_prose(text: str) -> None:
    fixed = fix(text)
    assert fix(fixed) == fixed
    assert [n.raw for n in parse(text).children if isinstance(n, Text)] == \
        [n.raw for n in parse(fixed).children if isinstance(n, Text)]
