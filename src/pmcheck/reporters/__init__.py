"""Output formats for a :class:`pmcheck.linter.LintResult`.

Each module has ``render(result, ...) -> str``; :func:`render` picks one by name. Reporters are
pure: they format, the CLI (or the Action) writes.
"""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "sarif", "github")
_MODULES = {"text": "text", "json": "json_", "sarif": "sarif", "github": "github"}


def render(fmt: str, result, **kwargs) -> str:
    """Render `result` in format `fmt` (one of FORMATS)."""
    module = importlib.import_module(f"pmcheck.reporters.{_MODULES[fmt]}")
    return module.render(result, **kwargs)
