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


def options_and_root(config: Path | None, exclude: tuple[str, ...] = ()):
    """(Options, project root) for the current directory; ConfigError -> exit 2.
    `exclude` (--exclude globs) is added to the config's `exclude`."""
    opts, root = _options_and_root(config)
    if exclude:
        import dataclasses

        opts = dataclasses.replace(opts, exclude=opts.exclude + tuple(exclude))
    return opts, root


def _options_and_root(config: Path | None):
    from pmcheck.config import ConfigError, find_config, load_config, project_root

    start = Path.cwd()
    try:
        opts = load_config(config, start)
    except ConfigError as exc:
        fail(str(exc))
    # Globs in a config are relative to its directory (README), whether found or given.
    return opts, project_root(config if config is not None else find_config(start), start)
