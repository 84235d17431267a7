"""Time zones as postmortems name them: UTC, offsets, IANA names, abbreviations.

Names of the IANA time zone database (``Europe/Berlin``, ``US/Eastern``) are checked with
``zoneinfo``; abbreviations are not part of that database (they are neither unique nor
stable), so this module keeps a table of the ones postmortems use, each mapped to the IANA
zone it stands for. An abbreviation used for more than one zone (IST: India, Ireland,
Israel) is reported as ambiguous rather than guessed. Pure: nothing here reads the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# abbreviation or name -> IANA zone(s) it is used for (more than one: ambiguous)
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "UTC": ("UTC",), "GMT": ("UTC",), "Z": ("UTC",), "ZULU": ("UTC",),
    "PST": ("America/Los_Angeles",), "PDT": ("America/Los_Angeles",),
    "PT": ("America/Los_Angeles",), "PST/PDT": ("America/Los_Angeles",),
    "MST": ("America/Denver",), "MDT": ("America/Denver",), "MT": ("America/Denver",),
    "CDT": ("America/Chicago",), "CT": ("America/Chicago",),
    "EST": ("America/New_York",), "EDT": ("America/New_York",), "ET": ("America/New_York",),
    "EST/EDT": ("America/New_York",),
    "AKST": ("America/Anchorage",), "AKDT": ("America/Anchorage",),
    "HST": ("Pacific/Honolulu",),
    "BRT": ("America/Sao_Paulo",), "ART": ("America/Argentina/Buenos_Aires",),
    "WET": ("Europe/Lisbon",), "WEST": ("Europe/Lisbon",),
    "BST": ("Europe/London",),
    "CET": ("Europe/Paris",), "CEST": ("Europe/Paris",),
    "EET": ("Europe/Athens",), "EEST": ("Europe/Athens",),
    "MSK": ("Europe/Moscow",),
    "JST": ("Asia/Tokyo",), "KST": ("Asia/Seoul",), "HKT": ("Asia/Hong_Kong",),
    "SGT": ("Asia/Singapore",), "PHT": ("Asia/Manila",), "WIB": ("Asia/Jakarta",),
    "AWST": ("Australia/Perth",), "ACST": ("Australia/Adelaide",),
    "ACDT": ("Australia/Adelaide",), "AEST": ("Australia/Sydney",),
    "AEDT": ("Australia/Sydney",), "NZST": ("Pacific/Auckland",),
    "NZDT": ("Pacific/Auckland",),
    # used for more than one zone: reported as ambiguous
    "IST": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "CST": ("America/Chicago", "Asia/Shanghai", "America/Havana"),
    "GST": ("Asia/Dubai", "Atlantic/South_Georgia"),
    "AST": ("America/Halifax", "Asia/Riyadh"),
    # US zones by name ("Eastern Time", "Pacific")
    "EASTERN": ("America/New_York",), "CENTRAL": ("America/Chicago",),
    "MOUNTAIN": ("America/Denver",), "PACIFIC": ("America/Los_Angeles",),
}
ABBREVIATION_PATTERN = "|".join(sorted((re.escape(k) for k in ABBREVIATIONS
                                        if k.isupper() and len(k) > 1 and k != "ZULU"),
                                       key=len, reverse=True))
# In prose, words that are also something else ("CT scan", "US-WEST-2") count only where they
# read as a zone: in parentheses, after "in", "times" or a time.
_SHORT = ("PT", "MT", "CT", "ET", "WEST")
_PROSE_ABBR = "|".join(sorted((re.escape(k) for k in ABBREVIATIONS if k.isupper()
                               and len(k) > 2 and k not in _SHORT + ("ZULU",)),
                              key=len, reverse=True))
_SHORT_ALT = "|".join(_SHORT)
# A zone written in prose or a heading. "Z" counts only glued to a time ("10:05Z"), and the
# US names only as "Eastern Time", "Pacific Standard Time" or "(Eastern)".
STATEMENT = re.compile(
    r"(?P<offset>\b(?:UTC|GMT)\s?[+\u2212-]\s?\d{1,2}(?::?\d{2})?)"
    r"|(?P<iana>\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|US"
    r"|Etc)/[A-Za-z_]+(?:/[A-Za-z_]+)?)"
    r"|(?<![A-Za-z])(?P<utc>(?i:utc|gmt))(?![A-Za-z])"
    r"|(?<![A-Za-z])(?P<abbr>" + _PROSE_ABBR + r")(?![A-Za-z])"
    r"|(?:(?<=\()|(?<=\bin\s)|(?<=times\s)|(?<=\d\s))(?P<short>" + _SHORT_ALT + r")"
    r"(?![\w-])"
    r"|\b(?P<zulu>Zulu)\b"
    r"|(?P<us>\b(?:Eastern|Central|Mountain|Pacific)(?=\s+(?:(?:Standard|Daylight)\s+)?[Tt]ime"
    r"\b|\)))"
    r"|(?P<words>\bCoordinated Universal Time\b|\blocal time\b)")


@dataclass(frozen=True)
class Zone:
    written: str  # as in the text: "PST", "UTC+2", "Europe/Berlin", "Eastern"
    zones: tuple[str, ...]  # IANA names it stands for; () for "local time"

    @property
    def is_utc(self) -> bool:
        return self.zones == ("UTC",)

    @property
    def ambiguous(self) -> bool:
        return len(self.zones) > 1

    def describe(self) -> str:
        """'PST (America/Los_Angeles)', 'IST (Asia/Kolkata, Europe/Dublin or ...)'."""
        if not self.zones or self.zones == (self.written,):
            return self.written
        names = ", ".join(self.zones[:-1]) + " or " + self.zones[-1] if self.ambiguous \
            else self.zones[0]
        return f"{self.written} ({names})"


def is_iana(name: str) -> bool:
    """Whether `name` is a zone of the IANA database on this machine; a name of the
    Area/City form is taken on trust when the database itself is missing."""
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
        return True
    except zoneinfo.ZoneInfoNotFoundError:
        return not zoneinfo.available_timezones()
    except (ValueError, OSError):
        return False


def _offset_zero(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    return not digits or int(digits) == 0


def read(match: re.Match[str]) -> Zone | None:
    """The zone a STATEMENT match names (None for an unknown Area/City name)."""
    written = match.group(0)
    if match.group("offset"):
        return Zone(written, ("UTC",) if _offset_zero(written) else (written,))
    if match.group("iana"):
        return Zone(written, ("UTC",) if written in ("Etc/UTC", "Etc/GMT") else (written,)) \
            if is_iana(written) else None
    if match.group("utc"):
        return Zone(written, ("UTC",))
    if match.group("words"):
        return Zone(written, ("UTC",) if written.lower().startswith("coordinated") else ())
    return Zone(written, ABBREVIATIONS[written.upper()])


def stated(text: str) -> list[Zone]:
    """Every zone named in one line of prose or a heading."""
    out = []
    for m in STATEMENT.finditer(text):
        zone = read(m)
        if zone is not None:
            out.append(zone)
    return out


def of_entry(tz: str | None) -> Zone | None:
    """The zone written on a timeline entry ("10:05 PST", "10:05Z", "14:00 +02:00")."""
    if not tz:
        return None
    if re.fullmatch(r"[+\u2212-]\d{2}:?\d{2}", tz):
        return Zone(tz, ("UTC",) if _offset_zero(tz) else (tz,))
    if tz.upper() == "Z":
        return Zone(tz, ("UTC",))
    found = stated(tz)
    return found[0] if found else Zone(tz, (tz,))
