import pytest

from pmcheck.options import Options
from pmcheck.rules.whys import clause, sentences
from tests.helpers import GOOD, problems, replace_section

# "## Contributing Factors" is line 35 of examples/good.md; a replaced body starts on line 37.
CF = "Contributing Factors"


def with_whys(body: str) -> str:
    return replace_section(GOOD, CF, body)


def test_good_example_is_clean():
    assert problems(GOOD, "whys") == []


CASES = [
    # two links, one short of the default minimum of three
    ("""
     Why did checkout requests fail?
     → Because every request timed out waiting for a connection.

     Why were no connections available?
     → Because the pool ceiling had been lowered to 20.
     """, [(37, "whys.too-short")]),
    # no chain at all: reported at the section heading
    ("""
     The pool was too small for the Saturday peak.
     """, [(35, "whys.too-short")]),
    # an unanswered why does not count as a link and is reported itself
    ("""
     Why did checkout requests fail?
     → Because every request timed out.

     Why were no connections available?

     Why did the lower ceiling reach production?
     → Because configuration changes skip the load-test stage.

     Why do configuration changes skip the load test?
     → Because the pipeline has no per-key risk rating.
     """, [(40, "whys.because-missing")]),
    # the same with only two answered links: both findings
    ("""
     Why did checkout requests fail?
     → Because every request timed out.

     Why were no connections available?

     Why do configuration changes skip the load test?
     → Because the pipeline has no per-key risk rating.
     """, [(37, "whys.too-short"), (40, "whys.because-missing")]),
    # plain "Because" and "->" arrows count too
    ("""
     Why did checkout requests fail?
     Because every request timed out.

     Why were no connections available?
     -> Because the pool ceiling had been lowered to 20.

     Why did the lower ceiling reach production?
     → Because configuration changes skip the load-test stage.
     """, []),
    # answers written as plain statements in nested bullets (a real format): three links
    ("""
     - **Why did checkout requests fail?**
       - Every request timed out waiting for a connection.
         - **Why were no connections available?**
           - The pool ceiling had been lowered to 20.
             - **Why did the lower ceiling reach production?**
               - Configuration changes skip the load-test stage.
     """, []),
    # a plain-statement answer on the next line; a question is never an answer
    ("""
     Why did checkout requests fail?
     Every request timed out.

     Why were no connections available?

     Why did the lower ceiling reach production?
     Was it the missing load-test stage?
     """, [(37, "whys.too-short"), (40, "whys.because-missing"), (42, "whys.because-missing")]),
    # contributing factors written as a list of conditions, no why at all: accepted
    ("""
     - The pool ceiling is a plain configuration key with no range check.
     - Configuration changes skip the load-test stage.
     - The saturation alert pages only after ten minutes.
     """, []),
    # a single bullet is not a list of factors: still asked for a chain
    ("""
     - The pool was too small for the Saturday peak.
     """, [(35, "whys.too-short")]),
]


@pytest.mark.parametrize("body, expected", CASES)
def test_chain_shape(body, expected):
    assert problems(with_whys(body), "whys") == expected


LAST_BECAUSE = [
    ("Because the code reviewer didn't catch the change.", True),
    ("Because the change was large. The DBA forgot to apply the index.", True),
    ("Because the developer misjudged the impact of the change.", True),
    ("Because @bob forgot to run the migration.", True),
    ("Because the on-call engineer missed the alert.", True),
    ("Because @dave did not restart envoy.", True),
    ("Because Dave rotated the cert by hand and forgot to restart envoy.", True),
    ("Because the on-call engineer failed to restart the sidecars.", True),
    ("Because @dave did not page anyone, as the runbook said to wait for the vendor.", True),
    ("Because @dave did not page anyone because the runbook said to wait.", False),
    ("Because the deploy failed to restart the sidecars.", False),
    ("Because the pipeline has no check for capacity-related keys.", False),
    ("Because the alert was routed to a channel nobody watches.", False),
    ("Because the review checklist has no step for capacity settings.", False),
]


