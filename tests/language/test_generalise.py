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
