"""Person-as-cause, counterfactual and blame-question shapes, found token by token.

Each finder looks at one token index and a bounded window around it (a few tokens), so one
pass over a sentence is linear. A match is a :class:`Match` of token indices; the engine turns
it into a Hit with character offsets, message and hint.
"""

from __future__ import annotations

from typing import NamedTuple

from pmcheck.language import lexicon as L
from pmcheck.language.omission import (
    aspect_blocks, clear_person, coordinated_subject, explained, is_adverb, nothing_seen,
    ordinary_verb,
)
from pmcheck.language.people import (
    person_np_ending_at, person_np_starting_at, possessive_person,
)
from pmcheck.language.text import Token

_NEGATORS = frozenset("didn't didnt never".split())
_LAPSE_LEADS = frozenset("failed neglected forgot omitted".split())
_BELONGINGS_BEFORE = frozenset("his her my their your our".split())
# "caused by operator error": the person word is a modifier, not the agent.
_NOUN_AFTER_PERSON = L.MISTAKE_NOUNS | {"factor", "factors", "'s", "'", "else"}
_STOPS = frozenset(", ; : ( ) because after since but so which when while".split())


class Match(NamedTuple):
    first: int  # token index where the flagged phrase starts
    last: int  # token index where it ends
    kind: str  # "person-failure" | "counterfactual" | "blame-question"
    subject: tuple[int, int] | None  # token indices of the person phrase
    reason: str  # which hint applies: missed, lapse, risky, cause, mistake, hindsight, question


def base_forms(word: str) -> tuple[str, ...]:
    """Crude present-tense candidates for a verb form ("noticed" -> "notic", "notice")."""
    if word in L.IRREGULAR_BASE:
        return (L.IRREGULAR_BASE[word],)
    if word.endswith("ied"):
        return (word[:-3] + "y",)
    if word.endswith("ed"):
        return (word, word[:-2], word[:-1], word[:-3])
    return (word,)


def _is_diligence(word: str, strong_only: bool = False) -> bool:
    lexicon = L.STRONG_DILIGENCE_VERBS if strong_only else L.DILIGENCE_VERBS
    return any(b in lexicon for b in base_forms(word))


# Diligence verbs that only count with their particle ("back up", "roll back").
_PARTICLES = {"back": "up", "roll": "back", "rolled": "back"}


def _particle_ok(tokens: list[Token], v: int) -> bool:
    """The particle right after the verb or after a short object ("roll the config back")."""
    need = _PARTICLES.get(_low(tokens, v))
    if need is None:
        return True
    for j in range(v + 1, min(len(tokens), v + 5)):
        if tokens[j].low == need:
            return True
        if not tokens[j].text[0].isalnum():
            return False
    return False


def _is_past(word: str) -> bool:
    return word.endswith("ed") or word in L.PAST_IRREGULAR or word.endswith("en")


def _low(tokens: list[Token], i: int) -> str:
    return tokens[i].low if 0 <= i < len(tokens) else ""


