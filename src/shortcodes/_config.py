"""Lint configuration files (internal): ``[tool.shortcodes]`` or ``.shortcodes.toml``.

Where the configuration comes from, first match wins:

1. ``--config PATH``: a ``pyproject.toml`` (its ``[tool.shortcodes]`` table) or any
   other TOML file (top-level keys);
2. walking up from the current directory, the first directory holding a
   ``.shortcodes.toml`` (top-level keys) or a ``pyproject.toml`` with a
   ``[tool.shortcodes]`` table; when a directory holds both, ``.shortcodes.toml``
   wins. A ``pyproject.toml`` without the table does not stop the walk;
3. the defaults of `LintConfig`.

Every key is checked: an unknown key or a bad value is a `ConfigError` whose
message names the file and the key path, such as
``tool.shortcodes.per-path-ignores."docs/**": expected a list of rule codes``.
The keys are documented in ``docs/ci.md``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Final

import attrs
import regex

from shortcodes.diagnostics import Severity
from shortcodes.lint import LintConfig, resolve_rules
from shortcodes.schema import schema_from_spec
from shortcodes.tokenizer import check_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    # mypy checks as Python 3.10, where tomli may not be installed (CI runs 3.11).
    import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]

__all__ = ["CONFIG_FILE", "ConfigError", "LoadedConfig", "config_from_table",
           "find_config_file", "load_config"]

#: The dedicated configuration file; it wins over ``pyproject.toml`` in one directory.
CONFIG_FILE: Final = ".shortcodes.toml"
_PYPROJECT: Final = "pyproject.toml"
_BARE_KEY: Final = regex.compile(r"[A-Za-z0-9_-]+")
_ATTRIBUTE_NAME: Final = regex.compile(r"[A-Za-z0-9_-]+")


class ConfigError(ValueError):
    """A configuration file that cannot be read, or a bad key or value in it."""


@attrs.frozen
class LoadedConfig:
    """A configuration and the file it came from (``None``: the defaults)."""

    #: The configuration.
    config: LintConfig
    #: The file read, if any.
    path: Path | None = None

    def root(self, cwd: Path) -> Path:
        """The directory globs are relative to: the file's directory, else *cwd*."""
        return cwd if self.path is None else self.path.parent


def _key(prefix: str, key: str) -> str:
    shown = key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)
    return f"{prefix}.{shown}" if prefix else shown


# -- value checkers: (value, key path) -> converted value -------------------------------------


def _string_list(value: object, where: str, what: str = "strings") -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: expected a list of {what}")
    return value


def _rule(selector: str, where: str) -> str:
    try:
        resolve_rules(selector, by_prefix_opt_in=True)
    except ValueError as error:
        raise ConfigError(f"{where}: {error}") from None
    return selector


def _rules(value: object, where: str) -> list[str]:
    items = _string_list(value, where, "rule codes")
    return [_rule(item, f"{where}[{i}]") for i, item in enumerate(items)]


def _shortcode_names(value: object, where: str) -> list[str]:
    items = _string_list(value, where, "shortcode names")
    for i, item in enumerate(items):
        try:
            check_name(item)
        except ValueError as error:
            raise ConfigError(f"{where}[{i}]: {error}") from None
    return items


def _globs(value: object, where: str) -> list[str]:
    return _string_list(value, where, "glob patterns")


