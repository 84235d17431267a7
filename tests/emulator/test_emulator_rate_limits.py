"""Primary and secondary rate limits, as GitHub signals them."""

import time

import pytest
from github import GithubException, RateLimitExceededException

from emulator_helpers import REPO
from github_emulator import make_github


def test_secondary_limit_is_403_with_retry_after(github_emulator, raw):
    github_emulator.rate_limit_next("secondary", "POST", r"/issues$", retry_after=7)
    r = raw("POST", f"{REPO}/issues", json={"title": "t"})
    assert r.status_code == 403
    assert r.headers["retry-after"] == "7"
    assert r.json()["message"].startswith("You have exceeded a secondary rate limit")
    assert github_emulator.state.issues == {}
    assert raw("POST", f"{REPO}/issues", json={"title": "t"}).status_code == 201


def test_pygithub_retry_waits_out_a_secondary_limit_on_patch(github_emulator, repo):
    issue = repo.create_issue("t")
    github_emulator.rate_limit_next("secondary", "PATCH", r"/issues/1$", retry_after=0)
    issue.edit(body="new body")
    patches = [r.status for r in github_emulator.calls("PATCH")]
    assert patches == [403, 200]
    assert github_emulator.state.issues[1]["body"] == "new body"


def test_pygithub_default_github_retry_does_not_retry_patch(github_emulator):
    from github import GithubRetry

    repo = make_github(github_emulator, retry=GithubRetry(secondary_rate_wait=0)).get_repo("octo-org/postmortems")
    issue = repo.create_issue("t")
    github_emulator.rate_limit_next("secondary", "PATCH", retry_after=0)
    with pytest.raises(RateLimitExceededException):
        issue.edit(body="new body")
    assert [r.status for r in github_emulator.calls("PATCH")] == [403]


def test_without_retry_pygithub_raises_rate_limit_exceeded(github_emulator):
    repo = make_github(github_emulator, retry=None).get_repo("octo-org/postmortems")
    github_emulator.rate_limit_next("secondary", "POST", retry_after=1)
    with pytest.raises(RateLimitExceededException) as info:
        repo.create_issue("t")
    assert info.value.status == 403


@pytest.mark.parametrize("status", [403, 429])
def test_primary_limit_has_remaining_zero_and_reset(github_emulator, raw, status):
    github_emulator.rate_limit_next("primary", "GET", r"/issues$", status=status, reset_in=30)
    r = raw("GET", f"{REPO}/issues")
    assert r.status_code == status
    assert r.headers["x-ratelimit-remaining"] == "0"
    assert int(r.headers["x-ratelimit-reset"]) >= int(time.time()) + 29
    assert r.json()["message"].startswith("API rate limit exceeded")


def test_pygithub_retry_waits_for_primary_reset(github_emulator, repo):
    github_emulator.state.add_issue("t")
    github_emulator.rate_limit_next("primary", "GET", r"/issues$", reset_in=-1)   # reset already passed
    assert [i.title for i in repo.get_issues()] == ["t"]
    assert [r.status for r in github_emulator.calls("GET", r"/issues$")] == [403, 200]


def test_budget_runs_out_and_rate_limit_endpoint_reports_it(github_emulator, raw):
    github_emulator.set_rate_limit(remaining=2)
    statuses = [raw("GET", f"{REPO}/labels").status_code for _ in range(3)]
    assert statuses == [200, 200, 403]
    limits = raw("GET", "/rate_limit").json()          # /rate_limit is free, as on GitHub
    assert limits["resources"]["core"]["remaining"] == 0
    assert limits["rate"]["used"] == limits["rate"]["limit"]
    gh = make_github(github_emulator, retry=None)
    with pytest.raises(GithubException) as info:
        gh.get_repo("octo-org/postmortems")
    assert info.value.status == 403


def test_every_response_carries_rate_limit_headers(github_emulator, raw):
    first = raw("GET", f"{REPO}/labels")
    second = raw("GET", f"{REPO}/labels")
    for r in (first, second):
        assert r.headers["content-type"] == "application/json; charset=utf-8"
        assert r.headers["x-ratelimit-limit"] == "5000"
        assert r.headers["x-ratelimit-resource"] == "core"
        assert r.headers["x-github-api-version-selected"] == "2022-11-28"
    assert int(first.headers["x-ratelimit-remaining"]) - 1 == int(second.headers["x-ratelimit-remaining"])
    search = raw("GET", "/search/issues", params={"q": "repo:octo-org/postmortems"})
    assert search.headers["x-ratelimit-resource"] == "search"
    assert search.headers["x-ratelimit-limit"] == "30"
