"""Hypothesis strategies that build postmortem-like Markdown from grammar pieces.

A document is a list of pieces (headings, metadata lines, timeline bullets and tables, why /
because lines, action tables and checklists, front matter, directives, code fences, HTML,
random Unicode, pathological runs), joined with a random mix of line endings. Each piece is
small and plausible on its own; the fun is in the odd values (25:61, 2026-02-30, rows with
missing or extra cells, unclosed fences, YAML tags) and in how the pieces meet.
"""

from __future__ import annotations

from hypothesis import strategies as st

# Text without lone surrogates (a file read from disk never holds one; see invariants.py).
UNICODE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
ODD_CHARS = st.sampled_from([
    "\t", "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\u200b", "\u200d",
    "\ufeff", "\ufffd", "\u202e", "\u0301", "\U0001F525", "\U000E0001", "\\", "|", "`", "*",
    "_", "[", "]", "<", ">", "&", "#", "~", ":", "\u2014", "\u2192", "\u00a0", "\u3000",
])
WORDS = st.sampled_from([
    "deploy", "rollback", "the database", "alerts fired", "on-call paged", "Bob", "@alice",
    "@org/team", "the reviewer", "engineers", "cache", "retrain", "be more careful",
    "UTC", "TBD", "n/a", "-", "", "2026-03-14", "P1", "done", "open", "\u2014",
])
LINE_ENDS = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"])


@st.composite
def inline_text(draw) -> str:
    parts = draw(st.lists(st.one_of(WORDS, UNICODE, ODD_CHARS, st.sampled_from([
        "**bold**", "_it_", "`code`", "``", "[link](http://x)", "[x]", "<b>", "</b>",
        "<!-- c -->", "~~s~~", "\\|", "&amp;", "&#0;", "&#xFFFFFF;", "![i](x.png)",
    ])), max_size=6))
    return " ".join(parts)


SECTION_NAMES = st.sampled_from([
    "Timeline", "Root Cause", "Root Causes", "Contributing Factors", "5 Whys", "Five Whys",
    "What Went Well", "What Could Have Gone Better", "What went wrong", "Action Items",
    "Corrective Actions", "Follow-ups", "Remediation", "Lessons Learned", "Summary", "Impact",
    "Prevention", "Detection", "Resolution", "Trigger", "Incident", "Postmortem",
    "Customer Impact", "What happened", "Action Items & Followups", "",
])


@st.composite
def heading(draw) -> str:
    name = draw(st.one_of(SECTION_NAMES, inline_text()))
    if draw(st.integers(0, 5)) == 0:  # setext
        return f"{name}\n" + draw(st.sampled_from(["===", "---", "=", "-"]))
    hashes = "#" * draw(st.integers(1, 7))
    space = draw(st.sampled_from([" ", "  ", "\t", ""]))
    closing = draw(st.sampled_from(["", " #", " ###", " #x"]))
    return f"{hashes}{space}{name}{closing}"


DAYS = st.sampled_from([
    "2026-03-14", "2026-02-30", "0000-00-00", "9999-12-31", "0001-01-01", "2026-13-45",
    "3/14/2026", "14/3/2026", "99/99/9999", "02-29-23", "1-1", "Mar 14", "Sept 31, 2026",
    "October 29-30, 2025", "31st Feb 2024", "Monday, 2026-03-16", "Jan 0, 0000", "12/31/99",
])
TIMES = st.sampled_from([
    "14:05", "9:5", "25:61", "23:59:60", "00:00", "12:00 PM", "0 AM", "13 pm", "12:00 a.m.",
    "1625", "9999", "99:99:99", "~14:05", "\u224814:05", "24:00", "7:00PM", "00:60",
])
ZONES = st.sampled_from(["", " UTC", " Z", " UTC+14", " UTC-99:99", " GMT+1", " +05:30",
                         " PST", " XYZ", " +9999"])


