"""Property tests: any postmortem-like text or any bytes is linted without a traceback.

Deterministic (``derandomize``: the examples are a function of the test's source) and bounded,
so CI sees the same inputs every run; ``tests/fuzz/explore.py`` runs the same properties with
many more random examples. Invariants live in ``invariants.py``.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz import grammar
from fuzz.invariants import EXTERNAL, OPTIONS, check_bytes, check_text



def ci(n: int) -> settings:
    """Bounded, derandomized, no example database (nothing written under the tree)."""
    return settings(max_examples=n, derandomize=True, database=None, deadline=None,
                    print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@ci(250)
@given(grammar.document(), st.sampled_from(OPTIONS + [EXTERNAL]))
def test_grammar_documents_lint_cleanly(text, opts):
    check_text(text, opts)


@ci(80)
@given(st.text(max_size=300).map(lambda s: s.encode("utf-16", "surrogatepass")
                                 .decode("utf-16", "replace")))
def test_random_unicode_lints_cleanly(text):
    check_text(text)


@ci(120)
@given(grammar.raw_bytes())
def test_random_bytes_through_lint_file(data):
    check_bytes(data)


@ci(40)
@given(st.lists(grammar.pathological(), min_size=1, max_size=6).map("\n".join))
def test_pathological_runs_lint_cleanly(text):
    check_text(text)


@ci(80)
@given(grammar.front_matter(), st.lists(grammar.piece(), max_size=4).map("\n".join))
def test_front_matter_variants_lint_cleanly(head, body):
    check_text(head + "\n" + body)
