"""Pull-request mode: lint the changed postmortems, comment on the diff, summarise.

Reads top to bottom: which PR -> which files -> lint them from the checkout -> place findings on
the diff -> one review + one sticky summary (unless dry-run or no write access) -> annotations,
job summary, outputs, exit code. Every finding reaches the annotations or the job summary even
when GitHub refuses or fails a write, or cannot be reached at all (then every postmortem under
`paths` is checked, one ``::error`` names GITHUB_API_URL and the cause, and the exit code is
fail-on's).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import quote as url_quote

from github.GithubException import GithubException

from pmcheck.action.config_load import load_options
from pmcheck.action.log import emit
from pmcheck.action.result import ModeResult
from pmcheck.action.settings import Settings
from pmcheck.action.workspace import WorkspaceError, matching_files, read_bytes
from pmcheck.diff import Place, Placed, file_patches, place
from pmcheck.findings import Finding, Severity
from pmcheck.github import client, comments, review
from pmcheck.github.issue_find import UnknownIdentity, token_login
from pmcheck.globs import excluded, path_matches
from pmcheck.action.verdict import exit_code as verdict_exit
from pmcheck.action.verdict import judge_run, label
from pmcheck.adoption import NOT_IN_CHANGE
from pmcheck.linter import LintResult, RuleCrash, lint_document, lint_text
from pmcheck.options import Options
from pmcheck.reporters.github import annotations
from pmcheck.reporters.summary import COMMENT_LIMIT, SummaryOptions, render

PR_EVENTS = ("pull_request", "pull_request_target")
FILES_CAP = 3000  # GitHub lists at most 3,000 files of a pull request (pulls/list-files)


class ReviewError(ValueError):
    """The run cannot start (no PR in the event, bad config); the message says how to fix it."""


@dataclass(frozen=True)
class PullRef:
    number: int
    head_sha: str  # "" when the PR must be fetched to learn it (workflow_run)
    expected_sha: str = ""  # workflow_run: the head sha the triggering run checked
    changed_files: int = 0  # the payload's count of changed files (0: not given)


def pull_ref(event_name: str, event: dict, pr_input: str) -> PullRef:
    """Which pull request this run is about (pure)."""
    if event_name == "workflow_run":
        run = event.get("workflow_run") or {}
        if not pr_input.strip().isdigit():
            raise ReviewError("on workflow_run, set the input pull-request to the PR number "
                              "saved by the first workflow (see the fork pattern in the README)")
        return PullRef(int(pr_input), "", str(run.get("head_sha") or ""))
    pr = event.get("pull_request")
    if isinstance(pr, dict) and _is_number(pr.get("number")):
        count = pr.get("changed_files")
        return PullRef(int(pr["number"]), str((pr.get("head") or {}).get("sha") or ""),
                       changed_files=count if _is_number(count) else 0)
    if event_name in PR_EVENTS:
        what = ("has no \"pull_request\" object" if not isinstance(pr, dict) else
                "has a \"pull_request\" object without a \"number\"")
        raise ReviewError(f"the {event_name} event in GITHUB_EVENT_PATH {what}; pmcheck needs "
                          "the pull request's number (and head sha) from it: pass the payload "
                          "the runner wrote, unchanged")
    raise ReviewError(f"review mode needs a pull_request event, not {event_name or 'none'!r};"
                      " run it on pull_request or set mode: followup / gate")


def _is_number(value) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, str) and value.strip().isdigit())


def read_event(path: Path | None) -> dict:
    if path is None:
        raise ReviewError("GITHUB_EVENT_PATH is not set; run inside GitHub Actions")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReviewError(f"GITHUB_EVENT_PATH {path}: cannot read the event ({exc})") from None


def lint_changed(workspace: Path, paths: list[str], opts: Options,
                 texts: dict[str, str] | None = None) -> LintResult:
    """Lint each path from the checkout, refusing links, escapes and oversized files.

    `texts`, when given, receives {path: text} of every file read (for suggestions)."""
    from pmcheck.document.model import Document
    from pmcheck.document.source import decode

    result = LintResult()
    for rel in paths:
        try:
            text, notes = decode(read_bytes(workspace, rel))
            if text is None:  # binary: report the notes only, as lint_file does
                doc = Document(path=rel, lines=(), parse_notes=tuple(notes), lintable=False)
                found, used = lint_document(doc, opts)
            else:
                found, used = lint_text(text, rel, opts, notes)
                if texts is not None:
                    texts[rel] = text
            result.suppressed += used
        except (WorkspaceError, RuleCrash) as exc:
            result.errors.append(str(exc))
            continue
        result.files_checked += 1
        result.findings += found
    result.findings.sort(key=Finding.sort_key)
    return result


def where_label(p: Placed, outcome: review.Outcome, over_limit: set[str], denied: bool,
                dry_run: bool = False, stale: bool = False) -> str:
    fp = p.ident
    if p.place is Place.ELSEWHERE:
        return "file not changed"
    if p.place is Place.IN_FILE:
        return "not in the diff"
    if stale:
        return "in the diff (run for an older commit)"
    if fp in outcome.inline:
        return "inline comment"
    if fp in over_limit:
        return f"in the diff (past {review.MAX_INLINE} comments)"
    if denied:
        return "in the diff (no write access)"
    if dry_run:
        return "in the diff (dry-run)"
    return "in the diff (comment not posted)"


def run(settings: Settings, gh, repo, out: TextIO, opts: Options | None = None) -> ModeResult:
    """`opts`: the loaded configuration (main loads it before connecting); None loads it.

    pmcheck's own ``::warning``/``::notice`` lines go to `notes` and are printed after the
    findings' annotations, so they never take one of the 10 per-level slots a finding needs.
    """
    notes = io.StringIO()
    try:
        return _run(settings, gh, repo, out, notes, opts)
    finally:
        out.write(notes.getvalue())


def _run(settings: Settings, gh, repo, out: TextIO, notes: TextIO,
         opts: Options | None) -> ModeResult:
    ref = pull_ref(settings.event_name, read_event(settings.event_path),
                   settings.input("pull-request"))
    opts = load_options(settings) if opts is None else opts
    pr = repo.get_pull(ref.number)
    current = None  # the PR's head as GitHub has it now (read once, before any write)
    try:
        if not ref.head_sha:  # workflow_run: the event names no PR head
            current = pr.head.sha
    except OSError as exc:  # requests' errors are OSErrors: GitHub cannot be reached
        if not client.network_error(exc):
            raise
        return fallback_run(settings, ref.expected_sha, out, opts,
                            _unreachable(settings, exc, notes))
    head_sha = ref.head_sha or ref.expected_sha or current
    files, problem = changed_files(settings, pr, notes)
    if files is not None:
        problem = truncated(files, ref.changed_files or _known_count(pr))
    if files is None or problem:  # cannot tell what changed: check every postmortem, post nothing
        if files is not None:
            emit(notes, problem, "warning")
        return fallback_run(settings, head_sha, out, opts, problem)
    targets = [f["filename"] for f in files
               if f["status"] != "removed" and path_matches(f["filename"], settings.paths)
               and not excluded(f["filename"], opts.exclude)]
    if not targets:  # no postmortem in this PR: no writes, one read for an earlier summary
        from pmcheck.action import untouched
        return untouched.run(settings, gh, repo, ref.number, head_sha, out)
    texts: dict[str, str] = {}
    result = lint_changed(settings.workspace, targets, opts, texts)
    patches = file_patches(files)
    placed = place(result.findings, patches, texts)
    off_diff = {p.finding for p in placed if p.place is not Place.IN_HUNK}
    verdict = judge_run(settings, opts, result, texts, outside=off_diff.__contains__)
    print(f"pmcheck: PR #{ref.number} at {head_sha[:7]}: {len(targets)} changed postmortem(s), "
          f"{len(result.findings)} finding(s)", file=notes)

    if current is None:
        current = pr_head(repo, ref.number)
    stale = stale_reason(ref.number, head_sha, current)
    if stale:  # an older commit's run (a re-run, or runs finishing out of order)
        emit(notes, stale, "notice")
        outcome, sticky, over_limit = review.Outcome(), comments.StickyOutcome("skipped"), set()
    else:
        outcome, sticky, over_limit = _identify_and_write(
            settings, gh, repo, pr, placed, result, head_sha, notes, anchor_text(texts),
            ref.number, patches, verdict)
    denied = outcome.write_denied or sticky.write_denied
    if denied:
        emit(notes, "No write access (a fork PR or a read-only token): findings are in the "
             "annotations and the job summary only.", "notice")
    for problem in outcome.problems + sticky.problems:
        emit(notes, problem, "warning")

    labels = {p.finding: label(verdict, p.finding, where_label(
        p, outcome, over_limit, denied, settings.dry_run, stale=bool(stale))) for p in placed}
    left_out = _annotate([p for p in placed if verdict.exempt.get(p.finding) != NOT_IN_CHANGE],
                         outcome, denied, out)
    return ModeResult(outputs=_outputs(result, outcome, sticky),
                      summary=job_summary(settings, result, labels, head_sha, left_out,
                                          stale=stale),
                      exit_code=verdict_exit(result, verdict))


def truncated(files: list[dict], changed: int) -> str:
    """Why the listed files are not all the PR's files ("" when they are)."""
    if len(files) < FILES_CAP and changed <= len(files):
        return ""
    total = f"{changed:,} files" if changed > len(files) else f"{FILES_CAP:,} files or more"
    return (f"the pull request changes {total} and GitHub lists only the first "
            f"{len(files):,}, so postmortems past them could not be placed on the diff; every "
            "postmortem under paths was checked instead")


