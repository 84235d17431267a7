"""Follow-up mode against the GitHub emulator: the issue's Test section, with `today` injected."""

from __future__ import annotations

import io

from github_emulator import BOT_LOGIN, MAINTAINER, RO_TOKEN, RW_TOKEN

from pmcheck.action import followup_mode
from pmcheck.action.settings import Settings
from pmcheck.github.client import connect
from pmcheck.github.issue_text import parse_marker

from followup.pm import ROWS, D, postmortem, write

PM = "postmortems/2026-02-01-billing.md"
DAY1 = D(2026, 3, 1)  # rows 0 (P1, @ana) and 1 (P2, @bo) are overdue


def run(emu, root, today=DAY1, token=RW_TOKEN, dry_run=False):
    settings = Settings(token=token, mode="followup", today=today, dry_run=dry_run,
                        workspace=root, repository="octo-org/postmortems", api_url=emu.url)
    gh = connect(settings, for_tests=True)
    out = io.StringIO()
    result = followup_mode.run(settings, gh, gh.get_repo(settings.repository), out)
    return result, out.getvalue()


def setup(emu, root, rows=ROWS, config: str | None = None):
    for login in ("ana", "bo"):
        emu.state.add_collaborator(login)
    write(root, PM, postmortem(rows))
    if config:
        write(root, ".pmcheck.yml", config)


def issues(emu):
    return sorted(emu.state.real_issues(), key=lambda i: i["number"])


def label_names(issue):
    return sorted(issue["labels"])


def writes_of(emu, start):
    return [(r.method, r.path) for r in emu.requests[start:] if r.method != "GET"]


