"""Fixed blame phrases as data: (pattern, kind, message, hint, guards).

Pattern syntax is described in :mod:`pmcheck.language.lexicon`. Guards are optional keys:
``unless_next`` (the token after the match is one of these words), ``unless_prev`` (one of the
six tokens before the match is one of these words), ``unless_sentence`` (the sentence contains
one of these words), ``after_person`` (the match must follow a person noun phrase: "the DBA was
lazy", not "the consumer was lazy"), ``no_thing_subject`` (the subject, if one stands right
before the match, is a person: "git push did not pay attention to ..." is about code),
``mitigable`` (shorthand for
unless_prev=MITIGATING_BEFORE, so "reduce the risk of human error" is not blame).
"""

from __future__ import annotations

from pmcheck.language.lexicon import INCIDENT_ROLES, TECHNICAL_AFTER

HINT_HUMAN_ERROR = ("Ask what made the action possible and likely: what did the person see, "
                    "what safeguard was missing? e.g. \"the script accepted prod without a "
                    "confirmation prompt\".")
HINT_JUDGEMENT = ("Ask what the conditions were instead of judging the person: what did they "
                  "see, what competed for their time, what did the tools allow? e.g. \"the "
                  "step was manual, at 02:00, with no confirmation prompt\".")
HINT_ATTENTION = ("Ask what competed for attention: e.g. \"47 alerts fired that week, 60% of "
                  "them noise\".")
HINT_FAULT = ("Ask what allowed the failure instead of who is at fault: e.g. \"the DNS change "
              "needed no review and nothing alerted on the deleted record\".")

MSG_HUMAN_ERROR = "\"{phrase}\" names a person as the cause and ends the inquiry too early."
MSG_JUDGEMENT = "\"{phrase}\" is a judgement about a person, not a description of the system."
MSG_FAULT = "\"{phrase}\" assigns fault to a person instead of explaining the failure."

# Legal boilerplate (licence texts) uses "negligence" as a term of law.
LEGAL_WORDS = frozenset("liable liability tort damages warranty warranties licensor contract shall "
                         "injury indemnify".split())

_PERSONLIKE = "human|operator|pilot|user|engineer|developer|personnel|staff|people|manual"

