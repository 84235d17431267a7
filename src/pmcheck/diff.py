"""Unified-diff patches (as GitHub returns them per changed file) and finding placement.

GitHub accepts a review comment only on a line that is part of the diff: an added or context
line of some hunk, on the new ("RIGHT") side. One comment anywhere else makes GitHub reject the
whole review with 422. :func:`place` therefore marks every finding, never dropping one:

* ``in-hunk``   the finding's line is in a hunk: it may become an inline review comment;
* ``in-file``   the file is changed by the pull request but the line is not in the diff;
* ``elsewhere`` the file is not changed by the pull request at all.

A multi-line range (``start_line``..``line``) is offered only when both ends lie in the same hunk
(hunks are contiguous on the new side, so every line between is in the diff too); otherwise the
comment sits on the first line of the finding that is in the diff.
"""

from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from pmcheck.findings import Finding

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


class Place(str, enum.Enum):
    IN_HUNK = "in-hunk"
    IN_FILE = "in-file"
    ELSEWHERE = "elsewhere"


@dataclass(frozen=True)
class Hunk:
    new_start: int
    new_length: int
    added: frozenset[int]
    context: frozenset[int]

    def __contains__(self, line: object) -> bool:
        return line in self.added or line in self.context


@dataclass(frozen=True)
class FilePatch:
    """One changed file of a pull request. `hunks` is empty when GitHub sent no patch."""

    path: str
    hunks: tuple[Hunk, ...] = ()
    status: str = "modified"

    def hunk_of(self, line: int) -> Hunk | None:
        return next((h for h in self.hunks if line in h), None)

    @property
    def added_lines(self) -> frozenset[int]:
        return frozenset().union(*(h.added for h in self.hunks))


@dataclass(frozen=True)
class Placed:
    finding: Finding
    place: Place
    line: int | None = None  # the line to comment on (in-hunk only)
    start_line: int | None = None  # first line of a multi-line comment, below `line`
    key: str = ""  # identity when the fingerprint is shared (see :func:`place`)

    @property
    def ident(self) -> str:
        """The finding's identity in comments: its fingerprint, made unique in this run."""
        return self.key or self.finding.fingerprint

    @property
    def full_range(self) -> bool:
        """The comment covers exactly the finding's lines (so a suggestion can replace them)."""
        f = self.finding
        end = max(f.end_line or f.line, f.line)
        if self.place is not Place.IN_HUNK:
            return False
        if end == f.line:
            return self.line == f.line and self.start_line is None
        return self.start_line == f.line and self.line == end


class PatchError(ValueError):
    """A patch is not a unified diff; the message names the file and the patch line."""


def parse_patch(patch: str | None, path: str = "") -> tuple[Hunk, ...]:
    """Hunks of one file's patch text (the `patch` field of GET /pulls/{n}/files)."""
    if not patch:
        return ()
    hunks: list[Hunk] = []
    state: list | None = None  # [new_start, new_length, next_new_line, added, context]
    for number, raw in enumerate(patch.replace("\r\n", "\n").split("\n"), start=1):
        header = _HUNK.match(raw)
        if header:
            if state:
                hunks.append(_close(state))
            start = int(header.group(3))
            length = int(header.group(4)) if header.group(4) is not None else 1
            state = [start, length, start, set(), set()]
            continue
        if state is None:
            if raw.startswith(("diff ", "index ", "--- ", "+++ ", "new file", "deleted file",
                               "similarity", "rename ", "old mode", "new mode", "Binary")) \
                    or not raw:
                continue
            raise PatchError(f"{path or 'patch'}: patch line {number}: text before the "
                             "first @@ hunk header")
        if raw.startswith("+"):
            state[3].add(state[2])
            state[2] += 1
        elif raw.startswith(" "):
            state[4].add(state[2])
            state[2] += 1
        elif raw.startswith(("-", "\\")):
            continue  # removed line, or "\ No newline at end of file"
        elif raw == "":
            # A bare empty line is a context line whose leading space was stripped, except
            # after the last hunk line (a trailing newline of the patch text).
            if state[2] < state[0] + state[1]:
                state[4].add(state[2])
                state[2] += 1
        else:
            raise PatchError(f"{path or 'patch'}: patch line {number}: expected a line "
                             "starting with '+', '-', ' ' or '@@'")
    if state:
        hunks.append(_close(state))
    return tuple(hunks)