def test_first_run_opens_exactly_one_issue_per_overdue_item(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    result, log = run(emu, tmp_path)
    got = issues(emu)
    assert [i["title"] for i in got] == ["[P1] Alert on queue depth for the billing worker",
                                         "[P2] Document the failover runbook"]
    assert [label_names(i) for i in got] == [["postmortem-action", "priority:P1"],
                                             ["postmortem-action", "priority:P2"]]
    assert [i["assignees"] for i in got] == [["ana"], ["bo"]]
    assert all(i["user"] == BOT_LOGIN for i in got)
    body = got[0]["body"]
    assert f"https://github.com/octo-org/postmortems/blob/main/{PM}#L14" in body
    assert "19 days overdue" in body and "policy: due within 7 days" in body
    assert parse_marker(body).get("path") == PM
    assert dict(result.outputs) == {"overdue": 2, "issues-opened": 2, "issues-updated": 0,
                                    "issues-closed": 0}
    assert result.exit_code == 0
    # found by the list API, never the search API
    assert not emu.calls(path_regex=r"^/search")
    assert emu.calls("GET", r"/issues$")[0].query.get("state") == "all"


def test_second_run_the_same_day_writes_nothing(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    start = len(emu.requests)
    result, _ = run(emu, tmp_path)
    assert writes_of(emu, start) == []
    # list requests (and repos/get for the default branch: no event context here); never
    # GET /user, which the workflow token is always refused
    assert {r.operation for r in emu.requests[start:]} == {"issues/list-for-repo", "repos/get"}
    assert len(issues(emu)) == 2 and result.outputs["issues-opened"] == 0


def test_a_rerun_a_week_later_edits_nothing_when_nothing_changed(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    start = len(emu.requests)
    run(emu, tmp_path, today=D(2026, 3, 8))  # days overdue grew; no other change
    assert writes_of(emu, start) == []


def test_a_completed_item_closes_its_issue_with_a_comment(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    done = [ROWS[0][:4] + ("completed",)] + ROWS[1:]
    write(tmp_path, PM, postmortem(done))
    result, _ = run(emu, tmp_path)
    first = issues(emu)[0]
    assert (first["state"], first["state_reason"]) == ("closed", "completed")
    assert "completed" in emu.state.comments_on(first["number"])[0]["body"]
    assert result.outputs["issues-closed"] == 1
    assert issues(emu)[1]["state"] == "open"
    start = len(emu.requests)
    run(emu, tmp_path)
    assert writes_of(emu, start) == []


def test_a_deferred_item_closes_as_not_planned(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    write(tmp_path, PM, postmortem([ROWS[0][:4] + ("deferred",)] + ROWS[1:]))
    run(emu, tmp_path)
    assert issues(emu)[0]["state_reason"] == "not_planned"


def test_a_later_date_opens_the_newly_overdue_items(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    result, _ = run(emu, tmp_path, today=D(2026, 4, 1))
    got = issues(emu)
    assert [i["title"] for i in got][2:] == ["[P2] Add a canary stage for schema migrations"]
    assert result.outputs["issues-opened"] == 1


def test_an_unassignable_owner_is_named_and_does_not_fail_the_run(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    result, _ = run(emu, tmp_path, today=D(2026, 4, 1))  # @cy is not a collaborator
    cy = [i for i in issues(emu) if "canary" in i["title"]][0]
    assert cy["assignees"] == []
    assert "`@cy` (cannot be assigned" in cy["body"]
    assert result.exit_code == 0
    assert emu.calls("GET", r"/assignees/cy$")[0].status == 404


def test_editing_other_rows_does_not_re_key_an_item(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    before = {i["number"]: parse_marker(i["body"]).get("key") for i in issues(emu)}
    rows = [("A new first action", "@ana", "2026-09-01", "P3", "open"),
            ROWS[0], (ROWS[1][0], "@bo", "2026-02-21", "P2", "in progress")] + ROWS[2:]
    write(tmp_path, PM, postmortem(rows))
    result, _ = run(emu, tmp_path)
    after = {i["number"]: parse_marker(i["body"]).get("key") for i in issues(emu)}
    assert after == before  # no new issue, same keys
    assert f"{PM}#L15" in issues(emu)[0]["body"]  # the link follows the moved row
    assert result.outputs["issues-opened"] == 0 and result.outputs["issues-updated"] == 2


def test_a_reworded_item_keeps_its_issue(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    rows = [("Alert on the queue depth of the billing worker",) + ROWS[0][1:]] + ROWS[1:]
    write(tmp_path, PM, postmortem(rows))
    run(emu, tmp_path)
    got = issues(emu)
    assert len(got) == 2
    assert got[0]["title"] == "[P1] Alert on the queue depth of the billing worker"


def test_a_persons_edit_outside_the_block_survives(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    number = issues(emu)[0]["number"]
    emu.state.issues[number]["body"] += "\n\nBlocked on the vendor; see the thread. -- ana"
    write(tmp_path, PM, postmortem([ROWS[0][:2] + ("2026-02-12", "P1", "open")] + ROWS[1:]))
    run(emu, tmp_path)
    body = emu.state.issues[number]["body"]
    assert "2026-02-12" in body and "Blocked on the vendor; see the thread. -- ana" in body


def test_a_removed_item_gets_a_comment_and_closes_as_not_planned(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    write(tmp_path, PM, postmortem(ROWS[1:]))
    result, _ = run(emu, tmp_path)
    first = issues(emu)[0]
    assert (first["state"], first["state_reason"]) == ("closed", "not_planned")
    assert "no longer in the postmortem" in emu.state.comments_on(first["number"])[0]["body"]


def test_an_issue_a_person_closed_is_reported_not_reopened(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    number = issues(emu)[0]["number"]
    emu.state.issues[number].update(state="closed", state_reason="completed")
    start = len(emu.requests)
    result, _ = run(emu, tmp_path)
    assert writes_of(emu, start) == []
    assert f"#{number}" in result.summary and "not reopened" in result.summary


def test_an_issue_pmcheck_closed_reopens_when_the_item_is_open_again(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    write(tmp_path, PM, postmortem([ROWS[0][:4] + ("completed",)] + ROWS[1:]))
    run(emu, tmp_path)
    write(tmp_path, PM, postmortem(ROWS))
    run(emu, tmp_path)
    assert issues(emu)[0]["state"] == "open" and len(issues(emu)) == 2


def test_issues_by_people_with_a_copied_marker_are_not_taken_as_pmcheck_s(github_emulator,
                                                                          tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    forged = issues(emu)[0]
    emu.state.add_issue("copy", body=forged["body"], user=MAINTAINER,
                        labels=["postmortem-action"])
    emu.state.issues[forged["number"]]["state"] = "closed"  # would hide the original
    start = len(emu.requests)
    run(emu, tmp_path, today=D(2026, 3, 2))
    assert emu.state.issues[max(emu.state.issues)]["title"] == "copy"
    assert writes_of(emu, start) == []  # forged one ignored; original is person-closed


def test_budget_leaves_the_rest_for_the_next_run(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path, config="followup:\n  budget: 1\n")
    result, _ = run(emu, tmp_path)
    assert len(issues(emu)) == 1 and len(emu.writes()) == 1
    assert "Left for the next run" in result.summary
    run(emu, tmp_path)
    assert len(issues(emu)) == 2


def test_budget_counts_label_creation(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path, config="followup:\n  budget: 4\n")
    run(emu, tmp_path)
    # 2 labels + issue 1; then only issue 2 fits, and GitHub creates its label itself
    assert [p for _, p in writes_of(emu, 0)] == ["/repos/octo-org/postmortems/labels"] * 2 + [
        "/repos/octo-org/postmortems/issues"] * 2
    assert emu.state.labels["priority:p1"]["color"] == "b60205"
    assert len(issues(emu)) == 2


def test_dry_run_prints_the_plan_and_writes_nothing(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    result, log = run(emu, tmp_path, dry_run=True)
    assert emu.writes() == []
    assert "would open: [P1] Alert on queue depth" in log
    assert "Dry run" in result.summary


def test_a_read_only_token_reports_and_exits_2_without_a_traceback(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    result, log = run(emu, tmp_path, token=RO_TOKEN)
    assert result.exit_code == 2 and "403" in log
    assert issues(emu) == []


def test_dashboard_is_one_sticky_issue_with_a_chart(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path, config="followup:\n  dashboard: true\n  review: true\n")
    run(emu, tmp_path)
    dash = [i for i in issues(emu) if "dashboard" in i["title"]]
    assert len(dash) == 1 and "xychart-beta" in dash[0]["body"]
    assert "#1" in dash[0]["body"] and "30-day review" in dash[0]["body"]
    start = len(emu.requests)
    run(emu, tmp_path)
    assert writes_of(emu, start) == []
    write(tmp_path, PM, postmortem([ROWS[0][:4] + ("completed",)] + ROWS[1:]))
    run(emu, tmp_path, today=D(2026, 3, 8))
    body = emu.state.issues[dash[0]["number"]]["body"]
    assert "line [3, 2]" in body and "line [1, 2]" in body
    assert len([i for i in issues(emu) if "dashboard" in i["title"]]) == 1


def test_a_lost_create_response_never_leads_to_a_duplicate(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    emu.fail_next("POST", r"/issues$", 502, after_apply=True)
    result, log = run(emu, tmp_path)
    assert result.exit_code == 1 and "502" in log
    run(emu, tmp_path)
    titles = [i["title"] for i in issues(emu)]
    assert len(titles) == len(set(titles)) == 2


def test_an_unreadable_postmortem_does_not_close_its_issues(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    (tmp_path / PM).write_bytes(b"# x\n" + b"a" * (1024 * 1024 + 10))  # over the size cap
    start = len(emu.requests)
    result, log = run(emu, tmp_path)
    assert writes_of(emu, start) == [] and "limit" in log
    assert all(i["state"] == "open" for i in issues(emu))


def test_a_renamed_postmortem_keeps_its_issues(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    (tmp_path / PM).rename(tmp_path / "postmortems" / "billing-stall.md")
    result, _ = run(emu, tmp_path)
    got = issues(emu)
    assert len(got) == 2 and all(i["state"] == "open" for i in got)
    assert "postmortems/billing-stall.md#L14" in got[0]["body"]
    assert result.outputs["issues-updated"] == 2


def test_the_action_entry_runs_followup_on_schedule_with_outputs(github_emulator, tmp_path):
    from github_emulator import github_env

    from pmcheck.action.main import main

    emu = github_emulator
    ws = tmp_path / "ws"
    setup(emu, ws)
    env = github_env(emu) | {
        "GITHUB_EVENT_NAME": "schedule", "GITHUB_WORKSPACE": str(ws),
        "GITHUB_OUTPUT": str(tmp_path / "out.txt"), "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md"),
        "INPUT_MODE": "auto", "INPUT_PATHS": "postmortems/**/*.md", "INPUT_CONFIG": ".pmcheck.yml",
        "INPUT_FAIL-ON": "error", "INPUT_TODAY": "2026-03-01", "INPUT_DRY-RUN": "false",
        "PMCHECK_NO_THROTTLE": "1"}
    out = io.StringIO()
    assert main(env, out) == 0, out.getvalue()
    outputs = (tmp_path / "out.txt").read_text().split()
    assert outputs == ["overdue=2", "issues-opened=2", "issues-updated=0", "issues-closed=0"]
    assert "## pmcheck follow-up" in (tmp_path / "s.md").read_text()
    assert RW_TOKEN not in out.getvalue()


def test_an_issue_a_person_reopened_is_not_closed_again(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    write(tmp_path, PM, postmortem([ROWS[0][:4] + ("completed",)] + ROWS[1:]))
    run(emu, tmp_path)
    number = issues(emu)[0]["number"]
    emu.state.issues[number].update(state="open", state_reason=None)  # a person reopens it
    start = len(emu.requests)
    result, _ = run(emu, tmp_path)
    assert writes_of(emu, start) == [] and f"#{number}" in result.summary


def test_a_create_that_times_out_stops_the_run_cleanly_and_never_duplicates(github_emulator,
                                                                            tmp_path):
    """A timed-out POST may still land: it is not replayed, the run ends with an error and
    its outputs, and the next run finds the issue instead of opening it again."""
    emu = github_emulator
    setup(emu, tmp_path)
    emu.delay_next("POST", r"/issues$", 6.5)  # the test client gives up after 5 s
    result, log = run(emu, tmp_path)
    assert result.exit_code == 2 and "no answer from GitHub" in log  # writing stopped
    assert result.outputs["overdue"] == 2
    run(emu, tmp_path)
    titles = [i["title"] for i in issues(emu)]
    assert len(titles) == len(set(titles)) == 2
