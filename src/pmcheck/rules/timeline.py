"""timeline: entries are readable 24-hour times in a stated zone, in order, matching Duration."""

from __future__ import annotations

import re
from typing import Iterator

from pmcheck import zones
from pmcheck.document.model import Document, Section, TimelineEntry
from pmcheck.durations import format_minutes, parse_minutes
from pmcheck.findings import Problem, Severity
from pmcheck.options import Options
from pmcheck.rules import rule
from pmcheck.rules.fixes import replace_on_line, section_end
from pmcheck.rules.structure import reports_section
from pmcheck.metavalues import iso_date
from pmcheck.timeclock import NO_DAY, Step, date_marks, out_of_order, place

_SPAN_FLOOR_MIN = 10.0  # span and duration both above this before comparing
_SPAN_SLACK_MIN = 30.0  # a span may exceed 2x duration by this much before it is flagged
_TIMEISH = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b|\b\d{4}-\d{2}-\d{2}\b",
                      re.IGNORECASE)
# A list item or table row that starts with an ISO date: a timeline kept to the day.
_DATED_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)]|\|)\s*[*_`\[]*\d{4}-\d{2}-\d{2}")
_PER_ENTRY_MAX = 3  # more 12-hour entries than this get one finding for the whole timeline
def timeline_section(doc: Document) -> Section | None:
    return doc.section("timeline")


# A table's delimiter row ("|---|:---:|"): the line above it is the header.
_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_CODE_SPAN = re.compile(r"(`+).+?\1")
# "All times are in UTC", anywhere in the document's prose
_ALL_TIMES = re.compile(r"\b(?:all\s+)?times?\b[^.]{0,40}$|^[^.]{0,40}\btimes?\b", re.I)


def _statement_lines(doc: Document, section: Section) -> Iterator[str]:
    """Where a timeline states its zone: the heading, prose and headings in the section
    (not code blocks, code spans, quotes or HTML, and not the entries themselves, whose
    zones are their own), table headers, and "all times ..." sentences anywhere in prose."""
    entry_lines = {e.line for e in doc.timeline}
    yield section.title
    for b in doc.blocks:
        if b.quoted or b.kind not in ("heading", "paragraph", "list_item"):
            continue
        inside = section.line <= b.line <= section.end_line
        for offset, text in enumerate(b.text.split("\n")):
            if b.line + offset in entry_lines:
                continue
            if inside or _ALL_TIMES.search(text):
                yield text
    end = min(section.end_line, len(doc.lines))
    for n in range(section.line, end):  # header rows: the line above a delimiter row
        if _DELIMITER.match(doc.lines[n]) and "|" in doc.lines[n - 1]:
            yield _CODE_SPAN.sub(" ", doc.lines[n - 1])


def stated_zones(doc: Document, section: Section) -> list[zones.Zone]:
    """Zones the timeline states, in order; an ambiguous abbreviation explained on the same
    line ("CST (UTC-6)", "IST, Asia/Kolkata") gives way to the explanation."""
    out: list[zones.Zone] = []
    for text in _statement_lines(doc, section):
        found = zones.stated(text)
        clear = [z for z in found if not z.ambiguous]
        out.extend(clear if clear else found)
    return out


