"""docs/rules.md is generated from the rule registry; this keeps them in sync."""

from __future__ import annotations

from pathlib import Path


from pmcheck.reporters.rules_doc import body, render_markdown, render_text
from pmcheck.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]


def test_rules_md_is_in_sync_with_the_registry():
    expected = render_markdown(all_rules())
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `make docs` and commit it"


def test_every_rule_has_a_section_and_a_table_row():
    text = render_markdown(all_rules())
    for r in all_rules():
        assert f"\n### `{r.id}`\n" in text
        assert f"| [`{r.id}`](#{r.id.replace('.', '')}) | {r.severity.value} |" in text
    assert render_text(all_rules()).count("\n    ") >= len(all_rules())


def test_indented_fences_in_docstrings_are_unindented():
    doc = "Summary.\n\nFails:\n\n    ```markdown\n    # Title\n\n      - nested\n    ```\n"
    assert body(doc) == "Fails:\n\n```markdown\n# Title\n\n  - nested\n```"
