"""Pull requests, their files, reviews and review comments (GitHub's diff-line rules)."""

from __future__ import annotations

from .api import ApiError, Ctx, Reply, not_found, route, validation_failed

UNPROCESSABLE = "Unprocessable Entity"
DIFF_DOCS = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"
NOT_IN_DIFF = ("Pull request review thread line must be part of the diff and "
               "Pull request review thread diff hunk can't be blank")


def _pull(ctx: Ctx) -> dict:
    pr = ctx.state.pulls.get(ctx.int_param("pull_number"))
    if pr is None:
        raise not_found()
    return pr


def _reject(message: str, simple: bool = True) -> ApiError:
    """422 as GitHub words it: reviews list strings, single review comments list objects."""
    if simple:
        return ApiError(422, UNPROCESSABLE, [message], doc=DIFF_DOCS)
    return ApiError(422, "Validation Failed", [{
        "resource": "PullRequestReviewComment", "code": "custom",
        "field": "pull_request_review_thread.line", "message": message}],
        doc="https://docs.github.com/rest/pulls/comments#create-a-review-comment-for-a-pull-request")


def resolve_comment(pr: dict, c: dict, simple: bool = True) -> dict:
    """Place one draft comment on the PR diff, or raise 422 as GitHub does."""
    try:
        return _resolve(pr, c)
    except ApiError as err:
        raise _reject(err.errors[0], simple) from None


def _resolve(pr: dict, c: dict) -> dict:
    f = next((f for f in pr["files"] if f["filename"] == c.get("path")), None)
    if f is None:
        raise _reject("Path could not be resolved")
    lines = f["lines"]
    if c.get("position") is not None and c.get("line") is None:
        hit = lines.at_position(int(c["position"]))
        if hit is None:
            raise _reject("Position could not be resolved")
        side, line, hunk = hit
        return {"path": f["filename"], "line": line, "side": side, "start_line": None,
                "start_side": None, "position": int(c["position"]),
                "diff_hunk": lines.diff_hunk(hunk, side, line)}
    if c.get("line") is None:
        raise _reject("Pull request review thread line or position is required")
    side = (c.get("side") or "RIGHT").upper()
    line = int(c["line"])
    hunk = lines.hunk_of(side, line)
    if hunk is None:
        raise _reject(NOT_IN_DIFF)
    start, start_side = c.get("start_line"), None
    if start is not None:
        start, start_side = int(start), (c.get("start_side") or side).upper()
        if start >= line:
            raise _reject("Pull request review thread start line must precede the end line")
        start_hunk = lines.hunk_of(start_side, start)
        if start_hunk is None:
            raise _reject(NOT_IN_DIFF)
        if start_hunk != hunk:
            raise _reject("Pull request review thread start line and line must be part of the same hunk")
    return {"path": f["filename"], "line": line, "side": side, "start_line": start,
            "start_side": start_side, "position": lines.position_of(side, line),
            "diff_hunk": lines.diff_hunk(hunk, side, line)}


def _store_comment(ctx: Ctx, pr: dict, placed: dict, body: str, commit_id: str,
                   review_id: int | None, reply_to: int | None = None) -> dict:
    now = ctx.state.tick()
    c = {"id": ctx.state.next_id(), "pull_number": pr["number"], "review_id": review_id,
         "body": body, "user": ctx.login, "commit_id": commit_id, "created_at": now,
         "updated_at": now, "in_reply_to_id": reply_to, "original_line": placed["line"],
         "original_start_line": placed["start_line"], **placed}
    ctx.state.review_comments[c["id"]] = c
    return c


def _check_commit(pr: dict, commit_id: str | None, simple: bool = True) -> str:
    if commit_id is None:
        return pr["head_sha"]
    if commit_id not in pr["shas"]:
        raise _reject(f"No commit found for SHA: {commit_id}", simple)
    return commit_id


@route("pulls/get")
def get_pull(ctx: Ctx) -> Reply:
    return Reply(200, ctx.r.pull(_pull(ctx)))


FILES_CAP = 3000  # "Responses include a maximum of 3000 files." (pulls/list-files description)


@route("pulls/list-files")
def list_files(ctx: Ctx) -> Reply:
    pr = _pull(ctx)
    return Reply(items=list(pr["files"])[:FILES_CAP], render=lambda f: ctx.r.diff_entry(f, pr["head_sha"]))


@route("pulls/list-reviews")
def list_reviews(ctx: Ctx) -> Reply:
    pr = _pull(ctx)
    items = sorted(ctx.state.reviews_on(pr["number"]), key=lambda r: r["id"])
    return Reply(items=items, render=ctx.r.review)


