from __future__ import annotations

import pytest

from shortcodes import fix_quotes, parse
from shortcodes.edit import fix_missing_spaces, fix_separators


@pytest.mark.parametrize(("before", "after"), [
    ("[a x=”1” y=”#0c3278″]", '[a x="1" y="#0c3278"]'),
    ("[a x=&#8221;1&#8243; y=&quot;2&quot;]", '[a x="1" y="2"]'),
    ("[a x=’1’]", "[a x='1']"),
    ("[a t=”it’s”]", "[a t=\"it's\"]"),
    ("[a t=‘say ”hi”’]", "[a t='say \"hi\"']"),
    ("[a size=”640×480″ r=”a–b”]", '[a size="640x480" r="a--b"]'),
    ("[a “pos” x=”1”]", '[a "pos" x="1"]'),
    ("«x» “prose” [a] ’y’", "«x» “prose” [a] ’y’"),
    ('[a x="1"] ”not a tag”', '[a x="1"] ”not a tag”'),
])
def test_fix_quotes(before: str, after: str) -> None:
    assert fix_quotes(before) == after
    assert fix_quotes(after) == after
    assert [dict(sc.attrs) for sc in parse(before).shortcodes()] == \
        [dict(sc.attrs) for sc in parse(after).shortcodes()]


def test_tag_is_left_alone_when_one_value_has_no_straight_form() -> None:
    # `t` reads as the bare value `"it's` (both quote kinds once untexturized): no
    # straight-quoted form reads the same, so the whole tag stays as it is.
    text = "[a t=”it’s x=”1”]"
    assert dict(next(parse(text).shortcodes()).attrs) == {"t": "\"it's", "x": "1"}
    assert fix_quotes(text) == text


# -- fix_missing_spaces (SC303) and fix_separators (SC102) ----------------------------------


@pytest.mark.parametrize(("before", "after"), [
    ('[card region="EG"rtl="true"]', '[card region="EG" rtl="true"]'),
    ("[a x='1'y='2'z=\"3\" /]", "[a x='1' y='2' z=\"3\" /]"),
    ('[a x=”1”y=”2”]', '[a x=”1”y=”2”]'),  # one bare value here, not two attributes
    ('"a"b [a x="1" y="2"]', '"a"b [a x="1" y="2"]'),
    ('[a x="1"y="2"]z[/a] "q"r', '[a x="1" y="2"]z[/a] "q"r'),
])
def test_fix_missing_spaces(before: str, after: str) -> None:
    assert fix_missing_spaces(before) == after
    assert fix_missing_spaces(after) == after
    assert [d.code for d in parse(after).diagnostics if d.code == "SC303"] == []
    assert [list(sc.attrs.items()) for sc in parse(before).shortcodes()] == \
        [list(sc.attrs.items()) for sc in parse(after).shortcodes()]


@pytest.mark.parametrize(("before", "after"), [
    ('[card region="EG"&nbsp;rtl="true"]', '[card region="EG" rtl="true"]'),
    ("[a&#160;x=1&#xA0;y=2&#00160;/]", "[a x=1 y=2 /]"),
    ("[a x=1\u2003\u3000y=2\u202f]", "[a x=1 y=2 ]"),
    ("[a x=1 \u2028y=2]", "[a x=1  y=2]"),
    ("[a x=1\u200f&nbsp;y=2]", "[a x=1\u200f y=2]"),  # the bidi mark is SC101's business
    ("[a x=1\u00a0y=2\u200bz=3]", "[a x=1\u00a0y=2\u200bz=3]"),  # WordPress reads these
    ("prose&nbsp;stays\u2003[a]", "prose&nbsp;stays\u2003[a]"),
])
def test_fix_separators(before: str, after: str) -> None:
    assert fix_separators(before) == after
    assert fix_separators(after) == after
    assert [d for d in parse(after).diagnostics if d.code == "SC102"] == []
    assert [list(sc.attrs.items()) for sc in parse(before).shortcodes()] == \
        [list(sc.attrs.items()) for sc in parse(after).shortcodes()]


def test_fix_separators_keeps_line_numbers() -> None:
    # U+2028 does not end a line, and the space that replaces it does not either.
    text = "[a x=1\u2028y=2]\n[b]"
    fixed = fix_separators(text)
    assert [sc.span.start.line for sc in parse(fixed).shortcodes()] == [1, 2]  # type: ignore[union-attr]