def _close(state: list) -> Hunk:
    return Hunk(state[0], state[1], frozenset(state[3]), frozenset(state[4]))


def file_patches(files: Iterable[Mapping]) -> dict[str, FilePatch]:
    """{path: FilePatch} from GET /pulls/{n}/files entries (filename, status, patch)."""
    out: dict[str, FilePatch] = {}
    for entry in files:
        path = entry["filename"]
        out[path] = FilePatch(path, parse_patch(entry.get("patch"), path),
                              entry.get("status", "modified"))
    return out


def place_one(finding: Finding, patches: Mapping[str, FilePatch]) -> Placed:
    patch = patches.get(finding.path)
    if patch is None:
        return Placed(finding, Place.ELSEWHERE)
    end = max(finding.end_line or finding.line, finding.line)
    first = patch.hunk_of(finding.line)
    if first is not None:
        if end > finding.line and end in first:
            return Placed(finding, Place.IN_HUNK, line=end, start_line=finding.line)
        return Placed(finding, Place.IN_HUNK, line=finding.line)
    for line in range(finding.line + 1, end + 1):
        if patch.hunk_of(line) is not None:
            return Placed(finding, Place.IN_HUNK, line=line)
    return Placed(finding, Place.IN_FILE)


def place(findings: Iterable[Finding], patches: Mapping[str, FilePatch],
          texts: Mapping[str, str] | None = None) -> list[Placed]:
    """Mark every finding in-hunk / in-file / elsewhere; same order, none dropped.

    Two findings can share a fingerprint (the same sentence twice in a file, two blame words in
    one sentence). Each needs its own identity, one that stays with its finding when identical
    lines are inserted or removed above it: ``<fingerprint>-<context>``, the context being a
    hash of the nearest non-blank line above and below in `texts` (the file as checked), with
    ``-k`` (order among those that share the context too) only as the last tie-breaker. A
    fingerprint held by one finding is its identity unchanged. Comments written before a
    fingerprint was shared are matched by :func:`pmcheck.github.review.plan`.
    """
    placed = [place_one(f, patches) for f in findings]
    by_fp: dict[str, list[int]] = {}
    for i in sorted(range(len(placed)), key=lambda i: placed[i].finding.sort_key()):
        by_fp.setdefault(placed[i].finding.fingerprint, []).append(i)
    split = {path: text.split("\n") for path, text in (texts or {}).items()}
    for fp, indexes in by_fp.items():
        if len(indexes) < 2:
            continue
        seen: dict[str, int] = {}
        for i in indexes:
            f = placed[i].finding
            ctx = neighbourhood(split.get(f.path), f.line, f.end_line)
            seen[ctx] = seen.get(ctx, 0) + 1
            key = f"{fp}-{ctx}" if ctx else fp
            if seen[ctx] > 1:
                key = f"{key}-{seen[ctx]}"
            placed[i] = replace(placed[i], key=key)
    return placed


def neighbourhood(lines: list[str] | None, line: int, end_line: int = 0) -> str:
    """A short hash of the nearest non-blank lines above `line` and below `end_line` ("" when
    the text is unknown): what tells identical lines apart without counting them."""
    if not lines or not 1 <= line <= len(lines):
        return ""
    from pmcheck.findings import normalise

    def near(start: int, step: int) -> str:
        n = start
        while 0 <= n < len(lines):
            if lines[n].strip():
                return normalise(lines[n])
            n += step
        return ""

    last = max(end_line or line, line)
    basis = f"{near(line - 2, -1)}\0{near(last, 1)}"
    return hashlib.sha256(basis.encode()).hexdigest()[:6]
