"""Find, load and validate ``.pmcheck.yml`` into :class:`pmcheck.options.Options`.

The only module (with front matter parsing) that imports ruamel.yaml. Every error names the
file, the line and the fix: ``config: .pmcheck.yml:12: "due-policy.P4" is not a priority;
known priorities: P1, P2, P3``. ``pmcheck init`` writes the commented default from
``pmcheck/data/pmcheck.yml``, changing values by round-trip so the comments survive.
"""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from pmcheck.config_schema import ConfigError, derive_due_policy, validate
from pmcheck.options import Options

CONFIG_NAMES = (".pmcheck.yml", ".pmcheck.yaml")


# ---------------------------------------------------------------------------------------------
# Discovery

def find_repo_top(start: Path) -> Path | None:
    """The nearest directory at or above `start` holding ``.git`` (a dir or a worktree file)."""
    for d in (start.resolve(), *start.resolve().parents):
        if (d / ".git").exists():
            return d
    return None


def config_here(exists) -> str | None:
    """The configuration file of one directory: the first of CONFIG_NAMES for which
    `exists(name)` is true, else None. The one discovery rule, shared by the CLI (each
    directory up to the repository root) and the Action (the workspace root, and the base
    commit under pull_request_target), so both read the same file."""
    return next((name for name in CONFIG_NAMES if exists(name)), None)


def find_config(start: Path) -> Path | None:
    """``.pmcheck.yml`` (or ``.pmcheck.yaml``) in `start` or its parents, not looking above
    the repository root."""
    top = find_repo_top(start)
    for d in (start.resolve(), *start.resolve().parents):
        name = config_here(lambda n, d=d: (d / n).is_file())
        if name is not None:
            return d / name
        if top is not None and d == top:
            break
    return None


def project_root(config_path: Path | None, start: Path) -> Path:
    """Directory holding the config file, else the git top level, else `start`."""
    if config_path is not None:
        return config_path.resolve().parent
    return find_repo_top(start) or start.resolve()


def display(path: Path) -> str:
    """`path` relative to the working directory when it lies below it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


# ---------------------------------------------------------------------------------------------
# Loading

def load_config(path: Path | None, start: Path) -> Options:
    """Options from `path` (``--config``) or the config found from `start`; defaults if none."""
    if path is None:
        path = find_config(start)
        if path is None:
            return Options()
    source = display(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(source, 1, "file not found; pass an existing file to --config "
                          "or run `pmcheck init` to create one") from None
    except OSError as exc:
        raise ConfigError(source, 1, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(source, line, "not valid UTF-8; save the file as UTF-8") from None
    from pmcheck.config_extends import LocalFiles

    return replace(parse_config(text, source, files=LocalFiles(),
                                name=os.path.realpath(path)),
                   source=str(path))


def load_yaml(text: str, source: str) -> Any:
    """Round-trip load, turning YAML errors into ConfigError at the offending line."""
    # ruamel is imported here, not at module level: most runs have no config file, and the
    # import is a noticeable share of a one-file `pmcheck check`.
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(source, line, f"YAML syntax error: {problem}; fix the YAML "
                          "syntax (quote values that contain ': ' or start with '@')") from None


def parse_config(text: str, source: str = ".pmcheck.yml", files=None,
                 name: str | None = None) -> Options:
    """Validate config text and build Options. An ``extends:`` key reads the files it names
    through `files` (pmcheck.config_extends.Files; default: the file system, `name` being
    this file's path, default `source`)."""
    data = load_yaml(text, source)
    if data is None:
        return Options()
    if not isinstance(data, dict):  # ruamel's CommentedMap is a dict
        raise ConfigError(source, 1, "the file must be a mapping of settings such as "
                          "`paths:` and `rules:`; see `pmcheck init` for an example")
    if "extends" in data:
        from pmcheck.config_extends import LocalFiles, resolve

        files = files or LocalFiles()
        # `name` canonical (a real path for the file system), so a cycle back here is seen
        data = resolve(data, name or files.join(source, os.path.basename(source)),
                       files, load_yaml, shown=source)
    return validate(data, source)


# ---------------------------------------------------------------------------------------------
# pmcheck init

def default_config_text() -> str:
    return data_text("pmcheck.yml")


def data_text(name: str) -> str:
    """A text file shipped in ``pmcheck/data``."""
    from importlib import resources  # here: only `init` and `new` read data files

    return (resources.files("pmcheck") / "data" / name).read_text(encoding="utf-8")


def render_init(template: str | None = None, sprint_days: int | None = None) -> str:
    """The commented default config, with the given values changed in place (comments kept)."""
    text = default_config_text()
    if template is None and sprint_days is None:
        return text
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    if template is not None:
        data["template"] = template
    if sprint_days is not None:
        data["sprint-days"] = sprint_days
    out = io.StringIO()
    yaml.dump(data, out)
    result = out.getvalue()
    parse_config(result, ".pmcheck.yml")  # never write a config we would reject
    return result


__all__ = ["ConfigError", "load_config", "parse_config", "find_config", "config_here", "project_root",
           "render_init", "default_config_text", "derive_due_policy"]
