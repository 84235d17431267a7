"""structure: the postmortem has a title and the template's sections, filled in and in order."""

from __future__ import annotations

import re
from typing import Iterator

from pmcheck.document.model import Document, Section
from pmcheck.findings import Problem, Severity
from pmcheck.options import Options
from pmcheck.rules import rule
from pmcheck.rules.fixes import section_end
from pmcheck.headings import concept
from pmcheck.template import COUNTERPART, SECTION_NAMES, Template

# Text that only holds a place: a section holding nothing else counts as empty.
_PLACEHOLDER = re.compile(
    r"^\W*(?:tbd|tba|todo|to do|n/?a|none yet|wip|fill(?: this)? in|to be (?:written|added|"
    r"completed|determined|filled in)|coming soon|placeholder|lorem ipsum.*|x+|\.\.\.|\u2026)?\W*$",
    re.IGNORECASE,
)
_MAX_ALIASES = 6


@rule("structure.title-missing", Severity.ERROR)
def title_missing(doc: Document, opts: Options) -> Iterator[Problem]:
    """The postmortem has a title (one level-1 heading).

    The title is what people see in indexes, search results and the pull request; a postmortem
    without one is hard to find and easy to confuse with another incident. A `title:` key in
    YAML front matter (or `title =` in Hugo/Zola TOML front matter) also counts.

    Fails:

        ```markdown
        Date: 2026-03-14

        ## Timeline
        ```

    Passes:

        ```markdown
        # Checkout API returned errors after a connection-pool change

        Date: 2026-03-14
        ```
    """
    if doc.title is not None or any(h.level == 1 for h in doc.headings):
        return
    first = doc.headings[0].line if doc.headings else 1
    yield Problem(line=first, message="The postmortem has no title (no level-1 heading).",
                  hint="Start the file with '# <what happened, in one line>'.",
                  subject="title")


@rule("structure.title-multiple", Severity.ERROR)
def title_multiple(doc: Document, opts: Options) -> Iterator[Problem]:
    """The postmortem has exactly one level-1 heading.

    A second `#` heading usually means a section was written one level too high, which breaks
    the outline, the table of contents and section detection (everything below it is read as
    a new document part). Each extra level-1 heading is reported, with the `##` form as a
    suggested fix in pull-request reviews.

    Fails:

        ```markdown
        # Checkout outage

        # Timeline
        ```

    Passes:

        ```markdown
        # Checkout outage

        ## Timeline
        ```

    With a `title` in front matter (YAML `title:` or TOML `title =`; the site shows it as the
    page heading), it is the title: a level-1 heading in the body that repeats it is not
    reported, every other one is.
    """
    for h in _extra_titles(doc):
        source = doc.lines[h.line - 1] if h.line <= len(doc.lines) else ""
        atx = re.match(r" {0,3}#(?=[ \t]|$)", source)  # "# Summary", not a setext heading
        if _has_level2_children(doc, h):
            atx = None  # "##" children would become its siblings: no mechanical fix
        yield Problem(line=h.line, message=f"Second level-1 heading '{h.text}'; a postmortem has "
                      f"one title (line {doc.title.line if doc.title else h.line}).",
                      hint=f"Make it a section: '## {h.text}'.", subject=h.text,
                      suggestion=source[:atx.end()] + "#" + source[atx.end():] if atx else None)


def _extra_titles(doc: Document) -> list:
    """The level-1 headings beyond the title: all but the first, or with a front-matter
    title all but one that repeats it."""
    h1s = [h for h in doc.headings if h.level == 1]
    if doc.title is None or doc.title in h1s:
        return h1s[1:]
    same = [h for h in h1s if " ".join(h.text.lower().split())
            == " ".join(doc.title.text.lower().split())]
    return [h for h in h1s if h is not (same[0] if same else None)]


def _has_level2_children(doc: Document, h1) -> bool:
    """A level-2 heading follows `h1` before the next level-1 heading."""
    for h in doc.headings:
        if h.line > h1.line:
            if h.level == 1:
                return False
            if h.level == 2:
                return True
    return False


