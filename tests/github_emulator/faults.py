"""Fault and rate-limit injection rules, consumed by matching requests."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

WRITE_METHODS = {"POST", "PATCH", "PUT", "DELETE"}
PRIMARY_MESSAGE = "API rate limit exceeded for installation ID 4242."
SECONDARY_MESSAGE = ("You have exceeded a secondary rate limit. Please wait a few minutes before "
                     "you try again. If you reach out to GitHub Support for help, please include "
                     "the request ID 0000:1111:2222:3333:4444.")


@dataclass
class Rule:
    method: str                    # "GET", "POST", ... or "*" (any) or "WRITE" (any write)
    path_regex: str
    times: int
    status: int = 0
    headers: dict = field(default_factory=dict)
    body: object = None
    delay: float = 0.0
    after_apply: bool = False      # run the handler first (the write happens), then fail
    kind: str = "fault"            # fault | delay | primary | secondary
    retry_after: int = 0           # secondary: value of the retry-after header
    reset_in: int = 0              # primary: x-ratelimit-reset = now + reset_in seconds

    def matches(self, method: str, path: str) -> bool:
        if self.method not in ("*", method) and not (self.method == "WRITE" and method in WRITE_METHODS):
            return False
        return re.search(self.path_regex, path) is not None


class Faults:
    def __init__(self) -> None:
        self.rules: list[Rule] = []
        self.lock = threading.Lock()

    def add(self, rule: Rule) -> Rule:
        with self.lock:
            self.rules.append(rule)
        return rule

    def take(self, method: str, path: str, kinds: tuple[str, ...]) -> Rule | None:
        """The first live rule of these kinds matching the request; uses up one of its times."""
        with self.lock:
            for rule in self.rules:
                if rule.kind in kinds and rule.times > 0 and rule.matches(method.upper(), path):
                    rule.times -= 1
                    return rule
        return None

    def clear(self) -> None:
        with self.lock:
            self.rules.clear()


def rate_limit_reply(rule: Rule, rate: dict) -> tuple[int, dict, dict]:
    """(status, headers, body) of a primary or secondary rate-limit response."""
    if rule.kind == "primary":
        reset = int(time.time()) + rule.reset_in
        headers = {"x-ratelimit-limit": str(rate["limit"]), "x-ratelimit-remaining": "0",
                   "x-ratelimit-reset": str(reset), "x-ratelimit-used": str(rate["limit"])}
        body = {"message": PRIMARY_MESSAGE,
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}
        return rule.status or 403, {**headers, **rule.headers}, body
    headers = {"retry-after": str(rule.retry_after)}
    body = {"message": SECONDARY_MESSAGE,
            "documentation_url": "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}
    return rule.status or 403, {**headers, **rule.headers}, body
