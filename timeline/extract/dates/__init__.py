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
from datetime import date

from timeline.datelabels import format_range
from timeline.dateranges import DateRange, TemporalExpression, _day, _month, _year
from timeline.extract.dates.context import _Context, _Hit
from timeline.extract.dates.grammar import _DATELINE, _MASTER, _MONTHS, _PREP, _RULES
from timeline.extract.dates.handlers_relative import _HANDLERS
from timeline.extract.dates.tense import infer_tense
from timeline.vocabulary import PRECISIONS

# Also re-exported for the tests that check the grammar's filters against its bare rules.
_GRAMMAR = (_MASTER, _PREP, _RULES)

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