BLAME_PHRASES: tuple[tuple[str, str, str, str, dict], ...] = (
    (f"{_PERSONLIKE} error|errors|mistake|mistakes", "blame-word", MSG_HUMAN_ERROR,
     HINT_HUMAN_ERROR, {"mitigable": True, "unless_next": TECHNICAL_AFTER}),
    ("human-error|operator-error", "blame-word", MSG_HUMAN_ERROR, HINT_HUMAN_ERROR,
     {"mitigable": True, "unless_next": TECHNICAL_AFTER}),
    ("careless|carelessly|carelessness", "blame-word",
     MSG_JUDGEMENT, HINT_JUDGEMENT, {"unless_prev": frozenset({"not", "never", "no"}),
                                     "unless_next": frozenset({"default", "defaults", "setting",
                                                               "settings", "configuration"})}),
    ("negligent|negligently|negligence", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT,
     {"unless_prev": frozenset({"not", "never", "no"}), "unless_sentence": LEGAL_WORDS}),
    ("sloppy|sloppiness", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT,
     {"unless_next": frozenset({"quorum", "quorums", "consistency", "hashing", "counter",
                                "mode"})}),
    ("incompetent|incompetence|reckless|recklessly|recklessness|irresponsible|irresponsibly",
     "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("complacent|complacency|laziness|unprofessional|inexcusable|idiotic|idiot|idiots|stupid",
     "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("so|too lazy", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    # "the consumer is lazy" is a design choice: only a person subject makes it a judgement.
    ("was|were|is|are|being|been lazy", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT,
     {"after_person": True}),
    ("lazy engineer|engineers|developer|developers|dev|devs|operator|operators|person|people"
     "|reviewer|reviewers|admin|admins|team|staff", "blame-word", MSG_JUDGEMENT,
     HINT_JUDGEMENT, {}),
    ("dumb|silly|rookie|stupid|careless|boneheaded|foolish|avoidable mistake|mistakes|error"
     "|errors", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("dropped|drop|drops|dropping the ball", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("asleep at the wheel|switch", "blame-word", MSG_JUDGEMENT, HINT_ATTENTION, {}),
    ("lapse|lapses|error|errors in judgment|judgement", "blame-word", MSG_JUDGEMENT,
     HINT_JUDGEMENT, {}),
    ("poor|bad|questionable judgment|judgement", "blame-word", MSG_JUDGEMENT,
     HINT_JUDGEMENT, {}),
    ("not|wasn't|weren't|isn't|aren't paying|pay attention", "blame-word", MSG_JUDGEMENT,
     HINT_ATTENTION, {"no_thing_subject": True}),
    ("failed|fail to pay attention", "blame-word", MSG_JUDGEMENT, HINT_ATTENTION,
     {"no_thing_subject": True}),
    ("pay|paying more|closer attention", "blame-word", MSG_JUDGEMENT, HINT_ATTENTION,
     {"unless_prev": frozenset({"we", "us", "our", "let's"})}),
    ("hold|holds|held|holding them|him|her|someone|somebody|people|engineers|individuals"
     " accountable", "blame-word", MSG_FAULT, HINT_FAULT, {}),
    ("hold|holds|held|holding the|that person|engineer|engineers|developer|developers|operator"
     "|team accountable", "blame-word", MSG_FAULT, HINT_FAULT, {}),
    ("person|people|engineer|engineers|developer|developers|individual|individuals|party"
     "|whoever|one|ones responsible|accountable for the|this|that? outage|outages"
     "|incident|breakage|mistake|error|failure|downtime", "blame-word", MSG_FAULT, HINT_FAULT,
     {"unless_next": INCIDENT_ROLES}),
    ("lack of attention|diligence|care|focus", "blame-word", MSG_JUDGEMENT, HINT_ATTENTION, {}),
    ("inattention|inattentive|inattentiveness", "blame-word", MSG_JUDGEMENT, HINT_ATTENTION,
     {}),
    ("should|should've have known better", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("be|been|being|was|were more careful|vigilant|attentive|diligent", "blame-word",
     MSG_JUDGEMENT, HINT_ATTENTION, {"no_thing_subject": True}),
    ("not|wasn't|weren't careful|attentive|diligent enough?", "blame-word", MSG_JUDGEMENT,
     HINT_ATTENTION, {"no_thing_subject": True}),
    ("someone's|somebody's|his|her|their|my fault", "blame-word", MSG_FAULT, HINT_FAULT, {}),
    ("blame lies|lay|rests|rested|falls|fell with|on", "blame-word", MSG_FAULT, HINT_FAULT,
     {}),
    ("cowboy deploy|deploys|deployment|change|changes|coding", "blame-word", MSG_JUDGEMENT,
     HINT_JUDGEMENT, {}),
    # Responsibility with a person subject: "Oluwaseun is responsible for the data loss".
    ("is|was|are|were solely|entirely|directly|fully|personally? responsible|accountable for"
     " the|this|that? outage|outages|incident|breakage|mistake|error|failure|downtime|data|loss",
     "blame-word", MSG_FAULT, HINT_FAULT, {"after_person": True, "unless_next": frozenset(
         "channel channels commander response process review reviews management comms "
         "communications doc docs log budget rate handling queue tooling runbook domain domains "
         "mode modes handler handlers injection testing tests detection".split())}),
    ("should|must|will|to be held accountable|responsible", "blame-word", MSG_FAULT,
     HINT_FAULT, {}),
    ("inexperienced|inexperience|misguided", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    # Judgement idioms.
    ("overconfident|overconfidence|cavalier|slapdash|half-assed|lax", "blame-word",
     MSG_JUDGEMENT, HINT_JUDGEMENT, {"unless_next": frozenset({"mode", "parsing", "schema",
                                                               "validation", "matching"})}),
    ("got|get|gets|getting|became|become|grew lazy|sloppy|careless|complacent|overconfident",
     "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("cut|cutting|cuts corners", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("couldn't|could not|can't|cannot be bothered", "blame-word", MSG_JUDGEMENT,
     HINT_JUDGEMENT, {}),
    ("didn't|never|nobody|no-one|noone bother|bothered to", "blame-word", MSG_JUDGEMENT,
     HINT_JUDGEMENT, {}),
    ("did|no not|one bother|bothered to", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("slept|sleeps|sleeping through the|a|an|two|three|several? page|pages|alert|alerts|alarm"
     "|alarms|pager", "blame-word", MSG_JUDGEMENT, HINT_ATTENTION, {}),
    ("know|knew|knows what he|she|they was|were|is|are doing", "blame-word", MSG_JUDGEMENT,
     HINT_JUDGEMENT, {}),
    ("outage|incident|failure|breakage|one|mess is|was|'s entirely|squarely|completely|all|100%?"
     " on", "blame-word", MSG_FAULT, HINT_FAULT, {"person_after": True, "named_after": True}),
    ("no|any idea what|how he|she|they|you was|were|is|are doing", "blame-word",
     MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("took|takes|take it upon himself|herself|themselves|themself", "blame-word",
     MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("out of his|her|their depth", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    # Responsibility idioms: "that's on me", "the outage is squarely on him", "my bad".
    ("responsibility|fault|fault's lies|lay|rests|rested|sits|falls|fell|is with|on",
     "blame-word", MSG_FAULT, HINT_FAULT, {"person_after": True}),
    ("squarely|entirely|completely|totally|100% on me|us|him|her|them|you", "blame-word",
     MSG_FAULT, HINT_FAULT, {"unless_next": frozenset({"to"})}),
    ("that's|it's|one's|this's|that|it|is|was on me|him|her", "blame-word", MSG_FAULT,
     HINT_FAULT, {"unless_next": frozenset({"to"})}),
    ("that's|it's|one's on us|them|the team", "blame-word", MSG_FAULT, HINT_FAULT,
     {"unless_next": frozenset({"to"})}),
    ("my bad", "blame-word", MSG_FAULT, HINT_FAULT, {}),
    ("outage|incident|failure|breakage|one|mess is|was|'s entirely|squarely|completely|all? 100 %"
     " on", "blame-word", MSG_FAULT, HINT_FAULT, {"person_after": True}),
    ("that's|it's|this's|one's on", "blame-word", MSG_FAULT, HINT_FAULT,
     {"person_after": True}),
    # Judgement words about people, as written in chat and in formal reports alike.
    ("arrogant|arrogance|menace|menaces", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("should|must be embarrassed|ashamed", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("embarrassing for people|engineers|a team|the team|someone", "blame-word", MSG_JUDGEMENT,
     HINT_JUDGEMENT, {}),
    ("can't|cannot|couldn't be trusted", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT,
     {"no_thing_subject": True}),
    ("can not|could not be trusted", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT,
     {"no_thing_subject": True}),
    ("too much to ask", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("didn't|doesn't|don't|never care|cared enough", "blame-word", MSG_JUDGEMENT,
     HINT_JUDGEMENT, {"no_thing_subject": True}),
    ("didn't|doesn't|don't care about", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT,
     {"after_person": True}),
    ("never learn|learns", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("half-asleep|half-assed|cursory", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("unacceptable that", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("this|that|it is|was not acceptable", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("rubber-stamp|rubber-stamped|rubber-stamps|rubber-stamping|rubberstamped", "blame-word",
     MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("a rubber stamp", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("rubber stamped|stamping", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("fat-fingered|fat-finger|fat-fingering|fatfingered", "blame-word", MSG_JUDGEMENT,
     HINT_JUDGEMENT, {}),
    ("fat fingered", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("any|a competent", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("the genius who|that", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("a|any more experienced|senior|competent engineer|person|sre|developer|operator would",
     "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("yolo|yolo-deploying|yolo-deployed|yolo-merging|yolo-merged|yolo-deploy|yolo-merge",
     "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("lack of discipline|professionalism|rigour|rigor|accountability|ownership", "blame-word",
     MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("failure|failures of leadership|ownership|discipline", "blame-word", MSG_JUDGEMENT,
     HINT_JUDGEMENT, {}),
    ("insufficient|inadequate care|diligence", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT,
     {}),
    ("in his|her|their infinite wisdom", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("whose bright|brilliant idea", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("someone|somebody|anyone competent", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("strikes again", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("a people problem", "blame-word", MSG_FAULT, HINT_FAULT, {}),
    ("on a whim", "blame-word", MSG_JUDGEMENT, HINT_JUDGEMENT, {}),
    ("blame|blamed myself|ourselves|himself|herself", "blame-word", MSG_FAULT, HINT_FAULT, {}),
    ("squarely the? fault|responsibility of", "blame-word", MSG_FAULT, HINT_FAULT, {}),
    ("take|took|takes|taking full|complete|sole? responsibility for? the? mistake|error|outage"
     "|incident|screw-up", "blame-word", MSG_FAULT, HINT_FAULT, {}),
)

# Action items that change a person rather than a system.
PERSON_FIX_PHRASES: tuple[str, ...] = (
    "retrain|re-train|retraining|re-training|retrained|re-educate|re-educating",
    "discipline|disciplinary|disciplined|reprimand|reprimanded|reprimanding",
    "written|verbal|formal|final warning",
    "performance improvement plan|plans",
    "pip",
    "performance review|reviews|conversation",
    "be|being more careful|vigilant|attentive|diligent|cautious",
    "take more care",
    "more care|caution",
    "be careful",
    "pay|paying more|closer attention",
    "more attention",
    "try harder",
    "double-check more carefully",
    "hold accountable",
    "held accountable",
    "write up",
    "not do this|that|it again",
    "never do this|that|it again",
    "don't do this|that|it again",
    "lessons for the engineer|engineers|developer|developers|operator|team",
)

# Verbs aimed at people in an action item. ALWAYS: any object counts ("remind everyone").
# BEHAVIOUR: a person or people followed by to/about/that/not ("tell engineers to ...").
# Others ("train", "coach", "fire"): only a named individual ("retrain Bob", "coach @alice").
PERSON_FIX_ALWAYS = frozenset("""
remind reminding reminded scold scolding counsel counseling counselling demote reprimand
""".split())
PERSON_FIX_BEHAVIOUR = frozenset("""
tell telling instruct instructing warn warning ask asking
""".split())
PERSON_FIX_VERBS = PERSON_FIX_ALWAYS | PERSON_FIX_BEHAVIOUR | frozenset("""
train training educate educating coach coaching fire terminate dismiss hold
""".split())
# Plural people objects ("remind engineers to ...").
PEOPLE_OBJECTS = frozenset("""
everyone everybody people engineers developers devs staff team teams operators on-call
oncall sres dbas reviewers admins employees contractors interns him her them all
""".split())
