"""Keeps `event_pairs` (one row per pair of an event's participants) in step with events."""

from __future__ import annotations

from datetime import date
from itertools import combinations

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from timeline.models import Event, EventPair


def refresh_pairs(session: Session, event: Event) -> None:
    """Rewrite the event's pair rows from its current participants and start date."""
    session.flush()
    session.execute(delete(EventPair).where(EventPair.event_id == event.id))
    actor_ids = sorted({p.actor_id for p in event.participants})
    rows = [
        {"event_id": event.id, "actor_a_id": a, "actor_b_id": b, "start_date": event.start_date}
        for a, b in combinations(actor_ids, 2)
    ]
    if rows:
        session.execute(insert(EventPair), rows)


def insert_pairs(session: Session, event_id: int, actor_ids: list[int], start: date | None) -> None:
    """The pair rows of an event just inserted (nothing to delete first)."""
    rows = [
        {"event_id": event_id, "actor_a_id": a, "actor_b_id": b, "start_date": start}
        for a, b in combinations(sorted(set(actor_ids)), 2)
    ]
    if rows:
        session.execute(insert(EventPair), rows)
