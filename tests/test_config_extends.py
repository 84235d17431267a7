"""`extends:` in .pmcheck.yml: local files merged under the extending one (pmcheck.config_extends)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmcheck.action.config_load import ActionConfigError, options_from_text, workspace_files
from pmcheck.cli import cli
from pmcheck.config import ConfigError, load_config
from pmcheck.options import RuleSetting
from tests.helpers import ONE_BLAME

BASE = """\
paths: [incidents/*.md]
min-whys: 4
since: 2026-01-01
fail-on:
  default: warning
  blame: never
rules:
  blame.counterfactual: error
  metadata: off
followup:
  labels: [postmortem]
"""


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def load(root: Path, name: str = "repo/.pmcheck.yml"):
    return load_config(root / name, root)


def error_of(root: Path, name: str = "repo/.pmcheck.yml") -> ConfigError:
    with pytest.raises(ConfigError) as err:
        load(root, name)
    return err.value


def test_mappings_merge_key_by_key_and_the_rest_replaces(tmp_path):
    tree(tmp_path, {"shared/base.yml": BASE, "repo/.pmcheck.yml": (
        "extends: ../shared/base.yml\n"
        "paths: [postmortems/*.md]\n"
        "fail-on:\n  structure: never\n"
        "rules:\n  metadata.severity-missing: error\n")})
    opts = load(tmp_path)
    assert opts.paths == ("postmortems/*.md",)  # a list replaces
    assert opts.min_whys == 4 and opts.adoption.since == dt.date(2026, 1, 1)  # kept
    assert (opts.adoption.fail_on, dict(opts.adoption.by)) == (
        "warning", {"blame": "never", "structure": "never"})
    assert dict(opts.rules) == {
        "blame.counterfactual": RuleSetting(enabled=True, severity="error"),
        "metadata": RuleSetting(enabled=False),
        "metadata.severity-missing": RuleSetting(enabled=True, severity="error")}


def test_the_extending_file_wins_and_a_scalar_replaces_a_mapping(tmp_path):
    tree(tmp_path, {"shared/base.yml": BASE, "repo/.pmcheck.yml": (
        "extends: ../shared/base.yml\nmin-whys: 2\nfail-on: error\nsince: 2026-06-01\n")})
    opts = load(tmp_path)
    assert (opts.min_whys, opts.adoption.fail_on, opts.adoption.by, opts.adoption.since) == (
        2, "error", (), dt.date(2026, 6, 1))


def test_a_list_applies_in_order_and_chains_nest(tmp_path):
    tree(tmp_path, {
        "org/root.yml": "min-whys: 2\nsprint-days: 7\npublish-business-days: 3\n",
        "org/team.yml": "extends: root.yml\nmin-whys: 3\n",
        "org/strict.yml": "min-whys: 5\nsprint-days: 21\n",
        "repo/.pmcheck.yml": "extends: [../org/team.yml, ../org/strict.yml]\nsprint-days: 10\n"})
    opts = load(tmp_path)
    # strict (later) beats team, the file itself beats both; root reaches through team
    assert (opts.min_whys, opts.sprint_days, opts.publish_business_days) == (5, 10, 3)


def test_found_by_discovery_and_used_by_check(tmp_path, monkeypatch):
    tree(tmp_path, {"shared/base.yml": "fail-on:\n  blame: never\n",
                    "repo/.pmcheck.yml": "extends: ../shared/base.yml\n",
                    "repo/pm.md": ONE_BLAME})
    (tmp_path / "repo" / ".git").mkdir()
    monkeypatch.chdir(tmp_path / "repo")
    reported = CliRunner().invoke(cli, ["check", "pm.md", "--fail-on", "warning"])
    assert reported.exit_code == 0 and "[blame.counterfactual]" in reported.stdout
    (tmp_path / "shared" / "base.yml").write_text("fail-on:\n  blame: warning\n")
    assert CliRunner().invoke(cli, ["check", "pm.md"]).exit_code == 1


def test_a_bad_value_in_the_extended_file_names_that_file_and_line(tmp_path):
    tree(tmp_path, {"shared/base.yml": "paths: [a/*.md]\n\nmin-whys: zero\n",
                    "repo/.pmcheck.yml": "extends: ../shared/base.yml\n"})
    err = error_of(tmp_path)
    assert (Path(err.source).resolve(), err.line) == ((tmp_path / "shared/base.yml").resolve(), 3)


def test_a_nested_bad_value_names_the_file_it_came_from(tmp_path):
    tree(tmp_path, {"shared/base.yml": "fail-on:\n  blame: never\n",
                    "repo/.pmcheck.yml": "extends: ../shared/base.yml\n"
                                         "fail-on:\n  default: error\n  bogus: never\n"})
    err = error_of(tmp_path)
    assert err.source.endswith(".pmcheck.yml") and err.line == 4
    (tmp_path / "shared/base.yml").write_text("rules:\n  blame: off\n  metadata.nope: off\n")
    (tmp_path / "repo/.pmcheck.yml").write_text("extends: ../shared/base.yml\nrules:\n"
                                                "  timeline: off\n")
    err = error_of(tmp_path)
    assert err.source.endswith("base.yml") and err.line == 3


@pytest.mark.parametrize("files, where, line, words", [
    ({"repo/.pmcheck.yml": "min-whys: 3\nextends: ../shared/none.yml\n"},
     "repo/.pmcheck.yml", 2, "not found"),
    ({"repo/.pmcheck.yml": "extends: .pmcheck.yml\n"}, "repo/.pmcheck.yml", 1, "cycle"),
    ({"repo/.pmcheck.yml": "extends: ../a.yml\n", "a.yml": "extends: b.yml\n",
      "b.yml": "paths: [x]\nextends: repo/.pmcheck.yml\n"}, "b.yml", 2, "cycle"),
    ({"repo/.pmcheck.yml": "extends: /etc/pmcheck.yml\n"}, "repo/.pmcheck.yml", 1, "absolute"),
    ({"repo/.pmcheck.yml": "extends: []\n"}, "repo/.pmcheck.yml", 1, "empty"),
    ({"repo/.pmcheck.yml": "extends: {a: 1}\n"}, "repo/.pmcheck.yml", 1, "file path"),
    ({"repo/.pmcheck.yml": "extends: ../shared\n", "shared/x.yml": ""},
     "repo/.pmcheck.yml", 1, "directory"),
    ({"repo/.pmcheck.yml": "extends: b.yml\n", "repo/b.yml": "a: [\n"},
     "repo/b.yml", 2, "YAML syntax"),
    ({"repo/.pmcheck.yml": "\nextends: b.yml\n", "repo/b.yml": "- paths\n"},
     "repo/b.yml", 1, "extended by"),
])
def test_unusable_extends_is_an_error_at_its_line(tmp_path, files, where, line, words):
    tree(tmp_path, files)
    err = error_of(tmp_path)
    assert (Path(err.source).resolve(), err.line) == ((tmp_path / where).resolve(), line)
    assert words in err.message


def test_an_empty_extended_file_changes_nothing(tmp_path):
    tree(tmp_path, {"repo/base.yml": "# nothing yet\n",
                    "repo/.pmcheck.yml": "extends: base.yml\nmin-whys: 2\n"})
    assert load(tmp_path).min_whys == 2


def test_a_non_utf8_extended_file_is_named(tmp_path):
    tree(tmp_path, {"repo/.pmcheck.yml": "extends: base.yml\n"})
    (tmp_path / "repo/base.yml").write_bytes(b"min-whys: \xff\n")
    err = error_of(tmp_path)
    assert err.line == 1 and "UTF-8" in err.message and "base.yml" in err.message


def test_the_cli_prints_one_line_and_exits_2(tmp_path, monkeypatch):
    tree(tmp_path, {"repo/.pmcheck.yml": "paths: [a]\nextends: missing.yml\n"})
    monkeypatch.chdir(tmp_path / "repo")
    r = CliRunner().invoke(cli, ["check", "x.md"])
    assert r.exit_code == 2
    assert r.stderr.startswith("config: .pmcheck.yml:2: \"extends\": 'missing.yml' not found")
    assert len(r.stderr.splitlines()) == 1


# --- the Action: files read with the workspace's checks -------------------------------------

def test_the_action_reads_extended_files_inside_the_workspace(tmp_path):
    tree(tmp_path, {"ci/base.yml": BASE})
    opts = options_from_text("extends: ci/base.yml\nmin-whys: 6\n", ".pmcheck.yml",
                             files=workspace_files(tmp_path))
    assert (opts.min_whys, opts.paths, opts.adoption.since) == (
        6, ("incidents/*.md",), dt.date(2026, 1, 1))


@pytest.mark.parametrize("extends, words", [
    ("../outside.yml", "outside the repository"),
    ("ci/none.yml", "not found"),
    ("ci/link.yml", "symbolic link"),
])
def test_the_action_refuses_what_it_cannot_read(tmp_path, extends, words):
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci/real.yml").write_text("min-whys: 2\n")
    (tmp_path / "ci/link.yml").symlink_to("real.yml")
    with pytest.raises(ActionConfigError) as err:
        options_from_text(f"paths: [a]\nextends: {extends}\n", ".pmcheck.yml",
                          files=workspace_files(tmp_path))
    assert (err.value.path, err.value.line) == (".pmcheck.yml", 2)
    assert words in str(err.value)


def test_the_action_names_the_extended_file_of_a_bad_value(tmp_path):
    tree(tmp_path, {"ci/base.yml": "paths: [a]\nmin-whys: -1\n"})
    with pytest.raises(ActionConfigError) as err:
        options_from_text("extends: ci/base.yml\n", ".pmcheck.yml",
                          files=workspace_files(tmp_path))
    assert (err.value.path, err.value.line) == ("ci/base.yml", 2)
    assert str(err.value).startswith("config: ci/base.yml:2:")
