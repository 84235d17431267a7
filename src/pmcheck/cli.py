"""The ``pmcheck`` command line: parse arguments, call the core, print, exit.

Exit codes: 0 nothing fails (``--fail-on`` / ``since``); 1 a finding does; 2 usage, config or
I/O error.
This module must stay light: ``pmcheck check`` never imports PyGithub (a test checks it).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from pmcheck import __version__
from pmcheck.commands.common import fail, options_and_root, unknown_rule
from pmcheck.findings import FAIL_ON
from pmcheck.commands.followup import EXCLUDE, OUTPUT_FILE, QUIET
from pmcheck.launch import FORMATS


def _shown(path: Path) -> str:
    """`path` relative to the working directory when below it, else absolute."""
    rel = os.path.relpath(path)
    return str(path.resolve()) if rel.startswith("..") else rel


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pmcheck")
def cli() -> None:
    """Keep incident postmortems blameless, complete and followed through."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", default=None, metavar="LEVEL[,CATEGORY=LEVEL...]",
              help="Exit 1 when a finding of this severity or worse is reported: "
              f"{'|'.join(FAIL_ON)}, and/or per category or rule id, e.g. "
              "\"error, blame=never\" (default: the config's fail-on, else error; "
              "entries merge over the config's).")
@click.option("--since", default=None, metavar="YYYY-MM-DD",
              help="Postmortems whose Date is before it are reported but never fail "
              "(default: the config's since).")
@click.option("--config", type=click.Path(path_type=Path), default=None,
              help="Config file (default: .pmcheck.yml here or in a parent directory).")
@click.option("--color/--no-color", default=None, help="Colour text output (default: on a TTY).")
@click.option("--fix", is_flag=True, help="Rewrite files with the certain fixes (ISO dates, "
              "24-hour times), then report what remains.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the --fix patch instead of "
              "writing it; exit 1 when there is one.")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="With PATH '-': the name to report standard input under.")
@EXCLUDE
@click.option("--select", multiple=True, metavar="RULE",
              help="Run only these rule ids or categories (comma-separated or repeated); "
              "rules the config switches off stay off.")
@click.option("--ignore", multiple=True, metavar="RULE",
              help="Do not run these rule ids or categories (comma-separated or repeated).")
@click.option("--min-severity", type=click.Choice(("info", "warning", "error")),
              default="info", show_default=True,
              help="Show only findings of this severity or worse; hidden ones do not fail "
              "the run.")
@QUIET
@OUTPUT_FILE
def check(paths: tuple[Path, ...], fmt: str, fail_on: str | None, since: str | None,
          config: Path | None,
          color: bool | None, fix: bool, show_diff: bool, stdin_filename: str | None,
          exclude: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
          min_severity: str, quiet: bool, output_file: Path | None) -> None:
    """Check postmortems: files as given, directories for *.md, or the configured paths.

    PATH '-' reads one postmortem from standard input."""
    if "-" in [str(p) for p in paths]:
        if len(paths) > 1:
            fail("pmcheck check: '-' (standard input) cannot be mixed with other paths")
        if fix or show_diff:
            fail("pmcheck check: --fix and --diff work on files, not standard input")
    elif stdin_filename is not None:
        fail("pmcheck check: --stdin-filename needs PATH '-' (standard input)")
    # `pmcheck check` usually runs from pmcheck.launch without click; both routes share this.
    from pmcheck.launch import run_check

    if fix or show_diff:
        opts, root = options_and_root(config, exclude, select, ignore)
        changed = _fix(list(paths), opts, root, write=not show_diff, quiet=quiet)
        if show_diff:
            raise SystemExit(1 if changed else 0)

    def echo(text: str, err: bool = False, color: bool | None = None) -> None:
        click.echo(text, nl=False, err=err, color=color)

    raise SystemExit(run_check(list(paths), fmt, fail_on, config, color, echo,
                               stdin_name=stdin_filename, exclude=exclude, select=select,
                               ignore=ignore, min_severity=min_severity, quiet=quiet,
                               output_file=output_file, since=since))


def _fix(paths: list[Path], opts, root: Path, write: bool, quiet: bool = False) -> bool:
    """Apply (or, with write=False, print as a patch) the certain fixes; True if any."""
    from pmcheck.fix import FixResult, fix_file, write_atomically
    from pmcheck.linter import collect, display_path, relative_to_cwd

    files, _errors = collect(paths, opts, root)  # errors are reported by the lint that follows
    changed = False
    for f in files:
        try:
            res = fix_file(f, display_path(f, root), opts)
        except OSError:
            continue  # the lint that follows reports it
        if not isinstance(res, FixResult):
            click.echo(f"pmcheck: {res}", err=True)
            continue
        if not res.changed:
            continue
        changed = True
        if write:
            write_atomically(res.path, res.fixed)
            if quiet:
                continue
            n = len(res.applied)
            click.echo(f"pmcheck: fixed {n} finding{'s' if n != 1 else ''} in "
                       f"{relative_to_cwd(res.shown, root)}",
                       err=True)
        else:
            click.echo(res.diff(), nl=False)
    return changed


