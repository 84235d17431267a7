"""Run the rules over postmortems: file collection, rule settings, disable comments, sorting.

``lint_text`` is pure (text in, findings out). ``lint_file`` adds the bytes checks of
:func:`pmcheck.document.source.read_source`; ``lint_paths`` expands the command-line paths
(or the configured globs) and gathers everything into one :class:`LintResult`.
"""

from __future__ import annotations

import bisect
import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pmcheck import docscope
from pmcheck.document.model import Directive, Document
from pmcheck.findings import Finding, Problem, Severity, Suppression
from pmcheck.globs import path_matches
from pmcheck.options import Options
from pmcheck.rules import Rule, all_rules

# Directories never searched when a directory is given.
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox"}
# Findings of these categories cannot be silenced by comments (only in .pmcheck.yml).
UNSUPPRESSIBLE = ("suppression",)
Note = tuple[int, str, str]  # (line, code, message) from read_source / the parser


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Suppression] = field(default_factory=list)
    files_checked: int = 0
    errors: list[str] = field(default_factory=list)  # I/O and usage errors, each naming a file
    notes: list[str] = field(default_factory=list)  # what was skipped (stderr, not an error)
    workers: int = 1  # processes that linted the files (more than 1 for large runs)
    hidden: int = 0  # findings below --min-severity, not shown (and not counted for --fail-on)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


class PathError(str):
    """An error about one file: the text is "path: message" (stderr, summaries), and `.path`
    and `.message` are kept apart for JSON and SARIF."""

    path: str
    message: str

    def __new__(cls, path: str, message: str) -> "PathError":
        obj = super().__new__(cls, f"{path}: {message}")
        obj.path, obj.message = path, message
        return obj

    def __reduce__(self):  # through worker processes intact
        return (PathError, (self.path, self.message))


class RuleCrash(Exception):
    """A rule raised: a bug in pmcheck, reported with the file instead of a traceback."""


# ---------------------------------------------------------------------------------------------
# One document

def lint_text(text: str, path: str, opts: Options, notes: Iterable[Note] = ()
              ) -> tuple[list[Finding], list[Suppression]]:
    """Parse and lint one text; `notes` are read_source notes (encoding...) to report too."""
    from pmcheck.document.parse import parse  # the heavy Markdown import, only when needed

    return lint_document(parse(text, path, opts.template, notes=tuple(notes),
                               date_order=opts.date_order), opts)


def lint_document(doc: Document, opts: Options) -> tuple[list[Finding], list[Suppression]]:
    """Run every enabled rule (only document.* when the file is not lintable)."""
    doc = resolve_audience(doc, opts)
    findings: list[Finding] = []
    docscope.begin()  # the engine reads each sentence of this document once
    try:
        for r, severity in rule_plan(opts):
            if not doc.lintable and r.category != "document":
                continue
            try:
                problems = list(r.check(doc, opts))
            except Exception as exc:  # noqa: BLE001 - reported, never a traceback
                raise RuleCrash(f"{doc.path}: internal error in rule {r.id}: "
                                f"{type(exc).__name__}: {exc}; please report it") from exc
            findings.extend(to_finding(doc.path, r.id, r.category, severity, p)
                            for p in problems)
    finally:
        docscope.end()
    kept, used = apply_directives(findings, doc.directives, doc)
    return sorted(kept, key=Finding.sort_key), used



# The plan of the last Options seen: (options, rules registered, [(rule, severity)]).
_PLAN: list = []


def rule_plan(opts: Options) -> list[tuple[Rule, Severity]]:
    """Every enabled rule with its configured severity. A run lints all its files with one
    Options object, so this is worked out once per run, not once per file; rules registered
    later (the registry only grows) start a new plan."""
    rules = all_rules()
    if _PLAN and _PLAN[0] is opts and _PLAN[1] == len(rules):
        return _PLAN[2]
    plan = [(r, s) for r in rules if (s := effective_severity(r, opts)) is not None]
    _PLAN[:] = [opts, len(rules), plan]
    return plan


def resolve_audience(doc: Document, opts: Options) -> Document:
    """A document under a configured external path is external unless it says otherwise,
    so every rule family can rely on ``doc.audience`` alone."""
    if doc.audience is None and opts.external_paths and path_matches(doc.path,
                                                                     opts.external_paths):
        return dataclasses.replace(doc, audience="external")
    return doc


