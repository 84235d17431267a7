"""Follow-up mode: one GitHub issue per overdue action item, kept in sync, never duplicated.

Reads top to bottom: load the postmortems from the workspace, compute the report (pure), list
pmcheck's own issues, plan (pure), execute within the write budget, optionally refresh the
dashboard issue, then hand back outputs and the job summary. ``today`` comes from the `today`
input; only when it is empty is the runner's date used (here, at the edge).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pmcheck.action.log import emit
from pmcheck.action.result import ModeResult
from pmcheck.followup import FollowupConfig, Item, followup_config


@dataclass(frozen=True)
class Loaded:
    opts: object  # Options
    cfg: FollowupConfig
    items: list[Item]
    scanned: set[str]  # postmortem paths read successfully
    errors: list[str]
    unreadable: frozenset[str] = frozenset()  # matched `paths` but could not be read


def today_of(settings) -> dt.date:
    return settings.today or dt.datetime.now(dt.timezone.utc).date()


def load(settings, opts=None) -> Loaded:
    """Options, follow-up config and every action item under `paths` in the workspace.

    `opts`: the configuration main loaded; None loads it with the same loader (and the same
    workspace checks) as every mode, raising ActionConfigError on a bad file.
    """
    from pmcheck.action.config_load import load_options
    from pmcheck.action.workspace import WorkspaceError, matching_files, read_text
    from pmcheck.document.parse import parse
    from pmcheck.followup import all_items

    root = Path(settings.workspace)
    if opts is None:
        opts = load_options(settings, followup=True)
    cfg = followup_config(opts)
    errors: list[str] = []
    docs, scanned, unreadable = [], set(), set()
    for rel in matching_files(root, settings.paths, opts.exclude):
        try:
            docs.append(parse(read_text(root, rel), rel, opts.template,
                              date_order=opts.date_order))
            scanned.add(rel)
        except WorkspaceError as exc:
            errors.append(str(exc))
            unreadable.add(rel)
    return Loaded(opts, cfg, all_items(docs, opts), scanned, errors, frozenset(unreadable))


def run(settings, gh, repo, out: TextIO, opts=None) -> ModeResult:
    """`opts`: the loaded configuration (main loads it before connecting); None loads it."""
    from pmcheck.followup import report, review
    from pmcheck.github import issue_text as tx
    from pmcheck.github import issues as gi
    from pmcheck.github.issue_find import UnknownIdentity, find_own, token_login
    from pmcheck.github.review import reason
    from github import GithubException

    def log(line: str) -> None:
        emit(out, line)

    today = today_of(settings)
    data = load(settings, opts)
    for e in data.errors:
        log(f"pmcheck: {e}")
    rep = report(data.items, today)
    reviews = review(data.items, today) if data.cfg.review else None
    log(f"pmcheck follow-up: {len(data.scanned)} postmortems, {len(data.items)} action items, "
        f"{len(rep.overdue)} overdue as of {today}")
    if not data.scanned and not data.unreadable and not data.errors:
        emit(out, f"no postmortem matches paths {', '.join(settings.paths)}; no issue is "
             "closed on a run that reads nothing", "warning", "pmcheck follow-up")
    try:
        listing = find_own(repo, data.cfg.base_label, token_login(gh, settings.token))
        found = list(listing.found)
        log(f"pmcheck follow-up: {len(found)} pmcheck issues found (label "
            f"{data.cfg.base_label}, authors {', '.join(listing.creators)})")
        branch = default_branch(settings) or repo.default_branch
        ctx = tx.Context(f"{settings.server_url}/{settings.repository}/blob/{branch}",
                         data.opts.due_policy)
    except UnknownIdentity as exc:
        emit(out, str(exc), "error", "pmcheck follow-up")
        return ModeResult(outputs=_outputs(rep, None), exit_code=2,
                          summary=f"### pmcheck follow-up\n\n{exc}\n")
    except GithubException as exc:
        msg = f"cannot list issues: GitHub answered {reason(exc)}"
        log(f"pmcheck: {msg}")
        return ModeResult(outputs=_outputs(rep, None), exit_code=2,
                          summary=f"### pmcheck follow-up\n\n{msg}\n")
    assignable = _assignable_cache(repo)
    p = gi.plan(data.items, found, today=today, cfg=data.cfg, ctx=ctx, scanned=data.scanned,
                assignable=assignable, unreadable=data.unreadable)
    ex = gi.Executor(repo, data.cfg.budget, log, dry_run=settings.dry_run)
    outcome = ex.run(p.ops)
    if data.cfg.dashboard:
        numbers = dict(p.numbers) | outcome.numbers
        op = gi.plan_dashboard(data.items, found, numbers, today=today, cfg=data.cfg, ctx=ctx,
                               reviews=reviews)
        if op is not None:
            ex.one(op)
    summary = _summary(rep, p, outcome, data, settings.dry_run, reviews)
    log(f"pmcheck follow-up: opened {len(outcome.opened)}, updated {len(outcome.updated)}, "
        f"closed {len(outcome.closed)}, reopened {len(outcome.reopened)}, "
        f"{outcome.writes} writes, {len(outcome.left)} left for the next run")
    for e in outcome.errors:
        log(f"pmcheck: {e}")
    code = 2 if ex.stopped else (1 if outcome.errors or data.errors else 0)
    return ModeResult(outputs=_outputs(rep, outcome), summary=summary, exit_code=code)


def default_branch(settings) -> str | None:
    """The default branch without asking GitHub, when the run's context says it.

    The event payload names it (``repository.default_branch``: workflow_dispatch and most
    events); a scheduled run always runs on it (GITHUB_REF). Otherwise None: ask the API.
    """
    import json

    try:
        payload = json.loads(Path(settings.event_path).read_text(encoding="utf-8"))
        name = (payload.get("repository") or {}).get("default_branch")
        if isinstance(name, str) and name:
            return name
    except (OSError, TypeError, ValueError, AttributeError):
        pass
    if settings.event_name == "schedule" and settings.ref.startswith("refs/heads/"):
        return settings.ref[len("refs/heads/"):]
    return None


def _assignable_cache(repo):
    from github import GithubException

    cache: dict[str, bool] = {}

    def assignable(login: str) -> bool:
        if login not in cache:
            try:
                cache[login] = bool(repo.has_in_assignees(login))
            except GithubException:
                cache[login] = False  # never fail the run over an assignee
        return cache[login]
    return assignable


def _outputs(rep, outcome) -> dict:
    return {"overdue": len(rep.overdue),
            "issues-opened": len(outcome.opened) if outcome else 0,
            "issues-updated": len(outcome.updated) + len(outcome.reopened) if outcome else 0,
            "issues-closed": len(outcome.closed) if outcome else 0}


def _summary(rep, p, outcome, data, dry_run: bool, reviews) -> str:
    from pmcheck import followup_report as fr

    o = outcome
    out = ["## pmcheck follow-up", ""]
    if not data.scanned and not data.unreadable:
        out += ["**Warning:** no postmortem matches `paths`; no issue was closed.", ""]
    if dry_run:
        out += [f"**Dry run**: nothing was written. Planned: {len(p.ops)} change(s).", ""]
        out += [f"- would {op.why}" for op in o.left] + [""]
    else:
        out += [f"Opened {_nums(o.opened)}, updated {_nums(o.updated)}, closed {_nums(o.closed)}"
                f", reopened {_nums(o.reopened)}; {o.writes} of {data.cfg.budget} writes used; "
                f"{p.unchanged} issue(s) already up to date.", ""]
        if o.left:
            out += [f"**Left for the next run** ({len(o.left)}):", ""]
            out += [f"- {fr.md(op.why)}" for op in o.left] + [""]
    if p.person_closed:
        out += ["**Issues people closed or reopened against the postmortem** (left as they "
                "are; update the postmortem or the issue):", ""]
        out += [f"- #{n}: {fr.md(why)}" for n, why in p.person_closed] + [""]
    if p.duplicates:
        out += [f"Duplicate pmcheck issues left alone: {_nums(list(p.duplicates))}", ""]
    if o.errors or data.errors:
        out += ["**Errors:**", ""] + [f"- {fr.md(e)}" for e in data.errors + o.errors] + [""]
    return "\n".join(out) + "\n" + fr.render_markdown(rep, reviews)


def _nums(numbers: list[int]) -> str:
    if not numbers:
        return "0"
    shown = ", ".join(f"#{n}" for n in numbers[:20])
    return f"{len(numbers)} ({shown}{', ...' if len(numbers) > 20 else ''})"
