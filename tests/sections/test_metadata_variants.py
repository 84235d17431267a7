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
    ("Timeline", None), ("Root cause", None), ("Level", "severity"), ("Sev", "severity"),
    ("Impact summary", "impact"), ("Incident commander", "incident-owner"),
    ("IC", "incident-owner"), ("Participants", "responders"), ("Responders", "responders"),
    ("Date/time", "date"), ("Priority", None), ("Description", None),
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
    assert _meta(text) == {"severity": "Internal", "author": "Dana Ellis <dana@example.com>"}


def test_created_by_is_the_author():
    assert canonical_key("Created By") == "author"


FIXTURES = Path(__file__).with_name("fixtures")


def _fixture(name: str):
    return parse((FIXTURES / name).read_text("utf-8"), name, Options().template)


def _fields(doc) -> dict[str, tuple[str, int, int]]:
    return {f.key: (f.value, f.line, f.column) for f in doc.metadata.fields}


def test_toml_front_matter():
    doc = _fixture("toml-front-matter.md")
    assert doc.title is not None and doc.title.text == 'Search index rebuild stalled "reindex" jobs'
    assert _fields(doc) == {"date": ("2025-11-04", 3, 8),
                            "author": ("Mireille Okafor, Tomasz Wrona", 4, 11),
                            "severity": ("SEV3", 5, 12), "duration": ("2h 15m", 6, 12)}
    assert doc.metadata.get("author").items == ("Mireille Okafor", "Tomasz Wrona")
    assert doc.front_matter["extra"] == {"team": "search"}  # [tables] read, not metadata
    assert [s.key for s in doc.sections] == ["summary", "timeline"]


def test_toml_front_matter_not_valid():
    text = '+++\ntitle = "x"\nauthors = ["a",\n+++\n\n## Summary\n'
    doc = parse(text, "t.md", Options().template)
    assert [(n[0], n[1]) for n in doc.parse_notes] == [(4, "front-matter-invalid")]


def test_a_lone_plus_line_is_no_front_matter():
    doc = parse("+++\n\n# Title\n\nDate: 2026-01-02\n", "t.md", Options().template)
    assert doc.title.text == "Title" and _fields(doc)["date"][0] == "2026-01-02"


def test_front_matter_title_with_level_one_sections():
    doc = _fixture("front-matter-title-h1-sections.md")
    assert (doc.title.text, doc.title.line) == ("Payment webhooks delivered twice", 2)
    assert _fields(doc) == {"date": ("2025-08-19", 7, 1), "severity": ("SEV2", 11, 1)}
    assert [(s.key, s.line) for s in doc.sections] == [("summary", 13), ("timeline", 17)]


def test_front_matter_title_repeated_as_heading_is_the_title():
    text = md("""
        ---
        title: Cache stampede
        ---

        # Cache stampede

        Date: 2026-01-05

        # Timeline

        - 10:00 UTC start
        """)
    doc = parse(text, "t.md", Options().template)
    assert (doc.title.text, doc.title.line) == ("Cache stampede", 5)  # findings anchor here
    assert problems(text, "structure.title-multiple") == [(9, "structure.title-multiple")]
    assert problems(text, "structure.title-missing") == []


def test_definition_list_header():
    doc = _fixture("definition-list-header.md")
    assert _fields(doc) == {"date": ("2024-01-02", 4, 3), "severity": ("SEV3 (minor)", 7, 5),
                            "incident-owner": ("@ana_lima", 10, 4),
                            "responders": ("@kofi, @ines_r", 13, 3)}


def test_key_value_table_and_bold_bullets():
    doc = _fixture("table-and-bullet-header.md")
    assert _fields(doc) == {
        "date": ("2026-05-07", 5, 19), "severity": ("SEV1", 6, 9),
        "impact": ("40% of logins took over 5 s", 7, 20),
        "incident-owner": ("Jane Doe (@jane_doe)", 8, 8),
        "responders": ("@priya, @li_wei", 11, 19), "duration": ("47 minutes", 12, 17)}
    assert doc.metadata.get("responders").items == ("@priya", "@li_wei")


