"""``pmcheck new``: the file name and text of a fresh postmortem (pure; the CLI writes it).

The template is ``pmcheck/data/postmortem.md``: a header (title and metadata) followed by one
``## `` block per section it knows. The configured ``template:`` picks the blocks: Summary, then
the template's required sections in the template's order (its ``order`` pairs respected), under
their display names. A required section with no block in the file (a custom key) gets a
generic one. Placeholders are the word TODO and sections holding only a guiding HTML comment
and TODO. Until they are filled in, a fresh file (default config) reports exactly these, each
at the placeholder (pinned by tests/test_cli.py; the other presets by tests/test_scaffold.py):

- ``metadata.severity-missing`` (unless ``--severity`` was given), ``metadata.duration-missing``,
  ``metadata.impact-missing``, ``metadata.author-missing``, ``metadata.reviewers-missing``;
- ``timeline.entries-missing``;
- ``structure.empty-section`` for every other required section (Contributing Factors stands
  for the empty 5-whys chain too);
- ``actions.incomplete`` on the TODO row of the action table (owner, due date and priority
  in one finding).

Everything else (title, date, section set and order, the UTC statement, the table header)
already passes.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import unicodedata

from pmcheck.config import data_text
from pmcheck.options import Options
from pmcheck.template import SECTION_NAMES, Template

_GENERIC = "<!-- What this section asks for, in a few sentences. -->\n\nTODO\n"


def slugify(title: str, limit: int = 60) -> str:
    """'Ünïcödé / weird: title?' -> 'unicode-weird-title' (accents dropped, not the letters)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
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
    header, blocks = split_template(data_text("postmortem.md"))
    body = "\n".join(section_block(key, opts.template, blocks)
                     for key in section_keys(opts.template))
    text = string.Template(header + body)
    return text.substitute(
        title=" ".join(title.split()),
        date=date.isoformat(),
        severity=severity or "TODO",
        severities=", ".join(opts.severities),
        priorities=", ".join(opts.priorities),
    )


def split_template(text: str) -> tuple[str, dict[str, str]]:
    """(header before the first ``## ``, section key -> the block's text after its heading)."""
    parts = re.split(r"^## (.+)\n", text, flags=re.M)
    blocks = {}
    for heading, block in zip(parts[1::2], parts[2::2]):
        key = next((k for k, (name, _) in SECTION_NAMES.items() if name == heading.strip()),
                   None)
        if key is not None:
            blocks[key] = block
    return parts[0], blocks


def section_keys(template: Template) -> list[str]:
    """Summary, then the required sections in the template's order: the required list, moved
    only where an ``order`` pair says otherwise."""
    keys = list(dict.fromkeys(("summary", *template.required)))
    if "summary" not in template.required and "summary" in {b for _, b in template.order}:
        keys.remove("summary")
        keys.append("summary")
    for _ in range(len(keys)):  # bounded: an order with a cycle is left as the list says
        moved = False
        for before, after in template.order:
            if before in keys and after in keys and keys.index(before) > keys.index(after):
                keys.remove(before)
                keys.insert(keys.index(after), before)
                moved = True
        if not moved:
            break
    return keys


def heading(key: str, template: Template) -> str:
    """The display name, or for a custom key the first alias that resolves back to it."""
    name = template.display(key)
    if template.resolve(name) == key:
        return name
    for k, aliases in template.aliases:
        for alias in aliases if k == key else ():
            if template.resolve(alias) == key:
                return alias
    return name


def section_block(key: str, template: Template, blocks: dict[str, str]) -> str:
    block = blocks.get(key, "\n" + _GENERIC)
    return f"## {heading(key, template)}\n{block.rstrip()}\n"
