"""Where a timeline states its zone (prose, headings, table headers; never pasted logs or
code) and how named zones are read: tests for the zones module and timeline.timezone-not-utc."""

import pytest

from pmcheck import zones
from pmcheck.document.parse import parse
from pmcheck.options import Options
from pmcheck.rules.timeline import timezone_not_utc
from tests.helpers import GOOD, problems, replace_section

TL = 19  # "## Timeline" in examples/good.md
RULE = "timeline.timezone-not-utc"


def zone_problems(body: str) -> list[tuple[int, str]]:
    return problems(replace_section(GOOD, "Timeline", body), RULE)


def zone_messages(body: str) -> list[str]:
    text = replace_section(GOOD, "Timeline", body)
    return [p.message for p in timezone_not_utc(parse(text, "pm.md"), Options())]


ENTRIES = """
- 10:03: Change rolls out.
- 10:52: Resolved.
"""

CASES = [
    # a "Z" inside a pasted log line (code block) is not a statement about the timeline
    ("```\n2026-03-14T10:03:11Z ERROR pool exhausted\n```\n" + ENTRIES, [(TL, RULE)]),
    # ... nor in an inline code span, nor a quoted log line
    ("Log: `2026-03-14T10:03:11Z ERROR pool exhausted`\n" + ENTRIES, [(TL, RULE)]),
    ("> 2026-03-14 10:03:11 UTC ERROR pool exhausted\n" + ENTRIES, [(TL, RULE)]),
    # ... nor "UTC" inside a code block
    ("```\nTZ=UTC date\n```\n" + ENTRIES, [(TL, RULE)]),
    # a sentence in the section's prose counts
    ("All times are UTC.\n" + ENTRIES, []),
    ("All times are in Coordinated Universal Time.\n" + ENTRIES, []),
    # a table header counts
    ("| Time (UTC) | Event |\n|---|---|\n| 10:03 | Change rolls out. |\n"
     "| 10:52 | Resolved. |\n", []),
    # a table header without a zone does not
    ("| Time | Event |\n|---|---|\n| 10:03 | Change rolls out. |\n"
     "| 10:52 | Resolved. |\n", [(TL, RULE)]),
    # a zone in a code span in the header is code, not a statement
    ("| Time `UTC` | Event |\n|---|---|\n| 10:03 | Change rolls out. |\n"
     "| 10:52 | Resolved. |\n", [(TL, RULE)]),
    # named zones other than UTC are still reported
    ("All times are Eastern Time.\n" + ENTRIES, [(TL, RULE)]),
    ("All times are GST.\n" + ENTRIES, [(TL, RULE)]),
    ("Times in IST.\n" + ENTRIES, [(TL, RULE)]),
    # an ambiguous abbreviation explained on the same line gives way to the explanation
    ("Times in IST (UTC+05:30).\n" + ENTRIES, [(TL, RULE)]),
]


@pytest.mark.parametrize("body,expected", CASES)
def test_zone_statement(body, expected):
    assert zone_problems(body) == expected


def test_all_times_sentence_elsewhere_in_document_counts():
    text = replace_section(GOOD, "Timeline", ENTRIES)
    text = text.replace("## Timeline", "All times in this document are UTC.\n\n## Timeline", 1)
    assert problems(text, RULE) == []


@pytest.mark.parametrize("body,needle", [
    ("All times are Eastern Time.\n", "America/New_York"),
    ("All times are PST.\n", "America/Los_Angeles"),
    ("Times are Europe/Berlin.\n", "Europe/Berlin"),
    ("Times in UTC+2.\n", "UTC+2"),
])
def test_named_zone_is_named_in_the_finding(body, needle):
    (message,) = zone_messages(body + ENTRIES)
    assert needle in message
    assert "does not say which time zone" not in message
    assert "ambiguous" not in message


@pytest.mark.parametrize("abbr,candidate", [("GST", "Asia/Dubai"), ("IST", "Asia/Kolkata"),
                                            ("CST", "America/Chicago")])
def test_ambiguous_abbreviation_reported_as_ambiguous(abbr, candidate):
    (message,) = zone_messages(f"All times are {abbr}.\n" + ENTRIES)
    assert "ambiguous" in message and candidate in message
    assert "does not say which time zone" not in message


def test_explained_abbreviation_is_not_ambiguous():
    (message,) = zone_messages("Times in IST (UTC+05:30).\n" + ENTRIES)
    assert "ambiguous" not in message and "UTC+05:30" in message


def test_no_zone_at_all_says_so():
    (message,) = zone_messages(ENTRIES)
    assert "does not say which time zone" in message


@pytest.mark.parametrize("text,written,iana", [
    ("We were on Eastern Time.", "Eastern", ("America/New_York",)),
    ("times (Pacific)", "Pacific", ("America/Los_Angeles",)),
    ("in CET", "CET", ("Europe/Paris",)),
    ("Asia/Tokyo", "Asia/Tokyo", ("Asia/Tokyo",)),
    ("10:05 GMT", "GMT", ("UTC",)),
])
def test_stated_reads_named_zones(text, written, iana):
    (zone,) = zones.stated(text)
    assert (zone.written, zone.zones) == (written, iana)


@pytest.mark.parametrize("text", [
    "The CT scan of the cluster", "region us-west-2", "Pacific Ocean cable cut",
    "Asia/Nowhere", "Zed restarted", "the ET phone home bug",
])
def test_stated_ignores_words_that_are_not_zones(text):
    assert zones.stated(text) == []


def test_entry_zone_prefix_counts_as_utc():
    assert zones.of_entry("Z").is_utc and zones.of_entry("+00:00").is_utc
    assert not zones.of_entry("+02:00").is_utc
    assert zones.of_entry("IST").ambiguous