def _aliases(template: Template, key: str) -> list[str]:
    names = list(SECTION_NAMES.get(key, ("", ()))[1])
    for k, extra in template.aliases:
        if k == key:
            names.extend(extra)
    display = template.display(key).lower()
    seen: list[str] = []
    for n in names:
        if n.lower() != display and n.lower() not in seen:
            seen.append(n.lower())
    return seen


def _hint_for(template: Template, key: str) -> str:
    aliases = _aliases(template, key)
    hint = f"Add a '## {template.display(key)}' section"
    if aliases:
        shown = ", ".join(f"'{a}'" for a in aliases[:_MAX_ALIASES])
        more = ", ..." if len(aliases) > _MAX_ALIASES else ""
        hint += f" (headings also accepted: {shown}{more})"
    return hint + "."


def missing_line(doc: Document, required: tuple[str, ...], key: str) -> int:
    """Where a missing section belongs: the end of the closest earlier required section that
    is present (its last non-blank line), else the heading of the closest later one, else the
    title, else line 1."""
    idx = required.index(key)
    for earlier in reversed(required[:idx]):
        s = doc.section(earlier)
        if s is not None:
            last = min(s.end_line, len(doc.lines))
            while last > s.line and not doc.lines[last - 1].strip():
                last -= 1
            return max(1, last)
    for later in required[idx + 1:]:
        s = doc.section(later)
        if s is not None:
            return s.line
    return doc.title.line if doc.title is not None else 1


@rule("structure.missing-section", Severity.ERROR)
def missing_section(doc: Document, opts: Options) -> Iterator[Problem]:
    """Every section the template requires is present.

    A postmortem that skips a section usually skips the thinking behind it: no timeline means
    nobody reconstructed what happened, no action items means nothing will change. The default
    template requires Timeline, Root Cause, Contributing Factors, What Went Well, What Could
    Have Gone Better and Action Items; headings are matched by their words, at any heading
    level: case, punctuation, numbering ("2.3"), markers ("{WIP}", "(all times UTC)"),
    plurals and British spellings do not matter, and a short heading naming the section's
    subject counts ("Response timeline", "Corrective and Preventative Measures", "What we're
    doing about it"). A heading that only resembles a required section ("Process
    improvements", "Prevention") is named in the finding, with the alias to add. Documents with
    `audience: external` are checked against the external sections instead (rule family
    `external`). The finding sits where the section belongs: after the previous required
    section that is present. Options: `template` (required sections and aliases).

    Fails:

        ```markdown
        # Checkout outage

        ## Timeline

        - 10:05 UTC: Alert fires.
        ```

    Passes:

        ```markdown
        # Checkout outage

        ## Timeline
        - 10:05 UTC: Alert fires.
        ## Root Cause
        The pool ceiling was lowered without a load test.
        ## Contributing Factors
        Configuration changes skip the load-test stage.
        ## What Went Well
        - The alert fired within a minute.
        ## What Could Have Gone Better
        - The log line was at debug level.
        ## Action Items
        - [ ] Add a schema bound for pool size - owner: @marcus, due: 2026-03-20, P1
        ```
    """
    if doc.audience == "external":
        return
    required = opts.template.required
    lookalikes = _lookalikes(doc, opts.template, required)
    for key in required:
        if doc.section(key) is None and not _named_by_counterpart(doc, key):
            name = opts.template.display(key)
            near = lookalikes.get(key)
            if near is not None:
                yield Problem(line=near.line,
                              message=f"Required section '{name}' is missing: heading "
                                      f"'{near.title}' looks like {name}.",
                              hint=f"Rename it to '{name}', or add '{near.title}' to "
                                   f"template.aliases.{key} in .pmcheck.yml.", subject=key)
                continue
            yield Problem(line=missing_line(doc, required, key),
                          message=f"Required section '{name}' is missing.",
                          hint=_hint_for(opts.template, key), subject=key)


def _named_by_counterpart(doc: Document, key: str) -> bool:
    """A section kept under its external-audience key whose words also name `key`: 'What
    we're doing about it' is both the external Prevention section and the Action Items (its
    items are read either way)."""
    return any(COUNTERPART.get(s.key or "") == key and concept(s.title) == key
               for s in doc.sections)


