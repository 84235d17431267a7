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


def _command_line_section() -> str:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Command line\n")
    return readme[start:readme.index("\n## ", start + 1)]


def test_readme_command_line_section_matches_help():
    """Every command and every option `--help` shows is in README's "Command line" section,
    and every `--option` the section names exists (so neither drifts from the code)."""
    import re

    import click

    from pmcheck.cli import cli

    section = _command_line_section()
    offered: set[str] = {"--version", "--help"}
    for name, command in cli.commands.items():
        assert f"pmcheck {name}" in section, name
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts + param.secondary_opts:
                    if opt.startswith("--"):
                        offered.add(opt)
                        assert opt in section or f"--[no-]{opt[2:]}" in section, \
                            f"pmcheck {name} {opt} is not in README's Command line section"
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", section))
    named |= {"--" + m for m in re.findall(r"--\[no-\]([a-z-]+)", section)}
    named |= {"--no-" + m for m in re.findall(r"--\[no-\]([a-z-]+)", section)}
    assert named - offered == set(), "README names options the CLI does not have"
