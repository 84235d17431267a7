"""Section templates: canonical section keys, their display names and aliases.

A template says which sections a postmortem must have and which heading texts count as each
section. Presets cover the section sets real teams use; `.pmcheck.yml` picks one with
``template: <name>`` and may add aliases or change the required list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pmcheck.headings import concept, key_words, near, words

# canonical key -> (display name, aliases). Matching is case-insensitive after normalise_heading.
SECTION_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "summary": ("Summary", ("executive summary", "overview", "incident summary", "tl;dr", "tldr")),
    "impact": ("Impact", ("customer impact", "user impact", "business impact")),
    "timeline": ("Timeline", ("incident timeline", "timeline of events", "chronology",
                              "detailed timeline", "timeline utc")),
    "root-cause": ("Root Cause", ("root causes", "root cause analysis", "rca", "cause",
                                  "causes")),
    "contributing-factors": ("Contributing Factors", (
        "contributing factor", "5 whys", "five whys", "5-whys", "whys",
        "contributing factors 5 whys", "contributing factors and 5 whys", "analysis")),
    "what-went-well": ("What Went Well", ("went well", "things that went well",
                                          "what went right", "where we got lucky",
                                          "what worked")),
    "what-went-wrong": ("What Could Have Gone Better", (
        "what went wrong", "what could have gone better", "things that went wrong",
        "what didnt go well", "what did not go well", "what could be improved",
        "what could have been better", "areas for improvement", "what went poorly",
        "what went badly", "what didnt work", "what did not work", "what didnt go so well")),
    "lessons-learned": ("Lessons Learned", ("lessons", "learnings", "takeaways")),
    "action-items": ("Action Items", (
        "action item", "actions", "corrective actions", "corrective and preventative actions",
        "follow-ups", "follow ups", "followups", "follow-up actions", "remediation",
        "remediations", "remediation items", "next steps", "todo", "to do",
        "action items followups", "action items and follow-ups")),
    "detection": ("Detection", ("how was it detected",)),
    "resolution": ("Resolution", ("mitigation", "recovery", "resolution and recovery")),
    "trigger": ("Trigger", ()),
    # external (customer-facing) sections
    "what-happened": ("What Happened", ("what happened", "incident description",
                                        "description")),
    "customer-duration": ("How Long Customers Were Affected", (
        "duration", "how long were customers affected", "duration and impact",
        "customer impact duration")),
    "what-we-did": ("What We Did", ("what we did", "our response", "how we responded",
                                    "response")),
    "prevention": ("What We Will Do To Prevent Recurrence", (
        "prevention", "preventing recurrence", "next steps", "what we are doing",
        "what we will do", "how we will prevent this", "preventive measures")),
}

# a section written for another audience or template that stands where this one belongs
COUNTERPART = {"prevention": "action-items", "what-happened": "timeline",
               "what-we-did": "resolution", "customer-duration": "impact"}


def normalise_heading(text: str) -> str:
    """'5 Whys:' / 'Root-cause (RCA)' -> '5 whys' / 'root-cause rca'. Drops numbering like '3.'."""
    t = text.strip().lower()
    t = re.sub(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+\.)\s+", "", t)  # "3. Timeline", "ii. Impact"
    t = t.replace("\u2019", "'").replace("'", "")
    t = re.sub(r"[^\w\s/-]", " ", t)
    t = re.sub(r"[\s/]+", " ", t).strip()
    return t


@dataclass(frozen=True)
class Template:
    name: str
    required: tuple[str, ...]  # canonical keys that must be present and non-empty
    # (earlier, later) pairs of keys that must appear in this order when both are present
    order: tuple[tuple[str, str], ...] = ()
    # extra aliases on top of SECTION_NAMES: canonical key -> aliases
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    external_required: tuple[str, ...] = ("what-happened", "customer-duration", "what-we-did",
                                          "prevention")
    _lookup: dict = field(default_factory=dict, compare=False, repr=False)

    def display(self, key: str) -> str:
        return SECTION_NAMES.get(key, (key.replace("-", " ").title(), ()))[0]

    def resolve(self, heading_text: str) -> str | None:
        """Canonical key for a heading, or None when the heading is not a known section.

        Names are compared by their content words (pmcheck.headings.key_words), so case,
        punctuation, numbering, markers like '{WIP}' or '(all times UTC)', plurals and
        British spellings do not matter; configured aliases win over built-in names, and
        built-in names over section concepts ('Response timeline' -> timeline)."""
        if not self._lookup:
            table: dict[str, str] = {}
            for key, (name, aliases) in SECTION_NAMES.items():
                for a in (name, *aliases):
                    table.setdefault(" ".join(words(a)), key)
                    table.setdefault(" ".join(key_words(a)), key)
            for key, aliases in self.aliases:  # configured aliases win
                for a in aliases:
                    table[" ".join(words(a))] = key
                    table[" ".join(key_words(a))] = key
            self._lookup.update(table)
        for form in (words(heading_text), key_words(heading_text)):
            hit = self._lookup.get(" ".join(form))
            if hit is not None:
                return hit
        return concept(heading_text)

    def names(self) -> dict[str, list[str]]:
        """Every known name of each section: built-in and configured aliases."""
        out: dict[str, list[str]] = {k: [n, *a] for k, (n, a) in SECTION_NAMES.items()}
        for key, aliases in self.aliases:
            out.setdefault(key, []).extend(aliases)
        return out

    def looks_like(self, heading_text: str, wanted: tuple[str, ...]) -> str | None:
        """Which of the `wanted` sections a heading resembles without naming it, or None.
        A heading that names one of them is not a look-alike; one that names another section
        ('Prevention', an external-audience section) may still resemble a wanted one."""
        own = self.resolve(heading_text)
        if own in wanted:
            return None
        if own is not None and COUNTERPART.get(own) in wanted:
            return COUNTERPART[own]
        names = {k: v for k, v in self.names().items() if k in wanted}
        key = near(heading_text, names)
        return key if key in wanted else None

DEFAULT = Template(
    name="default",
    required=("timeline", "root-cause", "contributing-factors", "what-went-well",
              "what-went-wrong", "action-items"),
    order=(("what-went-well", "what-went-wrong"),),
)

# Google SRE book example postmortem: Summary, Impact, Root Causes, Trigger, Resolution,
# Detection, Action Items, Lessons Learned (What went well / wrong / lucky), Timeline.
GOOGLE_SRE = Template(
    name="google-sre",
    required=("summary", "impact", "root-cause", "trigger", "resolution", "detection",
              "action-items", "lessons-learned", "timeline"),
)

# PagerDuty postmortem template: Overview, What Happened, Contributing Factors, Resolution,
# Impact, Responders, Timeline, How'd we do (what went well / didn't), Action Items.
PAGERDUTY = Template(
    name="pagerduty",
    required=("summary", "contributing-factors", "resolution", "impact", "timeline",
              "what-went-well", "what-went-wrong", "action-items"),
    order=(("what-went-well", "what-went-wrong"),),
)

PRESETS: dict[str, Template] = {t.name: t for t in (DEFAULT, GOOGLE_SRE, PAGERDUTY)}
