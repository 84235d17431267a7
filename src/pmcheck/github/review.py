"""Inline review comments: one review per run, no duplicates, fixed findings edited or deleted.

Identity: every comment pmcheck writes starts with a hidden marker ``<!-- pmcheck:fp=... -->``
holding the finding's fingerprint (rule + path + normalised text, never the line number), so a
rerun or a new push recognises what is already there even when lines moved. A comment counts as
pmcheck's only when it carries the marker AND was written by the bot's own login.

Plan (pure, :func:`plan`), then apply (:func:`apply`):

* a finding on a diff line with no comment yet gets an inline comment, in ONE review
  (event COMMENT, commit_id = the PR head sha), at most 30 active pmcheck comments per PR;
* a comment whose finding is gone is deleted when nobody replied, else edited to say it is fixed;
* a comment marked fixed whose finding came back is edited back.

Posting: a 422 (GitHub refuses the whole review) or a 5xx/timeout never loses a finding: the
caller still has every finding for annotations and the summary. After a 5xx the review comments
are listed again and only fingerprints still missing are posted, once. After a timeout the POST
may still land later, so it is never repeated: the next run posts what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from github.GithubException import GithubException

from pmcheck.diff import Place, Placed
from pmcheck.findings import Severity
from pmcheck.github.safety import marker, markers, quote

MAX_INLINE = 30
ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟡", Severity.INFO: "🔵"}


@dataclass(frozen=True)
class Existing:
    """A review comment of pmcheck's already on the PR."""

    id: int
    fp: str
    body: str
    fixed: bool
    replied: bool
    path: str = ""
    handle: object = field(default=None, compare=False, repr=False)  # the PyGithub comment


@dataclass(frozen=True)
class NewComment:
    fp: str
    payload: dict  # path, line, side, (start_line, start_side), body


@dataclass
class Plan:
    post: list[NewComment] = field(default_factory=list)
    edit: list[tuple[Existing, str]] = field(default_factory=list)  # (comment, new body)
    delete: list[Existing] = field(default_factory=list)
    inline: set[str] = field(default_factory=set)  # fps with a live comment after the plan
    over_limit: set[str] = field(default_factory=set)  # in the diff but past MAX_INLINE


@dataclass
class Outcome:
    inline: set[str] = field(default_factory=set)  # fps that have an inline comment now
    posted: int = 0
    edited: int = 0
    deleted: int = 0
    failed: set[str] = field(default_factory=set)  # fps we meant to post but could not
    write_denied: bool = False
    problems: list[str] = field(default_factory=list)  # what went wrong, for the log


# ---------------------------------------------------------------------------------------------
# Bodies

def comment_body(p: Placed) -> str:
    f = p.finding
    lines = [marker("fp", f.fingerprint),
             f"{ICON[f.severity]} **{f.severity.value}** `{f.rule}`: {quote(f.message)}"]
    if f.hint:
        lines += ["", quote(f.hint)]
    if f.suggestion is not None and p.full_range and "<!--" not in f.suggestion:
        fence = "`" * max(3, _longest_backtick_run(f.suggestion) + 1)
        lines += ["", f"{fence}suggestion", f.suggestion.rstrip("\n"), fence]
    return "\n".join(lines) + "\n"


def fixed_body(fp: str, old_body: str, head_sha: str) -> str:
    """The edit that marks a comment fixed (original text kept, struck through)."""
    text = _strip_markers(old_body).strip()
    first = text.splitlines()[0] if text else ""
    return (f"{marker('fp', fp)}\n{marker('state', 'fixed')}\n"
            f"✅ Fixed in {head_sha[:7]}: ~~{first}~~\n")


def _strip_markers(body: str) -> str:
    return re.sub(r"<!-- pmcheck:[a-z-]+=[A-Za-z0-9._:/-]+ -->\n?", "", body)


def _longest_backtick_run(text: str) -> int:
    return max((len(m) for m in re.findall(r"`+", text)), default=0)


def payload(p: Placed) -> dict:
    out = {"path": p.finding.path, "line": p.line, "side": "RIGHT", "body": comment_body(p)}
    if p.start_line is not None and p.start_line < (p.line or 0):
        out["start_line"] = p.start_line
        out["start_side"] = "RIGHT"
    return out


# ---------------------------------------------------------------------------------------------
# Reading what is there

def existing_comments(raw: Iterable, is_ours: Callable[[object], bool]) -> list[Existing]:
    """pmcheck's comments among PyGithub review comments (marker AND our login)."""
    raw = list(raw)
    replied_to = {raw_field(c, "in_reply_to_id") for c in raw} - {None}
    out = []
    for c in raw:
        found = markers(c.body)
        if "fp" not in found or not is_ours(c.user):
            continue
        out.append(Existing(c.id, found["fp"], c.body, found.get("state") == "fixed",
                            c.id in replied_to, raw_field(c, "path") or "", c))
    return out


def raw_field(obj, name: str):
    """A field as GitHub sent it in the listing, or None when left out.

    PyGithub fetches the whole object again (one GET per comment) when code reads an attribute
    the listing did not include, e.g. ``in_reply_to_id`` of a comment that is not a reply; the
    listing's own JSON answers the question without a request.
    """
    data = getattr(obj, "_rawData", None)
    if isinstance(data, dict):
        return data.get(name)
    return getattr(obj, name, None)


# ---------------------------------------------------------------------------------------------
# Planning (pure)

