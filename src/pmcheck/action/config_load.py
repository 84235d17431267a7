"""The one way every Action mode reads the configuration file from the checkout.

Review, follow-up and gate modes all call :func:`load_options`, once, before any API request:

* the `config` input names a file relative to the workspace, which must exist; empty (the
  default), or the old default ``.pmcheck.yml``, means discovery as the CLI does it
  (:func:`pmcheck.config.config_here`): ``.pmcheck.yml``, else ``.pmcheck.yaml``, at the
  workspace root, else the built-in defaults;
* the file gets the same checks as a postmortem (``workspace.read_text``): every path component
  lstat-ed (no symbolic links anywhere), the real path inside the workspace, a regular file, a
  size cap, UTF-8;
* a problem raises :class:`ActionConfigError` carrying the workspace-relative path and the line,
  so the Action prints one ``::error file=.pmcheck.yml,line=N`` annotation and stops.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import PurePosixPath

from pmcheck.action.workspace import WorkspaceError, read_text
from pmcheck.options import Options

DEFAULT_CONFIG = ".pmcheck.yml"  # the `config` input's value before discovery, read as ""


class ActionConfigError(ValueError):
    """The configuration cannot be used. `path` (workspace-relative) and `line` are set when
    the problem is inside the file (0 when the file itself cannot be read)."""

    def __init__(self, message: str, path: str = "", line: int = 0):
        self.path, self.line = path, line
        super().__init__(message)


def load_options(settings, *, followup: bool = False) -> Options:
    """Options from the `config` input's file in ``settings.workspace``.

    `followup`: also check the ``followup:`` keys the follow-up and gate modes read (review
    mode ignores that section, so an unknown key there does not stop a review).
    """
    from pmcheck.config import config_here

    root = settings.workspace
    name = named_config(settings)
    if name is None:  # lexists: a symbolic link is found, then refused by read_text
        name = config_here(lambda n: os.path.lexists(os.path.join(root, n)))
        if name is None:
            return Options()
    try:
        text = read_text(root, name)
    except WorkspaceError as exc:
        missing = "no such file" in str(exc)
        hint = ("; create it, or leave the config input empty to use .pmcheck.yml or "
                ".pmcheck.yaml when present") if missing else ""
        raise ActionConfigError(f"input config: {exc}{hint}") from None
    return options_from_text(text, PurePosixPath(name.replace("\\", "/")).as_posix(),
                             followup=followup, files=workspace_files(root))


def workspace_files(root):
    """The files an ``extends:`` names, read with the same checks as the config file itself
    (inside the workspace, no symbolic links, size cap, UTF-8)."""
    from pmcheck.config_extends import PosixFiles

    return PosixFiles(lambda name: read_text(root, name),
                      missing=lambda exc: "no such file" in str(exc))


def named_config(settings) -> str | None:
    """The file the `config` input names, or None to discover it (input empty or the old
    default, so a workflow that spelt out `config: .pmcheck.yml` still finds .pmcheck.yaml)."""
    name = (settings.config or "").strip()
    return None if name in ("", DEFAULT_CONFIG) else name


def config_name(settings) -> str:
    """The configuration file the `config` input names (the first discovery name when it
    names none), for messages."""
    return named_config(settings) or DEFAULT_CONFIG


def options_from_text(text: str, rel: str, *, followup: bool = False,
                      where: str = "", files=None) -> Options:
    """Options from the text of configuration file `rel`; `where` is added to messages (e.g.
    "at the base commit abc1234") when the text did not come from the checkout. `files`
    reads what an ``extends:`` names (pmcheck.config_extends.PosixFiles); without it an
    ``extends:`` is an error."""
    from pmcheck.config import parse_config
    from pmcheck.config_schema import ConfigError
    from pmcheck.followup import FollowupConfigError, followup_config

    from pmcheck.config_extends import PosixFiles

    def nothing(name: str) -> str:
        raise ValueError("cannot be read here; extends is not available in this run")

    label = f"{rel} ({where})" if where else rel
    try:
        opts = replace(parse_config(text, rel, files=files or PosixFiles(
            nothing, missing=lambda exc: False), name=rel), source=rel)
        if followup:
            followup_config(opts)
    except ConfigError as exc:
        path = exc.source or rel  # an extended file's own error names that file
        shown = f"{path} ({where})" if where else path
        raise ActionConfigError(f"config: {shown}:{exc.line}: {exc.message}", path,
                                exc.line) from None
    except FollowupConfigError as exc:
        line = key_line(text, "followup", exc.key)
        raise ActionConfigError(f"config: {label}:{line}: followup.{exc.key}: {exc.problem}",
                                rel, line) from None
    return opts


def key_line(text: str, section: str, key: str) -> int:
    """The line of `key:` inside the top-level `section:` mapping (1 when not found)."""
    inside, found = False, 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not raw[:1].isspace():  # a top-level key
            inside = stripped.split(":", 1)[0].strip("'\" ") == section
            if inside and not found:
                found = number
            continue
        if inside and stripped.split(":", 1)[0].strip("'\" ") == key:
            return number
    return found or 1
