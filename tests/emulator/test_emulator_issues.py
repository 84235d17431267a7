"""Issues, comments, labels and assignees behave as GitHub's do."""

from datetime import datetime, timezone

import pytest
from github import GithubException

from emulator_helpers import REPO
from github_emulator import BOT_LOGIN, MAINTAINER


def test_issue_list_includes_pull_requests_with_pull_request_key(github_emulator, raw, pr_number):
    github_emulator.state.add_issue("plain issue")
    body = raw("GET", f"{REPO}/issues").json()
    assert sorted((i["number"], "pull_request" in i) for i in body) == [(pr_number, True), (8, False)]


def test_pygithub_sees_pull_requests_in_the_issue_list(github_emulator, repo, pr_number):
    github_emulator.state.add_issue("plain issue")
    kinds = {i.number: i.pull_request is not None for i in repo.get_issues()}
    assert kinds == {pr_number: True, 8: False}


def test_list_filters_state_labels_creator_assignee_since(github_emulator, repo):
    s = github_emulator.state
    s.add_collaborator("alice")
    a = s.add_issue("a", labels=["postmortem-action", "priority:P1"], user=BOT_LOGIN, assignees=["alice"])
    s.add_issue("b", labels=["postmortem-action"], user=BOT_LOGIN, state="closed", state_reason="completed")
    s.add_issue("c", labels=["other"], user=MAINTAINER)
    numbers = lambda **kw: sorted(i.number for i in repo.get_issues(**kw))  # noqa: E731
    assert numbers() == [1, 3]
    assert numbers(state="all") == [1, 2, 3]
    assert numbers(state="closed") == [2]
    labels = [repo.get_label("postmortem-action")]
    assert numbers(state="all", labels=labels) == [1, 2]
    assert numbers(state="all", labels=labels + [repo.get_label("priority:P1")]) == [1]
    assert numbers(state="all", creator=BOT_LOGIN) == [1, 2]
    assert numbers(state="all", assignee="alice") == [1]
    assert numbers(state="all", assignee="none") == [2, 3]
    later = s.tick()                                 # a second after the last seeded change
    repo.get_issue(1).edit(body="touched")
    assert numbers(state="all", since=later) == [1]
    assert a["updated_at"] > later


def test_list_sort_and_direction(github_emulator, raw):
    s = github_emulator.state
    for title in ("old", "mid", "new"):
        s.add_issue(title)
    raw("POST", f"{REPO}/issues/1/comments", json={"body": "bump"})
    titles = lambda **p: [i["title"] for i in raw("GET", f"{REPO}/issues", params=p).json()]  # noqa: E731
    assert titles() == ["new", "mid", "old"]
    assert titles(direction="asc") == ["old", "mid", "new"]
    assert titles(sort="updated") == ["old", "new", "mid"]
    assert titles(sort="comments") == ["old", "new", "mid"]


def test_create_get_update_close_reopen(github_emulator, repo):
    github_emulator.state.add_collaborator("alice")
    issue = repo.create_issue("P1: rotate keys", body="<!-- pmcheck:id=abc -->", labels=["priority:P1"],
                              assignees=["alice"])
    assert (issue.number, issue.state, issue.state_reason) == (1, "open", None)
    assert [lab.name for lab in issue.labels] == ["priority:P1"]      # created on the fly
    assert "priority:p1" in github_emulator.state.labels
    issue.edit(state="closed", state_reason="not_planned")
    again = repo.get_issue(1)
    assert (again.state, again.state_reason, again.closed_by.login) == ("closed", "not_planned", BOT_LOGIN)
    assert again.closed_at is not None
    again.edit(state="open")
    assert (again.state, again.state_reason, again.closed_at) == ("open", "reopened", None)
    again.edit(state="closed")
    assert again.state_reason == "completed"


def test_non_collaborator_assignee_is_422_and_creates_nothing(github_emulator, repo):
    with pytest.raises(GithubException) as info:
        repo.create_issue("t", assignees=["stranger"])
    assert info.value.status == 422
    assert info.value.data["errors"] == [{"resource": "Issue", "code": "invalid", "field": "assignees",
                                          "value": "stranger"}]
    assert github_emulator.state.issues == {}
    issue = repo.create_issue("t")
    with pytest.raises(GithubException) as info:
        issue.edit(assignees=["stranger"])
    assert info.value.status == 422


def test_assignee_check_and_add_assignees(github_emulator, repo):
    github_emulator.state.add_collaborator("alice")
    assert repo.has_in_assignees("alice") is True
    assert repo.has_in_assignees("stranger") is False
    issue = repo.create_issue("t")
    issue.add_to_assignees("alice", "stranger")     # GitHub ignores who cannot be assigned
    assert github_emulator.state.issues[1]["assignees"] == ["alice"]
    statuses = [(r.method, r.path.rsplit("/", 1)[-1], r.status) for r in github_emulator.requests]
    assert statuses[1:3] == [("GET", "alice", 204), ("GET", "stranger", 404)]


def test_comments_create_list_edit_delete(github_emulator, repo):
    issue = repo.create_issue("t")
    first = issue.create_comment("first")
    issue.create_comment("second")
    first.edit("first, edited")
    assert [c.body for c in issue.get_comments()] == ["first, edited", "second"]
    assert first.updated_at > first.created_at
    first.delete()
    assert [c["body"] for c in github_emulator.state.comments_on(1)] == ["second"]
    assert repo.get_issue(1).comments == 1
    since = datetime(2030, 1, 1, tzinfo=timezone.utc)
    assert list(issue.get_comments(since=since)) == []


def test_comments_on_a_pull_request_are_issue_comments(github_emulator, repo, pr_number):
    repo.get_pull(pr_number).create_issue_comment("summary <!-- pmcheck:summary -->")
    (c,) = github_emulator.state.comments_on(pr_number)
    assert c["user"] == BOT_LOGIN


def test_existing_label_is_422_already_exists(github_emulator, repo):
    repo.create_label("postmortem-action", "d73a4a", "pmcheck follow-up")
    with pytest.raises(GithubException) as info:
        repo.create_label("Postmortem-Action", "000000")
    assert info.value.status == 422
    assert info.value.data["errors"] == [{"resource": "Label", "code": "already_exists", "field": "name"}]
    with pytest.raises(GithubException) as info:
        repo.create_label("bad-colour", "red")
    assert info.value.data["errors"][0]["code"] == "invalid"
    assert [(lab.name, lab.color) for lab in repo.get_labels()] == [("postmortem-action", "d73a4a")]


def test_get_label_and_add_labels(github_emulator, repo):
    with pytest.raises(GithubException) as info:
        repo.get_label("missing")
    assert info.value.status == 404
    repo.create_label("priority: P1", "b60205")
    assert repo.get_label("priority: P1").color == "b60205"     # name with a space, percent-encoded
    issue = repo.create_issue("t")
    issue.add_to_labels("priority: P1", "new-one")             # bare-array body, as PyGithub sends
    assert github_emulator.state.issues[1]["labels"] == ["priority: P1", "new-one"]
