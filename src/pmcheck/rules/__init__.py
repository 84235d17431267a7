"""Rule registry.

Each module under ``pmcheck.rules`` is one check family (its category). A rule is a pure
function ``check(doc: Document, opts: Options) -> Iterable[Problem]`` registered with
:func:`rule`; its docstring is its user documentation (why it matters, options, a failing and
a passing example). The linter adds path, id, category and the configured severity.

Docstring convention (rendered by ``pmcheck rules --markdown``; examples are tested)::

    One-line summary.

    Why it matters, in a paragraph or two. Options: the .pmcheck.yml keys it reads, spelled
    as in the file (`publish-business-days`, not the Options field `publish_business_days`).

    Fails:

        ```markdown
        ...a minimal failing snippet...
        ```

    Passes:

        ```markdown
        ...a minimal passing snippet...
        ```
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from typing import Callable, Iterable

from pmcheck.findings import Problem, Severity

CATEGORIES = ("structure", "metadata", "timeline", "whys", "actions", "external", "blame",
              "document", "suppression")
# Modules holding rules, in report order.
MODULES = ("document_rules", "structure", "metadata", "metadata_missing", "timeline", "whys",
           "actions", "action_dates", "external", "blame", "suppression")


@dataclass(frozen=True)
class Rule:
    id: str  # "<category>.<name>", e.g. "actions.owner-missing"
    category: str
    severity: Severity  # default severity
    check: Callable[..., Iterable[Problem]]
    doc: str

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.id


_REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity = Severity.ERROR):
    """Register a check function as rule `rule_id` (category = the part before the dot)."""
    category = rule_id.split(".", 1)[0]
    if category not in CATEGORIES:
        raise ValueError(f"unknown rule category {category!r} for {rule_id}")

    def decorate(fn):
        if rule_id in _REGISTRY:
            raise ValueError(f"rule {rule_id} registered twice")
        _REGISTRY[rule_id] = Rule(rule_id, category, severity, fn,
                                  inspect.cleandoc(fn.__doc__ or ""))
        return fn

    return decorate


def all_rules() -> list[Rule]:
    """Every registered rule, importing the rule modules on first use."""
    for name in MODULES:
        try:
            importlib.import_module(f"pmcheck.rules.{name}")
        except ModuleNotFoundError as exc:  # a family not written yet
            if exc.name != f"pmcheck.rules.{name}":
                raise
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return sorted(_REGISTRY.values(), key=lambda r: (order[r.category], r.id))
