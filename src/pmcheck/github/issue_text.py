"""Text of pmcheck's follow-up issues: hidden markers, the marked block, escaping (pure).

An issue body pmcheck writes looks like::

    <!-- pmcheck:begin -->
    <!-- pmcheck:item key=… path=… state=open fp=… text=… assigned=… -->
    …pmcheck's text…
    <!-- pmcheck:end -->
    …anything people add here (or above) is kept…

Only the part between ``pmcheck:begin`` and ``pmcheck:end`` is ever rewritten. ``fp`` is a
fingerprint of the stable content (not "days overdue"), so the issue is edited only when that
content changes. Text quoted from postmortems is escaped: it cannot mention anyone or forge a
marker. This module imports nothing from PyGithub.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from pmcheck.followup import Item, ReviewEntry
from pmcheck.followup_report import md, review_markdown
from pmcheck.github.safety import flat
from pmcheck.github.safety import quote as quote_user

BEGIN = "<!-- pmcheck:begin -->"
END = "<!-- pmcheck:end -->"
_MARKER = re.compile(r"<!-- pmcheck:(item|dashboard)((?: [a-z]+=[^\s>]*)*) -->")
_BLOCK = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
TITLE_MAX = 200
DASH = "\u2014"
BODY_BUDGET = 50_000  # GitHub refuses bodies over 65,536 characters
DASHBOARD_TITLE = "Postmortem action items: dashboard"


@dataclass(frozen=True)
class Marker:
    kind: str  # "item" | "dashboard"
    fields: tuple[tuple[str, str], ...]

    def get(self, name: str, default: str = "") -> str:
        return dict(self.fields).get(name, default)


def render_marker(kind: str, **fields: str) -> str:
    parts = "".join(f" {k}={quote(str(v), safe='')}" for k, v in fields.items())
    return f"<!-- pmcheck:{kind}{parts} -->"


def parse_marker(body: str | None) -> Marker | None:
    """The first pmcheck marker inside the marked block of `body`, or None.

    When a person's edit broke the block (deleted its first or last line), the first marker
    anywhere in the body is taken, so the issue is still recognised (and not duplicated); the
    next rewrite puts a whole block back. Quoted text never holds a raw marker (`<` is
    escaped), and only issues pmcheck's account wrote are read at all.
    """
    block = _BLOCK.search(body or "")
    m = _MARKER.search(block.group(0) if block else body or "")
    if not m:
        return None
    fields = tuple((k, unquote(v)) for k, v in
                   (p.split("=", 1) for p in m.group(2).split()))
    return Marker(m.group(1), fields)


def splice(old_body: str | None, block: str) -> str:
    """Replace pmcheck's block in `old_body` with `block`, keeping everything else."""
    old = old_body or ""
    if _BLOCK.search(old):
        return _BLOCK.sub(lambda _m: block, old, count=1)
    return block if not old.strip() else f"{block}\n\n{old}"


def block_of(body: str | None) -> str:
    m = _BLOCK.search(body or "")
    return m.group(0) if m else ""


def escape(text: str | None) -> str:
    """User text for a Markdown body: one line, no mentions, no HTML (so no forged markers)."""
    return quote_user(flat(text or ""))


