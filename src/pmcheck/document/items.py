"""Pure extractor for action items (bullets and GFM tables); timeline entries are in
``entries.py``."""

from __future__ import annotations

import re

from pmcheck.document.entries import _ISO_DATE, _MONTH, _norm_header
from pmcheck.document.model import ActionItem, Block
from pmcheck.metavalues import HANDLE_PATTERN

# --- action items ---------------------------------------------------------------------------

ACTION_SECTIONS = ("action-items", "prevention")
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("action", "actions", "item", "task", "action item", "description", "what",
             "title", "remediation", "fix", "todo", "follow up", "followup"),
    "owner": ("owner", "owners", "assignee", "assigned to", "dri", "who", "responsible"),
    "due": ("due", "due date", "deadline", "target date", "by", "eta", "target", "when",
            "due by"),
    "priority": ("priority", "pri", "prio", "p"),
    "status": ("status", "state", "done"),
    "ticket": ("ticket", "issue", "link", "tracking", "jira", "bug", "tracker", "reference",
               "ref", "id", "tracking bug", "tracking issue", "bug link", "pr", "issue link"),
}
# Sections whose tables are never action tables, whatever their columns say.
NOT_ACTION_SECTIONS = ("timeline",)
# A cell that starts with a status word, in a table without a Status column ("DONE", "TODO:
# https://...", "Done ✅" in a Bug or Notes cell). Read as the item's status; the configured
# statuses decide what it means.
_STATUS_LEAD = re.compile(
    r"^\W*(?P<s>done|todo|to do|fixed|completed?|closed|resolved|open|in[ _-]progress|wip|"
    r"deferred|won'?t fix|wontfix|cancell?ed|not started)(?![\w'])", re.I)
_HEADER_TO_FIELD = {_norm_header(a): k for k, al in COLUMN_ALIASES.items() for a in al}


def actions(blocks: list[Block], tables) -> list[ActionItem]:
    """Table rows (in an action section, or under any heading when the columns name an action
    and its owner, due date, priority or status) and list items of the action sections,
    without legend bullets ("- P0 - Critical for reliability")."""
    out: list[ActionItem] = []
    for table in tables:
        if table.section in ACTION_SECTIONS:
            out.extend(_table_actions(table))
        elif table.section not in NOT_ACTION_SECTIONS and is_action_table(table):
            out.extend(_table_actions(table))
    table_lines = {a.line for a in out}
    taken = set(table_lines)
    legends = legend_lines([b for b in blocks if b.section in ACTION_SECTIONS])
    group_label = False  # the last top-level bullet only names a group ("Monitoring:")
    for b in blocks:
        if b.section not in ACTION_SECTIONS or b.kind != "list_item" or b.line in table_lines:
            continue
        if b.depth == 0:
            group_label = _is_group_label(b.plain)
            if group_label or b.line in legends:
                continue
        elif not (b.depth == 1 and group_label):
            continue  # details under an item, not items
        item = _list_action(b)
        if item and item.line not in taken:
            out.append(item)
            taken.add(item.line)
    return sorted(out, key=lambda a: a.line)


def _is_group_label(text: str) -> bool:
    first = text.split("\n")[0].strip()
    return (first.endswith(":") and len(first.split()) <= 6) or (
        first.startswith("**") and first.endswith("**") and len(first.split()) <= 6)


def _fields(table) -> list[str | None]:
    return [column_field(t) for t, _ in table.header]


def column_field(header: str) -> str | None:
    """The item field a header cell names, as written or in the plural ("Action Item(s)",
    "Action Items", "Bugs", "Due Dates")."""
    name = _norm_header(header.replace("(s)", ""))
    found = _HEADER_TO_FIELD.get(name)
    if found is None:
        singular = " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(
            ("ss", "us")) else w for w in name.split())
        found = _HEADER_TO_FIELD.get(singular)
    return found


def is_action_table(table) -> bool:
    """Columns that name the action and at least one of owner, due date, priority, status
    ("Action Item | Type | Owner | Bug"): an action table under whatever heading it sits."""
    fields = _fields(table)
    return "text" in fields and any(f in fields for f in ("owner", "due", "priority", "status"))


