"""Work shared between rules is done once per document (or once per run), never per rule."""

from __future__ import annotations

from pmcheck import timeclock
from pmcheck.document.parse import parse
from pmcheck.linter import lint_document, lint_text, rule_plan
from pmcheck.options import Options, RuleSetting
from pmcheck.rules import timeline as timeline_rules
from tests.helpers import GOOD

OUT_OF_ORDER = GOOD.replace("- 10:09:", "- 09:09:")


def test_timeline_is_placed_once_per_document(monkeypatch):
    calls = []
    real = timeclock.place

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(timeline_rules, "place", counting)
    doc = parse(OUT_OF_ORDER, "pm.md")
    findings, _ = lint_document(doc, Options())
    assert "timeline.not-chronological" in {f.rule for f in findings}  # the rules read it
    assert len(calls) == 1  # three rules, one placement
    lint_document(parse(GOOD, "other.md"), Options())
    assert len(calls) == 2  # a new document is placed afresh


def test_rule_plan_follows_the_options_it_is_given():
    on = Options()
    off = Options(rules=(("timeline.not-chronological", RuleSetting(enabled=False)),))
    assert rule_plan(on) is rule_plan(on)  # worked out once for one Options object
    assert "timeline.not-chronological" in {r.id for r, _ in rule_plan(on)}
    assert "timeline.not-chronological" not in {r.id for r, _ in rule_plan(off)}
    found_on = {f.rule for f in lint_text(OUT_OF_ORDER, "pm.md", on)[0]}
    found_off = {f.rule for f in lint_text(OUT_OF_ORDER, "pm.md", off)[0]}
    assert "timeline.not-chronological" in found_on - found_off
