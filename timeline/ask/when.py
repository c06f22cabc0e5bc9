"""The time phrase of a question, read with the extractor's temporal normaliser.

A phrase means exactly what the equivalent flags mean: "in 2017" is `--since 2017 --until
2017`, "since 2011" `--since 2011`, "until 2018" `--until 2018` (the whole of 2018), "after
2019" `--since 2020` (2019 excluded), "before March 2018" `--until 2018-02`, "last year" and
"this month" the period the normaliser gives them as of `today`. A bare year ("Putin Xi
meetings 2023") is that year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.errors import InputError

_YEAR = re.compile(r"(?<![\w-])(1[89]\d\d|20\d\d)(?![\w-])")
_SINCE_THE = re.compile(r"\b(since|after|before|until)\s+the\s+(1[89]\d\d|20\d\d)\s+\w+", re.I)
_AFTER = re.compile(r"\bafter\s+", re.I)
_ISO = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?(?![\w-])"
# Flag-shaped dates after a preposition, which the normaliser (written for news text) leaves
# alone: "since 2024-06", "before 2025", "between 2018-03 and 2018-06".
_FLAG_PAIR = re.compile(rf"\b(between|from)\s+({_ISO})\s+(?:and|to|until|till)\s+({_ISO})", re.I)
_FLAG = re.compile(
    rf"\b(since|after|before|until|till|through|up to|from|in|during|on|as of|by)\s+({_ISO})",
    re.I,
)
_OPEN_WORDS = ("since", "from")


@dataclass(frozen=True)
class TimePhrase:
    """What the question's time phrase selects: a window, and its day when it is one day."""

    since: date | None
    until: date | None
    text: str  # as written
    spans: tuple[tuple[int, int], ...]  # where in the question, to leave out of the names

    @property
    def day(self) -> date | None:
        """The one day the phrase names ("on 2021-01-20"), else None."""
        return self.since if self.since is not None and self.since == self.until else None

    def describe(self) -> str:
        if self.since and self.until:
            if self.since == self.until:
                return f"on {self.since.isoformat()}"
            return f"from {self.since.isoformat()} to {self.until.isoformat()}"
        if self.since:
            return f"from {self.since.isoformat()} on"
        assert self.until is not None
        return f"up to {self.until.isoformat()}"


def read_time(text: str, today: date) -> TimePhrase | None:
    """The one time phrase of `text`, or None; two phrases, or a date that cannot be, raise
    InputError naming them."""
    from timeline.extract.dates import find_dates

    found: list[TimePhrase] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for m in _FLAG_PAIR.finditer(text):
        first, last = _flag(m[2]), _flag(m[3])
        span = (m.start(), m.end())
        found.append(TimePhrase(first.start, last.end, m[0], (span,)))
        taken.append(span)
    for m in _FLAG.finditer(text):
        span = (m.start(), m.end())
        if free(*span):
            whole = _flag(m[2])
            word = "until" if m[1].lower() == "up to" else m[1].lower().split()[-1]
            found.append(_bounded(word, whole.start, whole.end, m[0], span))
            taken.append(span)
    for m in _SINCE_THE.finditer(text):  # "since the 2018 summit": the event's year
        if not free(m.start(), m.end()):
            continue
        year = int(m[2])
        word = m[1].lower()
        span = (m.start(), m.end())
        first, last = date(year, 1, 1), date(year, 12, 31)
        found.append(_bounded(word, first, last, m[0], span))
        taken.append(span)
    for m in _AFTER.finditer(text):  # the normaliser has no "after <date>": read "in <date>"
        if not free(m.start(), m.end()):
            continue
        rest = text[m.end() :]
        hits = find_dates("in " + rest, today, tense="past")
        if hits and hits[0].start_char == 0 and hits[0].range is not None:
            span = (m.start(), m.end() + hits[0].end_char - 3)
            whole = hits[0].range
            found.append(_bounded("after", whole.start, whole.end, text[span[0] : span[1]], span))
            taken.append(span)
    for hit in find_dates(text, today, tense="past"):
        span = (hit.start_char, hit.end_char)
        if hit.range is None or not free(*span):
            continue
        word = hit.text.split()[0].lower()
        start, end = hit.range.start, hit.range.end
        if hit.text.lower().startswith("up to"):
            word = "until"
        if word == "from" and re.search(r"\b(?:to|until|till)\b", hit.text, re.I):
            word = "between"
        found.append(_bounded(word, start, end, hit.text, span))
        taken.append(span)
    for m in _YEAR.finditer(text):  # a bare year: that year
        span = (m.start(), m.end())
        if free(*span):
            year = int(m[1])
            found.append(TimePhrase(date(year, 1, 1), date(year, 12, 31), m[0], (span,)))
            taken.append(span)
    if not found:
        return None
    if len(found) > 1:
        listed = " and ".join(repr(p.text) for p in sorted(found, key=lambda p: p.spans[0]))
        raise InputError(f"two time phrases, {listed}: give one (e.g. 'between 2018 and 2019')")
    return found[0]


def _flag(value: str):  # -> DateRange
    from timeline.extract.dates import parse_filter_date

    try:
        return parse_filter_date(value)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _bounded(word: str, start: date, end: date, text: str, span: tuple[int, int]) -> TimePhrase:
    """The window a preposition makes of a period, as the flags would."""
    if word in _OPEN_WORDS:
        return TimePhrase(start, None, text, (span,))
    if word == "after":
        return TimePhrase(end + timedelta(days=1), None, text, (span,))
    if word in ("until", "till", "through", "by", "to"):
        return TimePhrase(None, end, text, (span,))
    if word == "before":
        return TimePhrase(None, start - timedelta(days=1), text, (span,))
    return TimePhrase(start, end, text, (span,))