def _known_count(pr) -> int:
    """`changed_files` of a PR object already fetched (no request), else 0."""
    data = getattr(pr, "_rawData", None)
    count = data.get("changed_files") if isinstance(data, dict) else None
    return count if isinstance(count, int) else 0


def pr_head(repo, number: int) -> str | None:
    """The PR's head sha now (a fresh object: one GET), or None when GitHub does not say."""
    try:
        return repo.get_pull(number).head.sha or None
    except (GithubException, OSError):
        return None


def stale_reason(number: int, run_sha: str, current: str | None) -> str:
    """Why this run must not write to PR `number` ("" when it may): one rule for
    pull_request, pull_request_target and the fork pattern's workflow_run."""
    if current is None:
        return (f"could not read the current head of pull request #{number}, so this run "
                f"(for {run_sha[:7]}) wrote nothing to it: findings are in the annotations and "
                "the job summary")
    if current != run_sha:
        return (f"this run checked {run_sha[:7]}, but pull request #{number} is now at "
                f"{current[:7]}: nothing was written to the pull request (its comments belong "
                f"to {current[:7]}; the run for that commit updates them); findings of "
                f"{run_sha[:7]} are in the annotations and the job summary")
    return ""


def _identify_and_write(settings, gh, repo, pr, placed, result, head_sha, notes, original,
                        number, patches, verdict=None):
    # GET /user only for personal tokens: installation tokens (ghs_) always get 403 there.
    try:
        ours = client.is_ours(token_login(gh, settings.token))
    except UnknownIdentity as exc:  # writing now could repeat every comment: annotate only
        emit(notes, str(exc), "warning")
        return review.Outcome(), comments.StickyOutcome("skipped"), set()
    return _write_back(settings, repo, pr, placed, result, head_sha, ours, notes, original,
                       number, patches, verdict)


