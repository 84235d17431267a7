"""Issues, issue comments, labels, assignees and issue search."""

from __future__ import annotations

import re
import shlex
from datetime import datetime
from urllib.parse import unquote

from .api import Ctx, Reply, not_found, route, validation_failed


def _issue(ctx: Ctx, number: int | None = None) -> dict:
    n = ctx.int_param("issue_number") if number is None else number
    issue = ctx.state.issues.get(n)
    if issue is None:
        raise not_found()
    return issue


def _since(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise validation_failed("Issue", "since", "invalid", value) from None


def _sorted(items: list[dict], sort: str, direction: str, ctx: Ctx) -> list[dict]:
    if sort == "comments":
        key = lambda i: (ctx.state.issue_comment_count(i["number"]), i["number"])  # noqa: E731
    elif sort == "updated":
        key = lambda i: (i["updated_at"], i["number"])  # noqa: E731
    else:
        key = lambda i: (i["created_at"], i["number"])  # noqa: E731
    return sorted(items, key=key, reverse=direction != "asc")


def _check_assignees(ctx: Ctx, logins: list[str]) -> None:
    for login in logins:
        if login not in ctx.state.collaborators and login != ctx.state.owner:
            raise validation_failed("Issue", "assignees", "invalid", login)


def _label_names(values) -> list[str]:
    out = []
    for v in values or []:
        out.append(v["name"] if isinstance(v, dict) else str(v))
    return out


@route("issues/list-for-repo")
def list_issues(ctx: Ctx) -> Reply:
    state = ctx.q("state", "open")
    items = [i for i in ctx.state.issues.values() if state == "all" or i["state"] == state]
    if ctx.q("labels"):
        wanted = {x.strip().lower() for x in ctx.q("labels").split(",") if x.strip()}
        items = [i for i in items if wanted <= {n.lower() for n in i["labels"]}]
    if ctx.q("creator"):
        items = [i for i in items if i["user"] == ctx.q("creator")]
    assignee = ctx.q("assignee")
    if assignee == "none":
        items = [i for i in items if not i["assignees"]]
    elif assignee == "*":
        items = [i for i in items if i["assignees"]]
    elif assignee:
        items = [i for i in items if assignee in i["assignees"]]
    since = _since(ctx.q("since"))
    if since:
        items = [i for i in items if i["updated_at"] >= since]
    items = _sorted(items, ctx.q("sort", "created"), ctx.q("direction", "desc"), ctx)
    return Reply(items=items, render=ctx.r.issue)


@route("issues/create")
def create_issue(ctx: Ctx) -> Reply:
    b = ctx.body or {}
    login = ctx.login
    assignees = list(b.get("assignees") or ([b["assignee"]] if b.get("assignee") else []))
    _check_assignees(ctx, assignees)
    title = str(b.get("title", ""))
    if not title.strip():
        raise validation_failed("Issue", "title", "missing_field")
    issue = ctx.state.add_issue(title, body=b.get("body"), user=login,
                                labels=_label_names(b.get("labels")), assignees=assignees)
    return Reply(201, ctx.r.issue(issue), headers={"Location": f"{ctx.r.repo_api}/issues/{issue['number']}"})


@route("issues/get")
def get_issue(ctx: Ctx) -> Reply:
    return Reply(200, ctx.r.issue(_issue(ctx)))


@route("issues/update")
def update_issue(ctx: Ctx) -> Reply:
    issue, b, login = _issue(ctx), ctx.body or {}, ctx.login
    if "assignees" in b or "assignee" in b:
        assignees = list(b.get("assignees") or ([b["assignee"]] if b.get("assignee") else []))
        _check_assignees(ctx, assignees)
        issue["assignees"] = assignees
    if "title" in b:
        if not str(b["title"] or "").strip():
            raise validation_failed("Issue", "title", "missing_field")
        issue["title"] = str(b["title"])
    if "body" in b:
        issue["body"] = b["body"]
    if "labels" in b:
        issue["labels"] = [ctx.state.ensure_label(n)["name"] for n in _label_names(b["labels"])]
    now = ctx.state.tick()
    new_state = b.get("state")
    if new_state == "closed" and issue["state"] != "closed":
        issue.update(state="closed", closed_at=now, closed_by=login,
                     state_reason=b.get("state_reason") or "completed")
    elif new_state == "open" and issue["state"] != "open":
        issue.update(state="open", closed_at=None, closed_by=None, state_reason="reopened")
    elif "state_reason" in b and issue["state"] == "closed" and b["state_reason"]:
        issue["state_reason"] = b["state_reason"]
    issue["updated_at"] = now
    return Reply(200, ctx.r.issue(issue))


# --- comments ------------------------------------------------------------------------------
def _comment(ctx: Ctx) -> dict:
    c = ctx.state.issue_comments.get(ctx.int_param("comment_id"))
    if c is None:
        raise not_found()
    return c


@route("issues/list-comments")
def list_comments(ctx: Ctx) -> Reply:
    n = _issue(ctx)["number"]
    since = _since(ctx.q("since"))
    items = [c for c in ctx.state.comments_on(n) if not since or c["updated_at"] >= since]
    return Reply(items=sorted(items, key=lambda c: c["id"]), render=ctx.r.issue_comment)


@route("issues/create-comment")
def create_comment(ctx: Ctx) -> Reply:
    issue, login = _issue(ctx), ctx.login
    body = (ctx.body or {}).get("body", "")
    if not str(body).strip():
        raise validation_failed("IssueComment", "body", "missing_field")
    now = ctx.state.tick()
    c = {"id": ctx.state.next_id(), "issue_number": issue["number"], "body": body,
         "user": login, "created_at": now, "updated_at": now}
    ctx.state.issue_comments[c["id"]] = c
    issue["updated_at"] = now
    return Reply(201, ctx.r.issue_comment(c), headers={"Location": ctx.r.issue_comment(c)["url"]})


@route("issues/update-comment")
def update_comment(ctx: Ctx) -> Reply:
    c = _comment(ctx)
    ctx.login
    body = (ctx.body or {}).get("body", "")
    if not str(body).strip():
        raise validation_failed("IssueComment", "body", "missing_field")
    c["body"], c["updated_at"] = body, ctx.state.tick()
    return Reply(200, ctx.r.issue_comment(c))


@route("issues/delete-comment")
def delete_comment(ctx: Ctx) -> Reply:
    c = _comment(ctx)
    ctx.login
    del ctx.state.issue_comments[c["id"]]
    return Reply(204)


# --- labels --------------------------------------------------------------------------------
@route("issues/list-labels-for-repo")
def list_labels(ctx: Ctx) -> Reply:
    items = sorted(ctx.state.labels.values(), key=lambda lab: lab["name"].lower())
    return Reply(items=items, render=lambda lab: ctx.r.label(lab["name"]))


@route("issues/create-label")
def create_label(ctx: Ctx) -> Reply:
    b = ctx.body or {}
    ctx.login
    name = str(b.get("name", ""))
    color = str(b.get("color") or "ededed").lstrip("#")
    if name.lower() in ctx.state.labels:
        raise validation_failed("Label", "name", "already_exists")
    if not re.fullmatch(r"[0-9a-fA-F]{6}", color):
        raise validation_failed("Label", "color", "invalid")
    ctx.state.add_label(name, color.lower(), b.get("description"))
    return Reply(201, ctx.r.label(name))


@route("issues/get-label")
def get_label(ctx: Ctx) -> Reply:
    name = unquote(ctx.params["name"])
    if name.lower() not in ctx.state.labels:
        raise not_found()
    return Reply(200, ctx.r.label(name))


@route("issues/add-labels")
def add_labels(ctx: Ctx) -> Reply:
    issue, b = _issue(ctx), ctx.body
    ctx.login
    names = _label_names(b.get("labels") if isinstance(b, dict) else b)
    if not names:
        raise validation_failed("Label", "labels", "missing_field")
    for n in names:
        name = ctx.state.ensure_label(n)["name"]
        if name not in issue["labels"]:
            issue["labels"].append(name)
    issue["updated_at"] = ctx.state.tick()
    return Reply(200, [ctx.r.label(n) for n in issue["labels"]])


# --- assignees -------------------------------------------------------------------------------
@route("issues/check-user-can-be-assigned")
def check_assignee(ctx: Ctx) -> Reply:
    login = ctx.params["assignee"]
    if login in ctx.state.collaborators or login == ctx.state.owner:
        return Reply(204)
    raise not_found()


@route("issues/add-assignees")
def add_assignees(ctx: Ctx) -> Reply:
    issue = _issue(ctx)
    ctx.login
    for login in (ctx.body or {}).get("assignees") or []:
        # GitHub silently ignores users who cannot be assigned here
        if (login in ctx.state.collaborators or login == ctx.state.owner) and login not in issue["assignees"]:
            issue["assignees"].append(login)
    issue["updated_at"] = ctx.state.tick()
    return Reply(201, ctx.r.issue(issue))


# --- search ------------------------------------------------------------------------------------
def _search_filter(ctx: Ctx, q: str):
    try:
        terms = shlex.split(q)
    except ValueError:
        terms = q.split()
    words, preds = [], []
    s = ctx.state
    for t in terms:
        key, _, val = t.partition(":")
        key = key.lower()
        if not val:
            words.append(t.lower())
        elif key == "repo":
            preds.append(lambda i, v=val: v.lower() == f"{s.owner}/{s.name}".lower())
        elif key in ("is", "type", "state"):
            v = val.lower()
            if v in ("issue", "pr", "pull-request"):
                preds.append(lambda i, v=v: i["is_pull"] == (v != "issue"))
            elif v in ("open", "closed"):
                preds.append(lambda i, v=v: i["state"] == v)
        elif key == "label":
            preds.append(lambda i, v=val.lower(): v in {n.lower() for n in i["labels"]})
        elif key == "author":
            preds.append(lambda i, v=val: i["user"] == v)
        elif key == "assignee":
            preds.append(lambda i, v=val: v in i["assignees"])
        elif key == "in":
            continue
        else:
            words.append(t.lower())

    def match(i: dict) -> bool:
        text = f"{i['title']}\n{i['body'] or ''}".lower()
        return all(p(i) for p in preds) and all(w in text for w in words)
    return match


@route("search/issues-and-pull-requests")
def search_issues(ctx: Ctx) -> Reply:
    q = ctx.q("q", "")
    match = _search_filter(ctx, q)
    visible = ctx.state.search_frozen_at
    items = [i for i in ctx.state.issues.values()
             if match(i) and (visible is None or i["number"] in visible)]
    sort = ctx.q("sort")
    items = _sorted(items, sort or "created", ctx.q("order", "desc"), ctx)
    return Reply(items=items, render=lambda i: ctx.r.issue(i, search_score=1.0),
                 wrap=lambda page, total: {"total_count": total, "incomplete_results": False,
                                           "items": page, "search_type": "lexical"})
