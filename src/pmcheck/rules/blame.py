"""blame: language that blames people instead of explaining the system.

Every prose block is scanned by the blame engine (:mod:`pmcheck.language`): paragraphs, list
items, table cells, headings and blockquotes. Never scanned: code blocks, HTML blocks and inline
code (the parser replaces it by a placeholder). In a table, a cell that is only a person
("| @sam | ignored the page |") is read as the subject of the next cell of its row.

Counter-examples are not blame. A guide that writes: avoid "human error", is quoting the phrase,
not using it. The engine skips a quoted phrase when the sentence around the quote marks it as an
example (avoid, instead of, rather than, don't write, not, like, e.g. ...) and skips a sentence
labelled "Bad:", "Don't:", "Avoid:" or "❌". This module adds one Markdown-level rule: a
paragraph that ends with ":" and says what to avoid ("Avoid writing:", "Instead of:", "Bad
examples:") turns the blockquotes and list items right after it into examples, up to the next
plain paragraph or heading.

Options (``.pmcheck.yml``): ``blame: {allow: [...], extra: [...]}`` — ``allow`` lists phrases
never flagged (e.g. a service called "Careless Whisper"), ``extra`` phrases your team wants
flagged as blame words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from pmcheck.document.model import Block, Document
from pmcheck.findings import Problem, Severity
from pmcheck.language import Hit, document_context, is_person_phrase, person_fix, scan
from pmcheck.options import Options
from pmcheck.rules import rule

# Phrases that announce examples of what not to write. Kept narrow on purpose: "What went
# wrong:" followed by a list is a real postmortem, not a style guide.
_EXAMPLE_CUES = ("avoid", "instead of", "rather than", "don't write", "don't say", "don't use",
                 "do not write", "do not say", "do not use", "bad example", "bad:",
                 "blameful", "not like this", "anti-pattern", "antipattern")


def _introduces_examples(block: Block) -> bool:
    if block.kind != "paragraph" or block.quoted or not block.text.rstrip().endswith(":"):
        return False
    text = block.text.strip().lower()
    return any(cue in text for cue in _EXAMPLE_CUES)


def prose_blocks(doc: Document) -> Iterator[Block]:
    """Blocks the blame rules read: prose, minus code, HTML and introduced counter-examples."""
    examples = False
    for block in doc.blocks:
        if block.kind in ("code", "html"):
            continue
        if _introduces_examples(block):
            examples = True
            yield block
            continue
        if examples and (block.quoted or block.kind == "list_item"):
            continue
        examples = False
        yield block


# Blocks repeated across documents (template lines, boilerplate) are read once while they stay
# in use. This only saves repeated work between documents: within a document `analysis`
# already reads each block once, so the memo's size never decides how often a document is
# re-read. It is small and least-recently-used, so memory stays flat on many documents.
_MEMO: dict[tuple, object] = {}
_MEMO_LIMIT = 2_000


def _remember(key: tuple, func, *args):
    """_MEMO[key], computed by func(*args) when absent; least-recently-used eviction."""
    value = _MEMO.pop(key, _MISSING)
    if value is _MISSING:
        value = func(*args)
        if len(_MEMO) >= _MEMO_LIMIT:
            del _MEMO[next(iter(_MEMO))]
    _MEMO[key] = value
    return value


_MISSING = object()


def _scan(text: str, allow: tuple[str, ...], extra: tuple[str, ...], context) -> tuple[Hit, ...]:
    if context[0] or context[1]:  # only the names this text contains change its hits
        low = text.lower()
        context = (frozenset(w for w in context[0] if w in low),
                   frozenset(w for w in context[1] if w in low))
    return _remember((text, allow, extra, context), _scan_now, text, allow, extra, context)


def _scan_now(text: str, allow, extra, context) -> tuple[Hit, ...]:
    return tuple(scan(text, allow=allow, extra=extra, context=context))


def _memo(tag: str, text: str, func):
    return _remember((tag, text), func, text)


_NO_CONTEXT: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


def _context(doc: Document) -> tuple[frozenset[str], frozenset[str]]:
    """The people and systems this document names (see language.document_context)."""
    values = [f.value for f in doc.metadata.fields if f.key in _PEOPLE_KEYS]
    owners = [a.owner for a in doc.actions if a.owner]
    # The title and sub-section headings name systems ("Hellman Kubernetes IaC accidentally
    # reverted"); the level-2 section names are the template's own words.
    headings = [h.text for h in doc.headings if h.level != 2]
    if not values and not owners and not headings:
        return _NO_CONTEXT
    return document_context(values, owners, (b.text for b in doc.blocks), headings)


_PEOPLE_KEYS = frozenset("author reviewers responders facilitator incident-owner".split())


def _row_hits(prev: Block | None, block: Block, allow: tuple[str, ...],
              extra: tuple[str, ...], context) -> tuple[Hit, ...]:
    """Hits in a block; a table cell right after an actor cell ("| @sam | ignored the page |")
    is read with the actor as its subject, and its hits are clipped to the cell."""
    if (prev is None or block.kind != "table_cell" or prev.kind != "table_cell"
            or prev.line != block.line or not _memo("actor", prev.text, is_person_phrase)):
        return _scan(block.text, allow, extra, context)
    prefix = prev.text.strip() + " "
    out = []
    for hit in _scan(prefix + block.text, allow, extra, context):
        if hit.end <= len(prefix):
            continue  # a hit inside the actor cell alone is reported with that cell
        start = max(0, hit.start - len(prefix))
        end = hit.end - len(prefix)
        out.append(replace(hit, start=start, end=end, phrase=block.text[start:end]))
    return tuple(out)


_ANALYSIS = "_pmcheck_blame_analysis"


def analysis(doc: Document, opts: Options) -> dict[str, list[tuple[Block, Hit]]]:
    """Every blame hit of the document, by kind: the engine reads each prose block once.

    Computed on first use and kept on the Document (keyed by the options that change it), so
    the four blame rules share one pass. No size-bounded cache is involved.
    """
    key = (opts.blame_allow, opts.blame_extra, opts.blame_self_hindsight)
    cached = doc.__dict__.get(_ANALYSIS)
    if cached is not None and cached[0] == key:
        return cached[1]
    by_kind: dict[str, list[tuple[Block, Hit]]] = {}
    prev: Block | None = None
    context = _context(doc)
    for block in prose_blocks(doc):
        hits = _row_hits(prev, block, opts.blame_allow, opts.blame_extra, context)
        prev = block
        if not opts.blame_self_hindsight:
            hits = tuple(h for h in hits if not _self_hindsight(h))
        if not hits:
            continue
        fix = _memo("fix", block.text, person_fix) if block.section == "action-items" else None
        for hit in hits:
            if fix and hit.kind == "blame-word" and fix.lower() in block.text[
                    max(0, hit.start - len(fix)):hit.end + len(fix)].lower():
                continue  # actions.fixes-person already reports this action item
            by_kind.setdefault(hit.kind, []).append((block, hit))
    object.__setattr__(doc, _ANALYSIS, (key, by_kind))  # Document is frozen; this is a memo
    return by_kind


def _self_hindsight(hit: Hit) -> bool:
    """A counterfactual about the writer or the team ("we should have ...")."""
    return hit.kind == "counterfactual" and hit.subject.lower() in ("we", "i")


def _hits(doc: Document, opts: Options, kind: str) -> Iterator[tuple[Block, Hit]]:
    yield from analysis(doc, opts).get(kind, ())


def _sentence(block: Block, hit: Hit) -> str:
    from pmcheck.language import sentences

    for a, b in sentences(block.text):
        if a <= hit.start < b:
            return " ".join(block.text[a:b].split())
    return hit.phrase


def _problems(doc: Document, opts: Options, kind: str) -> Iterator[Problem]:
    for block, hit in _hits(doc, opts, kind):
        line = block.line_of(hit.start)
        first = hit.phrase.split("\n", 1)[0]
        yield Problem(line=line, message=hit.message, column=doc.column_of(line, first),
                      end_line=block.line_of(hit.end), hint=hit.hint,
                      subject=_sentence(block, hit))


@rule("blame.blame-word", Severity.ERROR)
def check_blame_word(doc: Document, opts: Options):
    """A word or phrase judges a person ("human error", "careless", "dropped the ball").

    Words like these end the inquiry: once the cause is "human error" nobody asks why the
    error was easy to make. They also tell readers that incidents end in blame, so the next
    person hides their part. Describe the conditions instead: what the person saw, what the
    tools allowed, what competed for their attention. Technical senses are not flagged
    (lazy loading, fault tolerance, error budget, human-readable), nor is "reduce the risk of
    human error". Options: `blame.allow` (phrases never flagged), `blame.extra` (phrases
    always flagged).

    Fails:

        ```markdown
        ## Root Cause

        The root cause was human error during the failover.
        ```

    Passes:

        ```markdown
        ## Root Cause

        The failover script accepted the production cluster name without a confirmation
        prompt, and staging and production share the same context name.
        ```
    """
    yield from _problems(doc, opts, "blame-word")


@rule("blame.person-as-cause", Severity.ERROR)
def check_person_as_cause(doc: Document, opts: Options):
    """A person, @handle, role or team is the subject of a failure ("Bob missed the alert").

    Examples: "the on-call engineer missed the alert", "the DBA ran the migration without a
    backup", "@alice forgot to renew the certificate", "Bob didn't check the flag", "Dave
    didn't restart envoy", "the on-call engineer failed to restart the sidecars", and a second
    clause sharing the person ("Dave rotated the cert by hand and forgot to restart envoy").
    Naming who failed explains nothing about why the failure was possible, and the same
    conditions will catch the next person. Make the system the subject: what let the alert go
    unnoticed, what allowed a migration without a backup. People doing neutral or positive
    things ("@marcus rolled back the deploy") and systems failing ("the health check failed to
    detect the node") are fine. So is an omission the sentence explains by the system ("Dave
    did not see an alert because none fired", "@dave did not page anyone because the runbook
    said to wait") or only dates ("Dave didn't restart envoy until 10:40"), and a negation
    that is not a skipped step ("didn't need to", "didn't know", "didn't hesitate", "was never
    paged"). A bot handle, "I" and "we" are not blamed for an omission.

    Fails:

        ```markdown
        ## Timeline

        - 14:05 The on-call engineer missed the disk-space alert.
        ```

    Passes:

        ```markdown
        ## Timeline

        - 14:05 The disk-space alert fired in a channel that had 47 other alerts that week.
        - 14:20 @marcus acknowledged the page and rolled back the deploy.
        ```
    """
    yield from _problems(doc, opts, "person-failure")


@rule("blame.counterfactual", Severity.WARNING)
def check_counterfactual(doc: Document, opts: Options):
    """A counterfactual is aimed at a person ("X should have …", "if X had …").

    Also "X could have prevented …", "had X checked …", and self or collective hindsight ("we
    should have rolled back sooner", "had we not rushed the launch"); set
    `blame.self-hindsight: false` to leave "we/I" out. A missing safeguard ("we should have
    had a canary stage") is the systemic reframing and is not flagged. Hindsight makes the right action look
    obvious; at the time it was not. Counterfactuals describe a world that did not happen
    instead of the one that did. Describe what the person knew and saw, and what would have
    made the better action the easy one. Counterfactuals about systems ("the alert should have
    fired") are not flagged.

    Fails:

        ```markdown
        ## What Could Have Gone Better

        The engineer should have checked the replica lag before promoting.
        ```

    Passes:

        ```markdown
        ## What Could Have Gone Better

        The promotion runbook does not show replica lag, so the step relies on memory.
        ```
    """
    yield from _problems(doc, opts, "counterfactual")


@rule("blame.blame-question", Severity.WARNING)
def check_blame_question(doc: Document, opts: Options):
    """A question asks who failed ("Who is responsible for the outage?").

    Also "Why didn't the engineer escalate?", "How could they miss this?". Questions aimed at a
    person put them on the defensive and steer the review to fault. Ask about conditions: "What
    conditions made this possible?", "What information did the on-call engineer have at the
    time?" — those questions are not flagged.

    Fails:

        ```markdown
        ## Lessons Learned

        Why didn't the on-call engineer escalate sooner?
        ```

    Passes:

        ```markdown
        ## Lessons Learned

        What information did the on-call engineer have when deciding whether to escalate?
        ```
    """
    yield from _problems(doc, opts, "blame-question")
