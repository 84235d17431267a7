"""Coverage-guided fuzzing with atheris (optional; not part of the test run or the extras).

    .venv/bin/pip install atheris
    .venv/bin/python tests/fuzz/atheris_lint.py -max_total_time=300 -max_len=4096

Feeds raw bytes through read_source's decoding, the parser, every rule, the follow-up
computation and the reporters (the invariants of invariants.py). A crash leaves a
crash-<hash> file with the input; add it to test_fuzz_regressions.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports():
    from fuzz.invariants import check_findings, check_followup, check_reporters, line_count
    from pmcheck.document.source import decode
    from pmcheck.linter import lint_text
    from pmcheck.options import Options

OPTS = Options()


def one(data: bytes) -> None:
    text, notes = decode(data)
    if text is None:
        return
    findings, suppressed = lint_text(text, "postmortems/fuzz.md", OPTS, notes)
    check_findings(findings, line_count(text.removeprefix("\ufeff")), "atheris")
    check_reporters(findings, suppressed)
    check_followup(text, OPTS)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
