"""Reviews are all-or-nothing: one comment outside the PR diff rejects the whole review."""

import pytest
from github import GithubException

from emulator_helpers import PM_PATH


def _comment(line, **kw):
    return {"path": PM_PATH, "line": line, "body": f"finding on {line}", **kw}


def test_review_with_all_comments_on_diff_lines_is_stored(github_emulator, repo, pr_number):
    pr = repo.get_pull(pr_number)
    head = github_emulator.state.pulls[pr_number]["head_sha"]
    review = pr.create_review(commit=repo.get_commit(head), body="pmcheck", event="COMMENT",
                              comments=[_comment(2), _comment(3), _comment(11), _comment(14)])
    assert review.state == "COMMENTED" and review.commit_id == head
    stored = github_emulator.state.review_comments_on(pr_number)
    assert sorted(c["line"] for c in stored) == [2, 3, 11, 14]
    assert {c["review_id"] for c in stored} == {review.id}


@pytest.mark.parametrize("bad", [
    _comment(5),                                   # between hunks: not in the diff
    _comment(99),                                  # past the end
    _comment(13, side="LEFT"),                     # old file: only lines 1-3 and 9-12 are shown
    {"path": "postmortems/other.md", "line": 2, "body": "x"},  # file not in the PR
    _comment(12, start_line=3),                    # range across two hunks
    _comment(11, start_line=12),                   # start after end
])
def test_one_bad_comment_rejects_the_whole_review(github_emulator, repo, pr_number, bad):
    pr = repo.get_pull(pr_number)
    with pytest.raises(GithubException) as info:
        pr.create_review(body="pmcheck", event="COMMENT", comments=[_comment(2), bad])
    assert info.value.status == 422
    assert github_emulator.state.reviews_on(pr_number) == []
    assert github_emulator.state.review_comments_on(pr_number) == []
    assert github_emulator.calls("POST", r"/reviews$")[-1].status == 422


def test_left_side_and_multi_line_in_one_hunk_are_accepted(github_emulator, repo, pr_number):
    pr = repo.get_pull(pr_number)
    pr.create_review(body="pmcheck", event="COMMENT", comments=[
        _comment(10, side="LEFT"),                     # the deleted line
        _comment(12, start_line=10, start_side="RIGHT"),
    ])
    placed = sorted((c["side"], c["line"], c["start_line"])
                    for c in github_emulator.state.review_comments_on(pr_number))
    assert placed == [("LEFT", 10, None), ("RIGHT", 12, 10)]


def test_position_counts_through_later_hunks(github_emulator, raw, pr_number):
    # positions: 1..4 hunk 1, 5 = second header, 6 ' 10:00', 7 '-', 8 '+10:05'
    r = raw("POST", f"/repos/octo-org/postmortems/pulls/{pr_number}/reviews",
            json={"event": "COMMENT", "comments": [{"path": PM_PATH, "position": 8, "body": "x"}]})
    assert r.status_code == 200
    (c,) = github_emulator.state.review_comments_on(pr_number)
    assert (c["side"], c["line"]) == ("RIGHT", 11)
    bad = raw("POST", f"/repos/octo-org/postmortems/pulls/{pr_number}/reviews",
              json={"event": "COMMENT", "comments": [{"path": PM_PATH, "position": 40, "body": "x"}]})
    assert bad.status_code == 422


def test_commit_id_must_belong_to_the_pull_request(github_emulator, raw, pr_number):
    r = raw("POST", f"/repos/octo-org/postmortems/pulls/{pr_number}/reviews",
            json={"commit_id": "f" * 40, "event": "COMMENT", "body": "x"})
    assert r.status_code == 422
    assert r.json()["errors"] == [f"No commit found for SHA: {'f' * 40}"]


def test_review_comment_reply_edit_delete(github_emulator, repo, pr_number):
    pr = repo.get_pull(pr_number)
    head = repo.get_commit(github_emulator.state.pulls[pr_number]["head_sha"])
    c = pr.create_review_comment("one", head, PM_PATH, line=2, side="RIGHT")
    reply = pr.create_review_comment_reply(c.id, "a person replies")
    assert reply.in_reply_to_id == c.id
    c.edit("fixed")
    assert [x.body for x in pr.get_review_comments()] == ["fixed", "a person replies"]
    c.delete()
    assert [x["body"] for x in github_emulator.state.review_comments_on(pr_number)] == ["a person replies"]
    with pytest.raises(GithubException) as info:
        pr.create_review_comment("off", head, PM_PATH, line=6, side="RIGHT")
    assert info.value.status == 422


def test_list_reviews_and_files(github_emulator, repo, pr_number):
    pr = repo.get_pull(pr_number)
    pr.create_review(body="first", event="COMMENT")
    files = list(pr.get_files())
    assert [(f.filename, f.additions, f.deletions) for f in files] == [(PM_PATH, 3, 1), ("README.md", 1, 1)]
    assert [r.body for r in pr.get_reviews()] == ["first"]
