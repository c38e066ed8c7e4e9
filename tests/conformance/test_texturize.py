"""Texturize recovery: ``../shared/conformance/texturize.jsonl``.

Each case is a shortcode after WordPress's texturizer curled it, with the attributes
WordPress read from the original straight-quoted tag. At least 99% of the cases not
marked ambiguous must read back exactly; ambiguous ones are scored and reported.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from shortcodes import parse
from tests.conftest import shared_path


def _load() -> list[dict[str, Any]]:
    path = shared_path("conformance", "texturize.jsonl")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle.read().split("\n") if line.strip()]


def _reads_back(case: dict[str, Any]) -> bool:
    shortcode = next((sc for sc in parse(case["input"]).shortcodes()
                      if sc.name == case["name"]), None)
    if shortcode is None:
        return False
    named = [[k, v] for k, v in case["expected_atts"] if isinstance(k, str)]
    positional = [v for k, v in case["expected_atts"] if isinstance(k, int)]
    return [[k, v] for k, v in shortcode.attrs.items()] == named and \
        list(shortcode.positional) == positional


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return _load()


def test_at_least_99_percent_of_unambiguous_cases(cases: list[dict[str, Any]]) -> None:
    plain = [c for c in cases if not c["ambiguous"]]
    failures = [c["id"] for c in plain if not _reads_back(c)]
    assert len(plain) == 784
    score = 1 - len(failures) / len(plain)
    assert score >= 0.99, f"{score:.2%} read back; failing: {failures}"


def test_report_ambiguous_cases(cases: list[dict[str, Any]],
                                capsys: pytest.CaptureFixture[str]) -> None:
    ambiguous = [c for c in cases if c["ambiguous"]]
    assert len(ambiguous) == 16
    good = [c["id"] for c in ambiguous if _reads_back(c)]
    with capsys.disabled():
        print(f"\ntexturize: {len(good)}/{len(ambiguous)} ambiguous cases read back "
              f"({', '.join(good) or 'none'})")
    # Every ambiguous case still parses into its shortcode.
    assert all(any(sc.name == c["name"] for sc in parse(c["input"]).shortcodes())
               for c in ambiguous)


@pytest.mark.parametrize("variant", ["entities", "characters"])
def test_both_variants_recovered(cases: list[dict[str, Any]], variant: str) -> None:
    plain = [c for c in cases if not c["ambiguous"] and c["variant"] == variant]
    assert sum(map(_reads_back, plain)) / len(plain) >= 0.99
