"""metadata (required fields): Date, Severity, Duration, Impact, Author and Reviewers are
filled in. Author and Reviewers are not required in external documents.

One finding per omission, not six on one line: a document with none of the required fields
(no header at all) gets one ``metadata.missing`` finding naming them; once any one is
written, each missing field is reported by its own ``metadata.<field>-missing`` rule.
"""

from __future__ import annotations

import textwrap
from typing import Iterator

from pmcheck.document.extract import FROM_TITLE
from pmcheck.document.model import Document
from pmcheck.findings import Problem, Severity
from pmcheck.options import Options
from pmcheck.rules import rule
from pmcheck.rules.metadata import field

# key -> (display name, example value) for the fields every internal postmortem needs.
REQUIRED = {
    "date": ("Date", "2026-03-14"),
    "severity": ("Severity", "P2"),
    "duration": ("Duration", "47 minutes"),
    "impact": ("Impact", "18% of checkout requests failed for 47 minutes"),
    "author": ("Author", "@priya"),
    "reviewers": ("Reviewers", "@lena, @sofia"),
}
PEOPLE_FIELDS = ("author", "reviewers")  # not required in external documents

_WHY = {
    "date": "The incident date anchors everything else: action-item due dates, publication "
            "deadlines and the follow-up report are all counted from it.",
    "severity": "Severity decides who reviews the postmortem and how fast its action items "
                "are due; a postmortem without one cannot be triaged.",
    "duration": "How long the incident lasted is the first thing readers ask and the number "
                "the timeline is checked against.",
    "impact": "Impact says who was affected and how badly; without it nobody can judge the "
              "priority of the follow-up work. An `## Impact` section with content also "
              "counts.",
    "author": "Someone owns the document: reviewers know whom to ask and the follow-up bot "
              "knows whom to mention.",
    "reviewers": "A postmortem nobody outside the author reviewed has not been reviewed.",
}


def applicable(doc: Document) -> list[str]:
    """The required keys for this document (no people fields in external documents)."""
    return [k for k in REQUIRED if not (k in PEOPLE_FIELDS and doc.audience == "external")]


def satisfied(doc: Document, key: str) -> bool:
    """The field has a real value (or, for Impact, an `## Impact` section has content)."""
    if key == "impact":
        s = doc.section("impact")
        if s is not None and s.has_content:
            return True
    return field(doc, key) is not None


def absent(doc: Document, opts: Options) -> list[str]:
    """Required keys with no line at all (not even a placeholder) whose -missing rule is on."""
    return [k for k in applicable(doc) if doc.metadata.get(k) is None and not satisfied(doc, k)
            and opts.rule_setting(f"metadata.{k}-missing").enabled]


def header_missing(doc: Document, opts: Options) -> bool:
    """No required field is written in the header at all (an `## Impact` section does not
    count as a header) and `metadata.missing` reports them together."""
    return (opts.rule_setting("metadata.missing").enabled
            and not any(doc.metadata.get(k) is not None
                        and doc.metadata.get(k).raw_key != FROM_TITLE for k in applicable(doc))
            and len(absent(doc, opts)) >= 2)


def _line(doc: Document) -> int:
    return min(doc.metadata.line, len(doc.lines) or 1)


@rule("metadata.missing", Severity.ERROR)
def header(doc: Document, opts: Options) -> Iterator[Problem]:
    """The postmortem has a metadata header.

    Date, Severity, Duration, Impact, Author and Reviewers (the last two not in external
    documents) are what triage, reviews, the timeline check and the follow-up job read. When
    none of them is written, this one finding names them all instead of one finding per
    field; once any is written, each missing one is reported by its own
    `metadata.<field>-missing` rule. A field whose rule is switched off is not asked for.

    The header is read where authors write it: YAML (`---`) or TOML (`+++`) front matter,
    `Key: value` lines (plain, bold or in a bulleted list), Key | Value table rows,
    definition-list lines (`Date` then `: 2026-03-14`), and headings (`## Owner: @x`, or
    `### Date` with the value below), all above the first section. Values are quoted back
    as written (Markdown emphasis and code marks resolved). Keys are matched by their words:
    `Incident date` and `Date of incident` are the Date; `Sev` and `Level` the Severity;
    `Impact summary` the Impact; `Participants` and `Responders` the responders; `Incident
    commander` and `IC` the incident owner (who ran the response, which is why they are not
    taken as the Facilitator, who runs the review). With no Date field, an ISO date in the
    title ("# 2018-01-18, reddit hugs mybinder") is the Date; it alone is not a header.

    Fails:

        ```markdown
        # Checkout outage

        ## Summary
        ```

    Passes:

        ```markdown
        # Checkout outage

        Date: 2026-03-14
        Severity: P2
        Duration: 47 minutes
        Impact: 18% of checkout requests failed for 47 minutes.
        Author: @priya
        Reviewers: @lena, @sofia
        ```
    """
    if header_missing(doc, opts):
        names = [REQUIRED[k][0] for k in absent(doc, opts)]
        yield Problem(line=_line(doc),
                      message=f"The postmortem has no metadata header ({', '.join(names)}).",
                      hint="Add a 'Key: value' line for each below the title (e.g. "
                           "'Date: 2026-03-14', 'Severity: P2'), or the same keys in YAML "
                           "front matter.", subject="metadata")


def _missing(key: str):
    name, example = REQUIRED[key]

    def check(doc: Document, opts: Options) -> Iterator[Problem]:
        if key not in applicable(doc) or satisfied(doc, key) or header_missing(doc, opts):
            return
        f = doc.metadata.get(key)
        if f is not None and f.value.strip():
            yield Problem(line=f.line, column=f.column,
                          message=f"Metadata field '{name}' holds a placeholder ('{f.value}').",
                          hint=f"Fill it in, e.g. '{name}: {example}'.", subject=key)
        else:
            yield Problem(line=f.line if f else _line(doc),
                          message=f"Metadata field '{name}' is missing.",
                          hint=f"Add a line '{name}: {example}' to the header "
                               "(or the same key to the front matter).", subject=key)

    other = "severity" if key == "date" else "date"
    article = "an" if name[0] in "AEIOU" else "a"
    why = textwrap.fill(
        f"{_WHY[key]} Write it as `{name}: value` before the first `##` section, or as "
        f"`{key}:` in YAML front matter; a blank value or a placeholder (\"TBD\", \"TODO\", "
        "\"N/A\", \"<...>\", \"{{...}}\") counts as missing. A document with no required "
        "field at all is reported once, by `metadata.missing`.", width=88,
        subsequent_indent="    ", break_on_hyphens=False)
    check.__doc__ = f"""The metadata has {article} {name} field.

    {why}

    Fails:

        ```markdown
        # Checkout outage

        {REQUIRED[other][0]}: {REQUIRED[other][1]}
        ```

    Passes:

        ```markdown
        # Checkout outage

        {name}: {example}
        ```
    """
    return check


for _key in REQUIRED:
    rule(f"metadata.{_key}-missing", Severity.ERROR)(_missing(_key))
