"""Reporters: text, JSON contract, SARIF 2.1.0 (validated against the official schema), GitHub."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import jsonschema
import pytest

from pmcheck.findings import Finding, Severity, Suppression
from pmcheck.linter import LintResult, PathError
from pmcheck.reporters import github, json_, render, sarif, text
from pmcheck.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
# Fetched by `make test` (see the Makefile): the OASIS SARIF 2.1.0 rtm.5 schema as shipped in
# the npm package @microsoft/jest-sarif@1.0.0-beta.0. Pinned by hash.
SARIF_SCHEMA = Path(os.environ.get("PMCHECK_SARIF_SCHEMA",
                                   ROOT / ".venv/share/sarif/sarif-2.1.0-rtm.5.json"))
SARIF_SHA256 = "2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8"


def finding(line=12, rule="actions.owner-missing", severity=Severity.ERROR, path="pm/x.md",
            message="Action item has no owner.", hint="Add an @handle.", column=3) -> Finding:
    return Finding(path=path, line=line, column=column, end_line=line + 1, rule=rule,
                   category=rule.split(".")[0], severity=severity, message=message, hint=hint)


RESULT = LintResult(
    findings=[finding(),
              finding(20, "timeline.span-mismatch", Severity.WARNING, hint=""),
              finding(30, "metadata.impact-vague", Severity.INFO)],
    suppressed=[Suppression("pm/x.md", 5, "timeline", "imported from the vendor", "disable")],
    files_checked=2)


def test_text_lines_hints_and_summary():
    out = text.render(RESULT)
    assert out.splitlines() == [
        "pm/x.md:12:3: error [actions.owner-missing] Action item has no owner.",
        "    hint: Add an @handle.",
        "pm/x.md:20:3: warning [timeline.span-mismatch] Action item has no owner.",
        "pm/x.md:30:3: info [metadata.impact-vague] Action item has no owner.",
        "    hint: Add an @handle.",
        "",
        "1 error, 1 warning, 1 info in 2 files (1 disable comment(s) used)",
    ]
    assert "\x1b[" not in out


def test_text_colour_only_when_asked_and_clean_summary():
    coloured = text.render(RESULT, color=True)
    assert "\x1b[31merror\x1b[0m" in coloured and "\x1b[33mwarning\x1b[0m" in coloured
    assert text.render(LintResult(files_checked=1)) == "no problems in 1 file\n"
    with_errors = text.render(LintResult(files_checked=0, errors=["x: gone"]))
    assert "1 path could not be checked" in with_errors


def test_json_contract():
    data = json.loads(json_.render(RESULT))
    assert list(data) == ["version", "files_checked", "findings", "suppressed", "errors"]
    assert data["version"] == 1 and data["files_checked"] == 2
    assert data["findings"][0] == {
        "path": "pm/x.md", "line": 12, "column": 3, "end_line": 13,
        "rule": "actions.owner-missing", "category": "actions", "severity": "error",
        "message": "Action item has no owner.", "hint": "Add an @handle."}
    assert [f["severity"] for f in data["findings"]] == ["error", "warning", "info"]
    assert data["suppressed"] == [{"path": "pm/x.md", "line": 5, "rule": "timeline",
                                   "reason": "imported from the vendor", "kind": "disable"}]
    assert render("json", RESULT) == json_.render(RESULT)


def sarif_validator() -> jsonschema.Draft4Validator:
    assert SARIF_SCHEMA.is_file(), (
        f"{SARIF_SCHEMA} is missing: run `make test` (or the Makefile's $(SARIF_SCHEMA) "
        "target) to fetch the SARIF 2.1.0 schema")
    raw = SARIF_SCHEMA.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SARIF_SHA256
    schema = json.loads(raw)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("result", [
    RESULT,
    LintResult(files_checked=0),
    LintResult(findings=[finding(path="pm/with space/ä%.md"),
                         finding(rule="document.not-registered", severity=Severity.WARNING)],
               files_checked=1),
    LintResult(findings=[finding(path="/abs/outside root.md")], files_checked=1,
               errors=[PathError("pm/gone.md", "no such file or directory"),
                       "paths: '/x': absolute glob"]),
])
def test_sarif_validates_against_the_official_schema(result):
    log = json.loads(sarif.render(result))
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]


def test_unreadable_files_are_in_json_and_sarif():
    result = LintResult(files_checked=1, errors=[PathError("pm/a b.md", "cannot read: denied"),
                                                 "paths: '/x': absolute glob"])
    assert json.loads(json_.render(result))["errors"] == [
        {"path": "pm/a b.md", "message": "cannot read: denied"},
        {"path": None, "message": "paths: '/x': absolute glob"}]
    (run,) = json.loads(sarif.render(result))["runs"]
    (inv,) = run["invocations"]
    assert inv["executionSuccessful"] is False
    first, second = inv["toolExecutionNotifications"]
    assert first["level"] == "error" and first["message"]["text"] == "cannot read: denied"
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "pm/a%20b.md", "uriBaseId": "%SRCROOT%"}
    assert "locations" not in second
    clean = json.loads(sarif.render(LintResult(files_checked=1)))["runs"][0]["invocations"]
    assert clean == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_content():
    log = json.loads(sarif.render(RESULT))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules[: len(all_rules())]] == [r.id for r in all_rules()]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("actions.owner-missing", "error"), ("timeline.span-mismatch", "warning"),
        ("metadata.impact-vague", "note")]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    loc = results[0]["locations"][0]["physicalLocation"]
    assert loc == {"artifactLocation": {"uri": "pm/x.md", "uriBaseId": "%SRCROOT%"},
                   "region": {"startLine": 12, "startColumn": 3, "endLine": 13}}
    assert results[0]["partialFingerprints"]["pmcheckFingerprint/v1"] == RESULT.findings[0].fingerprint
    by_id = {r["id"]: r for r in rules}
    owner = by_id["actions.owner-missing"]
    assert owner["defaultConfiguration"] == {"level": "error"}
    assert owner["properties"]["category"] == "actions"


def test_sarif_uri_is_percent_encoded():
    log = json.loads(sarif.render(LintResult(findings=[finding(path="pm/a b#1.md")])))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "pm/a%20b%231.md"


# -- GitHub annotations ------------------------------------------------------------------------

def test_annotation_format_and_escaping():
    f = finding(path="pm/a,b:c.md", message="100% down\r\nfor 5 min", hint="")
    line = github.annotation(f)
    assert line == ("::error file=pm/a%2Cb%3Ac.md,line=12,col=3,endLine=13,"
                    "title=pmcheck actions.owner-missing::100%25 down%0D%0Afor 5 min")
    w = github.annotation(finding(severity=Severity.WARNING, hint="Do: this, then that"))
    assert w.startswith("::warning file=pm/x.md,")
    assert w.endswith("::Action item has no owner.%0ADo: this, then that")
    assert github.annotation(finding(severity=Severity.INFO)).startswith("::notice ")


def test_annotations_limit_per_level():
    findings = ([finding(i, severity=Severity.ERROR) for i in range(1, 13)]
                + [finding(i, severity=Severity.WARNING) for i in range(1, 4)]
                + [finding(i, severity=Severity.INFO) for i in range(1, 12)])
    lines, left_out = github.annotations(findings)
    assert [ln.split(" ", 1)[0] for ln in lines] == (["::error"] * 10 + ["::warning"] * 3
                                                     + ["::notice"] * 10)
    assert left_out == 3
    lines, left_out = github.annotations(findings, limit_per_level=2)
    assert len(lines) == 6 and left_out == len(findings) - 6
    assert github.annotations([]) == ([], 0)


def test_github_render_keeps_the_rest_as_plain_lines():
    findings = [finding(i) for i in range(1, 13)]
    out = github.render(LintResult(findings=findings, files_checked=1)).splitlines()
    assert sum(ln.startswith("::error ") for ln in out) == 10
    assert "pmcheck: 2 more finding(s) not annotated" in out[10]
    assert out[11:] == [text.finding_line(findings[10]), text.finding_line(findings[11])]
    assert github.render(LintResult()) == ""


def test_the_schema_check_catches_a_broken_log():
    log = json.loads(sarif.render(RESULT))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    paths = {tuple(e.path) for e in sarif_validator().iter_errors(log)}
    assert ("runs", 0, "results", 0, "level") in paths
    assert ("runs", 0, "tool", "driver") in paths


def test_sarif_of_the_bad_example_validates():
    from pmcheck.linter import lint_paths
    from pmcheck.options import Options

    result = lint_paths([ROOT / "examples" / "bad.md"], Options(), ROOT)
    assert result.findings and not result.errors
    log = json.loads(sarif.render(result))
    assert list(sarif_validator().iter_errors(log)) == []
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert uris == {"examples/bad.md"}