def predicate_at(tokens: list[Token], k: int) -> tuple[int, str, bool] | None:
    """(last index, reason, person-only?) when a failure predicate starts at tokens[k]."""
    w, nxt = _low(tokens, k), _low(tokens, k + 1)
    if w in L.PERSON_ONLY_VERBS:
        if w.startswith("forg") and nxt in L.FORGOT_KNOWLEDGE:
            return None
        if w.startswith("forg") and nxt in _BELONGINGS_BEFORE:
            return None  # "forgot his badge", "forgot my charger": a belonging, not a step
        if k > 0 and tokens[k - 1].low in L.DETERMINERS:
            return None  # "the forgotten cron job", "the neglected cluster": an adjective
        return k, "lapse", True
    if (w, nxt) in L.PERSON_ONLY_PAIRS:
        return k + 1, "mistake", True
    if w in _NEGATORS or (w == "did" and nxt == "not"):
        v = k + (2 if w == "did" else 1)
        while (_low(tokens, v) in L.SOFT_ADVERBS or is_adverb(_low(tokens, v))) and v < k + 4:
            v += 1
        verb = _low(tokens, v)
        if w == "never" and aspect_blocks(tokens, k, _is_past(verb)):
            return None  # "was never paged", "had never deployed before"
        if _is_diligence(verb):
            if not _particle_ok(tokens, v):
                return None  # "never back down"
            reason = "missed" if any(b in ("notice", "see", "catch", "realize", "realise")
                                     for b in base_forms(verb)) else "lapse"
            if reason == "missed" and nothing_seen(tokens, v):
                return None  # "did not see any errors", "didn't see the error rate drop"
            return v, reason, _is_diligence(verb, strong_only=True)
        return (v, "omission", False) if ordinary_verb(tokens, v) else None
    if w in _LAPSE_LEADS and nxt == "to":
        verb = _low(tokens, k + 2)
        if w == "failed" and not _is_diligence(verb):
            # "failed to restart the pod": a system can fail too, so only a clear person counts
            return (k + 2, "omission", False) if ordinary_verb(tokens, k + 2) else None
        if verb and verb not in L.CAPABILITY_VERBS and tokens[k + 2].text[0].isalpha():
            person_only = w != "failed" or _is_diligence(verb, strong_only=True)
            return k + 2, "lapse", person_only
        return None
    if w in L.MISSED:
        if nxt in ("nothing", "none", "no") or _missed_event(tokens, k):
            return None
        return k, "missed", False
    if w in L.MISTAKE_VERBS:
        return k, "missed" if w.startswith("ignor") else "risky", False
    if w == "made" and nxt in ("a", "an", "the", "another", "one"):
        for j in (k + 2, k + 3):
            if _low(tokens, j) in L.MISTAKE_NOUNS:
                return j, "mistake", False
        if _low(tokens, k + 2) in L.BAD_CHOICE_ADJECTIVES and _low(tokens, k + 3) in (
                "call", "decision", "choice", "judgment", "judgement"):
            return k + 3, "mistake", False
        return None
    if w in L.CAUSE_VERBS:
        for j in range(k + 1, min(len(tokens), k + 4)):
            if tokens[j].low in L.CAUSE_OBJECTS:
                return j, "cause", False
        return None
    if w in L.ERROR_ADVERBS and tokens[k + 1:k + 2] and tokens[k + 1].text[0].isalpha():
        return k + 1, "risky", False
    if w in L.ACTION_VERBS:
        return _risky_action(tokens, k)
    if w in ("was", "were", "is", "are") and (nxt, _low(tokens, k + 2)) in (
            ("at", "fault"), ("to", "blame")):
        return k + 2, "cause", False
    if w in ("was", "were", "is", "are") and nxt == "responsible" and _low(tokens, k + 2) == "for":
        last = _blame_after_responsible(tokens, k + 3)
        if last is not None:
            return last, "cause", False
    return None


def _blame_after_responsible(tokens: list[Token], s: int) -> int | None:
    """After "responsible for": the outage, the mistake, or not doing something."""
    if _low(tokens, s) == "not":
        return s
    for j in range(s, min(len(tokens), s + 3)):
        if tokens[j].low in L.BLAME_OBJECTS_AFTER_RESPONSIBLE:
            # "responsible for the failure domain", "... the incident response": a duty
            after = _low(tokens, j + 1)
            return None if after in L.TECHNICAL_AFTER or after in L.INCIDENT_ROLES else j
    return None


