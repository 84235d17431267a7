"""actions: every postmortem ends in owned, dated, prioritised action items that fix systems.

Items come from the Action Items section (a table in any column order, or checklist / bullet
items such as ``- [ ] Add CI gate — owner: @alice, due: 2026-03-22, P1``). External documents
are skipped (customers get a prevention section instead; see the ``external`` family).
"""

from __future__ import annotations

import datetime as dt
import re

from pmcheck.document.model import ActionItem, Document
from pmcheck.findings import Problem, Severity
from pmcheck.language import person_fix
from pmcheck.options import Options
from pmcheck.rules import rule
from pmcheck.rules.external import is_external

OWNER_HANDLE = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                          r"(?:/[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9])?)?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PLACEHOLDERS = frozenset({"", "-", "--", "\u2013", "\u2014", "?", "??", "tbd", "tba", "tbc",
                          "n/a", "na", "none", "null", "unassigned", "unknown", "todo", "xxx"})
_OWNER_SPLIT = re.compile(r"\s*(?:,|;|&|\+|\band\b)\s*", re.IGNORECASE)
_MARKUP = re.compile(r"[`*_~]")


def clean(value: str | None) -> str:
    """Cell text without inline markup or surrounding whitespace."""
    return _MARKUP.sub("", value or "").strip()


def is_placeholder(value: str | None) -> bool:
    return clean(value).lower() in PLACEHOLDERS


def incident_date(doc: Document) -> dt.date | None:
    """The incident Date from metadata, when it starts with an ISO date."""
    field = doc.metadata.get("date")
    if field is None:
        return None
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", field.value)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None


def parse_due(value: str | None) -> dt.date | None:
    """An ISO date when the whole value is one (markup aside), else None."""
    text = clean(value)
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def invalid_owners(value: str, teams: tuple[str, ...]) -> list[str]:
    """The parts of an owner value that are neither a @handle, an @org/team nor a team."""
    known = {t.strip().lower() for t in teams}
    parts = [p for p in _OWNER_SPLIT.split(clean(value)) if p]
    return [p for p in parts if not OWNER_HANDLE.fullmatch(p) and p.lower() not in known]


def _column(doc: Document, item: ActionItem, name: str, value: str | None) -> int:
    col = item.column_of(name) if any(key == name for key, _ in item.cells) else 1
    if col <= 1 and value:
        return doc.column_of(item.line, value)
    return col


def _items(doc: Document, opts: Options):
    return () if is_external(doc, opts) else doc.actions


@rule("actions.missing", Severity.ERROR)
def check_missing(doc: Document, opts: Options):
    """The postmortem has no action items.

    A postmortem that changes nothing will be repeated. List at least one item, as a table
    (Action, Owner, Due, Priority, optional Status and Ticket columns, any order) or as
    checklist items in the Action Items section.

    Fails:

        ```markdown
        # Checkout errors

        ## Action Items

        We will look into it.
        ```

    Passes:

        ```markdown
        # Checkout errors

        ## Action Items

        - [ ] Add a lower bound for pool size — owner: @marcus, due: 2026-03-20, P1
        ```
    """
    if is_external(doc, opts) or doc.actions:
        return
    section = doc.section("action-items")
    line = section.line if section else (doc.title.line if doc.title else 1)
    hint = ("Add an Action Items table (Action | Owner | Due | Priority) or checklist items "
            "like \"- [ ] Fix X — owner: @alice, due: 2026-03-22, P1\".")
    if section is not None and section.has_content:
        yield Problem(line, f"The \"{section.title}\" section has no trackable action item "
                            "(none has an owner, a due date, a priority or a checkbox).",
                      hint=hint, subject="action-items")
    else:
        yield Problem(line, "The postmortem has no action items.", hint=hint,
                      subject="action-items")


@rule("actions.owner-missing", Severity.ERROR)
def check_owner_missing(doc: Document, opts: Options):
    """An action item has no owner.

    Items without a single accountable owner are the ones that never get done. Placeholders
    such as "TBD", "?" or "-" count as missing.

    Fails:

        ```markdown
        ## Action Items

        | Action | Owner | Due | Priority |
        |---|---|---|---|
        | Add a pool-size lower bound | TBD | 2026-03-20 | P1 |
        ```

    Passes:

        ```markdown
        ## Action Items

        | Action | Owner | Due | Priority |
        |---|---|---|---|
        | Add a pool-size lower bound | @marcus | 2026-03-20 | P1 |
        ```
    """
    for item in _items(doc, opts):
        if is_placeholder(item.owner):
            yield Problem(item.line, f"Action item \"{item.text}\" has no owner.",
                          column=_column(doc, item, "owner", item.owner),
                          hint="Name one owner as a GitHub @handle or @org/team.",
                          subject=item.text)


