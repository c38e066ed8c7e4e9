"""Property tests for `fix_quotes`: idempotent, local to opening tags, meaning-preserving."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given

from shortcodes import fix_quotes
from tests import strategies as sts
from tests.property._fixes import cooked, outside_opening_tags

# Hypothesis writes a patch for each failure with libcst, whose typing_inspect import
# warns (DeprecationWarning from mypy_extensions); ``filterwarnings = error`` would turn
# the report of a real failure into an INTERNALERROR.
pytestmark = pytest.mark.filterwarnings(
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")


@given(sts.any_text())
@example("[a x=”1″]")
@example('[a  region=&#x201D; &#039;"]')  # found by Hypothesis: &#x201D; read as a single quote
@example("[a x=&#x201D;&#039;&#x201D;]")
def test_fix_quotes_is_idempotent(text: str) -> None:
    fixed = fix_quotes(text)
    assert fix_quotes(fixed) == fixed


@given(sts.any_text())
@example("«700» [card region=”EG”]”x”[/card]")
def test_fix_quotes_changes_only_opening_tags(text: str) -> None:
    fixed = fix_quotes(text)
    pieces = outside_opening_tags(text)
    # Between the kept pieces only the inside of a tag may change, never by a bracket.
    pattern = r"[^\[\]]*".join(re.escape(piece) for piece in pieces)
    assert re.fullmatch(pattern, fixed, flags=re.DOTALL) is not None, (text, fixed)


@given(sts.any_text())
@example("[a x=”1″ y=&#8221;640×480&#8243;]")
@example('[[a region="" region=&#039;&#8220; "" region=""/][/a]]')  # found by Hypothesis
# Found by Hypothesis: the junk positional `”"”` was requoted as `'"""'`, which then
# joined the `x =` before it into a named attribute (fixed in 66e8cb1).
@example('[a  region=”” region = ”"”]')
@example('[a x = ”"”]')
def test_fix_quotes_keeps_the_cooked_attributes(text: str) -> None:
    assert cooked(fix_quotes(text)) == cooked(text)
