"""Everyday linter habits: colour variables, `rules RULE`, `init --path` into a new folder."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pmcheck.cli import cli
from pmcheck.launch import use_colour


@pytest.mark.parametrize("env, flag, expected", [
    ({"NO_COLOR": ""}, None, None),          # empty = not set (no-color.org)
    ({"NO_COLOR": "1"}, None, False),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, None, False),
    ({"FORCE_COLOR": "1"}, None, True),
    ({"FORCE_COLOR": ""}, None, None),
    ({"NO_COLOR": "1"}, True, True),         # the flag wins
    ({"FORCE_COLOR": "1"}, False, False),
])
def test_colour_variables(monkeypatch, env, flag, expected):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr("sys.stdout.isatty", lambda: False, raising=False)
    tty = False
    assert use_colour(flag) == (tty if expected is None else expected)


def test_force_color_colours_the_text_report(tmp_path, monkeypatch):
    f = tmp_path / "pm.md"
    f.write_text("# Outage\n\nDate: yesterday\n")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    res = CliRunner().invoke(cli, ["check", str(f)])
    assert "\033[" in res.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in CliRunner().invoke(cli, ["check", str(f)]).stdout


def test_rules_named_and_unknown():
    runner = CliRunner()
    one = runner.invoke(cli, ["rules", "timeline.time-not-24h"])
    assert one.exit_code == 0 and one.stdout.startswith("timeline.time-not-24h (error)")
    assert "metadata." not in one.stdout
    cat = runner.invoke(cli, ["rules", "metadata"])
    ids = [ln.split()[0] for ln in cat.stdout.splitlines() if ln and not ln.startswith(" ")]
    assert ids and all(i.startswith("metadata.") for i in ids)
    bad = runner.invoke(cli, ["rules", "timeline.tme-not-24h"])
    assert bad.exit_code == 2 and 'did you mean "timeline.time-not-24h"' in bad.stderr


def test_init_into_a_missing_folder_and_onto_a_directory(tmp_path):
    runner = CliRunner()
    target = tmp_path / "cfg" / "deeper" / "pm.yml"
    res = runner.invoke(cli, ["init", "--path", str(target)])
    assert res.exit_code == 0 and target.is_file()
    res = runner.invoke(cli, ["init", "--path", str(tmp_path)])
    assert res.exit_code == 2 and "is a directory" in res.stderr
    assert "Traceback" not in res.stderr + res.stdout


def test_stdin_is_checked_under_the_given_name():
    from tests.helpers import ROOT

    bad = (ROOT / "examples" / "bad.md").read_bytes()
    res = CliRunner().invoke(cli, ["check", "-", "--stdin-filename", "postmortems/x.md",
                                   "--format", "json"], input=bad)
    assert res.exit_code == 1
    import json

    report = json.loads(res.stdout)
    assert report["files_checked"] == 1
    assert {f["path"] for f in report["findings"]} == {"postmortems/x.md"}
    plain = CliRunner().invoke(cli, ["check", "-"], input=b"\xef\xbb\xbf# T\r\n\r\nDate: x\r\n")
    assert plain.stdout.startswith("<stdin>:")


def test_stdin_usage_errors():
    runner = CliRunner()
    for args, words in ((["check", "-", "README.md"], "cannot be mixed"),
                        (["check", "-", "--fix"], "not standard input"),
                        (["check", "README.md", "--stdin-filename", "x.md"], "needs PATH '-'")):
        res = runner.invoke(cli, args, input=b"")
        assert res.exit_code == 2 and words in res.stderr, args


def test_binary_stdin_is_a_document_finding_not_a_crash():
    res = CliRunner().invoke(cli, ["check", "-"], input=b"\0\0\0binary")
    assert res.exit_code == 1 and "document." in res.stdout and "Traceback" not in res.output


def _policy_hint(priority: str, due: str) -> str:
    from pmcheck.linter import lint_text
    from pmcheck.options import Options

    text = ("# Outage\n\nDate: 2026-03-01\n\n## Action Items\n\n"
            "| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n"
            f"| Add a canary stage | @ana | {due} | {priority} | open |\n")
    findings, _ = lint_text(text, "pm.md", Options())
    (f,) = [f for f in findings if f.rule == "actions.due-outside-policy"]
    return f.hint


def test_due_policy_hint_offers_only_a_priority_that_exists_and_fits():
    assert _policy_hint("P1", "2026-03-21").endswith("or make it P3 if it can wait.")
    assert _policy_hint("P3", "2026-05-01") == "Bring the due date to 2026-03-29 or earlier."


GATED = ("# Outage\n\nDate: 2026-01-01\n\n## Action Items\n\n"
         "| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n"
         "| Add a canary stage | @ana | 2026-01-05 | P1 | open |\n")


def test_gate_fails_closed_on_unreadable_files(tmp_path, monkeypatch):
    import json

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    missing = runner.invoke(cli, ["gate", "nope.md"])
    assert missing.exit_code == 2 and "passed" not in missing.output
    (tmp_path / "big.md").write_text(GATED + "padding " * 200_000)
    big = runner.invoke(cli, ["gate", "big.md", "--today", "2026-02-01"])
    assert big.exit_code == 2 and "passed" not in big.output
    assert "big.md: cannot read its action items" in big.stderr
    as_json = json.loads(runner.invoke(cli, ["gate", "big.md", "--format", "json"]).stdout)
    assert as_json["verdict"] == "error" and as_json["errors"]
    (tmp_path / "ok.md").write_text(GATED)
    failing = runner.invoke(cli, ["gate", "ok.md", "--format", "json", "--today", "2026-02-01"])
    report = json.loads(failing.stdout)
    assert failing.exit_code == 1 and report["verdict"] == "failed"
    assert report["items"][0]["days_overdue"] == 27 and report["items"][0]["due"] == "2026-01-05"
    overdue = runner.invoke(cli, ["overdue", "big.md"])
    assert overdue.exit_code == 2


def test_nothing_matched_is_one_note_and_exit_0_in_every_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".pmcheck.yml").write_text("paths: [postmortems/**/*.md]\n")
    runner = CliRunner()
    notes = set()
    for command in ("check", "overdue", "gate"):
        res = runner.invoke(cli, [command])
        assert res.exit_code == 0, command
        notes.add(res.stderr.strip())
    assert len(notes) == 1 and "no files match paths postmortems/**/*.md" in notes.pop()


def test_extensions_exclude_and_what_directory_mode_skipped(tmp_path, monkeypatch):
    import json

    from tests.helpers import GOOD

    monkeypatch.chdir(tmp_path)
    pm = tmp_path / "postmortems"
    (pm / "templates").mkdir(parents=True)
    for name in ("a.md", "b.markdown", "c.mdx", "README.md", "templates/t.md"):
        (pm / name).write_text(GOOD)
    (pm / "diagram.png").write_bytes(b"\x89PNG")
    runner = CliRunner()
    res = runner.invoke(cli, ["check", "postmortems", "--format", "json"])
    assert json.loads(res.stdout)["files_checked"] == 5
    assert "skipped 1 file not *.md, *.markdown, *.mdx (e.g. postmortems/diagram.png)" \
        in res.stderr
    (tmp_path / ".pmcheck.yml").write_text(
        "paths: [postmortems]\nexclude: [postmortems/README.md, postmortems/templates/]\n")
    res = runner.invoke(cli, ["check", "--format", "json"])
    report = json.loads(res.stdout)
    assert report["files_checked"] == 3
    assert "2 excluded by `exclude`" in res.stderr
    res = runner.invoke(cli, ["check", "--exclude", "**/*.mdx", "--format", "json"])
    assert json.loads(res.stdout)["files_checked"] == 2
    named = runner.invoke(cli, ["check", "postmortems/README.md"])
    assert named.exit_code == 0 and "excluded by `exclude`" in named.stderr
    gate = runner.invoke(cli, ["gate", "--exclude", "postmortems/*"])
    assert gate.exit_code == 0 and "5 excluded" in gate.stderr and "passed" in gate.stdout
    (tmp_path / ".pmcheck.yml").write_text("paths: [postmortems]\nextensions: [md]\n")
    res = runner.invoke(cli, ["check", "--format", "json"])
    assert json.loads(res.stdout)["files_checked"] == 3


def test_action_file_list_honours_exclude(tmp_path):
    from pmcheck.action.workspace import matching_files

    for name in ("pm/a.md", "pm/README.md", "pm/templates/t.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# x\n")
    assert matching_files(tmp_path, ("pm/**/*.md",), ("pm/README.md", "pm/templates")) == \
        ["pm/a.md"]


def test_config_given_by_flag_resolves_paths_from_its_directory(tmp_path, monkeypatch):
    import json

    from tests.helpers import GOOD

    (tmp_path / "cfg" / "pms").mkdir(parents=True)
    (tmp_path / "cfg" / "pms" / "a.md").write_text(GOOD)
    (tmp_path / "cfg" / "pm.yml").write_text("paths: [pms/*.md]\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    res = CliRunner().invoke(cli, ["check", "--config", "../cfg/pm.yml", "--format", "json"])
    assert json.loads(res.stdout)["files_checked"] == 1, res.stderr
