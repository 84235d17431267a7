"""GitHub state across pushes, re-runs and races (issue 11), against the emulator.

Each test drives entrypoint.py as the runner does and then reads the emulator's state.
"""

from __future__ import annotations

from github_emulator import BOT_LOGIN, make_github

from pmcheck.github.review_text import parse

from .harness import PR_NUMBER, fixture_text, make_patch, pr_event, run_action, seed_pr

NEW = "postmortems/2026/2026-04-03-checkout-freeze.md"
BLAMED = "Bob carelessly pushed a broken cache setting and the checkout page fro"


def ours(emu):
    return [c for c in emu.state.review_comments_on(PR_NUMBER) if c["user"] == BOT_LOGIN]


def first_run(emu, ws) -> str:
    """A PR adding bad.md, after pmcheck's first run on it; returns the file's text."""
    bad = fixture_text("bad.md")
    seed_pr(emu, ws, {NEW: ("", bad)})
    run_action(emu, ws)
    return bad


def push(emu, ws, text: str, sha: str, path: str = NEW, old: str = "") -> None:
    ws.joinpath(path).write_text(text, encoding="utf-8")
    emu.state.push(PR_NUMBER, sha, files=[{"filename": path, "patch": make_patch(old, text),
                                           "status": "added" if not old else "modified"}])


def test_push_that_changes_a_commented_line_outdates_it_and_the_finding_is_posted_again(
        github_emulator, ws):
    emu = github_emulator
    bad = first_run(emu, ws)
    before = next(c for c in ours(emu) if c["line"] == 13)
    # Same findings on line 13, but the line's text changed: GitHub outdates the comment
    # (line null) and keeps its position, as in the recorded response.
    push(emu, ws, bad.replace(BLAMED, BLAMED.replace("page fro", "page  fro")), "b" * 40)
    stale = emu.state.review_comments[before["id"]]
    assert stale["line"] is None and stale["position"] is not None
    run = run_action(emu, ws, event=pr_event(head_sha="b" * 40))
    on_13 = [c for c in ours(emu) if c["line"] == 13]
    assert len(on_13) == 1 and on_13[0]["id"] != before["id"]
    assert set(parse(on_13[0]["body"]).live) == set(parse(before["body"]).live)
    assert before["id"] not in emu.state.review_comments  # nobody replied: removed
    assert "13" in run.summary and run.rc == 1


def test_unchanged_comment_follows_its_line_when_lines_are_inserted_above(github_emulator, ws):
    emu = github_emulator
    bad = first_run(emu, ws)
    ids = {c["id"] for c in ours(emu)}
    lines = bad.split("\n")
    moved = "\n".join(lines[:5] + ["", "Written after the review."] + lines[5:])
    push(emu, ws, moved, "b" * 40)
    assert all(c["line"] is not None for c in ours(emu))  # the emulator moved them
    run_action(emu, ws, event=pr_event(head_sha="b" * 40))
    assert {c["id"] for c in ours(emu)} == ids  # nothing deleted or posted again
    assert len(emu.state.reviews_on(PR_NUMBER)) == 1


def test_rerun_of_an_older_commit_writes_nothing_and_names_the_current_head(
        github_emulator, ws):
    emu = github_emulator
    bad = first_run(emu, ws)
    fixed = bad.replace("Human error. Bob forgot to run the tests.", "The tests did not run.")
    push(emu, ws, fixed, "b" * 40)
    run_action(emu, ws, event=pr_event(head_sha="b" * 40))
    state = ({c["id"]: c["body"] for c in emu.state.review_comments_on(PR_NUMBER)},
             [c["body"] for c in emu.state.comments_on(PR_NUMBER)])
    writes = len(emu.writes())
    # The workflow of the first commit is re-run: its event still names aaaa..., and its
    # checkout holds the old text with the finding fixed since.
    ws.joinpath(NEW).write_text(bad, encoding="utf-8")
    rerun = run_action(emu, ws)
    assert len(emu.writes()) == writes
    assert state == ({c["id"]: c["body"] for c in emu.state.review_comments_on(PR_NUMBER)},
                     [c["body"] for c in emu.state.comments_on(PR_NUMBER)])
    assert "but pull request #7 is now at bbbbbbb" in rerun.stdout
    assert "Nothing was written to the pull request" in rerun.summary
    assert rerun.annotations  # the old commit's findings still reach the log
    # pmcheck's own notice comes after every finding annotation
    lines = rerun.stdout.splitlines()
    notice = next(i for i, ln in enumerate(lines) if ln.startswith("::notice title=pmcheck"))
    assert all(lines.index(a) < notice for a in rerun.annotations)


NEGLIGENT = "- The on-call engineer was negligent and ignored the page."


def holders(emu, base: str) -> dict[int, int]:
    """{line: how many of that fingerprint's findings pmcheck comments there list live}."""
    out: dict[int, int] = {}
    for c in ours(emu):
        n = sum(fp.split("-", 1)[0] == base for fp in parse(c["body"]).live)
        if n:
            out[c["line"]] = out.get(c["line"], 0) + n
    return out


