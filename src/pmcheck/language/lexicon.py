"""Word lists the blame engine reads. Pure data: no logic, no regular expressions.

Phrase patterns are written as space-separated slots; a slot lists alternatives with "|" and
ends in "?" when optional ("dropped|drops the ball"). Matching is on lower-cased tokens, where a
token is a word (hyphens and apostrophes kept inside: "on-call", "didn't", "someone's").
"""

from __future__ import annotations

# --- people -----------------------------------------------------------------------------------

# Nouns that name a person by role when they head a noun phrase ("the on-call engineer").
ROLE_HEADS = frozenset("""
engineer engineers developer developers dev devs programmer programmers coder coders
sre sres dba dbas reviewer reviewers sysadmin sysadmins administrator administrators
intern interns contractor contractors tester testers qa responder responders on-call oncall
on-caller on-callers manager managers committer committers maintainer maintainers
employee employees staff staffer person someone somebody colleague colleagues teammate
teammates team analyst analysts architect architects technician technicians
commander coordinator hire hires newbie newcomer newcomers junior juniors devops
folks guys supervisor supervisors clerk clerks moderator moderators designer designers
producer producers director directors cto ceo cio ciso vp leadership nurse nurses physician
physicians specialist specialists consultant consultants owner owners captain officer officers
""".split())

# Role nouns that are also software words ("the Kubernetes operator"): a person only when
# every modifier in front of them is a determiner or a PERSON_MODIFIERS word.
AMBIGUOUS_HEADS = frozenset("""
operator operators admin admins ops author authors lead leads support ic
group groups department departments division
""".split())

PERSON_MODIFIERS = frozenset("""
on-call oncall primary secondary junior senior new responding human same other assigned
release incident shift night weekend duty tech team technical project the a an our their his
her my your one another this that ops database system systems site support infra
infrastructure platform security network sre devops change code pr
""".split())

DETERMINERS = frozenset("""
the a an our their his her my your one another this that these those some two three several
both each every any
""".split())

# Subject pronouns that always mean a person.
PERSON_PRONOUNS = frozenset("he she i someone somebody".split())
# Pronouns that mean a person only with a person-only verb ("they forgot").
WEAK_PRONOUNS = frozenset("they".split())

# Capitalised at the start of a sentence but never an unknown name ("It forgot" is not a
# person; "We forgot" is the team owning its part, which blameless writing encourages).
NOT_NAMES = frozenset("""
it this that these those there here what which nothing everything none we you
""".split())

# Common given names (international). Words that are also ordinary English or software words
# (Will, May, Mark, Max, Ray, Jenkins...) are left out on purpose.
FIRST_NAMES = frozenset(name.lower() for name in """
Aaron Abby Abdul Adam Adrian Ahmed Aisha Alan Alex Alexander Alexandra Alice Alicia Alison
Amanda Amara Amelia Amir Amit Amy Ana Andrea Andrew Andy Angela Anil Anita Ann Anna Anne
Anthony Antonio Arjun Arun Ashley Ben Benjamin Beth Bill Bob Bobby Brad Brandon Brian Bruno
Caleb Carl Carla Carlos Carol Caroline Catherine Charles Charlie Chen Chloe Chris Christine
Christopher Claire Colin Connor Craig Dan Dana Daniel Danielle Dave David Deepak Denise Derek
Diana Diego Dmitri Dmitry Emily Emma Eric Erik Ethan Eve Fatima Felix Fernando Fiona Frank
Gabriel Gary George Greg Gregory Hannah Hans Harry Hassan Heather Helen Henry Hiroshi Ian Igor
Ingrid Isaac Ivan Jack Jacob Jake James Jamie Jane Janet Jason Javier Jeff Jennifer Jenny
Jeremy Jessica Jim Joan Joe Joel John Jon Jonathan Jorge Jose Joseph Josh Joshua Juan Julia
Julie Justin Karen Karl Kate Katie Kathy Kelly Ken Kenji Kevin Kim Kyle Laura Lauren Leo Liam
Linda Lisa Lucas Lucy Luis Luke Maria Marco Marcus Marie Marta Martin Mary Matt Matthew
Mei Michael Michelle Miguel Mike Mohammed Muhammad Nadia Nancy Natalie Nathan Neil Nick
Nicole Nina Noah Olga Oliver Olivia Omar Oscar Pablo Patrick Paul Pedro Peter Phil Philip
Pierre Priya Rachel Rahul Raj Rajesh Ravi Rebecca Ricardo Richard Rick Rob Robert Rohan Ryan
Sam Samantha Samuel Sandra Sara Sarah Scott Sean Sergei Sergey Shawn Simon Sofia Sophia
Sophie Stefan Stephanie Stephen Steve Steven Sue Susan Tanya Thomas Tim Timothy Tina Tobias
Tom Tony Tyler Valentina Vanessa Victor Vikram Vincent Wei Wendy William Xavier Yuki Yusuf
Zach Zoe
""".split())

