"""Time `pmcheck check` against markdownlint-cli2 on the same files, in one run.

Usage: python benchmarks/speed.py [--n 1000] [--repeat 3]

Installs markdownlint-cli2 from npm into benchmarks/.node (once), generates N synthetic
postmortems with benchmarks/generate.py, then times, as whole processes (wall clock, median of
--repeat runs): both tools on all N files, and both tools on one file. Also reports whether
`pmcheck check` imported PyGithub (it must not) and peak RSS of the N-file run.
Prints a table; never asserts (targets are judged by reading the figures).
"""

from __future__ import annotations

import argparse
import os
import resource
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

from generate import generate  # noqa: E402


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


def timed(cmd: list[str], cwd: Path, repeat: int) -> tuple[float, int]:
    """Median wall seconds over `repeat` runs, and the exit code of the last run."""
    times, code = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        code = proc.returncode
    return statistics.median(times), code


def child_peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    mdl = ensure_markdownlint()
    work = HERE / "out" / f"corpus{args.n}"
    if work.exists():
        shutil.rmtree(work)
    generate(work / "postmortems", args.n)
    one = sorted((work / "postmortems").glob("*.md"))[0]
    env_note = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"

    rows = []
    pm_all, pm_code = timed(pmcheck_cmd() + ["check", "postmortems", "--format", "json"],
                            work, args.repeat)
    rss = child_peak_rss_mib()
    md_all, _ = timed([str(mdl), "postmortems/**/*.md"], work, args.repeat)
    pm_one, _ = timed(pmcheck_cmd() + ["check", str(one.relative_to(work))], work,
                      args.repeat)
    md_one, _ = timed([str(mdl), str(one.relative_to(work))], work, args.repeat)
    rows.append((f"{args.n} files", pm_all, md_all))
    rows.append(("1 file", pm_one, md_one))

    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys, runpy; sys.argv=['pmcheck','check','" + str(one) + "'];\n"
         "try:\n runpy.run_module('pmcheck', run_name='__main__')\n"
         "except SystemExit: pass\n"
         "print('github' in sys.modules)"],
        capture_output=True, text=True)

    print(f"pmcheck vs markdownlint-cli2 {MDL_VERSION} ({env_note}); median of "
          f"{args.repeat} runs, wall seconds")
    print(f"{'case':<12}{'pmcheck':>10}{'mdl-cli2':>10}{'ratio':>8}  target <= 0.50")
    for name, pm, md in rows:
        print(f"{name:<12}{pm:>10.3f}{md:>10.3f}{pm / md:>8.2f}")
    print(f"pmcheck exit code on {args.n} files: {pm_code} (1 = findings at fail-on level)")
    print(f"peak RSS of a child process: {rss:.0f} MiB")
    print(f"PyGithub imported by `pmcheck check`: {probe.stdout.strip().splitlines()[-1:]}")


if __name__ == "__main__":
    main()
