from dataclasses import replace

import pytest

from pmcheck.document.parse import parse
from pmcheck.options import Options, RuleSetting
from pmcheck.rules.action_dates import incident_date
from pmcheck.rules.actions import check_owner_invalid, invalid_owners, parse_due
from tests.helpers import GOOD, problems, replace_section

# "## Action Items" is line 61 of examples/good.md (incident Date 2026-03-14). A replaced body
# starts on line 63; with a table, the header is 63, the separator 64 and rows start at 65.
AI = "Action Items"
TRACKED = "- [ ] Add a schema bound — owner: @marcus, due: 2026-03-20, P1\n"  # line 63
HEAD = "| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n"


def with_actions(body: str) -> str:
    return replace_section(GOOD, AI, body)


def rows(*cells: str) -> str:
    return HEAD + "".join(f"| {c} |\n" for c in cells)


def test_good_example_is_clean():
    assert problems(GOOD, "actions") == []


ROW_CASES = [
    # owners
    ("Add a schema bound | @marcus | 2026-03-20 | P1 | open", []),
    ("Add a schema bound | @acme/checkout-sre | 2026-03-20 | P1 | open", []),
    ("Add a schema bound | @marcus, @lena | 2026-03-20 | P1 | open", []),
    ("Add a schema bound | `@marcus` | 2026-03-20 | P1 | open", []),
    ("Add a schema bound |  | 2026-03-20 | P1 | open", ["actions.owner-missing"]),
    ("Add a schema bound | TBD | 2026-03-20 | P1 | open", ["actions.owner-missing"]),
    ("Add a schema bound | ? | 2026-03-20 | P1 | open", ["actions.owner-missing"]),
    ("Add a schema bound | Bob | 2026-03-20 | P1 | open", ["actions.owner-invalid"]),
    ("Add a schema bound | @marcus and Bob | 2026-03-20 | P1 | open", ["actions.owner-invalid"]),
    ("Add a schema bound | Checkout team | 2026-03-20 | P1 | open", ["actions.owner-invalid"]),
    # due dates
    ("Add a schema bound | @marcus |  | P1 | open", ["actions.due-missing"]),
    ("Add a schema bound | @marcus | TBD | P1 | open", ["actions.due-missing"]),
    ("Add a schema bound | @marcus | next sprint | P1 | open", ["actions.due-invalid"]),
    ("Add a schema bound | @marcus | 03/20/2026 | P1 | open", ["actions.due-invalid"]),
    ("Add a schema bound | @marcus | 2026-02-30 | P1 | open", ["actions.due-invalid"]),
    ("Add a schema bound | @marcus | 2026-03-01 | P1 | open", ["actions.due-before-incident"]),
    ("Add a schema bound | @marcus | 2025-03-20 | P3 | open", ["actions.due-before-incident"]),
    # priority policy: P1 7 days, P2 14, P3 28 after 2026-03-14
    ("Add a schema bound | @marcus | 2026-03-21 | P1 | open", []),
    ("Add a schema bound | @marcus | 2026-03-22 | P1 | open", ["actions.due-outside-policy"]),
    ("Add a schema bound | @marcus | 2026-03-28 | P2 | open", []),
    ("Add a schema bound | @marcus | 2026-03-29 | P2 | open", ["actions.due-outside-policy"]),
    ("Add a schema bound | @marcus | 2026-04-11 | P3 | open", []),
    ("Add a schema bound | @marcus | 2026-04-12 | P3 | open", ["actions.due-outside-policy"]),
    ("Add a schema bound | @marcus | 2026-06-01 | P3 | deferred", []),
    ("Add a schema bound | @marcus | 2026-06-01 | P3 | completed", ["actions.due-outside-policy"]),
    # priorities
    ("Add a schema bound | @marcus | 2026-03-20 |  | open", ["actions.priority-missing"]),
    ("Add a schema bound | @marcus | 2026-03-20 | urgent | open", ["actions.priority-invalid"]),
    ("Add a schema bound | @marcus | 2026-03-20 | p1 | open", []),
    ("Add a schema bound | @marcus | 2026-03-20 | P4 | open", ["actions.priority-invalid"]),
    # statuses (the table has a Status column)
    ("Add a schema bound | @marcus | 2026-03-20 | P1 | done", []),
    ("Add a schema bound | @marcus | 2026-03-20 | P1 | In Progress", []),
    ("Add a schema bound | @marcus | 2026-03-20 | P1 | won't fix", []),
    ("Add a schema bound | @marcus | 2026-03-20 | P1 | almost", ["actions.status-invalid"]),
    ("Add a schema bound | @marcus | 2026-03-20 | P1 |  ", ["actions.status-invalid"]),
    # fixing people instead of systems
    ("Retrain Bob on the deploy process | @marcus | 2026-03-20 | P1 | open",
     ["actions.fixes-person"]),
    ("Remind engineers to run the load test | @marcus | 2026-03-20 | P1 | open",
     ["actions.fixes-person"]),
    ("Be more careful with capacity settings | @marcus | 2026-03-20 | P1 | open",
     ["actions.fixes-person"]),
    ("Put the author on a performance improvement plan | @marcus | 2026-03-20 | P1 | open",
     ["actions.fixes-person"]),
    ("Run the load test automatically for capacity keys | @marcus | 2026-03-20 | P1 | open", []),
]


