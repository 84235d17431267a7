"""Frozen dataclasses describing one parsed postmortem.

Every part carries its 1-based source line. The parser (``document/parse.py``) is the only
producer; rules only read. Values are kept as written (``raw``) plus, where parsing is
template-independent, a parsed form; anything that depends on configuration (priorities,
statuses, severities) is interpreted by the rules.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# Inline code spans are replaced by this placeholder in Block.text, so language checks never
# match inside code while sentence shapes stay intact.
CODE_PLACEHOLDER = "\u27e8code\u27e9"


def value_text(value: str | None) -> str:
    """The text of a cell or item field as every reader uses it (check, overdue, gate and
    follow-up): the parser's inline text (code spans, emphasis and escapes already resolved as
    Markdown defines them) with runs of whitespace made one space and the ends trimmed.
    Nothing else is removed: ``in_progress`` stays ``in_progress``, ``@jane_doe`` stays
    ``@jane_doe``."""
    return " ".join((value or "").split())


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # inline markup stripped
    line: int
    # the text with code spans' content kept: what section names are matched against
    plain: str = field(default="", compare=False)


@dataclass(frozen=True)
class MetaField:
    key: str  # canonical key: date, severity, duration, impact, author, reviewers, responders,
    # facilitator, incident-owner, published, audience, status
    raw_key: str  # as written
    value: str  # as written, stripped; lists from YAML are joined with ", "
    line: int
    column: int = 1  # column of the value
    items: tuple[str, ...] = ()  # value split into people / list items (for list-like keys)


@dataclass(frozen=True)
class Metadata:
    fields: tuple[MetaField, ...] = ()
    source: str = "none"  # "front-matter" | "inline" | "mixed" | "none"
    line: int = 1  # where the metadata block starts (for "missing" findings)

    def get(self, key: str) -> MetaField | None:
        for f in self.fields:
            if f.key == key:
                return f
        return None


@dataclass(frozen=True)
class Block:
    """A unit of prose: paragraph, list item, table cell, heading, quote, code or HTML.

    ``text`` is plain text with inline markup removed, code spans replaced by
    CODE_PLACEHOLDER, and soft line breaks kept as "\\n" so that the line of any offset is
    ``line + text.count("\\n", 0, offset)``.
    """

    kind: str  # "paragraph" | "list_item" | "table_cell" | "heading" | "code" | "html"
    text: str
    line: int
    end_line: int
    section: str | None = None  # canonical key of the enclosing level-2 section, if known
    quoted: bool = False  # inside a blockquote
    column: int = 1  # column where text starts on `line` (best effort)
    plain: str = ""  # like text, but inline code keeps its content (for dates, times, owners)
    depth: int = 0  # list nesting depth (0 = top-level item or not in a list)

    def line_of(self, offset: int) -> int:
        return self.line + self.text.count("\n", 0, max(0, offset))


@dataclass(frozen=True)
class Section:
    title: str  # heading text as written (markup stripped)
    key: str | None  # canonical key after alias resolution, None when unknown
    level: int
    line: int  # heading line
    end_line: int  # last line belonging to the section (subsections included)
    has_content: bool  # any non-blank, non-comment content below the heading


@dataclass(frozen=True)
class TimelineEntry:
    line: int
    time_text: str  # as written, e.g. "14:05", "2:05 PM", "14:05:30"
    time: dt.time | None  # None when the time cannot be read
    is_24h: bool  # False for "2:05 PM", "2pm" and similar
    date: dt.date | None  # from the entry itself or the enclosing day heading
    tz: str | None  # zone written on the entry ("UTC", "Z", "+02:00", "PST"), else None
    event: str
    column: int = 1
    approximate: bool = False  # "~14:18", "approx. 14:18", "around 14:18"
    day_only: bool = False  # dated to the day, no time ("- 2021-12-01: advisory published")


@dataclass(frozen=True)
class Why:
    question: str
    line: int
    because: str | None = None
    because_line: int | None = None


@dataclass(frozen=True)
class ActionItem:
    line: int
    text: str  # the action itself
    owner: str | None = None
    due: str | None = None  # raw text
    priority: str | None = None  # raw text
    status: str | None = None  # raw text; None when there is no status
    ticket: str | None = None
    source: str = "table"  # "table" | "list"
    checked: bool | None = None  # checkbox state for "- [ ]"/"- [x]" items, else None
    has_status_column: bool = False  # table has a Status column
    cells: tuple[tuple[str, int], ...] = ()  # (column name, source column) for precise columns

    def column_of(self, name: str) -> int:
        for key, col in self.cells:
            if key == name:
                return col
        return 1

    @property
    def due_date(self) -> dt.date | None:
        """The due date when the whole value is an ISO date, as the actions rules read it:
        "2026-03-14 (moved)" is no date here either."""
        text = value_text(self.due)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None


@dataclass(frozen=True)
class Directive:
    """A pmcheck-disable / -enable / -disable-next-line HTML comment."""

    kind: str  # "disable" | "enable" | "disable-next-line" | "disable-line"
    rules: tuple[str, ...]  # rule ids or categories; ("all",) when none given
    reason: str
    line: int


@dataclass(frozen=True)
class Document:
    path: str
    lines: tuple[str, ...]  # source lines, "\r\n" normalised, no line terminators
    title: Heading | None = None
    headings: tuple[Heading, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    sections: tuple[Section, ...] = ()
    blocks: tuple[Block, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    whys: tuple[Why, ...] = ()
    systemic_factor: tuple[str, int] | None = None  # (text, line)
    actions: tuple[ActionItem, ...] = ()
    directives: tuple[Directive, ...] = ()
    # Problems the parser met (broken table, YAML error, HTML table...): (line, code, message)
    parse_notes: tuple[tuple[int, str, str], ...] = ()
    front_matter: dict = field(default_factory=dict, compare=False)
    audience: str | None = None  # "external" | "internal" | None
    # False when the file cannot be linted as a postmortem (empty, binary, too large):
    # the linter then reports only the document.* notes.
    lintable: bool = True

    def section(self, key: str) -> Section | None:
        for s in self.sections:
            if s.key == key:
                return s
        return None

    def blocks_in(self, key: str) -> list[Block]:
        return [b for b in self.blocks if b.section == key]

    def column_of(self, line: int, needle: str) -> int:
        """1-based column of `needle` on `line` (case-insensitive), or 1."""
        if 1 <= line <= len(self.lines):
            idx = self.lines[line - 1].lower().find(needle.lower())
            if idx >= 0:
                return idx + 1
        return 1
