"""Escaping: attribute values and content never become markup a handler did not write.

Outputs are checked by parsing them with `html.parser` (`HtmlChecker`): which tags
and attributes a browser would see, not only which substrings appear.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Final

import pytest
import regex
from markupsafe import Markup

from shortcodes import Attribute, Document, Shortcode, parse
from shortcodes.handlers.covid19 import CardAttributes, covid19, covid19_card
from shortcodes.registry import HandlerRegistry
from shortcodes.render import RenderContext, RenderOptions, render_html
from shortcodes.schema import Schema

VOID: Final = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                         "meta", "source", "track", "wbr"})


class HtmlChecker(HTMLParser):
    """Records every tag and attribute, and whether tags close in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.problems: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag not in VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self._open[-1:] or 'nothing'}")
        else:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def finish(self) -> HtmlChecker:
        """Close the parser and record tags left open."""
        self.close()
        self.problems.extend(f"<{tag}> is never closed" for tag in self._open)
        return self


def check_html(html: str) -> HtmlChecker:
    """Parse *html*; fail unless every opened tag is closed in order (void ones excepted)."""
    checker = HtmlChecker()
    checker.feed(html)
    checker.finish()
    assert checker.problems == [], html
    return checker


# -- payloads ------------------------------------------------------------------------

PAYLOADS: Final = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "'><img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "</div><script>alert(1)</script><div>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "expression(alert(1))",
    "url(javascript:alert(1))",
    "red;background:url(x)",
    "#fff;background:url(javascript:alert(1))",
    "rgb(1,2,3);x:expression(alert(1))",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "”><script>alert(1)</script>",
    "\u202e<script>alert(1)</script>\u202c",
    "مصر<script>alert(1)</script>",
)
CARD_ATTRIBUTES: Final = tuple(field.name for field in Schema.from_class(CardAttributes).fields)
CARD_TAGS: Final = frozenset({"div", "h3", "ul", "li", "span", "p", "time"})
CARD_ATTRIBUTE_NAMES: Final = frozenset({"class", "dir", "data-region", "style", "datetime"})
COLOR: Final = r"(?:\#[0-9a-f]{3,8}|[a-z]+|(?:rgba?|hsla?)\([0-9.,%\s/]+\))"
STYLE: Final = regex.compile(rf"color: {COLOR}; background-color: {COLOR}", regex.IGNORECASE)
DEFAULT_STYLE: Final = "color: #1a1a1a; background-color: #f5f5f5"


def _hand_built(name: str, value: str) -> Document:
    """A card with one attribute, built without the parser (any value fits)."""
    node = Shortcode(name="covid19-ultimate-card",
                     attributes=(Attribute(name=name, value=value),))
    return Document(children=(node,))


def _smart_quoted(name: str, value: str) -> str:
    """The card as an Arabic post writes it: the value wrapped in ``”``."""
    return f"before [covid19-ultimate-card {name}=”{value}”] after"


def _scheme_free(value: str) -> bool:
    folded = regex.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    return "javascript:" not in folded and "expression(" not in folded and "url(" not in folded


def _assert_safe_card(html: str) -> HtmlChecker:
    checker = check_html(html)
    assert "<script" not in html.lower()
    assert regex.search(r"<(?!/?(?:div|h3|ul|li|span|p|time)\b)", html) is None, html
    for tag, attributes in checker.tags:
        assert tag in CARD_TAGS, tag
        for attribute, value in attributes:
            assert attribute in CARD_ATTRIBUTE_NAMES, attribute
            assert not attribute.startswith("on")
            assert value is not None and _scheme_free(value), (attribute, value)
            if attribute == "style":
                assert STYLE.fullmatch(value), value
            if attribute == "data-region":
                assert regex.fullmatch(r"[A-Z]{2}|world", value), value
    return checker


def _style(checker: HtmlChecker) -> str | None:
    return dict(checker.tags[0][1]).get("style")


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", CARD_ATTRIBUTES)
def test_card_escapes_every_attribute(name: str, payload: str) -> None:
    for source in (_hand_built(name, payload), _smart_quoted(name, payload)):
        rendered = render_html(source, registry=covid19(),
                               options=RenderOptions(strict=True))
        checker = _assert_safe_card(str(rendered.output))
        if name in ("font-color", "bg-color"):  # every payload is an invalid colour
            assert _style(checker) == DEFAULT_STYLE
            # (a quote inside the smart-quoted form may end the value early)
            assert "SC403" in [d.code for d in rendered.diagnostics] or \
                isinstance(source, str)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_payloads_survive_as_text(payload: str) -> None:
    """What the card shows of a label is exactly the value, as text."""
    rendered = render_html(_hand_built("confirmed-label", payload), registry=covid19())
    checker = _assert_safe_card(str(rendered.output))
    assert payload in checker.text  # the browser shows the value, not markup


