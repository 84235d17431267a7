"""`<!-- pmcheck-disable-line RULE -- reason -->`: silences its own line, nothing else."""

from __future__ import annotations

from pmcheck.document.parse import parse
from pmcheck.linter import lint_text
from pmcheck.options import Options
from tests.helpers import GOOD

BLAME = "The on-call engineer ignored the alert, a case of human error."


def _lint(text: str):
    findings, used = lint_text(text, "pm.md", Options())
    return [(f.line, f.rule) for f in findings], used


def _line_of(text: str, needle: str) -> int:
    return text.splitlines().index(next(ln for ln in text.splitlines() if needle in ln)) + 1


def test_same_line_comment_silences_its_line_only():
    text = GOOD.replace("## Summary\n", f"## Summary\n\n{BLAME}\n\n{BLAME}\n", 1)
    loud, _ = _lint(text)
    first = _line_of(text, BLAME)
    assert {r for n, r in loud if n == first} == {r for n, r in loud if n == first + 2} != set()
    quiet = text.replace(f"{BLAME}\n\n", f"{BLAME} <!-- pmcheck-disable-line blame -- quoting "
                         "the customer's ticket -->\n\n", 1)
    got, used = _lint(quiet)
    assert not [r for n, r in got if n == first and r.startswith("blame.")]
    assert [r for n, r in got if n == first + 2] == [r for n, r in loud if n == first + 2]
    assert [(s.line, s.rule, s.kind, s.reason) for s in used] == [
        (first, "blame", "disable-line", "quoting the customer's ticket")]


def test_same_line_comment_names_rules_and_needs_a_reason():
    text = GOOD.replace("## Summary\n", f"## Summary\n\n{BLAME} "
                        "<!-- pmcheck-disable-line timeline -->\n", 1)
    got, _ = _lint(text)
    line = _line_of(text, BLAME)
    rules = {r for n, r in got if n == line}
    assert "suppression.missing-reason" in rules  # no reason: reported
    assert any(r.startswith("blame.") for r in rules)  # another category: still reported


def test_one_table_row_inside_its_last_cell():
    row = "| Add a pool-usage panel and alert to the checkout dashboard | @lena |"
    text = GOOD.replace(row, "| Retrain Lena on the dashboard | |", 1)
    loud, _ = _lint(text)
    line = _line_of(text, "Retrain Lena")
    assert {r for n, r in loud if n == line} >= {"actions.owner-missing"}
    quiet = text.replace("| 2026-04-10 | P3 | open |", "| 2026-04-10 | P3 | open "
                         "<!-- pmcheck-disable-line actions -- tracked in OPS-12 --> |", 1)
    got, _ = _lint(quiet)
    assert not [r for n, r in got if n == line and r.startswith("actions.")]
    (item,) = [a for a in parse(quiet, "pm.md").actions if a.line == line]
    assert item.status == "open" and item.priority == "P3"  # the comment is not a value


def test_a_header_value_does_not_take_in_the_comment():
    for key, value in (("Severity", "P2"), ("Date", "2026-03-14"), ("Author", "@priya")):
        line = next(ln for ln in GOOD.splitlines() if ln.startswith(f"{key}:"))
        text = GOOD.replace(line, f"{line} <!-- pmcheck-disable-line blame -- quoted -->", 1)
        field = parse(text, "pm.md").metadata.get(key.lower())
        assert field.value == value and field.line == _line_of(text, f"{key}:")
