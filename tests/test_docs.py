"""docs/rules.md is generated from the rule registry; this keeps them in sync."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pmcheck.reporters.rules_doc import body, render_markdown, render_text
from pmcheck.rules import all_rules
from tests.helpers import problems

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


SUPPRESSION_RULES = [r for r in all_rules() if r.category == "suppression"]


def examples(doc: str) -> dict[str, str]:
    out = {}
    for kind in ("Fails", "Passes"):
        m = re.search(kind + r":\s*\n\s*```markdown\n(.*?)\n\s*```", doc, re.S)
        out[kind] = "\n".join(ln[8:] if ln.startswith("        ") else ln.strip()
                              for ln in m.group(1).splitlines()) + "\n"
    return out


@pytest.mark.parametrize("r", SUPPRESSION_RULES, ids=lambda r: r.id)
def test_suppression_docstring_examples(r):
    ex = examples(r.doc)
    assert r.id in [rule for _, rule in problems(ex["Fails"], "suppression")]
    assert r.id not in [rule for _, rule in problems(ex["Passes"], "suppression")]