def test_entity_encoded_values_are_not_decoded_into_markup() -> None:
    html = str(render_html(_hand_built("region-name", "&#x3C;script&#x3E;"),
                           registry=covid19()).output)
    assert '<h3 class="cov19u-title">&amp;#x3C;script&amp;#x3E;</h3>' in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_colours_never_reach_the_style_attribute(payload: str) -> None:
    text = f"[covid19-ultimate-card font-color='{payload}' bg-color=\"{payload}\"]"
    rendered = render_html(text, registry=covid19())
    checker = _assert_safe_card(str(rendered.output))
    assert _style(checker) == DEFAULT_STYLE


@pytest.mark.parametrize("colour", ["#0c3278", "RED", "rgb(12, 50, 120)", "hsl(220 80% 26%)"])
def test_valid_colours_do_reach_the_style_attribute(colour: str) -> None:
    rendered = render_html(_hand_built("bg-color", colour), registry=covid19())
    checker = _assert_safe_card(str(rendered.output))
    assert _style(checker) == f"color: #1a1a1a; background-color: {colour}"


# -- unknown shortcodes --------------------------------------------------------------


def _unknown_documents() -> list[str]:
    documents = []
    for payload in PAYLOADS:
        for quote_open, quote_close in (('"', '"'), ("'", "'"), ("”", "”"), ("”", "″")):
            documents.append(f"a [gallery title={quote_open}{payload}{quote_close}] b")
    return documents


UNKNOWN_DOCUMENTS: Final = _unknown_documents()


@pytest.mark.parametrize("text", UNKNOWN_DOCUMENTS)
def test_keep_policy_adds_no_markup(text: str) -> None:
    """Unknown tags are kept verbatim, as WordPress leaves them: rendering adds nothing.

    The post's own HTML is trusted (or sanitised before rendering), so a payload in
    an unknown tag is no worse than the same payload written in the prose.
    """
    rendered = render_html(text, registry=covid19())
    assert str(rendered.output) == text
    assert "SC401" in [d.code for d in rendered.diagnostics]


@pytest.mark.parametrize("text", UNKNOWN_DOCUMENTS)
def test_strip_policy_drops_attribute_payloads(text: str) -> None:
    rendered = render_html(text, registry=covid19(), options=RenderOptions(unknown="strip"))
    document = parse(text)
    if len(list(document.shortcodes())) == 1:  # the payload stayed inside the tag
        assert str(rendered.output) == "a  b"


def test_unknown_policy_callable_result_is_escaped() -> None:
    options = RenderOptions(unknown=lambda node, context: node.attrs.get("title", ""))
    rendered = render_html('[gallery title="<script>alert(1)</script>"]', options=options)
    assert str(rendered.output) == "&lt;script&gt;alert(1)&lt;/script&gt;"


# -- the __html__ protocol -----------------------------------------------------------


class _Html:
    """Declares itself safe without being markupsafe's `Markup`."""

    def __html__(self) -> str:
        return "<em>safe</em>"


def _registry(result: object) -> HandlerRegistry:
    def render(node: Shortcode, context: RenderContext) -> object:
        return result

    return HandlerRegistry().with_handler("x", render)


@pytest.mark.parametrize(("result", "expected"), [
    ("<b>text</b>", "&lt;b&gt;text&lt;/b&gt;"),
    ('" onmouseover="alert(1)', "&#34; onmouseover=&#34;alert(1)"),
    (Markup("<b>html</b>"), "<b>html</b>"),
    (Markup("<b>{}</b>").format("<i>"), "<b>&lt;i&gt;</b>"),
    (_Html(), "<em>safe</em>"),
    (None, ""),
    (42, "42"),
])
def test_handler_results_escape_by_type(result: object, expected: str) -> None:
    assert str(render_html("[x]", registry=_registry(result)).output) == expected


def test_card_escapes_once() -> None:
    """The card returns `Markup`: the renderer keeps it, and values are escaped once."""
    rendered = render_html('[covid19-ultimate-card region-name="<b>&amp;</b>"]',
                           registry=covid19())
    html = str(rendered.output)
    assert '<h3 class="cov19u-title">&lt;b&gt;&amp;amp;&lt;/b&gt;</h3>' in html
    assert html.startswith('<div class="cov19u-card')
    assert covid19_card.name == "covid19-ultimate-card"
