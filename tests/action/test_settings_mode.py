"""Settings.from_env (INPUT_* as the runner passes them) and choose_mode."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmcheck.action.mode import ModeError, choose_mode
from pmcheck.action.settings import Settings, SettingsError

BASE = {"INPUT_GITHUB-TOKEN": "ghs_secret123", "INPUT_MODE": "auto",
        "INPUT_PATHS": "postmortems/**/*.md", "INPUT_CONFIG": ".pmcheck.yml",
        "INPUT_FAIL-ON": "error", "INPUT_TODAY": "", "INPUT_DRY-RUN": "false",
        "GITHUB_REPOSITORY": "acme/site", "GITHUB_WORKSPACE": "/ws",
        "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": "/ev.json"}


def test_runner_style_inputs():
    s = Settings.from_env({**BASE, "INPUT_FAIL-ON": "Warning", "INPUT_DRY-RUN": "true",
                           "INPUT_TODAY": "2026-03-14",
                           "INPUT_PATHS": "a/*.md, b/**/*.md\n\nc.md\n",
                           "GITHUB_API_URL": "https://ghe.example/api/v3/"})
    assert (s.fail_on, s.dry_run, s.today) == ("warning", True, dt.date(2026, 3, 14))
    assert s.paths == ("a/*.md", "b/**/*.md", "c.md")
    assert s.api_url == "https://ghe.example/api/v3"
    assert s.workspace == Path("/ws") and s.event_path == Path("/ev.json")
    assert s.owner_repo == ("acme", "site")


def test_defaults_when_inputs_are_blank():
    s = Settings.from_env({"INPUT_PATHS": "", "INPUT_MODE": ""})
    assert (s.mode, s.paths, s.fail_on, s.api_url) == (
        "auto", ("postmortems/**/*.md",), "error", "https://api.github.com")


def test_token_never_in_repr():
    s = Settings.from_env(BASE)
    assert "ghs_secret123" not in repr(s) and s.token == "ghs_secret123"


def test_extra_inputs_reachable():
    s = Settings.from_env({**BASE, "INPUT_WRITE-BUDGET": "10"})
    assert s.input("write-budget") == "10" and s.input("missing", "x") == "x"


@pytest.mark.parametrize("key,value,needle", [
    ("INPUT_FAIL-ON", "sometimes", "fail-on"),
    ("INPUT_MODE", "lint", "mode"),
    ("INPUT_TODAY", "14/03/2026", "today"),
    ("INPUT_DRY-RUN", "maybe", "dry-run"),
    ("GITHUB_REPOSITORY", "no-slash", "GITHUB_REPOSITORY"),
    ("INPUT_PATHS", "/etc/*.md", "input paths: '/etc/\\*.md'"),  # was an internal error
    ("INPUT_PATHS", "docs/*.md, ../other/**/*.md", "input paths: '../other"),
    ("INPUT_PATHS", "C:/pm/*.md", "input paths"),
])
def test_bad_input_names_the_input(key, value, needle):
    with pytest.raises(SettingsError, match=needle):
        Settings.from_env({**BASE, key: value})


@pytest.mark.parametrize("event,mode,expected", [
    ("pull_request", "auto", "review"),
    ("pull_request_target", "", "review"),
    ("workflow_run", "auto", "review"),
    ("schedule", "auto", "followup"),
    ("workflow_dispatch", "auto", "followup"),
    ("push", "gate", "gate"),
    ("schedule", "review", "review"),
])
def test_choose_mode(event, mode, expected):
    assert choose_mode(event, mode) == expected


@pytest.mark.parametrize("event,mode", [("push", "auto"), ("pull_request", "lint")])
def test_choose_mode_refuses(event, mode):
    with pytest.raises(ModeError):
        choose_mode(event, mode)
