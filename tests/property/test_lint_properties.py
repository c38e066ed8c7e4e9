"""Property tests for `shortcodes.lint`: `fix` is local, meaning-preserving and idempotent;
`lint` never raises and reports only what it selects."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shortcodes import CATALOGUE
from shortcodes.lint import LintConfig, fix, lint
from tests import strategies as sts
from tests.property._fixes import cooked, outside_opening_tags

# See test_fix_properties.py: Hypothesis's patch writer warns under `filterwarnings = error`.
pytestmark = pytest.mark.filterwarnings(
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")


@given(sts.any_text())
@example("«700» [card region=”EG” rtl=\"1\"size=\"10″&nbsp;x=1]\r\n“prose” &nbsp; x\u2003y")
@example('[a x="1"y="2"\u2003/]')
def test_fix_changes_only_the_inside_of_opening_tags(text: str) -> None:
    fixed = fix(text)
    pattern = r"[^\[\]]*".join(re.escape(piece) for piece in outside_opening_tags(text))
    assert re.fullmatch(pattern, fixed, flags=re.DOTALL) is not None, (text, fixed)


@given(sts.any_text())
@example("[a x=”1″ y=&#8221;640×480&#8243;]z=1&#160;w=2")
@example('[a x="1"y=\'2\'&nbsp;z=”3”]')
def test_fix_keeps_the_cooked_attributes(text: str) -> None:
    assert cooked(fix(text)) == cooked(text)


@given(sts.any_text())
@example('[a x="1"y="2"&nbsp;z=”3”y=1]')
def test_fix_is_idempotent(text: str) -> None:
    fixed = fix(text)
    assert fix(fixed) == fixed


_SELECTORS = st.sampled_from(sorted(
    {*CATALOGUE, *(rule.name for rule in CATALOGUE.values()), "SC1", "SC2", "SC3", "SC30"}))
_CONFIG = st.builds(
    LintConfig,
    select=st.one_of(st.none(), st.lists(_SELECTORS, max_size=4)),
    ignore=st.lists(_SELECTORS, max_size=3),
    known=st.one_of(st.none(), st.lists(st.sampled_from(("a", "b", "card", "x")), max_size=3)),
    enclosing=st.lists(st.sampled_from(("a", "b")), max_size=2),
    max_depth=st.integers(1, 5),
    compare_wordpress=st.booleans(),
)


@given(sts.any_text(), _CONFIG)
def test_lint_never_raises_and_reports_what_it_selects(text: str, config: LintConfig) -> None:
    found = lint(text, config=config)
    selected = config._plan.selected
    assert all(d.code in selected for d in found)
    keys = [(d.span.start.offset, d.span.end.offset, d.code) for d in found]
    assert keys == sorted(keys)
    assert all(0 <= d.span.start.offset <= d.span.end.offset <= len(text) for d in found)
