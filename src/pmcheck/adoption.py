"""Gradual adoption: which findings fail the check (pure; no I/O, no clock, no GitHub).

Three levers, as ``.pmcheck.yml`` keys and as Action inputs (an input overrides the file):

* ``fail-on`` per category or rule id: ``{default: error, blame: never}`` reports blame findings
  but lets only the other categories fail. The most specific entry wins: rule id, then
  category, then ``default``.
* ``since: YYYY-MM-DD``: a postmortem whose Date is before it is reported as usual but never
  fails. A postmortem without a readable Date is held to the rules (nothing shows it is old).
* ``only-changed-lines: true`` (review mode): a finding outside the pull request's diff is
  listed in the summaries as "not in this change", is not annotated and never fails.

A finding that fails is one that reaches its threshold and is not exempt by ``since`` or
``only-changed-lines``; :func:`judge` works that out once for a run and says why each exempt
finding does not count.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Mapping

LEVELS = ("error", "warning", "never")  # what a threshold may be (findings.FAIL_ON)
_RANK = {"error": 3, "warning": 2, "info": 1}
NOT_IN_CHANGE = "not in this change"


class AdoptionError(ValueError):
    """A bad fail-on / since / only-changed-lines value. `key` names the entry (for a line)."""

    def __init__(self, message: str, key: str = ""):
        self.key = key
        super().__init__(message)


@dataclass(frozen=True)
class Adoption:
    fail_on: str = "error"  # threshold for findings no entry below names
    # (category or rule id, threshold), in the order written
    by: tuple[tuple[str, str], ...] = ()
    since: dt.date | None = None
    only_changed_lines: bool = False
    # which of the four were set (so an input overrides only what it names)
    given: frozenset[str] = field(default=frozenset(), compare=False)

    def threshold(self, rule: str, category: str) -> str:
        table = dict(self.by)
        return table.get(rule) or table.get(category) or self.fail_on

    def reaches(self, rule: str, category: str, severity: str) -> bool:
        """A finding of this rule, category and severity reaches its fail-on threshold."""
        level = self.threshold(rule, category)
        return level != "never" and _RANK[severity] >= _RANK[level]

    def over(self, other: "Adoption") -> "Adoption":
        """`self` (inputs) laid over `other` (the config file): each lever set here wins, and
        fail-on entries merge key by key."""
        merged = dict(other.by)
        merged.update(self.by)
        return Adoption(
            fail_on=self.fail_on if "fail-on" in self.given else other.fail_on,
            by=tuple(merged.items()),
            since=self.since if "since" in self.given else other.since,
            only_changed_lines=(self.only_changed_lines if "only-changed-lines" in self.given
                                else other.only_changed_lines),
            given=self.given | other.given)


# ---------------------------------------------------------------------------------------------
# Reading the values (config_schema and the Action's inputs both call these)

def level(value: object, where: str, key: str = "") -> str:
    """`value` as a fail-on level; `key` is what the error points at (default `where`)."""
    text = str(value).strip().lower() if isinstance(value, str) else value
    if text not in LEVELS:
        raise AdoptionError(f'"{where}" must be one of {", ".join(LEVELS)}; got {value!r}',
                            key or where)
    return str(text)


def fail_on_entries(pairs: Iterable[tuple[str, object]], known: Callable[[str], bool]
                    ) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """(default level or None, ((category or rule id, level), ...)) from key/value pairs;
    `known(key)` says whether a key is a category or rule id."""
    default, by = None, []
    for key, value in pairs:
        key = str(key).strip()
        if key == "default":
            default = level(value, "fail-on.default", key)
            continue
        if not known(key):
            raise AdoptionError(f'"fail-on.{key}" is not a rule id or category; use one from '
                                "`pmcheck rules`, or default", key)
        by.append((key, level(value, f"fail-on.{key}", key)))
    return default, tuple(by)


def parse_fail_on_input(text: str, known: Callable[[str], bool]) -> Adoption:
    """The fail-on input: a level ("error"), entries ("blame=never, structure=error", also
    "blame: never" or one per line), or both ("never, structure=error"). Empty: nothing set."""
    parts = [p.strip() for chunk in text.splitlines() for p in chunk.split(",") if p.strip()]
    pairs: list[tuple[str, object]] = []
    for part in parts:
        if re.search(r"[=:]", part):
            key, value = re.split(r"\s*[=:]\s*", part, maxsplit=1)
            pairs.append((key, value))
        else:
            pairs.append(("default", part))
    try:
        default, by = fail_on_entries(pairs, known)
    except AdoptionError as exc:
        raise AdoptionError(f"input fail-on: {exc}; write a level (error, warning, never) "
                            "and/or CATEGORY=LEVEL entries, e.g. error, blame=never") from None
    given = frozenset({"fail-on"} if parts else ())
    return Adoption(fail_on=default or "error", by=by, given=given)


def from_inputs(fail_on: str, since: str, only_changed_lines: str,
                known: Callable[[str], bool]) -> Adoption:
    """The Action's inputs (blank ones set nothing, so the config file's values stay)."""
    out = parse_fail_on_input(fail_on, known)
    given = set(out.given)
    if since.strip():
        try:
            out = replace(out, since=since_date(since))
        except AdoptionError:
            raise AdoptionError(f"input since: {since.strip()!r} is not a date; use "
                                "YYYY-MM-DD, e.g. 2026-01-01") from None
        given.add("since")
    flag = only_changed_lines.strip().lower()
    if flag:
        if flag not in ("true", "false"):
            raise AdoptionError(f"input only-changed-lines: {only_changed_lines.strip()!r} is "
                                "not a boolean; use true or false")
        out = replace(out, only_changed_lines=flag == "true")
        given.add("only-changed-lines")
    return replace(out, given=frozenset(given))


def since_date(value: object, where: str = "since") -> dt.date:
    """A date from YAML (already a date when unquoted) or text; AdoptionError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise AdoptionError(f'"{where}" must be a date written YYYY-MM-DD, e.g. 2026-01-01; '
                            f"got {value!r}", where) from None


