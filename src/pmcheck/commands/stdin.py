"""`pmcheck check -`: lint standard input, reported under `--stdin-filename` (for editors)."""

from __future__ import annotations

from typing import BinaryIO

from pmcheck.options import Options

STDIN_NAME = "<stdin>"


def lint_stdin(stream: BinaryIO, shown: str, opts: Options):
    """A LintResult for the bytes on `stream`, with the same byte checks as a file (size
    limit, binary, UTF-8)."""
    from pmcheck.document.model import Document
    from pmcheck.document.source import MAX_BYTES, decode
    from pmcheck.linter import LintResult, lint_document, lint_text

    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        text, notes = None, [(1, "too-large", f"standard input is over the {MAX_BYTES:,}-byte "
                              "limit; split the postmortem")]
    else:
        text, notes = decode(data)
    if text is None:
        findings, used = lint_document(Document(path=shown, lines=(), parse_notes=tuple(notes),
                                                lintable=False), opts)
    else:
        findings, used = lint_text(text, shown, opts, notes)
    return LintResult(findings=sorted(findings, key=lambda f: f.sort_key()),
                      suppressed=list(used), files_checked=1)
