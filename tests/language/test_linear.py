"""The engine does linear work: doubling a pathological input at most doubles the work.

Work is counted, not timed: every Python line executed inside pmcheck.language (via
sys.settrace), so the figures are deterministic. The regular expressions (C code, not traced)
are single-pass by construction: the tokenizer has no nested quantifier over the same
characters, and nothing else uses a regular expression.

Checked against a deliberately quadratic matcher (a subject look-back to the sentence start
before each counterfactual, in a scratch copy): "run-on-matches" failed with 16.7M -> 65.1M
lines for 40 KB -> 80 KB, while the near-miss units alone still passed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pmcheck.language import person_fix, scan, sentences

LANGUAGE_DIR = str(Path(__file__).resolve().parents[2] / "src" / "pmcheck" / "language")
# Characters; each test compares SIZE with 2 * SIZE. The run-on sentence (the case a
# backtracking matcher would choke on) goes to 200 KB; the others stay smaller because tracing
# every line is slow.
SIZE = 20_000
BIG = {"run-on": 100_000, "run-on-matches": 40_000}


def work(fn, text: str) -> int:
    """Python lines executed inside pmcheck.language while running fn(text)."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def global_trace(frame, event, arg):
        if frame.f_code.co_filename.startswith(LANGUAGE_DIR):
            return local
        return None

    sys.settrace(global_trace)
    try:
        fn(text)
    finally:
        sys.settrace(None)
    return count


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


UNITS = {
    # one endless sentence full of near-matches: subjects, negations, counterfactual openers
    "run-on": "the on-call engineer did not even if the DBA had Bob should have who was on call ",
    # one endless sentence of complete matches of every shape (near-misses alone never reach
    # the subject look-back of a full match): a quadratic look-back fails here
    "run-on-matches": "Bob should have checked, if the DBA had checked, the on-call engineer "
                      "missed the alert, missed by the engineer, who broke prod? why didn't "
                      "the engineer check, human error, the DBA ran the migration without a "
                      "backup, Alice's mistake, the person responsible for the outage, and ",
    "dense-hits": "Bob forgot. The engineer missed the alert. Human error! Who broke it? ",
    "unclosed-quotes": "\u201c avoid \" human error ' careless \u2018 ",
    "backticks": "` `` ``` human error ",
    "dots": "e.g. ... i.e. J. ",
    "long-word": "a",
    "list-lines": "- \n| x |\n> q\n# h\n1. ",
    "punctuation": "?!.,;:()-\u2014",
    "possessives": "the engineer's engineer's mistake by the operator's ",
    "without": "the DBA ran the migration and then ran it again and again without ",
    # coordinated predicates look back for a shared subject, omissions look ahead for a reason:
    # both windows are bounded, so an endless chain of "and didn't" stays linear
    "coordination": "Dave rotated the cert and reloaded nginx, then didn't restart envoy and "
                    "failed to drain the node but never paged because ",
}


@pytest.mark.parametrize("name", sorted(UNITS))
@pytest.mark.parametrize("fn", [scan, sentences, person_fix], ids=lambda f: f.__name__)
def test_work_is_linear(name, fn):
    size = BIG.get(name, SIZE)
    small = work(fn, repeat(UNITS[name], size))
    large = work(fn, repeat(UNITS[name], 2 * size))
    assert small > 0
    assert large <= 2.2 * small, (name, small, large)
