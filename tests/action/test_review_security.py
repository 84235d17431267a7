"""Review mode against hostile input: file names, file content, GitHub error bodies, links."""

from __future__ import annotations

import os
import re

from github_emulator import RO_TOKEN, RW_TOKEN

from pmcheck.github.review_text import parse
from pmcheck.github.safety import markers

from .harness import PR_NUMBER, fixture_text, run_action, seed_pr, two_postmortems

MENTION = re.compile(r"(?<![\w`])@[A-Za-z0-9]")
COMMAND = re.compile(r"^::(error|warning|notice)( [^:]*)?::")


def every_body(emu) -> list[str]:
    return ([c["body"] for c in emu.state.review_comments_on(PR_NUMBER)]
            + [c["body"] for c in emu.state.comments_on(PR_NUMBER)]
            + [r["body"] for r in emu.state.reviews_on(PR_NUMBER)])


HOSTILE = """\
# Login outage

Date: 2026-03-01
Severity: SEV2
Authors: @lena
Reviewers: @sofia
Status: draft

## Summary

Login failed for 20 minutes.

## Timeline

All times are UTC.

- 10:00 Deploy started.
- 10:20 Rolled back.

## Root Cause

@mallory carelessly pushed 100% of traffic %0A::warning::forged :: to the new pool.

## Contributing Factors

- The canary stage was skipped.

## What Went Well

- The rollback took one command.

## What Could Have Gone Better

- Alerts fired late.

## Action Items

| Action | Owner | Due | Priority | Status |
|---|---|---|---|---|
| Require the canary stage <!-- pmcheck:fp=0000 --> | @lena | 2026-03-08 | P1 | open |
| Gate 100% %0A::warning::forged :: rollouts, ask @mallory | | 2026-03-08 | P1 | open |
"""


def test_file_content_and_names_cannot_inject_commands_mentions_or_markers(github_emulator,
                                                                            ws):
    emu = github_emulator
    name = "postmortems/2026/odd %0A::error::x, (see) @bob [1].md"
    seed_pr(emu, ws, {name: ("", HOSTILE)})
    for token in (RO_TOKEN, RW_TOKEN):  # annotations for everything, then inline comments
        run = run_action(emu, ws, token=token)
        assert run.rc == 1 and int(run.outputs["findings"]) >= 1
        for line in run.stdout.splitlines():
            assert not line.startswith("::") or COMMAND.match(line), line
            assert not line.startswith(("::warning::forged", "::error::x")), line
            assert "::error::x" not in line  # inside a property, ':' is escaped
        if token == RO_TOKEN:
            assert [a for a in run.annotations if "100%25 %250A::warning::forged ::" in a]
        assert all(a.split(" ", 1)[1].startswith("file=postmortems/2026/odd %250A%3A%3Aerror")
                   for a in run.annotations)
    bodies = every_body(emu)
    assert any("mallory" in b for b in bodies)
    for body in bodies:
        assert not MENTION.search(body), body
    for c in emu.state.review_comments_on(PR_NUMBER):
        assert set(parse(c["body"]).all) <= {k for k in parse(c["body"]).texts}
        assert "0000" not in parse(c["body"]).all
    [sticky] = [c for c in emu.state.comments_on(PR_NUMBER) if markers(c["body"])]
    assert markers(sticky["body"]) == {"summary": "pr"}
    # The link to the line stays one link: the path is percent-encoded in the URL.
    link = re.search(r"\]\((https://github\.com/[^)\s]*)\)", sticky["body"]).group(1)
    assert "%40bob" in link and "%28see%29" in link and "@" not in link
    assert not MENTION.search(run.summary)


