"""Property tests for tokenize, parse and edits: losslessness, robustness, positions.

Each test states one invariant from the style guide (Tests section) and checks it
for any text (`tests.strategies.any_text`), for shortcode-shaped text, or for
generated attribute lists. Counterexamples Hypothesis found are pinned with
``@example`` next to the property they broke.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shortcodes import (
    DEFAULT_MAX_DEPTH,
    Attribute,
    Document,
    Escape,
    Shortcode,
    Span,
    Text,
    parse,
    tokenize,
)
from shortcodes import parser as parser_module
from shortcodes.nodes import Node
from shortcodes.span import LineIndex
from shortcodes.tokenizer import TokenKind, cook_attributes, scan_tags
from tests import strategies as sts

# Hypothesis writes a patch for each failure with libcst, whose typing_inspect import
# warns (DeprecationWarning from mypy_extensions); ``filterwarnings = error`` would turn
# the report of a real failure into an INTERNALERROR.
pytestmark = pytest.mark.filterwarnings(
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")

# -- helpers -------------------------------------------------------------------------


def reference_positions(text: str) -> list[tuple[int, int]]:
    """(line, column) of every offset 0..len(text), breaking only on \\n, \\r\\n, \\r."""
    positions = []
    line, column = 1, 1
    for offset in range(len(text) + 1):
        positions.append((line, column))
        if offset == len(text):
            break
        char = text[offset]
        if char == "\n" or (char == "\r" and text[offset + 1 : offset + 2] != "\n"):
            line, column = line + 1, 1
        else:
            column += 1
    return positions


def walk(doc: Document) -> Iterator[Text | Escape | Shortcode]:
    """Every node of *doc*, depth-first, without recursion."""
    stack = list(reversed(doc.children))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, Shortcode):
            stack.extend(reversed(node.children))


def check_span(span: Span | None, text: str, positions: list[tuple[int, int]]) -> Span:
    assert span is not None
    start, end = span.start.offset, span.end.offset
    assert 0 <= start <= end <= len(text), span
    assert (span.start.line, span.start.column) == positions[start], span
    assert (span.end.line, span.end.column) == positions[end], span
    return span


def check_children(children: tuple[Text | Escape | Shortcode, ...], begin: int, end: int,
                   text: str, positions: list[tuple[int, int]]) -> None:
    """Children are in order, contiguous, and cover exactly ``text[begin:end]``."""
    cursor = begin
    for child in children:
        span = check_span(child.span, text, positions)
        assert span.start.offset == cursor, (child, cursor)
        cursor = span.end.offset
    assert cursor == end, (children, begin, end)


def check_attributes(shortcode: Shortcode, text: str, positions: list[tuple[int, int]],
                     open_start: int, open_end: int) -> None:
    """Attribute spans sit inside the opening tag, in order, and slice to their raw text."""
    cursor = open_start + 1 + len(shortcode.name)
    for attribute in shortcode.attributes:
        span = check_span(attribute.span, text, positions)
        assert attribute.raw is not None
        assert span.slice(text) == attribute.raw, (attribute, span.slice(text))
        assert span.start.offset == cursor + len(attribute.leading), attribute
        assert text[cursor : span.start.offset] == attribute.leading
        cursor = span.end.offset
    assert cursor <= open_end
    rebuilt = (f"[{shortcode.name}{''.join(a.to_source() for a in shortcode.attributes)}"
               f"{shortcode.trailing}{'/' if shortcode.self_closing else ''}]")
    assert rebuilt == shortcode.open_tag


def cooked_from_attributes(attributes: tuple[Attribute, ...],
                           ) -> tuple[list[tuple[str, str]], tuple[str, ...]]:
    """WordPress's rules, applied to the full scanner's attributes.

    An empty quoted positional value is dropped, the key ``0`` is dropped, and a
    repeated key keeps its first position and its last value.
    """
    named: dict[str, str] = {}
    positional: list[str] = []
    for attribute in attributes:
        if attribute.name is None:
            if not (attribute.raw_value == "" and attribute.open_quote):
                positional.append(attribute.value)
        elif attribute.name != "0":
            named[attribute.name] = attribute.value
    return list(named.items()), tuple(positional)


# -- 1. round trip ---------------------------------------------------------------------


@given(sts.any_text())
@example("")
@example("[a]\r\n[/a]\ud800")
@example("[[a]]x[/a]]")
def test_parse_round_trips(text: str) -> None:
    assert parse(text).to_source() == text


@given(sts.any_text())
@example("[a x=”1″]b[/a ]")
def test_tokens_cover_the_text(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(token.text for token in tokens) == text
    cursor = 0
    for token in tokens:
        assert token.start == cursor and token.end == cursor + len(token.text)
        assert text[token.start : token.end] == token.text
        cursor = token.end
    assert cursor == len(text)


@given(sts.shortcode_text(), st.integers(1, 3),
       st.sets(st.sampled_from(sts.NAMES)), st.sets(st.sampled_from(sts.NAMES)))
def test_parse_round_trips_with_options(text: str, max_depth: int, known: set[str],
                                        enclosing: set[str]) -> None:
    assert parse(text, max_depth=max_depth).to_source() == text
    assert parse(text, known=known, enclosing=enclosing).to_source() == text


# -- 2. never raises -----------------------------------------------------------------


@given(st.one_of(sts.any_text(), st.text(alphabet=st.characters(codec=None,
                                                                 categories=["Cs", "Ll", "Po"]))))
@example("\ud800[a x=\ud800 y=”\udfff″]\ud800[/a]")
@example('[a "&#8220;"]')  # raised ValueError in attribute diagnostics while src/ was edited
@example('[a "\']')
def test_parse_never_raises(text: str) -> None:
    doc = parse(text)
    for shortcode in doc.shortcodes():
        shortcode.attrs
        shortcode.positional
        shortcode.attributes
        shortcode.content
        shortcode.span
        shortcode.trailing
        for attribute in shortcode.attributes:
            attribute.span
            attribute.raw
    doc.diagnostics


# -- 3. spans ------------------------------------------------------------------------


_KNOWN = st.one_of(st.none(), st.sets(st.sampled_from(sts.NAMES)))


@given(sts.any_text(), st.sampled_from((DEFAULT_MAX_DEPTH, 1, 2)), _KNOWN)
@example("a\r\n[b x=1]\rc\u2028[/b]\n", DEFAULT_MAX_DEPTH, None)
@example("[[a]x[/a]]", DEFAULT_MAX_DEPTH, None)
@example("[a][a][b][/a][/a]", 1, None)
def test_spans_are_in_bounds_nested_and_exact(text: str, max_depth: int,
                                              known: set[str] | None) -> None:
    doc = parse(text, max_depth=max_depth, known=known)
    positions = reference_positions(text)
    check_children(doc.children, 0, len(text), text, positions)
    for node in walk(doc):
        span = check_span(node.span, text, positions)
        assert span.slice(text) == node.to_source()
        if not isinstance(node, Shortcode):
            continue
        start, end = span.start.offset, span.end.offset
        open_end = start + len(node.open_tag)
        assert text[start:open_end] == node.open_tag
        close = node.close_tag
        if close is None:
            assert end == open_end and not node.children and node.content is None
            content_end = open_end
        else:
            content_end = end - len(close)
            assert text[content_end:end] == close
            assert node.content == text[open_end:content_end]
        check_children(node.children, open_end, content_end, text, positions)
        check_attributes(node, text, positions, start, open_end)


# -- 4. diagnostics --------------------------------------------------------------------


@given(sts.any_text(), st.sets(st.sampled_from(sts.NAMES)), st.integers(1, 4))
@example('[a "&#8220;"]', set(), 1)
@example('[a "\']', set(), 1)
def test_diagnostic_spans_are_valid_and_sorted(text: str, enclosing: set[str],
                                               max_depth: int) -> None:
    doc = parse(text, enclosing=enclosing, max_depth=max_depth)
    positions = reference_positions(text)
    starts = []
    for diagnostic in doc.diagnostics:
        span = check_span(diagnostic.span, text, positions)
        starts.append(span.start.offset)
    assert starts == sorted(starts)


# -- 5. text without brackets ----------------------------------------------------------


@given(st.one_of(st.text(), sts.noise()).map(lambda s: s.replace("[", "")))
def test_text_without_brackets_is_one_text_node(text: str) -> None:
    doc = parse(text)
    if text:
        assert len(doc.children) == 1
        (node,) = doc.children
        assert isinstance(node, Text) and node.raw == text
    else:
        assert doc.children == ()
    assert doc.diagnostics == ()


# -- 6. fast path and full scanner agree -------------------------------------------------


def _single_tag(text: str) -> Shortcode | None:
    tokens = tokenize(text)
    if len(tokens) != 1 or tokens[0].kind is not TokenKind.OPEN:
        return None
    (shortcode,) = parse(text).shortcodes()
    return shortcode


@given(st.one_of(sts.attribute_body(), sts.attribute_body(well_formed=True)))
@example(' x="1" "" y=2')
@example(" 0=a X=1 x=2 ''")
@example(" region=”EG” bg-color=&#8221;#0c3278&#8243;")
@example(" “")  # found by Hypothesis: a bare positional that starts with a quote
@example(" region=‘“")
def test_fast_path_agrees_with_full_scanner(body: str) -> None:
    text = f"[x{body}]"
    shortcode = _single_tag(text)
    if shortcode is None:
        return
    named, positional = cooked_from_attributes(shortcode.attributes)
    assert list(shortcode.attrs.items()) == named
    assert shortcode.positional == positional
    token_body = tokenize(text)[0].body
    assert token_body is not None
    fast = cook_attributes(token_body)
    if fast is not None:
        assert list(fast[0].items()) == named
        assert fast[1] == positional


# -- 8. edits --------------------------------------------------------------------------


@given(sts.shortcode_text(), st.integers(0))
def test_replacing_a_shortcode_by_itself_prints_the_same(text: str, pick: int) -> None:
    doc = parse(text)
    shortcodes = list(doc.shortcodes())
    if not shortcodes:
        return
    target = shortcodes[pick % len(shortcodes)]
    assert doc.replace(target, target).to_source() == text


@given(sts.shortcode_text(), sts.attribute_key().filter(lambda k: k != "0"),
       st.text(max_size=8), st.integers(0))
def test_with_attribute_sets_the_cooked_value(text: str, key: str, value: str,
                                              pick: int) -> None:
    shortcodes = list(parse(text).shortcodes())
    if not shortcodes:
        return
    edited = shortcodes[pick % len(shortcodes)].with_attribute(key, value)
    assert edited.attrs[key.lower()] == value


@given(sts.shortcode_text(), sts.attribute_key(), st.text(max_size=8), st.integers(0))
@example("[a][/a ]", "k", "v", 0)  # found by Hypothesis: closing tag reprinted (fixed in 66e8cb1)
def test_with_attribute_keeps_text_outside_the_opening_tag(
        text: str, key: str, value: str, pick: int) -> None:
    doc = parse(text)
    shortcodes = list(doc.shortcodes())
    if not shortcodes:
        return
    target = shortcodes[pick % len(shortcodes)]
    edited = target.with_attribute(key, value)
    printed = doc.replace(target, edited).to_source()
    assert target.span is not None
    start = target.span.start.offset
    assert printed[:start] == text[:start]
    assert printed[start:].startswith(edited.open_tag)
    assert printed[start + len(edited.open_tag) :] == text[start + len(target.open_tag) :]


def _edit_and_reparse(text: str, key: str, value: str, pick: int) -> None:
    """Print the document with one shortcode's attribute set, and read it back."""
    doc = parse(text)
    shortcodes = list(doc.shortcodes())
    if not shortcodes:
        return
    index = pick % len(shortcodes)
    target = shortcodes[index]
    edited = target.with_attribute(key, value)
    printed = doc.replace(target, edited).to_source()
    reparsed = list(parse(printed).shortcodes())
    assert [sc.name for sc in reparsed] == [sc.name for sc in shortcodes], printed
    assert dict(reparsed[index].attrs) == dict(edited.attrs), printed
    assert reparsed[index].positional == edited.positional, printed


