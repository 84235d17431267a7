"""The one place that builds a PyGithub client.

* ``base_url`` is ``GITHUB_API_URL`` (``https://HOST/api/v3`` on GitHub Enterprise Server).
* :class:`SafeRetry` extends PyGithub's :class:`GithubRetry`: primary and secondary rate limits
  (403 with a rate-limit message, 429, ``Retry-After``) are waited out and retried for every
  method, PATCH and DELETE included. A POST that fails with 5xx or a read timeout is NOT retried
  here: GitHub may have created the object already, so the caller re-lists before re-posting.
* A connection failure (refused, DNS, TLS, no answer in time) is retried only briefly: two quick
  retries for connect errors, one for a read timeout or a TLS failure, so an unreachable
  ``GITHUB_API_URL`` fails in seconds (a host that never answers: 20 s per attempt), not after
  minutes of backoff. Rate-limit and 5xx handling keep their own, longer budget.
  :func:`network_error` and :func:`network_cause` turn what requests raises into one line.
* ``lazy=True``: ``get_repo``/``get_pull``/``get_issue`` cost no request until an attribute that
  was not loaded is read, so a run makes only the requests it needs.
* Writes are spaced by ``seconds_between_writes`` (GitHub asks for about one per second);
  tests pass ``for_tests=True`` so nothing sleeps.
"""

from __future__ import annotations

import logging
import re
import socket
import ssl
from typing import Any

from github import Auth, Github, GithubRetry
from github.GithubException import GithubException
from requests.exceptions import ConnectionError as RequestsConnectionError
from requests.exceptions import (
    InvalidSchema,
    InvalidURL,
    MissingSchema,
    RetryError,
    Timeout,
)
from urllib3.exceptions import (
    ConnectTimeoutError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)

USER_AGENT = "pmcheck-action"
TIMEOUT_SECONDS = 20
MAX_RATE_LIMIT_WAIT = 15 * 60  # give up rather than hold a runner for an hour
CONNECT_RETRIES = 2  # refused, DNS, connect timeout: two quick retries, then give up
READ_RETRIES = 1  # a read timeout or a dropped connection (GETs; a POST is never replayed)
OTHER_RETRIES = 1  # a TLS failure


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
        _note_limit(response)
        return super().increment(method, url, response, error, _pool, _stacktrace)


# The last rate-limit answer the retries saw: once they are used up, requests raises a bare
# RetryError ("too many 403 error responses"), which no longer says how long GitHub asked to
# wait; :func:`rate_limited` puts that back into the message.
LAST_LIMIT: dict[str, object] = {}


def _note_limit(response: Any) -> None:
    if response is None or getattr(response, "status", None) not in (403, 429):
        return
    headers = getattr(response, "headers", None) or {}
    wait = headers.get("Retry-After") or headers.get("retry-after")
    remaining = headers.get("X-RateLimit-Remaining") or headers.get("x-ratelimit-remaining")
    reset = headers.get("X-RateLimit-Reset") or headers.get("x-ratelimit-reset")
    if wait is not None or remaining == "0":
        LAST_LIMIT.clear()
        LAST_LIMIT.update(kind="secondary" if remaining != "0" else "primary",
                          retry_after=wait, reset=reset)


def rate_limited(exc: BaseException) -> str | None:
    """For retries used up on rate-limit answers: which limit and the wait GitHub asked for;
    None for anything else."""
    failure = server_failure(exc)
    if not failure or not re.search(r"\b(403|429)\b", failure) or not LAST_LIMIT:
        return None
    if LAST_LIMIT.get("kind") == "primary":
        return (f"GitHub's primary rate limit is used up (it resets at epoch "
                f"{LAST_LIMIT.get('reset')}); the rest waits for the next run")
    return (f"GitHub's secondary rate limit persisted through the retries (GitHub asked to "
            f"wait {LAST_LIMIT.get('retry_after')} s before retrying); the rest waits for the "
            "next run")


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
    network = {"connect": CONNECT_RETRIES, "read": READ_RETRIES, "other": OTHER_RETRIES}
    if for_tests:
        return SafeRetry(total=3, backoff_factor=0, secondary_rate_wait=0,
                         max_rate_limit_wait=2, allowed_methods=methods,
                         status_forcelist=statuses, **network)
    # backoff_factor 2: the first retry is immediate, the second after 4 s (urllib3 2.x).
    return SafeRetry(total=6, backoff_factor=2, secondary_rate_wait=60,
                     max_rate_limit_wait=MAX_RATE_LIMIT_WAIT, allowed_methods=methods,
                     status_forcelist=statuses, **network)


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


