"""Pure extractors for timeline entries and action items (bullets and GFM tables)."""

from __future__ import annotations

import datetime as dt
import re

from pmcheck.document.model import ActionItem, Block, TimelineEntry
from pmcheck.metavalues import HANDLE_PATTERN

# --- timeline -------------------------------------------------------------------------------

_ZONES = (r"Z|UTC(?:[+-]\d{1,2}(?::?\d{2})?)?|GMT(?:[+-]\d{1,2})?|[+-]\d{2}:?\d{2}|"
          r"PST|PDT|EST|EDT|CST|CDT|MST|MDT|CET|CEST|EET|EEST|BST|IST|JST|KST|AEST|AEDT|SGT|HKT")
_ENTRY = re.compile(
    r"^\s*[\[(]?(?:\*\*|__|`)?[~\u2248]?"
    r"(?:(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}[-/]\d{1,2}[-/]\d{4}|\d{1,2}-\d{1,2}(?=\s)"
    r"|(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?))"
    r"(?:[ T]|,\s*)\s*)?"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?i:[ap]\.?m\.?))?|\d{1,2}\s*(?i:[ap]\.?m\.?)"
    r"|[0-2]\d[0-5]\d(?=:))"
    r"(?:\s*(?P<tz>" + _ZONES + r")\b)?"
    r"(?:\*\*|__|`)?[\])]?\s*(?:[:\-\u2013\u2014|]\s*)?(?P<event>.*)$")
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# A day written on its own: "2026-03-15", "4/24/23", "October 24, 2025", "24 Oct 2025",
# "Monday, 2026-03-16", optionally bold/italic and followed by a short label.
_DAY = re.compile(
    r"(?P<iso>\d{4}-\d{2}-\d{2})|(?P<num>\d{1,2}[-/]\d{1,2}[-/](?:\d{4}|\d{2}))\b|"
    r"(?P<mdy>" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*\d{1,2})?,?\s+\d{4})|"
    r"(?P<dmy>\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4})", re.I)
_DAY_LEAD = re.compile(r"^\s*[*_]*\s*(?:[A-Za-z]+day,?\s+)?")

TIME_HEADERS = ("time", "timestamp", "when", "time utc", "utc", "datetime", "date time",
                "date and time", "time (utc)", "start", "at")
DATE_HEADERS = ("date", "day")
EVENT_HEADERS = ("event", "events", "description", "what happened", "details", "activity",
                 "action", "notes", "update", "summary")


def _norm_header(text: str) -> str:
    return re.sub(r"[^a-z ]", "", text.lower().replace("/", " ")).strip()


def _iso(text: str | None) -> dt.date | None:
    """A day in any of the _DAY forms. Numeric dates read month first when both readings are
    valid (07-08-2023 is July 8); two-digit years are 20xx."""
    m = _DAY.fullmatch(text.strip()) if text else None
    if not m:
        return None
    try:
        if m.group("iso"):
            return dt.date.fromisoformat(m.group("iso"))
        if m.group("num"):
            a, b, year = (int(g) for g in re.split(r"[-/]", m.group("num")))
            year += 2000 if year < 100 else 0
            for month, day in ((a, b), (b, a)):
                if 1 <= month <= 12 and 1 <= day <= 31:
                    try:
                        return dt.date(year, month, day)
                    except ValueError:
                        continue
            return None
        words = re.findall(r"[a-z]+|\d+", (m.group("mdy") or m.group("dmy")).lower())
        month = next(_MONTHS[w[:3]] for w in words if w[:3] in _MONTHS)
        numbers = [int(w) for w in words if w.isdigit()]
        return dt.date(numbers[-1], month, numbers[0])  # "October 29-30, 2025": the first day
    except (ValueError, StopIteration):
        return None


def _day_marker(text: str, *, anywhere: bool = True) -> dt.date | None:
    """The day a heading ('### Monday, October 24, 2025'; anywhere=True) or a short
    paragraph that starts with a day ('_4/24/23_', '**2026-03-15** (day two)') names."""
    if anywhere:  # a heading: the day must come early ("### October 28, 2025 - Pool ...")
        m = _DAY.search(text)
        return _iso(m.group(0)) if m and m.start() <= 24 else None
    if len(text.strip()) > 60:
        return None
    m = _DAY.match(text, _DAY_LEAD.match(text).end())
    return _iso(m.group(0)) if m else None


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


