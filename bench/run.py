"""Benchmark `shortcodes.parse` against a regex floor and the PyPI package ``shortcodes``.

Usage::

    python3 bench/run.py                 # full run (a few minutes)
    python3 bench/run.py --quick         # smoke run on inputs about ten times smaller
    python3 bench/run.py --json out.json # also choose where the results JSON goes
    python3 bench/run.py --no-pypi       # skip the PyPI comparison (no venv, no network)

Prints one table row per input class and one line per target (PASS/FAIL), writes the
results as JSON (default ``bench/results/bench-full.json`` or ``bench-quick.json``),
and exits with 1 when a target fails. See ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Final

import floor
import harness
import inputs
import regex
from harness import Timing

import shortcodes

BENCH: Final = Path(__file__).resolve().parent
VENV: Final = BENCH / ".venv-pypi"
PYPI_VERSION: Final = "5.4.0"
MB: Final = 1_000_000

#: Minimum speed of ours relative to the floor, per post class (its one-string form too).
FLOOR_TARGETS: Final = {"typical": 0.4, "pagebuilder": 0.5, "seed": 0.5}
#: Maximum extra peak memory of the workload, as a multiple of the input's UTF-8 size.
MEMORY_TARGETS: Final = {"typical": 3.0, "pagebuilder": 10.0}
PYPI_TARGET: Final = 10.0
ONE_STRING_TARGET: Final = 0.8
ADVERSARIAL_MBPS: Final = 5.0
SCALING_TARGET: Final = 2.2


@dataclass
class Settings:
    repeats: int
    budget: float
    pypi_repeats: int
    pypi_budget: float
    pypi_timeout: float


FULL: Final = Settings(repeats=7, budget=20.0, pypi_repeats=3, pypi_budget=30.0,
                       pypi_timeout=1800.0)
QUICK: Final = Settings(repeats=3, budget=2.0, pypi_repeats=2, pypi_budget=5.0,
                        pypi_timeout=300.0)


@dataclass
class Result:
    """Everything measured for one input class."""

    name: str
    kind: str
    description: str
    nbytes: int
    texts: int
    ours: Timing
    floor: Timing
    pypi: Timing | None
    #: Worst extra peak memory over the texts, as a multiple of that text's size:
    #: ``parse`` alone, and ``parse`` plus reading every attribute.
    mem_parse: float
    mem_work: float
    #: Sum of the per-text peaks over the total size (the size-weighted mean).
    mem_work_mean: float
    #: Whether every text (and its doubled variant) printed back exactly.
    lossless: bool
    errors: list[str] = field(default_factory=list)
    doubled: Timing | None = None
    scaling: float | None = None
    #: ``single`` classes: our time on the same content post by post, in the same rounds.
    posts: Timing | None = None
    posts_nbytes: int = 0

    def one_string_ratio(self) -> float | None:
        """Our speed on the one string / our speed on the same content post by post."""
        one = self.mbps(self.ours)
        many = self.mbps(self.posts, self.posts_nbytes)
        return None if one is None or many is None else one / many

    def mbps(self, timing: Timing | None, nbytes: int | None = None) -> float | None:
        if timing is None or timing.error is not None or timing.seconds <= 0:
            return None
        return (self.nbytes if nbytes is None else nbytes) / MB / timing.seconds

    def ratio(self, other: Timing | None) -> float | None:
        """How many times faster ours is than *other* (``None`` if either failed)."""
        if other is None or other.error is not None or self.ours.error is not None:
            return None
        return other.seconds / self.ours.seconds


@dataclass
class Target:
    what: str
    case: str
    measured: float | None
    need: str
    status: str  # PASS, FAIL or N/A
    note: str = ""


# -- the workloads --------------------------------------------------------------------------


def _read_all(doc: shortcodes.Document) -> None:
    for sc in doc.shortcodes():
        dict(sc.attrs)
        sc.positional  # noqa: B018 - reading it is the point


Parse = Callable[[str], shortcodes.Document]


def parser_for(case: inputs.Case) -> Parse:
    """`shortcodes.parse` with the case's ``max_depth``."""
    if case.max_depth is None:
        return shortcodes.parse
    return functools.partial(shortcodes.parse, max_depth=case.max_depth)


def ours_work(texts: Sequence[str], parse: Parse) -> Callable[[], None]:
    """Parse every text, then read every shortcode's attributes: the measured workload."""

    def work() -> None:
        for text in texts:
            _read_all(parse(text))

    return work


