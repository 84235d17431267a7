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


def options_and_root(config: Path | None, exclude: tuple[str, ...] = (),
                     select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()):
    """(Options, project root) for the current directory; ConfigError -> exit 2.
    `exclude` (--exclude globs) is added to the config's `exclude`; `select` / `ignore`
    (--select / --ignore rule ids or categories) narrow the rules the config enables."""
    opts, root = _options_and_root(config)
    if exclude or select or ignore:
        import dataclasses

        opts = dataclasses.replace(opts, exclude=opts.exclude + tuple(exclude),
                                   select=rule_names(select, "--select"),
                                   ignore=rule_names(ignore, "--ignore"))
    return opts, root


def rule_names(values: tuple[str, ...], where: str) -> tuple[str, ...]:
    """Rule ids or categories from repeatable, comma-separated option values; an unknown one
    is a one-line error with a did-you-mean, worded as .pmcheck.yml's `rules:` check words it."""
    names = tuple(n.strip() for v in values for n in v.split(",") if n.strip())
    for name in names:
        problem = unknown_rule(name)
        if problem:
            fail(f"pmcheck: {where} {problem}")
    return names


def unknown_rule(name: str) -> str | None:
    """None for a rule id or category, else what is wrong with `name` and what to do."""
    import difflib

    from pmcheck.rules import CATEGORIES, all_rules

    known = [r.id for r in all_rules()] + list(CATEGORIES)
    if name in known:
        return None
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    return f'"{name}" is not a rule id or category{hint}; `pmcheck rules` lists them'


def write_report(text: str, output_file: Path | None, echo) -> None:
    """`text` to --output-file (folders created, UTF-8) or, without one, through `echo`."""
    if output_file is None:
        echo(text)
        return
    try:
        output_file.parent.mkdir(parents=True, exist_ok=True)
        output_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"pmcheck: --output-file {output_file}: cannot write: {exc.strerror or exc}")


def _options_and_root(config: Path | None):
    from pmcheck.config import ConfigError, find_config, load_config, project_root

    start = Path.cwd()
    try:
        opts = load_config(config, start)
    except ConfigError as exc:
        fail(str(exc))
    # Globs in a config are relative to its directory (README), whether found or given.
    return opts, project_root(config if config is not None else find_config(start), start)
