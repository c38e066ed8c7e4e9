"""The JSON form of a parsed document (internal; the format is documented in
``docs/json-format.md`` and its schema in ``docs/schema/parse-output.schema.json``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shortcodes.nodes import Document, Shortcode

#: Version of the JSON format; bumped on any incompatible change.
FORMAT_VERSION = 1


def shortcode_to_json(shortcode: Shortcode) -> dict[str, object]:
    """One shortcode with its nested shortcodes, built without recursion."""
    root: dict[str, object] = {}
    stack: list[tuple[Shortcode, dict[str, object]]] = [(shortcode, root)]
    while stack:
        node, out = stack.pop()
        span = node.span
        out.update({
            "name": node.name,
            "attrs": dict(node.attrs),
            "positional": list(node.positional),
            "content": node.content,
            "self_closing": node.self_closing,
            "span": span.to_json() if span is not None else None,
        })
        children: list[dict[str, object]] = []
        out["children"] = children
        for child in node.shortcodes_direct():
            entry: dict[str, object] = {}
            children.append(entry)
            stack.append((child, entry))
    return root


def document_to_json(document: Document, path: str | None = None) -> dict[str, object]:
    """The document as ``{"path", "shortcodes", "diagnostics"}``."""
    return {
        "path": path,
        "shortcodes": [shortcode_to_json(sc) for sc in document.top_shortcodes()],
        "diagnostics": [d.to_json() for d in document.diagnostics],
    }


def dumps(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False)`` without recursion, for any depth.

    Handles what `document_to_json` produces: dicts with string keys, lists, strings,
    numbers, booleans and ``None``.
    """
    pieces: list[str] = []
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Raw):
            pieces.append(item.text)
        elif isinstance(item, dict):
            pieces.append("{")
            stack.append(_Raw("}"))
            entries = list(item.items())
            for n, (key, child) in enumerate(reversed(entries)):
                stack.append(child)
                comma = ", " if n < len(entries) - 1 else ""
                stack.append(_Raw(comma + json.dumps(key, ensure_ascii=False) + ": "))
        elif isinstance(item, list):
            pieces.append("[")
            stack.append(_Raw("]"))
            for n, child in enumerate(reversed(item)):
                stack.append(child)
                if n < len(item) - 1:
                    stack.append(_Raw(", "))
        else:
            pieces.append(json.dumps(item, ensure_ascii=False))
    return "".join(pieces)


class _Raw:
    """Already-encoded JSON text on the `dumps` stack."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text
