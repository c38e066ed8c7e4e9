"""Profile the measured workload on one input class with cProfile.

Usage: ``python3 bench/profile_case.py CASE [--quick] [--sort tottime] [--limit 25]``,
where CASE is a name from the benchmark table (``pagebuilder``, ``adv-unclosed``...).
Prints the top functions of ``shortcodes`` by the chosen sort key.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from collections.abc import Sequence

import inputs
from run import ours_work, parser_for


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case")
    parser.add_argument("--quick", action="store_true", help="use the quick-mode inputs")
    parser.add_argument("--sort", default="tottime", help="pstats sort key")
    parser.add_argument("--limit", type=int, default=25)
    args = parser.parse_args(argv)
    cases = {c.name: c for c in inputs.build(quick=args.quick)}
    if args.case not in cases:
        parser.error(f"unknown case {args.case!r}; choose from {', '.join(cases)}")
    case = cases[args.case]
    work = ours_work(case.texts, parser_for(case))
    profile = cProfile.Profile()
    profile.runcall(work)
    pstats.Stats(profile, stream=sys.stdout).strip_dirs().sort_stats(args.sort).print_stats(
        args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
