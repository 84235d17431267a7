"""Linter: rule settings, disable comments, sorting, file collection and crash isolation."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmcheck import linter
from pmcheck.findings import Problem, Severity
from pmcheck.linter import LintResult, exit_code, lint_paths, lint_text
from pmcheck.options import Options, RuleSetting
from pmcheck.rules import Rule, all_rules
from tests.helpers import GOOD

PATH = "postmortems/2026-03-14-checkout.md"
# good.md with 10:05 moved after 10:09: one timeline.not-chronological finding on that entry.
UNORDERED = GOOD.replace("- 10:05:", "- 10:15:")
# good.md with an action item that has no owner.
NO_OWNER = GOOD.replace("| @lena | 2026-04-10 |", "|  | 2026-04-10 |")


def line_of(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def pairs(text: str, opts: Options | None = None) -> list[tuple[int, str]]:
    findings, _ = lint_text(text, PATH, opts or Options())
    return [(f.line, f.rule) for f in findings]


def insert_before(text: str, needle: str, new_line: str) -> str:
    lines = text.splitlines()
    i = line_of(text, needle) - 1
    return "\n".join(lines[:i] + [new_line] + lines[i:]) + "\n"


def test_good_example_is_clean():
    assert pairs(GOOD) == []


def test_fixture_defects_are_where_we_expect():
    assert pairs(UNORDERED) == [(line_of(UNORDERED, "- 10:09:"), "timeline.not-chronological")]
    assert pairs(NO_OWNER) == [(line_of(NO_OWNER, "| Add a pool-usage panel"), "actions.owner-missing")]


@pytest.mark.parametrize("setting, expected", [
    ({}, "error"),
    ({"timeline.not-chronological": RuleSetting(severity="warning")}, "warning"),
    ({"timeline": RuleSetting(severity="info")}, "info"),
    ({"timeline": RuleSetting(severity="info"),
      "timeline.not-chronological": RuleSetting(severity="warning")}, "warning"),
    ({"timeline": RuleSetting(enabled=False)}, None),
    ({"timeline.not-chronological": RuleSetting(enabled=False)}, None),
])
def test_rule_settings_change_severity_or_switch_off(setting, expected):
    findings, _ = lint_text(UNORDERED, PATH, Options(rules=tuple(setting.items())))
    assert [f.severity.value for f in findings] == ([expected] if expected else [])


def test_findings_carry_path_category_and_sorted_order():
    text = NO_OWNER.replace("- 10:05:", "- 10:15:")
    findings, _ = lint_text(text, PATH, Options())
    assert [(f.rule, f.category, f.path) for f in findings] == [
        ("timeline.not-chronological", "timeline", PATH),
        ("actions.owner-missing", "actions", PATH)]
    assert findings == sorted(findings, key=lambda f: f.sort_key())


# -- disable comments -----------------------------------------------------------------------

def test_disable_next_line_with_reason():
    text = insert_before(UNORDERED, "- 10:09:",
                         "<!-- pmcheck-disable-next-line timeline.not-chronological -- pager "
                         "clock skew -->")
    findings, used = lint_text(text, PATH, Options())
    assert findings == []
    d = line_of(text, "pmcheck-disable")
    assert [(s.line, s.rule, s.reason, s.kind) for s in used] == [
        (d, "timeline.not-chronological", "pager clock skew", "disable-next-line")]
    assert used[0].path == PATH


def test_disable_without_reason_still_silences_but_is_a_finding():
    text = insert_before(UNORDERED, "- 10:09:", "<!-- pmcheck-disable-next-line timeline -->")
    d = line_of(text, "pmcheck-disable")
    assert pairs(text) == [(d, "suppression.missing-reason")]


def test_a_disable_all_cannot_hide_its_own_missing_reason():
    text = insert_before(UNORDERED, "## Summary", "<!-- pmcheck-disable -->")
    d = line_of(text, "pmcheck-disable")
    assert pairs(text) == [(d, "suppression.missing-reason")]


def test_unknown_rule_in_directive_is_reported_and_silences_nothing():
    text = insert_before(UNORDERED, "- 10:09:",
                         "<!-- pmcheck-disable-next-line timline -- typo -->")
    d = line_of(text, "pmcheck-disable")
    assert pairs(text) == [(d, "suppression.unknown-rule"),
                           (d + 1, "timeline.not-chronological")]


@pytest.mark.parametrize("spec", ["timeline.not-chronological", "timeline", "",
                                  "actions, timeline", "all"])
def test_disable_region_until_enable(spec):
    text = insert_before(UNORDERED, "## Timeline", f"<!-- pmcheck-disable {spec} -- imported -->")
    text = insert_before(text, "## Root Cause", f"<!-- pmcheck-enable {spec} -->")
    findings, used = lint_text(text, PATH, Options())
    assert findings == []
    assert [s.kind for s in used] == ["disable"]


def test_enable_ends_the_region():
    text = NO_OWNER.replace("- 10:05:", "- 10:15:")
    text = insert_before(text, "## Timeline", "<!-- pmcheck-disable -- imported -->")
    text = insert_before(text, "## Root Cause", "<!-- pmcheck-enable -->")
    assert pairs(text) == [(line_of(text, "| Add a pool-usage panel"), "actions.owner-missing")]


def test_enabling_a_category_inside_disable_all():
    text = NO_OWNER.replace("- 10:05:", "- 10:15:")
    text = insert_before(text, "## Timeline", "<!-- pmcheck-disable all -- imported -->")
    text = insert_before(text, "## Action Items", "<!-- pmcheck-enable actions -->")
    assert pairs(text) == [(line_of(text, "| Add a pool-usage panel"), "actions.owner-missing")]


def test_disable_in_the_header_covers_the_whole_file():
    text = GOOD.replace("Author: @priya\n", "")
    assert pairs(text) == [(3, "metadata.author-missing")]
    covered = insert_before(text, "Date:", "<!-- pmcheck-disable metadata.author-missing -- "
                            "written by the whole team -->")
    assert pairs(covered) == []


def test_disable_below_the_header_does_not_reach_back():
    text = insert_before(UNORDERED, "## Root Cause",
                         "<!-- pmcheck-disable timeline -- too late -->")
    assert pairs(text) == [(line_of(text, "- 10:09:"), "timeline.not-chronological")]


def test_directives_in_code_blocks_are_ignored():
    text = UNORDERED + "\n```markdown\n<!-- pmcheck-disable -->\n```\n"
    assert pairs(text) == [(line_of(text, "- 10:09:"), "timeline.not-chronological")]


# -- files ----------------------------------------------------------------------------------

def write(root: Path, rel: str, text: str) -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_lint_paths_uses_configured_globs_from_the_root(tmp_path: Path):
    write(tmp_path, "postmortems/2026/a.md", GOOD)
    write(tmp_path, "postmortems/b.md", NO_OWNER)
    write(tmp_path, "postmortems/notes.txt", "not markdown")
    write(tmp_path, "README.md", "# not a postmortem\n")
    result = lint_paths([], Options(), tmp_path)
    assert result.files_checked == 2 and result.errors == []
    assert [(f.path, f.rule) for f in result.findings] == [
        ("postmortems/b.md", "actions.owner-missing")]


def test_lint_paths_directory_file_and_missing(tmp_path: Path):
    write(tmp_path, "pm/x.md", UNORDERED)
    write(tmp_path, "pm/.git/y.md", UNORDERED)  # never searched
    write(tmp_path, "pm/node_modules/z.md", UNORDERED)
    other = write(tmp_path, "elsewhere/notes.markdown.txt", GOOD)
    result = lint_paths([tmp_path / "pm", other, tmp_path / "pm" / "x.md",
                         tmp_path / "nope.md"], Options(), tmp_path)
    assert result.files_checked == 2  # x.md once, despite being named twice
    assert [f.path for f in result.findings] == ["pm/x.md"]
    assert result.errors == ["nope.md: no such file or directory"]  # root-relative, like paths
    assert exit_code(result, "error") == 2


def test_display_path_outside_the_root_is_kept_as_given(tmp_path: Path):
    f = write(tmp_path, "outside/p.md", NO_OWNER)
    root = tmp_path / "repo"
    root.mkdir()
    result = lint_paths([f], Options(), root)
    assert [x.path for x in result.findings] == [f.as_posix()]


def test_a_crashing_rule_becomes_an_error_naming_the_file(tmp_path: Path, monkeypatch):
    def boom(doc, opts):
        raise ValueError("bad day")
        yield Problem(line=1, message="never")

    crash = Rule("structure.crash", "structure", Severity.ERROR, boom, "Crash.")
    monkeypatch.setattr(linter, "all_rules", lambda: [*all_rules(), crash])
    write(tmp_path, "postmortems/a.md", GOOD)
    result = lint_paths([], Options(), tmp_path)
    assert result.files_checked == 0
    assert result.errors == ["postmortems/a.md: internal error in rule structure.crash: "
                             "ValueError: bad day; please report it"]


@pytest.mark.parametrize("severities, fail_on, code", [
    ((), "error", 0), (("error",), "error", 1), (("warning",), "error", 0),
    (("warning",), "warning", 1), (("info",), "warning", 0), (("error",), "never", 0),
])
def test_exit_code(severities, fail_on, code):
    from pmcheck.findings import Finding

    findings = [Finding("a.md", 1, 1, 1, "x.y", "x", Severity(s), "m") for s in severities]
    assert exit_code(LintResult(findings=findings, files_checked=1), fail_on) == code


def test_a_configured_directory_means_its_markdown_files(tmp_path: Path):
    write(tmp_path, "incidents/2026/a.md", NO_OWNER)
    write(tmp_path, "incidents/b.txt", "x")
    result = lint_paths([], Options(paths=("incidents", "missing/**/*.md")), tmp_path)
    assert result.files_checked == 1 and result.errors == []
    assert [f.path for f in result.findings] == ["incidents/2026/a.md"]


def test_parallel_run_matches_sequential(tmp_path):
    """Large runs fork workers; the result must be identical to a sequential run. Run in a
    fresh process: the test session has emulator threads, and pmcheck never forks then."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    script = f"""
