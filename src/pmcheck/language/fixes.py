"""Action items that fix a person instead of the system: "retrain Bob", "remind engineers to
check the dashboard", "Lamine to re-read the onboarding doc", "Have a 1:1 with Haruto about
skipping the soak". Read by actions.fixes-person and by the evaluation of action items."""

from __future__ import annotations

from pmcheck.language import lexicon as L
from pmcheck.language.patterns import PhraseIndex, compile_pattern
from pmcheck.language.people import is_handle, person_np_starting_at
from pmcheck.language.phrases import (
    PEOPLE_OBJECTS, PERSON_FIX_ALWAYS, PERSON_FIX_BEHAVIOUR, PERSON_FIX_PHRASES, PERSON_FIX_VERBS,
)
from pmcheck.language.text import Token, mask_code, tokenize


def _build_fix_index() -> PhraseIndex:
    index = PhraseIndex()
    for pattern in PERSON_FIX_PHRASES:
        index.add(compile_pattern(pattern), pattern)
    return index


_FIXES = _build_fix_index()


def person_fix(text: str) -> str | None:
    """The phrase when an action item fixes a person ("retrain Bob") rather than a system."""
    masked = mask_code(text)
    tokens = tokenize(masked)
    if not tokens:
        return None
    matches = _FIXES.find(tokens)
    if matches:
        i, j, _p = matches[0]
        return masked[tokens[i].start:tokens[j].end]
    for k, tok in enumerate(tokens):
        end = _fix_object_end(tokens, k)
        if end is not None:
            return masked[tok.start:tokens[end].end]
    span = _person_obligation(tokens)
    if span is not None:
        return masked[tokens[span[0]].start:tokens[span[1]].end]
    return None


# Verbs of a person's own conduct: "Lamine to re-read the onboarding doc", "Gonzalo has to ask
# in the channel", "Ensure Paddy reads alerts fully". A system change ("Kwame to add an
# alert") is not among them.
_CONDUCT_VERBS = frozenset("""
read re-read reread review double-check check ask apologise apologize stop lose attend
complete be get take follow exercise personally verify confirm commit talk answer respond
coordinate consult seek learn study practise practice shadow understand pay remember refrain
avoid watch double pls please actually always never not
""".split())
_OBLIGATIONS = frozenset("to must shall will should gotta".split())
_TWO_WORD_OBLIGATIONS = frozenset({("needs", "to"), ("need", "to"), ("has", "to"),
                                   ("have", "to"), ("is", "not"), ("are", "not"),
                                   ("must", "not")})
_TALK_NOUNS = frozenset("conversation 1:1 chat talk word".split())
_ITEM_BOUNDARIES = frozenset(": · - — ] ) –".split())


def _conduct(tokens: list[Token], v: int) -> bool:
    low = _low_at(tokens, v)
    return low in _CONDUCT_VERBS or low.startswith(("re-", "double"))


def _low_at(tokens: list[Token], i: int) -> str:
    return tokens[i].low if 0 <= i < len(tokens) else ""


def _person_obligation(tokens: list[Token]) -> tuple[int, int] | None:
    """(first, last) token of "<person> to/must/needs to <conduct>" or "Ensure <person>
    <conduct>", "Talk to <person> about", "Have a 1:1 with <person>", "Place <person> on".
    Looked for at the start of the item and after a label ("Action:", "AI-07 ·")."""
    starts = [0] + [i + 1 for i, t in enumerate(tokens[:14]) if t.text in _ITEM_BOUNDARIES]
    for s in starts:
        if s >= len(tokens):
            continue
        first = tokens[s].low
        if first in ("ensure", "make") and (first == "ensure" or _low_at(tokens, s + 1) == "sure"):
            p = s + (1 if first == "ensure" else 2)
            end = person_np_starting_at(tokens, p)
            if end is not None and (_conduct(tokens, end + 1) or _low_at(tokens, end + 1).endswith("s")
                                    and _low_at(tokens, end + 1)[:-1] in _CONDUCT_VERBS):
                return s, end + 1
        if first in ("talk", "speak") and _low_at(tokens, s + 1) in ("to", "with"):
            end = person_np_starting_at(tokens, s + 2)
            if end is not None:
                return s, end
        if first == "have" and any(t.low in _TALK_NOUNS for t in tokens[s + 1:s + 4]):
            for w in range(s + 2, min(len(tokens), s + 5)):
                if tokens[w].low == "with":
                    end = person_np_starting_at(tokens, w + 1)
                    if end is not None:
                        return s, end
        if first in ("place", "put") and s + 1 < len(tokens):
            end = person_np_starting_at(tokens, s + 1)
            if end is not None and _is_named(tokens, s + 1, end):
                return s, end
        end = person_np_starting_at(tokens, s)
        if end is None or not _is_named_or_role(tokens, s, end):
            continue
        v = end + 1
        if (_low_at(tokens, v), _low_at(tokens, v + 1)) in _TWO_WORD_OBLIGATIONS:
            v += 2
        elif _low_at(tokens, v) in _OBLIGATIONS:
            v += 1
        else:
            continue
        if _low_at(tokens, v) in ("not", "never", "no"):
            v += 1
        if _conduct(tokens, v):
            return s, v
    return None


def _is_named(tokens: list[Token], s: int, e: int) -> bool:
    """A named individual: a handle or a capitalised name (not "the team")."""
    return any(is_handle(t) or (t.text[:1].isupper() and t.low not in L.DETERMINERS)
               for t in tokens[s:e + 1])


def _is_named_or_role(tokens: list[Token], s: int, e: int) -> bool:
    return _is_named(tokens, s, e) or tokens[e].low in L.ROLE_HEADS or \
        tokens[e].low in L.AMBIGUOUS_HEADS


def _fix_object_end(tokens: list[Token], k: int) -> int | None:
    """Last index of "remind X" / "tell X to" / "retrain @bob" / "hold X accountable" at k."""
    verb = tokens[k].low
    if verb not in PERSON_FIX_VERBS or k + 1 >= len(tokens):
        return None
    obj = k + 1
    if tokens[obj].low == "all" and obj + 1 < len(tokens):
        obj += 1
    if tokens[obj].low in ("the", "our") and obj + 1 < len(tokens) \
            and tokens[obj + 1].low in PEOPLE_OBJECTS:
        obj += 1
    np_end = person_np_starting_at(tokens, obj)
    people = tokens[obj].low in PEOPLE_OBJECTS
    if verb in PERSON_FIX_ALWAYS and tokens[obj].text[0].isalnum():
        return np_end if np_end is not None else obj
    if verb == "hold":
        for j in range(obj, min(len(tokens), obj + 5)):
            if tokens[j].low in ("accountable", "responsible"):
                return j if (people or np_end is not None) else None
        return None
    if verb in PERSON_FIX_BEHAVIOUR:
        last = np_end if np_end is not None else (obj if people else None)
        if last is not None and _aimed_at_behaviour(tokens, last):
            return last
        return None
    if np_end == obj and (is_handle(tokens[obj]) or tokens[obj].text[:1].isupper()):
        return np_end  # "train Bob", "coach @alice": a named individual
    return None


def _aimed_at_behaviour(tokens: list[Token], obj: int) -> bool:
    """"tell engineers to ...", "warn the team about ..." (not "train engineers on the tool")."""
    nxt = tokens[obj + 1].low if obj + 1 < len(tokens) else ""
    return nxt in ("to", "about", "that", "not")
