"""Recognise a noun phrase that names a person: @handle, name, role, team or pronoun.

All functions look at a bounded number of tokens around one index (at most a handful), so
calling them once per token keeps a sentence scan linear.
"""

from __future__ import annotations

from pmcheck.language.lexicon import (
    AMBIGUOUS_HEADS, DETERMINERS, FIRST_NAMES, NON_SUBJECT_BEFORE, NOT_NAMES, PERSON_MODIFIERS,
    PERSON_PRONOUNS, ROLE_HEADS, WEAK_PRONOUNS,
)
from pmcheck.language.text import Token
from pmcheck.language.words import is_english

MAX_MODIFIERS = 4


def _is_word(tok: Token) -> bool:
    return tok.text[0].isalnum() or tok.text[0] == "@"


def _is_capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def is_handle(tok: Token) -> bool:
    return tok.text.startswith("@") and len(tok.text) > 1


# Names the document itself gives: people (metadata Author/Responders/Reviewers/Facilitator,
# action owners, "Name (@handle)") and systems (words of its headings). Set by
# :func:`document_context` for the length of one scan.
CONTEXT: dict[str, frozenset[str]] = {"people": frozenset(), "systems": frozenset()}


def _is_name(tok: Token) -> bool:
    """A given name: one the document names as a person, a known one, or a capitalised word
    that is no English word, no system name (in general or in this document) and no acronym
    ("Oluwaseun", "Siobhan", "Ruairí"; not "Kubernetes", "Redis")."""
    if not _is_capitalised(tok):
        return False
    low = tok.low
    if low in CONTEXT["people"] or low in FIRST_NAMES:
        return True
    if low in CONTEXT["systems"]:
        return False
    if low in NOT_NAMES or low in ROLE_HEADS or low in AMBIGUOUS_HEADS or not tok.text[1:].islower():
        return False
    return low.isalpha() and len(low) > 2 and low not in _systems() and not is_english(low)


def lowercase_name(tok: Token) -> bool:
    """A name written in lower case, as in chat ("andres", "kenta"): a lower-case word that is
    no English word, no system name and no chat abbreviation. Weak evidence: callers use it
    only where the grammar already demands a person (a gerund named as the cause)."""
    low = tok.text
    return (low.isalpha() and low.islower() and len(low) > 2 and low not in NOT_NAMES
            and low not in _CHAT_WORDS and not low.endswith(_WORD_ENDINGS)
            and low not in _systems() and not is_english(low))


# Endings of English nouns, verbs and adjectives the word list may not hold in that form
# ("scheduler", "autoscaling"): such a word is no name.
_WORD_ENDINGS = ("er", "or", "ers", "ing", "tion", "ment", "ness", "ity", "ism", "able", "ible",
                 "ful", "less", "ous", "ive", "ize", "ise", "ed", "ly", "ware", "bot")


_CHAT_WORDS = frozenset("""
lol lmao lmaooo tbh tbf imo imho idk ngl fwiw btw pls plz thx tho ofc smh afaik iirc tldr
ppl gonna wanna gotta kinda sorta shoulda coulda woulda yolo
""".split())


def _systems() -> frozenset[str]:
    from pmcheck.language.model import SYSTEM_NAMES

    return SYSTEM_NAMES


def _head_kind(tok: Token, strong: bool) -> str | None:
    """'single' (the head is the whole phrase), 'role', 'ambiguous' or None."""
    if tok.low.endswith("'s"):
        return None  # a possessive modifies the real head ("@alice's change")
    if is_handle(tok):
        return "single"
    if tok.low in PERSON_PRONOUNS:
        if tok.low == "i" and tok.text != "I":
            return None
        return "single"
    if strong and tok.low in WEAK_PRONOUNS:
        return "single"
    if _is_name(tok):
        return "single"
    if tok.low in ROLE_HEADS:
        return "role"
    if tok.low in AMBIGUOUS_HEADS:
        if tok.low == "ic" and tok.text != "IC":
            return None
        return "ambiguous"
    return None


