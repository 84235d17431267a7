"""Output and selection options: --quiet, --output-file, --select/--ignore, --min-severity."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from pmcheck.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# bad.md's three metadata findings become warnings, whys.too-short info; the rest stay errors.
MIXED_CONFIG = "rules:\n  metadata: warning\n  whys.too-short: info\n"


def _run(args: list[str]):
    return CliRunner().invoke(cli, args)


def _pairs(stdout: str) -> list[tuple[int, str]]:
    return [(f["line"], f["rule"]) for f in json.loads(stdout)["findings"]]


def _bad(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "bad.md", tmp_path / "bad.md")


def test_select_and_ignore_take_ids_and_categories(tmp_path, monkeypatch):
    _bad(tmp_path, monkeypatch)
    every = _pairs(_run(["check", "bad.md", "--format", "json"]).stdout)
    blame = _run(["check", "bad.md", "--format", "json", "--select", "blame"])
    assert _pairs(blame.stdout) == [p for p in every if p[1].startswith("blame.")]
    both = _run(["check", "bad.md", "--format", "json", "--select", "blame,whys",
                 "--ignore", "whys.too-short", "--ignore", "blame.person-as-cause"])
    assert _pairs(both.stdout) == [(32, "blame.blame-word"), (40, "whys.ends-at-person")]
    rest = _run(["check", "bad.md", "--format", "json", "--ignore", "blame,metadata"])
    assert _pairs(rest.stdout) == [p for p in every if p[1].split(".")[0]
                                   not in ("blame", "metadata")]


def test_select_keeps_rules_the_config_switches_off_off(tmp_path, monkeypatch):
    _bad(tmp_path, monkeypatch)
    (tmp_path / ".pmcheck.yml").write_text("rules:\n  blame.blame-word: off\n")
    got = _run(["check", "bad.md", "--format", "json", "--select", "blame"])
    assert _pairs(got.stdout) == [(40, "blame.person-as-cause")]


def test_unknown_rule_names_are_one_line_errors_with_did_you_mean(tmp_path, monkeypatch):
    _bad(tmp_path, monkeypatch)
    for option, value, near in (("--select", "blam", "blame"),
                                ("--ignore", "timeline.time-not24h", "timeline.time-not-24h")):
        got = _run(["check", "bad.md", option, value])
        assert got.exit_code == 2 and got.stdout == ""
        assert got.stderr.count("\n") == 1 and f'did you mean "{near}"' in got.stderr
        assert got.stderr.startswith(f'pmcheck: {option} "{value}" is not a rule id')
    # .pmcheck.yml's `rules:` check words the same name the same way
    (tmp_path / ".pmcheck.yml").write_text("rules:\n  blam: off\n")
    config = _run(["check", "bad.md"])
    assert config.exit_code == 2 and '"rules.blam" is not a rule id or category (did you ' \
        'mean "blame"?)' in config.stderr


def test_min_severity_hides_and_does_not_fail(tmp_path, monkeypatch):
    _bad(tmp_path, monkeypatch)
    (tmp_path / ".pmcheck.yml").write_text(MIXED_CONFIG)
    shown = _run(["check", "bad.md", "--format", "json", "--min-severity", "warning"])
    rules = [r for _, r in _pairs(shown.stdout)]
    assert "whys.too-short" not in rules and "metadata.date-invalid" in rules
    text = _run(["check", "bad.md", "--min-severity", "error", "--fail-on", "warning"])
    assert "metadata." not in text.stdout and "whys.too-short" not in text.stdout
    assert "(3 below --min-severity not shown)" in text.stdout
    assert text.exit_code == 1  # blame errors remain
    every_info = "".join(f"  {c}: info\n" for c in ("structure", "metadata", "timeline",
                                                     "whys", "actions", "blame", "suppression"))
    (tmp_path / ".pmcheck.yml").write_text("rules:\n" + every_info)
    quiet_info = _run(["check", "bad.md", "--min-severity", "warning", "--fail-on", "warning"])
    assert quiet_info.exit_code == 0 and "11 below --min-severity not shown" in quiet_info.stdout


def test_quiet_prints_findings_only(tmp_path, monkeypatch):
    _bad(tmp_path, monkeypatch)
    got = _run(["check", "bad.md", "-q"])
    lines = got.stdout.splitlines()
    assert got.exit_code == 1 and lines[0].startswith("bad.md:3:7: error")
    assert not any(" in 1 file" in ln for ln in lines) and lines[-1].startswith("    hint:")
    (tmp_path / "good.md").write_text((EXAMPLES / "good.md").read_text())
    clean = _run(["check", "good.md", "--quiet"])
    assert clean.exit_code == 0 and clean.stdout == ""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.txt").write_text("x")
    note = _run(["check", "docs"])
    assert "no Markdown" in note.stderr
    assert _run(["check", "docs", "-q"]).stderr == ""
    missing = _run(["check", "nope.md", "-q"])  # errors are never silenced
    assert missing.exit_code == 2 and "nope.md: no such file" in missing.stderr


def test_output_file_gets_the_report_uncoloured(tmp_path, monkeypatch):
    _bad(tmp_path, monkeypatch)
    got = _run(["check", "bad.md", "--format", "sarif", "--output-file", "out/r.sarif"])
    assert got.exit_code == 1 and got.stdout == ""
    sarif = json.loads((tmp_path / "out" / "r.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 11
    _run(["check", "bad.md", "--color", "-o", "report.txt"])
    text = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "\x1b[" not in text and text.startswith("bad.md:3:7:")
    bad = _run(["check", "bad.md", "-o", "bad.md/x"])
    assert bad.exit_code == 2 and "--output-file bad.md/x: cannot write" in bad.stderr


def test_gate_quiet_and_output_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.md").write_text("# Outage\n\nDate: 2026-01-01\n\n## Action Items\n\n"
                                    "| Action | Owner | Due | Priority | Status |\n"
                                    "|---|---|---|---|---|\n"
                                    "| Add a canary stage | @ana | 2026-01-05 | P2 | open |\n")
    passed = _run(["gate", "ok.md", "-q"])
    assert passed.exit_code == 0 and passed.stdout == ""
    assert "gate: passed" in _run(["gate", "ok.md"]).stdout
    written = _run(["gate", "ok.md", "--format", "json", "-o", "gate.json"])
    assert written.exit_code == 0 and written.stdout == ""
    assert json.loads((tmp_path / "gate.json").read_text())["verdict"] == "passed"


def _repo_with_subfolder(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / ".pmcheck.yml").write_text("paths: [postmortems/**/*.md]\n")
    (tmp_path / "postmortems" / "2026").mkdir(parents=True)
    shutil.copy(EXAMPLES / "bad.md", tmp_path / "postmortems" / "2026" / "bad.md")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "postmortems")
    return tmp_path


def test_paths_are_printed_relative_to_the_current_directory(tmp_path, monkeypatch):
    root = _repo_with_subfolder(tmp_path, monkeypatch)
    given = _run(["check", "./2026/bad.md"])
    assert given.stdout.startswith("2026/bad.md:3:7: error")
    configured = json.loads(_run(["check", "--format", "json"]).stdout)
    assert {f["path"] for f in configured["findings"]} == {"2026/bad.md"}
    assert {s["path"] for s in configured["suppressed"]} == {"2026/bad.md"}
    monkeypatch.chdir(root / "docs")
    above = json.loads(_run(["check", "--format", "json"]).stdout)
    assert {f["path"] for f in above["findings"]} == {"../postmortems/2026/bad.md"}
    # GitHub resolves an annotation's file= from the repository root
    github = _run(["check", "--format", "github"])
    assert "::error file=postmortems/2026/bad.md,line=3," in github.stdout
    # SARIF URIs stay relative to the repository root (%SRCROOT%), wherever pmcheck ran
    log = json.loads(_run(["check", "--format", "sarif"]).stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert uris == {"postmortems/2026/bad.md"}
    monkeypatch.chdir(root / "postmortems" / "2026")
    gate = json.loads(_run(["gate", "--format", "json"]).stdout)
    assert gate["items"] and {i["path"] for i in gate["items"]} == {"bad.md"}
    shutil.copy(EXAMPLES / "bad.md", root / "postmortems" / "copy.md")
    fixed = _run(["check", "--fix", "../copy.md"])
    assert "fixed 1 finding in ../copy.md" in fixed.stderr


def test_unreadable_files_are_listed_in_json_and_sarif_with_exit_2(tmp_path, monkeypatch):
    root = _repo_with_subfolder(tmp_path, monkeypatch)
    (root / "postmortems" / "dangling.md").symlink_to(root / "nowhere.md")
    as_json = _run(["check", "--format", "json", "2026", "dangling.md", "gone.md"])
    assert as_json.exit_code == 2
    errors = json.loads(as_json.stdout)["errors"]
    assert [e["path"] for e in errors] == ["gone.md", "dangling.md"]
    assert "no such file" in errors[0]["message"] and "broken" in errors[1]["message"]
    assert "dangling.md: cannot read" in as_json.stderr  # stderr keeps saying it too
    as_sarif = _run(["check", "--format", "sarif", "dangling.md"])
    (inv,) = json.loads(as_sarif.stdout)["runs"][0]["invocations"]
    assert as_sarif.exit_code == 2 and inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "postmortems/dangling.md"


def test_encoding_finding_points_at_the_bytes_column():
    from pmcheck.document.source import decode
    from pmcheck.linter import lint_text
    from pmcheck.options import Options

    raw = (b"\xef\xbb\xbf# Outage\n\nImpact: \xc3\xa7a va, caf\xe9 down\n")
    text, notes = decode(raw)
    assert "at offset 32 " in notes[0][2]  # counted in the file, BOM included
    findings, _ = lint_text(text, "pm.md", Options(), notes)
    (f,) = [f for f in findings if f.rule == "document.encoding"]
    assert (f.line, f.column) == (3, len("Impact: ça va, caf") + 1)


def test_overdue_review_in_text_keeps_handles_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pm.md").write_text("# Outage\n\nDate: 2026-01-01\n\n## Action Items\n\n"
                                    "| Action | Owner | Due | Priority | Status |\n"
                                    "|---|---|---|---|---|\n"
                                    "| Add a canary stage | @jane_doe | 2026-01-05 | P2 | open |\n"
                                    "| Page the DB team | @db-team | 2026-01-05 | P2 | done |\n")
    got = _run(["overdue", "pm.md", "--review", "--today", "2026-03-01"])
    assert got.exit_code == 0 and "\u200b" not in got.stdout
    assert "pm.md: Outage (2026-01-01): 1 done, 0 deferred, 1 still open" in got.stdout
    assert "open: Add a canary stage (owner @jane_doe)" in got.stdout
    markdown = _run(["overdue", "pm.md", "--review", "--format", "markdown",
                     "--today", "2026-03-01", "-o", "out/overdue.md"])
    assert markdown.exit_code == 0 and markdown.stdout == ""
    written = (tmp_path / "out" / "overdue.md").read_text(encoding="utf-8")
    assert "@\u200bjane" in written  # GitHub-bound Markdown still defuses mentions


def test_stdin_filename_is_placed_in_the_project_for_exclude_and_external_paths(tmp_path,
                                                                               monkeypatch):
    (tmp_path / ".pmcheck.yml").write_text("paths: [pm/**/*.md]\nexclude: [pm/templates/]\n"
                                           "external-paths: [pm/public/**]\n")
    (tmp_path / "pm" / "public").mkdir(parents=True)
    (tmp_path / "pm" / "templates").mkdir()
    monkeypatch.chdir(tmp_path / "pm")
    text = (EXAMPLES / "good.md").read_bytes()
    runner = CliRunner()
    skipped = runner.invoke(cli, ["check", "-", "--stdin-filename", "templates/t.md"],
                            input=text)
    assert skipped.exit_code == 0 and skipped.stdout.startswith("no problems in 0 files")
    assert "templates/t.md: skipped, excluded by `exclude`" in skipped.stderr
    internal = runner.invoke(cli, ["check", "-", "--stdin-filename", "a.md", "--format",
                                   "json"], input=text)
    public = runner.invoke(cli, ["check", "-", "--stdin-filename", "public/a.md", "--format",
                                 "json"], input=text)
    external = {f["rule"] for f in json.loads(public.stdout)["findings"]}
    assert not any(r.startswith("external.") for r in
                   (f["rule"] for f in json.loads(internal.stdout)["findings"]))
    assert any(r.startswith("external.") for r in external)  # pm/public/** from pm/
    assert {f["path"] for f in json.loads(public.stdout)["findings"]} == {"public/a.md"}