def negligent_lines(text: str) -> list[int]:
    return [n for n, ln in enumerate(text.split("\n"), 1) if ln == NEGLIGENT]


def test_identical_lines_keep_their_own_comments_through_insert_delete_and_move(
        github_emulator, ws):
    emu = github_emulator
    bad = first_run(emu, ws)
    [only] = negligent_lines(bad)
    [original] = [c for c in ours(emu) if c["line"] == only]
    [base] = {fp for fp in parse(original["body"]).live if "person-as-cause" in original["body"]}
    lines = bad.split("\n")

    # Insert an identical line higher up (in "What Went Well"): one new comment for it; the
    # old one, which GitHub moved down with its line, is untouched.
    two = "\n".join(lines[:only - 5] + [NEGLIGENT] + lines[only - 5:])
    writes = len(emu.writes())
    push(emu, ws, two, "b" * 40)
    run_action(emu, ws, event=pr_event(head_sha="b" * 40))
    assert holders(emu, base) == {n: 1 for n in negligent_lines(two)}
    assert emu.state.review_comments[original["id"]]["body"] == original["body"]
    done = [w.operation for w in emu.writes()[writes:]]
    assert done.count("pulls/create-review") == 1
    assert "pulls/update-review-comment" not in done
    assert "pulls/delete-review-comment" not in done
    # A rerun changes nothing.
    writes = len(emu.writes())
    run_action(emu, ws, event=pr_event(head_sha="b" * 40))
    assert len(emu.writes()) == writes

    # Move the second copy to the end of the file: every copy still has exactly one comment.
    moved_lines = two.split("\n")
    first, second = negligent_lines(two)
    [stays] = [c["id"] for c in ours(emu) if c["line"] == first]
    moved = "\n".join(moved_lines[:second - 1] + moved_lines[second:] + ["", NEGLIGENT])
    push(emu, ws, moved, "c" * 40)
    run_action(emu, ws, event=pr_event(head_sha="c" * 40))
    assert holders(emu, base) == {n: 1 for n in negligent_lines(moved)}
    assert emu.state.review_comments[stays]["line"] == first  # the copy that did not move

    # Delete the first copy: one comment is left, on the remaining line.
    first = negligent_lines(moved)[0]
    back = moved.split("\n")
    one = "\n".join(back[:first - 1] + back[first:])
    push(emu, ws, one, "d" * 40)
    run_action(emu, ws, event=pr_event(head_sha="d" * 40))
    assert holders(emu, base) == {n: 1 for n in negligent_lines(one)}


def test_pr_past_githubs_3000_file_listing_checks_every_postmortem(github_emulator, ws):
    emu = github_emulator
    bad = fixture_text("bad.md")
    ws.joinpath("postmortems/2026").mkdir(parents=True)
    ws.joinpath(NEW).write_text(bad, encoding="utf-8")
    filler = [{"filename": f"assets/a{i:04}.txt", "patch": "@@ -0,0 +1 @@\n+x",
               "status": "added"} for i in range(3000)]
    emu.state.add_pull_request(number=PR_NUMBER, head_sha="a" * 40, files=filler + [
        {"filename": NEW, "patch": make_patch("", bad), "status": "added"}])
    event = pr_event()
    event["pull_request"]["changed_files"] = 3001
    run = run_action(emu, ws, event=event)
    pr = make_github(emu).get_repo("octo-org/postmortems").get_pull(PR_NUMBER)
    assert len(list(pr.get_files())) == 3000 and pr.changed_files == 3001  # GitHub's cap
    assert run.rc == 1 and run.outputs["findings"] != "0"
    assert "3,001 files" in run.summary and "every postmortem under paths" in run.summary
    assert run.annotations  # the postmortem past the listing is reported
    assert emu.writes() == []  # its diff is unknown: nothing is posted on it


def test_duplicate_comments_left_by_a_racing_run_are_removed(github_emulator, ws):
    emu = github_emulator
    first_run(emu, ws)
    mine = ours(emu)
    # A second run that raced the first saw no comments yet and posted the same review.
    gh = make_github(emu)
    repo = gh.get_repo("octo-org/postmortems")
    pr = repo.get_pull(PR_NUMBER)
    pr.create_review(commit=repo.get_commit("a" * 40), body="pmcheck", event="COMMENT",
                     comments=[{"path": c["path"], "line": c["line"], "side": "RIGHT",
                                "body": c["body"], **({"start_line": c["start_line"]}
                                                      if c["start_line"] else {})}
                               for c in mine])
    assert len(ours(emu)) == 2 * len(mine)
    run_action(emu, ws)
    assert sorted(c["id"] for c in ours(emu)) == sorted(c["id"] for c in mine)
    fps = [fp for c in ours(emu) for fp in parse(c["body"]).live]
    assert len(fps) == len(set(fps))
    writes = len(emu.writes())
    run_action(emu, ws)
    assert len(emu.writes()) == writes


