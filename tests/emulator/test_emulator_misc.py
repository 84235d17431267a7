"""Contents, commits, check runs, search, the request log and the diff-line rules."""

import base64

import pytest
from github import GithubException

from emulator_helpers import PATCH, PM_PATH, REPO
from github_emulator.diff import parse_patch


def test_contents_with_multi_segment_path_directory_and_ref(github_emulator, repo):
    s = github_emulator.state
    s.add_file("postmortems/2026/03/db.md", "# DB outage\n")
    s.add_file("postmortems/README.md", "index\n")
    s.add_file("postmortems/2026/03/db.md", "# DB outage (draft)\n", ref="pm-branch")
    f = repo.get_contents("postmortems/2026/03/db.md")
    assert f.decoded_content == b"# DB outage\n" and f.path == "postmortems/2026/03/db.md"
    assert repo.get_contents("postmortems/2026/03/db.md", ref="pm-branch").decoded_content.startswith(b"# DB outage (draft)")
    listing = repo.get_contents("postmortems")
    assert [(e.type, e.path) for e in listing] == [("dir", "postmortems/2026"), ("file", "postmortems/README.md")]
    with pytest.raises(GithubException) as info:
        repo.get_contents("postmortems/missing.md")
    assert info.value.status == 404


def test_commit_of_the_pull_request_head_lists_its_files(github_emulator, repo, pr_number):
    head = github_emulator.state.pulls[pr_number]["head_sha"]
    commit = repo.get_commit(head)
    assert commit.sha == head
    assert [f.filename for f in commit.files] == [PM_PATH, "README.md"]
    assert repo.get_commit("main").sha == github_emulator.state.head_sha
    with pytest.raises(GithubException) as info:
        repo.get_commit("0" * 40)
    assert info.value.status == 422


def test_pull_request_head_base_and_new_push(github_emulator, repo, pr_number):
    pr = repo.get_pull(pr_number)
    assert (pr.head.ref, pr.base.ref, pr.changed_files) == ("pm-branch", "main", 2)
    github_emulator.state.push(pr_number, "b" * 40, files=[{"filename": PM_PATH, "patch": PATCH}])
    pr = repo.get_pull(pr_number)
    assert pr.head.sha == "b" * 40 and pr.commits == 2
    assert [f.filename for f in pr.get_files()] == [PM_PATH]


def test_check_run_create_and_update(github_emulator, repo):
    run = repo.create_check_run("pmcheck", "c" * 40, status="in_progress")
    assert (run.status, run.conclusion) == ("in_progress", None)
    run.edit(conclusion="failure", output={"title": "3 findings", "summary": "see below",
                                           "annotations": [{"path": PM_PATH, "start_line": 2, "end_line": 2,
                                                            "annotation_level": "failure", "message": "m"}]})
    assert (run.status, run.conclusion, run.output.title) == ("completed", "failure", "3 findings")
    assert run.output.annotations_count == 1


def test_search_serves_current_state_and_can_lag(github_emulator, gh):
    s = github_emulator.state
    s.add_issue("P1: rotate keys", body="<!-- pmcheck:item=a1 -->", labels=["postmortem-action"])
    s.add_issue("unrelated", body="nothing")
    q = "repo:octo-org/postmortems is:issue label:postmortem-action pmcheck:item=a1"
    assert [i.title for i in gh.search_issues(q)] == ["P1: rotate keys"]
    s.freeze_search()
    s.add_issue("P2: add alert", body="<!-- pmcheck:item=b2 -->", labels=["postmortem-action"])
    found = [i.title for i in gh.search_issues("repo:octo-org/postmortems label:postmortem-action")]
    assert found == ["P1: rotate keys"]                   # the new issue is not indexed yet


def test_rate_limit_endpoint(github_emulator, gh):
    limits = gh.get_rate_limit()
    assert (limits.resources.core.limit, limits.resources.search.limit) == (5000, 30)


def test_request_log_records_method_path_query_body_status_login(github_emulator, raw):
    raw("POST", f"{REPO}/issues", json={"title": "t", "labels": ["x"]})
    raw("GET", f"{REPO}/issues", params={"state": "all", "labels": "x"})
    first, second = github_emulator.requests
    assert tuple(first) == ("POST", f"{REPO}/issues", {}, {"title": "t", "labels": ["x"]}, 201)
    assert tuple(second) == ("GET", f"{REPO}/issues", {"state": "all", "labels": "x"}, None, 200)
    assert (first.operation, first.login) == ("issues/create", "github-actions[bot]")
    assert github_emulator.writes() == [first]
    assert github_emulator.calls("GET", r"/issues$") == [second]


def test_patch_line_sets():
    lines = parse_patch(PATCH)
    assert lines.lines("RIGHT") == {1, 2, 3, 4, 10, 11, 12, 13, 14}
    assert lines.lines("LEFT") == {1, 2, 3, 9, 10, 11, 12}
    assert [lines.hunk_of("RIGHT", n) for n in (2, 5, 11)] == [0, None, 1]
    assert lines.at_position(5) is None                   # the second hunk header
    assert lines.at_position(7) == ("LEFT", 10, 1)
    assert parse_patch(None).lines("RIGHT") == set()      # binary files have no patch


def test_user_objects_are_complete(github_emulator, raw):
    body = raw("POST", f"{REPO}/issues", json={"title": "t"}).json()
    user = body["user"]
    assert user["login"] == "github-actions[bot]" and user["type"] == "Bot"
    assert user["html_url"] == "https://github.com/apps/github-actions"
    assert body["node_id"].startswith("I_") and body["created_at"].endswith("Z")
    assert base64.b64decode(body["node_id"][2:] + "==")   # opaque but well-formed
