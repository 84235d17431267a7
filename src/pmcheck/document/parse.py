"""Markdown text -> Document. The only module that imports mistletoe.

Steps: normalise line endings; cut YAML front matter out (blank lines keep numbering); parse
with mistletoe inside a renderer context; walk the top-level blocks in order to collect
headings, sections and prose blocks (each with its source line); then hand the blocks to the
pure extractors in ``extract.py`` for metadata, timeline, 5 whys and action items.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field

# mistletoe builds its Unicode punctuation set at import by testing every code point (tens of
# ms, most of a one-file run). punctuation.py stores that set, computed ahead of time per
# Unicode version: mistletoe is imported with an empty scan range and then given the stored
# set. On an unknown Unicode version the scan runs, limited to the planes that hold
# punctuation. tests/document/test_parse.py checks the result equals mistletoe's own scan.
if "mistletoe.core_tokens" not in sys.modules:
    from pmcheck.document import punctuation as _punctuation

    _known = _punctuation.stored()
    _saved_maxunicode = sys.maxunicode
    sys.maxunicode = -1 if _known is not None else _punctuation.SCAN_LIMIT  # type: ignore[misc]
    try:
        import mistletoe.core_tokens as _core_tokens
    finally:
        sys.maxunicode = _saved_maxunicode  # type: ignore[misc]
    if _known is not None:
        _core_tokens.punctuation = _known

from mistletoe import Document as MdDocument  # noqa: E402
from mistletoe import block_token as bt  # noqa: E402
from mistletoe import span_token as st  # noqa: E402
from mistletoe.html_renderer import HtmlRenderer  # noqa: E402

from pmcheck.document import extract, frontmatter, nesting  # noqa: E402
from pmcheck.document.model import (  # noqa: E402
    CODE_PLACEHOLDER, Block, Document, Heading, Section,
)
from pmcheck.template import DEFAULT, Template  # noqa: E402

Note = tuple[int, str, str]


@dataclass
class Table:
    """A GFM table as cells of plain text with their source columns."""

    line: int
    section: str | None
    header: list[tuple[str, int]]  # (text, column)
    rows: list[tuple[int, list[tuple[str, int]]]] = field(default_factory=list)


@dataclass
class _Walk:
    lines: list[str]
    template: Template
    blocks: list[Block] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    heading_keys: list[str | None] = field(default_factory=list)  # template key per heading
    tables: list[Table] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    stack: list[tuple[int, str | None]] = field(default_factory=list)  # (level, key)
    origin: list[int] = field(default_factory=list)  # parsed line -> source line (1-based)
    fm_title: str | None = None  # a front-matter title: body level-1 headings are then sections
    title_index: int | None = None  # index in `headings` of the title heading
    # inline text of each line of the header (until the first section heading), for metadata
    header_open: bool = True
    header_text: dict[int, str] = field(default_factory=dict)
    header_headings: set[int] = field(default_factory=set)
    header_continued: set[int] = field(default_factory=set)  # lines going on from the one above
    header_more: list[tuple[int, str]] = field(default_factory=list)  # 2nd <br> segment on a line
    # the first paragraph of the Summary, which some templates fill with 'Key: value' lines
    summary_state: str = "before"  # "before" | "open" (its heading seen) | "done"
    summary: _Walk | None = None

    def at(self, line: int) -> int:
        """The source line of a line mistletoe numbered (comments lifted out of tables)."""
        return self.origin[line - 1] if 1 <= line <= len(self.origin) else line

    @property
    def section(self) -> str | None:
        for _, key in reversed(self.stack):
            if key is not None:
                return key
        return None


def source_lines(text: str) -> list[str]:
    """Lines as git counts them, and every finding with them: "\\n" and "\\r\\n" end a line,
    a leading BOM is dropped, and a final line ending starts no new line."""
    # A lone "\r" is not a line break for git or GitHub's diff: read it as a space so that
    # line N here is line N in a pull request.
    text = text.replace("\r\n", "\n").replace("\r", " ")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


_LINE_DIRECTIVE = re.compile(r"<!--\s*pmcheck-disable-line(?![\w-]).*?-->")


def blank_line_directives(lines: list[str]) -> list[str]:
    """Same-line disable comments (`text <!-- pmcheck-disable-line R -- why -->`) as spaces
    of their length. Their ` -- reason` makes them no HTML comment inline (CommonMark), so
    Markdown would keep them as text of the paragraph or table cell; the directive itself is
    read from the source lines. Columns stay put."""
    return [_LINE_DIRECTIVE.sub(lambda m: " " * len(m.group()), ln)
            if "pmcheck-disable-line" in ln else ln for ln in lines]


def parse(text: str, path: str, template: Template = DEFAULT,
          notes: tuple[Note, ...] | list[Note] = (), date_order: str = "auto") -> Document:
    """Parse one postmortem. `notes` are source notes (encoding...) to carry into the Document;
    `date_order` is how numeric dates are read (see ``entries.date_order_of``)."""
    lines = source_lines(text)
    all_notes: list[Note] = list(notes)
    if not any(ln.strip() for ln in lines):
        all_notes.append((1, "empty", "file is empty"))
        return Document(path=path, lines=tuple(lines), parse_notes=tuple(all_notes),
                        lintable=False)

    fm = frontmatter.split(lines)
    all_notes.extend(fm.notes)
    body_lines, bracket_notes = _defuse_brackets(blank_line_directives(fm.body_lines))
    all_notes.extend(bracket_notes)
    fm_title = _front_matter_title(fm)
    walk, deep_notes = _read_guarded(body_lines, lines, template, fm_title)
    all_notes.extend(deep_notes)
    if walk is None:
        return Document(path=path, lines=tuple(lines), parse_notes=tuple(sorted(all_notes)),
                        lintable=False)
    all_notes.extend(walk.notes)

    sections = _sections(walk.headings, walk.heading_keys, walk.blocks, len(lines),
                         walk.title_index)
    # the header block may sit under an empty '##' or be written as headings ('## Owner: @x',
    # '### Date'); the metadata region ends at the first heading that is neither
    first_section_line = min((s.line for s in sections
                              if s.key is not None or not extract.header_heading(s.title)),
                             default=len(lines) + 1)
    code_lines = _code_lines(walk.blocks)
    metadata = extract.metadata(fm, blank_line_directives(lines), first_section_line,
                                _header_lines(walk, first_section_line),
                                _header_lines(walk.summary, len(lines) + 1)
                                if walk.summary else None, _title(walk, fm))
    audience = metadata.get("audience")
    extracted = extract.extract_all(walk.blocks, walk.tables, lines, date_order)
    all_notes.extend(extracted.notes)
    return Document(
        path=path,
        lines=tuple(lines),
        title=_title(walk, fm),
        headings=tuple(walk.headings),
        metadata=metadata,
        sections=tuple(sections),
        blocks=tuple(walk.blocks),
        timeline=tuple(extracted.timeline),
        whys=tuple(extracted.whys),
        systemic_factor=extracted.systemic_factor,
        actions=tuple(extracted.actions),
        directives=tuple(extract.directives(lines, code_lines)),
        parse_notes=tuple(sorted(all_notes)),
        front_matter=fm.data,
        audience=audience.value.strip().lower() if audience and audience.value else None,
    )


# --- walking mistletoe blocks -------------------------------------------------------------

def _front_matter_title(fm) -> tuple[str, int] | None:
    """(title, line) of a `title:` / `title =` key in front matter, when it has text."""
    for key, value, _items, line, _col in fm.entries:
        if key.lower() == "title" and value.strip():
            return value.strip(), line
    return None


def _title(walk: _Walk, fm) -> Heading | None:
    """The title heading of the body (the first '#', or with a front-matter title one that
    repeats it or names no section), else the front-matter title."""
    if walk.title_index is not None:
        return walk.headings[walk.title_index]
    found = _front_matter_title(fm)
    return Heading(1, found[0], found[1], found[0]) if found is not None else None


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _header_lines(walk: _Walk, end: int) -> extract.HeaderLines:
    """What the metadata reader sees above the first section: each line's inline text, the
    heading lines among them, and the cells of each table row."""
    rows: dict[int, list[tuple[str, int]]] = {}
    for t in walk.tables:
        if t.line >= end:
            continue
        for rline, cells in [(t.line, t.header)] + t.rows:
            if rline < end:
                rows[rline] = cells
    text = {n: v for n, v in walk.header_text.items() if n < end}
    return extract.HeaderLines(text, {n for n in walk.header_headings if n < end}, rows,
                               {n for n in walk.header_continued if n < end},
                               [(n, t) for n, t in walk.header_more if n < end])


def _read(body_lines: list[str], lines: list[str], template: Template,
          fm_title: tuple[str, int] | None = None) -> _Walk:
    kept, origin = lift_table_comments(body_lines)
    with HtmlRenderer():
        md = MdDocument(kept)
    walk = _Walk(lines=lines, template=template, origin=origin,
                 fm_title=fm_title[0] if fm_title else None)
    for child in md.children:
        _block(walk, child, quoted=False, depth=0)
    return walk


_PMCHECK_COMMENT = re.compile(r"^\s*<!--\s*pmcheck-[^\n]*?-->\s*$")
_CELL_BAR = re.compile(r"(?<!\\)\|")
# a delimiter row, with or without outer pipes: "|---|:--:|", "--- | ---"
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def lift_table_comments(body_lines: list[str]) -> tuple[list[str], list[int]]:
    """Lines without the pmcheck comments that sit between two rows of a table (with or
    without outer pipes), and the source line of each line kept. A comment line is a block of
    its own in Markdown, so it would end the table and turn the rows below it into a
    paragraph: the row it silences (``pmcheck-disable-next-line``) and every later one would
    vanish from check, overdue and follow-up. The comments still act: directives are read
    from the source lines."""
    kept: list[str] = []
    origin: list[int] = []
    in_table = False
    for i, text in enumerate(body_lines):
        if _PMCHECK_COMMENT.match(text):
            if in_table and any(_CELL_BAR.search(n)
                                for n in _next_non_comment(body_lines, i + 1)):
                continue
        elif not text.strip():
            in_table = False
        elif (_DELIMITER_ROW.match(text) and kept and _CELL_BAR.search(kept[-1])
              and _raw_cell_count(text) == _raw_cell_count(kept[-1])):
            in_table = True
        elif in_table and not _CELL_BAR.search(text):
            in_table = False
        kept.append(text)
        origin.append(i + 1)
    return kept, origin


def _next_non_comment(lines: list[str], start: int) -> list[str]:
    for text in lines[start:]:
        if not _PMCHECK_COMMENT.match(text):
            return [text] if text.strip() else []
    return []


# mistletoe's link matching is quadratic in the brackets of one paragraph ("[a](" x 5,000
# takes seconds, a crafted 1 MiB file hours). No real paragraph has this many; above it the
# brackets are read as plain characters so the rest of the file is still checked quickly.
MAX_BRACKETS = 500
_ITEM_START = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")


def _defuse_brackets(body_lines: list[str]) -> tuple[list[str], list[Note]]:
    if sum(line.count("[") for line in body_lines) <= MAX_BRACKETS:
        return body_lines, []  # no paragraph can be over the limit
    out, notes = list(body_lines), []
    start = 0
    while start < len(out):
        if not out[start].strip() or out[start].lstrip().startswith("|"):
            start += 1
            continue
        end = start + 1  # a paragraph or one list item: mistletoe reads each item apart
        while (end < len(out) and out[end].strip() and not out[end].lstrip().startswith("|")
               and not _ITEM_START.match(out[end])):
            end += 1
        count = sum(out[i].count("[") for i in range(start, end))
        if count > MAX_BRACKETS:
            for i in range(start, end):
                out[i] = out[i].replace("[", "\u27e6").replace("]", "\u27e7")
            notes.append((start + 1, "too-complex",
                          f"paragraph or list item has {count:,} '[' characters (over "
                          f"{MAX_BRACKETS}); its links are read as plain text: split it"))
        start = end
    return out, notes


def _read_guarded(body_lines: list[str], lines: list[str], template: Template,
                  fm_title: tuple[str, int] | None = None) -> tuple[_Walk | None, list[Note]]:
    """Read the Markdown; when it nests too deeply to parse (RecursionError), blank the lines
    that nest too deep and read the rest. None when even that fails (the line is named)."""
    try:
        return _read(body_lines, lines, template, fm_title), []
    except RecursionError:
        pass
    deep_lines = nesting.too_deep(body_lines)
    deep = set(deep_lines)
    notes = [(a + 1, "too-deep", nesting.skipped(a + 1, b + 1, nesting.depth(body_lines[a])))
             for a, b in nesting.runs(deep_lines)]
    blanked = ["\n" if i in deep else ln for i, ln in enumerate(body_lines)]
    try:
        return _read(blanked, lines, template, fm_title), notes
    except RecursionError:
        pass

    def fails(prefix: list[str]) -> bool:
        try:
            _read(prefix, lines, template, fm_title)
        except RecursionError:
            return True
        return False

    return None, [(nesting.first_failing(blanked, fails) + 1, "too-deep", nesting.unreadable())]


def _block(w: _Walk, tok, *, quoted: bool, depth: int, kind: str = "paragraph") -> None:
    line = w.at(getattr(tok, "line_number", None) or 1)
    if w.summary_state == "open" and not isinstance(tok, (bt.Heading, bt.SetextHeading,
                                                          bt.Paragraph, bt.List, bt.ListItem)):
        w.summary_state = "done"  # only the first paragraph under the heading is read
    if isinstance(tok, bt.Heading) or isinstance(tok, bt.SetextHeading):
        _heading(w, tok, line)
    elif isinstance(tok, bt.Paragraph):
        text, plain = _inline(tok.children or ())
        if w.header_open:
            _keep_header_text(w, tok, line)
        elif w.summary_state == "open":
            if w.section == "summary":  # its first paragraph, or the items of its first list
                w.summary = w.summary or _Walk(lines=w.lines, template=w.template)
                _keep_header_text(w.summary, tok, line)
            if kind != "list_item" or w.section != "summary":
                w.summary_state = "done"
        w.blocks.append(Block(kind, text, line, line + text.count("\n"), w.section, quoted,
                              plain=plain, depth=depth))
    elif isinstance(tok, bt.Quote):
        for c in tok.children or ():
            _block(w, c, quoted=True, depth=depth)
    elif isinstance(tok, bt.List):
        for item in tok.children or ():
            _block(w, item, quoted=quoted, depth=depth)
    elif isinstance(tok, bt.ListItem):
        for c in tok.children or ():
            if isinstance(c, bt.List):
                _block(w, c, quoted=quoted, depth=depth + 1)
            else:
                _block(w, c, quoted=quoted, depth=depth, kind="list_item")
    elif isinstance(tok, bt.Table):
        _table(w, tok, line, quoted)
    elif isinstance(tok, (bt.CodeFence, bt.BlockCode)):
        content = tok.children[0].content if tok.children else ""
        end = line + content.count("\n") + (1 if isinstance(tok, bt.CodeFence) else -1)
        w.blocks.append(Block("code", content, line, max(line, end), w.section, quoted,
                              plain=content, depth=depth))
    elif isinstance(tok, bt.HtmlBlock):
        content = tok.content
        if re.search(r"<table\b", content, re.I):
            w.notes.append((line, "html-table",
                            "HTML table is not read by pmcheck; write it as a Markdown table"))
        w.blocks.append(Block("html", content, line, line + content.count("\n"), w.section,
                              quoted, plain=content, depth=depth))


def _heading(w: _Walk, tok, line: int) -> None:
    text, plain = _inline(tok.children or ())
    text = text.replace("\n", " ").strip()
    level = tok.level
    plain = plain.replace("\n", " ").strip()
    w.headings.append(Heading(level, text, line, plain))
    key = w.template.resolve(plain or text)
    w.heading_keys.append(key)
    is_title = level == 1 and w.title_index is None and (
        w.fm_title is None or _same_title(plain or text, w.fm_title)
        # with a front-matter title, a first '#' heading that names no section or header key
        # is the visible title ("# Incident on 2026-03-30 - ..."); '# Summary' is a section
        or (not w.headings[:-1] and key is None and not extract.header_heading(plain or text)))
    if is_title:
        w.title_index = len(w.headings) - 1
    elif w.header_open and (key is not None or not extract.header_heading(plain or text)):
        w.header_open = False
    if w.header_open and not is_title:  # the title is no 'Key: value' line
        w.header_text[line] = plain or text
        w.header_headings.add(line)
    elif key == "summary" and w.summary_state == "before":
        w.summary_state = "open"
    if level == 1 and (is_title or key is None):
        w.stack = []
    else:
        while w.stack and w.stack[-1][0] >= level:
            w.stack.pop()
        w.stack.append((level, key))
    w.blocks.append(Block("heading", text, line, line, w.section, False, plain=plain))


def _table(w: _Walk, tok, line: int, quoted: bool) -> None:
    header = _row_cells(w, tok.header) if tok.header is not None else []
    table = Table(line=line, section=w.section, header=header)
    width = len(header)
    for row in tok.children or ():
        rline = w.at(getattr(row, "line_number", None) or line)
        cells = _row_cells(w, row)
        written = _raw_cell_count(w.lines[rline - 1] if rline <= len(w.lines) else "")
        if written != width:
            w.notes.append((rline, "table-broken",
                            f"table row has {written} cells but the header has {width}; "
                            "add or remove cells so every row matches the header"))
        table.rows.append((rline, cells))
    w.tables.append(table)
    for text, col in header:
        w.blocks.append(Block("table_cell", text, line, line, w.section, quoted, col,
                              plain=text))
    for rline, cells in table.rows:
        for text, col in cells:
            w.blocks.append(Block("table_cell", text, rline, rline, w.section, quoted, col,
                                  plain=text))


def _row_cells(w: _Walk, row) -> list[tuple[str, int]]:
    rline = w.at(getattr(row, "line_number", None) or 1)
    raw = w.lines[rline - 1] if rline <= len(w.lines) else ""
    cols = _cell_columns(raw)
    out = []
    for i, cell in enumerate(row.children or ()):
        _, plain = _inline(cell.children or ())
        out.append((plain.strip(), cols[i] if i < len(cols) else 1))
    return out


_PIPE = re.compile(r"(?<!\\)\|")


def _cell_columns(raw: str) -> list[int]:
    """1-based source column where each cell's text starts."""
    bounds = [m.start() for m in _PIPE.finditer(raw)]
    stripped = raw.strip()
    if not stripped.startswith("|"):
        bounds = [-1] + bounds
    cols = []
    for i, b in enumerate(bounds):
        end = bounds[i + 1] if i + 1 < len(bounds) else len(raw)
        seg = raw[b + 1:end]
        if i == len(bounds) - 1 and not seg.strip():
            break
        cols.append(b + 2 + (len(seg) - len(seg.lstrip())))
    return cols


