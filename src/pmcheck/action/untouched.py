"""A pull request that changes no file under `paths`: success, no writes, minimal reads.

Organisation rulesets run a required workflow on every pull request of every repository and
ignore a workflow's ``paths:`` filter, so most runs see a PR without a postmortem. After the
one listing of the PR's files that shows this, the only other read is the PR's comments, to
find a summary comment pmcheck left when the PR did change a postmortem (later reverted or
renamed away). Such a summary is edited once to say so; with none, nothing is written. The
PR's inline comments are left alone: GitHub already shows them as outdated.
"""

from __future__ import annotations

from typing import TextIO

from pmcheck.action.result import ModeResult
from pmcheck.github import client, comments
from pmcheck.github.issue_find import UnknownIdentity, token_login

from pmcheck.reporters.github import escape_data

STALE_BODY = ("{marker}\n## pmcheck\n\nThis pull request no longer changes a postmortem "
              "(commit {sha}); nothing to check.\n")


def run(settings, gh, repo, number: int, head_sha: str, out: TextIO) -> ModeResult:
    paths = ", ".join(settings.paths)
    print(f"pmcheck: PR #{number} at {head_sha[:7]} changes no file under {paths}: "
          "nothing to check", file=out)
    action = "skipped"
    if not settings.dry_run:
        try:
            ours = client.is_ours(token_login(gh, settings.token))
        except UnknownIdentity as exc:
            print(f"::warning title=pmcheck::{escape_data(str(exc))}", file=out)
        else:
            body = STALE_BODY.format(marker=comments.SUMMARY_MARKER, sha=head_sha[:7])
            sticky = comments.sync(repo.get_issue(number), body, ours, create=False)
            action = sticky.action
            for problem in sticky.problems:
                print(f"::warning title=pmcheck::{escape_data(problem)}", file=out)
    print(f"pmcheck: earlier summary comment {action}", file=out)
    summary = (f"## pmcheck\n\nPull request #{number} (commit {head_sha[:7]}) changes no file "
               f"under `{paths}`: nothing to check, no findings (0 postmortems checked).\n")
    return ModeResult(outputs={"findings": 0, "errors": 0, "warnings": 0,
                               "inline-comments": 0, "summary-comment": ""},
                      summary=summary, exit_code=0)
