"""Keeps `event_pairs` and `event_singles` in step with events and their participants.

Both tables repeat an event's type, status and dates next to its actors so that "A-B
contacts" and ingest's "is this event already stored?" are index ranges. Every change to an
event's participants, type, status or dates goes through `refresh_pairs`; an event just
inserted goes through `insert_pairs`.
"""

from __future__ import annotations

from datetime import date
from itertools import combinations

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from timeline.models import Event, EventPair, EventSingle

MAX_SPAN_CLASS = 17  # ranges of 2**16 days or more share the last class (as in migration 0004)
UNDATED = -1  # the span class of an event with no start date


def span_class(start: date | None, end: date | None) -> int:
    """The bit length of the range's length in days: a range of class k that overlaps
    [s, e] starts no earlier than s - 2**k, which bounds the lookup's index range."""
    if start is None or end is None:
        return UNDATED
    return min((end - start).days.bit_length(), MAX_SPAN_CLASS)


def refresh_pairs(session: Session, event: Event) -> None:
    """Rewrite the event's pair and single rows from its current participants and values."""
    session.flush()
    session.execute(delete(EventPair).where(EventPair.event_id == event.id))
    session.execute(delete(EventSingle).where(EventSingle.event_id == event.id))
    insert_pairs(
        session,
        event.id,
        [p.actor_id for p in event.participants],
        type=event.type,
        status=event.status,
        start=event.start_date,
        end=event.end_date,
    )


def insert_pairs(
    session: Session,
    event_id: int,
    actor_ids: list[int],
    *,
    type: str,
    status: str,
    start: date | None,
    end: date | None,
) -> None:
    """The pair and single rows of an event just inserted (nothing to delete first)."""
    keys = {
        "event_id": event_id,
        "type": type,
        "status": status,
        "start_date": start,
        "end_date": end,
        "span_class": span_class(start, end),
    }
    actors = sorted(set(actor_ids))
    if not actors:
        return
    keys["participant_count"] = len(actors)
    session.execute(insert(EventSingle), [{**keys, "actor_id": a} for a in actors])
    pairs = [{**keys, "actor_a_id": a, "actor_b_id": b} for a, b in combinations(actors, 2)]
    if pairs:
        session.execute(insert(EventPair), pairs)
