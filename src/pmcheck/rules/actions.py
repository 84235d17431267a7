"""actions: every postmortem ends in owned, dated, prioritised action items that fix systems.

Items come from the Action Items section (a table in any column order, or checklist / bullet
items such as ``- [ ] Add CI gate — owner: @alice, due: 2026-03-22, P1``), and from any table,
under whatever heading, whose columns name the action and its owner, due date, priority or
status (``Action Item | Type | Owner | Bug``; a status word leading the Bug or an unnamed cell,
"DONE", "TODO: OPS-412", is read as the status). Legend bullets that define a category or
priority word ("- P0 - Critical for reliability", "- Prevent - Prevent similar issues") are
not items, nor are the other words of such a legend list. Column names may be plural
("Action Item(s)", "Bugs"); a table may be written without outer pipes. Values are read as written, markup resolved by the Markdown parser: ``in_progress``,
`` `core_team` `` and ``@jane_doe`` stay what they say. Status words may carry marks and
punctuation ("Done ✅", "TODO."). A ``pmcheck-disable-next-line`` comment between two table
rows silences the row below it and keeps the table whole. External documents are skipped (customers get a prevention section instead; see the ``external`` family). The
rules on due dates against the incident date live in ``action_dates``.

One finding per problem, not one per field and line (a PR with three comments on one line, or
one on every bullet, for one omission is noise):

- a section whose list items carry no owner, due date or priority at all (plain bullets,
  notes on what was done, a bare checklist) holds no trackable item: one ``actions.missing``
  finding for the section, none per bullet;
- otherwise an item lacking two or more of owner, due date and priority gets a single
  ``actions.incomplete`` finding naming them all, and ``actions.owner-missing``,
  ``actions.due-missing`` and ``actions.priority-missing`` report an item lacking just that one.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from pmcheck.document.model import ActionItem, Document, value_text
from pmcheck.findings import Problem, Severity
from pmcheck.language import person_fix
from pmcheck.metavalues import is_placeholder as _placeholder
from pmcheck.metavalues import HANDLE_PATTERN, iso_date, iso_rewrite
from pmcheck.options import Options
from pmcheck.rules import rule
from pmcheck.rules.action_due import with_written_due
from pmcheck.rules.examples import with_examples
from pmcheck.rules.external import is_external
from pmcheck.rules.fixes import replace_on_line, section_end
from pmcheck.rules.structure import reports_section

OWNER_HANDLE = re.compile(HANDLE_PATTERN)
# "Jane Doe (@jane-doe)": a name with the handle beside it is an owner the follow-up can ping
NAMED_HANDLE = re.compile(r"[^@()]+\(\s*(" + HANDLE_PATTERN + r")\s*\)")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OWNER_SPLIT = re.compile(r"\s*(?:,|;|&|\+|\band\b)\s*", re.IGNORECASE)
# field -> how a message names it, and the rule that reports it missing on its own
FIELDS = {"owner": ("owner", "actions.owner-missing"),
          "due": ("due date", "actions.due-missing"),
          "priority": ("priority", "actions.priority-missing")}
FULL_FORM = "- [ ] Fix X — owner: @alice, due: 2026-03-22, P1"


def clean(value: str | None) -> str:
    """The value as parsed (markup resolved by the parser, never by deleting characters),
    whitespace collapsed: the one definition in ``model.value_text``."""
    return value_text(value)


def is_placeholder(value: str | None) -> bool:
    """Blank, punctuation only ("-", "—") or a stand-in ("TBD", "?", "unassigned")."""
    return _placeholder(clean(value))


def parse_due(value: str | None) -> dt.date | None:
    """An ISO date when the whole value is one, else None."""
    text = clean(value)
    return iso_date(text) if ISO_DATE.fullmatch(text) else None


def invalid_owners(value: str, teams: tuple[str, ...]) -> list[str]:
    """The parts of an owner value that are neither a @handle (also as "Name (@handle)"), an
    @org/team nor a team."""
    known = {t.strip().lower() for t in teams}
    parts = [p for p in _OWNER_SPLIT.split(clean(value)) if p]
    return [p for p in parts if not OWNER_HANDLE.fullmatch(p) and p.lower() not in known
            and not NAMED_HANDLE.fullmatch(p)]


def column(doc: Document, item: ActionItem, name: str, value: str | None) -> int:
    """Column of the item's `name` cell, else of `value` on the item's line, else 1."""
    col = item.column_of(name) if any(key == name for key, _ in item.cells) else 1
    if col <= 1 and value:
        return doc.column_of(item.line, value)
    return col


def items(doc: Document, opts: Options) -> tuple[ActionItem, ...]:
    """The action items the family checks (none in external documents); a list item's
    ``due 12/04/2026`` without a colon counts as its due value (see ``action_due``)."""
    if is_external(doc, opts):
        return ()
    return tuple(with_written_due(doc, i) for i in doc.actions)


def is_tracked(item: ActionItem) -> bool:
    """A table row, or a list item with an owner, a due date or a priority: written to be
    tracked (a bullet or checkbox without any of them may be a note or a wish list)."""
    return item.source == "table" or not all(is_placeholder(v)
                                             for v in (item.owner, item.due, item.priority))


def tracked(doc: Document, opts: Options) -> tuple[ActionItem, ...]:
    """The items the missing-field rules check: all of them once any one is tracked, else none
    (`actions.missing` then reports the section once)."""
    found = items(doc, opts)
    return found if any(is_tracked(i) for i in found) else ()


def item_problem(doc: Document, item: ActionItem, name: str, value: str | None, message: str,
                 hint: str, suggestion: str | None = None) -> Problem:
    """A finding about one item, pointing at its `name` cell."""
    return Problem(item.line, message, column=column(doc, item, name, value), hint=hint,
                   subject=item.text, suggestion=suggestion)


def missing_fields(item: ActionItem, opts: Options) -> list[str]:
    """The fields of `item` (owner, due, priority) that are missing and whose -missing rule
    is enabled, in that order."""
    values = {"owner": item.owner, "due": item.due, "priority": item.priority}
    return [f for f, (_, rule_id) in FIELDS.items()
            if is_placeholder(values[f]) and opts.rule_setting(rule_id).enabled]


def reported_together(item: ActionItem, opts: Options) -> bool:
    """Whether `actions.incomplete` reports this item's missing fields in one finding."""
    return (opts.rule_setting("actions.incomplete").enabled
            and len(missing_fields(item, opts)) >= 2)


