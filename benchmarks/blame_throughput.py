"""Throughput of the blame engine alone: sentences per second through pmcheck.language.scan.

Usage: .venv/bin/python benchmarks/blame_throughput.py [DIR] [--rounds N]

Sentences come from every Markdown file under DIR (default /work/shared/corpus/public) plus the
labelled evaluation set, split with pmcheck.language.sentences; each round scans all of them.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pmcheck.language import scan, sentences

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = Path("/work/shared/corpus/public")


def corpus_sentences(root: Path) -> list[str]:
    out = []
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        out.extend(text[a:b] for a, b in sentences(text))
    for split in ("dev", "heldout"):
        data = ROOT / "tests" / "language" / "data" / f"{split}.tsv"
        if data.exists():
            out.extend(line.split("\t")[1] for line in data.read_text().splitlines()
                       if line and not line.startswith("#"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    items = corpus_sentences(args.dir)
    chars = sum(map(len, items))
    for s in items[:200]:  # warm up
        scan(s)
    best = float("inf")
    hits = 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        hits = sum(len(scan(s)) for s in items)
        best = min(best, time.perf_counter() - t0)
    print(f"{len(items)} sentences ({chars / 1024:.0f} KiB), {hits} hits, best of "
          f"{args.rounds} rounds: {best * 1000:.1f} ms")
    print(f"throughput: {len(items) / best:,.0f} sentences/second "
          f"({chars / best / 1024 / 1024:.2f} MiB/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
