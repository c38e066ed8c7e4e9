"""HTML and URL helpers shared by the WordPress core handlers.

Stage 4 (render), for `shortcodes.handlers.media` and `shortcodes.handlers.wordpress_core`,
which import them from here; `shortcodes.handlers.media` re-exports every one, and
documents `sanitize_html_class`, `checked_url` and `plain_text`. Invariants: nothing
here raises on content; `markup` reads tags as a browser does, in one forward pass
linear in the length of its input; `checked_url` lets through only http, https and
relative URLs; a sanitized class keeps only ``A-Za-z0-9_-``; numbers (`instance`,
`post_id`) come from the render context alone, so renders stay pure.
"""

from __future__ import annotations

import html
import posixpath
import urllib.parse
from collections.abc import Collection, Iterator
from typing import Final

import regex
from markupsafe import Markup

from shortcodes.render import RenderContext
from shortcodes.schema import Url, schema_from_spec

__all__ = [
    "checked_url",
    "html_attributes",
    "html_classes",
    "instance",
    "lenient_int",
    "markup",
    "plain_text",
    "post_id",
    "sanitize_html_class",
    "tag_attributes",
    "url_extension",
    "with_instance",
]

_PERCENT_OCTET: Final = regex.compile(r"%[a-fA-F0-9]{2}")
_NOT_CLASS: Final = regex.compile(r"[^A-Za-z0-9_-]")
_MARKUP: Final = regex.compile(r"""
    <(?P<close>/?)(?P<name>[A-Za-z][^\s/>]*+)
      (?P<attrs>(?:[^>=]++|=\s*+"[^"]*+(?:"|\Z)|=\s*+'[^']*+(?:'|\Z)|=)*+)(?P<end>>?)
  | <!--.*?(?:-->|\Z)
  | <[!?/][^>]*+>?""", regex.VERBOSE | regex.DOTALL)
_ATTRIBUTE: Final = regex.compile(r"""
    (?P<name>[^\s/=]++)
    (?:\s*+=\s*+(?:"(?P<dq>[^"]*+)"?|'(?P<sq>[^']*+)'?|(?P<bare>[^\s>]*+)))?""",
    regex.VERBOSE)
_PHP_INT: Final = regex.compile(r"\s*+([+-]?[0-9]++)")
_URL_CHECK: Final = schema_from_spec({"url": "url"}).fields[0].convert


def sanitize_html_class(name: str, /) -> str:
    """Keep ``A-Za-z0-9_-`` of *name*, as WordPress's ``sanitize_html_class`` does.

    Percent-encoded octets go first, then every other character:

    >>> sanitize_html_class('align%20left" onmouseover="x')
    'alignleftonmouseoverx'

    .. versionadded:: 0.1
    """
    return _NOT_CLASS.sub("", _PERCENT_OCTET.sub("", name))


def html_classes(*values: str) -> str:
    """Whitespace-separated class lists, each class sanitized, empty ones dropped."""
    return " ".join(c for value in values for c in map(sanitize_html_class, value.split()) if c)


def checked_url(value: str, /) -> Url | None:
    """*value* as a `Url` (http, https or relative, entities decoded), or ``None``.

    >>> checked_url("https://example.com/a.mp3?x=1&amp;y=2")
    'https://example.com/a.mp3?x=1&y=2'
    >>> checked_url("JaVa&#x09;script:alert(1)") is None
    True

    .. versionadded:: 0.1
    """
    try:
        url = str(_URL_CHECK(value))
    except ValueError:
        return None
    return Url(url) if url else None


def markup(html: str, /) -> Iterator[regex.Match[str]]:
    """The tags, comments and declarations of *html*, found as a browser finds them.

    One forward pass, linear in the length (the standard library's `html.parser` is
    quadratic on some unfinished tags). A quoted attribute value may hold ``>``. A tag's
    match has the groups ``close`` (``/`` or empty), ``name``, ``attrs`` and ``end``
    (``>``); an unfinished tag has an empty ``end`` and runs to the end of *html*, as
    a browser reads it.
    """
    position = 0
    while (start := html.find("<", position)) >= 0:
        found = _MARKUP.match(html, start)
        if found is None:
            position = start + 1
        else:
            yield found
            position = found.end()


def tag_attributes(tag: regex.Match[str], /) -> dict[str, str]:
    """A tag's attributes, names lower-cased, entities decoded; the first of a name wins."""
    found: dict[str, str] = {}
    for item in _ATTRIBUTE.finditer(tag["attrs"]):
        value = next((v for v in item.group("dq", "sq", "bare") if v is not None), "")
        found.setdefault(item["name"].lower(), html.unescape(value))
    return found


def plain_text(value: str, /) -> str:
    """The text of an HTML fragment: markup and ``script``/``style`` text removed,
    entities decoded (escape it to print).

    >>> plain_text('Tom &amp; <a title="a>b" href="x">Jerry</a><script>alert(1)</script>')
    'Tom & Jerry'

    .. versionadded:: 0.1
    """
    pieces, position, hidden = [], 0, ""
    for found in markup(value):
        if not hidden:
            pieces.append(value[position:found.start()])
        name = (found["name"] or "").lower()
        if not found["close"] and name in ("script", "style") and not hidden:
            hidden = name
        elif found["close"] and name == hidden:
            hidden = ""
        position = found.end()
    if not hidden:
        pieces.append(value[position:])
    return html.unescape("".join(pieces)).strip()


def html_attributes(*pairs: tuple[str, object]) -> Markup:
    """`` name="value"`` for each pair whose value is not ``None``; values are escaped."""
    return Markup("").join(Markup(' {}="{}"').format(Markup(name), value)
                           for name, value in pairs if value is not None)


def lenient_int(context: RenderContext, name: str, value: int) -> int:
    """*value*, or the leading integer of a raw attribute that did not convert.

    WordPress casts sizes with PHP's ``(int)``, so ``width="300px"`` is 300 there; the
    schema has reported ``SC403`` and the render keeps WordPress's number. A value
    without leading digits keeps the schema's default.
    """
    raw = context.node.attrs.get(name) or "0"
    try:
        int(raw)
    except ValueError:
        digits = _PHP_INT.match(raw)
        return int(digits[1]) if digits else value
    return value  # absent, or converted by the schema


def instance(context: RenderContext, names: Collection[str]) -> int:
    """The 1-based position of the node among the document's shortcodes named *names*."""
    number = 0
    for node in context.document.shortcodes():
        if node.name in names:
            number += 1
        if node is context.node:
            return number
    return number + 1  # a node built by hand, outside the document


def post_id(context: RenderContext) -> int:
    """The data bag's ``post_id``, or 0 (WordPress's value outside a post)."""
    value = context.data.get("post_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def url_extension(url: str) -> str:
    """The lower-case extension of the URL's path (no query, no fragment)."""
    return posixpath.splitext(urllib.parse.urlsplit(url).path)[1][1:].lower()


def with_instance(url: str, number: int) -> str:
    """Append WordPress's cache-buster ``_=N`` to the query (``add_query_arg``)."""
    base, mark, fragment = url.partition("#")
    return f"{base}{'&' if '?' in base else '?'}_={number}{mark}{fragment}"
