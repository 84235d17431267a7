"""A person as the agent of an action plus a wrongness cue, without a list of failure verbs.

"Kofi ran the migration against prod instead of staging", "QA waved the build through without
running the regression suite", "@ole.haugland kicked off a reindex without announcing it",
"the bad config was pushed by Carlos without a second pair of eyes". The cue ("without",
"instead of", "despite", "anyway", "accidentally", "the wrong ...", "contrary to", "against
advice") is found first; then the clause it sits in is read backwards for a person subject
followed by a verb (or a passive with a person agent). Work is bounded by the clause window,
so a sentence scan stays linear.
"""

from __future__ import annotations

from pmcheck.language import lexicon as L
from pmcheck.language.grammar import Match, _is_past, _low
from pmcheck.language.people import person_np_ending_at, possessive_person
from pmcheck.language.text import Token

WINDOW = 16

CUE_ADVERBS = frozenset("""
accidentally mistakenly inadvertently carelessly recklessly blindly hastily sloppily
unilaterally unknowingly wrongly
""".split())
CUE_TRIGGERS = CUE_ADVERBS | frozenset(
    "without instead despite anyway wrong contrary against again mistake accident error "
    "not w".split())

# "without" followed by these is a good outcome, not a skipped safeguard.
_GOOD_WITHOUT = frozenset("""
issue issues incident incidents problem problems downtime impact interruption interruptions
error errors delay delays loss hitch hitches trouble fuss complaint complaints data customer
customers user users any further causing breaking losing affecting impacting disrupting
dropping harming
""".split())
_AGAINST = frozenset("advice guidance policy recommendation recommendations runbook process "
                     "procedure rules the".split())

# Tokens that end the clause when reading backwards from the cue.
_BOUNDARY = frozenset(". , ; : ? ! ( ) [ ] \" \u201c \u201d because since so which that while "
                      "when after before if but although though until whereas why".split())
_LEAD = frozenset("then also just still again quickly later finally eventually "
                  "unfortunately meanwhile immediately and".split())
_SELF = frozenset({"we", "i"})


def _cue(tokens: list[Token], c: int) -> bool:
    w, nxt = tokens[c].low, _low(tokens, c + 1)
    if w in CUE_ADVERBS:
        return True
    if w == "w":  # "w/o": chat shorthand for "without"
        if not (nxt == "/" and _low(tokens, c + 2) == "o"):
            return False
        w, c = "without", c + 2
    if w == "without":
        o = c + 1
        while _low(tokens, o) in L.WITHOUT_FILLERS and o < c + 3:
            o += 1
        return bool(_low(tokens, o)) and _low(tokens, o) not in _GOOD_WITHOUT
    if w == "instead":
        return nxt == "of"
    if w == "despite":
        return True
    if w in ("mistake", "accident"):  # "posted the code in a public channel by mistake"
        return _low(tokens, c - 1) == "by"
    if w == "error":  # "disabled the authentication service in error"
        return _low(tokens, c - 1) == "in" and not nxt[:1].isalpha()
    if w == "again":  # "once again", "yet again", "..., again.": a verdict on a repeat
        return _low(tokens, c - 1) in ("once", "yet", ",")
    if w == "anyway":
        return True
    if w == "wrong":
        return _low(tokens, c - 1) in ("the", "a") and nxt[:1].isalpha()
    if w == "contrary":
        return nxt == "to"
    if w == "against":
        return nxt in _AGAINST and (nxt != "the" or _low(tokens, c + 2) in _AGAINST)
    return False


def _verb(tok: Token) -> bool:
    low = tok.low
    if not tok.text.islower():
        return False  # "Hellman Kubernetes ...": a capitalised word is no verb here
    return (_is_past(low) or (low.endswith("s") and not low.endswith("ss") and len(low) > 3)
            or low in ("let", "put", "set", "cut", "hit", "run", "ran", "did", "went", "made"))


def _after_subject(tokens: list[Token], e: int, c: int) -> int:
    """Index of the verb after a subject ending at e: past adverbs and a short postmodifier
    ("an engineer on the data platform team ran", "Nadia on the BI team pointed")."""
    v = e + 1
    if _low(tokens, v) in ("on", "in", "from", "at", "of"):
        for j in range(v + 1, min(c, v + 6)):
            if tokens[j].low in L.GROUP_NOUNS or tokens[j].low in ("side", "desk", "office"):
                v = j + 1
                break
    while v < c and (tokens[v].low in L.BETWEEN_SUBJECT_AND_VERB or tokens[v].low in _LEAD):
        v += 1
    return v


