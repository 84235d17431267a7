"""The public API other rules depend on: person_failure_subject, person_fix, scan, sentences."""

from __future__ import annotations

import pytest

from pmcheck.language import Hit, person_failure_subject, person_fix, scan, sentences


@pytest.mark.parametrize("sentence, subject", [
    ("the code reviewer didn't catch it", "the code reviewer"),
    ("Because the on-call engineer missed the alert.", "the on-call engineer"),
    ("@alice forgot to renew the certificate", "@alice"),
    ("Bob didn't check the feature flag", "Bob"),
    ("The DBA ran the migration without a backup", "The DBA"),
    ("the health check failed to detect the node", None),
    ("our monitoring missed the leak", None),
    ("the deploy failed halfway", None),
    ("@marcus rolled back the deploy", None),
    ("the on-call engineer acknowledged the page", None),
])
def test_person_failure_subject(sentence, subject):
    assert person_failure_subject(sentence) == subject


@pytest.mark.parametrize("action, phrase", [
    ("Retrain Bob on the deploy process", "Retrain"),
    ("Engineers must be more careful with prod", "be more careful"),
    ("Remind engineers to check the dashboard", "Remind engineers"),
    ("Put the operator on a performance improvement plan", "performance improvement plan"),
    ("Discipline the engineer involved", "Discipline"),
    ("On-call should pay more attention to alerts", "pay more attention"),
    ("Add an alert on replication lag", None),
    ("Add a reminder bot for expiring certificates", None),
    ("Require two approvals for production migrations", None),
])
def test_person_fix(action, phrase):
    assert person_fix(action) == phrase


def test_scan_hit_shape_and_kinds():
    text = "Root cause: human error. The engineer should have checked. Who broke the build?"
    hits = scan(text)
    assert [h.kind for h in hits] == ["blame-word", "counterfactual", "blame-question"]
    for h in hits:
        assert isinstance(h, Hit)
        assert text[h.start:h.end] == h.phrase
        assert h.message and h.hint


def test_scan_allow_and_extra():
    assert scan("Root cause: human error.", allow=("human error",)) == []
    hits = scan("The rollout was a yolo deploy.", extra=("yolo deploy",))
    assert [(h.kind, h.phrase) for h in hits] == [("blame-word", "yolo deploy")]


def test_scan_ignores_inline_code():
    assert scan("We grep for `human error` in the logs.") == []


def test_sentences_follow_markdown_structure():
    text = "First one. Second, e.g. this one.\n- item one\n- item two | a cell"
    assert [text[a:b] for a, b in sentences(text)] == [
        "First one.", "Second, e.g. this one.", "- item one", "- item two", "a cell"]
