"""Where a sequential `pmcheck check` of N generated postmortems spends its time.

Usage: python benchmarks/profile_shares.py [--n 1000]

Lints the files of benchmarks/generate.py in one process (no worker pool) under cProfile and
prints each part's share of the lint time: mistletoe's parsing (calls from document/parse.py
into mistletoe), pmcheck's own walk and extraction in parse() (parse minus those calls), each
rule module (the rules' check functions, called from lint_document), and lint_document's
bookkeeping (everything in it that is not a rule). Shares of the same profile, so profiler
overhead inflates them alike; compare runs, not absolute seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def shares(n: int) -> tuple[float, dict[str, float]]:
    from pmcheck.document import parse as parse_mod  # noqa: F401  (imports outside the profile)
    from pmcheck.linter import lint_file
    from pmcheck.options import Options
    from pmcheck.rules import all_rules

    all_rules()
    work = HERE / "out" / f"profile{n}"
    if work.exists():
        shutil.rmtree(work)
    paths = generate(work, n)
    opts = Options()
    prof = cProfile.Profile()
    prof.enable()
    for p in paths:
        lint_file(p, opts, p.name)
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]

    def where(func) -> str:
        return func[0].replace("\\", "/")

    total = sum(ct for (f, _, name), (_, _, _, ct, _) in stats.items() if name == "lint_file"
                and f.endswith("pmcheck/linter.py"))
    parts: dict[str, float] = defaultdict(float)
    for callee, (_, _, _, _, callers) in stats.items():
        for caller, (_, _, _, ct) in callers.items():
            if where(caller).endswith("pmcheck/document/parse.py") and "/mistletoe/" in where(
                    callee):
                parts["mistletoe (called from parse.py)"] += ct
            if caller[2] == "lint_document" and where(caller).endswith("pmcheck/linter.py"):
                module = where(callee).rsplit("/", 1)[-1]
                if "/pmcheck/rules/" in where(callee):
                    parts[f"rules/{module}"] += ct
                else:
                    parts[f"lint_document -> {module}:{callee[2]}"] += ct
    for func, (_, _, tt, ct, _) in stats.items():
        if func[2] == "parse" and where(func).endswith("pmcheck/document/parse.py"):
            parts["parse() walk + extraction"] += ct
        if func[2] == "lint_document" and where(func).endswith("pmcheck/linter.py"):
            parts["lint_document self"] += tt
            lint_document = ct
    parts["parse() walk + extraction"] -= parts["mistletoe (called from parse.py)"]
    rules = sum(v for k, v in parts.items() if k.startswith("rules/"))
    parts["lint_document bookkeeping (not rules)"] = lint_document - rules
    return total, dict(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    total, parts = shares(args.n)
    print(f"sequential lint of {args.n} generated postmortems under cProfile: "
          f"{total:.2f} s in lint_file")
    for name, secs in sorted(parts.items(), key=lambda kv: -kv[1]):
        if secs / total >= 0.002:
            print(f"{100 * secs / total:6.1f}%  {secs:7.3f} s  {name}")


if __name__ == "__main__":
    main()
