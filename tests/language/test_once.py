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


def test_once_per_document_does_not_depend_on_the_memo_size(monkeypatch):
    """With both cross-document memos cut to one entry, a document is still read once, and the
    memos never grow past their limit (they only save work between documents)."""
    doc = parse(DOC, "tiny.md", Options().template)
    expected = sum(1 for block in prose_blocks(doc)
                   for a, b in sentences(block.text) if block.text[a:b].strip())
    monkeypatch.setattr(engine, "_SENTENCES_LIMIT", 1)
    monkeypatch.setattr(blame, "_MEMO_LIMIT", 1)
    blame._MEMO.clear()
    engine._SENTENCES.clear()
    before = engine.ANALYSED[0]
    findings, _ = lint_document(doc, Options())
    assert engine.ANALYSED[0] - before == expected
    assert len(engine._SENTENCES) <= 1 and len(blame._MEMO) <= 1
    assert {f.rule for f in findings if f.rule.startswith("blame.")} == {
        "blame.blame-word", "blame.person-as-cause", "blame.counterfactual",
        "blame.blame-question"}


def test_the_memos_keep_what_is_in_use(monkeypatch):
    """Least recently used: a sentence read again stays while new ones push out old ones."""
    monkeypatch.setattr(engine, "_SENTENCES_LIMIT", 3)
    engine._SENTENCES.clear()
    engine.scan("Bob forgot the flag.", model=False)
    for n in range(6):
        engine.scan(f"The cache held {n} keys.", model=False)
        engine.scan("Bob forgot the flag.", model=False)  # in use: kept
    assert len(engine._SENTENCES) == 3
    before = engine.ANALYSED[0]
    engine.scan("Bob forgot the flag.", model=False)
    assert engine.ANALYSED[0] == before
    engine.scan("The cache held 0 keys.", model=False)  # pushed out long ago: read again
    assert engine.ANALYSED[0] == before + 1
