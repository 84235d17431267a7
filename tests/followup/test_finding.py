"""Finding pmcheck's own issues: label removal, authorship, pull requests, request cost."""

from __future__ import annotations

import io
import json

import pytest

from github_emulator import BOT_LOGIN, MAINTAINER, RW_TOKEN, USER_TOKEN

from pmcheck.action import followup_mode
from pmcheck.action.settings import Settings
from pmcheck.github.client import connect
from pmcheck.github.issue_find import creators_to_list, found_of, is_pmcheck_author
from pmcheck.github.issue_text import BEGIN, END, parse_marker

from followup.pm import ROWS, postmortem, write
from followup.test_sync import DAY1, PM, issues, run, setup, writes_of


def run_scheduled(emu, root, today=DAY1, **kw):
    """As on a scheduled run: GITHUB_REF names the default branch."""
    settings = Settings(token=kw.get("token", RW_TOKEN),
                        mode="followup", today=today, workspace=root, event_name="schedule",
                        ref="refs/heads/main", repository="octo-org/postmortems",
                        api_url=emu.url)
    gh = connect(settings, for_tests=True)
    out = io.StringIO()
    result = followup_mode.run(settings, gh, gh.get_repo(settings.repository), out)
    return result, out.getvalue()


def drop_label(emu, number, label="postmortem-action"):
    emu.state.issues[number]["labels"] = [n for n in emu.state.issues[number]["labels"]
                                          if n != label]