def effective_severity(r: Rule, opts: Options) -> Severity | None:
    """The configured severity of rule `r`, or None when it is switched off (in the config,
    or left out by --select / --ignore)."""
    if opts.select and not any(spec_matches(s, r.id) for s in opts.select):
        return None
    if any(spec_matches(s, r.id) for s in opts.ignore):
        return None
    setting = opts.rule_setting(r.id)
    if not setting.enabled:
        return None
    return Severity.parse(setting.severity) if setting.severity else r.severity


def to_finding(path: str, rule_id: str, category: str, severity: Severity,
               p: Problem) -> Finding:
    return Finding(path=path, line=p.line, column=p.column,
                   end_line=max(p.end_line or p.line, p.line), rule=rule_id,
                   category=category, severity=severity, message=p.message, hint=p.hint,
                   suggestion=p.suggestion, subject=p.subject)


# ---------------------------------------------------------------------------------------------
# Disable comments

def spec_matches(spec: str, rule_id: str) -> bool:
    """A directive's RULE matches a rule id: itself, its category, or "all"."""
    return spec == "all" or spec == rule_id or spec == rule_id.split(".", 1)[0]


def next_content_line(after: int, doc: Document) -> int:
    """First line below `after` that is neither blank nor only a pmcheck comment."""
    for n in range(after + 1, len(doc.lines) + 1):
        text = doc.lines[n - 1].strip()
        if text and not (text.startswith("<!--") and "pmcheck-" in text
                         and text.endswith("-->")):
            return n
    return after + 1


def first_section_line(doc: Document) -> int:
    lines = [s.line for s in doc.sections if s.level >= 2]
    return min(lines) if lines else len(doc.lines) + 1


def suppressor(f: Finding, directives: Iterable[Directive], doc: Document
               ) -> tuple[Directive, str] | None:
    """The (directive, spec) that silences `f`, or None: the first directive in the document
    that is a matching disable-next-line for f's line, or a matching disable at or above it
    (in the header: anywhere) with no matching enable between them."""
    return DirectiveIndex(tuple(directives), doc).find(f)


class DirectiveIndex:
    """Answers ``suppressor`` for many findings in O(log n) each (directives by target line,
    disables and enables by rule), so thousands of comments stay linear, not cubic."""

    def __init__(self, directives: tuple[Directive, ...], doc: Document):
        self.directives = directives
        self.header_end = first_section_line(doc)
        self.next_line: dict[int, list[int]] = {}  # target line -> line directive positions
        for pos, d in enumerate(directives):
            if d.kind == "disable-next-line":
                self.next_line.setdefault(next_content_line(d.line, doc), []).append(pos)
            elif d.kind == "disable-line":  # its own line: the text it ends
                self.next_line.setdefault(d.line, []).append(pos)
        self.per_rule: dict[str, tuple[list[tuple[int, int, str]], list[int], list[int]]] = {}

    def _tables(self, rule_id: str):
        if rule_id not in self.per_rule:
            disables: list[tuple[int, int, str]] = []  # (line, position, spec), in order
            enables: list[int] = []
            for pos, d in enumerate(self.directives):
                spec = next((s for s in d.rules if spec_matches(s, rule_id)), None)
                if spec is not None and d.kind == "disable":
                    disables.append((d.line, pos, spec))
                elif spec is not None and d.kind == "enable":
                    enables.append(d.line)
            self.per_rule[rule_id] = (disables, [x[0] for x in disables], sorted(enables))
        return self.per_rule[rule_id]

    def find(self, f: Finding) -> tuple[Directive, str] | None:
        best: tuple[int, str] | None = None
        for pos in self.next_line.get(f.line, ()):
            spec = next((s for s in self.directives[pos].rules if spec_matches(s, f.rule)), None)
            if spec is not None:
                best = (pos, spec)
                break
        disables, lines, enables = self._tables(f.rule)
        k = bisect.bisect_right(enables, f.line)
        last_enable = enables[k - 1] if k else 0  # a disable above it was switched off again
        i = bisect.bisect_left(lines, last_enable)
        if i < len(disables):
            line, pos, spec = disables[i]
            if (line < self.header_end or line <= f.line) and (best is None or pos < best[0]):
                best = (pos, spec)
        return (self.directives[best[0]], best[1]) if best else None


