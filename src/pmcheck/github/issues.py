"""Sync overdue action items with GitHub issues: list, plan (pure data), execute (budgeted).

1. :func:`pmcheck.github.issue_find.find_own` reads pmcheck's issues with the issues list API
   (``state=all``; by the base label, then by author so a removed label hides nothing),
   keeping those with pmcheck's hidden marker written by pmcheck's account; pull requests are
   skipped. Never the search API: its index lags, so a rerun could miss a fresh issue.
2. :func:`plan` is pure: items + found issues -> create / update / close / reopen operations.
3. :class:`Executor` performs them in order until the write budget is spent; the rest is left
   for the next run. Write pacing (one per second) is PyGithub's ``seconds_between_writes``,
   set in :mod:`pmcheck.github.client`; tests build the client with ``for_tests=True``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from github import GithubException

from pmcheck.followup import (FUZZY_THRESHOLD, FollowupConfig, Item, add_snapshot, match_score,
                              sort_key)
from pmcheck.github import issue_text as tx
from pmcheck.github.client import rate_limited
from pmcheck.github.issue_find import Found
from pmcheck.github.review import reason

__all__ = ["Found", "Op", "Plan", "Outcome", "Executor", "plan", "plan_dashboard", "match"]

LABEL_COLOURS = {"P1": "b60205", "P2": "d93f0b", "P3": "fbca04"}
DEFAULT_COLOUR = "5319e7"


@dataclass(frozen=True)
class Op:
    kind: str  # "create" | "update" | "close" | "reopen" | "dashboard"
    key: str
    why: str  # one line for the plan / log
    number: int | None = None
    title: str | None = None
    body: str | None = None
    labels: tuple[str, ...] | None = None  # None = leave as is
    assignees: tuple[str, ...] | None = None
    state: str | None = None  # "open" | "closed"
    state_reason: str | None = None  # "completed" | "not_planned" | "reopened"
    comment: str | None = None  # posted before the edit

    @property
    def writes(self) -> int:
        return 1 + (1 if self.comment else 0)


@dataclass(frozen=True)
class Plan:
    ops: tuple[Op, ...] = ()
    unchanged: int = 0
    # (issue, why): closed by a person while the item is open (not reopened), or reopened by a
    # person while the item is done (not closed again); reported, never overridden
    person_closed: tuple[tuple[int, str], ...] = ()
    duplicates: tuple[int, ...] = ()  # extra issues for one key, left alone
    numbers: tuple[tuple[str, int], ...] = ()  # key -> issue number (existing issues)


# ---------------------------------------------------------------- matching


def match(items: list[Item], found: list[Found], scanned: set[str]
          ) -> tuple[dict[str, Found], list[Found], list[int]]:
    """Pair items with issues: exact key, then fuzzy text on the same path, then renamed files.

    Returns (item key -> issue, unmatched issues, duplicate issue numbers).
    """
    pairs, found, dups, twins = _twins(items, found)
    items = [it for it in items if it.key not in twins]
    by_key: dict[str, list[Found]] = {}
    for f in sorted(found, key=lambda f: (f.state != "open", f.number)):
        if f.marker.kind == "item":
            by_key.setdefault(f.key, []).append(f)
    for it in items:
        if it.key in by_key:
            first, *rest = by_key.pop(it.key)
            pairs[it.key] = first
            dups += [f.number for f in rest]
    loose = [f for fs in by_key.values() for f in fs[:1]]
    dups += [f.number for fs in by_key.values() for f in fs[1:]]
    candidates = []
    for it in items:
        if it.key in pairs:
            continue
        for f in loose:
            same_path = f.path == it.path
            if not same_path and f.path in scanned:
                continue  # only a file that is gone may have been renamed
            score = match_score(it.norm, f.marker.get("text"))
            if score >= (FUZZY_THRESHOLD if same_path else 1.0):
                candidates.append((same_path, score, -f.number, it.key, f))
    for _same, _score, _n, key, f in sorted(candidates, key=lambda c: c[:3], reverse=True):
        if key not in pairs and f in loose:
            pairs[key] = f
            loose.remove(f)
    return pairs, loose, dups


def _twins(items: list[Item], found: list[Found]
           ) -> tuple[dict[str, Found], list[Found], list[int], set[str]]:
    """Pair items whose text is the same as another item's in that file (twins) with issues.

    Their keys differ only by occurrence order ("#2"), which moves when one twin is inserted,
    deleted or moved; so within a family (same path, same normalised text) each item takes the
    issue that agrees with it best: open/done state as the marker records it, then owner, due
    date, priority, ticket, then the nearest line, and the key only as the last tie-breaker.
    A twin no issue agrees with gets a new issue (never the closed issue of a deleted twin).
    Returns (key -> issue, the issues not paired here, duplicate issues of a family, the keys
    of every twin decided here).
    """
    fam_items: dict[tuple[str, str], list[Item]] = {}
    for it in items:
        fam_items.setdefault((it.path, it.norm), []).append(it)
    fam_issues: dict[tuple[str, str], list[Found]] = {}
    for f in found:
        if f.marker.kind == "item":
            fam_issues.setdefault((f.path, f.marker.get("text")), []).append(f)
    pairs: dict[str, Found] = {}
    used: set[int] = set()
    dups: list[int] = []
    twins: set[str] = set()  # keys of the items decided here (paired or to be created)
    for fam, members in fam_items.items():
        issues = fam_issues.get(fam, [])
        if not issues or (len(members) < 2 and len(issues) < 2):
            continue
        scored = sorted(((_agreement(it, f), -f.number, it.key, f) for it in members
                         for f in issues), key=lambda c: c[:3], reverse=True)
        taken = set()
        for score, _n, key, f in scored:
            if score[0] is False and score[1] < 3:
                continue  # neither its state nor most traits agree: not this item's issue
            if key not in pairs and f.number not in used:
                pairs[key] = f
                used.add(f.number)
                taken.add(f.key)
        extra = [f.number for f in issues
                 if f.number not in used and f.key in taken and f.state == "open"]
        dups += extra  # a second issue with a paired issue's key: left alone, as in match
        used.update(extra)
        twins.update(it.key for it in members)
    return pairs, [f for f in found if f.number not in used], dups, twins


def _agreement(it: Item, f: Found) -> tuple:
    m = f.marker
    done = m.get("state") == "closed"
    try:
        distance = abs(int(m.get("line")) - it.line)
    except ValueError:
        distance = 10 ** 6
    same = [m.get(k) == v for k, v in tx.traits(it).items() if k != "line"]
    return (done == (not it.is_open), sum(same), -distance, m.get("key") == it.key)


# ---------------------------------------------------------------- planning


def wanted_labels(it: Item, cfg: FollowupConfig) -> tuple[str, ...]:
    extra = (f"priority:{it.priority}",) if cfg.priority_labels and it.priority else ()
    return tuple(dict.fromkeys(cfg.labels + extra))


def _merge_labels(have: tuple[str, ...], want: tuple[str, ...], cfg: FollowupConfig
                  ) -> tuple[str, ...]:
    """People's labels stay; a stale "priority:" label goes when pmcheck manages those."""
    keep = [lb for lb in have
            if not (cfg.priority_labels and lb.startswith("priority:")) or lb in want]
    return tuple(dict.fromkeys(keep + list(want)))


