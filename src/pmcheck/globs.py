"""Path globs as the configuration and the Action's ``paths`` input write them.

``*`` and ``?`` stay within a directory, ``**`` spans directories (``a/**/b.md`` also matches
``a/b.md``). Paths and patterns may use either separator and a leading ``./``. Used to match
paths that are only names (a pull request's changed files, ``external-paths``); the files on
disk are found with ``Path.glob``.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _normal(path: str) -> str:
    norm = path.replace("\\", "/")
    while norm.startswith("./"):
        norm = norm[2:]
    return norm


def glob_regex(pattern: str) -> re.Pattern[str]:
    """Compile a path glob (see the module docstring)."""
    return _glob_regex(_normal(pattern.strip()))


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def path_matches(path: str, patterns: tuple[str, ...]) -> bool:
    """True when `path` (relative, any separator, optional leading ./) matches a glob."""
    norm = _normal(path)
    return any(glob_regex(p).match(norm) for p in patterns if p.strip())


def excluded(path: str, patterns: tuple[str, ...]) -> bool:
    """True when `path` matches an `exclude` glob, or lies under a directory one names
    (``templates`` or ``templates/`` exclude everything below templates/)."""
    if not patterns:
        return False
    norm = _normal(path)
    for p in patterns:
        p = _normal(p.strip())
        if not p:
            continue
        base = p.rstrip("/")
        if glob_regex(p).match(norm) or norm.startswith(base + "/") \
                or (glob_regex(base + "/**").match(norm)):
            return True
    return False