# A legend bullet: a category or priority word, a separator, then what the word means
# ("- Prevent - Prevent similar issues", "- **P0**: Critical for reliability"). Not an item.
_LEGEND_HEAD = re.compile(
    r"^\s*(?P<head>P[0-9]|Sev(?:erity)?\s?[0-9]|critical|high|medium|low|urgent|"
    r"prevent(?:ion|ative|ive)?|mitigat(?:e|ion)|detect(?:ion)?|repair|process|investigat(?:e|ion)"
    r"|fix(?:es)?|improvement|monitoring|other|short[- ]term|long[- ]term|must|should|could)"
    r"\s*(?:[-\u2013\u2014:=]|\(\s*)\s*(?P<rest>.*)$", re.I)
# How a definition starts when it is not an action ("Critical for", "Items that", "Work
# which", "Nice to have", "Should be done within").
_DEFINITION = re.compile(
    r"^(?:critical|important|nice|highest|high|medium|low|lowest|urgent|must|should|could|"
    r"needed|required|optional|items?|actions?|things?|tasks?|work|changes?|fixes|anything|"
    r"whatever|steps?|measures?|means|is|are|for|when|used|done|to be|within|immediately|"
    r"blocking|non-blocking|reduce the|make it|address(?:es)?)\b", re.I)


def is_legend(text: str) -> bool:
    """Whether a top-level bullet defines a category or priority word instead of being an
    item: the word, a separator, and a definition that repeats the word or reads as one.
    A bullet with an owner, a due date or a checkbox is an item whatever its words."""
    first = text.split("\n")[0]
    m = _LEGEND_HEAD.match(first)
    if not m or _CHECKBOX.match(first) or _HANDLE.search(text) or _ISO_DATE.search(text) \
            or _KV.search(text):
        return False
    head, rest = m.group("head").lower(), m.group("rest").strip()
    stem = head[:5]
    return bool(rest) and (rest.lower().startswith(stem) or bool(_DEFINITION.match(rest)))


def legend_lines(blocks: list[Block]) -> set[int]:
    """Lines of the top-level bullets that are legend entries: each one that reads as a
    definition (``is_legend``), and every bullet of a list made only of distinct category or
    priority words, each with a separator and some words and no owner, date, checkbox or
    field, when one of them repeats its word ("- Detect - Improve how quickly we detect
    problems"), one reads as a definition, or the line above introduces a legend ("What the
    type words mean:", "Priority levels"). Without such a sign a list like "- Prevent - Add a
    lower bound" stays a list of items."""
    out: set[int] = set()
    for intro, run in _top_level_runs(blocks):
        defined = [b.line for b in run if is_legend(b.plain)]
        out.update(defined)
        heads = [_legend_head(b.plain) for b in run]
        if len(run) < 2 or not all(heads) or len(set(heads)) != len(heads):
            continue
        if defined or _LEGEND_INTRO.search(intro) or any(
                _repeats_head(b.plain, h) for b, h in zip(run, heads)):
            out.update(b.line for b in run)
    return out


# The line above a legend: "Legend", "Key:", "What the type words mean:", "Priority levels"
_LEGEND_INTRO = re.compile(r"(?:legend|key|mean|meaning|definitions?|defined|types?|"
                           r"categor(?:y|ies)|priority levels|priorities)", re.I)


def _repeats_head(text: str, head: str | None) -> bool:
    rest = _LEGEND_HEAD.match(text.split("\n")[0])
    stem = (head or "")[:5]
    return bool(rest and stem) and re.search(r"\b" + re.escape(stem), rest.group("rest"),
                                             re.I) is not None


