"""entrypoint.py in review mode against the emulator, run as the runner runs a Docker action."""

from __future__ import annotations

import os
import re

from github_emulator import BOT_LOGIN, RO_TOKEN, RW_TOKEN, USER_TOKEN, make_github

from pmcheck.diff import parse_patch
from pmcheck.github.review_text import parse
from pmcheck.github.safety import markers

from .harness import (HEAD_SHA, PR_NUMBER, Expected, comment_fps, fixture_text, make_patch,
                       pr_event, run_action, seed_pr, two_postmortems)

NEW = "postmortems/2026/2026-04-03-checkout-freeze.md"
EDITED = "postmortems/2026/2026-02-10-stale-search.md"
# The measured PR: 25 findings (20 in the new file, 5 in the edited one) at the time of writing;
# tests compare with what the linter finds so that rule tuning does not break them.
EXP = Expected.of(two_postmortems())
N = EXP.total


def assert_on_diff_lines(emu):
    """Every pmcheck review comment sits on an added/context line of its file's patch."""
    for c in emu.state.review_comments_on(PR_NUMBER):
        f = emu.state.pr_file(PR_NUMBER, c["path"])
        hunks = parse_patch(f["patch"])
        lines = set().union(*(h.added | h.context for h in hunks))
        assert c["line"] in lines and c["side"] == "RIGHT", c
        if c["start_line"] is not None:
            assert any(c["start_line"] in h and c["line"] in h for h in hunks), c


def stickies(emu):
    return [c for c in emu.state.comments_on(PR_NUMBER)
            if markers(c["body"]).get("summary") == "pr"]


