"""Config loading: values -> Options, every bad value -> ConfigError naming file, line and fix."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from pmcheck.config import (ConfigError, default_config_text, derive_due_policy, find_config,
                            load_config, parse_config, project_root, render_init)
from pmcheck.options import Options, RuleSetting
from pmcheck.template import GOOGLE_SRE


def cfg(text: str) -> Options:
    return parse_config(textwrap.dedent(text).lstrip("\n"), ".pmcheck.yml")


def test_empty_and_default_files_give_default_options():
    assert parse_config("", ".pmcheck.yml") == Options()
    assert parse_config("# only a comment\n", ".pmcheck.yml") == Options()
    assert parse_config(default_config_text(), ".pmcheck.yml") == Options()


def test_scalar_keys_are_read():
    o = cfg("""
        paths: docs/incidents/*.md
        severities: [SEV1, SEV2]
        priorities: [high, medium, low]
        teams: [payments-oncall]
        internal-names: [db-primary-01, Project Falcon]
        external-paths: ["public/**/*.md"]
        publish-business-days: 3
        min-whys: 5
        """)
    assert o.paths == ("docs/incidents/*.md",)
    assert o.severities == ("SEV1", "SEV2")
    assert o.priorities == ("high", "medium", "low")
    assert o.teams == ("payments-oncall",)
    assert o.internal_names == ("db-primary-01", "Project Falcon")
    assert o.external_paths == ("public/**/*.md",)
    assert (o.publish_business_days, o.min_whys) == (3, 5)


@pytest.mark.parametrize("sprint, priorities, expected", [
    (14, ("P1", "P2", "P3"), (("P1", 7), ("P2", 14), ("P3", 28))),
    (10, ("P1", "P2", "P3"), (("P1", 5), ("P2", 10), ("P3", 20))),
    (14, ("P0", "P1", "P2", "P3"), (("P0", 7), ("P1", 14), ("P2", 28), ("P3", 56))),
    (1, ("P1",), (("P1", 1),)),
])
def test_due_policy_derives_from_sprint_days(sprint, priorities, expected):
    assert derive_due_policy(priorities, sprint) == expected


def test_sprint_days_and_explicit_due_policy():
    assert cfg("sprint-days: 10\n").due_policy == (("P1", 5), ("P2", 10), ("P3", 20))
    o = cfg("""
        sprint-days: 10
        due-policy:
          P1: 3
          P3: 60
        """)
    assert o.due_policy == (("P1", 3), ("P3", 60))
    assert o.due_days("p1") == 3 and o.due_days("P2") is None


def test_template_preset_and_custom_mapping():
    assert cfg("template: google-sre\n").template == GOOGLE_SRE
    o = cfg("""
        template:
          extends: default
          required: [timeline, Root Causes, action-items, customer-comms]
          aliases:
            customer-comms: ["Customer Communication", "Status page updates"]
            root-cause: Why it happened
          order: [what-went-well, what-went-wrong, action-items]
        """)
    t = o.template
    assert t.required == ("timeline", "root-cause", "action-items", "customer-comms")
    assert t.resolve("Status Page Updates") == "customer-comms"
    assert t.resolve("Why it happened") == "root-cause"
    assert t.resolve("Timeline") == "timeline"  # built-in names still work
    assert t.order == (("what-went-well", "what-went-wrong"), ("what-went-well", "action-items"),
                       ("what-went-wrong", "action-items"))


def test_rules_statuses_blame_and_followup():
    o = cfg("""
        rules:
          timeline: warning
          timeline.not-chronological: off
          blame: {severity: info}
          metadata.impact-vague: {enabled: false}
          whys: on
        statuses:
          open: [triaged]
          completed: shipped
        blame:
          allow: [root cause]
          extra: [sloppy]
        followup:
          labels: [postmortem-action]
          assign: true
          budget: 20
          gate: [p2]
        """)
    assert o.rule_setting("timeline.span-mismatch") == RuleSetting(True, "warning")
    assert o.rule_setting("timeline.not-chronological") == RuleSetting(False, None)
    assert o.rule_setting("metadata.impact-vague").enabled is False
    assert o.rule_setting("blame.anything") == RuleSetting(True, "info")
    assert o.rule_setting("actions.owner-missing") == RuleSetting()
    assert o.status("Triaged") == "open" and o.status("shipped") == "completed"
    assert o.status("done") == "completed"  # defaults kept
    assert (o.blame_allow, o.blame_extra) == (("root cause",), ("sloppy",))
    assert o.followup == {"labels": ["postmortem-action"], "assign": True, "budget": 20,
                          "gate": ["p2"]}
    assert type(o.followup) is dict and type(o.followup["labels"]) is list


# (config text, line, words the message must contain)
BAD = [
    ("due-policy:\n  P1: 3\n  P4: 5\n", 3,
     ['"due-policy.P4" is not a priority', "known priorities: P1, P2, P3"]),
    ("priorities: [high, low]\ndue-policy:\n  P1: 3\n", 3, ["known priorities: high, low"]),
    ("paths: [a]\nsprint_days: 3\n", 2, ['unknown key "sprint_days"', 'did you mean "sprint-days"']),
    ("sprint-days: 0\n", 1, ['"sprint-days" must be a whole number of at least 1']),
    ("sprint-days: two weeks\n", 1, ["sprint-days"]),
    ("min-whys: true\n", 1, ["min-whys"]),
    ("paths: 3\n", 1, ['"paths" must be a list']),
    ("paths: []\n", 1, ["at least one"]),
    ("teams:\n  - ok\n  - [nested]\n", 3, ['"teams" item 2']),
    ("template: googl\n", 1, ['"googl" is not a template preset', 'did you mean "google-sre"']),
    ("template:\n  extends: default\n  requried: [timeline]\n", 3, ['"template.requried"']),
    ("template:\n  required:\n    - timeline\n    - nonsense\n", 4,
     ['"nonsense" is not a known section', "template.aliases"]),
    ("template:\n  order: what-went-well\n", 2, ["template.order"]),
    ("statuses:\n  finished: [x]\n", 2, ['"statuses.finished" is not a status']),
    ("rules:\n  timeline.orderr: off\n", 2, ['"rules.timeline.orderr" is not a rule id',
                                             "pmcheck rules"]),
    ("rules:\n  timeline: loud\n", 2, ['"rules.timeline" must be off, on, error']),
    ("rules:\n  timeline:\n    severity: fatal\n", 3, ['"rules.timeline.severity"']),
    ("rules:\n  timeline:\n    enabled: maybe\n", 3, ['"rules.timeline.enabled"']),
    ("blame:\n  deny: [x]\n", 2, ['unknown key "blame.deny"']),
    ("followup: yes please\n", 1, ['"followup" must be a mapping']),
    ("followup:\n  budget: -1\n", 2, ["followup.budget"]),
    ("followup:\n  labels: [a]\n  assign: maybe\n", 3, ['"followup.assign"', "true or false"]),
    ("followup:\n  gate: 7\n", 2, ['"followup.gate"', "list of names"]),
    ("followup:\n  labels: []\n", 2, ['"followup.labels"', "at least one label"]),
    # unknown follow-up keys are errors at load, for every command, with a did-you-mean
    ("followup:\n  budget: 3\n  lables: [x]\n", 3,
     ['unknown key "followup.lables" (did you mean "labels"?)', "known keys: labels,"]),
    ("followup:\n  anything-else: {nested: [1]}\n", 2, ['unknown key "followup.anything-else"']),
    # a gated priority must be one of `priorities`
    ("followup:\n  gate: [P1, P4]\n", 2,
     ['"followup.gate": "P4" is not a priority', "known priorities: P1, P2, P3"]),
    ("priorities: [high, low]\nfollowup:\n  gate: [hihg]\n", 3,
     ['"hihg" is not a priority (did you mean "high"?)', "known priorities: high, low"]),
    ("- a\n- b\n", 1, ["must be a mapping"]),
    ("paths: [a\nteams: [b]\n", 2, ["YAML syntax error"]),
    ("paths: [a]\npaths: [b]\n", 2, ["YAML syntax error", "duplicate key"]),
    ("severities: [P1]\n\n\n# note\nrules: {}\nbogus: 1\n", 6, ['unknown key "bogus"']),
]


@pytest.mark.parametrize("text, line, words", BAD)
def test_bad_config_names_file_line_and_fix(text, line, words):
    with pytest.raises(ConfigError) as info:
        parse_config(text, "conf/.pmcheck.yml")
    message = str(info.value)
    assert message.startswith(f"config: conf/.pmcheck.yml:{line}: "), message
    assert info.value.line == line
    for w in words:
        assert w in message, message


def test_find_config_walks_up_but_not_past_the_repository(tmp_path: Path):
    (tmp_path / ".pmcheck.yml").write_text("min-whys: 4\n")
    repo = tmp_path / "repo"
    deep = repo / "postmortems" / "2026"
    deep.mkdir(parents=True)
    (repo / ".git").mkdir()
    assert find_config(deep) is None  # the file above the repository is not used
    (repo / ".pmcheck.yml").write_text("min-whys: 5\n")
    assert find_config(deep) == (repo / ".pmcheck.yml").resolve()
    assert load_config(None, deep).min_whys == 5
    assert project_root(find_config(deep), deep) == repo.resolve()


def test_project_root_without_config(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    sub = tmp_path / "a"
    sub.mkdir()
    assert project_root(None, sub) == tmp_path.resolve()


def test_load_config_explicit_path_and_errors(tmp_path: Path):
    good = tmp_path / "pm.yml"
    good.write_text("min-whys: 4\n")
    assert load_config(good, tmp_path).min_whys == 4
    assert load_config(good, tmp_path).source == str(good)
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "missing.yml", tmp_path)
    latin = tmp_path / "latin.yml"
    latin.write_bytes(b"teams: [ok]\ninternal-names: [caf\xe9]\n")
    with pytest.raises(ConfigError) as info:
        load_config(latin, tmp_path)
    assert info.value.line == 2 and "UTF-8" in str(info.value)
    bad = tmp_path / "bad.yml"
    bad.write_text("min-whys: 4\nnope: 1\n")
    with pytest.raises(ConfigError) as info:
        load_config(bad, tmp_path)
    assert "bad.yml:2:" in str(info.value)


def test_init_changes_values_and_keeps_comments():
    text = render_init("pagerduty", 10)
    default = default_config_text()
    comments = [ln.strip() for ln in default.splitlines() if ln.strip().startswith("#")]
    assert comments and all(c in text for c in comments)
    assert "template: pagerduty" in text and "sprint-days: 10" in text
    o = parse_config(text, ".pmcheck.yml")
    assert o.template.name == "pagerduty"
    assert o.due_policy == (("P1", 5), ("P2", 10), ("P3", 20))
    assert render_init() == default


def test_absolute_paths_are_refused():
    with pytest.raises(ConfigError) as info:
        parse_config("paths:\n  - postmortems/*.md\n  - /etc/*.md\n", ".pmcheck.yml")
    assert info.value.line == 3 and "relative" in str(info.value)


# ---------------------------------------------------------------- the shipped default config

def _example_blocks(text: str) -> list[tuple[str, list[str]]]:
    """(key, uncommented lines) for each commented example: '# key:' then '#   ...' lines."""
    from pmcheck.config_schema import KEYS

    blocks: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        head = re.match(r"# ([\w-]+):(?:\s|$)", line)
        if head and head.group(1) in KEYS:
            blocks.append((head.group(1), [line[2:]]))
        elif blocks and line.startswith("#   ") and blocks[-1][1][-1] is not None:
            blocks[-1][1].append(line[2:])
        elif blocks and blocks[-1][1][-1] is not None:
            blocks[-1][1].append(None)  # block closed
    return [(k, [x for x in lines if x is not None]) for k, lines in blocks]


def _uncomment(text: str, key: str, lines: list[str]) -> str:
    """`text` with the active `key:` setting replaced by the uncommented example."""
    out, skipping = [], False
    for line in text.splitlines():
        if skipping and (line.startswith((" ", "-")) and line.strip()):
            continue
        skipping = line.startswith(f"{key}:")
        if not skipping:
            out.append(line)
    return "\n".join(out + lines) + "\n"


def test_default_config_examples_uncommented_still_validate():
    text = default_config_text()
    blocks = _example_blocks(text)
    assert {k for k, _ in blocks} >= {"template", "due-policy", "statuses", "rules", "followup"}
    every = text
    for key, lines in blocks:
        parse_config(_uncomment(text, key, lines), ".pmcheck.yml")  # raises if invalid
        every = _uncomment(every, key, lines)
    o = parse_config(every, ".pmcheck.yml")
    assert o.rule_setting("timeline.span-mismatch").enabled is False
    assert o.followup["gate"] == ["P1"]


def test_default_config_names_only_real_rules_and_categories():
    from pmcheck.rules import CATEGORIES, all_rules

    text = default_config_text()
    ids = {r.id for r in all_rules()}
    cats = "|".join(CATEGORIES)
    named = set(re.findall(rf"(?<![\w/.-])((?:{cats})\.[a-z][a-z0-9-]*)", text))
    assert named, "the default config should show a rule id example"
    assert named <= ids, f"not rules: {sorted(named - ids)}"
    rules_block = dict(_example_blocks(text))["rules"]
    for line in rules_block[1:]:
        name = line.strip().split(":")[0]
        assert name in ids or name in CATEGORIES, name
