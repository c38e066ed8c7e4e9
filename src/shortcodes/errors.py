"""Exceptions raised by shortcodes.

Content problems are `~shortcodes.Diagnostic` values, not exceptions; these
exceptions signal strict mode (when the caller asks for it) or misuse::

    ShortcodeError
     ├── ShortcodeSyntaxError    parse(..., strict=True) found problems
     ├── UnknownShortcodeError   a registry was asked for a name it lacks
     └── WxrError                a WordPress export cannot be read

Caller mistakes (wrong argument types or values) raise `TypeError` and
`ValueError` as usual.
"""

from __future__ import annotations

from collections.abc import Iterable

from shortcodes.diagnostics import Diagnostic

__all__ = ["ShortcodeError", "ShortcodeSyntaxError", "UnknownShortcodeError", "WxrError"]


class ShortcodeError(Exception):
    """Base class of every exception this library raises on purpose.

    .. versionadded:: 0.1
    """


class ShortcodeSyntaxError(ShortcodeError):
    """Raised by ``parse(text, strict=True)``; carries every diagnostic found.

    .. versionadded:: 0.1
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        #: Every diagnostic of the document, in source order.
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        if first is None:
            message = "the content has problems"
        else:
            start = first.span.start
            more = len(self.diagnostics) - 1
            message = f"{start.line}:{start.column}: {first.code} {first.message}"
            if more:
                message += f" (and {more} more)"
        super().__init__(message)


class UnknownShortcodeError(ShortcodeError, LookupError):
    """A registry was asked for a shortcode name it does not have.

    .. versionadded:: 0.1
    """


class WxrError(ShortcodeError):
    """A WordPress export (WXR) cannot be read.

    .. versionadded:: 0.1
    """