# A word before a subject that makes the noun phrase an object, not a subject.
NON_SUBJECT_BEFORE = frozenset("""
to for of by with from on at in into onto about via than like per toward towards behind
between among against without within through under over upon 's
paged pages alerted alerts notified notifies woke wakes pinged pings messaged emailed
informed contacted
""".split())  # the last two lines: people as recipients ("the alert paged the engineer")

# Short phrases after a person that keep it the subject ("the engineer on call missed").
POSTMODIFIERS = (
    ("who", "was", "on", "call"), ("who", "was", "on", "duty"), ("on", "call"), ("on", "duty"),
    ("on", "shift"), ("in", "charge"),
)

# Words that may stand between a subject and its verb ("Bob then forgot").
BETWEEN_SUBJECT_AND_VERB = frozenset("""
also then simply just apparently again still initially subsequently later once had has have
was were is are already unfortunately reportedly quickly first themselves himself herself
repeatedly clearly obviously knowingly deliberately personally
""".split())

# Between a subject and a judgement ("Bob was not paying attention", "it did not pay ...").
AUXILIARIES = BETWEEN_SUBJECT_AND_VERB | frozenset(
    "did does do been being should must need needs needed to will would could".split())
# Words after which no subject is in view ("tired and not paying attention").
CLAUSE_OPENERS = frozenset("and or but because so while when as since".split())

# --- verbs ------------------------------------------------------------------------------------

# Verbs only a person does: any person subject counts, including "they" and unknown names.
PERSON_ONLY_VERBS = frozenset("""
forgot forgets forgotten neglected neglects overlooked overlooks misread
misreads mistyped mistypes misjudged misjudges mishandled mishandles botched botches
fat-fingered blundered goofed rubber-stamped rubber-stamps force-pushed force-pushes
yolo-deployed yolo-deploys
""".split())

# Two-word person-only predicates.
PERSON_ONLY_PAIRS = frozenset({
    ("screwed", "up"), ("messed", "up"), ("slipped", "up"),
})

# Verbs that, after "did not"/"didn't"/"never"/"failed to"/"neglected to", describe a lapse
# in diligence rather than a missing capability ("didn't have access" is not a lapse).
DILIGENCE_VERBS = frozenset("""
check verify test validate confirm review catch escalate respond acknowledge ack look wait
update communicate notify inform report monitor run consult coordinate announce document
back take follow read notice realize realise double-check see heed investigate page ask tell
mention remember roll revert inspect watch pay bother answer reply call proofread rotate
renew revoke patch disable drain
""".split())
# Strong subset: with these, "they didn't ..." also counts.
STRONG_DILIGENCE_VERBS = frozenset("""
notice realize realise double-check read follow pay bother heed proofread
""".split())

# Adverbs between "did not" and its verb ("didn't even check", "did not bother to").
SOFT_ADVERBS = frozenset("even properly actually fully carefully always ever bother to".split())
# Past forms whose base is not the form minus "-ed" ("ran" -> "run").
IRREGULAR_BASE = {
    "saw": "see", "seen": "see", "took": "take", "taken": "take", "ran": "run", "caught": "catch",
    "paid": "pay", "told": "tell", "read": "read", "rolled": "roll", "ack'd": "ack",
}
# Past participles without "-ed" ("should have known", "if Bob had run").
PAST_IRREGULAR = frozenset("""
read run seen taken caught known done gone paid kept left made sent told thought spent put set
spoken written brought found held understood let stuck begun given
""".split())

# "Why did the engineer ignore ...?", "How could they miss ...?": the verb after the person.
WHY_DID_VERBS = frozenset("not ignore miss forget skip overlook neglect".split())
HOW_COULD_VERBS = frozenset("""
miss forget ignore overlook not let skip break mess screw have
""".split())

# Verbs after "failed to" that describe a system condition, not a lapse.
CAPABILITY_VERBS = frozenset("""
get be receive reach access connect authenticate log login obtain find locate load
""".split())

MISSED = frozenset("missed misses".split())
# Objects of "missed" that are events a person was absent from, not signals.
MISSED_EVENTS = frozenset("""
standup stand-up retro retrospective meeting meetings outing lunch dinner flight train bus
appointment handover kickoff kick-off offsite party session sync interview
""".split())