@cli.command()
@click.argument("names", nargs=-1, metavar="[RULE|CATEGORY]...")
@click.option("--markdown", is_flag=True, help="Render docs/rules.md.")
def rules(names: tuple[str, ...], markdown: bool) -> None:
    """List every rule (or the rules and categories named) with its documentation."""
    from pmcheck.reporters.rules_doc import render_markdown, render_text
    from pmcheck.rules import all_rules

    registered = all_rules()
    if names:
        for name in names:
            problem = unknown_rule(name)
            if problem:
                fail(f"pmcheck rules: {problem}")
        registered = [r for r in registered if r.id in names or r.category in names]
    click.echo(render_markdown(registered) if markdown else render_text(registered), nl=False)


@cli.command()
@click.argument("title")
@click.option("--date", "date_text", default=None, help="Incident date, YYYY-MM-DD (default: "
              "today).")
@click.option("--severity", default=None, help="Incident severity, one of the configured "
              "levels.")
@click.option("--dir", "directory", type=click.Path(path_type=Path), default=None,
              help="Where to write (default: the directory of the configured paths, "
              "e.g. postmortems/).")
@click.option("--config", type=click.Path(path_type=Path), default=None,
              help="Config file (default: .pmcheck.yml here or in a parent directory); "
              "its template, paths and levels shape the new file.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(title: str, date_text: str | None, severity: str | None, directory: Path | None,
        config: Path | None, force: bool) -> None:
    """Write a new postmortem from the template.

    The file is named YYYY-MM-DD-<title>.md. `pmcheck check` reports its TODO placeholders
    (empty fields, sections and the sample action row) until they are filled in.
    """
    from pmcheck.scaffold import default_dir, file_name, render_postmortem

    opts, root = options_and_root(config)
    try:
        date = dt.date.fromisoformat(date_text) if date_text else dt.date.today()
    except ValueError:
        fail(f"pmcheck new: --date {date_text!r} is not a date; use YYYY-MM-DD")
    if severity is not None and severity not in opts.severities:
        fail(f"pmcheck new: --severity {severity!r} is not a configured level; "
              f"known levels: {', '.join(opts.severities)}")
    if not title.strip():
        fail("pmcheck new: the title is empty; give one in quotes, e.g. "
              "pmcheck new \"Checkout API errors\"")
    target = (directory or root / default_dir(opts.paths)) / file_name(title, date)
    if target.exists() and not force:
        fail(f"pmcheck new: {_shown(target)} already exists; pick another title or pass "
              "--force")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_postmortem(title, date, severity, opts), encoding="utf-8")
    shown = _shown(target)
    click.echo(f"wrote {shown}; fill it in, then run: pmcheck check {shown}")


@cli.command()
@click.option("--template", type=click.Choice(["default", "google-sre", "pagerduty"]),
              default=None, help="Section preset to select.")
@click.option("--sprint-days", type=click.IntRange(min=1), default=None,
              help="Sprint length; the due-date policy derives from it.")
@click.option("--path", type=click.Path(path_type=Path), default=Path(".pmcheck.yml"),
              show_default=True, help="Where to write the config file.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(template: str | None, sprint_days: int | None, path: Path, force: bool) -> None:
    """Write a commented default .pmcheck.yml."""
    from pmcheck.config import render_init

    if path.is_dir():
        fail(f"pmcheck init: {path} is a directory; give a file name, e.g. "
             f"--path {path / '.pmcheck.yml'}")
    if path.exists() and not force:
        fail(f"pmcheck init: {path} already exists; edit it, or pass --force to replace it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # like `pmcheck new --dir`
        path.write_text(render_init(template, sprint_days), encoding="utf-8")
    except OSError as exc:
        fail(f"pmcheck init: cannot write {path}: {exc.strerror or exc}")
    click.echo(f"wrote {_shown(path)}")


from pmcheck.commands.followup import gate, overdue  # noqa: E402  (follow-up, issue 6)

cli.add_command(overdue)
cli.add_command(gate)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the click group; never a traceback for a closed pipe or Ctrl-C."""
    from pmcheck.launch import guarded

    return guarded(lambda: cli.main(args=argv, prog_name="pmcheck", standalone_mode=True))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
