"""Pathological-input timings (not part of the test run): each shape at size n and 2n.

    .venv/bin/python tests/fuzz/pathological.py [--scale 1.0] [--only NAME]

For each shape it prints the time mistletoe alone takes to tokenize the text, the time of
pmcheck's whole parse (mistletoe + walk + extractors) and of the whole lint (parse + rules),
at n and 2n, and the 2n/n ratio of the lint time (about 2 is linear, about 4 quadratic).
"""

from __future__ import annotations

import argparse
import sys
import time

from pmcheck.document.parse import parse
from pmcheck.linter import lint_text
from pmcheck.options import Options

HEAD = "# T\n\nDate: 2026-03-14\n\n"


def rows(n: int, row: str) -> str:
    return "".join(row.format(i=i, h=i % 24, m=i % 60) for i in range(n))


SHAPES = {
    # name: (n, text builder)
    "nested-quotes": (200, lambda n: "## Timeline\n\n" + "> " * n + "- 10:00 x\n"),
    "nested-lists-indent": (200, lambda n: "## Action Items\n\n" +
                            "".join("  " * i + "- [ ] fix @a P1\n" for i in range(n))),
    "nested-lists-inline": (200, lambda n: "## Timeline\n\n" + "- " * n + "x\n"),
    "quote-lines": (5000, lambda n: "## Timeline\n\n" + "> - 10:00 x\n" * n),
    "long-line": (100_000, lambda n: "## Timeline\n\n- 10:00 " + "word " * (n // 5) + "\n"),
    "long-line-no-space": (100_000, lambda n: "## Root Cause\n\n" + "x" * n + "\n"),
    "long-meta-line": (100_000, lambda n: "Impact: " + "a " * (n // 2) + "\n## Timeline\n"),
    "timeline-table": (5_000, lambda n: "## Timeline\n\n| Time | Event |\n|---|---|\n" +
                       rows(n, "| {h:02d}:{m:02d} | step {i} |\n")),
    "action-table": (5_000, lambda n: "## Action Items\n\n| Action | Owner | Due | Priority |"
                     "\n|---|---|---|---|\n" + rows(n, "| fix {i} | @a | 2026-03-20 | P1 |\n")),
    "table-wide": (2_000, lambda n: "## Action Items\n\n|" + "Owner|" * n + "\n|" + "-|" * n +
                   "\n|" + "@a|" * n + "\n"),
    "timeline-bullets": (5_000, lambda n: "## Timeline\n\n" +
                         rows(n, "- {h:02d}:{m:02d} UTC: step {i}\n")),
    "action-bullets": (5_000, lambda n: "## Action Items\n\n" +
                       rows(n, "- [ ] fix {i} — owner: @a, due: 2026-03-20, P1\n")),
    "headings": (3_000, lambda n: rows(n, "## Section {i}\n\ntext\n\n")),
    "nested-headings": (3_000, lambda n: rows(n, "#### Timeline {i}\n\n## Timeline\n\n")),
    "day-headings": (3_000, lambda n: "## Timeline\n\n" +
                     rows(n, "### 2026-03-{h:02d}\n\n- 10:{m:02d} x\n\n")),
    "whys": (5_000, lambda n: "## Contributing Factors\n\n" +
             rows(n, "Why did {i} fail?\n\u2192 Because step {i} broke.\n\n")),
    "whys-one-paragraph": (5_000, lambda n: "## Contributing Factors\n\n" +
                           rows(n, "Why did {i} fail?\n\u2192 Because step {i} broke.\n")),
    "directives": (3_000, lambda n: "## Timeline\n\n" +
                   rows(n, "<!-- pmcheck-disable-next-line timeline -- r -->\n- 25:{m:02d} x\n")),
    "enables": (3_000, lambda n: "## Timeline\n\n" +
                rows(n, "<!-- pmcheck-disable timeline -- r -->\n- 25:{m:02d} x\n"
                        "<!-- pmcheck-enable timeline -->\n")),
    "backticks": (20_000, lambda n: "## Root Cause\n\n" + "`" * n + "\n"),
    "backtick-pairs": (20_000, lambda n: "## Root Cause\n\n" + "`a " * (n // 3) + "\n"),
    "asterisks": (20_000, lambda n: "## Root Cause\n\n" + "*a " * (n // 3) + "\n"),
    "asterisk-run": (20_000, lambda n: "## Root Cause\n\nx " + "*" * n + " x\n"),
    "underscores": (20_000, lambda n: "## Root Cause\n\n" + "_a " * (n // 3) + "\n"),
    "brackets-open": (20_000, lambda n: "## Root Cause\n\n" + "[" * n + "\n"),
    "bracket-pairs": (5_000, lambda n: "## Root Cause\n\n" + "[a](" * (n // 4) + "\n"),
    "links": (5_000, lambda n: "## Root Cause\n\n" + "[a](b) " * (n // 7) + "\n"),
    "nested-brackets": (2_000, lambda n: "## Root Cause\n\n" + "[" * n + "x" + "](u)" * n + "\n"),
    "html-soup": (5_000, lambda n: "## Root Cause\n\n" + "<div><span>x</span>" * (n // 19) + "\n"),
    "html-comments": (5_000, lambda n: "## Root Cause\n\n" + rows(n, "<!-- c {i} -->\n")),
    "unclosed-fence": (20_000, lambda n: "## Timeline\n\n```\n" + rows(n, "- 10:{m:02d} x\n")),
    "tabs": (20_000, lambda n: "## Timeline\n\n" + "\t" * n + "- 10:00 x\n"),
    "blank-lines": (100_000, lambda n: "## Timeline\n\n" + "\n" * n + "- 10:00 x\n"),
    "pipes": (20_000, lambda n: "## Timeline\n\n| Time |\n|---|\n" + "|" * n + "\n"),
    "front-matter-list": (5_000, lambda n: "---\nreviewers:\n" + "  - @a\n" * n + "---\n# T\n"),
    "front-matter-nested": (500, lambda n: "---\nx: " + "[" * n + "\n---\n# T\n"),
    "crlf-mix": (20_000, lambda n: "## Timeline\r\n\r" + "- 10:00 x\r\n\r" * (n // 2)),
    "why-words": (20_000, lambda n: "## Root Cause\n\n" + "Why " * (n // 4) + "\n"),
}


def clock(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def mistletoe_only(text: str) -> None:
    from mistletoe import Document
    from mistletoe.html_renderer import HtmlRenderer

    with HtmlRenderer():
        Document(text.splitlines(keepends=True))


def measure(name: str, n: int, build, opts: Options) -> None:
    figures = []
    for size in (n, 2 * n):
        text = HEAD + build(size)
        try:
            m = clock(mistletoe_only, text)
        except RecursionError:
            m = float("nan")
        p = clock(parse, text, "p.md", opts.template)
        lint = clock(lint_text, text, "p.md", opts)
        figures.append((size, len(text), m, p, lint))
    (n1, c1, m1, p1, l1), (n2, c2, m2, p2, l2) = figures
    print(f"{name:22} n={n1:>7} {c1 / 1024:7.0f} KiB  mistletoe {m1:7.3f}s  parse {p1:7.3f}s  "
          f"lint {l1:7.3f}s | 2n: mistletoe {m2:7.3f}s  parse {p2:7.3f}s  lint {l2:7.3f}s  "
          f"ratio {l2 / max(l1, 1e-9):4.1f}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every n")
    ap.add_argument("--only", action="append", help="shape name (repeatable)")
    args = ap.parse_args()
    opts = Options()
    lint_text(HEAD, "warm.md", opts)  # imports and rule registry out of the figures
    for name, (n, build) in SHAPES.items():
        if args.only and name not in args.only:
            continue
        measure(name, max(1, int(n * args.scale)), build, opts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
