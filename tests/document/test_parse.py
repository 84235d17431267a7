"""Parser tests: every extracted part carries the right source line."""

import datetime as dt
import subprocess
import sys

import pytest

from helpers import GOOD, ROOT, md
from pmcheck.document import punctuation
from pmcheck.document.parse import parse
from pmcheck.template import GOOGLE_SRE


def p(text):
    return parse(md(text), "pm.md")


def notes(doc):
    return [(line, code) for line, code, _ in doc.parse_notes]


def test_good_example_parts():
    doc = parse(GOOD, "good.md")
    assert doc.title.line == 1
    assert [s.key for s in doc.sections] == [
        "summary", "timeline", "root-cause", "contributing-factors", "what-went-well",
        "what-went-wrong", "action-items"]
    assert doc.metadata.get("reviewers").items == ("@lena", "@sofia")
    assert [e.line for e in doc.timeline] == [23, 24, 25, 26, 27, 28]
    assert [(w.line, w.because_line) for w in doc.whys] == [(37, 38), (40, 41), (43, 44),
                                                            (46, 47)]
    assert doc.systemic_factor[1] == 49
    assert [(a.line, a.owner, a.priority) for a in doc.actions] == [
        (65, "@marcus", "P1"), (66, "@checkout-team", "P2"), (67, "@lena", "P3")]
    assert doc.parse_notes == ()


def test_front_matter_variant_matches_inline_metadata():
    inline = parse(GOOD, "a.md").metadata
    fm = parse((ROOT / "examples" / "good-frontmatter.md").read_text(), "b.md").metadata
    assert fm.source == "front-matter"
    assert {f.key: f.value for f in fm.fields} == {f.key: f.value for f in inline.fields}
    assert fm.get("date").line == 2 and fm.get("date").column == 7


def test_crlf_and_bom_keep_line_numbers():
    doc = parse("\ufeff" + GOOD.replace("\n", "\r\n"), "crlf.md")
    assert [e.line for e in doc.timeline][:2] == [23, 24]
    assert doc.lines[0].startswith("# Checkout")


@pytest.mark.parametrize("text,expected", [
    ("Date: 2026-03-14", ("date", "2026-03-14", 3, 7)),
    ("- **Severity:** P1", ("severity", "P1", 3, 17)),
    ("**Incident Team**: @a, @b and @c", ("responders", "@a, @b and @c", 3, 20)),
    ("| Facilitator | @jun |", ("facilitator", "@jun", 3, 17)),
    ("incident_owner: @m", ("incident-owner", "@m", 3, 17)),
])
def test_metadata_line_forms(text, expected):
    doc = parse(f"# T\n\n{text}\n\n## Timeline\n", "m.md")
    f = doc.metadata.fields[0]
    assert (f.key, f.value, f.line, f.column) == expected


def test_metadata_people_are_split():
    doc = parse("# T\n\nResponders: @a, @b and @c; Dana\n", "m.md")
    assert doc.metadata.get("responders").items == ("@a", "@b", "@c", "Dana")


def test_metadata_after_first_section_is_not_metadata():
    doc = p("""
        # T

        ## Summary

        Date: 2026-01-01
        """)
    assert doc.metadata.get("date") is None


def test_timeline_bullets_tables_day_headings_and_zones():
    doc = p("""
        # T

        ## Timeline

        ### 2026-03-14

        - 23:50 UTC — alert fires
        - **23:58**: page acknowledged
        - 11:59 PM: someone writes a 12-hour time

        ### 2026-03-15

        | Time (UTC) | Event |
        |---|---|
        | 00:10 | rollback starts |
        | 2026-03-15 00:30Z | resolved |

        - 25:61 impossible time
        """)
    got = [(e.line, e.time_text, e.time, e.is_24h, e.date, e.tz) for e in doc.timeline]
    d14, d15 = dt.date(2026, 3, 14), dt.date(2026, 3, 15)
    assert got == [
        (7, "23:50", dt.time(23, 50), True, d14, "UTC"),
        (8, "23:58", dt.time(23, 58), True, d14, None),
        (9, "11:59 PM", dt.time(23, 59), False, d14, None),
        (15, "00:10", dt.time(0, 10), True, d15, None),
        (16, "00:30", dt.time(0, 30), True, d15, "Z"),
        (18, "25:61", None, True, d15, None),
    ]