def plan(placed: Sequence[Placed], existing: Sequence[Existing], head_sha: str,
         keep_paths: frozenset[str] = frozenset(), limit: int = MAX_INLINE) -> Plan:
    """What to post, edit and delete. `keep_paths`: files not checked this run (never 'fixed')."""
    result = Plan()
    current = {p.finding.fingerprint for p in placed}
    by_fp: dict[str, list[Existing]] = {}
    for e in existing:
        by_fp.setdefault(e.fp, []).append(e)
    active = 0
    for fp, comments in by_fp.items():
        if fp in current:
            result.inline.add(fp)
            active += 1
            result.edit += [(c, _unfixed_body(c, placed)) for c in comments if c.fixed]
            continue
        if comments[0].path in keep_paths:
            continue
        for c in comments:
            if c.fixed:
                continue
            if c.replied:
                result.edit.append((c, fixed_body(c.fp, c.body, head_sha)))
            else:
                result.delete.append(c)
    budget = max(0, limit - active)
    seen: set[str] = set()
    for p in sorted(placed, key=_priority):
        fp = p.finding.fingerprint
        if p.place is not Place.IN_HUNK or fp in result.inline or fp in seen:
            continue
        seen.add(fp)
        if budget <= 0:
            result.over_limit.add(fp)
            continue
        result.post.append(NewComment(fp, payload(p)))
        result.inline.add(fp)
        budget -= 1
    return result


def _priority(p: Placed) -> tuple:
    f = p.finding
    return (-f.severity.rank, f.path, f.line, f.rule)


def _unfixed_body(c: Existing, placed: Sequence[Placed]) -> str:
    p = next(p for p in placed if p.finding.fingerprint == c.fp)
    return comment_body(p)


# ---------------------------------------------------------------------------------------------
# Applying

def apply(repo, pr, the_plan: Plan, head_sha: str, is_ours: Callable[[object], bool],
          review_body: str) -> Outcome:
    """Carry out `the_plan` on a PyGithub PullRequest; never raises GithubException."""
    out = Outcome(inline=set(the_plan.inline))
    if the_plan.post:
        _post_review(repo, pr, the_plan, head_sha, is_ours, review_body, out)
    if out.write_denied:
        return out
    for c, body in the_plan.edit:
        if not _write(out, f"edit review comment {c.id}", lambda: c.handle.edit(body)):
            break
        out.edited += 1
    for c in the_plan.delete:
        if out.write_denied or not _write(out, f"delete review comment {c.id}",
                                          lambda: c.handle.delete()):
            break
        out.deleted += 1
    return out


def _post_review(repo, pr, the_plan: Plan, head_sha: str, is_ours, review_body: str,
                 out: Outcome) -> None:
    """One POST; after a 5xx, re-list and retry once with what is missing. After a timeout the
    request may still be in flight, so only re-list: the next run posts what is missing."""
    pending = list(the_plan.post)
    for attempt in (1, 2):
        try:
            _create_review(repo, pr, head_sha, review_body, [c.payload for c in pending])
            out.posted += len(pending)
            return
        except GithubException as exc:
            if denied(exc):
                out.write_denied = True
                _fail(out, pending, f"cannot post a review ({reason(exc)})")
                return
            if exc.status < 500 or attempt == 2:
                _fail(out, pending, f"GitHub refused the review ({reason(exc)})")
                return
            out.problems.append(f"posting the review failed ({reason(exc)}); re-listing "
                                "before one retry")
            retry = True
        except Exception as exc:  # noqa: BLE001 - timeouts, connection resets
            out.problems.append(f"posting the review got no answer ({type(exc).__name__}); "
                                "not retrying, the next run posts what is missing")
            retry = False
        pending = _still_missing(pr, pending, is_ours, out)
        if not pending:
            return
        if not retry:
            _fail(out, pending, "review outcome unknown")
            return


def _still_missing(pr, pending: list[NewComment], is_ours, out: Outcome) -> list[NewComment]:
    """Re-list review comments: count what arrived, return what did not ([] if unknown)."""
    try:
        arrived = {e.fp for e in existing_comments(pr.get_review_comments(), is_ours)}
    except Exception as exc:  # noqa: BLE001 - cannot tell: do not risk a duplicate
        _fail(out, pending, f"could not re-list review comments ({type(exc).__name__})")
        return []
    out.posted += sum(1 for c in pending if c.fp in arrived)
    return [c for c in pending if c.fp not in arrived]


def _create_review(repo, pr, head_sha: str, body: str, comments: list[dict]) -> None:
    # PyGithub wants a Commit for commit_id; from a lazy client it is built from the URL
    # (the sha is its last segment) without a request.
    commit = repo.get_commit(head_sha)
    pr.create_review(commit=commit, body=body, event="COMMENT", comments=comments)


def _fail(out: Outcome, pending: list[NewComment], why: str) -> None:
    out.problems.append(why)
    for c in pending:
        out.inline.discard(c.fp)
        out.failed.add(c.fp)


def _write(out: Outcome, what: str, action: Callable[[], object]) -> bool:
    try:
        action()
        return True
    except GithubException as exc:
        if denied(exc):
            out.write_denied = True
        out.problems.append(f"{what}: {reason(exc)}")
        return not out.write_denied
    except Exception as exc:  # noqa: BLE001
        out.problems.append(f"{what}: {type(exc).__name__}")
        return True


def denied(exc: GithubException) -> bool:
    """403 that is not a rate limit: a read-only token (fork PRs) or missing permissions."""
    return exc.status in (401, 403) and "rate limit" not in reason(exc).lower()


def reason(exc: GithubException) -> str:
    data = exc.data if isinstance(exc.data, dict) else {}
    message = str(data.get("message") or exc.message or "")
    details = data.get("errors")
    if isinstance(details, list) and details:
        message += ": " + "; ".join(str(d.get("message", d) if isinstance(d, dict) else d)
                                    for d in details[:3])
    return f"HTTP {exc.status}" + (f" {message}" if message else "")
