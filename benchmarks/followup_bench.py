"""Follow-up mode benchmark: 200 postmortems, 600 action items, 80 overdue, on the emulator.

Prints API requests (by operation, writes separately) and wall time for a first run and a
same-day rerun, plus the time to parse every postmortem and plan the sync (no network). The
repository also holds issues written by people (never listed) and by other workflows with the
same token (listed by author, then skipped), as a busy repository would. Runs are started
like a scheduled run (GITHUB_REF names the default branch, so no GET /repos).

    .venv/bin/python benchmarks/followup_bench.py [--budget 200] [--repeat 5]
        [--people-issues 3000] [--bot-issues 150]

The emulator is the local one from tests/github_emulator (nothing touches api.github.com);
the client is built with ``for_tests=True`` so no write pacing sleeps. In production PyGithub
spaces writes one second apart, so a first run costs at least one second per write.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from github_emulator import RW_TOKEN, Emulator  # noqa: E402

from pmcheck.action import followup_mode  # noqa: E402
from pmcheck.action.settings import Settings  # noqa: E402
from pmcheck.github.client import connect  # noqa: E402

TODAY = dt.date(2026, 6, 1)
OWNERS = [f"eng{i:02d}" for i in range(24)]  # 16 collaborators, 8 not assignable
VERBS = ["Add an alert for", "Write a runbook for", "Load-test", "Add a dashboard panel for",
         "Set a timeout on", "Document the failover of", "Add retries with backoff to"]
NOUNS = ["the billing queue", "the checkout pool", "the DNS resolver", "the search index",
         "the session cache", "the payments webhook", "the image resizer", "the login service"]


def generate(root: Path, n_docs: int = 200, per_doc: int = 3, overdue: int = 80) -> None:
    """n_docs postmortems with per_doc items each; exactly `overdue` of them overdue on TODAY."""
    k = 0
    for d in range(n_docs):
        date = TODAY - dt.timedelta(days=400 - d * 2)
        rows = []
        for j in range(per_doc):
            text = f"{VERBS[k % len(VERBS)]} {NOUNS[(k // 7) % len(NOUNS)]} (item {k})"
            owner = f"@{OWNERS[k % len(OWNERS)]}"
            prio = f"P{1 + k % 3}"
            if k < overdue:
                due, status = TODAY - dt.timedelta(days=1 + k % 60), ("open", "in progress")[k % 2]
            elif k % 3 == 0:
                due, status = TODAY + dt.timedelta(days=5 + k % 40), "open"
            else:
                due, status = date + dt.timedelta(days=14), ("completed", "deferred")[k % 5 == 0]
            rows.append(f"| {text} | {owner} | {due} | {prio} | {status} |")
            k += 1
        (root / "postmortems").mkdir(parents=True, exist_ok=True)
        (root / "postmortems" / f"{date}-incident-{d:03d}.md").write_text(
            f"# Incident {d}: degraded service\n\nDate: {date}\nSeverity: P2\n\n## Summary\n\n"
            f"A dependency slowed down and requests timed out.\n\n## Action Items\n\n"
            "| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n"
            + "\n".join(rows) + "\n", encoding="utf-8")


def one_run(emu: Emulator, root: Path) -> tuple[float, list, object]:
    settings = Settings(token=RW_TOKEN, mode="followup", today=TODAY, workspace=root,
                        event_name="schedule", ref="refs/heads/main",  # as a weekly run
                        repository="octo-org/postmortems", api_url=emu.url)
    start_n = len(emu.requests)
    t0 = time.perf_counter()
    gh = connect(settings, for_tests=True)
    result = followup_mode.run(settings, gh, gh.get_repo(settings.repository), io.StringIO())
    wall = time.perf_counter() - t0
    return wall, emu.requests[start_n:], result


def describe(name: str, wall: float, reqs: list, result) -> None:
    ops = collections.Counter(r.operation for r in reqs)
    writes = [r for r in reqs if r.method != "GET"]
    print(f"{name}: {len(reqs)} requests ({len(writes)} writes) in {wall:.2f} s; "
          f"outputs {dict(result.outputs)}")
    for op, n in sorted(ops.items(), key=lambda kv: -kv[1]):
        print(f"    {n:4d}  {op}")


def parse_and_plan(root: Path, emu: Emulator, repeat: int) -> tuple[list[float], int]:
    """Seconds to load + parse every postmortem and plan against the issues found (no HTTP)."""
    from pmcheck.followup import report
    from pmcheck.github import issue_text as tx
    from pmcheck.github import issues as gi
    from pmcheck.github.issue_find import find_own

    settings = Settings(token=RW_TOKEN, today=TODAY, workspace=root,
                        repository="octo-org/postmortems", api_url=emu.url)
    gh = connect(settings, for_tests=True)
    found = list(find_own(gh.get_repo(settings.repository), "postmortem-action", None).found)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        data = followup_mode.load(settings)
        report(data.items, TODAY)
        ctx = tx.Context("https://github.com/octo-org/postmortems/blob/main",
                         data.opts.due_policy)
        p = gi.plan(data.items, found, today=TODAY, cfg=data.cfg, ctx=ctx, scanned=data.scanned,
                    assignable=lambda _login: True)
        times.append(time.perf_counter() - t0)
        assert not p.ops, f"rerun plan should be empty, got {len(p.ops)} ops"
    return times, len(found)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--budget", type=int, default=200, help="followup.budget for the runs")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--people-issues", type=int, default=3000,
                    help="issues by people already in the repository (never listed)")
    ap.add_argument("--bot-issues", type=int, default=150,
                    help="issues other workflows opened with the same token (listed by author)")
    args = ap.parse_args()
    emu = Emulator().start()
    try:
        emu.reset()
        for login in OWNERS[:16]:
            emu.state.add_collaborator(login)
        for n in range(args.people_issues):
            emu.state.add_issue(f"Bug report {n}", body="Steps to reproduce...")
        for n in range(args.bot_issues):
            emu.state.add_issue(f"Nightly build failed ({n})", body="See the run.",
                                user="github-actions[bot]", labels=["ci"])
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            generate(root)
            (root / ".pmcheck.yml").write_text(f"followup:\n  budget: {args.budget}\n")
            print(f"repository: 200 postmortems, 600 action items, 80 overdue on {TODAY}; "
                  f"budget {args.budget}; {args.people_issues} issues by people and "
                  f"{args.bot_issues} by other workflows already there")
            wall, reqs, res = one_run(emu, root)
            describe("first run", wall, reqs, res)
            writes = sum(r.method != "GET" for r in reqs)
            print(f"    in production writes are spaced 1 s apart: at least {writes} s")
            wall, reqs, res = one_run(emu, root)
            describe("rerun (same day)", wall, reqs, res)
            times, n_found = parse_and_plan(root, emu, args.repeat)
            print(f"parse + plan (200 files, 600 items, {n_found} pmcheck issues): "
                  f"median {statistics.median(times) * 1000:.0f} ms, "
                  f"max {max(times) * 1000:.0f} ms over {args.repeat} runs")
    finally:
        emu.stop()


if __name__ == "__main__":
    main()