@rule("timeline.entries-missing", Severity.ERROR)
def entries_missing(doc: Document, opts: Options) -> Iterator[Problem]:
    """The Timeline section holds timestamped entries.

    A timeline in prose cannot be checked for order, zone or length, and readers scan for
    times. Entries are list items (`- 10:05: event`, `- 10:05 event`, `- 2026-03-14 10:05
    UTC: event`) or table rows (`| Time | Event |`); day headings (`### 2026-03-14`) set the
    date of the entries below them; entries dated to the day only (`- 2026-03-14: ...`) are
    accepted too. Times written another way (in prose, or in a table whose time column
    pmcheck does not recognise) are reported too, with a hint to use one of these forms. An
    empty section (or one holding only "TBD") is reported by `structure.empty-section` instead.

    Fails:

        ```markdown
        ## Timeline

        In the morning the alert fired, and later we reverted the change.
        ```

    Passes:

        ```markdown
        ## Timeline

        - 10:05 UTC: The alert fires.
        - 10:38 UTC: The change is reverted.
        ```
    """
    s = timeline_section(doc)
    if s is None or not s.has_content or doc.timeline or reports_section(doc, opts, "timeline"):
        return
    body = doc.lines[s.line:min(s.end_line, len(doc.lines))]
    if any(_DATED_ITEM.match(line) for line in body):
        return  # entries dated to the day only ("- 2022-09-05: release day")
    if any(_TIMEISH.search(line) for line in body):
        message = (f"Section '{s.title}' has times, but not as entries pmcheck can read "
                   "(one event per list item or table row, the time first).")
    else:
        message = f"Section '{s.title}' has no timestamped entries."
    yield Problem(line=s.line, end_line=section_end(doc, s), message=message,
                  hint="List events as '- HH:MM: what happened' or a '| Time | Event |' "
                       "table; put dates in day headings ('### 2026-03-14').",
                  subject="timeline")


@rule("timeline.time-not-24h", Severity.ERROR)
def time_not_24h(doc: Document, opts: Options) -> Iterator[Problem]:
    """Timeline times use the 24-hour clock.

    "2:05" with an AM/PM marker that gets dropped in a copy-paste is off by twelve hours;
    24-hour times are unambiguous and sort correctly. Each entry written as "2:05 PM", "2pm"
    or similar is reported, with its 24-hour form as a suggested fix in pull-request reviews;
    when more than three are, one finding (at the first, spanning to the last) covers the
    whole timeline instead of one comment per line.

    Fails:

        ```markdown
        ## Timeline

        All times UTC.

        - 2:05 PM: The alert fires.
        ```

    Passes:

        ```markdown
        ## Timeline

        All times UTC.

        - 14:05: The alert fires.
        ```
    """
    bad = [e for e in doc.timeline if e.time is not None and not e.is_24h]
    if len(bad) > _PER_ENTRY_MAX:
        first = bad[0]
        yield Problem(line=first.line, column=first.column, end_line=bad[-1].line,
                      message=f"{len(bad)} timeline entries use 12-hour times "
                              f"('{first.time_text}' ... '{bad[-1].time_text}').",
                      hint=f"Use 24-hour times throughout, e.g. '{first.time:%H:%M}' for "
                           f"'{first.time_text}'.", subject="12-hour times")
        return
    for e in bad:
        clock = f"{e.time:%H:%M:%S}" if e.time.second else f"{e.time:%H:%M}"
        yield Problem(line=e.line, column=e.column,
                      message=f"Timeline time '{e.time_text}' is not a 24-hour time.",
                      hint=f"Write it as '{clock}'.", subject=e.time_text,
                      suggestion=replace_on_line(doc, e.line, e.time_text, clock, e.column))


@rule("timeline.time-unreadable", Severity.WARNING)
def time_unreadable(doc: Document, opts: Options) -> Iterator[Problem]:
    """Every timeline entry has a readable time.

    An entry whose time is "25:70" cannot be placed in the sequence. Entries that carry only
    a date (an event known to the day) are fine.

    Fails:

        ```markdown
        ## Timeline (UTC)

        - 10:05: The alert fires.
        - 25:70: The change is reverted.
        ```

    Passes:

        ```markdown
        ## Timeline (UTC)

        - 10:05: The alert fires.
        - 10:38: The change is reverted.
        ```
    """
    for e in doc.timeline:
        if e.time is None and e.time_text.strip():
            yield Problem(line=e.line, column=e.column,
                          message=f"Timeline entry time '{e.time_text}' cannot be read.",
                          hint="Write the time as HH:MM (24-hour), e.g. '14:05'.",
                          subject=e.time_text or e.event)


