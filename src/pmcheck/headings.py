"""Heading words: how a heading as an author wrote it is compared with a section's names.

A heading is reduced to its content words: case, punctuation, numbering ("## 1.", "2.3"),
bracketed or trailing markers ("{WIP}", "(draft)", "(all times UTC)", ":"), "/" "&" "+",
plurals, British/American spelling and filler words ("the", "our", "we", "about") are
dropped or folded. Two headings name the same section when their word tuples are equal.

When no exact name matches, section *concepts* are tried: a short heading that contains a
concept phrase ("timeline", "root cause", "corrective", "went well", "what we are doing
about") names that section; when a heading holds phrases of two sections the phrase written
first wins ("Recovery and Lessons Learned" is Resolution). Headings that are long sentences
(more than ``MAX_WORDS`` content words) are never matched by concept.
"""

from __future__ import annotations

import difflib
import functools
import re

MAX_WORDS = 7

# British -> American, and word forms folded onto one spelling.
_SPELLING = {
    "preventative": "preventive", "learnt": "learned", "learnings": "learning",
    "analyse": "analysis", "analyze": "analysis", "analysing": "analysis",
    "behaviour": "behavior", "organisation": "organization", "prioritisation": "prioritization",
    "followup": "follow", "followups": "follow", "todos": "todo",
    "didnt": "did", "wasnt": "was", "werent": "were", "couldve": "could",
    "were": "are", "is": "are", "was": "are", "being": "are", "be": "are",
    "5": "five", "tldr": "tl", "chronological": "chronology",
}
_FILLER = frozenset("a an the of and or our we us it this that its to for on in with from by "
                    "about incident s all so".split())
# words that only describe the heading's form, not its subject
_DESCRIPTIVE = frozenset("utc gmt bst pst pdt pt est edt cet cest ist jst time times approximate "
                         "approximately approximation approximations wip draft tbd optional "
                         "required".split())
_NUMBERING = re.compile(r"^\s*(?:(?:step|section|part)\s+)?(?:\d+(?:\.\d+)*|[ivx]+|[a-h])[.):]"
                        r"?\s+", re.I)
_BRACKETED = re.compile(r"\{[^}]*\}|\([^)]*\)|\[[^\]]*\]|<[^>]*>")


def _stem(w: str) -> str:
    w = _SPELLING.get(w, w)
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return _SPELLING.get(w, w)


# words() and key_words() are pure and read every heading of every file against every section
# name (names repeat across files): memoised, bounded. A miss only recomputes, so the size of
# the memo never decides how long a large document takes.
@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """Content words of a heading: 'Corrective & Preventative Measures {WIP}:' ->
    ('corrective', 'preventive', 'measure')."""
    t = text.replace("\ufeff", "").strip()
    t = re.sub(r"`([^`]*)`", r"\1", t)
    t = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", t)  # links keep their text
    t = _NUMBERING.sub("", t)
    t = t.lower().replace("\u2019", "'").replace("'", "")
    t = t.replace("tl;dr", "tldr")
    t = re.sub(r"\b(?:follow)[\s-]+(?:ups?)\b", "followup", t)
    t = re.sub(r"\bto[\s-]+dos?\b", "todo", t)
    raw = re.findall(r"[a-z0-9]+", t)
    out: list[str] = []
    for w in (_stem(x) for x in raw):
        if w not in _FILLER and (not out or out[-1] != w):
            out.append(w)
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def key_words(text: str) -> tuple[str, ...]:
    """Words compared with section names: bracketed asides and descriptive words dropped
    ('Timeline (all times UTC)' -> ('timeline',)), unless nothing else is left."""
    outer = _BRACKETED.sub(" ", text)
    w = tuple(x for x in words(outer) if x not in _DESCRIPTIVE and not x.isdigit())
    return w or words(text)


# concept phrases (tuples of stemmed words, matched as contiguous runs) -> section key
_CONCEPTS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("timeline", (("timeline",), ("chronology",), ("sequence", "event"),
                  ("timeline", "event"))),
    ("contributing-factors", (("contributing",), ("five", "why"), ("why",),
                              ("contributory",))),
    ("root-cause", (("root", "cause"), ("rca",), ("cause",), ("caused",),
                    ("why", "did", "happen"), ("how", "did", "happen"))),
    ("what-went-well", (("went", "well"), ("went", "right"), ("what", "worked"),
                        ("got", "lucky"), ("get", "lucky"), ("go", "well"))),
    ("what-went-wrong", (("went", "wrong"), ("went", "poorly"), ("went", "badly"),
                         ("did", "not", "go"), ("did", "go", "well"), ("did", "work"),
                         ("did", "not", "work"), ("could", "have", "gone", "better"),
                         ("could", "have", "been", "better"), ("could", "improved"),
                         ("could", "are", "improved"), ("could", "go", "better"),
                         ("area", "improvement"), ("what", "could", "better"),
                         ("what", "can", "improved"), ("can", "are", "improved"))),
    ("lessons-learned", (("lesson",), ("learning",), ("takeaway",), ("learned",),
                         ("what", "learned"))),
    ("action-items", (("action", "item"), ("corrective",), ("preventive", "action"),
                      ("preventive", "measure"), ("remedial",), ("remediation",),
                      ("follow",), ("next", "step"), ("recommendation",),
                      ("what", "are", "doing"), ("what", "are", "done"),
                      ("what", "will", "do"), ("doing", "fix"), ("prevent", "recurrence"),
                      ("preventing", "happening", "again"), ("action",), ("todo",))),
    ("impact", (("impact",), ("affected", "user"), ("user", "affected"))),
    ("summary", (("summary",), ("overview",), ("tl",))),
    ("detection", (("detection",), ("detected",))),
    ("resolution", (("resolution",), ("mitigation",), ("recovery",), ("how", "fixed"), ("how", "are", "fixed"))),
    ("trigger", (("trigger",),)),
)


