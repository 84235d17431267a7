"""Every rule's docstring examples, in one table: the Fails example yields the rule, the Passes
example does not.

The docstrings are the user documentation (``pmcheck rules``, docs/rules.md), so an example
that stopped failing or passing is a documentation bug. Rules whose defect cannot be written as
Markdown text (the file is binary, too large, a symlink or not UTF-8) carry no examples and are
listed in EXEMPT; they are tested in tests/test_bad_input.py (too-deep: tests/fuzz).
"""

from __future__ import annotations

import re

import pytest

from pmcheck.options import Options
from pmcheck.rules import all_rules
from tests.helpers import problems

EXEMPT = {
    "document.binary": "a NUL byte cannot be shown in Markdown",
    "document.too-large": "a file over 1 MiB",
    "document.symlink": "a property of the file system, not of the text",
    "document.encoding": "invalid UTF-8 bytes cannot be shown in Markdown",
    "document.too-deep": "hundreds of nesting levels (tested in tests/fuzz)",
    "document.too-complex": "over 500 brackets in a paragraph (tested in tests/document)",
}

# Options an example needs (the docstring says so).
OPTIONS = {
    "external.internal-name": Options(internal_names=("db-prod-3",)),
}

_LABEL = re.compile(r"(Fails|Passes):\s*")


def examples(doc: str) -> list[tuple[str, str]]:
    """(kind, snippet) for each ```markdown block that follows a "Fails:" / "Passes:" line,
    unindented to its fence. An empty block is an empty snippet."""
    lines = doc.splitlines()
    out = []
    for i, line in enumerate(lines):
        m = _LABEL.fullmatch(line.strip())
        if not m:
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j == len(lines) or lines[j].strip() != "```markdown":
            continue
        indent = lines[j][: len(lines[j]) - len(lines[j].lstrip())]
        body = []
        for k in range(j + 1, len(lines)):
            if lines[k] == indent + "```":
                break
            body.append(lines[k][len(indent):] if lines[k].startswith(indent) else "")
        out.append((m.group(1), "\n".join(body) + ("\n" if body else "")))
    return out


RULES = all_rules()
CASES = [pytest.param(r.id, kind, snippet, id=f"{r.id}-{kind}")
         for r in RULES for kind, snippet in examples(r.doc)]


@pytest.mark.parametrize("rule_id, kind, snippet", CASES)
def test_docstring_example(rule_id, kind, snippet):
    found = {rid for _, rid in problems(snippet, rule_id, OPTIONS.get(rule_id))}
    if kind == "Fails":
        assert rule_id in found, snippet
    else:
        assert rule_id not in found, snippet


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.id)
def test_every_rule_has_one_failing_and_one_passing_example(r):
    kinds = sorted(kind for kind, _ in examples(r.doc))
    if r.id in EXEMPT:
        assert kinds == [], f"{r.id} is exempt but has examples; test them instead"
    else:
        assert kinds == ["Fails", "Passes"], r.id


def test_exemptions_name_registered_rules():
    assert set(EXEMPT) <= {r.id for r in RULES}
    assert set(OPTIONS) <= {r.id for r in RULES}


def test_every_category_is_covered():
    covered = {r.category for r in RULES if r.id not in EXEMPT}
    assert covered == {"structure", "metadata", "timeline", "whys", "actions", "external",
                       "blame", "document", "suppression"}


def test_example_extraction():
    doc = ("Summary.\n\nFails:\n\n    ```markdown\n    # Title\n\n      - nested\n    ```\n\n"
           "Passes:\n\n    ```markdown\n    ```\n")
    assert examples(doc) == [("Fails", "# Title\n\n  - nested\n"), ("Passes", "")]


def test_with_examples_appends_both_snippets_in_the_house_format():
    from pmcheck.rules.examples import with_examples

    @with_examples("## Action Items\n\n- item", "# Title")
    def check():
        """Summary.

        Why.
        """

    assert examples(check.__doc__) == [("Fails", "## Action Items\n\n- item\n"),
                                       ("Passes", "# Title\n")]


def test_docstrings_name_config_keys_not_options_fields():
    """`Options:` in a docstring is for users: it names .pmcheck.yml keys (`min-whys`), never
    the Python field (`min_whys`)."""
    import dataclasses

    from pmcheck.config_schema import KEYS, TEMPLATE_KEYS

    known = set(KEYS) | set(TEMPLATE_KEYS) | {"blame.allow", "blame.extra"}
    fields = {f.name for f in dataclasses.fields(Options)}
    for r in all_rules():
        for m in re.finditer(r"Options:(.*?)(?:\n\s*\n|$)", r.doc, re.S):
            named = re.findall(r"`([^`:]+)`", m.group(1))
            assert named, r.id
            for name in named:
                assert name not in fields - known, f"{r.id}: `{name}` is an Options field"
                assert name in known, f"{r.id}: `{name}` is not a config key"
