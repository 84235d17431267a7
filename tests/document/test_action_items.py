"""Action items as real postmortems write them: legend bullets, action tables under any heading,
status words with marks, pmcheck comments between table rows; CRLF and BOM alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmcheck.document.items import is_legend
from pmcheck.document.parse import lift_table_comments, parse
from pmcheck.followup import items_of
from pmcheck.linter import lint_text
from pmcheck.options import Options

FIXTURES = Path(__file__).parent / "fixtures"
ANY_HEADING = (FIXTURES / "actions_any_heading.md").read_text()


def _variants(text: str):
    yield "lf", text
    yield "crlf", text.replace("\n", "\r\n")
    yield "bom", "\ufeff" + text
    yield "bom+crlf", "\ufeff" + text.replace("\n", "\r\n")


@pytest.mark.parametrize("name, text", list(_variants(ANY_HEADING)))
def test_tables_found_by_columns_and_legends_skipped(name, text):
    doc = parse(text, "pm.md")
    got = [(a.line, a.text, a.owner, a.status) for a in doc.actions]
    assert got == [
        (37, "Alert on relay disk above 80%", "@dana", "DONE"),
        (38, "Re-enable log rotation in the base image", "@omar", "TODO"),
        (39, "Add a disk-full drill to the game day", "@dana", None),
        (45, "Document the relay runbook", "@omar", "Done ✅"),
        (46, "Page on queue age", "@dana", "TODO."),
        (47, "Move the relay to managed storage", "@omar", "✔️"),
    ]
    statuses = [i.status for i in items_of(doc, Options())]
    assert statuses == ["completed", "open", "open", "completed", "open", "completed"]


def test_status_with_marks_is_not_invalid():
    found, _ = lint_text(ANY_HEADING, "pm.md", Options())
    assert [f.line for f in found if f.rule == "actions.status-invalid"] == []
    # legend bullets produce nothing: no item findings on lines 28-31
    assert [f for f in found if f.rule.startswith("actions.") and 28 <= f.line <= 31] == []


@pytest.mark.parametrize("text, legend", [
    ("Prevent - Prevent similar issues from happening again", True),
    ("P0 - Critical for reliability", True),
    ("P2: nice to have", True),
    ("Detection - things that help us notice sooner", True),
    ("Sev1 - Customer-facing outage", False),  # a definition we cannot tell from an item
    ("P1 - Add a CI gate for the config loader", False),
    ("Prevent - Add a lower bound for pool size", False),
    ("P0 - Critical: fix the pool bound, owner: @marcus", False),
    ("[ ] P1 - Critical path alerting", False),
    ("Process: items due 2026-03-01", False),
])
def test_legend_bullets(text, legend):
    assert is_legend(text) is legend


TABLE = """# T

## Action Items

| Action | Owner | Due | Priority |
|---|---|---|---|
| Add alert | @a | 2026-01-02 | P1 |
<!-- pmcheck-disable-next-line actions.owner-invalid -- Bob is the team alias here -->
| Add gate | Bob | 2026-01-03 | P2 |
<!-- pmcheck-disable-next-line actions.due-invalid -- agreed at the review -->
<!-- pmcheck-disable-next-line actions.owner-invalid -- agreed at the review -->
| Add runbook | Bob | soon | P2 |
| Add dashboard | Bob | 2026-01-05 | P3 |
"""


def test_a_plain_html_comment_line_is_not_lifted():
    text = TABLE.replace("<!-- pmcheck-disable-next-line actions.owner-invalid -- Bob is the "
                         "team alias here -->", "<!-- reviewer note -->")
    doc = parse(text, "pm.md")
    assert [a.line for a in doc.actions] == [7]  # Markdown ends the table at the comment


def test_rows_with_missing_extra_cells_and_html():
    text = ("# T\n\n## Action Items\n\n| Action | Owner | Due | Priority |\n|---|---|---|---|\n"
            "| Add <b>alert</b> | @a_b | 2026-01-02 |\n"
            "| Add gate<br>now | @c | 2026-01-03 | P2 | extra |\n")
    doc = parse(text, "pm.md")
    assert [(a.text, a.owner, a.priority) for a in doc.actions] == [
        ("Add alert", "@a_b", None), ("Add gate now", "@c", "P2")]
    assert [n[1] for n in doc.parse_notes] == ["table-broken", "table-broken"]


# A run of legend bullets where only some read as definitions, header cells in the plural,
# tables without outer pipes with a pmcheck comment between rows.
LEGENDS = (FIXTURES / "actions_legend_runs.md").read_text()


@pytest.mark.parametrize("name, text", list(_variants(LEGENDS)))
def test_a_run_of_definitions_is_a_legend_whole(name, text):
    doc = parse(text, "pm.md")
    assert [a.line for a in doc.actions] == [41, 42, 43]
    found, _ = lint_text(text, "pm.md", Options())
    assert [f.line for f in found if f.rule.startswith("actions.") and f.line < 41] == []
    # the bullet that only names a type and an action is still an item, and is reported
    assert (43, "actions.incomplete") in {(f.line, f.rule) for f in found}


PLURAL = """# T

