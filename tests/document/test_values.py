"""Values are read as written: one definition of a cell's or item's text for check, overdue,
gate and follow-up (``model.value_text`` over the parser's inline text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pmcheck.document.parse import parse
from pmcheck.followup import items_of, owner_logins
from pmcheck.linter import lint_text
from pmcheck.options import Options, status_key
from pmcheck.rules import actions as actions_rules

FIXTURE = Path(__file__).parent / "fixtures" / "values_as_written.md"
OPTS = Options(teams=("core_team",))


def _doc(text: str | None = None):
    return parse(text if text is not None else FIXTURE.read_text(), "pm.md")


def test_values_keep_underscores_code_and_escapes_resolved():
    got = [(a.line, a.owner, a.due, a.priority, a.status) for a in _doc().actions]
    assert got == [
        (29, "core_team", "2022-09-10", "P1", "in_progress"),
        (30, "Jane Doe (@jane_doe)", "2022-09-12", "P2", "in_progress"),
        (31, "@ops_oncall", "2022_09_20", "P3", "in_progress"),
        (32, "@marta", "2022-09-15", "P2", "open"),
        (34, "@jane_doe", "2022-09-14", "P2", "in_progress"),
        (35, "core_team", "2022-09-16", "P1", "open"),
    ]


def test_check_and_overdue_read_the_same_values():
    doc = _doc()
    checked = actions_rules.items(doc, OPTS)
    followed = items_of(doc, OPTS)
    assert [(a.line, a.text, a.owner, a.due, a.due_date) for a in checked] == \
        [(i.line, i.text, i.owner, i.due_raw, i.due) for i in followed]
    # the status check and the follow-up agree on every status
    assert [OPTS.status(a.status) if a.status else "open" for a in checked] == \
        [i.status for i in followed]
    assert {i.status for i in followed} == {"in_progress", "open"}
    assert owner_logins(followed[1].owner) == ("jane_doe",)


def test_findings_quote_the_text_as_written():
    found, _ = lint_text(FIXTURE.read_text(), "pm.md", OPTS)
    by_rule = {(f.line, f.rule): f.message for f in found if f.rule.startswith("actions.")}
    assert not [k for k in by_rule if k[1] == "actions.status-invalid"]
    assert not [k for k in by_rule if k[1] == "actions.owner-invalid"]
    assert '"2022_09_20"' in by_rule[(31, "actions.due-invalid")]
    assert [k for k in by_rule if k[1] == "actions.due-invalid"] == [(31, "actions.due-invalid")]


def test_owners_are_quoted_as_written():
    text = FIXTURE.read_text().replace("teams", "")
    found, _ = lint_text(text, "pm.md", Options())
    owners = [f.message for f in found if f.rule == "actions.owner-invalid"]
    assert not any("janedoe" in m or "coreteam" in m for m in owners)
    assert any('"core_team"' in m for m in owners)


def test_html_break_in_a_cell_separates_words():
    doc = _doc("# T\n\n## Action Items\n\n| Action | Owner | Due | Priority |\n|---|---|---|---|\n"
               "| Add<br>alert | @a | 2026-01-02 | P1 |\n")
    assert doc.actions[0].text == "Add alert"


def test_status_words_with_marks_and_punctuation():
    assert [status_key(s) for s in ("Done ✅", "TODO.", "✅", "(WIP)", " In  Progress ")] == \
        ["done", "todo", "done", "wip", "in progress"]
    opts = Options()
    assert [opts.status(s) for s in ("Done ✅", "TODO.", "✔️", "won't fix!")] == \
        ["completed", "open", "completed", "deferred"]


def test_due_date_as_written_is_the_date_both_sides_use():
    doc = _doc()
    assert [a.due_date for a in doc.actions][:2] == [dt.date(2022, 9, 10), dt.date(2022, 9, 12)]