def _cap(text: str, limit: int = 2000) -> str:
    """Keep a quoted cell well under GitHub's 65,536-character body limit."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def code(text: str) -> str:
    """A code span (never pings, never renders markup).

    GitHub shows entities inside a code span literally, so `<` cannot be escaped there; text
    with `<` or `>` (a forged ``<!-- pmcheck:end -->`` would cut pmcheck's block short) is
    escaped as ordinary text instead.
    """
    t = " ".join(text.split())
    if "<" in t or ">" in t:
        return escape(t)
    t = t.replace("`", "'")
    return f"`{t}`" if t else ""


# ---------------------------------------------------------------- item issues


@dataclass(frozen=True)
class Context:
    """What the item text needs besides the item: links and the priority policy."""

    blob_url: str  # e.g. https://github.com/o/r/blob/main (no trailing slash)
    policy: tuple[tuple[str, int], ...] = ()  # priority -> max days after the incident

    def link(self, it: Item) -> str:
        return f"{self.blob_url}/{quote(it.path)}#L{it.line}"

    def policy_days(self, priority: str | None) -> int | None:
        for p, days in self.policy:
            if priority and p.casefold() == priority.casefold():
                return days
        return None


def title(it: Item) -> str:
    text = " ".join(it.text.split())
    full = f"[{it.priority}] {text}" if it.priority else text
    return full if len(full) <= TITLE_MAX else full[: TITLE_MAX - 1] + "\u2026"


def fingerprint(it: Item, ctx: Context) -> str:
    """Hash of the item as the issue shows it, except the day count (it changes daily)."""
    stable = [title(it), it.path, it.line, ctx.link(it), it.text, it.owner,
              it.due_raw, it.priority, ctx.policy_days(it.priority), it.status, it.incident,
              str(it.incident_date), it.ticket]
    return hashlib.sha256(json.dumps(stable, sort_keys=True).encode()).hexdigest()[:16]


def owner_line(it: Item, assigned: tuple[str, ...]) -> str:
    if not it.owner:
        return "none named in the postmortem"
    named = code(it.owner)
    if assigned:
        return f"{named} (assigned)"
    if it.owner_logins():
        return f"{named} (cannot be assigned in this repository, so named here)"
    return named


def traits(it: Item) -> dict[str, str]:
    """What tells apart items of identical text in one file (kept in the marker): owner, due
    date, priority, ticket and line. Only :func:`pmcheck.github.issues.match` reads them."""
    return {"owner": it.owner or "", "due": it.due_raw or "", "prio": it.priority or "",
            "ticket": it.ticket or "", "line": str(it.line)}


def item_block(it: Item, ctx: Context, today: dt.date, assigned: tuple[str, ...],
               state: str = "open") -> str:
    fp = fingerprint(it, ctx)
    marker = render_marker("item", key=it.key, path=it.path, state=state, fp=fp, text=it.norm,
                           assigned=",".join(assigned), **traits(it))
    days = it.days_overdue(today)
    due = escape(it.due_raw) if it.due_raw else "no due date"
    if days is not None:
        due += f" \u2014 **{days} day{'s' if days != 1 else ''} overdue** (as of {today})"
    policy = ctx.policy_days(it.priority)
    prio = escape(it.priority) if it.priority else "none"
    if policy is not None:
        prio += f" (policy: due within {policy} days of the incident)"
    lines = [
        BEGIN, marker,
        f"**Action:** {escape(_cap(it.text))}", "",
        f"- **Incident:** {escape(it.incident)}"
        + (f" ({it.incident_date})" if it.incident_date else ""),
        f"- **Postmortem:** [{escape(it.path)} line {it.line}]({ctx.link(it)})",
        f"- **Owner:** {owner_line(it, assigned)}",
        f"- **Due:** {due}",
        f"- **Priority:** {prio}",
        f"- **Status in the postmortem:** {it.status.replace('_', ' ')}",
    ]
    if it.ticket:
        lines.append(f"- **Ticket:** {escape(it.ticket)}")
    lines += ["", "_pmcheck keeps this issue in sync with the postmortem: mark the item "
              "`completed` or `deferred` there and the next run closes it. Text added outside "
              "this block is kept._", END]
    return "\n".join(lines)


def assigned_of(marker: Marker) -> tuple[str, ...]:
    """The logins pmcheck assigned when it last wrote the issue (the marker's `assigned`)."""
    return tuple(a for a in marker.get("assigned").split(",") if a)


def set_state(body: str, state: str) -> str:
    """`body` with the item marker's state field changed (closing/reopening records who did it)."""
    def fix(m: re.Match) -> str:
        return re.sub(r" state=[^\s>]*", f" state={state}", m.group(0), count=1)
    return _MARKER.sub(fix, body, count=1)


def close_comment(it: Item | None, ctx: Context, reason: str) -> str:
    if reason == "removed" or it is None:
        return ("This action item is no longer in the postmortem (or the postmortem is gone), "
                "so pmcheck closes this issue as not planned.")
    where = f"[{escape(it.path)} line {it.line}]({ctx.link(it)})"
    word = "completed" if it.status == "completed" else "deferred"
    return f"The postmortem marks this action item **{word}** ({where}); closing."


def reopen_comment(it: Item, ctx: Context) -> str:
    return (f"The postmortem lists this action item as {it.status.replace('_', ' ')} again and "
            f"it is overdue ([{escape(it.path)} line {it.line}]({ctx.link(it)})); reopening.")


# ---------------------------------------------------------------- dashboard


def parse_history(marker: Marker | None) -> list[tuple[str, int, int]]:
    out = []
    for part in (marker.get("history") if marker else "").split(","):
        bits = part.split(":")
        if len(bits) == 3 and bits[1].isdigit() and bits[2].isdigit():
            out.append((bits[0], int(bits[1]), int(bits[2])))
    return out


def mermaid(history: list[tuple[str, int, int]]) -> str:
    xs = ", ".join(f'"{d[5:]}"' for d, _, _ in history)
    top = max([o + c for _, o, c in history] + [1])
    return "\n".join([
        "```mermaid", "xychart-beta", '    title "Open (first line) vs completed action items"',
        f"    x-axis [{xs}]", f'    y-axis "Items" 0 --> {top}',
        f"    line [{', '.join(str(o) for _, o, _ in history)}]",
        f"    line [{', '.join(str(c) for _, _, c in history)}]", "```"])


def dashboard_block(open_items: list[Item], numbers: dict[str, int], ctx: Context,
                    history: list[tuple[str, int, int]],
                    reviews: list[ReviewEntry] | None = None) -> str:
    """Open items by priority, the chart and (optionally) the 30-day review."""
    hist = ",".join(f"{d}:{o}:{c}" for d, o, c in history)
    out = [BEGIN, render_marker("dashboard", history=hist),
           f"**{len(open_items)} open action item{'s' if len(open_items) != 1 else ''}** "
           "across the postmortems.", "", mermaid(history)]
    prio = None
    size = sum(len(x) for x in out)
    for n, it in enumerate(open_items):
        if size > BODY_BUDGET:
            out += ["", f"\u2026 and {len(open_items) - n} more open items (the issue body limit "
                    "is 65,536 characters)."]
            break
        if it.priority != prio:
            prio = it.priority
            out += ["", f"### {escape(prio) if prio else 'No priority'}", "",
                    "| Action | Owner | Due | Postmortem | Issue |", "|---|---|---|---|---|"]
        num = numbers.get(it.key)
        issue = f"#{num}" if num else DASH
        owner = code(it.owner or "").replace("|", "\\|")  # GFM: a code span does not protect "|"
        row = (f"| {md(it.text)} | {owner or DASH} | "
               f"{md(it.due_raw or DASH)} | [{md(it.path)}#L{it.line}]"
               f"({ctx.link(it)}) | {issue} |")
        size += len(row) + 1
        out.append(row)
    if reviews is not None:
        out += ["", review_markdown(reviews)]
    out.append(END)
    return "\n".join(out)
