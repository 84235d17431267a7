"""github.review / github.comments in-process against the emulator: payload shapes GitHub takes."""

from __future__ import annotations

from github_emulator import BOT_LOGIN, RW_TOKEN, USER_TOKEN

from pmcheck.diff import file_patches, place
from pmcheck.findings import Finding, Severity
from pmcheck.github import client, comments, review
from pmcheck.github.safety import markers

from .harness import HEAD_SHA, PR_NUMBER, make_patch

OLD = "".join(f"line {i}\n" for i in range(1, 21))
NEW = OLD.replace("line 5\n", "line 5 changed\nline 5b\n").replace("line 15\n", "new 15\n")


def finding(line, end, msg, suggestion=None):
    return Finding("pm/a.md", line, 1, end, "blame.blame-word", "blame", Severity.ERROR, msg,
                   suggestion=suggestion, subject=msg)


def setup(emu):
    files = [{"filename": "pm/a.md", "patch": make_patch(OLD, NEW), "status": "modified"}]
    emu.state.add_pull_request(number=PR_NUMBER, head_sha=HEAD_SHA, files=files)
    gh = client.connect(RW_TOKEN, emu.url, for_tests=True)
    repo = gh.get_repo("octo-org/postmortems")
    return gh, repo, repo.get_pull(PR_NUMBER), file_patches(files)


def test_range_with_suggestion_and_single_lines_in_one_review(github_emulator):
    emu = github_emulator
    gh, repo, pr, patches = setup(emu)
    fs = [finding(5, 6, "range", suggestion="line 5 fixed\nline 5b fixed\n"),
          # start in hunk 1, end in hunk 2: a single-line comment, so no suggestion
          finding(4, 16, "spans two hunks", suggestion="".join(f"x{i}\n" for i in range(13))),
          finding(16, 16, "second hunk")]
    ours = client.is_ours(client.own_login(gh))
    the_plan = review.plan(place(fs, patches), [], HEAD_SHA)
    out = review.apply(repo, pr, the_plan, HEAD_SHA, ours, "pmcheck")
    assert (out.posted, out.failed, out.problems) == (3, set(), [])
    got = sorted((c["line"], c["start_line"]) for c in emu.state.review_comments_on(PR_NUMBER))
    assert got == [(4, None), (6, 5), (16, None)]
    ranged = next(c for c in emu.state.review_comments_on(PR_NUMBER) if c["start_line"])
    assert "```suggestion\nline 5 fixed\nline 5b fixed\n```" in ranged["body"]
    split = next(c for c in emu.state.review_comments_on(PR_NUMBER) if c["line"] == 4)
    assert "spans two hunks" in split["body"] and "suggestion" not in split["body"]
    assert all(c["user"] == BOT_LOGIN for c in emu.state.review_comments_on(PR_NUMBER))


def test_sticky_found_by_marker_and_login_only(github_emulator):
    emu = github_emulator
    gh, repo, pr, _ = setup(emu)
    issue = repo.get_issue(PR_NUMBER)
    # Someone else posts our marker: it must not be taken for pmcheck's comment.
    other = client.connect(USER_TOKEN, emu.url, for_tests=True)
    other.get_repo("octo-org/postmortems").get_issue(PR_NUMBER).create_comment(
        comments.SUMMARY_MARKER + "\nforged")
    ours = client.is_ours(client.own_login(gh))
    body = comments.SUMMARY_MARKER + "\n## pmcheck: 1 error\n"
    assert comments.sync(issue, body, ours).action == "created"
    assert comments.sync(issue, body, ours).action == "unchanged"
    assert comments.sync(issue, body + "more\n", ours).action == "edited"
    mine = [c for c in emu.state.comments_on(PR_NUMBER) if c["user"] == BOT_LOGIN]
    assert len(mine) == 1 and mine[0]["body"].endswith("more\n")
    forged = [c for c in emu.state.comments_on(PR_NUMBER) if c["user"] != BOT_LOGIN]
    assert forged[0]["body"].endswith("forged") and markers(forged[0]["body"])
