"""Gate mode: fail the job while any action item of a gated priority (default P1) is open.

For deploy workflows: P1 actions must be completed (or deferred) before the next deploy. No
GitHub writes; the result is an annotation per open item, the job summary and the exit code.
"""

from __future__ import annotations

from typing import TextIO

from pmcheck.action.result import ModeResult

ANNOTATION_LIMIT = 10


def run(settings, gh, repo, out: TextIO, opts=None) -> ModeResult:
    """`gh` and `repo` are unused (main passes None); `opts`: the loaded configuration, or
    None to load it (a bad file raises ActionConfigError before anything is printed)."""
    from pmcheck import followup_report as fr
    from pmcheck.action.followup_mode import load, today_of
    from pmcheck.followup import gate_failures, report
    from pmcheck.action.log import emit
    from pmcheck.reporters.github import escape_data, escape_property

    today = today_of(settings)
    data = load(settings, opts)
    nothing = "" if data.scanned or data.unreadable else (
        f"no postmortem matches paths {', '.join(settings.paths)}: nothing to gate "
        "(check the `paths` input)")
    failing = gate_failures(data.items, data.cfg.gate)
    for it in failing[:ANNOTATION_LIMIT]:
        props = f"file={escape_property(it.path)},line={it.line},title=pmcheck gate"
        msg = f"{it.priority} action item still {it.status.replace('_', ' ')}: {it.text}"
        out.write(f"::error {props}::{escape_data(msg)}\n")
    text = fr.render_gate(failing, data.cfg.gate, today)
    for line in text.splitlines():
        emit(out, f"  {line}")
    # pmcheck's own lines after the items' annotations: they never take a slot those need
    for e in data.errors:
        emit(out, f"pmcheck: {e}")
    if nothing:
        emit(out, nothing, "warning", "pmcheck gate")
    rep = report(data.items, today)
    summary = ["## pmcheck gate", "",
               f"**{'Failed' if failing else 'Passed'}**: {len(failing)} open "
               f"{'/'.join(fr.md(p) for p in data.cfg.gate)} action item(s).", ""]
    if failing:
        summary += ["| Postmortem | Action | Status | Owner | Due |", "|---|---|---|---|---|"]
        summary += [f"| {fr.md(i.path)}:{i.line} | {fr.md(i.text)} | {i.status} | "
                    f"{fr.md(i.owner) or '-'} | {fr.md(i.due_raw) or '-'} |" for i in failing]
    if nothing:
        summary += ["", f"**Warning:** {fr.md(nothing)}"]
    if data.errors:
        summary += ["", "**Errors:**", ""] + [f"- {fr.md(e)}" for e in data.errors]
    code = 2 if data.errors else (1 if failing else 0)
    return ModeResult(outputs={"overdue": len(rep.overdue), "gate-open": len(failing)},
                      summary="\n".join(summary) + "\n", exit_code=code)