def changed_files(settings: Settings, pr, out: TextIO) -> tuple[list[dict] | None, str]:
    """(the PR's files as {filename, status, patch}, "") or (None, why GitHub could not list
    them; printed already)."""
    try:
        return [{"filename": f.filename, "status": f.status, "patch": f.patch}
                for f in pr.get_files()], ""
    except (GithubException, OSError) as exc:  # requests' errors are OSErrors
        if client.network_error(exc):
            return None, _unreachable(settings, exc, out)
        problem = f"cannot list the pull request's files ({_why(exc)})"
        emit(out, f"{problem}; checking every postmortem under paths and posting no comments",
             "warning")
        return None, problem


def _unreachable(settings: Settings, exc: Exception, out: TextIO) -> str:
    """Print the one ``::error`` for an API that cannot be reached; return its first part."""
    problem = client.describe_unreachable(settings.api_url, exc)
    emit(out, f"{problem}. Checking every postmortem under paths instead: the findings are in "
         "the annotations and the job summary; no comment was posted", "error")
    return problem


def _why(exc: Exception) -> str:
    if isinstance(exc, GithubException):
        return review.reason(exc)
    if client.network_error(exc):
        return f"GitHub unreachable: {client.network_cause(exc)}"
    if client.rate_limited(exc):
        return client.rate_limited(exc)
    if client.server_failure(exc):
        return f"GitHub kept failing: {client.server_failure(exc)}"
    return type(exc).__name__