def _top_level_runs(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """(text of the block above, items) for each run of top-level list items that follow each
    other with only nested content between them."""
    runs: list[tuple[str, list[Block]]] = []
    current: list[Block] = []
    intro = ""
    for b in blocks:
        if b.kind == "list_item" and b.depth == 0:
            if not current or current[-1].line != b.line:
                current.append(b)
        elif b.depth == 0:
            if current:
                runs.append((intro, current))
            current = []
            intro = b.plain if b.kind in ("paragraph", "heading") else ""
    if current:
        runs.append((intro, current))
    return runs


def _legend_head(text: str) -> str | None:
    """The category or priority word heading a bullet that carries no item fields."""
    first = text.split("\n")[0]
    m = _LEGEND_HEAD.match(first)
    if not m or not m.group("rest").strip() or _CHECKBOX.match(first) or _HANDLE.search(text) \
            or _ISO_DATE.search(text) or _KV.search(text):
        return None
    return m.group("head").lower()


def _table_actions(table) -> list[ActionItem]:
    fields = _fields(table)
    if "owner" not in fields and "due" not in fields and "text" not in fields:
        return []
    if "text" not in fields:
        fields = ["text" if (f is None and i == fields.index(None)) else f
                  for i, f in enumerate(fields)] if None in fields else fields
    out = []
    for line, cells in table.rows:
        values: dict[str, str] = {}
        cols: list[tuple[str, int]] = []
        for i, (text, col) in enumerate(cells):
            name = fields[i] if i < len(fields) else None
            if name and name not in values:
                values[name] = text.strip()
                cols.append((name, col))
        if not any(values.values()):
            continue
        status = values.get("status") if "status" in fields else _status_in(cells, fields)
        out.append(ActionItem(
            line=line, text=values.get("text", ""), owner=values.get("owner") or None,
            due=values.get("due") or None, priority=values.get("priority") or None,
            status=status,
            ticket=values.get("ticket") or None, source="table",
            has_status_column="status" in fields, cells=tuple(cols)))
    return out


def _status_in(cells: list[tuple[str, int]], fields: list[str | None]) -> str | None:
    """A status word leading a ticket or unnamed cell of a table without a Status column."""
    for i, (text, _) in enumerate(cells):
        if i < len(fields) and fields[i] in (None, "ticket"):
            m = _STATUS_LEAD.match(text)
            if m:
                return m.group("s")
    return None


_CHECKBOX = re.compile(r"^\s*\[([ xX])\]\s*")
_KV = re.compile(r"\b(?P<k>owner|owners|assignee|dri|due|deadline|by|priority|pri|status|state"
                 r"|ticket|issue)\s*[:=]\s*(?P<v>[^,;()\u2014\u2013|]+)", re.I)
_HANDLE = re.compile(r"(?<![\w.])" + HANDLE_PATTERN)
# "due 12/04/2026", "by March 4": a due date written without a colon, when it looks like a date
_DUE_WORD = re.compile(
    r"\b(?:due|deadline|by)\s+(?P<v>\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+\d{4})?)", re.I)
_PRIORITY = re.compile(r"\b(P[0-9])\b")
_SEPARATOR = re.compile(r"\s+(?:\u2014|\u2013|-{1,2}|\|)\s+|\s*\((?=[^)]*(?:owner|due|@|P\d))|"
                        r"[,;]?\s*\b(?:owner|assignee|dri|due|priority|status)\s*[:=]", re.I)
_KEYMAP = {"owners": "owner", "assignee": "owner", "dri": "owner", "deadline": "due",
           "by": "due", "pri": "priority", "state": "status", "issue": "ticket"}


def _list_action(b: Block) -> ActionItem | None:
    first = b.plain.split("\n")[0] if b.plain else ""
    checked = None
    m = _CHECKBOX.match(first)
    if m:
        checked = m.group(1).lower() == "x"
        first = first[m.end():]
    whole = " ".join([first] + b.plain.split("\n")[1:])
    values: dict[str, str] = {}
    for kv in _KV.finditer(whole):
        key = _KEYMAP.get(kv.group("k").lower(), kv.group("k").lower())
        values.setdefault(key, kv.group("v").strip().rstrip("."))
    if "owner" not in values:
        h = _HANDLE.search(whole)
        if h:
            values["owner"] = h.group(0)
    if "due" not in values:
        d = _DUE_WORD.search(whole) or _ISO_DATE.search(whole)
        if d:
            values["due"] = d.group(1).strip()
    if "priority" not in values:
        p = _PRIORITY.search(whole)
        if p:
            values["priority"] = p.group(1)
    if not first.strip():
        return None
    cuts = [m.start() for m in (_SEPARATOR.search(first), _DUE_WORD.search(first)) if m]
    text = first[: min(cuts)] if cuts else first
    text = text.strip().rstrip(":,;").strip()
    status = values.get("status")
    if status is None and checked is not None:
        status = "completed" if checked else "open"
    source_line = b.line
    cells = tuple((k, _col(b, v)) for k, v in values.items())
    return ActionItem(line=source_line, text=text, owner=values.get("owner"),
                      due=values.get("due"), priority=values.get("priority"), status=status,
                      ticket=values.get("ticket"), source="list", checked=checked,
                      has_status_column="status" in values, cells=cells)


def _col(b: Block, value: str) -> int:
    # Best effort: blocks do not keep raw lines; the linter can refine with Document.column_of.
    return 1
