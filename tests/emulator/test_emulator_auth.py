"""Tokens: read-only installation tokens cannot write; installation tokens cannot read /user."""

import pytest
from github import GithubException

from emulator_helpers import PM_PATH, REPO
from github_emulator import BOT_LOGIN, MAINTAINER, RO_TOKEN, USER_TOKEN, make_github

WRITES = {
    "create_issue": lambda repo, pr: repo.create_issue("t"),
    "edit_issue": lambda repo, pr: repo.get_issue(1).edit(state="closed"),
    "comment": lambda repo, pr: repo.get_issue(1).create_comment("hi"),
    "label": lambda repo, pr: repo.create_label("new", "00ff00"),
    "add_labels": lambda repo, pr: repo.get_issue(1).add_to_labels("bug"),
    "assign": lambda repo, pr: repo.get_issue(1).add_to_assignees(MAINTAINER),
    "review": lambda repo, pr: pr.create_review(body="x", event="COMMENT"),
    "review_comment": lambda repo, pr: pr.create_review_comment(
        "x", repo.get_commit(pr.head.sha), PM_PATH, line=2, side="RIGHT"),
    "check_run": lambda repo, pr: repo.create_check_run("pmcheck", pr.head.sha),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_read_only_token_gets_403_on_every_write(github_emulator, pr_number, write):
    github_emulator.state.add_issue("existing", number=1)
    gh = make_github(github_emulator, RO_TOKEN)
    repo = gh.get_repo("octo-org/postmortems")
    pr = repo.get_pull(pr_number)                      # reads work
    with pytest.raises(GithubException) as info:
        WRITES[write](repo, pr)
    assert info.value.status == 403
    assert info.value.data["message"] == "Resource not accessible by integration"
    assert [r.status for r in github_emulator.writes()] == [403]
    assert github_emulator.state.issue_comment_count(1) == 0
    assert github_emulator.state.reviews_on(pr_number) == []


def test_read_only_token_also_refused_on_edit_and_delete_of_existing_comments(github_emulator, raw):
    issue = github_emulator.state.add_issue("existing")
    r = raw("POST", f"{REPO}/issues/{issue['number']}/comments", json={"body": "mine"})
    cid = r.json()["id"]
    ro = make_github(github_emulator, RO_TOKEN).get_repo("octo-org/postmortems")
    (comment,) = ro.get_issue(issue["number"]).get_comments()
    assert comment.id == cid
    for action in (lambda: comment.edit("changed"), comment.delete):
        with pytest.raises(GithubException) as info:
            action()
        assert info.value.status == 403
    assert [c["body"] for c in github_emulator.state.comments_on(issue["number"])] == ["mine"]


def test_get_user_with_installation_token_is_403_and_with_user_token_works(github_emulator):
    with pytest.raises(GithubException) as info:
        make_github(github_emulator).get_user().login
    assert info.value.status == 403
    assert info.value.data["message"] == "Resource not accessible by integration"
    me = make_github(github_emulator, USER_TOKEN).get_user()
    assert me.login == MAINTAINER
    assert [(r.path, r.status) for r in github_emulator.requests] == [("/user", 403), ("/user", 200)]


def test_bot_login_is_recorded_for_installation_writes(github_emulator, repo):
    issue = repo.create_issue("by the bot")
    assert issue.user.login == BOT_LOGIN and issue.user.type == "Bot"
    assert github_emulator.writes()[0].login == BOT_LOGIN


def test_missing_and_unknown_tokens_are_401(github_emulator):
    anonymous = make_github(github_emulator, token=None).get_repo("octo-org/postmortems")
    assert anonymous.full_name == "octo-org/postmortems"   # reads need no token
    with pytest.raises(GithubException) as info:
        anonymous.create_issue("t")
    assert info.value.status == 401
    with pytest.raises(GithubException) as info:
        make_github(github_emulator, "ghs_unknown").get_repo("octo-org/postmortems")
    assert info.value.status == 401 and info.value.data["message"] == "Bad credentials"
