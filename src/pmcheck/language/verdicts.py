"""Verdicts that end the inquiry at a person, found by their shape rather than by verb lists.

- A why-chain answered by a person: "Why did the pods run out of memory? Because Amir set the
  limit." A "because" that answers a why-question and has a person doing something as its
  subject stops the chain at that person; answers about systems ("Because the job had no
  supervisor") and people as recipients ("Because the engineer was never paged") stay silent.
- A person's act named as the cause: "andres ignoring the alert is why this got so bad", "our
  cto yolo-merging at midnight is the actual root cause", "the root cause was Felipe not
  testing his change", "Primary cause: Rangi's manual edit of /etc/hosts".
- A failure attributed to a group or role by a noun: "the failure of the Treasury team to
  follow ...", "a lapse in professional conduct by the systems administrator".

Each finder looks at a bounded window around one token, so a sentence scan stays linear.
"""

from __future__ import annotations

from pmcheck.language import lexicon as L
from pmcheck.language.grammar import Match, _is_past, _low
from pmcheck.language.omission import clear_person, explained
from pmcheck.language.people import lowercase_name, person_np_starting_at, possessive_person
from pmcheck.language.text import Token

_FILLERS = frozenset("frankly honestly simply basically again , — - as usual".split())
# After the person subject of a "because" answer: a passive or a state is no act.
_BE = frozenset("was were is are been being 's".split())
_STATE_AFTER_HAVE = frozenset("no not never n't only".split())
_NOT_ACTS = frozenset("""
was were is are had has have been being got gets received receives did does
""".split())


def why_answer_match(tokens: list[Token]) -> Match | None:
    """The sentence starts with "Because <person> <act>" (called when it answers a why), or
    is a numbered why-step "Why 2: (because) <person> <act>"."""
    if len(tokens) > 3 and tokens[0].low == "why" and tokens[1].text.isdigit() \
            and tokens[2].text in (":", "-", "\u2014"):
        s = 3 + (_low(tokens, 3) == "because")
    elif tokens and tokens[0].low == "because":
        s = 1
    else:
        return None
    while s < len(tokens) and s < 4 and tokens[s].low in _FILLERS:
        s += 1
    if s < len(tokens) and (tokens[s].low == "we" or tokens[s].text == "I"):
        e: int | None = s  # the writer or the team
    else:
        e = person_np_starting_at(tokens, s, strong=True)
        if e is None or tokens[e].low in ("they", "them", "it") or not clear_person(tokens, s, e):
            return None
    v = _skip_apposition(tokens, e + 1)
    while _low(tokens, v) in L.BETWEEN_SUBJECT_AND_VERB - _BE - {"had", "has", "have"} \
            or _low(tokens, v) in ("never", "always", "just", "really", "still"):
        v += 1
    if not _act(tokens, v):
        return None
    return Match(s, min(len(tokens) - 1, v), "person-failure", (s, e), "mistake")


def _skip_apposition(tokens: list[Token], v: int) -> int:
    """Past ", who owned the renewal," or ", Joana and Kamil," after a subject."""
    if _low(tokens, v) != ",":
        return v
    for j in range(v + 1, min(len(tokens), v + 10)):
        if tokens[j].text == ",":
            return j + 1
    return v


def _act(tokens: list[Token], v: int) -> bool:
    """Is tokens[v] the verb of something the subject did (not a passive, state or receipt)?"""
    if v >= len(tokens):
        return False
    tok = tokens[v]
    low = tok.low
    if not (tok.text[:1].isalpha() and tok.text[:1].islower()):
        return False
    if low in ("was", "were", "is", "are"):
        nxt = _low(tokens, v + 1)
        # "was lazy", "were rushing" are about the person; "was paged", "was on leave" not
        return nxt in _JUDGED_STATES
    if low in ("had", "has", "have"):
        nxt = _low(tokens, v + 1)
        return nxt not in _STATE_AFTER_HAVE and _is_past(nxt) and nxt not in ("been", "had")
    if low in _NOT_ACTS or low in L.DETERMINERS or low in L.NON_SUBJECT_BEFORE:
        return False
    if low in ("didn't", "doesn't", "couldn't", "wouldn't", "won't", "can't", "never"):
        return True
    return _is_past(low) or low in _PRESENT_ACTS or (low.endswith("s") and len(low) > 3
                                                      and not low.endswith("ss"))


