"""Finds the stored event a new report describes, at a cost that follows the answer.

Two statements. The first reads only the lookup keys (`event_pairs` for two or more actors,
`event_singles` for one): for each span class k, one index range on
(actors, type, status, span_class, start_date) bounded on both sides, since a stored range
of class k that overlaps [start, end] must start in [start - (2**k - 1), end]; undated
events are their own class, so no OR keeps the index from bounding the scan. The second
reads those few events and their participants by primary key.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select, union_all
from sqlalchemy.orm import Session

from timeline.models import Event, EventPair, EventSingle, Participant
from timeline.services.pairs import MAX_SPAN_CLASS, UNDATED

if TYPE_CHECKING:
    from timeline.extract import ExtractedEvent

KEEP_VALUES = ("confirmed", "edited")  # an analyst's values are never overwritten


def find_matching_event(
    session: Session, extracted: ExtractedEvent, actor_ids: list[int], *, record: bool = False
) -> Event | None:
    """An event already stored that reports the same thing.

    Same type, same status (a plan and its realisation are different facts), same
    participants (for attendance: the new names are among the stored attendees), and date
    ranges that overlap; an undated report matches only an undated event, and a dated one
    also an undated event an analyst has reviewed. A dataset's `record` ("the president met
    Kim") also matches a curated or seeded event whose participants include its own (the
    seed's Trump-Kim-Moon meeting at Panmunjom). `actor_ids` is sorted.
    """
    candidates = matching_candidates(session, extracted, actor_ids, record=record)
    if not candidates:
        return None
    # The closest in time, curated and seed events first; only that one is loaded whole.
    best = min(candidates, key=lambda r: (rank(r), _distance(r, extracted), r.id))
    return session.get(Event, best.id)


def matching_candidates(
    session: Session, extracted: ExtractedEvent, actor_ids: list[int], *, record: bool = False
) -> list[Any]:
    """Every stored event the report may be merged into, as rows (id, review, origin,
    start_date, end_date)."""
    when = extracted.date
    ids = candidate_ids(
        session,
        extracted.type,
        extracted.status,
        actor_ids,
        None if when is None else (when.start, when.end),
    )
    if not ids:
        return []
    found: dict[int, tuple[Any, set[int]]] = {}
    rows = session.execute(
        select(
            Event.id,
            Event.review,
            Event.origin,
            Event.start_date,
            Event.end_date,
            Participant.actor_id,
        )
        .join(Participant, Participant.event_id == Event.id)
        .where(Event.id.in_(ids))
    )
    for row in rows:
        found.setdefault(row.id, (row, set()))[1].add(row.actor_id)
    wanted = set(actor_ids)
    return [
        row
        for row, have in found.values()
        if (when is None or row.start_date is not None or row.review != "unreviewed")
        and (
            have == wanted
            or (extracted.type == "attendance" and wanted <= have)
            or (record and wanted <= have and rank(row) == 0)
        )
    ]


def candidate_ids(
    session: Session,
    type_: str,
    status: str,
    actor_ids: list[int],
    when: tuple[date, date] | None,
) -> list[int]:
    """Ids of stored events of this type and status that share the report's last two actors
    (or its only one) and whose dates overlap `when` or are unknown."""
    if len(actor_ids) >= 2:
        # The two newest actors: usually the least active, so the fewest rows.
        low, high = actor_ids[-2], actor_ids[-1]
        keys: Any = EventPair
        base = select(EventPair.event_id).where(
            EventPair.actor_a_id == low, EventPair.actor_b_id == high
        )
    else:
        keys = EventSingle
        base = select(EventSingle.event_id).where(EventSingle.actor_id == actor_ids[0])
    base = base.where(keys.type == type_, keys.status == status)
    undated = base.where(keys.span_class == UNDATED)
    if when is None:
        return list(session.scalars(undated))
    start, end = when
    parts: list[Select[Any]] = [undated]
    for k in range(MAX_SPAN_CLASS + 1):
        bounded = base.where(keys.span_class == k, keys.start_date <= end, keys.end_date >= start)
        if k < MAX_SPAN_CLASS:
            bounded = bounded.where(keys.start_date >= _days_before(start, 2**k - 1))
        parts.append(bounded)
    return list(session.scalars(union_all(*parts)))


def _days_before(day: date, days: int) -> date:
    try:
        return day - timedelta(days=days)
    except OverflowError:
        return date.min


def rank(event: Any) -> int:  # an Event or a row
    """0 for what an analyst or a curated source stands behind, 1 for extracted reports."""
    if event.review in (*KEEP_VALUES, "rejected") or event.origin in ("seed", "manual"):
        return 0
    return 1


def _distance(event: Any, extracted: ExtractedEvent) -> int:
    when = extracted.date
    if when is None or event.start_date is None or event.end_date is None:
        return 0
    return abs((event.start_date - when.start).days) + abs((event.end_date - when.end).days)
