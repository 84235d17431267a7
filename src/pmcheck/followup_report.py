"""Render the follow-up report (overdue items, gate, 30-day review) as text, JSON or Markdown.

Pure functions of :class:`pmcheck.followup.Report`; the CLI prints them and the Action puts the
Markdown in the job summary. Text quoted from postmortems is escaped in Markdown output.
"""

from __future__ import annotations

import json

from pmcheck.followup import Item, Report, ReviewEntry
from pmcheck.github.safety import cell


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def item_json(it: Item, today) -> dict:
    return {"path": it.path, "line": it.line, "action": it.text, "owner": it.owner,
            "due": it.due.isoformat() if it.due else it.due_raw, "priority": it.priority,
            "status": it.status, "days_overdue": it.days_overdue(today), "incident": it.incident,
            "key": it.key}


def render_json(rep: Report, reviews: list[ReviewEntry] | None = None) -> str:
    data = {
        "today": rep.today.isoformat(),
        "overdue": [item_json(it, rep.today) for it in rep.overdue],
        "undated": [item_json(it, rep.today) for it in rep.undated],
        "counts": {"overdue": len(rep.overdue), "open": rep.open_count,
                   "completed": rep.completed_count, "deferred": rep.deferred_count},
    }
    if reviews is not None:
        data["review"] = [{"path": r.path, "incident": r.incident, "date": r.date.isoformat(),
                           "done": len(r.done), "deferred": len(r.deferred),
                           "open": [item_json(i, rep.today) for i in r.open]} for r in reviews]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_text(rep: Report) -> str:
    out = [f"{len(rep.overdue)} overdue action item{'s' if len(rep.overdue) != 1 else ''} "
           f"as of {rep.today} ({rep.open_count} open, {rep.completed_count} completed, "
           f"{rep.deferred_count} deferred)"]
    for prio, items in rep.groups:
        out += ["", f"{prio}:"]
        for it in items:
            out.append(f"  {it.path}:{it.line}: due {it.due}, "
                       f"{_days(it.days_overdue(rep.today) or 0)} overdue, "
                       f"owner {it.owner or '(none)'}: {' '.join(it.text.split())}")
    if rep.undated:
        out += ["", "No parseable due date:"]
        for it in rep.undated:
            due = f"due {it.due_raw!r}" if it.due_raw else "no due date"
            out.append(f"  {it.path}:{it.line}: {due}, {it.priority or 'no priority'}, "
                       f"owner {it.owner or '(none)'}: {' '.join(it.text.split())}")
    return "\n".join(out) + "\n"


def md(text: str | None) -> str:
    """User text for a Markdown table cell (no mentions, HTML, markers or pipes), uncut."""
    return cell(text or "", limit=None)


def render_markdown(rep: Report, reviews: list[ReviewEntry] | None = None) -> str:
    out = [f"### Overdue action items ({len(rep.overdue)}) as of {rep.today}", "",
           f"{rep.open_count} open, {rep.completed_count} completed, "
           f"{rep.deferred_count} deferred."]
    for prio, items in rep.groups:
        out += ["", f"#### {md(prio)}", "",
                "| Postmortem | Action | Owner | Due | Days overdue |", "|---|---|---|---|---|"]
        out += [f"| {md(it.path)}:{it.line} | {md(it.text)} | {md(it.owner) or '-'} | {it.due} "
                f"| {it.days_overdue(rep.today)} |" for it in items]
    if rep.undated:
        out += ["", "#### No parseable due date", "",
                "| Postmortem | Action | Owner | Due as written |", "|---|---|---|---|"]
        out += [f"| {md(it.path)}:{it.line} | {md(it.text)} | {md(it.owner) or '-'} "
                f"| {md(it.due_raw) or '-'} |" for it in rep.undated]
    if reviews is not None:
        out += ["", review_markdown(reviews)]
    return "\n".join(out) + "\n"


def review_markdown(reviews: list[ReviewEntry]) -> str:
    out = ["### 30-day review", ""]
    if not reviews:
        return "\n".join(out + ["No incident is 30 or more days old."])
    out += ["| Incident | Date | Done | Deferred | Still open |", "|---|---|---|---|---|"]
    for r in reviews:
        still = "<br>".join(f"{md(i.text)} ({md(i.owner) or 'no owner'})" for i in r.open)
        out.append(f"| {md(r.incident)} ({md(r.path)}) | {r.date} | {len(r.done)} | "
                   f"{len(r.deferred)} | {still or '-'} |")
    return "\n".join(out)


def review_text(reviews: list[ReviewEntry]) -> str:
    """The 30-day review for a terminal: plain text, handles as written (the Markdown form
    defuses @mentions with zero-width spaces, which only GitHub needs)."""
    if not reviews:
        return "30-day review: no incident is 30 or more days old.\n"
    out = ["30-day review:"]
    for r in reviews:
        out.append(f"  {r.path}: {' '.join(r.incident.split())} ({r.date}): {len(r.done)} done, "
                   f"{len(r.deferred)} deferred, {len(r.open)} still open")
        out += [f"    open: {' '.join(i.text.split())} (owner {i.owner or '(none)'})"
                for i in r.open]
    return "\n".join(out) + "\n"


def render_gate_json(verdict: str, failing: list[Item], priorities: tuple[str, ...], today,
                     errors: list[str]) -> str:
    """`pmcheck gate --format json`: verdict "passed", "failed" or "error" (a file could
    not be read; exit 2), the open gated items, and the errors."""
    items = [{"path": it.path, "line": it.line, "priority": it.priority, "status": it.status,
              "owner": it.owner, "due": it.due.isoformat() if it.due else it.due_raw,
              "days_overdue": it.days_overdue(today),
              "text": " ".join(it.text.split())} for it in failing]
    return json.dumps({"version": 1, "verdict": verdict, "gated_priorities": list(priorities),
                       "items": items, "errors": errors}, indent=2) + "\n"


def render_gate(failing: list[Item], priorities: tuple[str, ...], today) -> str:
    if not failing:
        return f"gate: passed; no open {'/'.join(priorities)} action items\n"
    out = [f"gate: FAILED; {len(failing)} open {'/'.join(priorities)} action "
           f"item{'s' if len(failing) != 1 else ''} must be completed (or deferred) first:"]
    for it in failing:
        late = it.days_overdue(today)
        when = f", {_days(late)} overdue" if late else (f", due {it.due}" if it.due else "")
        out.append(f"  {it.path}:{it.line}: {it.priority} {it.status.replace('_', ' ')}{when}, "
                   f"owner {it.owner or '(none)'}: {' '.join(it.text.split())}")
    return "\n".join(out) + "\n"
