"""Issue 2's requirements, one defect each, through the whole linter.

Each case plants one defect in a clean postmortem (examples/good.md, or its front-matter
variant) and expects exactly the findings it should cause, at their lines: nothing more, so a
defect never drags unrelated findings along. The clean examples themselves pass `pmcheck check`
with no finding and no suppression.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pmcheck.cli import cli
from pmcheck.linter import lint_text
from pmcheck.options import Options
from tests.helpers import GOOD, ROOT

FM = (ROOT / "examples" / "good-frontmatter.md").read_text(encoding="utf-8")
ENTRIES = GOOD[GOOD.index("- 10:03:"):GOOD.index("## Root Cause")].rstrip("\n") + "\n"
LAST_TWO_WHYS = GOOD[GOOD.index("Why did the lower ceiling"):GOOD.index("Systemic factor:")]
WENT_WELL = GOOD[GOOD.index("## What Went Well"):GOOD.index("## What Could Have Gone Better")]
WENT_WRONG = GOOD[GOOD.index("## What Could Have Gone Better"):GOOD.index("## Action Items")]


def edit(base: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in base, old
        base = base.replace(old, new, 1)
    return base


def findings(text: str, opts: Options | None = None) -> list[tuple[int, str]]:
    found, suppressed = lint_text(text, "postmortems/2026-03-14-checkout.md", opts or Options())
    assert suppressed == []
    return [(f.line, f.rule) for f in found]


REQUIREMENTS = [
    # --- 1. metadata keys: case-insensitive, "-", "_" and space equivalent, aliases
    ("keys in any case and separator", edit(GOOD, ("Incident owner:", "incident_owner:"),
                                            ("Reviewers:", "REVIEWERS:")), []),
    ("Incident team is Responders", edit(GOOD, ("Responders:", "Incident-team:"),
                                         ("Reviewers: @lena, @sofia", "Reviewers: @lena")),
     [(11, "metadata.reviewer-outside-team")]),
    # --- 2. metadata
    ("Date is ISO", edit(GOOD, ("Date: 2026-03-14", "Date: 14.03.2026")),
     [(3, "metadata.date-invalid")]),
    ("Severity is configured", edit(GOOD, ("Severity: P2", "Severity: P5")),
     [(4, "metadata.severity-unknown")]),
    ("Duration present", edit(GOOD, ("Duration: 47 minutes\n", "")),
     [(3, "metadata.duration-missing")]),
    ("Duration parseable", edit(GOOD, ("Duration: 47 minutes", "Duration: a while")),
     [(5, "metadata.duration-invalid")]),
    ("Impact present", edit(GOOD, ("Impact: About", "Scope: About")),
     [(3, "metadata.impact-missing")]),
    ("Impact says something", edit(GOOD, ("Impact: About 18% of checkout requests in eu-west "
                                          "failed with HTTP 503 for 47 minutes; no orders were "
                                          "lost.", "Impact: High")),
     [(6, "metadata.impact-vague")]),
    ("Author present", edit(GOOD, ("Author: @priya\n", "")), [(3, "metadata.author-missing")]),
    ("Reviewers present", edit(GOOD, ("Reviewers: @lena, @sofia\n", "")),
     [(3, "metadata.reviewers-missing")]),
    ("a Reviewer outside the Responders", edit(GOOD, ("Reviewers: @lena, @sofia",
                                                      "Reviewers: @lena")),
     [(11, "metadata.reviewer-outside-team")]),
    ("Facilitator is not the Incident owner", edit(GOOD, ("Facilitator: @jun",
                                                          "Facilitator: @marcus")),
     [(9, "metadata.facilitator-independent")]),
    ("Published within 5 business days", edit(GOOD, ("Status: final", "Published: 2026-03-30")),
     [(12, "metadata.published-late")]),
    ("Published on the 5th business day", edit(GOOD, ("Status: final", "Published: 2026-03-20")),
     []),
    ("front matter: Published late", edit(FM, ("status: final", "published: 2026-03-30")),
     [(15, "metadata.published-late")]),
    ("front matter: Date is ISO", edit(FM, ("date: 2026-03-14", "date: 14.03.2026")),
     [(2, "metadata.date-invalid")]),
    ("front matter: Facilitator is not the Author", edit(FM, ('facilitator: "@jun"',
                                                             'facilitator: "@priya"')),
     [(8, "metadata.facilitator-independent")]),
    ("front matter: a Reviewer outside the incident team", edit(FM, ('  - "@sofia"\n', "")),
     [(12, "metadata.reviewer-outside-team")]),
    # --- 2. structure
    ("required section present", edit(GOOD, ("## What Went Well", "## Highlights")),
     [(49, "structure.missing-section")]),
    ("section aliases", edit(GOOD, ("## What Could Have Gone Better", "## What went wrong"),
                             ("## Action Items", "## Follow-ups"),
                             ("## Contributing Factors", "## 5 Whys"),
                             ("## Root Cause", "## Root Causes")), []),
    ("more aliases", edit(GOOD, ("## Action Items", "## Corrective Actions")), []),
    ("required section non-empty", edit(GOOD, (WENT_WELL, "## What Went Well\n\n")),
     [(51, "structure.empty-section")]),
    ("What Went Well before What Could Have Gone Better",
     edit(GOOD, (WENT_WELL + WENT_WRONG, WENT_WRONG + WENT_WELL)),
     [(56, "structure.section-order")]),
    ("a title", edit(GOOD, ("# Checkout API", "Checkout API")), [(14, "structure.title-missing")]),
    # --- 1./2. timeline
    ("24-hour times", edit(GOOD, ("- 10:52: Error", "- 10:52 AM: Error")),
     [(28, "timeline.time-not-24h")]),
    ("UTC stated", edit(GOOD, ("All times are UTC.\n", "")), [(19, "timeline.timezone-not-utc")]),
    ("or a zone on every entry", edit(GOOD, ("All times are UTC.\n", ""),
                                      *((f"- {t}:", f"- {t} UTC:") for t in
                                        ("10:03", "10:05", "10:09", "10:21", "10:38", "10:52"))),
     []),
    ("'- HH:MM event' without a colon", edit(GOOD, ("- 10:38: The", "- 10:38 The")), []),
    ("chronological", edit(GOOD, ("- 10:21:", "- 10:01:")), [(26, "timeline.not-chronological")]),
    ("chronological in a | Time | Event | table",
     edit(GOOD, (ENTRIES, "| Time | Event |\n|---|---|\n| 10:03 | Rollout |\n"
                          "| 10:52 | Resolved |\n| 10:40 | Revert |\n")),
     [(27, "timeline.not-chronological")]),
    ("day headings handle midnight",
     edit(GOOD, (ENTRIES, "### 2026-03-14\n\n- 23:40: Rollout.\n\n### 2026-03-15\n\n"
                          "- 00:27: Resolved.\n")), []),
    ("span agrees with Duration", edit(GOOD, ("Duration: 47 minutes", "Duration: 5 hours")),
     [(19, "timeline.span-mismatch")]),
    # --- 1./2. whys
    ("at least three links", edit(GOOD, (LAST_TWO_WHYS, "")), [(37, "whys.too-short")]),
    ("'->' and plain 'Because' count", edit(GOOD, ("→ Because every", "-> Because every"),
                                             ("→ Because the pool", "Because the pool")), []),
    ("the chain ends at a system, not a person",
     edit(GOOD, ("Systemic factor: the deploy pipeline has no guard for capacity-related "
                 "configuration keys.", "Systemic factor: the code reviewer didn't catch it.")),
     [(49, "blame.person-as-cause"), (49, "whys.ends-at-person")]),
    # --- 1./2. actions
    ("owner is a @handle", edit(GOOD, ("| @lena | 2026-04-10", "| Lena | 2026-04-10")),
     [(67, "actions.owner-invalid")]),
    ("owner is missing", edit(GOOD, ("| @lena | 2026-04-10", "| TBD | 2026-04-10")),
     [(67, "actions.owner-missing")]),
    ("due date is ISO", edit(GOOD, ("| 2026-04-10 |", "| end of April |")),
     [(67, "actions.due-invalid")]),
    ("due date not before the incident", edit(GOOD, ("| 2026-04-10 |", "| 2026-03-10 |")),
     [(67, "actions.due-before-incident")]),
    ("due date within the priority policy", edit(GOOD, ("| 2026-04-10 |", "| 2026-04-30 |")),
     [(67, "actions.due-outside-policy")]),
    ("priority is configured", edit(GOOD, ("| 2026-04-10 | P3 |", "| 2026-04-10 | soon |")),
     [(67, "actions.priority-invalid")]),
    ("status is known", edit(GOOD, ("| P3 | open |", "| P3 | maybe |")),
     [(67, "actions.status-invalid")]),
    ("status aliases accepted", edit(GOOD, ("| P3 | open |", "| P3 | WIP |")), []),
    ("columns in any order, header aliases",
     edit(GOOD, ("| Action | Owner | Due | Priority | Status |",
                 "| Task | DRI | Deadline | Pri | State |")), []),
    ("an item fixes a system, not a person",
     edit(GOOD, ("| Add a pool-usage panel and alert to the checkout dashboard |",
                 "| Be more careful with pool settings |")),
     [(67, "actions.fixes-person")]),
    ("checklist items",
     edit(GOOD, ("| Add a pool-usage panel and alert to the checkout dashboard | @lena | "
                 "2026-04-10 | P3 | open |\n",
                 "\n- [ ] Add a CI gate — owner: @alice, due: 2026-03-22, P1\n"
                 "- [ ] Add an alert — owner: @alice\n")),
     [(68, "actions.due-outside-policy"), (69, "actions.incomplete")]),
    ("at least one item", edit(GOOD, (GOOD[GOOD.index("| Action | Owner"):],
                                      "We will look into it.\n")),
     [(61, "actions.missing")]),
    # --- one defect, one finding: an empty or missing section is not also "no items"
    ("Action Items empty", edit(GOOD, (GOOD[GOOD.index("| Action | Owner"):], "TBD\n")),
     [(61, "structure.empty-section")]),
    ("Action Items missing", GOOD[:GOOD.index("## Action Items")],
     [(59, "structure.missing-section")]),
    ("Timeline holds only a placeholder", edit(GOOD, ("All times are UTC.\n\n" + ENTRIES, "TBD\n")),
     [(19, "structure.empty-section")]),
    ("Contributing Factors empty",
     edit(GOOD, (GOOD[GOOD.index("Why did checkout"):GOOD.index("## What Went Well")], "\n")),
     [(35, "structure.empty-section")]),
]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=n) for n, t, e in REQUIREMENTS])
def test_one_defect_gives_exactly_its_findings(text, expected):
    assert findings(text) == expected


def test_configured_team_is_an_owner():
    text = edit(GOOD, ("| @lena | 2026-04-10", "| checkout team | 2026-04-10"))
    assert findings(text, Options(teams=("checkout team",))) == []


@pytest.mark.parametrize("name", ["good.md", "good-frontmatter.md", "external.md"])
def test_clean_examples_pass_pmcheck_check_with_nothing_to_report(name):
    r = CliRunner().invoke(cli, ["check", "--format", "json", str(ROOT / "examples" / name)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert (data["files_checked"], data["findings"], data["suppressed"]) == (1, [], [])
