"""Security of the WordPress core preset: hostile attributes, content and media data.

Every payload goes into every attribute of every handler (double-quoted, single-quoted
and bare, so that whatever the parser makes of it is rendered), into the positional
value, into the enclosed content, and into the media lookup. The output is parsed with
`html.parser` and must hold no script-capable element, no ``on*`` attribute, no
``javascript:``/``data:``/``vbscript:`` URL in a URL attribute and no style but the
handlers' own. ``[caption]``'s enclosed content is the post's own HTML (WordPress copies
it, and so does the renderer for text outside shortcodes): there the handler must add
nothing dangerous to what the content already holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any, Final

import attrs
import pytest
import regex

from shortcodes.handlers.wordpress_core import MediaRecord, wordpress_core
from shortcodes.render import render_data, render_html

PAYLOADS: Final = (
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "'><svg onload=alert(1)>",
    '"><svg/onload=alert(1)>',
    'https://e.com/a.mp3"><img src=x onerror=alert(1)>',
    "https://e.com/a.mp3?x=</audio><script>alert(1)</script>",
)

#: Per handler: attributes that make it render fully, and its enclosed content.
BASES: Final[Mapping[str, tuple[dict[str, str], str | None]]] = {
    "caption": ({"id": "attachment_1", "width": "300"}, '<img src="a.jpg"> Text'),
    "wp_caption": ({"width": "300", "caption": "Text"}, '<img src="a.jpg">'),
    "gallery": ({"ids": "1,2"}, None),
    "embed": ({}, "https://e.com/video"),
    "audio": ({"src": "https://e.com/a.mp3"}, None),
    "video": ({"src": "https://e.com/v.mp4"}, None),
    "playlist": ({"ids": "3"}, None),
}
MEDIA: Final = {
    1: MediaRecord(url="https://e.com/1.jpg", title="One", caption="Cap", alt="one"),
    2: MediaRecord(url="https://e.com/2.jpg"),
    3: MediaRecord(url="https://e.com/3.mp3", title="Three", mime_type="audio/mpeg"),
}
_URL_ATTRIBUTES: Final = frozenset({"href", "src", "poster", "action", "formaction", "data",
                                    "srcset", "xlink:href", "cite", "background"})
_FORBIDDEN_TAGS: Final = frozenset({"script", "iframe", "object", "embed", "svg", "math",
                                    "style", "base", "form", "meta", "link", "frame"})
_OUR_STYLES: Final = regex.compile(r"width: (?:[0-9]++px;?+|100%;)")
_STRIPPED_IN_URLS: Final = regex.compile(r"[\x00-\x20\x7f]")


class _Scanner(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        if tag in _FORBIDDEN_TAGS:
            self.dangers.append(f"<{tag}>")
        for name, value in attributes:
            if name.startswith("on"):
                self.dangers.append(f"{tag} {name}")
            url = _STRIPPED_IN_URLS.sub("", value or "").lower()
            if name in _URL_ATTRIBUTES and url.startswith(("javascript:", "data:", "vbscript:")):
                self.dangers.append(f"{tag} {name}={value}")
            if name == "style" and not _OUR_STYLES.fullmatch(value or ""):
                self.dangers.append(f"{tag} style={value}")


def dangers(html: str) -> list[str]:
    """Script-capable elements, event handlers, script URLs and foreign styles in *html*."""
    return _Scanner(html).dangers


def _shortcode(name: str, attributes: Mapping[str, str], content: str | None,
               extra: str = "") -> str:
    written = "".join(f' {key}="{value}"' for key, value in attributes.items())
    closing = f"{content}[/{name}]" if content is not None else ""
    return f"[{name}{written}{extra}]{closing}"


def _quoted(name: str, payload: str) -> list[str]:
    return [f' {name}="{payload}"', f" {name}='{payload}'", f" {name}={payload}"]


def _render(source: str, media: Mapping[int, object] = MEDIA) -> str:
    rendered = render_html(source, registry=wordpress_core(), data={"media": media})
    assert not [d for d in rendered.diagnostics if d.code == "SC402"], source
    return str(rendered.output)


def _attribute_names(name: str) -> list[str]:
    schema = wordpress_core()[name].schema
    assert schema is not None
    return [field.name for field in schema.fields] + ["onclick", "style", "href"]


def test_scanner_sees_each_danger() -> None:
    assert dangers('<a href=" JaVa\tscript:x" onclick="y"><script></script>'
                   '<img style="color:red">') == [
        'a href= JaVa\tscript:x', "a onclick", "<script>", "img style=color:red"]
    assert dangers('<div style="width: 10px" class="a"><a href="https://e.com">') == []


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", sorted(BASES))
def test_payload_in_every_attribute(name: str, payload: str) -> None:
    base, content = BASES[name]
    failures = []
    for attribute in _attribute_names(name):
        kept = {k: v for k, v in base.items() if k != attribute}
        for written in _quoted(attribute, payload):
            source = _shortcode(name, kept, content, written)
            found = dangers(_render(source))
            if found:
                failures.append((source, found))
    assert failures == []


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", sorted(BASES))
def test_payload_as_positional_value(name: str, payload: str) -> None:
    base, content = BASES[name]
    kept = {k: v for k, v in base.items() if k != "src"}
    for written in (f' "{payload}"', f" '{payload}'", f" {payload}"):
        source = _shortcode(name, kept, content, written)
        assert dangers(_render(source)) == [], source


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", sorted(set(BASES) - {"caption", "wp_caption"}))
def test_payload_as_content(name: str, payload: str) -> None:
    base, _ = BASES[name]
    for content in (payload, f"https://e.com/x {payload}", f"<track src='{payload}'>"):
        source = _shortcode(name, base, content)
        assert dangers(_render(source)) == [], source


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("name", ["caption", "wp_caption"])
def test_caption_content_is_post_html_and_gains_nothing(name: str, payload: str) -> None:
    for content in (f'<img src="a.jpg"> {payload}', f'<img src="a.jpg" alt="{payload}"> x',
                    f"<a href='{payload}'><img src=a></a> x", payload):
        source = _shortcode(name, {"id": "attachment_1", "width": "30"}, content)
        assert not Counter(dangers(_render(source))) - Counter(dangers(content)), source


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("field", ["url", "title", "caption", "alt", "mime_type"])
def test_payload_in_media_data(field: str, payload: str) -> None:
    fields: dict[str, Any] = {"url": "https://e.com/1.jpg", "title": "t", "caption": "c",
                               "alt": "a", field: payload}
    image = MediaRecord(**fields)
    track = attrs.evolve(image, url=image.url.replace(".jpg", ".mp3"))
    for source, item in (('[gallery ids="1"]', image), ('[gallery ids="1" link=file]', image),
                         ('[playlist ids="1"]', track)):
        assert dangers(_render(source, {1: item})) == [], (source, field)


def _urls(value: object) -> list[str]:
    """Every value under a URL key (``url``, ``src``, ``poster``, ``unplayable``)."""
    if isinstance(value, dict):
        return [item for key, inner in value.items() for item in (
            [inner] if key in ("url", "src", "poster", "unplayable") and isinstance(inner, str)
            else _urls(inner))]
    if isinstance(value, list):
        return [item for inner in value for item in _urls(inner)]
    return []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_data_renderer_keeps_no_script_url(payload: str) -> None:
    for name, (base, content) in BASES.items():
        for source in (_shortcode(name, {**base, "src": payload}, content, f" {payload}"),
                       _shortcode(name, base, payload)):
            runs = render_data(source, registry=wordpress_core(), data={"media": MEDIA}).output
            urls = _urls(runs[0]["data"])
            bad = [u for u in urls if _STRIPPED_IN_URLS.sub("", u).lower().startswith(
                ("javascript:", "data:", "vbscript:"))]
            assert bad == [], source