def plan(items: list[Item], found: list[Found], *, today: dt.date, cfg: FollowupConfig,
         ctx: tx.Context, scanned: set[str], assignable: Callable[[str], bool],
         unreadable: frozenset[str] = frozenset()) -> Plan:
    """Decide every write. `assignable(login)` is asked only for issues being (re)written.

    `scanned` holds the postmortems read; an issue whose item is in none of them is closed as
    removed, except when its file could not be read (`unreadable`) or nothing was read at all.
    """
    pairs, loose, dups = match(items, found, scanned)

    def assignees(it: Item) -> tuple[str, ...]:
        return tuple(lg for lg in it.owner_logins() if cfg.assign and assignable(lg))[:10]

    creates, reopens, closes, updates, person = [], [], [], [], []
    unchanged = 0
    for it in sorted(items, key=sort_key):
        f = pairs.get(it.key)
        overdue = it.days_overdue(today) is not None
        if f is None:
            if overdue:
                who = assignees(it)
                creates.append(Op("create", it.key, f"open: {tx.title(it)}", title=tx.title(it),
                                  body=tx.item_block(it, ctx, today, who),
                                  labels=wanted_labels(it, cfg), assignees=who))
            continue
        if f.state == "closed":
            if overdue and f.marker.get("state") == "closed":
                reopens.append(_rewrite(it, f, ctx, today, cfg, assignees(it), "reopen",
                                        comment=tx.reopen_comment(it, ctx)))
            elif overdue:
                person.append((f.number, f"closed on GitHub but {it.status.replace('_', ' ')} "
                                         f"in {it.path} line {it.line}; not reopened"))
            else:
                unchanged += 1
            continue
        if not it.is_open and f.marker.get("state") == "closed":
            person.append((f.number, f"reopened on GitHub but {it.status} in {it.path} line "
                                     f"{it.line}; left open"))
        elif not it.is_open:
            reason = "completed" if it.status == "completed" else "not_planned"
            closes.append(replace(
                _rewrite(it, f, ctx, today, cfg, None, "close", state="closed"),
                comment=tx.close_comment(it, ctx, it.status), state_reason=reason,
                labels=None, title=None, why=f"close #{f.number} ({it.status}): {tx.title(it)}"))
        elif f.marker.get("fp") != tx.fingerprint(it, ctx) or f.key != it.key:
            updates.append(_rewrite(it, f, ctx, today, cfg, assignees(it), "update"))
        else:
            unchanged += 1
    for f in loose:
        if (f.state == "open" and f.marker.kind == "item" and scanned
                and f.path not in unreadable and f.marker.get("state") == "closed"):
            # pmcheck closed it (its item was removed) and a person reopened it: respected
            person.append((f.number, f"reopened on GitHub although its action item is no "
                                     f"longer in {f.path}; left open"))
        elif (f.state == "open" and f.marker.kind == "item" and scanned
                and f.path not in unreadable):
            closes.append(Op("close", f.key, f"close #{f.number} (removed): {f.title}",
                             number=f.number, body=tx.set_state(f.body, "closed"),
                             state="closed", state_reason="not_planned",
                             comment=tx.close_comment(None, ctx, "removed")))
    numbers = tuple((k, f.number) for k, f in pairs.items())
    # within the write budget, existing issues first (a done item's issue must not stay open
    # while new ones are created), new issues last
    return Plan(ops=tuple(closes + updates + reopens + creates), unchanged=unchanged,
                person_closed=tuple(person), duplicates=tuple(sorted(dups)), numbers=numbers)


