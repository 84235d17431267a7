"""Inline review comments: one review per run, one comment per line, no duplicates.

Identity: every finding in a pmcheck comment has its own hidden marker
``<!-- pmcheck:fp=... -->`` holding its fingerprint (rule + path + normalised text, never the
line number; see :mod:`pmcheck.github.review_text` for the body format), so a rerun or a new
push recognises what is already there even when lines moved. A comment counts as pmcheck's
only when it carries a marker AND was written by the bot's own login.

Plan (pure, :func:`plan`), then apply (:func:`apply`):

* findings that share a diff anchor (the same line, or the same range inside one hunk) become
  ONE inline comment listing each of them; new comments go in ONE review (event COMMENT,
  commit_id = the PR head sha), at most 30 active pmcheck comments per PR, errors first;
* a new finding on the line of a comment posted on this head is added to that comment (edit);
* a comment some of whose findings are gone is edited (those are struck through as fixed); one
  whose findings are all gone is deleted when nobody replied, else edited to say it is fixed;
* a finding marked fixed that came back is restored in its comment.

Posting: a 422 (GitHub refuses the whole review) or a 5xx/timeout never loses a finding: the
caller still has every finding for annotations and the summary. After a 5xx the review comments
are listed again and only comments still missing are posted, once. After a timeout the POST may
still land later, so it is never repeated: the next run posts what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Mapping, Sequence

from github.GithubException import GithubException

from pmcheck.diff import Place, Placed
from pmcheck.github import review_text
from pmcheck.github.review_text import comment_body, fixed_line

MAX_INLINE = 30


@dataclass(frozen=True)
class Existing:
    """A review comment of pmcheck's already on the PR."""

    id: int
    fps: tuple[str, ...]  # findings the comment lists as live
    body: str
    fixed_fps: tuple[str, ...] = ()  # findings it lists as fixed
    replied: bool = False
    path: str = ""
    line: int | None = None  # where it sits now (None: outdated)
    start_line: int | None = None
    commit_id: str = ""
    outdated: bool = False  # GitHub no longer shows it on the diff (its line changed)
    handle: object = field(default=None, compare=False, repr=False)  # the PyGithub comment

    @property
    def fp(self) -> str:
        return (self.fps or self.fixed_fps or ("",))[0]

    @property
    def fixed(self) -> bool:
        return not self.fps


@dataclass(frozen=True)
class NewComment:
    fps: tuple[str, ...]
    payload: dict  # path, line, side, (start_line, start_side), body

    @property
    def fp(self) -> str:
        return self.fps[0]


@dataclass(frozen=True)
class Edit:
    comment: Existing
    body: str
    added: frozenset = frozenset()  # fps that get their inline comment through this edit


@dataclass
class Plan:
    post: list[NewComment] = field(default_factory=list)
    edit: list[Edit] = field(default_factory=list)
    delete: list[Existing] = field(default_factory=list)
    inline: set[str] = field(default_factory=set)  # fps with a live comment after the plan
    over_limit: set[str] = field(default_factory=set)  # in the diff but past MAX_INLINE


@dataclass
class Outcome:
    inline: set[str] = field(default_factory=set)  # fps that have an inline comment now
    posted: int = 0  # comments
    edited: int = 0
    deleted: int = 0
    failed: set[str] = field(default_factory=set)  # fps we meant to post but could not
    write_denied: bool = False
    rejected: bool = False  # GitHub refused the review (422): nothing of it was posted
    problems: list[str] = field(default_factory=list)  # what went wrong, for the log


def payload(p: Placed, body: str | None = None) -> dict:
    out = {"path": p.finding.path, "line": p.line, "side": "RIGHT",
           "body": body if body is not None else comment_body(p)}
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
        parsed = review_text.parse(c.body)
        if not parsed.all or raw_field(c, "in_reply_to_id") or not is_ours(c.user):
            continue
        out.append(Existing(c.id, parsed.live, c.body, parsed.fixed, c.id in replied_to,
                            raw_field(c, "path") or "", raw_field(c, "line"),
                            raw_field(c, "start_line"), raw_field(c, "commit_id") or "",
                            _outdated(c), c))
    return out