# Person subject + one of these = a mistake by a person.
MISTAKE_VERBS = frozenset("""
misconfigured misconfigures skipped skips bypassed bypasses circumvented ignored ignores
""".split())
MISTAKE_NOUNS = frozenset(
    "mistake mistakes error errors typo typos oversight blunder slip".split())
# Before "mistake by"/"error of": a bare judgement ("a simple mistake by"), not a technical
# compound ("variable error by").
BEFORE_BARE_MISTAKE = frozenset("""
human simple honest small big single costly serious was were is an of
""".split())

# "made a bad call", "made the wrong decision".
# "Yusuf's failure to rotate", "the junior developer's inexperience", "Tadhg's hasty hotfix".
POSSESSIVE_FAILINGS = frozenset("""
failure failures negligence carelessness fault inexperience overconfidence incompetence
laziness inattention sloppiness disregard refusal lapse lapses misjudgement misjudgment
recklessness arrogance ignorance complacency habit impatience neglect blunder blunders
""".split())
POSSESSIVE_BAD_MODIFIERS = frozenset("""
bad hasty sloppy careless misconfigured rushed untested poor wrong repeated reckless botched
faulty buggy broken
""".split())

BAD_CHOICE_ADJECTIVES = frozenset("bad poor wrong careless questionable costly terrible".split())
# "someone on the infra team": a person followed by the group they belong to.
GROUP_NOUNS = frozenset("team teams rotation squad crew org".split())

# Person + "broke|caused|introduced" + one of these = the person as the cause.
CAUSE_VERBS = frozenset("broke caused introduced".split())
CAUSE_OBJECTS = frozenset("""
outage outages incident incidents failure failures production prod build builds site
regression bug bugs problem problems issue downtime deploy deployment everything it this
""".split())

# Person + action verb ... + "without" + one of these = a skipped safeguard.
ACTION_VERBS = frozenset("""
ran run runs executed applied deployed deploys pushed pushes merged merges shipped released
committed changed deleted dropped restarted modified approved updated upgraded rebooted
migrated edited removed signed started launched rolled made did performed kicked triggered
entered typed issued selected picked chose used set targeted unplugged disconnected closed
resolved marked
""".split())
# Words skipped between "without" and its object ("without a proper review").
WITHOUT_FILLERS = frozenset("""
a an any the first proper properly adequate sufficient enough prior further additional second
""".split())
WITHOUT_OBJECTS = frozenset("""
backup backups testing tests test review reviews reviewing checking verifying verification
approval approvals validating validation telling notifying announcing consulting
following reading looking waiting permission sign-off coordination checks check running
confirming confirmation double-checking
""".split())
# "deployed untested code", "ran the wrong command".
BAD_OBJECT_WORDS = frozenset("""
untested unreviewed broken buggy faulty bad wrong incorrect unapproved unvalidated
""".split())
ERROR_ADVERBS = frozenset("""
incorrectly wrongly improperly mistakenly accidentally inadvertently carelessly erroneously
""".split())

# After an action and a comma: a skipped safeguard ("pushed to main, skipping CI").
SKIPPING_WORDS = frozenset("skipping bypassing ignoring circumventing".split())
SAFEGUARDS = WITHOUT_OBJECTS | frozenset("""
ci canary staging lint linter linting qa pipeline safeguard safeguards guardrail guardrails
runbook checklist freeze approvals
""".split())

# Counterfactuals: person + "could have|would have" + one of these.
PREVENT_VERBS = frozenset("""
prevented caught avoided stopped noticed spotted detected mitigated fixed saved averted
""".split())

# Passive with a person agent: "the alert was missed by the on-call engineer".
PASSIVE_FAILURES = frozenset("""
missed ignored overlooked forgotten skipped mistyped misconfigured botched neglected
""".split())

# "the person responsible for the incident response": a role, not fault.
INCIDENT_ROLES = frozenset("""
response responses review reviews commander command channel report reports postmortem
postmortems retrospective retro timeline process management communication communications
comms budget ticket tickets handling
""".split())

# Question openers and what follows them in a blame question.
WHO_BLAME = frozenset("""
broke caused forgot missed ignored screwed messed dropped overlooked botched
""".split())
BLAME_OBJECTS_AFTER_RESPONSIBLE = frozenset("""
outage incident failure mistake breakage error downtime this it problem breaking causing
""".split())

# "Why did nobody check ...", "Why didn't anyone ...": a blame question without a named person.
NOBODY = frozenset("nobody no-one noone".split())
ANYONE = frozenset("anyone anybody someone somebody".split())

