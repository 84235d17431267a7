"""external: customer-facing postmortems leak nothing internal and answer the customer's questions.

A document is external when its metadata / front matter says ``audience: external`` or its path
matches one of ``external-paths`` (globs with ``**``). An explicit ``audience: internal`` wins
over a path glob. ``is_external`` is public so other families can skip internal-only checks.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator

from pmcheck.document.model import Document
from pmcheck.findings import Problem, Severity
from pmcheck.globs import path_matches
from pmcheck.options import Options
from pmcheck.rules import rule
from pmcheck.rules.examples import with_examples
from pmcheck.rules.fixes import section_end

# "@alice", "@org/team", and chat handles with underscores or dots ("@jane_doe", "@li.wei"),
# which name a person just as well: not part of an e-mail address, a URL path
# ("medium.com/@x") or a version ("pkg@1.2.3", "`pkg`@1.2.3"). A closing "." is not taken.
HANDLE = re.compile(r"(?<![\w.@/+-])@(?![\d.]+(?![\w-]))[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9])?"
                    r"(?:/[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9])?)?(?![\w@/]|\.\w)")
EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                   r"\.[A-Za-z]{2,}(?![\w-])")
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
# Shared mailboxes that belong to a function, not a person: fine in customer-facing text.
ROLE_MAILBOXES = frozenset({
    "support", "help", "helpdesk", "security", "status", "abuse", "privacy", "info",
    "contact", "noreply", "no-reply", "press", "legal", "sales", "billing", "hello",
    "feedback", "trust", "incidents", "customer-support", "customersupport"})


# ---------------------------------------------------------------------------------------------
# Audience

def is_external(doc: Document, opts: Options) -> bool:
    """Whether `doc` is a customer-facing postmortem (front matter first, then path globs)."""
    if doc.audience:
        return doc.audience.strip().lower() == "external"
    return path_matches(doc.path, opts.external_paths)


# ---------------------------------------------------------------------------------------------
# Text scanning (raw source lines: code blocks, link targets and front matter leak too)

def _scanned_lines(doc: Document) -> Iterator[tuple[int, str]]:
    directive_lines = {d.line for d in doc.directives}
    for number, text in enumerate(doc.lines, start=1):
        if number not in directive_lines:
            yield number, text


def _code_lines(doc: Document) -> set[int]:
    return {n for b in doc.blocks if b.kind == "code" for n in range(b.line, b.end_line + 1)}


def handles(text: str, in_code: bool = False) -> Iterator[re.Match[str]]:
    """@handles on one line; a scoped name in code (`@acme/widgets`) is a package, not a team."""
    spans = [] if in_code else [m.span() for m in CODE_SPAN.finditer(text)]
    for m in HANDLE.finditer(text):
        coded = in_code or any(a <= m.start() < b for a, b in spans)
        if not ("/" in m.group(0) and coded):
            yield m


def emails(text: str) -> Iterator[re.Match[str]]:
    """Personal e-mail addresses on one line (role mailboxes such as support@ are allowed)."""
    for m in EMAIL.finditer(text):
        if m.group(0).split("@", 1)[0].lower() not in ROLE_MAILBOXES:
            yield m


def _name_regex(name: str) -> re.Pattern[str]:
    # Whole word; "db-prod-3" must not match inside "db-prod-30" or "x.db-prod-3".
    return re.compile(r"(?<![\w.-])" + re.escape(name.strip()) + r"(?![\w-]|\.\w)",
                      re.IGNORECASE)


def external(sentence: str) -> str:
    """An external postmortem (front matter, title) holding one sentence."""
    return f"---\naudience: external\n---\n# Checkout errors on 14 March\n\n{sentence}"


def _leaks(doc: Document, opts: Options, find: Callable[[int, str], Iterable[re.Match[str]]],
           message: str, hint: str, subject: Callable[[str], str] = str):
    """One finding per match of `find(line number, text)` on the scanned lines of an external
    document; `message` is formatted with the matched text as {0}."""
    if not is_external(doc, opts):
        return
    for number, text in _scanned_lines(doc):
        for m in find(number, text):
            yield Problem(number, message.format(m.group(0)), column=m.start() + 1, hint=hint,
                          subject=subject(m.group(0)))


@rule("external.handle", Severity.ERROR)
@with_examples(external("@marcus rolled back the configuration at 10:38 UTC."),
               external("Our engineers rolled back the configuration at 10:38 UTC."))
def check_handle(doc: Document, opts: Options):
    """An external postmortem mentions a GitHub @handle.

    Customer-facing write-ups speak for the company, not for individual engineers: a handle
    names a person to the public (and may invite them to be contacted or blamed) and pings them
    wherever the text is rendered on GitHub. Every line is checked, code blocks and front matter
    included, because the source is what gets published; a scoped package name in code
    (`@acme/widgets`) and versions (`widgets@1.2.3`) are not handles; chat handles with an
    underscore or a dot (`@jane_doe`, `@li.wei`) are. Applies only to external
    documents (`audience: external`, or a path matching `external-paths`).
    """
    code = _code_lines(doc)
    yield from _leaks(doc, opts, lambda n, text: handles(text, n in code),
                      "The external postmortem names {0}.",
                      "Refer to teams by what they do (\"our engineers\", \"the database "
                      "team\") in customer-facing text.")


@rule("external.email", Severity.ERROR)
@with_examples(external("Questions? Write to priya.shah@example.com."),
               external("Questions? Write to support@example.com."))
def check_email(doc: Document, opts: Options):
    """An external postmortem contains an e-mail address.

    Personal addresses in a public write-up expose people and invite spam. Shared role
    mailboxes (support@, security@, status@, privacy@ and similar) are allowed: point customers
    to those instead. Applies only to external documents.
    """
    yield from _leaks(doc, opts, lambda n, text: emails(text),
                      "The external postmortem contains the e-mail address {0}.",
                      "Remove the address or point readers to the public support channel.")


@rule("external.internal-name", Severity.ERROR)
@with_examples(external("The primary database db-prod-3 ran out of connections."),
               external("Our primary checkout database ran out of connections."))
def check_internal_name(doc: Document, opts: Options):
    """An external postmortem mentions a configured internal name or hostname.

    Internal service names, hostnames and codenames mean nothing to customers and reveal
    infrastructure details. Matching is whole-word and case-insensitive. Options:
    `internal-names` (the list to look for; the rule is silent while it is empty). Applies only
    to external documents. The examples assume `internal-names: [db-prod-3]`.
    """
    regexes = [_name_regex(n) for n in opts.internal_names if n.strip()]
    yield from _leaks(doc, opts,
                      lambda n, text: (m for regex in regexes for m in regex.finditer(text)),
                      "The external postmortem mentions the internal name \"{0}\".",
                      "Describe the component by what it does for customers (\"our payment "
                      "database\"), not by its internal name.", subject=str.lower)


@rule("external.section-missing", Severity.ERROR)
def check_sections(doc: Document, opts: Options):
    """An external postmortem lacks one of the sections customers look for.

    A customer-facing postmortem must answer four questions: what happened, how long customers
    were affected, what we did, and what we will do to prevent it from happening again. A
    section that is present but empty counts as missing. Options: the template's
    `external-required` sections. Applies only to external documents.

    Fails:

        ```markdown
        ---
        audience: external
        ---
        # Checkout errors on 14 March

        ## What Happened

        Some checkout requests failed.
        ```

    Passes:

        ```markdown
        ---
        audience: external
        ---
        # Checkout errors on 14 March

        ## What Happened

        Some checkout requests failed.

        ## How Long Customers Were Affected

        47 minutes, from 10:05 to 10:52 UTC.

        ## What We Did

        We reverted the configuration change.

        ## What We Will Do To Prevent Recurrence

        Capacity settings will be load-tested before release.
        ```
    """
    if not is_external(doc, opts):
        return
    for key in opts.template.external_required:
        name = opts.template.display(key)
        section = doc.section(key)
        if section is None:
            line = doc.title.line if doc.title else 1
            yield Problem(line, f"The external postmortem has no \"{name}\" section.",
                          hint=f"Add a \"## {name}\" section written for customers.",
                          subject=key)
        elif not section.has_content:
            yield Problem(section.line, f"The \"{section.title}\" section is empty.",
                          end_line=section_end(doc, section),
                          hint=f"Answer \"{name}\" for customers in a few sentences.",
                          subject=key)
