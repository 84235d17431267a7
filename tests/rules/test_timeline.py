import datetime as dt
import textwrap

import pytest

from pmcheck.document.model import TimelineEntry
from pmcheck.rules.timeline import span_disagrees
from pmcheck.timeclock import place
from tests.helpers import GOOD, md, problems, replace_section

# "## Timeline" is line 19 of examples/good.md; a replaced body starts on line 21.
TL = 19


def with_timeline(body: str, duration: str | None = None) -> str:
    text = replace_section(GOOD, "Timeline", body)
    if duration is not None:
        text = text.replace("Duration: 47 minutes", f"Duration: {duration}", 1)
    return text


def test_good_example_is_clean():
    assert problems(GOOD, "timeline") == []


CASES = [
    # 12-hour clock, reported per entry
    ("""
     All times are UTC.

     - 10:03: Change rolls out.
     - 10:05 AM: Alert fires.
     - 10:52: Resolved.
     """, [(24, "timeline.time-not-24h")]),
    # zone stated in the heading line counts ("Timeline (UTC)" is tested through docstrings);
    # no zone anywhere
    ("""
     - 10:03: Change rolls out.
     - 10:52: Resolved.
     """, [(TL, "timeline.timezone-not-utc")]),
    # a zone other than UTC stated for the whole section is not enough
    ("""
     All times are PST.

     - 10:03: Change rolls out.
     - 10:52: Resolved.
     """, [(TL, "timeline.timezone-not-utc")]),
    # ...but every entry carrying its own zone is
    ("""
     - 10:03 PST: Change rolls out.
     - 10:52 PST: Resolved.
     """, []),
    # only some entries carry a zone
    ("""
     - 10:03 UTC: Change rolls out.
     - 10:52: Resolved.
     """, []),
    ("""
     - 10:03 PST: Change rolls out.
     - 10:52: Resolved.
     """, [(TL, "timeline.timezone-not-utc")]),
    # "Z" suffix and GMT count; lower-case "utc" too
    ("""
     - 10:03Z: Change rolls out.
     - 10:52Z: Resolved.
     """, []),
    ("""
     Times in gmt.

     - 10:03: Change rolls out.
     - 10:52: Resolved.
     """, []),
    # out of order: the entry that goes back is reported
    ("""
     All times are UTC.

     - 10:03: Change rolls out.
     - 10:38: Revert.
     - 10:21: Logs found.
     - 10:52: Resolved.
     """, [(25, "timeline.not-chronological")]),
    # one misplaced entry gives one finding, not one per later entry
    ("""
     All times are UTC.

     - 10:03: Change rolls out.
     - 11:50: Typo for 10:50.
     - 10:51: Resolved.
     - 10:52: Channel closed.
     """, [(24, "timeline.not-chronological")]),
    # equal times are fine
    ("""
     All times are UTC.

     - 10:03: Change rolls out.
     - 10:03: Alert fires.
     - 10:50: Resolved.
     """, []),
    # midnight without a day heading: a warning, and later entries continue on the new day
    ("""
     All times are UTC.

     - 23:40: Change rolls out.
     - 23:55: Alert fires.
     - 00:10: Revert.
     - 00:27: Resolved.
     """, [(25, "timeline.day-change-unmarked")]),
    # a large forward gap is not midnight: 14:10 then 09:10 is an ordering error
    ("""
     All times are UTC.

     - 10:03: Change rolls out.
     - 14:10: Alert fires.
     - 09:10: Revert.
     """, [(25, "timeline.not-chronological")]),
    # day headings handle midnight
    ("""
     All times are UTC.

     ### 2026-03-14

     - 23:40: Change rolls out.
     - 23:55: Alert fires.

     ### 2026-03-15

     - 00:10: Revert.
     - 00:27: Resolved.
     """, []),
    # dates on entries handle midnight; a date that goes back is an error
    ("""
     All times are UTC.

     - 2026-03-14 23:40: Change rolls out.
     - 2026-03-15 00:10: Revert.
     - 2026-03-14 23:59: Late note.
     """, [(25, "timeline.not-chronological")]),
    # an entry with a later date but earlier time is in order
    ("""
     All times are UTC.

     | Time | Event |
     |---|---|
     | 2026-03-14 23:40 | Change rolls out |
     | 2026-03-15 00:27 | Resolved |
     """, []),
    # a day marker pmcheck cannot read as a date: nothing is compared across it
    ("""
     All times are UTC.

     _Oct 30_

     - 14:57: Account locked.

     _Nov 2_

     - 09:41: Laptop reinstalled.
     """, []),
    # italic numeric day markers are read: 14:57 then 09:41 three days later is in order;
    # a three-day timeline against a 47-minute Duration holds follow-ups, so no span check
    ("""
     All times are UTC.

     _4/21/23_

     - 14:57: Account locked.

     _4/24/23_

     - 09:41: Laptop reinstalled.
     """, []),
    ("""
     All times are UTC.

     - 22:30 (Oct 29): Incident reported.
     - 00:03 (Oct 30): Rollback.
     """, []),
    ("""
     All times are UTC.

     ### October 21, 2025 - first outage

     - 22:35: Connection spike.
     - 23:28: Recovered.

     ### October 24, 2025 - second outage

     - 18:00: Rate limiting deployed.
     """, []),
    # a long prose line mentioning a date is not a day marker
    ("""
     All times are UTC.

     - 10:03: Change rolls out.
     The change had been merged on March 10 together with an unrelated refactoring of the pool.
     - 09:10: Revert.
     """, [(25, "timeline.not-chronological")]),
    # many 12-hour entries: one finding for the whole timeline, at the first
    ("""
     All times are UTC.

     - 9:03 AM: Change rolls out.
     - 9:05 AM: Alert fires.
     - 9:21 AM: Logs found.
     - 9:38 AM: Revert.
     - 9:52 AM: Resolved.
     """, [(23, "timeline.time-not-24h")]),
    # entries dated to the day only
    ("""
     All times are UTC.

     - **2026-03-10**: The pool change is merged.
     - **2026-03-14**: The change reaches production.
     """, []),
    # times the parser cannot read as entries
    ("""
     All times are UTC.

     At 10:05 the alert fired and at 10:38 we reverted.
     """, [(TL, "timeline.entries-missing")]),
    # unreadable time
    ("""
     All times are UTC.

     - 10:03: Change rolls out.
     - 25:70: Resolved.
     """, [(24, "timeline.time-unreadable")]),
    # prose only
    ("""
     All times are UTC. In the morning the alert fired and later we reverted.
     """, [(TL, "timeline.entries-missing")]),
    # empty section: structure.empty-section reports it, not this family
    ("", []),
]