@st.composite
def meta_line(draw) -> str:
    key = draw(st.sampled_from([
        "Date", "date", "Incident date", "Severity", "sev", "Duration", "Impact", "Author",
        "Authors", "Reviewers", "Responders", "Incident team", "Facilitator", "Incident owner",
        "Owner", "Published", "Audience", "Status", "Time to resolve", "Unknown key",
    ]))
    value = draw(st.one_of(DAYS, TIMES, WORDS, inline_text(), st.sampled_from([
        "P1", "P9", "SEV-1", "47 minutes", "1h 30m", "forever", "-5 minutes", "99999999 hours",
        "external", "EXTERNAL", "@a, @b and @c", "@a;;@b", "2026-03-15", "",
    ])))
    shape = draw(st.sampled_from(["{k}: {v}", "- **{k}:** {v}", "**{k}**: {v}", "| {k} | {v} |",
                                  "{k}:{v}", "* __{k}__: {v}"]))
    return shape.format(k=key, v=value)


@st.composite
def timeline_bullet(draw) -> str:
    lead = draw(st.sampled_from(["- ", "* ", "1. ", "", "- [ ] ", "  - ", "> - "]))
    date = draw(st.one_of(st.just(""), DAYS.map(lambda d: d + " ")))
    wrap = draw(st.sampled_from(["{}", "**{}**", "`{}`", "[{}]", "({})", "{}:"]))
    sep = draw(st.sampled_from([": ", " ", " - ", " | ", " \u2014 ", ""]))
    return f"{lead}{date}{wrap.format(draw(TIMES) + draw(ZONES))}{sep}{draw(inline_text())}"


def _cells(draw, values, width: int) -> str:
    n = width + draw(st.integers(-width, 3))  # missing or extra cells
    cells = [draw(values) for _ in range(max(0, n))]
    lead = draw(st.sampled_from(["| ", "|", ""]))
    tail = draw(st.sampled_from([" |", "|", "", " | |", " \\|"]))
    return lead + " | ".join(cells) + tail


@st.composite
def table(draw, headers) -> str:
    cols = draw(st.lists(headers, min_size=1, max_size=7))
    width = len(cols)
    head = "| " + " | ".join(cols) + " |"
    delim = "|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:", "-"]))
                           for _ in range(width + draw(st.integers(0, 1)))) + "|"
    values = st.one_of(DAYS, TIMES, WORDS, inline_text(), st.sampled_from([
        "@alice", "@org/team", "P1", "P2", "P7", "completed", "in progress", "wontfix", "OPS-12",
        "#45", "TBD", "",
    ]))
    rows = [_cells(draw, values, width) for _ in range(draw(st.integers(0, 5)))]
    return "\n".join([head, delim, *rows])


TIMELINE_HEADERS = st.sampled_from(["Time", "Time (UTC)", "Date", "Day", "Event", "When",
                                    "Description", "Timestamp", "UTC", "Notes", "", "x"])
ACTION_HEADERS = st.sampled_from(["Action", "Item", "Task", "Owner", "Assignee", "DRI", "Due",
                                  "Due date", "Deadline", "Priority", "Pri", "Status", "State",
                                  "Ticket", "Issue", "Link", "Notes", "", "P", "Who"])


@st.composite
def why_line(draw) -> str:
    return draw(st.sampled_from([
        "Why did {t}?", "1. **Why {t}?** Because {t}.", "\u2192 Because {t}", "-> because {t}",
        "Because {t}", "=> Because {t}", "Q1: Why {t}? A1: Because {t}", "Systemic factor: {t}",
        "**Systemic cause:** {t}", "Why?", "Because", "- Why {t}?", "  \u2192 Because {t}",
    ])).format(t=draw(inline_text()))


@st.composite
def action_bullet(draw) -> str:
    box = draw(st.sampled_from(["- [ ] ", "- [x] ", "- [X] ", "- ", "* [ ]", "1. [ ] "]))
    extras = draw(st.lists(st.sampled_from([
        "owner: @alice", "owner:", "due: 2026-03-22", "due: 2026-02-31", "due: 9999-99-99",
        "P1", "P0", "priority: P9", "status: done", "state: ???", "ticket: OPS-1", "@bob",
        "(owner @a, due 2026-03-20)", "\u2014", "--", "|", "by: tomorrow",
    ]), max_size=4))
    return box + draw(inline_text()) + " " + ", ".join(extras)