NETWORK_ERRORS = (RequestsConnectionError, Timeout, InvalidURL, MissingSchema, InvalidSchema)


def network_error(exc: BaseException) -> bool:
    """True when `exc` means the API could not be reached at all (no HTTP answer)."""
    return isinstance(exc, NETWORK_ERRORS)


def network_cause(exc: BaseException) -> str:
    """A short reason for a network failure: "connection refused", "cannot resolve the host
    name ...", "TLS error: certificate verify failed ...", "no answer within 20 s"."""
    chain = list(_causes(exc))
    for err in chain:
        if isinstance(err, (InvalidURL, MissingSchema, InvalidSchema)):
            return "not a valid http(s) URL"
        if isinstance(err, (NameResolutionError, socket.gaierror)):
            gai = next((e for e in chain if isinstance(e, socket.gaierror)), None)
            said = re.search(r"\[Errno -?\d+\] ([^)]+)", str(err))
            detail = gai.strerror if gai is not None and gai.strerror else (
                said.group(1) if said else "")
            return f"cannot resolve the host name{f' ({detail})' if detail else ''}"
        if isinstance(err, ssl.SSLError):
            return f"TLS error: {_ssl_text(err)}"
        if isinstance(err, ConnectionRefusedError):
            return "connection refused"
        if isinstance(err, (ReadTimeoutError, Timeout, TimeoutError, socket.timeout)) or (
                isinstance(err, ConnectTimeoutError) and not isinstance(err, NewConnectionError)):
            return "no answer in time (timed out)"
    for err in reversed(chain):  # the innermost OS error says most: "Network is unreachable"
        if isinstance(err, OSError) and err.strerror:
            return err.strerror[:1].lower() + err.strerror[1:]
    return type(exc).__name__


def _causes(exc: BaseException):
    """`exc`, then what it wraps: requests -> urllib3 MaxRetryError -> reason -> OS error."""
    seen: list[BaseException] = []
    todo: list[Any] = [exc]
    while todo:
        err = todo.pop(0)
        if not isinstance(err, BaseException) or any(err is s for s in seen):
            continue
        seen.append(err)
        yield err
        todo += [a for a in err.args if isinstance(a, BaseException)]
        todo += [getattr(err, "reason", None), err.__cause__, err.__context__]


def _ssl_text(err: ssl.SSLError) -> str:
    verify = getattr(err, "verify_message", None)
    if verify:
        return f"certificate verify failed ({verify})"
    text = str(err)
    found = re.search(r"\[SSL: [A-Z0-9_]+\] (.*?)(?: \(_ssl\.c:\d+\))?'?\)?$", text)
    return found.group(1) if found else (err.reason or text).lower().replace("_", " ")


def server_failure(exc: BaseException) -> str | None:
    """For retries used up on 5xx answers (requests' RetryError): "too many 502 error
    responses"; None for anything else."""
    if not isinstance(exc, RetryError):
        return None
    inner = [e for e in _causes(exc) if type(e).__name__ == "ResponseError"]
    return str(inner[0]) if inner else "repeated server errors"


def describe_unreachable(api_url: str, exc: BaseException) -> str:
    """The one line for "GITHUB_API_URL could not be reached"."""
    return (f"cannot reach {api_url}: {network_cause(exc)}; check GITHUB_API_URL (the REST API: "
            "https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server) and "
            "the runner's network")
