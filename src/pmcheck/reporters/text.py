"""Human output: ``path:line:col: severity [rule] message`` plus an indented fix hint.

Colour (ANSI) only when asked, which the CLI does for a terminal without ``NO_COLOR``.
"""

from __future__ import annotations

from pmcheck.findings import Finding, Severity

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def finding_line(f: Finding, color: bool = False) -> str:
    where = _paint(f"{f.path}:{f.line}:{f.column}:", "1", color)
    severity = _paint(f.severity.value, _COLOURS[f.severity], color)
    rule = _paint(f"[{f.rule}]", "2", color)
    return f"{where} {severity} {rule} {f.message}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def summary(result) -> str:
    counts = ", ".join(_plural(result.count(s), s.value) for s in Severity)
    files = _plural(result.files_checked, "file")
    line = f"{counts} in {files}" if result.findings else f"no problems in {files}"
    if result.suppressed:
        line += f" ({len(result.suppressed)} disable comment(s) used)"
    if getattr(result, "hidden", 0):
        line += f" ({result.hidden} below --min-severity not shown)"
    if result.errors:
        line += f"; {_plural(len(result.errors), 'path')} could not be checked (see above)"
    return line


def render(result, color: bool = False, quiet: bool = False) -> str:
    """Findings with their hints, then the summary line (left out with `quiet`)."""
    out = []
    for f in result.findings:
        out.append(finding_line(f, color))
        if f.hint:
            out.append(f"    {_paint('hint:', '2', color)} {f.hint}")
    if quiet:
        return "".join(line + "\n" for line in out)
    if out:
        out.append("")
    out.append(summary(result))
    return "\n".join(out) + "\n"