@given(sts.document(well_formed=True), sts.attribute_key().filter(lambda k: k != "0"),
       sts.edit_value(), st.integers(0))
# Found by Hypothesis: the edit turned a quote-less (texturized) tag into a straight-quoted
# one, which changed how the untouched attributes were cooked (fixed in 66e8cb1).
@example("[a x=–]", "k", "v", 0)
@example('[a "" – region=””]', "region", "", 0)
# Found by Hypothesis: the canonical form left typographic quotes and named quote
# entities in the value, and the tolerant tokenizer read them as delimiters (fixed in 6e173f9).
@example("[a]", "x", "“", 0)
@example("[a]", "x", "&quot;", 0)
@example("[a]", "x", "&apos;\"", 0)
def test_with_attribute_reparses_to_the_same_attributes(
        text: str, key: str, value: str, pick: int) -> None:
    _edit_and_reparse(text, key, value, pick)


@given(sts.shortcode_text(), sts.attribute_key().filter(lambda k: k != "0"),
       sts.plain_value(), st.integers(0))
# Found by Hypothesis: the raw attribute with an unclosed quote swallowed the new one
# (fixed in 6e173f9).
@example('[a x="foo]', "k", "v", 0)
# Found by Hypothesis: an unquoted value holding a quote entity read differently once
# the new attribute's `"` followed it.
@example("[a region=&quot;&#39;][/a]", "bg-color", " ", 0)
def test_with_attribute_on_any_tag_reparses_to_the_same_attributes(
        text: str, key: str, value: str, pick: int) -> None:
    _edit_and_reparse(text, key, value, pick)


