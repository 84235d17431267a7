"""whys: the 5-whys chain is deep enough and ends at a systemic condition, not at a person.

The chain is written as ``Why …?`` lines each followed by ``→ Because …`` (also ``->`` or a plain
``Because …``), optionally closed by ``Systemic factor: …``. External documents are skipped.
"""

from __future__ import annotations

import re

from pmcheck.document.model import Document
from pmcheck.findings import Problem, Severity
from pmcheck.language import person_failure_subject
from pmcheck.language import sentences as spans
from pmcheck.options import Options
from pmcheck.rules import rule
from pmcheck.rules.external import is_external
from pmcheck.rules.fixes import span
from pmcheck.rules.structure import reports_section

_LEAD = re.compile(r"^\s*(?:[-=]+>|\u2192|\u21d2)?\s*(?:because\b[\s,:]*)?", re.IGNORECASE)


def clause(text: str) -> str:
    """'→ Because the reviewer missed it.' -> 'the reviewer missed it.'"""
    return _LEAD.sub("", text, count=1).strip()


def sentences(text: str) -> list[str]:
    """The sentences of a because / systemic-factor text, its leading "Because" removed."""
    body = clause(text)
    return [body[a:b].strip() for a, b in spans(body) if body[a:b].strip()]


def chain_end(doc: Document) -> tuple[str, int, str] | None:
    """What the chain ends at: (text, line, kind) with kind "systemic factor" or "because"."""
    if doc.systemic_factor and doc.systemic_factor[0].strip():
        text, line = doc.systemic_factor
        return text, line, "systemic factor"
    answered = [w for w in doc.whys if w.because and w.because.strip()]
    if not answered:
        return None
    last = answered[-1]
    return last.because or "", last.because_line or last.line, "because"


def _home(doc: Document) -> str:
    """The section the chain belongs in: Contributing Factors, else Root Cause when only that
    one is present."""
    if doc.section("contributing-factors") is None and doc.section("root-cause") is not None:
        return "root-cause"
    return "contributing-factors"


def _factor_list(doc: Document) -> bool:
    """The Contributing Factors section lists at least two factors (top-level bullets)."""
    return sum(1 for b in doc.blocks if b.section == "contributing-factors"
               and b.kind == "list_item" and b.depth == 0 and not b.quoted) >= 2


def _anchor(doc: Document) -> int:
    section = doc.section(_home(doc))
    if section:
        return section.line
    return doc.title.line if doc.title else 1


@rule("whys.too-short", Severity.ERROR)
def check_too_short(doc: Document, opts: Options):
    """The 5-whys chain has fewer why/because links than required.

    Stopping after one or two whys usually lands on the trigger (the bad deploy, the typo)
    instead of the conditions that let the trigger cause an outage. Each answered `Why …?` /
    `→ Because …` pair counts as one link; a why answered by a plain statement on the next
    line or in the next (nested) bullet counts too. A Contributing Factors section written
    as a list of at least two factors, with no why question at all, is another accepted
    form of the analysis and is not asked for a chain. When there is no chain because the Contributing
    Factors section is missing or empty, `structure.missing-section` /
    `structure.empty-section` reports it once instead. A template that does not require
    Contributing Factors (google-sre) asks for no chain, but a chain that is written is
    still checked. Options: `min-whys` (default 3).

    Fails:

        ```markdown
        ## Contributing Factors

        Why did checkout requests fail?
        → Because the connection pool was exhausted.
        ```

    Passes:

        ```markdown
        ## Contributing Factors

        Why did checkout requests fail?
        → Because the connection pool was exhausted.

        Why was the pool exhausted?
        → Because its ceiling had been lowered to 20, below peak demand.

        Why did the lower ceiling reach production?
        → Because configuration changes skip the load-test stage.
        ```
    """
    if is_external(doc, opts):
        return
    if not doc.whys and "contributing-factors" not in opts.template.required:
        return  # a template without a 5-whys section (google-sre) asks for none
    links = sum(1 for w in doc.whys if w.because and w.because.strip())
    if links >= opts.min_whys or (not doc.whys and reports_section(doc, opts,
                                                                  "contributing-factors")):
        return
    if not doc.whys and _factor_list(doc):
        return  # contributing factors written as a list of conditions, not as a why chain
    line = doc.whys[0].line if doc.whys else _anchor(doc)
    end = max((w.because_line or w.line for w in doc.whys), default=line)
    found = f"only {links}" if links else "no"
    yield Problem(line, end_line=span(line, end),
                  message=f"The 5-whys chain has {found} why/because link"
                          f"{'' if links == 1 else 's'}; at least {opts.min_whys} are required.",
                  hint="Keep asking \"Why …?\" and answer each with \"→ Because …\" until you "
                       "reach a condition of the system (process, tooling, design).",
                  subject="whys")


@rule("whys.because-missing", Severity.ERROR)
def check_because_missing(doc: Document, opts: Options):
    """A `Why …?` in the 5-whys chain has no `Because …` answer.

    An unanswered question breaks the chain: the next why no longer follows from the last
    answer. A plain statement on the line (or bullet) after the question counts as its
    answer; another question does not.

    Fails:

        ```markdown
        ## Contributing Factors

        Why did checkout requests fail?

        Why was the pool exhausted?
        → Because its ceiling had been lowered to 20.
        ```

    Passes:

        ```markdown
        ## Contributing Factors

        Why did checkout requests fail?
        → Because the connection pool was exhausted.

        Why was the pool exhausted?
        → Because its ceiling had been lowered to 20.
        ```
    """
    if is_external(doc, opts):
        return
    for why in doc.whys:
        if not (why.because and why.because.strip()):
            yield Problem(why.line, f"\"{why.question.strip()}\" has no \"Because …\" answer.",
                          column=doc.column_of(why.line, "why"),
                          hint="Answer it on the next line with \"→ Because …\".",
                          subject=why.question)


@rule("whys.ends-at-person", Severity.ERROR)
def check_ends_at_person(doc: Document, opts: Options):
    """The 5-whys chain ends at a person or role instead of a systemic condition.

    "The code reviewer didn't catch it" or "@bob forgot to run the migration" is where a
    blameless analysis starts asking again: what made that possible? People will always make
    mistakes; the chain should end at the process, tooling or design that let one mistake
    become an outage. The last `Because …` is judged, or the `Systemic factor:` line when there
    is one.

    Fails:

        ```markdown
        ## Contributing Factors

        Why did checkout fail?
        → Because the pool ceiling was too low.

        Why was the ceiling too low?
        → Because the code reviewer didn't catch the change.
        ```

    Passes:

        ```markdown
        ## Contributing Factors

        Why did checkout fail?
        → Because the pool ceiling was too low.

        Why was the ceiling too low?
        → Because the configuration schema accepts any pool size without a lower bound.
        ```
    """
    end = None if is_external(doc, opts) else chain_end(doc)
    if end is None:
        return
    text, line, kind = end
    for sentence in sentences(text):
        who = person_failure_subject(sentence)
        if who:
            yield Problem(line, f"The 5-whys chain ends at a person (\"{who}\") in its {kind} "
                                f"instead of a systemic condition.",
                          column=doc.column_of(line, who),
                          hint="Ask one more why: what made that possible? e.g. \"Why could "
                               "the change pass review? → Because nothing in the pipeline checks "
                               "capacity settings\". End at a process, tool or design.",
                          subject=text)
            return
