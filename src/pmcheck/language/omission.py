"""Omissions and coordinated clauses: "Dave didn't restart envoy", "the on-call engineer failed
to restart the sidecars", "Dave rotated the cert by hand and forgot to restart envoy".

A negated ordinary verb is weaker evidence than a lapse verb ("forgot", "didn't check"): a
system can fail to restart a pod too. So it counts only with a clear person subject (a known
name, an @handle that is not a bot, he/she/someone, or a role that is not also a software
word; not "I": a narrator's own account of what they did not do is testimony, like "we"),
and never when the sentence explains the omission by the system right after it ("because
none fired", "because the runbook said to wait", "per the runbook") or only says when
("until 10:40"). Names that are also words (Will, Grant, Mark, May) are not names here.

Every function looks at a bounded window (at most WINDOW tokens) around one index, so calling
them once per trigger token keeps a sentence scan linear.
"""

from __future__ import annotations

from pmcheck.language import lexicon as L
from pmcheck.language.people import is_handle, person_np_starting_at
from pmcheck.language.text import Token

WINDOW = 20  # tokens looked at before a coordinated predicate, or after an omission
_BE = frozenset("was were is are been be being".split())
_HAVE = frozenset("had has have".split())
_SENTENCE_STOPS = frozenset("; . ! ? :".split())
_REASONS = frozenset("because since per following".split())
_EXONERATING_OBJECTS = frozenset("anything".split())


def _low(tokens: list[Token], i: int) -> str:
    return tokens[i].low if 0 <= i < len(tokens) else ""


def is_adverb(word: str) -> bool:
    """"immediately", "properly" (but not "apply", "reply", "rely", "fly")."""
    return len(word) > 4 and word.endswith("ly") and not word.endswith(("ply", "rely"))


def ordinary_verb(tokens: list[Token], v: int) -> bool:
    """Is tokens[v] a verb naming an action someone could skip ("restart", "apply")?"""
    if not 0 <= v < len(tokens):
        return False
    tok = tokens[v]
    if not (tok.text[0].isalpha() and tok.text[0].islower()):
        return False
    low = tok.low
    if low in L.NEUTRAL_AFTER_NEGATION or low in L.CAPABILITY_VERBS or low in L.DETERMINERS:
        return False
    if low in L.NON_SUBJECT_BEFORE or low in L.CLAUSE_BOUNDARIES or low in L.RELATIVE_WORDS:
        return False
    return _low(tokens, v + 1) not in _EXONERATING_OBJECTS


def aspect_blocks(tokens: list[Token], k: int, participle: bool) -> bool:
    """Before "never" at k: a passive ("was never paged") is not something the subject did;
    a perfect ("had never deployed before") describes experience, not an omission."""
    for h in (k - 1, k - 2):
        low = _low(tokens, h)
        if low in _BE and participle:
            return True
        if low in _HAVE:
            return True
        if low not in L.BETWEEN_SUBJECT_AND_VERB:
            return False
    return False


def explained(tokens: list[Token], last: int, when: bool) -> bool:
    """Does the sentence, right after an omission ending at `last`, give a system reason
    ("because none fired", "because the runbook said to wait") or, with `when`, only a time
    ("didn't restart envoy until 10:40")? A reason about the person ("because he was asleep")
    is not a system reason. `when` is off for duties ("didn't escalate until four hours in"
    says the duty was late)."""
    for j in range(last + 1, min(len(tokens), last + 1 + WINDOW)):
        low = tokens[j].low
        if low in _SENTENCE_STOPS:
            return False
        if low == "until" and when:
            return True
        if low in _REASONS:
            s = j + 1 + (_low(tokens, j + 1) == "of")
            if s < len(tokens) and _possessive_person(tokens[s].low):
                return False
            return person_np_starting_at(tokens, s, strong=True) is None
    return False


def _possessive_person(low: str) -> bool:
    return low in ("his", "her", "their", "my") or (low.endswith("'s") and low[:-2] in
                                                    L.FIRST_NAMES)