def test_timeline_headings_and_numeric_dates():
    doc = p("""
        # T

        ## Timeline

        ### 2022-06-02 10:00 - Problem starts

        ### 21:00 - Team alerted

        07-27-2023 2:14 pm - PR approved
        """)
    got = [(e.line, e.time, e.date, e.is_24h) for e in doc.timeline]
    assert got == [(5, dt.time(10, 0), dt.date(2022, 6, 2), True),
                   (7, dt.time(21, 0), dt.date(2022, 6, 2), True),
                   (9, dt.time(14, 14), dt.date(2023, 7, 27), False)]


def test_timeline_ignores_prose_outside_timeline_section():
    doc = p("""
        # T

        ## Summary

        - 10:00 this is not a timeline entry
        """)
    assert doc.timeline == ()


@pytest.mark.parametrize("body,expected", [
    ("Why A?\n→ Because B.\nWhy C?\n-> Because D.", [(3, 4), (5, 6)]),
    ("1. **Why did A?** Because B.\n2. Why C?\n   Because D.", [(3, 3), (4, 5)]),
    ("- Why A?\n- Why B?", [(3, None), (4, None)]),
])
def test_whys_forms(body, expected):
    doc = parse(f"# T\n## 5 Whys\n{body}\n", "w.md")
    assert [(w.line, w.because_line) for w in doc.whys] == expected


def test_systemic_factor_line():
    doc = parse("# T\n## Contributing Factors\nWhy A?\nBecause B.\n\n"
                "**Systemic factor:** no guard.\n", "w.md")
    assert doc.systemic_factor == ("no guard.", 6)


def test_action_table_any_column_order_and_aliases():
    doc = p("""
        # T

        ## Corrective Actions

        | Pri | Deadline | Task | DRI | State | Ticket |
        |-----|----------|------|-----|-------|--------|
        | P1 | 2026-03-20 | Add a guard | @ops/sre | done | #12 |
        """)
    (a,) = doc.actions
    assert (a.line, a.text, a.owner, a.due, a.priority, a.status, a.ticket) == (
        7, "Add a guard", "@ops/sre", "2026-03-20", "P1", "done", "#12")
    assert a.has_status_column and a.column_of("owner") == 35


def test_action_checklist_items():
    doc = p("""
        # T

        ## Follow-ups

        - [ ] Add CI gate — owner: @alice, due: 2026-03-22, P1
        - [x] Rotate keys (@bob, 2026-03-18, P2)
        - A plain bullet is an item too, without owner
          - [ ] nested items are details, not items
        - Monitoring:
          - Alert on queue age @eli P3
        """)
    got = [(a.line, a.text, a.owner, a.due, a.priority, a.status, a.checked)
           for a in doc.actions]
    assert got == [
        (5, "Add CI gate", "@alice", "2026-03-22", "P1", "open", False),
        (6, "Rotate keys", "@bob", "2026-03-18", "P2", "completed", True),
        (7, "A plain bullet is an item too, without owner", None, None, None, None, None),
        (10, "Alert on queue age @eli P3", "@eli", None, "P3", None, None),
    ]


def test_broken_table_rows_are_noted():
    doc = p("""
        # T

        ## Action Items

        | Action | Owner | Due |
        |---|---|---|
        | Add guard | @a |
        | Add alert | @b | 2026-01-01 | extra |
        | Fine | @c | 2026-01-02 |
        """)
    assert notes(doc) == [(7, "table-broken"), (8, "table-broken")]
    assert [a.owner for a in doc.actions] == ["@a", "@b", "@c"]


@pytest.mark.parametrize("text,expected", [
    ("", [(1, "empty")]),
    ("   \n\n", [(1, "empty")]),
    ("---\ndate: [2026\n---\n# T\n", [(2, "front-matter-invalid")]),
    ("---\ndate: 2026-01-01\n# T\n", [(1, "front-matter-invalid")]),
    ("---\n- a\n- b\n---\n# T\n", [(2, "front-matter-invalid")]),
    ("# T\n\n<table><tr><td>x</td></tr></table>\n", [(3, "html-table")]),
])
def test_bad_input_notes(text, expected):
    assert notes(parse(text, "bad.md")) == expected


