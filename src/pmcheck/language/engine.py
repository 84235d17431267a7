"""The blame engine: sentences in, Hits out. Lexicons compile once, at import."""

from __future__ import annotations

import re
from dataclasses import dataclass
from bisect import bisect_left, bisect_right
from functools import lru_cache

from pmcheck import docscope
from pmcheck.language import (
    cues, grammar, hindsight, lexicon as L, model as learned, questions, verdicts,
)
from pmcheck.language.patterns import PhraseIndex, compile_pattern, literal_pattern
from pmcheck.language.people import (
    CONTEXT, person_np_ending_at, person_np_starting_at,
)
from pmcheck.language.phrases import BLAME_PHRASES
from pmcheck.language.words import is_english
from pmcheck.language.text import Token, mask_code, quoted_spans, sentences, tokenize


@dataclass(frozen=True)
class Hit:
    start: int  # character offsets into the text given to scan()
    end: int
    kind: str  # "blame-word" | "person-failure" | "counterfactual" | "blame-question"
    phrase: str  # the text matched, as written
    message: str  # why it is a problem, one sentence
    hint: str  # the systemic reframing
    subject: str = ""  # the person phrase, when the hit has one


_MESSAGES = {
    "person-failure": "\"{subject}\" ({evidence}) is the subject of a failure (\"{cue}\"): the "
                      "sentence explains the incident by what a person did wrong, not by what "
                      "allowed it.",
    "counterfactual": "\"{phrase}\" is a counterfactual aimed at {evidence}: it judges with "
                      "hindsight instead of describing what happened.",
    "why-answer": "The why-chain stops at \"{subject}\" ({evidence}) doing something: the "
                  "answer names a person instead of asking what made the action easy.",
    "blame-question": "\"{phrase}\" asks who failed, which invites defence instead of learning.",
    "extra": "\"{phrase}\" is on this project's list of blame phrases (blame.extra).",
}
_HINTS = {
    "missed": "Ask what made the signal easy to miss: e.g. \"the alert went to a channel with 47 "
              "other alerts that week, 60% of them noise\".",
    "lapse": "Ask what the process relied on memory or diligence for: e.g. \"the runbook step "
             "was manual and nothing in the deploy tool enforced it\".",
    "omission": "Ask what made the step easy to skip and nothing noticed it was skipped: e.g. "
                "\"the cert rotation runbook has no restart step and no check that envoy "
                "loaded the new cert\".",
    "risky": "Ask what allowed the risky action: e.g. \"the migration tool runs without "
             "requiring a backup or a second reviewer\".",
    "cause": "Ask which change triggered the failure and which safeguard did not stop it: "
             "e.g. \"the release went out with no canary stage\".",
    "mistake": "Ask what made the mistake easy to make and hard to notice: e.g. \"prod and "
               "staging share one kubeconfig context name\".",
    "hindsight": "Describe what the person knew and saw at the time, and what would have made "
                 "the better action the easy one: e.g. \"the dashboard did not show replica "
                 "lag\".",
    "why": "Keep asking why past the person: what made the action possible, likely and hard "
           "to notice? e.g. \"the chart has no lower bound for memory and the diff showed "
           "only 512Mi\".",
    "question": "Ask a systemic question instead: \"What conditions made this possible?\" or "
                "\"What information did the on-call engineer have at the time?\"",
    "extra": "Describe the system conditions instead; remove the phrase from blame.extra in "
             ".pmcheck.yml if it is fine for your team.",
}


def _build_phrase_index() -> PhraseIndex:
    index = PhraseIndex()
    for pattern, kind, message, hint, guards in BLAME_PHRASES:
        index.add(compile_pattern(pattern), (kind, message, hint, guards))
    return index


_PHRASES = _build_phrase_index()


