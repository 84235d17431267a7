"""The Action's orchestration: settings -> mode -> run -> outputs, job summary, exit code.

Everything the run needs (environment, output stream, client factory) is passed in, so tests
can run it in-process or through ``entrypoint.py`` exactly as the runner does. Problems the user
can fix (bad input, bad config, an event without a PR, no token, an unreachable API) become one
``::error`` line and exit 2, never a traceback; the token never reaches any output.

Before any API request: the settings, the mode, the configuration file (one loader for every
mode: :mod:`pmcheck.action.config_load`) and, for the modes that call the API (review,
follow-up), the repository, the token and ``GITHUB_API_URL``. Gate mode needs none of those.
"""

from __future__ import annotations

import io
import os
import re
import sys
import uuid
from pathlib import Path
from typing import Callable, Mapping, TextIO

from pmcheck.action.config_load import ActionConfigError, load_options
from pmcheck.action.mode import ModeError, choose_mode
from pmcheck.action.result import ModeResult
from pmcheck.action.settings import Settings, SettingsError
from pmcheck.github.safety import redact
from pmcheck.reporters.github import escape_data, escape_property

# Set by tests that run against a local emulator: no pauses between requests, quick retries.
NO_THROTTLE_ENV = "PMCHECK_NO_THROTTLE"
SUMMARY_CAP = 1024 * 1024 - 1024  # GitHub refuses a step summary of 1 MiB or more
API_MODES = ("review", "followup")
UNTRUSTED_EVENTS = ("pull_request_target", "workflow_run")  # see pmcheck.github.config_fetch
_HTTP_URL = re.compile(r"^https?://[^/\s]+", re.IGNORECASE)


def main(env: Mapping[str, str] | None = None, out: TextIO | None = None,
         connect: Callable | None = None) -> int:
    env = os.environ if env is None else env
    secrets = [env.get("INPUT_GITHUB-TOKEN", ""), env.get("GITHUB_TOKEN", "")]
    out = Redacting(out or sys.stdout, secrets)
    stderr, sys.stderr = sys.stderr, Redacting(sys.stderr, secrets)  # libraries' logs
    try:
        return _main(env, out, connect, secrets)
    finally:
        sys.stderr = stderr


class Redacting(io.TextIOBase):
    """A text stream that replaces every secret before it reaches `target`.

    Everything pmcheck prints (and, through sys.stderr, whatever a library logs or warns)
    passes through it, so a token echoed in an exception or an API error never reaches the log.
    """

    def __init__(self, target: TextIO, secrets: list[str]):
        self.target, self.secrets = target, secrets

    def write(self, text: str) -> int:
        self.target.write(redact(text, self.secrets))
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def writable(self) -> bool:
        return True


def _main(env: Mapping[str, str], out: TextIO, connect: Callable | None,
          secrets: list[str]) -> int:
    try:
        settings = Settings.from_env(env)
        secrets.append(settings.token)
        mode = choose_mode(settings.event_name, settings.mode)
    except (SettingsError, ModeError) as exc:
        return _fail(out, env, str(exc), secrets)
    try:
        result = run_mode(mode, settings, env, out, connect)
    except ActionConfigError as exc:
        return _fail(out, env, str(exc), secrets, file=exc.path, line=exc.line)
    except Exception as exc:  # noqa: BLE001 - one clear line instead of a traceback
        return _fail(out, env, describe(exc, settings.api_url), secrets)
    write_outputs(settings.output_path,
                  {k: redact(str(v), secrets) for k, v in result.outputs.items()})
    append_summary(settings.summary_path, redact(result.summary, secrets))
    return result.exit_code


def run_mode(mode: str, settings: Settings, env: Mapping[str, str], out: TextIO,
             connect: Callable | None) -> ModeResult:
    if mode in API_MODES:
        check_api_settings(mode, settings)
    # pull_request_target / workflow_run: the checkout may be a fork's; config from the base
    untrusted = mode == "review" and settings.event_name in UNTRUSTED_EVENTS
    opts = None if untrusted else load_options(settings, followup=mode != "review")
    if mode == "gate":  # no API: no client, no repository needed
        from pmcheck.action import gate_mode
        return gate_mode.run(settings, None, None, out, opts=opts)
    from pmcheck.github import client

    factory = connect or client.connect
    gh = factory(settings, for_tests=env.get(NO_THROTTLE_ENV, "") == "1")
    repo = gh.get_repo(settings.repository)  # lazy: no request
    if untrusted:
        from pmcheck.github.config_fetch import fetch_options
        opts = fetch_options(settings, repo)
    if mode == "review":
        from pmcheck.action import review_mode
        return review_mode.run(settings, gh, repo, out, opts=opts)
    from pmcheck.action import followup_mode
    return followup_mode.run(settings, gh, repo, out, opts=opts)


