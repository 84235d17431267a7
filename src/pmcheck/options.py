"""Effective settings passed to every rule (pure data; loading lives in config.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pmcheck.adoption import Adoption
from pmcheck.template import DEFAULT, Template

# How numeric dates are read (the `date-order` setting; see document/entries.py).
DATE_ORDERS = ("auto", "dmy", "mdy", "ymd")

# Status aliases -> canonical status.
DEFAULT_STATUSES: dict[str, str] = {
    "open": "open", "todo": "open", "to do": "open", "not started": "open", "new": "open",
    "planned": "open", "backlog": "open",
    "in_progress": "in_progress", "in progress": "in_progress", "in-progress": "in_progress",
    "doing": "in_progress", "started": "in_progress", "wip": "in_progress",
    "completed": "completed", "complete": "completed", "done": "completed",
    "closed": "completed", "fixed": "completed", "resolved": "completed",
    "deferred": "deferred", "wontfix": "deferred", "won't fix": "deferred",
    "postponed": "deferred", "cancelled": "deferred", "canceled": "deferred",
}


# Marks that mean "done" when a status cell holds nothing else ("✅", "✔️", "☑").
_DONE_MARKS = ("\u2705", "\u2714", "\u2611")
# What surrounds a status word without changing it: emoji, marks, punctuation ("Done ✅",
# "TODO.", "(WIP)", "✅ Done!").
_STATUS_EDGE = re.compile(r"^[^\w']+|[^\w']+$")


def status_key(raw: str) -> str:
    """A status value as it is looked up: case, surrounding emoji and punctuation and runs of
    spaces ignored; a bare check mark reads as "done"."""
    key = " ".join(_STATUS_EDGE.sub("", raw.strip()).lower().split())
    if not key and any(mark in raw for mark in _DONE_MARKS):
        return "done"
    return key


@dataclass(frozen=True)
class RuleSetting:
    enabled: bool = True
    severity: str | None = None  # overrides the rule's default when set


@dataclass(frozen=True)
class Options:
    paths: tuple[str, ...] = ("postmortems/**/*.md",)
    exclude: tuple[str, ...] = ()  # globs (relative to the project root) never checked
    extensions: tuple[str, ...] = (".md", ".markdown", ".mdx")  # what directory mode reads
    template: Template = DEFAULT
    severities: tuple[str, ...] = ("P1", "P2", "P3")  # incident severity levels
    priorities: tuple[str, ...] = ("P1", "P2", "P3")  # action item priorities
    sprint_days: int = 14
    # priority -> max days between incident date and due date
    due_policy: tuple[tuple[str, int], ...] = (("P1", 7), ("P2", 14), ("P3", 28))
    statuses: tuple[tuple[str, str], ...] = tuple(DEFAULT_STATUSES.items())
    teams: tuple[str, ...] = ()  # team names accepted as owners without "@"
    internal_names: tuple[str, ...] = ()  # names/hostnames that must not appear externally
    external_paths: tuple[str, ...] = ()  # globs of documents treated as audience: external
    publish_business_days: int = 5
    min_whys: int = 3
    # how numeric dates (07-08-2023) in timelines are read: auto | dmy | mdy | ymd
    date_order: str = "auto"
    rules: tuple[tuple[str, RuleSetting], ...] = ()  # rule id or category -> setting
    blame_allow: tuple[str, ...] = ()  # phrases never flagged as blame
    blame_extra: tuple[str, ...] = ()  # extra phrases flagged as blame
    blame_self_hindsight: bool = True  # "we/I should have ..." is a blame.counterfactual
    # --select / --ignore: rule ids or categories; select empty = every rule the config enables
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    source: str | None = field(default=None, compare=False)  # config file path, if any
    # `followup:` mapping from .pmcheck.yml (labels, assign, dashboard, budget...), free-form.
    followup: dict = field(default_factory=dict, compare=False)
    # `fail-on`, `since`, `only-changed-lines`: which findings fail a check (pmcheck.adoption)
    adoption: Adoption = Adoption()

    def due_days(self, priority: str) -> int | None:
        for p, days in self.due_policy:
            if p.lower() == priority.lower():
                return days
        return None

    def status(self, raw: str) -> str | None:
        key = status_key(raw)
        for alias, canonical in self.statuses:
            if alias == key:
                return canonical
        return None

    def rule_setting(self, rule_id: str) -> RuleSetting:
        """Most specific setting wins: exact id, then category, then default."""
        table = dict(self.rules)
        if rule_id in table:
            return table[rule_id]
        category = rule_id.split(".", 1)[0]
        return table.get(category, RuleSetting())