def floor_work(texts: Sequence[str]) -> Callable[[], None]:
    read = floor.read_shortcodes

    def work() -> None:
        for text in texts:
            read(text)

    return work


def memory(texts: Sequence[str], parse: Parse) -> tuple[float, float, float]:
    """(worst parse-only multiple, worst workload multiple, size-weighted workload mean)."""
    worst_parse = worst_work = 0.0
    total_peak = total_size = 0
    for text in texts:
        size = max(1, len(text.encode("utf-8")))

        def parse_only(text: str = text) -> object:
            return parse(text)

        def parse_and_read(text: str = text) -> object:
            doc = parse(text)
            _read_all(doc)
            return doc

        worst_parse = max(worst_parse, harness.peak_memory(parse_only) / size)
        peak = harness.peak_memory(parse_and_read)
        worst_work = max(worst_work, peak / size)
        total_peak += peak
        total_size += size
    return worst_parse, worst_work, total_peak / total_size


def check_lossless(texts: Sequence[str], parse: Parse) -> list[str]:
    """Problems found: exceptions, or a tree that does not print back its input."""
    problems: list[str] = []
    for i, text in enumerate(texts):
        try:
            doc = parse(text)
            _read_all(doc)
            if doc.to_source() != text:
                problems.append(f"text {i}: to_source() differs from the input")
            elif shortcodes.Document(doc.children).to_source() != text:
                problems.append(f"text {i}: the tree does not print back the input")
        except Exception as exc:  # RecursionError included
            problems.append(f"text {i}: {harness.describe(exc)}")
    return problems


# -- the PyPI package, in its own virtualenv ------------------------------------------------


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def prepare_pypi() -> tuple[Path | None, str]:
    """Create ``bench/.venv-pypi`` with ``shortcodes==5.4.0`` if needed.

    Returns the venv's interpreter (or ``None``) and a note on what happened.
    """
    python = _venv_python()
    check = [str(python), "-E", "-s", "-c", "import shortcodes; print(shortcodes.__version__)"]
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True,
                           capture_output=True)
        found = subprocess.run(check, capture_output=True, text=True, cwd=BENCH)
        if found.stdout.strip() != PYPI_VERSION:
            subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                            f"shortcodes=={PYPI_VERSION}"], check=True, capture_output=True,
                           text=True)
            found = subprocess.run(check, capture_output=True, text=True, cwd=BENCH)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        return None, f"could not set up {VENV}: {exc} {detail.strip()[-300:]}"
    if found.stdout.strip() != PYPI_VERSION:
        return None, f"{VENV} has shortcodes {found.stdout.strip() or '?'}: {found.stderr[-300:]}"
    return python, f"PyPI shortcodes {PYPI_VERSION} in {VENV}"


def write_inputs(cases: Sequence[inputs.Case], directory: Path) -> Path:
    """Write every case's texts as UTF-8 files and return the manifest's path."""
    manifest: dict[str, list[str]] = {}
    for case in cases:
        folder = directory / case.name
        folder.mkdir()
        paths = []
        for i, text in enumerate(case.texts):
            path = folder / f"{i:05d}.txt"
            path.write_bytes(text.encode("utf-8"))
            paths.append(str(path))
        manifest[case.name] = paths
    path = directory / "manifest.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return path


def time_pypi(python: Path, manifest: Path, case: str, settings: Settings) -> Timing:
    command = [str(python), "-E", "-s", str(BENCH / "pypi_runner.py"), str(manifest), case,
               str(settings.pypi_repeats), str(settings.pypi_budget)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=BENCH,
                              timeout=settings.pypi_timeout)
    except subprocess.TimeoutExpired:
        return Timing(settings.pypi_timeout, 0, f"timeout after {settings.pypi_timeout:.0f} s")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return Timing(0.0, 0, f"runner exited {done.returncode}: {last[:120]}")
    data = json.loads(done.stdout)
    return Timing(float(data["seconds"]), int(data["repeats"]), data["error"])


# -- one input class --------------------------------------------------------------------------


