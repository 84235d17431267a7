"""Counterfactual conditionals: "if the engineer had checked ...", "had Bob waited ...", and
self or collective hindsight ("had we not rushed the launch", "if we had been more careful")."""

from __future__ import annotations

from pmcheck.language.grammar import SELF_SUBJECTS, Match, _is_past, _low
from pmcheck.language.people import person_np_starting_at
from pmcheck.language.text import Token

CONDITIONAL_TRIGGERS = frozenset({"if", "had"})

_CAREFUL = frozenset("""careful disciplined cautious attentive diligent thorough vigilant
rigorous""".split())


def _more_careful(tokens: list[Token], v: int) -> int | None:
    """"been (a bit) more careful" at tokens[v]: the index of the adjective, else None."""
    if _low(tokens, v) != "been":
        return None
    for j in range(v + 1, min(len(tokens), v + 5)):
        if tokens[j].low in _CAREFUL:
            return j
    return None


def conditional_match(tokens: list[Token], k: int) -> Match | None:
    """"if the engineer had checked ..." / "had Bob waited ..." with "if"/"had" at tokens[k]."""
    w = _low(tokens, k)
    if w == "if":
        s = k + 1 + (_low(tokens, k + 1) == "only")
        end = person_np_starting_at(tokens, s)
        if end is None and _low(tokens, s) in SELF_SUBJECTS:
            end = s
        if end is not None and _low(tokens, end + 1) == "had":
            v = end + 2
            if _low(tokens, v) in ("not", "only", "just", "actually", "also"):
                v += 1
            if _low(tokens, v) != "been" and _is_past(_low(tokens, v)):
                return Match(k, v, "counterfactual", (s, end), "hindsight")
            careful = _more_careful(tokens, v)
            if careful is not None:
                return Match(k, careful, "counterfactual", (s, end), "hindsight")
    if w == "had" and (k == 0 or not tokens[k - 1].text[0].isalnum()
                       or _low(tokens, k - 1) in ("happened", "occurred", "failed")):
        end = person_np_starting_at(tokens, k + 1)
        if end is None and _low(tokens, k + 1) in SELF_SUBJECTS:
            end = k + 1
        if end is not None:
            careful = _more_careful(tokens, end + 1)
            if careful is not None:
                return Match(k, careful, "counterfactual", (k + 1, end), "hindsight")
            if _low(tokens, end + 1) == "not" and _is_past(_low(tokens, end + 2)) \
                    and _low(tokens, end + 2) != "been":
                return Match(k, end + 2, "counterfactual", (k + 1, end), "hindsight")
        if end is not None and _is_past(_low(tokens, end + 1)) and _low(tokens, end + 1) != "been":
            return Match(k, end + 1, "counterfactual", (k + 1, end), "hindsight")
    return None
