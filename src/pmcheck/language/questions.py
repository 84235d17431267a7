"""Blame questions: "who broke ...", "who is to blame", "why didn't the engineer ...", "how could
they miss ...", "whose fault ...". Each finder looks at a bounded window after one index."""

from __future__ import annotations

from pmcheck.language import lexicon as L
from pmcheck.language.grammar import (
    _NEGATORS, Match, _blame_after_responsible, _is_diligence, _low, _risky_action,
)
from pmcheck.language.omission import clear_person, ordinary_verb
from pmcheck.language.people import person_np_starting_at
from pmcheck.language.text import Token

# Words that can start a blame question: the engine calls question_match only at these.
QUESTION_TRIGGERS = frozenset({"who", "whose", "why", "how", "which", "what", "couldn't",
                               "shouldn't", "wouldn't"})
# "Why did you ...?", "why were you ...": a why aimed at the person reads as a demand for a
# defence; "What did you see?" (what/how about their view) is the facilitator's question.
_WHY_AUX = frozenset("""
did didn't do don't does doesn't were weren't was wasn't could couldn't would wouldn't had
hadn't have haven't are aren't
""".split())

# "Who restarted the pod?" asks for a fact; "who approved this?" asks for a culprit.
_NEUTRAL_WHO = frozenset("""
noticed saw found fixed resolved restarted rolled paged joined acknowledged acked responded
responds was were is are has had did does took led leads owns owned handled helped
""".split())
_WHO_PAST = frozenset("let put set signed wrote broke gave left made sent ran forgot chose "
                      "thought told".split())
_WHOSE = frozenset("idea call decision fault mistake change error".split())
_INTENSIFIERS = frozenset("on earth the hell heck".split())


def question_match(tokens: list[Token], k: int) -> Match | None:
    """Blame questions: "who broke ...", "who is to blame", "why didn't the engineer ...",
    "how could they miss ...", "whose fault ..."."""
    w, nxt = _low(tokens, k), _low(tokens, k + 1)
    you = _you_question(tokens, k, w, nxt)
    if you is not None:
        return you
    if w == "whose" and nxt in _WHOSE:
        return Match(k, k + 1, "blame-question", None, "question")
    if w == "who":
        return _who_question(tokens, k) or _who_did(tokens, k)
    if w == "which" and nxt == "of" and _low(tokens, k + 2) in ("you", "us"):
        return Match(k, k + 2, "blame-question", None, "question")
    if w == "who" and any(t.low in ("responsibility", "blame", "accountable", "fault")
                          for t in tokens[k + 1:k + 7]):
        return Match(k, k + 1, "blame-question", None, "question")
    if w == "which" and nxt == "of":
        end = person_np_starting_at(tokens, k + 2)
        if end is not None:
            return Match(k, end, "blame-question", (k + 2, end), "question")
    if w == "what" and nxt == "was":  # "What was Rukhsana thinking"
        end = person_np_starting_at(tokens, k + 2)
        if end is not None and _low(tokens, end + 1) == "thinking":
            return Match(k, end + 1, "blame-question", (k + 2, end), "question")
    if w == "why" and nxt in ("wasn't", "weren't", "isn't", "aren't", "hadn't"):
        end = person_np_starting_at(tokens, k + 2)
        if end is not None and clear_person(tokens, k + 2, end) \
                and tokens[end + 1:end + 2] and tokens[end + 1].low.endswith("ing"):
            return Match(k, end + 1, "blame-question", (k + 2, end), "question")
    if w in ("why", "how") and nxt in ("did", "does", "would", "could", "do") \
            and not (w == "how" and nxt in ("would", "could")):
        s = k + 2
        while _low(tokens, s) in _INTENSIFIERS:
            s += 1
        end = person_np_starting_at(tokens, s)
        if end is not None and clear_person(tokens, s, end) \
                and tokens[end + 1:end + 2] and tokens[end + 1].text.islower():
            return Match(k, end + 1, "blame-question", (s, end), "question")
    if w == "why" and (nxt in _NEGATORS or (nxt == "did" and _low(tokens, k + 2) == "not")):
        s = k + (3 if nxt == "did" else 2)
        end = person_np_starting_at(tokens, s, strong=True)
        if end is not None and _is_diligence(_low(tokens, end + 1)):
            return Match(k, end + 1, "blame-question", (s, end), "question")
        end = person_np_starting_at(tokens, s)  # "why didn't the on-call restart envoy?"
        if end is not None and clear_person(tokens, s, end) and ordinary_verb(tokens, end + 1):
            return Match(k, end + 1, "blame-question", (s, end), "question")
    checked = _nobody_checked(tokens, k + 1) if w == "why" else None
    if checked is not None:
        return Match(k, checked, "blame-question", None, "question")
    if w == "why" and nxt == "did":
        end = person_np_starting_at(tokens, k + 2, strong=True)
        if end is not None and _low(tokens, end + 1) in L.WHY_DID_VERBS:
            return Match(k, end + 1, "blame-question", (k + 2, end), "question")
    if w == "how" and nxt in ("could", "did", "can", "could've", "couldn't"):
        end = person_np_starting_at(tokens, k + 2, strong=True)
        if end is not None and _low(tokens, end + 1) in L.HOW_COULD_VERBS:
            return Match(k, end + 1, "blame-question", (k + 2, end), "question")
    return None


