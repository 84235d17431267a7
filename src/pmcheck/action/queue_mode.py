"""Merge-queue mode: lint the postmortems a merge group changes; annotations and job summary.

On ``merge_group`` (action ``checks_requested``) GitHub gives the group's ``base_sha`` and
``head_sha``; the checkout is the group's head. The changed files come from one request,
``GET /repos/{owner}/{repo}/compare/{base}...{head}``. A merge group has no pull request to
comment on, so nothing is written: the findings are annotations, the job summary and the exit
code (fail-on), which is what a required check on the queue needs.

When GitHub cannot list the change (unreachable, an error, or a comparison of 300 files or
more, where GitHub truncates ``files``), every postmortem under ``paths`` in the checkout is
checked instead, and the summary says so.
"""

from __future__ import annotations

from typing import TextIO

from github.GithubException import GithubException

from pmcheck.action.result import ModeResult
from pmcheck.action.review_mode import (
    ReviewError,
    fallback_run,
    job_summary,
    lint_changed,
    read_event,
)
from pmcheck.action.settings import Settings
from pmcheck.findings import Severity
from pmcheck.github import client
from pmcheck.globs import path_matches
from pmcheck.action.verdict import exit_code as verdict_exit
from pmcheck.action.verdict import judge_run, label
from pmcheck.options import Options
from pmcheck.reporters.github import annotations, escape_data

COMPARE_FILE_CAP = 300  # GitHub lists at most 300 files in a comparison


def group_shas(event: dict) -> tuple[str, str]:
    """(base_sha, head_sha) of the merge group in the event payload, or ReviewError."""
    group = event.get("merge_group")
    base = str((group or {}).get("base_sha") or "") if isinstance(group, dict) else ""
    head = str((group or {}).get("head_sha") or "") if isinstance(group, dict) else ""
    if not (base and head):
        raise ReviewError("the merge_group event in GITHUB_EVENT_PATH has no merge_group "
                          "with base_sha and head_sha; pass the payload the runner wrote")
    return base, head


def changed_paths(repo, base: str, head: str) -> tuple[list[str] | None, str]:
    """(files the group adds or modifies, "") or (None, why they are unknown)."""
    try:
        files = repo.compare(base, head).files
        listed = [(f.filename, f.status) for f in files]
    except (GithubException, OSError) as exc:  # requests' errors are OSErrors
        if isinstance(exc, OSError) and client.network_error(exc):
            return None, client.describe_unreachable("GITHUB_API_URL", exc)
        data = getattr(exc, "data", None)
        why = data.get("message") if isinstance(data, dict) else type(exc).__name__
        return None, f"cannot compare {base[:7]}...{head[:7]} ({getattr(exc, 'status', '')} {why})"
    if len(listed) >= COMPARE_FILE_CAP:
        return None, f"the merge group changes {len(listed)}+ files (GitHub lists at most 300)"
    return [name for name, status in listed if status != "removed"], ""


def run(settings: Settings, gh, repo, out: TextIO, opts: Options | None = None) -> ModeResult:
    base, head = group_shas(read_event(settings.event_path))
    changed, problem = changed_paths(repo, base, head)
    if changed is None:
        print(f"::warning title=pmcheck::{escape_data(problem)}; checking every postmortem "
              "under paths", file=out)
        return fallback_run(settings, head, out, opts, problem)
    targets = [p for p in changed if path_matches(p, settings.paths)]
    texts: dict[str, str] = {}
    result = lint_changed(settings.workspace, targets, opts, texts)
    verdict = judge_run(settings, opts, result, texts)
    print(f"pmcheck: merge group {base[:7]}...{head[:7]}: {len(targets)} changed "
          f"postmortem(s), {len(result.findings)} finding(s)", file=out)
    ordered = sorted(result.findings, key=lambda f: (-f.severity.rank, f.sort_key()))
    lines, left_out = annotations(ordered, limit_per_level=10)
    for line in lines:
        print(line, file=out)
    for error in result.errors:
        print(f"::error title=pmcheck::{escape_data(error)}", file=out)
    labels = {f: label(verdict, f, "merge group") for f in result.findings}
    return ModeResult(
        outputs={"findings": len(result.findings), "errors": result.count(Severity.ERROR),
                 "warnings": result.count(Severity.WARNING)},
        summary=job_summary(settings, result, labels, head, left_out),
        exit_code=verdict_exit(result, verdict))
