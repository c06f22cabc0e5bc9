"""Finds the stored event a new report describes, at a cost that follows the answer.

Two statements. The first reads only the lookup keys (`event_pairs` for two or more actors,
`event_singles` for one): for each span class k, one index range on
(actors, type, status, span_class, start_date) bounded on both sides, since a stored range
of class k that overlaps [start, end] must start in [start - (2**k - 1), end]; undated
events are their own class, so no OR keeps the index from bounding the scan. The ranges
are one join of the table with a VALUES list of (class, lower bound). The second statement
reads those few events by primary key, with their participants only where the lookup row
does not already fix them (three or more actors, an attendance, a dataset record).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, Integer, bindparam, select, text
from sqlalchemy.orm import Session

from timeline.models import Event, EventPair, EventSingle, Participant
from timeline.services.pairs import MAX_SPAN_CLASS, UNDATED

if TYPE_CHECKING:
    from timeline.extract import ExtractedEvent

MAX_PARTICIPANTS = 32767  # the participant count is a SMALLINT
KEEP_VALUES = ("confirmed", "edited")  # an analyst's values are never overwritten


def _lookup_sql(table: str, actors: str) -> tuple[str, str]:
    """The dated and the undated lookup of `table` (SQL text made of this module's
    constants only; every value is a bound parameter).

    One index range per span class, its lower bound from a small VALUES list joined to the
    table: a nested loop of bounded index scans, which PostgreSQL plans in 0.6 ms where a
    UNION ALL of 18 ranges took 2.0 ms. Written as text: SQLAlchemy's `values()` with bound
    parameters is compiled again on every run (1.5 ms more per lookup)."""
    same = (
        f"{actors} AND p.type = :type AND p.status = :status "
        "AND p.participant_count BETWEEN :fewest AND :most"
    )
    undated = f"SELECT p.event_id FROM {table} AS p WHERE {same} AND p.span_class = {UNDATED}"
    classes = ", ".join(f"({k}, :from_{k})" for k in range(MAX_SPAN_CLASS + 1))
    dated = (
        f"WITH span_classes(k, lo) AS (VALUES {classes}) "
        f"SELECT p.event_id FROM span_classes AS c JOIN {table} AS p "
        "ON p.span_class = c.k AND p.start_date >= c.lo "
        f"WHERE {same} AND p.start_date <= :end AND p.end_date >= :start "
        f"UNION ALL {undated}"
    )
    return dated, undated


PAIR_DATED_SQL, PAIR_UNDATED_SQL = _lookup_sql(
    EventPair.__tablename__, "p.actor_a_id = :a AND p.actor_b_id = :b"
)
SINGLE_DATED_SQL, SINGLE_UNDATED_SQL = _lookup_sql(EventSingle.__tablename__, "p.actor_id = :a")


# Built once: a statement object that is reused keeps SQLAlchemy's compiled form and cache
# key, where building the ranges per lookup cost more than running them.
def _dated(sql: str) -> Any:
    return (
        text(sql)
        .bindparams(
            *(bindparam(f"from_{k}", type_=Date) for k in range(MAX_SPAN_CLASS + 1)),
            bindparam("start", type_=Date),
            bindparam("end", type_=Date),
        )
        .columns(event_id=Integer)
    )


PAIR_DATED = _dated(PAIR_DATED_SQL)
PAIR_UNDATED = text(PAIR_UNDATED_SQL).columns(event_id=Integer)
SINGLE_DATED = _dated(SINGLE_DATED_SQL)
SINGLE_UNDATED = text(SINGLE_UNDATED_SQL).columns(event_id=Integer)
_CANDIDATE_COLUMNS = (
    Event.id,
    Event.review,
    Event.origin,
    Event.start_date,
    Event.end_date,
    Event.location,
    Event.confidence,
)
EVENT_ROWS = select(*_CANDIDATE_COLUMNS).where(Event.id.in_(bindparam("ids", expanding=True)))
CANDIDATE_ROWS = (
    select(*_CANDIDATE_COLUMNS, Participant.actor_id)
    .join(Participant, Participant.event_id == Event.id)
    .where(Event.id.in_(bindparam("ids", expanding=True)))
)


def best_candidate(
    session: Session, extracted: ExtractedEvent, actor_ids: list[int], *, record: bool = False
) -> Any | None:
    """The stored event that reports the same thing, as a row (id, review, origin,
    start_date, end_date, location, confidence): the closest in time, curated and seed
    events first.

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
    return min(candidates, key=lambda r: (rank(r), _distance(r, extracted), r.id))


def matching_candidates(
    session: Session, extracted: ExtractedEvent, actor_ids: list[int], *, record: bool = False
) -> list[Any]:
    """Every stored event the report may be merged into, as rows like `best_candidate`'s."""
    when = extracted.date
    superset = record or extracted.type == "attendance"
    ids = candidate_ids(
        session,
        extracted.type,
        extracted.status,
        actor_ids,
        None if when is None else (when.start, when.end),
        superset=superset,
    )
    if not ids:
        return []
    if not superset and len(actor_ids) <= 2:
        # The lookup row holds these one or two actors and the event has no one else: the
        # participants are the report's, so only the events are read (half the rows).
        rows = session.execute(EVENT_ROWS, {"ids": ids})
        return [row for row in rows if _dated_or_reviewed(row, when)]
    found: dict[int, tuple[Any, set[int]]] = {}
    rows = session.execute(CANDIDATE_ROWS, {"ids": ids})
    for row in rows:
        found.setdefault(row.id, (row, set()))[1].add(row.actor_id)
    wanted = set(actor_ids)
    return [
        row
        for row, have in found.values()
        if _dated_or_reviewed(row, when)
        and (
            have == wanted
            or (extracted.type == "attendance" and wanted <= have)
            or (record and wanted <= have and rank(row) == 0)
        )
    ]


def _dated_or_reviewed(row: Any, when: Any) -> bool:
    """A dated report is not merged into an undated event nobody has reviewed."""
    return when is None or row.start_date is not None or row.review != "unreviewed"


def candidate_ids(
    session: Session,
    type_: str,
    status: str,
    actor_ids: list[int],
    when: tuple[date, date] | None,
    *,
    superset: bool = False,
) -> list[int]:
    """Ids of stored events of this type and status that share the report's last two actors
    (or its only one), whose dates overlap `when` or are unknown, and that have as many
    participants as the report names (`superset`: at least as many)."""
    params: dict[str, Any] = {
        "type": type_,
        "status": status,
        "fewest": len(actor_ids),
        "most": MAX_PARTICIPANTS if superset else len(actor_ids),
    }
    if len(actor_ids) >= 2:
        # The two newest actors: usually the least active, so the fewest rows.
        params["a"], params["b"] = actor_ids[-2], actor_ids[-1]
        statement = PAIR_DATED if when else PAIR_UNDATED
    else:
        params["a"] = actor_ids[0]
        statement = SINGLE_DATED if when else SINGLE_UNDATED
    if when is not None:
        start, end = when
        params["start"], params["end"] = start, end
        for k in range(MAX_SPAN_CLASS):
            params[f"from_{k}"] = _days_before(start, 2**k - 1)
        params[f"from_{MAX_SPAN_CLASS}"] = date.min  # the last class has no bound
    return list(session.scalars(statement, params))


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