def test_first_run_one_review_on_diff_lines_one_summary(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    run = run_action(emu, ws)
    assert run.rc == 1, run.stdout + run.stderr
    assert (run.outputs["findings"], run.outputs["errors"], run.outputs["warnings"]) == (
        str(N), str(EXP.errors), str(EXP.warnings))
    [review] = emu.state.reviews_on(PR_NUMBER)
    assert review["commit_id"] == HEAD_SHA and review["state"] == "COMMENTED"
    assert review["user"] == BOT_LOGIN
    comments = emu.state.review_comments_on(PR_NUMBER)
    # One comment per line, listing every finding there (25 findings on 15 lines).
    assert EXP.lines < N and len(comments) == EXP.lines
    assert {c["review_id"] for c in comments} == {review["id"]}
    fps = comment_fps(emu)
    assert len(fps) == len(set(fps)) == N
    assert len({(c["path"], c["line"], c["start_line"]) for c in comments}) == EXP.lines
    assert_on_diff_lines(emu)
    [sticky] = stickies(emu)
    assert f"{EXP.headline()} (2 postmortems checked)" in sticky["body"]
    assert "What a blameless rewrite looks like" in sticky["body"]
    assert run.annotations == []  # every finding is inline: no duplicate annotations
    assert "| 🔴 error |" in run.summary and run.summary.count("inline comment") == N
    writes = emu.writes()
    assert [(w.method, w.operation) for w in writes] == [
        ("POST", "pulls/create-review"), ("POST", "issues/create-comment")]
    assert len(emu.requests) <= 8
    # the workflow token is an installation token: no GET /user (always 403 for it)
    assert [r.operation for r in emu.requests] == [
        "pulls/list-files", "pulls/get", "pulls/list-review-comments", "pulls/create-review",
        "issues/list-comments", "issues/create-comment"]


def test_rerun_same_commit_posts_nothing(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    first = run_action(emu, ws)
    n_writes = len(emu.writes())
    second = run_action(emu, ws)
    assert second.rc == first.rc == 1
    assert len(emu.writes()) == n_writes  # not even the summary is edited
    assert len(emu.state.reviews_on(PR_NUMBER)) == 1 and len(stickies(emu)) == 1
    assert second.outputs == first.outputs


def test_read_only_token_falls_back_to_annotations_and_summary(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    run = run_action(emu, ws, token=RO_TOKEN)
    assert run.rc == 1
    assert emu.state.reviews_on(PR_NUMBER) == [] and stickies(emu) == []
    assert [w.status for w in emu.writes()] == [403]  # one refused attempt, then no more
    assert "No write access" in run.stdout
    errors = [a for a in run.annotations if a.startswith("::error ")]
    warnings = [a for a in run.annotations if a.startswith("::warning ")]
    assert (len(errors), len(warnings)) == (min(10, EXP.errors), min(10, EXP.warnings))
    left = N - len(errors) - len(warnings)
    assert f"{left} finding(s) beyond GitHub's 10 annotations" in run.summary
    assert run.summary.count("(no write access)") == N
    assert run.outputs["findings"] == str(N)


def test_review_422_loses_nothing_and_rerun_posts_once(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    emu.fail_next("POST", r"/pulls/\d+/reviews$", 422,
                  body={"message": "Unprocessable Entity",
                        "documentation_url": "https://docs.github.com/rest",
                        "errors": ["Pull request review thread line must be part of the diff"]})
    run = run_action(emu, ws)
    assert run.rc == 1 and emu.state.review_comments_on(PR_NUMBER) == []
    assert len(run.annotations) == min(10, EXP.errors) + min(10, EXP.warnings)
    assert "GitHub refused the review" in run.stdout
    [sticky] = stickies(emu)
    assert sticky["body"].count("comment not posted") == N
    emu.state.push(PR_NUMBER, "b" * 40)  # same files
    again = run_action(emu, ws, event=pr_event(head_sha="b" * 40))
    assert again.rc == 1 and len(comment_fps(emu)) == N
    assert len(stickies(emu)) == 1 and stickies(emu)[0]["body"].count("inline comment") == N


def test_review_5xx_after_it_was_applied_does_not_double_post(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    emu.fail_next("POST", r"/pulls/\d+/reviews$", 502, after_apply=True)
    run = run_action(emu, ws)
    assert run.rc == 1
    assert len(emu.state.reviews_on(PR_NUMBER)) == 1
    assert len(comment_fps(emu)) == N
    assert len(emu.calls("POST", r"/pulls/\d+/reviews$")) == 1  # re-listed, not re-posted


def test_review_5xx_before_it_was_applied_is_retried_once(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    emu.fail_next("POST", r"/pulls/\d+/reviews$", 503)
    run = run_action(emu, ws)
    assert run.rc == 1 and len(emu.state.reviews_on(PR_NUMBER)) == 1
    assert len(comment_fps(emu)) == N
    assert [r.status for r in emu.calls("POST", r"/pulls/\d+/reviews$")] == [503, 200]


def test_summary_5xx_after_apply_keeps_one_sticky(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    emu.fail_next("POST", r"/issues/\d+/comments$", 500, after_apply=True)
    run_action(emu, ws)
    assert len(stickies(emu)) == 1
    assert len(emu.calls("POST", r"/issues/\d+/comments$")) == 1


def test_secondary_rate_limit_on_patch_is_retried(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    run_action(emu, ws)
    ws.joinpath(EDITED).write_text(fixture_text("base.md"), encoding="utf-8")
    emu.state.push(PR_NUMBER, "b" * 40, files=[
        {"filename": NEW, "patch": make_patch("", fixture_text("bad.md")), "status": "added"},
        {"filename": EDITED, "patch": make_patch(fixture_text("base.md"),
                                                 fixture_text("base.md") + "\n")}])
    emu.rate_limit_next("secondary", method="PATCH", path_regex=r"/issues/comments/")
    run = run_action(emu, ws, event=pr_event(head_sha="b" * 40))
    assert run.rc == 1
    edits = emu.calls("PATCH", r"/issues/comments/")
    assert [e.status for e in edits] == [403, 200]
    only_new = Expected.of({NEW: ("", fixture_text("bad.md"))})
    assert f"{only_new.headline()} (2 postmortems" in stickies(emu)[0]["body"]


def test_secondary_rate_limit_on_the_review_post_is_waited_out(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    emu.rate_limit_next("secondary", method="POST", path_regex=r"/pulls/\d+/reviews$",
                        status=429, retry_after=0)
    run = run_action(emu, ws)
    assert run.rc == 1 and len(emu.state.reviews_on(PR_NUMBER)) == 1
    assert [r.status for r in emu.calls("POST", r"/pulls/\d+/reviews$")] == [429, 200]
    assert len(comment_fps(emu)) == N


def test_new_push_deletes_fixed_comments_edits_replied_ones(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    run_action(emu, ws)
    # A person replies to the comment on the "sloppy" line.
    sloppy = next(c for c in emu.state.review_comments_on(PR_NUMBER) if "sloppy" in c["body"])
    gh = make_github(emu, USER_TOKEN)
    pr = gh.get_repo("octo-org/postmortems").get_pull(PR_NUMBER)
    pr.create_review_comment_reply(sloppy["id"], "Fair, rewording.")
    # The author fixes the edited postmortem (back to base) and pushes.
    ws.joinpath(EDITED).write_text(fixture_text("base.md"), encoding="utf-8")
    emu.state.push(PR_NUMBER, "b" * 40, files=[
        {"filename": NEW, "patch": make_patch("", fixture_text("bad.md")), "status": "added"},
        {"filename": EDITED, "patch": make_patch(fixture_text("base.md"),
                                                 fixture_text("base.md").replace(
                                                     "one command.", "one command!"))}])
    ws.joinpath(EDITED).write_text(fixture_text("base.md").replace("one command.",
                                                                   "one command!"))
    run = run_action(emu, ws, event=pr_event(head_sha="b" * 40))
    only_new = Expected.of({NEW: ("", fixture_text("bad.md"))})
    assert run.outputs["findings"] == str(only_new.total)
    left = emu.state.review_comments_on(PR_NUMBER)
    ours = [c for c in left if c["user"] == BOT_LOGIN]
    assert len(ours) == only_new.lines + 1  # still valid + the replied one, marked fixed
    fixed = [c for c in ours if markers(c["body"]).get("state") == "fixed"]
    assert [c["id"] for c in fixed] == [sloppy["id"]]
    assert "Fixed in bbbbbbb" in fixed[0]["body"]
    assert len(emu.state.reviews_on(PR_NUMBER)) == 1  # nothing new to post
    assert len(stickies(emu)) == 1 and only_new.headline() in stickies(emu)[0]["body"]


def test_finding_outside_the_diff_goes_to_annotations_not_review(github_emulator, ws):
    emu = github_emulator
    base = fixture_text("base.md").replace(
        "Search served the stale index", "Ines carelessly let search serve the stale index")
    new = base.replace("one command.", "one command, run by @kai.")
    seed_pr(emu, ws, {EDITED: (base, new)})
    run = run_action(emu, ws)
    assert run.outputs["findings"] == "1"
    assert emu.state.reviews_on(PR_NUMBER) == []
    [ann] = run.annotations
    assert ann.startswith("::error file=postmortems/2026/2026-02-10-stale-search.md,line=17,")
    [sticky] = stickies(emu)
    assert "not in the diff" in sticky["body"]


def test_over_thirty_comments_thirty_inline_rest_summarised(github_emulator, ws):
    emu = github_emulator
    files = two_postmortems()
    for name in ("again", "once-more"):
        files[f"postmortems/2026/2026-04-04-{name}.md"] = ("", fixture_text("bad.md").replace(
            "Checkout page froze", f"Checkout page froze {name}"))
    seed_pr(emu, ws, files)
    run = run_action(emu, ws)
    exp = Expected.of(files)
    assert exp.lines > 30 and run.outputs["findings"] == str(exp.total)
    assert len(emu.state.review_comments_on(PR_NUMBER)) == 30  # comments (lines), not findings
    inline = comment_fps(emu)
    assert len(inline) == len(set(inline)) == int(run.outputs["inline-comments"])
    [sticky] = stickies(emu)
    assert sticky["body"].count("past 30 comments") == exp.total - len(inline)
    assert f"{exp.total - len(inline)} more on changed lines are past the 30-comment limit" in (
        emu.state.reviews_on(PR_NUMBER)[0]["body"])
    # The rest reach annotations (10 per level) and the job summary (every one).
    assert run.annotations and run.summary.count("past 30 comments") == exp.total - len(inline)
    writes = len(emu.writes())
    run_action(emu, ws)
    assert len(emu.writes()) == writes


def test_mentions_neutralised_and_token_never_printed(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    run = run_action(emu, ws)
    bodies = [c["body"] for c in emu.state.review_comments_on(PR_NUMBER)]
    bodies += [c["body"] for c in emu.state.comments_on(PR_NUMBER)]
    assert any("@\u200bbob should have" in b for b in bodies)
    mention = re.compile(r"(?<![\w`])@[A-Za-z0-9]")
    # Text in a ```suggestion fence is code (GitHub does not notify) and must stay verbatim.
    prose = [re.sub(r"^(`{3,})suggestion\n.*?^\1$", "", b, flags=re.S | re.M) for b in bodies]
    assert not [b for b in prose if mention.search(b)]
    for text in (run.stdout, run.stderr, run.summary, str(run.outputs)):
        assert RW_TOKEN not in text


def test_symlink_escape_refused(github_emulator, ws, tmp_path):
    emu = github_emulator
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nBob carelessly leaked the root password hunter2.\n")
    (ws / "postmortems").mkdir()
    os.symlink(secret, ws / "postmortems" / "leak.md")
    emu.state.add_pull_request(number=PR_NUMBER, head_sha=HEAD_SHA, files=[
        {"filename": "postmortems/leak.md", "patch": "@@ -0,0 +1 @@\n+../secret.md",
         "status": "added"}])
    run = run_action(emu, ws)
    assert run.rc == 2
    assert "symbolic link" in run.summary and "hunter2" not in run.summary + run.stdout
    assert all("hunter2" not in c["body"] for c in emu.state.comments_on(PR_NUMBER))


def test_dry_run_writes_nothing(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    run = run_action(emu, ws, inputs={"dry-run": "true"})
    assert run.rc == 1 and emu.writes() == []
    assert f"would post {EXP.lines} inline comment(s) for {N} finding(s)" in run.stdout
    assert run.summary.count("in the diff (dry-run)") == N


def test_workflow_run_checks_the_head_sha(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    event = {"workflow_run": {"head_sha": HEAD_SHA, "event": "pull_request"}}
    ok = run_action(emu, ws, event_name="workflow_run", event=event,
                    inputs={"pull-request": str(PR_NUMBER)})
    assert ok.rc == 1 and len(emu.state.reviews_on(PR_NUMBER)) == 1
    stale = {"workflow_run": {"head_sha": "c" * 40, "event": "pull_request"}}
    writes = len(emu.writes())
    bad = run_action(emu, ws, event_name="workflow_run", event=stale,
                     inputs={"pull-request": str(PR_NUMBER)})
    assert bad.rc == 1 and len(emu.writes()) == writes  # annotations and job summary only
    assert "this run checked ccccccc, but pull request #7 is now at aaaaaaa" in bad.stdout
    assert "Nothing was written to the pull request" in bad.summary


def test_bad_input_is_one_clear_error(github_emulator, ws):
    run = run_action(github_emulator, ws, inputs={"fail-on": "sometimes"})
    assert run.rc == 2 and "Traceback" not in run.stderr
    assert "::error title=pmcheck::input fail-on" in run.stdout
    assert github_emulator.requests == []


def test_fail_on_never_and_warning(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    assert run_action(emu, ws, inputs={"fail-on": "never"}).rc == 0


def test_pr_without_postmortems_posts_nothing(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, {"README.md": ("old\n", "new, @alice\n")})
    run = run_action(emu, ws)
    assert (run.rc, run.outputs["findings"]) == (0, "0")
    assert emu.writes() == [] and "no findings (0 postmortems checked)" in run.summary


def test_bad_config_is_one_error_naming_file_and_line(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    (ws / ".pmcheck.yml").write_text("sprint-days: 14\nfail-on-typo: [\n", encoding="utf-8")
    run = run_action(emu, ws)
    assert run.rc == 2 and "Traceback" not in run.stderr + run.stdout
    [error] = [ln for ln in run.stdout.splitlines() if ln.startswith("::error")]
    assert ".pmcheck.yml:" in error and emu.writes() == []
    assert "could not run" in run.summary


def test_annotation_properties_are_escaped(github_emulator, ws):
    emu = github_emulator
    odd = "postmortems/x,y:z.md"
    seed_pr(emu, ws, {odd: ("", fixture_text("bad.md"))})
    run = run_action(emu, ws, token=RO_TOKEN)
    assert run.annotations
    assert all(a.split(" ", 1)[1].startswith("file=postmortems/x%2Cy%3Az.md,")
               for a in run.annotations)
    assert all("\n" not in a for a in run.annotations)


def test_files_listing_failing_still_reports_every_finding(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    emu.fail_next("GET", r"/pulls/\d+/files$", 502, times=10)
    run = run_action(emu, ws)
    assert run.rc == 1 and emu.writes() == []
    assert run.outputs["findings"] == str(N)
    assert run.summary.count("files of the PR unknown") == N
    assert "cannot list the pull request's files" in run.stdout


def test_review_post_timing_out_is_not_replayed(github_emulator, ws):
    """The POST outlives the client's timeout and lands later: still exactly one review."""
    import time

    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    emu.delay_next("POST", r"/pulls/\d+/reviews$", 6.5)
    run = run_action(emu, ws)
    assert run.rc == 1 and "got no answer" in run.stdout
    assert run.summary.count("comment not posted") == N  # still reported, not lost
    deadline = time.monotonic() + 10
    while not emu.state.reviews_on(PR_NUMBER) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(emu.state.reviews_on(PR_NUMBER)) == 1
    again = run_action(emu, ws)
    assert again.rc == 1 and len(emu.state.reviews_on(PR_NUMBER)) == 1
    assert len(comment_fps(emu)) == N


def test_review_comments_unlisted_means_no_inline_posting(github_emulator, ws):
    """Without the list of existing comments a post could duplicate: post none, report all."""
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    emu.fail_next("GET", r"/pulls/\d+/comments$", 503, times=10)
    run = run_action(emu, ws)
    assert run.rc == 1 and emu.state.reviews_on(PR_NUMBER) == []
    assert "cannot list review comments" in run.stdout
    assert len(run.annotations) == min(10, EXP.errors) + min(10, EXP.warnings)
    assert run.summary.count("comment not posted") == N


def test_primary_rate_limit_is_waited_out_until_reset(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    emu.rate_limit_next("primary", method="GET", path_regex=r"/pulls/\d+/files$", reset_in=1)
    run = run_action(emu, ws)
    assert run.rc == 1 and len(emu.state.reviews_on(PR_NUMBER)) == 1
    assert [r.status for r in emu.calls("GET", r"/pulls/\d+/files$")] == [403, 200]


def test_fixing_one_of_a_lines_findings_replaces_its_outdated_comment(github_emulator, ws):
    """Line 69 of the edited postmortem: an action item with no owner, a bad due date and a
    person-fixing action share ONE comment; adding the owner changes that line, so GitHub
    outdates the comment and one new comment lists the findings left."""
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    run_action(emu, ws)
    row = "| Remind Rui to be more careful | | next week | P2 | open |"
    assert row in fixture_text("edited.md")
    [host] = [c for c in emu.state.review_comments_on(PR_NUMBER)
              if c["path"] == EDITED and "Remind Rui" in c["body"]]
    before = parse(host["body"]).live
    assert len(before) >= 2 and "actions.owner-missing" in host["body"]

    def push(text, sha):
        ws.joinpath(EDITED).write_text(text, encoding="utf-8")
        emu.state.push(PR_NUMBER, sha, files=[
            {"filename": NEW, "patch": make_patch("", fixture_text("bad.md")),
             "status": "added"},
            {"filename": EDITED, "patch": make_patch(fixture_text("base.md"), text)}])
        return run_action(emu, ws, event=pr_event(head_sha=sha))

    n_comments = len(emu.state.review_comments_on(PR_NUMBER))
    writes = len(emu.writes())
    owned = fixture_text("edited.md").replace(row, row.replace("| |", "| @rui |", 1))
    push(owned, "b" * 40)
    # The push changed the commented line, so GitHub outdated (hid) the comment: editing it
    # would change a comment nobody sees. It is replaced by one on the line as it is now.
    assert host["id"] not in emu.state.review_comments
    new_writes = [(w.method, w.operation) for w in emu.writes()[writes:]]
    assert ("POST", "pulls/create-review") in new_writes
    assert ("PATCH", "pulls/update-review-comment") not in new_writes
    assert len(emu.state.review_comments_on(PR_NUMBER)) == n_comments
    [now] = [c for c in emu.state.review_comments_on(PR_NUMBER)
             if c["path"] == EDITED and "Remind Rui" in c["body"]]
    after = parse(now["body"])
    assert len(after.live) == len(before) - 1 and set(after.live) < set(before)
    # A rerun on that commit writes nothing; undoing the fix posts the finding again, once.
    writes = len(emu.writes())
    push(owned, "b" * 40)
    assert len(emu.writes()) == writes
    push(fixture_text("edited.md"), "c" * 40)
    [restored] = [c for c in emu.state.review_comments_on(PR_NUMBER)
                  if c["path"] == EDITED and "Remind Rui" in c["body"]]
    assert set(parse(restored["body"]).live) == set(before)
    assert len(emu.state.review_comments_on(PR_NUMBER)) == n_comments


def test_stale_diff_422_falls_back_and_the_next_run_comments(github_emulator, ws):
    """GitHub refuses the review for lines of the diff (422), as when a push lands between
    the run's head check and its POST. Nothing is lost, nothing is retried, and the run for
    the new head posts the comments."""
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    emu.fail_next("POST", r"/pulls/\d+/reviews$", 422,
                  body={"message": "Unprocessable Entity",
                        "documentation_url": "https://docs.github.com/rest",
                        "errors": ["Pull request review thread line must be part of the diff"]})
    run = run_action(emu, ws)
    assert run.rc == 1 and run.outputs["findings"] == str(N)
    assert "GitHub refused the review" in run.stdout
    assert emu.state.review_comments_on(PR_NUMBER) == []
    assert len(emu.calls("POST", r"/pulls/\d+/reviews$")) == 1
    assert run.outputs["inline-comments"] == "0"
    assert len(run.annotations) == min(10, EXP.errors) + min(10, EXP.warnings)
    assert run.summary.count("comment not posted") == N
    [sticky] = stickies(emu)
    assert sticky["body"].count("comment not posted") == N
    emu.state.push(PR_NUMBER, "b" * 40)  # same files
    again = run_action(emu, ws, event=pr_event(head_sha="b" * 40))
    assert again.rc == 1 and sorted(comment_fps(emu)) == sorted(set(comment_fps(emu)))
    assert len(comment_fps(emu)) == N and emu.state.reviews_on(PR_NUMBER)[0]["commit_id"] == (
        "b" * 40)
    assert stickies(emu)[0]["body"].count("inline comment") == N


def test_thousands_of_findings_summaries_stay_under_github_limits(github_emulator, ws):
    """6,000+ findings: the job summary stays under 1 MiB, the sticky comment under 65,536
    characters, both count what they leave out; 30 comments; 10 annotations per level."""
    emu = github_emulator
    notes = "".join(f"- Dev{i} carelessly broke the deploy number {i} because @ops{i} was "
                     "negligent.\n" for i in range(3000))
    big = fixture_text("bad.md").replace("## Action Items",
                                         "## Notes\n\n" + notes + "\n## Action Items")
    seed_pr(emu, ws, {"postmortems/2026/big.md": ("", big)})
    exp = Expected.of({"postmortems/2026/big.md": ("", big)})
    assert exp.total > 5000
    run = run_action(emu, ws)
    assert run.rc == 1 and run.outputs["findings"] == str(exp.total)
    size = len(run.summary.encode("utf-8"))
    assert 500_000 < size < 1024 * 1024
    shown = run.summary.count("| 🔴 error |") + run.summary.count("| 🟡 warning |")
    assert 1000 < shown < exp.total
    assert f"…and {exp.total - shown} more findings not shown here" in run.summary
    assert "@ops" not in run.summary  # mentions neutralised in the job summary too
    [sticky] = stickies(emu)
    assert len(sticky["body"]) < 65_536
    rows = sticky["body"].count("| 🔴 error |") + sticky["body"].count("| 🟡 warning |")
    assert f"…and {exp.total - rows} more findings not shown here" in sticky["body"]
    assert len(emu.state.review_comments_on(PR_NUMBER)) == 30
    assert len(run.annotations) == 11  # 10 errors, the one warning
    left = int(re.search(r"(\d+) finding\(s\) beyond GitHub's 10 annotations", run.summary)[1])
    assert left + len(run.annotations) + int(run.outputs["inline-comments"]) == exp.total


def test_exit_code_by_fail_on_is_the_same_with_a_read_only_token(github_emulator, ws, tmp_path):
    """The check result does not depend on write access (fork PRs): errors, then warnings only."""
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    cases = {"error": 1, "warning": 1, "never": 0}
    for fail_on, code in cases.items():
        got = {token: run_action(emu, ws, token=token, inputs={"fail-on": fail_on}).rc
               for token in (RO_TOKEN, RW_TOKEN)}
        assert got == {RO_TOKEN: code, RW_TOKEN: code}, fail_on
    # Every rule a warning (config), then only fail-on warning fails.
    from pmcheck.rules import all_rules

    categories = sorted({r.id.split(".")[0] for r in all_rules()})
    (ws / ".pmcheck.yml").write_text("rules:\n" + "".join(
        f"  {c}: warning\n" for c in categories), encoding="utf-8")
    warn_only = run_action(emu, ws, token=RO_TOKEN)
    assert warn_only.outputs["errors"] == "0" and int(warn_only.outputs["warnings"]) > 0
    assert warn_only.rc == 0
    for token in (RO_TOKEN, RW_TOKEN):
        assert run_action(emu, ws, token=token, inputs={"fail-on": "warning"}).rc == 1


def test_real_rule_suggestions_become_suggestion_blocks_that_fix_the_line(github_emulator, ws):
    """timeline.time-not-24h and actions.due-invalid offer exact replacements: each becomes a
    ```suggestion block on its line (sharing the comment with the other findings there), and
    applying it as GitHub would makes that finding go away."""
    from pmcheck.linter import lint_text
    from pmcheck.options import Options

    emu = github_emulator
    base = fixture_text("base.md")
    row = "| Add the restore command to the search runbook | @rui | 2026-03-05 | P3 | open |"
    new = (base.replace("- 08:05: A freshness alert", "- 8:05 AM: A freshness alert")
           .replace(row, row.replace("| @rui | 2026-03-05 |", "| | March 5, 2026 |")))
    assert new != base
    seed_pr(emu, ws, {EDITED: (base, new)})
    run = run_action(emu, ws)
    assert run.rc == 1
    lines = new.split("\n")
    with_fix = {}
    for c in emu.state.review_comments_on(PR_NUMBER):
        m = re.search(r"^(`{3,})suggestion\n(.*?)\n?\1$", c["body"], re.S | re.M)
        if m:
            assert c["start_line"] is None and c["side"] == "RIGHT"
            with_fix[c["line"]] = (m.group(2), c["body"])
    time_line = lines.index("- 8:05 AM: A freshness alert fires and pages @ines.") + 1
    row_line = next(i for i, ln in enumerate(lines, 1) if "March 5, 2026" in ln)
    assert set(with_fix) == {time_line, row_line}
    assert with_fix[time_line][0] == "- 08:05: A freshness alert fires and pages @ines."
    assert "timeline.time-not-24h" in with_fix[time_line][1]
    row_body = with_fix[row_line][1]
    assert "actions.owner-missing" in row_body and "actions.due-invalid" in row_body
    assert row_body.count("suggestion\n") == 1
    assert "Suggested change, fixes `actions.due-invalid`:\n\n```suggestion" in row_body
    for line, (replacement, _body) in with_fix.items():
        fixed = lines[:line - 1] + [replacement] + lines[line:]
        rules_there = {f.rule for f in lint_text("\n".join(fixed), EDITED, Options())[0]
                       if f.line == line}
        assert not rules_there & {"timeline.time-not-24h", "actions.due-invalid"}


def test_only_changed_files_matching_paths_are_checked(github_emulator, ws):
    emu = github_emulator
    bad = fixture_text("bad.md")
    files = {NEW: ("", bad), "docs/notes/incident.md": ("", bad),
             "postmortems/2026/readme.txt": ("", bad)}
    seed_pr(emu, ws, files)
    emu.state.pulls[PR_NUMBER]["files"].append(
        {**emu.state.pulls[PR_NUMBER]["files"][0], "filename": "postmortems/old.md",
         "status": "removed", "patch": "@@ -1 +0,0 @@\n-Bob carelessly broke it."})
    run = run_action(emu, ws)
    only = Expected.of({NEW: ("", bad)})
    assert run.outputs["findings"] == str(only.total)
    assert {c["path"] for c in emu.state.review_comments_on(PR_NUMBER)} == {NEW}
    assert "(1 postmortem checked)" in run.summary
    custom = run_action(emu, ws, inputs={"paths": "docs/**/*.md, postmortems/**/*.md"})
    assert custom.outputs["findings"] == str(2 * only.total)


def test_summary_post_timing_out_is_not_replayed(github_emulator, ws):
    """The sticky POST outlives the client's timeout and lands later: still one sticky, and the
    findings are all in the job summary and annotations meanwhile."""
    import time

    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    emu.delay_next("POST", r"/issues/\d+/comments$", 6.5)
    run = run_action(emu, ws)
    assert run.rc == 1 and "got no answer" in run.stdout
    assert run.summary.count("inline comment") == N and len(comment_fps(emu)) == N
    deadline = time.monotonic() + 10
    while not stickies(emu) and time.monotonic() < deadline:
        time.sleep(0.1)
    again = run_action(emu, ws)
    assert again.rc == 1 and len(stickies(emu)) == 1
    assert len(emu.calls("POST", r"/issues/\d+/comments$")) == 1  # never posted twice
    assert len(emu.state.reviews_on(PR_NUMBER)) == 1


def test_config_input_names_another_file_and_a_missing_one_is_an_error(github_emulator, ws):
    from pmcheck.config import load_config
    from pmcheck.linter import lint_text

    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    (ws / "ci").mkdir()
    (ws / "ci" / "pmcheck.yml").write_text("rules:\n  blame: off\n", encoding="utf-8")
    run = run_action(emu, ws, inputs={"config": "ci/pmcheck.yml", "dry-run": "true"})
    opts = load_config(ws / "ci" / "pmcheck.yml", ws)
    no_blame = [f for path, (_o, new) in two_postmortems().items()
                for f in lint_text(new, path, opts)[0]]
    assert run.outputs["findings"] == str(len(no_blame)) != str(N)
    assert not any(f.rule.startswith("blame.") for f in no_blame)
    missing = run_action(emu, ws, inputs={"config": "ci/missing.yml"})
    assert missing.rc == 2 and "ci/missing.yml" in missing.stdout and emu.writes() == []


def test_personal_token_whose_login_is_unknown_annotates_and_posts_nothing(github_emulator,
                                                                           ws):
    """With a personal token, earlier comments are a person's account's: when GET /user
    fails pmcheck cannot recognise them, so it writes nothing rather than post them again."""
    emu = github_emulator
    seed_pr(emu, ws, {NEW: ("", fixture_text("bad.md"))})
    first = run_action(emu, ws, token=USER_TOKEN)
    writes = len(emu.writes())
    stickies = [c for c in emu.state.comments_on(PR_NUMBER)
                if markers(c["body"]).get("summary") == "pr"]
    assert first.rc == 1 and writes == 2 and len(stickies) == 1
    emu.fail_next("GET", r"^/user$", 502, times=50)
    again = run_action(emu, ws, token=USER_TOKEN)
    assert len(emu.writes()) == writes
    assert again.rc == first.rc and "GET /user failed" in again.stdout
    assert again.stdout.count("::error file=") + again.stdout.count("::warning file=") >= 1
