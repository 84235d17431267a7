"""API requests of the Action in pull-request mode, counted from the GitHub emulator's log.

The PR: one new postmortem and one edited postmortem, 25 findings in all (at the time of
writing; the script prints the actual count). Runs entrypoint.py as the runner runs a Docker
action, twice on the same commit, and prints every request of each run.

    .venv/bin/python benchmarks/pr_requests.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "src")]

from action.harness import PR_NUMBER, Expected, run_action, seed_pr, two_postmortems  # noqa: E402
from github_emulator import Emulator  # noqa: E402


def show(title: str, requests: list) -> None:
    writes = [r for r in requests if r.method != "GET"]
    print(f"{title}: {len(requests)} requests ({len(requests) - len(writes)} reads, "
          f"{len(writes)} writes)")
    for r in requests:
        print(f"    {r.method:6} {r.status}  {r.path}")


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
