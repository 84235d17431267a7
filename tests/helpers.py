"""Shared test helpers: parse Markdown and run rules, returning (line, rule id) pairs."""

from __future__ import annotations

import textwrap
from pathlib import Path

from pmcheck.document.parse import parse
from pmcheck.options import Options
from pmcheck.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
GOOD = (ROOT / "examples" / "good.md").read_text(encoding="utf-8")


def md(text: str) -> str:
    """Dedent a triple-quoted Markdown snippet and drop its leading newline."""
    return textwrap.dedent(text).lstrip("\n")


def problems(text: str, rule: str | None = None, opts: Options | None = None,
             path: str = "postmortems/2026-03-14-example.md") -> list[tuple[int, str]]:
    """Run every rule whose id equals `rule` or lies in category `rule`; sorted (line, id)."""
    opts = opts or Options()
    doc = parse(text, path, opts.template, date_order=opts.date_order)
    out = []
    for r in all_rules():
        if rule and not (r.id == rule or r.category == rule):
            continue
        out.extend((p.line, r.id) for p in r.check(doc, opts))
    return sorted(out)


def replace_section(text: str, heading: str, body: str) -> str:
    """Return `text` with the body of `## heading` replaced by `body` (up to the next ##)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.strip() == f"## {heading}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
               len(lines))
    return "".join(lines[: start + 1]) + "\n" + md(body) + "\n" + "".join(lines[end:])


def both_routes(argv: list[str], cwd: Path):
    """`python -m pmcheck ARGV` (the fast route, no click for plain check lines) and the
    click command, run in `cwd`: the two (returncode, stdout, stderr) triples."""
    import subprocess
    import sys

    fast = subprocess.run([sys.executable, "-m", "pmcheck", *argv], cwd=cwd,
                          capture_output=True, text=True)
    via_click = subprocess.run(
        [sys.executable, "-c", "import sys; from pmcheck.cli import main; "
         f"sys.exit(main({argv!r}))"], cwd=cwd, capture_output=True, text=True)
    return ((fast.returncode, fast.stdout, fast.stderr),
            (via_click.returncode, via_click.stdout, via_click.stderr))


# Gradual-adoption fixtures (tests/test_cli_adoption.py, tests/action/test_adoption_e2e.py):
# GOOD with exactly one blame warning (a counterfactual aimed at a name) ...
ONE_BLAME = GOOD.replace("## Summary\n", "## Summary\n\nMarcus should have checked the pool "
                         "size.\n", 1)
# ... and GOOD with exactly one error (an action item without an owner). Re-dated by
# `redated`, its due dates also fall outside the due policy (warnings).
ONE_ERROR = GOOD.replace("| @lena | 2026-04-10 |", "|  | 2026-04-10 |")


def redated(text: str, date: str) -> str:
    """`text` (GOOD-based) with its incident Date changed to `date`."""
    assert "Date: 2026-03-14" in text
    return text.replace("Date: 2026-03-14", f"Date: {date}", 1)
