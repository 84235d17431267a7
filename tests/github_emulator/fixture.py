"""pytest fixtures: one server per session, fresh state per test, contract errors fail tests."""

from __future__ import annotations

import pytest

from .server import Emulator

TOTALS = {"requests_validated": 0, "responses_validated": 0, "responses_undocumented_status": 0}


@pytest.fixture(scope="session")
def github_emulator_server():
    emu = Emulator().start()
    yield emu
    emu.stop()


@pytest.fixture
def github_emulator(github_emulator_server):
    emu = github_emulator_server
    emu.reset()
    before = dict(emu.counts)
    yield emu
    for key in TOTALS:
        TOTALS[key] += emu.counts[key] - before[key]
    errors = emu.take_errors()
    emu.reset()
    if errors:
        pytest.fail("GitHub emulator contract errors:\n  " + "\n  ".join(errors), pytrace=False)


def terminal_summary(terminalreporter) -> None:
    if TOTALS["requests_validated"] or TOTALS["responses_validated"]:
        terminalreporter.write_line(
            "github emulator: {requests_validated} requests and {responses_validated} responses "
            "validated against GitHub's OpenAPI description ({responses_undocumented_status} "
            "error responses with a status the description omits, checked as basic-error)".format(**TOTALS))
