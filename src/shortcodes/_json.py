"""The JSON form of a parsed document (internal; the format is documented in
``docs/json-format.md`` and its schema in ``docs/schema/parse-output.schema.json``)."""

from __future__ import annotations

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
