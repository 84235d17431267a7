"""`pmcheck new` under every template: the configured sections, in order, only placeholders."""

from __future__ import annotations

import datetime as dt

import pytest

from pmcheck.config import parse_config
from pmcheck.linter import lint_text
from pmcheck.scaffold import render_postmortem, section_keys, slugify
from pmcheck.template import PRESETS

# Findings a fresh file may have: each one points at a placeholder.
PLACEHOLDER_RULES = {"metadata.severity-missing", "metadata.duration-missing",
                     "metadata.impact-missing", "metadata.author-missing",
                     "metadata.reviewers-missing", "timeline.entries-missing",
                     "structure.empty-section", "actions.incomplete"}

CUSTOM = """
template:
  extends: pagerduty
  required: [summary, timeline, customer-comms, root-cause, action-items, detection]
  aliases:
    customer-comms: ["Customer Communication"]
  order: [detection, root-cause]
"""


def headings(text: str) -> list[str]:
    return [ln[3:] for ln in text.splitlines() if ln.startswith("## ")]


@pytest.mark.parametrize("config", [f"template: {name}\n" for name in PRESETS] + [CUSTOM])
def test_new_file_has_the_templates_sections_and_reports_only_placeholders(config):
    opts = parse_config(config, ".pmcheck.yml")
    text = render_postmortem("Checkout errors", dt.date(2026, 3, 14), None, opts)
    lines = text.splitlines()
    keys = [opts.template.resolve(h) for h in headings(text)]
    assert set(keys) >= set(opts.template.required)
    assert keys == section_keys(opts.template)
    for before, after in opts.template.order:
        if before in keys and after in keys:
            assert keys.index(before) < keys.index(after)
    findings, _ = lint_text(text, "pm.md", opts)
    assert {f.rule for f in findings} <= PLACEHOLDER_RULES, [(f.line, f.rule) for f in findings]
    empty = {lines[f.line - 1] for f in findings if f.rule == "structure.empty-section"}
    others = set(opts.template.required) - {"timeline", "action-items"}
    assert empty == {f"## {opts.template.display(k)}" if k != "customer-comms"
                     else "## Customer Communication" for k in others}
    for f in findings:
        if f.rule.startswith("metadata."):
            assert lines[f.line - 1].endswith(": TODO")


def test_preset_section_order():
    google = parse_config("template: google-sre\n", ".pmcheck.yml").template
    text = render_postmortem("x", dt.date(2026, 3, 14), "P2", parse_config(
        "template: google-sre\n", ".pmcheck.yml"))
    assert headings(text) == ["Summary", "Impact", "Root Cause", "Trigger", "Resolution",
                              "Detection", "Action Items", "Lessons Learned", "Timeline"]
    assert section_keys(google)[0] == "summary"
    custom = parse_config(CUSTOM, ".pmcheck.yml").template
    assert section_keys(custom) == ["summary", "timeline", "customer-comms", "detection",
                                    "root-cause", "action-items"]


@pytest.mark.parametrize("title, slug", [
    ("Ünïcödé / weird: title?", "unicode-weird-title"),
    ("Checkout API: errors!", "checkout-api-errors"),
    ("Straße ﬁx", "strae-fix"),
    ("日本語", "postmortem"),
])
def test_slugify_transliterates(title, slug):
    assert slugify(title) == slug
