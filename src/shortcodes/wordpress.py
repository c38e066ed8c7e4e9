"""WordPress compatibility: a byte-exact port of WordPress 7.1's shortcode API.

This module answers "what would WordPress do with this content?" It is not part of
the lossless tokenize → parse pipeline: it runs WordPress's own algorithm
(``wp-includes/shortcodes.php`` with the helpers it calls from ``formatting.php``
and ``kses.php``) on plain strings, quirks included:

* tag names are tried in registration order, so with ``a`` registered before
  ``a.b``, ``[a.b]`` is tag ``a`` with the positional attribute ``.b``;
* ``[[tag]]`` is an escaped tag, printed as ``[tag]``;
* attribute values go through PHP's ``stripcslashes()``, a value holding an
  unclosed ``<`` is emptied, and attribute names are lower-cased (ASCII only);
* attribute keys follow PHP 8.2 array rules: ``"5"`` and ``"-1"`` become the
  integers ``5`` and ``-1`` (``"007"`` and ``"-0"`` stay strings), and a positional
  value takes the next free integer key, never less than ``0``;
* shortcodes inside HTML tags are expanded attribute by attribute; one inside a
  quoted attribute value is re-sanitised with kses (see `shortcodes._kses`), and
  stray ``[`` / ``]`` inside tags are protected while the content is scanned.

WordPress's patterns work on bytes, so ``\\w`` and ``\\s`` are ASCII here. Strings
stay ``str``; the one place PHP can produce bytes that are not UTF-8 is
``stripcslashes()`` (``\\xff``), and those bytes come back as lone surrogates
(``surrogateescape``), so ``value.encode("utf-8", "surrogateescape")`` gives
WordPress's bytes.

The functions take the registered names explicitly instead of reading a global
registry. Every function that takes names raises `ValueError` for a name
WordPress's ``add_shortcode()`` refuses (see `is_valid_tag_name`), before it looks
at the content.

>>> calls = []
>>> def box(atts, content, tag):
...     calls.append((tag, atts, content))
...     return "<div>" + content + "</div>"
>>> do_shortcode('[box Title="x" 5=five loose]hi[/box] [[box]]', {"box": box})
'<div>hi</div> [box]'
>>> calls
[('box', {'title': 'x', 5: 'five', 6: 'loose'}, 'hi')]

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Final, NamedTuple, Protocol, TypeVar

import regex

from shortcodes._cook import stripcslashes
from shortcodes._kses import ascii_lower, php_trim, wp_kses_attr_parse, wp_kses_one_attr

__all__ = [
    "Handler",
    "do_shortcode",
    "get_shortcode_tags_in_content",
    "has_shortcode",
    "is_valid_tag_name",
    "php_array_key",
    "shortcode_atts",
    "shortcode_parse_atts",
    "strip_shortcodes",
    "wp_html_split",
]

_K = TypeVar("_K", bound="int | str")
_L = TypeVar("_L", bound="int | str")
_D = TypeVar("_D")
_V = TypeVar("_V")

_PHP_INT_MAX: Final = 2**63 - 1
_PHP_INT_MIN: Final = -(2**63)

#: `add_shortcode()` refuses names holding any of these (and empty names).
_RESERVED: Final = regex.compile(r"[<>&/\[\]\x00-\x20=]")
#: What `do_shortcode()` reads as a candidate tag name after each ``[``.
_CANDIDATE: Final = regex.compile(r"\[([^<>&/\[\]\x00-\x20=]++)")
#: `get_shortcode_atts_regex()`.
_ATTS: Final = regex.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)"""
    r"""|'([^']*)'(?:\s|$)"""
    r"""|(\S+)(?:\s|$)""", regex.ASCII)
_ATTS_SPACES: Final = regex.compile(r"[\u00a0\u200b]+")
_BALANCED_HTML: Final = regex.compile(r"^[^<]*+(?:<[^>]*+>[^<]*+)*+$")
_INTEGER_KEY: Final = regex.compile(r"(?:0|-?[1-9][0-9]*)\Z")
#: `get_html_split_regex()`: comments, CDATA sections and other tags, unclosed ones too.
_HTML_SPLIT: Final = regex.compile(
    r"""(<(?(?=!--|!\[CDATA\[)
            (?(?=!-)
                !(?:-(?!->)[^\-]*+)*+(?:-->)?
            |   !\[CDATA\[[^\]]*+(?:\](?!\]>)[^\]]*+)*+(?:\]\]>)?
            )
        |   [^>]*>?
        ))""", regex.VERBOSE)
