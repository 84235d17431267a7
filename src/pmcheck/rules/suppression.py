"""suppression: disable comments say why, and name rules that exist.

A finding can be silenced with an HTML comment (the linter applies them):

- ``<!-- pmcheck-disable RULE -- reason -->`` from that line on, until
  ``<!-- pmcheck-enable RULE -->``; placed above the first ``##`` section it covers the whole
  file, title and metadata included;
- ``<!-- pmcheck-disable-next-line RULE -- reason -->`` for the next non-blank line;
- ``<!-- pmcheck-disable-line RULE -- reason -->`` after the text, for its own line (in a
  table row, inside the last cell: ``| ... | open <!-- pmcheck-disable-line ... --> |``).

RULE is a rule id (``timeline.not-chronological``), a category (``timeline``), several of them separated
by commas or spaces, or nothing for every rule. Findings of this category cannot be silenced
by comments (only in ``.pmcheck.yml``), so a comment cannot hide its own missing reason.
"""

from __future__ import annotations

import difflib
import re
from typing import Iterator

from pmcheck.document.model import Directive, Document
from pmcheck.findings import Problem, Severity
from pmcheck.options import Options
from pmcheck.rules import CATEGORIES, all_rules, rule


KINDS = ("disable-next-line", "disable-line", "disable", "enable")


_WRITTEN = re.compile(r"<!--\s*(pmcheck-[A-Za-z][\w-]*)")


def misspelt_directives(doc: Document) -> dict[int, str]:
    """Line -> 'pmcheck-disable-file' for each comment naming a directive that does not exist,
    outside code blocks. Read from the lines, not from ``doc.directives``: the parser may read
    ``pmcheck-disable-file X`` as ``pmcheck-disable`` naming the rule '-file', and a
    stricter parser would drop it; either way it is reported here."""
    code = {n for b in doc.blocks if b.kind == "code" for n in range(b.line, b.end_line + 1)}
    out: dict[int, str] = {}
    for n, text in enumerate(doc.lines, 1):
        if n in code or "pmcheck-" not in text:
            continue
        for m in _WRITTEN.finditer(text):
            if m.group(1).lower() not in {f"pmcheck-{k}" for k in KINDS}:
                out.setdefault(n, m.group(1))
    return out


def misspelt_directive(doc: Document, d: Directive) -> str | None:
    """The misspelt name when the parser read directive `d` out of one (its first rule is the
    glued suffix: 'pmcheck-disable-file' -> disable, '-file'), else None."""
    if not d.rules or not d.rules[0].startswith("-"):
        return None
    written = f"pmcheck-{d.kind}{d.rules[0]}"
    return written if misspelt_directives(doc).get(d.line, "").lower() == written.lower() \
        else None


@rule("suppression.missing-reason", Severity.ERROR)
def missing_reason(doc: Document, opts: Options) -> Iterator[Problem]:
    """A disable comment gives its reason after ` -- `.

    A silenced finding is a decision someone made; without the reason a reviewer cannot tell
    a considered exception from a way to get a red check green, and nobody can revisit it
    later. The comment still silences its findings; this finding asks for the reason.

    Fails:

        ```markdown
        <!-- pmcheck-disable-next-line timeline.not-chronological -->
        - 09:58: The deploy started (clock skew on the deploy host).
        ```

    Passes:

        ```markdown
        <!-- pmcheck-disable-next-line timeline.not-chronological -- deploy host clock was 7 min fast -->
        - 09:58: The deploy started (clock skew on the deploy host).
        ```
    """
    for d in doc.directives:
        if d.kind != "enable" and not d.reason.strip() and misspelt_directive(doc, d) is None:
            yield Problem(
                line=d.line, column=doc.column_of(d.line, "<!--"),
                message=f"pmcheck-{d.kind} has no reason.",
                hint="Say why after ' -- ', e.g. <!-- pmcheck-disable RULE -- why it is fine "
                     "here -->.",
                subject=f"{d.kind} {' '.join(d.rules)}")


@rule("suppression.unknown-rule", Severity.WARNING)
def unknown_rule(doc: Document, opts: Options) -> Iterator[Problem]:
    """A disable or enable comment names an existing rule id or category.

    A misspelt rule name silences nothing, so the finding it was meant for stays, and the
    comment misleads the next reader. `pmcheck rules` lists every id. A misspelt directive
    (`pmcheck-disable-lines`) is reported too, with the directive it probably meant.

    Fails:

        ```markdown
        <!-- pmcheck-disable timline -- times copied from the vendor's status page -->
        ```

    Passes:

        ```markdown
        <!-- pmcheck-disable timeline -- times copied from the vendor's status page -->
        ```
    """
    known = {r.id for r in all_rules()} | set(CATEGORIES) | {"all"}
    for line, written in misspelt_directives(doc).items():
        close = difflib.get_close_matches(written.lower(), [f"pmcheck-{k}" for k in KINDS], n=1)
        yield Problem(
            line=line, column=doc.column_of(line, written),
            message=f"unknown directive {written}"
                    + (f"; did you mean {close[0]}?" if close else "."),
            hint="Use pmcheck-disable-next-line, pmcheck-disable-line, pmcheck-disable or "
                 "pmcheck-enable.",
            subject=written)
    for d in doc.directives:
        names = d.rules[1:] if misspelt_directive(doc, d) else d.rules
        for name in names:
            if name not in known:
                yield Problem(
                    line=d.line, column=doc.column_of(d.line, name),
                    message=f"pmcheck-{d.kind} names unknown rule {name!r}.",
                    hint="Use a rule id or category from `pmcheck rules`.",
                    subject=name)
