"""metadata: the `Key: value` header (or front matter) is complete and its values make sense."""

from __future__ import annotations

import re
from typing import Iterator

from pmcheck.document.model import Document, MetaField
from pmcheck.durations import parse_minutes
from pmcheck.findings import Problem, Severity
from pmcheck.metavalues import (business_days_between, is_placeholder, iso_date, iso_rewrite,
                                 people, severity_level)
from pmcheck.options import Options
from pmcheck.rules import rule
from pmcheck.rules.fixes import replace_on_line

_VAGUE = re.compile(r"^\W*(?:tbd|tba|todo|n/?a|unknown|none|minor|major|some|yes|no|low|medium|"
                    r"high|critical|significant|severe|moderate|limited|see below|\?+|-+)?\W*$",
                    re.IGNORECASE)
_MIN_IMPACT_WORDS = 3

def field(doc: Document, key: str) -> MetaField | None:
    """The field, or None when absent, blank or a placeholder ("TBD", "<date>")."""
    f = doc.metadata.get(key)
    return f if f is not None and not is_placeholder(f.value) else None



@rule("metadata.date-invalid", Severity.ERROR)
def date_invalid(doc: Document, opts: Options) -> Iterator[Problem]:
    """The Date is an ISO date (YYYY-MM-DD).

    "03/04/2026" is the 3rd of April in Europe and the 4th of March in the US; ISO dates are
    unambiguous, sort as text, and are what due dates and publication deadlines are counted
    from. A time may follow the date ("2026-03-14 10:05 UTC"). A date that can only be read
    one way ("March 14, 2026", "14 March 2026", "2026/03/14", "14/03/2026") comes with a
    suggested fix in pull-request reviews.

    Fails:

        ```markdown
        # Checkout outage

        Date: March 14, 2026
        ```

    Passes:

        ```markdown
        # Checkout outage

        Date: 2026-03-14
        ```
    """
    f = field(doc, "date")
    if f is not None and iso_date(f.value) is None:
        yield Problem(line=f.line, column=f.column,
                      message=f"Date '{f.value}' is not an ISO date (YYYY-MM-DD).",
                      hint="Write the incident date as YYYY-MM-DD, e.g. 'Date: 2026-03-14'.",
                      subject=f.value, suggestion=iso_suggestion(doc, f))


def iso_suggestion(doc: Document, f: MetaField) -> str | None:
    """The field's line with its value's date rewritten as ISO, when that is certain."""
    iso = iso_rewrite(f.value)
    return replace_on_line(doc, f.line, f.value, iso, f.column) if iso else None


@rule("metadata.severity-unknown", Severity.ERROR)
def severity_unknown(doc: Document, opts: Options) -> Iterator[Problem]:
    """The Severity is one of the configured levels.

    Severity drives review depth and due dates, so it must be one of the levels your team
    defined, not a free-form word. Matching is case-insensitive on the whole value or its first
    word ("P2", "p2", "P2 (partial outage)"); other spellings such as "SEV2" or "Sev-2" are
    not guessed, because the mapping between schemes differs between teams: configure the
    levels you use instead. Options: `severities` (default P1, P2, P3).

    Fails:

        ```markdown
        # Checkout outage

        Severity: high
        ```

    Passes:

        ```markdown
        # Checkout outage

        Severity: P2
        ```
    """
    f = field(doc, "severity")
    if f is not None and severity_level(f.value, opts.severities) is None:
        known = ", ".join(opts.severities)
        yield Problem(line=f.line, column=f.column,
                      message=f"Severity '{f.value}' is not a configured level.",
                      hint=f"Use one of: {known} (or configure 'severities' in .pmcheck.yml).",
                      subject=f.value)


@rule("metadata.duration-invalid", Severity.ERROR)
def duration_invalid(doc: Document, opts: Options) -> Iterator[Problem]:
    """The Duration can be read as a length of time.

    A duration such as "47 minutes", "1h 20m", "2 hours", "00:47" or "10:05-10:52 UTC" can
    be compared with the timeline and summed across incidents; "a while" or "TBD" cannot.

    Fails:

        ```markdown
        # Checkout outage

        Duration: most of the afternoon
        ```

    Passes:

        ```markdown
        # Checkout outage

        Duration: 1h 20m
        ```
    """
    f = field(doc, "duration")
    if f is not None and parse_minutes(f.value) is None:
        yield Problem(line=f.line, column=f.column,
                      message=f"Duration '{f.value}' is not a length of time.",
                      hint="Write it as e.g. '47 minutes', '1h 20m' or '2 hours'.",
                      subject=f.value)


@rule("metadata.impact-vague", Severity.WARNING)
def impact_vague(doc: Document, opts: Options) -> Iterator[Problem]:
    """The Impact says who was affected and how, not just a word.

    "Minor", "High" or "TBD" tell a reader nothing; an impact statement names the affected
    users or systems and the size of the effect ("18% of checkout requests failed for 47
    minutes"). Flagged when the value is a placeholder or a rating word, or shorter than
    three words.

    Fails:

        ```markdown
        # Checkout outage

        Impact: High
        ```

    Passes:

        ```markdown
        # Checkout outage

        Impact: About 18% of checkout requests in eu-west failed for 47 minutes.
        ```
    """
    f = field(doc, "impact")
    if f is None:
        return
    if _VAGUE.match(f.value) or len(re.findall(r"\w+", f.value)) < _MIN_IMPACT_WORDS:
        yield Problem(line=f.line, column=f.column,
                      message=f"Impact '{f.value}' does not say who was affected or how much.",
                      hint="Name the affected users or systems and the size of the effect, "
                           "e.g. '18% of checkout requests failed for 47 minutes'.",
                      subject=f.value)


