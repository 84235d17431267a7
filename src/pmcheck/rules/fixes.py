"""Where a finding sits and how it is fixed: ranges (``Problem.end_line``) and concrete fixes
(``Problem.suggestion``, the replacement text of whole source lines).

A rule offers a suggestion only when the fix is mechanical and certain (a 12-hour time to its
24-hour form, a date written another way to ISO); judgement calls get a hint instead. A
finding about a whole part (an empty section, a 5-whys chain) spans that part's lines.
"""

from __future__ import annotations

from pmcheck.document.model import Document, Section


def replace_on_line(doc: Document, line: int, old: str, new: str, column: int = 0) -> str | None:
    """Line `line` with `old` replaced by `new`: at `column` (1-based) when `old` stands there,
    else its only occurrence on the line; None when `old` is not on the line exactly once
    (no guessing) or nothing would change."""
    if not (1 <= line <= len(doc.lines)) or not old or old == new:
        return None
    text = doc.lines[line - 1]
    start = column - 1 if column >= 1 and text.startswith(old, column - 1) else -1
    if start < 0:
        if text.count(old) != 1:
            return None
        start = text.index(old)
    return text[:start] + new + text[start + len(old):]


# A longer range is not shown: a pull-request comment sits at the range's last line, too far
# from the heading it is about, and a long highlight does not help a reviewer.
MAX_RANGE = 12


def span(line: int, end: int | None) -> int | None:
    """`end` as a finding's end_line when it makes a short range below `line`, else None."""
    return end if end is not None and line < end <= line + MAX_RANGE else None


def section_end(doc: Document, section: Section) -> int | None:
    """The last non-blank line of a short `section` when it lies below the heading, else None
    (a finding on a bare heading, or about a long section, stays on the heading line)."""
    last = min(section.end_line, len(doc.lines))
    while last > section.line and not doc.lines[last - 1].strip():
        last -= 1
    return span(section.line, last)