def _accept_phrase(tokens: list[Token], i: int, j: int, payload,
                   words: list[frozenset[str]]) -> bool:
    guards = payload[3]
    nxt = tokens[j + 1].low if j + 1 < len(tokens) else ""
    if nxt in guards.get("unless_next", ()):
        return False
    near = {t.low for t in tokens[max(0, i - 4):i]}
    if guards.get("mitigable") and near & L.MITIGATING_BEFORE:
        return False
    wider = {t.low for t in tokens[max(0, i - 6):i]}
    if wider & guards.get("unless_prev", frozenset()):
        return False
    if guards.get("after_person") and person_np_ending_at(tokens, i - 1, strong=True) is None:
        return False
    if guards.get("no_thing_subject") and _thing_subject(tokens, i):
        return False
    if guards.get("person_after") and (j + 1 >= len(tokens) or (
            person_np_starting_at(tokens, j + 1) is None
            and tokens[j + 1].low not in ("whoever", "me", "us", "him", "her", "them"))):
        return False  # "the fault lies with the storage driver" blames no one
    if guards.get("named_after") and not (j + 1 < len(tokens) and (
            tokens[j + 1].low in ("the", "whoever") or tokens[j + 1].text[:1] == "@"
            or (tokens[j + 1].text[:1].isupper() and tokens[j + 1].text[1:].islower()))):
        return False  # "the outage is on Valentina|@val|the growth team", not "on dev", "on us"
    sentence_guard = guards.get("unless_sentence")
    if not sentence_guard:
        return True
    if not words:  # the sentence's word set, computed once per sentence and only when needed
        words.append(frozenset(t.low for t in tokens))
    return not (sentence_guard & words[0])


def _thing_subject(tokens: list[Token], i: int) -> bool:
    """Is the subject right before tokens[i] (past "did", "was", "also"...) not a person?"""
    h = i - 1
    while h >= 0 and i - h <= 4 and tokens[h].low in L.AUXILIARIES:
        h -= 1
    if h >= 0 and tokens[h].text == ")":  # "Bob (the on-call) was not paying attention"
        opener = next((o for o in range(h - 1, max(-1, h - 9), -1) if tokens[o].text == "("), -1)
        h = opener - 1 if opener > 0 else h
    if h < 0 or tokens[h].low in L.CLAUSE_OPENERS:
        return False  # no subject in view: "not paying attention", "tired and not paying ..."
    if not tokens[h].text[0].isalpha():
        # a quoted name or code span is a thing; a dash, colon or time opens a fragment
        return tokens[h].text in _THING_ENDS
    return person_np_ending_at(tokens, h, strong=True) is None


_THING_ENDS = frozenset("\" ' \u201d \u2019 ) ] \u27e8code\u27e9".split())


@lru_cache(maxsize=64)
def _user_index(phrases: tuple[str, ...]) -> PhraseIndex:
    index = PhraseIndex()
    for phrase in phrases:
        index.add(literal_pattern(phrase), phrase)
    return index


def _is_question(tokens: list[Token], text: str) -> bool:
    if "?" in text:
        return True
    words = [t for t in tokens[:4] if t.text[0].isalpha()]
    return bool(words) and words[0].low in ("who", "whose", "why", "how")


