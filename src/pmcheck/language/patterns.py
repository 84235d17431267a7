"""Compile phrase patterns (lexicon syntax) into token sequences and find them in a sentence.

A compiled pattern is a tuple of frozensets (one per token). Patterns are indexed by every word
their first slot accepts, so a sentence scan costs one dictionary look-up per token plus a
comparison of at most MAX_LEN tokens per candidate: linear in the sentence length.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Any, Callable

from pmcheck.language.text import Token, tokenize


def compile_pattern(pattern: str) -> list[tuple[frozenset[str], ...]]:
    """Expand optional slots ("word?") into every concrete sequence of slots."""
    slots: list[list[frozenset[str] | None]] = []
    for raw in pattern.lower().replace("\u2019", "'").split():
        optional = raw.endswith("?") and len(raw) > 1
        words = frozenset(w for w in raw.rstrip("?").split("|") if w)
        slots.append([words, None] if optional else [words])
    out = []
    for combo in product(*slots):
        seq = tuple(s for s in combo if s is not None)
        if seq:
            out.append(seq)
    return out


def literal_pattern(phrase: str) -> list[tuple[frozenset[str], ...]]:
    """A user phrase from config: its own tokens, no pattern syntax."""
    toks = [t.low for t in tokenize(phrase)]
    return [tuple(frozenset([w]) for w in toks)] if toks else []


@dataclass
class PhraseIndex:
    by_first: dict[str, list[tuple[tuple[frozenset[str], ...], Any]]] = field(
        default_factory=dict)
    max_len: int = 0

    def add(self, seqs: list[tuple[frozenset[str], ...]], payload: Any) -> None:
        for seq in seqs:
            self.max_len = max(self.max_len, len(seq))
            for word in seq[0]:
                self.by_first.setdefault(word, []).append((seq, payload))

    def find(self, tokens: list[Token], meter: list[int] | None = None,
             accept: Callable[[list[Token], int, int, Any], bool] | None = None,
             ) -> list[tuple[int, int, Any]]:
        """(first index, last index, payload) of the longest accepted match at each position."""
        hits = []
        n = len(tokens)
        for i, tok in enumerate(tokens):
            cands = self.by_first.get(tok.low)
            if not cands:
                continue
            best: tuple[int, int, Any] | None = None
            for seq, payload in cands:
                if meter is not None:
                    meter[0] += len(seq)
                if i + len(seq) > n:
                    continue
                j = i + len(seq) - 1
                if all(tokens[i + k].low in seq[k] for k in range(1, len(seq))) and (
                        accept is None or accept(tokens, i, j, payload)):
                    if best is None or i + len(seq) - 1 > best[1]:
                        best = (i, i + len(seq) - 1, payload)
            if best is not None:
                hits.append(best)
        return hits
