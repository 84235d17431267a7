"""Bodies of pmcheck's inline review comments, and reading them back.

One comment per diff anchor (a line, or a range inside one hunk) lists every finding there. Each
finding is a block that starts with its own hidden marker line, so a later run can tell which
findings a comment holds, which of them are fixed, and the text of each::

    <!-- pmcheck:fp=1a2b... -->
    🔴 **error** `actions.owner-missing`: Action item "..." has no owner.

    <!-- pmcheck:fixed=3c4d... -->
    ✅ Fixed in abc1234: ~~🔴 **error** `actions.due-invalid`: ...~~

A comment whose findings are all fixed carries ``<!-- pmcheck:state=fixed -->`` and keeps its
blocks under ``fp`` markers (the shape single-finding comments always had).

Text from the postmortem is flattened to one line and passed through ``safety.quote`` (no
mentions, no HTML, no forged markers). A ```` ```suggestion ```` block holds the replacement
verbatim inside a fence longer than any backtick run in it, so it cannot close early; a
replacement containing ``<!--`` is never offered (it could forge a marker in the raw body).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Sequence

from pmcheck.diff import Placed
from pmcheck.findings import Severity
from pmcheck.github.safety import all_markers, flat, marker, quote

ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟡", Severity.INFO: "🔵"}
FIXED_STATE = marker("state", "fixed")


@dataclass(frozen=True)
class Parsed:
    """What a pmcheck review comment holds: live and fixed fingerprints, text per fingerprint."""

    live: tuple[str, ...]
    fixed: tuple[str, ...]
    texts: dict

    @property
    def all(self) -> tuple[str, ...]:
        return self.live + self.fixed


def parse(body: str | None) -> Parsed:
    found = all_markers(body)
    fully_fixed = ("state", "fixed") in found
    live = [v for k, v in found if k == "fp" and not fully_fixed]
    fixed = [v for k, v in found if k == "fixed" or (k == "fp" and fully_fixed)]
    return Parsed(tuple(dict.fromkeys(live)), tuple(dict.fromkeys(fixed)), _texts(body or ""))


def _texts(body: str) -> dict:
    """{fingerprint: the first text line after its marker line}."""
    out: dict[str, str] = {}
    lines = body.replace("\r\n", "\n").split("\n")
    for i, line in enumerate(lines):
        found = all_markers(line)
        if len(found) != 1 or found[0][0] not in ("fp", "fixed"):
            continue
        rest = (ln.strip() for ln in lines[i + 1:])
        text = next((ln for ln in rest if ln and not all_markers(ln)), "")
        out.setdefault(found[0][1], text)
    return out


MAX_BODY = 60_000  # characters; GitHub refuses a comment over 65,536 (and the whole review)
MAX_TEXT = 1_000  # characters of a message or hint quoted in a comment
MAX_SUGGESTION = 20_000  # characters of a replacement offered as a suggestion


def short(text: str, limit: int = MAX_TEXT) -> str:
    """One line, at most `limit` characters, made inert."""
    text = flat(text)
    return quote(text if len(text) <= limit else text[:limit - 1] + "…")


def head_line(p: Placed) -> str:
    f = p.finding
    return f"{ICON[f.severity]} **{f.severity.value}** `{f.rule}`: {short(f.message)}"


def fixed_line(text: str, head_sha: str) -> str:
    """The struck-through line of a finding fixed in `head_sha` (kept as is if already fixed)."""
    if text.startswith("✅ Fixed in "):
        return text
    return f"✅ Fixed in {head_sha[:7]}: ~~{text}~~"


def comment_body(group: Placed | Sequence[Placed], fixed: Sequence[tuple[str, str]] = (),
                 original: str | None = None) -> str:
    """The body for the live findings of one anchor, plus (fp, struck line) of fixed ones.

    `original`: the current text of the anchor's lines, to merge several suggestions into one.
    """
    live = [group] if isinstance(group, Placed) else list(group)
    blocks = []
    if len(live) + len(fixed) > 1 and live:
        blocks.append(f"**pmcheck: {len(live)} finding{'s' if len(live) != 1 else ''} "
                      f"on {'these lines' if live[0].start_line else 'this line'}**")
    for p in live:
        block = f"{marker('fp', p.ident)}\n{head_line(p)}"
        if p.finding.hint:
            block += f"\n\n{short(p.finding.hint)}"
        blocks.append(block)
    blocks += [f"{marker('fixed', fp)}\n{text}" for fp, text in fixed]
    replacement, rules = suggestion_for(live, original)
    if replacement is not None:
        if len(live) > 1:  # say which findings the change fixes
            blocks.append("Suggested change, fixes " + ", ".join(f"`{r}`" for r in rules) + ":")
        blocks.append(suggestion_block(replacement))
    return "\n\n".join(blocks) + "\n"


def fixed_body(items: Sequence[tuple[str, str]], head_sha: str) -> str:
    """A comment whose findings are all fixed: (fp, old text) each struck through."""
    blocks = [f"{marker('fp', fp)}\n{fixed_line(text, head_sha)}" for fp, text in items]
    first, rest = blocks[0].split("\n", 1)
    return "\n\n".join([f"{first}\n{FIXED_STATE}\n{rest}"] + blocks[1:]) + "\n"


def suggestion_block(text: str) -> str:
    body = text.replace("\r\n", "\n")
    if body.endswith("\n"):
        body = body[:-1]
    fence = "`" * max(3, longest_backtick_run(body) + 1)
    return f"{fence}suggestion\n{body}\n{fence}" if text else f"{fence}suggestion\n{fence}"


def longest_backtick_run(text: str) -> int:
    run = best = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        best = max(best, run)
    return best


def suggestion_for(live: Sequence[Placed], original: str | None
                   ) -> tuple[str | None, list[str]]:
    """The one replacement for the comment's lines and the rules it satisfies, or (None, []).

    Only findings whose range is exactly the comment's lines count. Several are merged when
    `original` is known and their edits do not overlap; otherwise the first one is offered.
    """
    offers: dict[str, list[str]] = {}
    for p in live:
        text = p.finding.suggestion
        if (text is not None and p.full_range and "<!--" not in text
                and len(text) <= MAX_SUGGESTION):
            offers.setdefault(text, []).append(p.finding.rule)
    if not offers:
        return None, []
    texts = list(offers)
    if len(texts) > 1 and original is not None:
        merged = merge_edits(original, texts)
        if merged is not None:
            return merged, list(dict.fromkeys(r for t in texts for r in offers[t]))
    return texts[0], offers[texts[0]]


def merge_edits(original: str, replacements: Sequence[str]) -> str | None:
    """Apply every replacement's changes to `original` at once; None when two overlap."""
    edits = []
    for new in replacements:
        matcher = difflib.SequenceMatcher(None, original, new, autojunk=False)
        edits += [(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
                  if tag != "equal"]
    edits = sorted(set(edits))
    for (a1, a2, _), (b1, b2, _) in zip(edits, edits[1:]):
        if b1 < a2 or (b1 == a1 and (a1 == a2 or b1 == b2)):
            return None
    out = original
    for i1, i2, text in reversed(edits):
        out = out[:i1] + text + out[i2:]
    return out
