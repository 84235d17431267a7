"""A list item's due date written without a colon and not as an ISO date (rule side).

The parser (``pmcheck.document.items``) reads ``due: <anything>`` and ``due 2026-04-12``, but
not ``due 12/04/2026`` or ``due March 4``: the item then looked as if it had no due date at all
(``actions.incomplete``: "has no due date or priority"), when what it has is a date in the
wrong form. ``with_written_due`` fills in such a value, so the actions family reports it with
``actions.due-invalid`` (with a suggested ISO rewrite only when the date is unambiguous).
Once the parser reads these itself, this is a no-op (it only looks at items without a due).
"""

from __future__ import annotations

import re
from dataclasses import replace

from pmcheck.document.model import ActionItem, Document

_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
_PERIOD = r"(?:week|sprint|month|quarter|year)"
# A value that reads as a date or a deadline: 12/04/2026, 4.12.26, 2026/4/12, March 4(, 2026),
# 4 March 2026, Friday, next sprint, end of March, EOW. Never "due to ..." or "due diligence".
_WRITTEN_DUE = re.compile(
    r"(?:^|[\s,;(\u2014\u2013-])due\s+(?:(?:by|on|before)\s+)?(?P<v>"
    r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?"
    rf"|{_DAY}\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|(?:next\s+)?{_WEEKDAY}"
    rf"|(?:next|this)\s+{_PERIOD}"
    rf"|end\s+of\s+(?:the\s+)?(?:{_PERIOD}|{_MONTH}|q[1-4])"
    r"|eo[dwmq]|q[1-4](?:\s+\d{4})?"
    r")(?![\w/.-]*\w)", re.IGNORECASE)
_TRAILING = re.compile(r"[\s,;:\u2014\u2013-]+$")


def written_due(text: str) -> re.Match[str] | None:
    """The `due <value>` in a list item's text, when the value reads as a date or deadline."""
    return _WRITTEN_DUE.search(text)


def with_written_due(doc: Document, item: ActionItem) -> ActionItem:
    """`item` with its due filled in from ``due <value>`` on its line when the parser found
    none (list items only); its text loses that trailing part, as with ``due: <value>``."""
    if item.source != "list" or (item.due or "").strip():
        return item
    line = doc.lines[item.line - 1] if 0 < item.line <= len(doc.lines) else ""
    m = written_due(line)
    if m is None:
        return item
    text = item.text
    cut = written_due(text)
    if cut is not None:
        text = _TRAILING.sub("", text[: cut.start("v")])
        text = re.sub(r"(?:^|[\s,;(])due(?:\s+(?:by|on|before))?$", "", text, flags=re.I)
        text = _TRAILING.sub("", text) or item.text
    return replace(item, due=m.group("v"), text=text)
