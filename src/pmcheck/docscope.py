"""The document being linted, as a scope for per-document memos (a light module: the linter
imports it at start-up, the language engine when it loads)."""

from __future__ import annotations

# [memo] while one document's rules run, [] otherwise. A rule outside the blame pass (the
# 5-whys chain end) reads a sentence the blame rules read too; inside the scope the engine
# analyses it once, whatever its bounded cross-document memo holds.
ACTIVE: list[dict] = []


def begin() -> None:
    ACTIVE[:] = [{}]


def end() -> None:
    ACTIVE.clear()


def memo() -> dict | None:
    """The current document's memo, or None outside a document."""
    return ACTIVE[0] if ACTIVE else None
