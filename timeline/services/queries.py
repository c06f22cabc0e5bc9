"""Timeline queries: contacts between two actors and filtered event lists.

Every function takes a Session and returns plain rows (dicts) whose keys are the stable,
documented JSON shape of the CLI's `--format json`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from timeline.models import Actor, Event, EventPair, Evidence, Participant
from timeline.services.dating import chronological, display
from timeline.vocabulary import CONTACT_TYPES

DEFAULT_STATUSES = ("occurred",)


@dataclass(frozen=True)
class Window:
    """A date window. A dated event matches when its range overlaps it (`strict`: lies
    inside it); one known only to precede its report when the report day is in it; an
    undated one never (rules in `timeline.services.dating`)."""

    since: date | None = None
    until: date | None = None
    strict: bool = False

    def apply(self, query: Select[Any]) -> Select[Any]:
        from timeline.services.dating import window_condition

        condition = window_condition(self.since, self.until, self.strict)
        return query if condition is None else query.where(condition)


@dataclass(frozen=True)
class EventFilter:
    """What `timeline events` (and exports and reports) select."""

    actor_ids: Sequence[int] = ()  # events with ALL of them
    roles: Sequence[str] = ()  # the first actor took part in one of these roles ("guest")
    types: Sequence[str] = ()
    statuses: Sequence[str] = DEFAULT_STATUSES
    window: Window = field(default_factory=Window)
    country_id: int | None = None  # an actor of, or the country itself
    article_id: int | None = None
    reviews: Sequence[str] = ()  # empty: everything but rejected
    include_rejected: bool = False
    limit: int | None = None


def contacts(
    session: Session,
    first: Actor,
    second: Actor,
    *,
    window: Window | None = None,
    types: Sequence[str] = (),
    statuses: Sequence[str] = DEFAULT_STATUSES,
    reviews: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """Every contact between two actors, oldest first (undated last); rejected events only
    when `reviews` asks for them.

    Reads `event_pairs` by its (actor_a, actor_b, start_date) index, so the cost follows the
    number of shared events, not how active either actor is."""
    low, high = sorted((first.id, second.id))
    query = (
        select(*ROW_COLUMNS)  # plain rows, not ORM objects: the same display rows, cheaper
        .join(EventPair, EventPair.event_id == Event.id)
        .where(EventPair.actor_a_id == low, EventPair.actor_b_id == high)
        .where(Event.type.in_(types or CONTACT_TYPES))
    )
    if reviews:
        query = query.where(Event.review.in_(reviews))
    query = _common(query, statuses, "rejected" in reviews, window or Window())
    return event_rows(session, session.execute(query).all())


def find_events(session: Session, criteria: EventFilter) -> list[dict[str, Any]]:
    """Events matching every given criterion, oldest first (undated last)."""
    query = select(Event)
    actor_ids = list(dict.fromkeys(criteria.actor_ids))
    if len(actor_ids) >= 2:
        # Two actors together: the pair index finds their shared events directly.
        low, high = sorted(actor_ids[:2])
        query = query.join(EventPair, EventPair.event_id == Event.id).where(
            EventPair.actor_a_id == low, EventPair.actor_b_id == high
        )
        actor_ids = actor_ids[2:]
    if criteria.roles and criteria.actor_ids:
        query = query.where(
            select(Participant.id)
            .where(
                Participant.event_id == Event.id,
                Participant.actor_id == criteria.actor_ids[0],
                Participant.role.in_(criteria.roles),
            )
            .exists()
        )
    for actor_id in actor_ids:
        query = query.where(
            select(Participant.id)
            .where(Participant.event_id == Event.id, Participant.actor_id == actor_id)
            .exists()
        )
    if criteria.types:
        query = query.where(Event.type.in_(criteria.types))
    if criteria.country_id is not None:
        in_country = select(Participant.id).join(Actor, Actor.id == Participant.actor_id)
        query = query.where(
            in_country.where(
                Participant.event_id == Event.id,
                or_(Actor.id == criteria.country_id, Actor.country_id == criteria.country_id),
            ).exists()
        )
    if criteria.article_id is not None:
        query = query.where(
            select(Evidence.id)
            .where(Evidence.event_id == Event.id, Evidence.article_id == criteria.article_id)
            .exists()
        )
    if criteria.reviews:
        query = query.where(Event.review.in_(criteria.reviews))
    query = _common(
        query,
        criteria.statuses,
        criteria.include_rejected or "rejected" in criteria.reviews,
        criteria.window,
    )
    if criteria.limit:
        query = query.limit(criteria.limit)
    return event_rows(session, session.scalars(query).all())


def _common(
    query: Select[Any],
    statuses: Sequence[str],
    include_rejected: bool,
    window: Window,
    order: Sequence[Any] = (),
) -> Select[Any]:
    if statuses:
        query = query.where(Event.status.in_(statuses))
    if not include_rejected:
        query = query.where(Event.review != "rejected")
    query = window.apply(query)
    return query.order_by(*(order or chronological()))


def event_fields(event: Event) -> dict[str, Any]:
    """An event's own values, the common part of every detailed view of it (show, export)."""
    return {
        "id": event.id,
        "key": event.key,
        "type": event.type,
        "title": event.title,
        "date": display(event.start_date, event.end_date, event.precision),
        "start": event.start_date,
        "end": event.end_date,
        "precision": event.precision,
        "date_text": event.date_text,
        "status": event.status,
        "location": event.location,
        "cameo": event.cameo,
        "confidence": event.confidence,
        "origin": event.origin,
        "review": event.review,
        "review_note": event.review_note,
        "source_url": event.source_url,
    }


# What `event_rows` reads of an event: ORM objects and rows of these columns both do.
ROW_COLUMNS = (
    Event.id,
    Event.start_date,
    Event.end_date,
    Event.precision,
    Event.type,
    Event.status,
    Event.location,
    Event.source_url,
    Event.origin,
    Event.review,
    Event.title,
)


def event_rows(session: Session, events: Sequence[Any]) -> list[dict[str, Any]]:
    """Events as display rows, loading participants and source counts in two queries."""
    ids = [e.id for e in events]
    names: dict[int, list[str]] = defaultdict(list)
    sources: dict[int, int] = defaultdict(int)
    if ids:
        for event_id, name in session.execute(
            select(Participant.event_id, Actor.name)
            .join(Actor, Actor.id == Participant.actor_id)
            .where(Participant.event_id.in_(ids))
            .order_by(Participant.event_id, Participant.id)
        ):
            names[event_id].append(name)
        for event_id, count in session.execute(
            select(Evidence.event_id, func.count(func.distinct(Evidence.article_id)))
            .where(Evidence.event_id.in_(ids))
            .group_by(Evidence.event_id)
        ):
            sources[event_id] = count
    return [
        {
            "id": e.id,
            "date": display(e.start_date, e.end_date, e.precision),
            "start": e.start_date,
            "end": e.end_date,
            "precision": e.precision,
            "type": e.type,
            "status": e.status,
            "participants": names[e.id],
            "location": e.location,
            "sources": sources[e.id] + (1 if e.source_url else 0),
            "origin": e.origin,
            "review": e.review,
            "title": e.title,
        }
        for e in events
    ]
