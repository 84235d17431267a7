"""Blame recognition that does not depend on a closed list of names: the seed's examples, their
blameless rewrites, unknown names and handles, self hindsight, and the hard negatives."""

from __future__ import annotations

import pytest

from pmcheck.document.parse import parse
from pmcheck.language import scan
from pmcheck.language.words import is_english
from pmcheck.linter import lint_document
from pmcheck.options import Options


def kinds(sentence: str) -> list[str]:
    return [h.kind for h in scan(sentence)]


@pytest.mark.parametrize("seed, rewrite", [
    ("Dev deployed untested code to production",
     "Untested code reached production because the pipeline has no test gate"),
    ("On-call engineer missed alert for 20 minutes",
     "The alert went unacknowledged for 20 minutes while it shared a channel with 40 noisy "
     "alerts"),
    ("DBA ran migration without backup",
     "The migration ran without a backup because the tool does not require one"),
    ("The code reviewer didn't catch it",
     "The review did not surface the missing index, and no check covers it"),
])
def test_seed_examples_caught_and_rewrites_silent(seed, rewrite):
    assert kinds(seed) == ["person-failure"]
    assert kinds(rewrite) == []


@pytest.mark.parametrize("name", ["Hira", "Ugo", "Oluwaseun", "Siobhan", "Kwame", "Ines",
                                  "Thandiwe", "Ruairí", "Agnieszka", "Haruto"])
def test_unknown_given_names_are_people(name):
    assert kinds(f"{name} forgot to renew the certificate.") == ["person-failure"]
    assert kinds(f"{name} skipped the canary.") == ["person-failure"]
    assert kinds(f"{name} rolled back the deploy at 10:42.") == []


@pytest.mark.parametrize("handle", ["@renzo.quispe", "@kim_lee", "@ana-maria"])
def test_handles_with_dots_underscores_dashes(handle):
    assert kinds(f"{handle} skipped the canary") == ["person-failure"]
    assert kinds(f"the alert paged {handle}") == []


def test_system_names_are_not_people():
    assert kinds("Kubernetes failed to schedule the pods.") == []
    assert kinds("Terraform skipped the canary.") == []
    assert not is_english("Oluwaseun") and is_english("deployed") and is_english("rollbacks")


@pytest.mark.parametrize("sentence", [
    "We should have deployed something else.",
    "I really should have waited for the canary.",
    "Had we not rushed the launch, the limiter would have been tuned.",
    "None of this would have happened had we been more disciplined.",
    "If we had just been more careful with the merge, nothing would have broken.",
])
def test_self_and_collective_hindsight(sentence):
    assert "counterfactual" in kinds(sentence)


@pytest.mark.parametrize("sentence", [
    "We should have had a canary stage.",
    "we should have had an alert on key version mismatch between HSMs",
    "If we had had a second region warm, failover would have taken minutes.",
    "The service should have failed over.",
    "Jane missed her flight home, so Li took over.",
    "Kalani missed the retro because of a dentist appointment.",
    'Distinguish "we should have had a canary stage" from "we should have been more careful".',
])
def test_hard_negatives(sentence):
    assert kinds(sentence) == []


DOC = "# Incident\n\n## Root Cause\n\nWe should have rolled back sooner.\n"


def test_self_hindsight_is_configurable():
    def rules(opts):
        findings, _ = lint_document(parse(DOC, "pm.md", opts.template), opts)
        return {f.rule for f in findings}

    assert "blame.counterfactual" in rules(Options())
    assert "blame.counterfactual" not in rules(Options(blame_self_hindsight=False))


def test_every_finding_says_why_in_one_sentence():
    for sentence in ("Hira pushed the config without review.", "We should have rolled back.",
                     "Why did @kim_lee skip the canary?"):
        hits = scan(sentence)
        assert hits, sentence
        for hit in hits:
            assert hit.message.count(". ") == 0 and hit.message.endswith(".")
            assert hit.hint


@pytest.mark.parametrize("sentence", [
    "Ugo shipped the build despite the failing canary.",
    "Ines deleted the production bucket instead of the staging one.",
    "Siobhan rubber-stamped the PR.",
    "Kwame force-pushed to main.",
    "Oluwaseun is responsible for the data loss.",
    "The outage is entirely on Hira.",
    "Carlos should be held accountable.",
    "Nobody bothered to check the backups.",
    "The new hire was inexperienced.",
    "The SRE who was paged forgot to escalate.",
    "Ugo's bad merge broke checkout.",
    "Hira's failure to update the config caused the outage.",
    "Ugo not following the runbook caused the outage.",
    "The config was pushed by Carlos without review.",
    "The mistake was made by the platform team.",
    "Had Ines not rushed the deploy, we would have been fine.",
    "It would not have happened had we waited for the canary.",
    "Why did Ugo deploy without running the tests?",
    "Who approved this change?",
    "Sanjay and Eoghan both approved the change without reading it.",
    "That's on me, I rushed the rollout.",
])
def test_failure_and_judgement_beyond_verb_lists(sentence):
    assert kinds(sentence), sentence


@pytest.mark.parametrize("sentence", [
    "Human error is a starting point for the investigation, not a conclusion.",
    "The paging delay was a symptom of alert fatigue, not of inattention.",
    "The forgotten cron job kept running.",
    "Femi forgot his badge and worked the incident from the lobby.",
    "The scheduler failed to place pods.",
    "The alert that paged the engineer failed to fire twice.",
    "What information did the on-call engineer have at the time?",
    "Who approved the change? Two reviewers, as the policy requires.",
    "Why did nobody notice for four hours? Because the dashboard only flags large orders.",
    "We managed to wipe the build cache without causing an outage.",
    "The on-call engineer is responsible for the incident channel.",
    "The fault lies with the storage driver.",
])
def test_more_hard_negatives(sentence):
    assert kinds(sentence) == [], sentence


def test_document_context_names_people_and_systems():
    from pmcheck.language import document_context

    people, systems = document_context(["Grace Hopper, @ghopper"], ["Will"], [],
                                       ["Hellman Kubernetes IaC accidentally reverted"])
    assert "grace" in people and "will" in people and "hellman" in systems
    assert kinds("Grace skipped the canary.") == []  # an English word, and no context
    assert [h.kind for h in scan("Grace skipped the canary.", context=(people, systems))] == [
        "person-failure"]
    assert [h.kind for h in scan("Hellman accidentally reverted the state.",
                                 context=(people, systems))] == []
