"""Share of a sequential lint run spent in the blame rules (and the language engine).

Usage: .venv/bin/python benchmarks/blame_share.py DIR [--rounds N]

Parses every Markdown file under DIR once, then lints them all in one process, timing each
rule with perf_counter; prints the total lint time, the time in the four blame.* rules, in
whys.ends-at-person and actions.fixes-person, and their share. Generate a directory with
`benchmarks/generate.py DIR 1000`.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from pmcheck.document.parse import parse
from pmcheck.linter import resolve_audience
from pmcheck.options import Options
from pmcheck.rules import all_rules


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    texts = [(p.as_posix(), p.read_text(encoding="utf-8")) for p in sorted(args.dir.rglob("*.md"))]
    opts = Options()
    best: dict[str, float] = {}
    best_parse = best_total = float("inf")
    for _ in range(args.rounds):
        per: dict[str, float] = defaultdict(float)
        t_parse = 0.0
        start = time.perf_counter()
        for path, text in texts:
            t0 = time.perf_counter()
            doc = resolve_audience(parse(text, path, opts.template), opts)
            t_parse += time.perf_counter() - t0
            for r in all_rules():
                t0 = time.perf_counter()
                list(r.check(doc, opts))
                per[r.id] += time.perf_counter() - t0
        total = time.perf_counter() - start
        if total < best_total:
            best_total, best_parse, best = total, t_parse, dict(per)
    blame = sum(v for k, v in best.items() if k.startswith("blame."))
    print(f"{len(texts)} documents, best of {args.rounds}: total {best_total:.2f} s, "
          f"parse {best_parse:.2f} s ({best_parse / best_total:.1%})")
    print(f"blame.* rules: {blame:.2f} s = {blame / best_total:.1%} of the run")
    for k in sorted(best, key=best.get, reverse=True)[:8]:
        print(f"  {k:32s} {best[k]:.3f} s  {best[k] / best_total:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
