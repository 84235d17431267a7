"""Inputs the fuzzers (tests/fuzz/explore.py, test_fuzz_lint.py) once crashed on, as plain
tests: each now yields findings at the right line, and every fuzz invariant holds."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from fuzz.invariants import check_bytes, check_text
from pmcheck.document.parse import parse
from pmcheck.linter import lint_text
from pmcheck.options import Options

PATH = "postmortems/fuzz.md"
TAIL = "\n## Timeline\n\n- 10:00 UTC: paged\n\n## Action Items\n\n- [ ] add alert\n"


def found(text: str, prefix: str = "") -> list[tuple[int, str]]:
    findings, _ = lint_text(text, PATH, Options())
    return [(f.line, f.rule) for f in findings if f.rule.startswith(prefix)]


# --- front matter values ruamel cannot construct ------------------------------------------

@pytest.mark.parametrize("value, line", [
    ("date: 2026-02-30", 2),  # ValueError: day is out of range for month
    ("severity: P2\ndate: 2026-13-01", 3),  # month out of range
])
def test_front_matter_impossible_date_is_a_date_finding(value, line):
    text = f"---\n{value}\n---\n# Outage\n"
    assert (line, "metadata.date-invalid") in found(text)
    check_text(text)


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf---\ndate: 2026-02-30\n---\n",
    b"\xef\xbb\xbf---\ndate: 2026-03-14T25:00:00\n---\n",  # ValueError: hour must be in 0..23
    b"---\r\npublished: 2026-03-14 10:61:00\r\n---\r\n",
])
def test_front_matter_impossible_timestamp_through_lint_file(data):
    check_bytes(data)


def test_front_matter_impossible_time_is_kept_as_text():
    doc = parse("---\ndate: 2026-03-14T25:00:00\n---\n# T\n", PATH)
    assert doc.metadata.get("date").value == "2026-03-14T25:00:00"
    assert doc.metadata.get("date").line == 2


def test_front_matter_nested_too_deep_is_a_front_matter_finding():
    text = "---\nx: " + "[" * 3000 + "\n---\n# Outage\n"  # RecursionError in ruamel
    assert (2, "document.front-matter-invalid") in found(text, "document")
    check_text(text)


# --- Markdown nested deeper than mistletoe can recurse ------------------------------------

DEEP_LINES = {
    "quotes": "> " * 1000 + "x",
    "inline-bullets": "- " * 1000 + "x",
    "ordered": "1. " * 1000 + "x",
    "emphasis": "*" * 1000 + "x" + "*" * 1000,
    "images": "![" * 1000 + "x" + "](u)" * 1000,
}


@pytest.mark.parametrize("name", list(DEEP_LINES))
def test_line_nested_too_deep_is_skipped_and_reported(name):
    text = "# Outage\n\n" + DEEP_LINES[name] + "\n" + TAIL
    # 1,000 nested images are over the bracket limit: read as plain text before any nesting
    rule = "document.too-complex" if name == "images" else "document.too-deep"
    assert found(text, "document") == [(3, rule)]
    doc = parse(text, PATH)
    assert doc.lintable and [e.line for e in doc.timeline] == [7]  # the rest is read
    check_text(text)


def test_indented_list_nested_too_deep_is_one_finding_for_the_run():
    nested = "".join("  " * i + "- x\n" for i in range(400))
    text = "# Outage\n\n" + nested + TAIL
    findings = [f for f in lint_text(text, PATH, Options())[0] if f.category == "document"]
    assert [(f.line, f.rule) for f in findings] == [(3 + 51, "document.too-deep")]
    assert "lines 54-402" in findings[0].message
    check_text(text)


def test_nesting_spread_over_many_lines_names_the_line_and_skips_the_file():
    text = "# Outage\n\n" + "*a\n" * 600 + "a*\n" * 600 + TAIL
    findings = found(text)
    assert len(findings) == 1 and findings[0][1] == "document.too-deep"
    assert 603 <= findings[0][0] <= 1202  # where the closing delimiters nest too deep


def test_deep_but_readable_nesting_is_no_finding():
    text = "# Outage\n\n" + "> " * 40 + "x\n" + "- " * 40 + "y\n" + TAIL
    assert found(text, "document") == []


# --- the command line: a finding and exit 1, nothing on stderr ------------------------------

@pytest.mark.parametrize("content, rule", [
    ("> " * 1000 + "x\n", "document.too-deep"),
    ("---\nx: " + "[" * 3000 + "\n---\n", "document.front-matter-invalid"),
    ("---\ndate: &a 2026-03-14\npublished: &a 2026-03-15\n---\n# T\n", "metadata.author-missing"),
])
def test_cli_reports_bad_input_without_a_traceback_or_warning(tmp_path, content, rule):
    path = tmp_path / "pm.md"
    path.write_text(content, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "pmcheck", "check", "--format", "json", str(path)],
                       capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert r.returncode == 1, r.stderr
    assert r.stderr == ""  # no traceback, no ruamel ReusedAnchorWarning
    assert rule in {f["rule"] for f in json.loads(r.stdout)["findings"]}
