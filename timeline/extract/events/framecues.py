"""The phrases that decide a frame (type, parties' bounds, modality): kept apart from the
frame rules that read them, so each stays small."""

from __future__ import annotations

import re

from timeline.extract import triggers as tr
from timeline.extract.entities import SentenceMentions
from timeline.extract.lexicon import CANCELLED_CUES, WEEKDAY_NAMES

# "the Asia-Pacific summit", "an Arab summit", "the Nuclear Security Summit": a named region's
# or cause's gathering, not a meeting of the leaders the sentence names (not "a regional
# summit", which may be elliptic: "met in Madrid, and again at a regional summit")
REGIONAL = re.compile(
    r"\b(?:Asia-Pacific|Ibero-American|Arab|African|European|Nordic|Baltic|Commonwealth|"
    r"Pacific Islands?|Caribbean|Latin American|East Asian?|Eurasian|Gulf|Central Asian|"
    r"Balkan|Mediterranean|Nuclear Security)"
    r"\s+(?:leaders'?\s+)?$"
)
# What follows the person in "called X my friend", "called him a liar": a naming, not a call.
NAMING_AFTER = re.compile(
    r"\s+(?:[\"“‘']|(?:a|an|my|his|her|their|our|the)\s+(?!(?:day|week|month|year|time|"
    r"second|third|following|next|hour|few|short|later|same|previous)\b)[a-z])"
)
NEITHER_NOR = re.compile(
    r"\s*neither\b[^.;]*?\bnor\s+(?:(?-i:[A-Z])[\w.'-]*\s+|(?:the|of|and)\s+){1,8}"
    r"(?:is|are|was|were|will|would|has|have|had|did|does|plans?|plan\s+to)?\s*(?:\w+\s+)?$",
    re.I,
)
NOT_BEFORE = re.compile(r"\b(?:not|n't|never)\s+(?:\w+\s+)?$", re.I)
# Leaders as a group, not a number of them: "The G20 leaders", "European leaders"
GROUP_LEADERS = re.compile(
    r"\b(?:G-?\d+|(?-i:[A-Z]{2,})|Group\s+of\s+\w+|EU|European|African|Arab|Asian|Gulf|"
    r"Nordic|Baltic|world|regional)\s+leaders\b(?!\s+of\b)",
    re.I,
)
# "accepted Musharraf's invitation to visit": the visit is planned, the acceptor travels.
ACCEPTED_INVITATION = re.compile(
    r"\baccept(?:ed|s|ing)?\s+(?:[\w'’.-]+\s+){0,4}?invitation\s+(?:from\s+(?:[\w'’.-]+\s+){1,4})?"
    r"to\s+(?:pay\s+(?:a|an)\s+(?:[\w-]+\s+)?)?$",
    re.I,
)
WHEN_CLAUSE = re.compile(r",\s+when\s+(?!.*,\s+when\s)")
WEEKDAY = re.compile(rf"\b(?:{'|'.join(WEEKDAY_NAMES)})\b", re.I)
# A place where leaders spoke in person: "spoke with Kishida at the White House", "in Kazan".
IN_PERSON_AT = re.compile(r"\b(?:at|in)\s+(?:the\s+)?[A-Z]")
# "not ... until now": a negation the news itself ends.
UNTIL_NOW = re.compile(r"\b(?:until|till|before)\s+(?:now|today|this\s+week)\b(?!['’])", re.I)
# A gathering as the object of "host" in a relative clause before it: "the BRICS summit on
# Tuesday and Wednesday, which South African President Jacob Zuma will host".
HOSTS_THE_GATHERING = re.compile(
    r"\b(?:summit|forum|conference|parade|ceremony|gathering|games|olympics)\b[^.;]{0,40},?\s+"
    r"(?:which|that)\s+(?:[\w.'-]+\s+){1,6}?(?:will\s+|would\s+|is\s+to\s+)?$",
    re.I,
)
# A plan the same sentence then calls off: "..., but cancelled the trip to return home".
BUT_CANCELLED = re.compile(
    r"[^.;]{0,160}?,\s+but\s+(?:(?:he|she|they|then|later)\s+)?"
    rf"(?:{'|'.join(CANCELLED_CUES)}|pulled\s+out\s+of|shelved)\s+"
    r"(?:it\b|the\s+(?:trip|visit|meeting|summit|talks|plans?|stop|stopover)\b)"
    # "..., but cancelled his trip to Australia" is another trip
    r"(?!\s+(?:to|in|at)\s+(?:the\s+)?(?-i:[A-Z]))",
    re.I,
)
# Officials as the subject right before "meeting"/"met": "EU foreign ministers meeting in".
OFFICIALS_BEFORE = re.compile(
    r"\b(?:(?P<whose>their|his|her)\s+(?:[a-z]+\s+)?)?(?:ministers|officials|envoys|delegates|"
    r"delegations|diplomats|negotiators|aides|ambassadors|lawmakers|parliamentarians)"
    r"\s+(?:also\s+)?$",
    re.I,
)
# "The leaders of the 27 countries that will remain in the EU": a group, not two leaders.
LEADERS_OF_MANY = re.compile(
    r"\bleaders\s+of\s+(?:the\s+)?(?:[5-9]|\d\d+|several|many|[a-z]+-[a-z]+)\s+(?:countries|nations|member\s+"
    r"states|states|governments)\b(?:\s+(?:that|which|who)\b[^,]*)?",
    re.I,
)
# Between a group's leaders and their verb: an aside, an auxiliary ("will", "are to").
GROUP_SUBJECT_GAP = re.compile(
    r"\s*(?:,[^,;]*,\s*)?(?:(?:will|are\s+(?:scheduled|due|expected|set)\s+to|are\s+to|also|"
    r"then)\s+)*"
)
# Between "welcomed"/"received (by)"/"see" and the leader it governs: titles and a country's
# possessive ("received by Saudi Arabia's King Salman"), not a determiner or a clause
OBJECT_GAP = re.compile(
    r"\s+(?:by\s+)?(?:the\s+)?(?:(?:visiting|former|new)\s+)?(?:[A-Z][\w.'’-]*\s+){0,6}"
)


