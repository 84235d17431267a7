"""Read metadata values: ISO dates, people lists, severity levels, business days.

Pure helpers shared by the metadata rules (and anything else that reads a postmortem header).
"""

from __future__ import annotations

import datetime as dt
import re

from pmcheck.document.model import MetaField

# A GitHub @login or @org/team, without the boundaries each use adds around it. Logins of
# enterprise managed users carry an underscore ("@jane-doe_acme"), so "_" is allowed inside.
HANDLE_PATTERN = (r"@[A-Za-z0-9](?:[\w-]*[A-Za-z0-9])?"
                  r"(?:/[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9])?)?")
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|[\sT])")
_PLACEHOLDER = re.compile(
    r"^\W*(?:tbd|tba|tbc|todo|to do|n/?a|none|null|unknown|unassigned|wip|fill in|yyyy-mm-dd|"
    r"\?+|x+|\.\.\.|\u2026)?\W*$"
    r"|^\s*(?:<[^>]*>|\{\{.*\}\})\s*$", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:[,;/&]|\band\b)\s*", re.IGNORECASE)


def is_placeholder(value: str) -> bool:
    """Blank, only punctuation ('-', '—'), or a stand-in such as 'TBD', 'N/A', '???',
    'unassigned', '<date>' or '{{ author }}'."""
    # stand-ins are short; the bound also keeps the pattern's two \W* runs from
    # backtracking quadratically over a long run of punctuation
    return len(value) <= 200 and bool(_PLACEHOLDER.match(value))


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


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_WRITTEN_DATES = [re.compile(_WEEKDAY + p, re.IGNORECASE) for p in (
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)",  # March 14, 2026
    rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}(?!\d)",  # 14 March 2026
    rf"{_YEAR}(?P<sep>[/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?![\d/.])",  # 2026/03/14
    rf"(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep){_YEAR}(?!\d)",  # 14/03/2026
    rf"{_YEAR}(?P<m>\d{{2}})(?P<d>\d{{2}})(?!\d)",  # 20260314
)]


def _written_date(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    year = int(g["year"])
    if g.get("mon"):
        word = g["mon"].lower()
        months = [i for i, name in enumerate(_MONTH_NAMES, 1)
                  if name.startswith(word) or (word == "sept" and i == 9)]
        if len(months) != 1:
            return None
        month_day = (months[0], int(g["day"]))
    elif g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        if (a > 12) == (b > 12):  # 03/04/2026 is two different days on two continents
            return None
        month_day = (b, a) if a > 12 else (a, b)
    else:
        month_day = (int(g["m"]), int(g["d"]))
    try:
        return dt.date(year, *month_day)
    except ValueError:
        return None


def iso_rewrite(value: str) -> str | None:
    """`value` with a leading date written another way ("March 14, 2026", "14 March 2026",
    "2026/03/14", "14/03/2026", "20260314") rewritten as YYYY-MM-DD, keeping what follows (a
    time); None unless the date is certain. Day/month orders are read only when one number is
    over 12, so "03/04/2026" is never guessed."""
    text = value.strip()
    for regex in _WRITTEN_DATES:
        m = regex.match(text)
        date = _written_date(m) if m else None
        if date is None:
            continue
        rest = text[m.end():].lstrip(" ,")
        out = f"{date.isoformat()} {rest}".rstrip()
        return out if iso_date(out) == date else None
    return None
