"""How an event's dates are stored, matched against a window, ordered and shown.

Three kinds of events, by what is known of their date:

* dated: `start_date..end_date`, at a precision ("2018-03-26", "late 2024");
* report-bounded (precision 'before'): an occurred event whose text gives no date happened
  by the day it was reported; stored with `end_date` = the publication day and no start;
  shown as "by 2025-09-04";
* undated: neither (a plan with no date, an analyst's event without one).

The window rule (used by `contacts`, `events`, `ask` and `export` alike, through
`queries.Window`): a dated event matches when its range overlaps the window; a
report-bounded event when its report day lies in the window (an undated message reported in
2018 is not a 2025 contact, an undated invitation reported in 2025 is not a 2018 one); an
undated event matches no window, only an unfiltered query. `strict` keeps only dated events
lying wholly inside the window.

Rows stored before this rule (an occurred event with both dates NULL) stay undated until
re-ingested or dated by an analyst (`timeline event edit ID --date ...`): the report day is
not recorded on the event, only on its evidence, and a query does not guess it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, case, or_

from timeline.models import Event

if TYPE_CHECKING:
    from timeline.extract import ExtractedEvent

BEFORE = "before"


@dataclass(frozen=True, slots=True)
class StoredDates:
    """The date columns an extracted event is stored with."""

    start: date | None
    end: date | None
    precision: str


def stored_dates(extracted: ExtractedEvent, published: date) -> StoredDates | None:
    """The extractor's range when it found one; an occurred event without one is bounded by
    its report (`end` = `published`, precision 'before'); anything else stays undated."""
    when = extracted.date
    if when is not None:
        return StoredDates(when.start, when.end, when.precision)
    if extracted.status == "occurred":
        return StoredDates(None, published, BEFORE)
    return None


def window_condition(
    since: date | None, until: date | None, strict: bool
) -> ColumnElement[bool] | None:
    """The SQL condition for a window (None: no window, everything matches)."""
    if since is None and until is None:
        return None
    dated = Event.start_date.is_not(None)
    if strict:
        inside = [dated]
        if since is not None:
            inside.append(Event.start_date >= since)
        if until is not None:
            inside.append(Event.end_date <= until)
        return and_(*inside)
    overlap = [dated]
    reported = [Event.start_date.is_(None), Event.end_date.is_not(None)]
    if since is not None:
        overlap.append(Event.end_date >= since)
        reported.append(Event.end_date >= since)
    if until is not None:
        overlap.append(Event.start_date <= until)
        reported.append(Event.end_date <= until)
    return or_(and_(*overlap), and_(*reported))


def chronological() -> tuple[Any, ...]:
    """ORDER BY terms, oldest first: dated events by range, then report-bounded ones by
    report day, then undated ones; the same order on SQLite and PostgreSQL (NULLs never
    reach the database's own NULL placement)."""
    return (_kind(), Event.start_date, Event.end_date, Event.id)


def latest_first() -> tuple[Any, ...]:
    """ORDER BY terms, newest first among dated events (what 'last' and 'latest' mean)."""
    return (_kind(), Event.start_date.desc(), Event.end_date.desc(), Event.id.desc())


def _kind() -> Any:
    return case(
        (Event.start_date.is_not(None), 0),
        (Event.end_date.is_not(None), 1),
        else_=2,
    )


def display(start: date | None, end: date | None, precision: str | None) -> str:
    """An event's date as shown: its range at its precision, "by DAY" when known only to
    precede its report, "undated" otherwise."""
    from timeline.datelabels import format_range

    if start is None:
        return f"by {end.isoformat()}" if end is not None else "undated"
    return format_range(start, end, precision)


def left_out_note(undated: list[dict[str, Any]], fmt: str) -> str:
    """Why a calendar-like export has fewer events than the query: it needs a first day."""
    bounded = sum(1 for r in undated if r.get("end") is not None)
    note = (
        f"{len(undated)} undated event(s) left out: {fmt} places an event from its first day,"
        " and these have none"
    )
    if bounded:
        note += f" ({bounded} known only to precede their report, shown 'by DAY')"
    return note
