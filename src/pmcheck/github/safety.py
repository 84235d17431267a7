"""Make text quoted from a pull request inert before it goes into a GitHub comment.

* ``@name`` / ``@org/team`` would notify people: a zero-width space after ``@`` keeps the text
  readable and stops the mention.
* pmcheck finds its own comments by hidden HTML-comment markers (``<!-- pmcheck:... -->``); text
  from the PR must never forge one or open an HTML comment that hides ours, so ``<`` and ``>``
  are escaped as entities (which also keeps raw HTML out of our comments).
* Secrets are redacted from any text we print or post.
"""

from __future__ import annotations

import re
from typing import Iterable

MARKER_PREFIX = "<!-- pmcheck:"
ZWSP = "\u200b"
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_MARKER = re.compile(r"<!-- pmcheck:([a-z-]+)=([A-Za-z0-9._:/-]+) -->")


def neutralise_mentions(text: str) -> str:
    return _MENTION.sub("@" + ZWSP, text)


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quote(text: str) -> str:
    """User text safe to place in a comment body: no mentions, no HTML, no markers."""
    return neutralise_mentions(escape_html(text))


def cell(text: str, limit: int | None = 300) -> str:
    """`quote` for a Markdown table cell: one line, pipes escaped, length capped (unless
    `limit` is None)."""
    flat = " ".join(text.split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return quote(flat).replace("|", "\\|")


def marker(kind: str, value: str) -> str:
    """A hidden marker, e.g. marker("fp", "ab12") -> '<!-- pmcheck:fp=ab12 -->'."""
    if not re.fullmatch(r"[a-z-]+", kind) or not re.fullmatch(r"[A-Za-z0-9._:/-]+", value):
        raise ValueError(f"marker: bad kind or value {kind!r}={value!r}")
    return f"{MARKER_PREFIX}{kind}={value} -->"


def markers(body: str | None) -> dict[str, str]:
    """Every hidden marker in a comment body, {kind: value} (the first of each kind wins)."""
    found: dict[str, str] = {}
    for kind, value in _MARKER.findall(body or ""):
        found.setdefault(kind, value)
    return found


def all_markers(body: str | None) -> list[tuple[str, str]]:
    """Every hidden marker in a comment body, in order, as (kind, value) pairs."""
    return _MARKER.findall(body or "")


def flat(text: str) -> str:
    """One line: newlines and runs of whitespace become one space (no Markdown block breakout)."""
    return " ".join(text.split())


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text