def measure(case: inputs.Case, settings: Settings, pypi: Callable[[str], Timing] | None,
            log: Callable[[str], None], posts: inputs.Case | None = None) -> Result:
    """Measure one class; *posts* is the post class a ``single`` class concatenates."""
    parse = parser_for(case)
    works = {"ours": ours_work(case.texts, parse), "floor": floor_work(case.texts)}
    if case.doubled is not None:
        works["ours 2N"] = ours_work(case.doubled, parse)
    if posts is not None:
        works["ours per post"] = ours_work(posts.texts, parser_for(posts))
    log(f"{case.name}: {', '.join(works)}")
    timings = harness.compare(works, settings.repeats, settings.budget)
    ours, floor_timing = timings["ours"], timings["floor"]
    doubled, scaling = timings.get("ours 2N"), None
    if doubled is not None and ours.error is None and doubled.error is None:
        scaling = doubled.seconds / ours.seconds
    log(f"{case.name}: memory and round trip")
    errors = check_lossless(case.texts + (case.doubled or []), parse)
    try:
        mem_parse, mem_work, mem_mean = memory(case.texts, parse)
    except Exception as exc:  # already reported by check_lossless
        mem_parse = mem_work = mem_mean = float("nan")
        errors.append(f"memory: {harness.describe(exc)}")
    pypi_timing = None
    if pypi is not None:
        log(f"{case.name}: PyPI shortcodes {PYPI_VERSION}")
        pypi_timing = pypi(case.name)
    for label, timing in (("ours", ours), ("ours at 2N", doubled)):
        if timing is not None and timing.error is not None:
            errors.append(f"{label}: {timing.error}")
    return Result(case.name, case.kind, case.description, case.nbytes, len(case.texts), ours,
                  floor_timing, pypi_timing, mem_parse, mem_work, mem_mean, not errors, errors,
                  doubled, scaling, timings.get("ours per post"),
                  posts.nbytes if posts is not None else 0)


# -- targets ----------------------------------------------------------------------------------


def _at_least(what: str, case: str, value: float | None, need: float, note: str = "") -> Target:
    if value is None:
        return Target(what, case, None, f">= {need:g}", "N/A", note)
    return Target(what, case, value, f">= {need:g}", "PASS" if value >= need else "FAIL", note)


def _at_most(what: str, case: str, value: float | None, need: float, note: str = "") -> Target:
    if value is None or value != value:  # None or NaN
        return Target(what, case, None, f"< {need:g}", "FAIL", note or "not measured")
    return Target(what, case, value, f"< {need:g}", "PASS" if value < need else "FAIL", note)


def _base(name: str) -> str:
    return name.removesuffix("-1str")


def evaluate(results: Sequence[Result]) -> list[Target]:
    targets: list[Target] = []
    for r in results:
        if r.pypi is not None:
            note = f"PyPI: {r.pypi.error}" if r.pypi.error else ""
            targets.append(_at_least("x PyPI shortcodes", r.name, r.ratio(r.pypi), PYPI_TARGET,
                                     note))
    for r in results:
        need = FLOOR_TARGETS.get(_base(r.name))
        if need is not None:
            targets.append(_at_least("x floor", r.name, r.ratio(r.floor), need))
    for r in results:
        if r.kind == "single":
            targets.append(_at_least("1 string / per post", r.name, r.one_string_ratio(),
                                     ONE_STRING_TARGET))
    for r in results:
        need = MEMORY_TARGETS.get(_base(r.name))
        if need is not None:
            targets.append(_at_most("memory x input", r.name, r.mem_work, need))
    for r in results:
        if r.kind == "adversarial":
            targets.append(_at_least("MB/s", r.name, r.mbps(r.ours), ADVERSARIAL_MBPS))
            targets.append(_at_most("time(2N)/time(N)", r.name, r.scaling, SCALING_TARGET))
    for r in results:
        targets.append(Target("lossless, no exception", r.name, None, "yes",
                              "PASS" if r.lossless else "FAIL", "; ".join(r.errors)[:200]))
    return targets


# -- output -----------------------------------------------------------------------------------


def _num(value: float | None, width: int, digits: int = 2) -> str:
    if value is None or value != value:
        return "-".rjust(width)
    return f"{value:{width}.{digits}f}"


