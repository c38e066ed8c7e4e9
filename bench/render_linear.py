"""Check that the core handlers render pathological HTML content in linear time.

Usage: ``python3 bench/render_linear.py [--repeats N] [--size N]``.

`caption` and `video` split and scan HTML the way WordPress does with regular
expressions; unfinished tags, quotes or comments inside them once made that scan
quadratic (minutes on 20,000 copies). Each case renders at N copies of the junk and at
2N, best of ``--repeats``, and the time at 2N over the time at N must stay under 2.2.
Prints one line per case and exits with 1 when one is over.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from typing import Final

from shortcodes.handlers.wordpress_core import wordpress_core
from shortcodes.render import render_html

SCALING_TARGET: Final = 2.2
JUNK: Final = ("<img ", '<img "', "<img a=' ", '<a x="', "<!--", "</")
MP4: Final = "https://example.com/wp-content/uploads/clip.mp4"


def cases(junk: str, copies: int) -> dict[str, str]:
    """The inputs for one kind of junk, *copies* times over."""
    return {
        "caption content": f"[caption width=1]{junk * copies}[/caption]",
        "video content": f"[video {MP4}]{junk * copies}[/video]",
        "caption attribute": f'[caption width=1 caption="{junk * (copies // 4)}"]'
                             "<img src=x>[/caption]",
    }


def best(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--size", type=int, default=20_000, help="copies of the junk at N")
    args = parser.parse_args(argv)
    registry = wordpress_core()
    failed = 0
    for junk in JUNK:
        single, double = cases(junk, args.size), cases(junk, 2 * args.size)
        for name, source in single.items():
            def render(text: str) -> Callable[[], object]:
                return lambda: render_html(text, registry=registry, data={"media": {}})
            one = best(render(source), args.repeats)
            two = best(render(double[name]), args.repeats)
            ratio = two / one
            status = "PASS" if ratio < SCALING_TARGET else "FAIL"
            failed += status == "FAIL"
            print(f"{name:18} {junk!r:12} N {one * 1000:8.1f} ms  2N {two * 1000:8.1f} ms  "
                  f"2N/N {ratio:5.2f}  {status}")
    print(f"{failed} over {SCALING_TARGET}" if failed else f"all under {SCALING_TARGET}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
