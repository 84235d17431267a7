"""Time `pmcheck check` against markdownlint-cli2 on the same files, in one run.

Usage: python benchmarks/speed.py [--n 1000] [--many 10000] [--repeat 3]

Installs markdownlint-cli2 from npm into benchmarks/.node (once), generates N synthetic
postmortems with benchmarks/generate.py, then times, as whole processes (wall clock, median of
--repeat runs), both tools on: all N files; one file; one large postmortem (10,000 short
paragraphs); 100 files with and without the worker pool; and once on MANY files, with the peak RSS of each whole process tree (pmcheck's
worker pool included). Prints ratios against the targets of issue 13 and whether
`pmcheck check` imported PyGithub (it must not).
Prints a table; never asserts (targets are judged by reading the figures).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NODE_DIR = HERE / ".node"
MDL_VERSION = "0.22.1"
sys.path.insert(0, str(HERE))

from generate import big_postmortem, generate  # noqa: E402


def ensure_markdownlint() -> Path:
    exe = NODE_DIR / "node_modules" / ".bin" / "markdownlint-cli2"
    if not exe.exists():
        NODE_DIR.mkdir(exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(NODE_DIR),
                        f"markdownlint-cli2@{MDL_VERSION}"], check=True)
    return exe


def pmcheck_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("pmcheck")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pmcheck"]


def _tree_rss_kib(pid: int) -> int:
    """Resident set of a process and all its descendants now (KiB, from /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def run_once(cmd: list[str], cwd: Path, sample_rss: bool) -> tuple[float, int, float]:
    """Wall seconds, exit code and peak RSS of the whole process tree (MiB, sampled every
    20 ms; 0 when not sampled) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while sample_rss and proc.poll() is None:
        peak = max(peak, _tree_rss_kib(proc.pid))
        time.sleep(0.02)
    code = proc.wait()
    return time.perf_counter() - start, code, peak / 1024


def timed(cmd: list[str], cwd: Path, repeat: int, sample_rss: bool = False
          ) -> tuple[float, int, float]:
    """Median wall seconds over `repeat` runs, exit code of the last run, highest peak RSS."""
    runs = [run_once(cmd, cwd, sample_rss) for _ in range(repeat)]
    return (statistics.median(r[0] for r in runs), runs[-1][1], max(r[2] for r in runs))


def corpus(name: str, n: int) -> Path:
    work = HERE / "out" / name
    if work.exists():
        shutil.rmtree(work)
    generate(work / "postmortems", n)
    return work


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000, help="files in the main case")
    ap.add_argument("--many", type=int, default=10_000,
                    help="files in the peak-RSS case (0 skips it)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    mdl = ensure_markdownlint()
    pm = pmcheck_cmd() + ["check"]
    work = corpus(f"corpus{args.n}", args.n)
    one = sorted((work / "postmortems").glob("*.md"))[0].relative_to(work)
    big = work / "big.md"
    big.write_text(big_postmortem(10_000), encoding="utf-8")
    env_note = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"

    # (case, pmcheck seconds, markdownlint-cli2 seconds, target ratio, pmcheck RSS, mdl RSS)
    rows = []
    pm_all, pm_code, pm_rss = timed(pm + ["postmortems", "--format", "json"], work,
                                    args.repeat, sample_rss=True)
    md_all, _, md_rss = timed([str(mdl), "postmortems/**/*.md"], work, args.repeat, True)
    rows.append((f"{args.n} files", pm_all, md_all, 0.35, pm_rss, md_rss))
    pm_one, _, _ = timed(pm + [str(one)], work, args.repeat)
    md_one, _, _ = timed([str(mdl), str(one)], work, args.repeat)
    rows.append(("1 file", pm_one, md_one, 0.35, 0, 0))
    pm_big, _, pm_big_rss = timed(pm + ["big.md"], work, args.repeat, True)
    md_big, _, md_big_rss = timed([str(mdl), "big.md"], work, args.repeat, True)
    rows.append((f"big ({big.stat().st_size // 1000} KB)", pm_big, md_big, 0.50, pm_big_rss,
                 md_big_rss))
    # the worker pool at its threshold: 100 files with the pool and with it switched off
    hundred = corpus("corpus100", 100)
    no_pool = [sys.executable, "-c", "import sys, pmcheck.linter as l; "
               "l.PARALLEL_MIN_FILES = 10**9; from pmcheck.cli import main; "
               "sys.argv = ['pmcheck', 'check', 'postmortems', '--format', 'json']; "
               "sys.exit(main())"]
    pool_on, _, _ = timed(pm + ["postmortems", "--format", "json"], hundred, args.repeat)
    pool_off, _, _ = timed(no_pool, hundred, args.repeat)
    if args.many:
        many = corpus(f"corpus{args.many}", args.many)
        pm_many, _, pm_many_rss = timed(pm + ["postmortems", "--format", "json"], many,
                                        1, True)
        md_many, _, md_many_rss = timed([str(mdl), "postmortems/**/*.md"], many, 1, True)
        rows.append((f"{args.many} files", pm_many, md_many, None, pm_many_rss, md_many_rss))

    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys, runpy; sys.argv=['pmcheck','check','" + str(work / one) + "'];\n"
         "try:\n runpy.run_module('pmcheck', run_name='__main__')\n"
         "except SystemExit: pass\n"
         "print('github' in sys.modules)"],
        capture_output=True, text=True)

    print(f"pmcheck vs markdownlint-cli2 {MDL_VERSION} ({env_note}); wall seconds, median of "
          f"{args.repeat} runs (1 run for the {args.many}-file case); RSS = peak of the whole "
          "process tree, MiB")
    print(f"{'case':<16}{'pmcheck':>9}{'mdl-cli2':>10}{'ratio':>7}{'target':>8}"
          f"{'pm RSS':>8}{'mdl RSS':>9}")
    for name, a, b, target, ra, rb in rows:
        tgt = f"<={target:.2f}" if target else "-"
        print(f"{name:<16}{a:>9.3f}{b:>10.3f}{a / b:>7.2f}{tgt:>8}{ra:>8.0f}{rb:>9.0f}")
    if args.many:
        print(f"peak RSS at {args.many} files: {rows[-1][4]:.0f} MiB (target <= 150 MiB)")
    print(f"worker pool at 100 files: {pool_on:.3f} s with, {pool_off:.3f} s without "
          f"(ratio {pool_on / pool_off:.2f})")
    print(f"pmcheck exit code on {args.n} files: {pm_code} (1 = findings at fail-on level)")
    print(f"PyGithub imported by `pmcheck check`: {probe.stdout.strip().splitlines()[-1:]}")


if __name__ == "__main__":
    main()
