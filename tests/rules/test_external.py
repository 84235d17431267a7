import pytest

from pmcheck.document.parse import parse
from pmcheck.options import Options
from pmcheck.rules.external import check_handle, is_external, path_matches
from tests.helpers import GOOD, ROOT, md, problems

EXTERNAL = (ROOT / "examples" / "external.md").read_text(encoding="utf-8")
FM = "---\naudience: external\n---\n"  # 3 lines: a snippet after it starts on line 4

SECTIONS = """
## What Happened

Some checkout requests failed.

## How Long Customers Were Affected

47 minutes.

## What We Did

We reverted the change.

## What We Will Do To Prevent Recurrence

Capacity settings will be load-tested.
"""


def ext(body: str) -> str:
    """An external document: front matter, title on line 4, `body` from line 6, then sections."""
    return FM + "# Checkout errors\n\n" + md(body).rstrip("\n") + "\n" + SECTIONS


def test_good_example_is_not_external_and_clean():
    assert problems(GOOD, "external") == []


def test_external_example_is_clean():
    assert is_external(parse(EXTERNAL, "examples/external.md"), Options())
    for category in ("external", "whys", "actions"):
        assert problems(EXTERNAL, category) == []


def test_external_example_with_internal_names_configured_is_clean():
    opts = Options(internal_names=("db-prod-3", "hermes", "pgbouncer"))
    assert problems(EXTERNAL, "external", opts) == []


CASES = [
    ("@marcus rolled back the change.", [(6, "external.handle")]),
    ("Thanks to @acme/sre and @lena.", [(6, "external.handle"), (6, "external.handle")]),
    ("Handled by `@marcus`.", [(6, "external.handle")]),
    ("Jane Doe (@jane_doe) and @li_wei paged the team.",
     [(6, "external.handle"), (6, "external.handle")]),
    ("Ask @jane.doe in chat.", [(6, "external.handle")]),
    ("Escalated to @li_wei.", [(6, "external.handle")]),
    ("Fixed in widgets@1.2.3 and `widgets`@1.2.4.", []),
    ("```\nrollback --by @marcus\n```", [(7, "external.handle")]),
    ("Mail priya.shah@example.com.", [(6, "external.email")]),
    ("See https://medium.com/@acme for details.", []),
    ("We rolled back at 10:38 UTC.", []),
    ("Contact <jun.park@example.com>.", [(6, "external.email")]),
    ("Write to support@example.com or security@example.com.", []),
    ("Affected: `@acme/widgets`@1.24.1 and `widgets-core`@2.0.0.", []),
    ("```\nnpm install @acme/widgets@1.24.2\n```", []),
    ("Upgrade with `npm i @acme/widgets@1.24.2`; thanks @acme/sre.", [(6, "external.handle")]),
    # the directive's reason is not scanned (the linter applies the suppression itself)
    ("Hi.\n<!-- pmcheck-disable-next-line external.handle -- @acmestatus is public -->\n"
     "Follow @acmestatus.", [(8, "external.handle")]),
]


@pytest.mark.parametrize("body, expected", CASES)
def test_leaks(body, expected):
    assert problems(ext(body), "external") == expected


NAME_CASES = [
    ("The database db-prod-3 ran out of connections.", [(6, "external.internal-name")]),
    ("The database DB-PROD-3 ran out of connections.", [(6, "external.internal-name")]),
    ("The database db-prod-30 ran out of connections.", []),
    ("The host api.db-prod-3 ran out of connections.", []),
    ("Hermes, our queue, stalled.", [(6, "external.internal-name")]),
    ("Hermesian queues stalled.", []),
    ("```\nhermes restart\n```", [(7, "external.internal-name")]),
]


@pytest.mark.parametrize("body, expected", NAME_CASES)
def test_internal_names(body, expected):
    opts = Options(internal_names=("db-prod-3", "hermes"))
    assert problems(ext(body), "external.internal-name", opts) == expected


def test_internal_names_in_front_matter_and_headings():
    text = EXTERNAL.replace("# Checkout errors", "# Hermes checkout errors")
    text = text.replace("severity: P2", "severity: P2\nservice: hermes")
    opts = Options(internal_names=("hermes",))
    assert problems(text, "external.internal-name", opts) == [
        (5, "external.internal-name"), (10, "external.internal-name")]


def test_sections_missing_reported_at_title():
    text = FM + "# Checkout errors\n\n## What Happened\n\nSome checkout requests failed.\n"
    assert problems(text, "external") == [(4, "external.section-missing")] * 3


def test_empty_section_reported_at_its_heading():
    text = ext("Intro.").replace("47 minutes.\n", "")
    assert problems(text, "external") == [(12, "external.section-missing")]


def test_alias_headings_count():
    text = FM + md("""
    # Checkout errors

    ## Description

    Some checkout requests failed.

    ## Duration

    47 minutes.

    ## Our response

    We reverted the change.

    ## Prevention

    Capacity settings will be load-tested.
    """)
    assert problems(text, "external") == []


def test_internal_document_with_handles_is_not_checked():
    assert problems("# Title\n\n@marcus did it. bob@example.com\n", "external") == []
    text = "---\naudience: internal\n---\n# Title\n\n@marcus did it.\n"
    assert problems(text, "external") == []


@pytest.mark.parametrize("path, globs, external", [
    ("postmortems/external/2026-03-14.md", ("postmortems/external/**",), True),
    ("postmortems/external/2026/03/x.md", ("postmortems/external/**/*.md",), True),
    ("postmortems/external/x.md", ("postmortems/external/**/*.md",), True),
    ("./postmortems/public/x.md", ("**/public/*.md",), True),
    ("public/x.md", ("**/public/*.md",), True),
    ("postmortems/x.md", ("postmortems/external/**",), False),
    ("postmortems/external-notes/x.md", ("postmortems/external/**",), False),
    ("postmortems/2026/x.md", ("postmortems/*.md",), False),
    ("postmortems\\public\\x.md", ("postmortems/public/*.md",), True),
    ("postmortems/x.md", (), False),
])
def test_path_globs(path, globs, external):
    assert path_matches(path, globs) is external


def test_path_glob_makes_a_document_external_unless_front_matter_says_internal():
    opts = Options(external_paths=("postmortems/public/**",))
    body = "# Checkout errors\n\n@marcus rolled back.\n"
    assert problems(body, "external.handle", opts, path="postmortems/public/x.md") == [
        (3, "external.handle")]
    assert problems("---\naudience: internal\n---\n" + body, "external.handle", opts,
                    path="postmortems/public/x.md") == []
    assert problems(body, "external.handle", opts, path="postmortems/x.md") == []


def test_problem_points_at_the_handle():
    text = ext("We thank @lena for the fix.")
    [p] = list(check_handle(parse(text, "x.md"), Options()))
    assert (p.line, p.column, p.subject) == (6, 10, "@lena")


def test_good_example_marked_external_leaks_and_lacks_sections():
    found = problems(FM + GOOD, "external")
    rules = {r for _, r in found}
    assert rules == {"external.handle", "external.section-missing"}
    # "Author: @priya" is on line 7 of good.md, line 10 after the front matter
    assert (10, "external.handle") in found
