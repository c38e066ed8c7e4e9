"""Property tests for `shortcodes.compare`: robustness, positions, and fidelity.

* `wordpress_differences` never raises on a ``str`` and every span is in bounds;
* text whose tags are plain and straight-quoted reads the same both ways;
* WordPress's side is exactly what ``shortcodes.wordpress.do_shortcode`` hands to
  handlers that expand their content, call by call.
"""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shortcodes import wordpress
from shortcodes.compare import _RENUMBER, _Reader, wordpress_differences
from shortcodes.tokenizer import scan_tags
from tests import strategies as sts

# See tests/property/test_parse_properties.py: Hypothesis's patch writer warns.
pytestmark = pytest.mark.filterwarnings(
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")

# -- any text --------------------------------------------------------------------------------

_HTML = st.sampled_from((
    '<a title="', '">', "<b x='", "'>", "<", ">", "<!--", "-->", "<![CDATA[", "]]>",
    "<p [a]>", " y=[b] ", "&#91;", "&#93;", "<[a]>", '<img alt="[a x=1]y[/a]">',
    '<i t="[a][b]<[x]>[/b][/a]">', '[b y="<i t=[a]>"]', "<x [[a]] [a]]>"))
_TEXT = st.one_of(sts.any_text(),
                  st.lists(st.one_of(sts.shortcode_text(), _HTML, sts.noise(5)),
                           max_size=6).map("".join))


@given(_TEXT, st.booleans())
@example("[a]<[/a][a\u2003]", False)  # a name present only outside the HTML tag
@example("&#91;[a x=”1”]&#93;<b t='[a]'>", False)
def test_never_raises_and_spans_are_in_bounds(text: str, ignore_html: bool) -> None:
    differences = wordpress_differences(text, ignore_html=ignore_html)
    starts = [d.span.start.offset for d in differences]
    assert starts == sorted(starts)
    for difference in differences:
        span = difference.span
        assert 0 <= span.start.offset <= span.end.offset <= len(text)
        assert text[span.start.offset] == "["
        for reading in (difference.ours, difference.wordpress):
            if reading is not None:
                offsets = reading["span"]["start"]["offset"], reading["span"]["end"]["offset"]
                assert 0 <= offsets[0] < offsets[1] <= len(text)
                assert text[offsets[0]] == "["
                assert text[offsets[1] - 1] == "]"
        assert difference.to_diagnostic().code == "SC309"
        json.dumps(difference.to_json())


# -- plain text ------------------------------------------------------------------------------

_PROSE = st.lists(st.sampled_from(("text", " ", "\n", "مصر", "«700»", "<b>", "</b>", "&amp;",
                                   "x=y", '"', "’")), max_size=3).map("".join)
_KEY = st.sampled_from(("x", "region", "bg-color", "a_b", "ID"))
_QUOTED = st.text(alphabet="abcXYZ019 .,:#-_مصر", max_size=6)
_BARE = st.text(alphabet="abcXYZ019.,:#-_", min_size=1, max_size=6)
_ATTRIBUTE = st.one_of(
    st.builds('{}="{}"'.format, _KEY, _QUOTED),
    st.builds("{}='{}'".format, _KEY, _QUOTED),
    st.builds("{}={}".format, _KEY, _BARE),
    _QUOTED.map('"{}"'.format),
    _BARE,
)
_ATTRIBUTES = st.lists(_ATTRIBUTE, max_size=3).map(lambda items: "".join(" " + a for a in items))
#: Names that never enclose, so never pair across the text.
_LEAF = st.one_of(
    st.builds("[{}{}]".format, st.sampled_from(("x", "y")), _ATTRIBUTES),
    st.builds("[{}{} /]".format, st.sampled_from(("x", "y")), _ATTRIBUTES),
    st.just("[[x]]"),
    _PROSE,
)


def _plain(depth: int) -> st.SearchStrategy[str]:
    """Text whose enclosing shortcodes take one name per depth: `a`, then `b`, then `c`."""
    if depth == 3:
        return st.lists(_LEAF, max_size=3).map("".join)
    name = "abc"[depth]
    enclosing = st.builds(f"[{name}{{}}]{{}}[/{name}]".format, _ATTRIBUTES, _plain(depth + 1))
    return st.lists(st.one_of(_LEAF, enclosing), max_size=3).map("".join)


@given(_plain(0))
@example('[a x="1"]y[/a]')
def test_plain_straight_quoted_text_reads_the_same(text: str) -> None:
    assert wordpress_differences(text) == ()


# -- fidelity to the port --------------------------------------------------------------------


def _handler_calls(text: str, names: list[str],
                   ignore_html: bool) -> list[tuple[str, dict[int | str, str], str]]:
    calls = []

    def handler(atts: dict[int | str, str], content: str, tag: str) -> str:
        calls.append((tag, atts, content))
        wordpress.do_shortcode(content, handlers)
        return ""

    handlers = dict.fromkeys(names, handler)
    wordpress.do_shortcode(text, handlers, ignore_html=ignore_html)
    return calls


@given(_TEXT, st.booleans(), st.randoms(use_true_random=False))
@example("[a]<[/a][a\u2003]", False, None)
def test_wordpress_side_is_what_do_shortcode_hands_to_handlers(
        text: str, ignore_html: bool, shuffle: random.Random | None) -> None:
    names = list(dict.fromkeys(tag.name for tag in scan_tags(text) if tag.body is not None))
    names += [name for name in ("a", "b", "x") if name not in names]
    if shuffle is not None:
        shuffle.shuffle(names)
    calls = _handler_calls(text, names, ignore_html)
    _, found = _Reader(tuple(names), ignore_html).read(text)
    mine = [match for match in found if not match.item.escaped]
    assert [call[0] for call in calls] == [match.item.name for match in mine]
    for (_, atts, content), match in zip(calls, mine, strict=True):
        # Handlers here print nothing, where the comparison takes a shortcode inside an
        # HTML attribute to print itself: text holding an HTML tag can differ.
        if "<" not in match.atts:
            assert atts == wordpress.shortcode_parse_atts(match.atts)
        span = match.item.content
        raw = "" if span is None else text[span[0]:span[1]]
        if "<" not in raw:
            assert content == _RENUMBER.sub("&#0", raw)