@pytest.mark.parametrize("because, flagged", LAST_BECAUSE)
def test_last_because_judged(because, flagged):
    body = f"""
    Why did checkout requests fail?
    → Because every request timed out.

    Why were no connections available?
    → Because the pool ceiling had been lowered to 20.

    Why did the lower ceiling reach production?
    → {because}
    """
    expected = [(44, "whys.ends-at-person")] if flagged else []
    assert problems(with_whys(body), "whys") == expected


def test_systemic_factor_is_judged_instead_of_last_because():
    body = """
    Why did checkout requests fail?
    → Because every request timed out.

    Why were no connections available?
    → Because the pool ceiling had been lowered to 20.

    Why did the lower ceiling reach production?
    → Because the code reviewer didn't catch the change.

    Systemic factor: code review is the only guard for capacity-related configuration keys.
    """
    assert problems(with_whys(body), "whys") == []


def test_systemic_factor_naming_a_person_is_reported_on_its_line():
    text = GOOD.replace(
        "Systemic factor: the deploy pipeline has no guard for capacity-related configuration keys.",
        "Systemic factor: @bob forgot to run the load test.")
    assert problems(text, "whys") == [(49, "whys.ends-at-person")]


def test_min_whys_option():
    assert problems(GOOD, "whys", Options(min_whys=5)) == [(37, "whys.too-short")]
    assert problems(GOOD, "whys", Options(min_whys=4)) == []


def test_external_documents_are_skipped():
    text = "---\naudience: external\n---\n" + with_whys("The pool was too small.\n")
    assert problems(text, "whys") == []


def test_finding_names_the_person_and_points_at_it():
    from pmcheck.document.parse import parse
    from pmcheck.rules.whys import check_ends_at_person

    text = with_whys("""
    Why did checkout requests fail?
    → Because every request timed out.

    Why were no connections available?
    → Because the pool ceiling had been lowered to 20.

    Why did the lower ceiling reach production?
    → Because the code reviewer didn't catch the change.
    """)
    [p] = list(check_ends_at_person(parse(text, "x.md"), Options()))
    assert p.line == 44
    assert "reviewer" in p.message
    assert "reviewer" in text.splitlines()[43][p.column - 1:].lower()[:20]
    assert p.subject.strip().endswith("didn't catch the change.")


def test_clause_and_sentences():
    assert clause("→ Because the reviewer missed it.") == "the reviewer missed it."
    assert clause("-> because, the pool ran dry") == "the pool ran dry"
    assert clause("the pool ran dry") == "the pool ran dry"
    assert sentences("Because the pool ran dry at 3 a.m. on Saturday. @bob forgot it.") == [
        "the pool ran dry at 3 a.m. on Saturday.", "@bob forgot it."]


def test_template_without_contributing_factors_asks_for_no_chain():
    from pmcheck.options import Options
    from pmcheck.template import GOOGLE_SRE

    text = "# T\n\n## Root Causes\n\nA pool limit set below peak demand.\n"
    assert problems(text, "whys.too-short", Options(template=GOOGLE_SRE)) == []
    short = text + "\nWhy did it fail?\n→ Because the pool was small.\n"
    assert problems(short, "whys.too-short", Options(template=GOOGLE_SRE)) == [
        (7, "whys.too-short")]


def test_chain_ending_at_an_omission_is_reported_by_pmcheck_check(tmp_path):
    import json

    from click.testing import CliRunner

    from pmcheck.cli import cli

    path = tmp_path / "postmortem.md"
    path.write_text(with_whys("""
    Why did checkout requests fail?
    → Because envoy kept serving the expired certificate.

    Why did envoy keep the expired certificate?
    → Because it was not restarted after the rotation.

    Why was it not restarted?
    → Because @dave did not restart envoy.
    """), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    found = [(f["line"], f["rule"]) for f in json.loads(result.stdout)["findings"]]
    assert (44, "whys.ends-at-person") in found
    assert [r for _, r in found if r.startswith("whys.")] == ["whys.ends-at-person"]
