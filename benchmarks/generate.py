"""Generate N synthetic postmortems for benchmarks (deterministic for a given seed).

Usage: python benchmarks/generate.py OUT_DIR [N] [--seed S]

About a third of the documents carry defects (a missing section, blame phrasing, an action
item without an owner, a timeline out of order) so the rules do real work, not only the
happy path. Sizes vary from ~60 to ~250 lines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

SERVICES = ["checkout", "search", "billing", "auth", "ingest", "notifications", "payments",
            "catalog", "reporting", "gateway", "scheduler", "storage"]
CAUSES = ["a connection-pool limit set below peak demand", "an expired TLS certificate",
          "a schema migration that locked a hot table", "a cache stampede after a deploy",
          "a retry storm between two services", "a disk that filled with debug logs",
          "a DNS record with a stale TTL", "a feature flag enabled for every region at once",
          "a queue consumer that stopped acknowledging messages"]
EVENTS = ["the latency alert fires", "the incident channel is opened", "the dashboard shows "
          "rising error rates", "the deploy pipeline starts a rollback", "traffic is shifted "
          "to the standby region", "the config change is reverted", "error rates return to "
          "baseline", "the status page is updated", "the queue backlog drains",
          "the database failover completes", "the cache is warmed from the snapshot"]
PEOPLE = ["@amara", "@bo", "@chen", "@dana", "@eli", "@farah", "@gus", "@hana", "@ivo"]
ACTIONS = ["Add a lower bound for {s} pool size to the configuration schema",
           "Alert on {s} queue age instead of queue length",
           "Run the load-test stage for capacity-related {s} settings",
           "Add a runbook section for {s} failover",
           "Rate-limit retries from {s} clients",
           "Expire {s} certificates through the automated renewal job",
           "Add a dashboard panel for {s} connection usage"]
BLAME = ["The on-call engineer missed the alert for twenty minutes.",
         "This was human error during the migration.",
         "Dana should have checked the dashboard before deploying."]
SECTIONS_OPTIONAL = ["Summary", "Impact", "Detection"]


def postmortem(rng: random.Random, index: int) -> str:
    svc = rng.choice(SERVICES)
    date = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
    defective = rng.random() < 0.33
    people = rng.sample(PEOPLE, 5)
    lines = [f"# {svc.title()} incident {index}: {rng.choice(CAUSES)}", "",
             f"Date: {date.isoformat()}", f"Severity: P{rng.randint(1, 3)}",
             f"Duration: {rng.randint(10, 180)} minutes",
             f"Impact: {rng.randint(1, 60)}% of {svc} requests failed.",
             f"Author: {people[0]}", f"Incident owner: {people[1]}",
             f"Facilitator: {people[2]}", f"Responders: {people[1]}, {people[3]}",
             f"Reviewers: {people[3]}, {people[4]}", ""]
    for name in SECTIONS_OPTIONAL:
        if rng.random() < 0.6:
            lines += [f"## {name}", "", " ".join(rng.choice(EVENTS).capitalize() + "."
                                                 for _ in range(rng.randint(2, 6))), ""]
    lines += ["## Timeline", "", "All times are UTC.", ""]
    minute = 9 * 60
    for _ in range(rng.randint(5, 25)):
        minute += rng.randint(1, 12)
        if defective and rng.random() < 0.05:
            minute -= 30
        lines.append(f"- {minute // 60 % 24:02d}:{minute % 60:02d}: "
                     f"{rng.choice(EVENTS).capitalize()}.")
    lines += ["", "## Root Cause", "", f"The {svc} service failed because of "
              f"{rng.choice(CAUSES)}.", ""]
    if defective and rng.random() < 0.5:
        lines += [rng.choice(BLAME), ""]
    lines += ["## Contributing Factors", ""]
    for i in range(rng.randint(3, 6)):
        lines += [f"Why did step {i + 1} happen?",
                  f"→ Because {rng.choice(CAUSES)} was not caught by a guard.", ""]
    lines += ["Systemic factor: the pipeline has no guard for capacity settings.", ""]
    lines += ["## What Went Well", "", "- The rollback worked first time.",
              "- Alerts fired quickly.", ""]
    if not (defective and rng.random() < 0.3):
        lines += ["## What Could Have Gone Better", "",
                  "- The runbook was out of date.", "- Logs were at debug level.", ""]
    lines += ["## Action Items", "", "| Action | Owner | Due | Priority | Status |",
              "|---|---|---|---|---|"]
    for _ in range(rng.randint(2, 8)):
        prio = rng.randint(1, 3)
        due = date + dt.timedelta(days=rng.randint(1, 7 * prio))
        owner = "" if defective and rng.random() < 0.2 else rng.choice(people)
        lines.append(f"| {rng.choice(ACTIONS).format(s=svc)} | {owner} | {due.isoformat()} "
                     f"| P{prio} | {rng.choice(['open', 'in progress', 'completed'])} |")
    return "\n".join(lines) + "\n"


PARAGRAPHS = ["The {s} queue backlog grew again.",
              "Errors for {s} stayed flat elsewhere.",
              "The {s} pool sat at its ceiling.",
              "Retries from {s} doubled the load.",
              "A {s} deploy was paused for a while."]


def big_postmortem(paragraphs: int = 10_000, seed: int = 7) -> str:
    """One postmortem whose sections hold `paragraphs` short paragraphs (~44 bytes each):
    10,000 of them make a ~440 KB file, the large-document case of benchmarks/speed.py."""
    rng = random.Random(seed)
    head = postmortem(rng, 0).split("## Timeline")[0].rstrip("\n").split("\n")
    head = [line for line in head if not line.startswith("## ")]
    sections = ["Summary", "Impact", "Detection", "Root Cause", "Contributing Factors",
                "What Went Well", "What Could Have Gone Better"]
    lines = head[:12]
    per = paragraphs // len(sections)
    for k, name in enumerate(sections):
        lines += [f"## {name}", ""]
        count = per if k < len(sections) - 1 else paragraphs - per * (len(sections) - 1)
        for _ in range(count):
            lines += [rng.choice(PARAGRAPHS).format(s=rng.choice(SERVICES)), ""]
        if name == "Summary":
            lines += ["## Timeline", "", "- 10:02: The latency alert fires.",
                      "- 10:40: Error rates return to baseline.", ""]
    lines += ["## Action Items", "", "| Action | Owner | Due | Priority | Status |",
              "|---|---|---|---|---|",
              "| Add a runbook section for search failover | @bo | 2026-02-01 | P2 | open |"]
    return "\n".join(lines) + "\n"


def generate(out: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = out / f"{2026}-{i:05d}-incident.md"
        path.write_text(postmortem(rng, i), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int, nargs="?", default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    paths = generate(args.out, args.n, args.seed)
    print(f"wrote {len(paths)} postmortems to {args.out}")


if __name__ == "__main__":
    main()