def test_several_h1_and_no_headings_do_not_crash():
    doc = parse("# A\n\ntext\n\n# B\n\n# Timeline\n- 10:00 x\n", "h.md")
    assert [h.line for h in doc.headings if h.level == 1] == [1, 5, 7]
    assert doc.title.line == 1 and doc.section("timeline").line == 7
    assert parse("just prose\n", "p.md").sections == ()


def test_directives():
    doc = p("""
        # T

        <!-- pmcheck-disable blame.blame-word -- quoting the customer -->
        <!-- pmcheck-disable-next-line actions, whys -->
        ```
        <!-- pmcheck-enable all -->
        ```
        """)
    got = [(d.kind, d.rules, d.reason, d.line) for d in doc.directives]
    assert got == [("disable", ("blame.blame-word",), "quoting the customer", 3),
                   ("disable-next-line", ("actions", "whys"), "", 4)]


def test_code_spans_become_placeholder_in_text_but_not_plain():
    doc = p("""
        # T

        The `human error` string is in code.
        """)
    (b,) = [b for b in doc.blocks if b.kind == "paragraph"]
    assert "human error" not in b.text and "human error" in b.plain


def test_google_sre_template_aliases():
    doc = parse("# T\n## Lessons Learned\n### What went well\nx\n## Trigger\ny\n", "g.md",
                GOOGLE_SRE)
    assert [s.key for s in doc.sections] == ["lessons-learned", "what-went-well", "trigger"]


def test_mistletoe_punctuation_table_is_complete():
    """parse.py gives mistletoe a precomputed punctuation set; it must equal mistletoe's own
    full scan (its core_tokens.py formula, rerun here over all code points)."""
    import sys
    import unicodedata

    from mistletoe import core_tokens

    import pmcheck.document.parse  # noqa: F401  (installs the set)

    ascii_punct = {c for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}
    full = ascii_punct | {chr(i) for i in range(sys.maxunicode + 1)
                          if unicodedata.category(chr(i)).startswith("P")}
    assert sys.maxunicode == 0x10FFFF
    assert core_tokens.punctuation == full
    assert punctuation.stored() == full  # the running Python's Unicode version is stored


def test_punctuation_data_round_trips_and_unknown_versions_fall_back():
    sample = {"!", "#", "$", "%", "\u2010", "\u2011", "\U0001e95e"}
    assert punctuation.from_ranges(punctuation.to_ranges(sample)) == sample
    assert punctuation.to_ranges({"!", '"', "#", "%"}) == "21-23 25"
    assert punctuation.stored("0.0.0") is None
    for version in ("13.0.0", "14.0.0", "15.0.0", "15.1.0"):  # Python 3.10 .. 3.13
        chars = punctuation.stored(version)
        assert chars is not None and punctuation.ASCII <= chars and "\u00a1" in chars


