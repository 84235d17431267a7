import pytest

from pmcheck.options import Options
from pmcheck.template import GOOGLE_SRE, Template
from tests.helpers import GOOD, md, problems, replace_section

# Section headings in examples/good.md: Summary 14, Timeline 19, Root Cause 30,
# Contributing Factors 35, What Went Well 51, What Could Have Gone Better 56, Action Items 61.


def drop_section(text: str, heading: str) -> str:
    """Remove `## heading` and its body, keeping line count by blanking the lines."""
    lines = text.splitlines()
    start = lines.index(f"## {heading}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
               len(lines))
    return "\n".join(lines[:start] + [""] * (end - start) + lines[end:]) + "\n"


def test_good_example_is_clean():
    assert problems(GOOD, "structure") == []


def test_front_matter_variant_is_clean():
    body = GOOD.split("\n## Summary", 1)[1]
    text = md("""
        ---
        title: Checkout API returned errors after a connection-pool change
        date: 2026-03-14
        severity: P2
        ---

        ## Summary""") + body
    assert problems(text, "structure") == []


@pytest.mark.parametrize("heading, line", [
    ("Timeline", 30),  # no earlier required section: at the next required heading
    ("Root Cause", 28),  # after the last line of Timeline
    ("Contributing Factors", 33),
    ("What Went Well", 49),
    ("What Could Have Gone Better", 54),
    ("Action Items", 59),
])
def test_missing_section_is_placed_after_previous_section(heading, line):
    text = drop_section(GOOD, heading)
    found = problems(text, "structure")
    assert found == [(line, "structure.missing-section")]


def test_missing_section_hint_names_display_name_and_aliases():
    from pmcheck.document.parse import parse
    from pmcheck.rules.structure import missing_section

    doc = parse(drop_section(GOOD, "Action Items"), "x.md")
    (p,) = list(missing_section(doc, Options()))
    assert "Action Items" in p.message
    assert "'corrective actions'" in p.hint and "'follow-ups'" in p.hint
    assert p.subject == "action-items"


def test_alias_headings_count():
    text = GOOD.replace("## Action Items", "## Corrective Actions")
    text = text.replace("## What Could Have Gone Better", "## What went wrong")
    text = text.replace("## Contributing Factors", "## 5 Whys")
    assert problems(text, "structure") == []


def test_all_missing_in_bare_document():
    text = "# Outage\n\nSomething broke.\n"
    found = problems(text, "structure.missing-section")
    assert found == [(1, "structure.missing-section")] * 6


@pytest.mark.parametrize("body", ["", "TBD", "_TODO_", "N/A", "...", "-", "<!-- fill in -->"])
def test_empty_or_placeholder_section(body):
    text = replace_section(GOOD, "Root Cause", body)
    assert problems(text, "structure") == [(30, "structure.empty-section")]


def test_empty_section_hint_reads_as_a_sentence():
    from pmcheck.document.parse import parse
    from pmcheck.rules.structure import empty_section

    text = replace_section(GOOD, "What Went Well", "TODO")
    [p] = list(empty_section(parse(text, "pm.md"), Options()))
    assert p.message == "Section 'What Went Well' is empty."
    assert p.hint == ("Fill in the 'What Went Well' section; a TODO or TBD does not count "
                      "as content.")


def test_short_real_content_is_not_empty():
    text = replace_section(GOOD, "Root Cause", "A missing schema bound.")
    assert problems(text, "structure") == []


def test_empty_section_with_subsections_uses_their_content():
    text = replace_section(GOOD, "What Went Well", """
        ### Detection

        - The alert fired within a minute.
        """)
    assert problems(text, "structure") == []


def test_section_with_only_empty_subheadings_is_empty():
    text = replace_section(GOOD, "What Went Well", """
        ### Detection

        ### Response
        """)
    assert problems(text, "structure") == [(51, "structure.empty-section")]


def test_order_of_went_well_and_went_wrong():
    lines = GOOD.splitlines()
    well, wrong = lines[50:55], lines[55:60]
    swapped = "\n".join(lines[:50] + wrong + well + lines[60:]) + "\n"
    assert problems(swapped, "structure") == [(56, "structure.section-order")]


def test_title_missing_and_multiple():
    no_title = GOOD.replace("# Checkout API", "Checkout API", 1)
    assert problems(no_title, "structure") == [(14, "structure.title-missing")]
    two = GOOD.replace("## Summary", "# Summary")
    assert problems(two, "structure") == [(14, "structure.title-multiple")]


def test_toml_front_matter_title_counts():
    text = '+++\ntitle = "Checkout outage"\n+++\n\n' + GOOD.split("\n", 1)[1]
    assert problems(text, "structure.title-missing") == []


def test_external_documents_skip_internal_sections():
    text = md("""
        ---
        audience: external
        ---
        # Checkout errors on 14 March

        ## What Happened

        Checkout failed for some customers.
        """)
    assert problems(text, "structure") == []


def test_configured_template_is_used():
    opts = Options(template=GOOGLE_SRE)
    found = {r for _, r in problems(GOOD, "structure", opts)}
    assert found == {"structure.missing-section"}
    custom = Template(name="mine", required=("timeline", "summary"),
                      order=(("timeline", "summary"),))
    assert problems(GOOD, "structure", Options(template=custom)) == [
        (19, "structure.section-order")]