@rule("actions.owner-invalid", Severity.ERROR)
def check_owner_invalid(doc: Document, opts: Options):
    """An action item's owner is not a @handle, an @org/team or a configured team.

    A bare first name ("Bob") is ambiguous and cannot be assigned an issue or pinged by the
    follow-up job. Options: `teams` (team names accepted without "@").

    Fails:

        ```markdown
        ## Action Items

        | Action | Owner | Due | Priority |
        |---|---|---|---|
        | Add a pool-size lower bound | Bob | 2026-03-20 | P1 |
        ```

    Passes:

        ```markdown
        ## Action Items

        | Action | Owner | Due | Priority |
        |---|---|---|---|
        | Add a pool-size lower bound | @acme/checkout | 2026-03-20 | P1 |
        ```
    """
    for item in _items(doc, opts):
        if is_placeholder(item.owner):
            continue
        bad = invalid_owners(item.owner or "", opts.teams)
        if bad:
            yield Problem(item.line, f"Owner \"{bad[0]}\" of action item \"{item.text}\" is not "
                                     f"a @handle, @org/team or configured team.",
                          column=_column(doc, item, "owner", item.owner),
                          hint="Write the owner as a GitHub @handle or @org/team, or add the "
                               "team name to `teams` in .pmcheck.yml.",
                          subject=item.text)


@rule("actions.due-missing", Severity.ERROR)
def check_due_missing(doc: Document, opts: Options):
    """An action item has no due date.

    Without a date nobody can tell when an item is late, and the follow-up job cannot open an
    overdue issue for it.

    Fails:

        ```markdown
        ## Action Items

        - [ ] Add a pool-size lower bound — owner: @marcus, P1
        ```

    Passes:

        ```markdown
        ## Action Items

        - [ ] Add a pool-size lower bound — owner: @marcus, due: 2026-03-20, P1
        ```
    """
    for item in _items(doc, opts):
        if is_placeholder(item.due):
            yield Problem(item.line, f"Action item \"{item.text}\" has no due date.",
                          column=_column(doc, item, "due", item.due),
                          hint="Add a due date as YYYY-MM-DD.",
                          subject=item.text)


@rule("actions.due-invalid", Severity.ERROR)
def check_due_invalid(doc: Document, opts: Options):
    """An action item's due date is not an ISO date (YYYY-MM-DD).

    "next sprint", "end of March" or "03/20" cannot be compared with today, so the item can
    never be reported as overdue.

    Fails:

        ```markdown
        ## Action Items

        | Action | Owner | Due | Priority |
        |---|---|---|---|
        | Add a pool-size lower bound | @marcus | next sprint | P1 |
        ```

    Passes:

        ```markdown
        ## Action Items

        | Action | Owner | Due | Priority |
        |---|---|---|---|
        | Add a pool-size lower bound | @marcus | 2026-03-20 | P1 |
        ```
    """
    for item in _items(doc, opts):
        if not is_placeholder(item.due) and parse_due(item.due) is None:
            yield Problem(item.line, f"Due date \"{clean(item.due)}\" of action item "
                                     f"\"{item.text}\" is not an ISO date.",
                          column=_column(doc, item, "due", item.due),
                          hint="Write the due date as YYYY-MM-DD, e.g. 2026-03-20.",
                          subject=item.text)


@rule("actions.priority-missing", Severity.ERROR)
def check_priority_missing(doc: Document, opts: Options):
    """An action item has no priority.

    The priority decides how soon the item is due (see `actions.due-outside-policy`) and what
    gets worked on first. Options: `priorities`.

    Fails:

        ```markdown
        ## Action Items

        - [ ] Add a pool-size lower bound — owner: @marcus, due: 2026-03-20
        ```

    Passes:

        ```markdown
        ## Action Items

        - [ ] Add a pool-size lower bound — owner: @marcus, due: 2026-03-20, P1
        ```
    """
    for item in _items(doc, opts):
        if is_placeholder(item.priority):
            yield Problem(item.line, f"Action item \"{item.text}\" has no priority.",
                          column=_column(doc, item, "priority", item.priority),
                          hint=f"Add one of the priorities {', '.join(opts.priorities)}.",
                          subject=item.text)


@rule("actions.priority-invalid", Severity.ERROR)
def check_priority_invalid(doc: Document, opts: Options):
    """An action item's priority is not one of the configured priorities.

    Options: `priorities` (default P1, P2, P3; compared case-insensitively).

    Fails:

        ```markdown
        ## Action Items

        | Action | Owner | Due | Priority |
        |---|---|---|---|
        | Add a pool-size lower bound | @marcus | 2026-03-20 | urgent |
        ```

    Passes:

        ```markdown
        ## Action Items

        | Action | Owner | Due | Priority |
        |---|---|---|---|
        | Add a pool-size lower bound | @marcus | 2026-03-20 | P1 |
        ```
    """
    known = {p.lower() for p in opts.priorities}
    for item in _items(doc, opts):
        if not is_placeholder(item.priority) and clean(item.priority).lower() not in known:
            yield Problem(item.line, f"Priority \"{clean(item.priority)}\" of action item "
                                     f"\"{item.text}\" is not a configured priority.",
                          column=_column(doc, item, "priority", item.priority),
                          hint=f"Use one of {', '.join(opts.priorities)}.",
                          subject=item.text)