def _entry(text: str, line: int, column: int = 1) -> TimelineEntry | None:
    m = _ENTRY.match(text)
    if not m:
        return None
    time, is24 = parse_time(m.group("time"))
    return TimelineEntry(line=line, time_text=m.group("time"), time=time, is_24h=is24,
                         date=_iso(m.group("date")), tz=m.group("tz"),
                         event=m.group("event").strip(), column=column)


def timeline(blocks: list[Block], tables) -> list[TimelineEntry]:
    markers: list[tuple[int, dt.date]] = []  # (line, date) where a new day starts
    entries: list[TimelineEntry] = []
    for b in blocks:
        if b.section != "timeline" or b.kind == "table_cell":
            continue
        if b.kind == "heading":
            entry = _entry(b.plain, b.line)
            if entry:  # "### 21:00 - Team alerted": the heading is the entry
                entries.append(entry)
                continue
            day = _day_marker(b.plain)
            if day:
                markers.append((b.line, day))
            continue
        if b.kind not in ("paragraph", "list_item"):
            continue
        for offset, text in enumerate(b.plain.split("\n")):
            entry = _entry(text, b.line + offset, b.column)
            if entry:
                entries.append(entry)
            elif offset == 0 and _day_marker(text, anywhere=False):
                markers.append((b.line, _day_marker(text, anywhere=False)))
    for table in tables:
        if table.section == "timeline":
            entries.extend(_table_entries(table))
    entries.sort(key=lambda e: e.line)
    return _assign_dates(entries, markers)


def _table_entries(table) -> list[TimelineEntry]:
    names = [_norm_header(t) for t, _ in table.header]
    t_col = next((i for i, n in enumerate(names)
                  if n in TIME_HEADERS or "time" in n.split()), None)
    d_col = next((i for name in DATE_HEADERS for i, n in enumerate(names) if n == name), None)
    e_col = next((i for i, n in enumerate(names) if n in EVENT_HEADERS), None)
    if t_col is None:
        return []
    if e_col is None:
        e_col = next((i for i in range(len(names)) if i not in (t_col, d_col)), t_col)
    out = []
    for line, cells in table.rows:
        if t_col >= len(cells):
            continue
        time_text, col = cells[t_col]
        prefix = cells[d_col][0] + " " if d_col is not None and d_col < len(cells) else ""
        event = cells[e_col][0] if e_col < len(cells) else ""
        entry = _entry(f"{prefix}{time_text} | {event}" if prefix.strip() else
                       f"{time_text} | {event}", line, col)
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
            out.append(TimelineEntry(e.line, e.time_text, e.time, e.is_24h, current, e.tz,
                                     e.event, e.column))
    return out


# --- action items ---------------------------------------------------------------------------

ACTION_SECTIONS = ("action-items", "prevention")
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("action", "actions", "item", "task", "action item", "description", "what",
             "title", "remediation", "fix", "todo", "follow up", "followup"),
    "owner": ("owner", "owners", "assignee", "assigned to", "dri", "who", "responsible"),
    "due": ("due", "due date", "deadline", "target date", "by", "eta", "target", "when",
            "due by"),
    "priority": ("priority", "pri", "prio", "p"),
    "status": ("status", "state", "done"),
    "ticket": ("ticket", "issue", "link", "tracking", "jira", "bug", "tracker", "reference",
               "ref", "id", "tracking bug", "tracking issue", "bug link", "pr", "issue link"),
}
# Sections whose tables are never action tables, whatever their columns say.
NOT_ACTION_SECTIONS = ("timeline",)
# A cell that starts with a status word, in a table without a Status column ("DONE", "TODO:
# https://...", "Done ✅" in a Bug or Notes cell). Read as the item's status; the configured
# statuses decide what it means.
_STATUS_LEAD = re.compile(
    r"^\W*(?P<s>done|todo|to do|fixed|completed?|closed|resolved|open|in[ _-]progress|wip|"
    r"deferred|won'?t fix|wontfix|cancell?ed|not started)(?![\w'])", re.I)