def fallback_run(settings: Settings, head_sha: str, out: TextIO,
                 opts: Options | None = None, problem: str = "") -> ModeResult:
    """Lint every file under `paths` in the checkout; report by annotations and summary only."""
    root = settings.workspace
    opts = load_options(settings) if opts is None else opts
    found = matching_files(root, settings.paths, opts.exclude)
    texts: dict[str, str] = {}
    result = lint_changed(root, found, opts, texts)
    verdict = judge_run(settings, opts, result, texts)  # the diff is unknown: none is outside
    lines, left_out = annotations(sorted(result.findings, key=lambda f: (-f.severity.rank,
                                                                         f.sort_key())))
    for line in lines:
        print(line, file=out)
    labels = {f: label(verdict, f, "not posted (files of the PR unknown)")
              for f in result.findings}
    return ModeResult(outputs=_outputs(result, review.Outcome(), comments.StickyOutcome()),
                      summary=job_summary(settings, result, labels, head_sha, left_out,
                                          problem),
                      exit_code=verdict_exit(result, verdict))


def anchor_text(texts: dict[str, str]):
    """p -> the text of the lines its comment sits on (None when unknown)."""
    split = {path: text.split("\n") for path, text in texts.items()}

    def lines_of(p: Placed) -> str | None:
        lines = split.get(p.finding.path)
        first = p.start_line or p.line
        if lines is None or first is None or p.line is None or p.line > len(lines):
            return None
        return "\n".join(ln.rstrip("\r") for ln in lines[first - 1:p.line])
    return lines_of


def _write_back(settings, repo, pr, placed, result, head_sha, ours, out, original, number,
                patches=None, verdict=None):
    """Review + sticky comment on PR `number`; in dry-run only the plan is printed."""
    issue = repo.get_issue(number)  # lazy: no request
    try:
        existing = review.existing_comments(pr.get_review_comments(), ours)
        if patches is not None:
            existing = review.off_diff(existing, patches)
    except (GithubException, OSError) as exc:  # requests' errors are OSErrors
        existing = None
        emit(out, f"cannot list review comments ({_why(exc)}); not posting inline comments",
             "warning")
    keep = frozenset(e.split(":", 1)[0] for e in result.errors)
    the_plan = review.Plan() if existing is None else review.plan(
        placed, existing, head_sha, keep_paths=keep, original=original)
    over_limit = set(the_plan.over_limit)
    body = sticky_body(settings, result, placed, the_plan.inline, over_limit, head_sha, verdict)
    if settings.dry_run:
        print(f"pmcheck: dry-run: would post {len(the_plan.post)} inline comment(s) for "
              f"{sum(len(c.fps) for c in the_plan.post)} finding(s), edit "
              f"{len(the_plan.edit)}, delete {len(the_plan.delete)}", file=out)
        sticky = comments.sync(issue, body, ours, dry_run=True)
        print(f"pmcheck: dry-run: summary comment {sticky.action}", file=out)
        return review.Outcome(inline=set()), sticky, over_limit
    n = sum(len(c.fps) for c in the_plan.post)
    outcome = review.apply(repo, pr, the_plan, head_sha, ours,
                           review_body(n, len(placed), len(over_limit)))
    if outcome.rejected:
        _explain_rejection(repo, number, head_sha, outcome)
    if outcome.inline != the_plan.inline:  # some comments failed: the summary says so
        body = sticky_body(settings, result, placed, outcome.inline, over_limit, head_sha,
                           verdict)
    if outcome.write_denied:
        sticky = comments.StickyOutcome(action="denied")
    else:
        sticky = comments.sync(issue, body, ours,
                               create=bool(result.findings or result.errors))
    print(f"pmcheck: review: {outcome.posted} new inline comment(s) for {n} finding(s), "
          f"{outcome.edited} edited, "
          f"{outcome.deleted} deleted; summary comment {sticky.action}", file=out)
    return outcome, sticky, over_limit