# --- technical senses that must never read as blame -------------------------------------------

# After "error"/"fault": the technical noun, not a judgement ("user error message").
TECHNICAL_AFTER = frozenset("""
message messages code codes rate rates budget budgets handling handler handlers log logs page
pages response responses path paths class classes type types count counts metric metrics
tolerance injection domain domains string strings state states reporting report reports
spike spikes
""".split())

# Before "human error": designing for people, not blaming them.
MITIGATING_BEFORE = frozenset("""
reduce reduces reducing prevent prevents preventing avoid avoids avoiding minimise minimize
minimising minimizing eliminate eliminates eliminating risk chance chances likelihood prone
room possibility potential mitigate mitigates mitigating guard guards protect protects
susceptible vulnerable resilient tolerant tolerate less fewer not never isn't wasn't rather
instead beyond blaming blame
""".split())

# Words in a sentence that mark quoted text as a counter-example ('avoid "human error"').
COUNTER_EXAMPLE_CUES = frozenset("""
avoid avoiding instead rather don't dont not never no isn't aren't wasn't like such e.g eg
example examples phrase phrases word words term terms wording language say saying write
writing use using replace reframe blameful blaming vs versus bad wrong distinguish
distinguishing question questions become becomes rewrite rewritten asked asks ask sample
sentence sentences verdict hide hides
""".split())
# A sentence that talks about blame as a concept ("the old view of human error", "hindsight
# bias") is discussing the words, not using them: blame-word hits in it are not reported.
META_CUES = frozenset("""
view views blame blaming blameless blamelessness bias biases culture myth myths notion concept
assumption assumptions assuming assume fallacy framing so-called label labels labelling
labeling
""".split())

# After "forgot": knowledge, not an omission ("I forgot what the quota was").
FORGOT_KNOWLEDGE = frozenset("what how where which who whom why whether about that if".split())

# A sentence opening with one of these labels is a counter-example in a guide.
COUNTER_EXAMPLE_LABELS = frozenset("""
bad don't dont avoid wrong blameful instead not ❌ ✗ ✘ 👎
""".split())

# --- omissions: "Dave didn't restart envoy" ---------------------------------------------------

# After "didn't"/"did not"/"never"/"failed to", verbs that do not describe a skipped action: a
# need, a state, knowledge or intent ("didn't need to", "didn't know"), composure ("didn't
# hesitate", "didn't panic"), or an exoneration ("didn't break anything", "didn't miss a page").
NEUTRAL_AFTER_NEGATION = frozenset("""
need needs needed have has had want wants wanted know knows knew known expect expects expected
hesitate hesitated panic panicked mean meant intend intended seem seemed appear appeared think
thought believe believed hear heard like liked mind minded care cared exist existed be been
do does did done happen happened matter mattered break broke broken cause caused introduce
introduced touch touched make made get gets got gotten receive received own owned agree agreed
disagree disagreed work worked sleep slept rest rested eat ate forget forgot miss missed ignore
ignored skip skipped overlook overlooked neglect neglected lose lost fail failed approve
approved sign signed
""".split())

# Role nouns that also name software ("the cluster manager", "the transaction coordinator"):
# with an ordinary negated verb they are people only when every modifier is a PERSON_MODIFIERS
# word ("the incident coordinator").
MACHINE_LIKE_ROLES = frozenset("""
manager managers coordinator coordinators tester testers responder responders committer
committers commander
""".split())

# Words that end the clause a coordinated predicate borrows its subject from ("Dave rotated the
# cert and forgot ..."). Relative words stop the search: "the script that Dave ran ... and
# failed" has no reliable subject.
CLAUSE_BOUNDARIES = frozenset("""
because when while after before since if so once until although though as and but or then
""".split())
RELATIVE_WORDS = frozenset("that which who whom whose where".split())
# Words that open a noun phrase: a clause starting with one has its own subject.
NP_OPENERS = DETERMINERS | PERSON_PRONOUNS | WEAK_PRONOUNS | NOT_NAMES | frozenset(
    "nobody everyone everybody anyone".split())

# After "didn't see|notice": the observation that nothing was there ("did not see any errors",
# "didn't see the error rate recover"), not a missed signal. Direction words ("drop", "rise")
# are left out: "didn't notice the free space drop" is a missed signal.
NOTHING_SEEN = frozenset("any anything no nothing".split())
CHANGE_VERBS = frozenset("""
recover recovers improve improves stabilise stabilize stabilises stabilizes settle settles
""".split())
