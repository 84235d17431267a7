"""``pmcheck new``: the file name and text of a fresh postmortem (pure; the CLI writes it).

The template is ``pmcheck/data/postmortem.md``. Its placeholders are the word TODO (and
``@TODO`` for people), which pmcheck reports until they are filled in; the list of findings
a fresh file gives is documented in README and pinned by tests/test_cli.py.
"""

from __future__ import annotations

import datetime as dt
import re
import string

from pmcheck.config import data_text
from pmcheck.options import Options


def slugify(title: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:limit].rstrip("-") or "postmortem"


def file_name(title: str, date: dt.date) -> str:
    return f"{date.isoformat()}-{slugify(title)}.md"


def render_postmortem(title: str, date: dt.date, severity: str | None, opts: Options) -> str:
    text = string.Template(data_text("postmortem.md"))
    return text.substitute(
        title=" ".join(title.split()),
        date=date.isoformat(),
        severity=severity or "TODO",
        severities=", ".join(opts.severities),
        priorities=", ".join(opts.priorities),
    )
