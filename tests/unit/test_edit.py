from __future__ import annotations

import pytest

from shortcodes import fix_quotes, parse


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
