"""Gradual adoption (pmcheck.adoption): per-category fail-on, since, only-changed-lines."""

from __future__ import annotations

import datetime as dt

import pytest

from pmcheck.adoption import NOT_IN_CHANGE, Adoption, from_inputs, judge
from pmcheck.config import parse_config
from pmcheck.config_schema import ConfigError, known_rule_or_category
from pmcheck.findings import Finding, Severity


def finding(rule: str, severity: str = "error", path: str = "pm/a.md") -> Finding:
    return Finding(path, 3, 1, 3, rule, rule.split(".")[0], Severity(severity), "m")


def test_category_never_reports_but_does_not_fail():
    policy = parse_config("fail-on:\n  default: error\n  blame: never\n").adoption
    blame, struct = finding("blame.counterfactual"), finding("structure.missing-section")
    verdict = judge([blame, struct], policy, {})
    assert verdict.failing == (struct,)
    assert judge([blame], policy, {}).fails is False


def test_rule_id_beats_category_beats_default():
    policy = Adoption(fail_on="never", by=(("actions", "warning"),
                                           ("actions.owner-missing", "never")))
    assert policy.reaches("actions.due-missing", "actions", "warning")
    assert not policy.reaches("actions.owner-missing", "actions", "error")
    assert not policy.reaches("blame.counterfactual", "blame", "error")


def test_since_exempts_older_postmortems_only():
    policy = Adoption(since=dt.date(2026, 1, 1))
    old, new, undated = (finding("structure.x", path=p) for p in ("old.md", "new.md", "u.md"))
    dates = {"old.md": dt.date(2025, 12, 31), "new.md": dt.date(2026, 1, 1), "u.md": None}
    verdict = judge([old, new, undated], policy, dates)
    assert verdict.failing == (new, undated) and "before since 2026-01-01" in verdict.exempt[old]


def test_only_changed_lines_exempts_findings_outside_the_diff():
    inside, outside = finding("structure.a"), finding("structure.b")
    policy = Adoption(only_changed_lines=True)
    verdict = judge([inside, outside], policy, {}, outside=lambda f: f is outside)
    assert verdict.failing == (inside,) and verdict.exempt[outside] == NOT_IN_CHANGE
    off = judge([inside, outside], Adoption(), {}, outside=lambda f: f is outside)
    assert off.failing == (inside, outside)


def test_inputs_override_the_config_key_by_key():
    config = parse_config("fail-on:\n  blame: never\n  whys: never\nsince: 2026-01-01\n").adoption
    inputs = from_inputs("warning, whys=error", "", "true", known_rule_or_category)
    merged = inputs.over(config)
    assert (merged.fail_on, dict(merged.by), merged.since, merged.only_changed_lines) == (
        "warning", {"blame": "never", "whys": "error"}, dt.date(2026, 1, 1), True)


@pytest.mark.parametrize("text, line", [
    ("paths: [a/*.md]\nfail-on:\n  blame: sometimes\n", 3),
    ("fail-on:\n  blam: never\n", 2),
    ("paths: [a]\nsince: 01/02/2026\n", 2),
    ("only-changed-lines: maybe\n", 1),
])
def test_bad_config_names_the_line(text, line):
    with pytest.raises(ConfigError) as err:
        parse_config(text)
    assert err.value.line == line


@pytest.mark.parametrize("fail_on, since, only", [("sometimes", "", ""), ("blam=never", "", ""),
                                                   ("", "12/01/2026", ""), ("", "", "maybe")])
def test_bad_inputs_are_rejected(fail_on, since, only):
    with pytest.raises(ValueError):
        from_inputs(fail_on, since, only, known_rule_or_category)