@rule("timeline.timezone-not-utc", Severity.ERROR)
def timezone_not_utc(doc: Document, opts: Options) -> Iterator[Problem]:
    """The timeline states UTC, or every entry carries its own zone.

    Responders, logs and readers sit in different zones; a time without a zone is a guess.
    Passes when the Timeline heading, the section's prose, a table header ("Time (UTC)") or
    an "All times are UTC" sentence anywhere in the document names UTC, GMT, Zulu, UTC+0 or
    Coordinated Universal Time, or an entry's own prefix does ("10:05Z", "10:05 UTC"), or
    every entry names a zone of its own ("10:05 PST"). Code blocks, code spans, quotes (pasted logs) and the text of the entries do
    not count as a statement: a "Z" in a pasted log line says nothing about the timeline.
    A timeline stated in another zone is reported with that zone named, read through the
    IANA time zone database (`Europe/Berlin`, `US/Eastern`), offsets (`UTC+2`) and a table
    of common abbreviations ("PST", "CET", "Eastern Time"; listed in `pmcheck.zones`).
    Abbreviations used for more than one zone (IST, CST, GST, AST) are reported as
    ambiguous unless the same line explains them ("CST (UTC-6)"). A timeline whose entries
    are dated to the day only has no times to place and is not checked.

    Fails:

        ```markdown
        ## Timeline

        - 10:05: The alert fires.
        ```

    Passes:

        ```markdown
        ## Timeline

        All times are UTC.

        - 10:05: The alert fires.
        ```
    """
    s = timeline_section(doc)
    timed = [e for e in doc.timeline if e.time is not None]
    if s is None or not timed:
        return  # a timeline kept to the day has no times to place in a zone
    own = [zones.of_entry(e.tz) for e in timed]
    stated = stated_zones(doc, s) + [z for z in own if z]  # entry prefixes state too
    if any(z.is_utc for z in stated):
        return
    unclear = next((z for z in stated if z.ambiguous), None)
    if unclear is None and all(own):
        return
    hint = ("Write the times in UTC and add 'All times are UTC.' under the heading, or give "
            "every entry its zone ('14:05 UTC').")
    if unclear is not None:
        message = (f"The timeline's time zone \"{unclear.written}\" is ambiguous: it is used "
                   f"for {unclear.describe().split('(', 1)[1].rstrip(')')}.")
        hint = ("Write the times in UTC, or name the zone so it reads one way: an offset "
                "('UTC+05:30') or an IANA name ('Asia/Kolkata').")
    elif stated:
        zone = stated[0]
        message = (f"The timeline is in {zone.describe()}, not UTC, and not every entry names "
                   "its zone.")
    else:
        message = "The timeline does not say which time zone its times are in."
    yield Problem(line=s.line, message=message, hint=hint, subject="timezone")


def placed(doc: Document) -> list[Step]:
    """The timeline on a clock. Three rules read it: computed on first use and kept on the
    Document (its fields are frozen, so the result cannot go stale)."""
    steps = doc.__dict__.get("_pmcheck_timeline_steps")
    if steps is None:
        steps = place(doc.timeline, date_marks(doc, timeline_section(doc)))
        doc.__dict__["_pmcheck_timeline_steps"] = steps
    return steps


def _when(e: TimelineEntry) -> str:
    return f"{e.date} {e.time_text}".strip() if e.date else e.time_text


@rule("timeline.not-chronological", Severity.ERROR)
def not_chronological(doc: Document, opts: Options) -> Iterator[Problem]:
    """Timeline entries are in chronological order.

    A timeline out of order hides cause and effect: the reader cannot tell what was known
    when. Each entry is compared with the one before it, using dates from the entries or the
    day headings above them. A step back in time with no date change is reported here unless
    it looks like a midnight crossing (the forward gap is 12 hours or less, e.g. 23:50 then
    00:10), which `timeline.day-change-unmarked` reports instead.

    Fails:

        ```markdown
        ## Timeline (UTC)

        - 10:38: The change is reverted.
        - 10:05: The alert fires.
        ```

    Passes:

        ```markdown
        ## Timeline (UTC)

        ### 2026-03-14

        - 23:50: The alert fires.

        ### 2026-03-15

        - 00:10: The change is reverted.
        ```
    """
    for bad, other, later in out_of_order(placed(doc)):
        where = "after" if later else "before"
        yield Problem(line=bad.line, column=bad.column,
                      message=f"Timeline entry at {_when(bad)} comes {where} the entry at "
                              f"{_when(other)} (line {other.line}).",
                      hint="Put the entries in time order, or fix the time or the day "
                           "heading.", subject=f"{bad.time_text} {bad.event}")


