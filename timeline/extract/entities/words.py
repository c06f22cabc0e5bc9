"""Closed word lists of entity resolution: role titles, officials, kin, places, pair phrases."""

from __future__ import annotations

import re

from timeline.extract.lexicon import DESCRIPTOR_TITLES, MONTH_NAMES, TITLES, WEEKDAY_NAMES

# Role words and the office they name ("leader" = effective leader, else head of state ...).
ROLE_WORDS: dict[tuple[str, ...], str] = TITLES
_ROLE_FIRST = {words[0] for words in ROLE_WORDS}
_ROLES_LONGEST_FIRST = sorted(ROLE_WORDS.items(), key=lambda kv: -len(kv[0]))
# Words between a country and its role word: "the North Korean young leader", "Chinese
# state president".
_ROLE_MODIFIERS = {
    "new",
    "young",
    "current",
    "incumbent",
    "state",
    "top",
    "visiting",
    "de",
    "interim",
    "transitional",
    "outgoing",
}
# Before a role word these make it someone else's post, or a past one.
_NOT_THE_HOLDER = {
    "vice", "deputy", "former", "ex", "late", "first", "assistant", "acting",
    "last", "previous", "next", "future", "past", "incoming",
}  # fmt: skip
# Officials and aides: never leaders, and "X's adviser" names X only as whose official.
OFFICIAL_NOUNS = {
    "adviser",
    "advisers",
    "advisor",
    "aide",
    "aides",
    "ambassador",
    "brother",
    "daughter",
    "delegation",
    "diplomat",
    "diplomats",
    "envoy",
    "envoys",
    "minister",
    "ministers",
    "negotiator",
    "negotiators",
    "official",
    "officials",
    "representative",
    "secretary",
    "sister",
    "son",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "wife",
}
_DEPENDANTS = OFFICIAL_NOUNS | {
    "administration",
    "aunt",
    "chief",
    "defence",
    "defense",
    "father",
    "foreign",
    "government",
    "grandfather",
    "grandson",
    "husband",
    "ministry",
    "mother",
    "national",
    "nephew",
    "niece",
    "office",
    "predecessor",
    "security",
    "senior",
    "special",
    "staff",
    "successor",
    "top",
    "uncle",
    "unification",
}
_KIN = {
    "sister",
    "brother",
    "wife",
    "husband",
    "daughter",
    "son",
    "father",
    "mother",
    "uncle",
    "aunt",
}
# A capitalised word after a name that makes it a place or institution ("Kim Il Sung Square").
_PLACE_NOUNS = {
    "square",
    "university",
    "stadium",
    "airport",
    "street",
    "avenue",
    "road",
    "bridge",
    "hall",
    "center",
    "centre",
    "foundation",
    "institute",
    "library",
    "museum",
    "park",
    "prize",
    "award",
    "doctrine",
    "station",
    "school",
    "memorial",
    "palace",
    "mausoleum",
}
_MONTHS = set(MONTH_NAMES)
_DATE_PREPOSITIONS = {"on", "in", "early", "late", "mid", "since", "until", "by", "of", "last"}
# Seats of government standing for the government: "the Kremlin said", "the Kremlin leader".
METONYMS: dict[tuple[str, ...], str] = {
    ("kremlin",): "country:RUS",
    ("white", "house"): "country:USA",
    ("blue", "house"): "country:KOR",
    ("zhongnanhai",): "country:CHN",
    ("elysee",): "country:FRA",
    ("downing", "street"): "country:GBR",
}
_PAIR_PHRASES = [
    ("the", "two", "prime", "ministers"),
    ("both", "prime", "ministers"),
    ("the", "two", "premiers"),
    ("the", "two", "leaders"),
    ("the", "two", "men"),
    ("the", "two", "presidents"),
    ("the", "two", "heads", "of", "state"),
    ("the", "leaders"),
    ("both", "leaders"),
    ("both", "men"),
    ("both", "presidents"),
    ("the", "pair"),
    ("the", "two"),
    ("both",),
    ("they",),
    ("their",),
    ("them",),
]
_TRIO_PHRASES = [
    ("the", "three", "leaders"),
    ("the", "three", "men"),
    ("the", "three", "presidents"),
    ("all", "three", "leaders"),
    ("all", "three"),
    ("the", "three"),
]
# "the four leaders issued a joint statement": the group named together earlier, by size.
_GROUP_SIZES = {"four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_GROUP_NOUNS = ("leaders", "men", "presidents")
_PAIR_COUNTRY_PHRASES: list[tuple[str, ...]] = [
    ("the", "two", "countries"),
    ("the", "two", "nations"),
    ("the", "two", "governments"),
    ("the", "two", "koreas"),
    ("both", "countries"),
    ("both", "governments"),
    ("their", "countries"),
    ("the", "two", "sides"),
]
_METONYM_FIRST = {words[0] for words in METONYMS}
_METONYM_LAST = {words[-1] for words in METONYMS}
_BOTH_NOUNS = {"leaders", "men", "presidents", "countries", "governments"}
# "Both are expected at the summit", "both attended": "both" standing alone as the subject.
_BOTH_VERBS = {
    "are",
    "were",
    "have",
    "had",
    "will",
    "would",
    "also",
    "attended",
    "met",
    "said",
    "agreed",
    "signed",
    "spoke",
    "visited",
    "took",
    "did",
    "called",
    "expressed",
    "joined",
    "held",
    "sat",
    "shook",
    "stood",
    "watched",
    "arrived",
    "plan",
    "planned",
}
# "invited her to", "told her that": "her" as an object, not a possessive.
_HER_OBJECT_NEXT = {"as", "to", "on", "at", "in", "with", "for", "by", "from", "and", "that"}
# "the two-day summit", "over the two days": a number, not a pair of leaders.
_NOT_PAIR_NEXT = {
    "koreas",
    "countries",
    "nations",
    "sides",
    "governments",
    "delegations",
    "days",
    "weeks",
    "months",
    "years",
    "hours",
    "decades",
    "day",
    "sessions",
    "rounds",
    "meetings",
    "summits",
    "visits",
    "calls",
    "of",
}
# A clause break between a person and an object pronoun: "since Xi took office, when Obama
# telephoned him" (Xi may be "him"; Obama, in the pronoun's own clause, may not).
_CLAUSE_GAP = re.compile(
    r",\s+(?:and|but|when|where|which|who|while|as|after|before|although|though)\b|[;:]|\s-+\s"
)
# A clause put before the main one, after an optional adverbial: "As Xi was meeting Putin,
# ...", "On Friday, after Mubarak sacked his cabinet, ..."
_FRONTED_CLAUSE = re.compile(
    r"\s*(?:[A-Z][\w ]{0,30},\s+)?(?i:as|while|when|after|before|although|though|since|once|if)"
    r"\s+[^,]{3,120},\s+"
)
# A named official, who may be the "him" of a later clause instead of a leader named before.
_NAMED_OFFICIAL = re.compile(
    r"\b(?i:minister|secretary(?: of state)?|envoy|ambassador|adviser|advisor|official|aide|"
    r"spokesman|spokeswoman|diplomat|negotiator|chairman)\s+[A-Z][\w'-]+"
)
# A bare title standing for a leader named before: "the president", "the prime minister".
_BARE_TITLES = {
    "president": "president",
    "premier": "premier",
    "chancellor": "chancellor",
    "prime": "prime minister",
    "king": "king",
    "queen": "queen",
    "emperor": "emperor",
}
# Words at which a reference other than a gazetteer alias can start.
_CUE_KEYS = (
    {"his", "her", "he", "she", "him", "who", "the", "both", "they", "their", "them", "all"}
    | {"north", "south", "east", "west"}
    | {"leaders", "presidents", "premiers", "counterpart"}
    | _ROLE_FIRST
    | {words[0] for words in METONYMS}
)
# Cue words that only matter before certain words ("the two", "his sister").
_CUE_NEXT = {
    "the": {
        "two",
        "pair",
        "three",
        "north",
        "south",
        "council",
        "union",
        "alliance",
        "bloc",
        "leaders",
        *_GROUP_SIZES,
        *(words[0] for words in DESCRIPTOR_TITLES),
    },
    "both": _BOTH_NOUNS | _BOTH_VERBS,
    "all": {"three", *_GROUP_SIZES},
    "his": _KIN,
    "her": _KIN | _HER_OBJECT_NEXT,
    "north": {"and"},
    "south": {"and"},
    "east": {"and"},
    "west": {"and"},
}
# Capitalised words that start sentences or phrases and are not names.
_NOT_NAME = (
    {
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "after",
        "before",
        "during",
        "but",
        "and",
        "as",
        "when",
        "while",
        "it",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "this",
        "that",
        "last",
        "next",
        "earlier",
        "later",
        "said",
        "says",
        "told",
        "met",
        "will",
        "had",
        "has",
        "was",
        "is",
    }
    | set(WEEKDAY_NAMES)
    | set(MONTH_NAMES)
)

# "Mr Sarkozy" (British style, no full stop): a courtesy title, not a given name.
_COURTESY = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mister"})
# Capitalised words that stand before a full name without being part of it: forms of
# address and what starts a sentence ("Former Nawaz Sharif", "Ousted Hosni Mubarak").
_NOT_GIVEN = (
    frozenset(MONTH_NAMES)
    | frozenset(WEEKDAY_NAMES)
    | _COURTESY
    | {"lord", "lady", "sheikh"}
    | {
        "former",
        "then",
        "both",
        "ousted",
        "today",
        "veteran",
        "late",
        "deposed",
        "exiled",
        "jailed",
        "embattled",
        "outgoing",
        "incoming",
        "acting",
        "interim",
        "ex",
        "new",
    }
)
