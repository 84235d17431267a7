"""The pre-commit hook (.pre-commit-hooks.yaml) run the way a user's repository runs it.

`pre-commit try-repo` installs this checkout into a fresh virtualenv, exactly as
`repo: <pmcheck>` in a .pre-commit-config.yaml would. pip is pointed at the wheelhouse that
`make test` fills at install time (PIP_NO_INDEX=1), so the test needs no network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
WHEELHOUSE = ROOT / ".venv" / "share" / "wheelhouse"
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def test_manifest_declares_the_hook():
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = hooks
    assert hook["id"] == "pmcheck" and hook["types"] == ["markdown"]
    assert hook["entry"] == "pmcheck check" and hook["language"] == "python"
    assert hook.get("pass_filenames", True) is True


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})


def test_try_repo_fails_on_a_bad_postmortem_and_passes_a_good_one(tmp_path):
    if not PRE_COMMIT.exists():
        pytest.skip("pre-commit is not installed in this environment (pip install -e '.[test]')")
    if not (WHEELHOUSE / ".stamp").exists() or shutil.which("git") is None:
        pytest.skip("no wheelhouse (run `make test`, which fills .venv/share/wheelhouse) or no git")
    repo = tmp_path / "repo"
    (repo / "postmortems").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "good.md", repo / "postmortems" / "good.md")
    shutil.copy(ROOT / "examples" / "bad.md", repo / "postmortems" / "bad.md")
    (repo / "notes.txt").write_text("not markdown, so the hook never sees it\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PIP_NO_INDEX": "1",
           "PIP_FIND_LINKS": str(WHEELHOUSE), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(PRE_COMMIT), "try-repo", str(ROOT), "pmcheck", "--files",
                               *files], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=600)

    good = run("postmortems/good.md", "notes.txt")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = run("postmortems/bad.md", "postmortems/good.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "postmortems/bad.md:" in bad.stdout
    assert "postmortems/good.md:" not in bad.stdout