def _subject_at(tokens: list[Token], s: int, c: int) -> tuple[int, int] | None:
    """A person phrase starting at s and followed by a verb before the cue at c."""
    if tokens[s].low in _HONORIFICS:
        e = s + 1 + (_low(tokens, s + 1) == ".")
        first = e
        while e < c and tokens[e].text[:1].isupper():
            e += 1
        if e > first and e < c and _verb(tokens[e]):
            return s, e - 1
        return None
    for e in range(s, min(c, s + 6)):
        if tokens[e].low in _SELF and e == s:
            start = s if (tokens[s].low != "i" or tokens[s].text == "I") else None
        else:
            start = person_np_ending_at(tokens, e, check_before=False)
        if start != s:
            continue
        e = _coordinated(tokens, e, c)
        v = _after_subject(tokens, e, c)
        if v < c and _verb(tokens[v]) and tokens[v].low not in ("was", "were", "is", "has"):
            return s, e
        return None
    return None


def _coordinated(tokens: list[Token], e: int, c: int) -> int:
    """End of "Sanjay and Eoghan (both)", "Tarek, Ole and the FinOps analyst": more people."""
    while e + 2 < c and tokens[e + 1].low in ("and", ",", "&"):
        nxt = next((x for x in range(e + 2, min(c, e + 8))
                    if person_np_ending_at(tokens, x, check_before=False) == e + 2), None)
        if nxt is None:
            break
        e = nxt
    if _low(tokens, e + 1) in ("both", "all"):
        e += 1
    return e


_HONORIFICS = frozenset("mr mrs ms dr mr. mrs. ms. dr.".split())


def _not_gerund(tokens: list[Token], c: int) -> Match | None:
    """"Ugo not following the runbook caused ...", "Hira's not checking ...": a person's
    omission used as a noun, opening the sentence or a clause."""
    if not _low(tokens, c + 1).endswith("ing") or c == 0:
        return None
    h = c - 1
    tok = tokens[h]
    start = None
    if tok.low.endswith("'s"):
        start = h if possessive_person(tok) else None
    else:
        start = person_np_ending_at(tokens, h, check_before=False)
    if start is None or (start > 0 and tokens[start - 1].low not in _BOUNDARY
                         and tokens[start - 1].text[0].isalnum()):
        return None
    return Match(start, c + 1, "person-failure", (start, h), "omission")


def cue_match(tokens: list[Token], c: int) -> Match | None:
    """Match when tokens[c] is a wrongness cue whose clause has a person as the agent."""
    if tokens[c].low == "not":
        return _not_gerund(tokens, c)
    if not _cue(tokens, c):
        return None
    start = c - 1
    while start >= 0 and c - start <= WINDOW and tokens[start].low not in _BOUNDARY:
        start -= 1
    if c - start > WINDOW:
        return None
    s = start + 1
    # the clause's subject: its first word after a time stamp, dash or discourse word
    while s < c and (not tokens[s].text[0].isalpha() and tokens[s].text[0] != "@"
                     or tokens[s].low in _LEAD or tokens[s].low == "utc"):
        s += 1
    last = c + (tokens[c].low in ("instead", "contrary"))
    if s >= c - 1 and tokens[c].low in ("despite", "again"):
        return _despite_first(tokens, c)  # the cue opens the sentence: its subject follows
    subject = _subject_at(tokens, s, c) if s < c else None
    if subject is None and s < c and start >= 2 and tokens[start].text == "," \
            and _verb(tokens[s]):
        # an appositive subject: "Our on-call engineer, Tuva, silenced the alert instead ..."
        h = start - 1
        p = person_np_ending_at(tokens, h, check_before=False)
        if p is not None:
            subject = (p, h)
    if subject is not None:
        return Match(subject[0], last, "person-failure", subject, "risky")
    if tokens[c].low == "again" and _low(tokens, c - 1) != ",":
        return None  # a repeat cue inside the clause says nothing about the agent
    # a passive with a person agent: "was pushed by Carlos without ..."
    for b in range(s, c):
        if tokens[b].low == "by" and b > 0 and _is_past(tokens[b - 1].low):
            for e in range(b + 1, min(c, b + 6)):
                if person_np_ending_at(tokens, e, check_before=False) == b + 1:
                    return Match(b + 1, c, "person-failure", (b + 1, e), "risky")
    return None


def _despite_first(tokens: list[Token], c: int) -> Match | None:
    """"Despite two reminders, the web team left the panel open": the subject follows."""
    for j in range(c + 1, min(len(tokens), c + 14)):
        if tokens[j].text == ",":
            s = j + 1
            subject = _subject_at(tokens, s, min(len(tokens), s + 10)) if s < len(tokens) else None
            if subject is not None:
                return Match(c, subject[1] + 1, "person-failure", subject, "risky")
            return None
        if tokens[j].low in _BOUNDARY:
            return None
    return None
