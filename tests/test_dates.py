"""The temporal normaliser: exact ranges for every supported form, negatives, and the helpers.

Expected dates are worked out by hand from the calendar (or from `date.isocalendar()`), never
copied from the implementation's output. PUB, the README's reference date, is a Thursday.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

import pytest

from timeline.extract import dates as dates_module
from timeline.extract.dates import (
    PRECISIONS,
    DateRange,
    TemporalExpression,
    dateline,
    find_dates,
    format_range,
    infer_tense,
    parse_filter_date,
    resolve,
)

PUB = date(2025, 8, 28)  # Thursday


def d(text: str) -> date:
    return date.fromisoformat(text)


def one(text: str, published: date = PUB, **kwargs: object) -> TemporalExpression:
    """The single expression `text` contains."""
    found = find_dates(text, published, **kwargs)  # type: ignore[arg-type]
    assert len(found) == 1, f"{text!r}: {found}"
    return found[0]


def span(text: str, published: date = PUB, **kwargs: object) -> tuple[str, str, str]:
    """(start, end, precision) of the single expression in `text`, as ISO strings."""
    found = one(text, published, **kwargs).range
    assert found is not None, text
    return found.start.isoformat(), found.end.isoformat(), found.precision


# ---------------------------------------------------------------------------------------
# The README's Dates table, row by row (published Thursday 2025-08-28).
# ---------------------------------------------------------------------------------------


README_TABLE = [
    # on Tuesday / Tuesday (past tense): the most recent one
    ("Kim met Xi on Tuesday.", ("2025-08-26", "2025-08-26", "day")),
    ("State media reported Tuesday.", ("2025-08-26", "2025-08-26", "day")),
    # ... future tense: the next one
    ("Kim will meet Xi on Tuesday.", ("2025-09-02", "2025-09-02", "day")),
    ("yesterday", ("2025-08-27", "2025-08-27", "day")),
    ("today", ("2025-08-28", "2025-08-28", "day")),
    # last / this / next week: Monday to Sunday of that ISO week
    ("last week", ("2025-08-18", "2025-08-24", "week")),
    ("this week", ("2025-08-25", "2025-08-31", "week")),
    ("next week", ("2025-09-01", "2025-09-07", "week")),
    ("earlier this month", ("2025-08-01", "2025-08-28", "month")),
    ("last month", ("2025-07-01", "2025-07-31", "month")),
    ("next month", ("2025-09-01", "2025-09-30", "month")),
    # in March (no year): the year that makes the tense right
    ("Pyongyang in March allowed journalists in.", ("2025-03-01", "2025-03-31", "month")),
    ("The talks will resume in March.", ("2026-03-01", "2026-03-31", "month")),
    ("early March", ("2025-03-01", "2025-03-10", "month_part")),
    ("mid-March", ("2025-03-11", "2025-03-20", "month_part")),
    ("late March", ("2025-03-21", "2025-03-31", "month_part")),
    ("early last year", ("2024-01-01", "2024-04-30", "year_part")),
    ("mid last year", ("2024-05-01", "2024-08-31", "year_part")),
    ("late last year", ("2024-09-01", "2024-12-31", "year_part")),
    # over the weekend: the Saturday and Sunday just past
    ("They met over the weekend.", ("2025-08-23", "2025-08-24", "range")),
    ("in 2018", ("2018-01-01", "2018-12-31", "year")),
    # later this week / month: publication date to the end of that week / month
    ("later this week", ("2025-08-28", "2025-08-31", "week")),
    ("later this month", ("2025-08-28", "2025-08-31", "month")),
    # in the autumn: Sep 1 - Nov 30, by tense
    ("Moon will visit in the autumn.", ("2025-09-01", "2025-11-30", "season")),
    ("Moon visited in the autumn.", ("2024-09-01", "2024-11-30", "season")),
    ("They will meet in the spring.", ("2026-03-01", "2026-05-31", "season")),
    ("They met in the summer.", ("2025-06-01", "2025-08-31", "season")),
    ("They met in the winter.", ("2024-12-01", "2025-02-28", "season")),
]


@pytest.mark.parametrize(("text", "expected"), README_TABLE)
def test_readme_table(text: str, expected: tuple[str, str, str]) -> None:
    assert span(text) == expected


def test_readme_next_weekend_written_on_a_friday() -> None:
    friday = date(2025, 8, 29)
    assert span("next weekend", friday) == ("2025-09-06", "2025-09-07", "range")


def test_readme_anchored_rows() -> None:
    monday = DateRange(d("2018-03-26"), d("2018-03-26"), "day")
    assert span("two days later", PUB, anchor=monday) == ("2018-03-28", "2018-03-28", "day")
    assert span("the following day", PUB, anchor=monday) == ("2018-03-27", "2018-03-27", "day")


# ---------------------------------------------------------------------------------------
# Sentences written the way the annotators resolved them (the gold conventions).
# ---------------------------------------------------------------------------------------


GOLD_STYLE = [
    # a past-tense weekday on its own weekday is the publication day
    ("2018-09-20", "Moon and Kim stood on Mount Paektu on Thursday.", ("2018-09-20",) * 2),
    ("2022-02-04", "Xi and Putin met in Beijing on Friday.", ("2022-02-04",) * 2),
    (
        "2025-09-05",
        "They held their first summit in six years on Thursday.",
        ("2025-09-04",) * 2,
    ),
    ("2019-06-30", "Trump had invited Kim on Saturday in a post.", ("2019-06-29",) * 2),
    ("2017-12-23", "The council on Friday approved new sanctions.", ("2017-12-22",) * 2),
    (
        "2018-05-08",
        "They held talks in Dalian on Monday and Tuesday.",
        ("2018-05-07", "2018-05-08"),
    ),
    (
        "2018-03-28",
        "The visit, which lasted from Sunday to Wednesday, ended.",
        ("2018-03-25", "2018-03-28"),
    ),
    # a planned event: "planned"/"ahead of" point forward even without "will"
    (
        "2018-03-28",
        "It comes ahead of Kim's planned summit in late April.",
        ("2018-04-21", "2018-04-30"),
    ),
    (
        "2018-04-27",
        "The document says Moon will visit Pyongyang in the autumn.",
        ("2018-09-01", "2018-11-30"),
    ),
    (
        "2018-09-20",
        "He said the trip could take place before the end of the year.",
        ("2018-09-20", "2018-12-31"),
    ),
    (
        "2024-03-29",
        "The mandate will now expire at the end of April.",
        ("2024-04-21", "2024-04-30"),
    ),
    ("2017-12-23", "In September, it adopted Resolution 2375.", ("2017-09-01", "2017-09-30")),
    (
        "2022-02-04",
        "Washington announced in December that no officials would attend.",
        ("2021-12-01", "2021-12-31"),
    ),
    (
        "2024-06-19",
        "The two men last met in September of last year.",
        ("2023-09-01", "2023-09-30"),
    ),
    (
        "2019-06-30",
        "Their first, in Singapore in June last year, produced little.",
        ("2018-06-01", "2018-06-30"),
    ),
    ("2018-08-13", "Moon will travel to Pyongyang next month.", ("2018-09-01", "2018-09-30")),
    ("2018-06-12", "Last month Trump called off the meeting.", ("2018-05-01", "2018-05-31")),
    (
        "2025-08-16",
        "Earlier in the week, on Tuesday, he briefed Kim on the planned talks.",
        ("2025-08-11", "2025-08-16"),
    ),
]


@pytest.mark.parametrize(("published", "text", "expected"), GOLD_STYLE)
def test_gold_style_sentences(published: str, text: str, expected: tuple[str, str]) -> None:
    first = find_dates(text, d(published))[0]
    assert first.range is not None
    assert (first.range.start.isoformat(), first.range.end.isoformat()) == expected


def test_dev07_weekday_after_earlier_in_the_week() -> None:
    found = find_dates("Earlier in the week, on Tuesday, he briefed Kim.", d("2025-08-16"))
    assert [e.text for e in found] == ["Earlier in the week", "on Tuesday"]
    assert found[1].range == DateRange(d("2025-08-12"), d("2025-08-12"), "day")


# ---------------------------------------------------------------------------------------
# ISO weeks and year boundaries, checked against the calendar.
# ---------------------------------------------------------------------------------------

BOUNDARY_DAYS = [
    date(year, month, day)
    for year in (2015, 2019, 2020, 2021, 2024, 2025, 2026)
    for month, day in ((1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 7), (12, 24), (12, 28), (12, 31))
] + [date(2020, 1, 1) + timedelta(days=n) for n in range(0, 800, 3)]


@pytest.mark.parametrize("published", BOUNDARY_DAYS, ids=str)
def test_weeks_follow_the_iso_calendar(published: date) -> None:
    for phrase, shift in (("last week", -1), ("this week", 0), ("next week", 1)):
        found = one(phrase, published).range
        assert found is not None and found.precision == "week"
        target = (published + timedelta(weeks=shift)).isocalendar()
        assert found.start.isocalendar()[:3] == (target.year, target.week, 1)
        assert found.end.isocalendar()[:3] == (target.year, target.week, 7)


@pytest.mark.parametrize("published", BOUNDARY_DAYS, ids=str)
def test_months_and_years_roll_over(published: date) -> None:
    last = one("last month", published).range
    assert last is not None
    assert last.end == published.replace(day=1) - timedelta(days=1)
    assert last.start == last.end.replace(day=1)
    late = one("late last year", published).range
    assert late == DateRange(
        date(published.year - 1, 9, 1), date(published.year - 1, 12, 31), "year_part"
    )


def test_named_year_boundary_cases() -> None:
    assert span("last week", date(2025, 1, 2)) == ("2024-12-23", "2024-12-29", "week")
    assert span("next week", date(2020, 12, 28)) == ("2021-01-04", "2021-01-10", "week")
    assert span("this week", date(2021, 1, 1)) == ("2020-12-28", "2021-01-03", "week")
    assert span("last month", date(2025, 1, 15)) == ("2024-12-01", "2024-12-31", "month")
    assert span("next month", date(2024, 12, 10)) == ("2025-01-01", "2025-01-31", "month")
    assert span("late last year", date(2025, 1, 2)) == ("2024-09-01", "2024-12-31", "year_part")
    assert span("over the weekend", date(2025, 1, 1)) == ("2024-12-28", "2024-12-29", "range")
    assert span("Kim met Xi on Sunday.", date(2025, 1, 1)) == ("2024-12-29", "2024-12-29", "day")
    assert span("Dec. 30 to Jan. 2", date(2025, 1, 5)) == ("2024-12-30", "2025-01-02", "range")
    assert span("They met on Dec. 29.", date(2025, 1, 2)) == ("2024-12-29", "2024-12-29", "day")
    assert span("They will meet on Jan. 5.", date(2024, 12, 20)) == (
        "2025-01-05",
        "2025-01-05",
        "day",
    )


# ---------------------------------------------------------------------------------------
# Every listed form.
# ---------------------------------------------------------------------------------------


FORMS = [
    # absolute dates in news formats
    ("2025-08-28", "March 26, 2018", ("2018-03-26", "2018-03-26", "day")),
    ("2025-08-28", "26 March 2018", ("2018-03-26", "2018-03-26", "day")),
    ("2025-08-28", "Monday, March 26, 2018", ("2018-03-26", "2018-03-26", "day")),
    ("2025-08-28", "the 3rd of September 2019", ("2019-09-03", "2019-09-03", "day")),
    ("2025-08-28", "March 26th", ("2025-03-26", "2025-03-26", "day")),
    ("2018-03-28", "Mar. 26", ("2018-03-26", "2018-03-26", "day")),
    ("2025-08-28", "Kim will arrive on Sept. 5.", ("2025-09-05", "2025-09-05", "day")),
    ("2017-12-23", "the launch on Nov. 29", ("2017-11-29", "2017-11-29", "day")),
    ("2025-09-05", "On 3 September he stood beside Xi.", ("2025-09-03", "2025-09-03", "day")),
    ("2025-08-28", "2018-03-26", ("2018-03-26", "2018-03-26", "day")),
    ("2025-08-28", "March 2018", ("2018-03-01", "2018-03-31", "month")),
    ("2025-08-28", "September of 2017", ("2017-09-01", "2017-09-30", "month")),
    ("2025-08-28", "in June 2019", ("2019-06-01", "2019-06-30", "month")),
    ("2025-08-28", "in September of last year", ("2024-09-01", "2024-09-30", "month")),
    ("2025-08-28", "June last year", ("2024-06-01", "2024-06-30", "month")),
    ("2025-08-28", "in March this year", ("2025-03-01", "2025-03-31", "month")),
    ("2019-04-25", "It broke up in Hanoi in February.", ("2019-02-01", "2019-02-28", "month")),
    ("2018-04-27", "Talks were held in April.", ("2018-04-01", "2018-04-30", "month")),
    ("2025-08-28", "Kim's March visit", ("2025-03-01", "2025-03-31", "month")),
    ("2025-08-28", "last April", ("2025-04-01", "2025-04-30", "month")),
    ("2025-08-28", "last August", ("2024-08-01", "2024-08-31", "month")),
    ("2025-08-28", "next March", ("2026-03-01", "2026-03-31", "month")),
    ("2025-08-28", "next August", ("2026-08-01", "2026-08-31", "month")),
    # weekdays with qualifiers
    ("2025-08-28", "last Thursday", ("2025-08-21", "2025-08-21", "day")),
    ("2025-08-28", "last Monday", ("2025-08-25", "2025-08-25", "day")),
    ("2025-08-28", "next Thursday", ("2025-09-04", "2025-09-04", "day")),
    ("2025-08-28", "next Monday", ("2025-09-01", "2025-09-01", "day")),
    ("2025-08-28", "this Sunday", ("2025-08-31", "2025-08-31", "day")),
    ("2025-08-28", "Kim will arrive on Thursday.", ("2025-08-28", "2025-08-28", "day")),
    ("2025-08-28", "late on Friday", ("2025-08-22", "2025-08-22", "day")),
    (
        "2018-05-08",
        "state media reported on Tuesday evening",
        ("2018-05-08", "2018-05-08", "day"),
    ),
    # days relative to publication
    ("2025-08-28", "tomorrow", ("2025-08-29", "2025-08-29", "day")),
    ("2025-08-28", "tonight", ("2025-08-28", "2025-08-28", "day")),
    ("2025-08-28", "this morning", ("2025-08-28", "2025-08-28", "day")),
    ("2025-08-28", "earlier today", ("2025-08-28", "2025-08-28", "day")),
    ("2025-08-28", "last night", ("2025-08-27", "2025-08-27", "day")),
    ("2025-08-28", "the day before yesterday", ("2025-08-26", "2025-08-26", "day")),
    ("2025-08-28", "the day after tomorrow", ("2025-08-30", "2025-08-30", "day")),
    # periods relative to publication
    ("2025-08-28", "earlier this week", ("2025-08-25", "2025-08-28", "week")),
    ("2025-08-28", "earlier this year", ("2025-01-01", "2025-08-28", "year")),
    ("2025-08-28", "later this year", ("2025-08-28", "2025-12-31", "year")),
    ("2025-08-28", "this month", ("2025-08-01", "2025-08-31", "month")),
    ("2025-08-28", "last year", ("2024-01-01", "2024-12-31", "year")),
    ("2025-08-28", "this year", ("2025-01-01", "2025-12-31", "year")),
    ("2025-08-28", "next year", ("2026-01-01", "2026-12-31", "year")),
    ("2025-08-28", "last quarter", ("2025-04-01", "2025-06-30", "quarter")),
    ("2025-08-28", "this quarter", ("2025-07-01", "2025-09-30", "quarter")),
    ("2025-08-28", "next quarter", ("2025-10-01", "2025-12-31", "quarter")),
    ("2025-08-28", "last weekend", ("2025-08-23", "2025-08-24", "range")),
    ("2025-08-28", "this weekend", ("2025-08-30", "2025-08-31", "range")),
    ("2025-08-28", "next weekend", ("2025-09-06", "2025-09-07", "range")),
    ("2025-08-28", "They will rest over the weekend.", ("2025-08-30", "2025-08-31", "range")),
    ("2025-08-31", "They met over the weekend.", ("2025-08-30", "2025-08-31", "range")),
    ("2025-08-28", "in the coming days", ("2025-08-28", "2025-09-04", "range")),
    ("2025-08-28", "a year ago", ("2024-01-01", "2024-12-31", "year")),
    ("2025-08-28", "two years ago", ("2023-01-01", "2023-12-31", "year")),
    ("2025-08-28", "three years ago", ("2022-01-01", "2022-12-31", "year")),
    ("2025-08-28", "three days ago", ("2025-08-25", "2025-08-25", "day")),
    ("2025-08-28", "10 days ago", ("2025-08-18", "2025-08-18", "day")),
    ("2025-08-28", "a week ago", ("2025-08-18", "2025-08-24", "week")),
    ("2025-08-28", "two months ago", ("2025-06-01", "2025-06-30", "month")),
    ("2025-08-28", "a decade ago", ("2015-01-01", "2015-12-31", "year")),
    # parts of months and years
    ("2025-08-28", "early 2019", ("2019-01-01", "2019-04-30", "year_part")),
    ("2025-08-28", "mid-2018", ("2018-05-01", "2018-08-31", "year_part")),
    ("2025-08-28", "late 2024", ("2024-09-01", "2024-12-31", "year_part")),
    ("2025-08-28", "the first half of 2019", ("2019-01-01", "2019-06-30", "year_part")),
    ("2025-08-28", "early next year", ("2026-01-01", "2026-04-30", "year_part")),
    ("2025-08-28", "late last month", ("2025-07-21", "2025-07-31", "month_part")),
    ("2025-08-28", "early next month", ("2025-09-01", "2025-09-10", "month_part")),
    ("2025-08-28", "mid-March 2018", ("2018-03-11", "2018-03-20", "month_part")),
    ("2025-08-28", "late February 2024", ("2024-02-21", "2024-02-29", "month_part")),
    ("2025-08-28", "the end of April", ("2025-04-21", "2025-04-30", "month_part")),
    ("2025-08-28", "the end of the year", ("2025-09-01", "2025-12-31", "year_part")),
    ("2025-08-28", "before the end of the year", ("2025-08-28", "2025-12-31", "year")),
    ("2025-08-28", "by the end of next year", ("2025-08-28", "2026-12-31", "year")),
    ("2025-08-28", "by the end of the month", ("2025-08-28", "2025-08-31", "month")),
    # quarters, seasons, decades
    ("2025-08-28", "the first quarter of 2025", ("2025-01-01", "2025-03-31", "quarter")),
    ("2025-08-28", "the fourth quarter of last year", ("2024-10-01", "2024-12-31", "quarter")),
    ("2025-08-28", "Q3", ("2025-07-01", "2025-09-30", "quarter")),
    ("2025-08-28", "Q4", ("2024-10-01", "2024-12-31", "quarter")),
    ("2025-08-28", "Sales will rise in Q4.", ("2025-10-01", "2025-12-31", "quarter")),
    ("2025-08-28", "Q2 2019", ("2019-04-01", "2019-06-30", "quarter")),
    ("2025-08-28", "last summer", ("2024-06-01", "2024-08-31", "season")),
    ("2025-10-15", "last summer", ("2025-06-01", "2025-08-31", "season")),
    ("2025-08-28", "this spring", ("2025-03-01", "2025-05-31", "season")),
    ("2025-08-28", "next summer", ("2026-06-01", "2026-08-31", "season")),
    ("2025-01-10", "this winter", ("2024-12-01", "2025-02-28", "season")),
    ("2025-08-28", "the summer of 2019", ("2019-06-01", "2019-08-31", "season")),
    ("2025-08-28", "in the fall", ("2024-09-01", "2024-11-30", "season")),
    ("2025-08-28", "winter 2023", ("2023-12-01", "2024-02-29", "season")),
    ("2025-08-28", "in the 1990s", ("1990-01-01", "1999-12-31", "decade")),
    ("2025-08-28", "the 2010s", ("2010-01-01", "2019-12-31", "decade")),
    ("2025-08-28", "the early 1990s", ("1990-01-01", "1993-12-31", "decade")),
    ("2025-08-28", "the '90s", ("1990-01-01", "1999-12-31", "decade")),
    # ranges
    ("2018-03-28", "from March 25 to 28", ("2018-03-25", "2018-03-28", "range")),
    ("2018-03-28", "25-28 March", ("2018-03-25", "2018-03-28", "range")),
    ("2018-03-28", "March 25-28", ("2018-03-25", "2018-03-28", "range")),
    ("2018-03-28", "between March 25 and 28", ("2018-03-25", "2018-03-28", "range")),
    ("2025-08-28", "from 30 March to 2 April 2018", ("2018-03-30", "2018-04-02", "range")),
    ("2025-08-28", "March 25 to April 2, 2018", ("2018-03-25", "2018-04-02", "range")),
    ("2018-03-28", "from Sunday to Wednesday", ("2018-03-25", "2018-03-28", "range")),
    (
        "2025-08-28",
        "They will meet from Monday to Wednesday.",
        ("2025-09-01", "2025-09-03", "range"),
    ),
    ("2025-08-28", "from 2011 to 2015", ("2011-01-01", "2015-12-31", "year")),
    ("2025-08-28", "between 2011 and 2015", ("2011-01-01", "2015-12-31", "year")),
    ("2025-08-28", "the 1950-53 war", ("1950-01-01", "1953-12-31", "year")),
    ("2025-08-28", "from March to May 2019", ("2019-03-01", "2019-05-31", "month")),
    # years in a date context
    ("2025-08-28", "since he assumed office in 2011", ("2011-01-01", "2011-12-31", "year")),
    ("2025-08-28", "2011's summit", ("2011-01-01", "2011-12-31", "year")),
    ("2025-08-28", "the summit of 2011", ("2011-01-01", "2011-12-31", "year")),
    ("2025-08-28", "by 2011", ("2011-01-01", "2011-12-31", "year")),
    ("2025-08-28", "the year 2000", ("2000-01-01", "2000-12-31", "year")),
]


@pytest.mark.parametrize(("published", "text", "expected"), FORMS)
def test_forms(published: str, text: str, expected: tuple[str, str, str]) -> None:
    assert span(text, d(published)) == expected


def test_open_ranges_run_to_publication() -> None:
    since = one("the first since 2011")
    assert since.kind == "open"
    assert since.text == "since 2011"
    assert since.range == DateRange(d("2011-01-01"), PUB, "year")
    march = one("since March")
    assert march.kind == "open"
    assert march.range == DateRange(d("2025-03-01"), PUB, "month")
    assert one("since last week").range == DateRange(d("2025-08-18"), PUB, "week")


def test_tense_argument_overrides_the_text() -> None:
    assert span("on Tuesday", tense="future") == ("2025-09-02", "2025-09-02", "day")
    assert span("Kim will meet Xi on Tuesday.", tense="past") == ("2025-08-26",) * 2 + ("day",)
    assert span("in March", tense="future") == ("2026-03-01", "2026-03-31", "month")
    with pytest.raises(ValueError, match="tense"):
        find_dates("today", PUB, tense="present")


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("The summit, planned for early April, was postponed.", "2026-04-01"),
        ("The meeting was postponed to Monday.", "2025-09-01"),
        ("The two-day summit, ending on Saturday, has brought together 40 leaders.", "2025-08-30"),
        # the sentence says what it was: the end lies behind
        ("The two-day summit, ending on Saturday, was a success.", "2025-08-23"),
        # "due to" gives a cause, not a schedule
        ("The meeting was delayed due to Monday's storm.", "2025-08-25"),
    ],
)
def test_a_schedule_dates_ahead_of_a_past_tense(text: str, start: str) -> None:
    found = find_dates(text, PUB, tense="past")
    assert [e.range.start.isoformat() for e in found if e.range] == [start]


def test_tense_is_read_clause_by_clause() -> None:
    found = find_dates("Trump said on Tuesday he will visit Seoul on Friday.", PUB)
    assert [(e.text, e.range.start.isoformat() if e.range else None) for e in found] == [
        ("on Tuesday", "2025-08-26"),
        ("on Friday", "2025-08-29"),
    ]
    passive = find_dates("The agreement will be signed on Friday.", PUB)
    assert passive[0].range == DateRange(d("2025-08-29"), d("2025-08-29"), "day")


def test_datelines_take_the_nearest_year() -> None:
    # a dateline the day before publication, in a future-tense sentence, is still that day
    text = "SEOUL, Aug. 12 - Moon will travel to Pyongyang next month."
    found = find_dates(text, d("2018-08-13"))
    assert found[0].text == "Aug. 12"
    assert found[0].range == DateRange(d("2018-08-12"), d("2018-08-12"), "day")
    assert found[1].range == DateRange(d("2018-09-01"), d("2018-09-30"), "month")
    assert span("BEIJING, Dec. 31 - Xi spoke.", d("2019-01-01")) == ("2018-12-31",) * 2 + ("day",)


# ---------------------------------------------------------------------------------------
# Anchored expressions.
# ---------------------------------------------------------------------------------------

MONDAY = DateRange(d("2018-03-26"), d("2018-03-26"), "day")


ANCHORED = [
    ("two days later", "2018-03-28"),
    ("three days later", "2018-03-29"),
    ("the following day", "2018-03-27"),
    ("the next day", "2018-03-27"),
    ("the next morning", "2018-03-27"),
    ("a day earlier", "2018-03-25"),
    ("the day before", "2018-03-25"),
    ("the previous day", "2018-03-25"),
    ("the same day", "2018-03-26"),
    ("later that day", "2018-03-26"),
    ("a week later", "2018-04-02"),
    ("the following Monday", "2018-04-02"),
    ("the previous Friday", "2018-03-23"),
]


@pytest.mark.parametrize(("text", "expected"), ANCHORED)
def test_anchored_days(text: str, expected: str) -> None:
    found = one(text, PUB, anchor=MONDAY)
    assert found.kind == "anchored"
    assert found.range == DateRange(d(expected), d(expected), "day")


def test_anchored_coarser_units() -> None:
    assert span("a month later", PUB, anchor=MONDAY) == ("2018-04-01", "2018-04-30", "month")
    assert span("a year later", PUB, anchor=MONDAY) == ("2019-01-01", "2019-12-31", "year")
    assert span("the following week", PUB, anchor=MONDAY) == ("2018-04-02", "2018-04-08", "week")
    visit = DateRange(d("2018-03-25"), d("2018-03-28"), "range")
    assert span("the next day", PUB, anchor=visit) == ("2018-03-29",) * 2 + ("day",)
    assert span("a day earlier", PUB, anchor=visit) == ("2018-03-24",) * 2 + ("day",)


def test_anchored_without_anchor_uses_the_previous_expression() -> None:
    found = find_dates("Kim arrived on Monday. Two days later, he met Xi.", PUB)
    assert [e.text for e in found] == ["on Monday", "Two days later"]
    assert found[1].range == DateRange(d("2025-08-27"), d("2025-08-27"), "day")
    # a year is no base for counting days: the latest fine-enough expression is used
    found = find_dates("They met on Monday, as in 2018. Later that day he left.", PUB)
    assert found[-1].range == DateRange(d("2025-08-25"), d("2025-08-25"), "day")


def test_anchored_without_any_base_is_undated() -> None:
    for text in ("two days later", "the following day", "a day earlier", "later that day"):
        found = one(text)
        assert found.kind == "anchored"
        assert found.range is None


def test_counts_before_another_event_need_an_explicit_anchor() -> None:
    text = "The meeting comes two months after Kim's second summit."
    assert find_dates(text, PUB) == []
    found = find_dates(text, PUB, anchor=DateRange(d("2019-02-27"), d("2019-02-28"), "range"))
    assert [e.text for e in found] == ["two months after"]
    assert found[0].range == DateRange(d("2019-04-01"), d("2019-04-30"), "month")
    assert find_dates("the day before the summit", PUB) == []


def test_words_with_no_inferable_date() -> None:
    for text in ("at an early date", "at a later date", "in the near future"):
        found = one(f"Kim will visit Seoul {text}.")
        assert found.text == text
        assert found.range is None


# ---------------------------------------------------------------------------------------
# Negatives: durations, counts and other numbers are not dates.
# ---------------------------------------------------------------------------------------


NOT_DATES = [
    "They talked for two hours.",
    "Workers must be sent home within two years.",
    "his first visit in 24 years",
    "It marks 80 years since Japan's surrender.",
    "for the first time in five years",
    "a cap of 500,000 barrels a year",
    "Kim will be among 26 foreign leaders.",
    "a few months after taking office",
    "Resolution 2397 caps deliveries.",
    "the previous cap of 2 million barrels",
    "a one-on-one session",
    "He said 2011 was a bad year.",
    "The 15 members voted.",
    "a total of 2000 troops",
    "It may be that prices march on.",
    "the Winter Olympics",
    "after the fall of Kabul",
    "Theresa May said so.",
    "April Ryan asked a question.",
    "days later",
    "a three-day visit",
    "within the week",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text, PUB) == []


def test_found_in_order_without_overlap_and_slicing_back() -> None:
    text = (
        "BEIJING, March 28 - Kim met Xi on Monday, 26 March 2018, and again from Sunday to "
        "Wednesday. He took office in 2011; late last year, and in the coming days, since 2006."
    )
    found = find_dates(text, d("2018-03-28"))
    assert [e.text for e in found] == [
        "March 28",
        "on Monday, 26 March 2018",
        "from Sunday to Wednesday",
        "in 2011",
        "late last year",
        "in the coming days",
        "since 2006",
    ]
    for expression in found:
        assert text[expression.start_char : expression.end_char] == expression.text
    assert all(a.end_char <= b.start_char for a, b in pairwise(found))


def test_resolve_is_one_expression() -> None:
    assert resolve("next week", PUB) == DateRange(d("2025-09-01"), d("2025-09-07"), "week")
    assert resolve("Tuesday", PUB, tense="future") == DateRange(
        d("2025-09-02"), d("2025-09-02"), "day"
    )
    assert resolve("for two hours", PUB) is None
    assert resolve("at an early date", PUB) is None


# ---------------------------------------------------------------------------------------
# infer_tense
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("Kim will attend the parade next week.", "future"),
        ("He is due to travel to China later this week.", "future"),
        ("The summit is expected to take place in September.", "future"),
        ("Moon and Kim are to meet in Pyongyang.", "future"),
        ("Trump plans to visit Seoul.", "future"),
        ("The ceremony is set to begin at noon.", "future"),
        ("Moon to visit Pyongyang next month for third summit with Kim", "future"),
        ("Kim Jong Un to attend military parade in China", "future"),
        ("Kim and Xi met at the Great Hall of the People on Monday.", "past"),
        ("Kim invited the Chinese president to visit North Korea, Xinhua reported.", "past"),
        ("Aides said no agreement would be signed.", "past"),
        ("The two leaders signed a pact.", "past"),
    ],
)
def test_infer_tense(sentence: str, tense: str) -> None:
    assert infer_tense(sentence) == tense


# ---------------------------------------------------------------------------------------
# format_range, parse_filter_date, dateline
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "precision", "shown"),
    [
        ("2018-03-26", "2018-03-26", "day", "2018-03-26"),
        ("2018-09-18", "2018-09-20", "range", "2018-09-18 to 2018-09-20"),
        ("2025-09-01", "2025-09-07", "week", "week of 2025-09-01"),
        ("2018-04-21", "2018-04-30", "month_part", "late April 2018"),
        ("2018-04-01", "2018-04-10", "month_part", "early April 2018"),
        ("2024-02-11", "2024-02-20", "month_part", "mid February 2024"),
        ("2024-02-21", "2024-02-29", "month_part", "late February 2024"),
        ("2018-03-01", "2018-03-31", "month", "March 2018"),
        ("2025-07-01", "2025-09-30", "quarter", "Q3 2025"),
        ("2025-09-01", "2025-11-30", "season", "autumn 2025"),
        ("2025-03-01", "2025-05-31", "season", "spring 2025"),
        ("2024-12-01", "2025-02-28", "season", "winter 2024-25"),
        ("1999-12-01", "2000-02-29", "season", "winter 1999-00"),
        ("2024-09-01", "2024-12-31", "year_part", "late 2024"),
        ("2019-01-01", "2019-04-30", "year_part", "early 2019"),
        ("2018-05-01", "2018-08-31", "year_part", "mid 2018"),
        ("2006-01-01", "2006-12-31", "year", "2006"),
        ("2010-01-01", "2019-12-31", "decade", "2010s"),
        # shapes that do not fit their precision fall back to START to END
        ("2011-01-01", "2025-08-28", "year", "2011-01-01 to 2025-08-28"),
        ("2025-08-01", "2025-08-28", "month", "2025-08-01 to 2025-08-28"),
        ("2025-09-02", "2025-09-08", "week", "2025-09-02 to 2025-09-08"),
        ("2018-04-22", "2018-04-30", "month_part", "2018-04-22 to 2018-04-30"),
        ("2019-01-01", "2019-06-30", "year_part", "2019-01-01 to 2019-06-30"),
        ("1990-01-01", "1993-12-31", "decade", "1990-01-01 to 1993-12-31"),
        ("2025-07-01", "2025-09-30", "season", "2025-07-01 to 2025-09-30"),
        ("2018-03-26", "2018-03-27", "day", "2018-03-26 to 2018-03-27"),
    ],
)
def test_format_range(start: str, end: str, precision: str, shown: str) -> None:
    assert format_range(d(start), d(end), precision) == shown


def test_format_range_undated() -> None:
    assert format_range(None, None, None) == "undated"
    assert format_range(d("2018-03-26"), d("2018-03-26"), "unknown") == "undated"
    assert format_range(None, d("2018-03-26"), "day") == "undated"
    assert format_range(d("2018-03-26"), None, "day") == "2018-03-26"


def test_format_range_covers_every_precision() -> None:
    assert set(PRECISIONS) == {
        "day",
        "range",
        "week",
        "month_part",
        "month",
        "quarter",
        "season",
        "year_part",
        "year",
        "decade",
        "unknown",
        "before",  # no start: shown "by DAY"
    }
    assert format_range(None, d("2025-09-04"), "before") == "by 2025-09-04"


def test_format_range_before() -> None:
    assert format_range(None, d("2025-08-28"), "before") == "by 2025-08-28"
    assert format_range(d("2018-01-01"), d("2025-08-28"), "before") == "by 2025-08-28"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018", DateRange(d("2018-01-01"), d("2018-12-31"), "year")),
        ("2024-02", DateRange(d("2024-02-01"), d("2024-02-29"), "month")),
        ("2018-03-26", DateRange(d("2018-03-26"), d("2018-03-26"), "day")),
        (" 2018-3-5 ", DateRange(d("2018-03-05"), d("2018-03-05"), "day")),
    ],
)
def test_parse_filter_date(value: str, expected: DateRange) -> None:
    assert parse_filter_date(value) == expected


@pytest.mark.parametrize(
    "value", ["", "18", "2018-13", "2018-02-30", "March 2018", "2018/03/26", "2018-03-26x"]
)
def test_parse_filter_date_rejects(value: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(value))):
        parse_filter_date(value)


def test_date_range_invariants() -> None:
    with pytest.raises(ValueError):
        DateRange(d("2018-03-27"), d("2018-03-26"), "range")
    with pytest.raises(ValueError):
        DateRange(d("2018-03-26"), d("2018-03-26"), "fortnight")


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("BEIJING, March 28 - North Korean leader Kim Jong Un ...", 2018, date(2018, 3, 28)),
        ("SEOUL, Aug. 13 (Reuters) - South Korean President ...", 2018, date(2018, 8, 13)),
        ("ANCHORAGE, Alaska, Aug. 16 - Donald Trump ...", 2025, date(2025, 8, 16)),
        ("  PANMUNJOM, April 27 – Kim Jong Un stepped ...", 2018, date(2018, 4, 27)),
        ("WASHINGTON, Sept. 5, 2019 - The ...", None, date(2019, 9, 5)),
        ("BEIJING, March 28 - North Korean leader ...", None, None),
        ("North Korean leader Kim Jong Un will attend ...", 2025, None),
        ("BEIJING, Feb. 30 - ...", 2018, None),
    ],
)
def test_dateline(text: str, year: int | None, expected: date | None) -> None:
    assert dateline(text, year) == expected


# ---------------------------------------------------------------------------------------
# The one-character guards in front of each rule only make the scan faster: the matches
# must be exactly those of the same rules without guards.
# ---------------------------------------------------------------------------------------


def test_rule_guards_do_not_change_matches() -> None:
    rules = "|".join(
        f"(?P<{name}>{pattern.replace('(?P<@', f'(?P<{name}_')})"
        for name, _, pattern in dates_module._RULES
    )
    unguarded = re.compile(rf"(?<![\w.,'’-])(?:{dates_module._PREP})?(?:{rules})(?![^\W_])")
    texts = [
        *(text for text, _ in README_TABLE),
        *(text for _, text, _ in GOLD_STYLE),
        *(text for _, text, _ in FORMS),
        *(text for text, _ in ANCHORED),
        *NOT_DATES,
        "the week before, the month after, the year before, this past weekend, that evening",
        "in the coming weeks, the next few days, at an early date, a date to be determined",
        "late on Friday, the following Monday, earlier in the week, later in the day",
        "between 2011 and 2015, 2011-15, since the 1990s, the very end of 2019, the near future",
    ]
    for text in texts:
        low = text.lower()
        fast = [(m.span(), m.lastgroup) for m in dates_module._MASTER.finditer(low)]
        slow = [(m.span(), m.lastgroup) for m in unguarded.finditer(low)]
        assert fast == slow, text


def test_a_year_before_an_event_noun_dates_it() -> None:
    found = find_dates("They cited the 1998 declaration and the 2018 summit.", PUB)
    assert [(e.text, e.range) for e in found] == [
        ("1998", DateRange(d("1998-01-01"), d("1998-12-31"), "year")),
        ("2018", DateRange(d("2018-01-01"), d("2018-12-31"), "year")),
    ]
    assert find_dates("the 1998 people who came", PUB) == []
