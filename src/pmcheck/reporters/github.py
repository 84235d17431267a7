"""GitHub Actions workflow-command annotations (``::error file=...::message``).

Shared with the Action: :func:`annotations` returns the command lines, at most
``limit_per_level`` per level (GitHub shows 10 per level per step), and how many were left out
so the caller can put them in the job summary.
"""

from __future__ import annotations

from pmcheck.findings import Finding, Severity
from pmcheck.reporters.text import finding_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: %, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    props = [("file", f.path), ("line", str(f.line)), ("col", str(f.column)),
             ("endLine", str(max(f.end_line, f.line))), ("title", f"pmcheck {f.rule}")]
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    message = f.message + (f"\n{f.hint}" if f.hint else "")
    return f"::{COMMANDS[f.severity]} {joined}::{escape_data(message)}"


def split_by_level(findings: list[Finding], limit: int
                   ) -> tuple[list[Finding], list[Finding]]:
    """(first `limit` findings of each level, the rest), both in input order."""
    shown: list[Finding] = []
    rest: list[Finding] = []
    per_level: dict[Severity, int] = {}
    for f in findings:
        n = per_level.get(f.severity, 0)
        (shown if n < limit else rest).append(f)
        per_level[f.severity] = n + 1
    return shown, rest


# The name shadows the __future__ feature flag, which mypy flags; the Action imports it by name.
def annotations(findings: list[Finding],  # type: ignore[no-redef]
                limit_per_level: int = 10) -> tuple[list[str], int]:
    """Annotation lines for the first `limit_per_level` findings of each level; count left out."""
    shown, rest = split_by_level(findings, limit_per_level)
    return [annotation(f) for f in shown], len(rest)


def render(result, limit_per_level: int = 10) -> str:
    """Annotations, then the findings left out as plain lines so the log holds them all."""
    shown, rest = split_by_level(result.findings, limit_per_level)
    lines = [annotation(f) for f in shown]
    if rest:
        lines.append(f"pmcheck: {len(rest)} more finding(s) not annotated (GitHub shows "
                     f"{limit_per_level} per level per step):")
        lines += [finding_line(f) for f in rest]
    return "\n".join(lines) + ("\n" if lines else "")
