"""``shortcodes.__all__`` is complete, sorted, and every name in it exists."""

from __future__ import annotations
import __future__

import types

import shortcodes


def test_all_is_sorted_and_unique() -> None:
    names = list(shortcodes.__all__)
    # isort-style order (as ruff's RUF022 keeps it): CONSTANTS, Classes, functions.
    def key(name: str) -> tuple[bool, bool, str]:
        return (not name.isupper(), not name[:1].isupper(), name)

    assert names == sorted(names, key=key)
    assert len(names) == len(set(names))


def test_every_exported_name_exists() -> None:
    for name in shortcodes.__all__:
        assert hasattr(shortcodes, name), name


def test_no_public_name_is_left_out() -> None:
    public = {name for name, value in vars(shortcodes).items()
              if not name.startswith("_") and not isinstance(value, types.ModuleType)
              and not isinstance(value, __future__._Feature)}
    assert public == set(shortcodes.__all__)
