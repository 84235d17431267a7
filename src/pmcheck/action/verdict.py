"""The verdict of a review, queue or fallback run: which findings fail the check and why the
others never do (``since``, ``only-changed-lines``), from the Action's inputs over the config.

Review and queue modes call :func:`judge_run` once, after linting; the labels it returns are
added to each exempt finding's line in the summaries.
"""

from __future__ import annotations

from typing import Callable, Mapping

from pmcheck.adoption import NOT_IN_CHANGE, Verdict, exit_code, judge, postmortem_dates


def judge_run(settings, opts, result, texts: Mapping[str, str],
              outside: Callable[[object], bool] | None = None) -> Verdict:
    """The run's verdict; `outside(f)` is None when the diff is unknown (nothing is then
    exempt by only-changed-lines: a finding cannot be shown to lie outside the change)."""
    policy = settings.adoption(opts)
    dates = postmortem_dates(texts, opts) if policy.since is not None else {}
    return judge(result.findings, policy, dates, outside or (lambda f: False))


def label(verdict: Verdict, f, where: str) -> str:
    """`where` (the summary's place label) with why `f` does not fail, when it is exempt."""
    why = verdict.exempt.get(f)
    if not why:
        return where
    if why == NOT_IN_CHANGE:
        return f"{NOT_IN_CHANGE} (does not fail)"
    return f"{where}; does not fail: {why}" if where else f"does not fail: {why}"


__all__ = ["judge_run", "label", "exit_code", "postmortem_dates"]  # CLI and Action share them
