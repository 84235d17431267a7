"""Turn state records into the JSON GitHub sends (shapes from GitHub's OpenAPI description).

API URLs point at the emulator (PyGithub follows them); html URLs at https://github.com.
"""

from __future__ import annotations

import base64
from datetime import datetime

from .state import RepoState, fake_sha

HTML = "https://github.com"


def ts(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def node_id(prefix: str, ident: int) -> str:
    return prefix + "_" + base64.b64encode(f"0:{ident}".encode()).decode().rstrip("=")


class Renderer:
    def __init__(self, state: RepoState, api: str):
        self.s = state
        self.api = api.rstrip("/")
        self.repo_api = f"{self.api}/repos/{state.owner}/{state.name}"
        self.repo_html = f"{HTML}/{state.owner}/{state.name}"

    # --- users ----------------------------------------------------------------------------
    def user(self, login: str | None) -> dict | None:
        if login is None:
            return None
        u = self.s.add_user(login)
        api = f"{self.api}/users/{login}"
        bot = u["type"] == "Bot"
        html = f"{HTML}/apps/{login[:-5]}" if bot else f"{HTML}/{login}"
        return {
            "login": login, "id": u["id"], "node_id": node_id("U", u["id"]),
            "avatar_url": f"https://avatars.githubusercontent.com/u/{u['id']}?v=4",
            "gravatar_id": "", "url": api, "html_url": html,
            "followers_url": f"{api}/followers", "following_url": f"{api}/following{{/other_user}}",
            "gists_url": f"{api}/gists{{/gist_id}}", "starred_url": f"{api}/starred{{/owner}}{{/repo}}",
            "subscriptions_url": f"{api}/subscriptions", "organizations_url": f"{api}/orgs",
            "repos_url": f"{api}/repos", "events_url": f"{api}/events{{/privacy}}",
            "received_events_url": f"{api}/received_events", "type": u["type"],
            "user_view_type": "public", "site_admin": False,
        }

    def private_user(self, login: str) -> dict:
        out = self.user(login)
        out.update({
            "user_view_type": "private", "name": login, "company": None, "blog": "",
            "location": None, "email": None, "hireable": None, "bio": None,
            "twitter_username": None, "public_repos": 1, "public_gists": 0, "followers": 0,
            "following": 0, "created_at": "2020-01-01T00:00:00Z", "updated_at": ts(self.s.now),
            "private_gists": 0, "total_private_repos": 0, "owned_private_repos": 0,
            "disk_usage": 0, "collaborators": 0, "two_factor_authentication": True,
        })
        return out

    def association(self, login: str) -> str:
        if login == self.s.owner:
            return "OWNER"
        return "COLLABORATOR" if login in self.s.collaborators else "NONE"

    def reactions(self, url: str) -> dict:
        return {"url": f"{url}/reactions", "total_count": 0, "+1": 0, "-1": 0, "laugh": 0,
                "confused": 0, "heart": 0, "hooray": 0, "eyes": 0, "rocket": 0}

    # --- repository -----------------------------------------------------------------------
    def repository(self, full: bool = True) -> dict:
        s, a = self.s, self.repo_api
        out = {
            "id": s.repo_id, "node_id": node_id("R", s.repo_id), "name": s.name,
            "full_name": f"{s.owner}/{s.name}", "owner": self.user(s.owner), "private": False,
            "html_url": self.repo_html, "description": "Incident postmortems", "fork": False,
            "url": a, "archive_url": a + "/{archive_format}{/ref}", "assignees_url": a + "/assignees{/user}",
            "blobs_url": a + "/git/blobs{/sha}", "branches_url": a + "/branches{/branch}",
            "collaborators_url": a + "/collaborators{/collaborator}", "comments_url": a + "/comments{/number}",
            "commits_url": a + "/commits{/sha}", "compare_url": a + "/compare/{base}...{head}",
            "contents_url": a + "/contents/{+path}", "contributors_url": a + "/contributors",
            "deployments_url": a + "/deployments", "downloads_url": a + "/downloads",
            "events_url": a + "/events", "forks_url": a + "/forks", "git_commits_url": a + "/git/commits{/sha}",
            "git_refs_url": a + "/git/refs{/sha}", "git_tags_url": a + "/git/tags{/sha}",
            "git_url": f"git://github.com/{s.owner}/{s.name}.git",
            "issue_comment_url": a + "/issues/comments{/number}", "issue_events_url": a + "/issues/events{/number}",
            "issues_url": a + "/issues{/number}", "keys_url": a + "/keys{/key_id}", "labels_url": a + "/labels{/name}",
            "languages_url": a + "/languages", "merges_url": a + "/merges", "milestones_url": a + "/milestones{/number}",
            "notifications_url": a + "/notifications{?since,all,participating}", "pulls_url": a + "/pulls{/number}",
            "releases_url": a + "/releases{/id}", "ssh_url": f"git@github.com:{s.owner}/{s.name}.git",
            "stargazers_url": a + "/stargazers", "statuses_url": a + "/statuses/{sha}",
            "subscribers_url": a + "/subscribers", "subscription_url": a + "/subscription",
            "tags_url": a + "/tags", "teams_url": a + "/teams", "trees_url": a + "/git/trees{/sha}",
            "clone_url": self.repo_html + ".git", "mirror_url": None, "hooks_url": a + "/hooks",
            "svn_url": self.repo_html, "homepage": None, "language": None, "forks_count": 0,
            "stargazers_count": 0, "watchers_count": 0, "size": 12, "default_branch": s.default_branch,
            "open_issues_count": sum(1 for i in s.issues.values() if i["state"] == "open"),
            "is_template": False, "topics": [], "has_issues": True, "has_projects": True,
            "has_wiki": False, "has_pages": False, "has_downloads": True, "has_discussions": False,
            "archived": False, "disabled": False, "visibility": "public",
            "pushed_at": "2026-03-01T12:00:00Z", "created_at": "2025-01-10T08:00:00Z",
            "updated_at": "2026-03-01T12:00:00Z", "license": None, "forks": 0, "watchers": 0,
            "allow_forking": True, "web_commit_signoff_required": False,
        }
        out["open_issues"] = out["open_issues_count"]
        if full:
            out.update({"subscribers_count": 1, "network_count": 0, "temp_clone_token": None,
                        "permissions": {"admin": False, "maintain": False, "push": True,
                                        "triage": True, "pull": True}})
        return out

    # --- labels and issues ------------------------------------------------------------------
    def label(self, name: str) -> dict:
        lab = self.s.ensure_label(name)
        return {"id": lab["id"], "node_id": node_id("LA", lab["id"]),
                "url": f"{self.repo_api}/labels/{lab['name'].replace(' ', '%20')}",
                "name": lab["name"], "color": lab["color"], "description": lab["description"],
                "default": lab["default"]}

    def issue(self, i: dict, search_score: float | None = None) -> dict:
        n, a = i["number"], f"{self.repo_api}/issues/{i['number']}"
        kind = "pull" if i["is_pull"] else "issues"
        users = [self.user(x) for x in i["assignees"]]
        out = {
            "id": i["id"], "node_id": node_id("PR" if i["is_pull"] else "I", i["id"]), "url": a,
            "repository_url": self.repo_api, "labels_url": a + "/labels{/name}",
            "comments_url": a + "/comments", "events_url": a + "/events",
            "html_url": f"{self.repo_html}/{kind}/{n}", "number": n, "state": i["state"],
            "state_reason": i["state_reason"], "title": i["title"], "body": i["body"],
            "user": self.user(i["user"]), "labels": [self.label(x) for x in i["labels"]],
            "assignee": users[0] if users else None, "assignees": users, "milestone": None,
            "locked": i["locked"], "active_lock_reason": None,
            "comments": self.s.issue_comment_count(n), "closed_at": ts(i["closed_at"]),
            "created_at": ts(i["created_at"]), "updated_at": ts(i["updated_at"]),
            "author_association": self.association(i["user"]), "timeline_url": a + "/timeline",
            "performed_via_github_app": None, "reactions": self.reactions(a),
        }
        if i["is_pull"]:
            p = f"{self.repo_api}/pulls/{n}"
            out["pull_request"] = {"url": p, "html_url": f"{self.repo_html}/pull/{n}",
                                   "diff_url": f"{self.repo_html}/pull/{n}.diff",
                                   "patch_url": f"{self.repo_html}/pull/{n}.patch", "merged_at": None}
            out["draft"] = False
        if search_score is None:
            out["closed_by"] = self.user(i["closed_by"]) if i["closed_by"] else None
        else:
            out["score"] = search_score
            if out["body"] is None:
                del out["body"]       # search items describe body as a non-null string
        return out

    def issue_comment(self, c: dict) -> dict:
        a = f"{self.repo_api}/issues/comments/{c['id']}"
        kind = "pull" if self.s.issues[c["issue_number"]]["is_pull"] else "issues"
        return {
            "id": c["id"], "node_id": node_id("IC", c["id"]), "url": a, "body": c["body"],
            "html_url": f"{self.repo_html}/{kind}/{c['issue_number']}#issuecomment-{c['id']}",
            "user": self.user(c["user"]), "created_at": ts(c["created_at"]),
            "updated_at": ts(c["updated_at"]),
            "issue_url": f"{self.repo_api}/issues/{c['issue_number']}",
            "author_association": self.association(c["user"]), "performed_via_github_app": None,
            "reactions": self.reactions(a),
        }

    # --- pull requests --------------------------------------------------------------------
    def _branch(self, ref: str, sha: str, user: str) -> dict:
        return {"label": f"{user}:{ref}", "ref": ref, "sha": sha, "user": self.user(user),
                "repo": self.repository(full=False)}

    def pull(self, pr: dict) -> dict:
        i = self.s.issues[pr["number"]]
        n, a = pr["number"], f"{self.repo_api}/pulls/{pr['number']}"
        ia = f"{self.repo_api}/issues/{n}"
        html = f"{self.repo_html}/pull/{n}"
        head_owner = i["user"] if pr["from_fork"] else self.s.owner
        adds = sum(f["additions"] for f in pr["files"])
        dels = sum(f["deletions"] for f in pr["files"])
        link = lambda href: {"href": href}  # noqa: E731
        return {
            "url": a, "id": pr["id"], "node_id": node_id("PR", pr["id"]), "html_url": html,
            "diff_url": html + ".diff", "patch_url": html + ".patch", "issue_url": ia,
            "commits_url": a + "/commits", "review_comments_url": a + "/comments",
            "review_comment_url": f"{self.repo_api}/pulls/comments{{/number}}",
            "comments_url": ia + "/comments", "statuses_url": f"{self.repo_api}/statuses/{pr['head_sha']}",
            "number": n, "state": i["state"], "locked": False, "title": i["title"],
            "user": self.user(i["user"]), "body": i["body"],
            "labels": [self.label(x) for x in i["labels"]], "milestone": None,
            "active_lock_reason": None, "created_at": ts(i["created_at"]),
            "updated_at": ts(i["updated_at"]), "closed_at": ts(i["closed_at"]), "merged_at": None,
            "merge_commit_sha": fake_sha("merge", n, pr["head_sha"]), "assignee": None,
            "assignees": [], "requested_reviewers": [], "requested_teams": [],
            "head": self._branch(pr["head_ref"], pr["head_sha"], head_owner),
            "base": self._branch(self.s.default_branch, pr["base_sha"], self.s.owner),
            "_links": {"self": link(a), "html": link(html), "issue": link(ia),
                       "comments": link(ia + "/comments"), "review_comments": link(a + "/comments"),
                       "review_comment": link(f"{self.repo_api}/pulls/comments{{/number}}"),
                       "commits": link(a + "/commits"),
                       "statuses": link(f"{self.repo_api}/statuses/{pr['head_sha']}")},
            "author_association": self.association(i["user"]), "auto_merge": None, "draft": False,
            "merged": False, "mergeable": True, "rebaseable": True, "mergeable_state": "clean",
            "merged_by": None, "comments": self.s.issue_comment_count(n),
            "review_comments": len(self.s.review_comments_on(n)), "maintainer_can_modify": False,
            "commits": len(pr["shas"]), "additions": adds, "deletions": dels,
            "changed_files": len(pr["files"]),
        }

    def diff_entry(self, f: dict, ref: str) -> dict:
        out = {
            "sha": f["sha"], "filename": f["filename"], "status": f["status"],
            "additions": f["additions"], "deletions": f["deletions"],
            "changes": f["additions"] + f["deletions"],
            "blob_url": f"{self.repo_html}/blob/{ref}/{f['filename']}",
            "raw_url": f"{self.repo_html}/raw/{ref}/{f['filename']}",
            "contents_url": f"{self.repo_api}/contents/{f['filename']}?ref={ref}",
        }
        if f["patch"] is not None:
            out["patch"] = f["patch"]
        if f.get("previous_filename"):
            out["previous_filename"] = f["previous_filename"]
        return out

    def review(self, r: dict) -> dict:
        pa = f"{self.repo_api}/pulls/{r['pull_number']}"
        html = f"{self.repo_html}/pull/{r['pull_number']}#pullrequestreview-{r['id']}"
        return {
            "id": r["id"], "node_id": node_id("PRR", r["id"]), "user": self.user(r["user"]),
            "body": r["body"], "state": r["state"], "html_url": html, "pull_request_url": pa,
            "_links": {"html": {"href": html}, "pull_request": {"href": pa}},
            "submitted_at": ts(r["submitted_at"]), "commit_id": r["commit_id"],
            "author_association": self.association(r["user"]),
        }

    def review_comment(self, c: dict) -> dict:
        a = f"{self.repo_api}/pulls/comments/{c['id']}"
        pa = f"{self.repo_api}/pulls/{c['pull_number']}"
        html = f"{self.repo_html}/pull/{c['pull_number']}#discussion_r{c['id']}"
        out = {
            "url": a, "pull_request_review_id": c["review_id"], "id": c["id"],
            "node_id": node_id("PRRC", c["id"]), "diff_hunk": c["diff_hunk"], "path": c["path"],
            "commit_id": c["commit_id"], "original_commit_id": c["commit_id"],
            "user": self.user(c["user"]), "body": c["body"], "created_at": ts(c["created_at"]),
            "updated_at": ts(c["updated_at"]), "html_url": html, "pull_request_url": pa,
            "author_association": self.association(c["user"]),
            "_links": {"self": {"href": a}, "html": {"href": html}, "pull_request": {"href": pa}},
            "start_line": c["start_line"],
            "original_start_line": c.get("original_start_line", c["start_line"]),
            "start_side": c["start_side"], "line": c["line"],
            "original_line": c.get("original_line") or c["line"],
            "side": c["side"], "subject_type": "line", "reactions": self.reactions(a),
        }
        if c.get("position") is not None:
            out["position"] = out["original_position"] = c["position"]
        if c.get("in_reply_to_id"):
            out["in_reply_to_id"] = c["in_reply_to_id"]
        return out

    # --- checks, contents, commits -----------------------------------------------------------
    def check_run(self, c: dict) -> dict:
        a = f"{self.repo_api}/check-runs/{c['id']}"
        out = c.get("output") or {}
        return {
            "id": c["id"], "head_sha": c["head_sha"], "node_id": node_id("CR", c["id"]),
            "external_id": c.get("external_id") or "", "url": a,
            "html_url": f"{self.repo_html}/runs/{c['id']}", "details_url": c.get("details_url"),
            "status": c["status"], "conclusion": c.get("conclusion"),
            "started_at": c.get("started_at"), "completed_at": c.get("completed_at"),
            "output": {"title": out.get("title"), "summary": out.get("summary"),
                       "text": out.get("text"), "annotations_count": c.get("annotations_count", 0),
                       "annotations_url": a + "/annotations"},
            "name": c["name"], "check_suite": {"id": 9000 + c["id"]}, "app": None,
            "pull_requests": [],
        }

    def content_file(self, path: str, text: str, ref: str) -> dict:
        raw = text.encode("utf-8")
        sha = fake_sha("blob", path, text)
        a = f"{self.repo_api}/contents/{path}?ref={ref}"
        html = f"{self.repo_html}/blob/{ref}/{path}"
        git = f"{self.repo_api}/git/blobs/{sha}"
        return {"type": "file", "encoding": "base64", "size": len(raw), "name": path.rsplit("/", 1)[-1],
                "path": path, "content": base64.encodebytes(raw).decode(), "sha": sha, "url": a,
                "git_url": git, "html_url": html,
                "download_url": f"https://raw.githubusercontent.com/{self.s.owner}/{self.s.name}/{ref}/{path}",
                "_links": {"self": a, "git": git, "html": html}}

    def content_dir_entry(self, path: str, is_dir: bool, ref: str, text: str = "") -> dict:
        sha = fake_sha("tree" if is_dir else "blob", path, text)
        a = f"{self.repo_api}/contents/{path}?ref={ref}"
        html = f"{self.repo_html}/{'tree' if is_dir else 'blob'}/{ref}/{path}"
        git = f"{self.repo_api}/git/{'trees' if is_dir else 'blobs'}/{sha}"
        return {"type": "dir" if is_dir else "file", "size": 0 if is_dir else len(text.encode()),
                "name": path.rsplit("/", 1)[-1], "path": path, "sha": sha, "url": a, "git_url": git,
                "html_url": html, "download_url": None if is_dir else
                f"https://raw.githubusercontent.com/{self.s.owner}/{self.s.name}/{ref}/{path}",
                "_links": {"self": a, "git": git, "html": html}}

    def commit(self, sha: str, files: list[dict]) -> dict:
        a = f"{self.repo_api}/commits/{sha}"
        who = {"name": "PM Author", "email": "pm-author@example.com", "date": ts(self.s.now)}
        adds = sum(f["additions"] for f in files)
        dels = sum(f["deletions"] for f in files)
        tree = fake_sha("tree", sha)
        return {
            "url": a, "sha": sha, "node_id": node_id("C", int(sha[:8], 16)),
            "html_url": f"{self.repo_html}/commit/{sha}", "comments_url": a + "/comments",
            "commit": {"url": f"{self.repo_api}/git/commits/{sha}", "author": who, "committer": who,
                       "message": "Update postmortems", "comment_count": 0,
                       "tree": {"sha": tree, "url": f"{self.repo_api}/git/trees/{tree}"},
                       "verification": {"verified": False, "reason": "unsigned", "payload": None,
                                        "signature": None, "verified_at": None}},
            "author": self.user("pm-author"), "committer": self.user("pm-author"),
            "parents": [{"sha": fake_sha("parent", sha), "url": f"{self.repo_api}/commits/{fake_sha('parent', sha)}",
                         "html_url": f"{self.repo_html}/commit/{fake_sha('parent', sha)}"}],
            "stats": {"additions": adds, "deletions": dels, "total": adds + dels},
            "files": [self.diff_entry(f, sha) for f in files],
        }
