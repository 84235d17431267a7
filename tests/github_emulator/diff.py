"""Which lines of a unified-diff patch a review comment may point at (GitHub's rule).

RIGHT side: added and context lines of each hunk (new-file numbering).
LEFT side: deleted and context lines (old-file numbering).
`position` counts lines below the first "@@" header, continuing through later hunks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


@dataclass
class Hunk:
    header: str
    right: set[int] = field(default_factory=set)
    left: set[int] = field(default_factory=set)
    lines: list[str] = field(default_factory=list)   # header + body, for diff_hunk
    positions: dict[int, tuple[str, int]] = field(default_factory=dict)  # position -> (side, line)


@dataclass
class PatchLines:
    hunks: list[Hunk]

    def lines(self, side: str) -> set[int]:
        return set().union(*[(h.right if side == "RIGHT" else h.left) for h in self.hunks])

    def hunk_of(self, side: str, line: int) -> int | None:
        for i, h in enumerate(self.hunks):
            if line in (h.right if side == "RIGHT" else h.left):
                return i
        return None

    def right_text(self) -> dict[int, str]:
        """{new-file line: its text} for every RIGHT-side (added or context) line."""
        out: dict[int, str] = {}
        for h in self.hunks:
            first = min(h.positions, default=0)
            for pos, (side, line) in h.positions.items():
                if side == "RIGHT":
                    out[line] = h.lines[pos - first + 1][1:]
        return out

    def position_of(self, side: str, line: int) -> int | None:
        return next((pos for h in self.hunks for pos, at in h.positions.items()
                     if at == (side, line)), None)

    def at_position(self, position: int) -> tuple[str, int, int] | None:
        """(side, line, hunk index) for a diff position, or None when outside."""
        for i, h in enumerate(self.hunks):
            if position in h.positions:
                side, line = h.positions[position]
                return side, line, i
        return None

    def diff_hunk(self, index: int, side: str, line: int) -> str:
        """The hunk text up to the commented line, as GitHub's `diff_hunk` shows it."""
        h = self.hunks[index]
        for pos, (s, ln) in sorted(h.positions.items()):
            if s == side and ln == line:
                first = min(h.positions)
                return "\n".join(h.lines[: pos - first + 2])
        return "\n".join(h.lines)


def parse_patch(patch: str | None) -> PatchLines:
    hunks: list[Hunk] = []
    position = 0
    old = new = 0
    for raw in (patch or "").rstrip("\n").split("\n"):
        m = _HUNK.match(raw)
        if m:
            if hunks:
                position += 1          # a later header occupies a position too
            old, new = int(m.group(1)), int(m.group(3))
            hunks.append(Hunk(header=raw, lines=[raw]))
            continue
        if not hunks or raw.startswith("\\"):
            continue
        h = hunks[-1]
        tag = raw[:1]
        if tag not in ("+", "-", " ", ""):
            continue
        position += 1
        h.lines.append(raw)
        if tag == "+":
            h.right.add(new)
            h.positions[position] = ("RIGHT", new)
            new += 1
        elif tag == "-":
            h.left.add(old)
            h.positions[position] = ("LEFT", old)
            old += 1
        else:
            h.right.add(new)
            h.left.add(old)
            h.positions[position] = ("RIGHT", new)
            old += 1
            new += 1
    return PatchLines(hunks)


def count_changes(patch: str | None) -> tuple[int, int]:
    """(additions, deletions) of a patch."""
    adds = dels = 0
    for raw in (patch or "").split("\n"):
        if raw.startswith("+") and not raw.startswith("+++"):
            adds += 1
        elif raw.startswith("-") and not raw.startswith("---"):
            dels += 1
    return adds, dels
