"""Follow-up issue state that people and repeated items change (issue 11), against the emulator."""

from __future__ import annotations

from pmcheck.github.issue_text import parse_marker

from followup.pm import ROWS, postmortem, write

from .test_sync import PM, issues, run, setup, writes_of

TWIN = "Rotate the billing API key"


def by_owner(emu) -> dict[str, dict]:
    """The open/closed pmcheck issue of each owner (the issue body names the owner)."""
    out = {}
    for i in issues(emu):
        for login in ("ana", "bo", "cy"):
            if f"@{login}" in (i["body"] or ""):
                out[login] = i
    return out


def test_a_person_reopening_a_removed_items_issue_is_respected(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    run(emu, tmp_path)
    write(tmp_path, PM, postmortem(ROWS[1:]))
    run(emu, tmp_path)
    first = issues(emu)[0]
    assert first["state"] == "closed"
    emu.state.issues[first["number"]].update(state="open", state_reason="reopened")
    start = len(emu.requests)
    result, _ = run(emu, tmp_path)
    assert writes_of(emu, start) == []
    assert emu.state.issues[first["number"]]["state"] == "open"
    assert f"#{first['number']}" in result.summary and "left open" in result.summary


def test_items_of_identical_text_keep_their_own_issues(github_emulator, tmp_path):
    emu = github_emulator
    ana = (TWIN, "@ana", "2026-02-10", "P1", "open")
    bo = (TWIN, "@bo", "2026-02-12", "P2", "open")
    setup(emu, tmp_path, rows=[ana, bo])
    run(emu, tmp_path)
    assert set(by_owner(emu)) == {"ana", "bo"}
    # ana's twin is done: its issue closes, bo's stays open.
    write(tmp_path, PM, postmortem([ana[:4] + ("completed",), bo]))
    run(emu, tmp_path)
    before = {k: (i["number"], i["state"]) for k, i in by_owner(emu).items()}
    assert before["ana"][1] == "closed" and before["bo"][1] == "open"
    # Delete ana's row: bo's twin is now the first of its text. Nothing is reopened or closed.
    write(tmp_path, PM, postmortem([bo]))
    start = len(emu.requests)
    result, _ = run(emu, tmp_path)
    after = {k: (i["number"], i["state"]) for k, i in by_owner(emu).items()}
    assert after == before
    assert [w for w in writes_of(emu, start) if w[0] == "POST"] == []  # no comment, no issue
    assert "reopened 0" in result.summary and "closed 0" in result.summary
    # Insert a third twin above, owned by cy: one new issue, bo keeps his.
    cy = (TWIN, "@cy", "2026-02-11", "P1", "open")
    write(tmp_path, PM, postmortem([cy, bo]))
    run(emu, tmp_path)
    now = by_owner(emu)
    assert now["bo"]["number"] == before["bo"][0] and now["bo"]["state"] == "open"
    assert now["cy"]["number"] not in (before["ana"][0], before["bo"][0])
    # Reorder the twins: each issue stays with its owner's row; a rerun writes nothing.
    write(tmp_path, PM, postmortem([bo, cy]))
    run(emu, tmp_path)
    swapped = by_owner(emu)
    assert {k: i["number"] for k, i in swapped.items()} == {k: i["number"] for k, i in now.items()}
    assert all(swapped[k]["state"] == "open" for k in ("bo", "cy"))
    start = len(emu.requests)
    run(emu, tmp_path)
    assert writes_of(emu, start) == []
    keys = [parse_marker(i["body"]).get("key") for i in issues(emu) if i["state"] == "open"]
    assert len(keys) == len(set(keys))


def test_under_the_write_budget_closes_come_before_creates(github_emulator, tmp_path):
    emu = github_emulator
    setup(emu, tmp_path, config="followup:\n  budget: 2\n")
    run(emu, tmp_path)  # the two overdue items: two issues
    assert len(issues(emu)) == 2
    done = [ROWS[0][:4] + ("completed",)] + ROWS[1:]
    new = [("Page the owner on a stalled queue", "@ana", "2026-02-11", "P1", "open"),
           ("Graph queue age per shard", "@bo", "2026-02-12", "P2", "open")]
    write(tmp_path, PM, postmortem(done + new))
    result, _ = run(emu, tmp_path)
    first = issues(emu)[0]
    assert first["state"] == "closed"  # the close (comment + edit) used the budget first
    assert len(issues(emu)) == 2 and "Left for the next run" in result.summary


def test_a_persistent_secondary_rate_limit_is_reported_with_its_wait(github_emulator,
                                                                    tmp_path):
    emu = github_emulator
    setup(emu, tmp_path)
    emu.rate_limit_next("secondary", method="POST", path_regex=r"/issues$", times=50,
                        retry_after=30)
    result, log = run(emu, tmp_path)
    assert result.exit_code == 2 and issues(emu) == []
    assert "secondary rate limit" in log and "wait 30 s" in log
    assert "RetryError" not in log and "Left for the next run" in result.summary
