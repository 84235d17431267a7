"""Integrity of the real-postmortem corpus tables (no network; reads files under tests/corpus)."""
import csv
import re
from pathlib import Path

import pytest

HERE = Path(__file__).parent
DOCS = HERE / "docs"
ROOT = HERE.parents[1]
# ../shared from the main checkout; ../../shared from a helper worktree under wt/
SHARED = next((d / "shared" / "corpus" / "public" for d in (ROOT.parent, ROOT.parent.parent)
               if (d / "shared" / "corpus" / "public").is_dir()), ROOT.parent / "shared" / "corpus" / "public")
SECTIONS = {"summary", "impact", "timeline", "root_cause", "contributing_factors", "five_whys",
            "what_went_well", "what_went_wrong", "action_items", "detection", "resolution",
            "metadata", "other"}
PERMISSIVE = {"MIT", "BSD-3-Clause", "Apache-2.0", "CC0-1.0", "CC-BY-4.0", "MIT OR Apache-2.0"}


def read_tsv(name):
    with open(HERE / name, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], rows[1:]


def test_heading_table_shape_and_labels():
    header, rows = read_tsv("heading_variants.tsv")
    assert header == ["heading", "expected_section", "source"]
    assert len(rows) >= 200
    bad = [r for r in rows if len(r) != 3 or r[1] not in SECTIONS or not r[0].strip()]
    assert bad == []
    headings = [r[0] for r in rows]
    assert len(headings) == len(set(headings)), "duplicate heading rows"
    real = [r for r in rows if not r[2].startswith("synthetic")]
    assert len(real) > 150


def _local(source):
    m = re.match(r"(tests/corpus/docs/|shared/corpus/public/)(.+?):(\d+)", source)
    if not m:
        return None
    base = DOCS if m.group(1).startswith("tests") else SHARED
    return base / m.group(2), int(m.group(3))


@pytest.mark.parametrize("table", ["heading_variants.tsv", "metadata_variants.tsv"])
def test_sources_point_at_the_line_quoted(table):
    # rows quoting tests/corpus/docs are always checked; shared-corpus rows when ../shared exists
    _, rows = read_tsv(table)
    checked = 0
    for text, _label, source in rows:
        loc = _local(source)
        if loc is None or "shortened" in source:
            continue
        path, line = loc
        if not path.exists():  # shared corpus absent on a fresh clone
            assert "shared/" in source, source
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        assert line <= len(lines), source
        got = lines[line - 1].replace("**", "")
        want = text.strip().lstrip("#").strip().replace("**", "")
        assert want in got, f"{source}: {want!r} not in {got!r}"
        checked += 1
    assert checked >= 20


def test_every_stored_document_is_recorded_with_a_permissive_licence():
    header, rows = read_tsv("SOURCES.tsv")
    assert header == ["repo", "path", "commit", "license", "keep_text", "url", "stored_as"]
    stored = {}
    for r in rows:
        assert len(r) == 7, r
        if r[4] == "yes" and r[6].endswith(".md"):
            assert r[3] in PERMISSIVE, r
            assert re.fullmatch(r"[0-9a-f]{40}", r[2]), r
            stored[r[6]] = r
        else:
            assert not r[6].endswith(".md") or r[4] == "yes", r
    on_disk = {p.name for p in DOCS.glob("*.md")}
    assert on_disk == set(stored)
    assert len([r for r in rows if r[3] != "unknown"]) >= 25
