"""Read the durations people write in postmortems ("47 minutes", "1h 20m", "00:47", "1.5 h").

``parse_minutes`` returns minutes as a float, or None when the text holds no duration. It looks,
in this order, for:

1. the whole value as a clock duration: ``00:47``, ``1:20``, ``1:20:30`` (H:MM[:SS]);
2. an ISO 8601 duration: ``PT47M``, ``P1DT2H``;
3. the first run of number + unit pairs anywhere in the text: ``47 minutes``, ``1h 20m``,
   ``2 hours 5 mins``, ``1.5 h``, ``1,5 h``, ``~45 min``, ``2 days``, ``90s``; a range such as
   ``45-60 minutes`` or ``2 to 3 hours`` counts as its upper bound; ``an hour``,
   ``half an hour`` and the number words one to twelve are understood;
4. a clock range: ``21:45 to 23:28 UTC`` (a range that ends earlier than it starts is taken
   to cross midnight).

So ``21:45 to 23:28 UTC (103 minutes)`` reads as 103 minutes and ``16h 45m<br>`` as 1005.
"""

from __future__ import annotations

import re

_UNITS: dict[str, float] = {}
for _names, _minutes in (
    (("s", "sec", "secs", "second", "seconds"), 1 / 60),
    (("m", "min", "mins", "minute", "minutes", "mn"), 1.0),
    (("h", "hr", "hrs", "hour", "hours"), 60.0),
    (("d", "day", "days"), 1440.0),
    (("w", "wk", "wks", "week", "weeks"), 10080.0),
):
    for _n in _names:
        _UNITS[_n] = _minutes

_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
_UNIT = r"(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
# A number is digits ("47", "1.5", "1,5") glued to or spaced from its unit, or a number word
# ("two", "an") spaced from it (so "and" is never "an d").
_NUM = rf"(?:(?<![\d.:,])\d+(?:[.,]\d+)?\s*|\b(?:{_WORD})\s+)"
# one "number unit" pair; an optional range lower bound ("45-60", "2 to 3") before the number
_PAIR = re.compile(
    rf"(?:(?<![\d.:,])\d+(?:[.,]\d+)?\s*(?:-|\u2013|to)\s*)?(?P<num>{_NUM})"
    rf"(?P<unit>{_UNIT})(?![a-z])",
    re.IGNORECASE,
)
_HALF = re.compile(r"\bhalf\s+an?\s+hour\b", re.IGNORECASE)
_CLOCK = re.compile(r"^\s*(\d{1,3}):([0-5]\d)(?::([0-5]\d))?\s*$")
_ISO = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?"
                  r"(?:(\d+(?:\.\d+)?)S)?)?", re.IGNORECASE)
_RANGE = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b[^\d]{0,20}?(?:-|\u2013|\u2014|to|until)"
                    r"\s*(?:[^\d]{0,20}?)\b([01]?\d|2[0-3]):([0-5]\d)\b", re.IGNORECASE)
# Separators allowed between the pairs of one duration: "1h 20m", "1 hour, 20 minutes",
# "1 hour and 20 minutes".
_JOINER = re.compile(r"^\s*(?:,|and|,\s*and)?\s*$", re.IGNORECASE)


def _number(text: str) -> float:
    low = text.lower()
    if low in _WORDS:
        return float(_WORDS[low])
    return float(text.replace(",", "."))


def _clock(text: str) -> float | None:
    m = _CLOCK.match(text)
    if not m:
        return None
    hours, minutes, seconds = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    return hours * 60 + minutes + seconds / 60


def _iso(text: str) -> float | None:
    m = _ISO.fullmatch(text.strip())
    if not m or not any(m.groups()):
        return None
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in m.groups())
    return days * 1440 + hours * 60 + minutes + seconds / 60


def _pairs(text: str) -> float | None:
    """Sum the first run of adjacent number+unit pairs ("1h 20m")."""
    total: float | None = None
    end = None
    for m in _PAIR.finditer(text):
        if end is not None and not _JOINER.match(text[end:m.start()]):
            break
        number = _number(m.group("num").strip())
        total = (total or 0.0) + number * _UNITS[m.group("unit").lower()]
        end = m.end()
    return total


def _clock_range(text: str) -> float | None:
    m = _RANGE.search(text)
    if not m:
        return None
    start = int(m.group(1)) * 60 + int(m.group(2))
    stop = int(m.group(3)) * 60 + int(m.group(4))
    return float((stop - start) % 1440)


def parse_minutes(text: str | None) -> float | None:
    """Minutes in `text` ("47 minutes" -> 47.0, "1h 20m" -> 80.0), or None when unreadable."""
    if not text or not text.strip():
        return None
    text = text.strip()
    for reader in (_clock, _iso):
        value = reader(text)
        if value is not None:
            return value
    value = _pairs(_HALF.sub("30 minutes", text))
    if value is not None:
        return value
    return _clock_range(text)


def format_minutes(minutes: float) -> str:
    """Compact human form: 47 -> "47m", 80 -> "1h 20m", 1500 -> "1d 1h"."""
    total = int(round(minutes))
    if total < 60:
        return f"{total}m"
    days, rest = divmod(total, 1440)
    hours, mins = divmod(rest, 60)
    parts = [f"{days}d"] if days else []
    if hours:
        parts.append(f"{hours}h")
    if mins and not days:
        parts.append(f"{mins}m")
    return " ".join(parts) or "0m"