#: "Some plugins are doing things like [name] <[email]>." (`do_shortcodes_in_html_tags`)
_TAG_IN_ELEMENT_NAME: Final = regex.compile(r"^<\s*\[\[?[^\[\]]+\]", regex.ASCII)
_ELEMENT_NAME: Final = regex.compile(r"[a-zA-Z0-9]+")
_ENCODE_BRACKETS: Final = str.maketrans({"[": "&#91;", "]": "&#93;"})

_Replace = Callable[["_Found"], str]


class Handler(Protocol):
    """A shortcode callback: ``handler(atts, content, tag) -> str``.

    *atts* is what `shortcode_parse_atts` returns for the tag (a new dict for each
    call, ``{}`` without attributes), *content* the raw text between the opening and
    the closing tag (``""`` for a self-closing or unclosed tag), and *tag* the name as
    registered. The returned text replaces the whole shortcode.

    .. versionadded:: 0.1
    """

    def __call__(self, atts: dict[int | str, str], content: str, tag: str, /) -> str:
        """Return the text that replaces the shortcode."""


def is_valid_tag_name(name: str, /) -> bool:
    """Whether WordPress's ``add_shortcode()`` accepts *name*.

    It refuses empty names and names holding ``<``, ``>``, ``&``, ``/``, ``[``,
    ``]``, ``=``, a space or any control character up to U+0020.

    >>> is_valid_tag_name("gallery"), is_valid_tag_name("a b"), is_valid_tag_name("")
    (True, False, False)

    .. versionadded:: 0.1
    """
    return name != "" and _RESERVED.search(name) is None


def php_array_key(key: int | str, /) -> int | str:
    """Return the key PHP 8.2 stores for *key* in an array.

    Canonical decimal integers in the 64-bit range become `int`; every other string
    (``"007"``, ``"-0"``, ``"1.5"``, ``" 1"``) stays as it is.

    >>> php_array_key("5"), php_array_key("-1"), php_array_key("007"), php_array_key("-0")
    (5, -1, '007', '-0')

    .. versionadded:: 0.1
    """
    if isinstance(key, int) or _INTEGER_KEY.match(key) is None:
        return key
    number = int(key)
    return number if _PHP_INT_MIN <= number <= _PHP_INT_MAX else key


def wp_html_split(text: str, /) -> tuple[str, ...]:
    """Split *text* into text and HTML tags or comments, as ``wp_html_split()`` does.

    Odd positions hold the tags (an unclosed one runs to the end of the text), even
    positions the text between them, so ``"".join(parts) == text``.

    >>> wp_html_split("a<b>c<!-- d -->")
    ('a', '<b>', 'c', '<!-- d -->', '')

    .. versionadded:: 0.1
    """
    return tuple(_HTML_SPLIT.split(text))


def do_shortcode(content: str, /, handlers: Mapping[str, Handler], *,
                 ignore_html: bool = False) -> str:
    """Expand the shortcodes in *content* the way WordPress's ``do_shortcode()`` does.

    Args:
        content: The text to expand.
        handlers: Registered names and their handlers, in registration order: when
            several names could match at one place, WordPress takes the one
            registered first.
        ignore_html: Leave shortcodes inside HTML tags alone instead of expanding
            the ones in attribute values.

    Returns:
        *content* with every registered shortcode replaced by its handler's result.

    Raises:
        ValueError: A name in *handlers* is one `is_valid_tag_name` refuses.

    .. versionadded:: 0.1
    """
    def replace(found: _Found) -> str:
        return _do_shortcode_tag(found, handlers)

    return _replace_shortcodes(content, _registered(handlers), ignore_html, replace)


def strip_shortcodes(content: str, /, tags: Iterable[str]) -> str:
    """Remove the registered shortcodes from *content* (WordPress's ``strip_shortcodes()``).

    An enclosing shortcode goes with its content; ``[[tag]]`` becomes ``[tag]``.

    Raises:
        ValueError: A name in *tags* is one `is_valid_tag_name` refuses.

    >>> strip_shortcodes("a [b x=1]c[/b] [[b]]", ["b"])
    'a  [b]'

    .. versionadded:: 0.1
    """
    return _replace_shortcodes(content, _registered(tags), True, _strip_shortcode_tag)


