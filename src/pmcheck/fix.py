"""`pmcheck check --fix` / `--diff`: apply the fixes that are certain, touch no other byte.

Only these rules' suggestions are applied, the same replacement the pull-request review offers
as a one-click suggestion: a date written another way to ISO (`metadata.date-invalid`,
`metadata.published-invalid`) and a 12-hour timeline time to its 24-hour form
(`timeline.time-not-24h`). Every other finding is a judgement call (prose, blame, missing
sections) and is only reported. A fix is applied to a line only when the suggestion replaces
exactly one source line and the line still reads as the rule saw it; line endings, a BOM and
every other line are kept byte for byte. Files with undecodable bytes are never rewritten.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pmcheck.findings import Finding
from pmcheck.options import Options

FIXABLE = frozenset({"metadata.date-invalid", "metadata.published-invalid",
                     "timeline.time-not-24h"})
BOM = b"\xef\xbb\xbf"


@dataclass
class FixResult:
    path: Path
    shown: str
    original: bytes
    fixed: bytes
    applied: list[Finding]

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        old = self.original.decode("utf-8").splitlines(keepends=True)
        new = self.fixed.decode("utf-8").splitlines(keepends=True)
        sep = "" if self.shown.startswith("/") else "/"
        return "".join(difflib.unified_diff(old, new, f"a{sep}{self.shown}",
                                            f"b{sep}{self.shown}"))


def _physical_lines(text: str) -> list[str]:
    """`text` cut at "\\n" (keeping it), the cut git and source_lines use."""
    return text.split("\n")


def fix_text(text: str, shown: str, opts: Options) -> tuple[str, list[Finding]]:
    """`text` with every certain fix applied (repeated until none is left), and the findings
    fixed. `text` has no BOM."""
    from pmcheck.linter import lint_text

    applied: list[Finding] = []
    for _ in range(3):  # a fix never creates another; the loop only guards that claim
        findings, _used = lint_text(text, shown, opts)
        todo = {}
        for f in findings:
            if (f.rule in FIXABLE and f.suggestion is not None and f.end_line == f.line
                    and "\n" not in f.suggestion and f.line not in todo):
                todo[f.line] = f
        if not todo:
            break
        pieces = _physical_lines(text)
        for line, f in todo.items():
            body = pieces[line - 1]
            ending = "\r" if body.endswith("\r") else ""
            core = body[:-1] if ending else body
            if "\r" in core:  # a lone CR: source_lines read it as a space; leave the line
                continue
            pieces[line - 1] = (f.suggestion or "") + ending
            applied.append(f)
        new = "\n".join(pieces)
        if new == text:
            break
        text = new
    return text, applied


def fix_file(path: Path, shown: str, opts: Options) -> FixResult | str:
    """The file's fixed bytes, or a message why it is left alone."""
    from pmcheck.document.source import read_source

    text, notes = read_source(path)
    original = path.read_bytes()
    if text is None or any(n[1] == "encoding" for n in notes):
        return f"{shown}: not fixed: {notes[0][2] if notes else 'cannot be read as UTF-8'}"
    bom = BOM if original.startswith(BOM) else b""
    fixed_text, applied = fix_text(text, shown, opts)
    fixed = bom + fixed_text.encode("utf-8") if applied else original
    return FixResult(path, shown, original, fixed, applied)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` by `data` in one rename, keeping its permission bits."""
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".pmcheck")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
