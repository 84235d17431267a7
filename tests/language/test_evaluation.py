"""The blame engine meets its targets on every labelled split (precision >= 0.95, recall >= 0.90).

dev.tsv was used to tune the engine. heldout.tsv was written after the engine stabilised; its
first evaluation (precision 1.000, recall 0.931) was recorded before its 4 misses were looked at
and fixed, so it is spent. heldout2.tsv was written after that and never used for tuning
(first evaluation: precision 1.000, recall 0.979). heldout3.tsv was written by an independent
reviewer without reading the lexicons or the other splits; its first evaluation (precision
0.983, recall 0.763) was recorded in its header before any miss was looked at, then the engine
was fixed against it, so it is spent too. Print the figures with
``python -m tests.language.evaluation``.
"""

from __future__ import annotations

import pytest

from tests.language.evaluation import SPLITS, load, score


@pytest.mark.parametrize("split", SPLITS)
def test_split_meets_targets(split):
    s = score(load(split))
    detail = "\n".join(f"{what}: {ex.sentence}" for what, ex in s.wrong)
    assert s.precision >= 0.95, detail
    assert s.recall >= 0.90, detail


def test_set_is_large_and_balanced():
    examples = [ex for split in SPLITS for ex in load(split)]
    blame = sum(ex.label for ex in examples)
    assert len(examples) >= 300
    assert 0.4 <= blame / len(examples) <= 0.6