_JUDGED_STATES = frozenset("""
lazy rushing careless impatient sloppy complacent distracted lax asleep negligent tired
""".split())
_PRESENT_ACTS = frozenset("set let put cut hit run ran did made went thought".split())


# ---------------------------------------------------------------------------------------
# A person's act named as the cause.

CAUSE_WORDS = frozenset("cause culprit reason problem why".split())
_CAUSE_LEADS = frozenset("root real actual primary main underlying whole proximate".split())
_GERUND_OBJECT_STOP = frozenset(". ; : ? ! ( )".split())
# After "is why" / "is the reason": an outcome that credits the act instead of blaming it.
_GOOD_OUTCOME = frozenset("""
stayed remained only limited small smaller minimal contained avoided prevented saved
recovered caught fast quickly quick under shorter short no nobody none resolved restored
""".split())
VERDICT_TRIGGERS = CAUSE_WORDS | frozenset({"=", "failure", "lapse"})


def verdict_match(tokens: list[Token], k: int) -> Match | None:
    """A person's act is named as the cause at tokens[k] ("cause", "why", "failure", ...)."""
    w = tokens[k].low
    if w in ("failure", "lapse"):
        return _failure_of(tokens, k)
    if w == "=" or w in CAUSE_WORDS and _copula_before(tokens, k):
        return _act_before(tokens, k)
    if w == "cause" and _low(tokens, k - 1) in _CAUSE_LEADS:
        return _act_after(tokens, k)
    return None


def _copula_before(tokens: list[Token], k: int) -> bool:
    """"... is why", "... was the root cause", "... is the real problem"."""
    j = k - 1
    while j >= 0 and k - j <= 4 and (tokens[j].low in _CAUSE_LEADS
                                     or tokens[j].low in ("the", "a", "what", "exactly")):
        j -= 1
    return j >= 0 and tokens[j].low in ("is", "was", "=", "'s")


def _act_before(tokens: list[Token], k: int) -> Match | None:
    """Read back from "is why" to the clause start: "<person> <gerund|verb> ..." there."""
    start = k - 1
    while start >= 0 and k - start <= 16 and tokens[start].text not in _GERUND_OBJECT_STOP \
            and tokens[start].low not in ("because", "but", "and", "so", "if", "when", "that"):
        start -= 1
    s = start + 1
    while s < k and (not tokens[s].text[0].isalnum() and tokens[s].text[0] != "@"
                     or tokens[s].low in ("gonna", "say", "it", "honestly", "hot", "take",
                                          "tbh", "imo", "frankly", "ultimately", "so")):
        s += 1
    if s >= k:
        return None
    subject = _person_act(tokens, s, k)
    if subject is None or any(t.low in _GOOD_OUTCOME for t in tokens[k + 1:k + 12]):
        return None  # "Kwabena's quick capacity add is the reason impact stayed small"
    return Match(subject[0], k, "person-failure", subject, "cause")


def _act_after(tokens: list[Token], k: int) -> Match | None:
    """"the root cause was Felipe not testing", "Primary cause: Rangi's manual edit"."""
    s = k + 1
    if _low(tokens, s) == "of":  # "the root cause of the outage was ..."
        while s < len(tokens) and s - k < 10 and tokens[s].low not in ("was", "is", ":"):
            s += 1
    if _low(tokens, s) not in ("was", "is", ":"):
        return None
    s += 1
    while _low(tokens, s) in (",", "bluntly", "simply", "plainly", "frankly", "honestly",
                              "that", "put"):
        s += 1
    subject = _person_act(tokens, s, min(len(tokens), s + 12))
    if subject is None:
        return None
    return Match(k, subject[1] + 1, "person-failure", subject, "cause")


