"""action.main helpers: GITHUB_OUTPUT format, the 1 MiB job-summary cap, one-line errors."""

from __future__ import annotations

import io

from pmcheck.action.main import SUMMARY_CAP, append_summary, main, write_outputs


def test_outputs_single_and_multi_line(tmp_path):
    out = tmp_path / "out"
    write_outputs(out, {"findings": "3", "note": "a\nb"})
    lines = out.read_text().splitlines()
    assert lines[0] == "findings=3"
    start, value, end = lines[1:4]
    assert start.startswith("note<<pmcheck_") and value == "a" and lines[4] == start[6:]


def test_summary_never_reaches_one_mib(tmp_path):
    path = tmp_path / "summary.md"
    path.write_text("x" * 1000)
    append_summary(path, "é" * 800_000)
    assert path.stat().st_size <= SUMMARY_CAP
    assert path.read_text().endswith("…summary cut at GitHub's 1 MiB limit.\n")
    append_summary(path, "more")
    assert path.stat().st_size <= SUMMARY_CAP


def test_unknown_event_in_auto_mode_is_one_error(tmp_path):
    out = io.StringIO()
    env = {"INPUT_GITHUB-TOKEN": "ghs_secretvalue", "GITHUB_EVENT_NAME": "push",
           "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")}
    assert main(env, out) == 2
    assert out.getvalue().startswith("::error title=pmcheck::mode auto: the event 'push'")
    assert "ghs_secretvalue" not in out.getvalue()


def test_unexpected_failure_is_redacted(tmp_path):
    def broken_connect(settings, for_tests=False):
        raise RuntimeError(f"boom with {settings.token}")

    out = io.StringIO()
    env = {"INPUT_GITHUB-TOKEN": "ghs_secretvalue", "GITHUB_EVENT_NAME": "pull_request",
           "GITHUB_REPOSITORY": "o/r", "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")}
    assert main(env, out, connect=broken_connect) == 2
    text = out.getvalue() + (tmp_path / "s.md").read_text()
    assert "ghs_secretvalue" not in text and "internal error: RuntimeError: boom with ***" in text


def test_library_logs_on_stderr_are_redacted_too(tmp_path, capsys):
    """A library that logs the token (or an exception quoting it) reaches stderr redacted."""
    import logging

    def leaky_connect(settings, for_tests=False):
        # A handler made during the run writes to sys.stderr as it is then (as a library's
        # logging.basicConfig or warnings would).
        log = logging.getLogger("pmcheck-test-leaky")
        log.propagate = False
        handler = logging.StreamHandler()
        log.addHandler(handler)
        try:
            log.warning("GET with %s failed", settings.token)
        finally:
            log.removeHandler(handler)
        raise OSError(f"connection to https://x-access-token:{settings.token}@host refused")

    env = {"INPUT_GITHUB-TOKEN": "ghs_secretvalue", "GITHUB_EVENT_NAME": "pull_request",
           "GITHUB_REPOSITORY": "o/r", "GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")}
    out = io.StringIO()
    assert main(env, out, connect=leaky_connect) == 2
    err = capsys.readouterr().err
    assert "GET with *** failed" in err and "ghs_secretvalue" not in err
    assert "ghs_secretvalue" not in out.getvalue() + (tmp_path / "s.md").read_text()
    assert "x-access-token:***@host" in out.getvalue()
