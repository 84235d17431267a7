"""Docstring examples built from data, for rules whose examples differ only in one value.

``@with_examples(fails, passes)`` appends the two Markdown snippets to the function's
docstring in the house format (see ``pmcheck.rules``), before ``@rule`` reads it; the
docstring test then runs them like hand-written ones.
"""

from __future__ import annotations


def _block(kind: str, snippet: str) -> str:
    body = "\n".join(f"        {line}" if line else "" for line in snippet.strip("\n").split("\n"))
    return f"    {kind}:\n\n        ```markdown\n{body}\n        ```\n"


def with_examples(fails: str, passes: str):
    """Decorator: append a Fails and a Passes example to a rule's docstring."""
    def decorate(fn):
        fn.__doc__ = (f"{(fn.__doc__ or '').rstrip()}\n\n{_block('Fails', fails)}\n"
                      f"{_block('Passes', passes)}")
        return fn

    return decorate
