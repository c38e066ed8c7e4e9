"""Lint configuration files: every key, where they are found, and errors naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from shortcodes._config import (
    ConfigError,
    config_from_table,
    find_config_file,
    load_config,
    read_config_file,
)
from shortcodes.diagnostics import Severity
from shortcodes.lint import DEFAULT_INCLUDE, LintConfig

EVERY_KEY = """\
[tool.shortcodes]
select = ["SC2", "smart-quotes", "SC309"]
ignore = ["SC202"]
known = ["card", "note"]
enclosing = ["note"]
max-depth = 50
include = ["*.txt", "content/**/*.html"]
exclude = ["drafts", "vendor/**"]
compare-wordpress = true

[tool.shortcodes.per-path-ignores]
"docs/**" = ["SC301", "SC3"]

[tool.shortcodes.severity]
SC301 = "error"
missing-space = "info"

[tool.shortcodes.shortcodes.box]
enclosing = true

[tool.shortcodes.shortcodes.card]
attributes = { region = "str", size = "int", rtl = "bool", align = "choice:left|right" }
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key(tmp_path: Path) -> None:
    config = read_config_file(write(tmp_path, "pyproject.toml", EVERY_KEY))
    assert config == LintConfig(
        select=["SC2", "smart-quotes", "SC309"], ignore=["SC202"], known=["card", "note"],
        enclosing=["note", "box"], max_depth=50, include=["*.txt", "content/**/*.html"],
        exclude=["drafts", "vendor/**"], compare_wordpress=True,
        per_path_ignores={"docs/**": ["SC301", "SC3"]},
        severity={"SC301": Severity.ERROR, "missing-space": Severity.INFO},
        schemas={"box": {}, "card": {"region": "str", "size": "int", "rtl": "bool",
                                     "align": "choice:left|right"}})


def test_defaults(tmp_path: Path) -> None:
    config = read_config_file(write(tmp_path, ".shortcodes.toml", ""))
    assert config == LintConfig()
    assert config.include == DEFAULT_INCLUDE
    assert config.select is None and config.known is None and not config.compare_wordpress


def test_dedicated_file_has_top_level_keys(tmp_path: Path) -> None:
    path = write(tmp_path, ".shortcodes.toml", 'select = ["SC3"]\nmax-depth = 3\n')
    assert read_config_file(path) == LintConfig(select=["SC3"], max_depth=3)


@pytest.mark.parametrize(("toml", "message"), [
    ('selec = ["SC3"]', "tool.shortcodes.selec: unknown key (expected one of select, "),
    ('select = "SC3"', "tool.shortcodes.select: expected a list of rule codes"),
    ('select = ["SC3", "SC999"]', "tool.shortcodes.select[1]: unknown rule 'SC999'"),
    ("ignore = [3]", "tool.shortcodes.ignore: expected a list of rule codes"),
    ('known = ["a b"]', "tool.shortcodes.known[0]: invalid shortcode name 'a b'"),
    ("enclosing = true", "tool.shortcodes.enclosing: expected a list of shortcode names"),
    ("max-depth = 0", "tool.shortcodes.max-depth: expected an integer of at least 1"),
    ('max-depth = "9"', "tool.shortcodes.max-depth: expected an integer of at least 1"),
    ("max-depth = true", "tool.shortcodes.max-depth: expected an integer of at least 1"),
    ('include = "*.txt"', "tool.shortcodes.include: expected a list of glob patterns"),
    ("exclude = [1]", "tool.shortcodes.exclude: expected a list of glob patterns"),
    ("compare-wordpress = 1", "tool.shortcodes.compare-wordpress: expected true or false"),
    ('per-path-ignores = { "docs/**" = "SC301" }',
     'tool.shortcodes.per-path-ignores."docs/**": expected a list of rule codes'),
    ('per-path-ignores = { "docs/**" = ["SC3x"] }',
     'tool.shortcodes.per-path-ignores."docs/**"[0]: unknown rule \'SC3x\''),
    ('per-path-ignores = ["docs"]', "tool.shortcodes.per-path-ignores: expected a table"),
    ('severity = { SC301 = "fatal" }',
     "tool.shortcodes.severity.SC301: expected one of error, warning, info"),
    ('severity = { SC999 = "error" }', "tool.shortcodes.severity.SC999: unknown rule 'SC999'"),
    ('severity = "error"', "tool.shortcodes.severity: expected a table"),
    ("shortcodes = 1", "tool.shortcodes.shortcodes: expected a table"),
    ("shortcodes.card = 1", "tool.shortcodes.shortcodes.card: expected a table"),
    ('shortcodes."a b" = {}', 'tool.shortcodes.shortcodes."a b": invalid shortcode name'),
    ("shortcodes.card.enclosing = 1",
     "tool.shortcodes.shortcodes.card.enclosing: expected true or false"),
    ("shortcodes.card.attrs = {}",
     "tool.shortcodes.shortcodes.card.attrs: unknown key (expected enclosing, attributes)"),
    ("shortcodes.card.attributes = 1",
     "tool.shortcodes.shortcodes.card.attributes: expected a table"),
    ('shortcodes.card.attributes = { size = "integer" }',
     "tool.shortcodes.shortcodes.card.attributes.size: attribute `size`: unknown type "
     "`integer`"),
    ("shortcodes.card.attributes = { size = 1 }",
     'tool.shortcodes.shortcodes.card.attributes.size: expected a type name such as "int"'),
    ('shortcodes.card.attributes = { "a b" = "int" }',
     'tool.shortcodes.shortcodes.card.attributes."a b": an attribute name is letters'),
])
def test_bad_keys_and_values_name_the_key(tmp_path: Path, toml: str, message: str) -> None:
    path = write(tmp_path, "pyproject.toml", f"[tool.shortcodes]\n{toml}\n")
    with pytest.raises(ConfigError) as caught:
        read_config_file(path)
    assert str(caught.value).startswith(f"{path}: {message}")


