"""Pure extractors over parsed blocks and raw lines: metadata, directives, 5 whys.

Timeline entries and action items live in ``items.py``. Nothing here imports mistletoe.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pmcheck.document import entries, items
from pmcheck.document.model import ActionItem, Block, Directive, MetaField, Metadata, TimelineEntry, Why

Note = tuple[int, str, str]

# canonical metadata key -> accepted spellings (after normalise_key)
META_KEYS: dict[str, tuple[str, ...]] = {
    "date": ("date", "incident date", "date of incident", "incident_date", "date of occurrence",
             "date/time", "date and time"),
    # 'Level' alone is the incident's level ("Level: Internal and Outage"): its severity
    "severity": ("severity", "sev", "severity level", "incident severity", "level",
                 "incident level", "impact level"),
    "duration": ("duration", "incident duration", "total duration", "time to resolve",
                 "outage duration", "length of outage"),
    "impact": ("impact", "customer impact", "user impact", "impact summary", "business impact"),
    "author": ("author", "authors", "written by", "created by", "postmortem author",
               "owner of this document", "prepared by"),
    "reviewers": ("reviewers", "reviewer", "reviewed by", "peer reviewers", "approvers",
                  "approved by"),
    # who took part in the response ("Participants", "People involved")
    "responders": ("responders", "incident team", "incident responders", "responder",
                   "responding team", "participants", "incident participants",
                   "people involved", "responding engineers"),
    # runs the postmortem review; not the incident commander, who ran the response
    "facilitator": ("facilitator", "postmortem facilitator", "review facilitator",
                    "retrospective facilitator"),
    "incident-owner": ("incident owner", "owner", "incident commander", "ic",
                       "incident lead", "incident manager", "incident mgmt lead"),
    "published": ("published", "publish date", "published on", "date published"),
    "audience": ("audience",),
    "status": ("status", "document status", "postmortem status"),
}
LIST_KEYS = {"author", "reviewers", "responders", "facilitator", "incident-owner"}


def normalise_key(key: str) -> str:
    k = key.strip().strip("*_ ").lower()
    k = re.sub(r"\(s\)", "", k)
    k = re.sub(r"[-_\s]+", " ", k)
    return k.strip()


# words a longer key adds around its subject: "Date of incident", "Severity level"
_KEY_FILLER = frozenset("of the a an this incident postmortem post mortem level document "
                        "report".split())


def _key_words(key: str) -> str:
    ws = re.findall(r"[a-z]+", normalise_key(key))
    ws = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us")) else w
          for w in ws]
    kept = [w for w in ws if w not in _KEY_FILLER]
    return " ".join(kept or ws)


_KEY_LOOKUP = {normalise_key(a): key for key, aliases in META_KEYS.items() for a in aliases}
_KEY_WORDS: dict[str, str] = {}
for _key, _aliases in META_KEYS.items():
    for _a in _aliases:
        _KEY_WORDS.setdefault(_key_words(_a), _key)


def canonical_key(raw: str) -> str | None:
    """Metadata key for a key as written: exact spellings first, then by its words with
    fillers and plurals dropped ('Date of incident', 'Incident date', 'Authors',
    'Severity level', 'Author(s)')."""
    exact = _KEY_LOOKUP.get(normalise_key(raw))
    return exact or _KEY_WORDS.get(_key_words(raw))


def header_heading(title: str) -> bool:
    """A heading that belongs to the metadata header: empty, or a metadata line written as a
    heading ('Owner: @x', 'Date: 2024-01-02'), or a bare metadata key ('Date', 'Author(s)')."""
    t = title.strip()
    if not t:
        return True
    m = _META_LINE.match(t)
    if m and m.group("value").strip() and (
            canonical_key(m.group("key"))  # 'Owner: @x'
            or (len(m.group("key").split()) <= 2 and len(m.group("value").split()) <= 4)):
        return True  # 'Level: Internal': a short key and value, not a section
    return canonical_key(t.rstrip(":")) is not None and len(t) <= 30


def split_people(value: str) -> tuple[str, ...]:
    parts = re.split(r"\s*(?:,|;|\band\b|&|\s\+\s)\s*", value)
    return tuple(p.strip().strip("*_`") for p in parts if p.strip().strip("*_`"))


# "Date: 2026-03-14", "Severity: P2" (read from the inline text: "**Severity:** P2" and
# "- **Severity**: P2" arrive without their markup)
_META_LINE = re.compile(
    r"^\s*(?:#{1,6}\s+)?(?P<key>[A-Za-z][A-Za-z _/()-]{0,40}?)\s*:[ \t]*(?P<value>.*)$")
# "| Facilitator | @jun |" alone: no delimiter row below, so Markdown reads it as a paragraph
_META_ROW = re.compile(r"^\s*\|\s*(?P<key>[A-Za-z][A-Za-z _/-]{0,40}?)\s*\|"
                       r"\s*(?P<value>[^|]*?)\s*\|?\s*$")


@dataclass
class HeaderLines:
    """What the parser read above the first section: the inline text of each line (1-based
    line -> text; code blocks and HTML left out), which of them are headings, and the cells
    of each table row (line -> [(text, column)])."""

    text: dict[int, str] = field(default_factory=dict)
    headings: set[int] = field(default_factory=set)
    rows: dict[int, list[tuple[str, int]]] = field(default_factory=dict)
    continued: set[int] = field(default_factory=set)  # lines of the paragraph of the line above
    more: list[tuple[int, str]] = field(default_factory=list)  # a second segment on a line


FROM_TITLE = "(title)"  # raw_key of a Date read from the title
_TITLE_DATE = re.compile(r"(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\d-])")


def title_date(title) -> MetaField | None:
    """The incident date an ISO date in the title gives ("2018-01-18, reddit hugs mybinder",
    "Incident on 2023-06-06 - User services down"), for a document with no Date field. Only
    an ISO date: a written one ("January 23rd, 2019") is left for the author to state."""
    m = _TITLE_DATE.search(title.text) if title is not None else None
    if m is None:
        return None
    try:
        dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None
    return MetaField("date", FROM_TITLE, m.group(1), title.line, 1)


def metadata(fm, lines: list[str], first_section_line: int, header: HeaderLines,
             summary: HeaderLines | None = None, title=None) -> Metadata:
    """The metadata of front matter, then of the header above the first section, then of a
    Summary whose first paragraph is written as 'Key: value' lines (at least two known
    keys, as in "Date: 2019-12-11<br> Duration: 19 hours<br> User impact: ...")."""
    fields: list[MetaField] = []
    for raw_key, value, lst, line, col in fm.entries:
        key = canonical_key(raw_key)
        if key:
            people = lst or (split_people(value) if key in LIST_KEYS else ())
            fields.append(MetaField(key, raw_key, value, line, col, people))
    fm_keys = {f.key for f in fields}
    inline: list[MetaField] = []
    pairs = list(_header_pairs(lines, header))
    if summary is not None:
        block = [p for p in _header_pairs(lines, summary) if canonical_key(p[0])]
        if len({canonical_key(p[0]) for p in block}) >= 2:
            pairs += block
    for raw_key, value, line_no, col in pairs:
        key = canonical_key(raw_key)
        if not key or key in fm_keys or any(f.key == key for f in inline):
            continue
        people = split_people(value) if key in LIST_KEYS else ()
        inline.append(MetaField(key, raw_key.strip(), value, line_no, col, people))
    fields.extend(inline)
    dated = title_date(title) if not any(f.key == "date" for f in fields) else None
    if dated is not None:
        raw = lines[dated.line - 1] if dated.line <= len(lines) else ""
        fields.append(MetaField("date", FROM_TITLE, dated.value, dated.line,
                                raw.find(dated.value) + 1 or 1))
    source = ("mixed" if fm_keys and inline else "front-matter" if fm_keys
              else "inline" if inline else "none")
    start = min((f.line for f in fields), default=fm.end_line + 1 if fm.end_line else 1)
    start = max(1, min(start, len(lines)))
    return Metadata(tuple(fields), source, start)


def _header_pairs(lines: list[str], header: HeaderLines):
    """(key, value, line, column) for every key the header gives, in line order: 'Key: value'
    lines (also as headings, and several on a line split by <br>), a bare key heading or line
    with its value below ('### Date', 'Date' then ': 2024-01-02' as in a definition list),
    and Key | Value table rows (two pairs in a four-column row)."""
    more: dict[int, list[str]] = {}
    for n, t in header.more:
        more.setdefault(n, []).append(t)
    for line_no in sorted(set(header.text) | set(header.rows)):
        raw = lines[line_no - 1] if line_no <= len(lines) else ""
        if line_no in header.rows:
            cells = header.rows[line_no]
            for k in range(0, len(cells) - 1, 2):
                if canonical_key(cells[k][0]):
                    yield cells[k][0], cells[k + 1][0], line_no, cells[k + 1][1]
            continue
        yield from _line_pairs(lines, header, line_no, raw)
        for text in more.get(line_no, ()):  # "Status: final<br> Owners: amirh@"
            m = _META_LINE.match(text.strip())
            if m and m.group("value").strip():
                value = m.group("value").strip()
                yield m.group("key"), value, line_no, _column(raw, value, m.group("key"))


def _line_pairs(lines: list[str], header: HeaderLines, line_no: int, raw: str):
    text = header.text[line_no].strip()
    m = _META_LINE.match(text) or _META_ROW.match(text)
    if m and m.group("value").strip():
        value = m.group("value").strip()
        yield m.group("key"), value, line_no, _column(raw, value, m.group("key"))
        return
    key = (m.group("key") if m else text).strip()
    if canonical_key(key) is None or len(key) > 30:
        return
    below = (_value_below(header, line_no, definition=line_no not in header.headings)
             or (_continuation(header, line_no) if m else None))
    if below is not None:
        value_line, value = below
        yield key, value, value_line, _column(lines[value_line - 1], value)
    elif m:  # 'Date:' with nothing after it: the field is there, and empty
        yield m.group("key"), "", line_no, len(raw) + 1


def _value_below(header: HeaderLines, line_no: int, definition: bool):
    """The value under a bare key: for a heading ('### Date'), the next non-blank line; for a
    plain line ('Date'), a definition line (': 2024-01-02') just below. None otherwise."""
    for j in range(line_no + 1, line_no + 4):
        if j in header.headings or j in header.rows:
            return None
        text = header.text.get(j)
        if text is None or not text.strip():
            continue
        text = text.strip()
        if definition:
            if not re.match(r":\s", text):
                return None
            text = text[1:].strip()
        elif _META_LINE.match(text) and canonical_key(_META_LINE.match(text).group("key")):
            return None  # the next key, not this one's value
        return (j, text) if text else None
    return None


def _continuation(header: HeaderLines, line_no: int):
    """'- **Impact**:' with its value on the lines that go on in the same paragraph or list
    item: (first line, the lines joined), unless the next line is a key of its own."""
    parts: list[str] = []
    j = line_no + 1
    while j in header.continued and j in header.text:
        m = _META_LINE.match(header.text[j].strip())
        if m and canonical_key(m.group("key")):
            break
        parts.append(header.text[j].strip())
        j += 1
    value = " ".join(p for p in parts if p)
    return (line_no + 1, value) if value else None


def _column(raw: str, value: str, after: str = "") -> int:
    """1-based column where `value` starts on its source line (best effort: the inline text
    has lost its markup, so the first word is looked for after the key)."""
    start = raw.find(after) + len(after) if after and after in raw else 0
    word = value.split()[0] if value.split() else value
    for probe in (word, word[:1]):
        idx = raw.find(probe, start) if probe else -1
        if idx >= 0:
            return idx + 1
    return 1


_DIRECTIVE = re.compile(
    r"<!--\s*pmcheck-(?P<kind>disable-next-line|disable-line|disable|enable)(?![\w-])(?P<rest>.*?)-->")


def directives(lines: list[str], code_lines: set[int]) -> list[Directive]:
    out = []
    for i, text in enumerate(lines):
        if i + 1 in code_lines or "pmcheck-" not in text:
            continue
        for m in _DIRECTIVE.finditer(text):
            rest = m.group("rest")
            rules_part, _, reason = rest.partition("--")
            rules = tuple(r for r in re.split(r"[\s,]+", rules_part.strip()) if r) or ("all",)
            out.append(Directive(m.group("kind"), rules, reason.strip(), i + 1))
    return out


# --- 5 whys ---------------------------------------------------------------------------------

WHY_SECTIONS = ("contributing-factors", "root-cause")
_LEAD = r"^\s*(?:\d+[.)]\s*|[-*+]\s+)?(?:\*\*|__)?"
_WHY = re.compile(_LEAD + r"(?:Q\d*[:.]\s*)?(?P<q>why\b[^?]*\?)(?:\*\*|__)?\s*(?P<rest>.*)$", re.I)
_BECAUSE = re.compile(
    _LEAD + r"(?:(?:→|->|=>|⟶|⇒|A\d*[:.])\s*)?(?:\*\*|__)?(?P<b>because\b.*)$", re.I)
_ANSWER_LEAD = re.compile(_LEAD + r"(?:(?:→|->|=>|⟶|⇒|A\d*[:.])\s*)?")
_SYSTEMIC = re.compile(
    _LEAD + r"systemic (?:factor|cause|condition|issue)s?(?:\*\*|__)?\s*:(?:\*\*|__)?\s*(?P<s>.+)$",
    re.I)


@dataclass
class Extracted:
    timeline: list[TimelineEntry] = field(default_factory=list)
    whys: list[Why] = field(default_factory=list)
    systemic_factor: tuple[str, int] | None = None
    actions: list[ActionItem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def extract_all(blocks: list[Block], tables, lines: list[str], date_order: str = "auto"
                ) -> Extracted:
    out = Extracted()
    out.timeline = entries.timeline(blocks, tables, entries.date_order_of(lines, date_order))
    out.whys, out.systemic_factor = whys(blocks)
    out.actions = items.actions(blocks, tables)
    return out


def whys(blocks: list[Block]) -> tuple[list[Why], tuple[str, int] | None]:
    chain: list[Why] = []
    systemic: tuple[str, int] | None = None
    for b in blocks:
        if b.section not in WHY_SECTIONS or b.kind not in ("paragraph", "list_item"):
            continue
        for offset, text in enumerate(b.plain.split("\n")):
            line = b.line + offset
            m = _SYSTEMIC.match(text)
            if m:
                systemic = (m.group("s").strip(), line)
                continue
            m = _WHY.match(text)
            if m:
                chain.append(Why(m.group("q").strip(), line))
                rest = m.group("rest").strip()
                mb = _BECAUSE.match(rest) if rest else None
                if mb:
                    chain[-1] = Why(chain[-1].question, line, _clean(mb.group("b")), line)
                continue
            m = _BECAUSE.match(text)
            if m and chain and chain[-1].because is None:
                chain[-1] = Why(chain[-1].question, chain[-1].line, _clean(m.group("b")), line)
                continue
            # Many teams answer a why with a plain statement on the next line or in the next
            # (often nested) bullet instead of "Because …": the first prose line after an
            # unanswered why, before the next why, is its answer.
            answer = _clean(_ANSWER_LEAD.sub("", text, count=1))
            if chain and chain[-1].because is None and answer and not answer.endswith("?"):
                chain[-1] = Why(chain[-1].question, chain[-1].line, answer, line)
    return chain, systemic


def _clean(text: str) -> str:
    return text.strip().strip("*_").strip()
