"""The public API other rules depend on: person_failure_subject, person_fix, scan, sentences."""

from __future__ import annotations

import pytest

from pmcheck.language import (
    Hit, is_person_phrase, person_failure_subject, person_fix, scan, sentences,
)


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
    hits = scan("The rollout was a hero deploy.", extra=("hero deploy",))
    assert [(h.kind, h.phrase) for h in hits] == [("blame-word", "hero deploy")]


def test_scan_ignores_inline_code():
    assert scan("We grep for `human error` in the logs.") == []


def test_sentences_follow_markdown_structure():
    text = "First one. Second, e.g. this one.\n- item one\n- item two | a cell"
    assert [text[a:b] for a, b in sentences(text)] == [
        "First one.", "Second, e.g. this one.", "- item one", "- item two", "a cell"]


@pytest.mark.parametrize("sentence, kind", [
    ("Who approved this change without a second review?", "blame-question"),
    ("Who is responsible for not renewing the domain?", "blame-question"),
    ("Why did nobody on the team check the certificate expiry?", "blame-question"),
    ("Why didn't anyone escalate?", "blame-question"),
    ("Developer pushed directly to main, skipping CI.", "person-failure"),
    ("Bob deployed on Friday, bypassing the canary.", "person-failure"),
    ("The operator entered the wrong command.", "person-failure"),
    ("Because of mistake of developer the config was wrong.", "person-failure"),
    ("It was the fault of the on-call engineer.", "person-failure"),
    ("The person responsible for the outage has been identified.", "blame-word"),
    ("Find who made this change and hold them accountable.", "blame-word"),
    ("Engineers need to pay more attention to the checklist.", "blame-word"),
    ("Our DBA was too lazy to test the restore.", "blame-word"),
    ("The developer was lazy about tests.", "blame-word"),
    ("Bob (the on-call) was not paying attention.", "blame-word"),
    ("- 14:05 not paying attention to the dashboard", "blame-word"),
    ("The team needs to be more careful with production.", "blame-word"),
])
def test_scan_finds(sentence, kind):
    assert [h.kind for h in scan(sentence)] == [kind]


@pytest.mark.parametrize("sentence", [
    "The queue consumer was lazy about acknowledging messages, by design.",
    "The iterator is lazy, so the error surfaced at commit.",
    "We need to pay more attention to queue depth.",
    "The person responsible for the incident response paged the DBA.",
    "Who approved the change? Two reviewers, as the policy requires.",
    "Why did nobody receive the page?",
    "The fault of the primary disk cascaded to the replicas.",
    "Sam deployed the fix to canary, skipping nothing in the checklist.",
    '"git push" did not pay attention to the pushremote setting.',
    "The code that reads the bitmap was not careful enough about the file end.",
    "It also did not pay attention to the -v option.",
    "The `deploy.sh` script was not careful to quote paths.",
    "We forgot to close the file descriptor, which the next release fixed.",
    "The team is responsible for the failure domain design.",
    "The developer marked the test as flaky, skipping it in CI.",
])
def test_scan_leaves_alone(sentence):
    assert scan(sentence) == []


@pytest.mark.parametrize("text, expected", [
    ("@sam", True), ("Bob", True), ("the on-call engineer", True), ("Support", True),
    ("14:05", False), ("deploy", False), ("Kubernetes", False),
    ("the on-call engineer restarted the pods", False),
])
def test_is_person_phrase(text, expected):
    assert is_person_phrase(text) == expected


def test_every_hit_says_why_in_one_sentence_and_hints_a_reframing():
    from tests.language.evaluation import SPLITS, load

    kinds = set()
    for split in SPLITS:
        for ex in load(split):
            for hit in scan(ex.sentence):
                kinds.add(hit.kind)
                assert len(sentences(hit.message)) == 1, hit.message
                assert hit.message.endswith("."), hit.message
                assert "e.g." in hit.hint or "?" in hit.hint, hit.hint
    assert kinds == {"blame-word", "person-failure", "counterfactual", "blame-question"}
