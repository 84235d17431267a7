"""Pick what the Action does from the event and the `mode` input (pure; no I/O)."""

from __future__ import annotations

REVIEW_EVENTS = ("pull_request", "pull_request_target", "workflow_run")
FOLLOWUP_EVENTS = ("schedule", "workflow_dispatch")


class ModeError(ValueError):
    """The mode cannot be chosen; the message names the event and the fix."""


def choose_mode(event_name: str, mode_input: str) -> str:
    """Return "review", "followup" or "gate".

    `mode_input` "auto" (or blank) means: review on pull-request events (and on workflow_run,
    the second half of the fork pattern), followup on schedule / workflow_dispatch.
    """
    mode = (mode_input or "auto").strip().lower()
    if mode in ("review", "followup", "gate"):
        return mode
    if mode != "auto":
        raise ModeError(f"input mode: {mode_input!r} is not a mode; "
                        "use auto, review, followup or gate")
    if event_name in REVIEW_EVENTS:
        return "review"
    if event_name in FOLLOWUP_EVENTS:
        return "followup"
    raise ModeError(
        f"mode auto: the event {event_name or '(none)'!r} has no default mode; run on "
        "pull_request (review) or schedule / workflow_dispatch (followup), or set mode: "
        "review, followup or gate")
