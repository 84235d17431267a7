"""Front matter: cut it out of the Markdown (blank lines keep numbering) and read it.

YAML between ``---`` lines (Jekyll, MkDocs, Docusaurus...) and TOML between ``+++`` lines
(Hugo, Zola: ``title = "..."``, ``authors = ["..."]``).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import warnings
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
    fence = lines[0].strip() if lines else ""
    if fence not in ("---", "+++"):
        return FrontMatter(body_lines=[ln + "\n" for ln in lines])
    closers = ("---", "...") if fence == "---" else ("+++",)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in closers), None)
    if end is None:
        if fence == "+++":  # not front matter then, just a line of pluses
            return FrontMatter(body_lines=[ln + "\n" for ln in lines])
        return FrontMatter(body_lines=[ln + "\n" for ln in lines],
                           notes=[(1, "front-matter-invalid",
                                   "front matter starts with '---' but is never closed; "
                                   "add a closing '---' line")])
    body = ["\n"] * (end + 1) + [ln + "\n" for ln in lines[end + 1:]]
    fm = FrontMatter(body_lines=body, end_line=end + 1)
    if fence == "+++":
        _load_toml(fm, lines[1:end])
    else:
        _load(fm, "\n".join(lines[1:end]))
    return fm


FLOW_LIMIT = 64  # [ / { nesting read; ruamel's scanner is quadratic in it (3 s at ~500 levels)


def flow_depth(text: str) -> tuple[int, int]:
    """(deepest [ / { nesting outside quotes, its 0-based line in `text`)."""
    depth = best = best_line = 0
    for n, line in enumerate(text.split("\n")):
        quote = None
        for ch in line:
            if quote:
                quote = None if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch == "#":
                break
            elif ch in "[{":
                depth += 1
                if depth > best:
                    best, best_line = depth, n
            elif ch in "]}":
                depth = max(0, depth - 1)
    return best, best_line


def _load(fm: FrontMatter, text: str) -> None:
    deepest, at = flow_depth(text)
    if deepest > FLOW_LIMIT:
        fm.notes.append((at + 2, "front-matter-invalid",
                         f"front matter nests [ or {{ {deepest} levels deep; pmcheck reads at "
                         f"most {FLOW_LIMIT}; flatten it"))
        return
    # Imported here: most postmortems have no front matter, and ruamel costs ~40 ms to load.
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    yaml.Constructor = _lenient_constructor()
    try:
        with warnings.catch_warnings():  # e.g. ReusedAnchorWarning: valid YAML, not our finding
            warnings.simplefilter("ignore")
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
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # A value ruamel cannot build (a !!binary that is not base64, nesting too deep...).
        fm.notes.append((2, "front-matter-invalid",
                         f"front matter could not be read: {type(exc).__name__}: {exc}"))
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


# a top-level `key = value` line of TOML (bare or quoted key); dotted keys build tables
_TOML_KEY = re.compile(r"""^\s*(?P<key>[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')\s*=\s*(?P<value>.*)$""")
_TOML_AT = re.compile(r"at line (\d+), column (\d+)")


def _load_toml(fm: FrontMatter, body: list[str]) -> None:
    """TOML front matter (Hugo, Zola). Values are quoted back as written: strings as TOML
    reads them (escapes resolved), dates, numbers and booleans as their source text."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the backport, a dependency on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads("\n".join(body))
    except tomllib.TOMLDecodeError as exc:
        at = _TOML_AT.search(str(exc))
        # "(at end of document)": the closing '+++' came while a value was still open
        fm.notes.append((int(at.group(1)) + 1 if at else len(body) + 2, "front-matter-invalid",
                         f"front matter is not valid TOML: {exc}"))
        return
    fm.data = dict(data)
    for n, line in enumerate(body):
        if line.lstrip().startswith("["):
            break  # a [table] header: what follows is no longer top-level
        m = _TOML_KEY.match(line)
        if not m:
            continue
        key = m.group("key").strip("\"'")
        value = data.get(key)
        if isinstance(value, dict):
            continue
        items = tuple(_text(v) for v in value) if isinstance(value, list) else ()
        if items:
            text = ", ".join(items)
        elif isinstance(value, str):
            text = value.strip()
        else:  # a date, number or boolean: its source text, without a trailing comment
            text = m.group("value").split("#", 1)[0].strip()
        fm.entries.append((key, text, items, n + 2, m.start("value") + 1))


_CONSTRUCTOR = None


def _lenient_constructor():
    """The round-trip constructor, except that a timestamp that is no real date or time
    ("2026-02-30", "2026-03-14T25:00") stays text, so the metadata rules report it at its line."""
    global _CONSTRUCTOR
    if _CONSTRUCTOR is None:
        from ruamel.yaml.constructor import RoundTripConstructor

        class Lenient(RoundTripConstructor):
            def construct_yaml_timestamp(self, node, values=None):
                try:
                    return super().construct_yaml_timestamp(node, values)
                except (ValueError, OverflowError):
                    return self.construct_scalar(node)

        Lenient.add_constructor("tag:yaml.org,2002:timestamp", Lenient.construct_yaml_timestamp)
        _CONSTRUCTOR = Lenient
    return _CONSTRUCTOR


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
