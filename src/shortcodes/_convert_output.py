"""Writing converted posts to files: HTML with YAML front matter, or JSON lines.

Private to `shortcodes.convert`, which re-exports what is public. Invariants:

* Every write is atomic: text goes to a hidden temporary file in the target
  directory, which `os.replace` renames over the target, so an interrupted run
  (Ctrl-C) leaves complete files and no temporary ones.
* File names come from the post id and a sanitised slug, never from anything
  that could leave the directory: see `post_filename`.
* The front matter is YAML 1.2 written by hand: strings are double-quoted with
  JSON escapes (and the few characters YAML forbids escaped too), so every value
  also reads back with `json.loads`.
"""

from __future__ import annotations

import abc
import contextlib
import json
import os
import secrets
import unicodedata
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Final, TypeVar

import regex

from shortcodes._json import dumps
from shortcodes.wxr import Item

if TYPE_CHECKING:
    from shortcodes.convert import ConvertedPost

__all__ = ["HtmlWriter", "JsonlWriter", "PostWriter", "front_matter", "post_filename",
           "post_metadata", "yaml_scalar"]

#: The file `JsonlWriter` writes in its directory.
JSONL_NAME: Final = "posts.jsonl"
# Slugs are cut to this many UTF-8 bytes: with the id and suffix, names stay far
# below the 255-byte limit of common file systems.
_MAX_SLUG_BYTES: Final = 120
# Letters, marks and digits of any script, `_` and `-`; any other run becomes `-`.
_SLUG_JUNK: Final = regex.compile(r"[^\p{L}\p{M}\p{N}_\-]++")
# Characters JSON leaves raw that YAML must not see raw: C1 controls and DEL (not
# printable), NEL, LS and PS (line breaks in YAML 1.1), BOM, non-characters, surrogates.
_LINE_SEPARATORS: Final = ("\x85", "\u2028", "\u2029")
_YAML_UNSAFE: Final = regex.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")

_Writer = TypeVar("_Writer", bound="PostWriter")


def _safe_slug(slug: str) -> str:
    """*slug* percent-decoded, NFC, with only letters, marks, digits, `_` and `-`."""
    text = unicodedata.normalize("NFC", urllib.parse.unquote(slug, errors="replace"))
    text = _SLUG_JUNK.sub("-", text).strip("-")
    cut = text.encode("utf-8")[:_MAX_SLUG_BYTES].decode("utf-8", "ignore")
    return cut.rstrip("-")


def post_filename(item: Item, /, *, suffix: str = ".html") -> str:
    """The file name of *item*'s post: ``<post-id>-<slug><suffix>``.

    WordPress stores non-ASCII slugs percent-encoded (``%d8%b3%d8%b1%d8%aa``); they
    are decoded, so Arabic slugs stay readable. Only letters, marks and digits of
    any script, ``_`` and ``-`` are kept (any other run becomes one ``-``), and the
    slug is cut to 120 UTF-8 bytes. Without a usable slug the name is the id alone.
    The result never holds a path separator or ``..``.

    >>> post_filename(Item(post_id=7, slug="../../etc/passwd"))
    '7-etc-passwd.html'
    >>> post_filename(Item(post_id=8, slug="%d8%b3%d8%b1%d8%aa"))
    '8-سرت.html'
    >>> post_filename(Item(post_id=9, slug="///"))
    '9.html'

    .. versionadded:: 0.1
    """
    slug = _safe_slug(item.slug)
    return f"{item.post_id}-{slug}{suffix}" if slug else f"{item.post_id}{suffix}"