import json, sys
from pathlib import Path
sys.path.insert(0, {str(root / "benchmarks")!r})
from generate import generate
from pmcheck import linter
from pmcheck.options import Options
tmp = Path({str(tmp_path)!r})
generate(tmp / "pm", 120, seed=3)
(tmp / "pm" / "zz-bad.md").write_bytes(b"\\x00\\x01binary")
linter.PARALLEL_MIN_FILES = 10_000
seq = linter.lint_paths([tmp / "pm"], Options(), tmp)
linter.PARALLEL_MIN_FILES = 10
par = linter.lint_paths([tmp / "pm"], Options(), tmp)
print(json.dumps({{"workers": [seq.workers, par.workers],
                  "checked": [seq.files_checked, par.files_checked],
                  "seq": [f.to_dict() for f in seq.findings],
                  "par": [f.to_dict() for f in par.findings]}}))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    got = json.loads(out.stdout)
    assert got["workers"][0] == 1 and got["workers"][1] >= 2 or (os_cpus() < 2)
    assert got["checked"] == [121, 121]
    assert got["seq"] == got["par"] and len(got["seq"]) > 50
    assert any(f["rule"] == "document.binary" for f in got["par"])


def os_cpus() -> int:
    import os

    return os.cpu_count() or 1


def test_no_fork_while_other_threads_run(tmp_path, monkeypatch):
    import threading

    from pmcheck.options import Options

    for i in range(3):
        (tmp_path / f"{i}.md").write_text("# T\n", encoding="utf-8")
    monkeypatch.setattr(linter, "PARALLEL_MIN_FILES", 2)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        result = lint_paths([tmp_path], Options(), tmp_path)
    finally:
        stop.set()
        worker.join()
    assert result.workers == 1 and result.files_checked == 3


def test_external_path_glob_makes_every_family_treat_the_document_as_external():
    from pmcheck.options import Options

    text = (Path(__file__).resolve().parents[1] / "examples" / "external.md").read_text()
    body = text.split("---\n", 2)[2]  # drop the front matter that says audience: external
    opts = Options(external_paths=("public/**/*.md",))
    as_public, _ = lint_text(body, "public/2026/outage.md", opts)
    as_internal, _ = lint_text(body, "postmortems/outage.md", opts)
    assert {f.rule for f in as_public} <= {"metadata.date-missing", "metadata.severity-missing",
                                         "metadata.duration-missing", "metadata.impact-missing",
                                         "metadata.missing"}
    assert any(f.rule == "structure.missing-section" for f in as_internal)
