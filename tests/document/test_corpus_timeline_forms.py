"""Timeline forms met in the public corpus (each case names its source), read by the parser."""

from __future__ import annotations

import datetime as dt

from pmcheck.document.parse import parse


def entries(body: str) -> list[tuple[str, dt.date | None]]:
    doc = parse("# T\n\n## Timeline\n\nAll times UTC.\n\n" + body, "x.md")
    return [(e.time_text, e.date) for e in doc.timeline]


def test_short_day_heading_with_a_title_is_read():
    assert entries("### October 28, 2025 - Connection Pool Exhaustion\n\n- 10:00 UTC - x\n") == [
        ("10:00", dt.date(2025, 10, 28))]


def test_longer_day_heading_with_a_title_is_read():
    # PostHog 2025-10-21: a longer heading with a title after the day
    heading = "### October 28, 2025 - Connection Pool Exhaustion and Excessive Parallelism"
    assert entries(heading + "\n\n- 10:00 UTC - x\n") == [("10:00", dt.date(2025, 10, 28))]


def test_day_range_heading_dates_its_entries_from_the_first_day():
    assert entries("### October 29-30, 2025 - CPU-Bound Latency\n\n- 10:00 UTC - x\n") == [
        ("10:00", dt.date(2025, 10, 29))]


def test_split_date_and_time_columns_with_month_names():
    # Chia 2021-10-31: | Day | Date (2021) | Time (PT) | Event |, rows without a closing pipe
    table = ("| Day | Date (2021) | Time (PT) | Event |\n|---|---|---|---|\n"
             "| Sun | Oct 31 | 21:33 | User posts.\n| Sun | Oct 31 | 21:34 | Employee replies.\n")
    assert [t for t, _ in entries(table)] == ["21:33", "21:34"]


def test_time_cells_with_a_month_day_prefix():
    # PostHog 2026-01-17: | Time (UTC) | Event | with "Jan 14, 10:18 AM"
    table = ("| Time (UTC) | Event |\n|---|---|\n| Jan 14, 10:18 AM | A customer reports. |\n"
             "| Jan 15, 5:33 PM | Fix released. |\n")
    assert [t for t, _ in entries(table)] == ["10:18 AM", "5:33 PM"]


def test_bracketed_month_day_and_time():
    # kubernetes test-infra 2019-03-26: "- [03-26 17:40] ..."
    assert [t for t, _ in entries("- [12-05 16:21] Bug introduced.\n"
                                  "- [03-26 17:40] Upgrade starts.\n")] == ["16:21", "17:40"]
