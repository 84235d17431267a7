"""API requests of the Action in pull-request mode, counted from the GitHub emulator's log.

The PR: one new postmortem and one edited postmortem, 25 findings in all (at the time of
writing; the script prints the actual count). Runs entrypoint.py as the runner runs a Docker
action, twice on the same commit, then once on a new push that fixes one of the findings
sharing a line (GitHub outdates that comment: it is replaced), and prints every request of each run.

    .venv/bin/python benchmarks/pr_requests.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "src")]

from action.harness import (PR_NUMBER, Expected, make_patch, pr_event, run_action,  # noqa: E402
                            seed_pr, two_postmortems)
from github_emulator import Emulator  # noqa: E402


def show(title: str, requests: list) -> None:
    writes = [r for r in requests if r.method != "GET"]
    print(f"{title}: {len(requests)} requests ({len(requests) - len(writes)} reads, "
          f"{len(writes)} writes)")
    for r in requests:
        print(f"    {r.method:6} {r.status}  {r.path}")


def push_owner_fix(emu, ws: Path, files: dict):
    """A new head where the edited postmortem's ownerless action item gets an owner."""
    edited = next(p for p, (old, _new) in files.items() if old)
    old, new = files[edited]
    row = next(ln for ln in new.splitlines() if ln.startswith("| Remind Rui"))
    fixed = new.replace(row, row.replace("| |", "| @rui |", 1))
    ws.joinpath(edited).write_text(fixed, encoding="utf-8")
    entries = [{"filename": p, "patch": make_patch(o, fixed if p == edited else t),
                "status": "added" if not o else "modified"} for p, (o, t) in files.items()]
    emu.state.push(PR_NUMBER, "b" * 40, files=entries)
    return run_action(emu, ws, event=pr_event(head_sha="b" * 40))


def main() -> int:
    emu = Emulator().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            ws = Path(tmp) / "workspace"
            ws.mkdir()
            files = two_postmortems()
            seed_pr(emu, ws, files)
            expected = Expected.of(files)
            print(f"PR #{PR_NUMBER}: {len(files)} postmortems, {expected.total} findings "
                  f"({expected.errors} errors, {expected.warnings} warnings)")
            first = run_action(emu, ws)
            n = len(emu.requests)
            show(f"first run (exit {first.rc})", emu.requests[:n])
            second = run_action(emu, ws)
            show(f"rerun, same commit (exit {second.rc})", emu.requests[n:])
            n = len(emu.requests)
            third = push_owner_fix(emu, ws, files)
            show(f"new push fixing one of a line's findings (exit {third.rc})",
                 emu.requests[n:])
            inline = len(emu.state.review_comments_on(PR_NUMBER))
            print(f"state: {len(emu.state.reviews_on(PR_NUMBER))} review, {inline} inline "
                  f"comments, {len(emu.state.comments_on(PR_NUMBER))} PR comment")
            errors = emu.take_errors()
            if errors:
                print("emulator contract errors:", *errors, sep="\n  ")
                return 1
    finally:
        emu.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
