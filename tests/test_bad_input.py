"""Bad input at the command line: a finding or a clear error naming file and line, never a
traceback, and the right exit code (1 for findings, 2 for paths that cannot be checked)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmcheck.cli import cli
from tests.helpers import GOOD

GOOD_BYTES = GOOD.encode()


def line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


HTML = GOOD.replace("## What Went Well", "<table><tr><td>ok</td></tr></table>\n\n## What Went Well")
BROKEN_TABLE = GOOD.replace("| @marcus | 2026-03-20 | P1 | completed |",
                            "| @marcus | 2026-03-20 | P1 | completed | extra |")
TWO_H1 = GOOD.replace("## Summary", "# Summary")

# name -> (file bytes, expected (line, rule) findings, exit code)
CASES = {
    "empty": (b"", [(1, "document.empty")], 1),
    "whitespace": (b"  \n\n\t\n", [(1, "document.empty")], 1),
    "non-utf8": (GOOD_BYTES.replace(b"Duration: 47 minutes", b"Duration: 47 minutes \xe9t\xe9"),
                 [(line_of(GOOD, "Duration:"), "document.encoding")], 1),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
               [(1, "document.binary")], 1),
    "over-1-MiB": (GOOD_BYTES + b"x" * (1024 * 1024), [(1, "document.too-large")], 1),
    "crlf": (GOOD_BYTES.replace(b"\n", b"\r\n"), [], 0),
    "bom-and-crlf": (b"\xef\xbb\xbf" + GOOD_BYTES.replace(b"\n", b"\r\n"), [], 0),
    "several-h1": (TWO_H1.encode(), [(line_of(TWO_H1, "# Summary"), "structure.title-multiple")],
                   1),
    "html-table": (HTML.encode(), [(line_of(HTML, "<table>"), "document.html-table")], 0),
    "broken-table": (BROKEN_TABLE.encode(),
                     [(line_of(BROKEN_TABLE, "| extra |"), "document.table-broken")], 0),
    "front-matter-yaml-error": (b"---\ndate: [2026-03-14\nseverity: P2\n---\n" + GOOD_BYTES,
                                [(3, "document.front-matter-invalid")], 1),
}


def check_json(args: list[str]):
    r = CliRunner().invoke(cli, ["check", "--format", "json", *args], catch_exceptions=False)
    data = json.loads(r.stdout)
    return r, [(f["line"], f["rule"]) for f in data["findings"]], data


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file_gives_a_finding_at_its_line(name, tmp_path, monkeypatch):
    content, expected, code = CASES[name]
    monkeypatch.chdir(tmp_path)
    Path(f"{name}.md").write_bytes(content)
    r, found, data = check_json([f"{name}.md"])
    assert found == expected
    assert r.exit_code == code
    assert data["files_checked"] == 1
    assert all(f["path"] == f"{name}.md" for f in data["findings"])
    assert "Traceback" not in r.output


def test_no_headings_is_reported_not_crashed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("notes.md").write_text("Just some notes about the outage.\n")
    r, found, _ = check_json(["notes.md"])
    assert r.exit_code == 1
    assert (1, "structure.title-missing") in found
    assert {rule for _, rule in found} >= {"structure.missing-section", "metadata.missing"}


def test_symlink_is_checked_as_its_target_and_a_dangling_one_is_an_error(tmp_path,
                                                                         monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("real.md").write_text(GOOD.replace("| @lena | 2026-04-10 |", "|  | 2026-04-10 |"))
    os.symlink("real.md", "link.md")
    r, found, _ = check_json(["link.md"])
    assert r.exit_code == 1 and [rule for _, rule in found] == ["actions.owner-missing"]
    os.symlink("nowhere.md", "dangling.md")
    r, found, data = check_json(["dangling.md"])
    assert r.exit_code == 2 and found == [] and data["files_checked"] == 0
    assert r.stderr == "pmcheck: dangling.md: cannot read: broken symbolic link\n"


def test_directory_walk_skips_linked_directories_but_reports_dangling_links(tmp_path,
                                                                            monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("pm").mkdir()
    Path("pm/a.md").write_text(GOOD)
    os.symlink("..", "pm/loop")  # a loop, never followed
    os.symlink("gone.md", "pm/b.md")
    r, found, data = check_json(["pm"])
    assert data["files_checked"] == 1 and found == []
    assert r.exit_code == 2 and "pm/b.md: cannot read: broken symbolic link" in r.stderr


def test_directory_without_markdown_and_missing_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    Path("docs/readme.txt").write_text("not markdown")
    Path("good.md").write_text(GOOD)
    r = CliRunner().invoke(cli, ["check", "docs", "missing.md", "good.md"])
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [  # the empty directory is a note, as in the no-PATH case
        "pmcheck: docs: no Markdown (*.md, *.markdown, *.mdx) files to check; skipped 1 file "
        "not *.md, *.markdown, *.mdx (e.g. docs/readme.txt)",
        "pmcheck: missing.md: no such file or directory"]
    assert r.stdout == "no problems in 1 file; 1 path could not be checked (see above)\n"


def test_fifo_is_refused_not_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe.md")
    r = CliRunner().invoke(cli, ["check", "pipe.md"])
    assert r.exit_code == 2 and r.stderr == "pmcheck: pipe.md: not a regular file\n"


def test_no_configured_files_is_said_not_failed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    r = CliRunner().invoke(cli, ["check"])
    assert r.exit_code == 0
    assert "no files match paths postmortems/**/*.md" in r.stderr


def test_whole_process_prints_no_traceback_on_bad_input(tmp_path):
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02")
    (tmp_path / ".pmcheck.yml").write_text("rules: [oops\n")
    env = {**os.environ, "NO_COLOR": "1"}
    bad_config = subprocess.run([sys.executable, "-m", "pmcheck", "check", "binary.md"],
                                cwd=tmp_path, capture_output=True, text=True, env=env)
    assert bad_config.returncode == 2
    assert bad_config.stderr.startswith("config: .pmcheck.yml:2: YAML syntax error")
    (tmp_path / ".pmcheck.yml").unlink()
    binary = subprocess.run([sys.executable, "-m", "pmcheck", "check", "binary.md"],
                            cwd=tmp_path, capture_output=True, text=True, env=env)
    assert binary.returncode == 1 and "Traceback" not in binary.stderr
    assert binary.stdout.startswith("binary.md:1:1: error [document.binary]")