def _person_act(tokens: list[Token], s: int, limit: int) -> tuple[int, int] | None:
    """A person doing something, starting at s: "<person>'s <noun>", "<person> <gerund>",
    "<person> not <gerund>", "<person> <past verb>"."""
    if s >= limit:
        return None
    tok = tokens[s]
    if tok.low.endswith(("'s", "\u2019s")) and possessive_person(tok) \
            and tok.low[:-2] not in ("it", "that", "what", "there", "here", "one"):
        nxt = _low(tokens, s + 1)
        return (s, s) if nxt[:1].isalpha() and nxt not in ("own",) else None
    e = person_np_starting_at(tokens, s, strong=True)
    if e is None and lowercase_name(tok) and _low(tokens, s + 1).endswith("ing"):
        e = s  # chat: "andres ignoring the alert is why ..."
    if e is None or e + 1 >= limit or tokens[e].low in ("it", "they", "them"):
        return None
    if not clear_person(tokens, s, e) and tokens[e].low not in ("we", "i"):
        return None
    v = e + 1
    if _low(tokens, v) == "not":
        v += 1
    nxt = tokens[v]
    if nxt.text[:1].islower() and (nxt.low.endswith("ing") or "-" in nxt.low and
                                   nxt.low.split("-")[-1].endswith("ing")):
        return s, e
    if _is_past(nxt.low) and nxt.text.islower() and nxt.low not in ("was", "were", "had"):
        return s, e
    return None


def _failure_of(tokens: list[Token], k: int) -> Match | None:
    """"the failure of the Treasury Engineering team to follow ...", "a lapse in professional
    conduct by the systems administrator", "a failure of ownership on the part of ..."."""
    j = k + 1
    if _low(tokens, j) == "of":
        e = person_np_starting_at(tokens, j + 1, span=7)
        if e is not None and _low(tokens, e + 1) == "to" and clear_person(tokens, j + 1, e):
            return Match(k, e + 1, "person-failure", (j + 1, e), "lapse")
        j += 2
    # "a lapse in professional conduct by X", "a failure of leadership on the part of X"
    for b in range(j, min(len(tokens) - 1, j + 5)):
        low = tokens[b].low
        if low == "by" or (low == "part" and _low(tokens, b - 1) == "the"
                           and _low(tokens, b + 1) == "of"):
            s = b + 1 + (low == "part")
            e = person_np_starting_at(tokens, s, span=7)
            if e is not None and clear_person(tokens, s, e):
                return Match(k, e, "person-failure", (s, e), "lapse")
            return None
        if tokens[b].text in _GERUND_OBJECT_STOP or tokens[b].text == ",":
            return None
    return None



# ---------------------------------------------------------------------------------------
# Responsibility placed on a person or group, and attitude cues about a person's act.

_PLACED = frozenset("rests rest rested lies lay falls fell sits sat".split())
_BLAME_NOUNS = frozenset("responsibility blame fault accountability".split())
_VERDICT_NOUNS = frozenset("fault problem doing mess".split())
# "as usual", "unsurprisingly": the writer's verdict on a person's habit, not a description.
ATTITUDE = frozenset("unsurprisingly predictably usual bless people".split())
PLACE_TRIGGERS = _PLACED | _VERDICT_NOUNS | {"attributable"} | ATTITUDE