def check_api_settings(mode: str, settings: Settings) -> None:
    """What a mode that calls the API needs, checked before the first request."""
    if not settings.repository:
        raise SettingsError(f"GITHUB_REPOSITORY is not set; {mode} mode calls the GitHub API "
                            "and needs \"owner/name\" (the runner sets it)")
    if not settings.token:
        raise SettingsError(
            f"no GitHub token: the input github-token is empty and GITHUB_TOKEN is not set; "
            f"{mode} mode calls the GitHub API and needs one. Keep the default github-token: "
            "${{ github.token }}; a secret that is not set (as on pull requests from forks) "
            "is empty, so write ${{ secrets.NAME || github.token }}")
    if not _HTTP_URL.match(settings.api_url):
        raise SettingsError(f"GITHUB_API_URL: {settings.api_url!r} is not an http(s) URL; "
                            "use https://api.github.com, or https://HOST/api/v3 on GitHub "
                            "Enterprise Server")


def describe(exc: Exception, api_url: str = "") -> str:
    """A one-line message for an exception that ended the run."""
    from github.GithubException import BadCredentialsException, GithubException

    from pmcheck.github.client import (
        describe_unreachable,
        network_error,
        rate_limited,
        server_failure,
    )
    from pmcheck.github.review import reason

    if isinstance(exc, BadCredentialsException):
        return "GitHub refused the token (401); pass github-token: ${{ github.token }}"
    if isinstance(exc, GithubException):
        return f"GitHub API error: {reason(exc)}"
    if network_error(exc):
        return describe_unreachable(api_url or "GITHUB_API_URL", exc)
    if rate_limited(exc):
        return f"GitHub at {api_url or 'GITHUB_API_URL'}: {rate_limited(exc)}"
    if server_failure(exc):
        return (f"GitHub at {api_url or 'GITHUB_API_URL'} kept failing ({server_failure(exc)}); "
                "nothing is lost: run the workflow again later")
    known = ("ReviewError", "ConfigError", "SettingsError", "ModeError", "WorkspaceError",
             "PatchError", "ActionConfigError")
    if type(exc).__name__ in known:
        return str(exc)
    return f"internal error: {type(exc).__name__}: {exc}; please report it"


def _fail(out: TextIO, env: Mapping[str, str], message: str, secrets: list[str], *,
          file: str = "", line: int = 0) -> int:
    """One ``::error`` line (with ``file=`` and ``line=`` when the problem is in a file), a
    "could not run" job summary, exit 2."""
    message = redact(message, secrets)
    where = f"file={escape_property(file)},line={max(line, 1)}," if file else ""
    print(f"::error {where}title=pmcheck::{escape_data(message)}", file=out)
    path = env.get("GITHUB_STEP_SUMMARY")
    if path:
        append_summary(Path(path), f"## pmcheck: could not run\n\n{message}\n")
    return 2


def write_outputs(path: Path | None, outputs: Mapping[str, str]) -> None:
    """Append step outputs to GITHUB_OUTPUT (multi-line values with a random delimiter)."""
    if path is None or not outputs:
        return
    lines = []
    for name, value in outputs.items():
        if "\n" in value or "\r" in value:
            delimiter = f"pmcheck_{uuid.uuid4().hex}"
            lines.append(f"{name}<<{delimiter}\n{value}\n{delimiter}")
        else:
            lines.append(f"{name}={value}")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def append_summary(path: Path | None, markdown: str) -> None:
    """Append to GITHUB_STEP_SUMMARY, keeping the file under GitHub's 1 MiB limit."""
    if path is None or not markdown:
        return
    used = path.stat().st_size if path.exists() else 0
    data = markdown.encode("utf-8")
    room = SUMMARY_CAP - used
    if room <= 0:
        return
    if len(data) > room:
        cut = data[: max(0, room - 200)].decode("utf-8", errors="ignore")
        data = (cut + "\n\n…summary cut at GitHub's 1 MiB limit.\n").encode("utf-8")
    with open(path, "ab") as handle:
        handle.write(data)
