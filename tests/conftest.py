"""Shared test configuration: Hypothesis profiles and the ``../shared/`` data.

Tests that read ``../shared/`` (a sibling of the project root) skip when it is
absent, as in a user's clone; CI sets ``SHORTCODES_REQUIRE_SHARED=1``, which turns
that skip into a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("ci", max_examples=500, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=20_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def shared_path(*parts: str) -> Path:
    """Return a path under ``../shared/``, skipping (or failing in CI) when absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"shared data not found: {path}"
        if os.environ.get("SHORTCODES_REQUIRE_SHARED"):
            pytest.fail(f"{reason} (SHORTCODES_REQUIRE_SHARED forbids skipping)")
        pytest.skip(reason)
    return path


@pytest.fixture
def seed_text() -> str:
    """The seed article (``../shared/seed/libya-sirte-covid19-cards.txt``)."""
    return shared_path("seed", "libya-sirte-covid19-cards.txt").read_text(encoding="utf-8")
