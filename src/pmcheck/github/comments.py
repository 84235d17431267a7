"""The one sticky summary comment on a pull request.

Found by its hidden marker (``<!-- pmcheck:summary=pr -->``) AND the bot's own login, edited in
place when its text changes and left alone when it does not (no notification, no "edited"
noise). A failed POST (5xx, timeout) is followed by a fresh listing before any second attempt,
so a comment that did arrive is never posted twice. Duplicates left by an older run are deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from github.GithubException import GithubException

from pmcheck.github.review import denied, reason
from pmcheck.github.safety import marker, markers

SUMMARY_MARKER = marker("summary", "pr")


@dataclass
class StickyOutcome:
    action: str = "unchanged"  # created | edited | unchanged | failed | denied | planned
    url: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def write_denied(self) -> bool:
        return self.action == "denied"


def ours(comments: Iterable, is_ours: Callable[[object], bool]) -> list:
    """pmcheck's summary comments, oldest first (marker AND our login)."""
    found = [c for c in comments
             if markers(c.body).get("summary") == "pr" and is_ours(c.user)]
    return sorted(found, key=lambda c: (c.created_at, c.id))


def same_text(a: str, b: str) -> bool:
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


def sync(issue, body: str, is_ours: Callable[[object], bool], *,
         dry_run: bool = False, create: bool = True) -> StickyOutcome:
    """Create, edit or leave the sticky comment on `issue` (a PyGithub Issue: the PR's issue).

    `create=False`: only update an existing comment (a PR with nothing to report gets none).
    """
    out = StickyOutcome()
    try:
        mine = ours(issue.get_comments(), is_ours)
    except (GithubException, OSError) as exc:  # requests' errors are OSErrors
        out.action = "failed"
        why = reason(exc) if isinstance(exc, GithubException) else type(exc).__name__
        out.problems.append(f"cannot list PR comments ({why})")
        return out
    if dry_run:
        changed = (create or mine) and (not mine or not same_text(mine[0].body, body))
        out.action = "planned" if changed else "unchanged"
        return out
    if mine:
        return _edit(mine, body, out)
    if not create:
        return out
    return _create(issue, body, is_ours, out)


def _edit(mine: list, body: str, out: StickyOutcome) -> StickyOutcome:
    first, extra = mine[0], mine[1:]
    out.url = getattr(first, "html_url", "") or ""
    try:
        if not same_text(first.body, body):
            first.edit(body)
            out.action = "edited"
        for dup in extra:
            dup.delete()
    except GithubException as exc:
        out.action = "denied" if denied(exc) else "failed"
        out.problems.append(f"cannot update the summary comment ({reason(exc)})")
    return out


def _create(issue, body: str, is_ours, out: StickyOutcome) -> StickyOutcome:
    """One POST; after a 5xx, re-list and retry once if it did not arrive. After a timeout the
    request may still be in flight: re-list only, never post a second time."""
    for attempt in (1, 2):
        try:
            made = issue.create_comment(body)
            out.action, out.url = "created", getattr(made, "html_url", "") or ""
            return out
        except GithubException as exc:
            if denied(exc):
                out.action = "denied"
                out.problems.append(f"cannot comment on the PR ({reason(exc)})")
                return out
            if exc.status < 500 or attempt == 2:
                out.action = "failed"
                out.problems.append(f"posting the summary comment failed ({reason(exc)})")
                return out
            out.problems.append(f"posting the summary comment failed ({reason(exc)}); "
                                "checking whether it arrived")
            retry = True
        except Exception as exc:  # noqa: BLE001 - timeout, connection reset
            out.problems.append(f"posting the summary comment got no answer "
                                f"({type(exc).__name__}); not retrying")
            retry = False
        try:
            arrived = ours(issue.get_comments(), is_ours)
        except Exception:  # noqa: BLE001 - cannot tell: do not risk a duplicate
            out.action = "failed"
            return out
        if arrived:
            out.action = "created"
            return _edit(arrived, body, out)
        if not retry:
            out.action = "failed"
            return out
    return out
