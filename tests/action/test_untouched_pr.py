"""A PR that changes no postmortem: success, no writes, two reads (files, earlier summary)."""

from __future__ import annotations

from github_emulator import BOT_LOGIN

from pmcheck.github.comments import SUMMARY_MARKER

from .harness import PR_NUMBER, run_action

CODE_ONLY = [{"filename": "src/x.py", "patch": "@@ -1 +1 @@\n-a\n+b"}]


def test_untouched_pr_passes_with_two_reads_and_no_writes(github_emulator, ws):
    emu = github_emulator
    emu.state.add_pull_request(number=PR_NUMBER, head_sha="a" * 40, files=CODE_ONLY)
    run = run_action(emu, ws)
    assert run.rc == 0, run.stdout + run.stderr
    assert emu.writes() == []
    assert [p for _m, p, *_ in emu.requests] == [
        f"/repos/octo-org/postmortems/pulls/{PR_NUMBER}/files",
        f"/repos/octo-org/postmortems/issues/{PR_NUMBER}/comments"]
    assert "changes no file under" in run.summary


def test_earlier_summary_is_edited_once_then_left(github_emulator, ws):
    emu = github_emulator
    emu.state.add_pull_request(number=PR_NUMBER, head_sha="a" * 40, files=CODE_ONLY)
    c = emu.state.add_comment(PR_NUMBER, f"{SUMMARY_MARKER}\nold findings", user=BOT_LOGIN) \
        if hasattr(emu.state, "add_comment") else None
    if c is None:  # seed through the API as the bot
        from github_emulator import make_github
        make_github(emu).get_repo("octo-org/postmortems").get_issue(PR_NUMBER).create_comment(
            f"{SUMMARY_MARKER}\nold findings")
        emu.requests.clear()
    run = run_action(emu, ws)
    assert run.rc == 0, run.stdout + run.stderr
    [comment] = emu.state.comments_on(PR_NUMBER)
    assert "no longer changes a postmortem" in comment["body"]
    assert len(emu.writes()) == 1
    emu.requests.clear()
    assert run_action(emu, ws).rc == 0 and emu.writes() == []
