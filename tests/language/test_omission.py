"""Negated actions and coordinated clauses: "Dave didn't restart envoy", "the on-call engineer
failed to restart the sidecars", "Dave rotated the cert by hand and forgot to restart envoy".

The hard negatives were written before the engine change; each names the guard it exercises.
"""

from __future__ import annotations

import pytest

from pmcheck.language import person_failure_subject, scan


@pytest.mark.parametrize("sentence, subject", [
    ("The on-call engineer failed to restart the sidecars.", "The on-call engineer"),
    ("Dave didn't restart envoy.", "Dave"),
    ("@dave did not restart envoy.", "@dave"),
    ("Dave rotated the cert by hand and forgot to restart envoy.", "Dave"),
    ("Dave rotated the cert by hand and didn't restart envoy.", "Dave"),
    ("Dave rotated the cert, reloaded nginx, and forgot to restart envoy.", "Dave"),
    ("Dave then rotated the cert and forgot to restart envoy.", "Dave"),
    ("The on-call engineer acknowledged the page, then failed to drain the node.",
     "The on-call engineer"),
    ("@priya merged the change but never deployed the matching config.", "@priya"),
    ("The pods crashed because Dave rotated the cert and forgot to restart envoy.", "Dave"),
    ("The release engineer never restarted the canary pods.", "The release engineer"),
    ("- 10:32 @sam didn't roll the config back.", "@sam"),
    ("Bob didn't immediately restart envoy.", "Bob"),
    ("Dave didn't check the flag because he was tired.", "Dave"),  # a reason about the person
    ("The on-call didn't escalate to the vendor until four hours in.", "The on-call"),  # a duty
    ("The incident coordinator did not open a channel.", "The incident coordinator"),
    ("The on-call engineer didn't notice the free disk space drop below 5%.",
     "The on-call engineer"),
    ("Bob didn't check the flag, following his own habit.", "Bob"),
])
def test_omission_by_a_person_is_found(sentence, subject):
    assert person_failure_subject(sentence) == subject


def test_blame_question_with_an_ordinary_verb():
    assert [h.kind for h in scan("Why didn't the on-call engineer restart envoy?")] == [
        "blame-question"]


@pytest.mark.parametrize("sentence", [
    # a system subject
    "The deploy failed to restart the pods.",
    "The health check did not restart the pod.",
    "Why didn't envoy restart after the cert rotation?",
    "Why didn't Envoy restart after the cert rotation?",
    # need, state, knowledge, intent, composure, exoneration
    "Dave didn't need to restart envoy.",
    "Dana didn't hesitate to roll back.",
    "Dave didn't know the cert had been rotated.",
    "@dave didn't have access to the production cluster.",
    "Dave didn't want to restart envoy during peak traffic without a second opinion.",
    "Dave didn't break anything: the failure was in the vendor's API.",
    "The on-call engineer did not cause the outage.",
    "Dave didn't miss a single page that week.",
    "Dave restarted envoy and did not need to touch the sidecars.",
    # capability: the system did not let them
    "The on-call engineer did not receive the page.",
    "Dave never got a response from the vendor.",
    "The engineer rotated the cert and failed to reach the node because the bastion was down.",
    "Dave could not restart envoy because the node was cordoned.",
    # the sentence gives the system reason (policy: the omission is explained, not blamed)
    "Dave did not see an alert because none fired.",
    "@dave did not page anyone because the runbook said to wait.",
    "Dave didn't restart envoy because the restart hook had been removed in the last release.",
    "The engineer failed to restart the pod because of the API server outage.",
    # a time, not an omission
    "Dave didn't restart envoy until 10:40, after the new cert was published.",
    "We didn't restart envoy until 10:40.",
    # passive and perfect: not something the subject did
    "Dave was never paged.",
    "The on-call engineer was never told about the maintenance window.",
    "The new hire had never deployed to production before.",
    # nobody, we, they, I: no blamed person
    "nobody had to restart anything.",
    "Nobody had to restart anything by hand.",
    "They did not restart after the config push.",
    "I resized the node pools last week but didn't add any.",
    # names that are also words
    "Will the controller fail to restart envoy again?",
    "Grant the deploy bot access so that a stuck job does not need a human to restart it.",
    "Mark the step optional: the controller did not restart envoy either way.",
    "In May the deploy failed to restart the sidecars.",
    "May's release did not restart the sidecars.",
    # role words that are software
    "The operator failed to reconcile the CRD after the upgrade.",
    "The Kubernetes operator did not restart the stateful set.",
    "The transaction coordinator failed to commit the batch.",
    "The cluster manager did not restart the failed node.",
    "@dependabot did not open a pull request for the patch release.",
    # coordination whose subject is not the person
    "The alert paged Dave and didn't stop for an hour.",
    "Dave restarted envoy and the sidecars did not come back.",
    "The pods crashed after Dave rotated the cert and the controller failed to restart envoy.",
    "The script that Dave ran rotated the cert and failed to restart envoy.",
    "Dave paged the DB team, the controller rotated the cert and failed to restart envoy.",
    "The runbook did not tell Dave to restart envoy.",
    # approval withheld, a policy followed, an observation that nothing was there
    "The reviewer did not approve the change.",
    "The engineer didn't deploy on Friday, following the freeze.",
    "Dave didn't restart envoy per the cert rotation runbook.",
    "The on-call engineer acknowledged the page and did not see any errors in the logs.",
    "Dave restarted envoy and didn't see the error rate recover.",
    # an idiom with a particle verb
    "I never back down from a good challenge.",
])
def test_hard_negative_is_left_alone(sentence):
    assert scan(sentence) == [], [h.phrase for h in scan(sentence)]


def test_omission_hint_asks_a_systemic_question():
    (hit,) = scan("Dave didn't restart envoy.")
    assert hit.kind == "person-failure"
    assert "e.g." in hit.hint and "skip" in hit.hint
