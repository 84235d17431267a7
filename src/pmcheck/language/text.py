"""Sentence splitting, tokenising and masking. Every function is a single left-to-right pass.

Sentences follow Markdown structure: a blank line, a new list item, heading, table row,
blockquote line or timeline line starts a new sentence, and so does each table cell ("|").
Inside prose, ".", "!", "?" end a sentence when followed by white space and a character that
can open a sentence, unless the word before is an abbreviation ("e.g.", "Dr.") or an initial.
"""

from __future__ import annotations

import re
from typing import NamedTuple

CODE_PLACEHOLDER = "\u27e8code\u27e9"


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # lower-cased, curly apostrophe normalised


# One alternative per token shape; none nests a quantifier inside another over the same
# characters, so the scan is linear (each character is consumed once).
_TOKEN = re.compile(
    "\u27e8code\u27e9"
    r"|@[\w-]+(?:[./][\w-]+)*(?:['\u2019]s\b)?"
    r"|\w+(?:[-'\u2019.]\w+)*"
    r"|[^\w\s]"
)

_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs cf dr mr mrs ms st jr sr approx fig inc ltd co corp dept est min max"
    " a.m p.m u.s".split()
)

_MAX_CODE_SPAN = 2000
_MAX_QUOTE = 400

_OPENERS = "\"'\u201c\u2018([*_@`\u27e8"


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Word and punctuation tokens of `text`, offsets shifted by `base`."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        out.append(Token(m.start() + base, m.end() + base, word,
                         word.lower().replace("\u2019", "'")))
    return out


def mask_code(text: str) -> str:
    """Blank out inline code spans (`...`, one line) keeping every offset unchanged."""
    if "`" not in text:
        return text
    chars = list(text)
    i, n = 0, len(text)
    while i < n:
        if text[i] != "`":
            i += 1
            continue
        j = i
        while j < n and text[j] == "`":
            j += 1
        fence = text[i:j]
        close = text.find(fence, j, j + _MAX_CODE_SPAN)  # bounded: keeps the pass linear
        if close < 0:
            i = j
            continue
        for k in range(i, close + len(fence)):
            if chars[k] != "\n":
                chars[k] = " "
        i = close + len(fence)
    return "".join(chars)


def _starts_block(text: str, i: int) -> bool:
    """Does the line starting at `i` open a new Markdown unit (list item, heading...)?"""
    n = len(text)
    while i < n and text[i] in " \t":
        i += 1
    if i >= n or text[i] == "\n":
        return True
    c = text[i]
    if c in "#|>":
        return True
    if c in "-*+" and i + 1 < n and text[i + 1] == " ":
        return True
    j = i
    while j < n and j - i < 4 and text[j].isdigit():
        j += 1
    return j > i and j < n and text[j] in ".):"


def _is_abbreviation(text: str, end: int) -> bool:
    """Is the word ending at `end` (the index of a ".") an abbreviation or an initial?"""
    i = end
    while i > 0 and end - i < 6 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    word = text[i:end].lower()
    if not word:
        return False
    if len(word) == 1 and text[i].isupper():
        return True  # an initial: "J. Smith"
    return word in _ABBREVIATIONS


def _ends_sentence(text: str, i: int) -> tuple[int, int]:
    """(end, resume) for the punctuation at `i`: end is the index after it and its closers when a
    sentence ends there, else -1; resume is where scanning continues (past the closers, so a
    long run of dots is read once)."""
    n = len(text)
    j = i + 1
    while j < n and text[j] in ".!?\"')]\u201d\u2019*_":
        j += 1
    if j >= n:
        return j, j
    if text[j] not in " \t\n":
        return -1, j
    k = j
    while k < n and text[k] in " \t\n":
        k += 1
    if k >= n:
        return j, j
    nxt = text[k]
    if nxt.islower():
        return -1, j
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or nxt in "-#|>"):
        return -1, j
    if text[i] == "." and _is_abbreviation(text, i):
        return -1, j
    return j, j


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of `text`, stripped of surrounding white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    i, n = 0, len(text)

    def close(end: int) -> None:
        a, b = start, end
        while a < b and text[a] in " \t\n|":
            a += 1
        while b > a and text[b - 1] in " \t\n|":
            b -= 1
        if a < b:
            spans.append((a, b))

    while i < n:
        c = text[i]
        if c == "\n" and _starts_block(text, i + 1):
            close(i)
            start = i + 1
        elif c == "|" and (i == 0 or text[i - 1] != "\\"):
            close(i)
            start = i + 1
        elif c in ".!?\u2026":
            end, resume = _ends_sentence(text, i)
            if end >= 0:
                close(end)
                start = end
            i = resume
            continue
        i += 1
    close(n)
    return spans


_QUOTE_PAIRS = {"\"": "\"", "\u201c": "\u201d", "\u2018": "\u2019", "'": "'"}


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks (double, curly, or word-bounded single quotes).

    A quote closes on the same line within _MAX_QUOTE characters. Ranges already searched
    without finding a closer are remembered per quote character, so the pass stays linear even
    for thousands of unmatched opening quotes.
    """
    spans = []
    searched: dict[str, int] = {}  # closer -> index up to which no valid closer exists
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        closer = _QUOTE_PAIRS.get(c)
        if closer is None or (c == "'" and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        limit = min(n, i + _MAX_QUOTE)
        newline = text.find("\n", i, limit)
        if newline >= 0:
            limit = newline
        found = _find_closer(text, closer, max(i + 1, searched.get(closer, 0)), limit)
        if found < 0:
            searched[closer] = max(searched.get(closer, 0), limit)
            i += 1
            continue
        spans.append((i, found + 1))
        i = found + 1
    return spans


def _find_closer(text: str, closer: str, start: int, limit: int) -> int:
    """Index of the first closing quote in [start, limit); a single quote must end a word."""
    single = closer in "'\u2019"
    j = text.find(closer, start, limit)
    while j >= 0 and single and j + 1 < len(text) and text[j + 1].isalpha():
        j = text.find(closer, j + 1, limit)
    return j
