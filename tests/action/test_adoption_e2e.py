"""Gradual adoption end to end: entrypoint.py in review mode against the emulator, with
fail-on per category / rule id and since, as inputs and as .pmcheck.yml keys.

A finding that does not fail is still reported (inline comment and summary); only the exit
code and the summary's "does not fail" label change.
"""

from __future__ import annotations

import pytest

from tests.helpers import ONE_BLAME as BLAME, ONE_ERROR as NO_OWNER
from tests.helpers import redated as dated

from .harness import run_action, seed_pr

NEW = "postmortems/2026/2026-04-03-checkout.md"
OLD = "postmortems/2025/2025-06-01-search.md"


def review(emu, ws, files: dict[str, str], config: str = "", **inputs: str):
    if config:
        (ws / ".pmcheck.yml").write_text(config, encoding="utf-8")
    seed_pr(emu, ws, {path: ("", text) for path, text in files.items()})
    return run_action(emu, ws, inputs=inputs)


def inline_rules(emu) -> list[str]:
    """The rule ids of the inline review comments posted."""
    return sorted(rule for c in emu.state.review_comments_on(7)
                  for rule in ("blame.counterfactual", "actions.owner-missing")
                  if rule in c["body"])


@pytest.mark.parametrize("config, fail_on, rc", [
    ("", "warning", 1),
    ("", "warning, blame=never", 0),
    ("", "warning, blame.counterfactual=never, blame=warning", 0),  # rule id beats category
    ("fail-on:\n  default: warning\n  blame: never\n", "", 0),       # the config's mapping
    ("fail-on:\n  default: warning\n  blame: never\n", "blame=warning", 1),  # merged over it
    ("fail-on:\n  default: warning\n  blame: never\n", "warning", 0),  # default only
    ("fail-on: never\n", "", 0),
])
def test_fail_on_per_category_decides_the_exit_not_the_report(github_emulator, ws, config,
                                                                 fail_on, rc):
    run = review(github_emulator, ws, {NEW: BLAME}, config, **{"fail-on": fail_on})
    assert run.rc == rc, run.stdout + run.stderr
    assert inline_rules(github_emulator) == ["blame.counterfactual"]  # reported either way
    assert "blame.counterfactual" in run.summary


def test_a_category_set_to_never_leaves_the_others_failing(github_emulator, ws):
    run = review(github_emulator, ws, {NEW: BLAME, OLD: NO_OWNER},
                 "fail-on:\n  blame: never\n")
    assert run.rc == 1
    assert inline_rules(github_emulator) == ["actions.owner-missing", "blame.counterfactual"]


def test_since_in_the_config_exempts_the_older_postmortem(github_emulator, ws):
    run = review(github_emulator, ws, {OLD: dated(NO_OWNER, "2025-06-01")},
                 "since: 2026-01-01\n")
    assert run.rc == 0, run.stdout
    assert inline_rules(github_emulator) == ["actions.owner-missing"]  # still commented
    assert "does not fail: dated 2025-06-01, before since 2026-01-01" in run.summary


def test_since_holds_newer_and_undated_postmortems_to_the_rules(github_emulator, ws):
    undated = NO_OWNER.replace("Date: 2026-03-14\n", "", 1)
    run = review(github_emulator, ws, {OLD: dated(NO_OWNER, "2025-06-01"),
                                       NEW: dated(BLAME, "2026-01-01"),
                                       "postmortems/undated.md": undated},
                 "since: 2026-01-01\nfail-on: warning\n")
    assert run.rc == 1
    exempt = [ln for ln in run.summary.splitlines() if "does not fail" in ln]
    assert exempt and all(OLD in ln or "2025-06-01" in ln for ln in exempt)
    assert not any("undated.md" in ln or NEW in ln for ln in exempt)


@pytest.mark.parametrize("config, since, rc", [
    ("", "2026-01-01", 0),
    ("since: 2020-01-01\n", "2026-01-01", 0),   # the input replaces the config's date
    ("since: 2026-01-01\n", "2020-01-01", 1),
])
def test_the_since_input(github_emulator, ws, config, since, rc):
    run = review(github_emulator, ws, {OLD: dated(NO_OWNER, "2025-06-01")}, config,
                 since=since)
    assert run.rc == rc, run.stdout
    assert inline_rules(github_emulator) == ["actions.owner-missing"]


def test_since_and_fail_on_per_category_together(github_emulator, ws):
    """The rollout's middle step: old postmortems exempt, blame reported only."""
    run = review(github_emulator, ws, {OLD: dated(NO_OWNER, "2025-06-01"), NEW: BLAME},
                 "since: 2026-01-01\nfail-on:\n  default: warning\n  blame: never\n")
    assert run.rc == 0, run.summary
    assert inline_rules(github_emulator) == ["actions.owner-missing", "blame.counterfactual"]


@pytest.mark.parametrize("inputs, word", [
    ({"fail-on": "blame=sometimes"}, "fail-on"),
    ({"since": "June 2025"}, "since"),
])
def test_a_bad_input_is_one_error_and_nothing_is_posted(github_emulator, ws, inputs, word):
    run = review(github_emulator, ws, {NEW: BLAME}, **inputs)
    assert run.rc == 2 and f"input {word}" in run.stdout
    assert github_emulator.state.review_comments_on(7) == []
