"""actions (due dates): action items are due after the incident and within their priority's
policy. Both rules count from the incident `Date` and stay silent without one (the metadata
family reports a missing or unreadable Date)."""

from __future__ import annotations

import datetime as dt

from pmcheck.document.model import Document
from pmcheck.findings import Severity
from pmcheck.metavalues import is_placeholder, iso_date
from pmcheck.options import Options
from pmcheck.rules import rule
from pmcheck.rules.actions import clean, item_problem, items, parse_due
from pmcheck.rules.examples import with_examples


def incident_date(doc: Document) -> dt.date | None:
    """The incident Date from metadata, when it starts with an ISO date."""
    field = doc.metadata.get("date")
    if field is None or is_placeholder(field.value):
        return None
    return iso_date(field.value)


def item_due(due: str) -> str:
    """An incident Date and one P1 checklist item due on `due`."""
    return ("Date: 2026-03-14\n\n## Action Items\n\n"
            f"- [ ] Add a pool-size lower bound — owner: @marcus, due: {due}, P1")


@rule("actions.due-before-incident", Severity.ERROR)
@with_examples(item_due("2025-03-20"), item_due("2026-03-20"))
def check_due_before_incident(doc: Document, opts: Options):
    """An action item is due before the incident happened.

    Almost always a typo in the year or month; the item would be reported as overdue at once.
    Needs the metadata `Date` as an ISO date.
    """
    start = incident_date(doc)
    for item in items(doc, opts) if start else ():
        due = parse_due(item.due)
        if due is not None and due < start:
            yield item_problem(doc, item, "due", item.due,
                               f"Action item \"{item.text}\" is due {due.isoformat()}, before "
                               f"the incident date {start.isoformat()}.",
                               "Check the year and month of the due date.")


@rule("actions.due-outside-policy", Severity.WARNING)
@with_examples(item_due("2026-04-30"), item_due("2026-03-20"))
def check_due_policy(doc: Document, opts: Options):
    """An action item is due later than its priority allows.

    Counted in calendar days from the incident `Date`. Defaults: P1 within 7 days, P2 within 14,
    P3 within 28 (derived from `sprint-days`). Items with a deferred status are exempt.
    Options: `due-policy`, `sprint-days`.
    """
    start = incident_date(doc)
    for item in items(doc, opts) if start else ():
        due = parse_due(item.due)
        days = opts.due_days(clean(item.priority)) if item.priority else None
        if due is None or days is None or due < start:
            continue
        if item.status and opts.status(clean(item.status)) == "deferred":
            continue
        if (due - start).days > days:
            limit = start + dt.timedelta(days=days)
            yield item_problem(doc, item, "due", item.due,
                               f"{clean(item.priority)} action item \"{item.text}\" is due "
                               f"{(due - start).days} days after the incident; the policy "
                               f"allows {days}.",
                               f"Bring the due date to {limit.isoformat()} or earlier"
                               + _lower_priority(clean(item.priority), (due - start).days,
                                                 opts) + ".")


def _lower_priority(priority: str, needed: int, opts: Options) -> str:
    """', or make it P3' when a lower priority's window allows `needed` days, else ''
    (the lowest priority has nothing lower to offer)."""
    names = [p.lower() for p in opts.priorities]
    here = names.index(priority.lower()) if priority.lower() in names else len(names)
    for lower in opts.priorities[here + 1:]:
        days = opts.due_days(lower)
        if days is None or days >= needed:
            return f", or make it {lower} if it can wait"
    return ""