def _replace_shortcodes(content: str, names: tuple[str, ...], ignore_html: bool,
                        replace: Callable[[_Found], str]) -> str:
    """The pass `do_shortcode()` and `strip_shortcodes()` share: the registered names
    present, shortcodes inside HTML tags, the rest, then invalid-shortcode unescaping."""
    if "[" not in content or not names:
        return content
    tagnames = _names_in(content, names)
    if not tagnames:
        return content
    finder = _ShortcodeFinder(tagnames)
    content = _do_shortcodes_in_html_tags(content, ignore_html, finder, replace)
    content = finder.sub(replace, content)
    return _unescape_invalid_shortcodes(content)


def has_shortcode(content: str, tag: str, /, tags: Iterable[str]) -> bool:
    """Whether *content* uses the registered shortcode *tag* (``has_shortcode()``).

    Shortcodes nested inside an enclosing shortcode count too; an unregistered
    *tag* never does.

    Raises:
        ValueError: *tag* or a name in *tags* is one `is_valid_tag_name` refuses.

    >>> has_shortcode("[a][b][/b][/a]", "b", ["a", "b"]), has_shortcode("[b]", "b", ["a"])
    (True, False)

    .. versionadded:: 0.1
    """
    names = _registered(tags)
    _check_name(tag)
    if "[" not in content or tag not in names:
        return False
    return _has(content, tag, _ShortcodeFinder(names))


def get_shortcode_tags_in_content(content: str, /, tags: Iterable[str]) -> tuple[str, ...]:
    """The registered shortcode names *content* uses, in order, repeats included.

    Names inside an enclosing shortcode follow the name of that shortcode.
    Unlike `has_shortcode`, WordPress does not require any name to be registered:
    with none, a ``[`` followed by neither a word character nor ``-`` (and later by
    a ``]``) reads as a tag named ``""``.

    Raises:
        ValueError: A name in *tags* is one `is_valid_tag_name` refuses.

    >>> get_shortcode_tags_in_content("[a][b][/b][/a] [a]", ["a", "b"])
    ('a', 'b', 'a')

    .. versionadded:: 0.1
    """
    names = _registered(tags)
    return tuple(_tags_in(content, _ShortcodeFinder(names)))


def shortcode_parse_atts(text: str, /) -> dict[int | str, str]:
    """Parse a shortcode's attribute text as WordPress's ``shortcode_parse_atts()`` does.

    Args:
        text: Everything between the tag name and the closing ``]`` (or ``/]``).

    Returns:
        Lower-cased names (PHP integer keys for names such as ``5``) and positional
        values under the next free integer key, each value unescaped with PHP's
        ``stripcslashes()``; a value with an unclosed ``<`` is emptied, and a value
        named ``0`` is dropped (PHP's ``empty("0")``).

    >>> shortcode_parse_atts(' ID="7" \\'loose\\' 0=zero x=a<b')
    {'id': '7', 0: 'loose', 'x': ''}

    .. versionadded:: 0.1
    """
    atts = _PhpArray()
    for match in _ATTS.finditer(_ATTS_SPACES.sub(" ", text)):
        groups = match.groups()
        for name_group in (0, 2, 4):
            name = groups[name_group]
            if name is not None and name not in ("", "0"):  # PHP's ! empty()
                atts.set(php_array_key(ascii_lower(name)), stripcslashes(groups[name_group + 1]))
                break
        else:
            double, single, bare = groups[6:9]
            if double:
                atts.append(stripcslashes(double))
            elif single:
                atts.append(stripcslashes(single))
            elif bare is not None:
                atts.append(stripcslashes(bare))
    items = atts.items
    for key, value in items.items():
        if "<" in value and _BALANCED_HTML.search(value) is None:
            items[key] = ""
    return items


def shortcode_atts(defaults: Mapping[_K, _D], atts: Mapping[_L, _V] | str,
                   /) -> dict[int | str, _D | _V | str]:
    """Combine a shortcode's *atts* with the *defaults* its handler supports.

    The result has exactly the keys of *defaults*, in their order: the value from
    *atts* when present (even ``""``), else the default. Keys follow PHP array rules
    (`php_array_key`), so ``"5"`` and ``5`` are one key; a string *atts* stands for
    a non-array argument, which PHP casts to ``{0: atts}``.

    >>> shortcode_atts({"size": "m", "title": ""}, {"title": "T", "x": "1"})
    {'size': 'm', 'title': 'T'}

    .. versionadded:: 0.1
    """
    given: dict[int | str, _V | str]
    if isinstance(atts, str):
        given = {0: atts}
    else:
        given = {php_array_key(key): value for key, value in atts.items()}
    out: dict[int | str, _D | _V | str] = {}
    for name, default in defaults.items():
        key = php_array_key(name)
        out[key] = given.get(key, default)
    return out