@pytest.mark.parametrize("row, expected", ROW_CASES)
def test_table_row(row, expected):
    assert problems(with_actions(rows(row)), "actions") == [(65, r) for r in sorted(expected)]


def test_each_row_reported_on_its_own_line():
    text = with_actions(rows("Add a schema bound | @marcus | 2026-03-20 | P1 | open",
                             "Add a dashboard panel | Lena | 2026-03-20 | P1 | open",
                             "Add an alert | @lena | soon | P1 | open"))
    assert problems(text, "actions") == [(66, "actions.owner-invalid"), (67, "actions.due-invalid")]


def test_columns_in_any_order_and_no_status_column():
    body = """
    | Owner | Pri | Deadline | Task |
    |---|---|---|---|
    | @marcus | P1 | 2026-03-20 | Add a schema bound |
    | Bob | P2 | 2026-03-20 | Add a dashboard panel |
    """
    assert problems(with_actions(body), "actions") == [(66, "actions.owner-invalid")]


def test_configured_team_names_are_owners():
    text = with_actions(rows("Add a schema bound | Checkout team | 2026-03-20 | P1 | open"))
    assert problems(text, "actions", Options(teams=("checkout team",))) == []


def test_configured_priorities_and_policy():
    opts = Options(priorities=("high", "low"), due_policy=(("high", 3), ("low", 30)))
    text = with_actions(rows("Add a schema bound | @marcus | 2026-03-18 | High | open",
                             "Add a dashboard panel | @lena | 2026-04-01 | low | open",
                             "Add an alert | @lena | 2026-03-20 | P1 | open"))
    assert problems(text, "actions", opts) == [(65, "actions.due-outside-policy"),
                                               (67, "actions.priority-invalid")]


def test_checklist_items():
    body = """
    - [ ] Add a schema bound — owner: @marcus, due: 2026-03-20, P1
    - [x] Add a dashboard panel — owner: @lena, due: 2026-03-27, P2
    - [ ] Add an alert — owner: Lena, due: 2026-03-20, P1
    - [ ] Add a runbook entry — owner: @lena, P2
    - [ ] Remind engineers to check the dashboard — owner: @lena, due: 2026-03-20, P1
    """
    assert problems(with_actions(body), "actions") == [
        (65, "actions.owner-invalid"),
        (66, "actions.due-missing"),
        (67, "actions.fixes-person"),
    ]


def test_checklist_owner_column_points_at_the_owner():
    text = with_actions("- [ ] Add an alert — owner: Lena, due: 2026-03-20, P1\n")
    [p] = list(check_owner_invalid(parse(text, "x.md"), Options()))
    assert (p.line, p.column) == (63, text.splitlines()[62].index("Lena") + 1)


def test_a_section_of_plain_bullets_gets_one_finding_not_one_per_bullet():
    body = """
    - We should consider a versioned configuration API.
    - We should alert on configuration load failures.
    - Remind engineers to check the dashboard.
    """
    # fixing people is still reported on its own bullet
    assert problems(with_actions(body), "actions") == [(61, "actions.missing"),
                                                       (65, "actions.fixes-person")]
    from pmcheck.rules.actions import check_missing

    [p] = list(check_missing(parse(with_actions(body), "x.md"), Options()))
    assert (p.line, p.end_line) == (61, 65) and "None of the 3 items" in p.message



