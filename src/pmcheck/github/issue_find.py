"""Find pmcheck's own follow-up issues with the issues list API, and know who "pmcheck" is.

An issue is pmcheck's when its body has pmcheck's hidden marker inside pmcheck's marked block
**and** its author is the token's own account or a GitHub App (``type: Bot``, ``…[bot]``).
People cannot author issues as an App, so a marker copied into a person's issue is ignored.

Two listings, both ``state=all`` (closed issues matter: a person-closed issue must not be
replaced by a new one), oldest first, 100 per page, pull requests skipped:

1. by the base label (``labels=postmortem-action``): every pmcheck issue, normally;
2. by author (``creator=<login>``) for pmcheck's own account(s): the issues whose label a
   person removed. The logins are the token's own (GET /user, personal tokens only), the App
   authors of the issues found in (1), or ``github-actions[bot]`` (the workflow token) when
   neither is known.

Cost: each listing costs one request per 100 issues it returns. (1) returns pmcheck's issues,
(2) every issue that account ever opened (other workflows using the same token included), so a
repository with thousands of people's issues costs nothing extra. The search API is never used:
its index lags, so a rerun minutes after a first run could miss fresh issues.

GET /user is skipped for installation tokens (``ghs_…``: the workflow's GITHUB_TOKEN, GitHub
App tokens), which GitHub always answers with 403; only personal/OAuth tokens ask it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from pmcheck.github import issue_text as tx
from pmcheck.github.client import own_login

DEFAULT_BOT = "github-actions[bot]"  # the author of issues opened with the workflow token
INSTALLATION_PREFIX = "ghs_"  # GitHub's prefix for App installation tokens (GITHUB_TOKEN too)


@dataclass(frozen=True)
class Found:
    """One of pmcheck's issues, as plain data."""

    number: int
    state: str  # "open" | "closed"
    title: str
    body: str
    labels: tuple[str, ...]
    assignees: tuple[str, ...]
    marker: tx.Marker
    author: str = ""

    @property
    def key(self) -> str:
        return self.marker.get("key")

    @property
    def path(self) -> str:
        return self.marker.get("path")


@dataclass(frozen=True)
class Listing:
    found: tuple[Found, ...]
    creators: tuple[str, ...]  # the authors listed by `creator=` (for the log)


def is_installation_token(token: str | None) -> bool:
    return bool(token) and str(token).startswith(INSTALLATION_PREFIX)


class UnknownIdentity(Exception):
    """A personal token whose login GitHub did not give: pmcheck cannot tell its own comments
    and issues from people's, so it must not write this run (it would post everything again)."""


def token_login(gh, token: str | None) -> str | None:
    """The token's login via GET /user, asked only when the token can answer it.

    No token, or an installation token (always 403): None without a request; App ([bot])
    authors then count as pmcheck's. A personal token's comments and issues are written by
    a person's account, so when GET /user fails for one, :class:`UnknownIdentity` is raised
    rather than guessing (a guess of "[bot] authors" would duplicate everything).
    """
    if not token or is_installation_token(token):
        return None
    login = own_login(gh)
    if login is None:
        raise UnknownIdentity("GitHub did not say which account the token belongs to "
                              "(GET /user failed), so pmcheck cannot tell its own comments "
                              "and issues from people's; nothing is written this run")
    return login


def is_pmcheck_author(user: dict | None, login: str | None) -> bool:
    """Written by the token's own account, or by a GitHub App (never by a person otherwise)."""
    user = user or {}
    name = str(user.get("login") or "")
    if login and name == login:
        return True
    return user.get("type") == "Bot" and name.endswith("[bot]")


def found_of(raw: dict, login: str | None) -> Found | None:
    """The Found for one issue of a list response, or None when it is not pmcheck's."""
    if raw.get("pull_request") or not is_pmcheck_author(raw.get("user"), login):
        return None
    marker = tx.parse_marker(raw.get("body"))
    if marker is None:
        return None
    return Found(
        number=raw["number"], state=raw.get("state", "open"), title=raw.get("title") or "",
        body=raw.get("body") or "", marker=marker, author=(raw.get("user") or {}).get("login", ""),
        labels=tuple(lb["name"] for lb in raw.get("labels") or [] if isinstance(lb, dict)),
        assignees=tuple(a["login"] for a in raw.get("assignees") or []))


def creators_to_list(login: str | None, found: Iterable[Found]) -> tuple[str, ...]:
    """Accounts whose issues are listed by author: ours, the Apps seen, else the workflow bot."""
    names = ([login] if login else []) + [f.author for f in found if f.author.endswith("[bot]")]
    return tuple(dict.fromkeys(names)) or (DEFAULT_BOT,)


def find_own(repo, label: str, login: str | None) -> Listing:
    """pmcheck's issues, by label and then by author; each issue once, by number."""
    seen: dict[int, Found] = {}

    def take(issues) -> None:
        for issue in issues:
            raw = issue._rawData  # the list response as sent; attribute access would re-GET
            if raw.get("number") in seen:
                continue
            f = found_of(raw, login)
            if f is not None:
                seen[f.number] = f

    take(repo.get_issues(state="all", labels=[label], sort="created", direction="asc"))
    creators = creators_to_list(login, seen.values())
    for creator in creators:
        take(repo.get_issues(state="all", creator=creator, sort="created", direction="asc"))
    return Listing(found=tuple(sorted(seen.values(), key=lambda f: f.number)), creators=creators)
