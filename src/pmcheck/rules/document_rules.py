"""Rules for files that cannot be read as a postmortem, or parts the parser could not read.

Each rule reports the matching notes the reader and parser attached to the Document
(``Document.parse_notes``), so bad input always becomes a finding with a file and line.
"""

from __future__ import annotations

from pmcheck.findings import Problem, Severity
from pmcheck.rules import rule


def _notes(doc, code):
    for line, note_code, message in doc.parse_notes:
        if note_code == code:
            yield Problem(line=line, message=message, subject=message)


@rule("document.empty", Severity.ERROR)
def empty(doc, opts):
    """The file is empty or holds only whitespace.

    An empty postmortem is usually a file created by mistake or a template never filled in.
    No other rule runs on an empty file.

    Fails:

        ```markdown
        ```

    Passes:

        ```markdown
        # Checkout outage
        ```
    """
    yield from _notes(doc, "empty")


@rule("document.binary", Severity.ERROR)
def binary(doc, opts):
    """The file is binary, not Markdown text.

    A file with NUL bytes under the postmortem paths is almost always a mistake (an image or
    an archive with a `.md` name). pmcheck does not parse it.
    """
    yield from _notes(doc, "binary")


@rule("document.too-large", Severity.ERROR)
def too_large(doc, opts):
    """The file is larger than 1 MiB.

    Postmortems are documents people read; a file this big is generated or pasted logs.
    pmcheck does not parse it, which keeps runs fast and memory bounded. Move logs to an
    attachment and link them.
    """
    yield from _notes(doc, "too-large")


@rule("document.symlink", Severity.ERROR)
def symlink(doc, opts):
    """The file is a symbolic link where links are refused (the GitHub Action).

    In a pull request a link could point outside the repository; the Action reads only
    regular files inside the workspace.
    """
    yield from _notes(doc, "symlink")


@rule("document.encoding", Severity.ERROR)
def encoding(doc, opts):
    """The file is not valid UTF-8.

    The finding points at the first invalid byte: its line, and its column counted in
    characters as every other column is (the first replacement character on that line). The
    rest of the file is still checked, with invalid bytes read as the replacement character.
    Save the file as UTF-8.
    """
    for p in _notes(doc, "encoding"):
        text = doc.lines[p.line - 1] if 0 < p.line <= len(doc.lines) else ""
        yield Problem(line=p.line, column=text.find("\ufffd") + 1 if "\ufffd" in text else 1,
                      message=p.message, subject=p.subject)


@rule("document.front-matter-invalid", Severity.ERROR)
def front_matter(doc, opts):
    """The YAML front matter cannot be read.

    Metadata in front matter (date, severity, reviewers...) is ignored when the YAML is
    broken, so every metadata check would report it missing. Fix the YAML at the named line.

    Fails:

        ```markdown
        ---
        date: [2026-03-14
        ---
        # Checkout outage
        ```

    Passes:

        ```markdown
        ---
        date: 2026-03-14
        ---
        # Checkout outage
        ```
    """
    yield from _notes(doc, "front-matter-invalid")


@rule("document.table-broken", Severity.WARNING)
def table_broken(doc, opts):
    """A table row has a different number of cells than the table header.

    Markdown renderers pad or cut such rows silently, so a due date or owner can end up in
    the wrong column. Make every row have as many cells as the header.

    Fails:

        ```markdown
        ## Action Items

        | Action | Owner | Due |
        |---|---|---|
        | Add a pool-size lower bound | @marcus |
        ```

    Passes:

        ```markdown
        ## Action Items

        | Action | Owner | Due |
        |---|---|---|
        | Add a pool-size lower bound | @marcus | 2026-03-20 |
        ```
    """
    yield from _notes(doc, "table-broken")


@rule("document.html-table", Severity.WARNING)
def html_table(doc, opts):
    """An HTML table, which pmcheck cannot read.

    Action items and timeline entries inside HTML tables are invisible to every check, and to
    follow-up issues. Write the table in Markdown.

    Fails:

        ```markdown
        <table><tr><td>Add a pool-size lower bound</td></tr></table>
        ```

    Passes:

        ```markdown
        | Action |
        |---|
        | Add a pool-size lower bound |
        ```
    """
    yield from _notes(doc, "html-table")


@rule("document.too-deep", Severity.ERROR)
def too_deep(doc, opts):
    """Lists, quotes or emphasis nested too deeply for pmcheck to read.

    No postmortem needs more than a few levels of nesting; hundreds of levels are pasted or
    generated text, and they exhaust the Markdown parser. pmcheck skips each line nested more
    than 50 levels deep and checks the rest; when the nesting spans many lines it cannot
    skip, the file is not checked and the finding names the line where reading failed.
    Flatten the nesting.
    """
    yield from _notes(doc, "too-deep")


@rule("document.too-complex", Severity.WARNING)
def too_complex(doc, opts):
    """A paragraph with more than 500 `[` characters, read with its links as plain text.

    Link matching in Markdown grows with the square of the brackets in one paragraph, so a
    pasted or generated wall of links could stall a check (or a pull-request run) for minutes.
    pmcheck reads such a paragraph's brackets as ordinary characters and checks everything
    else. Split the paragraph, or move the links into a list.
    """
    yield from _notes(doc, "too-complex")