def person_np_ending_at(tokens: list[Token], h: int, *, strong: bool = False,
                        check_before: bool = True, lower: bool = False) -> int | None:
    """Start index of a person noun phrase whose last token is tokens[h], else None.

    `strong` accepts weaker evidence (the pronoun "they", an unknown capitalised name): use it
    only with verbs that a system cannot do ("forgot"); `lower` also accepts a name typed in
    lower case (chat: "diego forgot"). `check_before` rejects a phrase that is
    the object of a preposition or of a gerund ("sent to the engineer", "paging the engineer").
    """
    if h < 0 or h >= len(tokens):
        return None
    head = tokens[h]
    kind = _head_kind(head, strong)
    start: int | None = None
    if kind == "single":
        start = h
        if h > 0 and _is_name(tokens[h - 1]) and _is_capitalised(head) and not is_handle(head):
            start = h - 1
    elif kind is None and _is_capitalised(head) and h > 0 and _is_name(tokens[h - 1]):
        start = h - 1  # "Alice Chen"
    elif kind is None and strong and _is_capitalised(head) and head.text[1:].islower() \
            and head.low not in NOT_NAMES and head.low not in DETERMINERS:
        start = h  # an unknown name with a person-only verb ("Priya forgot")
    elif kind is None and lower and head.text.islower() and (
            lowercase_name(head) or head.low in FIRST_NAMES) and (
            h == 0 or not tokens[h - 1].text.isalpha() or tokens[h - 1].low in _CLAUSE_WORDS
            or tokens[h - 1].low in _CHAT_WORDS or tokens[h - 1].low in ("honestly", "ok")):
        start = h  # a name typed in lower case, as in chat, with a person-only verb (a name
        # takes no determiner or adjective: "the scheduler neglected" is no person)
    elif kind in ("role", "ambiguous"):
        start = _role_phrase_start(tokens, h, ambiguous=(kind == "ambiguous"))
    if start is None:
        return None
    if start >= 2 and tokens[start - 1].low == "of" and tokens[start - 2].low in _PARTITIVES:
        start -= 2  # "one of the engineers"
    if check_before and start > 0 and not _subject_position(tokens[start - 1]):
        return None
    return start


def _role_phrase_start(tokens: list[Token], h: int, *, ambiguous: bool) -> int | None:
    """Walk back over modifiers to the determiner; None when the phrase is not a person."""
    team = tokens[h].low == "team"
    org = tokens[h].low in _ORG_HEADS
    j = h - 1
    mods: list[int] = []
    while j >= 0 and len(mods) < MAX_MODIFIERS:
        tok = tokens[j]
        if not _is_word(tok) and tok.text != "-":
            break
        if tok.low in DETERMINERS:
            if ambiguous and any(tokens[m].low not in PERSON_MODIFIERS for m in mods) \
                    and not (org and all(_is_capitalised(tokens[m]) for m in mods)):
                return None  # "the consumer group"; but "the Customer Communications group"
            return j
        if tok.low in NON_SUBJECT_BEFORE:
            break
        mods.append(j)
        j -= 1
    # No determiner: keep only the modifiers that are clearly part of a person phrase.
    start = h
    for m in mods:  # nearest first
        tok = tokens[m]
        if tok.low in PERSON_MODIFIERS or ((team or org) and _is_capitalised(tok)):
            start = m
        else:
            break
    if org and start == h:
        return None  # a bare "group" or "department" names no one
    if ambiguous and start == h and h > 0 and _is_word(tokens[h - 1]) \
            and tokens[h - 1].low not in _CLAUSE_WORDS:
        return None  # "the write ops", "Kubernetes operator" without determiner
    return start


_ORG_HEADS = frozenset("group groups department departments division".split())
_PARTITIVES = frozenset("one two three some several many most each either neither".split())

# Words after which a new clause (and so a subject) may start.
_CLAUSE_WORDS = frozenset("""
and but because since when while after before so then as once until that where though
although if whereas unless yet or also which who later finally eventually meanwhile however
""".split())


def _subject_position(prev: Token) -> bool:
    """May a subject start right after `prev`?"""
    low = prev.low
    if low in NON_SUBJECT_BEFORE or low.endswith("'s"):
        return False
    if low.endswith("ing") and low not in _CLAUSE_WORDS and low not in ("during", "morning",
                                                                         "evening"):
        return False
    return True


def person_np_starting_at(tokens: list[Token], s: int, *, strong: bool = False,
                          span: int = 6) -> int | None:
    """End index of a person noun phrase that starts exactly at tokens[s], else None."""
    best = None
    for e in range(s, min(len(tokens), s + span)):
        if not _is_word(tokens[e]):
            break
        if person_np_ending_at(tokens, e, strong=strong, check_before=False) == s:
            best = e  # keep the longest: "the on-call" < "the on-call engineer"
    return best


def possessive_person(tok: Token) -> bool:
    """Is `tok` a possessive of a person ("engineer's", "@alice's", "Bob's", "someone's")?"""
    low = tok.low
    if not low.endswith("'s") and not low.endswith("s'"):
        return False
    base_text = tok.text[:-2]
    base = Token(tok.start, tok.end - 2, base_text, base_text.lower())
    return _head_kind(base, strong=False) in ("single", "role", "ambiguous")