def _raw_cell_count(raw: str) -> int:
    s = raw.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return len(_PIPE.split(s))


def _inline(children) -> tuple[str, str]:
    """(text with code spans as a placeholder, plain text with code content kept)."""
    text: list[str] = []
    plain: list[str] = []
    _spans(children, text, plain)
    return "".join(text), "".join(plain)


_BR = "\u2028"  # where a <br> stood, in header text


def _keep_header_text(w: _Walk, tok, line: int) -> None:
    """Each line of a header paragraph as its inline text (emphasis, code spans and escapes
    resolved; an autolink keeps its <>, as in "Dana <dana@example.com>"). A paragraph whose
    lines are ended by <br> ("Status: final<br> Owners: amirh@") is read by those segments,
    a segment wrapped over two lines being one."""
    for seg_line, part, continued in _segments(tok, line):
        if seg_line in w.header_text:
            w.header_more.append((seg_line, part))
            continue
        w.header_text[seg_line] = part
        if continued:
            w.header_continued.add(seg_line)


def _segments(tok, line: int) -> list[tuple[int, str, bool]]:
    """(line, text, goes on from the line above) for each line of a paragraph, or for each
    <br>-ended segment when it has <br> tags."""
    chars: list[str] = []
    _spans(tok.children or (), [], chars, autolinks=True)
    text = "".join(chars)
    if _BR not in text:
        return [(line + i, part, i > 0) for i, part in enumerate(text.split("\n"))]
    out, offset = [], 0
    for part in text.split(_BR):
        start = line + text.count("\n", 0, offset) + (1 if part.startswith("\n") else 0)
        out.append((start, " ".join(part.split()), False))
        offset += len(part) + 1
    return [seg for seg in out if seg[1]]


