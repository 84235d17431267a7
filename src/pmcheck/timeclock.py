"""Place timeline entries on a clock: dates from entries and day headings, midnight
rollovers, days written in forms the parser cannot date, and entries out of order.

Pure functions over the parsed Document; the timeline rules read the result.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pmcheck.document.model import Document, Section, TimelineEntry

NO_DAY = dt.date(2000, 1, 1)  # stand-in date when the timeline gives none
_ROLLOVER_MAX = dt.timedelta(hours=12)  # a backwards step this close to midnight = a new day
_MARK_MAX_LEN = 80  # a longer non-entry line is prose, not a day marker
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A day written in a form the parser does not turn into a date.
_DATE_MARK = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}\b|(?<![\d/-])\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?![a-z])"
    r"|(?<![\d/])\d{1,2}/\d{1,2}/\d{2,4}(?![\d/])|(?<![\d-])\d{1,2}-\d{1,2}-\d{4}(?![\d-])"
    r"|\b(?:[Dd]ay\s+\d+|[Nn]ext day|[Ff]ollowing day|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b")


@dataclass(frozen=True)
class Step:
    """One timed entry placed on an absolute clock."""

    entry: TimelineEntry
    at: dt.datetime
    kind: str  # "ok" | "rollover" (new day assumed) | "backwards" | "new-day" (unread date)
    prev: TimelineEntry | None = None
    dated: bool = False  # `at` counts from a real date (else from NO_DAY)


def date_marks(doc: Document, s: Section | None) -> frozenset[int]:
    """Lines of the Timeline section that mark a day pmcheck cannot read as a date
    ("_4/24/23_", "### October 24, 2025", "- 00:03 (Oct 30): ..."): short non-entry lines,
    entry lines the parser gave no date, and dated entries that name a new day themselves."""
    if s is None:
        return frozenset()
    undated = {e.line for e in doc.timeline if e.date is None}
    dated = {e.line for e in doc.timeline if e.date is not None}
    marks = set(_day_changes_on_dated_entries(doc, s))
    for ln in range(s.line + 1, min(s.end_line, len(doc.lines)) + 1):
        text = doc.lines[ln - 1]
        if ln in dated or (ln not in undated and len(text.strip()) > _MARK_MAX_LEN):
            continue
        if _DATE_MARK.search(text.replace("_", " ")):  # "_Oct 30_" is italic markup
            marks.add(ln)
    return frozenset(marks)


def _day_changes_on_dated_entries(doc: Document, s: Section) -> list[int]:
    """Dated entries whose own text names a different day than the last entry that named one
    ("- 22:30 (Oct 29)" then "- 00:03 (Oct 30)"): the date may come from a heading above, so
    the author's own day wins. A day repeated on every row ("| Oct 31 | 21:33 |") is no
    change."""
    out, last = [], None
    for e in doc.timeline:
        if e.date is None or not (s.line < e.line <= s.end_line) or e.line > len(doc.lines):
            continue
        m = _DATE_MARK.search(doc.lines[e.line - 1].replace("_", " "))
        if m:
            day = " ".join(m.group(0).lower().split())
            if last is not None and day != last:
                out.append(e.line)
            last = day
    return out


def place(entries: tuple[TimelineEntry, ...], marks: frozenset[int] = frozenset()) -> list[Step]:
    """Put timed entries on a clock: dates come from entries/day headings and carry forward;
    a backwards step without a date change is a day rollover when the forward gap is at most
    12 hours (23:50 -> 00:10), else an ordering error. A line in `marks` between two entries
    (a date pmcheck cannot read) starts a new, unknown day: nothing is compared across it."""
    steps: list[Step] = []
    day, last_date = NO_DAY, None
    prev: Step | None = None
    for e in entries:
        if e.day_only and e.date is not None:  # known to the day: only its date is compared
            step = _day_step(e, prev)
            day, last_date = e.date, e.date
            steps.append(step)
            prev = step
            continue
        if e.time is None:
            continue
        changed = e.date is not None and e.date != last_date
        if changed:
            day, last_date = e.date, e.date
        at = dt.datetime.combine(day, e.time)
        kind = "ok"
        if prev is not None and not changed and any(prev.entry.line < m <= e.line
                                                    for m in marks):
            day = prev.at.date() + dt.timedelta(days=1)
            at, kind = dt.datetime.combine(day, e.time), "new-day"
        elif prev is not None and at < prev.at:
            gap = (dt.datetime.combine(NO_DAY, e.time)
                   - dt.datetime.combine(NO_DAY, prev.at.time())) % dt.timedelta(days=1)
            if not changed and gap <= _ROLLOVER_MAX:
                day = prev.at.date() + dt.timedelta(days=1)
                at, kind = dt.datetime.combine(day, e.time), "rollover"
            else:
                kind = "backwards"
        step = Step(e, at, kind, prev.entry if prev else None, last_date is not None)
        steps.append(step)
        prev = step
    return steps


def _day_step(e: TimelineEntry, prev: Step | None) -> Step:
    """An entry dated to the day: backwards only when its day is before the previous entry's;
    on the same day it takes the previous entry's time, so nothing after it is compared with
    midnight."""
    assert e.date is not None
    at = dt.datetime.combine(e.date, dt.time.min)
    if prev is not None and prev.at.date() == e.date:
        at = prev.at
    kind = "backwards" if prev is not None and e.date < prev.at.date() else "ok"
    return Step(e, at, kind, prev.entry if prev else None, True)


def out_of_order(steps: list[Step]) -> list[tuple[TimelineEntry, TimelineEntry, bool]]:
    """(misplaced entry, the neighbour it disagrees with, misplaced one is later in the file).

    When an entry steps back, the previous entry is blamed instead if it alone sticks out:
    10:03, 11:50, 10:51, 10:52 blames 11:50, not 10:51."""
    out = []
    for i, s in enumerate(steps):
        if s.kind != "backwards" or i == 0:
            continue
        prev, nxt = steps[i - 1], steps[i + 1] if i + 1 < len(steps) else None
        before = steps[i - 2] if i >= 2 else None
        prev_sticks_out = (nxt is not None and s.at <= nxt.at < prev.at
                           and (before is None or before.at <= s.at))
        if prev_sticks_out:
            out.append((prev.entry, s.entry, False))
        else:
            out.append((s.entry, prev.entry, True))
    return out
