"""Postmortem fixtures for the follow-up tests, written here (no copied text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pmcheck.document.parse import parse
from pmcheck.followup import all_items
from pmcheck.options import Options

# (action, owner, due, priority, status)
ROWS = [
    ("Alert on queue depth for the billing worker", "@ana", "2026-02-10", "P1", "open"),
    ("Document the failover runbook", "@bo", "2026-02-20", "P2", "in progress"),
    ("Add a canary stage for schema migrations", "@cy", "2026-03-30", "P2", "open"),
    ("Remove the unused retry flag", "@dee", "2026-02-05", "P3", "completed"),
]


def postmortem(rows=ROWS, title: str = "Billing worker stalled on a full queue",
               date: str = "2026-02-01", extra: str = "") -> str:
    table = "\n".join(f"| {a} | {o} | {d} | {p} | {s} |" for a, o, d, p, s in rows)
    return (f"# {title}\n\nDate: {date}\nSeverity: P2\n\n## Summary\n\nThe billing worker "
            f"stopped draining its queue for 40 minutes.\n{extra}\n## Action Items\n\n"
            f"| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n{table}\n")


def write(root: Path, rel: str, text: str) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def items(text: str, path: str = "postmortems/2026-02-01-billing.md", opts=None):
    opts = opts or Options()
    return all_items([parse(text, path, opts.template)], opts)


D = dt.date
