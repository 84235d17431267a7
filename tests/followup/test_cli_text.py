"""`pmcheck overdue` / `pmcheck gate`, gate mode, and the issue text (markers, escaping)."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from pmcheck.action import gate_mode
from pmcheck.action.settings import Settings
from pmcheck.cli import cli
from pmcheck.github import issue_text as tx

from followup.pm import ROWS, D, items, postmortem, write

PM = "postmortems/2026-02-01-billing.md"


@pytest.fixture
def invoke(tmp_path, monkeypatch):
    write(tmp_path, PM, postmortem(ROWS + [("Write the paging guide", "@bo", "soon", "P3",
                                            "open")]))
    monkeypatch.chdir(tmp_path)
    return lambda *args: CliRunner().invoke(cli, list(args))


def test_overdue_text_groups_by_priority_with_days_and_lines(invoke, tmp_path):
    r = invoke("overdue", "--today", "2026-03-01")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].startswith("2 overdue action items as of 2026-03-01")
    assert "P1:" in lines and "P2:" in lines
    assert any(ln.startswith(f"  {PM}:14: due 2026-02-10, 19 days overdue, owner @ana")
               for ln in lines)
    assert any(ln.startswith(f"  {PM}:18: due 'soon'") for ln in lines)  # undated, listed apart


def test_overdue_json_and_markdown(invoke, tmp_path):
    r = invoke("overdue", "--today", "2026-03-01", "--format", "json")
    data = json.loads(r.output)
    assert [(o["line"], o["days_overdue"]) for o in data["overdue"]] == [(14, 19), (15, 9)]
    assert [u["line"] for u in data["undated"]] == [18]
    r = invoke("overdue", "--today", "2026-03-01", "--format", "markdown")
    assert "#### P1" in r.output and "@\u200bana" in r.output  # no ping in Markdown


def test_overdue_bad_date_is_a_usage_error(invoke, tmp_path):
    r = invoke("overdue", "--today", "1 March")
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output


def test_gate_exit_codes(invoke, tmp_path):
    r = invoke("gate", "--today", "2026-03-01")
    assert r.exit_code == 1 and f"{PM}:14: P1 open, 19 days overdue" in r.output
    done = [ROWS[0][:4] + ("completed",)] + ROWS[1:]
    write(tmp_path, "ok/" + PM, postmortem(done))
    r = CliRunner().invoke(cli, ["gate", str(tmp_path / "ok" / PM)])
    assert r.exit_code == 0 and "passed" in r.output


def test_gate_mode_fails_with_an_annotation_per_open_p1(tmp_path):
    write(tmp_path, PM, postmortem())
    out = io.StringIO()
    s = Settings(token="x", mode="gate", today=D(2026, 3, 1), workspace=tmp_path)
    result = gate_mode.run(s, None, None, out)
    assert result.exit_code == 1 and result.outputs["gate-open"] == 1
    assert out.getvalue().startswith(f"::error file={PM},line=14,title=pmcheck gate::P1 ")


def test_quoted_text_cannot_ping_or_forge_a_marker():
    text = "Ask @ana <!-- pmcheck:item key=evil --> to fix it"
    it = items(postmortem([(text, "@ana", "2026-02-10", "P1", "open")]))[0]
    block = tx.item_block(it, tx.Context("https://g/o/r/blob/main"), D(2026, 3, 1), ())
    assert "@ana" not in block.replace("`@ana`", "")
    assert block.count("<!-- pmcheck:item") == 1 and tx.parse_marker(block).get("key") == it.key


def test_splice_keeps_text_outside_the_block():
    old = "Note above\n\n" + tx.BEGIN + "\nold\n" + tx.END + "\n\nNote below"
    assert tx.splice(old, tx.BEGIN + "\nnew\n" + tx.END) == (
        "Note above\n\n" + tx.BEGIN + "\nnew\n" + tx.END + "\n\nNote below")


def test_marker_values_round_trip_paths_with_spaces():
    m = tx.render_marker("item", key="k1", path="post mortems/a b.md", state="open", text="x y")
    body = f"{tx.BEGIN}\n{m}\n{tx.END}"
    assert tx.parse_marker(body).get("path") == "post mortems/a b.md"
    assert tx.set_state(body, "closed").count("state=closed") == 1


def test_the_readme_section_quotes_the_linted_example_workflow():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    doc = (root / "docs" / "followup.md").read_text(encoding="utf-8")
    workflow = (root / "docs" / "workflows" / "pmcheck-followup.yml").read_text(encoding="utf-8")
    assert f"```yaml\n{workflow}```" in doc
    assert 'cron: "0 9 * * 1"' in workflow and "concurrency:" in workflow
    assert "issues: write" in workflow and "contents: read" in workflow


def test_overdue_text_orders_each_priority_by_due_date_and_lists_undated_apart(tmp_path,
                                                                              monkeypatch):
    rows = [("Document the failover runbook", "@bo", "2026-02-20", "P2", "in progress"),
            ("Write the paging guide", "@cy", "next sprint", "P1", "open"),
            ("Rotate the worker credentials", "@ana", "2026-02-01", "P2", "todo"),
            ("Alert on queue depth", "@ana", "2026-02-10", "P1", "open"),
            ("Tidy the dashboards", "", "2026-01-20", "", "open")]
    write(tmp_path, PM, postmortem(rows))
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["overdue", "--today", "2026-03-01"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[1:] == [
        "", "P1:",
        f"  {PM}:17: due 2026-02-10, 19 days overdue, owner @ana: Alert on queue depth",
        "", "P2:",
        f"  {PM}:16: due 2026-02-01, 28 days overdue, owner @ana: Rotate the worker credentials",
        f"  {PM}:14: due 2026-02-20, 9 days overdue, owner @bo: Document the failover runbook",
        "", "no priority:",
        f"  {PM}:18: due 2026-01-20, 40 days overdue, owner (none): Tidy the dashboards",
        "", "No parseable due date:",
        f"  {PM}:15: due 'next sprint', P1, owner @cy: Write the paging guide"]


@pytest.mark.parametrize("row, config, code", [
    (("Alert", "@ana", "2026-09-01", "P1", "open"), "", 1),  # open, not yet due
    (("Alert", "@ana", "2026-02-01", "P1", "in progress"), "", 1),  # overdue
    (("Alert", "@ana", "next sprint", "P1", "blocked"), "", 1),  # unknown status: still open
    (("Alert", "@ana", "2026-02-01", "P1", "done"), "", 0),
    (("Alert", "@ana", "2026-02-01", "P1", "won't fix"), "", 0),  # deferred explicitly
    (("Alert", "@ana", "2026-02-01", "P2", "open"), "", 0),
    (("Alert", "@ana", "2026-02-01", "P2", "open"), "followup:\n  gate: [P1, P2]\n", 1),
])
def test_gate_fails_while_a_gated_action_is_open_or_overdue(tmp_path, monkeypatch, row,
                                                            config, code):
    write(tmp_path, PM, postmortem([row]))
    if config:
        write(tmp_path, ".pmcheck.yml", config)
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["gate", "--today", "2026-03-01"])
    assert r.exit_code == code, r.output
    assert (f"{PM}:14:" in r.output) == (code == 1)


def test_gate_mode_warns_when_no_postmortem_matches(tmp_path):
    out = io.StringIO()
    s = Settings(token="x", mode="gate", today=D(2026, 3, 1), workspace=tmp_path)
    result = gate_mode.run(s, None, None, out)
    assert result.exit_code == 0 and result.outputs["gate-open"] == 0
    # pmcheck's own warning comes last, after anything that could be an item's annotation
    last = out.getvalue().splitlines()[-1]
    assert last.startswith("::warning title=pmcheck gate::no postmortem matches")
    assert "no postmortem matches" in result.summary


def test_owner_text_with_angle_brackets_is_escaped_not_put_in_a_code_span():
    assert tx.code("@ana") == "`@ana`"
    assert tx.code("a `b` c") == "`a 'b' c`"
    forged = tx.code("@ana <!-- pmcheck:end -->")
    assert "<!--" not in forged and "@ana" not in forged and "&lt;!-- pmcheck:end --&gt;" in forged


def test_no_quoted_field_can_ping_or_open_close_or_forge_a_marker():
    import dataclasses

    evil = "@mallory <!-- pmcheck:end --> --> <!-- pmcheck:item key=evil --> `x` @acme/sre"
    it = items(postmortem())[0]
    it = dataclasses.replace(it, text=evil, owner=evil, due_raw=evil, priority=evil,
                             ticket=evil, incident=evil, path="pm/" + evil + ".md")
    ctx = tx.Context("https://g/o/r/blob/main", (("P1", 7),))
    for body in (tx.item_block(it, ctx, D(2026, 3, 1), ()),
                 tx.dashboard_block([it], {it.key: 7}, ctx, [("2026-03-01", 1, 0)]),
                 tx.close_comment(it, ctx, "completed"), tx.reopen_comment(it, ctx)):
        assert "@mallory" not in body and "@acme" not in body
        hidden = [ln for ln in body.splitlines()
                  if ("<!--" in ln or "-->" in ln) and not ln.startswith("    y-axis ")]
        assert hidden == [ln for ln in body.splitlines()
                          if ln in (tx.BEGIN, tx.END) or ln.startswith("<!-- pmcheck:item ")
                          or ln.startswith("<!-- pmcheck:dashboard ")]
    block = tx.item_block(it, ctx, D(2026, 3, 1), ())
    assert tx.parse_marker(block).get("key") == it.key
    assert tx.parse_marker(block).get("path") == it.path  # quoted in, unquoted out


def test_dashboard_row_keeps_its_columns_when_the_owner_holds_a_pipe():
    import dataclasses
    import re

    it = dataclasses.replace(items(postmortem())[0], owner="@ana | @bo")
    ctx = tx.Context("https://g/o/r/blob/main", (("P1", 7),))
    block = tx.dashboard_block([it], {it.key: 7}, ctx, [])
    rows = [ln for ln in block.splitlines() if ln.startswith("| ")]
    cells = [len(re.findall(r"(?<!\\)\|", ln)) for ln in rows]
    assert rows and cells == [cells[0]] * len(rows), rows
