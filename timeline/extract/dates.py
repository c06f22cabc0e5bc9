"""Temporal normaliser: find date expressions in news text and resolve them to date ranges.

Pure and database-free. Every expression becomes an inclusive `DateRange` at the precision the
words support ("late April" is 21-30 April, not a day), following the conventions of the
extraction benchmark (shared/eval/README.md, "Dates").

How it works: one master regex, compiled once, finds candidate spans in a single pass over
the lower-cased text. Its rules are ordered longest-first, so at any position the most specific
reading wins and matches never overlap; a cheap first-word filter and a one-letter guard per
rule keep the scan fast (both checked against the bare rules by the tests). A handler per rule
turns the captured groups into a range. Words that need a direction ("on Tuesday", "in March")
take it from the nearest tense cue in their clause, else their sentence (`_Context.tense_at`).

Decisions where the conventions are silent (kept in one place so they can be argued with):

* A weekday in the past tense is the most recent such day *on or before* publication, so on a
  Thursday "on Thursday" is that day (as the gold data has it: wire copy reports the day's
  events by weekday); in the future tense it is the next such day on or after publication.
  "last Monday" / "next Monday" are strictly before / after, "this Monday" is in this ISO week.
* A month, season or quarter without a year is the latest one starting on or before
  publication (past) or the first one ending on or after it (future); the current one counts.
  A dateline's "March 28" is the occurrence nearest publication, whatever the tense.
* "in the coming days" is publication day + 7 days, "coming weeks" + 42 days, "coming months"
  + 183 days (generous, since an overlapping range is what matters downstream).
* "three days ago" is that day, "a week ago" that ISO week, "two months ago" that month, "two
  years ago" that year. "Monday and Thursday" is the span Monday to Thursday.
* "winter 2024" is December 2024 to February 2025, matching the "winter 2024-25" display.
* "the end of April" is late April (21-30), "the end of the year" late in it (Sep-Dec), "the
  end of the week" Thursday to Sunday; "by/before/until the end of X" is publication day to
  the end of X while X is not over.
* Open and partial periods ("since 2011", "earlier this month", "later this week") keep the
  precision of the period they name; `format_range` then shows them as "START to END".
* "two days later" without an anchor counts from the latest expression fine enough for it (a
  day for days, up to a year for years). "two months after <event>" (a count, "after" or
  "before", then a noun) names another event's date: only an explicit `anchor` resolves it,
  else it is not reported at all.
* A bare year counts only after a date preposition ("in", "since", "of", "by", ...), as a
  possessive ("2011's") or in "the year 2000"; a bare month name needs a preposition too, or a
  capital inside a sentence ("Kim's March visit"), never "May" (Theresa May).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from timeline.vocabulary import PRECISIONS

__all__ = [
    "PRECISIONS",
    "DateRange",
    "TemporalExpression",
    "dateline",
    "find_dates",
    "format_range",
    "infer_tense",
    "parse_filter_date",
    "resolve",
]

_RANK = {p: i for i, p in enumerate(PRECISIONS)}
_RANK["season"] = _RANK["quarter"]  # a season is as coarse as a quarter


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive range of days and the precision the text gave it."""

    start: date
    end: date
    precision: str

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"DateRange start {self.start} is after end {self.end}")
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")


@dataclass(frozen=True, slots=True)
class TemporalExpression:
    """One temporal expression as written, where it is, and what it resolves to."""

    text: str
    start_char: int
    end_char: int
    range: DateRange | None
    kind: str  # "absolute" | "relative" | "anchored" | "open"


# ---------------------------------------------------------------------------------------
# Calendar helpers: every period the rules can name, as a DateRange.
# ---------------------------------------------------------------------------------------

_DAY = timedelta(days=1)
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}


def _day(d: date) -> DateRange:
    return DateRange(d, d, "day")


def _span(start: date, end: date) -> DateRange:
    """Consecutive days; one day is reported as a day."""
    return DateRange(start, end, "day" if start == end else "range")


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _month(year: int, month: int) -> DateRange:
    return DateRange(date(year, month, 1), _month_end(year, month), "month")


def _year(year: int) -> DateRange:
    return DateRange(date(year, 1, 1), date(year, 12, 31), "year")


def _quarter(year: int, quarter: int) -> DateRange:
    first = 3 * quarter - 2
    return DateRange(date(year, first, 1), _month_end(year, first + 2), "quarter")


def _week(d: date) -> DateRange:
    monday = d - timedelta(days=d.weekday())
    return DateRange(monday, monday + timedelta(days=6), "week")


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _season(year: int, name: str) -> DateRange:
    """The season starting in `year` (winter runs December to February)."""
    first = _SEASON_START[name]
    end_year, end_month = _shift_month(year, first, 2)
    return DateRange(date(year, first, 1), _month_end(end_year, end_month), "season")