def _explain_rejection(repo, number: int, head_sha: str, outcome: review.Outcome) -> None:
    """After a 422: if the PR moved on since this run's commit, say so (its diff is not ours)."""
    try:
        now = repo.get_pull(number).head.sha  # a fresh object: one GET
    except (GithubException, OSError):
        return
    if now and now != head_sha:
        outcome.problems.append(
            f"pull request #{number} moved from {head_sha[:7]} to {now[:7]} during this run, "
            "so its diff no longer matches the checked lines; no inline comments were posted "
            f"(every finding is in the annotations and summaries); the run for {now[:7]} "
            "posts them")


def review_body(new: int, total: int, over_limit: int = 0) -> str:
    text = (f"pmcheck: {new} new finding{'s' if new != 1 else ''} on changed lines. The "
            f"summary comment lists all {total} finding{'s' if total != 1 else ''} of this "
            "pull request.")
    if over_limit:
        text += (f" {over_limit} more on changed lines are past the {review.MAX_INLINE}-comment "
                 "limit: they are in the summary comment and the annotations.")
    return text


def sticky_body(settings, result, placed, inline, over_limit, head_sha, verdict=None) -> str:
    outcome = review.Outcome(inline=set(inline))
    labels = {p.finding: where_label(p, outcome, over_limit, False) for p in placed}
    if verdict is not None:
        labels = {f: label(verdict, f, where) for f, where in labels.items()}
    shown = sum(1 for p in placed if p.ident in inline)
    return render(result.findings, files_checked=result.files_checked, errors=result.errors,
                  where=lambda f: labels.get(f, ""), link=_linker(settings, head_sha),
                  options=SummaryOptions(
                      marker=comments.SUMMARY_MARKER, limit=COMMENT_LIMIT,
                      note=f"Commit {head_sha[:7]}. {shown} of {len(placed)} finding(s) are "
                           "inline review comments on the changed lines.",
                      overflow_hint="the job summary of the check run lists every finding",
                      collapse=True))


def job_summary(settings, result, labels, head_sha, left_out: int, problem: str = "",
                stale: str = "") -> str:
    note = f"Commit {head_sha[:7]}." if head_sha else ""
    if stale:
        note += f" **Nothing was written to the pull request**: {stale}."
    if problem:
        note += (f" **No comments were posted**: {problem}. Every postmortem under `paths` "
                 "was checked.")
    note = note.strip()
    if left_out:
        note += (f" {left_out} finding(s) beyond GitHub's 10 annotations per level are not "
                 "annotated; all are listed below.")
    return render(result.findings, files_checked=result.files_checked, errors=result.errors,
                  where=lambda f: labels.get(f, ""), link=_linker(settings, head_sha),
                  options=SummaryOptions(note=note))


def _linker(settings: Settings, sha: str):
    """f -> the URL of its line; the path (from the PR) is percent-encoded, so it cannot end
    the Markdown link or carry a mention."""
    base = f"{settings.server_url}/{settings.repository}/blob/{sha}"
    return lambda f: (f"{base}/{url_quote(f.path, safe='/')}#L{f.line}"
                      if settings.repository and sha else None)


def _annotate(placed: list[Placed], outcome: review.Outcome, denied: bool, out) -> int:
    """Annotations for findings without an inline comment (all of them without write access)."""
    todo = [p.finding for p in placed
            if denied or p.ident not in outcome.inline]
    todo.sort(key=lambda f: (-f.severity.rank, f.sort_key()))
    lines, left_out = annotations(todo, limit_per_level=10)
    for line in lines:
        print(line, file=out)
    return left_out


def _outputs(result: LintResult, outcome: review.Outcome, sticky) -> dict:
    return {"findings": len(result.findings), "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "inline-comments": len(outcome.inline),
            "summary-comment": sticky.url}
