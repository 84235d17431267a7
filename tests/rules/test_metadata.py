import datetime as dt
import re

import pytest

from pmcheck.options import Options
from pmcheck.metavalues import business_days_between, person, severity_level
from tests.helpers import GOOD, md, problems

# examples/good.md header: Date 3, Severity 4, Duration 5, Impact 6, Author 7,
# Incident owner 8, Facilitator 9, Responders 10, Reviewers 11, Status 12.


def set_field(key: str, value: str | None) -> str:
    """GOOD with the `key:` line changed to `value` (None: blank the line, keeping lines)."""
    pattern = re.compile(rf"^{re.escape(key)}:.*$", re.M)
    assert pattern.search(GOOD), key
    return pattern.sub("" if value is None else f"{key}: {value}", GOOD, count=1)


def test_good_example_is_clean():
    assert problems(GOOD, "metadata") == []


def test_front_matter_variant_is_clean():
    body = GOOD.split("\n## Summary", 1)[1]
    text = md("""
        ---
        title: Checkout API returned errors after a connection-pool change
        date: 2026-03-14
        severity: P2
        duration: 47 minutes
        impact: About 18% of checkout requests in eu-west failed for 47 minutes.
        author: "@priya"
        incident_owner: "@marcus"
        facilitator: "@jun"
        incident-team: ["@marcus", "@lena"]
        reviewers:
          - "@lena"
          - "@sofia"
        published: 2026-03-19
        ---

        ## Summary""") + body
    assert problems(text, "metadata") == []


CASES = [
    # (key, new value or None to drop, expected findings)
    ("Date", None, [(4, "metadata.date-missing")]),  # the block now starts on line 4
    ("Date", "", [(3, "metadata.date-missing")]),
    ("Date", "14/03/2026", [(3, "metadata.date-invalid")]),
    ("Date", "2026-02-30", [(3, "metadata.date-invalid")]),
    ("Date", "2026-03-14 10:05 UTC", []),
    ("Date", "2026-03-14T10:05Z", []),
    ("Date", "20260314", [(3, "metadata.date-invalid")]),
    ("Severity", None, [(3, "metadata.severity-missing")]),
    ("Severity", "p2", []),
    ("Severity", "P2 (partial outage)", []),
    ("Severity", "P2 - partial outage", []),
    ("Severity", "SEV2", [(4, "metadata.severity-unknown")]),
    ("Severity", "Sev-1", [(4, "metadata.severity-unknown")]),
    ("Severity", "P4", [(4, "metadata.severity-unknown")]),
    ("Severity", "P22", [(4, "metadata.severity-unknown")]),
    ("Duration", None, [(3, "metadata.duration-missing")]),
    ("Duration", "1h 20m", []),
    ("Duration", "00:47", []),
    ("Duration", "10:05 to 10:52 UTC", []),
    ("Duration", "a while", [(5, "metadata.duration-invalid")]),
    ("Duration", "TBD", [(5, "metadata.duration-missing")]),  # placeholder = missing
    ("Impact", None, [(3, "metadata.impact-missing")]),
    ("Impact", "High", [(6, "metadata.impact-vague")]),
    ("Impact", "TBD", [(6, "metadata.impact-missing")]),
    ("Impact", "None", [(6, "metadata.impact-missing")]),
    ("Impact", "checkout down", [(6, "metadata.impact-vague")]),
    ("Impact", "No customer impact.", []),
    ("Author", None, [(3, "metadata.author-missing")]),
    ("Author", "TBD", [(7, "metadata.author-missing")]),
    ("Date", "<YYYY-MM-DD>", [(3, "metadata.date-missing")]),
    ("Date", "{{ incident date }}", [(3, "metadata.date-missing")]),
    ("Reviewers", "???", [(11, "metadata.reviewers-missing")]),
    ("Reviewers", None, [(3, "metadata.reviewers-missing")]),
    ("Reviewers", "@lena", [(11, "metadata.reviewer-outside-team")]),
    ("Reviewers", "@Lena, @marcus", [(11, "metadata.reviewer-outside-team")]),
    ("Reviewers", "@priya", [(11, "metadata.reviewer-outside-team")]),
    ("Reviewers", "Lena (SRE) and Sofia", []),
    ("Reviewers", "@sofia", []),
    ("Responders", None, []),  # optional; without it only owner and author are the team
    ("Facilitator", "@priya", [(9, "metadata.facilitator-independent")]),
    ("Facilitator", "@MARCUS", [(9, "metadata.facilitator-independent")]),
    ("Facilitator", None, []),
    ("Status", "Published: 2026-03-20", []),  # Sat 14th -> Fri 20th = 5 business days
    ("Status", "Published: 2026-03-23", [(12, "metadata.published-late")]),
    ("Status", "Published: 2026-03-13", [(12, "metadata.published-invalid")]),
    ("Status", "Published: next week", [(12, "metadata.published-invalid")]),
]


@pytest.mark.parametrize("key, value, expected", CASES)
def test_field_cases(key, value, expected):
    if key == "Status" and value and value.startswith("Published:"):
        text = GOOD.replace("Status: final", value, 1)
    else:
        text = set_field(key, value)
    assert problems(text, "metadata") == expected


def test_impact_section_replaces_impact_field():
    text = set_field("Impact", None).replace(
        "## Summary", "## Impact\n\nCheckout failed for 18% of requests.\n\n## Summary")
    assert problems(text, "metadata") == []


