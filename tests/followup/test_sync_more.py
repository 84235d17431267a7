"""Follow-up sync, the rest of issue 6's list: assignees, body, labels, pacing, rate limits,
escaping, dashboard and review, dry run."""

from __future__ import annotations

import io

import github.Requester
import pytest
from github_emulator import RW_TOKEN

from pmcheck.action import followup_mode
from pmcheck.action.settings import Settings
from pmcheck.github.client import connect
from pmcheck.github.issue_text import BEGIN, END, parse_marker

from followup.pm import ROWS, D, postmortem, write
from followup.test_sync import DAY1, PM, issues, run, setup, writes_of


def test_the_body_holds_incident_link_owner_due_days_as_of_and_policy(github_emulator,
                                                                      tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    body = issues(emu)[0]["body"]
    block = body[body.index(BEGIN):body.index(END)]
    for part in ["**Incident:** Billing worker stalled on a full queue (2026-02-01)",
                 f"[{PM} line 14](https://github.com/octo-org/postmortems/blob/main/{PM}#L14)",
                 "**Owner:** `@ana` (assigned)",
                 "**Due:** 2026-02-10 \u2014 **19 days overdue** (as of 2026-03-01)",
                 "**Priority:** P1 (policy: due within 7 days of the incident)",
                 "**Status in the postmortem:** open"]:
        assert part in block, part


def test_a_new_owner_replaces_the_old_one_and_people_s_assignees_stay(github_emulator,
                                                                      tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    emu.state.add_collaborator("cy")
    emu.state.add_collaborator("lead")
    run(emu, tmp_path)
    number = issues(emu)[0]["number"]
    emu.state.issues[number]["assignees"].append("lead")  # a person adds a helper
    write(tmp_path, PM, postmortem([ROWS[0][:1] + ("@cy",) + ROWS[0][2:]] + ROWS[1:]))
    run(emu, tmp_path)
    issue = emu.state.issues[number]
    assert issue["assignees"] == ["lead", "cy"]
    assert "`@cy` (assigned)" in issue["body"]
    assert parse_marker(issue["body"]).get("assigned") == "cy"
    # an owner who cannot be assigned: the former owner still goes, the new one is named
    write(tmp_path, PM, postmortem([ROWS[0][:1] + ("@zed",) + ROWS[0][2:]] + ROWS[1:]))
    run(emu, tmp_path)
    issue = emu.state.issues[number]
    assert issue["assignees"] == ["lead"] and "`@zed` (cannot be assigned" in issue["body"]


def test_assignability_is_checked_before_the_issue_is_opened(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    ops = [r.operation for r in emu.requests]
    assert ops.index("issues/check-user-can-be-assigned") < ops.index("issues/create")
    assert [r.body.get("assignees") for r in emu.calls("POST", r"/issues$")] == [["ana"], ["bo"]]


def test_configured_labels_are_created_when_missing_and_find_the_issues(github_emulator,
                                                                        tmp_path):
    emu = github_emulator
    emu.state.add_label("reliability", "0e8a16")  # exists already: not created again
    setup(emu, tmp_path, config="followup:\n  labels: [pm-follow-up, reliability]\n"
                                "  priority-labels: false\n")
    run(emu, tmp_path)
    created = [r.body["name"] for r in emu.calls("POST", r"/labels$")]
    assert created == ["pm-follow-up"]
    assert [sorted(i["labels"]) for i in issues(emu)] == [["pm-follow-up", "reliability"]] * 2
    start = len(emu.requests)
    run(emu, tmp_path)
    assert writes_of(emu, start) == []
    assert emu.calls("GET", r"/issues$")[-2].query.get("labels") == "pm-follow-up"


def test_a_deferred_item_gets_a_comment_saying_so(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    write(tmp_path, PM, postmortem([ROWS[0][:4] + ("won't fix",)] + ROWS[1:]))
    result, _ = run(emu, tmp_path)
    number = issues(emu)[0]["number"]
    assert emu.state.issues[number]["state_reason"] == "not_planned"
    assert "**deferred**" in emu.state.comments_on(number)[0]["body"]
    assert result.outputs["issues-closed"] == 1


def test_a_forged_end_marker_in_a_cell_cannot_cut_pmcheck_s_block(github_emulator, tmp_path):
    emu = github_emulator
    owner = "@ana `<!-- pmcheck:end -->` <!-- pmcheck:item key=evil -->"
    setup(emu, tmp_path, rows=[("Alert on `-->` queue depth @bo", owner, "2026-02-10", "P1",
                                "open")])
    run(emu, tmp_path)
    number = issues(emu)[0]["number"]
    body = emu.state.issues[number]["body"]
    shown = body.splitlines()[2:-1]  # between pmcheck's marker and its end line
    assert body.count(END) == 1 and not [ln for ln in shown if "<!--" in ln or "-->" in ln]
    assert "@bo" not in body and "@ana" not in body.replace("@\u200bana", "")
    emu.state.issues[number]["body"] += "\n\nA person's note."
    write(tmp_path, PM, postmortem([("Alert on `-->` queue depth @bo", owner, "2026-02-12",
                                     "P1", "open")]))
    run(emu, tmp_path)
    body = emu.state.issues[number]["body"]
    assert body.count(BEGIN) == 1 and body.endswith("A person's note.")
    assert parse_marker(body).get("key") != "evil" and "2026-02-12" in body


def test_writes_are_spaced_one_second_apart_in_production_only(github_emulator, tmp_path,
                                                               monkeypatch):
    emu = github_emulator
    setup(emu, tmp_path)
    slept: list[float] = []
    monkeypatch.setattr(github.Requester.time, "sleep", slept.append)  # record, never wait
    settings = Settings(token=RW_TOKEN, mode="followup", today=DAY1, workspace=tmp_path,
                        repository="octo-org/postmortems", api_url=emu.url)
    gh = connect(settings, for_tests=True)
    followup_mode.run(settings, gh, gh.get_repo(settings.repository), io.StringIO())
    assert len(emu.writes()) == 5 and slept == []  # tests: 3 labels + 2 issues, no pacing
    write(tmp_path, PM, postmortem([ROWS[0][:4] + ("completed",)] + ROWS[1:]))
    gh = connect(settings)  # production pacing
    followup_mode.run(settings, gh, gh.get_repo(settings.repository), io.StringIO())
    assert len(emu.writes()) == 7  # a comment, then the close
    assert [s for s in slept if s > 0.5] == [pytest.approx(1.0, abs=0.3)]


def test_a_secondary_rate_limit_on_create_is_waited_out_without_a_duplicate(github_emulator,
                                                                           tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    emu.rate_limit_next("secondary", "POST", r"/issues$", retry_after=0)
    result, _ = run(emu, tmp_path)
    assert result.exit_code == 0
    assert [i["title"][:4] for i in issues(emu)] == ["[P1]", "[P2]"]
    assert [r.status for r in emu.calls("POST", r"/issues$")] == [403, 201, 201]


def test_dashboard_lists_open_items_by_priority_with_a_mermaid_chart(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path, config="followup:\n  dashboard: true\n")
    run(emu, tmp_path)
    dash = [i for i in issues(emu) if i["title"] == "Postmortem action items: dashboard"]
    assert len(dash) == 1
    body = dash[0]["body"]
    assert "```mermaid\nxychart-beta" in body
    assert body.index("### P1") < body.index("### P2")
    assert "**3 open action items**" in body  # the not-yet-due canary item is open too
    assert "30-day review" not in body  # review is off
    # a person closes the dashboard: pmcheck stops updating it and never opens another
    emu.state.issues[dash[0]["number"]].update(state="closed", state_reason="not_planned")
    write(tmp_path, PM, postmortem([ROWS[0][:4] + ("completed",)] + ROWS[1:]))
    run(emu, tmp_path, today=D(2026, 3, 8))
    assert len([i for i in issues(emu) if "dashboard" in i["title"]]) == 1
    assert emu.state.issues[dash[0]["number"]]["body"] == body


def test_the_30_day_review_is_in_the_job_summary(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path, config="followup:\n  review: true\n")
    result, _ = run(emu, tmp_path, today=D(2026, 3, 3))  # the incident is 30 days old
    assert "### 30-day review" in result.summary
    assert "| 2026-02-01 | 1 | 0 |" in result.summary


@pytest.mark.parametrize("change, planned", [
    ("completed", "would close #1 (completed)"),
    ("2026-02-12", "would update #1"),
])
def test_dry_run_plans_closes_and_updates_too(github_emulator, tmp_path, change, planned):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    row = ROWS[0][:4] + (change,) if change == "completed" else ROWS[0][:2] + (change, "P1",
                                                                               "open")
    write(tmp_path, PM, postmortem([row] + ROWS[1:]))
    start = len(emu.requests)
    result, log = run(emu, tmp_path, dry_run=True)
    assert writes_of(emu, start) == []
    assert planned in log and planned in result.summary
    assert result.outputs["issues-closed"] == 0 and result.outputs["issues-updated"] == 0


def test_the_default_budget_is_50_writes_and_the_rest_waits_for_the_next_run(github_emulator,
                                                                             tmp_path):
    emu = github_emulator
    rows = [(f"Add an alert for queue {n}", "", f"2026-02-{1 + n % 20:02d}", "P1", "open")
            for n in range(55)]
    setup(emu, tmp_path, rows=rows)
    result, _ = run(emu, tmp_path)
    assert len(emu.writes()) == 50  # 2 labels + 48 issues
    assert result.outputs["issues-opened"] == 48 and "Left for the next run** (7)" in result.summary
    opened_first = {i["title"] for i in issues(emu)}
    run(emu, tmp_path)
    assert len(issues(emu)) == 55 and len({i["title"] for i in issues(emu)}) == 55
    # the most overdue went first: the 7 left were the latest due (then the lowest rows)
    latest = sorted(range(55), key=lambda n: (1 + n % 20, n))[-7:]
    assert {i["title"] for i in issues(emu)} - opened_first == {
        f"[P1] Add an alert for queue {n}" for n in latest}


def test_a_deleted_postmortem_closes_its_issues_but_an_empty_checkout_closes_nothing(
        github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    (tmp_path / PM).unlink()  # nothing read at all (a bad `paths`, an empty checkout)
    start = len(emu.requests)
    result, log = run(emu, tmp_path)
    assert writes_of(emu, start) == [] and all(i["state"] == "open" for i in issues(emu))
    assert "::warning title=pmcheck follow-up::no postmortem matches paths" in log
    assert "no postmortem matches `paths`" in result.summary
    write(tmp_path, "postmortems/2026-03-02-dns.md",
          postmortem([("Cache the resolver answers", "@ana", "2026-09-01", "P2", "open")]))
    run(emu, tmp_path)  # another postmortem was read; the billing one is really gone
    assert [(i["state"], i["state_reason"]) for i in issues(emu)] == [("closed", "not_planned")] * 2
    assert all("no longer in the postmortem" in emu.state.comments_on(i["number"])[0]["body"]
               for i in issues(emu))