def _decade(first_year: int) -> DateRange:
    return DateRange(date(first_year, 1, 1), date(first_year + 9, 12, 31), "decade")


# Parts of a period: the words "early", "the end of", ... map onto one of these keys.
_PART_KEYS = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"} | {
    "early": "early",
    "mid": "mid",
    "late": "late",
    "first half": "h1",
    "second half": "h2",
}


def _part_key(words: str) -> str:
    words = re.sub(r"\s+", " ", words.replace("-", " ")).strip()
    words = words.removeprefix("the ").removeprefix("very ").removesuffix(" of")
    return _PART_KEYS[words]


# (first, last) of each part: days of a month, months of a year, weekdays (Monday = 0) of a
# week, years of a decade. The README fixes early/mid/late for months and years.
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "h1": (1, 15), "h2": (16, 31)}
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "h1": (1, 6), "h2": (7, 12)}
_WEEK_PARTS = {"early": (0, 2), "mid": (1, 3), "late": (3, 6), "h1": (0, 3), "h2": (3, 6)}
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), "h1": (0, 4), "h2": (5, 9)}
_SEASON_PARTS = {"early": 0, "h1": 0, "mid": 1, "late": 2, "h2": 2}  # which of its months


def _month_part(year: int, month: int, part: str) -> DateRange:
    first, final = _MONTH_PARTS[part]
    final = min(final, monthrange(year, month)[1])
    return DateRange(date(year, month, first), date(year, month, final), "month_part")


def _year_part(year: int, part: str) -> DateRange:
    first, final = _YEAR_PARTS[part]
    return DateRange(date(year, first, 1), _month_end(year, final), "year_part")


def _week_part(monday: date, part: str) -> DateRange:
    first, final = _WEEK_PARTS[part]
    return _span(monday + timedelta(days=first), monday + timedelta(days=final))


def _decade_part(first_year: int, part: str) -> DateRange:
    first, final = _DECADE_PARTS[part]
    return DateRange(date(first_year + first, 1, 1), date(first_year + final, 12, 31), "decade")


def _on_or_before(d: date, weekday: int) -> date:
    return d - timedelta(days=(d.weekday() - weekday) % 7)


def _on_or_after(d: date, weekday: int) -> date:
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def _made(make: Callable[[int], DateRange], year: int) -> DateRange | None:
    """`make(year)`, or None where that year has no such date (29 February)."""
    try:
        return make(year)
    except (ValueError, OverflowError):
        return None


def _pick_year(make: Callable[[int], DateRange], published: date, tense: str) -> DateRange | None:
    """The occurrence of a yearly period that makes the tense right.

    Past: the latest starting on or before publication; future: the first ending on or after
    it. The current occurrence counts either way ("in August", published in August).
    """
    if tense == "future":
        years = range(published.year - 1, published.year + 9)
        return next((r for y in years if (r := _made(make, y)) and r.end >= published), None)
    years = range(published.year, published.year - 9, -1)
    return next((r for y in years if (r := _made(make, y)) and r.start <= published), None)


def _nearest_year(make: Callable[[int], DateRange], published: date) -> DateRange | None:
    """The occurrence closest to publication (datelines, which carry no tense)."""
    years = (published.year - 1, published.year, published.year + 1)
    found = [r for y in years if (r := _made(make, y))]
    return min(found, key=lambda r: max(r.start - published, published - r.end), default=None)


# ---------------------------------------------------------------------------------------
# Lexicon and regex fragments. Patterns run on lower-cased text; `@` in a group name is
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


