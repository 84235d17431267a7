"""Shared plumbing for route handlers: the request context, replies and API errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .render import Renderer
from .state import RepoState, Token

DOCS = "https://docs.github.com/rest"
HANDLERS: dict[str, Callable[["Ctx"], "Reply"]] = {}


def route(operation_id: str):
    """Register a handler for an operationId of GitHub's description."""
    def deco(fn):
        HANDLERS[operation_id] = fn
        return fn
    return deco


class ApiError(Exception):
    def __init__(self, status: int, message: str, errors: list | None = None,
                 doc: str = DOCS, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.errors, self.doc = status, message, errors, doc
        self.headers = headers or {}

    def body(self) -> dict:
        out: dict[str, Any] = {"message": self.message, "documentation_url": self.doc}
        if self.errors is not None:
            out["errors"] = self.errors
        if self.status in (401, 403, 404) and self.errors is None:
            out["status"] = str(self.status)
        return out


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


def validation_failed(resource: str, field_name: str, code: str, value: Any = None,
                      message: str | None = None) -> ApiError:
    err: dict[str, Any] = {"resource": resource, "code": code, "field": field_name}
    if value is not None:
        err["value"] = value
    if message:
        err["message"] = message
    return ApiError(422, "Validation Failed", [err])


@dataclass
class Reply:
    status: int = 200
    body: Any = None                   # JSON-able, or None for an empty body
    headers: dict = field(default_factory=dict)
    items: list | None = None          # paginate these records ...
    render: Callable[[Any], Any] | None = None   # ... rendering each with this
    wrap: Callable[[list, int], Any] | None = None  # page items, total -> body (search)


@dataclass
class Ctx:
    state: RepoState
    r: Renderer
    params: dict[str, str]
    query: dict[str, list[str]]
    body: Any
    token: Token | None

    @property
    def login(self) -> str:
        if self.token is None:
            raise ApiError(401, "Requires authentication")
        return self.token.login

    def q(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else default

    def int_param(self, name: str) -> int:
        return int(self.params[name])
