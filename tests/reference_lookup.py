"""The merge lookup as it was before migration 0004, kept as the reference the new one must
agree with, and as what ingest ran on schemas older than 0004 (tests/test_migration_data.py).

It reads `events`, `participants` and the old `event_pairs` columns only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, and_, column, or_, select, table
from sqlalchemy.orm import Session

from timeline.models import Event, Participant
from timeline.services.matching import _distance, rank

OLD_PAIRS = table(
    "event_pairs",
    column("event_id"),
    column("actor_a_id"),
    column("actor_b_id"),
    column("start_date", Date),
)


def old_candidates(
    session: Session, extracted: Any, actor_ids: list[int], *, record: bool = False
) -> list[Any]:
    """Every stored event the old lookup accepted (before picking the best)."""
    when = extracted.date
    conditions = [Event.type == extracted.type, Event.status == extracted.status]
    if when is None:
        conditions.append(Event.start_date.is_(None))
    else:
        curated_undated = and_(Event.start_date.is_(None), Event.review != "unreviewed")
        overlapping = and_(Event.start_date <= when.end, Event.end_date >= when.start)
        conditions.append(or_(curated_undated, overlapping))
    columns = (
        Event.id,
        Event.review,
        Event.origin,
        Event.start_date,
        Event.end_date,
        Event.location,
        Event.confidence,
    )
    if len(actor_ids) >= 2:
        low, high = actor_ids[-2], actor_ids[-1]
        query = (
            select(*columns, Participant.actor_id)
            .join(OLD_PAIRS, OLD_PAIRS.c.event_id == Event.id)
            .join(Participant, Participant.event_id == Event.id)
            .where(OLD_PAIRS.c.actor_a_id == low, OLD_PAIRS.c.actor_b_id == high)
        )
        if when is not None:
            query = query.where(
                or_(OLD_PAIRS.c.start_date.is_(None), OLD_PAIRS.c.start_date <= when.end)
            )
    else:
        mine = Participant.__table__.alias("mine")
        query = (
            select(*columns, Participant.actor_id)
            .join(mine, mine.c.event_id == Event.id)
            .join(Participant, Participant.event_id == Event.id)
            .where(mine.c.actor_id == actor_ids[0])
        )
    found: dict[int, tuple[Any, set[int]]] = {}
    for row in session.execute(query.where(*conditions)):
        found.setdefault(row.id, (row, set()))[1].add(row.actor_id)
    wanted = set(actor_ids)
    return [
        row
        for row, have in found.values()
        if have == wanted
        or (extracted.type == "attendance" and wanted <= have)
        or (record and wanted <= have and rank(row) == 0)
    ]


def old_best_candidate(
    session: Session, extracted: Any, actor_ids: list[int], *, record: bool = False
) -> Any | None:
    candidates = old_candidates(session, extracted, actor_ids, record=record)
    if not candidates:
        return None
    return min(candidates, key=lambda r: (rank(r), _distance(r, extracted), r.id))