def table(change: dict[str, str], status: bool = False) -> str:
    """An Action Items table whose one row is a good item with the cells in `change`."""
    row = {"action": "Add a pool-size lower bound", "owner": "@marcus", "due": "2026-03-20",
           "priority": "P1", "status": "open", **change}
    cols = ["action", "owner", "due", "priority"] + (["status"] if status else [])
    return (f"## Action Items\n\n| {' | '.join(c.capitalize() for c in cols)} |\n"
            f"|{'---|' * len(cols)}\n| {' | '.join(row[c] for c in cols)} |")


@rule("actions.missing", Severity.ERROR)
def check_missing(doc: Document, opts: Options):
    """The postmortem has no trackable action items.

    A postmortem that changes nothing will be repeated. List at least one item, as a table
    (Action, Owner, Due, Priority, optional Status and Ticket columns, any order) or as
    checklist items in the Action Items section. A section of bullets or checkboxes none of
    which has an owner, a due date or a priority gets this one finding, spanning the section,
    rather than one per bullet. A required Action Items section that is missing or
    empty is reported once, by `structure.missing-section` / `structure.empty-section`.

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
    found = items(doc, opts)
    if (is_external(doc, opts) or any(is_tracked(i) for i in found)
            or reports_section(doc, opts, "action-items")):
        return
    section = doc.section("action-items")
    line = section.line if section else (doc.title.line if doc.title else 1)
    hint = ("Add an Action Items table (Action | Owner | Due | Priority) or checklist items "
            f"like \"{FULL_FORM}\".")
    if found:
        where = f" in \"{section.title}\"" if section else ""
        which = f"None of the {len(found)} items" if len(found) > 1 else "The only item"
        yield Problem(found[0].line if section is None else line,
                      f"{which}{where} has an owner, a due date or a priority: nothing here "
                      "can be tracked.", end_line=section_end(doc, section) if section else None,
                      hint=hint + " Move notes on what was already done to the Timeline.",
                      subject="action-items")
    elif section is not None and section.has_content:
        yield Problem(line, f"The \"{section.title}\" section has no trackable action item "
                            "(none has an owner, a due date, a priority or a checkbox).",
                      end_line=section_end(doc, section), hint=hint, subject="action-items")
    else:
        yield Problem(line, "The postmortem has no action items.", hint=hint,
                      subject="action-items")


@rule("actions.incomplete", Severity.ERROR)
def check_incomplete(doc: Document, opts: Options):
    """An action item lacks two or more of owner, due date and priority.

    An item such as "- [ ] Alert on config load failures" is an intention, not a tracked action
    item: nobody owns it, nothing says when it is late or how urgent it is. One finding names
    every missing field, instead of one finding per field on the same line (three review
    comments on one line for one omission); an item missing just one field is reported by
    `actions.owner-missing`, `actions.due-missing` or `actions.priority-missing`. A field whose
    -missing rule is switched off in `.pmcheck.yml` is not asked for here either. When no list
    item has any of them, `actions.missing` reports the section once instead.

    Fails:

        ```markdown
        ## Action Items

        - [ ] Add a pool-size lower bound — owner: @marcus, due: 2026-03-20, P1
        - [ ] Alert on configuration load failures
        ```

    Passes:

        ```markdown
        ## Action Items

        - [ ] Alert on configuration load failures — owner: @lena, due: 2026-03-27, P2
        ```
    """
    for item in tracked(doc, opts):
        missing = [FIELDS[f][0] for f in missing_fields(item, opts)]
        if len(missing) >= 2:
            listed = ", ".join(missing[:-1]) + " or " + missing[-1]
            yield Problem(item.line, f"Action item \"{item.text}\" has no {listed}.",
                          hint=f"Give it an owner, a due date and a priority, e.g. "
                               f"\"{FULL_FORM}\", or make it a row of an Action | Owner | Due "
                               "| Priority table.", subject=item.text)


def _missing(doc: Document, opts: Options, field: str, hint: str) -> Iterator[Problem]:
    """Items lacking `field` alone (or `actions.incomplete` is off)."""
    for item in tracked(doc, opts):
        value = getattr(item, field)
        if is_placeholder(value) and not reported_together(item, opts):
            yield item_problem(doc, item, field, value,
                               f"Action item \"{item.text}\" has no {FIELDS[field][0]}.", hint)


@rule("actions.owner-missing", Severity.ERROR)
@with_examples(table({"owner": "TBD"}), table({}))
def check_owner_missing(doc: Document, opts: Options):
    """An action item has no owner.

    Items without a single accountable owner are the ones that never get done. Placeholders
    such as "TBD", "?" or "-" count as missing. An item that also lacks a due date or a
    priority is reported once, by `actions.incomplete`.
    """
    yield from _missing(doc, opts, "owner", "Name one owner as a GitHub @handle or @org/team.")


@rule("actions.due-missing", Severity.ERROR)
@with_examples(table({"due": "TBD"}), table({}))
def check_due_missing(doc: Document, opts: Options):
    """An action item has no due date.

    Without a date nobody can tell when an item is late, and the follow-up job cannot open an
    overdue issue for it. An item that also lacks an owner or a priority is reported once, by
    `actions.incomplete`.
    """
    yield from _missing(doc, opts, "due", "Add a due date as YYYY-MM-DD.")


@rule("actions.priority-missing", Severity.ERROR)
@with_examples(table({"priority": "-"}), table({}))
def check_priority_missing(doc: Document, opts: Options):
    """An action item has no priority.

    The priority decides how soon the item is due (see `actions.due-outside-policy`) and what
    gets worked on first. An item that also lacks an owner or a due date is reported once, by
    `actions.incomplete`. Options: `priorities`.
    """
    yield from _missing(doc, opts, "priority",
                        f"Add one of the priorities {', '.join(opts.priorities)}.")


@rule("actions.owner-invalid", Severity.ERROR)
@with_examples(table({"owner": "Bob"}), table({"owner": "@acme/checkout"}))
def check_owner_invalid(doc: Document, opts: Options):
    """An action item's owner is not a @handle, an @org/team or a configured team.

    A bare first name ("Bob") is ambiguous and cannot be assigned an issue or pinged by the
    follow-up job. Options: `teams` (team names accepted without "@").
    """
    for item in items(doc, opts):
        bad = [] if is_placeholder(item.owner) else invalid_owners(item.owner or "", opts.teams)
        if bad:
            yield item_problem(doc, item, "owner", item.owner,
                               f"Owner \"{bad[0]}\" of action item \"{item.text}\" is not a "
                               "@handle, @org/team or configured team.",
                               "Write the owner as a GitHub @handle or @org/team, or add the "
                               "team name to `teams` in .pmcheck.yml.")


@rule("actions.due-invalid", Severity.ERROR)
@with_examples(table({"due": "next sprint"}), table({}))
def check_due_invalid(doc: Document, opts: Options):
    """An action item's due date is not an ISO date (YYYY-MM-DD).

    "next sprint", "end of March" or "03/20" cannot be compared with today, so the item can
    never be reported as overdue. A date that can only be read one way ("March 20, 2026",
    "2026/03/20") comes with a suggested fix in pull-request reviews. In a list item,
    `due 12/04/2026` or `due March 4` (no colon) is read as the due date too, and reported
    here rather than as a missing due date.
    """
    for item in items(doc, opts):
        if not is_placeholder(item.due) and parse_due(item.due) is None:
            iso = iso_rewrite(clean(item.due))
            fix = replace_on_line(doc, item.line, clean(item.due), iso) if iso else None
            yield item_problem(doc, item, "due", item.due,
                               f"Due date \"{clean(item.due)}\" of action item \"{item.text}\" "
                               "is not an ISO date.",
                               "Write the due date as YYYY-MM-DD, e.g. 2026-03-20.", fix)


@rule("actions.priority-invalid", Severity.ERROR)
@with_examples(table({"priority": "urgent"}), table({}))
def check_priority_invalid(doc: Document, opts: Options):
    """An action item's priority is not one of the configured priorities.

    Options: `priorities` (default P1, P2, P3; compared case-insensitively).
    """
    known = {p.lower() for p in opts.priorities}
    for item in items(doc, opts):
        if not is_placeholder(item.priority) and clean(item.priority).lower() not in known:
            yield item_problem(doc, item, "priority", item.priority,
                               f"Priority \"{clean(item.priority)}\" of action item "
                               f"\"{item.text}\" is not a configured priority.",
                               f"Use one of {', '.join(opts.priorities)}.")


@rule("actions.status-invalid", Severity.ERROR)
@with_examples(table({"status": "almost"}, status=True),
               table({"status": "done"}, status=True))
def check_status(doc: Document, opts: Options):
    """An action item's Status is empty or not a known status.

    Checked only when the table has a Status column (or a list item says `status: ...`). Known
    statuses are open, in_progress, completed and deferred, with aliases (todo, in progress,
    done, closed, won't fix …). Options: `statuses`.
    """
    canonical = sorted(set(dict(opts.statuses).values()))
    for item in items(doc, opts):
        raw = clean(item.status)
        if item.has_status_column and not (raw and opts.status(raw)):
            what = f"Status \"{raw}\"" if raw else "Empty status"
            yield item_problem(doc, item, "status", item.status,
                               f"{what} of action item \"{item.text}\" is not a known status.",
                               f"Use one of {', '.join(canonical)}.")


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
    for item in items(doc, opts):
        phrase = person_fix(item.text)
        if phrase:
            yield item_problem(doc, item, "action", item.text,
                               f"Action item \"{item.text}\" fixes a person (\"{phrase}\") "
                               "rather than the system.",
                               "Change something in the system so the mistake is hard to make "
                               "or quick to catch: a guard, a CI check, an alert, an "
                               "automation.")