@route("pulls/create-review")
def create_review(ctx: Ctx) -> Reply:
    pr, b = _pull(ctx), ctx.body or {}
    login = ctx.login
    commit_id = _check_commit(pr, b.get("commit_id"))
    event = b.get("event")
    drafts = b.get("comments") or []
    body = b.get("body") or ""
    if event == "REQUEST_CHANGES" and not body:
        raise _reject("Review body is required for REQUEST_CHANGES")
    if event == "COMMENT" and not body and not drafts:
        raise _reject("Review body is required for COMMENT")
    if event in ("APPROVE", "REQUEST_CHANGES") and login == ctx.state.issues[pr["number"]]["user"]:
        raise _reject(f"Can not {event.lower().replace('_', ' ')} your own pull request")
    placed = [resolve_comment(pr, c) for c in drafts]   # all-or-nothing: validate first
    state = {"COMMENT": "COMMENTED", "APPROVE": "APPROVED",
             "REQUEST_CHANGES": "CHANGES_REQUESTED"}.get(event, "PENDING")
    now = ctx.state.tick()
    review = {"id": ctx.state.next_id(), "pull_number": pr["number"], "user": login, "body": body,
              "state": state, "commit_id": commit_id,
              "submitted_at": None if state == "PENDING" else now}
    ctx.state.reviews[review["id"]] = review
    for draft, p in zip(drafts, placed):
        _store_comment(ctx, pr, p, draft["body"], commit_id, review["id"])
    return Reply(200, ctx.r.review(review))


@route("pulls/list-review-comments")
def list_review_comments(ctx: Ctx) -> Reply:
    pr = _pull(ctx)
    items = ctx.state.review_comments_on(pr["number"])
    key = "updated_at" if ctx.q("sort") == "updated" else "created_at"
    items = sorted(items, key=lambda c: (c[key], c["id"]), reverse=ctx.q("direction") == "desc")
    return Reply(items=items, render=ctx.r.review_comment)


@route("pulls/create-review-comment")
def create_review_comment(ctx: Ctx) -> Reply:
    pr, b = _pull(ctx), ctx.body or {}
    ctx.login
    if b.get("in_reply_to"):
        parent = ctx.state.review_comments.get(int(b["in_reply_to"]))
        if parent is None:
            raise not_found()
        return _reply(ctx, pr, parent, b.get("body", ""))
    commit_id = _check_commit(pr, b.get("commit_id"), simple=False)
    placed = resolve_comment(pr, b, simple=False)
    now_review = {"id": ctx.state.next_id(), "pull_number": pr["number"], "user": ctx.login,
                  "body": "", "state": "COMMENTED", "commit_id": commit_id,
                  "submitted_at": ctx.state.tick()}
    ctx.state.reviews[now_review["id"]] = now_review
    c = _store_comment(ctx, pr, placed, b.get("body", ""), commit_id, now_review["id"])
    return Reply(201, ctx.r.review_comment(c))


def _reply(ctx: Ctx, pr: dict, parent: dict, body: str) -> Reply:
    if not str(body).strip():
        raise validation_failed("PullRequestReviewComment", "body", "missing_field")
    placed = {k: parent[k] for k in ("path", "line", "side", "start_line", "start_side",
                                     "position", "diff_hunk", "original_line",
                                     "original_start_line")}
    top = parent.get("in_reply_to_id") or parent["id"]
    c = _store_comment(ctx, pr, placed, body, parent["commit_id"], parent["review_id"], reply_to=top)
    return Reply(201, ctx.r.review_comment(c))


@route("pulls/create-reply-for-review-comment")
def create_reply(ctx: Ctx) -> Reply:
    pr = _pull(ctx)
    ctx.login
    parent = ctx.state.review_comments.get(ctx.int_param("comment_id"))
    if parent is None or parent["pull_number"] != pr["number"]:
        raise not_found()
    return _reply(ctx, pr, parent, (ctx.body or {}).get("body", ""))


def _review_comment(ctx: Ctx) -> dict:
    c = ctx.state.review_comments.get(ctx.int_param("comment_id"))
    if c is None:
        raise not_found()
    return c


@route("pulls/update-review-comment")
def update_review_comment(ctx: Ctx) -> Reply:
    c = _review_comment(ctx)
    ctx.login
    c["body"], c["updated_at"] = (ctx.body or {}).get("body", ""), ctx.state.tick()
    return Reply(200, ctx.r.review_comment(c))


@route("pulls/delete-review-comment")
def delete_review_comment(ctx: Ctx) -> Reply:
    c = _review_comment(ctx)
    ctx.login
    del ctx.state.review_comments[c["id"]]
    return Reply(204)
