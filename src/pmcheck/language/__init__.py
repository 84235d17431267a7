"""The blame-language engine: find blame, person-as-cause, counterfactual and blame-question
phrasing in postmortem prose, with a systemic reframing for each.

Public API (other modules depend on these names):

- :func:`scan` — every :class:`Hit` in a text;
- :func:`document_context` — the people and systems a document names, for ``scan(context=)``;
- :func:`person_failure_subject` — the person phrase failing in one sentence, or None;
- :func:`person_fix` — the phrase when an action item fixes a person, or None;
- :func:`is_person_phrase` — is a short text (a table cell) one person phrase?
- :func:`sentences` — sentence spans following Markdown structure.

The engine is a transparent rule engine: word lists in :mod:`~pmcheck.language.lexicon` and
:mod:`~pmcheck.language.phrases`, scanned token by token with bounded look-around, so the work
is linear in the length of the text.
"""

from pmcheck.language.engine import (
    Hit, document_context, is_person_phrase, person_failure_subject, person_fix, scan,
)
from pmcheck.language.text import sentences

__all__ = ["Hit", "document_context", "is_person_phrase", "person_failure_subject", "person_fix", "scan",
           "sentences"]