@pytest.mark.parametrize("line,value", [
    ("- **Severity**: **SEV2** (major)", "SEV2 (major)"),
    ("**Severity:** `SEV2`", "SEV2"),
    ("Severity: in\\_progress", "in_progress"),
    ("- __Owner__: @core_team", "@core_team"),
    ("Owner: Jane Doe <jane@example.com>", "Jane Doe <jane@example.com>"),
    ("Owner: [Jun Park](https://github.com/jun_park)", "Jun Park"),
])
def test_values_as_written(line, value):
    doc = parse(f"# T\n\n{line}\n\n## Summary\n\nx\n", "t.md", Options().template)
    assert [f.value for f in doc.metadata.fields] == [value]


def test_key_with_nothing_after_it_is_empty_not_the_next_line():
    text = md("""
        # T

        **Severity:**
        Date: 2026-01-02

        ## Summary
        """)
    assert _meta(text) == {"severity": "", "date": "2026-01-02"}


def test_metadata_inside_code_is_not_read():
    text = md("""
        # T

        ```
        Date: 2026-01-02
        ```

        ## Summary
        """)
    assert _meta(text) == {}


def test_front_matter_title_and_another_visible_title():
    text = md("""
        ---
        title: Incident on 2026-03-30
        ---

        # Incident on 2026-03-30 - two outages during an upgrade

        - **Impact**:
          Users could not sign in.
        - **Severity**: SEV2

        ## Summary

        text
        """)
    doc = parse(text, "t.md", Options().template)
    assert doc.title.line == 5 and problems(text, "structure.title-multiple") == []
    assert _fields(doc) == {"impact": ("Users could not sign in.", 8, 3),
                            "severity": ("SEV2", 9, 17), "date": ("2026-03-30", 5, 15)}


def test_br_separated_keys_and_a_summary_written_as_keys():
    # the layout of Google's SRE template as the Flutter team fills it in
    text = md("""
        # Gradle builds failed after a hotfix

        Status: final<br> Owners: amirh@

        ## Summary

        Description: builds failed after upgrading
        to the hotfix <br> Component: plugins<br> Date: 2019-12-11<br> Duration: 19
        hours<br> User impact: plugin users could not build.

        ## Timeline
        """)
    doc = parse(text, "t.md", Options().template)
    assert _fields(doc) == {"status": ("final", 3, 9), "incident-owner": ("amirh@", 3, 27),
                            "date": ("2019-12-11", 8, 49), "duration": ("19 hours", 8, 74),
                            "impact": ("plugin users could not build.", 9, 24)}


def test_a_summary_in_prose_gives_no_metadata():
    text = md("""
        # T

        ## Summary

        Impact: some users saw errors while the cache warmed up.

        ## Timeline
        """)
    assert _meta(text) == {}


def test_summary_keys_as_a_list():
    text = md("""
        # T

        ## Summary

        - Date: 2026-01-02
        - Duration: 20 minutes

        ## Timeline
        """)
    assert _meta(text) == {"date": "2026-01-02", "duration": "20 minutes"}


@pytest.mark.parametrize("title,date", [
    ("# 2018-01-18, reddit hugs mybinder", "2018-01-18"),
    ("# Incident on 2023-06-06 - User services down", "2023-06-06"),
    ("# incident date: 2019-02-20, kubectl logs unavailable", "2019-02-20"),
    ("# January 23rd, 2019 Prow Outage", None),  # written dates are not guessed
    ("# Outage 2026-02-30", None),  # no such day
    ("# Build 2024-01-02-rc1 broke", None),  # part of a version, not a date
])
def test_date_from_the_title(title, date):
    doc = parse(f"{title}\n\n## Summary\n\ntext\n", "t.md", Options().template)
    f = doc.metadata.get("date")
    assert (f.value if f else None) == date


def test_a_date_field_wins_over_the_title():
    assert _meta("# 2018-01-18 outage\n\nDate: 2018-01-19\n\n## Summary\n") == {
        "date": "2018-01-19"}


def test_a_title_date_alone_is_still_no_header():
    text = "# 2018-01-18, reddit hugs mybinder\n\n## Summary\n\ntext\n"
    assert problems(text, "metadata") == [(1, "metadata.missing")]
