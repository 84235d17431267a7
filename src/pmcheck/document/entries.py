"""Pure extractor for timeline entries: list items, paragraphs, headings and table rows.

An entry is a time (with an optional date, zone and "~" / "approx." before it) followed by the
event, or a date alone followed by the event ("- 2021-12-01: advisory published"; an event
known to the day). Day headings and short day lines set the date of the entries below them;
quoted lines (a pasted log or message) are not entries.
Numeric dates such as 07-08-2023 are read in the document's date order: ``dmy``, ``mdy`` or
``ymd`` when configured (``date-order``), else (``auto``) the order the document's own
unambiguous dates show (13/04/2023 can only be day first), month first when nothing shows it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from pmcheck import zones
from pmcheck.document.model import Block, TimelineEntry


_ZONES = (r"Z|UTC(?:[+-]\d{1,2}(?::?\d{2})?)?|GMT(?:[+-]\d{1,2})?|[+-]\d{2}:?\d{2}|"
          + zones.ABBREVIATION_PATTERN)
# "~14:18", "approx. 14:18", "around 14:18", "ca. 14:18", "≈14:18"
_APPROX = (r"(?P<{}>~|\u2248|(?i:approx\.?|approximately|around|about|roughly|circa|ca\.)"
           r"(?=\s*\d))\s*")
_DATE = (r"\d{4}-\d{2}-\d{2}|\d{1,2}[-/]\d{1,2}[-/]\d{4}|\d{1,2}\.\d{1,2}\.\d{4}"
         r"|\d{1,2}-\d{1,2}(?=\s)"
         r"|(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
         r"(?:,?\s+\d{4})?)")
_ENTRY = re.compile(
    r"^\s*[\[(]?(?:\*\*|__|`)?(?:" + _APPROX.format("approx1") + r")?"
    r"(?:(?P<date>" + _DATE + r")(?:[ T]|,\s*)\s*)?"
    r"(?:" + _APPROX.format("approx2") + r")?"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?i:[ap]\.?m\.?))?|\d{1,2}\s*(?i:[ap]\.?m\.?)"
    r"|[0-2]\d[0-5]\d(?=:))"
    r"(?:\s*\(?(?P<tz>" + _ZONES + r")\)?(?![\w/]))?"
    r"(?:\*\*|__|`)?[\])]?\s*(?:[:\-\u2013\u2014|]\s*)?(?P<event>.*)$")
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A day written on its own: "2026-03-15", "4/24/23", "October 24, 2025", "24 Oct 2025",
# "Monday, 2026-03-16", optionally bold/italic and followed by a short label.
_DAY = re.compile(
    r"(?P<iso>\d{4}-\d{2}-\d{2})|"
    r"(?P<num>\d{1,2}[-/]\d{1,2}[-/](?:\d{4}|\d{2})|\d{1,2}\.\d{1,2}\.\d{4})\b|"
    r"(?P<mdy>" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*\d{1,2})?,?\s+\d{4})|"
    r"(?P<dmy>\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4})", re.I)
_DAY_LEAD = re.compile(r"^\s*[*_]*\s*(?:[A-Za-z]+day,?\s+)?")
# "- 2021-12-01: advisory published", "**Dec 1, 2021** - advisory": a date, a separator, text
_DAY_ENTRY = re.compile(
    r"^\s*(?:\*\*|__|`)?(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}[-/]\d{1,2}[-/]\d{2,4}|"
    + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH
    + r",?\s+\d{4})(?:\*\*|__|`)?\s*(?:[:\-\u2013\u2014|]\s*)(?P<event>\S.*)$", re.I)
# A numeric date with the year last: evidence of the order the writer uses
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})(?:[-/](\d{1,2})[-/](?:\d{4}|\d{2})|"
                      r"\.(\d{1,2})\.\d{4})(?![\d/.-])")

TIME_HEADERS = ("time", "timestamp", "when", "time utc", "utc", "datetime", "date time",
                "date and time", "time (utc)", "start", "at")
DATE_HEADERS = ("date", "day")
EVENT_HEADERS = ("event", "events", "description", "what happened", "details", "activity",
                 "action", "notes", "update", "summary")


def _norm_header(text: str) -> str:
    return re.sub(r"[^a-z ]", "", text.lower().replace("/", " ")).strip()


def date_order_of(lines: list[str] | tuple[str, ...], setting: str = "auto") -> str:
    """The order numeric dates are read in: the setting, or for "auto" what the document's
    unambiguous dates show (a first part over 12 is a day), month first when none does."""
    if setting != "auto":
        return setting
    dmy = mdy = 0
    for text in lines:
        for m in _NUMERIC.finditer(text):
            a, b = int(m.group(1)), int(m.group(2) or m.group(3))
            dmy += a > 12 >= b >= 1
            mdy += b > 12 >= a >= 1
    return "dmy" if dmy > mdy else "mdy"


def _numeric(text: str, order: str) -> dt.date | None:
    a, b, c = (int(g) for g in re.split(r"[-/.]", text))
    if order == "ymd":
        readings = [(2000 + a if a < 100 else a, b, c)]
    else:
        year = c + (2000 if c < 100 else 0)
        first = (year, b, a) if order == "dmy" else (year, a, b)
        readings = [first, (first[0], first[2], first[1])]  # the other reading if invalid
    for year, month, day in readings:
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def _iso(text: str | None, order: str = "mdy") -> dt.date | None:
    """A day in any of the _DAY forms; numeric dates in `order` (two-digit years are 20xx)."""
    m = _DAY.fullmatch(text.strip()) if text else None
    if not m:
        return None
    try:
        if m.group("iso"):
            return dt.date.fromisoformat(m.group("iso"))
        if m.group("num"):
            return _numeric(m.group("num"), order)
        words = re.findall(r"[a-z]+|\d+", (m.group("mdy") or m.group("dmy")).lower())
        month = next(_MONTHS[w[:3]] for w in words if w[:3] in _MONTHS)
        numbers = [int(w) for w in words if w.isdigit()]
        return dt.date(numbers[-1], month, numbers[0])  # "October 29-30, 2025": the first day
    except (ValueError, StopIteration):
        return None


def _day_marker(text: str, order: str, *, anywhere: bool = True) -> dt.date | None:
    """The day a heading ('### Monday, October 24, 2025'; anywhere=True) or a short
    paragraph that starts with a day ('_4/24/23_', '**2026-03-15** (day two)') names."""
    if anywhere:  # a heading: the day must come early ("### October 28, 2025 - Pool ...")
        m = _DAY.search(text)
        return _iso(m.group(0), order) if m and m.start() <= 24 else None
    if len(text.strip()) > 60:
        return None
    m = _DAY.match(text, _DAY_LEAD.match(text).end())
    return _iso(m.group(0), order) if m else None


def parse_time(text: str) -> tuple[dt.time | None, bool]:
    """'14:05' -> (14:05, True); '2:05 PM' -> (14:05, False); '25:00' -> (None, True)."""
    t = text.strip().lower().replace(".", "")
    ampm = None
    m = re.search(r"\s*([ap])m$", t)
    if m:
        ampm, t = m.group(1), t[: m.start()]
    if re.fullmatch(r"\d{4}", t):  # "1625" military style
        t = f"{t[:2]}:{t[2:]}"
    parts = [int(p) for p in t.split(":")] if t else []
    hour, minute, second = (parts + [0, 0, 0])[:3]
    if ampm:
        if not 1 <= hour <= 12:
            return None, False
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None, ampm is None
    return dt.time(hour, minute, second), ampm is None


def _entry(text: str, line: int, order: str, column: int = 1, *, day_only: bool = False
           ) -> TimelineEntry | None:
    """The entry a line holds: a timed one, else (when `day_only`) one dated to the day."""
    m = _ENTRY.match(text)
    if m:
        time, is24 = parse_time(m.group("time"))
        return TimelineEntry(line=line, time_text=m.group("time"), time=time, is_24h=is24,
                             date=_iso(m.group("date"), order), tz=m.group("tz"),
                             event=m.group("event").strip(), column=column,
                             approximate=bool(m.group("approx1") or m.group("approx2")))
    m = _DAY_ENTRY.match(text) if day_only else None
    day = _iso(m.group("date"), order) if m else None
    if day is None:
        return None
    return TimelineEntry(line=line, time_text="", time=None, is_24h=True, date=day, tz=None,
                         event=m.group("event").strip(), column=column, day_only=True)


def timeline(blocks: list[Block], tables, order: str = "mdy") -> list[TimelineEntry]:
    """Entries of the Timeline section, in source order, each with its date (from the entry,
    else the day heading or dated entry above it)."""
    markers: list[tuple[int, dt.date]] = []  # (line, date) where a new day starts
    entries: list[TimelineEntry] = []
    for b in blocks:
        if b.section != "timeline" or b.kind == "table_cell" or b.quoted:
            continue  # a quote in a timeline is a pasted log or message, not an entry
        if b.kind == "heading":
            entry = _entry(b.plain, b.line, order)
            if entry:  # "### 21:00 - Team alerted": the heading is the entry
                entries.append(entry)
                continue
            day = _day_marker(b.plain, order)
            if day:
                markers.append((b.line, day))
            continue
        if b.kind not in ("paragraph", "list_item"):
            continue
        for offset, text in enumerate(b.plain.split("\n")):
            entry = _entry(text, b.line + offset, order, b.column,
                           day_only=b.kind == "list_item" and offset == 0)
            if entry:
                entries.append(entry)
            elif offset == 0 and _day_marker(text, order, anywhere=False):
                markers.append((b.line, _day_marker(text, order, anywhere=False)))
    for table in tables:
        if table.section == "timeline":
            entries.extend(_table_entries(table, order))
    entries.sort(key=lambda e: e.line)
    return _assign_dates(entries, markers)


def _columns(names: list[str]) -> tuple[int | None, int | None, int | None]:
    t_col = next((i for i, n in enumerate(names)
                  if n in TIME_HEADERS or "time" in n.split()), None)
    d_col = next((i for name in DATE_HEADERS for i, n in enumerate(names) if n == name), None)
    e_col = next((i for i, n in enumerate(names) if n in EVENT_HEADERS), None)
    if e_col is None and (t_col is not None or d_col is not None):
        e_col = next((i for i in range(len(names)) if i not in (t_col, d_col)), None)
    return t_col, d_col, e_col


def _table_entries(table, order: str) -> list[TimelineEntry]:
    """Rows of a timeline table: a Time column (with an optional Date column), or a Date
    column alone (rows dated to the day, or with the time in the same cell). A zone in the
    time or date header ("Time (UTC)") is every row's zone."""
    t_col, d_col, e_col = _columns([_norm_header(t) for t, _ in table.header])
    if t_col is None and d_col is None:
        return []
    key = t_col if t_col is not None else d_col
    out = []
    for line, cells in table.rows:
        if key >= len(cells):
            continue
        when, col = cells[key]
        date = cells[d_col][0] if d_col is not None and d_col != key and d_col < len(cells) \
            else ""
        event = cells[e_col][0] if e_col is not None and e_col < len(cells) else ""
        text = f"{date} {when}".strip()
        entry = (_entry(f"{text} | {event}", line, order, col)
                 or _entry(f"{date or when} | {event}", line, order, col, day_only=True))
        if entry:
            out.append(entry)
    return out


def _assign_dates(entries: list[TimelineEntry], markers: list[tuple[int, dt.date]]):
    out = []
    current: dt.date | None = None
    marks = sorted(markers)
    mi = 0
    for e in entries:
        while mi < len(marks) and marks[mi][0] <= e.line:
            current = marks[mi][1]
            mi += 1
        if e.date is not None:
            current = e.date
            out.append(e)
        else:
            out.append(dataclasses.replace(e, date=current))
    return out
