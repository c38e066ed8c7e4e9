"""shortcodes: a lossless, typed parser for WordPress-style shortcodes.

>>> from shortcodes import parse
>>> doc = parse('Intro [card region=”EG” rtl="true"] outro')
>>> card = next(doc.shortcodes())
>>> card.name, card.attrs["region"], doc.to_source() == 'Intro [card region=”EG” rtl="true"] outro'
('card', 'EG', True)
"""

from __future__ import annotations

from shortcodes.diagnostics import CATALOGUE, Diagnostic, Rule, Severity
from shortcodes.edit import fix_quotes
from shortcodes.errors import (
    ShortcodeError,
    ShortcodeSyntaxError,
    UnknownShortcodeError,
    WxrError,
)
from shortcodes.nodes import Attribute, Document, Escape, Node, Shortcode, Text
from shortcodes.parser import DEFAULT_MAX_DEPTH, parse
from shortcodes.registry import Handler, HandlerRegistry, handler
from shortcodes.render import (
    RenderContext,
    Rendered,
    RenderOptions,
    render_data,
    render_html,
    render_text,
)
from shortcodes.schema import Schema
from shortcodes.span import LineIndex, Position, Span
from shortcodes.tokenizer import Token, TokenKind, tokenize

__all__ = [
    "CATALOGUE",
    "DEFAULT_MAX_DEPTH",
    "Attribute",
    "Diagnostic",
    "Document",
    "Escape",
    "Handler",
    "HandlerRegistry",
    "LineIndex",
    "Node",
    "Position",
    "RenderContext",
    "RenderOptions",
    "Rendered",
    "Rule",
    "Schema",
    "Severity",
    "Shortcode",
    "ShortcodeError",
    "ShortcodeSyntaxError",
    "Span",
    "Text",
    "Token",
    "TokenKind",
    "UnknownShortcodeError",
    "WxrError",
    "fix_quotes",
    "handler",
    "parse",
    "render_data",
    "render_html",
    "render_text",
    "tokenize",
]

__version__ = "0.1.0.dev0"
