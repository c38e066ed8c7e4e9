"""WordPress conformance: ``../shared/conformance/wordpress.jsonl`` (WordPress 7.1).

Every case was produced by WordPress's own shortcode code; `shortcodes.wordpress`
must reproduce each one byte for byte: output, handler calls, results and
attribute arrays. The handlers follow the data's README: each call is recorded and
returns ``⟦N⟧``; names starting with ``nest`` return ``⟦N:`` + the expansion of
their content + ``⟧``, recording the call before expanding.

WordPress skips a name ``add_shortcode()`` refuses and runs with the rest, while the
port raises `ValueError` for it; so each case first checks that `is_valid_tag_name`
refuses exactly the case's ``rejected_tags`` and then passes the other names on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

from shortcodes import wordpress as wp
from tests.conftest import shared_path

Case = dict[str, Any]


@cache
def _cases() -> tuple[Case, ...]:
    path = shared_path("conformance", "wordpress.jsonl")
    with path.open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle.read().split("\n") if line.strip())


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Loading here, not at import, lets shared_path() fail in CI, and its skip only
    # skips the data-driven tests, not the whole module.
    if "case" not in metafunc.fixturenames:
        return
    try:
        cases = _cases()
    except pytest.skip.Exception as skipped:
        metafunc.parametrize("case", [pytest.param(None, marks=pytest.mark.skip(str(skipped)))])
        return
    metafunc.parametrize("case", cases, ids=[case["id"] for case in cases])


def _pairs(atts: dict[int | str, Any]) -> list[list[Any]]:
    return [[key, value] for key, value in atts.items()]


def _php_array(pairs: list[list[Any]]) -> dict[int | str, Any]:
    # A repeated key keeps its first position and its last value, as in PHP.
    return {wp.php_array_key(key): value for key, value in pairs}


class _Recorder:
    """The README's handlers: record every call, return a numbered marker."""

    def __init__(self, names: list[str]) -> None:
        self.calls: list[dict[str, Any]] = []
        self.handlers: dict[str, wp.Handler] = dict.fromkeys(names, self._handle)

    def _handle(self, atts: dict[int | str, str], content: str, tag: str) -> str:
        index = len(self.calls)
        self.calls.append({"tag": tag, "atts": _pairs(atts), "content": content})
        if tag.startswith("nest"):
            return f"⟦{index}:{wp.do_shortcode(content, self.handlers)}⟧"
        return f"⟦{index}⟧"


def _run_do_shortcode(case: Case, names: list[str]) -> dict[str, Any]:
    recorder = _Recorder(names)
    output = wp.do_shortcode(case["input"], recorder.handlers, ignore_html=case["ignore_html"])
    return {"output": output, "calls": recorder.calls}


def _run_strip_shortcodes(case: Case, names: list[str]) -> dict[str, Any]:
    return {"output": wp.strip_shortcodes(case["input"], names)}


def _run_has_shortcode(case: Case, names: list[str]) -> dict[str, Any]:
    return {"result": wp.has_shortcode(case["input"], case["tag"], names)}


def _run_get_shortcode_tags_in_content(case: Case, names: list[str]) -> dict[str, Any]:
    return {"result": list(wp.get_shortcode_tags_in_content(case["input"], names))}


def _run_shortcode_parse_atts(case: Case, names: list[str]) -> dict[str, Any]:
    return {"atts": _pairs(wp.shortcode_parse_atts(case["input"]))}


def _run_shortcode_atts(case: Case, names: list[str]) -> dict[str, Any]:
    given = case["input"]
    atts = given if isinstance(given, str) else _php_array(given)
    return {"atts": _pairs(wp.shortcode_atts(_php_array(case["defaults"]), atts))}


_RUNNERS: dict[str, Callable[[Case, list[str]], dict[str, Any]]] = {
    "do_shortcode": _run_do_shortcode,
    "strip_shortcodes": _run_strip_shortcodes,
    "has_shortcode": _run_has_shortcode,
    "get_shortcode_tags_in_content": _run_get_shortcode_tags_in_content,
    "shortcode_parse_atts": _run_shortcode_parse_atts,
    "shortcode_atts": _run_shortcode_atts,
}


def test_case(case: Case) -> None:
    expected = dict(case["expected"])
    names = [name for name in case["tags"] if wp.is_valid_tag_name(name)]
    if "rejected_tags" in expected:
        rejected = [name for name in case["tags"] if not wp.is_valid_tag_name(name)]
        assert rejected == expected.pop("rejected_tags")
    assert _RUNNERS[case["op"]](case, names) == expected


def test_every_case_is_run() -> None:
    cases = _cases()
    assert len(cases) == 1500
    assert len({case["id"] for case in cases}) == 1500
    assert {case["op"] for case in cases} == set(_RUNNERS)


_REFUSED = ["", " ", "a b", "a/b", "<a>", "x=y", "[z]", "q]", "&amp", "a\tb", "a\x01b",
            "\x00", "a\n", "\x20x", "w["]


@pytest.mark.parametrize("name", _REFUSED)
def test_refused_names_raise_before_the_content_is_read(name: str) -> None:
    assert not wp.is_valid_tag_name(name)
    handler: wp.Handler = lambda atts, content, tag: ""  # noqa: E731
    with pytest.raises(ValueError, match="invalid shortcode name"):
        wp.do_shortcode("", {"ok": handler, name: handler})
    with pytest.raises(ValueError, match="invalid shortcode name"):
        wp.strip_shortcodes("", ["ok", name])
    with pytest.raises(ValueError, match="invalid shortcode name"):
        wp.has_shortcode("", "ok", ["ok", name])
    with pytest.raises(ValueError, match="invalid shortcode name"):
        wp.has_shortcode("", name, ["ok"])
    with pytest.raises(ValueError, match="invalid shortcode name"):
        wp.get_shortcode_tags_in_content("", [name])


@pytest.mark.parametrize("name", ["a", "a.b", "q?", "日本", "café", "x\x7f", "nest-a", "-", "5"])
def test_accepted_names(name: str) -> None:
    assert wp.is_valid_tag_name(name)
