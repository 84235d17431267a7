"""The configuration of a run whose checkout is untrusted, read from the base branch via the API.

Under ``pull_request_target`` and ``workflow_run`` (the fork pattern's second workflow) the token
can write while the checkout may hold a fork's files. A ``.pmcheck.yml`` in that checkout would
let the pull request switch rules off (or point ``paths`` away from its postmortems) and still
get a green check and clean comments. So these runs read the file named by the `config` input
from the base commit, ``GET /repos/{owner}/{repo}/contents/{path}?ref=<base sha>``, and never
from the workspace; a file that cannot be read there stops the run (it is never replaced by the
checkout's copy). With the `config` input empty the base commit is asked for ``.pmcheck.yml``,
then ``.pmcheck.yaml`` (the CLI's discovery order, ``pmcheck.config.CONFIG_NAMES``); neither
there means the built-in defaults, as in the checkout.

The base commit: the event's ``pull_request.base.sha`` (pull_request_target), else
``GITHUB_SHA``, which GitHub sets to the base branch's last commit for pull_request_target and
to the default branch's last commit for workflow_run.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from github.GithubException import GithubException

from pmcheck.action.config_load import (
    ActionConfigError,
    named_config,
    options_from_text,
)
from pmcheck.options import Options

MAX_BYTES = 1024 * 1024  # the same cap as a file read from the checkout


def base_ref(settings) -> str:
    """The base commit to read the configuration from ("" when the run does not say)."""
    try:
        event = json.loads(open(settings.event_path, encoding="utf-8").read())
        sha = ((event.get("pull_request") or {}).get("base") or {}).get("sha")
        if isinstance(sha, str) and sha:
            return sha
    except (OSError, TypeError, ValueError, AttributeError):
        pass
    return settings.sha


def fetch_options(settings, repo) -> Options:
    """Options from the base commit's configuration file (see the module docstring)."""
    from pmcheck.config import CONFIG_NAMES

    ref = base_ref(settings)
    name = named_config(settings)
    names = [name] if name else list(CONFIG_NAMES)
    if not ref:
        raise ActionConfigError(f"input config: on {settings.event_name} pmcheck reads "
                                f"{' or '.join(names)} from the base commit, but neither the "
                                "event nor GITHUB_SHA names it")
    where = f"at the base commit {ref[:7]}"
    for candidate in names:
        rel = PurePosixPath(candidate.replace("\\", "/")).as_posix()
        if rel.startswith("/") or ".." in PurePosixPath(rel).parts:
            raise ActionConfigError(f"input config: {candidate!r} must be a path inside the "
                                    "repository")
        try:
            content = repo.get_contents(rel, ref=ref)
        except GithubException as exc:
            if exc.status == 404 and name is None:
                continue  # discovery: try the next name
            raise _unreadable(settings, rel, where, exc) from None
        return options_from_text(_text_of(content, rel, where), rel, where=where,
                                 files=_files_at(repo, ref, where))
    return Options()


def _files_at(repo, ref: str, where: str):
    """What an ``extends:`` names, read from the same commit (never from the checkout)."""
    from pmcheck.config_extends import PosixFiles

    def read(name: str) -> str:
        try:
            return _text_of(repo.get_contents(name, ref=ref), name, where)
        except GithubException as exc:
            if exc.status == 404:
                raise
            from pmcheck.github.review import reason

            raise ValueError(f"{where}: {reason(exc)}") from None
        except ActionConfigError as exc:  # "input config: NAME WHERE is ...": keep the why
            raise ValueError(str(exc).split(f"{name} ", 1)[-1]) from None

    return PosixFiles(read, missing=lambda exc: getattr(exc, "status", None) == 404)


def _unreadable(settings, rel: str, where: str, exc: GithubException) -> ActionConfigError:
    from pmcheck.github.review import reason

    why = "no such file" if exc.status == 404 else reason(exc)
    hint = ("; leave the config input empty to use .pmcheck.yml or .pmcheck.yaml when present"
            if exc.status == 404 else "")
    return ActionConfigError(f"input config: {rel} {where}: {why}{hint} (on "
                             f"{settings.event_name} the configuration is read from the "
                             "base branch, never from the pull request)")


def _text_of(content, rel: str, where: str) -> str:
    if isinstance(content, list) or getattr(content, "type", "file") != "file":
        raise ActionConfigError(f"input config: {rel} {where} is not a regular file")
    if (content.size or 0) > MAX_BYTES:
        raise ActionConfigError(f"input config: {rel} {where} is larger than 1 MiB")
    try:
        text = content.decoded_content.decode("utf-8")
    except UnicodeDecodeError:
        raise ActionConfigError(f"input config: {rel} {where} is not UTF-8 text") from None
    return text.replace("\r\n", "\n")
