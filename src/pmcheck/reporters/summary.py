"""Markdown summary: the job summary (GITHUB_STEP_SUMMARY) and the sticky PR comment body.

Deterministic (no clock, no counters that change between identical runs), so the sticky comment
is edited only when the findings change. Everything quoted from the postmortems goes through
``safety.cell`` (no mentions, no HTML, no forged markers). The output is capped: the job summary
must stay under 1 MiB (GitHub refuses more) and a comment under 65,536 characters; rows beyond the
cap are counted, never silently dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Sequence
from urllib.parse import quote as url_quote

from pmcheck.findings import Finding, Severity
from pmcheck.github.safety import cell, flat, quote

JOB_SUMMARY_LIMIT = 1024 * 1024 - 16 * 1024  # bytes, leaving room for other steps' text
COMMENT_LIMIT = 60_000  # characters; GitHub's limit for a comment body is 65,536
ICON = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}

BLAMELESS_EXAMPLE = """\
<details><summary>What a blameless rewrite looks like</summary>

A blameless postmortem describes what the system allowed, not who slipped. Name the conditions
that made the mistake possible and the change that makes it hard to repeat.

| Instead of | Write |
|---|---|
| The on-call engineer carelessly deployed a bad config. | The deploy applied a config that failed validation only in production; staging did not run the same check. |
| Alex should have noticed the alert. | The alert fired in a channel nobody watches at night, so it went unanswered for 40 minutes. |
| Human error. | The runbook step was manual and had no confirmation; we will automate it (action item 3). |

</details>
"""


@dataclass(frozen=True)
class SummaryOptions:
    heading: str = "pmcheck"
    marker: str = ""  # hidden marker placed first (the sticky comment), or ""
    limit: int = JOB_SUMMARY_LIMIT  # size cap, measured in UTF-8 bytes
    note: str = ""  # one paragraph after the counts (e.g. "12 shown inline")
    overflow_hint: str = "see the job summary for every finding"
    collapse: bool = False  # the findings table inside <details> (the PR comment stays short)


def render(findings: Sequence[Finding], *, files_checked: int = 0,
           errors: Sequence[str] = (), where: Callable[[Finding], str] | None = None,
           link: Callable[[Finding], str | None] | None = None,
           options: SummaryOptions = SummaryOptions()) -> str:
    """The whole Markdown text; `where(f)` labels a row, `link(f)` gives a URL for its line."""
    head = [options.marker] if options.marker else []
    head.append(f"## {options.heading}: {headline(findings, files_checked)}")
    head.append("")
    if findings:
        head.extend(category_table(findings))
        head.append("")
    if options.note:
        head.extend([options.note, ""])
    if errors:
        head.append("**Files that could not be checked**")
        head.append("")
        head.extend(f"- {quote(flat(e))}" for e in errors)  # a file name may hold newlines
        head.append("")
    tail = []
    if any(f.category == "blame" for f in findings):
        tail = ["", BLAMELESS_EXAMPLE]
    rows = [finding_row(f, where, link) for f in findings]
    return _fit(head, rows, tail, options)


def headline(findings: Sequence[Finding], files_checked: int) -> str:
    counts = Counter(f.severity for f in findings)
    files = f"{files_checked} postmortem{'s' if files_checked != 1 else ''} checked"
    if not findings:
        return f"no findings ({files})"
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}"
             for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    return f"{', '.join(parts)} ({files})"


def category_table(findings: Sequence[Finding]) -> list[str]:
    """Counts by category and severity, categories in order of first appearance by count."""
    by = Counter((f.category, f.severity) for f in findings)
    categories = sorted({f.category for f in findings},
                        key=lambda c: (-sum(n for (k, _), n in by.items() if k == c), c))
    lines = ["| Category | Errors | Warnings | Info |", "|---|---:|---:|---:|"]
    for c in categories:
        lines.append(f"| {c} | {by[(c, Severity.ERROR)]} | {by[(c, Severity.WARNING)]} | "
                     f"{by[(c, Severity.INFO)]} |")
    total = Counter(f.severity for f in findings)
    lines.append(f"| **total** | **{total[Severity.ERROR]}** | **{total[Severity.WARNING]}** | "
                 f"**{total[Severity.INFO]}** |")
    return lines


TABLE_HEAD = ["### Findings", "", "| Severity | Location | Rule | Finding | Where |",
              "|---|---|---|---|---|"]


def finding_row(f: Finding, where: Callable[[Finding], str] | None,
                link: Callable[[Finding], str | None] | None) -> str:
    location = f"{cell(f.path)}:{f.line}"
    url = link(f) if link else None
    if url:
        text = location.replace("[", "\\[").replace("]", "\\]")
        location = f"[{text}]({safe_url(url)})"
    text = cell(f.message + (f" {f.hint}" if f.hint else ""), limit=400)
    label = cell(where(f)) if where else ""
    return f"| {ICON[f.severity]} | {location} | `{f.rule}` | {text} | {label} |"


def safe_url(url: str) -> str:
    """Percent-encode what could end a Markdown link destination or start a mention."""
    return url_quote(url, safe=":/#?=&%-._~+,;!*'")


def _fit(head: list[str], rows: list[str], tail: list[str], options: SummaryOptions) -> str:
    """Join head, as many rows as fit under the cap, an overflow line, and the tail."""
    table_head = TABLE_HEAD if rows else []
    table_end: list[str] = []
    if rows and options.collapse:
        table_head = [f"<details><summary>All {len(rows)} finding"
                      f"{'s' if len(rows) != 1 else ''}</summary>", ""] + TABLE_HEAD[2:]
        table_end = ["", "</details>"]
    fixed = "\n".join(head + table_head + table_end + tail)
    budget = options.limit - _size(fixed) - 200  # room for the overflow line
    kept: list[str] = []
    for row in rows:
        cost = _size(row) + 1
        if cost > budget:
            break
        kept.append(row)
        budget -= cost
    body = head + table_head + kept
    if len(kept) < len(rows):
        body += ["", f"…and {len(rows) - len(kept)} more finding"
                     f"{'s' if len(rows) - len(kept) != 1 else ''} not shown here "
                     f"({options.overflow_hint})."]
    return "\n".join(body + table_end + tail).rstrip("\n") + "\n"


def _size(text: str) -> int:
    return len(text.encode("utf-8"))
