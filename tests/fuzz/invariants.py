"""What must hold for any input, shared by the fuzz tests and the exploration script.

For any text: the linter and the follow-up computation finish without an exception (a
``RuleCrash`` counts as one), every finding's lines lie within 1..max(1, number of lines),
findings come sorted, and every reporter renders (JSON and SARIF parse back).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from pmcheck import followup, followup_report
from pmcheck.document.parse import parse, source_lines
from pmcheck.findings import Finding
from pmcheck.linter import LintResult, lint_file, lint_text
from pmcheck.options import Options
from pmcheck.reporters import render
from pmcheck.template import PRESETS

PATH = "postmortems/fuzz.md"
TODAY = dt.date(2026, 4, 1)
OPTIONS = [Options()] + [Options(template=t) for name, t in sorted(PRESETS.items())
                         if t is not Options().template]
EXTERNAL = Options(external_paths=("postmortems/**",), internal_names=("db-01", "acme"),
                   teams=("sre",))


def line_count(text: str) -> int:
    """Lines as the parser counts them (\\n and \\r\\n end a line; a final one is no line)."""
    return len(source_lines(text))


def check_findings(findings: list[Finding], nlines: int, where: str) -> None:
    top = max(1, nlines)
    for f in findings:
        assert 1 <= f.line <= top, f"{where}: {f.rule} at line {f.line} of {nlines}"
        assert f.line <= f.end_line <= top, f"{where}: {f.rule} ends at {f.end_line} of {nlines}"
        assert f.column >= 1, f"{where}: {f.rule} at column {f.column}"
    keys = [f.sort_key() for f in findings]
    assert keys == sorted(keys), f"{where}: findings not sorted"


def check_reporters(findings, suppressed) -> None:
    result = LintResult(findings=list(findings), suppressed=list(suppressed), files_checked=1)
    data = json.loads(render("json", result))
    assert len(data["findings"]) == len(findings)
    sarif = json.loads(render("sarif", result))
    assert len(sarif["runs"][0]["results"]) == len(findings)
    render("text", result)
    render("github", result)


def check_followup(text: str, opts: Options) -> None:
    doc = parse(text, PATH, opts.template)
    items = followup.items_of(doc, opts)
    rep = followup.report(items, TODAY)
    reviews = followup.review(items, TODAY)
    json.loads(followup_report.render_json(rep, reviews))
    followup_report.render_text(rep)
    followup_report.render_markdown(rep, reviews)
    failing = followup.gate_failures(items, ("P1",))
    followup_report.render_gate(failing, ("P1",), TODAY)
    for it in items:
        it.days_overdue(TODAY)
        it.owner_logins()
        followup.match_score(it.norm, it.norm + " x")


def check_text(text: str, opts: Options = OPTIONS[0]) -> None:
    """Every invariant on one text (the lint_text path)."""
    findings, suppressed = lint_text(text, PATH, opts)
    check_findings(findings, line_count(text), "lint_text")
    check_reporters(findings, suppressed)
    check_followup(text, opts)


def check_bytes(data: bytes, opts: Options = OPTIONS[0]) -> None:
    """The lint_file path: the bytes written to a file, read back through read_source."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.md"
        path.write_bytes(data)
        findings, suppressed = lint_file(path, opts, PATH)
    text = data.decode("utf-8", errors="replace")
    nlines = 0 if b"\0" in data[:8192] else line_count(text.removeprefix("\ufeff"))
    check_findings(findings, nlines, "lint_file")
    check_reporters(findings, suppressed)