def test_a_fresh_pmcheck_process_does_not_scan_unicode():
    """Importing the parser must not run unicodedata.category over the code points."""
    code = ("import unicodedata, sys\n"
            "calls = [0]\n"
            "real = unicodedata.category\n"
            "def counting(c):\n"
            "    calls[0] += 1\n"
            "    return real(c)\n"
            "unicodedata.category = counting\n"
            "import pmcheck.document.parse\n"
            "print(calls[0])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert int(out.strip()) < 100


def test_timeline_military_approximate_and_split_date_columns():
    doc = p("""
        # T

        ## Timeline

        - 2022-02-02 1625: event a
        - ~9:00 AM: approximate

        | Day | Date | Time (PT) | Event |
        |---|---|---|---|
        | Mon | 2026-03-16 | 10:00 | x |
        """)
    got = [(e.line, e.time, e.date) for e in doc.timeline]
    assert got == [(5, dt.time(16, 25), dt.date(2022, 2, 2)),
                   (6, dt.time(9, 0), dt.date(2022, 2, 2)),
                   (10, dt.time(10, 0), dt.date(2026, 3, 16))]


def test_empty_front_matter_metadata_line_inside_document():
    assert parse("---\n---\n", "e.md").metadata.line == 2


@pytest.mark.parametrize("marker,day", [
    ("### October 24, 2025", dt.date(2025, 10, 24)),
    ("### Friday, 24 Oct 2025", dt.date(2025, 10, 24)),
    ("_10/24/25_", dt.date(2025, 10, 24)),
    ("**2025-10-24** (day two)", dt.date(2025, 10, 24)),
    ("### 24/10/2025", dt.date(2025, 10, 24)),
])
def test_timeline_day_markers(marker, day):
    doc = parse(f"# T\n\n## Timeline\n\n{marker}\n\n- 10:00 x\n", "d.md")
    assert [(e.line, e.date) for e in doc.timeline] == [(7, day)]


def test_prose_with_a_date_is_not_a_day_marker():
    doc = parse("# T\n\n## Timeline\n\n- 10:00 x\n\nWe shipped on 2025-10-24 after a long review "
                "of the config change.\n\n- 11:00 y\n", "d.md")
    assert [e.date for e in doc.timeline] == [None, None]


def test_action_bullet_due_without_colon_and_team_handle_at_sentence_end():
    doc = p("""
        # T

        ## Action Items

        - Automate sidecar restart, @kim, due 12/04/2026
        - Rotate keys by March 4, handled by @acme/sre.
        - Fix the flaky test, due to the retry storm; @ann, P2
        """)
    got = [(a.line, a.owner, a.due) for a in doc.actions]
    assert got == [(5, "@kim", "12/04/2026"), (6, "@acme/sre", "March 4"), (7, "@ann", None)]


def test_due_date_is_the_whole_value_or_nothing():
    from pmcheck.document.model import ActionItem

    assert ActionItem(1, "x", due=" 2026-03-14 ").due_date == dt.date(2026, 3, 14)
    assert ActionItem(1, "x", due="2026_03_14").due_date is None
    assert ActionItem(1, "x", due="2026-03-14 (moved)").due_date is None
    assert ActionItem(1, "x", due="2026-02-30").due_date is None


def test_misspelt_directive_is_not_a_disable():
    doc = p("""
        # T

        <!-- pmcheck-disable-lines timeline -- typo -->
        <!-- pmcheck-disable-next-line timeline -- ok -->
        Text <!-- pmcheck-disable-line timeline -- ok -->
        """)
    assert [(d.kind, d.line) for d in doc.directives] == [("disable-next-line", 4),
                                                          ("disable-line", 5)]


def test_a_wall_of_link_brackets_is_read_as_text_and_noted():
    wall = "[a](" * 3000
    text = f"# T\n\n## Summary\n\n{wall}\n\nThis was human error.\n\n- [x](https://e.x) ok\n"
    doc = parse(text, "w.md")
    assert notes(doc) == [(5, "too-complex")]
    assert any(b.kind == "paragraph" and "human error" in b.text for b in doc.blocks)
    link = [b for b in doc.blocks if b.kind == "list_item"][0]
    assert link.text == "x ok"  # other paragraphs keep their links


def test_long_punctuation_runs_do_not_backtrack_in_placeholder_checks():
    """Counted, not timed: the placeholder patterns only ever see short values."""
    from pmcheck.metavalues import is_placeholder
    from pmcheck.rules import structure

    calls = []
    real = structure._PLACEHOLDER

    class Spy:
        def match(self, text):
            calls.append(len(text))
            return real.match(text)

    structure._PLACEHOLDER = Spy()
    try:
        doc = parse("# T\n\n## Root Cause\n\n" + "-" * 50_000 + "x\n", "p.md")
        structure.is_placeholder_only(doc, doc.section("root-cause"))
    finally:
        structure._PLACEHOLDER = real
    assert all(n <= 80 for n in calls)
    assert is_placeholder("-" * 50_000 + "x") is False


def test_bom_only_file_is_empty():
    assert notes(parse("\ufeff\n", "b.md")) == [(1, "empty")]


def test_lone_carriage_return_is_no_line_break_as_in_git():
    doc = parse("# T\n\n## Summary\n\nThe tool failed.\rSee below.\n\nHuman error.\n", "cr.md")
    assert len(doc.lines) == 7
    assert [b.line for b in doc.blocks if b.kind == "paragraph"] == [5, 7]


def test_bracket_limit_counts_each_list_item_apart():
    items = "".join(f"- [10:{i % 60:02d}] step ([log](https://e.x/{i}))\n" for i in range(260))
    doc = parse("# T\n\n## Timeline\n\n" + items, "l.md")
    assert notes(doc) == []