def example_workflows() -> list[tuple[str, str]]:
    """(where, text) of every example workflow file and workflow quoted in the docs."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = [(str(p.relative_to(root)), p.read_text(encoding="utf-8"))
           for p in sorted((root / "docs" / "workflows").glob("*.yml"))]
    for name in ("README.md", "docs/action.md", "docs/followup.md"):
        text = (root / name).read_text(encoding="utf-8")
        out += [(name, b) for b in re.findall(r"```ya?ml\n(.*?)```", text, re.S)
                if re.search(r"^jobs:", b, re.M)]
    return out


def test_every_example_workflow_has_a_concurrency_group():
    from ruamel.yaml import YAML

    found = example_workflows()
    assert len(found) >= 8
    for where, text in found:
        group = (YAML(typ="safe").load(text).get("concurrency") or {}).get("group", "")
        assert isinstance(group, str) and group.startswith(("pmcheck", "deploy", "release")), (
            f"{where}: no concurrency group")


FORK_CONFIG = "rules:\n  blame: off\n"  # what a fork would like: no blame findings


def rules_found(run) -> set[str]:
    import re

    return set(re.findall(r"\b(blame|timeline)\.[a-z-]+", run.summary))


def test_pull_request_target_reads_config_from_the_base_not_the_checkout(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, {NEW: ("", fixture_text("bad.md"))})
    ws.joinpath(".pmcheck.yml").write_text(FORK_CONFIG, encoding="utf-8")
    event = pr_event()
    event["pull_request"]["base"]["sha"] = "e" * 40  # no .pmcheck.yml there: the defaults
    run = run_action(emu, ws, event_name="pull_request_target", event=event)
    assert run.rc == 1 and "blame" in rules_found(run)
    assert emu.calls("GET", r"/contents/\.pmcheck\.yml$")
    # The same checkout under pull_request (trusted, same repository) uses its own file.
    plain = run_action(emu, ws)
    assert "blame" not in rules_found(plain)


def test_workflow_run_uses_the_base_config_and_a_bad_one_stops_the_run(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, {NEW: ("", fixture_text("bad.md"))})
    ws.joinpath(".pmcheck.yml").write_text(FORK_CONFIG, encoding="utf-8")
    base = "f" * 40  # GITHUB_SHA of a workflow_run: the default branch's last commit
    emu.state.add_file(".pmcheck.yml", "rules:\n  timeline: off\n", ref=base)
    event = {"workflow_run": {"head_sha": "a" * 40, "event": "pull_request"}}
    run = run_action(emu, ws, event_name="workflow_run", event=event,
                     inputs={"pull-request": str(PR_NUMBER)})
    assert run.rc == 1 and rules_found(run) == {"blame"}
    emu.state.add_file(".pmcheck.yml", "rules:\n  blame: warnings\n", ref=base)
    bad = run_action(emu, ws, event_name="workflow_run", event=event,
                     inputs={"pull-request": str(PR_NUMBER)})
    assert bad.rc == 2 and "at the base commit fffffff" in bad.stdout


EVIL = "postmortems/2026/evil\n::error::pwned.md"


def test_a_file_name_cannot_emit_a_workflow_command_in_any_mode(github_emulator, ws, tmp_path):
    """An unreadable postmortem (a symbolic link) whose name holds a newline and ``::error``:
    the error that names it stays on one log line in review, follow-up and gate mode."""
    emu = github_emulator
    bad = fixture_text("bad.md")
    seed_pr(emu, ws, {NEW: ("", bad)})
    emu.state.add_pr_file(PR_NUMBER, EVIL, make_patch("", bad), status="added")
    outside = tmp_path / "outside.md"
    outside.write_text(bad, encoding="utf-8")
    ws.joinpath(EVIL).symlink_to(outside)
    runs = {"review": run_action(emu, ws)}
    for mode in ("followup", "gate"):
        runs[mode] = run_action(emu, ws, event_name="workflow_dispatch",
                                event={"repository": {"default_branch": "main"}},
                                inputs={"mode": mode, "today": "2026-05-01"})
    for mode, run in runs.items():
        lines = run.stdout.splitlines()
        assert not [ln for ln in lines if ln.startswith("::error::pwned")], mode
        assert any("pwned" in ln for ln in lines) or "pwned" in run.summary, mode


def test_the_vendored_outdated_comment_shape_is_on_contract_and_read_as_outdated():
    import json
    from pathlib import Path

    from github import Github
    from github.PullRequestComment import PullRequestComment

    from github_emulator.contract import shared_contract
    from pmcheck.github.review import existing_comments

    data = Path(__file__).resolve().parents[1] / "github_emulator" / "data"
    raw = json.loads((data / "outdated-review-comment.json").read_text(encoding="utf-8"))
    assert raw["line"] is None and raw["position"] == 1 and raw["original_line"] == 1
    contract = shared_contract()
    op, params, _ = contract.match("GET", "/repos/octo-org/postmortems/pulls/7/comments")
    problem, _documented = contract.validate_response(
        op, params, [], 200, {}, json.dumps([raw]).encode(), "application/json")
    assert problem is None
    comment = Github().create_from_raw_data(PullRequestComment, raw)
    [found] = existing_comments([comment], lambda user: True)
    assert found.outdated and found.line is None and found.fps == ("0123456789abcdef",)
