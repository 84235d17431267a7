"""Contract checks: every request and response against GitHub's OpenAPI description.

The description is `tests/github_emulator/data/openapi-subset.json`, a copy of
`/work/shared/github-api/openapi-subset.json` (GitHub's official description, subset to the operations pmcheck uses). It is loaded once per process and
adjusted in memory exactly as that folder's README says (nullable enums accept null,
discriminators over inline/non-object branches dropped, the vendor media type read as JSON,
multi-segment `{path}` resolved by giving openapi-core the route template).

One more in-memory adjustment, not in that README: Octokit drops the array-typed `oneOf`
branches of top-level request bodies, and the README says no operation of the subset had
one. `POST .../issues/{issue_number}/labels` does: GitHub's own description accepts the
object form, a bare array of names, an array of {name} objects, or one string, and PyGithub's
`Issue.add_to_labels` sends the bare array. `_restore_add_labels_branches` puts the
array/string branches back (as in GitHub's upstream file), nothing else.
"""

from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from openapi_core.templating.responses.exceptions import ResponseNotFound
from jsonschema.exceptions import best_match
from openapi_schema_validator import OAS30Validator

SPEC_PATH = Path(os.environ.get(
    "PMCHECK_GITHUB_OPENAPI",
    Path(__file__).resolve().parent / "data" / "openapi-subset.json"))
SPEC_HOST = "http://127.0.0.1"  # openapi-core server URL; real host/port do not matter


