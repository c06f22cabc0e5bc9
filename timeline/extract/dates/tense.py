"""Tense cues: which way "on Tuesday" or "in March" points (past or future)."""

from __future__ import annotations

import re

from timeline.extract.dates.grammar import _factor, _words

# ---------------------------------------------------------------------------------------

_BE_GOING_TO = (
    r"\s+(?:(?:also|still|now|widely|not|reportedly|tentatively|originally)\s+)?"
    r"(?:due|expected|scheduled|set|slated|going|poised|planning|preparing|likely)\s+to"
)
_FUTURE_STRONG = [
    "will",
    "shall",
    "won['’]t",
    *(f"{who}['’]ll" for who in _words("i you he she it we they")),
    *(be + _BE_GOING_TO for be in _words("is are am was were be been being")),
    r"is\s+to",
    r"are\s+to",
    r"plans?\s+to",
    r"planning\s+to",
    r"intends?\s+to",
    r"next\s+(?:week|month|year|weekend|quarter)",
    "tomorrow",
    r"later\s+this",
    r"the\s+coming",
    "upcoming",
]
_FUTURE_WEAK = ["would", "planned", "scheduled", r"ahead\s+of", r"next(?!\s+to\b)"]
_PAST = _words(
    "said says told tells reported announced confirmed was were had did has have met held made"
    " took went came gave sent spoke left flew began saw wrote became stood won lost led brought"
    " found got ran paid kept rose fell hit spent drew chose broke shook struck sat agreed ago"
    " yesterday last earlier previously already"
)
# Each family is tagged by an empty group after it, so the alternatives themselves start with
# a letter and the engine can skip them cheaply. The scan consumes the character before each
# word (a space, a quote), which the engine finds with a fast character-class search.
_CUE_WORDS = (
    rf"(?:(?:{_factor(_FUTURE_STRONG)})\b(?P<strong>)|(?:{_factor(_FUTURE_WEAK)})\b(?P<weak>)"
    rf"|(?:{_factor(_PAST)})\b(?P<past>))"
)
_CUES = re.compile(rf"[^\w'’]{_CUE_WORDS}")
_FIRST_CUE = re.compile(_CUE_WORDS)  # a cue opening the text, with nothing before it
# Other past tenses and participles ("approved"), found from their ending, unless they are
# adjectives or passives (checked in `_sentence_cues`).
_ED_ENDING = re.compile(r"ed\b")
_ED_WORD = re.compile(r"[a-z]{2,}[a-df-z]ed")
_ED_STEM = re.compile(r"(?<![a-z])[a-z]+\Z")
_NOT_A_VERB = re.compile(r"(?:\b(?:the|an?|his|her|its|their|our|be|been|being|is|are)|['’]s)\s+$")
_ED_ADJECTIVES = frozenset({"united", "hundred", "alleged"})
_HEADLINE_VERBS = (
    "visit|meet|attend|hold|host|travel|sign|make|join|tour|address|skip|receive|welcome"
    "|seek|head|send|impose|announce|launch|call|open|speak|discuss|unveil"
)
# "Moon to visit Pyongyang next month": a headline's "to" + verb with no finite verb.
_HEADLINE = re.compile(rf"\W*(?:[\w'’.-]+\s+){{1,8}}?to\s+(?:{_HEADLINE_VERBS})\b")
# Sentence ends: . ! ? before a capital (not "U.S. President", "Mr. Kim"), or a line break.
# Written to start with a character class, which the engine scans for quickly.
_SENTENCE_BREAK = re.compile(
    r"[.!?\n](?:(?<=\n)\n*|(?<![.\s][A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)"
    r"['\"”’)]*\s+(?=['\"“‘(]?[A-Z]))"
)
_CLAUSE_BREAK = re.compile(r"[-,;:()\[\]—–](?:(?<!-)|(?<=\s-)(?=\s))")


def _sentence_cues(low: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, 'strong' | 'weak' | 'past') for each tense cue in low[start:end]."""
    end = len(low) if end is None else end
    found = []
    if start == 0 and (m := _FIRST_CUE.match(low, 0, end)):
        found.append((0, m.end(), m.lastgroup or ""))
    for m in _CUES.finditer(low, max(start - 1, 0), end):
        found.append((m.start() + 1, m.end(), m.lastgroup or ""))
    for m in _ED_ENDING.finditer(low, start, end):
        stem = _ED_STEM.search(low, max(start, m.start() - 24), m.start())
        word = stem.start() if stem else m.start()
        if (
            _ED_WORD.fullmatch(low, word, m.end())
            and low[word : m.end()] not in _ED_ADJECTIVES
            and not _NOT_A_VERB.search(low, max(0, word - 8), word)
            # "a NATO summit co-hosted by Sarkozy": a participle, not a past tense
            and not low.startswith(" by ", m.end())
        ):
            found.append((word, m.end(), "past"))
    found.sort()
    return found


def infer_tense(sentence: str) -> str:
    """'future' when the sentence speaks of what will happen, else 'past' (news default).

    Future cues: will/shall/'ll, is due/expected/set/scheduled to, plans to, is to, next week,
    later this month, upcoming, and a headline's bare "X to visit Y". A reported future ("said
    he will visit") is future too: the event it describes has not happened yet.
    """
    low = sentence.lower()
    cues = _sentence_cues(low)
    if any(kind == "strong" for _, _, kind in cues):
        return "future"
    if not any(kind == "past" for _, _, kind in cues) and _HEADLINE.match(low):
        return "future"
    return "past"


# ---------------------------------------------------------------------------------------
# The per-call context: the text, the publication date and lazily computed structure.