def _outdated(c) -> bool:
    """GitHub sends ``line: null`` for a comment whose line a later push changed; `position`
    can keep its old value (seen in a recorded live response), so only `line` decides."""
    data = getattr(c, "_rawData", None)
    return isinstance(data, dict) and "line" in data and data["line"] is None


def off_diff(existing: Sequence[Existing], patches: Mapping) -> list[Existing]:
    """`existing`, with comments whose anchor is no longer on the diff marked outdated.

    `line` can still be set while the comment no longer points at a diff line pmcheck would
    use (a file left the PR, or a line GitHub kept is outside every hunk of this head): such a
    comment cannot host new findings and its findings are posted where the diff now is.
    """
    out = []
    for e in existing:
        patch = patches.get(e.path)
        lines = [n for n in (e.start_line, e.line) if n is not None]
        gone = (not e.outdated and e.line is not None and
                (patch is None or any(patch.hunk_of(n) is None for n in lines)))
        out.append(replace(e, outdated=True) if gone else e)
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

Anchor = tuple  # (path, line, start_line)


def anchor(p: Placed) -> Anchor:
    return (p.finding.path, p.line, p.start_line)


def plan(placed: Sequence[Placed], existing: Sequence[Existing], head_sha: str,
         keep_paths: frozenset[str] = frozenset(), limit: int = MAX_INLINE,
         original: Callable[[Placed], str | None] | None = None) -> Plan:
    """What to post, edit and delete.

    `keep_paths`: files not checked this run (their findings are never 'fixed').
    `original(p)`: the current text of p's anchor lines (lets several suggestions merge).
    """
    result = Plan()
    current: dict[str, Placed] = {}
    for p in placed:
        current.setdefault(p.ident, p)
    existing = _visible(_claim(_dedupe(existing, result), current), current, result)
    known = {fp for e in existing for fp in e.fps + e.fixed_fps}
    fresh = _groups([p for fp, p in current.items()
                     if p.place is Place.IN_HUNK and fp not in known])
    hosts: dict[Anchor, Existing] = {}
    active = 0
    for e in existing:
        if e.path in keep_paths:
            live = [fp for fp in e.fps if fp in current]
            result.inline.update(live)
            active += bool(e.fps)
            continue
        live = [fp for fp in e.fps + e.fixed_fps if fp in current]
        if not live:
            _retire(e, head_sha, result)
            continue
        active += 1
        result.inline.update(live)
        if e.line is not None and e.commit_id == head_sha:
            hosts.setdefault((e.path, e.line, e.start_line), e)
    for key, group in fresh:
        host = hosts.pop(key, None)
        if host is None:
            continue
        body, kept = _rebuild(host, current, head_sha, group, original, result)
        fps = {p.ident for p in group} & kept
        result.edit.append(Edit(host, body, frozenset(fps)))
        result.inline.update(fps)
    edited = {ed.comment.id for ed in result.edit}
    for e in existing:
        if e.id in edited or e.path in keep_paths:
            continue
        live = {fp for fp in e.fps + e.fixed_fps if fp in current}
        if live and (live != set(e.fps) or set(e.fixed_fps) & live):
            body, kept = _rebuild(e, current, head_sha, [], original, result)
            revived = frozenset(live & set(e.fixed_fps) & kept)  # inline once this edit lands
            result.edit.append(Edit(e, body, revived))
    budget = max(0, limit - active)
    for key, group in fresh:
        fps = [p.ident for p in group]
        if any(fp in result.inline for fp in fps):
            continue  # added to an existing comment above
        if budget <= 0:
            result.over_limit.update(fps)
            continue
        group, body = _fit(group, original(group[0]) if original else None)
        fps = [p.ident for p in group]
        result.post.append(NewComment(tuple(fps), payload(group[0], body)))
        result.inline.update(fps)
        budget -= 1
    result.over_limit.update(p.ident for _key, group in fresh for p in group
                             if p.ident not in result.inline)
    return result


