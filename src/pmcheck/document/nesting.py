"""Markdown nested too deeply for the parser: find the lines, so they can be set aside.

mistletoe builds nested lists, quotes and emphasis recursively; a few hundred levels exhaust
Python's recursion limit (``RecursionError``). No postmortem nests more than a handful of
levels, so when that happens the parser blanks the lines this module names (keeping line
numbers) and reports them, instead of failing the whole file. Pure functions, no mistletoe.
"""

from __future__ import annotations

import re
from typing import Callable

LIMIT = 50  # levels of lists, quotes or emphasis on one line that pmcheck still reads

# One container marker at the start of what is left of a line: a quote or a list bullet.
_CONTAINER = re.compile(r"[ \t]{0,3}(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$)[ \t]?")


def depth(line: str) -> int:
    """Estimated nesting of one line: container markers at its start plus indentation levels,
    or the emphasis delimiters and image openers in it, whichever is larger."""
    pos = markers = 0
    indent = len(line) - len(line.lstrip(" \t"))
    indent_levels = len(line[:indent].expandtabs(4)) // 2
    while True:
        m = _CONTAINER.match(line, pos)
        if not m or m.end() == pos:
            break
        markers += 1
        pos = m.end()
    inline = (line.count("*") + line.count("_") + line.count("~")) // 2 + line.count("![")
    return max(markers + indent_levels, inline)


def too_deep(lines: list[str], limit: int = LIMIT) -> list[int]:
    """0-based indexes of the lines nested deeper than `limit`."""
    return [i for i, ln in enumerate(lines) if len(ln) > limit and depth(ln) > limit]


def first_failing(lines: list[str], fails: Callable[[list[str]], bool]) -> int:
    """0-based index of the line at which `fails(lines[:k + 1])` first holds (binary search;
    nesting only grows as lines are added), or the last line when no prefix fails."""
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if fails(lines[:mid + 1]):
            hi = mid
        else:
            lo = mid + 1
    return lo


def runs(indexes: list[int]) -> list[tuple[int, int]]:
    """Sorted 0-based indexes grouped into (first, last) runs of consecutive lines."""
    out: list[tuple[int, int]] = []
    for i in indexes:
        if out and out[-1][1] == i - 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def skipped(first: int, last: int, levels: int) -> str:
    """Message for 1-based lines first..last, the first nested about `levels` deep."""
    where = "this line" if first == last else f"lines {first}-{last}"
    return (f"Markdown nested about {levels} levels deep (lists, quotes or emphasis); pmcheck "
            f"reads at most {LIMIT} and skipped {where}; flatten it")


def unreadable() -> str:
    return ("Markdown nested too deeply here (lists, quotes or emphasis) for pmcheck to read "
            "the file; the file was not checked; flatten the nesting")