@rule("actions.status-invalid", Severity.ERROR)
def check_status(doc: Document, opts: Options):
    """An action item's Status is empty or not a known status.

    Checked only when the table has a Status column. Known statuses are open, in_progress,
    completed and deferred, with aliases (todo, in progress, done, closed, won't fix …).
    Options: `statuses`.

    Fails:

        ```markdown
        ## Action Items

        | Action | Owner | Due | Priority | Status |
        |---|---|---|---|---|
        | Add a pool-size lower bound | @marcus | 2026-03-20 | P1 | almost |
        ```

    Passes:

        ```markdown
        ## Action Items

        | Action | Owner | Due | Priority | Status |
        |---|---|---|---|---|
        | Add a pool-size lower bound | @marcus | 2026-03-20 | P1 | done |
        ```
    """
    canonical = sorted(set(dict(opts.statuses).values()))
    for item in _items(doc, opts):
        if not item.has_status_column:
            continue
        raw = clean(item.status)
        if raw and opts.status(raw):
            continue
        what = f"Status \"{raw}\"" if raw else "Empty status"
        yield Problem(item.line, f"{what} of action item \"{item.text}\" is not a known status.",
                      column=_column(doc, item, "status", item.status),
                      hint=f"Use one of {', '.join(canonical)}.",
                      subject=item.text)


@rule("actions.due-before-incident", Severity.ERROR)
def check_due_before_incident(doc: Document, opts: Options):
    """An action item is due before the incident happened.

    Almost always a typo in the year or month; the item would be reported as overdue at once.
    Needs the metadata `Date` as an ISO date.

    Fails:

        ```markdown
        Date: 2026-03-14

        ## Action Items

        - [ ] Add a pool-size lower bound — owner: @marcus, due: 2025-03-20, P1
        ```

    Passes:

        ```markdown
        Date: 2026-03-14

        ## Action Items

        - [ ] Add a pool-size lower bound — owner: @marcus, due: 2026-03-20, P1
        ```
    """
    start = incident_date(doc)
    if start is None:
        return
    for item in _items(doc, opts):
        due = parse_due(item.due)
        if due is not None and due < start:
            yield Problem(item.line, f"Action item \"{item.text}\" is due {due.isoformat()}, "
                                     f"before the incident date {start.isoformat()}.",
                          column=_column(doc, item, "due", item.due),
                          hint="Check the year and month of the due date.",
                          subject=item.text)


@rule("actions.due-outside-policy", Severity.WARNING)
def check_due_policy(doc: Document, opts: Options):
    """An action item is due later than its priority allows.

    Counted in calendar days from the incident `Date`. Defaults: P1 within 7 days, P2 within 14,
    P3 within 28 (derived from `sprint-days`). Items with a deferred status are exempt.
    Options: `due-policy`, `sprint-days`.

    Fails:

        ```markdown
        Date: 2026-03-14

        ## Action Items

        - [ ] Add a pool-size lower bound — owner: @marcus, due: 2026-04-30, P1
        ```

    Passes:

        ```markdown
        Date: 2026-03-14

        ## Action Items

        - [ ] Add a pool-size lower bound — owner: @marcus, due: 2026-03-20, P1
        ```
    """
    start = incident_date(doc)
    if start is None:
        return
    for item in _items(doc, opts):
        due = parse_due(item.due)
        days = opts.due_days(clean(item.priority)) if item.priority else None
        if due is None or days is None or due < start:
            continue
        if item.status and opts.status(clean(item.status)) == "deferred":
            continue
        if (due - start).days > days:
            limit = start + dt.timedelta(days=days)
            yield Problem(item.line, f"{clean(item.priority)} action item \"{item.text}\" is due "
                                     f"{(due - start).days} days after the incident; the policy "
                                     f"allows {days}.",
                          column=_column(doc, item, "due", item.due),
                          hint=f"Bring the due date to {limit.isoformat()} or earlier, or lower "
                               f"the priority.",
                          subject=item.text)


@rule("actions.fixes-person", Severity.ERROR)
def check_fixes_person(doc: Document, opts: Options):
    """An action item tries to fix a person instead of the system.

    "Retrain Bob", "be more careful", "remind engineers to …" or disciplinary steps do not
    stop the next person from making the same move; they also tell everyone that incidents end
    in blame, so people stop reporting them. Change the system so the mistake is hard to make
    or cheap to catch: a guard, a check in CI, an alert, an automation, a safer default.

    Fails:

        ```markdown
        ## Action Items

        - [ ] Remind engineers to run the load test — owner: @marcus, due: 2026-03-20, P1
        ```

    Passes:

        ```markdown
        ## Action Items

        - [ ] Run the load test automatically in the pipeline — owner: @marcus, due: 2026-03-20, P1
        ```
    """
    for item in _items(doc, opts):
        phrase = person_fix(item.text)
        if phrase:
            yield Problem(item.line, f"Action item \"{item.text}\" fixes a person "
                                     f"(\"{phrase}\") rather than the system.",
                          column=_column(doc, item, "action", item.text),
                          hint="Change something in the system so the mistake is hard to make "
                               "or quick to catch: a guard, a CI check, an alert, an automation.",
                          subject=item.text)
