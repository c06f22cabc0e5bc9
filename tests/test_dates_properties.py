"""Properties of the temporal normaliser over generated text and publication dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline.extract import dates as dates_module
from timeline.extract.dates import (
    PRECISIONS,
    DateRange,
    find_dates,
    format_range,
    resolve,
)

PUBLISHED = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
TENSES = st.sampled_from([None, "past", "future"])

# Fragments that do match, so generated text exercises the rules and not only the scanner.
FRAGMENTS = [
    "on Tuesday",
    "last week",
    "next week's",
    "in March",
    "March 26, 2018",
    "26 March",
    "Sept. 5",
    "from Sunday to Wednesday",
    "25-28 March",
    "March 25 to April 2",
    "between 2011 and 2015",
    "2011-15",
    "since 2011",
    "since March",
    "late last year",
    "early 2019",
    "the end of April",
    "before the end of the year",
    "Q3",
    "the first quarter",
    "in the autumn",
    "last winter",
    "the '90s",
    "the early 1990s",
    "two days later",
    "the following day",
    "a day earlier",
    "the day before",
    "later that day",
    "the week before",
    "the previous year",
    "that evening",
    "this past weekend",
    "the day after tomorrow",
    "earlier today",
    "mid-1990s",
    "the first half of 2019",
    "late last April",
    "the summer of 2019",
    "Dec. 30 to Jan. 2",
    "at an early date",
    "three years ago",
    "a couple of weeks ago",
    "in the coming days",
    "over the weekend",
    "next weekend",
    "yesterday",
    "tomorrow",
    "will",
    "said",
    "was due to",
    "Feb. 29",
    "February 29, 2100",
    "0000-00-00",
    "9999-12-31",
    "in 1500",
    ",",
    ".",
    " - ",
    "\n",
    "(Reuters)",
    "BEIJING,",
]
NEWSY_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25).map(
    " ".join
)
ANY_TEXT = st.one_of(st.text(), NEWSY_TEXT)


def _check(text: str, published: date, tense: str | None, anchor: DateRange | None) -> None:
    found = find_dates(text, published, tense=tense, anchor=anchor)
    previous_end = 0
    for expression in found:
        assert text[expression.start_char : expression.end_char] == expression.text
        assert expression.start_char >= previous_end  # in order, never overlapping
        assert expression.end_char > expression.start_char
        previous_end = expression.end_char
        assert expression.kind in ("absolute", "relative", "anchored", "open")
        resolved = expression.range
        if resolved is not None:
            assert resolved.start <= resolved.end
            assert resolved.precision in PRECISIONS
            shown = format_range(resolved.start, resolved.end, resolved.precision)
            assert shown not in ("", "undated")
    assert find_dates(text, published, tense=tense, anchor=anchor) == found  # deterministic


@settings(max_examples=400, deadline=None)
@given(text=ANY_TEXT, published=PUBLISHED, tense=TENSES)
@example(text="İstanbul, March 28 - on Tuesday", published=date(2018, 3, 28), tense=None)
@example(text="Feb. 29", published=date(2100, 3, 1), tense="past")
@example(text="9999-12-31 two days later", published=date(2100, 12, 31), tense=None)
def test_never_raises_and_keeps_invariants(text: str, published: date, tense: str | None) -> None:
    _check(text, published, tense, None)


@settings(max_examples=200, deadline=None)
@given(text=NEWSY_TEXT, published=st.dates(), tense=TENSES)
def test_any_publication_date_is_safe(text: str, published: date, tense: str | None) -> None:
    _check(text, published, tense, None)  # date.min and date.max included


@settings(max_examples=200, deadline=None)
@given(
    text=NEWSY_TEXT,
    published=PUBLISHED,
    anchor_day=st.dates(min_value=date(1, 1, 2), max_value=date(9999, 12, 30)),
    length=st.integers(min_value=0, max_value=30),
)
def test_any_anchor_is_safe(text: str, published: date, anchor_day: date, length: int) -> None:
    end = min(anchor_day + timedelta(days=length), date(9999, 12, 30))
    _check(
        text, published, None, DateRange(anchor_day, end, "range" if end > anchor_day else "day")
    )


NUMBER_WORDS = ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@st.composite
def counted_past(draw: st.DrawFn) -> str:
    n = draw(st.integers(min_value=1, max_value=10))
    word = draw(st.sampled_from([str(n), NUMBER_WORDS[n]]))
    unit = draw(st.sampled_from(["day", "week", "month", "year"]))
    return f"{word} {unit}{'' if n == 1 else 's'} ago"


@settings(max_examples=300, deadline=None)
@given(
    phrase=st.one_of(
        counted_past(),
        st.sampled_from(["last week", "last month", "last year", "yesterday", "last weekend"]),
        st.sampled_from(WEEKDAYS).map(lambda w: f"on {w}"),
        st.sampled_from(MONTHS).map(lambda m: f"in {m}"),
        st.sampled_from(MONTHS).map(lambda m: f"last {m}"),
        st.sampled_from(["in the spring", "in the summer", "in the autumn", "in the winter"]),
    ),
    published=PUBLISHED,
)
def test_past_phrases_start_by_publication(phrase: str, published: date) -> None:
    found = resolve(phrase, published, tense="past")
    assert found is not None, phrase
    assert found.start <= published
    if phrase.startswith(("on ", "yesterday")) or phrase.endswith("ago"):
        assert found.end <= published  # a whole day or period that is over


@settings(max_examples=300, deadline=None)
@given(
    phrase=st.one_of(
        st.sampled_from(["next week", "next month", "next year", "tomorrow", "next weekend"]),
        st.sampled_from(WEEKDAYS).map(lambda w: f"on {w}"),
        st.sampled_from(WEEKDAYS).map(lambda w: f"next {w}"),
        st.sampled_from(MONTHS).map(lambda m: f"in {m}"),
        st.sampled_from(MONTHS).map(lambda m: f"next {m}"),
        st.sampled_from(["in the spring", "in the summer", "in the autumn", "in the winter"]),
    ),
    published=PUBLISHED,
)
def test_future_phrases_end_after_publication(phrase: str, published: date) -> None:
    found = resolve(phrase, published, tense="future")
    assert found is not None, phrase
    assert found.end >= published
    if phrase.startswith("next") or phrase == "tomorrow":
        assert found.start > published  # strictly the coming one


# The one-character guards and the first-word filter in front of the rules only make the scan
# faster: the matches must be exactly those of the bare rules.
_BARE_RULES = re.compile(
    rf"(?<![\w.,'’-])(?:{dates_module._PREP})?(?:"
    + "|".join(
        f"(?P<{name}>{pattern.replace('(?P<@', f'(?P<{name}_')})"
        for name, _, pattern in dates_module._RULES
    )
    + r")(?![^\W_])"
)


@settings(max_examples=300, deadline=None)
@given(text=NEWSY_TEXT)
def test_scan_filters_change_nothing(text: str) -> None:
    low = text.lower()
    fast = [(m.span(), m.lastgroup) for m in dates_module._MASTER.finditer(low)]
    assert fast == [(m.span(), m.lastgroup) for m in _BARE_RULES.finditer(low)]