def _max_depth(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{where}: expected an integer of at least 1")
    return value


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false")
    return value


def _table(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table")
    return value


def _per_path_ignores(value: object, where: str) -> dict[str, list[str]]:
    return {glob: _rules(codes, _key(where, glob))
            for glob, codes in _table(value, where).items()}


def _severity(value: object, where: str) -> dict[str, Severity]:
    table: dict[str, Severity] = {}
    choices = ", ".join(s.value for s in Severity)
    for selector, level in _table(value, where).items():
        _rule(selector, _key(where, selector))
        if level not in {s.value for s in Severity}:
            raise ConfigError(f"{_key(where, selector)}: expected one of {choices}")
        table[selector] = Severity(level)
    return table


_Checker = Callable[[object, str], object]

#: Every top-level key, its checker, and the `LintConfig` field it sets.
_KEYS: Final[Mapping[str, tuple[_Checker, str]]] = {
    "select": (_rules, "select"),
    "ignore": (_rules, "ignore"),
    "known": (_shortcode_names, "known"),
    "enclosing": (_shortcode_names, "enclosing"),
    "max-depth": (_max_depth, "max_depth"),
    "include": (_globs, "include"),
    "exclude": (_globs, "exclude"),
    "per-path-ignores": (_per_path_ignores, "per_path_ignores"),
    "severity": (_severity, "severity"),
    "compare-wordpress": (_flag, "compare_wordpress"),
}


def _shortcode_table(name: str, value: object, where: str) -> tuple[bool, dict[str, str]]:
    """``(enclosing, attribute types)`` of one ``shortcodes.<name>`` table."""
    try:
        check_name(name)
    except ValueError as error:
        raise ConfigError(f"{where}: {error}") from None
    table = _table(value, where)
    enclosing = _flag(table.get("enclosing", False), _key(where, "enclosing"))
    attributes: dict[str, str] = {}
    types = _table(table.get("attributes", {}), _key(where, "attributes"))
    for attribute, type_name in types.items():
        at = _key(_key(where, "attributes"), attribute)
        if not _ATTRIBUTE_NAME.fullmatch(attribute):
            raise ConfigError(f"{at}: an attribute name is letters, digits, `-` and `_`")
        if not isinstance(type_name, str):
            raise ConfigError(f"{at}: expected a type name such as \"int\"")
        try:
            schema_from_spec({attribute: type_name})
        except ValueError as error:
            raise ConfigError(f"{at}: {error}") from None
        attributes[attribute] = type_name
    unknown = sorted(table.keys() - {"enclosing", "attributes"})
    if unknown:
        raise ConfigError(f"{_key(where, unknown[0])}: unknown key "
                          "(expected enclosing, attributes)")
    return enclosing, attributes


def _shortcodes(value: object, where: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The names the ``shortcodes`` tables declare enclosing, and their schemas."""
    enclosing: list[str] = []
    schemas: dict[str, dict[str, str]] = {}
    for name, table in _table(value, where).items():
        encloses, schemas[name] = _shortcode_table(name, table, _key(where, name))
        if encloses:
            enclosing.append(name)
    return enclosing, schemas


def config_from_table(table: Mapping[str, object], /, *, prefix: str = "") -> LintConfig:
    """Check *table* (the ``[tool.shortcodes]`` table, or a ``.shortcodes.toml``) and
    build the `LintConfig` it describes.

    Args:
        table: The parsed TOML table.
        prefix: The key path of *table*, for messages (``"tool.shortcodes"``).

    Raises:
        ConfigError: naming the key path of the first unknown key or bad value.
    """
    fields: dict[str, object] = {}
    for key, value in table.items():
        if key == "shortcodes":
            continue
        if key not in _KEYS:
            raise ConfigError(f"{_key(prefix, key)}: unknown key (expected one of "
                              f"{', '.join([*_KEYS, 'shortcodes'])})")
        check, field = _KEYS[key]
        fields[field] = check(value, _key(prefix, key))
    if "shortcodes" in table:
        enclosing, fields["schemas"] = _shortcodes(table["shortcodes"],
                                                   _key(prefix, "shortcodes"))
        fields["enclosing"] = [*fields.get("enclosing", []), *enclosing]  # type: ignore[misc]
    try:
        return LintConfig(**fields)  # type: ignore[arg-type]
    except ValueError as error:  # pragma: no cover - every value was checked above
        raise ConfigError(f"{prefix or 'configuration'}: {error}") from None


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            document: dict[str, object] = tomllib.load(handle)
            return document
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _tool_table(document: dict[str, object]) -> object:
    tool = document.get("tool")
    return tool.get("shortcodes") if isinstance(tool, dict) else None


def read_config_file(path: Path) -> LintConfig:
    """Read one configuration file: ``pyproject.toml`` or a ``.shortcodes.toml``.

    Raises:
        ConfigError: the file cannot be read, is not TOML, has a bad key or value,
            or is a ``pyproject.toml`` without ``[tool.shortcodes]``.
    """
    document = _read_toml(path)
    try:
        if path.name != _PYPROJECT:
            return config_from_table(document)
        table = _tool_table(document)
        if table is None:
            raise ConfigError("has no [tool.shortcodes] table")
        return config_from_table(_table(table, "tool.shortcodes"), prefix="tool.shortcodes")
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from None


def find_config_file(start: Path, /) -> Path | None:
    """The configuration file that applies in directory *start* (see the module docstring).

    Raises:
        ConfigError: a ``pyproject.toml`` on the way cannot be read or is not TOML.
    """
    for directory in (start, *start.parents):
        dedicated = directory / CONFIG_FILE
        if dedicated.is_file():
            return dedicated
        pyproject = directory / _PYPROJECT
        if pyproject.is_file() and _tool_table(_read_toml(pyproject)) is not None:
            return pyproject
    return None


def load_config(path: Path | None = None, /, *, cwd: Path | None = None) -> LoadedConfig:
    """Read the configuration: *path* if given, else the file found from *cwd* upward.

    Raises:
        ConfigError: as `read_config_file`.
    """
    if path is None:
        path = find_config_file((cwd or Path.cwd()).resolve())
        if path is None:
            return LoadedConfig(LintConfig())
    return LoadedConfig(read_config_file(path), path)
