"""`pmcheck check` honours gradual adoption: the config's fail-on mapping and since, and the
--fail-on / --since options laid over them (the same judgement as the Action's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmcheck.cli import cli
from tests.helpers import GOOD, ONE_BLAME as BLAME, ONE_ERROR as NO_OWNER, both_routes
from tests.helpers import redated as dated


@pytest.fixture
def project(tmp_path: Path, monkeypatch):
    """A repository with one postmortem per case; returns a function writing the config."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)

    def write(config: str, **files: str) -> Path:
        (tmp_path / ".pmcheck.yml").write_text(config)
        for name, text in files.items():
            (tmp_path / f"{name}.md").write_text(text)
        return tmp_path
    return write


def check(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, ["check", *args], input=stdin, catch_exceptions=False)


def test_the_fixtures_find_what_they_say(project):
    """Each fixture has exactly the finding the cases below rely on."""
    assert GOOD.count("Date: 2026-03-14") == 1
    project("", blame=BLAME, owner=NO_OWNER)
    out = json.loads(check("--format", "json", "blame.md", "owner.md").stdout)
    assert sorted((f["path"], f["rule"], f["severity"]) for f in out["findings"]) == [
        ("blame.md", "blame.counterfactual", "warning"),
        ("owner.md", "actions.owner-missing", "error")]


@pytest.mark.parametrize("config, args, code", [
    ("fail-on: warning\n", [], 1),                                # a level in the file
    ("fail-on:\n  default: warning\n  blame: never\n", [], 0),     # blame reported, not failing
    ("fail-on:\n  default: warning\n  blame.counterfactual: never\n  blame: warning\n", [], 0),
    ("fail-on:\n  blame: never\n", ["--fail-on", "warning"], 0),   # entries merge over the file
    ("fail-on:\n  blame: never\n", ["--fail-on", "blame=warning"], 1),
    ("", ["--fail-on", "warning, blame=never"], 0),
    ("", ["--fail-on", "warning"], 1),
    ("fail-on: never\n", [], 0),
    ("fail-on: never\n", ["--fail-on", "warning"], 1),             # the option beats the file
])
def test_fail_on_per_category_for_a_blame_warning(project, config, args, code):
    project(config, blame=BLAME)
    r = check("blame.md", *args)
    assert r.exit_code == code, r.output
    assert "[blame.counterfactual]" in r.stdout  # reported whatever the verdict


def test_a_category_set_to_never_leaves_the_others_failing(project):
    project("fail-on:\n  blame: never\n", blame=BLAME, owner=NO_OWNER)
    assert check("blame.md").exit_code == 0
    assert check("blame.md", "owner.md").exit_code == 1


@pytest.mark.parametrize("config, args, date, code", [
    ("since: 2026-01-01\n", [], "2025-12-31", 0),
    ("since: 2026-01-01\n", [], "2026-01-01", 1),   # on the day: held to the rules
    ("", ["--since", "2026-01-01"], "2025-06-01", 0),
    ("since: 2020-01-01\n", ["--since", "2026-01-01"], "2025-06-01", 0),  # option wins
    ("since: 2026-01-01\n", ["--since", "2020-01-01"], "2025-06-01", 1),
])
def test_since_exempts_older_postmortems(project, config, args, date, code):
    project(config, owner=dated(NO_OWNER, date))
    r = check("owner.md", *args)
    assert r.exit_code == code, r.output
    assert "[actions.owner-missing]" in r.stdout
    if code == 0:
        assert f"dated {date}, before since" in r.stderr


def test_since_holds_an_undated_postmortem_to_the_rules(project):
    undated = NO_OWNER.replace("Date: 2026-03-14\n", "", 1)
    project("since: 2026-01-01\n", undated=undated, old=dated(NO_OWNER, "2025-01-02"))
    assert check("old.md").exit_code == 0
    r = check("undated.md", "old.md", "--format", "json")
    assert r.exit_code == 1
    paths = {f["path"] for f in json.loads(r.stdout)["findings"]}
    assert paths == {"undated.md", "old.md"}  # both reported


def test_since_from_a_subdirectory_reads_the_right_file(project, monkeypatch):
    root = project("paths: [pm/*.md]\nsince: 2026-01-01\n")
    (root / "pm").mkdir()
    (root / "pm" / "old.md").write_text(dated(NO_OWNER, "2025-05-05"))
    (root / "sub").mkdir()
    monkeypatch.chdir(root / "sub")
    assert check().exit_code == 0
    assert check("--since", "2025-01-01").exit_code == 1


def test_since_applies_to_standard_input(project):
    project("since: 2026-01-01\n")
    old, new = dated(NO_OWNER, "2025-05-05"), dated(NO_OWNER, "2026-05-05")
    assert check("-", "--stdin-filename", "x.md", stdin=old).exit_code == 0
    r = check("-", stdin=new)
    assert r.exit_code == 1 and "[actions.owner-missing]" in r.stdout


def test_quiet_drops_the_since_note(project):
    project("since: 2026-01-01\n", owner=dated(NO_OWNER, "2025-05-05"))
    r = check("owner.md", "-q")
    assert r.exit_code == 0 and r.stderr == ""


@pytest.mark.parametrize("args, word", [
    (["--fail-on", "sometimes"], "--fail-on"),
    (["--fail-on", "blam=never"], "blam"),
    (["--since", "01/02/2026"], "--since"),
])
def test_bad_option_values_are_one_line_errors(project, args, word):
    project("", owner=NO_OWNER)
    r = CliRunner().invoke(cli, ["check", "owner.md", *args])
    assert r.exit_code == 2 and r.exception is None or isinstance(r.exception, SystemExit)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and word in lines[0] and "Traceback" not in r.output


def test_a_bad_fail_on_mapping_in_the_config_names_its_line(project):
    project("paths: ['*.md']\nfail-on:\n  blame: sometimes\n", owner=NO_OWNER)
    r = CliRunner().invoke(cli, ["check", "owner.md"])
    assert r.exit_code == 2
    assert r.stderr.startswith("config: .pmcheck.yml:3:")


@pytest.mark.parametrize("argv", [
    ["check", "--fail-on", "never", "owner.md"],
    ["check", "--fail-on=warning", "blame.md"],  # blame: never stays (entries merge)
    ["check", "--fail-on=warning, blame=warning", "blame.md"],
    ["check", "owner.md", "blame.md"],
])
def test_the_fast_route_judges_as_click_does(tmp_path, argv):
    """`python -m pmcheck` (no click for plain lines) and the click command agree, with a
    config whose fail-on is a mapping and whose since exempts one file."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".pmcheck.yml").write_text(
        "fail-on:\n  blame: never\nsince: 2026-01-01\n")
    (tmp_path / "owner.md").write_text(dated(NO_OWNER, "2025-02-02"))
    (tmp_path / "blame.md").write_text(BLAME)
    fast, via_click = both_routes(argv, tmp_path)
    assert fast == via_click
    assert fast[0] == (1 if "blame=warning" in argv[1] else 0), fast
