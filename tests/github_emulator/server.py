"""The HTTP server: routing, auth, rate limits, faults, pagination, contract checks, log."""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from . import routes_issues, routes_misc, routes_pulls  # noqa: F401  (register handlers)
from .api import HANDLERS, ApiError, Ctx, Reply
from .contract import Contract, Operation, shared_contract
from .faults import WRITE_METHODS, Faults, Rule, rate_limit_reply
from .render import Renderer
from .state import RepoState

JSON_TYPE = "application/json; charset=utf-8"


@dataclass
class LoggedRequest:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int
    operation: str | None = None
    login: str | None = None
    t: float = field(default=0.0, repr=False)

    def __iter__(self):  # (method, path, query, body, status), as the brief lists them
        return iter((self.method, self.path, self.query, self.body, self.status))


class StaleRequest(Exception):
    """A delayed request that outlived its test: dropped without an answer."""


@dataclass
class Outcome:
    status: int
    body: Any = None
    headers: dict = field(default_factory=dict)


class Emulator:
    """One emulated GitHub (one repository). See the package docstring for the API."""

    def __init__(self, contract: Contract | None = None, state: RepoState | None = None):
        self.contract = contract or shared_contract()
        self.state = state or RepoState()
        self.faults = Faults()
        self.requests: list[LoggedRequest] = []
        self.errors: list[str] = []
        self.counts = {"requests_validated": 0, "responses_validated": 0,
                       "responses_undocumented_status": 0}
        self.generation = 0      # bumped by reset(): late requests of an earlier test are dropped
        self._httpd: ThreadingHTTPServer | None = None
        self.url = ""

    # --- lifecycle ------------------------------------------------------------------------
    def start(self) -> "Emulator":
        emulator = self

        class Handler(_Handler):
            emu = emulator
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True, name="github-emulator").start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def reset(self, state: RepoState | None = None) -> None:
        """Fresh repository, empty log, no faults, no errors (used between tests)."""
        self.generation += 1
        self.state = state or RepoState()
        self.faults.clear()
        self.requests = []
        self.errors = []

    # --- test API -------------------------------------------------------------------------
    def fail_next(self, method: str, path_regex: str, status: int, headers: dict | None = None,
                  times: int = 1, body: Any = None, after_apply: bool = False) -> Rule:
        return self.faults.add(Rule(method.upper(), path_regex, times, status, dict(headers or {}),
                                    body, after_apply=after_apply))

    def delay_next(self, method: str, path_regex: str, seconds: float, times: int = 1) -> Rule:
        return self.faults.add(Rule(method.upper(), path_regex, times, delay=seconds, kind="delay"))

    def rate_limit_next(self, kind: str = "secondary", method: str = "*", path_regex: str = "",
                        times: int = 1, status: int = 403, retry_after: int = 0,
                        reset_in: int = 0) -> Rule:
        """kind 'secondary': 403/429 + retry-after; 'primary': 403/429 + x-ratelimit-remaining: 0."""
        assert kind in ("primary", "secondary"), kind
        return self.faults.add(Rule(method.upper(), path_regex, times, status, kind=kind,
                                    retry_after=retry_after, reset_in=reset_in))

    def set_rate_limit(self, remaining: int, reset_in: int = 3600, resource: str = "core") -> None:
        """Primary budget: once remaining hits 0, requests get 403 until the reset time passes."""
        rate = self.state.rate[resource]
        rate.update(remaining=remaining, reset=int(time.time()) + reset_in,
                    used=rate["limit"] - remaining)

    def _error(self, message: str) -> None:
        if message not in self.errors:     # client retries repeat the same failure
            self.errors.append(message)

    def take_errors(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors

    def calls(self, method: str | None = None, path_regex: str | None = None,
              status: int | None = None) -> list[LoggedRequest]:
        return [r for r in self.requests
                if (method is None or r.method == method.upper())
                and (path_regex is None or re.search(path_regex, r.path))
                and (status is None or r.status == status)]

    def writes(self) -> list[LoggedRequest]:
        return [r for r in self.requests if r.method in WRITE_METHODS]

    # --- request processing -----------------------------------------------------------------
    def handle(self, method: str, raw_path: str, headers: dict[str, str], raw_body: bytes) -> tuple[Outcome, LoggedRequest]:
        parts = urlsplit(raw_path)
        path, query_pairs = parts.path, parse_qsl(parts.query, keep_blank_values=True)
        try:
            body = json.loads(raw_body) if raw_body else None
        except ValueError:
            body = raw_body.decode("utf-8", "replace")
        log = LoggedRequest(method, path, dict(query_pairs), body, 0, t=time.monotonic())
        delay = self.faults.take(method, path, ("delay",))
        if delay:
            generation = self.generation
            time.sleep(delay.delay)
            if generation != self.generation:
                raise StaleRequest()
        op, params, _ = self.contract.match(method, path)
        if op is None or op.operation_id not in HANDLERS:
            what = (f"operation {op.operation_id} ({op.method} {op.template})" if op else
                    self.contract.name_unknown(method, path))
            message = f"github emulator: {what} is not implemented"
            self._error(message)
            return Outcome(501, {"message": message, "documentation_url": "https://docs.github.com/rest"}), log
        log.operation = op.operation_id
        query = {}
        for k, v in query_pairs:
            query.setdefault(k, []).append(v)
        problem = self.contract.validate_request(op, params, query_pairs, headers, raw_body,
                                                 headers.get("content-type", ""))
        self.counts["requests_validated"] += 1
        if problem:
            self._error(f"request to {op.operation_id} ({method} {path}) violates GitHub's description: {problem}")
            return Outcome(422, {"message": f"Invalid request.\n\n{problem}",
                                 "documentation_url": "https://docs.github.com/rest"}), log
        outcome = self._dispatch(op, method, path, params, query, headers, body, log)
        outcome.headers = {**self._rate_headers(op), **outcome.headers}
        return outcome, log

    def _dispatch(self, op: Operation, method: str, path: str, params: dict, query: dict,
                  headers: dict, body: Any, log: LoggedRequest) -> Outcome:
        token = None
        auth = headers.get("authorization", "")
        if auth:
            secret = auth.split(" ", 1)[-1].strip()
            token = self.state.tokens.get(secret)
            if token is None:
                return Outcome(401, ApiError(401, "Bad credentials").body())
            log.login = token.login
        if method in WRITE_METHODS:
            if token is None:
                return Outcome(401, ApiError(401, "Requires authentication").body())
            if not token.writable:
                return Outcome(403, ApiError(403, "Resource not accessible by integration",
                                             doc=f"https://docs.github.com/rest/{op.operation_id}").body())
        with self.state.lock:
            limited = self._rate_limited(op, method, path)
        if limited:
            return limited
        fault = self.faults.take(method, path, ("fault",))
        if fault and not fault.after_apply:
            return self._fault(fault)
        ctx = Ctx(self.state, Renderer(self.state, self.url), params, query, body, token)
        with self.state.lock:
            try:
                reply = HANDLERS[op.operation_id](ctx)
            except ApiError as err:
                return Outcome(err.status, err.body(), dict(err.headers))
            outcome = self._render(reply, path, query)
        return self._fault(fault) if fault else outcome

    def _fault(self, rule: Rule) -> Outcome:
        body = rule.body if rule.body is not None else {
            "message": "Server Error" if rule.status >= 500 else "Injected failure",
            "documentation_url": "https://docs.github.com/rest"}
        return Outcome(rule.status, body, dict(rule.headers))

    def _resource(self, op: Operation) -> str:
        return "search" if op.operation_id.startswith("search/") else "core"

    def _rate_limited(self, op: Operation, method: str, path: str) -> Outcome | None:
        rule = self.faults.take(method, path, ("primary", "secondary"))
        rate = self.state.rate[self._resource(op)]
        if rule:
            status, headers, body = rate_limit_reply(rule, rate)
            return Outcome(status, body, headers)
        if op.operation_id == "rate-limit/get":
            return None
        if rate["remaining"] <= 0 and time.time() < rate["reset"]:
            status, headers, body = rate_limit_reply(Rule("*", "", 1, kind="primary",
                                                          reset_in=int(rate["reset"] - time.time())), rate)
            return Outcome(status, body, headers)
        if rate["remaining"] <= 0:
            rate.update(remaining=rate["limit"], used=0)
        rate["remaining"] -= 1
        rate["used"] += 1
        return None

    def _rate_headers(self, op: Operation) -> dict:
        resource = self._resource(op)
        rate = self.state.rate[resource]
        reset = rate["reset"] or int(time.time()) + 3600
        return {"x-ratelimit-limit": str(rate["limit"]), "x-ratelimit-remaining": str(rate["remaining"]),
                "x-ratelimit-reset": str(reset), "x-ratelimit-used": str(rate["used"]),
                "x-ratelimit-resource": resource}

    def _render(self, reply: Reply, path: str, query: dict) -> Outcome:
        if reply.items is None:
            return Outcome(reply.status, reply.body, dict(reply.headers))
        per_page = max(1, min(100, int((query.get("per_page") or ["30"])[-1] or 30)))
        page = max(1, int((query.get("page") or ["1"])[-1] or 1))
        total = len(reply.items)
        chunk = [reply.render(x) for x in reply.items[(page - 1) * per_page: page * per_page]]
        body = reply.wrap(chunk, total) if reply.wrap else chunk
        headers = dict(reply.headers)
        last = max(1, -(-total // per_page))
        link = _link_header(self.url + path, query, page, last)
        if link:
            headers["Link"] = link
        return Outcome(reply.status, body, headers)

    # --- response validation ------------------------------------------------------------------
    def check_response(self, method: str, path: str, log: LoggedRequest, outcome: Outcome) -> Outcome:
        op, params, _ = self.contract.match(method, path)
        if op is None or outcome.status == 501:
            return outcome
        data = b"" if outcome.body is None else json.dumps(outcome.body).encode()
        ctype = "application/json" if outcome.body is not None else ""
        query = list(log.query.items())
        problem, documented = self.contract.validate_response(op, params, query, outcome.status,
                                                              outcome.headers, data, ctype)
        self.counts["responses_validated"] += 1
        if not documented:
            self.counts["responses_undocumented_status"] += 1
        if problem:
            message = (f"response of {op.operation_id} ({method} {path}) status {outcome.status} "
                       f"violates GitHub's description: {problem}")
            self._error(message)
            return Outcome(500, {"message": "github emulator: " + message,
                                 "documentation_url": "https://docs.github.com/rest"})
        return outcome


def _link_header(base: str, query: dict, page: int, last: int) -> str:
    def url(n: int) -> str:
        q = [(k, v) for k, vs in query.items() if k != "page" for v in vs] + [("page", str(n))]
        return f"<{base}?{urlencode(q)}>"
    rels = []
    if page > 1:
        rels += [f'{url(page - 1)}; rel="prev"']
    if page < last:
        rels += [f'{url(page + 1)}; rel="next"', f'{url(last)}; rel="last"']
    if page > 1:
        rels += [f'{url(1)}; rel="first"']
    return ", ".join(rels)


class _Handler(BaseHTTPRequestHandler):
    emu: Emulator
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True      # keep-alive + small writes would stall ~40 ms each
    wbufsize = -1                       # headers and body leave in one write
    server_version = "github.com"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        return

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        method = self.command.upper()
        generation = self.emu.generation
        try:
            outcome, log = self.emu.handle(method, self.path, headers, raw)
        except StaleRequest:
            self.close_connection = True
            return
        outcome = self.emu.check_response(method, log.path, log, outcome)
        log.status = outcome.status
        if generation == self.emu.generation:
            self.emu.requests.append(log)
        data = b"" if outcome.body is None else json.dumps(outcome.body).encode()
        out = {"X-GitHub-Media-Type": "github.v3; format=json",
               "X-GitHub-Api-Version-Selected": "2022-11-28",
               "X-GitHub-Request-Id": uuid.uuid4().hex[:20].upper()}
        if outcome.body is not None:
            out["Content-Type"] = JSON_TYPE
        lower = {k.lower(): k for k in out}
        for k, v in outcome.headers.items():
            out.pop(lower.get(k.lower(), k), None)
            out[k] = str(v)
        out["Content-Length"] = str(len(data))
        try:
            self.send_response(outcome.status)
            for k, v in out.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve
