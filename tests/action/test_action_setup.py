"""What every mode checks before it starts: one config loader (with the workspace checks) for
review, follow-up and gate; a bad config is one ``::error file=…,line=…`` and nothing after it;
the token and GITHUB_REPOSITORY only where the API is called; a pull_request payload without
its pull request; no ``GET /user`` for installation tokens."""

from __future__ import annotations

import io
import os

import pytest
from github_emulator import BOT_LOGIN, MAINTAINER, RW_TOKEN, USER_TOKEN, make_github

from pmcheck.action.main import main
from pmcheck.github.comments import SUMMARY_MARKER
from pmcheck.github.safety import markers

from .harness import PR_NUMBER, action_defaults, fixture_text, run_action, seed_pr

OPEN_P1 = """# Queue stall

Date: 2026-02-01
Severity: P2

## Summary

The billing worker stopped draining its queue for 40 minutes.

## Action Items

| Action | Owner | Due | Priority | Status |
|---|---|---|---|---|
| Alert on queue depth | @ana | 2026-02-10 | P1 | open |
"""
PM = "postmortems/2026-02-01-queue.md"
MODES = [("gate", "workflow_dispatch"), ("followup", "schedule"), ("review", "pull_request")]
# gate_config: turns the P1 item above into a passing gate when it is read
PASSING_GATE = "followup:\n  gate: [P3]\n"


def write(ws, rel: str, text: str) -> None:
    path = ws / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def run_mode(emu, ws, mode: str, event: str, **kw):
    return run_action(emu, ws, event_name=event, inputs={"mode": mode, "today": "2026-03-01",
                                                          **kw.pop("inputs", {})}, **kw)


def command_lines(stdout: str) -> list[str]:
    return [ln for ln in stdout.splitlines() if ln.strip()]


@pytest.mark.parametrize("mode, event", MODES)
def test_bad_config_is_one_error_with_file_and_line_and_nothing_after_it(github_emulator, ws,
                                                                         mode, event):
    seed_pr(github_emulator, ws, {PM: ("", OPEN_P1)})
    write(ws, ".pmcheck.yml", "sprint-days: 14\nbogus: 1\n")
    run = run_mode(github_emulator, ws, mode, event)
    assert run.rc == 2 and "Traceback" not in run.stderr
    assert command_lines(run.stdout) == [
        "::error file=.pmcheck.yml,line=2,title=pmcheck::config: .pmcheck.yml:2: unknown key "
        '"bogus"; known keys: ' + run.stdout.split("known keys: ", 1)[1].strip()]
    assert "config: config:" not in run.stdout + run.summary
    assert run.summary.startswith("## pmcheck: could not run")
    assert github_emulator.requests == []


def test_bad_config_path_is_workspace_relative_whatever_the_working_directory(ws, tmp_path):
    """In-process, the working directory elsewhere: still `.pmcheck.yml`, never ../ws/..."""
    write(ws, PM, OPEN_P1)
    write(ws, ".pmcheck.yml", "followup:\n  budget: 3\n  gate: P1\n  frobnicate: 1\n")
    env = {**action_defaults(), "INPUT_MODE": "gate", "GITHUB_WORKSPACE": str(ws),
           "GITHUB_EVENT_NAME": "workflow_dispatch", "INPUT_TODAY": "2026-03-01"}
    out = io.StringIO()
    assert os.getcwd() != str(ws)
    assert main(env, out) == 2
    [line] = command_lines(out.getvalue())
    assert line.startswith("::error file=.pmcheck.yml,line=4,title=pmcheck::config: "
                           ".pmcheck.yml:4: ")
    assert "frobnicate" in line


@pytest.mark.parametrize("mode, event", MODES)
def test_missing_config_named_in_the_input_is_an_error_in_every_mode(github_emulator, ws, mode,
                                                                     event):
    seed_pr(github_emulator, ws, {PM: ("", OPEN_P1)})
    run = run_mode(github_emulator, ws, mode, event, inputs={"config": "ci/pmcheck.yml"})
    assert run.rc == 2
    [line] = command_lines(run.stdout)
    assert line.startswith("::error title=pmcheck::input config: ci/pmcheck.yml: no such file")
    assert github_emulator.requests == []


@pytest.mark.parametrize("mode, event", MODES)
def test_symlinked_config_pointing_outside_is_refused_in_every_mode(github_emulator, ws,
                                                                    tmp_path, mode, event):
    seed_pr(github_emulator, ws, {PM: ("", OPEN_P1)})
    outside = tmp_path / "elsewhere.yml"
    outside.write_text(PASSING_GATE, encoding="utf-8")
    os.symlink(outside, ws / ".pmcheck.yml")
    run = run_mode(github_emulator, ws, mode, event)
    assert run.rc == 2
    [line] = command_lines(run.stdout)
    assert "input config: .pmcheck.yml: is or passes through a symbolic link" in line
    assert "gate: passed" not in run.stdout and github_emulator.writes() == []


@pytest.mark.parametrize("mode, event", [m for m in MODES if m[0] != "review"])
def test_gate_and_followup_read_the_config_named_in_the_input(github_emulator, ws, mode, event):
    write(ws, PM, OPEN_P1)
    write(ws, "ci/pmcheck.yml", PASSING_GATE + "  labels: [pm-follow-up]\n")
    run = run_mode(github_emulator, ws, mode, event, inputs={"config": "ci/pmcheck.yml",
                                                             "dry-run": "true"})
    if mode == "gate":  # only P3 items gate now: the open P1 passes
        assert run.rc == 0 and run.outputs["gate-open"] == "0"
    else:  # the configured label is the one listed
        assert run.rc == 0, run.stdout
        labels = [r.query.get("labels") for r in github_emulator.calls("GET", r"/issues$")]
        assert "pm-follow-up" in labels


def test_gate_runs_without_repository_token_or_api(ws, tmp_path):
    write(ws, PM, OPEN_P1)
    output = tmp_path / "out.txt"
    env = {**action_defaults(), "INPUT_MODE": "gate", "INPUT_GITHUB-TOKEN": "",
           "GITHUB_WORKSPACE": str(ws), "GITHUB_EVENT_NAME": "workflow_dispatch",
           "INPUT_TODAY": "2026-03-01", "GITHUB_OUTPUT": str(output),
           "GITHUB_API_URL": "http://127.0.0.1:9"}

    def no_client(*_a, **_k):
        raise AssertionError("gate mode must not build a GitHub client")

    out = io.StringIO()
    assert main(env, out, connect=no_client) == 1
    assert out.getvalue().startswith(f"::error file={PM},line=14,title=pmcheck gate::P1 ")
    assert "gate-open=1" in output.read_text().splitlines()


@pytest.mark.parametrize("mode, event", [m for m in MODES if m[0] != "gate"])
def test_missing_token_is_named_up_front_in_api_modes(github_emulator, ws, mode, event):
    seed_pr(github_emulator, ws, {PM: ("", OPEN_P1)})
    run = run_mode(github_emulator, ws, mode, event, token="")
    assert run.rc == 2
    [line] = command_lines(run.stdout)
    assert line.startswith("::error title=pmcheck::no GitHub token: the input github-token is "
                           "empty and GITHUB_TOKEN is not set")
    assert f"{mode} mode calls the GitHub API" in line
    assert github_emulator.requests == []


def test_missing_repository_is_named_in_api_modes(ws, tmp_path):
    env = {**action_defaults(), "INPUT_GITHUB-TOKEN": "ghs_x", "GITHUB_WORKSPACE": str(ws),
           "GITHUB_EVENT_NAME": "schedule"}
    out = io.StringIO()
    assert main(env, out) == 2
    assert out.getvalue().startswith("::error title=pmcheck::GITHUB_REPOSITORY is not set; "
                                     "followup mode calls the GitHub API")


@pytest.mark.parametrize("event, needle", [
    ({"action": "opened"}, ('the pull_request event in GITHUB_EVENT_PATH has no "pull_request" '
                            "object")),
    ({"pull_request": {"head": {"sha": "a" * 40}}},
     ('the pull_request event in GITHUB_EVENT_PATH has a "pull_request" object without a '
      '"number"')),
])
def test_pull_request_payload_without_its_pull_request_says_what_is_missing(github_emulator, ws,
                                                                            event, needle):
    run = run_action(github_emulator, ws, event=event)
    assert run.rc == 2
    [line] = command_lines(run.stdout)
    assert needle in line and "not 'pull_request'" not in line
    assert github_emulator.requests == []


def test_review_on_another_event_still_names_the_event(github_emulator, ws):
    run = run_action(github_emulator, ws, event_name="push", event={},
                     inputs={"mode": "review"})
    assert run.rc == 2 and "review mode needs a pull_request event, not 'push'" in run.stdout


def test_installation_token_never_asks_get_user_and_sticky_stays_bot_only(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, {PM: ("", fixture_text("bad.md"))})
    # a person's comment carrying pmcheck's summary marker is not pmcheck's
    forged = make_github(emu, USER_TOKEN).get_repo("octo-org/postmortems").get_issue(PR_NUMBER)
    forged.create_comment(f"{SUMMARY_MARKER}\nnot a pmcheck summary")
    start = len(emu.requests)
    first = run_action(emu, ws, token=RW_TOKEN)
    again = run_action(emu, ws, token=RW_TOKEN)
    assert first.rc == again.rc == 1
    assert not emu.calls(path_regex=r"^/user$")
    ops = [r.operation for r in emu.requests[start:]]
    assert ops.count("users/get-authenticated") == 0
    stickies = [c for c in emu.state.comments_on(PR_NUMBER)
                if markers(c["body"]).get("summary") == "pr"]
    assert sorted(c["user"] for c in stickies) == sorted([MAINTAINER, BOT_LOGIN])
    assert [c["body"] for c in stickies if c["user"] == MAINTAINER] == [
        f"{SUMMARY_MARKER}\nnot a pmcheck summary"]  # untouched
    assert [w.operation for w in emu.writes()[1:]] == [
        "pulls/create-review", "issues/create-comment"]  # the rerun wrote nothing


def test_personal_token_asks_get_user_once_and_owns_its_sticky_by_login(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, {PM: ("", fixture_text("bad.md"))})
    first = run_action(emu, ws, token=USER_TOKEN)
    again = run_action(emu, ws, token=USER_TOKEN)
    assert first.rc == again.rc == 1
    assert [r.status for r in emu.calls("GET", r"^/user$")] == [200, 200]  # once per run
    [sticky] = [c for c in emu.state.comments_on(PR_NUMBER)
                if markers(c["body"]).get("summary") == "pr"]
    assert sticky["user"] == MAINTAINER
    assert [w.operation for w in emu.writes()] == ["pulls/create-review",
                                                   "issues/create-comment"]
