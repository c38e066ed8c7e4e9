"""Named registries of built-in handlers, and loading the user's own.

Presets are plain functions returning a fresh `HandlerRegistry`; nothing
registers itself on import. `load_handlers` reads ``module:object``
specifications (the CLI's ``--handlers``) and `entry_point_handlers` the
``shortcodes.handlers`` entry-point group of installed packages.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from importlib.metadata import entry_points
from typing import Final

from shortcodes.registry import Handler, HandlerRegistry

__all__ = ["ENTRY_POINT_GROUP", "PRESETS", "builtin", "entry_point_handlers", "load_handlers",
           "registry_from"]

#: The entry-point group packages use to offer handlers to ``shortcodes``.
ENTRY_POINT_GROUP: Final = "shortcodes.handlers"


def _covid19() -> HandlerRegistry:
    from shortcodes.handlers.covid19 import covid19

    return covid19()


def _wordpress_core() -> HandlerRegistry:
    from shortcodes.handlers.wordpress_core import wordpress_core

    return wordpress_core()


#: Every preset by name: ``covid19`` (the ``covid19-ultimate-card``) and
#: ``wordpress-core`` (``caption``, ``gallery``, ``embed``, ``audio``, ``video``,
#: ``playlist``).
PRESETS: Final[Mapping[str, Callable[[], HandlerRegistry]]] = {
    "covid19": _covid19,
    "wordpress-core": _wordpress_core,
}


def builtin() -> HandlerRegistry:
    """Every built-in handler: all presets together.

    >>> sorted(builtin())[:3]
    ['audio', 'caption', 'covid19-ultimate-card']

    .. versionadded:: 0.1
    """
    registry = HandlerRegistry()
    for preset in PRESETS.values():
        registry = registry.merged(preset())
    return registry


def registry_from(value: object, /, *, origin: str) -> HandlerRegistry:
    """Turn what a user points at into a registry.

    Accepts a `HandlerRegistry`, a `Handler`, an iterable of handlers, or a
    function of no arguments returning one of these.

    Raises:
        TypeError: *value* is none of these; *origin* names where it came from.

    .. versionadded:: 0.1
    """
    if isinstance(value, HandlerRegistry):
        return value
    if isinstance(value, Handler):
        return HandlerRegistry.of(value)
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        items = list(value)
        if all(isinstance(item, Handler) for item in items):
            return HandlerRegistry.of(*items)
    elif callable(value):
        try:
            made = value()
        except TypeError as error:
            raise TypeError(f"{origin} is a function that could not be called without "
                            f"arguments: {error}") from None
        return registry_from(made, origin=origin)
    raise TypeError(f"{origin} is not a HandlerRegistry, a Handler, handlers, or a function "
                    f"returning one of these (it is a {type(value).__name__})")


def load_handlers(spec: str, /) -> HandlerRegistry:
    """Import ``module:object`` and return its handlers as a registry.

    The current directory is importable while loading, as with ``python -m``.

    Raises:
        ValueError: *spec* is not ``module:object``.
        ImportError: the module cannot be imported.
        AttributeError: the module has no such object.
        TypeError: the object holds no handlers.

    .. versionadded:: 0.1
    """
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise ValueError(f"expected module:object, not {spec!r}")
    added = "" not in sys.path
    if added:
        sys.path.insert(0, "")
    try:
        module = importlib.import_module(module_name)
    finally:
        if added:
            sys.path.remove("")
    value: object = module
    for part in attribute.split("."):
        value = getattr(value, part)
    return registry_from(value, origin=spec)


def entry_point_handlers() -> HandlerRegistry:
    """The handlers installed packages offer in the ``shortcodes.handlers`` group.

    Raises:
        ValueError: two packages offer the same shortcode name.

    .. versionadded:: 0.1
    """
    registry = HandlerRegistry()
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        registry = registry.merged(registry_from(entry.load(), origin=entry.value))
    return registry
