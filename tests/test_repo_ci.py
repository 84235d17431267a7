"""The repository's own CI: what ci.yml and release.yml run, and that `make lint` is clean.

actionlint checks both workflows (tests/action/test_tooling.py lints .github/workflows/*.yml);
these tests check that they run what README's Development section says they run.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    return YAML(typ="safe").load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_ci_runs_make_test_on_every_supported_python_lint_and_the_action():
    ci = load("ci.yml")
    assert ci["permissions"] == {"contents": "read"}
    test = ci["jobs"]["test"]
    assert test["strategy"]["matrix"]["python"] == ["3.10", "3.11", "3.12", "3.13"]
    assert any(str(s.get("run", "")).startswith("make test") for s in steps(test))
    assert any(str(s.get("run", "")).startswith("make lint") for s in steps(ci["jobs"]["lint"]))
    action = [s for s in steps(ci["jobs"]["action"]) if s.get("uses") == "./"]
    assert len(action) == 2 and all("examples/" in s["with"]["paths"] for s in action)
    assert all(j["runs-on"].startswith("ubuntu-") for j in ci["jobs"].values())  # Linux only
    requires = re.search(r'requires-python = ">=(3\.\d+)"',
                         (ROOT / "pyproject.toml").read_text()).group(1)
    assert test["strategy"]["matrix"]["python"][0] == requires


def test_release_publishes_the_image_and_moves_the_major_tag_only_for_releases():
    rel = load("release.yml")
    assert rel["on"] == {"release": {"types": ["published"]}}
    image = rel["jobs"]["image"]
    assert image["permissions"]["packages"] == "write"
    assert any(s.get("uses", "").startswith("docker/build-push-action@") and
               s["with"]["push"] is True for s in steps(image))
    tag = rel["jobs"]["major-tag"]
    assert tag["needs"] == "image" and "prerelease" in tag["if"]
    assert tag["permissions"] == {"contents": "write"}
    script = steps(tag)[-1]["run"]
    assert "git tag --force" in script and "git push --force" in script


def test_major_tag_script_moves_v1_and_refuses_other_tags(tmp_path):
    """The tag step's shell, run against a scratch repository with a bare 'origin'."""
    script = steps(load("release.yml")["jobs"]["major-tag"])[-1]["run"]

    def git(*args, cwd=tmp_path / "work"):
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              check=True).stdout.strip()

    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "origin.git")], check=True)
    (tmp_path / "work").mkdir()
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@e.x", "commit", "-q", "--allow-empty", "-m", "a")
    git("remote", "add", "origin", str(tmp_path / "origin.git"))
    git("tag", "v1.0.0")
    git("-c", "user.name=t", "-c", "user.email=t@e.x", "commit", "-q", "--allow-empty", "-m", "b")
    git("tag", "v1.1.0")
    git("push", "-q", "origin", "--tags")

    def run(tag: str):
        return subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path / "work",
                              env={"TAG": tag, "PATH": "/usr/bin:/bin",
                                   "HOME": str(tmp_path)}, capture_output=True, text=True)

    assert run("v1.0.0").returncode == 0
    assert git("rev-parse", "v1^{commit}", cwd=tmp_path / "origin.git") == \
        git("rev-parse", "v1.0.0^{commit}")
    assert run("v1.1.0").returncode == 0  # moved forward
    assert git("rev-parse", "v1^{commit}", cwd=tmp_path / "origin.git") == \
        git("rev-parse", "v1.1.0^{commit}")
    bad = run("latest")
    assert bad.returncode == 1 and "not vX.Y.Z" in bad.stdout


def test_make_lint_is_clean():
    """The same command as `make lint` (settings in pyproject.toml's [tool.ruff])."""
    ruff = Path(sys.executable).with_name("ruff")
    assert ruff.exists(), "ruff is in the test extras; run `make test` to install it"
    proc = subprocess.run([str(ruff), "check", "."], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^lint: .*\n\t\$\(BIN\)/ruff check \.\n\t\$\(BIN\)/mypy$", makefile, re.M)


def test_every_module_mypy_gates_exists():
    """[tool.mypy] files: a renamed module must not silently drop out of the type check."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = text[text.index("\n[tool.mypy]\n") + 1:].split("\n[", 1)[0]
    files = re.findall(r'"(src/[^"]+)"', block[block.index("files"):])
    assert len(files) >= 10
    assert [f for f in files if not (ROOT / f).exists()] == []