def test_error_in_dedicated_file_names_the_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, ".shortcodes.toml", "[per-path-ignores]\n'x' = 'SC3'\n")
    with pytest.raises(ConfigError, match=r"\.shortcodes\.toml: per-path-ignores\.x: expected"):
        read_config_file(path)


def test_config_from_table_without_prefix() -> None:
    with pytest.raises(ConfigError, match=r"^colour: unknown key"):
        config_from_table({"colour": 1})
    assert config_from_table({"known": ["a"]}).known == ("a",)


def test_invalid_toml_and_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        read_config_file(write(tmp_path, ".shortcodes.toml", "select = [\n"))
    with pytest.raises(ConfigError, match="cannot read"):
        read_config_file(tmp_path / "missing.toml")


def test_explicit_pyproject_needs_the_table(tmp_path: Path) -> None:
    path = write(tmp_path, "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"has no \[tool\.shortcodes\] table"):
        load_config(path)


# -- discovery ---------------------------------------------------------------------------


def test_found_upward_from_the_current_directory(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.shortcodes]\nselect = ["SC3"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    loaded = load_config(cwd=deep)
    assert loaded.path == tmp_path / "pyproject.toml"
    assert loaded.config.select == frozenset({"SC3"})
    assert loaded.root(deep) == tmp_path


def test_dedicated_file_wins_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.shortcodes]\nselect = ["SC3"]\n')
    write(tmp_path, ".shortcodes.toml", 'select = ["SC2"]\n')
    assert find_config_file(tmp_path) == tmp_path / ".shortcodes.toml"
    assert load_config(cwd=tmp_path).config.select == frozenset({"SC2"})


def test_nearest_file_wins(tmp_path: Path) -> None:
    write(tmp_path, ".shortcodes.toml", 'select = ["SC2"]\n')
    inner = tmp_path / "site"
    inner.mkdir()
    write(inner, "pyproject.toml", '[tool.shortcodes]\nselect = ["SC1"]\n')
    assert find_config_file(inner) == inner / "pyproject.toml"


def test_pyproject_without_the_table_does_not_stop_the_walk(tmp_path: Path) -> None:
    write(tmp_path, ".shortcodes.toml", 'ignore = ["SC3"]\n')
    inner = tmp_path / "site"
    inner.mkdir()
    write(inner, "pyproject.toml", "[tool.other]\nx = 1\n")
    assert find_config_file(inner) == tmp_path / ".shortcodes.toml"


def test_no_file_gives_the_defaults(tmp_path: Path) -> None:
    loaded = load_config(cwd=tmp_path)
    if loaded.path is None:  # a configuration above the temporary directory would be found
        assert loaded.config == LintConfig()
        assert loaded.root(tmp_path) == tmp_path