def _sentence_matches(tokens: list[Token], text: str,
                      meter: list[int] | None) -> list[tuple[int, int, str, str, str, str]]:
    """(first token, last token, kind, message, hint, subject) for one sentence."""
    found = []
    words: list[frozenset[str]] = []

    def accept(toks: list[Token], i: int, j: int, payload) -> bool:
        return _accept_phrase(toks, i, j, payload, words)

    for i, j, (kind, message, hint, _g) in _PHRASES.find(tokens, meter, accept):
        phrase = text_between(tokens, i, j, text)
        found.append((i, j, kind, message.format(phrase=phrase), hint, ""))
    question = _is_question(tokens, text)
    n = len(tokens)
    for k, tok in enumerate(tokens):
        if meter is not None:
            meter[0] += 1
        low = tok.low
        match = None
        if low in grammar.CLAUSE_TRIGGERS:
            match = grammar.clause_match(tokens, k)
        if match is None and low in hindsight.CONDITIONAL_TRIGGERS:
            match = hindsight.conditional_match(tokens, k)
        if match is None and ((k + 1 < n and tokens[k + 1].low in grammar.AGENT_NEXT)
                              or low.endswith("'s")):
            match = grammar.agent_match(tokens, k)
        if match is None and low in cues.CUE_TRIGGERS:
            match = cues.cue_match(tokens, k)
        if match is None and question and low in questions.QUESTION_TRIGGERS:
            match = questions.question_match(tokens, k)
        if match is None and low in verdicts.VERDICT_TRIGGERS:
            match = verdicts.verdict_match(tokens, k)
        if match is None and low in verdicts.PLACE_TRIGGERS:
            match = verdicts.placed_match(tokens, k)
        if match is None and low in verdicts.OUTCOME_TRIGGERS:
            match = verdicts.outcome_match(tokens, k)
        if match is None and k < 2 and low in verdicts.PRAISE_TRIGGERS:
            match = verdicts.praise_match(tokens, k)
        if match is None:
            continue
        subject = text_between(tokens, *match.subject, text) if match.subject else ""
        if subject.lower().endswith(("'s", "\u2019s")):
            subject = subject[:-2]
        phrase = text_between(tokens, match.first, match.last, text)
        cue = text_between(tokens, max(match.first, match.subject[1] + 1 if match.subject
                                       else match.first), match.last, text)
        message = _MESSAGES[match.kind].format(phrase=" ".join(phrase.split()),
                                               subject=" ".join(subject.split()),
                                               evidence=_evidence(tokens, match.subject),
                                               cue=" ".join(cue.split()) or phrase)
        found.append((match.first, match.last, match.kind, message, _HINTS[match.reason],
                      subject))
    return found


def _evidence(tokens: list[Token], subject: tuple[int, int] | None) -> str:
    """What made the subject a person, in a few words ("an @handle", "a role", ...)."""
    if subject is None:
        return "a person"
    head = tokens[subject[1]]
    low = head.low[:-2] if head.low.endswith("'s") else head.low
    if head.text.startswith("@"):
        return "an @handle"
    if low in ("we", "i"):
        return "the writer or the team (self hindsight)"
    if low in L.PERSON_PRONOUNS or low in L.WEAK_PRONOUNS:
        return "a pronoun for a person"
    if low in L.GROUP_NOUNS:
        return "a team"
    if low in L.ROLE_HEADS or low in L.AMBIGUOUS_HEADS:
        return "a role"
    if low in CONTEXT["people"]:
        return "a person this document names"
    if low in L.FIRST_NAMES:
        return "a given name"
    return "a name: a capitalised word that is no English word or system"


def text_between(tokens: list[Token], i: int, j: int, text: str) -> str:
    base = tokens[0].start if tokens else 0
    return text[tokens[i].start - base:tokens[j].end - base]


class _SentenceContext:
    """Facts about one sentence computed once, so each hit is filtered in constant time."""

    def __init__(self, tokens: list[Token], quotes: list[tuple[int, int]],
                 allowed: list[tuple[int, int]]):
        self.tokens = tokens
        self.meta_total = sum(t.low in L.META_CUES for t in tokens) + sum(
            (a.low, b.low) in _META_PAIRS for a, b in zip(tokens, tokens[1:]))
        words = [t for t in tokens if t.text[0].isalnum() or t.text in _CROSSES]
        first = tokens.index(words[0]) if words else -1
        self.labelled = bool(words) and words[0].low in L.COUNTER_EXAMPLE_LABELS and (
            words[0].text in _CROSSES
            or (first + 1 < len(tokens) and tokens[first + 1].text in ":-\u2014"))
        self.quotes = quotes
        self.quote_starts = [q[0] for q in quotes]
        cue_starts = [t.start for t in tokens if t.low in L.COUNTER_EXAMPLE_CUES]
        self.cue_starts = cue_starts
        self.allowed = [False] * len(tokens)
        for a, b in allowed:
            for k in range(a, b + 1):
                self.allowed[k] = True

    def meta(self, i: int, j: int) -> bool:
        """Does the sentence discuss blame as a concept (outside tokens i..j)?"""
        inside = sum(t.low in L.META_CUES for t in self.tokens[i:j + 1])
        return self.meta_total - inside > 0

    def is_allowed(self, i: int, j: int) -> bool:
        return any(self.allowed[i:j + 1])

    def mentioned(self, start: int, end: int, chunk: str) -> bool:
        """Is [start, end) inside a quotation that the sentence talks about ("\"Why didn't you
        check?\" puts people on the defensive"), rather than a question the sentence asks?"""
        q = bisect_right(self.quote_starts, start) - 1
        if q < 0 or not (self.quotes[q][0] <= start and end <= self.quotes[q][1]):
            return False
        qs, qe = self.quotes[q]
        outside = chunk[:qs] + chunk[qe:]
        return sum(c.isalpha() for c in outside) > 12

    def counter_example(self, start: int, end: int) -> bool:
        """Is [start, end) quoted as a counter-example, or in a sentence labelled as one?"""
        if self.labelled:
            return True
        q = bisect_right(self.quote_starts, start) - 1
        if q < 0 or not (self.quotes[q][0] <= start and end <= self.quotes[q][1]):
            return False
        qs, qe = self.quotes[q]
        inside = bisect_left(self.cue_starts, qe) - bisect_left(self.cue_starts, qs)
        return len(self.cue_starts) - inside > 0


