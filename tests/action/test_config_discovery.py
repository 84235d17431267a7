"""The Action finds its configuration as the CLI does: `.pmcheck.yml`, else `.pmcheck.yaml`.

entrypoint.py runs as the runner runs it (INPUT_* from action.yml's defaults, GITHUB_EVENT_PATH,
GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the workspace as working directory) against the emulator,
and the CLI runs in the same workspace: both must report the same rules.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from .harness import ROOT, fixture_text, pr_event, run_action, seed_pr

NEW = "postmortems/2026/2026-04-03-checkout-freeze.md"
NO_BLAME = "rules:\n  blame: off\n"
NO_TIMELINE = "rules:\n  timeline: off\n"


def summary_rules(run) -> set[str]:
    return set(re.findall(r"`([a-z]+\.[a-z0-9-]+)`", run.summary))


def cli_rules(ws) -> set[str]:
    proc = subprocess.run([sys.executable, "-m", "pmcheck", "check", "--format", "json"],
                          cwd=ws, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert proc.returncode in (0, 1), proc.stderr
    return {f["rule"] for f in json.loads(proc.stdout)["findings"]}


def test_review_reads_pmcheck_yaml_like_the_cli(github_emulator, ws):
    seed_pr(github_emulator, ws, {NEW: ("", fixture_text("bad.md"))})
    defaults = run_action(github_emulator, ws)
    assert any(r.startswith("blame.") for r in summary_rules(defaults))
    (ws / ".pmcheck.yaml").write_text(NO_BLAME, encoding="utf-8")
    run = run_action(github_emulator, ws)
    assert run.rc == 1 and summary_rules(run)
    assert not any(r.startswith("blame.") for r in summary_rules(run))
    assert summary_rules(run) == cli_rules(ws)


def test_yml_wins_over_yaml_in_both(github_emulator, ws):
    seed_pr(github_emulator, ws, {NEW: ("", fixture_text("bad.md"))})
    (ws / ".pmcheck.yaml").write_text(NO_BLAME, encoding="utf-8")
    (ws / ".pmcheck.yml").write_text(NO_TIMELINE, encoding="utf-8")
    run = run_action(github_emulator, ws)
    found = summary_rules(run)
    assert any(r.startswith("blame.") for r in found)
    assert not any(r.startswith("timeline.") for r in found)
    assert found == cli_rules(ws)


def test_spelt_out_old_default_still_discovers_yaml(github_emulator, ws):
    seed_pr(github_emulator, ws, {NEW: ("", fixture_text("bad.md"))})
    (ws / ".pmcheck.yaml").write_text(NO_BLAME, encoding="utf-8")
    run = run_action(github_emulator, ws, inputs={"config": ".pmcheck.yml"})
    assert not any(r.startswith("blame.") for r in summary_rules(run))
    named = run_action(github_emulator, ws, inputs={"config": "ci/pm.yml"})
    assert named.rc == 2 and "input config: ci/pm.yml: no such file" in named.stdout


def test_gate_reads_pmcheck_yaml(github_emulator, ws):
    (ws / NEW).parent.mkdir(parents=True)
    (ws / NEW).write_text(fixture_text("bad.md"), encoding="utf-8")
    closed = run_action(github_emulator, ws, event_name="workflow_dispatch", event={},
                        inputs={"mode": "gate", "today": "2026-06-01"})
    (ws / ".pmcheck.yaml").write_text("followup:\n  gate: [P3]\npriorities: [P1, P2, P3]\n",
                                      encoding="utf-8")
    gated = run_action(github_emulator, ws, event_name="workflow_dispatch", event={},
                       inputs={"mode": "gate", "today": "2026-06-01"})
    # the fixture's two open P1 items close the gate; gated on P3 only (the .yaml) it opens
    assert (closed.rc, closed.outputs["gate-open"]) == (1, "2")
    assert (gated.rc, gated.outputs["gate-open"]) == (0, "0")


def test_pull_request_target_discovers_yaml_at_the_base_commit(github_emulator, ws):
    emu = github_emulator
    (ws / ".pmcheck.yml").write_text(NO_TIMELINE, encoding="utf-8")  # the fork's: ignored
    asked = base_commit_run(emu, ws, {".pmcheck.yaml": NO_BLAME})
    assert asked == [".pmcheck.yml", ".pmcheck.yaml"]


def base_commit_run(emu, ws, base_files: dict[str, str]) -> list[str]:
    """A pull_request_target run whose base commit holds `base_files` (the checkout turns
    timeline off, the base blame): timeline findings and no blame ones prove the base was
    read. Returns the paths asked of the contents API."""
    seed_pr(emu, ws, {NEW: ("", fixture_text("bad.md"))})
    base = "e" * 40
    for path, text in base_files.items():
        emu.state.add_file(path, text, ref=base)
    event = pr_event()
    event["pull_request"]["base"]["sha"] = base
    run = run_action(emu, ws, event_name="pull_request_target", event=event)
    found = summary_rules(run)
    assert run.rc == 1 and any(r.startswith("timeline.") for r in found)
    assert not any(r.startswith("blame.") for r in found)
    return [c.path.split("/contents/", 1)[-1] for c in emu.calls("GET", r"/contents/")]


def test_pull_request_target_reads_extends_at_the_base_commit(github_emulator, ws):
    """An extended file is read from the same base commit as the config, never the checkout."""
    (ws / "ci").mkdir()
    (ws / "ci" / "base.yml").write_text(NO_TIMELINE, encoding="utf-8")  # the fork's: ignored
    asked = base_commit_run(github_emulator, ws, {".pmcheck.yml": "extends: ci/base.yml\n",
                                                  "ci/base.yml": NO_BLAME})
    assert asked == [".pmcheck.yml", "ci/base.yml"]


def test_review_mode_reports_a_missing_extends_at_its_line(github_emulator, ws):
    seed_pr(github_emulator, ws, {NEW: ("", fixture_text("bad.md"))})
    (ws / ".pmcheck.yml").write_text("paths: ['postmortems/**/*.md']\nextends: ci/none.yml\n",
                                     encoding="utf-8")
    run = run_action(github_emulator, ws)
    assert run.rc == 2
    assert "::error file=.pmcheck.yml,line=2," in run.stdout and "not found" in run.stdout


def test_an_extends_that_is_a_folder_at_the_base_commit_is_one_error(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, {NEW: ("", fixture_text("bad.md"))})
    base = "e" * 40
    emu.state.add_file(".pmcheck.yml", "paths: ['postmortems/**/*.md']\nextends: ci\n", ref=base)
    emu.state.add_file("ci/base.yml", NO_BLAME, ref=base)
    event = pr_event()
    event["pull_request"]["base"]["sha"] = base
    run = run_action(emu, ws, event_name="pull_request_target", event=event)
    assert run.rc == 2 and "::error file=.pmcheck.yml,line=2," in run.stdout
    assert "ci at the base commit eeeeeee is not a regular file" in run.stdout
    assert emu.state.review_comments_on(7) == []
