"""Pick what the Action does from the event and the `mode` input (pure; no I/O)."""

from __future__ import annotations

REVIEW_EVENTS = ("pull_request", "pull_request_target", "workflow_run")
FOLLOWUP_EVENTS = ("schedule", "workflow_dispatch")
QUEUE_EVENTS = ("merge_group",)
MODES = ("review", "followup", "gate", "queue")


class ModeError(ValueError):
    """The mode cannot be chosen; the message names the event and the fix."""


def choose_mode(event_name: str, mode_input: str) -> str:
    """Return "review", "followup", "gate" or "queue".

    `mode_input` "auto" (or blank) means: review on pull-request events (and on workflow_run,
    the second half of the fork pattern), followup on schedule / workflow_dispatch, queue on
    merge_group (lint what the merge group changes; annotations and job summary only).
    """
    mode = (mode_input or "auto").strip().lower()
    if mode in MODES:
        return mode
    if mode != "auto":
        raise ModeError(f"input mode: {mode_input!r} is not a mode; "
                        "use auto, review, followup, gate or queue")
    if event_name in REVIEW_EVENTS:
        return "review"
    if event_name in FOLLOWUP_EVENTS:
        return "followup"
    if event_name in QUEUE_EVENTS:
        return "queue"
    raise ModeError(
        f"mode auto: the event {event_name or '(none)'!r} has no default mode; run on "
        "pull_request (review), schedule / workflow_dispatch (followup) or merge_group "
        "(queue), or set mode: "
        "review, followup, gate or queue")