def test_an_issue_whose_label_a_person_removed_is_still_found(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    number = issues(emu)[0]["number"]
    drop_label(emu, number)
    start = len(emu.requests)
    result, _ = run(emu, tmp_path, today=DAY1.replace(day=8))
    assert writes_of(emu, start) == [] and len(issues(emu)) == 2
    assert result.outputs["issues-opened"] == 0
    # and it is still kept in sync: completing the item closes that very issue
    write(tmp_path, PM, postmortem([ROWS[0][:4] + ("completed",)] + ROWS[1:]))
    run(emu, tmp_path)
    assert emu.state.issues[number]["state"] == "closed" and len(issues(emu)) == 2


def test_every_label_removed_and_a_person_closed_issue_still_no_duplicate(github_emulator,
                                                                          tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    for i in issues(emu):
        emu.state.issues[i["number"]]["labels"] = []
    emu.state.issues[issues(emu)[0]["number"]].update(state="closed", state_reason="completed")
    start = len(emu.requests)
    result, _ = run(emu, tmp_path)
    assert writes_of(emu, start) == [] and len(issues(emu)) == 2
    by_author = emu.calls("GET", r"/issues$")[-1]
    assert by_author.query.get("creator") == BOT_LOGIN
    assert by_author.query.get("state") == "all"
    assert "not reopened" in result.summary


def test_a_rerun_makes_only_list_requests_and_never_asks_get_user(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run_scheduled(emu, tmp_path)
    assert not emu.calls(path_regex=r"^/user$")  # installation token: GET /user is always 403
    start = len(emu.requests)
    run_scheduled(emu, tmp_path)
    rerun = emu.requests[start:]
    assert [(r.operation, r.query.get("labels"), r.query.get("creator")) for r in rerun] == [
        ("issues/list-for-repo", "postmortem-action", None),
        ("issues/list-for-repo", None, BOT_LOGIN)]


def test_the_default_branch_comes_from_the_event_payload(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"repository": {"default_branch": "trunk"}}))
    settings = Settings(token=RW_TOKEN, mode="followup",
                        today=DAY1, workspace=tmp_path, event_name="workflow_dispatch",
                        event_path=event, ref="refs/heads/feature",
                        repository="octo-org/postmortems", api_url=emu.url)
    assert followup_mode.default_branch(settings) == "trunk"
    gh = connect(settings, for_tests=True)
    followup_mode.run(settings, gh, gh.get_repo(settings.repository), io.StringIO())
    assert not emu.calls("GET", r"^/repos/octo-org/postmortems$")
    assert f"/blob/trunk/{PM}#L14" in issues(emu)[0]["body"]
    # no payload, not scheduled: nothing to go on, so the API is asked
    assert followup_mode.default_branch(Settings(token="", event_name="workflow_dispatch",
                                                 ref="refs/heads/feature")) is None


def test_a_personal_token_asks_get_user_once_and_finds_its_own_issues(github_emulator,
                                                                      tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path, token=USER_TOKEN)
    assert [i["user"] for i in issues(emu)] == [MAINTAINER, MAINTAINER]
    assert len(emu.calls("GET", r"^/user$")) == 1
    drop_label(emu, issues(emu)[1]["number"])
    start = len(emu.requests)
    run(emu, tmp_path, token=USER_TOKEN)
    assert writes_of(emu, start) == [] and len(issues(emu)) == 2
    assert emu.calls("GET", r"/issues$")[-1].query.get("creator") == MAINTAINER


def test_a_bot_pull_request_carrying_a_marker_is_skipped(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    body = issues(emu)[0]["body"]
    pr = emu.state.add_pull_request(title="chore: bump", user=BOT_LOGIN, body=body)
    emu.state.issues[pr["number"]]["labels"] = ["postmortem-action"]
    emu.state.issues[issues(emu)[0]["number"]]["labels"] = []
    write(tmp_path, PM, postmortem([ROWS[0][:4] + ("completed",)] + ROWS[1:]))
    start = len(emu.requests)
    run(emu, tmp_path)
    assert emu.state.issues[pr["number"]]["state"] == "open"  # the PR is never touched
    assert emu.state.issues[issues(emu)[0]["number"]]["state"] == "closed"
    assert [p for _, p in writes_of(emu, start)] == [
        f"/repos/octo-org/postmortems/issues/{issues(emu)[0]['number']}/comments",
        f"/repos/octo-org/postmortems/issues/{issues(emu)[0]['number']}"]


def test_authorship_rules():
    bot = {"login": BOT_LOGIN, "type": "Bot"}
    person = {"login": MAINTAINER, "type": "User"}
    assert is_pmcheck_author(bot, None) and is_pmcheck_author(bot, MAINTAINER)
    assert not is_pmcheck_author(person, None) and is_pmcheck_author(person, MAINTAINER)
    assert not is_pmcheck_author({"login": "mallory[bot]", "type": "User"}, None)
    body = "<!-- pmcheck:begin -->\n<!-- pmcheck:item key=k path=p state=open -->\n" \
           "<!-- pmcheck:end -->"
    raw = {"number": 3, "user": bot, "body": body, "labels": [], "assignees": []}
    assert found_of(raw, None).key == "k"
    assert found_of(raw | {"pull_request": {"url": "x"}}, None) is None
    assert found_of(raw | {"user": person}, None) is None
    assert found_of(raw | {"body": "no marker"}, None) is None
    assert parse_marker(body).get("path") == "p"


def test_creators_listed_are_ours_then_apps_seen_else_the_workflow_bot():
    raw = {"number": 3, "user": {"login": "pm-app[bot]", "type": "Bot"}, "labels": [],
           "body": "<!-- pmcheck:begin -->\n<!-- pmcheck:item key=k -->\n<!-- pmcheck:end -->"}
    app = found_of(raw, None)
    assert creators_to_list(None, []) == (BOT_LOGIN,)
    assert creators_to_list(None, [app, app]) == ("pm-app[bot]",)
    assert creators_to_list("ana", [app]) == ("ana", "pm-app[bot]")


def test_rewriting_an_issue_whose_label_was_removed_puts_the_label_back(github_emulator,
                                                                       tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    number = issues(emu)[0]["number"]
    drop_label(emu, number)
    write(tmp_path, PM, postmortem([ROWS[0][:2] + ("2026-02-12", "P1", "open")] + ROWS[1:]))
    run(emu, tmp_path)
    assert sorted(emu.state.issues[number]["labels"]) == ["postmortem-action", "priority:P1"]
    assert "2026-02-12" in emu.state.issues[number]["body"] and len(issues(emu)) == 2


@pytest.mark.parametrize("cut", ["<!-- pmcheck:end -->", "<!-- pmcheck:begin -->"])
def test_a_person_who_breaks_the_block_does_not_cause_a_duplicate(github_emulator, tmp_path,
                                                                  cut):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    number = issues(emu)[0]["number"]
    emu.state.issues[number]["body"] = emu.state.issues[number]["body"].replace(cut, "")
    start = len(emu.requests)
    run(emu, tmp_path)
    assert writes_of(emu, start) == [] and len(issues(emu)) == 2
    write(tmp_path, PM, postmortem([ROWS[0][:2] + ("2026-02-12", "P1", "open")] + ROWS[1:]))
    run(emu, tmp_path)
    body = emu.state.issues[number]["body"]
    assert len(issues(emu)) == 2 and parse_marker(body).get("fp") in body.split(END)[0]
    assert body.startswith(BEGIN) and "2026-02-12" in body.split(END)[0]


def test_a_personal_token_whose_login_github_does_not_give_writes_nothing(github_emulator,
                                                                         tmp_path):
    """Guessing "[bot] authors" for a personal token would open every issue again."""
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path, token=USER_TOKEN)
    assert len(issues(emu)) == 2
    emu.fail_next("GET", r"^/user$", 502, times=50)
    start = len(emu.requests)
    result, log = run(emu, tmp_path, token=USER_TOKEN)
    assert result.exit_code == 2 and "GET /user failed" in log
    assert writes_of(emu, start) == [] and len(issues(emu)) == 2