def _you_question(tokens: list[Token], k: int, w: str, nxt: str) -> Match | None:
    """"Why didn't you check ...?", "why did it take you forty minutes?", "what were you
    thinking?", "couldn't you have asked?", "can you explain why you ignored ...?"."""
    third = _low(tokens, k + 2)
    if w == "why" and nxt in _WHY_AUX and third == "you":
        return Match(k, k + 2, "blame-question", (k + 2, k + 2), "question")
    if w == "why" and nxt == "did" and third == "it" and _low(tokens, k + 3) == "take" \
            and _low(tokens, k + 4) == "you":
        return Match(k, k + 4, "blame-question", (k + 4, k + 4), "question")
    if w == "why" and nxt == "you" and _low(tokens, k - 1) in ("explain", "understand", "know"):
        return Match(k, k + 1, "blame-question", (k + 1, k + 1), "question")
    if w == "what" and (nxt, third, _low(tokens, k + 3)) in (("were", "you", "thinking"),
                                                             ("was", "he", "thinking"),
                                                             ("was", "she", "thinking")):
        return Match(k, k + 3, "blame-question", (k + 2, k + 2), "question")
    if w in ("couldn't", "shouldn't", "wouldn't") and nxt == "you" and third == "have":
        return Match(k, k + 2, "blame-question", (k + 1, k + 1), "question")
    return None


def _who_did(tokens: list[Token], k: int) -> Match | None:
    """"Who approved this change?", "who gave a contractor write access?": a culprit asked
    for by an action verb in the past (not "who noticed", "who was paged")."""
    v = k + 1
    if _low(tokens, v) in ("on", "in", "from"):  # "Who on the release team let ..."
        for j in range(v + 1, min(len(tokens), v + 5)):
            if tokens[j].low in L.GROUP_NOUNS:
                v = j + 1
                break
    w = _low(tokens, v)
    if w in _NEUTRAL_WHO or not w.isalpha():
        return None
    if _low(tokens, v + 1) in ("?", "last", "first", "") :
        return None  # "Who deployed last?": a fact, not a culprit
    if w.endswith("ed") or w in L.PAST_IRREGULAR or w in _WHO_PAST:
        return Match(k, v, "blame-question", None, "question")
    return None


def _nobody_checked(tokens: list[Token], d: int) -> int | None:
    """Index of the verb in "did nobody (on the team) check" / "didn't anyone check" at d."""
    w, nxt = _low(tokens, d), _low(tokens, d + 1)
    if (w == "did" and nxt in L.NOBODY) or (w in _NEGATORS and nxt in L.ANYONE):
        after = [d + 2]
        if _low(tokens, d + 2) in ("on", "in", "from", "at"):  # "nobody on the team check"
            after = [d + 4, d + 5]
        for v in after:
            if _is_diligence(_low(tokens, v)):
                return v
    return None


def _who_question(tokens: list[Token], k: int) -> Match | None:
    v = k + 1
    if _low(tokens, v) in ("is", "was", "are", "were", "'s"):
        v += 1
    w = _low(tokens, v)
    if (w, _low(tokens, v + 1)) in (("to", "blame"), ("at", "fault")):
        return Match(k, v + 1, "blame-question", None, "question")
    if w == "responsible" and _low(tokens, v + 1) == "for":
        last = _blame_after_responsible(tokens, v + 2)
        return None if last is None else Match(k, last, "blame-question", None, "question")
    if v == k + 1 and w in L.WHO_BLAME:
        return Match(k, v, "blame-question", None, "question")
    if v == k + 1 and w in L.ACTION_VERBS:
        risky = _risky_action(tokens, v)
        if risky is not None:
            return Match(k, risky[0], "blame-question", None, "question")
    return None
