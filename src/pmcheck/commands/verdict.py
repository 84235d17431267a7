"""`pmcheck check`'s verdict: the config's ``fail-on`` / ``since`` with ``--fail-on`` /
``--since`` laid over them, judged by :func:`pmcheck.adoption.judge`, the code the Action uses.

``only-changed-lines`` has no diff to work on here, so on the command line every finding is
held to ``fail-on`` (as in the Action's run without a pull request's file list).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Mapping


def cli_policy(fail_on: str | None, since: str | None, opts):
    """The options over the config's keys; a bad value is a one-line error (exit 2)."""
    from pmcheck.adoption import AdoptionError, from_inputs
    from pmcheck.commands.common import fail
    from pmcheck.config_schema import known_rule_or_category

    try:
        given = from_inputs(fail_on or "", since or "", "", known_rule_or_category)
    except AdoptionError as exc:
        message = str(exc).replace("input fail-on:", "--fail-on").replace("input since:",
                                                                           "--since")
        fail(f"pmcheck check: {message}")
    return given.over(opts.adoption)


def dates_of(findings, root: Path, texts: Mapping[str, str], opts) -> dict:
    """path -> incident Date for the files with findings; `texts` gives what was not read
    from disk (standard input). A file that cannot be read again has no date (held to the
    rules), as a postmortem without a readable Date."""
    from pmcheck.adoption import postmortem_dates

    wanted = {f.path for f in findings}
    have = {p: t for p, t in texts.items() if p in wanted}
    for path in wanted - set(have):
        try:
            have[path] = (root / path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError, ValueError):
            continue
    return postmortem_dates(have, opts)


def verdict_of(result, policy, root: Path, texts: Mapping[str, str], opts):
    """Which of `result.findings` fail (pmcheck.adoption.Verdict)."""
    from pmcheck.adoption import judge

    dates: dict[str, dt.date | None] = {}
    if policy.since is not None:
        dates = dates_of(result.findings, root, texts, opts)
    return judge(result.findings, policy, dates)


def exempt_note(verdict) -> str:
    """One stderr line saying how many findings do not fail because of `since` ("" if none)."""
    n = len(verdict.exempt)
    if not n:
        return ""
    reasons = sorted(set(verdict.exempt.values()))
    return (f"{n} finding{'s' if n != 1 else ''} reported but not failing: "
            f"{'; '.join(reasons)}")
