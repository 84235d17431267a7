"""The linter's indexed suppression lookup equals the plain definition on random comments.

``reference`` below is the definition of which disable comment silences a finding, written as
the direct loop (directives x specs x enables, cubic in the number of comments);
``pmcheck.linter.DirectiveIndex`` answers the same question in O(log n). They must agree on
every (finding, comments) combination hypothesis builds.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmcheck.document.parse import parse
from pmcheck.findings import Finding, Severity
from pmcheck.linter import DirectiveIndex, first_section_line, next_content_line, spec_matches

RULES = ["timeline.order", "timeline.zone", "actions.owner-missing", "metadata.date-invalid"]
SPECS = ["all", "timeline", "actions", "timeline.order", "actions.owner-missing", "metadata"]


def reference(f: Finding, directives, doc):
    header_end = first_section_line(doc)
    enables = [d for d in directives if d.kind == "enable"]
    for d in directives:
        for spec in d.rules:
            if not spec_matches(spec, f.rule):
                continue
            if d.kind == "disable-next-line":
                if f.line == next_content_line(d.line, doc):
                    return d, spec
            elif d.kind == "disable":
                start = 1 if d.line < header_end else d.line
                blocked = any(d.line < e.line <= f.line and
                              any(spec_matches(s, f.rule) for s in e.rules) for e in enables)
                if start <= f.line and not blocked:
                    return d, spec
    return None


COMMENT = st.builds(
    lambda kind, specs, reason: f"<!-- pmcheck-{kind} {', '.join(specs)}{reason} -->",
    st.sampled_from(["disable", "enable", "disable-next-line"]),
    st.lists(st.sampled_from(SPECS), min_size=1, max_size=3),
    st.sampled_from(["", " -- why"]))
LINE = st.one_of(COMMENT, COMMENT, st.sampled_from(["", "text", "- 10:00 x", "## Timeline",
                                                   "# Title"]))


@settings(max_examples=150, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, min_size=1, max_size=30), st.data())
def test_index_agrees_with_the_definition(lines, data):
    doc = parse("\n".join(lines) + "\n", "p.md")
    index = DirectiveIndex(doc.directives, doc)
    for _ in range(10):
        line = data.draw(st.integers(1, len(lines) + 1))
        rule = data.draw(st.sampled_from(RULES))
        f = Finding("p.md", line, 1, line, rule, rule.split(".")[0], Severity.ERROR, "m")
        assert index.find(f) == reference(f, doc.directives, doc)
