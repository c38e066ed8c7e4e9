"""Time the PyPI package ``shortcodes`` 5.4.0 on one input class (run in its own venv).

Usage: ``.venv-pypi/bin/python pypi_runner.py MANIFEST CASE REPEATS BUDGET``. Prints
one JSON object: ``{"seconds": ..., "repeats": ..., "error": ...}``.

That package (a different project that also imports as ``shortcodes``) only parses
names registered beforehand, so every keyword that appears in the input is
registered up front, outside the timing, with one generic handler: a name whose
``[/name]`` appears somewhere is registered as block-scoped (end word ``/name``),
any other as atomic. Its ``parse`` tokenizes, builds the tree, parses every tag's
arguments into ``pargs``/``kwargs`` and renders; the handler reads both, so the
workload matches ours (parse, then read every attribute). Unknown bracketed words
are kept as text (``ignore_unknown=True``), the closest it has to our tolerance.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

from harness import Timing, best_of, describe

#: What its lexer takes for a keyword: the first word after ``[``.
_KEYWORD = re.compile(r"\[\s*([^\s\[\]]+)")


def _handler(pargs: list[str], kwargs: dict[str, str], context: object,
             content: str | None = None) -> str:
    dict(kwargs)
    tuple(pargs)
    return ""


def _make_parser(texts: list[str]) -> object:
    # The PyPI package, not ours: this file runs in bench/.venv-pypi.
    shortcodes = importlib.import_module("shortcodes")
    version = getattr(shortcodes, "__version__", "?")
    if version != "5.4.0":
        raise SystemExit(f"expected PyPI shortcodes 5.4.0, found {version} at "
                         f"{shortcodes.__file__}")
    words = {m.group(1) for text in texts for m in _KEYWORD.finditer(text)}
    parser = shortcodes.Parser(start="[", end="]", inherit_globals=False, ignore_unknown=True)
    for word in sorted(words):
        if not word.startswith("/"):
            parser.register(_handler, word, f"/{word}" if f"/{word}" in words else None)
    return parser


def main(argv: list[str]) -> int:
    manifest_path, case, repeats, budget = argv[1], argv[2], int(argv[3]), float(argv[4])
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    texts = [Path(p).read_bytes().decode("utf-8") for p in manifest[case]]
    try:
        parser = _make_parser(texts)
    except Exception as exc:
        timing = Timing(0.0, 0, describe(exc))
    else:
        parse = parser.parse  # type: ignore[attr-defined]

        def work() -> None:
            for text in texts:
                parse(text)

        timing = best_of(work, repeats, budget)
    json.dump({"seconds": timing.seconds, "repeats": timing.repeats, "error": timing.error},
              sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
