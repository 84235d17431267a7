"""Train the blame engine's linear model and measure it on writers it was not trained on.

    .venv/bin/python tools/train_blame_model.py            # cross-validation, then write
    .venv/bin/python tools/train_blame_model.py --cv-only  # figures only

Data: every tests/language/data/*.tsv. The sentences come from eight writers (see that folder's
README); cross-validation trains on all writers but one and scores the one left out, for each writer, with
the rules and the model together as pmcheck runs them: a sentence is blame when a rule fires
or the model's score reaches the threshold. Those held-out-writer figures are the honest
estimate. The shipped model (src/pmcheck/language/data/blame_model.json) is then trained on
all writers. Logistic regression, L2-regularised, plain SGD in a fixed order: the same data
gives the same file.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from pmcheck.language import engine, model  # noqa: E402
from pmcheck.language.text import mask_code, tokenize  # noqa: E402
from tests.language.evaluation import load  # noqa: E402

OUT = ROOT / "src" / "pmcheck" / "language" / "data" / "blame_model.json"
WRITERS = {
    "session": ("dev", "heldout", "heldout2"),
    "reviewer": ("heldout3",),
    "w1": ("dev_w1",), "w2": ("dev_w2",), "w3": ("dev_w3",), "w4": ("dev_w4",),
    "b5": ("blind_b5",), "b6": ("blind_b6",),
}
EPOCHS, RATE, L2, MIN_COUNT = 25, 0.1, 1e-4, 2
MIN_WEIGHT = 0.1  # smaller weights are dropped: a smaller file to load, the same decisions


def rows():
    out = []
    for writer, files in WRITERS.items():
        for name in files:
            for ex in load(name):
                hits = engine.scan(ex.sentence, allow=ex.allow, model=False)
                rule = bool(hits) or (ex.action and engine.person_fix(ex.sentence) is not None)
                tokens = tokenize(mask_code(ex.sentence))
                feats = sorted(model.features(tokens, {h.kind for h in hits}))
                out.append((writer, ex.label, rule, feats, model.person_led(tokens)))
    return out


def train(data) -> dict:
    counts = Counter(f for _w, _l, _r, feats, _g in data for f in feats)
    keep = {f for f, c in counts.items() if c >= MIN_COUNT}
    w: dict[str, float] = {}
    bias = 0.0
    order = list(range(len(data)))
    rng = random.Random(7)
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        rate = RATE / (1 + epoch * 0.2)
        for i in order:
            _w, label, _r, feats, _g = data[i]
            fs = [f for f in feats if f in keep]
            z = bias + sum(w.get(f, 0.0) for f in fs)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - (1.0 if label else 0.0)
            bias -= rate * g
            for f in fs:
                w[f] = w.get(f, 0.0) * (1 - rate * L2) - rate * g
    return {"bias": round(bias, 4),
            "weights": {f: round(v, 3) for f, v in sorted(w.items()) if abs(v) >= MIN_WEIGHT}}


def figures(data, m, threshold):
    tp = fp = fn = 0
    for _w, label, rule, feats, gate in data:
        pred = rule or (gate and model.score(feats, m) >= threshold)
        tp += pred and label
        fp += pred and not label
        fn += (not pred) and label
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, tp, fp, fn


THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--threshold", type=float, default=0.96)
    args = ap.parse_args()
    data = rows()
    off = {"bias": -30.0, "weights": {}}
    print("held-out writer: rules only | rules + model at thresholds " + " ".join(map(str, THRESHOLDS)))
    pooled = {t: [0, 0, 0] for t in THRESHOLDS + (2.0,)}
    for writer in WRITERS:
        test = [d for d in data if d[0] == writer]
        m = train([d for d in data if d[0] != writer])
        cells = []
        for t in (2.0,) + THRESHOLDS:
            p, r, tp, fp, fn = figures(test, off if t == 2.0 else m, t)
            pooled[t][0] += tp
            pooled[t][1] += fp
            pooled[t][2] += fn
            cells.append(f"P={p:.3f} R={r:.3f}")
        print(f"  {writer:9s} n={len(test):4d} " + " | ".join(cells))
    cells = []
    for t in (2.0,) + THRESHOLDS:
        tp, fp, fn = pooled[t]
        cells.append(f"P={tp / max(1, tp + fp):.3f} R={tp / max(1, tp + fn):.3f}")
    print("  pooled         " + " | ".join(cells))
    if args.cv_only:
        return 0
    m = train(data)
    m["threshold"] = args.threshold
    p, r, *_ = figures(data, m, args.threshold)
    OUT.write_text(json.dumps(m, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(m['weights'])} weights); on its own training data "
          f"P={p:.3f} R={r:.3f} (not an estimate)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
