"""The reference floor: what a straightforward pure-Python shortcode reader pays.

One stdlib `re` tokenizer pattern found with ``finditer``, and for every opening tag
one attribute pattern that fills a dict of named values and a list of positional
ones, as WordPress's ``shortcode_parse_atts()`` does. No pairing, no tree, no
positions, no tolerance for curled quotes: `shortcodes` does all of that on top, so
the floor is a lower bound on the cost of reading shortcodes in Python, not a rival
parser.

The patterns are written for speed: greedy negated classes, no lazy quantifiers,
and ``Match.lastindex`` to tell the value alternatives apart without testing groups
one by one.
"""

from __future__ import annotations

import re
from typing import Final

#: ``[name body]`` or ``[/name]``; a tag cannot contain brackets.
TAG: Final = re.compile(r"\[(/?)([^\s\[\]/<>&=]+)([^\[\]]*)\]")
#: ``key="v"``, ``key='v'``, ``key=v``, ``"v"``, ``'v'`` or ``v``. Groups 2-4 hold a
#: named value, groups 5-7 a positional one, so ``lastindex`` says which.
ATTR: Final = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))|"([^"]*)"|'([^']*)'|(\S+)""")

Record = tuple[str, dict[str, str], list[str]]


def read_shortcodes(text: str) -> list[Record]:
    """Return ``(name, named, positional)`` for every opening tag of *text*."""
    found: list[Record] = []
    append = found.append
    attr_finditer = ATTR.finditer
    for tag in TAG.finditer(text):
        slash, name, body = tag.groups()
        if slash:
            continue
        named: dict[str, str] = {}
        positional: list[str] = []
        if body:
            for attr in attr_finditer(body):
                last = attr.lastindex
                assert last is not None
                if last <= 4:
                    named[attr.group(1).lower()] = attr.group(last)
                else:
                    positional.append(attr.group(last))
        append((name, named, positional))
    return found
