"""Suggested fixes (Problem.suggestion) and ranges (Problem.end_line) of the rule families.

A suggestion replaces lines line..end_line; it is offered only where the fix is certain. Each
case also applies the suggestion and checks that the finding is gone.
"""

from __future__ import annotations

import pytest

from pmcheck.document.parse import parse
from pmcheck.options import Options
from pmcheck.rules import all_rules
from tests.helpers import GOOD, md, replace_section

RULES = {r.id: r for r in all_rules()}


def found(text: str, rule_id: str, opts: Options | None = None):
    """The rule's problems on `text`."""
    opts = opts or Options()
    return list(RULES[rule_id].check(parse(text, "postmortems/x.md", opts.template), opts))


def suggestions(text: str, rule_id: str) -> list[tuple[int, str, str | None]]:
    return [(p.line, rule_id, p.suggestion) for p in found(text, rule_id)]


def apply(text: str, line: int, suggestion: str) -> str:
    lines = text.split("\n")
    lines[line - 1] = suggestion
    return "\n".join(lines)


def timeline(body: str) -> str:
    return replace_section(GOOD, "Timeline", "All times are UTC.\n\n" + md(body))


CASES = [
    # 12-hour timeline times (the entries start on line 23)
    ("timeline.time-not-24h", timeline("- 10:03: Rollout.\n- 2:05 PM: Alert fires.\n"),
     [(24, "- 14:05: Alert fires.")]),
    ("timeline.time-not-24h", timeline("- 10:03: Rollout.\n- 2pm - Alert fires.\n"),
     [(24, "- 14:00 - Alert fires.")]),
    ("timeline.time-not-24h", timeline("- 12:30 AM: Rollout.\n- 00:40: Alert fires.\n"),
     [(23, "- 00:30: Rollout.")]),
    ("timeline.time-not-24h", timeline("- 10:03: Rollout.\n- 2:05:30 PM: Alert fires.\n"),
     [(24, "- 14:05:30: Alert fires.")]),
    ("timeline.time-not-24h",
     timeline("| Time | Event |\n|---|---|\n| 10:03 | Rollout |\n| 2:05 PM | Alert |\n"),
     [(26, "| 14:05 | Alert |")]),
    # metadata dates that can be read one way only (Date is line 3 of good.md)
    ("metadata.date-invalid", GOOD.replace("Date: 2026-03-14", "Date: March 14, 2026"),
     [(3, "Date: 2026-03-14")]),
    ("metadata.date-invalid", GOOD.replace("Date: 2026-03-14", "Date: 14 March 2026"),
     [(3, "Date: 2026-03-14")]),
    ("metadata.date-invalid", GOOD.replace("Date: 2026-03-14", "Date: 2026/03/14"),
     [(3, "Date: 2026-03-14")]),
    ("metadata.date-invalid", GOOD.replace("Date: 2026-03-14", "Date: 14/03/2026"),
     [(3, "Date: 2026-03-14")]),
    ("metadata.date-invalid", GOOD.replace("Date: 2026-03-14", "Date: Sat, 14 Mar 2026 10:05 UTC"),
     [(3, "Date: 2026-03-14 10:05 UTC")]),
    ("metadata.date-invalid", GOOD.replace("Date: 2026-03-14", "**Date:** March 14, 2026"),
     [(3, "**Date:** 2026-03-14")]),
    ("metadata.date-invalid", '---\ndate: "March 14, 2026"\n---\n# Outage\n',
     [(2, 'date: "2026-03-14"')]),
    ("metadata.published-invalid",
     GOOD.replace("Status: final", "Published: March 19, 2026"),
     [(12, "Published: 2026-03-19")]),
    # action items due in an unambiguous non-ISO form
    ("actions.due-invalid", replace_section(GOOD, "Action Items", md("""
        | Action | Owner | Due | Priority |
        |---|---|---|---|
        | Add a schema bound | @marcus | March 20, 2026 | P1 |
        """)), [(65, "| Add a schema bound | @marcus | 2026-03-20 | P1 |")]),
    ("actions.due-invalid", replace_section(
        GOOD, "Action Items", "- [ ] Add a schema bound — owner: @marcus, due: 2026/03/20, P1\n"),
     [(63, "- [ ] Add a schema bound — owner: @marcus, due: 2026-03-20, P1")]),
    # a second level-1 heading with no level-2 headings under it
    ("structure.title-multiple", GOOD.replace("## Action Items", "# Action Items"),
     [(61, "## Action Items")]),
]


@pytest.mark.parametrize("rule_id, text, expected", CASES)
def test_suggestion_and_applying_it_fixes_the_finding(rule_id, text, expected):
    assert suggestions(text, rule_id) == [(line, rule_id, s) for line, s in expected]
    for line, s in expected:
        fixed = apply(text, line, s)
        assert [p.line for p in found(fixed, rule_id)] == [], fixed


NO_SUGGESTION = [
    # day and month both 12 or less: two readings, no guess
    ("metadata.date-invalid", GOOD.replace("Date: 2026-03-14", "Date: 03/04/2026"), 3),
    ("metadata.date-invalid", GOOD.replace("Date: 2026-03-14", "Date: last Saturday"), 3),
    ("metadata.date-invalid", GOOD.replace("Date: 2026-03-14", "Date: March 14"), 3),
    ("actions.due-invalid", replace_section(
        GOOD, "Action Items", "- [ ] Add a schema bound — owner: @marcus, due: next sprint, P1\n"),
     63),
    # the same time twice on the line: which one is meant is not certain
    ("timeline.time-not-24h", timeline("- 10:03: Rollout.\n- 2pm: Alert at 2pm.\n"), 24),
    # level-2 headings follow: demoting would make them its siblings
    ("structure.title-multiple", GOOD.replace("## Summary", "# Summary"), 14),
]


@pytest.mark.parametrize("rule_id, text, line", NO_SUGGESTION)
def test_no_suggestion_where_the_fix_is_not_certain(rule_id, text, line):
    assert suggestions(text, rule_id) == [(line, rule_id, None)]


def test_many_12_hour_times_get_one_finding_without_a_suggestion():
    text = timeline("".join(f"- {h}:05 PM: Step {h}.\n" for h in range(1, 6)))
    [p] = found(text, "timeline.time-not-24h")
    assert (p.line, p.end_line, p.suggestion) == (23, 27, None)


RANGES = [
    # a chain too short spans its lines (why on 37, last because on 41)
    ("whys.too-short", replace_section(GOOD, "Contributing Factors", md("""
        Why did checkout requests fail?
        → Because every request timed out.

        Why were no connections available?
        → Because the pool ceiling had been lowered to 20.
        """)), [(37, 41)]),
    # an empty section spans its heading and placeholder
    ("structure.empty-section", replace_section(GOOD, "Root Cause", "TBD"), [(30, 32)]),
    # a bare heading stays one line
    ("structure.empty-section", replace_section(GOOD, "Root Cause", ""), [(30, None)]),
    ("actions.missing", replace_section(GOOD, "Action Items", "We will look into it.\n\nSoon."),
     [(61, 65)]),
    ("timeline.entries-missing", replace_section(GOOD, "Timeline", "In the morning it broke."),
     [(19, 21)]),
    # a long section: the finding stays on its heading
    ("actions.missing", replace_section(GOOD, "Action Items",
                                        "".join(f"- Note {i}.\n\n" for i in range(10))),
     [(61, None)]),
]


@pytest.mark.parametrize("rule_id, text, expected", RANGES)
def test_ranges(rule_id, text, expected):
    assert [(p.line, p.end_line) for p in found(text, rule_id)] == expected