_HEADER_TO_FIELD = {_norm_header(a): k for k, al in COLUMN_ALIASES.items() for a in al}


def actions(blocks: list[Block], tables) -> list[ActionItem]:
    """Table rows (in an action section, or under any heading when the columns name an action
    and its owner, due date, priority or status) and list items of the action sections,
    without legend bullets ("- P0 - Critical for reliability")."""
    out: list[ActionItem] = []
    for table in tables:
        if table.section in ACTION_SECTIONS:
            out.extend(_table_actions(table))
        elif table.section not in NOT_ACTION_SECTIONS and is_action_table(table):
            out.extend(_table_actions(table))
    table_lines = {a.line for a in out}
    taken = set(table_lines)
    group_label = False  # the last top-level bullet only names a group ("Monitoring:")
    for b in blocks:
        if b.section not in ACTION_SECTIONS or b.kind != "list_item" or b.line in table_lines:
            continue
        if b.depth == 0:
            group_label = _is_group_label(b.plain)
            if group_label or is_legend(b.plain):
                continue
        elif not (b.depth == 1 and group_label):
            continue  # details under an item, not items
        item = _list_action(b)
        if item and item.line not in taken:
            out.append(item)
            taken.add(item.line)
    return sorted(out, key=lambda a: a.line)


def _is_group_label(text: str) -> bool:
    first = text.split("\n")[0].strip()
    return (first.endswith(":") and len(first.split()) <= 6) or (
        first.startswith("**") and first.endswith("**") and len(first.split()) <= 6)


def _fields(table) -> list[str | None]:
    return [_HEADER_TO_FIELD.get(_norm_header(t)) for t, _ in table.header]


def is_action_table(table) -> bool:
    """Columns that name the action and at least one of owner, due date, priority, status
    ("Action Item | Type | Owner | Bug"): an action table under whatever heading it sits."""
    fields = _fields(table)
    return "text" in fields and any(f in fields for f in ("owner", "due", "priority", "status"))


# A legend bullet: a category or priority word, a separator, then what the word means
# ("- Prevent - Prevent similar issues", "- **P0**: Critical for reliability"). Not an item.
_LEGEND_HEAD = re.compile(
    r"^\s*(?P<head>P[0-9]|Sev(?:erity)?\s?[0-9]|critical|high|medium|low|urgent|"
    r"prevent(?:ion|ative|ive)?|mitigat(?:e|ion)|detect(?:ion)?|repair|process|investigat(?:e|ion)"
    r"|fix(?:es)?|improvement|monitoring|other|short[- ]term|long[- ]term|must|should|could)"
    r"\s*(?:[-\u2013\u2014:=]|\(\s*)\s*(?P<rest>.*)$", re.I)
# How a definition starts when it is not an action ("Critical for", "Items that", "Work
# which", "Nice to have", "Should be done within").
_DEFINITION = re.compile(
    r"^(?:critical|important|nice|highest|high|medium|low|lowest|urgent|must|should|could|"
    r"needed|required|optional|items?|actions?|things?|tasks?|work|changes?|fixes|anything|"
    r"whatever|steps?|measures?|means|is|are|for|when|used|done|to be|within|immediately|"
    r"blocking|non-blocking|reduce the|make it|address(?:es)?)\b", re.I)


def is_legend(text: str) -> bool:
    """Whether a top-level bullet defines a category or priority word instead of being an
    item: the word, a separator, and a definition that repeats the word or reads as one.
    A bullet with an owner, a due date or a checkbox is an item whatever its words."""
    first = text.split("\n")[0]
    m = _LEGEND_HEAD.match(first)
    if not m or _CHECKBOX.match(first) or _HANDLE.search(text) or _ISO_DATE.search(text) \
            or _KV.search(text):
        return False
    head, rest = m.group("head").lower(), m.group("rest").strip()
    stem = head[:5]
    return bool(rest) and (rest.lower().startswith(stem) or bool(_DEFINITION.match(rest)))


