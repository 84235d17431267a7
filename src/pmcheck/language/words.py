"""Is a word ordinary English? Backed by data/english.txt (built by tools/build_wordlist.py).

The file is read on first use only (never at import), kept as one string, and searched by
bisection over its sorted lines, so nothing is split into a large set: a look-up is about 18
string comparisons. Inflected forms are tried against their base ("deployed" -> "deploy").
"""

from __future__ import annotations

import os

_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "english.txt")
_DATA: list[bytes] = []  # [whole file], loaded lazily (bytes: no decoding to pay for)
_KNOWN: dict[str, bool] = {}
_KNOWN_LIMIT = 50_000

_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
             ("es", ""), ("s", ""), ("ly", ""), ("er", ""), ("ers", ""), ("est", ""),
             ("ment", ""), ("ness", ""), ("ation", "e"), ("ation", ""), ("ity", ""))


def _text() -> bytes:
    if not _DATA:
        with open(_PATH, "rb") as fh:
            _DATA.append(fh.read())  # starts with a newline (tools/build_wordlist.py)
    return _DATA[0]


def _listed(word: str) -> bool:
    text = _text()
    try:
        key = word.encode("ascii")
    except UnicodeEncodeError:
        return False  # the list is ASCII: "ruairí" is not in it
    needle = b"\n" + key + b"\n"
    lo, hi = 0, len(text) - 1
    while lo < hi:  # bisect over line starts: find the first line >= word
        mid = (lo + hi) // 2
        start = text.rfind(b"\n", 0, mid + 1)
        end = text.find(b"\n", start + 1)
        if text[start + 1:end] < key:
            lo = end
        else:
            hi = start
    return text.startswith(needle, lo)


def is_english(word: str) -> bool:
    """Is `word` (any case) an ordinary English word or a regular inflection of one?"""
    low = word.lower()
    known = _KNOWN.get(low)
    if known is not None:
        return known
    # the list holds words of 3 to 12 letters: shorter ones are function words ("at", "we")
    result = low.isalpha() and (len(low) <= 2 or _listed(low) or any(
        low.endswith(suffix) and len(low) - len(suffix) >= 3
        and (_listed(stem + base) or (stem[-1] == stem[-2] and _listed(stem[:-1])))
        for suffix, base in _SUFFIXES for stem in (low[:len(low) - len(suffix)],)))
    if len(_KNOWN) >= _KNOWN_LIMIT:
        _KNOWN.clear()
    _KNOWN[low] = result
    return result