def _rewrite(it: Item, f: Found, ctx: tx.Context, today: dt.date, cfg: FollowupConfig,
             who: tuple[str, ...] | None, kind: str, **kw) -> Op:
    state = "closed" if kw.get("state") == "closed" else "open"
    shown = tuple(a for a in f.assignees if a in it.owner_logins()) if who is None else who
    body = tx.splice(f.body, tx.item_block(it, ctx, today, shown, state=state))
    labels = _merge_labels(f.labels, wanted_labels(it, cfg), cfg)
    merged = next_assignees(f.assignees, tx.assigned_of(f.marker), who)
    op = Op(kind, it.key, f"{kind} #{f.number}: {tx.title(it)}", number=f.number,
            title=tx.title(it), body=body,
            labels=labels if set(labels) != set(f.labels) else None,
            assignees=merged if set(merged) != set(f.assignees) else None)
    if kind == "reopen":
        op = replace(op, state="open", state_reason="reopened")
    return replace(op, **kw)


def next_assignees(current: tuple[str, ...], by_pmcheck: tuple[str, ...],
                   who: tuple[str, ...] | None) -> tuple[str, ...]:
    """Assignees after a rewrite: people's choices stay, a former owner pmcheck assigned goes.

    `by_pmcheck` are the logins pmcheck assigned last time (from the marker); `who` the owner
    logins to assign now (None: leave the assignees alone, e.g. when closing).
    """
    if who is None:
        return current
    kept = [a for a in current if a not in by_pmcheck or a in who]
    return tuple(dict.fromkeys(kept + list(who)))[:10]


def plan_dashboard(items: list[Item], found: list[Found], numbers: dict[str, int], *,
                   today: dt.date, cfg: FollowupConfig, ctx: tx.Context,
                   reviews: list | None = None) -> Op | None:
    """The sticky dashboard issue: created once, edited only when its block changes.

    A dashboard a person closed stays closed (pmcheck stops updating it).
    """
    dash = next((f for f in sorted(found, key=lambda f: (f.state != "open", f.number))
                 if f.marker.kind == "dashboard"), None)
    open_items = sorted((it for it in items if it.is_open), key=sort_key)
    completed = sum(it.status == "completed" for it in items)
    history = add_snapshot(tx.parse_history(dash.marker if dash else None), today,
                           len(open_items), completed)
    block = tx.dashboard_block(open_items, numbers, ctx, history, reviews)
    if dash is None:
        return Op("dashboard", "dashboard", "open the dashboard issue", title=tx.DASHBOARD_TITLE,
                  body=block, labels=(cfg.base_label,))
    if dash.state == "closed" or tx.block_of(dash.body) == block:
        return None
    return Op("dashboard", "dashboard", f"update dashboard #{dash.number}", number=dash.number,
              body=tx.splice(dash.body, block))


