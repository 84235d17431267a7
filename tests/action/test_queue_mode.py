"""entrypoint.py on merge_group: lint what the group changes (compare API), write nothing."""

from __future__ import annotations

from pmcheck.action.mode import choose_mode

from .harness import Expected, fixture_text, make_patch, run_action, two_postmortems

BASE, HEAD = "b" * 40, "c" * 40
NEW = "postmortems/2026/2026-04-03-checkout-freeze.md"


def group_event(base: str = BASE, head: str = HEAD) -> dict:
    return {"action": "checks_requested",
            "merge_group": {"base_sha": base, "head_sha": head, "base_ref": "refs/heads/main",
                            "head_ref": f"refs/heads/gh-readonly-queue/main/pr-7-{base}"},
            "repository": {"full_name": "octo-org/postmortems"}}


def seed_group(emu, ws, files, extra=()):
    for path, (_old, new) in files.items():
        (ws / path).parent.mkdir(parents=True, exist_ok=True)
        (ws / path).write_text(new, encoding="utf-8")
    entries = [{"filename": p, "patch": make_patch(o, n), "status": "added" if not o else
                "modified"} for p, (o, n) in files.items()]
    emu.state.add_comparison(BASE, HEAD, entries + list(extra))


def test_auto_picks_queue_on_merge_group():
    assert choose_mode("merge_group", "auto") == "queue"
    assert choose_mode("pull_request", "queue") == "queue"


def test_group_changes_are_linted_one_read_no_writes(github_emulator, ws):
    emu = github_emulator
    files = two_postmortems()
    seed_group(emu, ws, files, extra=[{"filename": "README.md", "patch": "@@ -1 +1 @@\n-a\n+b"}])
    # a postmortem under paths that the group does not change: not linted
    (ws / "postmortems/old.md").write_text(fixture_text("bad.md"), encoding="utf-8")
    run = run_action(emu, ws, event_name="merge_group", event=group_event())
    exp = Expected.of(files)
    assert run.rc == 1, run.stdout + run.stderr
    assert run.outputs["findings"] == str(exp.total)
    assert [(m, p) for m, p, *_ in emu.requests] == [
        ("GET", f"/repos/octo-org/postmortems/compare/{BASE}...{HEAD}")]
    assert emu.writes() == []
    assert "postmortems/old.md" not in run.summary and NEW in run.summary
    assert any(a.startswith("::error file=") for a in run.annotations)


def test_group_without_postmortems_passes(github_emulator, ws):
    emu = github_emulator
    emu.state.add_comparison(BASE, HEAD, [{"filename": "src/app.py", "patch": "@@ -1 +1 @@\n-a\n+b"}])
    (ws / "postmortems").mkdir(parents=True, exist_ok=True)
    (ws / "postmortems/old.md").write_text(fixture_text("bad.md"), encoding="utf-8")
    run = run_action(emu, ws, event_name="merge_group", event=group_event())
    assert run.rc == 0, run.stdout + run.stderr
    assert run.outputs["findings"] == "0" and emu.writes() == []


def test_unknown_comparison_checks_every_postmortem(github_emulator, ws):
    emu = github_emulator  # no comparison seeded: GitHub answers 404
    (ws / "postmortems").mkdir(parents=True, exist_ok=True)
    (ws / "postmortems/old.md").write_text(fixture_text("bad.md"), encoding="utf-8")
    run = run_action(emu, ws, event_name="merge_group", event=group_event())
    assert run.rc == 1, run.stdout + run.stderr
    assert "cannot compare" in run.stdout and "postmortems/old.md" in run.summary
    assert emu.writes() == []


def test_event_without_group_is_a_clear_error(github_emulator, ws):
    run = run_action(github_emulator, ws, event_name="merge_group", event={"action": "x"})
    assert run.rc == 2 and "no merge_group with base_sha and head_sha" in run.stdout
    assert "Traceback" not in run.stderr