def _find(ws: tuple[str, ...], phrase: tuple[str, ...]) -> int:
    n = len(phrase)
    for i in range(len(ws) - n + 1):
        if ws[i:i + n] == phrase:
            return i
    return -1


# phrases that name a section only as the whole heading ("Whys", not "Why X is hard")
_WHOLE_ONLY = frozenset({("why",), ("learned",)})
# generic heads: counted only when nothing more specific is in the same part
_WEAK_KEYS = frozenset({"summary"})


def _parts(text: str) -> list[tuple[str, ...]]:
    """Key words of each part of a heading: 'A and B', 'A & B', 'A / B', 'A: B', 'A - B'."""
    outer = _BRACKETED.sub(" ", text)
    pieces = re.split(r"\s+(?:and|or)\s+|[&/+:;,]|\s[-\u2013\u2014]\s", outer, flags=re.I)
    return [w for w in (key_words(p) for p in pieces if p.strip()) if w]


def _match_part(ws: tuple[str, ...]) -> str | None:
    best: tuple[int, int, int, str] | None = None  # (not weak, end, length, key)
    for key, phrases in _CONCEPTS:
        for p in phrases:
            if p in _WHOLE_ONLY and ws != p:
                continue
            i = _find(ws, p)
            if i < 0:
                continue
            if p == ("action",) and 0 < i < len(ws) - 1:
                continue  # "action" counts as the first or last word only
            cand = (key not in _WEAK_KEYS, i + len(p), len(p), key)
            if best is None or cand[:3] > best[:3]:
                best = cand
    return best[3] if best else None


def concept(text: str) -> str | None:
    """Section key a short heading names by its words, or None. In a noun phrase the last
    concept word is the head ('Response timeline', 'Root cause analysis'); of parts joined
    by 'and', '/', ':' the first that names a section wins."""
    ws = key_words(text)
    if not ws or len(ws) > MAX_WORDS:
        return None
    for part in _parts(text) or [ws]:
        key = _match_part(part)
        if key is not None:
            return key
    return None


# weaker words: enough to say "looks like", never enough to count as the section
_NEAR: dict[str, tuple[str, ...]] = {
    "action-items": ("improvement", "fix", "prevention", "preventing", "prevent", "task",
                     "todo", "plan", "change", "moving", "forward", "future"),
    "timeline": ("event", "happened", "chronological", "log", "history"),
    "root-cause": ("fault", "reason", "origin"),
    "what-went-wrong": ("wrong", "badly", "poorly", "problem", "breakdown", "improve"),
    "what-went-well": ("well", "worked", "positive", "lucky"),
    "contributing-factors": ("factor", "condition"),
    "impact": ("affected", "effect"),
    "summary": ("description", "background"),
}


def near(text: str, names: dict[str, list[str]]) -> str | None:
    """Section key a heading looks like without matching: a close spelling of one of the
    section's names, or one of its weaker words. `names` maps key -> known names."""
    ws = key_words(text)
    if not ws or len(ws) > MAX_WORDS + 2:
        return None
    joined = " ".join(ws)
    best, score = None, 0.0
    for key, alts in names.items():
        for a in alts:
            m = _matcher(a)
            m.set_seq1(joined)
            # quick_ratio() bounds ratio() from above: a name that cannot beat the best so
            # far, or reach the 0.85 that counts, is skipped without the full comparison
            if m.real_quick_ratio() <= max(score, 0.8) or m.quick_ratio() <= max(score, 0.8):
                continue
            r = m.ratio()
            if r > score:
                best, score = key, r
    if score >= 0.85:
        return best
    for key, weak in _NEAR.items():
        if any(w in ws for w in weak):
            return key
    return None


@functools.lru_cache(maxsize=1024)
def _matcher(name: str) -> difflib.SequenceMatcher:
    """A matcher holding a section name's key words as its second sequence: the index of
    that side is built once per name, not once per heading compared with it."""
    return difflib.SequenceMatcher(None, "", " ".join(key_words(name)))
