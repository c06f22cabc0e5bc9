"""The date grammar: regex fragments and the ordered rules compiled into one master regex.

To add a date expression: add a rule to `_RULES` here (name, first-word filter, pattern) and a
handler of the same name in `handlers_absolute` or `handlers_relative`; the tests check both.
"""

from __future__ import annotations

import re

from timeline.dateranges import _SEASON_START
from timeline.extract.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS_NEEDING_A_CAPITAL,
    NUMBER_WORDS,
    WEEKDAY_NAMES,
)

# replaced by the rule's name, so every rule's groups are unique inside the master regex.
# ---------------------------------------------------------------------------------------


def _factor(alternatives: list[str]) -> str:
    """Alternatives grouped under their first character ("j(?:an|une|uly)").

    The regex engine dismisses a branch whose first item is a literal with one comparison,
    so grouping turns ~80 tries per word into ~20: most of the scan's cost.
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        head = re.match(r"\\.|\[[^\]]*\]|[^(|]", alternative)
        assert head is not None, f"{alternative!r} must start with a character"
        groups.setdefault(head.group(), []).append(alternative[head.end() :])
    return "|".join(f"{head}(?:{'|'.join(tails)})" for head, tails in groups.items())


def _words(text: str) -> list[str]:
    return text.split()


_MONTH_NAMES = list(MONTH_NAMES)
_MONTH_ABBREVIATIONS = list(MONTH_ABBREVIATIONS)
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, 1)} | {
    abbr: next(i for i, name in enumerate(_MONTH_NAMES, 1) if name.startswith(abbr))
    for abbr in _MONTH_ABBREVIATIONS
}
_WEEKDAYS = {name: i for i, name in enumerate(WEEKDAY_NAMES)}
_NUMBERS = dict(NUMBER_WORDS) | {
    "a": 1,
    "an": 1,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "a couple of": 2,
}
_ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}
_ORDINAL_QUARTERS |= {f"{q}{suffix}": q for q, suffix in enumerate(("st", "nd", "rd", "th"), 1)}
# Words that need a capital to be a month ("may", "march" are also verbs).
_NEEDS_CAPITAL = MONTHS_NEEDING_A_CAPITAL

_MON_FULL = "|".join(_MONTH_NAMES)
_MON_ABBR = rf"(?:{'|'.join(sorted(_MONTH_ABBREVIATIONS, reverse=True))})\b\.?"


def _mon(name: str = "mon", *, abbr: bool = True) -> str:
    return rf"(?P<@{name}>(?:{_MON_FULL})\b{'|' + _MON_ABBR if abbr else ''})"


def _dnum(name: str = "d") -> str:
    return rf"(?P<@{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"


def _yr(name: str = "y") -> str:
    return rf"(?P<@{name}>1[5-9]\d\d|20\d\d)\b"


def _wd(name: str = "wd") -> str:
    return rf"(?P<@{name}>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"


_TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_CONN = r"\s*(?P<@conn>-|–|—|to|through|until|till|and)\s*"
_CONN_NO_AND = r"\s*(?P<@conn>-|–|—|to|through|until|till)\s*"
_NUM = rf"(?P<@n>{'|'.join(sorted(_NUMBERS, key=len, reverse=True))}|\d{{1,3}})".replace(
    " ", r"\s+"
)
_UNIT = r"(?P<@unit>day|week|fortnight|month|year|decade)s?\b"
_PART = (
    r"(?P<@part>early|mid|late|(?:the\s+)?(?:very\s+)?"
    r"(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of)(?:\s*-\s*|\s+)"
)


def _season_word(name: str) -> str:
    return rf"(?P<@{name}>spring|summer|autumn|fall|winter)\b"


# Only these prepositions make a bare year ("in 2011") or bare month ("in March") a date.
_DATE_PREP = r"(?(p_date)|(?(p_between)|(?!)))"
# "of 2000 troops": a count, not a year.
_NOT_A_COUNT = (
    r"(?!\s+(?:people|persons|troops|soldiers|workers|men|women|children|barrels|tons|tonnes"
    r"|units|missiles|dollars|won|yuan|yen|rubles|roubles|euros|kilometres|kilometers|miles"
    r"|metres|meters|feet|pounds|votes)\b)"
)

# First letters a rule's text can begin with (after any preposition): a one-character guard
# in front of each rule lets the regex engine skip rules that cannot start here cheaply.
_F_DIGIT = "0-9"
_F_MONTH = "jfmasond"
_F_WEEKDAY = "mtwfs"
_F_PART = "ebflmstv"  # early, beginning, first half, late, mid, start, the end, very
_F_NUMBER = "aoetfsn0-9"  # a, one, two, ..., twenty, 3

# (rule name, first letters, pattern) in priority order: at one position the first rule that
# matches wins, so longer and more specific forms come first.
# Nouns of events a year can date from before: "the 1998 declaration", "the 2018 summit".
_EVENT_NOUN = (
    r"(?:summits?|declaration|treaty|accord|agreement|deal|pact|visit|meeting|talks|"
    r"statement|communique|elections?|olympics|games|parade|ceremony|invasion|war)\b"
)

_RULES: list[tuple[str, str, str]] = [
    ("iso", _F_DIGIT, r"(?P<@y>\d{4})-(?P<@m>[01]\d)-(?P<@d>[0-3]\d)\b"),
    # 25-28 March (2018)
    (
        "dm_range",
        _F_DIGIT,
        rf"{_dnum('d1')}{_CONN}{_dnum('d2')}\s+(?:of\s+)?{_mon()}(?:,?\s+{_yr()})?",
    ),
    # 30 March to 2 April (2018)
    (
        "dmdm_range",
        _F_DIGIT,
        rf"{_dnum('d1')}\s+(?:of\s+)?{_mon('m1')}{_CONN_NO_AND}{_dnum('d2')}\s+(?:of\s+)?"
        rf"{_mon('m2')}(?:,?\s+{_yr()})?",
    ),
    # March 25-28, March 25 to April 2, (between) March 25 and 28 (, 2018)
    (
        "md_range",
        _F_MONTH,
        rf"{_mon('m1')}\s*{_dnum('d1')}(?:{_CONN_NO_AND}(?:{_mon('m2')}\s*)?|\s+and\s+)"
        rf"{_dnum('d2')}(?:,?\s+{_yr()})?",
    ),
    # (Monday,) 26 March (2018), the 3rd of September
    (
        "dmy",
        _F_DIGIT + _F_WEEKDAY + "t",
        rf"(?:{_wd()},?\s+)?(?:the\s+)?{_dnum()}\s+(?:of\s+)?{_mon()}(?:,?\s+{_yr()})?",
    ),
    # (Monday,) March 26(th)(, 2018)
    ("mdy", _F_MONTH + _F_WEEKDAY, rf"(?:{_wd()},?\s+)?{_mon()}\s*{_dnum()}(?:,?\s+{_yr()})?"),
    # (from) March (2018) to May (2019)
    (
        "month_range",
        _F_MONTH,
        rf"{_DATE_PREP}{_mon('m1', abbr=False)}(?:\s+{_yr('y1')})?{_CONN}"
        rf"{_mon('m2', abbr=False)}(?:,?\s+{_yr('y2')})?",
    ),
    ("year_range", _F_DIGIT, rf"{_yr('y1')}{_CONN}(?P<@y2>1[5-9]\d\d|20\d\d|\d\d)\b"),
    # the (early) 1990s, the '90s
    (
        "decade",
        _F_DIGIT + "teml'’",
        r"(?:the\s+)?(?:(?P<@part>early|mid|late)(?:\s*-\s*|\s+))?"
        r"(?:(?P<@full>1[5-9]\d0|20\d0)|['’](?P<@short>\d0))s\b",
    ),
    # early 2019, mid-2018, the end of 2018, the first half of 2019
    ("part_year", _F_PART, rf"{_PART}{_yr()}"),
    # the first quarter (of 2025), Q3 (2025)
    (
        "quarter",
        "tfsl1234q",
        r"(?:(?:the\s+(?=final|last)|(?:the\s+)?(?=first|second|third|fourth|\d))"
        r"(?P<@ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)\s+quarter\b"
        rf"|q(?P<@q>[1-4])\b)(?:\s+of\s+(?:{_yr()}|(?P<@rel>last|this|next)\s+year\b)"
        rf"|,?\s+{_yr('y2')})?",
    ),
    # last summer, early autumn, (in) the autumn, summer (of) 2019
    (
        "season",
        "ltnemsafw",
        rf"(?:(?P<@mod>last|this|next|early|late|mid)(?:\s*-\s*|\s+)(?:the\s+)?{_season_word('s1')}"
        rf"|(?:the\s+)?{_season_word('s2')}(?=,?\s+(?:of\s+)?(?:\d|(?:last|this|next)\s+year))"
        rf"|(?(p_date)|(?(p_other)|(?!)))the\s+{_season_word('s3')}(?!\s+of\s+[a-z])"
        rf")(?:,?\s+(?:of\s+)?(?:{_yr()}|(?P<@rel>last|this|next)\s+year\b))?",
    ),
    # (late) March 2018, September of 2017
    ("month_year", _F_PART + _F_MONTH, rf"(?:{_PART})?{_mon()}(?:,|\s+of)?\s+{_yr()}"),
    # (early) June last year, September of last year
    (
        "month_rel_year",
        _F_PART + _F_MONTH,
        rf"(?:{_PART})?{_mon(abbr=False)}\s+(?:of\s+)?(?P<@rel>last|this|next)\s+year\b",
    ),
    # (early) last April, next March
    ("month_rel", _F_PART + "lnt", rf"(?:{_PART})?(?P<@rel>last|next|this)\s+{_mon(abbr=False)}"),
    # late last year, the end of the year, early next month, the end of this week
    ("part_rel", _F_PART, rf"{_PART}(?P<@rel>last|this|next|the)\s+(?P<@unit>year|month|week)\b"),
    # earlier this month, later this week, earlier in the year
    (
        "earlier_later",
        "el",
        r"(?P<@which>earlier|later)\s+(?:this|in\s+the)\s+(?P<@unit>week|month|year)\b",
    ),
    # (over) the weekend, last/this/next weekend, this past weekend
    ("weekend", "ltn", r"(?P<@rel>last|this\s+past|the\s+past|this|next|the)\s+weekend\b"),
    ("period_rel", "ltn", r"(?P<@rel>last|this|next)\s+(?P<@unit>week|month|year|quarter)\b"),
    (
        "rel_day",
        "tyel",
        r"(?P<@word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        r"|(?:earlier|later)\s+today|yesterday|tomorrow|today|tonight"
        rf"|this\s+(?:morning|afternoon|evening)|last\s+night){_TIME_OF_DAY}",
    ),
    # in the coming days, the next few weeks, the days ahead
    (
        "coming",
        "t",
        r"the\s+(?:coming|next\s+few|next\s+several|following\s+few)\s+(?P<@unit>day|week|month)s\b"
        r"|the\s+(?P<@unit2>day|week|month)s\s+ahead\b",
    ),
    ("ago", _F_NUMBER, rf"{_NUM}\s+{_UNIT}\s+ago\b"),
    # two days later, a day earlier, two months after (another event)
    (
        "anchored_n",
        _F_NUMBER,
        rf"{_NUM}\s+{_UNIT}\s+(?P<@dir>later|earlier|afterwards?|beforehand|before|after)\b",
    ),
    # the next day, the following week, the day before, later that day, later in the day
    (
        "anchored_the",
        "tle",
        r"the\s+(?P<@rel>next|following|previous|preceding|same|subsequent)\s+"
        r"(?P<@unit>day|morning|afternoon|evening|night|week|month|year)\b"
        r"|the\s+(?P<@unit2>day|week|month|year)\s+(?P<@dir>before|after|earlier|later)\b"
        r"|(?P<@that>(?:later\s+|earlier\s+)?that\s+(?:day|morning|afternoon|evening|night))\b"
        r"|(?P<@inday>(?:later|earlier)\s+in\s+the\s+day)\b",
    ),
    # (from) Sunday to Wednesday, Monday and Tuesday
    (
        "wd_range",
        _F_WEEKDAY,
        rf"{_wd('wd1')}{_TIME_OF_DAY}{_CONN}{_wd('wd2')}{_TIME_OF_DAY}",
    ),
    # (on) Tuesday (evening), last Monday, the following Monday, late on Friday
    (
        "weekday",
        _F_WEEKDAY + "lnte",
        r"(?:(?P<@rel>last|next|this|the\s+following|the\s+previous|the\s+preceding)\s+"
        rf"|(?:early|late|earlier|later)\s+(?:on\s+)?)?{_wd()}{_TIME_OF_DAY}",
    ),
    ("part_month", _F_PART, rf"{_PART}{_mon(abbr=False)}"),
    # in March, since February, March's (a bare capitalised month is checked by the handler)
    ("month", _F_MONTH, _mon(abbr=False)),
    # in 2011, since 2011, 2011's, the year 2000, the 1998 declaration (a bare number is not
    # a year)
    (
        "year",
        _F_DIGIT + "t",
        rf"(?:{_DATE_PREP}|the\s+year\s+|(?=\d{{4}}['’]s\b)|(?<=the\s)(?=\d{{4}}\s+{_EVENT_NOUN})){_yr()}"
        rf"{_NOT_A_COUNT}",
    ),
    # words that name a date without giving one: the range is None
    (
        "vague",
        "at",
        r"(?:an\s+early|a\s+later|a\s+future)\s+date|the\s+near\s+future"
        r"|a\s+(?:date|time)\s+to\s+be\s+(?:determined|decided|announced|set|fixed|agreed)",
    ),
]

# Prepositions kept in an expression's text. Only the "date" ones make a bare year or month a
# date ("in 2011", "since March"); "between" also licenses "and" in a range.
_PREPS_DATE = _words("in since during by until till through throughout of from around")
_PREPS_OTHER = _words("on at before over")
_PREP = (
    rf"(?:(?P<p_between>between)|(?P<p_date>{_factor(_PREPS_DATE)})"
    rf"|(?P<p_other>{_factor(_PREPS_OTHER)}))\s+"
)
_ANY_PREP = rf"(?:{_factor(['between', *_PREPS_DATE, *_PREPS_OTHER])})\s+"
# A cheap filter run at every word start before the rules: the first word(s) any rule can
# begin with. Factored by first letter, it dismisses most words ("Kim", "said") at once.
_UNITS_AHEAD = r"\s+(?:couple\s+of\s+)?(?:day|week|fortnight|month|year|decade)"
_CAN_START = _factor(
    [
        r"\d",
        r"['’]\d",
        r"q[1-4]\b",
        *_MON_FULL.split("|"),
        *(rf"{abbr}\b" for abbr in _MONTH_ABBREVIATIONS),
        *_WEEKDAYS,
        *(rf"{season}\s" for season in _SEASON_START),
        *(rf"{word}[\s-]" for word in ("early", "mid", "late")),
        *(rf"{word}\s" for word in ("earlier", "later", "last", "this", "next", "very")),
        *_words("today tonight yesterday tomorrow"),
        r"that\s+(?:day|morning|afternoon|evening|night)",
        *(rf"{word}\s+of" for word in ("end", "beginning", "start", "middle")),
        *(rf"{word}\s+(?:quarter|half)" for word in _ORDINAL_QUARTERS),
        *(rf"{word}{_UNITS_AHEAD}" for word in _NUMBERS if " " not in word),
        r"a\s+couple",
        r"an\s+early\s+date",
        r"a\s+(?:later|future)\s+date",
        r"a\s+(?:date|time)\s+to",
        r"the\s+(?:day|week|month|year|coming|next|following|previous|preceding|same|subsequent"
        r"|end|beginning|start|middle|first|second|third|fourth|final|last|very|near|past"
        r"|early|mid|late|spring|summer|autumn|fall|winter|\d|['’])",
    ]
)
_MASTER = re.compile(
    rf"(?<![\w.,'’-])(?=(?:{_ANY_PREP})?(?:{_CAN_START}))(?:{_PREP})?(?:"
    + "|".join(
        f"(?P<{name}>(?=[{first}]){pattern.replace('(?P<@', f'(?P<{name}_')})"
        for name, first, pattern in _RULES
    )
    + r")(?![^\W_])"
)

# A dateline: "BEIJING, March 28 -", "SEOUL, Aug. 13 (Reuters) -", "ANCHORAGE, Alaska, Aug. 16 -".
_DATELINE = re.compile(
    r"\A\s*[A-Z][\w.'’-]*(?:[ ,]+[A-Za-z][\w.'’-]*){0,5},\s+"
    rf"(?i:{_mon().replace('(?P<@', '(?P<')})\s*(?P<d>\d{{1,2}})\b(?:,?\s+(?P<y>\d{{4}}))?"
    r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]"
)

# ---------------------------------------------------------------------------------------
# Tense: which way "on Tuesday" or "in March" points.
