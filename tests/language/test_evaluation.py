"""The blame engine's scores on every labelled file, held to floors (the suite fails below).

All files in tests/language/data are tuning data now (see its README for who wrote each). The
target is precision >= 0.97 and recall >= 0.90 on each file. The first session's files and the
reviewer's file meet it. The four independent writers' files (dev_w1..dev_w4) do not: measured
2026-12-04 before this rework, precision 0.883-0.898 and recall 0.193-0.276; after it (rules that
generalise, and the learned model at threshold 0.96) precision 0.959-0.988 and recall
0.431-0.548; after the verdict classes of 2026-12-04 (why-chains ending at a person, a person's
act named as the cause, responsibility placed on a group, judgement words, chat spellings,
questions aimed at "you") 0.965-0.989 and 0.513-0.637. The floors below are the latest
figures, rounded down: honest, not the target. The learned model was trained on these files,
so figures on them overstate it; the held-out-writer cross-validation printed by ``tools/train_blame_model.py --cv-only`` is the
honest estimate. Print every figure with ``python -m tests.language.evaluation``.
"""

from __future__ import annotations

import pytest

from tests.language.evaluation import SPLITS, load, score

TARGET = (0.97, 0.90)
FLOORS = {  # (precision, recall) reached today where it is below the target
    # 2026-12-04 14:15 UTC, rules of branch engine + model retrained on all eight writers
    "dev_w1": (0.98, 0.63),
    "dev_w2": (0.98, 0.56),
    "dev_w3": (0.96, 0.51),
    "dev_w4": (0.97, 0.56),
    # first (blind) scores on the engine of d10d521 were P0.973/R0.444 and P0.958/R0.486;
    # tuning data since (the rule changes of 2026-12-04 were written before they were seen)
    "blind_b5": (0.97, 0.53),
    "blind_b6": (0.96, 0.53),
}


@pytest.mark.parametrize("split", SPLITS)
def test_split_meets_floor(split):
    s = score(load(split))
    precision, recall = FLOORS.get(split, TARGET)
    detail = "\n".join(f"{what}: {ex.sentence}" for what, ex in s.wrong)
    assert s.precision >= precision, detail
    assert s.recall >= recall, detail


def test_set_is_large_and_from_eight_writers():
    examples = [ex for split in SPLITS for ex in load(split)]
    blame = sum(ex.label for ex in examples)
    assert len(examples) >= 3000
    assert 0.4 <= blame / len(examples) <= 0.6
