"""Timing and memory measurement shared by the benchmark's own side and the PyPI runner.

Timing is best-of-N wall time with `time.perf_counter`. The garbage collector stays
on (parsers allocate trees, and a real caller pays for collections too), but a full
collection runs before every repeat so one repeat's garbage is not billed to the
next. This module imports nothing from `shortcodes`, so the PyPI runner, which runs
in another interpreter where ``shortcodes`` is a different package, can use it.
"""

from __future__ import annotations

import gc
import math
import time
import tracemalloc
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass
class Timing:
    """The best time of several repeats, or the exception the workload raised."""

    #: Best wall time in seconds (time to the exception if ``error`` is set).
    seconds: float
    #: How many calls were timed (warm-up included; a repeat of a short workload
    #: makes several calls and counts once).
    repeats: int
    #: ``"ExceptionType: message"`` if the workload raised, else ``None``.
    error: str | None = None


def describe(exc: BaseException) -> str:
    message = str(exc).splitlines()[0] if str(exc) else ""
    if len(message) > 90:
        message = message[:87] + "..."
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def best_of(work: Callable[[], object], repeats: int, budget: float,
            min_time: float = 0.05) -> Timing:
    """Best time of one call of *work*; see `compare`."""
    return compare({"work": work}, repeats, budget, min_time)["work"]


def compare(works: Mapping[str, Callable[[], object]], repeats: int, budget: float,
            min_time: float = 0.05) -> dict[str, Timing]:
    """Best time of one call of each of *works*, measured in interleaved rounds.

    Each round runs every workload once, one after the other, so a change in machine
    load hits all of them alike and their ratios stay fair. The first call of each
    is a warm-up (and a candidate for the best). A workload faster than *min_time*
    is called several times in a row per round, to last about *min_time*, and the
    time per call is taken, so short inputs are not timed at the clock's resolution.
    Rounds stop at *repeats*, or once *budget* seconds are spent after at least two.
    A workload that raises is recorded with its exception and dropped.
    """
    results: dict[str, Timing] = {}
    loops: dict[str, int] = {}
    spent = 0.0
    for name, work in works.items():
        elapsed, error = _run(work, 1)
        spent += elapsed
        results[name] = Timing(elapsed, 1, error)
        if error is None:
            loops[name] = 1 if elapsed >= min_time else min(
                1000, math.ceil(min_time / max(elapsed, 1e-6)))
    for done in range(1, repeats + 1):
        for name in [n for n in works if n in loops]:
            elapsed, error = _run(works[name], loops[name])
            spent += elapsed
            best = results[name].seconds
            if error is not None:
                results[name] = Timing(elapsed, done + 1, error)
                del loops[name]
            else:
                results[name] = Timing(min(best, elapsed / loops[name]), done + 1)
        if not loops or (done >= 2 and spent > budget):
            break
    return results


def _run(work: Callable[[], object], loops: int) -> tuple[float, str | None]:
    gc.collect()
    start = time.perf_counter()
    try:
        for _ in range(loops):
            work()
    except Exception as exc:  # RecursionError included
        return time.perf_counter() - start, describe(exc)
    return time.perf_counter() - start, None


def peak_memory(work: Callable[[], object]) -> int:
    """Peak bytes allocated by *work* beyond what was allocated before it started.

    The result of *work* is kept alive until the peak is read, so a parser's tree
    counts; its inputs, built before, do not.
    """
    gc.collect()
    started = tracemalloc.is_tracing()
    if not started:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        result = work()
        peak = tracemalloc.get_traced_memory()[1]
        del result
    finally:
        if not started:
            tracemalloc.stop()
    return peak - before