# -- the one-walk builder against the two-pass reference -------------------------------


def _shape(nodes: tuple[Node, ...]) -> list[object]:
    """Types, names, flags and positions of a tree, without recursion limits mattering
    (the generated trees are shallow)."""
    shape: list[object] = []
    for node in nodes:
        if isinstance(node, Shortcode):
            assert node.span is not None
            shape.append(("sc", node.name, node.enclosing, node.self_closing,
                          node.span.start.offset, node.span.end.offset, node.open_tag,
                          node.close_tag, _shape(node.children)))
        else:
            shape.append((type(node).__name__, node.start, node.raw))
    return shape


@given(sts.shortcode_text(), st.sampled_from([frozenset(), frozenset({"a", "b"})]))
@example("x[[a]y[/a]]z", frozenset())
@example("[[a]y[/a][/a]]", frozenset({"a"}))
@example("[a][[b][/a][/b]]", frozenset({"a", "b"}))
def test_the_one_walk_builds_what_two_passes_build(text: str, enclosing: frozenset[str],
                                                   ) -> None:
    # `parse` pairs and builds in one walk unless the stack reaches `max_depth`; the
    # two-pass path (pairing, then building) is the reference it must equal.
    index = LineIndex(text)
    tags = scan_tags(text)
    pairing = parser_module._Pairing(text, tags, index, enclosing)
    expected = parser_module._build(text, tags, pairing.run(), index, DEFAULT_MAX_DEPTH,
                                    pairing.diagnostics)
    fused = parser_module._build_fused(text, tags, index, DEFAULT_MAX_DEPTH, enclosing)
    assert fused is not None
    children, reporter = fused
    assert _shape(tuple(children)) == _shape(tuple(expected))
    found = reporter.diagnostics if reporter is not None else []
    assert found == pairing.diagnostics


@pytest.mark.parametrize("text", ["[a]" * 50, "[a]" * 20 + "x" + "[/a]" * 20,
                                  "[a][b]" * 10 + "[/a]" * 10])
def test_deep_stacks_fall_back_to_two_passes_with_the_same_tree(text: str) -> None:
    fused = parser_module._build_fused(text, scan_tags(text), LineIndex(text), 8, frozenset())
    assert fused is None  # the stack reached max_depth
    doc = parse(text, max_depth=8)
    assert doc.to_source() == text
    depth, level = 0, doc.children
    while any(isinstance(n, Shortcode) and n.enclosing for n in level):
        depth += 1
        level = next(n for n in level if isinstance(n, Shortcode) and n.enclosing).children
    assert depth <= 8
