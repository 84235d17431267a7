"""Injected server errors, lost responses and slow responses."""

import pytest
import requests
from github import GithubException

from emulator_helpers import REPO
from github_emulator import make_github


def test_5xx_once_then_pygithub_retry_succeeds(github_emulator, repo):
    github_emulator.fail_next("POST", r"/issues$", 502)
    issue = repo.create_issue("t")
    assert issue.number == 1
    assert [r.status for r in github_emulator.calls("POST")] == [502, 201]
    assert len(github_emulator.state.issues) == 1          # the failed attempt wrote nothing


def test_5xx_every_time_surfaces_as_an_error(github_emulator):
    repo = make_github(github_emulator, retry=None).get_repo("octo-org/postmortems")
    github_emulator.fail_next("*", r"/labels$", 503, times=2, body={"message": "Service Unavailable"})
    with pytest.raises(GithubException) as info:
        repo.create_label("x", "000000")
    assert info.value.status == 503
    assert github_emulator.state.labels == {}
    assert [r.status for r in github_emulator.requests][-1] == 503
    assert github_emulator.faults.rules[0].times == 1       # one use left


def test_lost_response_after_the_write_happened(github_emulator, raw):
    github_emulator.fail_next("POST", r"/comments$", 500, after_apply=True)
    github_emulator.state.add_issue("t")
    r = raw("POST", f"{REPO}/issues/1/comments", json={"body": "summary"})
    assert r.status_code == 500
    assert [c["body"] for c in github_emulator.state.comments_on(1)] == ["summary"]   # it was posted


def test_retry_after_a_lost_response_double_posts(github_emulator, repo):
    """Why callers must re-list before re-posting: GithubRetry repeats the POST."""
    issue = repo.create_issue("t")
    github_emulator.fail_next("POST", r"/comments$", 502, after_apply=True)
    issue.create_comment("summary")
    assert [c["body"] for c in github_emulator.state.comments_on(1)] == ["summary", "summary"]


def test_slow_response_times_out_a_client(github_emulator, raw):
    # PyGithub only takes whole-second timeouts (Github(timeout=1) at least), so the short
    # timeout is shown with requests; a PyGithub test needs delay_next(..., 1.2) and timeout=1.
    github_emulator.delay_next("GET", r"/labels$", 0.3)
    with pytest.raises(requests.exceptions.ReadTimeout):
        raw("GET", f"{REPO}/labels", timeout=0.1)
    assert raw("GET", f"{REPO}/labels", timeout=0.1).status_code == 200   # the next one is fast


def test_slow_response_is_only_slow(github_emulator, repo):
    github_emulator.delay_next("GET", r"/labels$", 0.2)
    assert list(repo.get_labels()) == []
    assert [r.status for r in github_emulator.calls("GET", r"/labels$")] == [200]


def test_custom_fault_headers_reach_the_client(github_emulator, raw):
    github_emulator.fail_next("GET", r"/labels$", 500, headers={"x-github-request-id": "ABC"})
    assert raw("GET", f"{REPO}/labels").headers["x-github-request-id"] == "ABC"
