"""Metadata as authors write it: under an empty '##', as headings, with longer key names, in a
leading Field | Value table; CRLF and BOM change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmcheck.document.extract import canonical_key
from pmcheck.document.parse import parse
from pmcheck.options import Options
from tests.helpers import md, problems

FIXTURE = (Path(__file__).with_name("fixtures") / "header-as-headings.md").read_text("utf-8")


def _meta(text: str) -> dict[str, str]:
    doc = parse(text, "pm.md", Options().template)
    return {f.key: f.value for f in doc.metadata.fields}


@pytest.mark.parametrize("raw,key", [
    ("Date of incident", "date"), ("Incident date", "date"), ("Time to resolve", "duration"),
    ("Authors", "author"), ("Author(s)", "author"), ("Severity level", "severity"),
    ("Incident Severity Level", "severity"), ("Postmortem authors", "author"),
    ("Date of the incident", "date"), ("Reviewed by", "reviewers"),
    ("Timeline", None), ("Root cause", None), ("Level", None),
])
def test_key_words(raw, key):
    assert canonical_key(raw) == key


def test_header_under_empty_heading_and_as_headings():
    assert _meta(FIXTURE) == {"date": "2026-02-03", "severity": "SEV2",
                              "incident-owner": "@rosa", "duration": "1h 40m"}


def test_crlf_and_bom():
    assert _meta("\ufeff" + FIXTURE.replace("\n", "\r\n")) == _meta(FIXTURE)


def test_heading_metadata_is_not_a_missing_header():
    assert problems(FIXTURE, "metadata.missing") == []


def test_leading_field_value_table():
    text = md("""
        # Outage

        | Field | Value |
        |-------|-------|
        | **Incident date** | 2026-02-03 |
        | Severity level | SEV1 |

        ## Summary

        text
        """)
    assert _meta(text) == {"date": "2026-02-03", "severity": "SEV1"}


def test_a_real_section_ends_the_header():
    text = md("""
        # Outage

        Date: 2026-02-03

        ## Impact

        Status: customers saw errors
        """)
    assert _meta(text) == {"date": "2026-02-03"}


def test_other_key_value_headings_stay_in_the_header():
    text = md("""
        # Deployment failure

        ## Level: Internal

        ## Author(s)

        - Dana Ellis <dana@example.com>

        ## Summary

        text
        """)
    assert _meta(text) == {"author": "Dana Ellis <dana@example.com>"}


def test_created_by_is_the_author():
    assert canonical_key("Created By") == "author"