# Common GitHub operations that are NOT in the subset, so an unimplemented call can be named.
OUTSIDE_SUBSET = {
    ("GET", "/repos/{owner}/{repo}/pulls"): "pulls/list",
    ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/commits"): "pulls/list-commits",
    ("GET", "/repos/{owner}/{repo}/pulls/comments/{comment_id}"): "pulls/get-review-comment",
    ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"): "pulls/get-review",
    ("PUT", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"): "pulls/update-review",
    ("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events"): "pulls/submit-review",
    ("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments"): "pulls/list-comments-for-review",
    ("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}"): "issues/get-comment",
    ("GET", "/repos/{owner}/{repo}/issues/{issue_number}/labels"): "issues/list-labels-on-issue",
    ("PUT", "/repos/{owner}/{repo}/issues/{issue_number}/labels"): "issues/set-labels",
    ("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels"): "issues/remove-all-labels",
    ("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"): "issues/remove-label",
    ("PATCH", "/repos/{owner}/{repo}/labels/{name}"): "issues/update-label",
    ("DELETE", "/repos/{owner}/{repo}/labels/{name}"): "issues/delete-label",
    ("DELETE", "/repos/{owner}/{repo}/issues/{issue_number}/assignees"): "issues/remove-assignees",
    ("GET", "/repos/{owner}/{repo}/assignees"): "issues/list-assignees",
    ("GET", "/repos/{owner}/{repo}/issues/{issue_number}/events"): "issues/list-events",
    ("GET", "/repos/{owner}/{repo}/issues/{issue_number}/timeline"): "issues/list-events-for-timeline",
    ("GET", "/repos/{owner}/{repo}/milestones"): "issues/list-milestones",
    ("GET", "/repos/{owner}/{repo}/collaborators/{username}"): "repos/check-collaborator",
    ("GET", "/repos/{owner}/{repo}/branches/{branch}"): "repos/get-branch",
    ("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}"): "git/get-tree",
    ("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}"): "checks/get",
    ("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs"): "checks/list-for-ref",
    ("GET", "/users/{username}"): "users/get-by-username",
    ("POST", "/graphql"): "GraphQL (not REST)",
}


@dataclass(frozen=True)
class Operation:
    method: str            # upper case
    template: str          # e.g. /repos/{owner}/{repo}/issues/{issue_number}
    operation_id: str
    regex: re.Pattern = field(compare=False, repr=False)


def _adjust(spec: dict) -> dict:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            enum = node.get("enum")
            if node.get("nullable") is True and isinstance(enum, list) and None not in enum:
                node["enum"] = enum + [None]
            members = node.get("oneOf") or node.get("anyOf") or []
            if isinstance(node.get("discriminator"), dict) and any(
                    "$ref" not in m or m["$ref"].endswith("/content-directory") for m in members):
                del node["discriminator"]
            for key, value in node.items():
                if key not in ("example", "examples"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec["paths"])
    walk({k: v for k, v in spec["components"].items() if k != "examples"})
    _restore_add_labels_branches(spec)
    _outdated_comment_line(spec)
    _add_compare_operation(spec)
    spec["servers"] = [{"url": SPEC_HOST}]
    return spec


def _outdated_comment_line(spec: dict) -> None:
    """GitHub sends ``"line": null`` for an outdated review comment (its line changed in a later
    push) although the description types `line` as a plain integer; `start_line` is already
    nullable. Source: /work/shared/DESIGN.md ("Facts that will bite": outdated review comments,
    from a recorded live response, which also kept ``"position": 1``)."""
    props = spec["components"]["schemas"]["pull-request-review-comment"]["properties"]
    props["line"] = dict(props["line"], nullable=True)


def _restore_add_labels_branches(spec: dict) -> None:
    op = spec["paths"].get("/repos/{owner}/{repo}/issues/{issue_number}/labels", {}).get("post")
    if not op:
        return
    schema = op["requestBody"]["content"]["application/json"]["schema"]
    branches = schema.get("oneOf", [])
    if any(b.get("type") == "array" for b in branches):
        return
    named = {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}
    branches += [{"type": "array", "minItems": 1, "items": {"type": "string"}},
                 {"type": "array", "minItems": 1, "items": named},
                 {"type": "string"}]


def _add_compare_operation(spec: dict) -> None:
    """GET /repos/{owner}/{repo}/compare/{basehead} (operationId repos/compare-commits) is not
    in the subset. Added here as GitHub's upstream description has it (github/rest-api-description,
    operation "repos/compare-commits", read in its rendered copy in github/rest-api-docs-md;
    documented at https://docs.github.com/rest/commits/commits#compare-two-commits):
    schema "commit-comparison" (its required keys and types; files as "diff-entry", commits as
    "commit", both in the subset), query parameters ``page`` and ``per_page`` (PyGithub 2.x
    sends ``page=1&per_page=100`` on every compare), ``basehead`` marked ``x-multi-segment``
    (branch names with slashes), and responses 200, 404, 500, 503."""
    path = "/repos/{owner}/{repo}/compare/{basehead}"
    if path in spec["paths"]:
        return
    ref = "#/components/schemas/"
    comparison = {
        "title": "Commit Comparison",
        "type": "object",
        "required": ["url", "html_url", "permalink_url", "diff_url", "patch_url", "base_commit",
                     "merge_base_commit", "status", "ahead_by", "behind_by", "total_commits",
                     "commits"],
        "properties": {
            **{k: {"type": "string", "format": "uri"} for k in
               ("url", "html_url", "permalink_url", "diff_url", "patch_url")},
            "base_commit": {"$ref": ref + "commit"}, "merge_base_commit": {"$ref": ref + "commit"},
            "status": {"type": "string", "enum": ["diverged", "ahead", "behind", "identical"]},
            "ahead_by": {"type": "integer"}, "behind_by": {"type": "integer"},
            "total_commits": {"type": "integer"},
            "commits": {"type": "array", "items": {"$ref": ref + "commit"}},
            "files": {"type": "array", "items": {"$ref": ref + "diff-entry"}},
        },
    }
    spec["components"]["schemas"].setdefault("commit-comparison", comparison)
    params = [{"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
              {"$ref": "#/components/parameters/page"},
              {"$ref": "#/components/parameters/per-page"},
              {"name": "basehead", "in": "path", "required": True, "x-multi-segment": True,
               "schema": {"type": "string"}}]
    spec["paths"][path] = {"get": {
        "operationId": "repos/compare-commits", "parameters": params,
        "responses": {
            "200": {"description": "Response", "content": {"application/json": {
                "schema": {"$ref": ref + "commit-comparison"}}}},
            "404": {"$ref": "#/components/responses/not_found"},
            "500": {"$ref": "#/components/responses/internal_error"},
            "503": {"$ref": "#/components/responses/service_unavailable"},
        }}}


def _template_regex(template: str, multi_segment: set[str]) -> re.Pattern:
    out, pos = "", 0
    for m in re.finditer(r"\{([^}]+)\}", template):
        out += re.escape(template[pos:m.start()])
        name = m.group(1)
        out += f"(?P<{name}>.+)" if name in multi_segment else f"(?P<{name}>[^/]+)"
        pos = m.end()
    return re.compile("^" + out + re.escape(template[pos:]) + "$")


class Contract:
    """The loaded description: route matching plus request/response validation."""

    def __init__(self, spec_path: Path = SPEC_PATH):
        raw = json.loads(Path(spec_path).read_text(encoding="utf-8"))
        self.spec = _adjust(raw)
        config = Config(extra_media_type_deserializers={"application/vnd.github.object": json.loads})
        self.api = OpenAPI.from_dict(self.spec, config=config)
        self.operations: list[Operation] = []
        for template, item in self.spec["paths"].items():
            multi = {p.get("name") for op in item.values() if isinstance(op, dict)
                     for p in op.get("parameters", []) if p.get("x-multi-segment")}
            for method, op in item.items():
                if method in ("get", "post", "patch", "put", "delete"):
                    self.operations.append(Operation(
                        method.upper(), template, op["operationId"], _template_regex(template, multi)))
        # literal paths first so /pulls/comments/{id} beats /pulls/{pull_number}/...
        self.operations.sort(key=lambda o: (o.template.count("{"), -len(o.template)))
        error_schema = self.spec["components"]["schemas"]["basic-error"]
        self._error_validator = OAS30Validator(error_schema)
        self._lock = threading.Lock()

    def name_unknown(self, method: str, path: str) -> str:
        """Best description of a request no operation of the subset serves."""
        for (m, template), op_id in OUTSIDE_SUBSET.items():
            if m == method.upper() and _template_regex(template, set()).match(path):
                return f"operation {op_id} ({m} {template}), which is not in GitHub's description subset,"
        return f"{method} {path} (no operation in GitHub's description subset)"

    def match(self, method: str, path: str) -> tuple[Operation | None, dict[str, str], bool]:
        """(operation, path params, path_known_for_other_method)."""
        other = False
        for op in self.operations:
            m = op.regex.match(path)
            if not m:
                continue
            if op.method == method.upper():
                return op, m.groupdict(), True
            other = True
        return None, {}, other

    def _request(self, op: Operation, params: dict, query: list[tuple[str, str]],
                 headers: dict, body: bytes | None, content_type: str) -> MockRequest:
        return MockRequest(SPEC_HOST, op.method.lower(), _fill(op.template, params),
                           path_pattern=op.template, view_args=params, args=query,
                           headers=headers, data=body or None, content_type=content_type)

    def validate_request(self, op: Operation, params: dict, query: list[tuple[str, str]],
                         headers: dict, body: bytes | None, content_type: str) -> str | None:
        """None when valid, else a one-line reason."""
        req = self._request(op, params, query, headers, body, content_type or "application/json")
        try:
            with self._lock:
                self.api.validate_request(req)
        except Exception as exc:  # openapi-core raises a family of errors
            return _describe(exc)
        return None

    def validate_response(self, op: Operation, params: dict, query: list[tuple[str, str]],
                          status: int, headers: dict, body: bytes,
                          content_type: str) -> tuple[str | None, bool]:
        """(reason or None, documented): undocumented error statuses fall back to basic-error."""
        req = self._request(op, params, query, {}, None, "application/json")
        resp = MockResponse(body, status_code=status, headers=headers,
                            content_type=content_type or "application/json")
        try:
            with self._lock:
                self.api.validate_response(req, resp)
        except ResponseNotFound:
            if status < 400:
                return f"status {status} is not documented for {op.operation_id}", False
            try:
                data = json.loads(body or b"{}")
            except ValueError:
                return f"error body is not JSON: {body[:80]!r}", False
            errors = sorted(self._error_validator.iter_errors(data), key=str)
            return (_one_line(errors[0].message) if errors else None), False
        except Exception as exc:
            return _describe(exc), True
        return None, True


def _fill(template: str, params: dict) -> str:
    return re.sub(r"\{([^}]+)\}", lambda m: str(params.get(m.group(1), m.group(0))), template)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:400]


def _describe(exc: Exception) -> str:
    """The schema errors (path: message) first, then the exception class; short."""
    details: list[str] = []
    node: BaseException | None = exc
    while node is not None:
        for err in getattr(node, "schema_errors", None) or []:
            deepest = best_match([err]) if not err.context else best_match(err.context)
            where = "/".join(map(str, deepest.absolute_path)) or "$"
            details.append(f"{where}: {_one_line(deepest.message)[:160]}")
        node = node.__cause__ or node.__context__
    head = type(exc).__name__
    if not details:
        return _one_line(f"{head}: {exc}")
    return _one_line(f"{head}: " + "; ".join(details[:4]))


@lru_cache(maxsize=1)
def shared_contract() -> Contract:
    """One loaded description per process (loading takes about a second)."""
    return Contract()
