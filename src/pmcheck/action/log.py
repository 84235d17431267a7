"""The one way every Action mode writes a line to the workflow log.

A line that carries user text (a file name from the PR or the checkout, an action item's text,
an error quoting either) must not be able to start a workflow command: a file named
``"x\\n::error::pwned.md"`` would otherwise print a second line that the runner executes. So
every line goes through :func:`emit`: a command's message is escaped as GitHub's toolkit escapes
it (``%``, CR, LF), and a plain line has its CR and LF escaped, so whatever it quotes stays on
that one line.
"""

from __future__ import annotations

from typing import TextIO

from pmcheck.reporters.github import escape_data, escape_property


def emit(out: TextIO, text: str, level: str = "", title: str = "pmcheck") -> None:
    """Write `text` as one log line; with `level` (error, warning, notice) as that command."""
    if level:
        out.write(f"::{level} title={escape_property(title)}::{escape_data(text)}\n")
    else:
        out.write(text.replace("\r", "%0D").replace("\n", "%0A") + "\n")