def multilateral(sm: SentenceMentions, trig: tr.Trigger) -> bool:
    """ "a summit of the SCO", "the G20 summit", "the APEC leaders' meeting": a gathering
    of many, not a meeting of the leaders named."""
    body = sm.sentence.plain
    if re.match(r"\s+of\s+(?:the\s+)?[A-Z]", body[trig.end : trig.end + 12]):
        return True
    if (
        trig.text.lower().startswith("summit")
        and re.match(r"\s+(?:hosted|chaired|convened|co-hosted)\s+by\b", body[trig.end :])
        and re.search(r"\bat\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$", body[: trig.start])
    ):
        return True  # "... meet in Sibiu, at a summit hosted by Iohannis": a gathering
    lo = sm.sentence.start + trig.start - 12
    before = body[max(0, trig.start - 12) : trig.start]
    return (
        any(
            lo <= m.end <= sm.sentence.start + trig.start and m.actor.kind == "organization"
            for m in sm.mentions
        )
        or bool(re.search(r"\b(?:G-?\d+|[A-Z]{3,})\s+$", before))
        or bool(re.search(r"\bGroup of (?:\d+|[A-Z][a-z]+)\s+$", body[: trig.start]))
        or bool(re.search(r"\bleaders'\s+$", before))  # "the APEC leaders' meeting"
        or bool(REGIONAL.search(body, max(0, trig.start - 24), trig.start))
        # "The G20 leaders ... opened their two-day summit": a group's own gathering
        or bool(
            re.search(r"\btheir\s+(?:[\w-]+\s+){0,2}$", body[max(0, trig.start - 30) : trig.start])
            and GROUP_LEADERS.search(body, 0, trig.start)
            and sum(
                m.is_person and m.via != "pair" and m.start < sm.sentence.start + trig.start
                for m in sm.mentions
            )
            < 2
        )
    )