def test_a_bare_checklist_gets_one_finding_too():
    body = """
    - [ ] Add redis read replicas to the edge proxy.
    - [x] Increase the size of the edge proxy VMs.
    """
    assert problems(with_actions(body), "actions") == [(61, "actions.missing")]


def test_once_one_item_is_tracked_the_plain_bullets_are_incomplete_items():
    body = """
    - [ ] Add a schema bound — owner: @marcus, due: 2026-03-20, P1
    - We should alert on configuration load failures.
    """
    assert problems(with_actions(body), "actions") == [(64, "actions.incomplete")]


@pytest.mark.parametrize("item, expected", [
    # one field missing: its own rule; two or more: one actions.incomplete
    ("- [ ] Add an alert — owner: @lena, due: 2026-03-20", ["actions.priority-missing"]),
    ("- [ ] Add an alert — owner: @lena, P1", ["actions.due-missing"]),
    ("- [ ] Add an alert — due: 2026-03-20, P1", ["actions.owner-missing"]),
    ("- [ ] Add an alert — owner: @lena", ["actions.incomplete"]),
    ("- [ ] Add an alert — P1", ["actions.incomplete"]),
    # other problems on the same item are still reported
    ("- [ ] Add an alert — owner: Lena", ["actions.incomplete", "actions.owner-invalid"]),
])
def test_missing_fields_are_reported_once_per_item(item, expected):
    assert problems(with_actions(TRACKED + item + "\n"), "actions") == [(64, r) for r in expected]


def test_incomplete_message_names_every_missing_field():
    from pmcheck.rules.actions import check_incomplete

    doc = parse(with_actions(TRACKED + "- [ ] Alert on load failures\n"), "x.md")
    [p] = list(check_incomplete(doc, Options()))
    assert "no owner, due date or priority" in p.message


def linted(text: str, opts: Options) -> list[tuple[int, str]]:
    """(line, rule) of the actions findings the linter reports (rule settings applied)."""
    from pmcheck.linter import lint_text

    found, _ = lint_text(text, "postmortems/x.md", opts)
    return [(f.line, f.rule) for f in found if f.category == "actions"]


def test_switched_off_fields_are_not_asked_for():
    off = RuleSetting(enabled=False)
    no_priority = Options(rules=(("actions.priority-missing", off),))
    no_due_no_priority = Options(rules=(("actions.priority-missing", off),
                                        ("actions.due-missing", off)))
    no_incomplete = Options(rules=(("actions.incomplete", off),))
    item = with_actions(TRACKED + "- [ ] Add an alert — owner: @lena\n")
    bare = with_actions(TRACKED + "- [ ] Add an alert\n")
    assert linted(item, Options()) == [(64, "actions.incomplete")]
    assert linted(item, no_priority) == [(64, "actions.due-missing")]
    assert linted(bare, no_due_no_priority) == [(64, "actions.owner-missing")]
    # with actions.incomplete off the separate rules report each field again
    assert linted(item, no_incomplete) == [(64, "actions.due-missing"),
                                           (64, "actions.priority-missing")]


def test_prose_only_section_has_no_items():
    body = """
    We will look into versioning the configuration API.
    """
    assert problems(with_actions(body), "actions") == [(61, "actions.missing")]


def test_no_items():
    assert problems(with_actions("We will look into it.\n"), "actions") == [
        (61, "actions.missing")]


def test_missing_or_empty_section_is_left_to_structure():
    text = GOOD[: GOOD.index("## Action Items")]
    assert problems(text, "actions") == []
    assert problems(with_actions("TBD\n"), "actions") == []
    assert problems(with_actions(""), "actions") == []


def test_no_section_is_reported_at_the_title_when_the_template_does_not_require_it():
    from pmcheck.template import DEFAULT

    opts = Options(template=replace(DEFAULT, required=tuple(
        k for k in DEFAULT.required if k != "action-items")))
    text = GOOD[: GOOD.index("## Action Items")]
    assert problems(text, "actions", opts) == [(1, "actions.missing")]


def test_date_rules_need_an_incident_date():
    text = with_actions(rows("Add a schema bound | @marcus | 2020-01-01 | P1 | open"))
    text = text.replace("Date: 2026-03-14", "Date: last Saturday")
    assert problems(text, "actions") == []


