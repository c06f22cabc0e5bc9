"""The extractor's shared words: months, weekdays, number words, leaders' titles, and the modal
and negation cues that decide an event's status. One place, so a new cue or title is added once
and every stage (dates, entities, frames) sees it.

Cue lists are alternations of regex fragments matched case-insensitively on whole words; the
stages compile them into their patterns (see `frames` for how a cue governs a trigger: within
the trigger's clause only).
"""

from __future__ import annotations

MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)
# Month words that are also common English words: a month only when capitalised.
MONTHS_NEEDING_A_CAPITAL = frozenset({"may", "march", "mar"})
WEEKDAY_NAMES: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

# Titles of leaders, as word tuples, and the office each names (the offices table's roles;
# "leader" is whoever leads: the effective leader, else the head of state).
TITLES: dict[tuple[str, ...], str] = {
    ("leader",): "leader",
    ("president",): "head_of_state",
    ("premier",): "head_of_government",
    ("chancellor",): "head_of_government",
    ("king",): "head_of_state",
    ("queen",): "head_of_state",
    ("emperor",): "head_of_state",
    ("monarch",): "head_of_state",
    ("chairman",): "leader",
    ("strongman",): "leader",
    ("dictator",): "leader",
    ("prime", "minister"): "head_of_government",
    ("supreme", "leader"): "leader",
    ("general", "secretary"): "party_leader",
    ("head", "of", "state"): "head_of_state",
    ("head", "of", "government"): "head_of_government",
    ("pm",): "head_of_government",
    ("emir",): "head_of_state",
    # "his counterpart Nawaz Sharif", "his Chinese counterpart": a leader, by the name or
    # country that follows or precedes
    ("counterpart",): "leader",
}

# Titles a story uses again, after "the", for the one it first named with them: "Saudi Crown
# Prince Mohammed bin Salman ... the crown prince", "Qatar's Emir Sheikh Tamim ... the emir".
DESCRIPTOR_TITLES: tuple[tuple[str, ...], ...] = (
    ("crown", "prince"),
    ("interim", "president"),
    ("emir",),
    ("sheikh",),
    ("sultan",),
    ("ayatollah",),
)

# Lower-case particles inside personal names: "Bashar al-Assad", "Ursula von der Leyen".
NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "von", "van", "der", "den", "de", "da", "di", "du", "dos"}
)

# Negation cues before a trigger in its clause: "cancelled the summit", "won't attend".
NEGATION_CUES: tuple[str, ...] = (
    "not",
    "never",
    "no longer",
    r"cancel\w*",
    "called off",
    "call off",
    r"scrap\w*",
    "fail(?:ed|s)? to",
    r"refus\w* to",
    r"declin\w* to",
    r"skip\w*",
    r"boycott\w*",
    r"snub\w*",
    "pull(?:ed)? out of",
    "won't",
    "didn't",
    "doesn't",
    "wasn't",
    "weren't",
    "isn't",
    "aren't",
    "wouldn't",
    "absent from",
    r"no (?:plans?|intention|intentions) (?:to|of)",
)
# Negation after the event noun: "a summit with Trump, which Trump called off".
CANCELLED_CUES: tuple[str, ...] = (
    "called off",
    r"cancel\w*",
    "scrapped",
    "postponed",
    "abandoned",
)
# Modal cues of a planned event a few words before its trigger: "will travel", "is set to".
PLANNED_CUES: tuple[str, ...] = (
    "will",
    "'ll",
    "shall",
    "is to",
    "are to",
    "was to",
    "were to",
    "due to",
    "expected to",
    "expects? to",
    r"expects?(?: [\w.'-]+){1,3} to",  # "officials expect the two to hold talks"
    "plans? to",
    "planning to",
    "is set to",
    "are set to",
    "was set to",
    "scheduled to",
    "ahead of",
    r"prepar\w* for",
    "to be held",
    "aims? to",
    "intends? to",
    "would",
    "is going to",
    "are going to",
    "agreed to",
    "(?:is|are|was|were) likely to",
)
# Adjectives of a planned event right before its noun: "Kim's planned summit".
PLANNED_ADJECTIVES: tuple[str, ...] = (
    "planned",
    "upcoming",
    "next",
    "proposed",
    "scheduled",
    "forthcoming",
    "expected",
    "prospective",
)
# Wishes and conditions: not events ("would like to meet", "if ... met").
WISH_CUES: tuple[str, ...] = (
    "would like",
    "wants? to",
    "wanted to",
    r"wish\w* to",
    "hope[sd]?",
    "hoping",
    "could",
    "might",
    r"offer\w* to",
    "ready to",
    "willing to",
    "open to",
    "proposes",
    "proposed to",
    "call(?:s|ed)? for",
    r"urg\w*",
    "if",
    "whether",
    "unless",
    r"depend\w* on",
    r"consider\w*",
    "seeks? to",
    "sought to",
    r"push\w* for",
    "prepared to",
    "eager to",
    "would welcome",
    "possible",
    "possibility",
    r"suggest\w*",
    r"invit\w*(?: \w+){0,4} to",
)


def alternation(cues: tuple[str, ...]) -> str:
    """The cues as one regex alternation (group-free, so it nests anywhere)."""
    return "(?:" + "|".join(cues) + ")"
