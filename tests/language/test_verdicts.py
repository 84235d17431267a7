"""Verdicts that stop at a person, found by shape: why-chains answered by a person, a person's
act named as the cause, failures attributed by a noun, organisations as subjects. Each class
has blameless neighbours that must stay silent."""

from __future__ import annotations

import pytest

from pmcheck.language import scan


def kinds(sentence: str) -> list[str]:
    return [h.kind for h in scan(sentence, model=False)]


@pytest.mark.parametrize("sentence, blame", [
    # why-chain ending at a person
    ("Why did the queue back up? Because Tomasz paused the consumer.", True),
    ("Why was the flag on? Because the release manager, who owned it, left it on.", True),
    ("Why? Because we were rushing to make the demo.", True),
    ("Why did the cron stop? Because he moved it by hand and never told anyone.", True),
    ("Why 3: because Dana skipped the dry run.", True),
    # why-chain ending at a system
    ("Why 3: because the dry run was optional in the pipeline.", False),
    ("Why did the queue back up? Because the consumer had no retry limit.", False),
    ("Why was nobody alerted? Because the on-call engineer was never paged.", False),
    ("Why? Because the engineer had no access to the dashboard.", False),
    ("Because Tomasz paused the consumer, the backlog drained safely.", False),  # no why
    ("Why? Because they share one connection pool.", False),
    # a person's act named as the cause
    ("Ultimately the root cause was Marisol not checking the replica lag.", True),
    ("Root cause: Dmitri's hand edit of the load balancer pool.", True),
    ("gonna say it: tanvir ignoring the page is why this dragged on", True),
    ("The outage resulted from the failure of the Billing Platform team to follow the freeze.",
     True),
    ("The delay came from a lapse in diligence by the release coordinator.", True),
    ("This was a failure of ownership on the part of the data team.", True),
    # causes that are systems or credit
    ("Marisol's quick failover is the reason impact stayed under five minutes.", False),
    ("The root cause was a missing index on the orders table.", False),
    ("Root cause: the scheduler's retry loop had no backoff.", False),
    ("The failure of the primary to elect a leader stalled writes.", False),
    ("A lapse in the certificate's validity by one hour broke the handshake.", False),
    # organisations and role nouns as subjects
    ("The Customer Communications group ignored the escalation.", True),
    ("Engineers in the Payments Department did not follow the change freeze.", True),
    ("The infra folks should have caught this in review.", True),
    ("The consumer group ignored the poison message.", False),
    ("The autoscaling group failed to launch instances.", False),
    # responsibility placed on a person or group
    ("Responsibility for the late notice rests with the Partner Success group.", True),
    ("The fault lies with whoever turned off the backups.", True),
    ("The fee is Anouk's problem, since she set the limit.", True),
    ("The slowdown is attributable to careless handling on the part of the storage team.",
     True),
    ("The SLA miss is attributable to the slow reply of the vendor support team.", True),
    ("Responsibility for the runbook rests with the wiki, which nobody updates.", False),
    ("The slowdown is attributable to the cache being cold after the restart.", False),
    ("The fault lies with the storage driver.", False),
    # attitude cues about a person's act
    ("The reporting team, as usual, ran a full scan at peak.", True),
    ("Our new contractor, bless her, restarted the primary.", True),
    ("As usual, the nightly job finished at 02:00.", False),
    # judgement words about people
    ("the whole web team should be embarrassed by this", True),
    ("Ngozi rubber-stamped the pull request.", True),
    ("lol the outage is 100% on the growth team", True),
    ("it's on the infra folks, they changed the route table", True),
    ("The migration is on the roadmap for Q3.", False),
    ("Words like arrogant or menace have no place in a postmortem.", False),
    # a person's act as the agent of a bad outcome
    ("Ms. Okafor's decision to fail over mid-backup prolonged the outage.", True),
    ("zoran's quick cleanup script wiped the staging bucket", True),
    ("@alice's change broke the checkout page because the schema had changed underneath it.",
     False),
    # sarcastic praise of a harmful act
    ("Great job, Henrik, wiping the staging database an hour before the demo.", True),
    ("Well done to whoever made backups optional.", True),
    ("Great job, Henrik, on the calm handover at 03:00.", False),
    ("Thanks to Maria for staying late to verify the restore.", False),
    # chat: lower-case names with person-only verbs, "w/o", "shoulda"
    ("tbh tomasz forgot to renew the cert again", True),
    ("@lena.k merged the schema change w/o running it on staging", True),
    ("honestly the on-call shoulda escalated way earlier", True),
    ("the scheduler neglected low-priority queues under load", False),
    ("kubelet restarted the pod w/o draining it first", False),
    # questions aimed at "you": a why demands a defence; what/how asks for their view
    ("Why didn't you page the database team?", True),
    ("Why did it take you an hour to roll back?", True),
    ("Couldn't you have waited for the canary?", True),
    ("What were you thinking, restarting both nodes?", True),
    ("What did you see on the dashboard when you decided to restart?", False),
    ("How did the runbook describe the failover to you?", False),
    ('"Why did you restart it?" makes people defend themselves; ask what they saw.', False),
])
def test_verdict_classes(sentence, blame):
    assert bool(kinds(sentence)) is blame, kinds(sentence)
