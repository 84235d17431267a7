"""``pmcheck new``: the file name and text of a fresh postmortem (pure; the CLI writes it).

The template is ``pmcheck/data/postmortem.md``. Its placeholders are the word TODO and empty
sections with a guiding HTML comment. Until they are filled in, a fresh file (default config)
reports exactly these, each at the placeholder (pinned by tests/test_cli.py):

- ``metadata.severity-missing`` (unless ``--severity`` was given), ``metadata.duration-missing``,
  ``metadata.impact-missing``, ``metadata.author-missing``, ``metadata.reviewers-missing``;
- ``timeline.entries-missing``;
- ``structure.empty-section`` for Root Cause, Contributing Factors (which stands for the
  empty 5-whys chain too), What Went Well and What Could Have Gone Better;
- ``actions.incomplete`` on the TODO row of the action table (owner, due date and priority
  in one finding).

Everything else in the template (title, date, section set and order, the UTC statement, the
table header) already passes.
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


def default_dir(patterns: tuple[str, ...]) -> str:
    """The fixed directory part of the first configured glob ("postmortems/**/*.md" ->
    "postmortems"), so `pmcheck check` finds what `pmcheck new` wrote."""
    parts = []
    for part in (patterns[0] if patterns else "").replace("\\", "/").split("/")[:-1]:
        if any(c in part for c in "*?["):
            break
        parts.append(part)
    return "/".join(p for p in parts if p not in ("", ".")) or "."


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
