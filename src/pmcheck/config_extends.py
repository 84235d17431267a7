"""``extends:`` in ``.pmcheck.yml``: start from other local configuration files, then override.

``extends: ../shared/pmcheck-base.yml`` (or a list, applied in order) names files relative to
the directory of the file that says it. The files are merged before validation:

* a key whose value is a mapping on both sides (``rules``, ``fail-on``, ``blame``,
  ``followup``, ``template``, ``due-policy``, ``statuses``...) merges key by key, at every
  depth, the extending file winning;
* any other value (a list such as ``paths`` or ``exclude``, a level, a number, a date)
  replaces the extended file's value whole;
* the extended file may itself use ``extends:``; a cycle, a missing or unreadable file, or an
  absolute path is a ConfigError at the ``extends`` line of the file that names it.

Every merged key keeps the file and line it was written at (:func:`origin`), so an error in a
value that came from an extended file names that file. Globs (``paths``, ``exclude``) stay
relative to the project root (the directory of the file pmcheck was pointed at), wherever
they were written. Reading is done by a :class:`Files` the caller passes: the file system for
the CLI, the workspace checks for the Action.
"""

from __future__ import annotations

import os
import posixpath
from typing import Any, Callable, Protocol

from pmcheck.config_schema import ConfigError

_SOURCE = "_pmcheck_source"  # attribute on a loaded ruamel node: the file it came from
_KEY_SOURCES = "_pmcheck_key_sources"  # on a merged mapping: key -> file


MAX_DEPTH = 16  # files in one extends chain; beyond it a mistake is likelier than a design


class Unreadable(Exception):
    """A file exists (or may) but cannot be used; the text says why."""


class Files(Protocol):
    def join(self, base: str, relative: str) -> str:
        """The name of `relative` as written in file `base`; Unreadable when not allowed."""

    def read(self, name: str) -> str:
        """The text of `name`; FileNotFoundError when missing, Unreadable otherwise."""

    def shown(self, name: str) -> str:
        """How messages name the file."""


class LocalFiles:
    """The file system; names are paths as the caller gave them (relative to the cwd)."""

    def join(self, base: str, relative: str) -> str:
        return os.path.realpath(os.path.join(os.path.dirname(base), relative))

    def read(self, name: str) -> str:
        try:
            raw = open(name, "rb").read()
        except (FileNotFoundError, NotADirectoryError):
            raise FileNotFoundError(name) from None
        except IsADirectoryError:
            raise Unreadable("is a directory, not a file") from None
        except OSError as exc:
            raise Unreadable(f"cannot be read: {exc.strerror or exc}") from None
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Unreadable("is not valid UTF-8; save the file as UTF-8") from None

    def shown(self, name: str) -> str:
        from pmcheck.config import display

        return display(name)


class PosixFiles:
    """Repository-relative names with '/' read by `read_text(name)` (the Action's workspace
    checks, or a commit through the API); `missing(exc)` says an exception means no file."""

    def __init__(self, read_text: Callable[[str], str], missing: Callable[[Exception], bool]):
        self._read, self._missing = read_text, missing

    def join(self, base: str, relative: str) -> str:
        name = posixpath.normpath(posixpath.join(posixpath.dirname(base),
                                                 relative.replace("\\", "/")))
        if name == ".." or name.startswith("../"):
            raise Unreadable("lies outside the repository")
        return name

    def read(self, name: str) -> str:
        try:
            return self._read(name)
        except Exception as exc:  # the reader's own error type; its text says what is wrong
            if self._missing(exc):
                raise FileNotFoundError(name) from None
            raise Unreadable(str(exc)) from None

    def shown(self, name: str) -> str:
        return name


def origin(m: Any, key: Any) -> str | None:
    """The file key `key` of mapping `m` was written in (None: not known here)."""
    sources = getattr(m, _KEY_SOURCES, None)
    if sources and key in sources:
        return sources[key]
    return getattr(m, _SOURCE, None)


def node_source(node: Any) -> str | None:
    return getattr(node, _SOURCE, None)


def tag(node: Any, source: str) -> None:
    """Mark `node` and every mapping / list inside it as read from `source`."""
    if isinstance(node, (dict, list)):
        try:
            setattr(node, _SOURCE, source)
        except AttributeError:  # a plain container (not from ruamel): nothing to mark
            return
        for child in (node.values() if isinstance(node, dict) else node):
            tag(child, source)


