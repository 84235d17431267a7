"""Follow-up data: which action items are overdue, their identity, the 30-day review (pure).

Everything here is a function of parsed Documents, Options and ``today``: no GitHub, no clock,
no I/O. ``pmcheck overdue`` renders the report; the follow-up Action turns the same items into
GitHub issues (``pmcheck.github.issues``).

Identity (see docs/followup.md): an item is keyed by its postmortem path plus either its ticket
(an explicit id column) or its action text normalised (case, whitespace, punctuation and inline
markup ignored). Row order, line numbers and other rows never enter the key. A reworded item
is re-found by a fuzzy match against the normalised text stored in the issue's marker, on the
same path (``match_score``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
import difflib
from difflib import SequenceMatcher

from pmcheck.document.model import ActionItem, Document, value_text
from pmcheck.options import Options

OPEN_STATES = ("open", "in_progress")
CLOSED_STATES = ("completed", "deferred")
FUZZY_THRESHOLD = 0.8  # SequenceMatcher ratio over normalised text; see docs/followup.md
REVIEW_DAYS = 30


class FollowupConfigError(ValueError):
    """A `followup:` key in the configuration is invalid; the message names it and the fix."""

    def __init__(self, source: str, key: str, problem: str):
        self.key, self.problem = key, problem
        super().__init__(f"{source}: followup.{key}: {problem}")


@dataclass(frozen=True)
class FollowupConfig:
    labels: tuple[str, ...] = ("postmortem-action",)  # the first one finds pmcheck's issues
    priority_labels: bool = True  # add "priority:P1" etc.
    assign: bool = True
    budget: int = 50  # writes per run
    dashboard: bool = False
    review: bool = False  # 30-day review in the job summary (and the dashboard)
    gate: tuple[str, ...] = ("P1",)  # priorities whose open items fail `pmcheck gate`

    @property
    def base_label(self) -> str:
        return self.labels[0]


KNOWN_KEYS = ("labels", "priority-labels", "assign", "budget", "dashboard", "review", "gate")


def followup_config(opts: Options) -> FollowupConfig:
    """Read Options.followup (the free-form `followup:` mapping) into a FollowupConfig."""
    raw = dict(opts.followup or {})
    where = opts.source or ".pmcheck.yml"
    for key in raw:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(str(key), list(KNOWN_KEYS), n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            raise FollowupConfigError(where, key, f"unknown key{hint}; known keys: "
                                      f'{", ".join(KNOWN_KEYS)}')
    cfg = FollowupConfig()
    labels = _str_list(raw.get("labels", list(cfg.labels)), where, "labels")
    if not labels:
        raise FollowupConfigError(where, "labels",
                                  "give at least one label, e.g. [postmortem-action]")
    # Not configured: the most urgent priority (P1 with the default priorities).
    gate = _str_list(raw.get("gate", list(opts.priorities[:1] or cfg.gate)), where, "gate")
    known = {p.casefold() for p in opts.priorities}
    for name in gate:
        if name.casefold() not in known:
            close = difflib.get_close_matches(name, list(opts.priorities), n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            raise FollowupConfigError(where, "gate", f'"{name}" is not a priority{hint}; '
                                      f"known priorities: {', '.join(opts.priorities)}")
    budget = raw.get("budget", cfg.budget)
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
        raise FollowupConfigError(where, "budget", f"{budget!r} is not a whole number >= 0")
    return FollowupConfig(
        labels=tuple(labels), gate=tuple(gate), budget=budget,
        priority_labels=_flag(raw, "priority-labels", cfg.priority_labels, where),
        assign=_flag(raw, "assign", cfg.assign, where),
        dashboard=_flag(raw, "dashboard", cfg.dashboard, where),
        review=_flag(raw, "review", cfg.review, where))


def _str_list(value: object, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise FollowupConfigError(where, key, "expected a list of names, e.g. [P1]")
    return [v.strip() for v in value]


def _flag(raw: dict, key: str, default: bool, where: str) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise FollowupConfigError(where, key, f"{value!r} is not true or false")
    return value


# ---------------------------------------------------------------- items


@dataclass(frozen=True)
class Item:
    """One action item with everything follow-up needs, already interpreted."""

    path: str
    line: int
    text: str
    owner: str | None
    due: dt.date | None
    due_raw: str | None
    priority: str | None  # spelled as in Options.priorities when it matches one
    rank: int  # index of the priority in Options.priorities; unknown/missing sort last
    status: str  # open | in_progress | completed | deferred
    ticket: str | None
    incident: str  # incident title
    incident_date: dt.date | None
    norm: str  # normalised action text
    key: str  # identity, see module docstring

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    def days_overdue(self, today: dt.date) -> int | None:
        if self.due is None or not self.is_open or self.due >= today:
            return None
        return (today - self.due).days

    def owner_logins(self) -> tuple[str, ...]:
        """GitHub logins named as owner ("@ana, @bo" -> ("ana", "bo")); teams are skipped."""
        return owner_logins(self.owner)


# A login, underscore included (enterprise managed users: "@jane-doe_acme").
_LOGIN = re.compile(r"(?<![\w/])@([A-Za-z0-9](?:[A-Za-z0-9]|[-_](?=[A-Za-z0-9])){0,38})"
                    r"(?![\w/-])")


def owner_logins(owner: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.group(1) for m in _LOGIN.finditer(owner or "")))


def normalise_text(text: str) -> str:
    """Action text reduced to what identifies it: case, markup, punctuation, spaces ignored."""
    t = unicodedata.normalize("NFKC", text).casefold()
    t = re.sub(r"\]\([^)]*\)", "]", t)  # link targets
    t = re.sub(r"https?://\S+", " ", t)
    t = t.replace("\u27e8code\u27e9", " ")
    t = re.sub(r"[^\w\s]|_", " ", t)
    return " ".join(t.split())


def _ticket_id(ticket: str | None) -> str | None:
    """An explicit id ("OPS-12", "#45", a URL); placeholders like "-" or "TBD" are no id."""
    if not ticket:
        return None
    t = ticket.strip().strip("`")
    if not re.search(r"\d", t):
        return None
    return t.casefold()


def make_key(path: str, text: str, ticket: str | None) -> str:
    tid = _ticket_id(ticket)
    anchor = f"ticket:{tid}" if tid else f"text:{normalise_text(text)}"
    return hashlib.sha256(f"{path}\n{anchor}".encode()).hexdigest()[:16]


def match_score(a_norm: str, b_norm: str) -> float:
    """Similarity of two normalised texts (0..1), word-based so edits of one word count little."""
    if a_norm == b_norm:
        return 1.0
    return SequenceMatcher(None, a_norm.split(), b_norm.split(), autojunk=False).ratio()


def item_status(a: ActionItem, opts: Options) -> str:
    if a.status and a.status.strip():
        canonical = opts.status(a.status)
        if canonical:
            return canonical
    if a.checked is not None:
        return "completed" if a.checked else "open"
    return "open"  # no or unknown status: still to do


def _priority(raw: str | None, opts: Options) -> tuple[str | None, int]:
    if not raw or not raw.strip():
        return None, len(opts.priorities)
    words = re.findall(r"\w+", raw.casefold())
    for i, p in enumerate(opts.priorities):
        if raw.strip().casefold() == p.casefold() or (words and words[0] == p.casefold()):
            return p, i
    return raw.strip(), len(opts.priorities)


def incident_date(doc: Document) -> dt.date | None:
    f = doc.metadata.get("date")
    if f is None:
        return None
    m = re.search(r"\d{4}-\d{2}-\d{2}", f.value)
    try:
        return dt.date.fromisoformat(m.group(0)) if m else None
    except ValueError:
        return None


def incident_title(doc: Document) -> str:
    if doc.title and doc.title.text.strip():
        return doc.title.text.strip()
    return doc.path.rsplit("/", 1)[-1]


def items_of(doc: Document, opts: Options) -> list[Item]:
    """Every action item of `doc`; identical texts on one path get "#2", "#3" keys."""
    out: list[Item] = []
    seen: dict[str, int] = {}
    title, date = incident_title(doc), incident_date(doc)
    for a in doc.actions:
        key = make_key(doc.path, a.text, a.ticket)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = hashlib.sha256(f"{key}#{seen[key]}".encode()).hexdigest()[:16]
        priority, rank = _priority(a.priority, opts)
        out.append(Item(
            path=doc.path, line=a.line, text=value_text(a.text), owner=value_text(a.owner) or None,
            due=a.due_date, due_raw=value_text(a.due) or None, priority=priority, rank=rank,
            status=item_status(a, opts), ticket=value_text(a.ticket) or None,
            incident=title, incident_date=date, norm=normalise_text(a.text), key=key))
    return out


def all_items(docs: list[Document], opts: Options) -> list[Item]:
    return [it for d in docs for it in items_of(d, opts)]


# ---------------------------------------------------------------- report


@dataclass(frozen=True)
class Report:
    today: dt.date
    overdue: tuple[Item, ...] = ()  # open items past due, by priority then due date
    undated: tuple[Item, ...] = ()  # open items without a parseable due date
    open_count: int = 0
    completed_count: int = 0
    deferred_count: int = 0
    groups: tuple[tuple[str, tuple[Item, ...]], ...] = field(default=())  # priority -> items


def sort_key(it: Item) -> tuple:
    return (it.rank, it.priority or "", it.due or dt.date.max, it.path, it.line)


def overdue_items(items: list[Item], today: dt.date) -> list[Item]:
    return sorted((it for it in items if it.days_overdue(today) is not None), key=sort_key)


def report(items: list[Item], today: dt.date) -> Report:
    overdue = overdue_items(items, today)
    undated = sorted((it for it in items if it.is_open and it.due is None), key=sort_key)
    groups: dict[str, list[Item]] = {}
    for it in overdue:
        groups.setdefault(it.priority or "no priority", []).append(it)
    return Report(
        today=today, overdue=tuple(overdue), undated=tuple(undated),
        open_count=sum(it.is_open for it in items),
        completed_count=sum(it.status == "completed" for it in items),
        deferred_count=sum(it.status == "deferred" for it in items),
        groups=tuple((p, tuple(v)) for p, v in groups.items()))


def gate_failures(items: list[Item], priorities: tuple[str, ...]) -> list[Item]:
    """Open (or in-progress, hence also overdue) items whose priority is gated."""
    gated = {p.casefold() for p in priorities}
    return sorted((it for it in items if it.is_open and (it.priority or "").casefold() in gated),
                  key=sort_key)


# ---------------------------------------------------------------- 30-day review


@dataclass(frozen=True)
class ReviewEntry:
    path: str
    incident: str
    date: dt.date
    done: tuple[Item, ...]
    deferred: tuple[Item, ...]
    open: tuple[Item, ...]


def review(items: list[Item], today: dt.date, days: int = REVIEW_DAYS) -> list[ReviewEntry]:
    """Incidents dated `days` or more days before `today`, with which of their actions are done."""
    by_path: dict[str, list[Item]] = {}
    for it in items:
        if it.incident_date and (today - it.incident_date).days >= days:
            by_path.setdefault(it.path, []).append(it)
    out = [ReviewEntry(path=p, incident=v[0].incident, date=v[0].incident_date or today,
                       done=tuple(i for i in v if i.status == "completed"),
                       deferred=tuple(i for i in v if i.status == "deferred"),
                       open=tuple(sorted((i for i in v if i.is_open), key=sort_key)))
           for p, v in by_path.items()]
    return sorted(out, key=lambda e: (e.date, e.path))


# ---------------------------------------------------------------- dashboard history


def add_snapshot(history: list[tuple[str, int, int]], today: dt.date, open_count: int,
                 completed: int, keep: int = 26) -> list[tuple[str, int, int]]:
    """Append (date, open, completed) when the counts changed; one point per date; last `keep`."""
    point = (today.isoformat(), open_count, completed)
    past = [h for h in history if h[0] < point[0]]
    if past and past[-1][1:] == point[1:]:
        return past[-keep:]
    return (past + [point])[-keep:]