@rule("metadata.reviewer-outside-team", Severity.ERROR)
def reviewer_outside_team(doc: Document, opts: Options) -> Iterator[Problem]:
    """At least one Reviewer is outside the incident team.

    People who handled the incident share its blind spots; a reviewer from outside the team
    asks the questions the responders no longer see. The incident team is the Responders
    (alias: Incident team) plus the Incident owner; the Author does not count as a reviewer
    either. Names are compared case-insensitively, ignoring a leading `@` and anything in
    parentheses. Documents with `audience: external` are not checked.

    Fails:

        ```markdown
        # Checkout outage

        Responders: @marcus, @lena
        Reviewers: @lena
        ```

    Passes:

        ```markdown
        # Checkout outage

        Responders: @marcus, @lena
        Reviewers: @lena, @sofia
        ```
    """
    f = field(doc, "reviewers")
    if f is None or doc.audience == "external":
        return
    team = set(people(field(doc, "responders"))) | set(people(field(doc, "incident-owner")))
    team |= set(people(field(doc, "author")))
    reviewers = people(f)
    if reviewers and all(r in team for r in reviewers):
        yield Problem(line=f.line, column=f.column,
                      message="Every reviewer took part in the incident or wrote the document.",
                      hint="Add a reviewer who is not among the Responders, the Incident owner "
                           "or the Author.", subject=f.value)


@rule("metadata.facilitator-independent", Severity.WARNING)
def facilitator_independent(doc: Document, opts: Options) -> Iterator[Problem]:
    """The Facilitator is neither the Author nor the Incident owner.

    The facilitator keeps the review blameless and on track; the author and the incident
    owner are the people whose account is being examined, so they cannot also moderate it.
    Only checked when a Facilitator is given.

    Fails:

        ```markdown
        # Checkout outage

        Author: @priya
        Facilitator: @Priya
        ```

    Passes:

        ```markdown
        # Checkout outage

        Author: @priya
        Incident owner: @marcus
        Facilitator: @jun
        ```
    """
    f = field(doc, "facilitator")
    if f is None or doc.audience == "external":
        return
    for key, name in (("author", "Author"), ("incident-owner", "Incident owner")):
        clash = set(people(f)) & set(people(field(doc, key)))
        if clash:
            yield Problem(line=f.line, column=f.column,
                          message=f"The Facilitator is also the {name} ({', '.join(sorted(clash))}).",
                          hint="Ask someone who neither wrote the document nor owned the "
                               "incident to facilitate the review.", subject=f"{key}:{f.value}")
            return


@rule("metadata.published-invalid", Severity.ERROR)
def published_invalid(doc: Document, opts: Options) -> Iterator[Problem]:
    """Published, when given, is an ISO date on or after the incident Date.

    The publication date is counted against the incident date; it has to be readable and
    cannot precede the incident.

    Fails:

        ```markdown
        # Checkout outage

        Date: 2026-03-14
        Published: 2026-03-10
        ```

    Passes:

        ```markdown
        # Checkout outage

        Date: 2026-03-14
        Published: 2026-03-18
        ```
    """
    f = field(doc, "published")
    if f is None:
        return
    published = iso_date(f.value)
    date_f = field(doc, "date")
    incident = iso_date(date_f.value) if date_f else None
    if published is None:
        yield Problem(line=f.line, column=f.column,
                      message=f"Published '{f.value}' is not an ISO date (YYYY-MM-DD).",
                      hint="Write it as YYYY-MM-DD, e.g. 'Published: 2026-03-18'.",
                      subject=f.value, suggestion=iso_suggestion(doc, f))
    elif incident is not None and published < incident:
        yield Problem(line=f.line, column=f.column,
                      message=f"Published {published} is before the incident Date {incident}.",
                      hint="Fix the Published or the Date value.", subject=f.value)


@rule("metadata.published-late", Severity.WARNING)
def published_late(doc: Document, opts: Options) -> Iterator[Problem]:
    """The postmortem was published within N business days of the incident.

    Memories fade and logs rotate: a postmortem written weeks later reconstructs instead of
    remembering, and its action items start late. Business days are Monday to Friday after
    the incident Date (public holidays are not known). Only checked when both Date and
    Published are ISO dates. Options: `publish-business-days` (default 5).

    Fails:

        ```markdown
        # Checkout outage

        Date: 2026-03-14
        Published: 2026-04-02
        ```

    Passes:

        ```markdown
        # Checkout outage

        Date: 2026-03-14
        Published: 2026-03-20
        ```
    """
    f, date_f = field(doc, "published"), field(doc, "date")
    if f is None or date_f is None:
        return
    published, incident = iso_date(f.value), iso_date(date_f.value)
    if published is None or incident is None:
        return
    days = business_days_between(incident, published)
    limit = opts.publish_business_days
    if days > limit:
        yield Problem(line=f.line, column=f.column,
                      message=f"Published {days} business days after the incident "
                              f"(limit {limit}).",
                      hint="Publish postmortems within the limit; if this one is late for a "
                           "reason, say so and suppress with a pmcheck-disable comment.",
                      subject=f.value)