# ---------------------------------------------------------------- execution


@dataclass
class Outcome:
    opened: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    reopened: list[int] = field(default_factory=list)
    labels_created: list[str] = field(default_factory=list)
    left: list[Op] = field(default_factory=list)  # not done: budget spent or writes refused
    errors: list[str] = field(default_factory=list)
    dashboard: list[int] = field(default_factory=list)  # dashboard issue written
    writes: int = 0
    numbers: dict[str, int] = field(default_factory=dict)  # key -> issue number


class Executor:
    """Runs ops against a PyGithub Repository within `budget` writes."""

    def __init__(self, repo, budget: int, log: Callable[[str], None], dry_run: bool = False):
        self.repo, self.budget, self.log, self.dry_run = repo, budget, log, dry_run
        self.outcome = Outcome()
        self._labels: set[str] | None = None
        self._stopped = False

    @property
    def stopped(self) -> bool:
        """True once GitHub refused a write for lack of access; later writes are skipped."""
        return self._stopped

    def run(self, ops: Iterable[Op]) -> Outcome:
        for op in ops:
            self.one(op)
        return self.outcome

    def one(self, op: Op) -> None:
        o = self.outcome
        if self.dry_run:
            self.log(f"[dry-run] would {op.why}")
            o.left.append(op)
            return
        room = self.budget - o.writes
        if self._stopped or op.writes > room:
            o.left.append(op)
            return
        try:
            missing = self._missing_labels(op.labels or ())
            if op.writes + len(missing) > room:
                missing = []  # too tight to create them first: GitHub creates them, uncoloured
            for name in missing:
                self._create_label(name)
            self._apply(op)
        except GithubException as exc:
            o.errors.append(f"{op.why}: GitHub answered {reason(exc)}")
            o.left.append(op)
            if exc.status in (401, 403, 404, 410):
                self._stopped = True  # no write access (or issues disabled): stop writing
            return
        except OSError as exc:  # a timeout or lost connection (requests' errors): a POST is
            # never replayed blindly; the next run re-lists issues before writing again
            limited = rate_limited(exc)
            o.errors.append(f"{op.why}: {limited}" if limited else
                            f"{op.why}: no answer from GitHub ({type(exc).__name__})")
            o.left.append(op)
            self._stopped = True
            return
        self.log(op.why)

    def _missing_labels(self, names: tuple[str, ...]) -> list[str]:
        if not names:
            return []
        if self._labels is None:
            self._labels = {lb.name.casefold() for lb in self.repo.get_labels()}
        return [n for n in names if n.casefold() not in self._labels]

    def _create_label(self, name: str) -> None:
        colour = LABEL_COLOURS.get(name.split(":", 1)[-1], DEFAULT_COLOUR)
        self.outcome.writes += 1
        self.repo.create_label(name, colour, "Opened by pmcheck for postmortem action items")
        assert self._labels is not None
        self._labels.add(name.casefold())
        self.outcome.labels_created.append(name)

    def _apply(self, op: Op) -> None:
        o = self.outcome
        if op.number is None:  # a new item issue or the first dashboard
            o.writes += 1
            issue = self.repo.create_issue(title=op.title, body=op.body,
                                           labels=list(op.labels or ()),
                                           assignees=list(op.assignees or ()))
            (o.opened if op.kind == "create" else o.dashboard).append(issue.number)
            o.numbers[op.key] = issue.number
            return
        ref = _IssueRef(self.repo, op.number)
        if op.comment:
            o.writes += 1
            ref.comment(op.comment)
        o.writes += 1
        ref.edit(op)
        done = {"close": o.closed, "reopen": o.reopened, "dashboard": o.dashboard}
        done.get(op.kind, o.updated).append(op.number)


class _IssueRef:
    """PATCH / comment an issue by number without first GETting it."""

    def __init__(self, repo, number: int):
        self.repo, self.number = repo, number
        self.url = f"{repo.url}/issues/{number}"

    def comment(self, body: str) -> None:
        self.repo.requester.requestJsonAndCheck("POST", f"{self.url}/comments",
                                                input={"body": body})

    def edit(self, op: Op) -> None:
        patch: dict = {}
        for name in ("title", "body", "state", "state_reason"):
            if getattr(op, name) is not None:
                patch[name] = getattr(op, name)
        if op.labels is not None:
            patch["labels"] = list(op.labels)
        if op.assignees is not None:
            patch["assignees"] = list(op.assignees)
        self.repo.requester.requestJsonAndCheck("PATCH", self.url, input=patch)
