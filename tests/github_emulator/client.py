"""PyGithub client and Action environment pointed at the emulator."""

from __future__ import annotations

from .state import RW_TOKEN


def make_github(emulator, token: str | None = RW_TOKEN, retry=None, **kwargs):
    """A PyGithub Github for the emulator: no throttling sleeps, quick retries."""
    from github import Auth, Github, GithubRetry

    if retry is None:
        retry = GithubRetry(total=3, backoff_factor=0, secondary_rate_wait=0,
                            max_rate_limit_wait=5)
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
