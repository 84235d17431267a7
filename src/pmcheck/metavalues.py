"""Read metadata values: ISO dates, people lists, severity levels, business days.

Pure helpers shared by the metadata rules (and anything else that reads a postmortem header).
"""

from __future__ import annotations

import datetime as dt
import re

from pmcheck.document.model import MetaField

_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|[\sT])")
_PLACEHOLDER = re.compile(
    r"^\W*(?:tbd|tba|tbc|todo|to do|n/?a|none|null|unknown|unassigned|wip|fill in|yyyy-mm-dd|"
    r"\?+|x+|\.\.\.|\u2026)?\W*$"
    r"|^\s*(?:<[^>]*>|\{\{.*\}\})\s*$", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:[,;/&]|\band\b)\s*", re.IGNORECASE)


def is_placeholder(value: str) -> bool:
    """Blank, only punctuation ('-', '—'), or a stand-in such as 'TBD', 'N/A', '???',
    'unassigned', '<date>' or '{{ author }}'."""
    return bool(_PLACEHOLDER.match(value))


def iso_date(text: str) -> dt.date | None:
    """The date a value starts with, when written YYYY-MM-DD (a time may follow)."""
    m = _ISO_DATE.match(text.strip())
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None


def person(name: str) -> str:
    """'@Lena (SRE)' -> 'lena': comparable form of one person."""
    name = re.sub(r"\(.*?\)|<.*?>", "", name)
    return re.sub(r"\s+", " ", name.strip().lstrip("@").strip().lower())


def people(f: MetaField | None) -> list[str]:
    if f is None:
        return []
    raw = f.items or tuple(_SPLIT.split(f.value))
    return [p for p in (person(x) for x in raw) if p]


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Mon-Fri days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    return count


def severity_level(value: str, levels: tuple[str, ...]) -> str | None:
    """The configured level `value` names: the whole value or its first word,
    case-insensitively ('p2', 'P2 (major)', 'P2 - partial outage' -> 'P2')."""
    text = value.strip().strip("*_`")
    first = re.split(r"[\s(:\u2013\u2014,]+|\s-\s", text, maxsplit=1)[0]
    for level in levels:
        if text.lower() == level.lower() or first.lower() == level.lower():
            return level
    return None
