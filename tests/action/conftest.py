"""Fixtures of the Action tests (helpers live in harness.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def ws(tmp_path) -> Path:
    """An empty GITHUB_WORKSPACE."""
    root = tmp_path / "workspace"
    root.mkdir()
    return root