def _dedupe(existing: Sequence[Existing], result: Plan) -> list[Existing]:
    """Drop the extra copies two racing runs left: a comment whose every live finding an older
    comment already lists is deleted (left alone, and ignored, once someone replied to it)."""
    kept, seen = [], set()
    for e in sorted(existing, key=lambda e: (e.outdated, e.id)):
        if e.fps and set(e.fps) <= seen:
            if not e.replied:
                result.delete.append(e)
            continue
        seen.update(e.fps)
        kept.append(e)
    return sorted(kept, key=lambda e: e.id)


def _claim(existing: Sequence[Existing], current: Mapping[str, Placed]) -> list[Existing]:
    """Existing comments with each identity that is gone replaced by the current identity of the
    same finding, when one can be told apart.

    A finding's identity gains a context suffix once its fingerprint is shared (an identical
    line was added; see :func:`pmcheck.diff.place`) and loses it when that is undone. A comment
    GitHub kept on the diff sits on its finding's line as it is now (GitHub moves it with its
    line), so the unclaimed identity of the same fingerprint on that line is the same finding;
    failing that, the only unclaimed identity of that fingerprint is.
    """
    claimed = {fp for e in existing for fp in e.fps + e.fixed_fps if fp in current}
    renamed: dict[tuple[int, str], str] = {}  # (comment id, old identity) -> current identity
    gone = [(e, fp) for e in existing for fp in e.fps + e.fixed_fps if fp not in current]

    def free(fp: str) -> list[str]:
        base = fp.split("-", 1)[0]
        return [i for i in current if i not in claimed and i.split("-", 1)[0] == base]

    def take(e: Existing, fp: str, pick: str) -> None:
        renamed[(e.id, fp)] = pick
        claimed.add(pick)

    for e, fp in gone:  # first: the comment sits on that finding's line now
        here = [i for i in free(fp) if not e.outdated and current[i].finding.path == e.path
                and current[i].line == e.line]
        if len(here) == 1:
            take(e, fp, here[0])
    for e, fp in sorted(gone, key=lambda pair: pair[0].outdated):  # then: the only candidate
        left = free(fp)
        if (e.id, fp) not in renamed and len(left) == 1:
            take(e, fp, left[0])
    out = []
    for e in existing:
        if any(key[0] == e.id for key in renamed):
            e = replace(e, fps=tuple(renamed.get((e.id, fp), fp) for fp in e.fps),
                        fixed_fps=tuple(renamed.get((e.id, fp), fp) for fp in e.fixed_fps))
        out.append(e)
    return out


def _visible(existing: Sequence[Existing], current: Mapping[str, Placed],
             result: Plan) -> list[Existing]:
    """Drop outdated comments whose findings sit on the diff now: GitHub hides them, so those
    findings get a fresh comment where reviewers look. The old one is deleted unless someone
    replied (then it stays as the conversation's record, and no longer counts)."""
    kept = []
    for e in existing:
        if e.outdated and any(fp in current and current[fp].place is Place.IN_HUNK
                              for fp in e.fps):
            if not e.replied:
                result.delete.append(e)
            continue
        kept.append(e)
    return kept


