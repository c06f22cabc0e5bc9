"""Handlers for expressions counted from publication or from another event, and the
rule-name -> handler table."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from timeline.dateranges import (
    _DAY,
    _RANK,
    _UNIT_DAYS,
    DateRange,
    _day,
    _month,
    _on_or_after,
    _on_or_before,
    _shift_month,
    _span,
    _week,
    _year,
)
from timeline.extract.dates.context import _Context, _Hit, _number, _Result
from timeline.extract.dates.grammar import _RULES, _WEEKDAYS
from timeline.extract.dates.handlers_absolute import (
    _h_day,
    _h_decade,
    _h_dm_range,
    _h_dmdm_range,
    _h_iso,
    _h_md_range,
    _h_month,
    _h_month_range,
    _h_month_rel,
    _h_month_rel_year,
    _h_month_year,
    _h_part_month,
    _h_part_year,
    _h_quarter,
    _h_season,
    _h_year,
    _h_year_range,
    _narrowed,
    _period,
)

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
