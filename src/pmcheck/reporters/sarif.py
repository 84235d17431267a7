"""SARIF 2.1.0 output, for GitHub code scanning (``upload-sarif``) and other SARIF viewers.

Every registered rule is listed in ``tool.driver.rules`` with its documentation; results point
at it by ``ruleId`` and ``ruleIndex``. Paths are relative URIs against ``%SRCROOT%`` (the
repository root). ``partialFingerprints`` carry the finding fingerprint, which ignores line
moves, so code scanning keeps an alert's identity across edits. Files that could not be checked
are ``invocations[0].toolExecutionNotifications`` (level error, with the file's location), and
``executionSuccessful`` is false then, as the exit code (2) says.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from pmcheck import __version__
from pmcheck.findings import Finding, Severity
from pmcheck.rules import Rule, all_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def describe(r: Rule) -> dict:
    paragraphs = [p.strip() for p in r.doc.split("\n\n") if p.strip()]
    full = paragraphs[1] if len(paragraphs) > 1 else r.summary
    return {
        "id": r.id,
        "name": "".join(w.capitalize() for w in r.id.replace(".", "-").split("-")),
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": " ".join(full.split())},
        "help": {"text": r.doc or r.summary, "markdown": r.doc or r.summary},
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {"category": r.category, "tags": ["postmortem", r.category]},
    }


def artifact(path: str) -> dict:
    """artifactLocation of a root-relative path (or an absolute one, outside the root)."""
    if path.startswith("/"):
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def invocation(errors) -> dict:
    notes = []
    for e in errors:
        note: dict = {"level": "error",
                      "message": {"text": getattr(e, "message", str(e))},
                      "descriptor": {"id": "pmcheck.could-not-check"}}
        path = getattr(e, "path", None)
        if path:
            note["locations"] = [{"physicalLocation": {"artifactLocation": artifact(path)}}]
        notes.append(note)
    return {"executionSuccessful": not notes, "toolExecutionNotifications": notes}


def result_of(f: Finding, index: int) -> dict:
    region = {"startLine": max(1, f.line), "startColumn": max(1, f.column),
              "endLine": max(f.end_line, f.line, 1)}
    message = f.message + (f"\n{f.hint}" if f.hint else "")
    return {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS[f.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact(f.path),
            "region": region}}],
        "partialFingerprints": {"pmcheckFingerprint/v1": f.fingerprint},
        "properties": {"category": f.category},
    }


def to_dict(result, rules: list[Rule] | None = None) -> dict:
    rules = list(all_rules() if rules is None else rules)
    index = {r.id: i for i, r in enumerate(rules)}
    descriptors = [describe(r) for r in rules]
    for f in result.findings:  # a finding whose rule is not registered still gets a descriptor
        if f.rule not in index:
            index[f.rule] = len(descriptors)
            descriptors.append({"id": f.rule, "shortDescription": {"text": f.rule},
                                "properties": {"category": f.category}})
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "pmcheck", "version": __version__,
                                "semanticVersion": __version__,
                                "rules": descriptors}},
            "invocations": [invocation(getattr(result, "errors", ()))],
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {
                "text": "The repository root (the directory holding .pmcheck.yml)."}}},
            "results": [result_of(f, index[f.rule]) for f in result.findings],
        }],
    }


def render(result, rules: list[Rule] | None = None) -> str:
    return json.dumps(to_dict(result, rules), indent=2, ensure_ascii=False) + "\n"
