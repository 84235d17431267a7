"""Helpers for the emulator's own tests: a PyGithub client and a raw HTTP client."""

from __future__ import annotations

import pytest
import requests

from emulator_helpers import PATCH, PM_PATH
from github_emulator import RW_TOKEN, make_github


@pytest.fixture
def gh(github_emulator):
    return make_github(github_emulator)


@pytest.fixture
def repo(gh):
    return gh.get_repo("octo-org/postmortems")


@pytest.fixture
def pr_number(github_emulator):
    pr = github_emulator.state.add_pull_request(
        7, files=[{"filename": PM_PATH, "patch": PATCH, "status": "modified"},
                  {"filename": "README.md", "patch": "@@ -1 +1 @@\n-old\n+new\n"}])
    return pr["number"]


class Raw:
    """requests against the emulator with a token; returns requests.Response."""

    def __init__(self, base: str, token: str | None):
        self.base, self.session = base, requests.Session()
        if token:
            self.session.headers["Authorization"] = f"token {token}"

    def __call__(self, method: str, path: str, **kw) -> requests.Response:
        kw.setdefault("timeout", 5)
        return self.session.request(method, self.base + path, **kw)


@pytest.fixture
def raw(github_emulator):
    return Raw(github_emulator.url, RW_TOKEN)