@pytest.mark.parametrize("body, expected", CASES)
def test_timeline_cases(body, expected):
    assert problems(with_timeline(textwrap.dedent(body)), "timeline") == expected


@pytest.mark.parametrize("duration, expected", [
    ("47 minutes", []),
    ("40 minutes", []),  # span 49 min
    ("20 minutes", []),  # span 49 < 2*20 + 30 slack
    ("15 minutes", [(TL, "timeline.span-mismatch")]),  # 49 > 2*15 and 49-15 > 30
    ("90 minutes", []),  # 49 >= 45
    ("2 hours", [(TL, "timeline.span-mismatch")]),  # 49 < 60
    ("8 minutes", []),  # too short to compare
    ("a while", []),  # unreadable duration: metadata.duration-invalid reports it
])
def test_span_against_duration(duration, expected):
    text = GOOD.replace("Duration: 47 minutes", f"Duration: {duration}", 1)
    assert problems(text, "timeline.span-mismatch") == expected


def test_span_counts_midnight_rollover():
    body = """
        All times are UTC.

        ### 2026-03-14

        - 23:40: Change rolls out.

        ### 2026-03-15

        - 00:27: Resolved.
        """
    assert problems(with_timeline(md(body), "47 minutes"), "timeline") == []
    assert problems(with_timeline(md(body), "5 hours"), "timeline") == [
        (TL, "timeline.span-mismatch")]


def test_span_is_not_checked_across_an_unread_date():
    body = """
        All times are UTC.

        - 10:03: Change rolls out.

        _3/15/26_

        - 09:00: Follow-up review.
        """
    assert problems(with_timeline(md(body), "47 minutes"), "timeline") == []


