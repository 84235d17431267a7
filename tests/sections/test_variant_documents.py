"""Whole postmortems that name their sections the way authors do: nothing is missing, and the
content under a variant heading is checked like the canonical section."""

from __future__ import annotations

from pathlib import Path

from pmcheck.document.parse import parse
from pmcheck.options import Options
from tests.helpers import md, problems

FIXTURE = (Path(__file__).with_name("fixtures") / "variant-headings.md").read_text("utf-8")


def test_no_section_is_missing_under_variant_names():
    assert problems(FIXTURE, "structure.missing-section") == []


def test_timeline_rules_run_on_a_response_timeline():
    # 09:05 after 09:14 is out of order: found under "2. Response timeline"
    found = problems(FIXTURE, "timeline")
    assert any(rid == "timeline.not-chronological" for _, rid in found), found


def test_actions_under_corrective_measures_are_items():
    doc = parse(FIXTURE, "pm.md", Options().template)
    assert [a.line for a in doc.actions] == [FIXTURE.splitlines().index(
        next(ln for ln in FIXTURE.splitlines() if ln.startswith("- [ ]"))) + 1]


def test_crlf_and_bom_do_not_change_section_matching():
    text = "\ufeff" + FIXTURE.replace("\n", "\r\n")
    assert problems(text, "structure.missing-section") == []


def test_a_look_alike_heading_is_named_in_the_finding():
    text = FIXTURE.replace("## 7. Corrective and Preventative Measures", "## Process improvements")
    doc = parse(text, "pm.md", Options().template)
    from pmcheck.rules.structure import missing_section
    found = list(missing_section(doc, Options()))
    assert len(found) == 1
    assert "heading 'Process improvements' looks like Action Items" in found[0].message
    assert "template.aliases.action-items" in found[0].hint


def test_what_we_are_doing_about_it_counts_as_action_items():
    text = FIXTURE.replace("## 7. Corrective and Preventative Measures",
                           "## What we're doing about it")
    assert problems(text, "structure.missing-section") == []


def test_headings_with_code_links_and_empty_headings():
    text = md("""
        # Title

        ## `Timeline`

        - 10:00 UTC: alert.

        ##

        ## [Action Items](#items)

        - [ ] Fix it - owner: @a, due: 2026-03-01, P2
        """)
    doc = parse(text, "pm.md", Options().template)
    keys = [s.key for s in doc.sections]
    assert "timeline" in keys and "action-items" in keys