_CROSSES = "\u274c\u2717\u2718"
# "Human error is where the investigation starts, not where it ends", "... is a starting
# point, not a conclusion": the blame word is discussed, not used.
_META_PAIRS = frozenset({("not", "where"), ("starting", "point"), ("a", "conclusion"),
                         ("the", "conclusion"), ("not", "a"), ("is", "where"),
                         ("symptom", "of"), ("words", "like"), ("terms", "like"),
                         ("no", "place")})


# Sentences analysed since import (a test checks that a document is read once, not per rule).
ANALYSED = [0]


def scan(text: str, *, allow=(), extra=(), model: bool = True,
         context: tuple[frozenset[str], frozenset[str]] | None = None,
         _meter: list[int] | None = None) -> list["Hit"]:
    """Blame hits in `text`; `context` is (people, systems) named by the document (lower
    case), see :func:`document_context`. Other arguments as in :func:`_scan`."""
    if context is None:
        return _scan(text, allow, extra, model, _meter)
    saved = dict(CONTEXT)
    CONTEXT["people"], CONTEXT["systems"] = context
    try:
        return _scan(text, allow, extra, model, _meter)
    finally:
        CONTEXT.update(saved)


_NAME_HANDLE = re.compile(r"\b([A-Z][\w'\u2019-]+)(?: [A-Z][\w'\u2019-]+)? \(@[\w.-]+\)")
_PEOPLE_KEYS = frozenset("author reviewers responders facilitator incident-owner".split())


def document_context(metadata_values, owners, texts, headings
                     ) -> tuple[frozenset[str], frozenset[str]]:
    """(people, systems) a document names: words of its people metadata values and action
    owners, names written "Name (@handle)"; capitalised words of its headings as systems."""
    people: set[str] = set()
    for value in list(metadata_values) + list(owners):
        for word in re.findall(r"[A-Z][\w'\u2019-]+", value or ""):
            people.add(word.lower())
    for text in texts:
        if "(@" in text:
            for m in _NAME_HANDLE.finditer(text):
                people.update(w.lower() for w in m.group(0).split(" (@")[0].split())
    systems = {w.lower() for h in headings for w in re.findall(r"\b[A-Z][\w-]+", h)} - people
    # Keep only what changes a judgement: a person whose name is also a word ("Grace", "Will")
    # and a system whose name is not (a product called "Hellman"). Usually both are empty, so
    # documents share the cross-document memo of the blame rules.
    people = {w for w in people if w not in L.FIRST_NAMES and is_english(w)}
    systems = {w for w in systems if w.isalpha() and w not in learned.SYSTEM_NAMES
               and w not in L.FIRST_NAMES and not is_english(w)}
    return frozenset(people), frozenset(systems)