def _spans(children, text: list[str], plain: list[str], autolinks: bool = False) -> None:
    for s in children:
        if autolinks and isinstance(s, st.AutoLink):
            inner: list[str] = []
            _spans(s.children or (), [], inner)
            text.append("<" + "".join(inner) + ">")
            plain.append("<" + "".join(inner) + ">")
        elif isinstance(s, st.InlineCode):
            code = s.children[0].content if s.children else ""
            text.append(CODE_PLACEHOLDER)
            plain.append(code)
        elif isinstance(s, st.LineBreak):
            text.append("\n")
            plain.append("\n")
        elif isinstance(s, st.HtmlSpan):  # a tag is no text, but "<br>" still parts two words
            if re.match(r"<br\b", s.content or "", re.I):
                text.append(_BR if autolinks else " ")
                plain.append(_BR if autolinks else " ")
        elif isinstance(s, st.RawText):
            text.append(s.content)
            plain.append(s.content)
        elif s.children:
            _spans(s.children, text, plain, autolinks)
        elif getattr(s, "content", None):
            text.append(s.content)
            plain.append(s.content)


# --- sections -------------------------------------------------------------------------------

def _sections(headings: list[Heading], keys: list[str | None], blocks: list[Block],
              nlines: int, title_index: int | None = None) -> list[Section]:
    """Sections of the headings, each with the template key _heading resolved for it. The
    title and level-1 headings that name no section are not sections."""
    out = []
    content_lines = sorted(b.line for b in blocks
                           if b.kind not in ("heading",) and not _is_comment(b))
    ends = _section_ends(headings, nlines)
    for i, (h, key, end) in enumerate(zip(headings, keys, ends)):
        if i == title_index or (h.level == 1 and key is None):
            continue
        first_after = bisect.bisect_right(content_lines, h.line)  # content below the heading
        has = first_after < len(content_lines) and content_lines[first_after] <= end
        out.append(Section(h.text, key, h.level, h.line, end, has))
    return out


def _section_ends(headings: list[Heading], nlines: int) -> list[int]:
    """Last line of each heading's section: the line before the next heading of the same or
    a higher level (one pass with a stack, not a scan per heading)."""
    ends = [nlines] * len(headings)
    open_: list[int] = []  # indexes of headings whose section is still open, levels rising
    for i, h in enumerate(headings):
        while open_ and headings[open_[-1]].level >= h.level:
            ends[open_.pop()] = h.line - 1
        open_.append(i)
    return ends


def _is_comment(b: Block) -> bool:
    return b.kind == "html" and b.text.lstrip().startswith("<!--")


def _code_lines(blocks: list[Block]) -> set[int]:
    out: set[int] = set()
    for b in blocks:
        if b.kind == "code":
            out.update(range(b.line, b.end_line + 1))
    return out