def placed_match(tokens: list[Token], k: int) -> Match | None:
    """"Responsibility for the delay rests with the vendor's staff", "that fee is Lakshmi's
    problem", "attributable to insufficient care on the part of the DBA team", "The analytics
    team, as usual, hammered the primary"."""
    w = tokens[k].low
    if w in _PLACED:
        return _placed_with(tokens, k)
    if w in _VERDICT_NOUNS:
        h = k - 1
        if h >= 1 and possessive_person(tokens[h]) and tokens[h - 1].low in ("is", "was", "'s") \
                and tokens[h].low[:-2] not in ("it", "that", "what", "one", "everyone"):
            return Match(h, k, "person-failure", (h, h), "cause")
        return None
    if w == "attributable":
        return _attributed(tokens, k)
    return _attitude(tokens, k)


def _placed_with(tokens: list[Token], k: int) -> Match | None:
    if _low(tokens, k + 1) not in ("with", "on", "upon"):
        return None
    lead = next((j for j in range(k - 1, max(-1, k - 9), -1) if tokens[j].low in _BLAME_NOUNS),
                None)
    if lead is None or any(t.text in _GERUND_OBJECT_STOP for t in tokens[lead:k]):
        return None
    s = k + 2
    if _low(tokens, s) == "whoever":
        return Match(lead, s, "person-failure", (s, s), "cause")
    e = person_np_starting_at(tokens, s, span=7)
    if e is None and s < len(tokens) and possessive_person(tokens[s]):
        e = s
    if e is None or not clear_person(tokens, s, e):
        return None
    return Match(lead, e, "person-failure", (s, e), "cause")


def _attributed(tokens: list[Token], k: int) -> Match | None:
    """"attributable to <X> by|of|on the part of <person>" or "to <person>'s <noun>"."""
    if _low(tokens, k + 1) != "to":
        return None
    for b in range(k + 2, min(len(tokens), k + 12)):
        tok = tokens[b]
        if tok.text in _GERUND_OBJECT_STOP or tok.text == ",":
            return None
        if possessive_person(tok) and tok.low[:-2] not in ("it", "that", "one"):
            return Match(k, b, "person-failure", (b, b), "cause")
        if tok.low in ("by", "of") or (tok.low == "part" and _low(tokens, b + 1) == "of"):
            s = b + 1 + (tok.low == "part")
            e = person_np_starting_at(tokens, s, span=7)
            if e is not None and clear_person(tokens, s, e):
                return Match(k, e, "person-failure", (s, e), "cause")
    return None


def _attitude(tokens: list[Token], k: int) -> Match | None:
    w = tokens[k].low
    if w == "usual" and _low(tokens, k - 1) != "as":
        return None
    if w == "people" and (_low(tokens, k - 1) != "all" or _low(tokens, k - 2) != "of"):
        return None
    if w == "bless" and _low(tokens, k + 1) not in ("her", "him", "them", "his", "their"):
        return None
    from pmcheck.language.cues import _subject_at  # the clause reader of the cue finder

    # ", as usual," between subject and verb: read the clause without the aside
    a = next((j for j in range(k - 1, max(-1, k - 4), -1) if tokens[j].text == ","), None)
    b = next((j for j in range(k + 1, min(len(tokens), k + 4)) if tokens[j].text == ","), None)
    index = list(range(len(tokens)))
    if a is not None and b is not None:
        index = index[:a] + index[b + 1:]
        tokens = [tokens[j] for j in index]
        k = a
    n = len(tokens)
    starts = [0] + [j + 1 for j in range(max(0, k - 14), min(n - 1, k + 8))
                    if tokens[j].text in (",", ";", ":", "-", "\u2014") or tokens[j].low in
                    ("and", "but", "then", "so")]
    for s in starts:
        while s < n and (not tokens[s].text[0].isalnum() and tokens[s].text[0] != "@"):
            s += 1
        if s >= n or abs(s - k) > 14:
            continue
        subject = _subject_at(tokens, s, min(n, s + 12))
        if subject is not None and tokens[subject[1]].low not in ("we", "i", "they"):
            first, last = index[subject[0]], index[subject[1]]
            cue = index[min(k, n - 1)]
            return Match(min(cue, first), max(cue, last), "person-failure", (first, last),
                         "mistake")
    return None


