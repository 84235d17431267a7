"""The language engine reads each sentence of a document once, however many blame rules run."""

from __future__ import annotations

from pmcheck.document.parse import parse
from pmcheck.language import engine, sentences
from pmcheck.linter import lint_document
from pmcheck.options import Options
from pmcheck.rules import blame
from pmcheck.rules.blame import prose_blocks

DOC = """# Incident 42: checkout errors

## Summary

Checkout returned errors for 20 minutes. The on-call engineer missed the alert.

## Timeline

- 14:05 The disk-space alert fired. Nobody acted on it.
- 14:20 @marcus rolled back the deploy.

## Root Cause

Dev deployed untested code to production. The root cause was human error.
Why didn't the on-call engineer escalate sooner?
The engineer should have checked the replica lag.

| who | what |
|---|---|
| @sam | ignored the page |
"""


def test_each_sentence_is_analysed_once_per_document():
    doc = parse(DOC, "pm.md", Options().template)
    expected = 0
    prev = None
    for block in prose_blocks(doc):
        expected += sum(1 for a, b in sentences(block.text) if block.text[a:b].strip())
        prev = block
    assert prev is not None and expected >= 12
    blame._MEMO.clear()  # blocks and sentences repeated across documents are read once per
    engine._SENTENCES.clear()  # process; empty both so the count starts fresh
    before = engine.ANALYSED[0]
    findings, _ = lint_document(doc, Options())
    analysed = engine.ANALYSED[0] - before
    kinds = {f.rule for f in findings if f.rule.startswith("blame.")}
    # all four blame rules ran and found something, yet the engine read every sentence once
    assert kinds == {"blame.blame-word", "blame.person-as-cause", "blame.counterfactual",
                     "blame.blame-question"}, kinds
    assert analysed == expected, (analysed, expected)
    # the count is real work: with the cross-document memo emptied, a copy is read again, once
    blame._MEMO.clear()
    engine._SENTENCES.clear()
    before = engine.ANALYSED[0]
    lint_document(parse(DOC, "copy.md", Options().template), Options())
    assert engine.ANALYSED[0] - before == expected
