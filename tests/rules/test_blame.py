"""blame rules: (line, rule) pairs on whole postmortems, options, examples and docstrings."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmcheck.options import Options
from tests.helpers import GOOD, md, problems, replace_section

# "## Root Cause" body replaced by replace_section starts two lines below the heading.


def test_good_example_is_clean():
    assert problems(GOOD, "blame") == []


CASES = [
    ("""
     # Checkout outage

     ## Root Cause

     The root cause was human error.
     """, [(5, "blame.blame-word")]),
    ("""
     # Checkout outage

     ## Timeline

     - 14:05 The on-call engineer missed the disk alert.
     - 14:20 @marcus rolled back the deploy.
     - 14:30 The health check failed to detect the bad node.
     """, [(5, "blame.person-as-cause")]),
    ("""
     # Checkout outage

     | Time  | Event |
     |-------|-------|
     | 14:05 | Bob didn't check the flag before enabling it |
     | 14:07 | The deploy failed halfway |
     """, [(5, "blame.person-as-cause")]),
    ("""
     # Checkout outage

     The engineer should have checked the lag.
     If the DBA had taken a backup, this would not have happened.
     """, [(3, "blame.counterfactual"), (4, "blame.counterfactual")]),
    ("""
     # Checkout outage

     ## Lessons Learned

     Who is responsible for the outage?
     What conditions made this possible?
     """, [(5, "blame.blame-question")]),
    # a sentence wrapped over two lines is reported on the line where the phrase starts
    ("""
     # Checkout outage

     During the failover the
     on-call engineer forgot to drain the node.
     """, [(3, "blame.person-as-cause")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_cases(text, expected):
    assert problems(md(text), "blame") == expected


NOT_FLAGGED = [
    # code spans and code blocks
    """
    # Guide

    Search the logs for `human error` strings.

    ```
    the engineer forgot to drain the node
    ```
    """,
    # a quoted counter-example
    """
    # Guide

    Avoid "human error" in the root cause; instead write what the system allowed.
    """,
    # a blockquote and list introduced as examples of what not to write
    """
    # Guide

    Avoid writing:

    > The on-call engineer missed the alert.

    - Bob forgot to check the flag.
    - Human error.

    Write about conditions instead.
    """,
    # technical senses
    """
    # Notes

    Lazy loading hid the fault tolerance gap; we burned the error budget. Logs are
    human-readable.
    """,
    # HTML block
    """
    # Notes

    <div>The engineer was careless.</div>
    """,
]


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_not_flagged(text):
    assert problems(md(text), "blame") == []


def test_blame_after_counter_example_list_is_flagged_again():
    text = md("""
    # Guide

    Don't write:

    - Bob forgot to check the flag.

    The root cause was operator error.
    """)
    assert problems(text, "blame") == [(7, "blame.blame-word")]


def test_allow_and_extra_options():
    text = md("""
    # Outage

    The Careless Whisper service timed out. It was a hero deploy.
    """)
    assert problems(text, "blame") == [(3, "blame.blame-word")]
    opts = Options(blame_allow=("careless whisper",), blame_extra=("hero deploy",))
    assert problems(text, "blame", opts) == [(3, "blame.blame-word")]
    opts = Options(blame_allow=("careless whisper",))
    assert problems(text, "blame", opts) == []


def test_action_item_person_fix_is_left_to_the_actions_rule():
    text = replace_section(GOOD, "Action Items", """
    - [ ] Everyone must be more careful with prod — owner: @marcus, due: 2026-03-20, P1
    """)
    found = problems(text)
    assert any(r == "actions.fixes-person" for _, r in found)
    assert not any(r.startswith("blame.") for _, r in found)


def test_problem_carries_sentence_column_and_hint():
    from pmcheck.document.parse import parse
    from pmcheck.rules.blame import check_person_as_cause

    text = md("""
    # Outage

    It started at noon. Then the DBA ran the migration without a backup.
    """)
    (p,) = list(check_person_as_cause(parse(text, "x.md"), Options()))
    assert (p.line, p.column) == (3, 26)
    assert p.subject == "Then the DBA ran the migration without a backup."
    assert p.hint


# --- whole documents ----------------------------------------------------------------------

DATA = Path(__file__).resolve().parents[1] / "language" / "data"


def test_blameless_postmortem_with_hard_negatives_is_clean():
    text = (DATA / "blameless.md").read_text(encoding="utf-8")
    assert problems(text, "blame") == []


def test_blameful_postmortem_is_flagged_on_every_line():
    text = (DATA / "blameful.md").read_text(encoding="utf-8")
    assert problems(text, "blame") == [
        (5, "blame.blame-word"),
        (11, "blame.person-as-cause"),
        (12, "blame.person-as-cause"),
        (13, "blame.person-as-cause"),
        (18, "blame.person-as-cause"),
        (22, "blame.counterfactual"),
        (23, "blame.blame-question"),
        (24, "blame.counterfactual"),
    ]


def test_table_actor_cell_is_the_subject_of_the_next_cell():
    text = md("""
    # Outage

    | Time  | Who                  | What                                   |
    |-------|----------------------|----------------------------------------|
    | 09:14 | @sam                 | ignored the alert and went back to bed |
    | 09:20 | @lee                 | restarted the api pods                 |
    | 09:25 | the on-call engineer | forgot to drain the node               |
    | 09:30 | Kubernetes           | failed to schedule the pods            |
    | 09:35 | deploy               | missed the window                      |
    """)
    assert problems(text, "blame") == [(5, "blame.person-as-cause"),
                                       (7, "blame.person-as-cause")]


def test_a_list_after_what_went_wrong_is_not_treated_as_examples():
    text = md("""
    # Outage

    Here is what went wrong:

    - Bob forgot to check the flag.
    """)
    assert problems(text, "blame") == [(5, "blame.person-as-cause")]


# --- omissions through `pmcheck check` (new-user walkthrough) ------------------------------

SUMMARY_OMISSIONS = [
    "The on-call engineer failed to restart the sidecars.",
    "Dave didn't restart envoy.",
    "Dave rotated the cert by hand and forgot to restart envoy.",
]


def check_json(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    """(line, rule) pairs `pmcheck check --format json` reports for one postmortem file."""
    import json

    from click.testing import CliRunner

    from pmcheck.cli import cli

    path = tmp_path / "postmortem.md"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(path)])
    findings = json.loads(result.stdout)["findings"]
    return sorted((f["line"], f["rule"]) for f in findings)


@pytest.mark.parametrize("sentence", SUMMARY_OMISSIONS)
def test_summary_omission_is_flagged_by_pmcheck_check(tmp_path, sentence):
    text = replace_section(GOOD, "Summary", sentence + "\n")
    assert check_json(tmp_path, text) == [(16, "blame.person-as-cause")]


def test_summary_with_explained_omissions_passes_pmcheck_check(tmp_path):
    text = replace_section(GOOD, "Summary", """
    The deploy failed to restart the pods. Dave didn't need to restart envoy. Dave did not see
    an alert because none fired. We didn't restart envoy until 10:40. @dave did not page anyone
    because the runbook said to wait. Dana didn't hesitate to roll back.
    """)
    assert check_json(tmp_path, text) == []


def test_messages_are_one_line_when_the_paragraph_is_hard_wrapped():
    from pmcheck.linter import lint_text
    from pmcheck.options import Options

    text = "# T\n\n## Summary\n\nThe page was missed because the on-call\nengineer forgot to ack it.\n"
    found = [f for f in lint_text(text, "w.md", Options())[0] if f.category == "blame"]
    assert found and all("\n" not in f.message for f in found)
