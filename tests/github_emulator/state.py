"""In-memory repository state of the emulator (one repository, many users).

Records are plain dicts so tests can read them directly; `render.py` turns them into the
JSON GitHub sends. Timestamps come from a fake clock that advances one second per write,
so ordering and `since` filters are deterministic.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from .diff import count_changes, parse_patch

RW_TOKEN = "ghs_emulatorReadWrite000000000000000001"
RO_TOKEN = "ghs_emulatorReadOnly0000000000000000002"
USER_TOKEN = "ghp_emulatorMaintainer00000000000000003"
BOT_LOGIN = "github-actions[bot]"
MAINTAINER = "pm-maintainer"


@dataclass(frozen=True)
class Token:
    login: str
    writable: bool = True
    installation: bool = True      # GitHub App installation token (GITHUB_TOKEN): GET /user is 403


def fake_sha(*parts: Any) -> str:
    return hashlib.sha1("\0".join(map(str, parts)).encode()).hexdigest()


def relocate(before, after, line: int, start: int | None):
    """Where a RIGHT-side review comment sits after a push, or None when it is outdated.

    GitHub keeps a comment on the diff while the lines it is on are unchanged, moving it with
    them when lines are inserted or removed above; once a push changes one of its lines (or
    drops the file from the diff) the comment is *outdated*: ``line`` and ``start_line`` become
    null while ``original_line``, ``commit_id`` and (in a recorded live response) ``position``
    keep their old values. See /work/shared/DESIGN.md "Facts that will bite" and the
    ``line``/``position`` descriptions of ``pull-request-review-comment`` in the OpenAPI
    description (``position`` "is closing down; use line instead").

    The emulator knows each file only through its patches, so it matches the lines the old and
    the new patch show (difflib over their RIGHT-side text); a line it cannot follow is
    outdated, as on GitHub when the diff around it changed.
    """
    import difflib

    if before is None or after is None:
        return None
    old_text, new_text = before.right_text(), after.right_text()
    old_lines, new_lines = sorted(old_text), sorted(new_text)
    matcher = difflib.SequenceMatcher(None, [old_text[n] for n in old_lines],
                                      [new_text[n] for n in new_lines], autojunk=False)
    moved: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            moved[old_lines[a + k]] = new_lines[b + k]
    span = range(start if start is not None else line, line + 1)
    if any(n not in moved for n in span):
        return None
    if start is not None and moved[line] - moved[start] != line - start:
        return None
    return moved[line], (moved[start] if start is not None else None)


@dataclass
class RepoState:
    owner: str = "octo-org"
    name: str = "postmortems"
    default_branch: str = "main"
    repo_id: int = 700001
    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 9, 0, 0, tzinfo=timezone.utc))

    def __post_init__(self) -> None:
        self.lock = threading.RLock()
        self._ids = itertools.count(1001)
        self.tokens: dict[str, Token] = {
            RW_TOKEN: Token(BOT_LOGIN, writable=True, installation=True),
            RO_TOKEN: Token(BOT_LOGIN, writable=False, installation=True),
            USER_TOKEN: Token(MAINTAINER, writable=True, installation=False),
        }
        self.users: dict[str, dict] = {}
        self.collaborators: set[str] = set()
        self.issues: dict[int, dict] = {}          # issues AND pull requests share numbers
        self.pulls: dict[int, dict] = {}
        self.issue_comments: dict[int, dict] = {}
        self.reviews: dict[int, dict] = {}
        self.review_comments: dict[int, dict] = {}
        self.labels: dict[str, dict] = {}           # key: lower-cased name
        self.check_runs: dict[int, dict] = {}
        self.files: dict[str, dict[str, str]] = {}  # ref -> path -> text
        self.head_sha = fake_sha("main", 0)
        self.search_frozen_at: set[int] | None = None
        self.rate: dict[str, dict] = {
            "core": {"limit": 5000, "remaining": 5000, "reset": int(time.time()) + 3600, "used": 0},
            "search": {"limit": 30, "remaining": 30, "reset": int(time.time()) + 60, "used": 0},
        }
        self.add_user(self.owner, kind="Organization")
        self.add_collaborator(MAINTAINER)

    # --- clock and ids -------------------------------------------------------------------
    def tick(self) -> datetime:
        self.now = self.now + timedelta(seconds=1)
        return self.now

    def next_id(self) -> int:
        return next(self._ids)

    def _number(self, wanted: int | None = None) -> int:
        if wanted is not None:
            if wanted in self.issues:
                raise ValueError(f"issue/PR number {wanted} already exists")
            return wanted
        return max(self.issues, default=0) + 1       # GitHub numbers issues and PRs together

    # --- users, tokens, collaborators ----------------------------------------------------
    def add_user(self, login: str, kind: str | None = None) -> dict:
        if login not in self.users:
            kind = kind or ("Bot" if login.endswith("[bot]") else "User")
            self.users[login] = {"login": login, "id": 5000 + len(self.users), "type": kind}
        return self.users[login]

    def add_collaborator(self, login: str) -> None:
        self.add_user(login)
        self.collaborators.add(login)

    def add_token(self, token: str, login: str, writable: bool = True, installation: bool = False) -> None:
        self.add_user(login)
        self.tokens[token] = Token(login, writable, installation)

    # --- labels ---------------------------------------------------------------------------
    def add_label(self, name: str, color: str = "ededed", description: str | None = None,
                  default: bool = False) -> dict:
        label = {"id": self.next_id(), "name": name, "color": color,
                 "description": description, "default": default}
        self.labels[name.lower()] = label
        return label

    def ensure_label(self, name: str) -> dict:
        return self.labels.get(name.lower()) or self.add_label(name)

    # --- issues ---------------------------------------------------------------------------
    def add_issue(self, title: str, body: str | None = None, user: str = MAINTAINER,
                  labels: list[str] = (), assignees: list[str] = (), state: str = "open",
                  state_reason: str | None = None, number: int | None = None,
                  created_at: datetime | None = None) -> dict:
        """Seed an issue directly (no validation, no request log)."""
        self.add_user(user)
        for a in assignees:
            self.add_user(a)
        stamp = created_at or self.tick()
        issue = {
            "number": self._number(number), "id": self.next_id(), "title": title, "body": body,
            "user": user, "labels": [self.ensure_label(n)["name"] for n in labels],
            "assignees": list(assignees), "state": state,
            "state_reason": state_reason if state == "closed" else None,
            "created_at": stamp, "updated_at": stamp,
            "closed_at": stamp if state == "closed" else None, "closed_by": None,
            "locked": False, "is_pull": False,
        }
        self.issues[issue["number"]] = issue
        return issue

    def issue_comment_count(self, number: int) -> int:
        return sum(1 for c in self.issue_comments.values() if c["issue_number"] == number)

    # --- pull requests --------------------------------------------------------------------
    def add_pull_request(self, number: int | None = None, head_sha: str | None = None,
                         files: list[dict] = (), title: str = "Add postmortem",
                         user: str = "pm-author", head_ref: str = "pm-branch",
                         base_sha: str | None = None, body: str | None = None,
                         from_fork: bool = False, earlier_shas: list[str] = ()) -> dict:
        """Seed a PR. files: [{filename, patch, status='modified', previous_filename?}]."""
        issue = self.add_issue(title, body=body, user=user, number=number)
        issue["is_pull"] = True
        n = issue["number"]
        head_sha = head_sha or fake_sha("head", n)
        pr = {
            "number": n, "id": self.next_id(), "head_sha": head_sha, "head_ref": head_ref,
            "base_sha": base_sha or self.head_sha, "from_fork": from_fork,
            "shas": [*earlier_shas, head_sha], "files": [],
        }
        self.pulls[n] = pr
        for f in files:
            self.add_pr_file(n, **f)
        return pr

    def add_pr_file(self, number: int, filename: str, patch: str | None = None,
                    status: str = "modified", previous_filename: str | None = None) -> dict:
        adds, dels = count_changes(patch)
        entry = {"filename": filename, "patch": patch, "status": status,
                 "previous_filename": previous_filename, "additions": adds, "deletions": dels,
                 "sha": fake_sha("blob", number, filename, patch), "lines": parse_patch(patch)}
        self.pulls[number]["files"].append(entry)
        return entry

    def push(self, number: int, head_sha: str, files: list[dict] | None = None) -> None:
        """A new push to the PR: new head sha; optionally replace the file list."""
        pr = self.pulls[number]
        pr["head_sha"] = head_sha
        pr["shas"].append(head_sha)
        if files is not None:
            old = {f["filename"]: f["lines"] for f in pr["files"]}
            pr["files"] = []
            for f in files:
                self.add_pr_file(number, **f)
            self._follow_comments(number, old)

    def _follow_comments(self, number: int, old: dict) -> None:
        """What GitHub does to review comments on a push (see `relocate`)."""
        new = {f["filename"]: f["lines"] for f in self.pulls[number]["files"]}
        for c in self.review_comments_on(number):
            if c.get("line") is None or c.get("side") != "RIGHT":
                continue
            before = old.get(c["path"])
            after = new.get(c["path"])
            moved = relocate(before, after, c["line"], c.get("start_line"))
            if moved is None:  # outdated: line and start_line null, position kept
                c["line"] = c["start_line"] = c["start_side"] = None
            else:
                c["line"], c["start_line"] = moved

    def pr_file(self, number: int, path: str) -> dict | None:
        return next((f for f in self.pulls[number]["files"] if f["filename"] == path), None)

    # --- repository contents ----------------------------------------------------------------
    def add_file(self, path: str, text: str, ref: str | None = None) -> None:
        self.files.setdefault(ref or self.default_branch, {})[path] = text

    # --- search -----------------------------------------------------------------------------
    def freeze_search(self) -> None:
        """Emulate search-index lag: issues created after this call stay invisible to search."""
        self.search_frozen_at = set(self.issues)

    # --- views for tests --------------------------------------------------------------------
    def comments_on(self, number: int) -> list[dict]:
        return [c for c in self.issue_comments.values() if c["issue_number"] == number]

    def reviews_on(self, number: int) -> list[dict]:
        return [r for r in self.reviews.values() if r["pull_number"] == number]

    def review_comments_on(self, number: int) -> list[dict]:
        return [c for c in self.review_comments.values() if c["pull_number"] == number]

    def real_issues(self) -> list[dict]:
        return [i for i in self.issues.values() if not i["is_pull"]]
