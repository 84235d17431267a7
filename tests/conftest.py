"""Shared pytest configuration: the GitHub emulator fixtures (see tests/github_emulator)."""

from github_emulator.fixture import github_emulator, github_emulator_server, terminal_summary  # noqa: F401

pytest_plugins = ["pytester"]


def pytest_terminal_summary(terminalreporter):
    terminal_summary(terminalreporter)
