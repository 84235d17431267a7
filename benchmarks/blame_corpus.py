"""Run the blame rules over a corpus of real postmortems and print every finding for judging.

Usage: .venv/bin/python benchmarks/blame_corpus.py [DIR]   (default /work/shared/corpus/public)

Prints one line per finding: path:line: rule: the matched phrase | the sentence. Judge each by
hand; the last line counts findings and files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pmcheck.document.parse import parse
from pmcheck.document.source import read_source
from pmcheck.options import Options
from pmcheck.rules import all_rules

DEFAULT_DIR = Path("/work/shared/corpus/public")


def findings(root: Path, opts: Options) -> list[tuple[str, int, str, str, str]]:
    rules = [r for r in all_rules() if r.category == "blame"]
    out = []
    for path in sorted(root.rglob("*.md")):
        text, _notes = read_source(path)
        if text is None:
            continue
        doc = parse(text, str(path), opts.template)
        for r in rules:
            for p in r.check(doc, opts):
                phrase = p.message.split('"')[1] if '"' in p.message else ""
                out.append((path.name, p.line, r.id, phrase, p.subject))
    return sorted(out)


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    rows = findings(root, Options())
    for name, line, rule_id, phrase, sentence in rows:
        print(f"{name}:{line}: {rule_id}: {phrase} | {sentence}")
    files = len({r[0] for r in rows})
    print(f"{len(rows)} findings in {files} files under {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