def _scan(text: str, allow, extra, model: bool, _meter: list[int] | None) -> list["Hit"]:
    """Blame hits in `text` (prose; inline code spans are ignored), sorted by offset.

    `allow`: phrases never flagged (a hit overlapping one is dropped). `extra`: phrases always
    flagged as blame words. `model`: also score the sentences no rule flagged with the learned
    model (:mod:`~pmcheck.language.model`). `_meter`, when given, counts matching steps (for
    linearity tests).
    """
    masked = mask_code(text)
    allow_index = _user_index(tuple(allow)) if allow else None
    extra_index = _user_index(tuple(extra)) if extra else None
    hits: list[Hit] = []
    asked: list[Hit] = []  # "who ...?" hits of the previous sentence, dropped if answered
    last_hits: list[Hit] = []
    last_questions: list[Hit] = []
    last_start = 0
    why = False  # the previous sentence asked "why ...?"
    for s_start, s_end in sentences(masked):
        chunk = masked[s_start:s_end]
        tokens, found = _analyse(chunk, model, _meter)
        if not tokens:
            continue
        if (why and tokens[0].low == "because") or (tokens[0].low == "why" and len(tokens) > 2
                                                    and tokens[1].text.isdigit()):
            found = _why_answer(tokens, chunk, found)
        why = chunk.rstrip().endswith("?") and any(t.low == "why" for t in tokens)
        if tokens[0].low == "because" and not found and last_questions:
            asked = last_questions  # "Why did nobody notice? Because the dashboard ...": the
            # question is a step of a why-chain, answered by the system
        if asked and "?" not in chunk and (tokens[0].text[:1].isupper() or tokens[0].text[:1].isdigit()):
            # "Who approved the change? Two reviewers, as the policy requires.": answered
            del hits[last_start:]  # only the previous sentence's hits: bounded work
            hits.extend(h for h in last_hits if h not in asked)
        asked = []
        last_questions = []
        last_start = len(hits)
        last_hits = []
        if extra_index is not None:
            found = list(found)
            for i, j, phrase in extra_index.find(tokens, _meter):
                found.append((i, j, "extra", _MESSAGES["extra"].format(phrase=" ".join(phrase.split())),
                               _HINTS["extra"], ""))
        if not found:
            continue
        allowed = [(i, j) for i, j, _p in (allow_index.find(tokens) if allow_index else [])]
        ctx = _SentenceContext(tokens, quoted_spans(chunk), allowed)
        for i, j, kind, message, hint, subject in _dedupe(found):
            start, end = tokens[i].start, tokens[j].end  # offsets within the sentence
            if ctx.is_allowed(i, j) or ctx.counter_example(start, end):
                continue
            if kind == "blame-word" and ctx.meta(i, j):
                continue
            if kind == "blame-question" and ctx.mentioned(start, end, chunk):
                continue
            kind = "blame-word" if kind == "extra" else kind
            start, end = start + s_start, end + s_start
            hit = Hit(start, end, kind, text[start:end], message, hint, subject)
            hits.append(hit)
            last_hits.append(hit)
            if kind == "blame-question":
                last_questions.append(hit)
                if tokens[i].low == "who":
                    asked.append(hit)
    return hits


_HINDSIGHT = frozenset("should could would had if".split())
_PERSON_START = frozenset("i we he she they".split())


def _learned_match(tokens: list[Token], text: str) -> tuple | None:
    """A whole-sentence match when the learned model scores the sentence as blame."""
    if not learned.person_led(tokens):
        return None
    feats = learned.features(tokens, set())
    p = learned.score(feats)
    if p < learned.threshold():
        return None
    lows = {t.low for t in tokens}
    if _is_question(tokens, text):
        kind, reason = "blame-question", "question"
    elif lows & _HINDSIGHT and lows & {"have", "had"}:
        kind, reason = "counterfactual", "hindsight"
    else:
        kind, reason = "person-failure", "mistake"
    cues = ", ".join(f"\"{c}\"" for c in learned.evidence(feats))
    first = next((k for k, t in enumerate(tokens) if t.text[0].isalnum() or t.text[0] == "@"), 0)
    last = len(tokens) - 1
    while last > first and not (tokens[last].text[0].isalnum() or tokens[last].text == "?"):
        last -= 1
    message = (f"The sentence reads as blame of a person (learned model, score {p:.2f}; "
               f"cues: {cues}): it explains the incident by what someone did or failed to do, "
               "not by what allowed it.")
    subject = tokens[first].text if tokens[first].low in ("we", "i") else ""
    return (first, last, kind, message, _HINTS[reason], subject)


