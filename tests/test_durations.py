import pytest

from pmcheck.durations import format_minutes, parse_minutes


@pytest.mark.parametrize("text, minutes", [
    ("47 minutes", 47),
    ("47 min", 47),
    ("47m", 47),
    ("47 mins", 47),
    ("1h 20m", 80),
    ("1h20m", 80),
    ("1 hour 20 minutes", 80),
    ("1 hour, 20 minutes", 80),
    ("1 hour and 20 minutes", 80),
    ("2 hours", 120),
    ("2 hrs", 120),
    ("00:47", 47),
    ("1:20", 80),
    ("1:20:30", 80.5),
    ("1.5 h", 90),
    ("1,5 h", 90),
    ("90s", 1.5),
    ("2 days", 2880),
    ("1d 2h", 1560),
    ("~45 minutes", 45),
    ("about 2 hours", 120),
    ("approximately 3 hours of degraded service", 180),
    ("45-60 minutes", 60),
    ("2 to 3 hours", 180),
    ("an hour", 60),
    ("half an hour", 30),
    ("two hours", 120),
    ("PT47M", 47),
    ("P1DT2H", 1560),
    ("16h 45m<br>", 1005),
    ("21:45 to 23:28 UTC (103 minutes)", 103),
    ("22:30 UTC on October 29 to 05:39 UTC on October 30 (7 hours 9 minutes)", 429),
    ("47 minutes (10:05\u201310:52 UTC)", 47),
    ("10:05\u201310:52 UTC", 47),
    ("23:50 to 00:20", 30),
    ("2 hours (partial), 20 minutes full outage", 120),
])
def test_parses(text, minutes):
    assert parse_minutes(text) == pytest.approx(minutes)


@pytest.mark.parametrize("text", [
    None, "", "   ", "TBD", "unknown", "ongoing", "P2", "several", "a while", "10:05 UTC",
    "47 hosts", "the major outage",
])
def test_unreadable(text):
    assert parse_minutes(text) is None


@pytest.mark.parametrize("minutes, text", [
    (47, "47m"), (80, "1h 20m"), (120, "2h"), (1500, "1d 1h"), (0.4, "0m"), (59.6, "1h"),
])
def test_format(minutes, text):
    assert format_minutes(minutes) == text
