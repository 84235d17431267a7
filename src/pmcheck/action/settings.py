"""Action settings, read once from the environment the runner gives a Docker action.

The runner passes every input declared in ``action.yml`` as ``INPUT_<NAME>``: the name
upper-cased, hyphens kept (``INPUT_GITHUB-TOKEN``, ``INPUT_FAIL-ON``), defaults applied. The
runner's own context arrives as ``GITHUB_*`` variables. :meth:`Settings.from_env` turns both into
one frozen value and rejects bad input with a message naming the input and the fix.

Extra inputs (those a mode reads that are not fields here) stay reachable with
:meth:`Settings.input`, so a mode can add an input in ``action.yml`` without touching this file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping


MODES = ("auto", "review", "followup", "gate", "queue")
DEFAULT_API_URL = "https://api.github.com"
DEFAULT_SERVER_URL = "https://github.com"
DEFAULT_PATHS = ("postmortems/**/*.md",)

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}
_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


class SettingsError(ValueError):
    """An input or environment variable is missing or malformed; the message says which."""


@dataclass(frozen=True)
class Settings:
    token: str = field(repr=False)
    mode: str = "auto"
    paths: tuple[str, ...] = DEFAULT_PATHS
    config: str = ""  # the `config` input; "" = discover .pmcheck.yml or .pmcheck.yaml
    fail_on: str = "error"
    today: dt.date | None = None
    dry_run: bool = False
    event_name: str = ""
    event_path: Path | None = None
    repository: str = ""
    api_url: str = DEFAULT_API_URL
    server_url: str = DEFAULT_SERVER_URL
    workspace: Path = field(default_factory=Path.cwd)
    output_path: Path | None = None
    summary_path: Path | None = None
    sha: str = ""
    ref: str = ""
    # Every INPUT_* value, keyed by the lower-case input name ("fail-on"), for extra inputs.
    inputs: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        inputs = read_inputs(env)
        token = inputs.get("github-token", "").strip() or env.get("GITHUB_TOKEN", "").strip()
        workspace = Path(env.get("GITHUB_WORKSPACE") or os.getcwd())
        return cls(
            token=token,
            mode=_choice("mode", inputs.get("mode", ""), MODES, "auto"),
            paths=parse_paths(inputs.get("paths", "")),
            config=inputs.get("config", "").strip(),  # "": .pmcheck.yml or .pmcheck.yaml
            fail_on=_fail_on(inputs),
            today=parse_date("today", inputs.get("today", "")),
            dry_run=parse_bool("dry-run", inputs.get("dry-run", "")),
            event_name=env.get("GITHUB_EVENT_NAME", "").strip(),
            event_path=_opt_path(env.get("GITHUB_EVENT_PATH")),
            repository=_repository(env.get("GITHUB_REPOSITORY", "")),
            api_url=(env.get("GITHUB_API_URL") or DEFAULT_API_URL).strip().rstrip("/"),
            server_url=(env.get("GITHUB_SERVER_URL") or DEFAULT_SERVER_URL).strip().rstrip("/"),
            workspace=workspace,
            output_path=_opt_path(env.get("GITHUB_OUTPUT")),
            summary_path=_opt_path(env.get("GITHUB_STEP_SUMMARY")),
            sha=env.get("GITHUB_SHA", "").strip(),
            ref=env.get("GITHUB_REF", "").strip(),
            inputs=tuple(sorted(inputs.items())),
        )

    def input(self, name: str, default: str = "") -> str:
        """The raw value of input `name` ("write-budget"), or `default` when unset or blank."""
        value = dict(self.inputs).get(name.lower(), "").strip()
        return value or default

    def adoption(self, opts):
        """Which findings fail: the gradual-adoption inputs laid over `opts`' config keys."""
        return adoption_inputs(dict(self.inputs)).over(opts.adoption)

    @property
    def owner_repo(self) -> tuple[str, str]:
        if not self.repository:
            raise SettingsError("GITHUB_REPOSITORY is not set; expected \"owner/name\"")
        owner, name = self.repository.split("/", 1)
        return owner, name


def read_inputs(env: Mapping[str, str]) -> dict[str, str]:
    """INPUT_FAIL-ON=x -> {"fail-on": "x"}; names are lower-cased, hyphens and underscores kept."""
    return {key[len("INPUT_"):].lower(): value for key, value in env.items()
            if key.startswith("INPUT_") and len(key) > len("INPUT_")}


def parse_paths(text: str) -> tuple[str, ...]:
    """Globs separated by newlines or commas; blank entries dropped; default when empty."""
    parts = [p.strip() for chunk in text.splitlines() for p in chunk.split(",")]
    globs = tuple(p for p in parts if p)
    for glob in globs:
        if _leaves_root(glob):
            raise SettingsError(f"input paths: {glob!r} leaves the repository; write globs "
                                "relative to the repository root, e.g. postmortems/**/*.md")
    return globs or DEFAULT_PATHS


def _leaves_root(glob: str) -> bool:
    """An absolute glob ("/x", "C:/x") or one with a ".." part: it reaches outside the workspace."""
    posix = glob.replace("\\", "/")
    return posix.startswith("/") or glob[1:2] == ":" or ".." in posix.split("/")


def parse_bool(name: str, text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"input {name}: {text.strip()!r} is not a boolean; use true or false")


def parse_date(name: str, text: str) -> dt.date | None:
    value = text.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SettingsError(
            f"input {name}: {value!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-14") from None


def _fail_on(inputs: Mapping[str, str]) -> str:
    """The fail-on input as written ("error" when blank), after checking it and the other
    gradual-adoption inputs (since, only-changed-lines): see :func:`adoption`."""
    adoption_inputs(inputs)
    return " ".join(inputs.get("fail-on", "").lower().split()) or "error"


def adoption_inputs(inputs: Mapping[str, str]):
    """fail-on / since / only-changed-lines inputs as a pmcheck.adoption.Adoption."""
    from pmcheck.adoption import AdoptionError, from_inputs
    from pmcheck.config_schema import known_rule_or_category

    try:
        return from_inputs(inputs.get("fail-on", ""), inputs.get("since", ""),
                           inputs.get("only-changed-lines", ""), known_rule_or_category)
    except AdoptionError as exc:
        raise SettingsError(str(exc)) from None


def _choice(name: str, text: str, allowed: tuple[str, ...], default: str) -> str:
    value = text.strip().lower() or default
    if value not in allowed:
        raise SettingsError(
            f"input {name}: {text.strip()!r} is not allowed; use one of {', '.join(allowed)}")
    return value


def _repository(text: str) -> str:
    value = text.strip()
    if value and not _REPO.match(value):
        raise SettingsError(f"GITHUB_REPOSITORY: {value!r} is not of the form \"owner/name\"")
    return value


def _opt_path(text: str | None) -> Path | None:
    return Path(text) if text and text.strip() else None
