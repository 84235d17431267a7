"""suppression rules: a misspelt directive name is reported as such, not as a rule '-line'."""

from __future__ import annotations

import pytest

from pmcheck.document.parse import parse
from pmcheck.options import Options
from pmcheck.rules.suppression import missing_reason, unknown_rule
from tests.helpers import GOOD, problems


def messages(text: str) -> list[tuple[int, str]]:
    doc = parse(text, "pm.md")
    return [(p.line, p.message) for p in (*unknown_rule(doc, Options()),
                                          *missing_reason(doc, Options()))]


@pytest.mark.parametrize("comment, expected", [
    ("<!-- pmcheck-disable-lines timeline -- copied from the vendor -->",
     "unknown directive pmcheck-disable-lines; did you mean pmcheck-disable-line?"),
    ("<!-- pmcheck-disable-file -->",
     "unknown directive pmcheck-disable-file; did you mean pmcheck-disable-line?"),
    ("<!-- pmcheck-enable-all timeline -->",
     "unknown directive pmcheck-enable-all; did you mean pmcheck-enable?"),
])
def test_misspelt_directive_is_named(comment, expected):
    text = f"# Outage\n\n{comment}\n- 10:00: something\n"
    assert messages(text) == [(3, expected)]


def test_misspelt_directive_is_reported_and_disables_nothing():
    text = "# Outage\n\n<!-- pmcheck-disable-lines timline -- why -->\n"
    assert [m for _, m in messages(text)] == [
        "unknown directive pmcheck-disable-lines; did you mean pmcheck-disable-line?"]


def test_a_separated_dash_is_still_an_unknown_rule():
    text = "# Outage\n\n<!-- pmcheck-disable -line -- why -->\n"
    assert messages(text) == [(3, "pmcheck-disable names unknown rule '-line'.")]


def test_good_directives_are_quiet():
    text = GOOD.replace("## Timeline\n", "## Timeline\n\n<!-- pmcheck-disable-next-line "
                        "timeline.not-chronological -- skewed clock -->\n", 1)
    assert problems(text, "suppression") == []


def test_unknown_directive_names_and_code_blocks():
    text = ("# Outage\n\n<!-- pmcheck-ignore timeline -- why -->\n\n```\n"
            "<!-- pmcheck-disable-lines timeline -->\n```\n")
    assert messages(text) == [
        (3, "unknown directive pmcheck-ignore; did you mean pmcheck-disable?")]