def _risky_action(tokens: list[Token], k: int) -> tuple[int, str, bool] | None:
    """"ran the wrong command", "deployed untested code", "ran X without a backup"."""
    for j in range(k + 1, min(len(tokens), k + 4)):
        if tokens[j].low in L.BAD_OBJECT_WORDS:
            return j, "risky", False
    for j in range(k + 1, min(len(tokens), k + 10)):
        low = tokens[j].low
        if low == "," and _low(tokens, j + 1) in L.SKIPPING_WORDS:
            o = j + 2 + (_low(tokens, j + 2) in ("the", "a", "an", "all", "any"))
            return (o, "risky", False) if _low(tokens, o) in L.SAFEGUARDS else None
        if low in _STOPS or low == ".":
            return None
        if (low, _low(tokens, j + 1)) in (("by", "mistake"), ("by", "accident"),
                                          ("in", "error")):
            return j + 1, "risky", False
        if low == "without":
            o = j + 1
            while _low(tokens, o) in L.WITHOUT_FILLERS and o < j + 3:
                o += 1
            if _low(tokens, o) in L.WITHOUT_OBJECTS:
                return o, "risky", False
            return None
    return None


def _hindsight_action(tokens: list[Token], v: int) -> bool:
    """After "should have": a past action ("checked", "known", "been careful"), not possession
    ("should have a way", "should have had a checklist") nor a passive ("been paged")."""
    w = _low(tokens, v)
    if w == "been":
        return not _is_past(_low(tokens, v + 1))
    if w == "had":
        return False
    return w.endswith("ed") or w in L.PAST_IRREGULAR


def counterfactual_at(tokens: list[Token], k: int) -> int | None:
    """Last index when "should have checked" / "could have prevented" ... starts at tokens[k]."""
    w, nxt, nxt2 = _low(tokens, k), _low(tokens, k + 1), _low(tokens, k + 2)
    if w in ("should've", "shouldn't've", "shoulda"):  # "shoulda": chat spelling
        return k if _hindsight_action(tokens, k + 1) else None
    if w in ("should", "shouldn't") and nxt in ("have", "'ve"):
        return k + 1 if _hindsight_action(tokens, k + 2) else None
    if w == "should" and nxt == "not" and nxt2 == "have":
        return k + 2 if _hindsight_action(tokens, k + 3) else None
    if w == "ought" and nxt == "to" and nxt2 == "have":
        return k + 2 if _hindsight_action(tokens, k + 3) else None
    if w in ("could", "would") and nxt == "have" and nxt2 in L.PREVENT_VERBS:
        return k + 2
    if w in ("could've", "would've") and nxt in L.PREVENT_VERBS:
        return k + 1
    return None


SELF_SUBJECTS = frozenset("we i".split())
_SELF_ADVERBS = frozenset("""really just probably definitely honestly all collectively clearly
obviously absolutely certainly simply""".split())


