"""Property tests: the date normaliser and the extractor never raise, give valid ranges and
offsets into the text they were given, and give the same answer twice.

Two kinds of text: arbitrary Unicode (anything a file may hold), and "news-like" text built
from the words the rules react to (months, weekdays, "late", "next", "between", numbers,
leaders' names, meeting verbs), which reaches far more of the rules than random characters.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline.extract import Gazetteer, extract_events
from timeline.extract.dates import PRECISIONS, DateRange, find_dates, format_range
from timeline.formats.articles import ArticleReadError, parse_published
from timeline.vocabulary import EVENT_TYPES, ROLES, STATUSES

PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,  # a slow example is reported by the time-bounded tests in test_bad_input
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

DATE_WORDS = [
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
    "Jan.",
    "Feb.",
    "Sept.",
    "Dec.",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "quarter",
    "Q1",
    "Q3",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "early",
    "mid",
    "late",
    "end",
    "beginning",
    "middle",
    "first",
    "second",
    "half",
    "last",
    "next",
    "this",
    "coming",
    "past",
    "previous",
    "earlier",
    "later",
    "ago",
    "since",
    "until",
    "by",
    "before",
    "after",
    "between",
    "and",
    "from",
    "to",
    "through",
    "in",
    "on",
    "of",
    "the",
    "a",
    "two",
    "three",
    "10",
    "days",
    "ahead",
    "weekend",
    "1999",
    "2011",
    "2018",
    "2024",
    "2025",
    "2026",
    "9999",
    "0",
    "1",
    "12",
    "26",
    "28",
    "29",
    "30",
    "31",
    "32",
    "1990s",
    "'90s",
    "2010s",
    "2018-03-28",
    "2025-02-30",
    "2024-02-29",
    "2023-02-29",
    "28/03/2018",
    "3/28",
    "March",
    "28",
    "28",
    "March",
    "1st",
    "2nd",
    "3rd",
    "31st",
    "-",
]
NAMES = [
    "Kim Jong Un",
    "Kim Jong-un",
    "Kim",
    "Xi Jinping",
    "Xi",
    "Vladimir Putin",
    "Putin",
    "Donald Trump",
    "Trump",
    "Moon Jae-in",
    "Shinzo Abe",
    "the Chinese president",
    "the North Korean leader",
    "China",
    "North Korea",
    "Pyongyang",
    "Beijing",
    "Moscow",
    "the United States",
    "the UN Security Council",
    "Ｋｉｍ Ｊｏｎｇ Ｕｎ",
    "Xi\xa0Jinping",
    "Kim Jong–un",
    "KIM JONG UN",
    "İstanbul",
]
VERBS = [
    "met",
    "will meet",
    "did not meet",
    "held talks with",
    "visited",
    "will visit",
    "called",
    "spoke by phone with",
    "sent a letter to",
    "invited",
    "attended",
    "signed an agreement with",
    "sanctioned",
    "imposed sanctions on",
    "hosted",
    "received",
    "is expected to meet",
    "may meet",
    "refused to meet",
    "plans to visit",
]
PUNCTUATION = [".", ",", ";", ":", "!", "?", "\n", "\n\n", " - ", " — ", "(", ")", '"', "'", "’"]

news_token = st.one_of(
    st.sampled_from(DATE_WORDS),
    st.sampled_from(NAMES),
    st.sampled_from(VERBS),
    st.sampled_from(PUNCTUATION),
    st.integers(min_value=-5, max_value=10_000).map(str),
    st.text(max_size=6),
)
news_text = st.lists(news_token, max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_text)
publication_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
any_dates = st.dates()  # date.min to date.max: `timeline dates --published` takes any date


def _check_expressions(text: str, found: list) -> None:
    previous_end = 0
    for expr in found:
        assert 0 <= expr.start_char < expr.end_char <= len(text), expr
        assert text[expr.start_char : expr.end_char] == expr.text, expr
        assert expr.start_char >= previous_end, f"overlapping or unordered: {found}"
        previous_end = expr.end_char
        if expr.range is not None:
            assert isinstance(expr.range, DateRange)
            assert expr.range.start <= expr.range.end, expr
            assert expr.range.precision in PRECISIONS, expr
            assert isinstance(
                format_range(expr.range.start, expr.range.end, expr.range.precision), str
            )


@PROPERTY_SETTINGS
@given(text=any_text, published=publication_dates)
@example(text="between 30 and 31 February 2025", published=date(2025, 3, 1))
@example(text="late last year", published=date(1900, 1, 1))
@example(text="next decade", published=date(2100, 12, 31))
@example(text="İİİ March 28 İ", published=date(2025, 3, 1))
def test_find_dates_never_raises_and_gives_valid_ranges(text: str, published: date) -> None:
    found = find_dates(text, published)
    _check_expressions(text, found)
    assert find_dates(text, published) == found  # the same answer twice


@PROPERTY_SETTINGS
@given(text=news_text, published=any_dates)
@example(text="next year in 9999", published=date(9999, 12, 31))
@example(text="two days later last week", published=date(1, 1, 1))
@example(text="the coming months", published=date(9999, 12, 31))
def test_find_dates_never_raises_for_any_publication_date(text: str, published: date) -> None:
    _check_expressions(text, find_dates(text, published))


@PROPERTY_SETTINGS
@given(text=news_text, published=publication_dates, tense=st.sampled_from(["past", "future"]))
def test_find_dates_with_a_tense_override(text: str, published: date, tense: str) -> None:
    found = find_dates(text, published, tense=tense)
    _check_expressions(text, found)
    assert find_dates(text, published, tense=tense) == found


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_seed_dir()


def _check_events(text: str, events: list) -> None:
    for event in events:
        assert event.type in EVENT_TYPES, event
        assert event.status in STATUSES, event
        assert 0 <= event.start < event.end <= len(text), event
        assert text[event.start : event.end] == event.sentence, event
        assert 0.0 <= event.confidence <= 1.0, event
        assert event.participants, event
        for participant in event.participants:
            assert participant.name.strip(), event
            assert participant.role in ROLES, event
        if event.date is not None:
            assert event.date.start <= event.date.end, event
            assert event.date.precision in PRECISIONS, event
        event.to_json()  # the `timeline extract` shape can always be built


@PROPERTY_SETTINGS
@given(
    text=any_text,
    published=publication_dates,
    title=st.one_of(st.none(), st.text(max_size=80), news_text),
)
@example(
    text="Kim Jong Un met Xi Jinping in Beijing on March 26, 2018.",
    published=date(2019, 1, 1),
    title=None,
)
@example(
    text="Ｋｉｍ Ｊｏｎｇ Ｕｎ met Xi\u00a0Jinping on Monday.",
    published=date(2025, 3, 8),
    title="Kim–Xi",
)
def test_extract_events_never_raises_and_points_into_the_text(
    gazetteer: Gazetteer, text: str, published: date, title: str | None
) -> None:
    events = extract_events(text, published, gazetteer, title=title)
    _check_events(text, events)
    assert extract_events(text, published, gazetteer, title=title) == events


@PROPERTY_SETTINGS
@given(
    sentences=st.lists(
        st.tuples(
            st.sampled_from(NAMES),
            st.sampled_from(VERBS),
            st.sampled_from(NAMES),
            st.lists(st.sampled_from(DATE_WORDS), max_size=4).map(" ".join),
            st.sampled_from([".", ". ", ".\n", "; ", ", and ", "! "]),
        ),
        min_size=1,
        max_size=8,
    ),
    published=publication_dates,
)
def test_extract_events_on_news_like_sentences(
    gazetteer: Gazetteer, sentences: list[tuple[str, ...]], published: date
) -> None:
    text = "".join(f"{a} {verb} {b} {when}{end}" for a, verb, b, when, end in sentences)
    events = extract_events(text, published, gazetteer)
    _check_events(text, events)
    assert extract_events(text, published, gazetteer) == events


@PROPERTY_SETTINGS
@given(
    value=st.one_of(
        st.text(max_size=40),
        st.integers(),
        st.floats(allow_nan=True),
        st.booleans(),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
        st.dates().map(str),
        st.builds(
            lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
            st.integers(0, 9999),
            st.integers(0, 99),
            st.integers(0, 99),
        ),
    )
)
def test_reading_a_publication_date_never_raises_anything_but_a_read_error(value: object) -> None:
    """A reader turns any 'published' value into a date or an error naming the input."""
    try:
        result = parse_published(value, "feed.jsonl:3")
    except ArticleReadError as exc:
        assert str(exc).startswith("feed.jsonl:3: ")
        assert "\n" not in str(exc)
    else:
        assert result is None or isinstance(result, date)
