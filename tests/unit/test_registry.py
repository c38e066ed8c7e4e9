"""The handler registry: immutable, explicit replacement, WordPress's name rules."""

from __future__ import annotations

import attrs
import pytest

from shortcodes import Shortcode, UnknownShortcodeError
from shortcodes.registry import Handler, HandlerRegistry, handler
from shortcodes.render import RenderContext
from shortcodes.schema import Schema


def _text(node: Shortcode, context: RenderContext) -> str:
    return node.name


@attrs.frozen
class _Attrs:
    size: int = 1


def test_decorator_declares_and_plain_call_registers() -> None:
    @handler("card", encloses=False, schema=_Attrs, description="A card.")
    def card(node: Shortcode, context: RenderContext) -> str:
        return "card"

    assert isinstance(card, Handler)
    assert card.name == "card"
    assert card.encloses is False
    assert isinstance(card.schema, Schema)
    registry = HandlerRegistry().with_handler(card).with_handler("note", _text, encloses=True)
    assert sorted(registry) == ["card", "note"]
    assert len(registry) == 2
    assert registry["note"].render is _text
    assert registry.enclosing_names() == frozenset({"note"})


def test_description_defaults_to_the_docstring() -> None:
    @handler("doc")
    def documented(node: Shortcode, context: RenderContext) -> str:
        """Renders docs."""
        return ""

    assert documented.description == "Renders docs."


def test_registries_never_change() -> None:
    empty = HandlerRegistry()
    one = empty.with_handler("a", _text)
    two = one.with_handler("b", _text)
    assert list(empty) == []
    assert list(one) == ["a"]
    assert list(two.without_handler("a")) == ["b"]
    assert list(two) == ["a", "b"]
    with pytest.raises(AttributeError):
        two._handlers = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        two._handlers["c"] = two["a"]  # type: ignore[index]


def test_replacing_needs_the_flag() -> None:
    registry = HandlerRegistry().with_handler("a", _text)
    with pytest.raises(ValueError, match="already registered; pass replace=True"):
        registry.with_handler("a", _text)
    replaced = registry.with_handler("a", _text, replace=True, description="new")
    assert replaced["a"].description == "new"
    with pytest.raises(ValueError, match="already registered"):
        HandlerRegistry.of(replaced["a"], replaced["a"])


@pytest.mark.parametrize("name", ["", "a b", "a/b", "a]", "a=b", "a<b", "a&b", "tab\t"])
def test_names_wordpress_refuses_raise(name: str) -> None:
    with pytest.raises(ValueError, match="shortcode name"):
        HandlerRegistry().with_handler(name, _text)
    with pytest.raises(ValueError, match="shortcode name"):
        handler(name)


def test_unicode_names_are_fine() -> None:
    assert "بطاقة" in HandlerRegistry().with_handler("بطاقة", _text)


def test_unknown_lookup_raises_a_specific_error() -> None:
    registry = HandlerRegistry()
    assert registry.get("x") is None
    with pytest.raises(UnknownShortcodeError, match="no handler is registered for `x`") as info:
        registry["x"]
    assert info.value.__suppress_context__
    with pytest.raises(UnknownShortcodeError):
        registry.without_handler("x")


def test_merged_needs_replace_for_clashes() -> None:
    first = HandlerRegistry().with_handler("a", _text)
    second = HandlerRegistry().with_handler("a", _text, description="2").with_handler("b", _text)
    with pytest.raises(ValueError, match="already registered"):
        first.merged(second)
    assert first.merged(second, replace=True)["a"].description == "2"


def test_wrong_call_forms_raise_type_error() -> None:
    registry = HandlerRegistry().with_handler("a", _text)
    with pytest.raises(TypeError):
        registry.with_handler("b")  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        registry.with_handler(registry["a"], _text)  # type: ignore[call-overload]
