"""Real heading variants (tests/sections/heading_variants.tsv) resolve to the expected section.

Each row records where the heading was seen: a file:line of /work/shared/corpus/public (real
published postmortems), the issue that reported it, a published template, or a written
variant of one of those (numbering, markup, case). '-' rows must match no section.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pmcheck.template import DEFAULT, Template

TABLE = Path(__file__).with_name("heading_variants.tsv")


def _rows() -> list[tuple[str, str, str]]:
    out = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip("\t"):
            continue
        heading, expected, source = line.split("\t")
        out.append((heading, expected, source))
    return out


ROWS = _rows()


def test_the_table_is_large_and_has_negatives():
    assert len(ROWS) >= 150
    assert sum(1 for _, e, _ in ROWS if e == "-") >= 40
    assert all(s for _, _, s in ROWS)


@pytest.mark.parametrize("heading,expected,source", ROWS,
                         ids=[f"{i}:{h[:40]}" for i, (h, _, _) in enumerate(ROWS)])
def test_heading_resolves(heading, expected, source):
    got = DEFAULT.resolve(heading) or "-"
    assert got == expected, f"{heading!r} ({source})"


def test_configured_alias_wins_over_a_concept():
    t = Template(name="t", required=("timeline",),
                 aliases=(("summary", ("Response timeline",)),))
    assert t.resolve("response timeline:") == "summary"
    assert DEFAULT.resolve("Response timeline") == "timeline"


def test_configured_alias_matches_by_words():
    t = Template(name="t", required=("action-items",),
                 aliases=(("action-items", ("Backlog check",)),))
    assert t.resolve("## 3. Backlog Checks (WIP)".lstrip("# ")) == "action-items"
    assert DEFAULT.resolve("Backlog check") is None


@pytest.mark.parametrize("heading,key", [
    ("Process improvements", "action-items"),
    ("Prevention", "action-items"),
    ("What happened", "timeline"),
    ("Contibuting factrs", "contributing-factors"),
])
def test_look_alikes(heading, key):
    assert DEFAULT.looks_like(heading, DEFAULT.required) == key


@pytest.mark.parametrize("heading", ["Timeline", "Attendees", "Background", "2019-03-24 8:54"])
def test_not_look_alikes(heading):
    assert DEFAULT.looks_like(heading, DEFAULT.required) is None