def resolve(data: Any, name: str, files: Files, load: Callable[[str, str], Any],
            chain: tuple[str, ...] = (), shown: str | None = None) -> Any:
    """`data` (loaded from file `name`, shown as `shown`) with its ``extends:`` applied,
    recursively; `load` parses text (ConfigError at the line on bad YAML)."""
    shown = shown or files.shown(name)
    tag(data, shown)
    if not isinstance(data, dict) or "extends" not in data:
        return data
    chain = chain + (name,)
    line = _line(data, "extends")
    if len(chain) > MAX_DEPTH:
        raise ConfigError(shown, line, f'"extends": more than {MAX_DEPTH} files deep; '
                          "extend a shared file directly")
    merged: Any = None
    for relative in _targets(data["extends"], shown, line):
        try:
            target = files.join(name, relative)
        except Unreadable as exc:
            raise ConfigError(shown, line, f'"extends": {relative!r} {exc}; write a path '
                              "inside the repository, relative to this file") from None
        if target in chain:
            loop = " -> ".join(files.shown(n) for n in chain[chain.index(target):] + (target,))
            raise ConfigError(shown, line, f'"extends": {relative!r} makes a cycle ({loop}); '
                              "remove one of these extends")
        base = _load_one(target, relative, files, load, shown, line)
        base = resolve(base, target, files, load, chain)
        merged = base if merged is None else merge(merged, base)
    own = _without(data, "extends")
    return own if merged is None else merge(merged, own)


def _targets(value: Any, shown: str, line: int) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(shown, line, '"extends" must be a file path or a list of them, '
                              "e.g. extends: ../shared/pmcheck.yml")
        text = item.strip()
        if text.startswith(("/", "\\")) or text[1:2] == ":" or text.startswith("~"):
            raise ConfigError(shown, line, f'"extends": {text!r} is absolute; write it '
                              "relative to the directory of this file, e.g. ../shared/pmcheck.yml")
        out.append(text)
    if not out:
        raise ConfigError(shown, line, '"extends" is an empty list; name a file or remove it')
    return out


def _load_one(target: str, relative: str, files: Files, load, shown: str, line: int) -> Any:
    try:
        text = files.read(target)
    except FileNotFoundError:
        raise ConfigError(shown, line, f'"extends": {relative!r} not found (looked for '
                          f"{files.shown(target)}); the path is relative to the directory "
                          "of this file") from None
    except Unreadable as exc:
        raise ConfigError(shown, line, f'"extends": {files.shown(target)} {exc}') from None
    data = load(text, files.shown(target))
    if data is None:
        from ruamel.yaml.comments import CommentedMap

        return CommentedMap()
    if not isinstance(data, dict):
        raise ConfigError(files.shown(target), 1, "the file must be a mapping of settings "
                          "such as `paths:` and `rules:` (it is extended by "
                          f"{shown}:{line})")
    return data


def merge(base: Any, over: Any) -> Any:
    """`over` laid on `base` (both mappings): mappings merge key by key, the rest replaces.
    Each key keeps the line and file it was written at."""
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    sources: dict = {}
    for side in (base, over):
        for key in side:
            value = side[key]
            if side is over and key in out and isinstance(out[key], dict) \
                    and isinstance(value, dict):
                value = merge(out[key], value)
            out[key] = value
            sources[key] = origin(side, key)
            pos = _position(side, key)
            if pos is not None:
                out.lc.add_kv_line_col(key, pos)
    setattr(out, _KEY_SOURCES, sources)
    setattr(out, _SOURCE, node_source(over))
    out.lc.line, out.lc.col = getattr(over.lc, "line", None), getattr(over.lc, "col", None)
    return out


def _without(m: Any, drop: str) -> Any:
    """Mapping `m` minus key `drop`, keeping lines and source."""
    from ruamel.yaml.comments import CommentedMap

    trimmed = CommentedMap()
    for key in m:
        if key != drop:
            trimmed[key] = m[key]
            pos = _position(m, key)
            if pos is not None:
                trimmed.lc.add_kv_line_col(key, pos)
    setattr(trimmed, _SOURCE, node_source(m))
    trimmed.lc.line, trimmed.lc.col = m.lc.line, m.lc.col
    return trimmed


def _position(m: Any, key: Any):
    try:
        return list(m.lc.data[key])
    except (AttributeError, KeyError, TypeError):
        return None


def _line(m: Any, key: Any) -> int:
    pos = _position(m, key)
    return pos[0] + 1 if pos else 1
