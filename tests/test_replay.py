"""PyGithub parses real recorded GitHub responses (vcrpy cassettes from @octokit/fixtures).

The cassettes in tests/cassettes were made by tests/github_emulator/cassettes.py from the
recordings in /work/shared/github-api/octokit-fixtures (MIT; recorded 2022-07-19). Replay only:
record_mode "none", so a request that was not recorded fails instead of reaching GitHub.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import vcr
from github import Auth, Github, GithubException

from github_emulator.contract import shared_contract

CASSETTES = Path(__file__).resolve().parent / "cassettes"
TOKEN = "0" * 39 + "1"          # the placeholder token of the recordings
REPLAY = vcr.VCR(cassette_library_dir=str(CASSETTES), serializer="json", record_mode="none",
                 match_on=["method", "scheme", "host", "path", "query"])


def _cassette(name: str) -> dict:
    return json.loads((CASSETTES / f"{name}.json").read_text(encoding="utf-8"))


def _repo_name(name: str) -> str:
    path = urlsplit(_cassette(name)["interactions"][0]["request"]["uri"]).path
    return "/".join(path.split("/")[2:4])


def _github(**kw) -> Github:
    return Github(auth=Auth.Token(TOKEN), retry=None, seconds_between_requests=None,
                  seconds_between_writes=None, **kw)


def test_get_repo():
    with REPLAY.use_cassette("get-repository.json") as cassette:
        repo = _github().get_repo("octokit-fixture-org/hello-world")
        assert (repo.full_name, repo.default_branch, repo.private) == ("octokit-fixture-org/hello-world", "master", False)
        assert repo.owner.login == "octokit-fixture-org"
    assert cassette.play_count == 1


def test_create_issues_then_paginated_get_issues():
    name = _repo_name("paginate-issues")
    with REPLAY.use_cassette("paginate-issues.json") as cassette:
        repo = _github(per_page=3, lazy=True).get_repo(name)
        created = [repo.create_issue(f"Test issue {n}") for n in range(1, 14)]
        assert [i.number for i in created] == list(range(1, 14))
        issues = list(repo.get_issues())
        assert [i.number for i in issues] == list(range(13, 0, -1))
        assert all(i.user.login and i.title.startswith("Test issue") for i in issues)
    assert cassette.play_count == 18                     # 13 creates + 5 pages, every one recorded


def test_get_labels_and_create_label():
    name = _repo_name("labels")
    with REPLAY.use_cassette("labels.json"):
        repo = _github(lazy=True).get_repo(name)
        labels = list(repo.get_labels())
        assert len(labels) == 9 and "bug" in {lab.name for lab in labels}
        created = repo.create_label("test-label", "663399")
        assert (created.name, created.color) == ("test-label", "663399")


def test_create_label_422_is_a_github_exception_with_errors():
    name = _repo_name("errors")
    with REPLAY.use_cassette("errors.json"):
        repo = _github(lazy=True).get_repo(name)
        with pytest.raises(GithubException) as info:
            repo.create_label("foo", "invalid")
    assert info.value.status == 422
    assert info.value.data["message"] == "Validation Failed"
    assert info.value.data["errors"] == [{"resource": "Label", "code": "invalid", "field": "color"}]


def test_search_issues():
    cassette = _cassette("search-issues")
    query = dict(parse_qsl(urlsplit(cassette["interactions"][-1]["request"]["uri"]).query))["q"]
    with REPLAY.use_cassette("search-issues.json"):
        results = _github().search_issues(query)
        found = [i.title for i in results]             # iterate first: totalCount alone asks per_page=1
        assert len(found) == 2 and results.totalCount == 2


def _validate_recorded(name: str) -> list[tuple[str, str]]:
    contract = shared_contract()
    failures = []
    for item in _cassette(name)["interactions"]:
        req, resp = item["request"], item["response"]
        parts = urlsplit(req["uri"])
        op, params, _ = contract.match(req["method"], parts.path)
        if op is None:
            continue                                     # /repositories/{id}/... alias pages
        headers = {k: v[0] for k, v in resp["headers"].items()}
        problem, _ = contract.validate_response(
            op, params, parse_qsl(parts.query), resp["status"]["code"], headers,
            resp["body"]["string"].encode(), headers.get("Content-Type", "application/json"))
        if problem:
            failures.append((op.operation_id, problem))
    return failures


def test_recorded_responses_against_the_emulators_contract():
    """The contract accepts GitHub's real answers, except the fields GitHub added since 2022."""
    assert _validate_recorded("paginate-issues") == []
    assert _validate_recorded("labels") == []
    assert _validate_recorded("errors") == []
    ((op, problem),) = _validate_recorded("get-repository")
    assert op == "repos/get" and "'has_discussions' is a required property" in problem
    ((op, problem),) = _validate_recorded("search-issues")[-1:]
    assert op == "search/issues-and-pull-requests" and "'search_type' is a required property" in problem
