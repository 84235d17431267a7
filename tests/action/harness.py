"""Run the Action the way the runner runs a Docker action, against the GitHub emulator.

Used by the tests in this folder and by benchmarks/pr_requests.py.

``run_action(emu, ws, ...)`` starts ``entrypoint.py`` in a subprocess with INPUT_* holding
action.yml's defaults (overridable), the GITHUB_* context, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
files and the workspace as working directory, and returns what a runner would see.
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from github_emulator import RW_TOKEN, github_env

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PR_NUMBER = 7
HEAD_SHA = "a" * 40


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def action_defaults() -> dict[str, str]:
    """INPUT_<NAME> for every input of action.yml, with its default, as the runner sets them."""
    spec = YAML(typ="safe").load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return {f"INPUT_{name.upper()}": str(meta.get("default", "") or "")
            for name, meta in spec["inputs"].items()}


def make_patch(old: str, new: str) -> str:
    """The `patch` GitHub returns for one file: unified diff hunks without the --- / +++ lines."""
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=3))
    return "\n".join(lines[2:])


@dataclass
class Run:
    rc: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str

    @property
    def annotations(self) -> list[str]:
        return [ln for ln in self.stdout.splitlines()
                if ln.startswith(("::error file=", "::warning file=", "::notice file="))]


def pr_event(number: int = PR_NUMBER, head_sha: str = HEAD_SHA) -> dict:
    return {"action": "synchronize", "number": number,
            "pull_request": {"number": number, "head": {"sha": head_sha, "ref": "pm-branch"},
                             "base": {"ref": "main"}},
            "repository": {"full_name": "octo-org/postmortems"}}


def run_action(emu, ws: Path, *, token: str = RW_TOKEN, event_name: str = "pull_request",
               event: dict | None = None, inputs: dict[str, str] | None = None,
               tmp: Path | None = None, app: Path = ROOT,
               env_extra: dict[str, str] | None = None) -> Run:
    """`app`: where entrypoint.py and src/ come from (the repository, or a build context);
    `env_extra`: environment variables set last (e.g. GITHUB_API_URL)."""
    tmp = tmp or ws.parent
    event_path = tmp / "event.json"
    event_path.write_text(json.dumps(event if event is not None else pr_event()),
                          encoding="utf-8")
    output, summary = tmp / "output.txt", tmp / "summary.md"
    output.write_text("", encoding="utf-8")
    summary.write_text("", encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp),
           "PYTHONPATH": str(app / "src"), "PMCHECK_NO_THROTTLE": "1",
           **action_defaults(), **github_env(emu, token),
           "INPUT_GITHUB-TOKEN": token, "GITHUB_TOKEN": "",
           "GITHUB_EVENT_NAME": event_name, "GITHUB_EVENT_PATH": str(event_path),
           "GITHUB_WORKSPACE": str(ws), "GITHUB_OUTPUT": str(output),
           "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_SHA": "f" * 40,
           "GITHUB_REF": f"refs/pull/{PR_NUMBER}/merge"}
    env.update({f"INPUT_{k.upper()}": v for k, v in (inputs or {}).items()})
    env.update(env_extra or {})
    proc = subprocess.run([sys.executable, str(app / "entrypoint.py")], cwd=ws, env=env,
                          capture_output=True, text=True, timeout=120)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines()
                   if "=" in line)
    return Run(proc.returncode, proc.stdout, proc.stderr, outputs, summary.read_text())


@dataclass
class PR:
    """A pull request seeded in the emulator, with its files written to a workspace."""

    ws: Path
    files: dict[str, tuple[str, str]]  # path -> (old text, new text)

    def entries(self) -> list[dict]:
        out = []
        for path, (old, new) in self.files.items():
            out.append({"filename": path, "patch": make_patch(old, new),
                        "status": "added" if not old else "modified"})
        return out


def seed_pr(emu, ws: Path, files: dict[str, tuple[str, str]], number: int = PR_NUMBER,
            head_sha: str = HEAD_SHA) -> PR:
    for path, (_old, new) in files.items():
        target = ws / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(new, encoding="utf-8")
    pr = PR(ws, files)
    emu.state.add_pull_request(number=number, head_sha=head_sha, files=pr.entries())
    return pr


def two_postmortems() -> dict[str, tuple[str, str]]:
    """The measured case: one new postmortem (20 findings) and one edited (5 findings)."""
    return {"postmortems/2026/2026-04-03-checkout-freeze.md": ("", fixture_text("bad.md")),
            "postmortems/2026/2026-02-10-stale-search.md": (fixture_text("base.md"),
                                                            fixture_text("edited.md"))}


@dataclass(frozen=True)
class Expected:
    """What the linter itself finds in a PR's new file texts: tests compare the Action to it."""

    total: int
    errors: int
    warnings: int
    per_file: dict
    lines: int = 0  # distinct (path, line) pairs with a finding: one inline comment each

    @classmethod
    def of(cls, files: dict[str, tuple[str, str]]) -> "Expected":
        from pmcheck.findings import Severity
        from pmcheck.linter import lint_text
        from pmcheck.options import Options

        found = {path: lint_text(new, path, Options())[0] for path, (_o, new) in files.items()}
        every = [f for fs in found.values() for f in fs]
        return cls(len(every), sum(f.severity is Severity.ERROR for f in every),
                   sum(f.severity is Severity.WARNING for f in every),
                   {p: len(fs) for p, fs in found.items()},
                   len({(f.path, f.line, f.end_line) for f in every}))

    def headline(self) -> str:
        return (f"{self.errors} error{'s' if self.errors != 1 else ''}, "
                f"{self.warnings} warning{'s' if self.warnings != 1 else ''}")


def comment_fps(emu, number: int = PR_NUMBER) -> list[str]:
    """Every live finding fingerprint across pmcheck's inline comments (repeats kept)."""
    from pmcheck.github.review_text import parse

    return [fp for c in emu.state.review_comments_on(number) for fp in parse(c["body"]).live]