def _table_actions(table) -> list[ActionItem]:
    fields = _fields(table)
    if "owner" not in fields and "due" not in fields and "text" not in fields:
        return []
    if "text" not in fields:
        fields = ["text" if (f is None and i == fields.index(None)) else f
                  for i, f in enumerate(fields)] if None in fields else fields
    out = []
    for line, cells in table.rows:
        values: dict[str, str] = {}
        cols: list[tuple[str, int]] = []
        for i, (text, col) in enumerate(cells):
            name = fields[i] if i < len(fields) else None
            if name and name not in values:
                values[name] = text.strip()
                cols.append((name, col))
        if not any(values.values()):
            continue
        status = values.get("status") if "status" in fields else _status_in(cells, fields)
        out.append(ActionItem(
            line=line, text=values.get("text", ""), owner=values.get("owner") or None,
            due=values.get("due") or None, priority=values.get("priority") or None,
            status=status,
            ticket=values.get("ticket") or None, source="table",
            has_status_column="status" in fields, cells=tuple(cols)))
    return out


def _status_in(cells: list[tuple[str, int]], fields: list[str | None]) -> str | None:
    """A status word leading a ticket or unnamed cell of a table without a Status column."""
    for i, (text, _) in enumerate(cells):
        if i < len(fields) and fields[i] in (None, "ticket"):
            m = _STATUS_LEAD.match(text)
            if m:
                return m.group("s")
    return None


_CHECKBOX = re.compile(r"^\s*\[([ xX])\]\s*")
_KV = re.compile(r"\b(?P<k>owner|owners|assignee|dri|due|deadline|by|priority|pri|status|state"
                 r"|ticket|issue)\s*[:=]\s*(?P<v>[^,;()\u2014\u2013|]+)", re.I)
_HANDLE = re.compile(r"(?<![\w.])" + HANDLE_PATTERN)
# "due 12/04/2026", "by March 4": a due date written without a colon, when it looks like a date
_DUE_WORD = re.compile(
    r"\b(?:due|deadline|by)\s+(?P<v>\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+\d{4})?)", re.I)
_PRIORITY = re.compile(r"\b(P[0-9])\b")
_SEPARATOR = re.compile(r"\s+(?:\u2014|\u2013|-{1,2}|\|)\s+|\s*\((?=[^)]*(?:owner|due|@|P\d))|"
                        r"[,;]?\s*\b(?:owner|assignee|dri|due|priority|status)\s*[:=]", re.I)
_KEYMAP = {"owners": "owner", "assignee": "owner", "dri": "owner", "deadline": "due",
           "by": "due", "pri": "priority", "state": "status", "issue": "ticket"}


def _list_action(b: Block) -> ActionItem | None:
    first = b.plain.split("\n")[0] if b.plain else ""
    checked = None
    m = _CHECKBOX.match(first)
    if m:
        checked = m.group(1).lower() == "x"
        first = first[m.end():]
    whole = " ".join([first] + b.plain.split("\n")[1:])
    values: dict[str, str] = {}
    for kv in _KV.finditer(whole):
        key = _KEYMAP.get(kv.group("k").lower(), kv.group("k").lower())
        values.setdefault(key, kv.group("v").strip().rstrip("."))
    if "owner" not in values:
        h = _HANDLE.search(whole)
        if h:
            values["owner"] = h.group(0)
    if "due" not in values:
        d = _DUE_WORD.search(whole) or _ISO_DATE.search(whole)
        if d:
            values["due"] = d.group(1).strip()
    if "priority" not in values:
        p = _PRIORITY.search(whole)
        if p:
            values["priority"] = p.group(1)
    if not first.strip():
        return None
    cuts = [m.start() for m in (_SEPARATOR.search(first), _DUE_WORD.search(first)) if m]
    text = first[: min(cuts)] if cuts else first
    text = text.strip().rstrip(":,;").strip()
    status = values.get("status")
    if status is None and checked is not None:
        status = "completed" if checked else "open"
    source_line = b.line
    cells = tuple((k, _col(b, v)) for k, v in values.items())
    return ActionItem(line=source_line, text=text, owner=values.get("owner"),
                      due=values.get("due"), priority=values.get("priority"), status=status,
                      ticket=values.get("ticket"), source="list", checked=checked,
                      has_status_column="status" in values, cells=cells)


def _col(b: Block, value: str) -> int:
    # Best effort: blocks do not keep raw lines; the linter can refine with Document.column_of.
    return 1