_MONTH_NAMES = _words(
    "january february march april may june july august september october november december"
)
_MONTH_ABBREVIATIONS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, 1)} | {
    abbr: next(i for i, name in enumerate(_MONTH_NAMES, 1) if name.startswith(abbr))
    for abbr in _MONTH_ABBREVIATIONS
}
_WEEKDAYS = {
    name: i
    for i, name in enumerate(_words("monday tuesday wednesday thursday friday saturday sunday"))
}
_NUMBERS = {
    name: i + 1
    for i, name in enumerate(
        _words("one two three four five six seven eight nine ten eleven twelve")
    )
} | {
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
_NEEDS_CAPITAL = frozenset({"may", "march", "mar"})

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
    # in 2011, since 2011, 2011's, the year 2000 (a bare number is not a year)
    (
        "year",
        _F_DIGIT + "t",
        rf"(?:{_DATE_PREP}|the\s+year\s+|(?=\d{{4}}['’]s\b)){_yr()}{_NOT_A_COUNT}",
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
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    """One `find_dates` call: its inputs, the ranges found so far (what "two days later"
    counts from) and the sentence structure, worked out only if a tense is needed."""

    text: str
    low: str
    published: date
    tense: str | None
    anchor: DateRange | None
    history: list[DateRange] = field(default_factory=list)
    dateline_span: tuple[int, int] | None = None
    _sentence_starts: list[int] | None = None
    _cues: dict[tuple[int, int], list[tuple[int, int, str]]] = field(default_factory=dict)

    def sentence(self, pos: int) -> tuple[int, int]:
        """The bounds of the sentence around `pos` (sentence ends found once, when needed)."""
        if self._sentence_starts is None:
            self._sentence_starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(self.text)]
        starts = self._sentence_starts
        i = bisect_right(starts, pos) - 1
        return starts[i], starts[i + 1] if i + 1 < len(starts) else len(self.text)

    def cues(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Tense cues in text[start:end], remembered per span (clauses and sentences)."""
        key = (start, end)
        if key not in self._cues:
            self._cues[key] = _sentence_cues(self.low, start, end)
        return self._cues[key]

    def tense_at(self, start: int, end: int) -> str:
        """The tense governing text[start:end]: an explicit override, else the nearest cue
        in the same clause, else the nearest in the sentence, else a headline, else past."""
        if self.tense is not None:
            return self.tense
        s_start, s_end = self.sentence(start)
        c_start = s_start
        for m in _CLAUSE_BREAK.finditer(self.text, s_start, start):
            c_start = m.end()
        after = _CLAUSE_BREAK.search(self.text, end, s_end)
        c_end = after.start() if after else s_end
        for lo, hi in ((c_start, c_end), (s_start, s_end)):
            cues = [c for c in self.cues(lo, hi) if c[1] <= start or c[0] >= end]
            if cues:
                nearest = min(cues, key=lambda c: start - c[1] if c[1] <= start else c[0] - end)
                return "past" if nearest[2] == "past" else "future"
        return "future" if _HEADLINE.match(self.low, s_start, s_end) else "past"


# A handler turns one match into (range, kind), or None to report nothing for the span.
_Result = tuple[DateRange | None, str] | None


class _Hit(NamedTuple):
    """A match seen through one rule: `hit("mon")` reads that rule's group "mon"."""

    m: re.Match[str]
    rule: str
    prep: str | None
    ctx: _Context

    def __call__(self, key: str) -> str | None:
        return self.m.group(f"{self.rule}_{key}")

    def pos(self, key: str) -> int:
        return self.m.start(f"{self.rule}_{key}")

    def pick(self, make: Callable[[int], DateRange]) -> DateRange | None:
        """A yearly period in the year the tense (or a dateline) calls for."""
        ctx = self.ctx
        if ctx.dateline_span and ctx.dateline_span[0] <= self.m.start() < ctx.dateline_span[1]:
            return _nearest_year(make, ctx.published)
        return _pick_year(make, ctx.published, ctx.tense_at(self.m.start(), self.m.end()))

    def capitalised(self, key: str) -> bool:
        return self.ctx.text[self.pos(key)].isupper()

    def starts_sentence(self, key: str) -> bool:
        """Whether the group opens a sentence (where a capital proves nothing)."""
        text, i = self.ctx.text, self.pos(key)
        while i > 0 and text[i - 1] in " \t\"'“‘(":
            i -= 1
        return i == 0 or text[i - 1] in ".!?:\n"

    def followed_by_word(self) -> bool:
        """True in "the day before the summit", False in "the day before, ..."."""
        return bool(_WORD_AHEAD.match(self.ctx.low, self.m.end()))


_WORD_AHEAD = re.compile(r"\s+['\"“‘]?[\w]")


def _number(word: str) -> int:
    word = re.sub(r"\s+", " ", word)
    return int(word) if word.isdigit() else _NUMBERS[word]


def _month_number(hit: _Hit, key: str = "mon") -> int | None:
    """The month a group names, or None for a lower-case "may"/"march" (the verbs)."""
    word = hit(key)
    assert word is not None
    word = word.rstrip(".")
    if word in _NEEDS_CAPITAL and not hit.capitalised(key):
        return None
    return _MONTHS[word]


def _year_of(hit: _Hit, key: str = "y") -> int | None:
    value = hit(key)
    return int(value) if value else None


def _relative_year(published: date, rel: str | None) -> int:
    return published.year + {"last": -1, "next": 1}.get(rel or "this", 0)


# ---------------------------------------------------------------------------------------
# Handlers, one family of expressions per block.
# ---------------------------------------------------------------------------------------

# Absolute days and day ranges -----------------------------------------------------------


def _h_iso(hit: _Hit) -> _Result:
    return _day(date(int(hit("y")), int(hit("m")), int(hit("d")))), "absolute"


def _days(hit: _Hit, month1: str, day1: str, month2: str, day2: str) -> _Result:
    """A day or a span of days ("26 March", "March 25-28", "30 March to 2 April 2018"). A
    written year belongs to the end of the span; without one, the tense picks the year."""
    m1, m2 = _month_number(hit, month1), _month_number(hit, month2)
    if m1 is None or m2 is None:
        return None
    d1, d2 = int(hit(day1)), int(hit(day2))
    if m1 == m2 and d2 < d1:  # "28-25 March" is no span
        return None

    def make(year: int) -> DateRange:  # "Dec 30 to Jan 2" rolls into the next year
        return _span(date(year, m1, d1), date(year + (m2 < m1), m2, d2))

    year = _year_of(hit)
    if year:
        return make(year - (m2 < m1)), "absolute"
    return hit.pick(make), "absolute"


def _h_day(hit: _Hit) -> _Result:
    return _days(hit, "mon", "d", "mon", "d")


def _h_dm_range(hit: _Hit) -> _Result:
    return _days(hit, "mon", "d1", "mon", "d2")


def _h_dmdm_range(hit: _Hit) -> _Result:
    return _days(hit, "m1", "d1", "m2", "d2")


def _h_md_range(hit: _Hit) -> _Result:
    return _days(hit, "m1", "d1", "m2" if hit("m2") else "m1", "d2")


# Parts and deadlines ----------------------------------------------------------------------

_DEADLINE_PREPS = frozenset({"by", "before", "until", "till"})


def _part_of(whole: DateRange, part: str) -> DateRange:
    """The early/mid/late part (or half) of a month, year, week, decade or season."""
    start = whole.start
    if whole.precision == "month":
        return _month_part(start.year, start.month, part)
    if whole.precision == "year":
        return _year_part(start.year, part)
    if whole.precision == "week":
        return _week_part(start, part)
    if whole.precision == "decade":
        return _decade_part(start.year, part)
    return _month(*_shift_month(start.year, start.month, _SEASON_PARTS[part]))


def _is_deadline(hit: _Hit) -> bool:
    """by / before / until the end of ..."""
    words = hit("part")
    return bool(words) and "end" in words and hit.prep in _DEADLINE_PREPS


def _narrowed(hit: _Hit, whole: DateRange, kind: str) -> _Result:
    """`whole` narrowed by the rule's part words: "late April" is 21-30 April; "by the end
    of April" is publication day to 30 April while April lasts (else all of April)."""
    words = hit("part")
    if not words:
        return whole, kind
    published = hit.ctx.published
    if _is_deadline(hit):
        if whole.end < published:
            return whole, kind
        return DateRange(published, whole.end, whole.precision), "relative"
    return _part_of(whole, _part_key(words)), kind


# Months -----------------------------------------------------------------------------------


def _h_month_year(hit: _Hit) -> _Result:
    month = _month_number(hit)
    if month is None:
        return None
    return _narrowed(hit, _month(int(hit("y")), month), "absolute")


def _h_month_rel_year(hit: _Hit) -> _Result:
    month = _month_number(hit)
    if month is None:
        return None
    year = _relative_year(hit.ctx.published, hit("rel"))
    return _narrowed(hit, _month(year, month), "relative")


def _h_month_rel(hit: _Hit) -> _Result:
    """last April: the latest April over before publication; next March: the first after."""
    month = _month_number(hit)
    if month is None:
        return None
    published, rel = hit.ctx.published, hit("rel")
    year = published.year
    if rel == "last":
        year -= _month_end(year, month) >= published
    elif rel == "next":
        year += date(year, month, 1) <= published
    return _narrowed(hit, _month(year, month), "relative")


def _h_part_month(hit: _Hit) -> _Result:
    """late April, the end of April (the year by tense): the part itself decides the year."""
    month = _month_number(hit)
    if month is None:
        return None
    if _is_deadline(hit):
        whole = hit.pick(lambda y: _month(y, month))
        return _narrowed(hit, whole, "relative") if whole else None
    part = _part_key(hit("part"))
    return hit.pick(lambda y: _month_part(y, month, part)), "absolute"


def _h_month(hit: _Hit) -> _Result:
    """A bare month needs a date preposition ("in March") or a possessive ("March's"); else
    only a capitalised name inside a sentence counts ("Kim's March visit"), and not "May"
    (Theresa May) nor one followed by another name ("April Ryan")."""
    month = _month_number(hit)
    if month is None:
        return None
    ctx, end = hit.ctx, hit.m.end()
    if hit.prep not in _DATE_PREPS and not ctx.low.startswith(("'s", "’s"), end):
        if month == 5 or not hit.capitalised("mon") or hit.starts_sentence("mon"):
            return None
        if _NAME_AHEAD.match(ctx.text, end):
            return None
    return hit.pick(lambda y: _month(y, month)), "absolute"


_NAME_AHEAD = re.compile(r"\s+[A-Z]")
_DATE_PREPS = frozenset([*_PREPS_DATE, "between"])


def _h_month_range(hit: _Hit) -> _Result:
    m1, m2 = _month_number(hit, "m1"), _month_number(hit, "m2")
    if m1 is None or m2 is None:
        return None
    y1, y2 = _year_of(hit, "y1"), _year_of(hit, "y2")

    def make(year: int) -> DateRange:
        end_year = year + (m2 < m1)
        return DateRange(date(year, m1, 1), _month_end(end_year, m2), "month")

    if y1 and y2:
        if (y2, m2) < (y1, m1):
            return None
        return DateRange(date(y1, m1, 1), _month_end(y2, m2), "month"), "absolute"
    if y1 or y2:
        year = y1 if y1 else y2 - (m2 < m1)
        return make(year), "absolute"
    return hit.pick(make), "absolute"


# Years, decades, quarters, seasons ----------------------------------------------------------


def _h_year(hit: _Hit) -> _Result:
    return _year(int(hit("y"))), "absolute"


def _h_year_range(hit: _Hit) -> _Result:
    if hit.prep is None and hit("conn") not in ("-", "–", "—"):
        return None
    first, second = int(hit("y1")), hit("y2")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last <= first:
        return None
    return DateRange(date(first, 1, 1), date(last, 12, 31), "year"), "absolute"


def _h_decade(hit: _Hit) -> _Result:
    if hit("full"):
        first = int(hit("full"))
    else:  # '90s: the latest such decade that has begun by publication
        year = hit.ctx.published.year
        first = year // 100 * 100 + int(hit("short"))
        if first > year:
            first -= 100
    return _narrowed(hit, _decade(first), "absolute")


def _h_part_year(hit: _Hit) -> _Result:
    return _narrowed(hit, _year(int(hit("y"))), "absolute")


def _h_quarter(hit: _Hit) -> _Result:
    q = int(hit("q")) if hit("q") else _ORDINAL_QUARTERS[hit("ord")]
    year = _year_of(hit) or _year_of(hit, "y2")
    if year:
        return _quarter(year, q), "absolute"
    if hit("rel"):
        return _quarter(_relative_year(hit.ctx.published, hit("rel")), q), "relative"
    return hit.pick(lambda y: _quarter(y, q)), "absolute"


def _h_season(hit: _Hit) -> _Result:
    """last summer: the latest one over by publication; this summer: the one under way, else
    this calendar year's; next summer: the one after that; "in the autumn": by tense."""
    key = next(k for k in ("s1", "s2", "s3") if hit(k))
    name, mod, year = hit(key), hit("mod"), _year_of(hit)
    published = hit.ctx.published
    if hit("rel"):
        year = _relative_year(published, hit("rel"))
    elif year is None and hit.capitalised(key) and not hit.starts_sentence(key):
        return None  # seasons are lower case in running text: "the Winter Olympics" is a name
    part = _part_key(mod) if mod in ("early", "mid", "late") else None

    def make(y: int) -> DateRange:
        return _part_of(_season(y, name), part) if part else _season(y, name)

    if year is not None:
        return make(year), "relative" if hit("rel") else "absolute"
    if mod in ("last", "this", "next"):
        current = _this_season(published, name)
        if mod == "next":
            current = _season(current.start.year + 1, name)
        elif mod == "last" and current.end >= published:
            current = _season(current.start.year - 1, name)
        return current, "relative"
    return hit.pick(make), "absolute"


def _this_season(published: date, name: str) -> DateRange:
    """The occurrence under way at publication, else the one starting this calendar year."""
    for year in (published.year - 1, published.year):
        found = _season(year, name)
        if found.start <= published <= found.end:
            return found
    return _season(published.year, name)


# Relative periods: weeks, months, years, weekends --------------------------------------------


def _period(published: date, unit: str, offset: int) -> DateRange:
    """The week/month/quarter/year containing publication, shifted by `offset` periods."""
    if unit == "week":
        return _week(published + timedelta(weeks=offset))
    if unit == "month":
        return _month(*_shift_month(published.year, published.month, offset))
    if unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + offset
        return _quarter(index // 4, index % 4 + 1)
    return _year(published.year + offset)


_OFFSETS = {"last": -1, "this": 0, "the": 0, "next": 1}


def _h_period_rel(hit: _Hit) -> _Result:
    return _period(hit.ctx.published, hit("unit"), _OFFSETS[hit("rel")]), "relative"


def _h_earlier_later(hit: _Hit) -> _Result:
    """earlier this month: its first day to publication; later this week: publication to its
    end. The range keeps the period's precision."""
    period, published = _period(hit.ctx.published, hit("unit"), 0), hit.ctx.published
    if hit("which") == "earlier":
        return DateRange(period.start, published, period.precision), "relative"
    return DateRange(published, period.end, period.precision), "relative"


def _h_part_rel(hit: _Hit) -> _Result:
    """late last year, early next month, the end of the week, by the end of the year."""
    if hit("rel") == "the" and "of" not in hit("part"):  # "late the year" is not English
        return None
    period = _period(hit.ctx.published, hit("unit"), _OFFSETS[hit("rel")])
    return _narrowed(hit, period, "relative")


def _h_weekend(hit: _Hit) -> _Result:
    """last/this/next weekend by ISO week; "over the weekend" by tense: the one just past
    (before publication day) or the coming one (from publication day)."""
    published, rel = hit.ctx.published, hit("rel")
    if rel in ("last", "this", "next"):
        saturday = _week(published).start + timedelta(days=5, weeks=_OFFSETS[rel])
    elif rel == "the" and hit.ctx.tense_at(hit.m.start(), hit.m.end()) == "future":
        saturday = _on_or_after(published, 5)
    else:  # the weekend just past, this past weekend
        saturday = _on_or_before(published - _DAY, 5)
    return DateRange(saturday, saturday + _DAY, "range"), "relative"


# Days relative to publication ---------------------------------------------------------------

_DAY_WORDS = {
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
}


def _h_rel_day(hit: _Hit) -> _Result:
    word = re.sub(r"\s+", " ", hit("word"))
    return _day(hit.ctx.published + timedelta(days=_DAY_WORDS.get(word, 0))), "relative"


def _h_weekday(hit: _Hit) -> _Result:
    """Tuesday by tense (on or before / on or after publication day); last and next
    Tuesday strictly before / after it; this Tuesday in its ISO week."""
    published, weekday = hit.ctx.published, _WEEKDAYS[hit("wd")]
    rel = re.sub(r"\s+", " ", hit("rel") or "")
    if rel in ("the following", "the previous", "the preceding"):
        return _anchored_weekday(hit.ctx, weekday, rel == "the following"), "anchored"
    if rel == "last":
        day = _on_or_before(published - _DAY, weekday)
    elif rel == "next":
        day = _on_or_after(published + _DAY, weekday)
    elif rel == "this":
        day = _week(published).start + timedelta(days=weekday)
    elif hit.ctx.tense_at(hit.m.start(), hit.m.end()) == "future":
        day = _on_or_after(published, weekday)
    else:
        day = _on_or_before(published, weekday)
    return _day(day), "relative"


def _h_wd_range(hit: _Hit) -> _Result:
    """from Sunday to Wednesday: past, the latest such span ending by publication; future,
    the first starting on or after it."""
    published = hit.ctx.published
    first, last = _WEEKDAYS[hit("wd1")], _WEEKDAYS[hit("wd2")]
    length = timedelta(days=(last - first) % 7)
    if hit.ctx.tense_at(hit.m.start(), hit.m.end()) == "future":
        start = _on_or_after(published, first)
        return _span(start, start + length), "relative"
    end = _on_or_before(published, last)
    return _span(end - length, end), "relative"


def _h_ago(hit: _Hit) -> _Result:
    """three days ago: that day; a week ago: that ISO week; two months ago: that month."""
    n, unit, published = _number(hit("n")), hit("unit"), hit.ctx.published
    if unit == "day":
        return _day(published - timedelta(days=n)), "relative"
    if unit in _UNIT_DAYS:
        return _week(published - timedelta(days=n * _UNIT_DAYS[unit])), "relative"
    if unit == "month":
        return _month(*_shift_month(published.year, published.month, -n)), "relative"
    return _year(published.year - n * (10 if unit == "decade" else 1)), "relative"


def _h_coming(hit: _Hit) -> _Result:
    """in the coming days/weeks/months: publication to 7 / 42 / 183 days later."""
    unit = hit("unit") or hit("unit2")
    published = hit.ctx.published
    days = {"day": 7, "week": 42, "month": 183}[unit]
    return DateRange(published, published + timedelta(days=days), "range"), "relative"


def _h_vague(hit: _Hit) -> _Result:
    return None, "relative"


# Anchored: counted from another event ---------------------------------------------------------


# The coarsest precision a unit can be counted from: "two days later" needs a day or a span
# of days to count from, "a year later" anything up to a year.
_COARSEST_BASE = {
    "day": "range",
    "fortnight": "range",
    "week": "week",
    "month": "month",
    "year": "year",
    "decade": "decade",
}


def _base(ctx: _Context, unit: str, *, explicit_only: bool = False) -> DateRange | None:
    """What "later"/"earlier" counts from: the caller's anchor, else the latest expression
    found so far that is fine enough for the unit."""
    limit = _RANK[_COARSEST_BASE[unit]]
    if ctx.anchor is not None:
        return ctx.anchor if _RANK[ctx.anchor.precision] <= limit else None
    if explicit_only:
        return None
    return next((r for r in reversed(ctx.history) if _RANK[r.precision] <= limit), None)


def _shift(base: DateRange | None, unit: str, n: int) -> DateRange | None:
    """`base` moved n units (forward from its end, back from its start), at the precision
    the unit supports: days from a day stay days, months become whole months."""
    if base is None:
        return None
    point = base.end if n > 0 else base.start
    if unit in ("day", "fortnight") or (unit == "week" and _RANK[base.precision] <= _RANK["range"]):
        return _day(point + timedelta(days=n * _UNIT_DAYS[unit]))
    if unit == "week":
        return _week(point + timedelta(weeks=n))
    if unit == "month":
        return _month(*_shift_month(point.year, point.month, n))
    return _year(point.year + n * (10 if unit == "decade" else 1))


def _h_anchored_n(hit: _Hit) -> _Result:
    """two days later / a day earlier count from the anchor (or the previous expression);
    "two months after <event>" names another event, so only an explicit anchor will do."""
    direction, unit = hit("dir"), hit("unit")
    other_event = direction in ("before", "after") and hit.followed_by_word()
    if other_event and hit.ctx.anchor is None:
        return None
    base = _base(hit.ctx, unit, explicit_only=other_event)
    sign = -1 if direction in ("earlier", "before", "beforehand") else 1
    return _shift(base, unit, sign * _number(hit("n"))), "anchored"


_ANCHOR_DIRECTION = {
    "next": 1,
    "following": 1,
    "subsequent": 1,
    "after": 1,
    "later": 1,
    "previous": -1,
    "preceding": -1,
    "before": -1,
    "earlier": -1,
    "same": 0,
}


def _h_anchored_the(hit: _Hit) -> _Result:
    """the next day, the following week, the day before, the same day, later that day."""
    if hit("that") or hit("inday"):
        step, unit = 0, "day"
    elif hit("rel"):
        step, unit = _ANCHOR_DIRECTION[hit("rel")], hit("unit")
    else:
        step, unit = _ANCHOR_DIRECTION[hit("dir")], hit("unit2")
        if hit("dir") in ("before", "after") and hit.followed_by_word():
            if hit.ctx.anchor is None:  # "the day before the summit": another event's date
                return None
            return _shift(_base(hit.ctx, unit), unit, step), "anchored"
    if unit in ("morning", "afternoon", "evening", "night"):
        unit = "day"
    base = _base(hit.ctx, unit)
    if step == 0:  # the same day, later that day: only a single day can be meant
        return (base if base and base.precision == "day" and unit == "day" else None), "anchored"
    if unit == "week" and base is not None:  # the following week: the whole ISO week
        point = base.end if step > 0 else base.start
        return _week(point + timedelta(weeks=step)), "anchored"
    return _shift(base, unit, step), "anchored"


def _anchored_weekday(ctx: _Context, weekday: int, following: bool) -> DateRange | None:
    """the following Monday: the first after the base; the previous Monday: the last before."""
    base = _base(ctx, "week")
    if base is None:
        return None
    if following:
        return _day(_on_or_after(base.end + _DAY, weekday))
    return _day(_on_or_before(base.start - _DAY, weekday))


_HANDLERS: dict[str, Callable[[_Hit], _Result]] = {
    "iso": _h_iso,
    "dm_range": _h_dm_range,
    "dmdm_range": _h_dmdm_range,
    "md_range": _h_md_range,
    "dmy": _h_day,
    "mdy": _h_day,
    "month_range": _h_month_range,
    "year_range": _h_year_range,
    "decade": _h_decade,
    "part_year": _h_part_year,
    "quarter": _h_quarter,
    "season": _h_season,
    "month_year": _h_month_year,
    "month_rel_year": _h_month_rel_year,
    "month_rel": _h_month_rel,
    "part_rel": _h_part_rel,
    "earlier_later": _h_earlier_later,
    "weekend": _h_weekend,
    "period_rel": _h_period_rel,
    "rel_day": _h_rel_day,
    "coming": _h_coming,
    "ago": _h_ago,
    "anchored_n": _h_anchored_n,
    "anchored_the": _h_anchored_the,
    "wd_range": _h_wd_range,
    "weekday": _h_weekday,
    "part_month": _h_part_month,
    "month": _h_month,
    "year": _h_year,
    "vague": _h_vague,
}
assert set(_HANDLERS) == {name for name, _, _ in _RULES}


# ---------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------


def find_dates(
    text: str,
    published: date,
    *,
    tense: str | None = None,
    anchor: DateRange | None = None,
) -> list[TemporalExpression]:
    """Every temporal expression in `text`, in order, non-overlapping (longest match wins).

    `tense` ('past' | 'future') overrides the tense read around each expression. `anchor` is
    the date of the event the text refers back to ("two days later"); without it such
    expressions count from the previous expression found, else resolve to None.
    """
    if tense not in (None, "past", "future"):
        raise ValueError(f"tense must be 'past', 'future' or None, not {tense!r}")
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two; keep offsets exact
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    ctx = _Context(text, low, published, tense, anchor)
    if head := _DATELINE.match(text):
        ctx.dateline_span = (head.start("mon"), head.end())
    found: list[TemporalExpression] = []
    for m in _MASTER.finditer(low):
        rule = m.lastgroup
        assert rule is not None
        prep = m.group("p_between") or m.group("p_date") or m.group("p_other")
        try:
            result = _HANDLERS[rule](_Hit(m, rule, prep, ctx))
        except (ValueError, OverflowError):  # 30 February, a date past year 9999
            result = None
        if result is None:
            continue
        found_range, kind = result
        if prep == "since" and found_range is not None and found_range.start <= published:
            found_range = DateRange(found_range.start, published, found_range.precision)
            kind = "open"
        found.append(
            TemporalExpression(text[m.start() : m.end()], m.start(), m.end(), found_range, kind)
        )
        if found_range is not None:
            ctx.history.append(found_range)
    return found


def resolve(expression: str, published: date, *, tense: str = "past") -> DateRange | None:
    """The range of one expression, e.g. resolve("next week", date(2025, 8, 28))."""
    found = find_dates(expression, published, tense=tense)
    return found[0].range if found else None


def dateline(text: str, published_year: int | None = None) -> date | None:
    """The date of an article's opening dateline ("SEOUL, Aug. 13 (Reuters) -").

    A dateline rarely carries a year: without one, and without `published_year`, the date is
    unknown and None is returned.
    """
    m = _DATELINE.match(text)
    if m is None:
        return None
    year = int(m.group("y")) if m.group("y") else published_year
    if year is None:
        return None
    try:
        return date(year, _MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("d")))
    except ValueError:
        return None


_FILTER = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_filter_date(value: str) -> DateRange:
    """A user-typed filter date, 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', as its whole range."""
    m = _FILTER.fullmatch(value.strip())
    if m is None:
        raise ValueError(f"invalid date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        if month is None:
            return _year(year)
        if day is None:
            return _month(year, month)
        return _day(date(year, month, day))
    except ValueError as exc:
        raise ValueError(f"invalid date {value!r}: {exc}") from None


_MONTH_TITLES = tuple(name.title() for name in list(_MONTHS)[:12])
_PART_OF_MONTH = {1: "early", 11: "mid", 21: "late"}
_PART_OF_YEAR = {(1, 4): "early", (5, 8): "mid", (9, 12): "late"}
_SEASON_OF_MONTH = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def _label(start: date, end: date, precision: str) -> str | None:
    """The display of a range that has exactly its precision's shape, else None."""
    y, m = start.year, start.month
    if precision == "day":
        return start.isoformat() if start == end else None
    if precision == "week":
        whole = start.weekday() == 0 and end == start + timedelta(days=6)
        return f"week of {start.isoformat()}" if whole else None
    if precision == "month_part":
        part = _PART_OF_MONTH.get(start.day)
        if part and _month_part(y, m, part) == DateRange(start, end, precision):
            return f"{part} {_MONTH_TITLES[m - 1]} {y}"
        return None
    if start.day != 1:
        return None
    if precision == "month" and end == _month_end(y, m):
        return f"{_MONTH_TITLES[m - 1]} {y}"
    if precision == "quarter" and m % 3 == 1 and end == _month_end(y, m + 2):
        return f"Q{(m + 2) // 3} {y}"
    if precision == "season" and m in _SEASON_OF_MONTH:
        name = _SEASON_OF_MONTH[m]
        if end == _season(y, name).end:
            return f"winter {y}-{(y + 1) % 100:02d}" if name == "winter" else f"{name} {y}"
    if precision == "year_part" and end.year == y and end == _month_end(y, end.month):
        part = _PART_OF_YEAR.get((m, end.month))
        return f"{part} {y}" if part else None
    if m == 1 and precision == "year" and end == date(y, 12, 31):
        return str(y)
    if m == 1 and precision == "decade" and y % 10 == 0 and end == date(y + 9, 12, 31):
        return f"{y}s"
    return None


def format_range(start: date | None, end: date | None, precision: str | None) -> str:
    """Display a range at its real precision ("late April 2018", "Q3 2025", "2010s").

    A range whose shape does not fit its precision (an open "since 2011") falls back to
    "START to END"; no start, or an unknown precision, is "undated".
    """
    if precision == "before" and end is not None:  # known only to precede its report
        return f"by {end.isoformat()}"
    if start is None or precision is None or precision == "unknown":
        return "undated"
    end = end or start
    label = _label(start, end, precision) if precision in PRECISIONS else None
    if label is not None:
        return label
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"