def clear_person(tokens: list[Token], s: int, e: int) -> bool:
    """Is the person phrase tokens[s..e] surely a person, not a bot or a software component?"""
    head = tokens[e]
    low = head.low
    if is_handle(head):
        return not (low.endswith("bot") or "[bot]" in low or low.endswith("-bot"))
    if low in ("group", "groups", "department", "departments", "division"):
        return True  # a person phrase only with capitalised modifiers ("the Payroll group")
    if low in L.WEAK_PRONOUNS or low in L.AMBIGUOUS_HEADS or low == "i":
        return False  # "I ... didn't create any": the narrator's own account, as with "we"
    if low in L.MACHINE_LIKE_ROLES:
        return all(tokens[m].low in L.PERSON_MODIFIERS for m in range(s, e))
    return True


def _verbish(tokens: list[Token], i: int) -> bool:
    """Could tokens[i] be the verb right after a subject ("Dave rotated")?"""
    if not 0 <= i < len(tokens):
        return False
    tok = tokens[i]
    return (tok.text[0].isalpha() and tok.text[0].islower() and tok.low not in L.DETERMINERS
            and tok.low not in L.NON_SUBJECT_BEFORE and tok.low not in L.CLAUSE_BOUNDARIES
            and tok.low not in L.RELATIVE_WORDS)


def _boundary(tok: Token) -> bool:
    return (not (tok.text[0].isalpha() or tok.text[0] == "@") or tok.low in L.CLAUSE_BOUNDARIES
            or tok.low in L.RELATIVE_WORDS)


def coordinated_subject(tokens: list[Token], k: int, strong: bool) -> tuple[int, int] | None:
    """The subject a predicate at tokens[k] shares with an earlier clause: "Dave rotated the
    cert by hand and forgot ...", "... acknowledged the page, then failed to ...".

    Walks back at most WINDOW tokens over clauses without a subject of their own ("and
    reloaded nginx") to the clause that has one; gives up at a relative word ("the script that
    Dave ran ... and failed") or a clause whose subject is not a person.
    """
    c = k - 1
    while c >= 0 and k - c <= 3 and tokens[c].low in L.BETWEEN_SUBJECT_AND_VERB:
        c -= 1
    if c < 1 or tokens[c].low not in ("and", "but", ","):
        return None
    lo = max(-1, c - WINDOW)
    j = c - 1
    while j > lo:
        if not _boundary(tokens[j]):
            j -= 1
            continue
        found = _clause_subject(tokens, j + 1, c, strong)
        if found is not None or tokens[j].low not in ("and", "but", ",", "then"):
            return found if found != (-1, -1) else None
        j -= 1
    if j == -1:
        found = _clause_subject(tokens, 0, c, strong)
        return found if found != (-1, -1) else None
    return None


def _clause_subject(tokens: list[Token], start: int, c: int, strong: bool
                    ) -> tuple[int, int] | None:
    """(start, end) of the person subject opening the clause tokens[start:c]; (-1, -1) when
    the clause has a subject that is not a person (stop looking); None when it has none."""
    if start >= c:
        return None
    if start > 0 and tokens[start - 1].low in L.RELATIVE_WORDS:
        return -1, -1
    end = person_np_starting_at(tokens, start, strong=strong)
    if end is not None:
        v = end + 1
        while v < c and v <= end + 2 and tokens[v].low in L.BETWEEN_SUBJECT_AND_VERB:
            v += 1  # "Dave then rotated"
        if v < c and _verbish(tokens, v):
            return start, end
    first = tokens[start]
    if _verbish(tokens, start) and first.low not in L.NP_OPENERS:
        return None  # "and reloaded nginx": no subject of its own, look further back
    return -1, -1


def nothing_seen(tokens: list[Token], v: int) -> bool:
    """After a perception verb at v: "see any errors", "see the error rate drop" report what
    the system showed, not a missed signal."""
    if _low(tokens, v + 1) in L.NOTHING_SEEN:
        return True
    for j in range(v + 2, min(len(tokens), v + 6)):
        if tokens[j].low in L.CHANGE_VERBS:
            return True
        if not tokens[j].text[0].isalnum():
            return False
    return False