# Sentences already analysed recently: (sentence, model?, document people, systems) ->
# (tokens, matches). Offsets are relative to the sentence, so boilerplate repeated across
# documents (template lines) is read once while it stays in use. This memo only saves work
# between documents: within a document each block is read once by rules.blame.analysis, so
# its size never decides how often a document is re-read. It is small and least-recently-used
# (a hit moves to the end, a full memo drops its oldest entry), which keeps memory flat on
# 10,000 documents (token lists are the engine's largest objects).
_SENTENCES: dict[tuple, tuple[list[Token], tuple]] = {}
_SENTENCES_LIMIT = 2_000


# Within one document (pmcheck.docscope, begun by the linter) a sentence is analysed once,
# however small the memo above: a rule outside the blame pass (the 5-whys chain end) reads a
# sentence the blame rules read too.


def _analyse(chunk: str, model: bool, meter: list[int] | None) -> tuple[list[Token], tuple]:
    """Tokens and rule/model matches of one sentence: the single analysis every rule reads."""
    key = (chunk, model, CONTEXT["people"], CONTEXT["systems"])
    if meter is None:
        scope = docscope.memo()
        done = scope.get(key) if scope is not None else None
        if done is not None:
            return done
        done = _SENTENCES.pop(key, None)
        if done is not None:
            _SENTENCES[key] = done  # most recently used now
            if scope is not None:
                scope[key] = done
            return done
    tokens = tokenize(chunk)
    found: list = []
    if tokens:
        ANALYSED[0] += 1
        found = _sentence_matches(tokens, chunk, meter)
        if not found and model:
            learned_hit = _learned_match(tokens, chunk)
            if learned_hit is not None:
                found.append(learned_hit)
    if len(_SENTENCES) >= _SENTENCES_LIMIT:
        del _SENTENCES[next(iter(_SENTENCES))]  # the least recently used
    done = _SENTENCES[key] = (tokens, tuple(found))
    scope = docscope.memo() if meter is None else None
    if scope is not None:
        scope[key] = done
    return done


def _why_answer(tokens: list[Token], text: str, found: tuple) -> tuple:
    """Matches of a "Because ..." sentence that answers a why-question: a person doing
    something as its subject ends the why-chain at that person."""
    if any(f[2] != "blame-word" and f[0] <= 2 for f in found):
        return found
    match = verdicts.why_answer_match(tokens)
    if match is None:
        return found
    subject = text_between(tokens, *match.subject, text)
    message = _MESSAGES["why-answer"].format(subject=" ".join(subject.split()),
                                             evidence=_evidence(tokens, match.subject))
    return tuple(found) + ((match.first, match.last, "person-failure", message,
                            _HINTS["why"], subject),)


def _dedupe(found: list[tuple]) -> list[tuple]:
    """Keep one match per overlapping group: the earliest, then the longest."""
    out: list[tuple] = []
    for item in sorted(found, key=lambda f: (f[0], -f[1])):
        if out and item[0] <= out[-1][1]:
            continue
        out.append(item)
    return out


def person_failure_subject(sentence: str) -> str | None:
    """The person phrase when a person is the subject of a failure or counterfactual."""
    for hit in scan(sentence):
        if hit.kind in ("person-failure", "counterfactual") and hit.subject:
            return hit.subject
    return None


def is_person_phrase(text: str) -> bool:
    """Is the whole text one person phrase ("@sam", "Bob", "the on-call engineer", "Support")?"""
    tokens = tokenize(mask_code(text))
    if not tokens or len(tokens) > 6:
        return False
    return person_np_starting_at(tokens, 0) == len(tokens) - 1


def person_fix(text: str) -> str | None:
    """The phrase when an action item fixes a person ("retrain Bob") rather than a system."""
    from pmcheck.language.fixes import person_fix as find

    return find(text)
