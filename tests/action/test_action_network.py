"""An API that cannot be reached (refused, DNS, TLS, no answer): a few quick retries, then one
``::error`` naming GITHUB_API_URL and the cause. Review mode still reports every finding
through annotations and the job summary (exit code by fail-on); follow-up mode exits 2."""

from __future__ import annotations

import io
import socket
import ssl
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NameResolutionError, NewConnectionError

from pmcheck.action.main import main
from pmcheck.github import client

from .harness import action_defaults, fixture_text, pr_event, run_action, seed_pr

PM = "postmortems/2026/2026-04-03-checkout-freeze.md"


def closed_port_url() -> str:
    """http://127.0.0.1:<port> with nothing listening: every connection is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@contextmanager
def plain_http_server():
    """A local HTTP server: an https:// URL pointed at it fails the TLS handshake."""
    httpd = HTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def silent_server():
    """Accepts connections and never answers: every request times out."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", held
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        sock.close()


def errors_of(stdout: str) -> list[str]:
    return [ln for ln in stdout.splitlines() if ln.startswith("::error title=pmcheck::")]


def test_review_mode_with_a_refused_api_reports_every_finding_and_names_the_url(
        github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, {PM: ("", fixture_text("bad.md"))})
    url = closed_port_url()
    run = run_action(emu, ws, env_extra={"GITHUB_API_URL": url})
    [error] = errors_of(run.stdout)
    assert error.startswith(f"::error title=pmcheck::cannot reach {url}: connection refused;")
    assert "GITHUB_API_URL" in error and "internal error" not in run.stdout
    # nothing lost: every finding is annotated (up to 10 per level) and in the job summary
    from pmcheck.linter import lint_text
    from pmcheck.options import Options

    found = lint_text(fixture_text("bad.md"), PM, Options())[0]
    assert run.outputs["findings"] == str(len(found)) and found
    assert run.annotations and all(f"file={PM}," in a for a in run.annotations)
    assert run.summary.count(f"{PM}") >= len(found)
    assert f"cannot reach {url}: connection refused" in run.summary
    assert run.rc == 1  # fail-on error, as without the API
    never = run_action(emu, ws, env_extra={"GITHUB_API_URL": url}, inputs={"fail-on": "never"})
    assert never.rc == 0 and len(errors_of(never.stdout)) == 1
    assert emu.requests == []  # the emulator was never asked


def test_follow_up_mode_with_a_tls_failure_exits_2_naming_url_and_cause(github_emulator, ws):
    emu = github_emulator
    with plain_http_server() as url:
        run = run_action(emu, ws, event_name="schedule", event={},
                         env_extra={"GITHUB_API_URL": url})
    assert run.rc == 2
    [error] = errors_of(run.stdout)
    assert f"cannot reach {url}" in error and "TLS error" in error
    assert "internal error" not in run.stdout + run.summary
    assert "could not run" in run.summary and f"cannot reach {url}" in run.summary


def test_follow_up_mode_with_a_refused_api_exits_2_without_internal_error(github_emulator, ws):
    url = closed_port_url()
    run = run_action(github_emulator, ws, event_name="workflow_dispatch", event={},
                     env_extra={"GITHUB_API_URL": url})
    assert run.rc == 2 and "Traceback" not in run.stderr
    [error] = errors_of(run.stdout)
    assert f"cannot reach {url}" in error and "connection refused" in error
    assert "internal error" not in run.stdout


def test_a_silent_api_times_out_after_one_retry(ws, tmp_path):
    """In-process with a 1-second timeout: two attempts per request, then the fallback."""
    from github import Auth, Github

    (ws / "postmortems").mkdir()
    (ws / "postmortems" / "pm.md").write_text(fixture_text("bad.md"), encoding="utf-8")
    event = tmp_path / "event.json"
    event.write_text(__import__("json").dumps(pr_event()), encoding="utf-8")
    with silent_server() as (url, held):
        def connect(settings, for_tests=False):
            return Github(auth=Auth.Token(settings.token), base_url=settings.api_url,
                          retry=client.make_retry(for_tests=True), timeout=1, lazy=True)

        env = {**action_defaults(), "INPUT_GITHUB-TOKEN": "ghs_test", "GITHUB_API_URL": url,
               "GITHUB_REPOSITORY": "octo-org/postmortems", "GITHUB_WORKSPACE": str(ws),
               "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event),
               "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")}
        out = io.StringIO()
        code = main(env, out, connect=connect)
        attempts = len(held)
    [error] = errors_of(out.getvalue())
    assert f"cannot reach {url}: no answer in time" in error
    assert code == 1 and "::error file=postmortems/pm.md," in out.getvalue()
    assert attempts == 1 + client.READ_RETRIES


def test_connect_errors_get_two_quick_retries_and_rate_limits_keep_their_budget(monkeypatch):
    from urllib3.util import connection

    calls = []

    def refuse(*args, **kwargs):
        calls.append(args[0])
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(connection, "create_connection", refuse)
    retry = client.make_retry()
    assert (retry.connect, retry.read, retry.other) == (2, 1, 1)
    assert retry.total == 6 and 429 in retry.status_forcelist and 502 in retry.status_forcelist
    assert retry.secondary_rate_wait == 60 and retry.max_rate_limit_wait == client.MAX_RATE_LIMIT_WAIT
    assert "PATCH" in retry.allowed_methods and "DELETE" in retry.allowed_methods
    from github import Github

    # the production retry without its 4-second backoff; no DNS: create_connection is patched
    gh = Github(base_url="http://api.invalid", retry=retry.new(backoff_factor=0), lazy=False)
    with pytest.raises(requests.exceptions.ConnectionError) as caught:
        gh.get_repo("o/r")
    assert len(calls) == 1 + client.CONNECT_RETRIES
    assert client.network_cause(caught.value) == "connection refused"


def _wrapped(reason: Exception) -> requests.exceptions.ConnectionError:
    return requests.exceptions.ConnectionError(MaxRetryError(None, "/repos/o/r", reason))


@pytest.mark.parametrize("exc, cause", [
    (_wrapped(NameResolutionError("ghe.example", None,
                                  socket.gaierror(-2, "Name or service not known"))),
     "cannot resolve the host name (Name or service not known)"),
    (_wrapped(NewConnectionError(None, "Failed to establish a new connection")),
     "ConnectionError"),  # nothing more inside: the type still says what failed
    (requests.exceptions.SSLError(MaxRetryError(None, "/", ssl.SSLError(
        1, "[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)"))),
     "TLS error: wrong version number"),
    (requests.exceptions.ReadTimeout("read timed out"), "no answer in time (timed out)"),
    (_wrapped(OSError(101, "Network is unreachable")), "network is unreachable"),
])
def test_network_cause_is_one_short_phrase(exc, cause):
    assert client.network_error(exc)
    assert client.network_cause(exc) == cause


def test_a_bad_api_url_is_a_setup_error_before_any_request(github_emulator, ws):
    run = run_action(github_emulator, ws, env_extra={"GITHUB_API_URL": "ghe.example/api/v3"})
    assert run.rc == 2 and github_emulator.requests == []
    [error] = errors_of(run.stdout)
    assert "GITHUB_API_URL" in error and "is not an http(s) URL" in error


def test_follow_up_mode_with_repeated_5xx_says_github_kept_failing(github_emulator, ws):
    github_emulator.fail_next("GET", r"/issues$", 502, times=20)
    run = run_action(github_emulator, ws, event_name="schedule", event={})
    assert run.rc == 2
    [error] = errors_of(run.stdout)
    assert f"GitHub at {github_emulator.url} kept failing (too many 502 error responses)" in error
    assert "internal error" not in run.stdout


def test_review_mode_with_repeated_5xx_on_the_files_still_reports(github_emulator, ws):
    emu = github_emulator
    seed_pr(emu, ws, {PM: ("", fixture_text("bad.md"))})
    emu.fail_next("GET", r"/files$", 503, times=20)
    run = run_action(emu, ws)
    assert run.rc == 1 and run.annotations
    assert ("cannot list the pull request's files (GitHub kept failing: too many 503 error "
            "responses)") in run.stdout
    assert emu.writes() == []