def table(results: Sequence[Result]) -> str:
    header = (f"{'input class':<19}{'MB':>7}{'texts':>6}{'ours MB/s':>11}{'floor MB/s':>11}"
              f"{'PyPI MB/s':>11}{'x floor':>9}{'x PyPI':>9}{'mem parse':>10}{'mem +attr':>10}"
              f"{'mem mean':>9}{'2N/N':>7}  lossless")
    lines = [header, "-" * len(header)]
    for r in results:
        pypi = _num(r.mbps(r.pypi), 11)
        if r.pypi is not None and r.pypi.error is not None:
            pypi = "error".rjust(11)
        lines.append(
            f"{r.name:<19}{r.nbytes / MB:7.2f}{r.texts:6d}{_num(r.mbps(r.ours), 11)}"
            f"{_num(r.mbps(r.floor), 11)}{pypi}{_num(r.ratio(r.floor), 9)}"
            f"{_num(r.ratio(r.pypi), 9, 1)}{_num(r.mem_parse, 10)}{_num(r.mem_work, 10)}"
            f"{_num(r.mem_work_mean, 9)}{_num(r.scaling, 7)}  {'yes' if r.lossless else 'NO'}")
    return "\n".join(lines)


def target_table(targets: Sequence[Target]) -> str:
    lines = [f"{'target':<24}{'input class':<20}{'measured':>10}  {'need':<8}status",
             "-" * 72]
    for t in targets:
        measured = _num(t.measured, 10) if t.measured is not None else "".rjust(10)
        note = f"  ({t.note})" if t.note else ""
        lines.append(f"{t.what:<24}{t.case:<20}{measured}  {t.need:<8}{t.status}{note}")
    passed = sum(t.status == "PASS" for t in targets)
    failed = sum(t.status == "FAIL" for t in targets)
    lines.append(f"{passed} passed, {failed} failed, {len(targets) - passed - failed} n/a")
    return "\n".join(lines)


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=BENCH)
    return done.stdout.strip()


def source_state() -> str:
    """The commit and a digest of ``git diff`` of ``src/``: what this run imported."""
    diff = _git("diff", "HEAD", "--", "../src")
    digest = hashlib.sha256(diff.encode("utf-8")).hexdigest()[:8] if diff else "clean"
    return f"{_git('rev-parse', '--short', 'HEAD')}+{digest}"


def environment(pypi_note: str, source_at_start: str) -> dict[str, str]:
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": str(os.cpu_count()),
        "shortcodes": shortcodes.__version__,
        "regex": regex.__version__,
        "source at start": source_at_start,
        "source at end": source_state(),
        "pypi": pypi_note,
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "load average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, few repeats")
    parser.add_argument("--json", type=Path, default=None, help="where to write the results")
    parser.add_argument("--no-pypi", action="store_true", help="skip the PyPI comparison")
    parser.add_argument("--only", default=None, help="comma-separated input classes to run")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    mode = "quick" if args.quick else "full"
    started = time.perf_counter()
    source_at_start = source_state()  # shortcodes was imported just before

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f} s] {message}", file=sys.stderr, flush=True)

    log(f"generating inputs ({mode})")
    cases = inputs.build(quick=args.quick)
    by_name = {c.name: c for c in cases}
    if args.only:
        wanted = set(args.only.split(","))
        cases = [c for c in cases if c.name in wanted]
    python, pypi_note = (None, "skipped (--no-pypi)") if args.no_pypi else prepare_pypi()
    log(pypi_note)
    with tempfile.TemporaryDirectory(prefix="shortcodes-bench-") as tmp:
        pypi: Callable[[str], Timing] | None = None
        if python is not None:
            pypi = functools.partial(time_pypi, python, write_inputs(cases, Path(tmp)),
                                     settings=settings)
        results = [measure(case, settings, pypi, log,
                           by_name.get(case.same_as) if case.same_as else None)
                   for case in cases]
    targets = evaluate(results)
    env = environment(pypi_note, source_at_start)
    changed = env["source at end"] != source_at_start
    print(f"shortcodes {env['shortcodes']} (source {source_at_start}"
          f"{', CHANGED during the run to ' + env['source at end'] if changed else ''}), "
          f"Python {env['python']}, {env['platform']}, {env['cpus']} CPUs, "
          f"load {env['load average']} at the end")
    print(f"{mode} run, best of up to {settings.repeats} (PyPI: {settings.pypi_repeats}); "
          f"{pypi_note}")
    print()
    print(table(results))
    print()
    print(target_table(targets))
    out = args.json or BENCH / "results" / f"bench-{mode}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"mode": mode, "environment": env, "settings": asdict(settings),
               "results": [asdict(r) for r in results], "targets": [asdict(t) for t in targets]}
    out.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    log(f"wrote {out}")
    return 1 if any(t.status == "FAIL" for t in targets) else 0


if __name__ == "__main__":
    sys.exit(main())
