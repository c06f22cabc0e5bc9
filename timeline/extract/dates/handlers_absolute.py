"""Handlers for expressions that name their period: days, months, years, seasons."""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.dateranges import (
    _SEASON_PARTS,
    DateRange,
    _day,
    _decade,
    _decade_part,
    _month,
    _month_end,
    _month_part,
    _part_key,
    _quarter,
    _season,
    _shift_month,
    _span,
    _week,
    _week_part,
    _year,
    _year_part,
)
from timeline.extract.dates.context import _Hit, _month_number, _relative_year, _Result, _year_of
from timeline.extract.dates.grammar import _ORDINAL_QUARTERS, _PREPS_DATE

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
