"""Long fuzz exploration (not part of the test run): the fuzz properties with many random
examples and a fresh seed each run, plus timing of the slowest inputs seen.

    .venv/bin/python tests/fuzz/explore.py [--examples 20000] [--seed N]

A failure prints the shrunk input; add it to tests/fuzz/test_fuzz_regressions.py.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ -> import fuzz.*

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzz import grammar  # noqa: E402
from fuzz.invariants import EXTERNAL, OPTIONS, check_bytes, check_text  # noqa: E402

SLOWEST: list[tuple[float, str, str]] = []


def timed(name: str, fn, value, *args) -> None:
    start = time.perf_counter()
    fn(value, *args)
    took = time.perf_counter() - start
    SLOWEST.append((took, name, repr(value)[:300]))
    SLOWEST.sort(reverse=True)
    del SLOWEST[5:]


def run(examples: int, seed: int) -> int:
    cfg = settings(max_examples=examples, deadline=None, database=None, print_blob=True,
                   suppress_health_check=list(HealthCheck))
    failures = 0

    @cfg
    @given(grammar.document(), st.sampled_from(OPTIONS + [EXTERNAL]))
    def documents(text, opts):
        timed("document", check_text, text, opts)

    @cfg
    @given(grammar.raw_bytes())
    def raw(data):
        timed("bytes", check_bytes, data)

    @cfg
    @given(st.lists(st.one_of(grammar.pathological(), grammar.piece()), max_size=40)
           .map("\n".join))
    def mixed(text):
        timed("mixed", check_text, text)

    for prop in (documents, raw, mixed):
        random.seed(seed)
        start = time.perf_counter()
        try:
            prop._hypothesis_internal_use_seed = seed
            prop()
            print(f"{prop.__name__}: {examples} examples ok in {time.perf_counter() - start:.1f} s")
        except Exception:  # noqa: BLE001 - report and carry on with the next property
            failures += 1
            print(f"{prop.__name__}: FAILED")
            traceback.print_exc()
    print("slowest inputs:")
    for took, name, value in SLOWEST:
        print(f"  {took * 1000:8.1f} ms  {name}  {value}")
    return failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=random.randrange(1 << 30))
    args = ap.parse_args()
    print(f"seed {args.seed}")
    return 1 if run(args.examples, args.seed) else 0


if __name__ == "__main__":
    sys.exit(main())