Date: 2026-01-01

## Lessons Learned

| Action Item(s) | Type | Owners | Bugs |
|---|---|---|---|
| Page on queue age | Detect | @dana | DONE |
| Add a disk-full drill | Process | @omar_k | TODO. |
"""


def test_plural_header_cells_name_the_columns():
    doc = parse(PLURAL, "pm.md")
    assert [(a.line, a.text, a.owner, a.status) for a in doc.actions] == [
        (9, "Page on queue age", "@dana", "DONE"),
        (10, "Add a disk-full drill", "@omar_k", "TODO")]


NO_OUTER_PIPES = """# T

## Action Items

Action | Owner | Due | Priority
--- | --- | --- | ---
Add alert | @a | 2026-01-02 | P1
<!-- pmcheck-disable-next-line actions.owner-invalid -- Bob is the team alias here -->
Add gate | Bob | 2026-01-03 | P2
  <!-- pmcheck-disable-next-line actions.due-invalid -- agreed at the review -->
Add runbook | @a | soon | P2
Add dashboard | Bob | 2026-01-05 | P3
"""


@pytest.mark.parametrize("name, text, rows, unsilenced", [
    (f"pipes-{n}", t, [7, 9, 12, 13], 13) for n, t in _variants(TABLE)] + [
    (f"bare-{n}", t, [7, 9, 11, 12], 12) for n, t in _variants(NO_OUTER_PIPES)])
def test_comment_between_rows_keeps_the_table_whole(name, text, rows, unsilenced):
    doc = parse(text, "pm.md")
    assert [a.line for a in doc.actions] == rows
    assert [i.line for i in items_of(doc, Options())] == rows
    found, _ = lint_text(text, "pm.md", Options())
    owner_due = [(f.line, f.rule) for f in found
                 if f.rule in ("actions.owner-invalid", "actions.due-invalid")]
    assert owner_due == [(unsilenced, "actions.owner-invalid")]
    assert not [f for f in found if f.rule.startswith("document.")]


def test_a_comment_after_the_last_row_is_left_alone():
    text = NO_OUTER_PIPES + "<!-- pmcheck-disable-next-line structure -- below -->\nSome prose.\n"
    doc = parse(text, "pm.md")
    assert [a.line for a in doc.actions] == [7, 9, 11, 12]
    assert not [b for b in doc.blocks if b.kind == "table_cell" and "prose" in b.text]


def test_a_rule_line_under_a_pipe_sentence_starts_no_table():
    # "a | b" over "---" is a heading in Markdown, not a table: the comment below it stays
    text = ("# T\n\n## Action Items\n\nShip | hold\n---\n"
            "<!-- pmcheck-disable-next-line actions -- x -->\n| Add alert | @a |\n")
    kept, origin = lift_table_comments(text.split("\n"))
    assert "<!-- pmcheck-disable-next-line actions -- x -->" in kept
    assert origin == list(range(1, len(kept) + 1))
