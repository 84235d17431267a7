"""Precision and recall of the blame engine on the labelled sentence sets.

Run ``python -m tests.language.evaluation`` from the repository root to print the figures and
every misclassified sentence for each split.

Format: ``blame|ok<TAB>sentence`` and optional columns ``allow=a;b`` (phrases allowed) and
``action`` (an action item: judged as pmcheck judges the Action Items section, where a person
fix such as "retrain the team" is reported too, by actions.fixes-person).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from pmcheck.language import person_fix, scan

DATA = Path(__file__).resolve().parent / "data"
SPLITS = ("dev", "heldout", "heldout2", "heldout3", "dev_w1", "dev_w2", "dev_w3", "dev_w4",
          "blind_b5", "blind_b6")


@dataclass(frozen=True)
class Example:
    label: bool  # True: blame
    sentence: str
    allow: tuple[str, ...] = ()
    line: int = 0
    action: bool = False


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    wrong: list[tuple[str, Example]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def size(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


def load(split: str) -> list[Example]:
    out = []
    path = DATA / f"{split}.tsv"
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if cols[0] not in ("blame", "ok") or len(cols) < 2:
            raise ValueError(f"{path}:{n}: expected 'blame|ok<TAB>sentence', got {raw!r}")
        allow: tuple[str, ...] = ()
        for extra in cols[2:]:
            if extra.startswith("allow="):
                allow = tuple(p for p in extra[6:].split(";") if p)
            elif extra != "action":
                raise ValueError(f"{path}:{n}: unknown column {extra!r}")
        out.append(Example(cols[0] == "blame", cols[1], allow, n, "action" in cols[2:]))
    return out


def score(examples: list[Example]) -> Score:
    s = Score()
    for ex in examples:
        predicted = bool(scan(ex.sentence, allow=ex.allow)) or (
            ex.action and person_fix(ex.sentence) is not None)
        if predicted and ex.label:
            s.tp += 1
        elif predicted:
            s.fp += 1
            s.wrong.append(("false positive", ex))
        elif ex.label:
            s.fn += 1
            s.wrong.append(("false negative", ex))
        else:
            s.tn += 1
    return s


def main() -> int:
    for split in SPLITS:
        s = score(load(split))
        print(f"{split}: n={s.size} tp={s.tp} fp={s.fp} fn={s.fn} tn={s.tn} "
              f"precision={s.precision:.3f} recall={s.recall:.3f}")
        for what, ex in s.wrong:
            print(f"  {what}: {split}.tsv:{ex.line}: {ex.sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
