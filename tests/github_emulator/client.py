"""PyGithub client and Action environment pointed at the emulator."""

from __future__ import annotations

from .state import RW_TOKEN


_FAST = object()


def make_github(emulator, token: str | None = RW_TOKEN, retry=_FAST, **kwargs):
    """A PyGithub Github for the emulator: no throttling sleeps, quick retries.

    retry: default a GithubRetry(total=3) that never sleeps long (secondary_rate_wait=0,
    backoff_factor=0) and also retries PATCH (PyGithub's default GithubRetry does NOT retry
    PATCH: urllib3's default allowed methods plus GET and POST); pass None for no retries,
    or your own GithubRetry.
    """
    from github import Auth, Github, GithubRetry

    if retry is _FAST:
        from urllib3.util.retry import Retry

        retry = GithubRetry(total=3, backoff_factor=0, secondary_rate_wait=0, max_rate_limit_wait=5,
                            allowed_methods=Retry.DEFAULT_ALLOWED_METHODS | {"GET", "POST", "PATCH"})
    kwargs.setdefault("seconds_between_requests", None)
    kwargs.setdefault("seconds_between_writes", None)
    kwargs.setdefault("timeout", 5)
    auth = Auth.Token(token) if token else None
    return Github(auth=auth, base_url=emulator.url, retry=retry, **kwargs)


def github_env(emulator, token: str = RW_TOKEN) -> dict[str, str]:
    """GITHUB_* variables as the runner sets them, for subprocess runs of the Action."""
    s = emulator.state
    return {"GITHUB_API_URL": emulator.url, "GITHUB_REPOSITORY": f"{s.owner}/{s.name}",
            "GITHUB_SERVER_URL": "https://github.com", "INPUT_GITHUB-TOKEN": token,
            "GITHUB_TOKEN": token}
