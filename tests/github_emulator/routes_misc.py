"""Repository, authenticated user, rate limit, check runs, contents and commits."""

from __future__ import annotations

import re

from .api import ApiError, Ctx, Reply, not_found, route, validation_failed
from .render import ts
from .state import fake_sha


@route("repos/get")
def get_repo(ctx: Ctx) -> Reply:
    return Reply(200, ctx.r.repository(full=True))


@route("users/get-authenticated")
def get_user(ctx: Ctx) -> Reply:
    if ctx.token is None:
        raise ApiError(401, "Requires authentication",
                       doc="https://docs.github.com/rest/users/users#get-the-authenticated-user")
    if ctx.token.installation:
        raise ApiError(403, "Resource not accessible by integration",
                       doc="https://docs.github.com/rest/users/users#get-the-authenticated-user")
    return Reply(200, ctx.r.private_user(ctx.token.login))


@route("rate-limit/get")
def get_rate_limit(ctx: Ctx) -> Reply:
    res = {name: dict(v) for name, v in ctx.state.rate.items()}
    return Reply(200, {"resources": res, "rate": dict(res["core"])})


# --- check runs --------------------------------------------------------------------------------
def _apply_check(ctx: Ctx, run: dict, b: dict) -> None:
    for key in ("name", "details_url", "external_id", "status", "conclusion", "started_at",
                "completed_at"):
        if key in b:
            run[key] = b[key]
    if "output" in b:
        out = b["output"] or {}
        run["output"] = {k: out.get(k) for k in ("title", "summary", "text")}
        run["annotations_count"] = run.get("annotations_count", 0) + len(out.get("annotations") or [])
        if len(out.get("annotations") or []) > 50:
            raise validation_failed("CheckRun", "annotations", "invalid",
                                    message="Only 50 annotations are allowed per request")
    if run.get("conclusion") and run.get("status") != "completed":
        run["status"] = "completed"
    if run["status"] == "completed" and not run.get("completed_at"):
        run["completed_at"] = ts(ctx.state.tick())


@route("checks/create")
def create_check(ctx: Ctx) -> Reply:
    b = ctx.body or {}
    ctx.login
    if ctx.token and not ctx.token.installation:
        raise ApiError(403, "You must authenticate via a GitHub App.")
    run = {"id": ctx.state.next_id(), "name": b["name"], "head_sha": b["head_sha"],
           "status": "queued", "started_at": ts(ctx.state.tick())}
    _apply_check(ctx, run, b)
    ctx.state.check_runs[run["id"]] = run
    return Reply(201, ctx.r.check_run(run))


@route("checks/update")
def update_check(ctx: Ctx) -> Reply:
    run = ctx.state.check_runs.get(ctx.int_param("check_run_id"))
    ctx.login
    if run is None:
        raise not_found()
    _apply_check(ctx, run, ctx.body or {})
    return Reply(200, ctx.r.check_run(run))


# --- contents and commits ----------------------------------------------------------------------
def _ref(ctx: Ctx) -> str:
    ref = ctx.q("ref") or ctx.state.default_branch
    return ref


@route("repos/get-content")
def get_content(ctx: Ctx) -> Reply:
    ref = _ref(ctx)
    tree = ctx.state.files.get(ref)
    if tree is None:
        raise ApiError(404, f"No commit found for the ref {ref}")
    path = ctx.params["path"].strip("/")
    if path in tree:
        return Reply(200, ctx.r.content_file(path, tree[path], ref))
    prefix = path + "/" if path else ""
    children: dict[str, bool] = {}
    for p in tree:
        if p.startswith(prefix):
            rest = p[len(prefix):]
            name = rest.split("/", 1)[0]
            children[prefix + name] = children.get(prefix + name, False) or "/" in rest
    if not children:
        raise not_found()
    return Reply(200, [ctx.r.content_dir_entry(p, is_dir, ref, tree.get(p, ""))
                       for p, is_dir in sorted(children.items())])


@route("repos/get-commit")
def get_commit(ctx: Ctx) -> Reply:
    ref = ctx.params["ref"]
    s = ctx.state
    for pr in s.pulls.values():
        if ref in pr["shas"] or ref == pr["head_ref"]:
            return Reply(200, ctx.r.commit(pr["head_sha"] if ref == pr["head_ref"] else ref, pr["files"]))
    if ref in (s.default_branch, s.head_sha):
        return Reply(200, ctx.r.commit(s.head_sha, []))
    raise ApiError(422, f"No commit found for SHA: {ref}",
                   doc="https://docs.github.com/rest/commits/commits#get-a-commit")


@route("repos/compare-commits")
def compare_commits(ctx: Ctx) -> Reply:
    """GET compare/{base}...{head}; shape: GitHub's "commit-comparison" schema (see contract.py).
    Paged as the docs say (docs.github.com/rest/commits/commits#compare-two-commits): ``commits``
    follow page/per_page, and ``files`` (at most 300) come only on the first page."""
    base, sep, head = ctx.params["basehead"].partition("...")
    files = ctx.state.comparisons.get((base, head)) if sep else None
    if files is None:
        raise not_found()
    page = max(1, int(ctx.q("page", "1") or 1))
    per_page = max(1, min(100, int(ctx.q("per_page", "250") or 250)))
    def sha(ref: str) -> str:  # GitHub answers with commit SHAs, also when asked by branch name
        return ref if re.fullmatch(r"[0-9a-f]{40}", ref) else fake_sha("ref", ref)

    every = [ctx.r.commit(sha(head), files)]
    body = {
        "url": f"{ctx.r.repo_api}/compare/{base}...{head}",
        "html_url": f"{ctx.r.repo_html}/compare/{base}...{head}",
        "permalink_url": f"{ctx.r.repo_html}/compare/{base}...{head}",
        "diff_url": f"{ctx.r.repo_html}/compare/{base}...{head}.diff",
        "patch_url": f"{ctx.r.repo_html}/compare/{base}...{head}.patch",
        "base_commit": ctx.r.commit(sha(base), []),
        "merge_base_commit": ctx.r.commit(sha(base), []),
        "status": "ahead", "ahead_by": len(every), "behind_by": 0, "total_commits": len(every),
        "commits": every[(page - 1) * per_page: page * per_page],
    }
    if page == 1:
        body["files"] = [ctx.r.diff_entry(f, sha(head)) for f in files[:300]]
    return Reply(200, body)
