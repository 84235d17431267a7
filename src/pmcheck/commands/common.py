"""What every command shares: a one-line failure, and the options and project root to run with.

Light at import time (no config, YAML or GitHub imports until a command runs).
"""

from __future__ import annotations

from pathlib import Path


def fail(message: str) -> None:
    """Print a one-line error to stderr and exit 2."""
    import click  # here, not at import: `pmcheck check` runs without click (pmcheck.launch)

    click.echo(message, err=True)
    raise SystemExit(2)


def options_and_root(config: Path | None):
    """(Options, project root) for the current directory; ConfigError -> exit 2."""
    from pmcheck.config import ConfigError, find_config, find_repo_top, load_config, project_root

    start = Path.cwd()
    try:
        opts = load_config(config, start)
    except ConfigError as exc:
        fail(str(exc))
    if config is not None:
        return opts, find_repo_top(start) or start
    return opts, project_root(find_config(start), start)