class _PhpArray:
    """A PHP array being filled: keyed assignment and ``$array[] = ...``."""

    __slots__ = ("_next", "items")

    def __init__(self) -> None:
        self.items: dict[int | str, str] = {}
        # PHP 8.2 (unlike 8.3) never hands out a negative key to ``[]``.
        self._next = 0

    def set(self, key: int | str, value: str) -> None:
        self.items[key] = value
        if isinstance(key, int) and key >= self._next:
            self._next = min(key + 1, _PHP_INT_MAX)

    def append(self, value: str) -> None:
        if self._next in self.items:  # only after the key PHP_INT_MAX: PHP refuses
            return
        self.items[self._next] = value
        self._next = min(self._next + 1, _PHP_INT_MAX)


def _check_name(name: str) -> None:
    if not is_valid_tag_name(name):
        raise ValueError(f"invalid shortcode name {name!r}: WordPress refuses empty names "
                         "and names with spaces, control characters or any of & / < > [ ] =")


def _registered(names: Iterable[str]) -> tuple[str, ...]:
    """Check *names* and drop repeats, keeping registration order."""
    seen: dict[str, None] = {}
    for name in names:
        _check_name(name)
        seen[name] = None
    return tuple(seen)


def _names_in(content: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """The registered names that follow some ``[`` in *content*, in registration order."""
    found = frozenset(_CANDIDATE.findall(content))
    return tuple(name for name in names if name in found)


class _Found(NamedTuple):
    """One shortcode as `get_shortcode_regex()` matches it (its groups 1 to 6)."""

    start: int
    end: int
    whole: str
    #: Group 1: the second ``[`` of an escaped ``[[tag]]``, else ``""``.
    opener: str
    #: Group 2: the registered name.
    name: str
    #: Group 3: the attribute text.
    atts: str
    #: Group 5: the text up to ``[/name]``; ``None`` for a self-closing or unclosed tag.
    content: str | None
    #: Group 6: the ``]`` after the tag, else ``""``.
    closer: str


class _ShortcodeFinder:
    """Finds what WordPress's `get_shortcode_regex()` matches, in linear time.

    The pattern (WordPress 4.4 to 7.1) is::

        \\[(\\[?)(names)(?![\\w-])([^\\]\\/]*(?:\\/(?!\\])[^\\]\\/]*)*?)
        (?:(\\/)\\]|\\](?:([^\\[]*+(?:\\[(?!\\/\\2\\])[^\\[]*+)*+)\\[\\/\\2\\])?)(\\]?)

    Once a name matches, the rest can only fail for want of a later ``]``, whatever the
    name or the first group, since the text between the possible name ends holds no
    ``]``. So a match is: the head (first ``[``, optional second ``[``, the first
    registered name not followed by a word character or ``-``); the attributes up to the
    first ``]``, minus a ``/`` right before it, which makes the tag self-closing;
    otherwise the content up to the first ``[/name]`` when there is one; and an optional
    ``]``. The regex rescans the rest of the text for a closing tag at every unclosed
    opening tag, which is quadratic on long posts; here each search is done once.
    """

    __slots__ = ("_head",)

    def __init__(self, tagnames: Iterable[str]) -> None:
        alternatives = "|".join(regex.escape(name) for name in tagnames)
        self._head = regex.compile(rf"\[(\[?)({alternatives})(?![\w-])", regex.ASCII)

    def finditer(self, text: str) -> Iterator[_Found]:
        # name -> (searched from, first `[/name]` there or -1), valid while the scan
        # moves forward.
        closers: dict[str, tuple[int, int]] = {}
        at = 0
        while (head := self._head.search(text, at)) is not None:
            name_end = head.end()
            bracket = text.find("]", name_end)
            if bracket < 0:  # no match here, nor anywhere further on
                return
            opener, name = head.group(1, 2)
            content = None
            if text[bracket - 1] == "/":
                atts, end = text[name_end:bracket - 1], bracket + 1
            else:
                atts, end = text[name_end:bracket], bracket + 1
                closing = _closing_tag(text, name, end, closers)
                if closing >= 0:
                    content, end = text[end:closing], closing + len(name) + 3
            closer = "]" if text.startswith("]", end) else ""
            end += len(closer)
            yield _Found(head.start(), end, text[head.start():end], opener, name, atts,
                         content, closer)
            at = end

    def subn(self, replace: Callable[[_Found], str], text: str) -> tuple[str, int]:
        pieces: list[str] = []
        at = count = 0
        for found in self.finditer(text):
            pieces.extend((text[at:found.start], replace(found)))
            at = found.end
            count += 1
        if not count:
            return text, 0
        pieces.append(text[at:])
        return "".join(pieces), count

    def sub(self, replace: Callable[[_Found], str], text: str) -> str:
        return self.subn(replace, text)[0]


def _closing_tag(text: str, name: str, start: int,
                 closers: dict[str, tuple[int, int]]) -> int:
    """Where the first ``[/name]`` at or after *start* begins, or -1."""
    searched, found = closers.get(name, (-1, -1))
    if searched < 0 or start < searched or (found >= 0 and start > found):
        found = text.find(f"[/{name}]", start)
        closers[name] = (start, found)
    return found


def _do_shortcode_tag(found: _Found, handlers: Mapping[str, Handler]) -> str:
    if found.opener == "[" and found.closer == "]":
        return found.whole[1:-1]
    atts = shortcode_parse_atts(found.atts)
    return found.opener + handlers[found.name](atts, found.content or "", found.name) \
        + found.closer


def _strip_shortcode_tag(found: _Found) -> str:
    if found.opener == "[" and found.closer == "]":
        return found.whole[1:-1]
    return found.opener + found.closer


def _has(content: str, tag: str, finder: _ShortcodeFinder) -> bool:
    if "[" not in content:
        return False
    # WordPress collects every match first (preg_match_all), then looks at them.
    for found in list(finder.finditer(content)):
        if found.name == tag:
            return True
        inner = found.content
        if inner is not None and inner not in ("", "0") and _has(inner, tag, finder):
            return True
    return False


def _tags_in(content: str, finder: _ShortcodeFinder) -> list[str]:
    if "[" not in content:
        return []
    names: list[str] = []
    for found in list(finder.finditer(content)):
        names.append(found.name)
        inner = found.content
        if inner is not None and inner not in ("", "0"):  # PHP's ! empty()
            names.extend(_tags_in(inner, finder))
    return names


def _do_shortcodes_in_html_tags(content: str, ignore_html: bool,
                                finder: _ShortcodeFinder, replace: _Replace) -> str:
    """Expand shortcodes inside HTML attributes and protect every other bracket in tags."""
    # Entities that read like the placeholders are renumbered first (WordPress 4.2.3).
    content = content.replace("&#91;", "&#091;").replace("&#93;", "&#093;")
    parts = list(wp_html_split(content))
    for index in range(1, len(parts), 2):
        if parts[index].startswith("<"):
            parts[index] = _html_element(parts[index], ignore_html, finder, replace)
    return "".join(parts)


def _html_element(element: str, ignore_html: bool, finder: _ShortcodeFinder,
                  replace: _Replace) -> str:
    no_open, no_close = "[" not in element, "]" not in element
    if no_open or no_close:
        return element.translate(_ENCODE_BRACKETS) if no_open != no_close else element
    if ignore_html or element.startswith(("<!--", "<![CDATA[")):
        return element.translate(_ENCODE_BRACKETS)
    parts = wp_kses_attr_parse(element)
    if parts is None:
        if _TAG_IN_ELEMENT_NAME.search(element) is not None:
            element = finder.sub(replace, element)
        return element.translate(_ENCODE_BRACKETS)
    front, *attributes, back = parts
    name = _ELEMENT_NAME.search(front)
    elname = name.group() if name is not None else ""
    inner = "".join(_html_attribute(attr, elname, finder, replace) for attr in attributes)
    return (front + inner + back).translate(_ENCODE_BRACKETS)


def _html_attribute(attr: str, elname: str, finder: _ShortcodeFinder,
                    replace: _Replace) -> str:
    open_at, close_at = attr.find("["), attr.find("]")
    if open_at < 0 or close_at < 0:
        return attr
    double, single = attr.find('"'), attr.find("'")
    if (single < 0 or open_at < single) and (double < 0 or open_at < double):
        # `name=[tag]` or a bare `[tag]`: unfiltered HTML by an administrator, kept as is.
        return finder.sub(replace, attr)
    # `name="[tag]"`: kses may have run before, so the result is sanitised again.
    expanded, count = finder.subn(replace, attr)
    if count:
        expanded = wp_kses_one_attr(expanded, elname)
        if php_trim(expanded) != "":
            return expanded
    return attr


def _unescape_invalid_shortcodes(content: str) -> str:
    return content.replace("&#91;", "[").replace("&#93;", "]")