def test_external_documents_are_skipped():
    text = "---\naudience: external\n---\n" + with_actions("We will look into it.\n")
    assert problems(text, "actions") == []


def test_owner_column_points_at_the_owner_cell():
    text = with_actions(rows("Add a schema bound | Bob | 2026-03-20 | P1 | open"))
    [p] = list(check_owner_invalid(parse(text, "x.md"), Options()))
    assert (p.line, p.column) == (65, text.splitlines()[64].index("Bob") + 1)
    assert p.subject == "Add a schema bound"
    assert '"Bob"' in p.message


@pytest.mark.parametrize("value, bad", [
    ("@marcus", []), ("@acme/sre-team", []), ("@a, @b & @c", []), ("@jane-doe_acme", []),
    ("Bob", ["Bob"]), ("@marcus and Bob", ["Bob"]), ("marcus@example.com", ["marcus@example.com"]),
    ("@-bad", ["@-bad"]), ("Jane Doe (@jane-doe)", []), ("Jane (Ops)", ["Jane (Ops)"]),
])
def test_invalid_owners(value, bad):
    assert invalid_owners(value, ()) == bad


def test_parse_due_and_incident_date():
    assert str(parse_due(" 2026-03-20 ")) == "2026-03-20"
    assert parse_due("2026_03_20") is None  # nothing is deleted to make a date
    assert parse_due("2026-03-20 (end of sprint)") is None
    assert parse_due("2026-13-01") is None
    text = GOOD.replace("Date: 2026-03-14", "Date: 2026-03-14 10:03 UTC")
    assert str(incident_date(parse(text, "x.md"))) == "2026-03-14"


# -- a due date written another way, without a colon, is a due date in the wrong form ---------

def _actions(body: str):
    from pmcheck.linter import lint_text

    findings, _ = lint_text(with_actions(body), "pm.md", Options())
    return [(f.line, f.rule, f.message, f.suggestion) for f in findings
            if f.rule.startswith("actions.")]


@pytest.mark.parametrize("item, due, fixed", [
    ("- Automate sidecar restart, @kim, due 12/04/2026, P2", "12/04/2026", None),  # ambiguous
    ("- Automate sidecar restart, @kim, due: 12/04/2026, P2", "12/04/2026", None),
    ("- Automate sidecar restart, @kim, due 13/04/2026, P2", "13/04/2026",
     "- Automate sidecar restart, @kim, due 2026-04-13, P2"),
    ("- Automate sidecar restart, @kim, due: March 4, P2", "March 4", None),  # no year
    ("- Automate sidecar restart, @kim, due March 20, 2026, P2", "March 20, 2026",
     "- Automate sidecar restart, @kim, due 2026-03-20, P2"),
    ("- [ ] Automate sidecar restart, @kim, due by Friday, P2", "Friday", None),
    ("- Automate sidecar restart, @kim, due 2026/03/20, P2", "2026/03/20",
     "- Automate sidecar restart, @kim, due 2026-03-20, P2"),
])
def test_non_iso_due_is_read_as_the_due_date_and_reported_invalid(item, due, fixed):
    found = _actions(item + "\n")
    assert [(line, rule) for line, rule, _, _ in found] == [(63, "actions.due-invalid")]
    _, _, message, suggestion = found[0]
    assert message == (f'Due date "{due}" of action item "Automate sidecar restart, @kim" '
                       "is not an ISO date.")
    assert suggestion == fixed


def test_the_walkthrough_item_says_what_is_wrong_not_missing():
    found = _actions("- Automate sidecar restart, @kim, due 12/04/2026\n")
    assert sorted((line, rule) for line, rule, _, _ in found) == [
        (63, "actions.due-invalid"), (63, "actions.priority-missing")]
    assert all("no due date" not in message for _, _, message, _ in found)


@pytest.mark.parametrize("item", [
    "- Fix alerting due to a missing metric, @kim, P2",
    "- Add due diligence checks for vendors, @kim, P2",
])
def test_due_as_an_ordinary_word_is_not_a_due_date(item):
    assert [(line, rule) for line, rule, _, _ in _actions(item + "\n")] == [
        (63, "actions.due-missing")]