def _self_subject(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """"we should have rolled back", "I really should have waited": self or collective
    hindsight. (A missing safeguard, "we should have had a canary stage", never reaches here:
    possession is no hindsight action.)"""
    h = k - 1
    while h >= 0 and k - h <= 3 and (tokens[h].low in L.BETWEEN_SUBJECT_AND_VERB
                                     or tokens[h].low in _SELF_ADVERBS):
        h -= 1
    if h < 0 or tokens[h].low not in SELF_SUBJECTS or (tokens[h].low == "i" and tokens[h].text != "I"):
        return None
    if h > 0 and not _subject_position_word(tokens[h - 1]):
        return None
    return h, h


def _subject_position_word(prev: Token) -> bool:
    return prev.low not in L.NON_SUBJECT_BEFORE


def _subject_before(tokens: list[Token], k: int, strong: bool) -> tuple[int, int] | None:
    """The person phrase ending just before tokens[k], allowing a few adverbs in between."""
    h = k - 1
    while h >= 0 and k - h <= 3 and tokens[h].low in L.BETWEEN_SUBJECT_AND_VERB:
        h -= 1
    team_pp = _team_postmodifier(tokens, h)
    if team_pp is not None:
        h = team_pp
    for post in L.POSTMODIFIERS:
        if h - len(post) + 1 >= 1 and tuple(
                t.low for t in tokens[h - len(post) + 1:h + 1]) == post:
            h -= len(post)
            break
    rel = _relative_subject(tokens, h, strong)
    if rel is not None:
        return rel
    for cand in (h, k - 1):
        if cand < 0:
            continue
        if tokens[cand].low == "who" and cand >= 1:
            head = cand - 2 if tokens[cand - 1].text == "," else cand - 1
            # "who" is the subject; its antecedent may sit anywhere ("run by an engineer who")
            start = person_np_ending_at(tokens, head, strong=strong, check_before=False)
            if start is not None:
                return start, head
        start = person_np_ending_at(tokens, cand, strong=strong, lower=strong)
        if start is not None:
            return start, cand
    return _subject_with_participle(tokens, h + 1, strong)


def _relative_subject(tokens: list[Token], h: int, strong: bool) -> tuple[int, int] | None:
    """"The SRE who was paged forgot", "someone on our side forgot", "nobody in ops bothered":
    a person phrase, then a short relative clause or prepositional phrase, then the verb."""
    for r in range(h, max(-1, h - 9), -1):
        low = tokens[r].low
        if low in _STOPS or low in (".", "?", "!"):
            return None
        if low == "who" and r >= 1:
            start = person_np_ending_at(tokens, r - 1, strong=strong)
            if start is not None:
                return start, r - 1
            return None
        if low in ("on", "in", "from", "at", "of") and r >= 1 and r < h:
            head = tokens[r - 1].low
            if head in ("members", "member", "someone", "somebody"):
                start = r - 1
                return start, r - 1
    return None


_GROUP_PLACES = L.GROUP_NOUNS | frozenset("group department division office desk side".split())


def _team_postmodifier(tokens: list[Token], h: int) -> int | None:
    """If tokens end at h with "on|from|in|of the <words> team", the index before "on"."""
    if h < 2 or _low(tokens, h) not in _GROUP_PLACES:
        return None
    for p in range(h - 1, max(0, h - 5), -1):
        if tokens[p].low in ("on", "from", "in", "of"):
            return p - 1
        if not tokens[p].text[0].isalnum():
            return None
    return None


def _subject_with_participle(tokens: list[Token], k: int, strong: bool
                             ) -> tuple[int, int] | None:
    """"The developer creating the pull request misjudged ...": person + "-ing" phrase + verb."""
    for g in range(k - 2, max(0, k - 7), -1):
        tok = tokens[g]
        if not tok.text[0].isalnum() or tok.low in _STOPS:
            return None
        if tok.low.endswith("ing") and g >= 1:
            start = person_np_ending_at(tokens, g - 1, strong=strong)
            if start is not None:
                return start, g - 1
    return None


def _missed_event(tokens: list[Token], k: int) -> bool:
    """"missed the retro", "missed her flight", "missed the first half of the review": an
    absence from an event, not a missed signal."""
    for j in range(k + 1, min(len(tokens), k + 6)):
        low = tokens[j].low
        if low in L.MISSED_EVENTS:
            return True
        if low in ("alert", "alerts", "page", "pages", "signal", "warning", "warnings", "step"):
            return False
    return False


def clause_match(tokens: list[Token], k: int) -> Match | None:
    """A person subject followed by a failure predicate or counterfactual at tokens[k]."""
    cf_last = counterfactual_at(tokens, k)
    if cf_last is not None:
        subj = _subject_before(tokens, k, strong=False) or _self_subject(tokens, k)
        if subj is not None:
            return Match(subj[0], cf_last, "counterfactual", subj, "hindsight")
        return None
    pred = predicate_at(tokens, k)
    if pred is None:
        return None
    last, reason, person_only = pred
    if tokens[k].low in _OMISSION_LEADS and explained(tokens, last,
                                                      when=(reason == "omission")):
        return None  # "did not see an alert because none fired", "didn't restart until 10:40"
    subj = _subject_before(tokens, k, strong=person_only) or coordinated_subject(
        tokens, k, strong=person_only)
    if subj is None or (reason == "omission" and not clear_person(tokens, *subj)):
        return None
    return Match(subj[0], last, "person-failure", subj, reason)


# Negations whose omission a system reason in the same sentence explains.
_OMISSION_LEADS = _NEGATORS | {"did", "failed"}


def agent_match(tokens: list[Token], k: int) -> Match | None:
    """"missed by the on-call engineer", "caused by an engineer", "an oversight by Bob",
    "the DBA's mistake": a person named as the agent of a failure, with tokens[k] the verb."""
    w, nxt = _low(tokens, k), _low(tokens, k + 1)
    if ((w in L.PASSIVE_FAILURES or w in ("caused", "introduced")
            or (w in L.MISTAKE_NOUNS and _bare_noun(tokens, k))) and nxt == "by") or (
            (w == "fault" or (w in L.MISTAKE_NOUNS and _bare_noun(tokens, k))) and nxt == "of"):
        end = person_np_starting_at(tokens, k + 2)
        if end is not None and _low(tokens, end + 1) not in _NOUN_AFTER_PERSON:
            return Match(k, end, "person-failure", (k + 2, end),
                         "cause" if w in ("caused", "introduced") else "missed")
    if w in L.MISTAKE_NOUNS and nxt == "on" and _low(tokens, k + 2) == "the" \
            and _low(tokens, k + 3) == "part" and _low(tokens, k + 4) == "of":
        end = person_np_starting_at(tokens, k + 5)
        if end is not None:
            return Match(k, end, "person-failure", (k + 5, end), "mistake")
    if w == "made" and nxt == "by" and any(t.low in L.MISTAKE_NOUNS
                                           for t in tokens[max(0, k - 4):k]):
        end = person_np_starting_at(tokens, k + 2)  # "the mistake was made by the team"
        if end is not None:
            return Match(k, end, "person-failure", (k + 2, end), "mistake")
    if possessive_person(tokens[k]):
        j = k + 1 + (nxt in L.POSSESSIVE_BAD_MODIFIERS)
        if _low(tokens, j) in L.MISTAKE_NOUNS | L.POSSESSIVE_FAILINGS and (
                j > k + 1 or _low(tokens, j + 1) not in L.TECHNICAL_AFTER):
            start = k - 1 if k > 0 and tokens[k - 1].low in L.DETERMINERS else k
            return Match(start, j, "person-failure", (start, k), "mistake")
        if nxt in L.POSSESSIVE_BAD_MODIFIERS and nxt not in ("repeated", "poor") \
                and tokens[k + 2:k + 3] and tokens[k + 2].text[0].isalpha():
            start = k - 1 if k > 0 and tokens[k - 1].low in L.DETERMINERS else k
            return Match(start, k + 2, "person-failure", (start, k), "mistake")
    if nxt in ("was", "is") and w in L.MISTAKE_NOUNS | {"fault", "blame", "responsibility"} \
            and possessive_person(tokens[k + 2]) if k + 2 < len(tokens) else False:
        return Match(k, k + 2, "person-failure", (k + 2, k + 2), "mistake")
    return None


def _bare_noun(tokens: list[Token], k: int) -> bool:
    """"an oversight by", "mistakes by": not a technical compound ("variable error by")."""
    if k == 0 or not tokens[k - 1].text[0].isalpha():
        return True
    prev = tokens[k - 1].low
    return prev in L.DETERMINERS or prev in L.BAD_CHOICE_ADJECTIVES or prev in L.BEFORE_BARE_MISTAKE


# Words that can start each shape: the engine calls a finder only at these tokens.
CLAUSE_TRIGGERS = (L.PERSON_ONLY_VERBS | {a for a, _ in L.PERSON_ONLY_PAIRS} | _NEGATORS
                   | {"did"} | _LAPSE_LEADS | L.MISSED | L.MISTAKE_VERBS | {"made"}
                   | L.CAUSE_VERBS | L.ERROR_ADVERBS | L.ACTION_VERBS
                   | {"was", "were", "is", "are"}
                   | {"should", "shouldn't", "should've", "shouldn't've", "shoulda", "ought", "could",
                      "would", "could've", "would've"})
AGENT_NEXT = frozenset({"by", "on", "of", "was", "is"})