def _lookalikes(doc: Document, template: Template, required: tuple[str, ...]) -> dict:
    """Required key -> the first heading that does not name it but resembles it."""
    out: dict = {}
    for s in doc.sections:
        if s.key not in required:
            key = template.looks_like(s.title, required)
            if key is not None:
                out.setdefault(key, s)
    return out


def is_placeholder_only(doc: Document, section: Section) -> bool:
    """True when the section holds only placeholders ('TBD', 'TODO') or empty subheadings."""
    texts = [b.text for b in doc.blocks
             if section.line < b.line <= section.end_line and b.kind not in ("heading", "html")]
    if texts:
        # placeholders are short; the length check also keeps the two \W* runs of the
        # pattern from backtracking quadratically over a long run of punctuation
        return all(len(t.strip()) <= 80 and _PLACEHOLDER.match(t.strip()) for t in texts)
    body = doc.lines[section.line:min(section.end_line, len(doc.lines))]
    filled = [ln for ln in body if ln.strip() and not ln.lstrip().startswith("<!--")]
    return bool(filled) and all(ln.lstrip().startswith("#") for ln in filled)


def is_empty(doc: Document, section: Section) -> bool:
    """No content, or only placeholders / empty subheadings (what `empty-section` reports)."""
    return not section.has_content or is_placeholder_only(doc, section)


def reports_section(doc: Document, opts: Options, key: str) -> bool:
    """Whether this family reports section `key` as missing or empty, so that other families
    (no action items, no timeline entries, no 5-whys chain) need not say it again."""
    if doc.audience == "external" or key not in opts.template.required:
        return False
    s = doc.section(key)
    if s is None:
        return opts.rule_setting("structure.missing-section").enabled
    return is_empty(doc, s) and opts.rule_setting("structure.empty-section").enabled


@rule("structure.empty-section", Severity.ERROR)
def empty_section(doc: Document, opts: Options) -> Iterator[Problem]:
    """Every required section has content, not just a heading or a placeholder.

    An empty heading (or one holding only "TBD", "TODO", "N/A", "..." or empty subheadings)
    looks complete in the outline but carries none of the analysis. Comments do not count as
    content. Options:
    `template` (which sections are required).

    Fails:

        ```markdown
        # Checkout outage

        ## Root Cause

        TBD

        ## Action Items
        ```

    Passes:

        ```markdown
        # Checkout outage

        ## Root Cause

        The pool ceiling was lowered from 80 to 20 without a load test.
        ```
    """
    if doc.audience == "external":
        return
    for key in opts.template.required:
        s = doc.section(key)
        if s is None:
            continue
        if is_empty(doc, s):
            yield Problem(line=s.line, end_line=section_end(doc, s),
                          message=f"Section '{s.title}' is empty.",
                          hint=f"Fill in the '{s.title}' section; a TODO or TBD does not "
                               "count as content.", subject=key)


@rule("structure.section-order", Severity.WARNING)
def section_order(doc: Document, opts: Options) -> Iterator[Problem]:
    """Sections the template orders appear in that order.

    Readers expect the same shape in every postmortem; the default template puts What Went
    Well before What Could Have Gone Better so the review opens on what to keep doing before
    what to change. Options: `template` (its `order` pairs).

    Fails:

        ```markdown
        # Checkout outage

        ## What Could Have Gone Better
        - The log line was at debug level.

        ## What Went Well
        - The alert fired within a minute.
        ```

    Passes:

        ```markdown
        # Checkout outage

        ## What Went Well
        - The alert fired within a minute.

        ## What Could Have Gone Better
        - The log line was at debug level.
        ```
    """
    for first, second in opts.template.order:
        a, b = doc.section(first), doc.section(second)
        if a is not None and b is not None and a.line > b.line:
            yield Problem(line=a.line,
                          message=f"Section '{a.title}' comes after '{b.title}' "
                                  f"(line {b.line}).",
                          hint=f"Move '{a.title}' above '{b.title}'.",
                          subject=f"{first}>{second}")
