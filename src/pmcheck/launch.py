"""The ``pmcheck`` entry point: plain ``pmcheck check ...`` runs without importing click.

A one-file ``pmcheck check`` is mostly start-up, and click is a sizeable part of it. So argv
is read here first: when it is ``check`` followed only by paths and the options ``--format``,
``--fail-on``, ``--config``, ``--color``/``--no-color`` (spelt ``--opt VALUE`` or
``--opt=VALUE``, with valid values), the check runs directly. Anything else (help, version,
another command, an unknown option, a bad value, a missing value) goes to the click CLI in
``pmcheck.cli``, which owns every message and usage error. Both routes call :func:`run_check`,
so they behave the same; tests/test_cli.py compares them.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

# The same values pmcheck.cli offers (tested there); kept literal so this module stays light.
FORMATS = ("text", "json", "sarif", "github")
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def _echo(text: str, err: bool = False, color: bool | None = None) -> None:
    """click.echo's contract for str: escape sequences removed unless colour is on (or, when
    not said, unless the stream is a terminal)."""
    stream = sys.stderr if err else sys.stdout
    if color is None:
        color = stream.isatty()
    stream.write(text if color else _ANSI.sub("", text))
    stream.flush()


def use_colour(flag: bool | None) -> bool:
    """--color/--no-color when given; else NO_COLOR (no-color.org: set and not empty) turns
    colour off, FORCE_COLOR (set and not empty) turns it on, otherwise colour on a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def run_check(paths: list[Path], fmt: str, fail_on: str | None, config: Path | None,
              color: bool | None, echo=_echo, stdin_name: str | None = None,
              exclude: tuple[str, ...] = (), select: tuple[str, ...] = (),
              ignore: tuple[str, ...] = (), min_severity: str = "info", quiet: bool = False,
              output_file: Path | None = None, since: str | None = None) -> int:
    """Lint `paths` (or the configured paths; ["-"]: standard input, shown as `stdin_name`),
    print the report (to `output_file` when given), return the exit code. `fail_on` and
    `since` (None: the config's) are laid over the config's keys (pmcheck.commands.verdict)."""
    from pmcheck.adoption import exit_code
    from pmcheck.commands.common import options_and_root, write_report
    from pmcheck.commands.verdict import cli_policy, exempt_note, verdict_of
    from pmcheck.linter import lint_paths, relocated
    from pmcheck.reporters import render

    opts, root = options_and_root(config, exclude, select, ignore)
    policy = cli_policy(fail_on, since, opts)
    texts: dict[str, str] = {}
    if [str(p) for p in paths] == ["-"]:  # reported under NAME as given
        from pmcheck.commands.stdin import lint_named_stdin

        stream = sys.stdin.buffer
        if policy.since is not None:  # the Date is read from the same bytes
            import io

            data = stream.read()
            texts[stdin_name or "<stdin>"] = data.decode("utf-8-sig", errors="replace")
            stream = io.BytesIO(data)
        result = lint_named_stdin(stream, stdin_name, opts, root)
        hide_below(result, min_severity)
        verdict = verdict_of(result, policy, root, texts, opts)
    else:
        result = lint_paths(paths, opts, root)
        hide_below(result, min_severity)
        verdict = verdict_of(result, policy, root, texts, opts)  # root-relative paths
        if fmt in ("text", "json"):  # for people and editors; SARIF (%SRCROOT%) and
            result = relocated(result, root)  # workflow commands (file=) want the root's
    note = exempt_note(verdict)
    if note and not quiet:
        result.notes.append(note)
    for line in ([] if quiet else result.notes) + result.errors:
        echo(f"pmcheck: {line}\n", err=True)
    if not quiet and not paths and not result.files_checked and not result.errors:
        echo(f"pmcheck: no files match paths {', '.join(opts.paths)} under {root}\n",
             err=True)
    use_color = fmt == "text" and output_file is None and use_colour(color)
    extra = {"color": use_color, "quiet": quiet} if fmt == "text" else {}
    write_report(render(fmt, result, **extra), output_file,
                 lambda text: echo(text, color=use_color))
    return exit_code(result, verdict)


def hide_below(result, min_severity: str) -> None:
    """--min-severity: drop the findings below it from `result` (counted in result.hidden).
    What is not shown does not fail the run either, so a red exit always has a reason on screen."""
    from pmcheck.findings import Severity

    floor = Severity.parse(min_severity).rank
    kept = [f for f in result.findings if f.severity.rank >= floor]
    result.hidden += len(result.findings) - len(kept)
    result.findings = kept


def parse_check(argv: list[str]) -> dict | None:
    """run_check's arguments for a plain `check` command line, or None to let click decide."""
    from pmcheck.findings import FAIL_ON

    if not argv or argv[0] != "check":
        return None
    valid = {"--format": FORMATS, "--fail-on": FAIL_ON, "--config": None}
    got: dict = {"paths": [], "fmt": "text", "fail_on": None, "config": None,
                 "color": None}
    key = {"--format": "fmt", "--fail-on": "fail_on", "--config": "config"}
    args, i = argv[1:], 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            got["paths"] += [Path(a) for a in args[i:] if a]
            if "" in args[i:]:
                return None
            break
        if arg in ("--color", "--no-color"):
            got["color"] = arg == "--color"
            continue
        name, eq, value = arg.partition("=")
        if name in valid:
            if not eq:
                if i >= len(args):
                    return None
                value = args[i]
                i += 1
            choices = valid[name]
            if (choices is not None and value not in choices) or not value \
                    or value.startswith("-"):
                return None
            got[key[name]] = Path(value) if name == "--config" else value
            continue
        if arg.startswith("-") or not arg:
            return None  # an option click knows (--help) or not: click answers
        got["paths"].append(Path(arg))
    return got


def guarded(run) -> int:
    """run()'s exit code; never a traceback for a closed pipe or Ctrl-C."""
    try:
        code = run()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        _echo("pmcheck: interrupted\n", err=True)
        return 130
    return code or 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `pmcheck` script and `python -m pmcheck`."""
    args = sys.argv[1:] if argv is None else argv
    parsed = parse_check(args)
    if parsed is None:
        from pmcheck.cli import main as click_main

        return click_main(args)
    return guarded(lambda: run_check(**parsed))
