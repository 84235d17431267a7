"""Pure extractors over parsed blocks and raw lines: metadata, directives, 5 whys.

Timeline entries and action items live in ``items.py``. Nothing here imports mistletoe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pmcheck.document import entries, items
from pmcheck.document.model import ActionItem, Block, Directive, MetaField, Metadata, TimelineEntry, Why

Note = tuple[int, str, str]

# canonical metadata key -> accepted spellings (after normalise_key)
META_KEYS: dict[str, tuple[str, ...]] = {
    "date": ("date", "incident date", "date of incident", "incident_date"),
    "severity": ("severity", "sev", "severity level", "incident severity"),
    "duration": ("duration", "incident duration", "total duration", "time to resolve"),
    "impact": ("impact", "customer impact", "user impact", "impact summary"),
    "author": ("author", "authors", "written by", "created by", "postmortem author", "owner of this document"),
    "reviewers": ("reviewers", "reviewer", "reviewed by", "peer reviewers"),
    "responders": ("responders", "incident team", "incident responders", "responder",
                   "responding team"),
    "facilitator": ("facilitator", "postmortem facilitator", "review facilitator"),
    "incident-owner": ("incident owner", "owner", "incident commander", "incident lead"),
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


# "Date: 2026-03-14", "- **Severity:** P2", "**Author**: @a", "| Date | 2026-03-14 |"
_META_LINE = re.compile(
    r"^\s*(?:#{1,6}\s+)?(?:[-*+]\s+)?(?:\*\*|__)?(?P<key>[A-Za-z][A-Za-z _/()-]{0,40}?)(?:\*\*|__)?\s*:"
    r"(?:\*\*|__)?[ \t]*(?P<value>.*)$")
_META_ROW = re.compile(r"^\s*\|\s*(?:\*\*)?(?P<key>[A-Za-z][A-Za-z _/-]{0,40}?)(?:\*\*)?\s*\|"
                       r"\s*(?P<value>[^|]*?)\s*\|?\s*$")


def metadata(fm, lines: list[str], first_section_line: int, code_lines: set[int]) -> Metadata:
    fields: list[MetaField] = []
    for raw_key, value, lst, line, col in fm.entries:
        key = canonical_key(raw_key)
        if key:
            people = lst or (split_people(value) if key in LIST_KEYS else ())
            fields.append(MetaField(key, raw_key, value, line, col, people))
    fm_keys = {f.key for f in fields}
    inline: list[MetaField] = []
    for i in range(fm.end_line, min(first_section_line - 1, len(lines))):
        line_no = i + 1
        if line_no in code_lines:
            continue
        m = _META_LINE.match(lines[i]) or _META_ROW.match(lines[i])
        bare = None if m else _bare_key_heading(lines, i, first_section_line)
        if not m and not bare:
            continue
        raw_key = m.group("key") if m else bare[0]
        key = canonical_key(raw_key)
        if not key or key in fm_keys or any(f.key == key for f in inline):
            continue
        if m:
            value = m.group("value").strip().strip("*_").strip()
            col = m.start("value") + 1
        else:
            line_no, value, col = bare[1], bare[2], bare[3]
        people = split_people(value) if key in LIST_KEYS else ()
        inline.append(MetaField(key, raw_key.strip(), value, line_no, col, people))
    fields.extend(inline)
    source = ("mixed" if fm_keys and inline else "front-matter" if fm_keys
              else "inline" if inline else "none")
    start = min((f.line for f in fields), default=fm.end_line + 1 if fm.end_line else 1)
    start = max(1, min(start, len(lines)))
    return Metadata(tuple(fields), source, start)


def _bare_key_heading(lines: list[str], i: int, end: int):
    """'### Date' followed by its value on the next non-blank line: (key, value line, value,
    column), or None."""
    h = re.match(r"^\s*#{1,6}\s+(?P<key>[A-Za-z][A-Za-z _/()-]{0,30}?)\s*:?\s*#*\s*$", lines[i])
    if not h or canonical_key(h.group("key")) is None:
        return None
    for j in range(i + 1, min(end - 1, len(lines), i + 4)):
        text = lines[j].strip()
        if text.startswith("#"):
            return None
        if text:
            value = re.sub(r"^[-*+]\s+", "", text).strip("*_ ")
            return h.group("key"), j + 1, value, lines[j].find(value[:1]) + 1 if value else 1
    return None


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
