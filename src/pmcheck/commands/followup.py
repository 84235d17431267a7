"""``pmcheck overdue`` and ``pmcheck gate``: follow-up on action items, no GitHub needed.

Exit codes: ``overdue`` 0 (2 on usage, config or read errors); ``gate`` 1 while any action item
of a gated priority (``followup.gate``, default the first of ``priorities``, P1) is open
or in progress, else 0.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

FORMATS = ("text", "json", "markdown")
EXCLUDE = click.option("--exclude", "exclude", multiple=True, metavar="GLOB",
                       help="Skip files matching GLOB (relative to the project root; "
                       "repeatable), added to the config's `exclude`.")

QUIET = click.option("--quiet", "-q", is_flag=True,
                     help="Print findings only: no summary line, no notes on skipped files "
                     "(errors are still printed).")
OUTPUT_FILE = click.option("--output-file", "-o", type=click.Path(path_type=Path, dir_okay=False),
                           default=None, metavar="FILE",
                           help="Write the report to FILE (folders created) instead of "
                           "standard output; notes and errors stay on stderr.")


def _today(value: str | None) -> dt.date:
    if not value:
        return dt.date.today()  # the one clock read: the command line's edge
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-14",
                                 param_hint="--today") from None


def load_items(paths: tuple[Path, ...], config: Path | None, exclude: tuple[str, ...] = (),
               quiet: bool = False):
    """(items, FollowupConfig, errors) for the given paths or the configured globs."""
    from pmcheck.commands.common import fail, options_and_root
    from pmcheck.document.parse import parse
    from pmcheck.document.source import read_source
    from pmcheck.followup import FollowupConfigError, all_items, followup_config
    from pmcheck.linter import collect, display_path, relative_to_cwd

    opts, root = options_and_root(config, exclude)
    try:
        cfg = followup_config(opts)
    except FollowupConfigError as exc:
        fail(f"config: {exc}")
    notes: list[str] = []
    files, errors = collect(list(paths), opts, root, notes)
    for note in [] if quiet else notes:
        click.echo(f"pmcheck: {note}", err=True)
    docs = []
    for f in files:
        shown = relative_to_cwd(display_path(f, root), root)  # as the user sees it
        try:
            text, source_notes = read_source(f)
        except OSError as exc:
            errors.append(f"{shown}: cannot read: {exc.strerror or exc}")
            continue
        if text is None:  # too large, binary, a refused link: its items are unknown
            reason = source_notes[0][2] if source_notes else "not a Markdown text"
            errors.append(f"{shown}: cannot read its action items: {reason}")
            continue
        docs.append(parse(text, shown, opts.template, date_order=opts.date_order))
    if not quiet and not paths and not files and not errors:
        click.echo(f"pmcheck: {no_match_note(opts, root)}", err=True)
    return all_items(docs, opts), cfg, errors


def no_match_note(opts, root: Path) -> str:
    """The one note every command prints when no PATH was given and `paths` matched nothing
    (exit 0: nothing to check is not an error)."""
    return f"no files match paths {', '.join(opts.paths)} under {root}"


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--today", "today_text", metavar="YYYY-MM-DD", default=None,
              help="Count overdue days as of this date (default: today).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--review", is_flag=True,
              help="Add the 30-day review: incidents 30+ days old and which actions are done "
              "(also on with `followup: {review: true}`).")
@click.option("--config", type=click.Path(path_type=Path), default=None,
              help="Config file (default: .pmcheck.yml here or in a parent directory).")
@EXCLUDE
@OUTPUT_FILE
def overdue(paths: tuple[Path, ...], today_text: str | None, fmt: str, review: bool,
            config: Path | None, exclude: tuple[str, ...], output_file: Path | None) -> None:
    """List open action items past their due date, by priority then due date."""
    from pmcheck import followup_report as fr
    from pmcheck.commands.common import write_report
    from pmcheck.followup import report
    from pmcheck.followup import review as review_of

    today = _today(today_text)
    items, cfg, errors = load_items(paths, config, exclude)
    for error in errors:
        click.echo(f"pmcheck: {error}", err=True)
    rep = report(items, today)
    reviews = review_of(items, today) if review or cfg.review else None
    if fmt == "json":
        text = fr.render_json(rep, reviews)
    elif fmt == "markdown":
        text = fr.render_markdown(rep, reviews)
    else:
        text = fr.render_text(rep)
        if reviews is not None:
            text += "\n" + fr.review_text(reviews)
    write_report(text, output_file, lambda t: click.echo(t, nl=False))
    raise SystemExit(2 if errors else 0)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--today", "today_text", metavar="YYYY-MM-DD", default=None,
              help="Date for the days-overdue figures (default: today).")
@click.option("--config", type=click.Path(path_type=Path), default=None,
              help="Config file (default: .pmcheck.yml here or in a parent directory).")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text",
              show_default=True, help="Output format.")
@EXCLUDE
@QUIET
@OUTPUT_FILE
def gate(paths: tuple[Path, ...], today_text: str | None, config: Path | None,
         fmt: str, exclude: tuple[str, ...], quiet: bool, output_file: Path | None) -> None:
    """Fail (exit 1) while a gated (default P1) action item is open; for deploy workflows.

    Fails closed: when any postmortem cannot be read (missing, over the size limit, binary)
    the gate cannot know its items and exits 2 without saying "passed". With --quiet a
    passing gate prints nothing."""
    from pmcheck.commands.common import write_report
    from pmcheck.followup import gate_failures
    from pmcheck.followup_report import render_gate, render_gate_json

    today = _today(today_text)
    items, cfg, errors = load_items(paths, config, exclude, quiet)
    for error in errors:
        click.echo(f"pmcheck: {error}", err=True)
    failing = gate_failures(items, cfg.gate)
    verdict = "error" if errors else ("failed" if failing else "passed")
    if fmt == "json":
        text = render_gate_json(verdict, failing, cfg.gate, today, errors)
    elif errors:
        n = len(errors)
        text = (f"gate: ERROR; {n} postmortem{'s' if n != 1 else ''} could not be read, so "
                "open gated items may be missed (fix the errors above)\n")
        if failing:
            text += render_gate(failing, cfg.gate, today)
    else:
        text = "" if quiet and not failing else render_gate(failing, cfg.gate, today)
    write_report(text, output_file, lambda t: click.echo(t, nl=False))
    raise SystemExit(2 if errors else (1 if failing else 0))
