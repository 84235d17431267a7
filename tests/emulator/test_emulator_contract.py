"""Contract validation: off-description requests/responses and unknown operations fail tests."""

import textwrap

import pytest
from github import GithubException

from emulator_helpers import REPO


def test_request_off_the_description_is_422_and_recorded(github_emulator, raw, pr_number):
    r = raw("POST", f"{REPO}/pulls/{pr_number}/reviews", json={"event": "LGTM", "body": "x"})
    assert r.status_code == 422
    assert r.json()["message"].startswith("Invalid request.")
    (error,) = github_emulator.take_errors()
    assert "pulls/create-review" in error and "LGTM" in error
    assert github_emulator.state.reviews_on(pr_number) == []


def test_completed_check_run_without_conclusion_is_refused(github_emulator, repo):
    with pytest.raises(GithubException) as info:
        repo.create_check_run("pmcheck", "a" * 40, status="completed")
    assert info.value.status == 422
    (error,) = github_emulator.take_errors()
    assert "checks/create" in error


def test_unimplemented_operation_is_501_and_named(github_emulator, repo):
    with pytest.raises(Exception):                    # PyGithub: RetryError / GithubException
        list(repo.get_pulls())
    errors = github_emulator.take_errors()
    assert errors == ["github emulator: operation pulls/list (GET /repos/{owner}/{repo}/pulls), which "
                      "is not in GitHub's description subset, is not implemented"]
    assert {r.status for r in github_emulator.requests if r.path.endswith("/pulls")} == {501}


def test_unknown_path_is_named_by_method_and_path(github_emulator, raw):
    assert raw("GET", "/repositories/700001/issues").status_code == 501
    assert github_emulator.take_errors() == [
        "github emulator: GET /repositories/700001/issues (no operation in GitHub's description "
        "subset) is not implemented"]


def test_off_description_response_is_replaced_by_500_and_recorded(github_emulator, raw):
    github_emulator.fail_next("GET", r"/labels$", 200, body=[{"name": "no id, no url"}])
    r = raw("GET", f"{REPO}/labels")
    assert r.status_code == 500
    (error,) = github_emulator.take_errors()
    assert error.startswith("response of issues/list-labels-for-repo (GET /repos/octo-org/postmortems/labels) status 200")
    assert "'id' is a required property" in error


def test_error_body_of_an_undocumented_status_must_still_be_a_basic_error(github_emulator, raw):
    github_emulator.fail_next("POST", r"/labels$", 403, body={"message": 42})
    assert raw("POST", f"{REPO}/labels", json={"name": "x"}).status_code == 500
    (error,) = github_emulator.take_errors()
    assert "issues/create-label" in error and "status 403" in error
    assert github_emulator.counts["responses_undocumented_status"] >= 1


def test_leftover_contract_errors_fail_the_test_at_teardown(pytester):
    from pathlib import Path

    tests_dir = Path(__file__).resolve().parents[1]
    pytester.makeconftest(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(tests_dir)!r})
        from github_emulator.fixture import github_emulator, github_emulator_server
    """))
    pytester.makepyfile(test_inner=textwrap.dedent("""
        import requests

        def test_sends_a_bad_issue(github_emulator):
            requests.post(github_emulator.url + "/repos/octo-org/postmortems/issues",
                          json={"body": "no title"}, headers={"Authorization": "token x"})
    """))
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*GitHub emulator contract errors:*",
                                 "*request to issues/create (POST /repos/octo-org/postmortems/issues)*title*"])
