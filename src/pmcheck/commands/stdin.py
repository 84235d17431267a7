"""`pmcheck check -`: lint standard input, reported under `--stdin-filename` (for editors)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from pmcheck.options import Options

STDIN_NAME = "<stdin>"


def lint_named_stdin(stream: BinaryIO, name: str | None, opts: Options, root: Path):
    """`check - --stdin-filename NAME`: NAME (relative to the current directory) is placed in
    the project as a file would be, so per-path config (`external-paths`) and `exclude` see
    it; an excluded NAME is a note and no findings, as for a file named on the command line.
    Findings are reported under NAME as given."""
    import dataclasses

    from pmcheck.globs import excluded
    from pmcheck.linter import LintResult, display_path

    if name is None:
        return lint_stdin(stream, STDIN_NAME, opts)
    ident = display_path(Path(name), root)
    if excluded(ident, opts.exclude):
        stream.read()  # the editor's write must not fail on a closed pipe
        return LintResult(notes=[f"{name}: skipped, excluded by `exclude`"])
    result = lint_stdin(stream, ident, opts)
    result.findings = [dataclasses.replace(f, path=name) for f in result.findings]
    result.suppressed = [dataclasses.replace(s, path=name) for s in result.suppressed]
    return result


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