def _fit(group: list[Placed], original: str | None) -> tuple[list[Placed], str]:
    """The first findings of `group` whose comment stays under GitHub's size limit, and that
    comment (the rest are reported like findings past the comment limit)."""
    body = comment_body(group, original=original)
    while len(body) > review_text.MAX_BODY and len(group) > 1:
        group = group[: max(1, len(group) * 3 // 4)]
        body = comment_body(group, original=original)
    return group, body


def _groups(placed: list[Placed]) -> list[tuple[Anchor, list[Placed]]]:
    """In-hunk findings by anchor, each group by priority, groups by their best finding."""
    by: dict[Anchor, list[Placed]] = {}
    for p in sorted(placed, key=_priority):
        by.setdefault(anchor(p), []).append(p)
    return sorted(by.items(), key=lambda kv: _priority(kv[1][0]))


def _priority(p: Placed) -> tuple:
    f = p.finding
    return (-f.severity.rank, f.path, f.line, f.rule, f.message)


def _retire(e: Existing, head_sha: str, result: Plan) -> None:
    """Every finding of `e` is gone: delete it, or mark it fixed if someone replied."""
    if e.fixed:
        return  # already says so
    if e.replied:
        texts = review_text.parse(e.body).texts
        items = [(fp, texts.get(fp, "")) for fp in e.fps + e.fixed_fps]
        result.edit.append(Edit(e, review_text.fixed_body(items, head_sha)))
    else:
        result.delete.append(e)


def _rebuild(e: Existing, current: Mapping[str, Placed], head_sha: str, added: list[Placed],
             original, result: Plan) -> tuple[str, set[str]]:
    """`e`'s body for its findings still present (plus `added`), the others struck through,
    and the identities it lists live.

    An edit is capped at GitHub's body size as a post is: struck-through lines go first, then
    the lowest-priority live findings, which are reported like those past the comment limit.
    """
    texts = review_text.parse(e.body).texts
    live = [current[fp] for fp in e.fps + e.fixed_fps if fp in current] + list(added)
    live = sorted({p.ident: p for p in live}.values(), key=_priority)
    fixed = [(fp, fixed_line(texts.get(fp, ""), head_sha))
             for fp in e.fps + e.fixed_fps if fp not in current]
    same_anchor = [p for p in live if (p.line, p.start_line) == (e.line, e.start_line)]
    source = original(same_anchor[0]) if original and same_anchor else None
    if not live:
        return "", set()
    body = comment_body(live, fixed, original=source)
    if len(body) > review_text.MAX_BODY:  # what the comment listed already stays first
        had = set(e.fps + e.fixed_fps)
        kept, body = _fit(sorted(live, key=lambda p: p.ident not in had), source)
        dropped = {p.ident for p in live} - {p.ident for p in kept}
        result.inline.difference_update(dropped)
        result.over_limit.update(dropped)
        live = kept
    return body, {p.ident for p in live}


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
    for ed in the_plan.edit:
        ok = _write(out, f"edit review comment {ed.comment.id}",
                    lambda: ed.comment.handle.edit(ed.body))
        if not ok:  # the findings this edit was to add have no comment
            out.inline.difference_update(ed.added)
            out.failed.update(ed.added)
            if out.write_denied:
                break
            continue
        out.edited += 1
    for c in the_plan.delete:
        if out.write_denied:
            break
        if _write(out, f"delete review comment {c.id}", lambda: c.handle.delete()):
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
                out.rejected = exc.status < 500
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
        arrived = {fp for e in existing_comments(pr.get_review_comments(), is_ours)
                   for fp in e.fps}
    except Exception as exc:  # noqa: BLE001 - cannot tell: do not risk a duplicate
        _fail(out, pending, f"could not re-list review comments ({type(exc).__name__})")
        return []
    out.posted += sum(1 for c in pending if set(c.fps) <= arrived)
    return [c for c in pending if not set(c.fps) <= arrived]


def _create_review(repo, pr, head_sha: str, body: str, comments: list[dict]) -> None:
    # PyGithub wants a Commit for commit_id; from a lazy client it is built from the URL
    # (the sha is its last segment) without a request.
    commit = repo.get_commit(head_sha)
    pr.create_review(commit=commit, body=body, event="COMMENT", comments=comments)


def _fail(out: Outcome, pending: list[NewComment], why: str) -> None:
    out.problems.append(why)
    for c in pending:
        out.inline.difference_update(c.fps)
        out.failed.update(c.fps)


def _write(out: Outcome, what: str, action: Callable[[], object]) -> bool:
    """True when the write went through; a 401/403 also sets `out.write_denied`."""
    try:
        action()
        return True
    except GithubException as exc:
        if denied(exc):
            out.write_denied = True
        out.problems.append(f"{what}: {reason(exc)}")
    except Exception as exc:  # noqa: BLE001
        out.problems.append(f"{what}: {type(exc).__name__}")
    return False


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
