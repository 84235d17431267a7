"""Start-up discipline: `pmcheck check FILE` imports only what checking needs, and its fast
route (pmcheck.launch, no click) behaves exactly like the click command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmcheck.launch import parse_check
from tests.helpers import both_routes

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "examples" / "bad.md"
GOOD = ROOT / "examples" / "good.md"

# Modules a plain check must not load: click (the fast route skips it), the YAML library (no
# config file), GitHub clients, the Action, the follow-up commands, other reporters, and the
# package-data reader (only `init` and `new` read shipped files).
NOT_NEEDED = ("click", "ruamel", "yaml", "github", "requests", "jwt", "pmcheck.cli",
              "pmcheck.github", "pmcheck.action", "pmcheck.commands.followup",
              "pmcheck.followup", "pmcheck.reporters.json_", "pmcheck.reporters.sarif",
              "importlib.resources")


def _modules_after(args: list[str], cwd: Path) -> tuple[int, list[str]]:
    """Exit code and sorted sys.modules of a whole `python -m pmcheck ARGS` process."""
    code = ("import atexit, json, sys, runpy\n"
            "atexit.register(lambda: sys.__stderr__.write('\\nMODULES ' + json.dumps("
            "sorted(m for m in sys.modules if m != 'json' and not m.startswith('json.')))))\n"
            f"sys.argv = ['pmcheck'] + {args!r}\n"
            "runpy.run_module('pmcheck', run_name='__main__', alter_sys=True)\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True,
                          text=True)
    line = proc.stderr.rsplit("\nMODULES ", 1)[1]
    return proc.returncode, json.loads(line)


def test_check_file_imports_nothing_it_does_not_need(tmp_path):
    shutil.copy(BAD, tmp_path / "bad.md")
    (tmp_path / ".git").mkdir()  # a repository root without a .pmcheck.yml
    rc, modules = _modules_after(["check", "bad.md"], tmp_path)
    assert rc == 1  # findings were reported: the check really ran
    loaded = [m for m in modules
              if any(m == name or m.startswith(name + ".") for name in NOT_NEEDED)]
    assert loaded == []
    assert "mistletoe" in modules and "pmcheck.rules" in modules  # it parsed and linted


def test_a_config_file_brings_in_the_yaml_library(tmp_path):
    """The counterpart: the fast route still reads .pmcheck.yml when there is one."""
    shutil.copy(BAD, tmp_path / "bad.md")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".pmcheck.yml").write_text("rules:\n  metadata.date-invalid: off\n")
    rc, modules = _modules_after(["check", "bad.md"], tmp_path)
    assert rc == 1 and "ruamel.yaml" in modules and "click" not in modules


@pytest.mark.parametrize("argv", [
    ["check", "bad.md", "good.md"],
    ["check", "--format", "json", "bad.md"],
    ["check", "--format=sarif", "--fail-on=never", "bad.md"],
    ["check", "--format", "github", "--fail-on", "warning", "bad.md"],
    ["check", "--no-color", "--", "bad.md"],
    ["check", "--color", "good.md"],
    ["check", "missing.md", "good.md"],
    ["check", "--config", "nope.yml", "good.md"],
    ["check"],
    ["check", "--format", "xml", "bad.md"],  # not a fast-route line: click reports it
])
def test_fast_route_matches_the_click_command(tmp_path, argv):
    shutil.copy(BAD, tmp_path / "bad.md")
    shutil.copy(GOOD, tmp_path / "good.md")
    (tmp_path / ".git").mkdir()
    fast, via_click = both_routes(argv, tmp_path)
    assert fast == via_click
    assert fast[1] or fast[2]  # each case prints something


def test_parse_check_takes_only_plain_check_lines():
    assert parse_check(["check", "a.md", "--format=json", "--fail-on", "never",
                        "--config", "c.yml", "--no-color", "--", "-odd.md"]) == {
        "paths": [Path("a.md"), Path("-odd.md")], "fmt": "json", "fail_on": "never",
        "config": Path("c.yml"), "color": False}
    assert parse_check(["check"])["paths"] == []
    for argv in (["check", "--help"], ["check", "-h"], ["--version"], ["new", "T"], [],
                 ["check", "--format"], ["check", "--format", "xml"], ["check", "-x"],
                 ["check", "--config", "--format"], ["check", "--color=yes"],
                 ["check", "--config="], ["check", ""], ["overdue"]):
        assert parse_check(argv) is None, argv
