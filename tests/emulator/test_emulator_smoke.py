"""First check that the emulator serves PyGithub's common calls with contract validation on."""

from github_emulator import BOT_LOGIN, make_github

PATCH = "@@ -1,3 +1,4 @@\n # Title\n+new line\n context\n-old\n"


def test_pygithub_round_trip(github_emulator):
    emu = github_emulator
    emu.state.add_pull_request(7, files=[{"filename": "postmortems/a.md", "patch": PATCH}])
    gh = make_github(emu)
    repo = gh.get_repo("octo-org/postmortems")
    pr = repo.get_pull(7)
    review = pr.create_review(body="x", event="COMMENT",
                              comments=[{"path": "postmortems/a.md", "line": 2, "body": "hi"}])
    assert review.state == "COMMENTED"
    assert review.user.login == BOT_LOGIN
    assert [c.line for c in pr.get_review_comments()] == [2]
    assert [(m, p, s) for m, p, _, _, s in emu.requests] == [
        ("GET", "/repos/octo-org/postmortems", 200),
        ("GET", "/repos/octo-org/postmortems/pulls/7", 200),
        ("POST", "/repos/octo-org/postmortems/pulls/7/reviews", 200),
        ("GET", "/repos/octo-org/postmortems/pulls/7/comments", 200),
    ]
    assert emu.counts["responses_validated"] >= 4