def yaml_scalar(value: object, /) -> str:
    """Write *value* as a YAML flow value that is also JSON.

    Strings are double-quoted with JSON escapes, ints are plain, ``None`` is
    ``null``, and lists and tuples are flow sequences.

    >>> yaml_scalar(["a", 'say "hi"\\n', 3, None])
    '["a", "say \\\\"hi\\\\"\\\\n", 3, null]'

    Raises:
        TypeError: *value* is of another type.

    .. versionadded:: 0.1
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        quoted = json.dumps(value, ensure_ascii=False)
        return _YAML_UNSAFE.sub(lambda found: f"\\u{ord(found[0]):04x}", quoted)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_scalar(element) for element in value) + "]"
    raise TypeError(f"cannot write a {type(value).__name__} as a YAML scalar")


def post_metadata(item: Item, /) -> dict[str, object]:
    """The metadata written with a post, in order.

    ``id``, ``title``, ``slug``, ``type``, ``status``, ``date`` (``wp:post_date``
    in ISO 8601, in the site's time zone; ``None`` when it does not parse),
    ``author`` (login), ``link``, ``categories`` and ``tags`` (their names).

    .. versionadded:: 0.1
    """
    date = item.date
    return {"id": item.post_id, "title": item.title, "slug": item.slug,
            "type": item.post_type, "status": item.status,
            "date": date.isoformat() if date is not None else None, "author": item.author,
            "link": item.link, "categories": [term.label for term in item.categories],
            "tags": [term.label for term in item.tags]}


def front_matter(post: ConvertedPost, /) -> str:
    """The YAML front matter of *post*'s HTML file, both ``---`` lines included.

    The keys of `post_metadata`, then ``excerpt`` (its HTML) when the post has one.

    .. versionadded:: 0.1
    """
    fields: dict[str, object] = post_metadata(post.item)
    if post.excerpt is not None:
        fields["excerpt"] = post.excerpt.html
    lines = [f"{key}: {yaml_scalar(value)}\n" for key, value in fields.items()]
    return "---\n" + "".join(lines) + "---\n"


def _temporary(path: Path) -> tuple[Path, IO[str]]:
    """A new hidden file beside *path*, opened for writing UTF-8 without newline changes."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    return temp, open(temp, "x", encoding="utf-8", newline="")


def _discard(temp: Path, handle: IO[str]) -> None:
    handle.close()
    with contextlib.suppress(OSError):
        temp.unlink()


def write_atomic(path: Path, text: str) -> None:
    """Write *text* to *path* through a temporary file and `os.replace`."""
    temp, handle = _temporary(path)
    try:
        with handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:  # Ctrl-C included: never leave the temporary file
        _discard(temp, handle)
        raise


class PostWriter(abc.ABC):
    """Writes converted posts into a directory; a context manager.

    `commit` finishes the output; leaving the ``with`` block without it keeps the
    posts already complete and removes anything half-written. The directory is
    created if missing; existing files of the same names are replaced.

    .. versionadded:: 0.1
    """

    def __init__(self, directory: str | os.PathLike[str], /) -> None:
        #: Where the files go.
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._written: list[Path] = []

    @property
    def written(self) -> tuple[Path, ...]:
        """The files finished so far (`JsonlWriter`: ``posts.jsonl`` once committed)."""
        return tuple(self._written)

    @abc.abstractmethod
    def write(self, post: ConvertedPost, /) -> None:
        """Write one post."""

    def commit(self) -> None:  # noqa: B027  (deliberately a no-op by default)
        """Finish the output (nothing to do when every post is a file of its own)."""

    def discard(self) -> None:  # noqa: B027  (deliberately a no-op by default)
        """Remove what is not complete (nothing when every post is a file of its own)."""

    def __enter__(self: _Writer) -> _Writer:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.discard()


class HtmlWriter(PostWriter):
    """One ``<post-id>-<slug>.html`` per post: YAML front matter, then the HTML.

    .. versionadded:: 0.1
    """

    def write(self, post: ConvertedPost, /) -> None:
        """Write *post*'s file, atomically."""
        path = self.directory / post_filename(post.item)
        write_atomic(path, front_matter(post) + post.html)
        self._written.append(path)


def _record(post: ConvertedPost) -> Mapping[str, object]:
    excerpt = post.excerpt
    return {**post_metadata(post.item), "excerpt": excerpt.html if excerpt else None,
            "html": post.html, "data": post.data,
            "excerpt_data": excerpt.data if excerpt else None}


class JsonlWriter(PostWriter):
    """``posts.jsonl``: one JSON object per post, replaced as a whole on `commit`.

    Each object holds `post_metadata`, ``excerpt`` (HTML or ``null``), ``html``,
    ``data`` and ``excerpt_data`` (the data runs, when rendered; else ``null``).

    .. versionadded:: 0.1
    """

    def __init__(self, directory: str | os.PathLike[str], /) -> None:
        super().__init__(directory)
        self._path = self.directory / JSONL_NAME
        self._temp, self._handle = _temporary(self._path)
        self._count = 0

    @property
    def count(self) -> int:
        """How many posts were written."""
        return self._count

    def write(self, post: ConvertedPost, /) -> None:
        """Append *post*'s line."""
        line = dumps(_record(post))
        # Valid JSON, but readers that split lines on every Unicode line break would cut it.
        for separator in _LINE_SEPARATORS:
            line = line.replace(separator, f"\\u{ord(separator):04x}")
        self._handle.write(line + "\n")
        self._count += 1

    def commit(self) -> None:
        """Rename the finished file to ``posts.jsonl``."""
        if self._written:
            return
        self._handle.close()
        os.replace(self._temp, self._path)
        self._written.append(self._path)

    def discard(self) -> None:
        """Remove the temporary file unless it was committed."""
        if not self._written:
            _discard(self._temp, self._handle)