def apply_directives(findings: list[Finding], directives: tuple[Directive, ...],
                     doc: Document) -> tuple[list[Finding], list[Suppression]]:
    """Drop silenced findings; return the rest and one Suppression per (comment, RULE) used."""
    if not directives:
        return findings, []
    kept: list[Finding] = []
    used: dict[tuple[int, str], Suppression] = {}
    index = DirectiveIndex(tuple(directives), doc)
    for f in findings:
        hit = None if f.category in UNSUPPRESSIBLE else index.find(f)
        if hit is None:
            kept.append(f)
            continue
        d, spec = hit
        used.setdefault((d.line, spec), Suppression(doc.path, d.line, spec, d.reason, d.kind))
    return kept, [used[k] for k in sorted(used)]


# ---------------------------------------------------------------------------------------------
# Files

def lint_file(path: Path, opts: Options, display_path: str | None = None
              ) -> tuple[list[Finding], list[Suppression]]:
    """Lint one file. Raises OSError when it cannot be read at all."""
    from pmcheck.document.source import read_source

    shown = display_path or Path(path).as_posix()
    text, notes = read_source(Path(path))
    if text is None:  # binary, too large...: report the notes only
        return lint_document(Document(path=shown, lines=(), parse_notes=tuple(notes),
                                      lintable=False), opts)
    return lint_text(text, shown, opts, notes)