@rule("timeline.day-change-unmarked", Severity.WARNING)
def day_change_unmarked(doc: Document, opts: Options) -> Iterator[Problem]:
    """A timeline that crosses midnight marks the new day.

    After 23:50 an entry at 00:10 is most likely the next day, but a reader (and pmcheck)
    has to guess. Add a day heading (`### 2026-03-15`) or a date on the entry. Reported when
    a time goes back with a forward gap of 12 hours or less and no date change.

    Fails:

        ```markdown
        ## Timeline (UTC)

        - 23:50: The alert fires.
        - 00:10: The change is reverted.
        ```

    Passes:

        ```markdown
        ## Timeline (UTC)

        - 2026-03-14 23:50: The alert fires.
        - 2026-03-15 00:10: The change is reverted.
        ```
    """
    for s in placed(doc):
        if s.kind == "rollover":
            yield Problem(line=s.entry.line, column=s.entry.column,
                          message=f"Timeline goes from {s.prev.time_text if s.prev else '?'} to "
                                  f"{s.entry.time_text} without marking the new day.",
                          hint=f"Add a day heading '### {_day_of(doc, s)}' above this "
                               "entry, or date the entry.",
                          subject=f"{s.entry.time_text} {s.entry.event}")


def _day_of(doc: Document, step: Step) -> str:
    """The step's date, counted from the incident Date when the timeline gives none."""
    if step.dated:
        return str(step.at.date())
    f = doc.metadata.get("date")
    start = iso_date(f.value) if f else None
    return str(start + (step.at.date() - NO_DAY)) if start else "YYYY-MM-DD"


def span_disagrees(span: float, duration: float) -> bool:
    """Both above 10 minutes, and the span is under half the duration or over twice it
    (and more than 30 minutes longer)."""
    if span <= _SPAN_FLOOR_MIN or duration <= _SPAN_FLOOR_MIN:
        return False
    return span < duration / 2 or (span > 2 * duration and span - duration > _SPAN_SLACK_MIN)


@rule("timeline.span-mismatch", Severity.WARNING)
def span_mismatch(doc: Document, opts: Options) -> Iterator[Problem]:
    """The time from the first to the last timeline entry roughly agrees with Duration.

    When the timeline covers three hours but Duration says 47 minutes, one of them is wrong,
    or the timeline includes long lead-up/aftermath that deserves its own note. Tolerance:
    flagged when the span is less than half the Duration, or more than twice it and more
    than 30 minutes longer; not checked when either is 10 minutes or less, the timeline has
    a step backwards or a day pmcheck cannot date, or Duration cannot be read. A timeline
    that runs over several days while Duration is under 12 hours is taken to include
    precursors and follow-ups (a second outage, the review next day), and is not compared.

    Fails:

        ```markdown
        Duration: 47 minutes

        ## Timeline (UTC)

        - 10:05: The alert fires.
        - 13:40: The incident is resolved.
        ```

    Passes:

        ```markdown
        Duration: 47 minutes

        ## Timeline (UTC)

        - 10:05: The alert fires.
        - 10:52: The incident is resolved.
        ```
    """
    f = doc.metadata.get("duration")
    duration = parse_minutes(f.value) if f else None
    steps = placed(doc)
    if duration is None or len(steps) < 2 or any(s.kind in ("backwards", "new-day")
                                                 for s in steps):
        return
    span = (steps[-1].at - steps[0].at).total_seconds() / 60
    if span >= 12 * 60 > duration:
        return
    if span_disagrees(span, duration):
        s = timeline_section(doc)
        first, last = steps[0].entry, steps[-1].entry
        yield Problem(line=s.line if s else first.line,
                      message=f"Timeline spans {format_minutes(span)} ({_when(first)} to "
                              f"{_when(last)}) but Duration is {f.value!r} (line {f.line}).",
                      hint="Correct Duration or the timeline, or say in the timeline which "
                           "entries fall outside the incident window.",
                      subject="span")
