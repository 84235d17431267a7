"""Convert recorded GitHub traffic (@octokit/fixtures, nock format) into vcrpy cassettes.

    .venv/bin/python tests/github_emulator/cassettes.py      # rewrites tests/cassettes/*.json

Source: /work/shared/github-api/octokit-fixtures/<scenario>/raw-fixture.json (MIT, see the
LICENSE.md there; recorded 2022-07-19). The set-up and tear-down exchanges (creating and
deleting the temporary repository) are left out. Response headers the recording has already
applied (content-encoding, content-length, transfer-encoding, connection) are dropped because
the recording stores the decoded body.
"""

from __future__ import annotations

import json
import sys
from http import HTTPStatus
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "github-api" / "octokit-fixtures"
OUT = Path(__file__).resolve().parents[1] / "cassettes"
SCENARIOS = ["get-repository", "paginate-issues", "labels", "errors", "search-issues"]
DROP_HEADERS = {"content-encoding", "content-length", "transfer-encoding", "connection"}


def is_setup_or_teardown(exchange: dict) -> bool:
    path, method = exchange["path"], exchange["method"].upper()
    if method == "POST" and path.startswith("/orgs/") and path.endswith("/repos"):
        return True
    return method == "DELETE" and path.count("/") == 3 and path.startswith("/repos/")


def _headers(flat: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in zip(flat[::2], flat[1::2]):
        if name.lower() not in DROP_HEADERS:
            out.setdefault(name, []).append(value)
    return out


def _body(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def interaction(exchange: dict) -> dict:
    scope = exchange["scope"].replace(":443", "")
    request_body = exchange.get("body")
    request_headers = {k: [v] for k, v in (exchange.get("reqheaders") or {}).items()}
    if request_body:
        request_headers.setdefault("content-type", ["application/json"])
    status = exchange["status"]
    return {
        "request": {"method": exchange["method"].upper(), "uri": scope + exchange["path"],
                    "body": _body(request_body) if request_body else None,
                    "headers": request_headers},
        "response": {"status": {"code": status, "message": HTTPStatus(status).phrase},
                     "headers": _headers(exchange.get("rawHeaders") or []),
                     "body": {"string": _body(exchange["response"])}},
    }


def convert(scenario: str, fixtures: Path = FIXTURES) -> dict:
    exchanges = json.loads((fixtures / scenario / "raw-fixture.json").read_text(encoding="utf-8"))
    return {"version": 1, "interactions": [interaction(x) for x in exchanges
                                           if not is_setup_or_teardown(x)]}


def main(out: Path = OUT) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for scenario in SCENARIOS:
        cassette = convert(scenario)
        (out / f"{scenario}.json").write_text(json.dumps(cassette, indent=1) + "\n", encoding="utf-8")
        print(f"{scenario}: {len(cassette['interactions'])} interactions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