# ---------------------------------------------------------------------------------------
# A person's act as the agent of a bad outcome: "rafa's tiny css fix took down checkout",
# "Ms. Takahashi's decision to restart the engine extended the disruption", "the support
# engineer who closed the ticket delayed our response by a day".

_OUTCOME = frozenset("""
took broke wiped nuked corrupted extended prolonged compounded worsened caused triggered
delayed contributed led
""".split())
_PARTICLE = {"took": ("down", "out"), "contributed": ("to", "materially", "directly"),
             "led": ("to", "directly")}
OUTCOME_TRIGGERS = _OUTCOME
_CLAUSE_STOPS = frozenset(". ; : ? ! ( ) , because since so which that while when after "
                          "before if but although though until whereas".split())


def outcome_match(tokens: list[Token], k: int) -> Match | None:
    w = tokens[k].low
    if w in _PARTICLE and _low(tokens, k + 1) not in _PARTICLE[w]:
        return None
    if w == "took" and _low(tokens, k + 2) in ("time", "minutes", "hours", "long"):
        return None
    start = k - 1
    while start >= 0 and k - start <= 14 and tokens[start].low not in _CLAUSE_STOPS:
        start -= 1
    if k - start > 14 or explained(tokens, k + 1, when=False):
        return None  # "... broke the page because the schema had changed": a system reason
    s = start + 1
    while s < k and (not tokens[s].text[0].isalnum() and tokens[s].text[0] != "@"
                     or tokens[s].low in ("thx", "thanks", "to")):
        s += 1
    if s >= k - 1:
        return None
    tok = tokens[s]
    if tok.low.endswith(("'s", "\u2019s")) and (possessive_person(tok) or lowercase_name(
            Token(tok.start, tok.end - 2, tok.text[:-2], tok.low[:-2]))) \
            and tok.low[:-2] not in ("it", "that", "what", "there", "here", "one", "everyone"):
        return Match(s, k, "person-failure", (s, s), "cause")
    if tok.low in ("his", "her", "their"):
        return None  # whose? the antecedent is out of view
    e = person_np_starting_at(tokens, s)
    if e is not None and e + 1 < k and tokens[e + 1].low in ("who", "whose") \
            and clear_person(tokens, s, e):
        return Match(s, k, "person-failure", (s, e), "cause")  # "the engineer who closed ..."
    return None


# ---------------------------------------------------------------------------------------
# Sarcastic praise: "Great job, Cormac — deleting the prod bucket ...", "Well done to whoever
# decided that alerting was optional", "Nice of @marta.lis to test ... on the production
# gateway". Praise that opens the sentence, names a person and then a harmful or reckless act.

_PRAISE = {("great", "job"), ("great", "work"), ("good", "job"), ("nice", "work"),
           ("well", "done"), ("nice", "of"), ("nice", "one"), ("bravo", ","), ("kudos", "to")}
PRAISE_TRIGGERS = frozenset(a for a, _b in _PRAISE)
_HARM = frozenset("""
taking took deleting deleted breaking broke wiping wiped dropping dropped nuking nuked killing
prod production optional idea friday
""".split())


def praise_match(tokens: list[Token], k: int) -> Match | None:
    if k > 1 or (tokens[k].low, _low(tokens, k + 1)) not in _PRAISE:
        return None
    for s in range(k + 2, min(len(tokens), k + 5)):
        if tokens[s].low in (",", "to", "\u2014", "-"):
            continue
        e = person_np_starting_at(tokens, s, strong=True)
        if tokens[s].low == "whoever":
            e = s
        if e is None:
            return None
        if any(t.low in _HARM for t in tokens[e + 1:e + 16]):
            return Match(k, e, "person-failure", (s, e), "mistake")
        return None
    return None
