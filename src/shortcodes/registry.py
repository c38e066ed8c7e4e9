"""Handler registry: which function renders which shortcode.

A `Handler` is a value: the shortcode's name, the function that renders it to
HTML, optionally one that renders it to data, whether it encloses content, its
attribute `Schema` and a description. The `handler` decorator declares one; a
`HandlerRegistry` holds them by name and never changes: `with_handler` and
`without_handler` return new registries, so one registry can be shared by any
number of threads and renders.

>>> from markupsafe import Markup
>>> @handler("hello", description="Greets.")
... def hello(node, context):
...     return Markup("<b>{}</b>").format(node.attrs.get("to", "world"))
>>> registry = HandlerRegistry().with_handler(hello)
>>> "hello" in registry, registry["hello"].description
(True, 'Greets.')
>>> registry.with_handler(hello)
Traceback (most recent call last):
...
ValueError: a handler for `hello` is already registered; pass replace=True to replace it

The plain call registers a function directly:

>>> registry = registry.with_handler("bye", lambda node, context: "Bye!", encloses=False)
>>> sorted(registry)
['bye', 'hello']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, overload

import attrs

from shortcodes.errors import UnknownShortcodeError
from shortcodes.nodes import Shortcode
from shortcodes.schema import Schema
from shortcodes.tokenizer import check_name

if TYPE_CHECKING:
    from shortcodes.render import RenderContext

__all__ = ["DataFunction", "Handler", "HandlerRegistry", "RenderFunction", "handler"]


class RenderFunction(Protocol):
    """Renders one shortcode to HTML.

    Return a value with ``__html__`` (markupsafe's `Markup`) for HTML, a `str` for
    text (it is escaped), or ``None`` for nothing.

    .. versionadded:: 0.1
    """

    def __call__(self, node: Shortcode, context: RenderContext, /) -> object: ...


class DataFunction(Protocol):
    """Returns one shortcode's data: a JSON-ready value (dicts, lists, str, numbers).

    .. versionadded:: 0.1
    """

    def __call__(self, node: Shortcode, context: RenderContext, /) -> object: ...


def _schema(value: Schema | type | None) -> Schema | None:
    if value is None or isinstance(value, Schema):
        return value
    return Schema.from_class(value)


def _valid_name(instance: Handler, attribute: attrs.Attribute[str], value: str) -> None:
    check_name(value)  # raises ValueError for a name WordPress's add_shortcode refuses


@attrs.frozen(kw_only=True)
class Handler:
    """How one shortcode renders.

    .. versionadded:: 0.1
    """

    #: The shortcode's name, as WordPress would register it.
    name: str = attrs.field(validator=_valid_name)
    #: Renders the shortcode to HTML.
    render: RenderFunction = attrs.field(eq=False)
    #: Renders it to data for the data renderer; ``None``: no handler data.
    data: DataFunction | None = attrs.field(default=None, eq=False)
    #: ``True``: has a closing tag; ``False``: never has one; ``None``: either.
    encloses: bool | None = None
    #: The attribute schema; an attrs class given here is converted with `Schema.from_class`.
    schema: Schema | None = attrs.field(default=None, converter=_schema)
    #: What the shortcode is for, in one sentence.
    description: str = ""

    def __call__(self, node: Shortcode, context: RenderContext, /) -> object:
        """Render *node* to HTML (the `render` function)."""
        return self.render(node, context)


def handler(name: str, /, *, encloses: bool | None = None, schema: Schema | type | None = None,
            description: str = "",
            data: DataFunction | None = None) -> Callable[[RenderFunction], Handler]:
    """Declare a handler: decorate its HTML render function.

    The result is a `Handler`; register it with `HandlerRegistry.with_handler`.

    Raises:
        ValueError: WordPress would refuse *name*.

    .. versionadded:: 0.1
    """
    check_name(name)

    def decorate(render: RenderFunction) -> Handler:
        return Handler(name=name, render=render, data=data, encloses=encloses,
                       schema=schema, description=description or (render.__doc__ or "").strip())

    return decorate


def _frozen_mapping(value: Mapping[str, Handler]) -> Mapping[str, Handler]:
    return MappingProxyType(dict(value))


@attrs.frozen
class HandlerRegistry:
    """An immutable mapping of shortcode names to `Handler` values.

    .. versionadded:: 0.1
    """

    _handlers: Mapping[str, Handler] = attrs.field(factory=dict, converter=_frozen_mapping)

    @classmethod
    def of(cls, *handlers: Handler) -> HandlerRegistry:
        """Build a registry from handlers; a name given twice raises `ValueError`."""
        registry = cls()
        for item in handlers:
            registry = registry.with_handler(item)
        return registry

    @overload
    def with_handler(self, handler: Handler, /, *, replace: bool = False) -> HandlerRegistry: ...

    @overload
    def with_handler(self, name: str, render: RenderFunction, /, *, replace: bool = False,
                     data: DataFunction | None = None, encloses: bool | None = None,
                     schema: Schema | type | None = None,
                     description: str = "") -> HandlerRegistry: ...

    def with_handler(self, handler_or_name: Handler | str, render: RenderFunction | None = None,
                     /, *, replace: bool = False, **details: Any) -> HandlerRegistry:
        """Return a registry that also has this handler.

        Args:
            handler_or_name: A `Handler`, or a name followed by its render function.
            render: The render function, when a name is given.
            replace: Allow replacing a handler already registered under the name.
            **details: With a name: ``data``, ``encloses``, ``schema``, ``description``.

        Raises:
            ValueError: the name is taken and *replace* is false, or WordPress would
                refuse the name.
            TypeError: the arguments do not fit either form.
        """
        if isinstance(handler_or_name, Handler):
            if render is not None or details:
                raise TypeError("with_handler(Handler) takes no other arguments but replace=")
            new = handler_or_name
        elif render is None:
            raise TypeError("with_handler(name, render) needs a render function")
        else:
            new = Handler(name=handler_or_name, render=render, **details)
        if new.name in self._handlers and not replace:
            raise ValueError(f"a handler for `{new.name}` is already registered; "
                             "pass replace=True to replace it")
        return HandlerRegistry({**self._handlers, new.name: new})

    def without_handler(self, name: str, /) -> HandlerRegistry:
        """Return a registry without *name*'s handler.

        Raises:
            UnknownShortcodeError: no handler is registered for *name*.
        """
        self[name]  # raises for an unknown name
        return HandlerRegistry({k: v for k, v in self._handlers.items() if k != name})

    def merged(self, other: HandlerRegistry, /, *, replace: bool = False) -> HandlerRegistry:
        """Return a registry with the handlers of both; *other*'s win only with *replace*."""
        registry = self
        for item in other._handlers.values():
            registry = registry.with_handler(item, replace=replace)
        return registry

    def __getitem__(self, name: str) -> Handler:
        try:
            return self._handlers[name]
        except KeyError:
            raise UnknownShortcodeError(f"no handler is registered for `{name}`") from None

    def get(self, name: str, /) -> Handler | None:
        """The handler for *name*, or ``None``."""
        return self._handlers.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._handlers

    def __iter__(self) -> Iterator[str]:
        return iter(self._handlers)

    def __len__(self) -> int:
        return len(self._handlers)

    def enclosing_names(self) -> frozenset[str]:
        """Names whose handlers declare that they always enclose content."""
        return frozenset(name for name, h in self._handlers.items() if h.encloses)