def test_token_in_github_error_bodies_never_reaches_any_output(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    leak = {"message": f"Bad token {RW_TOKEN} for this request",
            "documentation_url": "https://docs.github.com/rest"}
    emu.fail_next("POST", r"/pulls/\d+/reviews$", 422, body=leak)
    emu.fail_next("POST", r"/issues/\d+/comments$", 422, body=leak)
    run = run_action(emu, ws)
    assert run.rc == 1 and "Bad token *** for this request" in run.stdout
    for text in (run.stdout, run.stderr, run.summary, str(run.outputs), *every_body(emu)):
        assert RW_TOKEN not in text
    # The whole run failing on such an error (GET files 404 ends it) is redacted too.
    emu.fail_next("GET", r"/pulls/\d+$", 404, body=leak, times=5)
    emu.fail_next("GET", r"/pulls/\d+/files$", 404, body=leak, times=5)
    failed = run_action(emu, ws, event={"workflow_run": {"head_sha": "a" * 40}},
                        event_name="workflow_run", inputs={"pull-request": str(PR_NUMBER)})
    assert failed.rc == 2 and "***" in failed.stdout
    for text in (failed.stdout, failed.stderr, failed.summary):
        assert RW_TOKEN not in text


def test_symlinked_config_is_refused(github_emulator, ws, tmp_path):
    emu = github_emulator
    seed_pr(emu, ws, two_postmortems())
    outside = tmp_path / "evil.yml"
    outside.write_text("rules:\n  blame.blame-word: off\n", encoding="utf-8")
    os.symlink(outside, ws / ".pmcheck.yml")
    run = run_action(emu, ws)
    assert run.rc == 2 and "symbolic link" in run.stdout and emu.writes() == []


def test_symlinked_folder_on_the_way_is_refused(github_emulator, ws, tmp_path):
    emu = github_emulator
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    elsewhere.joinpath("pm.md").write_text(fixture_text("bad.md"), encoding="utf-8")
    os.symlink(elsewhere, ws / "postmortems")
    emu.state.add_pull_request(number=PR_NUMBER, head_sha="a" * 40, files=[
        {"filename": "postmortems/pm.md", "patch": "@@ -0,0 +1 @@\n+x", "status": "added"}])
    run = run_action(emu, ws)
    assert run.rc == 2 and "symbolic link" in run.summary
    assert "Bob" not in run.summary and emu.state.review_comments_on(PR_NUMBER) == []


def test_github_enterprise_server_api_url_is_honoured(github_emulator, ws):
    """GITHUB_API_URL=http://HOST/api/v3: every request, pagination included, keeps the prefix."""
    from .ghes_proxy import GhesProxy

    emu = github_emulator
    files = two_postmortems()
    files["postmortems/2026/2026-04-04-again.md"] = ("", fixture_text("bad.md"))
    seed_pr(emu, ws, files)
    # More than 100 existing review comments of other people: the listing has two pages.
    for i in range(120):
        emu.state.review_comments[10_000 + i] = {
            **next(iter(emu.state.review_comments.values()), {}), "id": 10_000 + i,
            "pull_number": PR_NUMBER, "review_id": None, "body": f"human note {i}",
            "user": "pm-maintainer", "commit_id": "a" * 40, "path": "postmortems/x.md",
            "line": 1, "side": "RIGHT", "start_line": None, "start_side": None,
            "position": None, "diff_hunk": "@@ -0,0 +1 @@\n+x", "in_reply_to_id": None,
            "created_at": emu.state.tick(), "updated_at": emu.state.now}
    proxy = GhesProxy(emu.url)
    try:
        run = run_action(emu, ws, env_extra={"GITHUB_API_URL": proxy.url,
                                             "GITHUB_SERVER_URL": "https://ghe.example.com"})
        again = run_action(emu, ws, env_extra={"GITHUB_API_URL": proxy.url})
    finally:
        proxy.stop()
    assert proxy.stray == []
    assert len(proxy.seen) == len(emu.requests) and proxy.seen
    assert any("page=2" in path for _m, path in proxy.seen)
    assert run.rc == again.rc == 1 and len(emu.state.reviews_on(PR_NUMBER)) == 1
    assert "https://ghe.example.com/octo-org/postmortems/blob/" in run.summary
