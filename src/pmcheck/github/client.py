"""The one place that builds a PyGithub client.

* ``base_url`` is ``GITHUB_API_URL`` (``https://HOST/api/v3`` on GitHub Enterprise Server).
* :class:`SafeRetry` extends PyGithub's :class:`GithubRetry`: primary and secondary rate limits
  (403 with a rate-limit message, 429, ``Retry-After``) are waited out and retried for every
  method, PATCH and DELETE included. A POST that fails with 5xx or a read timeout is NOT retried
  here: GitHub may have created the object already, so the caller re-lists before re-posting.
* ``lazy=True``: ``get_repo``/``get_pull``/``get_issue`` cost no request until an attribute that
  was not loaded is read, so a run makes only the requests it needs.
* Writes are spaced by ``seconds_between_writes`` (GitHub asks for about one per second);
  tests pass ``for_tests=True`` so nothing sleeps.
"""

from __future__ import annotations

import logging
from typing import Any

from github import Auth, Github, GithubRetry
from github.GithubException import GithubException
from urllib3.exceptions import ProtocolError, ReadTimeoutError

USER_AGENT = "pmcheck-action"
TIMEOUT_SECONDS = 20
MAX_RATE_LIMIT_WAIT = 15 * 60  # give up rather than hold a runner for an hour


class SafeRetry(GithubRetry):
    """GithubRetry that never replays a POST whose outcome is unknown (5xx, read timeout)."""

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if _is_post(method) and status_code >= 500:
            return False
        return super().is_retry(method, status_code, has_retry_after)

    def increment(self, method: str | None = None, url: str | None = None,
                  response: Any = None, error: Exception | None = None, _pool: Any = None,
                  _stacktrace: Any = None):  # type: ignore[override]
        if _is_post(method) and isinstance(error, (ReadTimeoutError, ProtocolError)):
            raise error  # the request may have been applied; the caller re-lists first
        return super().increment(method, url, response, error, _pool, _stacktrace)


class _ExpectedRefusals(logging.Filter):
    """Keep PyGithub's retry log (rate-limit waits are worth seeing) minus the expected 403 of
    GET /user with an installation token."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "GET /user " not in record.getMessage()


_RETRY_LOG = logging.getLogger("github.GithubRetry")
if not any(isinstance(f, _ExpectedRefusals) for f in _RETRY_LOG.filters):
    _RETRY_LOG.addFilter(_ExpectedRefusals())


def _is_post(method: str | None) -> bool:
    return (method or "").upper() == "POST"


def make_retry(*, for_tests: bool = False) -> SafeRetry:
    methods = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "POST"})
    statuses = list(range(500, 600)) + [429]
    if for_tests:
        return SafeRetry(total=3, backoff_factor=0, secondary_rate_wait=0,
                         max_rate_limit_wait=2, allowed_methods=methods,
                         status_forcelist=statuses)
    return SafeRetry(total=6, backoff_factor=2, secondary_rate_wait=60,
                     max_rate_limit_wait=MAX_RATE_LIMIT_WAIT, allowed_methods=methods,
                     status_forcelist=statuses)


def connect(settings_or_token: Any, api_url: str | None = None, *,
            for_tests: bool = False) -> Github:
    """A Github client for `settings_or_token` (a Settings or a token string).

    `api_url` overrides the settings' api_url; it defaults to https://api.github.com.
    """
    if isinstance(settings_or_token, str):
        token = settings_or_token
        url = api_url or "https://api.github.com"
    else:
        token = settings_or_token.token
        url = api_url or settings_or_token.api_url
    auth = Auth.Token(token) if token else None
    return Github(
        auth=auth,
        base_url=url.rstrip("/"),
        retry=make_retry(for_tests=for_tests),
        timeout=5 if for_tests else TIMEOUT_SECONDS,
        user_agent=USER_AGENT,
        per_page=100,
        lazy=True,
        seconds_between_requests=None if for_tests else 0.1,
        seconds_between_writes=None if for_tests else 1.0,
    )


def own_login(gh: Github) -> str | None:
    """The token's login (GET /user), or None when GitHub refuses or fails to say.

    Installation tokens (the workflow's GITHUB_TOKEN, GitHub Apps) get 403 on GET /user; a
    5xx or a timeout here is not worth failing the run for: :func:`is_ours` then falls back to
    "a [bot] account".
    """
    try:
        return gh.get_user().login
    except GithubException:
        return None
    except OSError:  # requests' ConnectionError / Timeout derive from it
        return None


def is_ours(login: str | None):
    """Predicate on a PyGithub user: written by `login`; without a login, by a [bot] account."""
    def check(user: Any) -> bool:
        if user is None:
            return False
        if login:
            return user.login == login
        return getattr(user, "type", "") == "Bot" and user.login.endswith("[bot]")
    return check