def display_path(path: Path, root: Path) -> str:
    """Path relative to the project root when below it, else absolute; '/' separators. This
    is the document's identity (per-path config, fingerprints, SARIF); see `relative_to_cwd`
    for what a person reads."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path(os.path.abspath(root))).as_posix()
    except ValueError:
        return absolute.as_posix()


def relative_to_cwd(shown: str, root: Path) -> str:
    """A `display_path` result as the user sees it: relative to the current directory (so an
    editor or terminal can open it), absolute when it has no relative form."""
    if os.path.isabs(shown):
        return shown
    try:
        return Path(os.path.relpath(os.path.join(root, shown))).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(os.path.abspath(os.path.join(root, shown))).as_posix()


def relocated(result: "LintResult", root: Path) -> "LintResult":
    """`result` with every file path relative to the current directory (text and JSON
    output); SARIF (against %SRCROOT%) and workflow commands (GitHub resolves `file=` from the
    repository root) keep root-relative paths."""
    def move(p: str) -> str:
        return relative_to_cwd(p, root)

    return dataclasses.replace(
        result,
        findings=[dataclasses.replace(f, path=move(f.path)) for f in result.findings],
        suppressed=[dataclasses.replace(s, path=move(s.path)) for s in result.suppressed],
        errors=[PathError(move(e.path), e.message) if isinstance(e, PathError) else e
                for e in result.errors])


def markdown_under(directory: Path, extensions: tuple[str, ...] = (".md",),
                   skipped: list[str] | None = None) -> list[Path]:
    """Every file below `directory` whose name ends in one of `extensions`, sorted, skipping
    VCS / dependency dirs and links; the other files' paths go to `skipped`."""
    out = []
    for dirpath, dirnames, filenames in os.walk(directory, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for n in sorted(filenames):
            full = os.path.join(dirpath, n)
            if n.lower().endswith(extensions) and _readable_candidate(full):
                out.append(Path(full))
            elif skipped is not None and not n.startswith("."):
                skipped.append(Path(full).as_posix())
    return sorted(out)


def _readable_candidate(path: str) -> bool:
    """A regular file, or a dangling link (reported later); never a FIFO or device."""
    return os.path.isfile(path) or (os.path.islink(path) and not os.path.exists(path))


def collect(paths: list[Path], opts: Options, root: Path, notes: list[str] | None = None
            ) -> tuple[list[Path], list[str]]:
    """Files to check and usage errors. No paths: the configured globs under `root`.

    Directories given or matched are read for `opts.extensions`; `opts.exclude` globs
    (relative to `root`) drop files everywhere, also files named on the command line. What
    was skipped is said in `notes` (one line per directory, one per excluded file given)."""
    from pmcheck.globs import excluded

    files: list[Path] = []
    errors: list[str] = []
    exts = tuple(e.lower() for e in opts.extensions)
    shown_exts = ", ".join(f"*{e}" for e in exts)

    def keep(f: Path) -> bool:
        return not excluded(display_path(f, root), opts.exclude)

    def walk(d: Path, shown: str) -> list[Path]:
        skipped: list[str] = []
        found = markdown_under(d, exts, skipped)
        kept = [f for f in found if keep(f)]
        parts = []
        if skipped:
            parts.append(f"{len(skipped)} file{'s' if len(skipped) != 1 else ''} not "
                         f"{shown_exts} (e.g. {skipped[0]})")
        if len(kept) < len(found):
            parts.append(f"{len(found) - len(kept)} excluded by `exclude`")
        if notes is not None and (parts or not kept):
            head = "skipped " if kept else f"no Markdown ({shown_exts}) files to check; skipped "
            notes.append(f"{shown}: {head}{' and '.join(parts)}" if parts else
                         f"{shown}: no Markdown ({shown_exts}) files in this directory")
        return kept

    if not paths:
        for pattern in opts.paths:
            try:
                matches = sorted(root.glob(pattern))
            except (ValueError, NotImplementedError) as exc:  # absolute or empty pattern
                errors.append(f"paths: {pattern!r}: {exc}; use globs relative to {root}")
                continue
            for m in matches:
                if m.is_dir():
                    files += walk(m, display_path(m, root))  # a configured directory
                elif _readable_candidate(str(m)) and keep(m):
                    files.append(m)
    for p in paths:
        if p.is_dir():
            files += walk(p, p.as_posix())  # none found: a note, as when no PATH matches nothing
        elif _readable_candidate(str(p)):
            if keep(p):
                files.append(p)  # a dangling link is reported when it is read
            elif notes is not None:
                notes.append(f"{p.as_posix()}: skipped, excluded by `exclude`")
        elif p.exists():
            errors.append(PathError(display_path(p, root), "not a regular file"))
        else:
            errors.append(PathError(display_path(p, root), "no such file or directory"))
    seen: set[str] = set()
    unique = []
    for f in files:
        key = os.path.abspath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, errors


def lint_paths(paths: list[Path], opts: Options, root: Path) -> LintResult:
    notes: list[str] = []
    files, errors = collect(paths, opts, root, notes)
    result = LintResult(errors=errors, notes=notes)
    jobs = [(f, display_path(f, root)) for f in files]
    outcomes, result.workers = _run_jobs(jobs, opts)
    for findings, used, error in outcomes:
        if error:
            result.errors.append(error)
            continue
        result.files_checked += 1
        result.findings += findings
        result.suppressed += used
    result.findings.sort(key=Finding.sort_key)
    return result


# Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 100


def _lint_one(path: Path, opts: Options, shown: str
              ) -> tuple[list[Finding], list[Suppression], str | None]:
    try:
        findings, used = lint_file(path, opts, shown)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if path.is_symlink() and not path.exists():
            reason = "broken symbolic link"
        return [], [], PathError(shown, f"cannot read: {reason}")
    except RuleCrash as exc:
        text = str(exc)
        return [], [], PathError(shown, text[len(shown) + 2:]) if text.startswith(
            f"{shown}: ") else text
    return findings, used, None


def _lint_chunk(job: tuple[Options, list[tuple[Path, str]]]):
    opts, items = job
    return [_lint_one(path, opts, shown) for path, shown in items]


def _run_jobs(jobs: list[tuple[Path, str]], opts: Options):
    """Lint every (path, shown) job, in order; returns (outcomes, processes used).

    Large runs fork worker processes. Only from a single-threaded process: forking a process
    with other threads running can deadlock the child, so then the run stays sequential."""
    import threading

    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_MIN_FILES or workers < 2 or threading.active_count() > 1:
        return [_lint_one(path, opts, shown) for path, shown in jobs], 1
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: stay sequential
        return [_lint_one(path, opts, shown) for path, shown in jobs], 1
    import pmcheck.document.parse  # noqa: F401  (import once, before forking)

    all_rules()
    size = max(1, -(-len(jobs) // (workers * 4)))
    chunks = [(opts, jobs[i:i + size]) for i in range(0, len(jobs), size)]
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return [r for part in pool.map(_lint_chunk, chunks) for r in part], workers
    except (OSError, RuntimeError):  # pool could not start (limits, sandbox): sequential
        return [_lint_one(path, opts, shown) for path, shown in jobs], 1


def exit_code(result: LintResult, fail_on: str) -> int:
    """2 for errors, 1 when a finding reaches `fail_on` (error|warning|never), else 0."""
    if result.errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity.parse(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in result.findings) else 0