@st.composite
def front_matter(draw) -> str:
    entries = draw(st.lists(st.sampled_from([
        "date: 2026-03-14", "date: 2026-02-30", "date: 2026-03-14T25:00:00", "date: [1, 2]",
        "severity: P2", "severity: {a: b}", "severity: !!binary aGVsbG8=", "author: ~",
        "reviewers: [@a]", "reviewers: ['@a', 2, null, [x]]", "responders:\n  - a\n  - b",
        "audience: external", "audience: [external]", "audience: 5", "status: yes",
        "? [complex, key]\n: value", "1: integer key", "null: x", "~: y", "date: &a 2026-01-01",
        "published: *a", "duration: 1e400", "impact: |\n  multi\n  line", "impact: >-\n  folded",
        "date: !custom x", "date: !!timestamp bad", "a: b: c", "  bad: indent", "- a list",
        "key: 'unclosed", 'key: "\\xZZ"', "key: \t tab", "<<: {date: 2026-03-14}",
        "<<: *undefined", "date: 2026-3-4", "date: 20260314", "dup: 1\ndup: 2",
        "severity: " + "x" * 300, "tags: {" * 5, "date: 0000-00-00",
    ]), max_size=6))
    closing = draw(st.sampled_from(["---", "...", "--- ", "", "----"]))
    return "\n".join(["---", *entries, closing])


@st.composite
def directive(draw) -> str:
    kind = draw(st.sampled_from(["disable", "enable", "disable-next-line", "disablee", "Disable"]))
    rules = draw(st.sampled_from(["", "all", "actions", "actions.owner-missing", "a,b  c",
                                  "--", "-- --", "timeline.*"]))
    reason = draw(st.sampled_from(["", " -- reason", " --", " -- -->", " -- <!-- x"]))
    close = draw(st.sampled_from([" -->", "-->", "", " --!>"]))
    return f"<!-- pmcheck-{kind} {rules}{reason}{close}"


@st.composite
def code_fence(draw) -> str:
    fence = draw(st.sampled_from(["```", "~~~", "````", "``` python", "~~~~~~ x`y"]))
    body = draw(st.lists(st.one_of(meta_line(), timeline_bullet(), why_line(), inline_text()),
                         max_size=3))
    close = draw(st.sampled_from([fence.split(" ")[0], "", "```", "~~~"]))
    return "\n".join([fence, *body, close])


HTML = st.sampled_from([
    "<table><tr><td>x</td></tr></table>", "<TABLE>", "<div>\n\n## Timeline\n\n</div>",
    "<!--", "<!-- unclosed comment\n## Action Items", "-->", "<details><summary>s</summary>",
    "<script>alert(1)</script>", "<pre>\n- 14:05 x\n</pre>", "<?php x ?>", "<![CDATA[ x ]]>",
    "<!DOCTYPE html>", "<br/>", "</p></p></p>", "<a href='", "<img src=x onerror=y>",
])


@st.composite
def pathological(draw) -> str:
    n = draw(st.integers(1, 200))
    return draw(st.sampled_from([
        "> " * n + "x", "- " * n + "x", "  " * n + "- x", "*" * n, "`" * n, "[" * n, "]" * n,
        "(" * n, "_" * n, "<" * n, "!" * n + "[", "|" * n, "#" * n, "\\" * n, "[x](" * n,
        "**a" * n, "Why " * n + "?", "\u2192 " * n, "1. " * n, "~" * n, "&" * n + ";",
    ]))


@st.composite
def piece(draw) -> str:
    return draw(st.one_of(
        heading(), meta_line(), timeline_bullet(), why_line(), action_bullet(),
        table(TIMELINE_HEADERS), table(ACTION_HEADERS), directive(), code_fence(), HTML,
        inline_text(), pathological(), st.just(""), st.just("    indented code"),
        st.just("---"), st.just("***"), DAYS.map(lambda d: "### " + d),
    ))


@st.composite
def document(draw) -> str:
    """A postmortem-like text: optional front matter, then pieces, odd line endings."""
    pieces = []
    if draw(st.booleans()):
        pieces.append(draw(front_matter()))
    pieces += draw(st.lists(piece(), max_size=25))
    out = []
    for p in pieces:
        out.append(p.replace("\n", draw(LINE_ENDS)))
        out.append(draw(LINE_ENDS) * draw(st.integers(1, 2)))
    text = "".join(out)
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


@st.composite
def raw_bytes(draw) -> bytes:
    """Random bytes, or a document's UTF-8 with random bytes spliced in."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=400))
    data = bytearray(draw(document()).encode("utf-8"))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=4))
    return bytes(data)
