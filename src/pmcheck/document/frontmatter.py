"""YAML front matter: cut it out of the Markdown (blank lines keep numbering) and read it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Note = tuple[int, str, str]


@dataclass
class FrontMatter:
    body_lines: list[str]  # every source line with "\n"; front matter lines blanked
    data: dict = field(default_factory=dict)
    # (raw key, value as text, items, line, column) for each top-level scalar or list key
    entries: list[tuple[str, str, tuple[str, ...], int, int]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    end_line: int = 0  # line of the closing fence, 0 when there is no front matter


def split(lines: list[str]) -> FrontMatter:
    if not lines or lines[0].strip() != "---":
        return FrontMatter(body_lines=[ln + "\n" for ln in lines])
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return FrontMatter(body_lines=[ln + "\n" for ln in lines],
                           notes=[(1, "front-matter-invalid",
                                   "front matter starts with '---' but is never closed; "
                                   "add a closing '---' line")])
    body = ["\n"] * (end + 1) + [ln + "\n" for ln in lines[end + 1:]]
    fm = FrontMatter(body_lines=body, end_line=end + 1)
    _load(fm, "\n".join(lines[1:end]))
    return fm


def _load(fm: FrontMatter, text: str) -> None:
    # Imported here: most postmortems have no front matter, and ruamel costs ~40 ms to load.
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark is not None else 1
        fm.notes.append((line, "front-matter-invalid",
                         f"front matter is not valid YAML: {exc.problem or exc}"))
        return
    except YAMLError as exc:
        fm.notes.append((1, "front-matter-invalid", f"front matter is not valid YAML: {exc}"))
        return
    if data is None:
        return
    if not isinstance(data, dict):
        fm.notes.append((2, "front-matter-invalid",
                         "front matter must be a mapping of keys to values"))
        return
    fm.data = {str(k): v for k, v in data.items()}
    for key, value in data.items():
        try:
            line, col = data.lc.key(key)
            if not isinstance(value, (list, dict)):
                line, col = data.lc.value(key)
            line, col = line + 2, col + 1
        except (AttributeError, KeyError, TypeError):
            line, col = 2, 1
        items = tuple(_text(v) for v in value) if isinstance(value, list) else ()
        fm.entries.append((str(key), ", ".join(items) if items else _text(value), items,
                           line, col))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return ", ".join(_text(v) for v in value) if isinstance(value, list) else str(value)
    return str(value).strip()