def from_config(data: Mapping, known: Callable[[str], bool]) -> Adoption:
    """The three keys of a loaded ``.pmcheck.yml`` mapping (absent keys keep the defaults)."""
    out, given = Adoption(), set()
    if "fail-on" in data:
        value = data["fail-on"]
        if isinstance(value, Mapping):
            default, by = fail_on_entries(value.items(), known)
            out = replace(out, fail_on=default or "error", by=by)
        else:
            out = replace(out, fail_on=level(value, "fail-on"))
        given.add("fail-on")
    if "since" in data:
        out = replace(out, since=since_date(data["since"]))
        given.add("since")
    if "only-changed-lines" in data:
        if not isinstance(data["only-changed-lines"], bool):
            raise AdoptionError('"only-changed-lines" must be true or false; got '
                                f"{data['only-changed-lines']!r}", "only-changed-lines")
        out = replace(out, only_changed_lines=data["only-changed-lines"])
        given.add("only-changed-lines")
    return replace(out, given=frozenset(given))


# ---------------------------------------------------------------------------------------------
# The verdict of a run

@dataclass(frozen=True)
class Verdict:
    failing: tuple = ()  # the findings that fail the check
    exempt: Mapping = field(default_factory=dict)  # finding -> why it never fails

    @property
    def fails(self) -> bool:
        return bool(self.failing)


def judge(findings: Iterable, policy: Adoption, dates: Mapping[str, dt.date | None],
          outside: Callable[[object], bool] = lambda f: False) -> Verdict:
    """Which `findings` fail. `dates`: path -> the postmortem's Date (None: unreadable);
    `outside(f)`: the finding lies outside the change (used only with only-changed-lines)."""
    failing, exempt = [], {}
    for f in findings:
        why = exemption(f, policy, dates, outside)
        if why:
            exempt[f] = why
        elif policy.reaches(f.rule, f.category, f.severity.value):
            failing.append(f)
    return Verdict(tuple(failing), exempt)


def exemption(f, policy: Adoption, dates: Mapping[str, dt.date | None],
              outside: Callable[[object], bool]) -> str:
    """Why finding `f` never fails ("" when it is held to fail-on)."""
    if policy.only_changed_lines and outside(f):
        return NOT_IN_CHANGE
    date = dates.get(f.path)
    if policy.since is not None and date is not None and date < policy.since:
        return f"dated {date.isoformat()}, before since {policy.since.isoformat()}"
    return ""


def postmortem_dates(texts: Mapping[str, str], opts) -> dict[str, dt.date | None]:
    """path -> the postmortem's incident Date (None when it has no readable one)."""
    from pmcheck.document.parse import parse
    from pmcheck.rules.action_dates import incident_date

    return {path: incident_date(parse(text, path, opts.template, date_order=opts.date_order))
            for path, text in texts.items()}


def exit_code(result, verdict: Verdict) -> int:
    """2 when files could not be read or linted, 1 when a finding fails, else 0."""
    if result.errors:
        return 2
    return 1 if verdict.fails else 0
