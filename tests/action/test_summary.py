"""reporters.summary: counts by category, every finding, size cap, deterministic, inert text."""

from __future__ import annotations

from pmcheck.findings import Finding, Severity
from pmcheck.github.safety import markers
from pmcheck.reporters.summary import SummaryOptions, render


def f(line, rule="blame.person", sev=Severity.ERROR, msg="Names a person", path="pm/a.md"):
    return Finding(path, line, 1, line, rule, rule.split(".")[0], sev, msg)


def test_counts_table_and_rows():
    fs = [f(3), f(5, "actions.owner-missing", Severity.WARNING), f(9)]
    text = render(fs, files_checked=2, where=lambda x: "inline comment")
    assert "2 errors, 1 warning (2 postmortems checked)" in text
    assert "| blame | 2 | 0 | 0 |" in text and "| actions | 0 | 1 | 0 |" in text
    assert text.count("inline comment") == 3
    assert "What a blameless rewrite looks like" in text


def test_no_blame_no_rewrite_example_and_no_findings_headline():
    assert "blameless rewrite" not in render([f(1, "actions.owner-missing")])
    assert "no findings (1 postmortem checked)" in render([], files_checked=1)


def test_marker_first_and_deterministic():
    opts = SummaryOptions(marker="<!-- pmcheck:summary=pr -->")
    a = render([f(1)], options=opts)
    assert a.startswith("<!-- pmcheck:summary=pr -->") and a == render([f(1)], options=opts)


def test_user_text_is_inert():
    text = render([f(1, msg="Blames @bob <!-- pmcheck:summary=pr --> | x")])
    assert "@bob" not in text and markers(text) == {}
    assert "\\| x" in text


def test_cap_counts_rows_left_out():
    fs = [f(i, msg="m" * 200) for i in range(1, 501)]
    text = render(fs, options=SummaryOptions(limit=20_000))
    assert len(text.encode()) <= 20_000
    shown = text.count("| 🔴 error |")
    assert 0 < shown < 500 and f"…and {500 - shown} more findings" in text


def test_links_and_errors_listed():
    text = render([f(4)], errors=["pm/x.md: not UTF-8 text"],
                  link=lambda x: f"https://github.com/o/r/blob/abc/{x.path}#L{x.line}")
    assert "[pm/a.md:4](https://github.com/o/r/blob/abc/pm/a.md#L4)" in text
    assert "pm/x.md: not UTF-8 text" in text


def test_collapsed_table_for_the_pr_comment():
    text = render([f(1), f(2)], options=SummaryOptions(collapse=True, limit=5_000))
    assert "<details><summary>All 2 findings</summary>" in text
    assert text.index("| Severity |") < text.index("</details>")
    assert text.count("| 🔴 error |") == 2


def test_error_lines_cannot_start_markdown_blocks():
    text = render([], errors=["pm/x\n## pmcheck: no findings\n<!-- pmcheck:summary=pr -->.md: "
                              "is or passes through a symbolic link"])
    assert "\n## pmcheck: no findings" not in text and markers(text) == {}
    assert "- pm/x ## pmcheck: no findings" in text
