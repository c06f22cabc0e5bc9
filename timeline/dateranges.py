"""Date ranges and the calendar arithmetic every rule shares (days, weeks, months, parts)."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.vocabulary import PRECISIONS

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