def test_no_metadata_at_all_is_one_finding_naming_every_field():
    from pmcheck.document.parse import parse
    from pmcheck.rules.metadata_missing import header

    text = "# Outage\n\n## Timeline\n\n- 10:05 UTC: Alert fires.\n"
    assert problems(text, "metadata") == [(1, "metadata.missing")]
    (p,) = list(header(parse(text, "x.md"), Options()))
    assert "(Date, Severity, Duration, Impact, Author, Reviewers)" in p.message


def test_an_impact_section_is_not_a_header_but_impact_is_not_asked_for():
    text = "# Outage\n\n## Impact\n\nCheckout failed for 18% of requests.\n"
    from pmcheck.document.parse import parse
    from pmcheck.rules.metadata_missing import header

    assert problems(text, "metadata") == [(1, "metadata.missing")]
    (p,) = list(header(parse(text, "x.md"), Options()))
    assert "Impact" not in p.message and "Reviewers" in p.message


def test_once_one_field_is_written_each_missing_one_is_reported():
    text = "# Outage\n\nDate: 2026-03-14\n\n## Timeline\n\n- 10:05 UTC: Alert fires.\n"
    assert [r for _, r in problems(text, "metadata")] == sorted(
        f"metadata.{k}-missing" for k in ("severity", "duration", "impact", "author",
                                          "reviewers"))


def test_a_placeholder_counts_as_written():
    text = "# Outage\n\nSeverity: TODO\n"
    assert problems(text, "metadata") == [(3, "metadata.author-missing"),
                                          (3, "metadata.date-missing"),
                                          (3, "metadata.duration-missing"),
                                          (3, "metadata.impact-missing"),
                                          (3, "metadata.reviewers-missing"),
                                          (3, "metadata.severity-missing")]


def test_switched_off_fields_are_not_named_and_one_left_is_reported_alone():
    from pmcheck.linter import lint_text
    from pmcheck.options import RuleSetting

    off = RuleSetting(enabled=False)
    text = "# Outage\n\n## Timeline\n\n- 10:05 UTC: Alert fires.\n"
    people_off = Options(rules=(("metadata.author-missing", off),
                                ("metadata.reviewers-missing", off)))
    found, _ = lint_text(text, "x.md", people_off)
    [f] = [f for f in found if f.category == "metadata"]
    assert f.rule == "metadata.missing" and "Author" not in f.message
    only_date = Options(rules=tuple((f"metadata.{k}-missing", off) for k in
                                    ("severity", "duration", "impact", "author", "reviewers")))
    found, _ = lint_text(text, "x.md", only_date)
    assert [(f.line, f.rule) for f in found if f.category == "metadata"] == [
        (1, "metadata.date-missing")]


def test_bad_value_points_at_value_column():
    from pmcheck.document.parse import parse
    from pmcheck.rules.metadata import date_invalid

    doc = parse(set_field("Date", "14/03/2026"), "x.md")
    (p,) = list(date_invalid(doc, Options()))
    assert (p.line, p.column, p.subject) == (3, 7, "14/03/2026")


def test_severity_hint_lists_configured_levels():
    from pmcheck.document.parse import parse
    from pmcheck.rules.metadata import severity_unknown

    opts = Options(severities=("SEV1", "SEV2"))
    doc = parse(set_field("Severity", "P2"), "x.md")
    (p,) = list(severity_unknown(doc, opts))
    assert "SEV1, SEV2" in p.hint
    assert problems(set_field("Severity", "sev2"), "metadata", opts) == []


def test_publish_limit_is_configurable():
    text = GOOD.replace("Status: final", "Published: 2026-03-23", 1)
    assert problems(text, "metadata", Options(publish_business_days=6)) == []


def test_external_documents_need_no_people_fields():
    text = md("""
        ---
        audience: external
        date: 2026-03-14
        severity: P2
        duration: 47 minutes
        impact: Some customers could not check out for 47 minutes.
        ---
        # Checkout errors on 14 March
        """)
    assert problems(text, "metadata") == []


@pytest.mark.parametrize("start, end, days", [
    (dt.date(2026, 3, 14), dt.date(2026, 3, 14), 0),  # same day
    (dt.date(2026, 3, 14), dt.date(2026, 3, 15), 0),  # Sat -> Sun
    (dt.date(2026, 3, 14), dt.date(2026, 3, 16), 1),  # Sat -> Mon
    (dt.date(2026, 3, 16), dt.date(2026, 3, 23), 5),  # Mon -> next Mon
    (dt.date(2026, 3, 20), dt.date(2026, 3, 16), 0),  # end before start
])
def test_business_days(start, end, days):
    assert business_days_between(start, end) == days


@pytest.mark.parametrize("raw, name", [
    ("@Lena", "lena"), ("Lena Smith (SRE)", "lena smith"), ("  @sofia ", "sofia"),
    ("Jun <jun@example.com>", "jun"),
])
def test_person(raw, name):
    assert person(raw) == name


@pytest.mark.parametrize("value, level", [
    ("P1", "P1"), ("p1", "P1"), ("**P1**", "P1"), ("P1: full outage", "P1"),
    ("P1\u2013full outage", "P1"), ("SEV1", None), ("P", None), ("", None),
])
def test_severity_level(value, level):
    assert severity_level(value, ("P1", "P2", "P3")) == level