def test_zone_other_than_utc_is_named():
    from pmcheck.document.parse import parse
    from pmcheck.options import Options
    from pmcheck.rules.timeline import timezone_not_utc

    doc = parse(with_timeline("All times in PST.\n\n- 10:03: Change.\n"), "x.md")
    (p,) = list(timezone_not_utc(doc, Options()))
    assert "PST" in p.message and p.line == TL


def test_missing_timeline_section_is_left_to_structure():
    text = GOOD.replace("## Timeline", "## Notes", 1)
    assert problems(text, "timeline") == []


def entry(line, hhmm, date=None):
    h, m = map(int, hhmm.split(":"))
    return TimelineEntry(line=line, time_text=hhmm, time=dt.time(h, m), is_24h=True,
                         date=date, tz=None, event="e")


def test_day_heading_hint_counts_from_incident_date():
    from pmcheck.document.parse import parse
    from pmcheck.options import Options
    from pmcheck.rules.timeline import day_change_unmarked

    text = with_timeline("All times are UTC.\n\n- 23:50: Alert.\n- 00:10: Revert.\n")
    (p,) = list(day_change_unmarked(parse(text, "x.md"), Options()))
    assert "### 2026-03-15" in p.hint and p.line == 24


def test_place_assigns_days():
    steps = place((entry(1, "22:00"), entry(2, "23:59"), entry(3, "03:00"), entry(4, "02:00")))
    assert [s.kind for s in steps] == ["ok", "ok", "rollover", "backwards"]
    assert steps[2].at - steps[0].at == dt.timedelta(hours=5)


@pytest.mark.parametrize("span, duration, result", [
    (49, 47, False), (100, 47, True), (90, 47, False), (20, 47, True), (5, 300, False),
    (600, 8, False), (700, 300, True),
])
def test_span_disagrees(span, duration, result):
    assert span_disagrees(span, duration) is result


def test_an_entry_naming_its_own_day_wins_over_the_heading_date():
    # the parser dates every entry from the heading; "(Oct 30)" on the entry marks the new day
    body = """
        All times are UTC.

        ### 2025-10-29

        - 22:30 (Oct 29): Incident reported.
        - 22:40 (Oct 29): Status page updated.
        - 00:03 (Oct 30): Rollback.
        - 05:39: Resolved.
        """
    assert problems(with_timeline(md(body), "8 hours"), "timeline") == []


def test_a_day_repeated_on_every_row_still_orders_the_rows():
    body = """
        All times are UTC.

        ### 2025-10-29

        - 22:30 (Oct 29): Incident reported.
        - 22:10 (Oct 29): Status page updated.
        """
    assert problems(with_timeline(md(body)), "timeline") == [(26, "timeline.not-chronological")]


def test_date_order_setting_decides_ambiguous_numeric_days():
    # 07-08 then 06-09: in order read day-first (7 Aug, 6 Sep), backwards month-first
    # (8 Jul, 9 Jun); every part is <= 12, so auto has no evidence and reads month-first
    from dataclasses import replace as _replace

    from pmcheck.options import Options

    body = md("""
        All times are UTC.

        | Date | Time | Event |
        |------|------|-------|
        | 07-08-2023 | 10:00 | The change rolls out. |
        | 06-09-2023 | 09:00 | The follow-up fix ships. |
        """)
    text = with_timeline(body)
    month_first = problems(text, "timeline.not-chronological")
    assert month_first and all(rule == "timeline.not-chronological" for _, rule in month_first)
    assert problems(text, "timeline.not-chronological", _replace(Options(), date_order="dmy")) == []
    assert problems(text, "timeline.not-chronological", _replace(Options(), date_order="mdy")) == month_first


def test_date_order_config_key_is_validated():
    from pmcheck.config import ConfigError, parse_config

    assert parse_config("date-order: DMY\n", ".pmcheck.yml").date_order == "dmy"
    with pytest.raises(ConfigError) as info:
        parse_config("min-whys: 3\ndate-order: day-first\n", ".pmcheck.yml")
    assert ":2: " in str(info.value) and "dmy" in str(info.value)
