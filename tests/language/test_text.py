"""Sentence splitting, tokenising, code masking and quote detection."""

from __future__ import annotations

import pytest

from pmcheck.language import scan, sentences
from pmcheck.language.text import mask_code, quoted_spans, tokenize


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("Version 1.2.3 shipped. It broke.", ["Version 1.2.3 shipped.", "It broke."]),
    ("Latency was 3.5 s at p99. Then it fell.", ["Latency was 3.5 s at p99.", "Then it fell."]),
    ("We paged Dr. Smith, i.e. the DBA. She joined.",
     ["We paged Dr. Smith, i.e. the DBA.", "She joined."]),
    ("J. Smith restarted it.", ["J. Smith restarted it."]),
    ("Was it DNS? No. It was the cache!", ["Was it DNS?", "No.", "It was the cache!"]),
    ("It said \"done.\" Then it hung.", ["It said \"done.\"", "Then it hung."]),
    ("A soft\nwrapped sentence. Next one.", ["A soft\nwrapped sentence.", "Next one."]),
    ("Intro\n\nSecond paragraph", ["Intro", "Second paragraph"]),
    ("- 14:05 one\n- 14:07 two\n1. three\n# Four\n> five", [
        "- 14:05 one", "- 14:07 two", "1. three", "# Four", "> five"]),
    ("| 14:05 | The deploy failed |", ["14:05", "The deploy failed"]),
    ("see node.js docs. and more", ["see node.js docs. and more"]),
    ("", []),
])
def test_sentences(text, expected):
    assert split(text) == expected


def test_tokens_keep_contractions_handles_and_hyphens():
    words = [t.low for t in tokenize("Bob didn\u2019t page @org/db-team; on-call's fine")]
    assert words == ["bob", "didn't", "page", "@org/db-team", ";", "on-call's", "fine"]


def test_mask_code_keeps_offsets():
    text = "run `rm -rf /` now and ``a ` b`` too"
    masked = mask_code(text)
    assert len(masked) == len(text)
    assert "rm" not in masked and "a ` b" not in masked
    assert masked.startswith("run ") and masked.endswith(" too")


def test_quoted_spans():
    text = "avoid \"human error\", \u201ccareless\u201d and 'lazy' but not don't"
    spans = [text[a:b] for a, b in quoted_spans(text)]
    assert spans == ["\"human error\"", "\u201ccareless\u201d", "'lazy'"]


@pytest.mark.parametrize("text", [
    "Avoid \u201chuman error\u201d in reviews.",
    "Write 'the alert was routed to email' rather than 'the engineer missed the alert'.",
    "Bad: The on-call engineer missed the alert.",
    "\u274c Bob forgot to check the flag.",
    "Phrases such as \"dropped the ball\" shut down discussion.",
])
def test_counter_examples_are_not_flagged(text):
    assert scan(text) == []


def test_quoted_blame_without_a_cue_is_still_flagged():
    assert [h.kind for h in scan("The ticket said \"human error\".")] == ["blame-word"]
