"""Trigger words, status cues and clause boundaries: the lexical layer of event detection.

All patterns are compiled once at import; they run on the look-alike-folded sentence text
(`text.plain`), so curly quotes and dashes need no special cases here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.extract.lexicon import (
    CANCELLED_CUES,
    MONTH_NAMES,
    NEGATION_CUES,
    NUMBER_WORDS,
    PLANNED_ADJECTIVES,
    PLANNED_CUES,
    WEEKDAY_NAMES,
    WISH_CUES,
)
from timeline.extract.registry import trigger_rules
from timeline.extract.text import Tokens, tokenize

# (type, subtype, first words, pattern) in match order, from the type registry (the one place
# trigger words are defined).
_TRIGGERS: list[tuple[str, str, str, str]] = [
    (type_, rule.subtype, rule.first_words, rule.pattern) for type_, rule in trigger_rules()
]
TRIGGER_KIND = {f"t{n}": (t, sub) for n, (t, sub, _, _) in enumerate(_TRIGGERS)}


def _compile_by_first_word() -> dict[str, re.Pattern[str]]:
    by_word: dict[str, list[str]] = {}
    for n, (_, _, words, pattern) in enumerate(_TRIGGERS):
        for word in words.split():
            by_word.setdefault(word, []).append(f"(?P<t{n}>(?:{pattern})\\b)")
    return {word: re.compile("|".join(alts), re.I) for word, alts in by_word.items()}


TRIGGERS_BY_FIRST_WORD = _compile_by_first_word()

# An agreement needs a document noun in the sentence besides the verb.
AGREEMENT_NOUN = re.compile(
    r"\b(?:agreements?|treaty|treaties|pacts?|accords?|declarations?|joint statements?|deals?|"
    r"communiques?|memorand(?:um|ums|a)|charter|protocol|roadmap|statement on|joint documents?|"
    # "the Joint Comprehensive Plan of Action was concluded", "signed a ceasefire"
    r"plan of action|action plan|ceasefire|truce|armistice)\b",
    re.I,
)
# A sanction needs a verb of imposing (or "sanctioned"/"punished" themselves).
SANCTION_VERB = re.compile(
    r"\b(?:impos\w*|approv\w*|adopt\w*|slap\w*|unveil\w*|announc\w*|expand\w*|tighten\w*|"
    r"punish\w*|sanctioned|sanctioning|designat\w*|blacklisted|levied|extended|voted for|"
    r"froze|freez\w*|targeted|hit)\b",
    re.I,
)
VETO = re.compile(r"\b(?:veto\w*|block(?:ed|s)? the)\b", re.I)
# Attendance needs a gathering in view (the verb alone: "attend talks", "be there").
GATHERING = re.compile(
    r"\b(?:parade|ceremony|ceremonies|forum|celebrations?|commemorat\w+|games|olympics|funeral|"
    r"inauguration|summit|conference|event|events|festivities|anniversary|gala|congress|"
    r"there|rally|meeting|meetings|gathering|assembly|opening|reception|exhibition|expo|dinner|"
    r"banquet|lunch|sessions?)\b",
    re.I,
)
# The kind of a gathering, to tell two gatherings in one article apart.
GATHERING_KIND = re.compile(
    r"\b(parade|ceremony|forum|summit|games|olympics|funeral|inauguration|"
    r"(?<!press )(?<!news )conference|"
    r"congress|celebrations?|commemorations?|gathering)\b",
    re.I,
)
# The words GATHERING_KIND can match, for a set test before the regex scan.
GATHERING_WORDS = frozenset(
    {
        "parade",
        "ceremony",
        "forum",
        "summit",
        "games",
        "olympics",
        "funeral",
        "inauguration",
        "conference",
        "congress",
        "celebration",
        "celebrations",
        "commemoration",
        "commemorations",
        "gathering",
    }
)
# "did not attend the parade", "for the summit": a gathering the article has told of
DEFINITE_GATHERING = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w'’-]+\s+){0,2}?(parade|ceremony|forum|summit|games|"
    r"olympics|funeral|inauguration|conference|congress|celebrations?|commemorations?|"
    r"gathering)\b",
    re.I,
)
# "had hoped to arrange on the sidelines", "met on the margins": of the story's gathering
SIDELINES = re.compile(r"\bon\s+the\s+(?:sidelines|margins)\b(?!\s+of\b)", re.I)
# "travel to China for an international forum": the trip is an attendance, not a visit.
TRIP_FOR_GATHERING = re.compile(
    r"\bfor (?:an? |the )?(?:[\w'’-]+ ){0,3}(?:forum|parade|ceremony|summit of|conference|games|"
    r"olympics|funeral|inauguration|celebrations?|commemorations?|festivities|anniversary|"
    r"gathering)\b"
    # "travel to Russia for the summit": a summit told already, no partner named
    r"|\bfor the summit\b(?!\s+(?:with|between)\b)"
    r"|\bfor (?:an? |the )?(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|annual|\d+(?:st|nd|rd|th))\s+)?(?-i:G-?\d+|Group of (?:\d+|[A-Z][a-z]+)|[A-Z]{3,})\s+"
    r"(?:leaders'\s+)?(?:summit|meetings?)\b"
    # "flying to the Boao Forum", "heading to the Asia-Pacific Economic Cooperation summit":
    # the trip's destination is the gathering itself
    r"|^\s*(?:an? |the )(?:[\w.'-]+ ){0,5}?(?:summit|forum|conference|games|olympics|funeral|"
    r"inauguration|ceremony|parade|assembly)\b",
    re.I,
)
# What an attendance verb without a gathering of its own ("is expected in Washington", "is
# staying on") is for: "for a nuclear security summit", "at the Group of 20 summit".
EXPECT_GATHERING = re.compile(
    r"^[^.;]{0,60}?\b(?:for|at)\s+(?:an?|the)\s+(?:[\w'-]+\s+){0,6}?(?:summit|forum|gathering|"
    r"meetings?|conference|ceremony|parade|games|olympics|celebrations?|commemorations?|funeral|"
    r"inauguration|congress|assembly)\b",
    re.I,
)
# What "skipped", "stayed away from" were absent from: a gathering, not a talk with someone.
ABSENT_GATHERING = re.compile(
    r"^\s+(?:[\w'-]+\s+){0,6}?(?:summit|forum|gathering|meetings?|conference|ceremony|parade|"
    r"games|olympics|celebrations?|commemorations?|funeral|inauguration|congress|assembly|"
    r"sessions?)\b"
    r"(?!\s+(?:with|between)\b)",
    re.I,
)
# ... or the gathering told before, in a relative clause: "the G20 summit in November, which
# Trump has said he will boycott".
ABSENT_GATHERING_BEFORE = re.compile(
    r"\b(?:summit|forum|gathering|meetings?|conference|ceremony|parade|games|olympics|"
    r"celebrations?|commemorations?|funeral|inauguration|congress|assembly)\b[^.;]{0,40}?,\s+"
    r"(?:which|that)\b[^.;,]{0,60}$",
    re.I,
)
# The host of the gathering in a relative clause: "the summit that Putin is hosting", "which
# Xi will host", "hosted by Obama".
HOST_CLAUSE = re.compile(
    r"\b(?:that|which)\s+(?P<who>(?:[\w.'-]+\s+){1,4}?)(?:is|are|was|will|would)?\s*(?:be\s+)?"
    r"host(?:ing|s|ed)?\b|\bhosted\s+by\s+",
    re.I,
)
# "Xi skipped the summit, as did Putin": the clause adds Putin to the event.
AS_DID = re.compile(r",\s+as\s+(?:did|does|do|will|would|had|has)\s+", re.I)
# "Kishida, the host, has invited him": a leader named the host of a gathering just told.
HOST_APPOSITIVE = re.compile(r",\s+(?:the|its|summit's|the summit's)\s+host\b", re.I)
ATTEND_NOUN = re.compile(r"\b(?:parade|ceremony|forum|games|olympics|event|celebration)\b", re.I)

NEGATION_NEAR = re.compile(
    rf"\b(?P<cue>{'|'.join(NEGATION_CUES)})(?:\s+[\w'-]+){{0,4}}\s*$",
    re.I,
)
# "Officials denied reports that Kim had spoken with Xi by phone."
DENIAL = re.compile(
    r"\b(?:den(?:y|ied|ies)|dismiss\w*|reject\w*)\s+(?:the\s+)?(?:reports?|claims?|"
    r"suggestions?|rumou?rs?)\s+(?:that\s+)?",
    re.I,
)
# "had not left North Korea since meeting Putin": the cue governs another verb.
NEGATION_BLOCKED = re.compile(
    r"\b(?:since|after|before|until|because|while|when|as|in an?|via|by)\b", re.I
)
HOSTED_AT_GATHERING = re.compile(
    r"^host(?:ed|s|ing)?\b[^.;]{0,80}?\b(?:at|for)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:parade|ceremony|forum|summit|celebration|commemoration|reception|gala|games)\b"
    # "is to host the 2006 summit", "will host the leaders of the Group of Seven"
    r"|^host(?:ed|s|ing)?\s+(?:(?:the|a|an|this|next|its|their)\s+)(?:[\w'-]+\s+){0,4}?"
    r"(?:summit|forum|conference|games|olympics|gathering|parade)\b"
    r"|^host(?:ed|s|ing)?\s+(?:the\s+)?(?:other\s+)?leaders\s+of\s+(?:the\s+)?"
    r"(?:Group\s+of|G-?\d|(?-i:[A-Z]{2,})\b|more\s+than|\d+|several|some)"
    # "was to host a dinner for the leaders of 11 countries"
    r"|^host(?:ed|s|ing)?\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:dinner|banquet|reception|lunch)\s+"
    r"for\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?leaders\b",
    re.I,
)
NEGATION_DET = re.compile(r"\b(?P<cue>no|without|nor)\s+(?:\w+\s+){0,2}$", re.I)
CANCELLED_AFTER = re.compile(
    rf"[^.;]{{0,50}}?,\s+which\s+(?:[\w.'-]+\s+){{0,4}}?(?:{'|'.join(CANCELLED_CUES)})\b",
    re.I,
)
# "a state visit, which had been planned for April, has been postponed", "a summit ... had
# been arranged for 1994, but it never took place": the noun's event did not happen.
# The scan stops at another event noun and at "after" ("ended their summit in Hanoi, and a
# planned visit to Seoul has been postponed": the summit took place).
CANCELLED_LATER = re.compile(
    r"(?:(?!\b(?:visit|visits|summit|meeting|talks|trip|call|after)\b)[^.;]){0,160}?"
    rf"(?:\b(?:has|have|had|was|were)\s+(?:now\s+)?(?:been\s+)?"
    rf"(?:{'|'.join(CANCELLED_CUES)})\b|\b(?:never|not)\s+(?:took|take|taken)\s+place\b"
    r"|\b(?:is|are|was|were)\s+(?:now\s+)?(?:off the table|shelved|on hold)\b)",
    re.I,
)
REVERSED = re.compile(r"\b(?:revers\w* course|reinstat\w*|back on|went ahead|relented)\b", re.I)
# A future cue governing the trigger: a modal a few words before it ("Moon will travel"),
# or an adjective right before it ("Kim's planned summit").
PLANNED = re.compile(
    rf"\b(?:{'|'.join(PLANNED_CUES)})(?:\s+[\w'-]+){{0,5}}\s*$",
    re.I,
)
# News tells a schedule in the simple present: "He flies to Cape Town on Sunday and goes on
# to Tanzania on Monday for talks", "Trump meets Xi on Saturday" (in a sentence with no past).
SCHEDULED_PRESENT = re.compile(
    r"\b(?:travels|flies|goes|heads|meets|hosts|visits|arrives|leaves|holds|attends|joins"
    r"|opens|begins|returns|receives|welcomes|sits down)\b",
    re.I,
)
# What makes a simple present a schedule rather than a habit or a headline: a day ahead
# in the clause ("meets Xi on Monday", "flies to Seoul tomorrow"), and no habitual adverb.
SCHEDULE_DAY = re.compile(
    rf"\b(?:{'|'.join(WEEKDAY_NAMES)}|{'|'.join(MONTH_NAMES)}|tomorrow|tonight"
    r"|next\s+(?:week|month|year)|this\s+(?:weekend|week)|later\s+(?:this|today|in\s+the)\b)",
    re.I,
)
TEMPORAL_OPENER = re.compile(r"\s*(?:before|until|once)\s", re.I)
HABITUAL = re.compile(
    r"\b(?:often|usually|regularly|always|frequently|rarely|seldom|sometimes|typically|"
    r"routinely|never|every)\b",
    re.I,
)
PLANNED_CLAUSE = re.compile(
    r"\b(?:will|'ll|shall|is to|are to|due to|expected to|plans? to|is set to|are set to|"
    r"scheduled to|is going to|are going to|(?:is|are) (?:due|expected) (?:back )?(?:in|at))\b",
    re.I,
)
PLANNED_ADJ = re.compile(
    rf"\b(?:{'|'.join(PLANNED_ADJECTIVES)})"
    r"(?:\s+[A-Z][a-z]+\.?\s+\d{1,2})?(?:\s+[\w'-]+){0,1}\s*$",
    re.I,
)
PAST_FORM = re.compile(r"(?:ed|met|held|sent|wrote|spoke|took|sat|shook)$", re.I)
AUXILIARY_BEFORE = re.compile(r"\b(?:be|been|being|have|has|to)\s*$", re.I)
NOUN_TRIGGER = re.compile(
    r"^(?:meeting|meetings|talks|summit|summits|visit|visits|trip|call|encounter|"
    r"(?:state|official|working|surprise|secret) visit|parade|ceremony)$",
    re.I,
)
# Call triggers that are nouns ("a video call with Putin"): they take a "with" partner.
NOMINAL_CALL = re.compile(
    r"^(?:(?:tele)?phone (?:call|calls|conversation|talks)|video (?:call|calls|link|conference)|"
    r"videoconference|a (?:phone |telephone )?call with|conversations?)$",
    re.I,
)
WISH = re.compile(rf"\b(?:{'|'.join(WISH_CUES)})\b", re.I)
# A subordinate clause of its own between a cue and a trigger: the cue does not reach it.
SUBORDINATE_OPENER = re.compile(
    r"\b(?:when|after|before|while|since)\s+(?:they|he|she|we|the\s+two|both)\b", re.I
)
WISH_MAY = re.compile(r"\bmay\b")  # case-sensitive: "May" is a month
# Definite references to an event told already: "the talks", "their summit" (not "their
# first summit", "the meeting between X and Y").
ANAPHORIC_DET = re.compile(
    r"\b(?i:the|this|that|these|those|their|its|his|her)\s+(?:(?!first|second|third|fourth|"
    r"fifth|previous|last|latest|next|only|earlier|1st|2nd|3rd)[a-z-]+\s+){0,2}$"
)
# "Their first, in Singapore, ...": an ordinal standing alone for a meeting (not "their
# previous conversation", which names its own noun).
ORDINAL_ELLIPSIS = re.compile(
    r"^(?:their|the|his|her)\s+(first|second|third|previous|last|latest)\b"
    r"(?=\s*,|\s+(?:in|at|on|was|were|took|came|had)\b)",
    re.I,
)
ORDINAL_NEXT = re.compile(
    r"\b(?:the|while the|and the)\s+(second|third|fourth|other|latter|next)\b(?=,)", re.I
)
# An event told as counted: "spoke twice by telephone over the weekend".
COUNTED = re.compile(r"\b(?:twice|(two|three|four) times)\b", re.I)
REPETITION = re.compile(
    r"\b(?:twice|again|three times|thrice|both times|on both occasions)\b", re.I
)
COUNTED_TIMES = re.compile(
    r"\s+(?:twice|three times|four times|five times|thrice|on (?:two|three|four) occasions)\b",
    re.I,
)
REPORTING = re.compile(
    r"\b(?:said|says|announced|announces|reported|reports|confirmed|confirms|told|tells|added|"
    r"stated|disclosed|revealed|quoted|according)\b(?:\s+\S+){0,3}\s*$",
    re.I,
)
OFFICIALS = re.compile(
    r"\b(?:officials|ministers|envoys|delegations|delegates|diplomats|negotiators|aides|"
    r"advisers|emissaries|working-level)\b",
    re.I,
)
MEASURES = re.compile(
    r"\b(?:sanction\w*|embargo\w*|bans?|measures|restrictions|penalt\w*|tariffs)\b", re.I
)
ANCHORED_CUE = re.compile(
    r"\b(?:later|earlier|following|next day|day after|days after|weeks after|previous day|"
    r"day before|days before|the next)\b",
    re.I,
)
# A future told after the noun: "his summit with Kim would take place in Singapore".
PLANNED_AFTER = re.compile(
    r"^[^.;:]{0,60}?\b(?:will|would|is to|are to|is due to|are due to|is expected to|"
    r"are expected to|is scheduled to|are scheduled to|is set to|are set to|is going to)\s+"
    r"(?:\w+\s+)?"
    r"(?:take place|be held|go ahead|happen|occur)\b"
    # "the most closely watched encounter is still to come"
    r"|^\s+(?:is|are)\s+(?:still\s+|yet\s+)?to\s+come\b",
    re.I,
)
# A condition told after the noun: "his meeting with Xi would depend on progress".
WISH_AFTER = re.compile(
    r"^[^.;:]{0,60}?\b(?:(?:would|will|could|might|may)\s+)?(?:depends?|depended|hinges?|hinged|"
    r"be conditional)\s+(?:on|upon)\b",
    re.I,
)
# A maybe told after the noun: "a summit could take place next month" is a planned event
# (expected, not wished for).
MAYBE_AFTER = re.compile(
    r"^[^.;:]{0,60}?\b(?:could|might)\s+(?:\w+\s+)?(?:take place|be held|happen|go ahead)\b",
    re.I,
)
# Quoted words: their tense is the speaker's, not the narrative's.
QUOTED = re.compile(r"(?<![\w'])'[^'\n]{3,300}?'(?![\w])|\"[^\"\n]{3,300}?\"")
# The subject of the trigger is a named official: "Foreign Minister Sergei Lavrov met Kim",
# "Secretary of State Antony Blinken would travel to China".
OFFICIAL_SUBJECT = re.compile(
    r"\b(?i:minister|secretary(?: of state)?|envoy|ambassador|adviser|advisor|official|aide|"
    r"spokes(?:man|woman|person)|negotiator|diplomat|chief of staff|councillor|councilor)"
    r"(?:,\s*|\s+)(?:[A-Z][\w.'-]*[\s-]+){0,2}[A-Z][\w.'-]*(?:,\s*|\s+)"
    r"(?i:(?:would|will|had|has|was|is|did|also|then|later|to|reportedly)\s+){0,2}$"
)
# "their first meeting since Xi became head of state": since a happening, not a date, so
# the meeting is the one told already, not one in the since-clause's time.
FIRST_SINCE_CLAUSE = re.compile(
    r"^[^,.;]{0,60}?\bsince\s+(?:(?!(?:\d|early|mid|late|last|the\s+(?:start|end|beginning)|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"spring|summer|autumn|fall|winter)\b)(?:[\w.'-]+\s+){1,3}?(?:\w+ed|became|took|won|was|"
    r"were|came|began|met|left|got|held|entered|sworn)\b"
    # "... since the end of China's civil war in 1949": an event's end, not a date
    r"|the\s+(?:start|end|beginning|outbreak|collapse|fall)\s+of\s+(?!(?:\d|last|this|next)\b)"
    r"(?:[\w'’-]+\s+){0,4}?(?:war|conflict|crisis|regime|rule|revolution|empire|union|"
    r"occupation|dispute)\b)",
    re.I,
)
# A segment that follows its sentence's report in time: "said on Friday ..., shortly after".
SHORTLY_AFTER = re.compile(
    r"^(?:shortly|hours|minutes|moments|just|soon|right)\s+(?:after|before)\b", re.I
)
# "the day after the Aug. 9 vote": a date offset by a day or more.
DAY_OFFSET = re.compile(
    r"\b(the|a|one|two|three|four|five|six|\d+)\s+(day|days|week|weeks)\s+(after|before)\s+"
    r"(?:the\s+)?$",
    re.I,
)
# Perfect tense right before a trigger: "has met", "have visited", "has never spoken".
PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?$", re.I)
# What makes a perfect background ("Kim has met Trump twice", "has never visited") rather than
# news ("Kishida has invited him as a guest").
EXPERIENTIAL = re.compile(
    r"\b(?:twice|again|times|repeatedly|before|ever|never|often|already|since|previously|"
    r"frequently|regularly|once)\b",
    re.I,
)
CONTINUATION = re.compile(
    r"\b(?:then|later in the day|afterwards|that evening|in the evening)\b", re.I
)
AT_INVITATION = re.compile(
    r"\b(?:at|on|upon)\s+(?:the\s+)?(?:\S+\s+){0,3}invitation\b|\binvitation of\b", re.I
)
DURATION = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|\d+)(?:-day\s+(?:[\w-]+\s+){0,2}?"
    r"(?:summit|visit|trip|tour|talks|meeting|forum|conference|gathering)|\s+days\s+of\s+"
    r"(?:[\w-]+\s+){0,2}?(?:talks|meetings|summitry|conversations?|discussions))\b",
    re.I,
)
DURATION_START = re.compile(
    r"\b(?:arriv\w*|began|begins|start\w*|kick\w* off|land\w*|open(?:ed|s|ing)?)\b", re.I
)
DURATION_END = re.compile(
    r"\b(?:wrapp\w* up|wound up|winding up|end\w*|conclud\w*|finish\w*|clos\w*|left|leaves|"
    r"leaving|departed)\b",
    re.I,
)
ENDING_ON = re.compile(r"\b(?:ending|ends|ended|closing|closes|concluding|concludes)\s+$", re.I)
# "the two-day G20 meeting, which opened on Tuesday": the day it began.
DURATION_OPENED = re.compile(
    r"^[^.;]{0,30}?,?\s*which\s+(?:opened|began|started|opens|begins|starts)\b", re.I
)
NUMBERS = {word: n for word, n in NUMBER_WORDS.items() if 2 <= n <= 10}
ANCHOR_NOUN = re.compile(
    r"\b(?:after|during|at the end of|following|before|at|on the sidelines of)\s+"
    r"(?:the|their|this)\s+"
    r"(?:\w+\s+){0,2}?(talks|summit|meeting|visit|parade|ceremony|call|trip|banquet|event|forum)\b",
    re.I,
)
ANCHOR_TYPES = {
    "talks": "meeting",
    "summit": "meeting",
    "meeting": "meeting",
    "visit": "meeting",
    "trip": "meeting",
    "banquet": "meeting",
    "parade": "attendance",
    "ceremony": "attendance",
    "event": "attendance",
    "forum": "attendance",
    "call": "call",
}
# Clause boundaries: participants and dates are looked for in the trigger's clause first.
CLAUSE_BREAK = re.compile(
    r",\s+(?:and|but|while|when|where|which|although|though|whereas|as)\b|,\s+(?=who\b)|;\s+|"
    r",\s+(?=(?:(?:a|one|two|three|\d+|hours|days|weeks|shortly|just|soon)\s+(?:days?\s+|weeks?\s+)?)?"
    r"(?:after|before|since|until)\s+(?!the\b|his\b|her\b|their\b|its\b)[A-Z])|"
    # "..., before the Japanese leader travelled to Chengdu": a clause with its own verb
    r",\s+(?=(?:after|before|until)\s+(?:the|his|her|their|its)\s+(?:[\w'-]+\s+){1,3}?"
    r"(?:[a-z]+ed|met|held|spoke|went|flew|took|left|began|was|were|had|is|are|will)\b)|"
    r":\s+|"
    # "met at the Union Buildings, the seat of government where Mandela was sworn in"
    r"\s+(?=where\s+(?:[A-Z]|he\b|she\b|they\b|the\b))|"
    # "invited by Sisi following a phone call between Trump and ...": another event
    r"\s+(?=following\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:call|talks|meeting|summit|visit|conversation)\b)|"
    r"\s-+\s|\s+while\s+|\s+although\s+|,\s+(?=[a-z]+\s+(?:said|says|told|added)\b)",
)
# "will not attend the parade and was scheduled to fly home on Monday": the same subject's
# next verb phrase, with its own tense and dates.
SECOND_VERB = re.compile(r"\s+and\s+(?:was|were|is|are|will|has|had|have)\b")
# The comma that closes a relative clause before the main clause's verb: "Kim, who met Trump
# in 2019, will visit Moscow".
RELATIVE_CLOSE = re.compile(
    r",\s+(?=(?:will|would|is|was|are|were|has|had|have|did|does|also|then|later|plans|"
    r"[a-z]+ed|met|held|spoke|sent|wrote|flew|went|made|took|arrived|travel\w*|visit\w*)\b)"
)
# Place after "in"/"at": a capitalised run of words.
PLACE_AFTER = re.compile(
    r"\b(?:in|at|on(?=\s+[A-Z]\w+\s+Island))\s+"
    r"(?:the\s+(?:\w+\s+){0,3}?(?:of|city of|village of|port of)\s+)?"
    r"((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+){0,3})"
)
DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'-]+?)(?:,\s*[A-Z][A-Za-z .]+?)?,\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*(?:\([^)]*\)\s*)?-+\s*"
)


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    subtype: str
    start: int  # offsets within the sentence
    end: int
    text: str


def find_triggers(
    sentence: str,
    tokens: Tokens | None = None,
    span: tuple[int, int] | None = None,
    offset: int = 0,
) -> list[Trigger]:
    """Every trigger in the (look-alike-folded) sentence, in order. `tokens[span[0]:span[1]]`
    are the sentence's words, whose offsets are `offset` ahead of the sentence's."""
    if tokens is None:
        tokens = tokenize(sentence)
    lo, hi = span if span is not None else (0, len(tokens))
    keys, starts = tokens.keys, tokens.starts
    found: list[Trigger] = []
    taken = 0
    for k in range(lo, hi):
        pattern = TRIGGERS_BY_FIRST_WORD.get(keys[k])
        if pattern is None:
            continue
        pos = starts[k] - offset
        if pos < taken:
            continue
        m = pattern.match(sentence, pos)
        if m is None or m.lastgroup is None:
            continue
        type_, sub = TRIGGER_KIND[m.lastgroup]
        found.append(Trigger(type_, sub, m.start(), m.end(), m.group()))
        taken = m.end()
    return found


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence."""
    spans = []
    start = 0
    for m in CLAUSE_BREAK.finditer(sentence):
        if sentence.startswith("who ", m.end()) and RELATIVE_CLOSE.search(sentence, m.end()):
            # ", who ... , will travel": a relative clause inside the main clause, which goes
            # on after it (the participants stage keeps the two apart)
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return [(a, b) for a, b in spans if b > a]
