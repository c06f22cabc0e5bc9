"""What the database covers, so an empty answer can say "not in the data" rather than
letting a reader take it for "never happened"."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, case, cast, distinct, extract, func, select
from sqlalchemy.orm import Session, aliased

from timeline.models import Actor, Article, Event, EventPair, Evidence, Participant
from timeline.services.hsg_import import SOURCE as HSG_SOURCE


def coverage(session: Session, *, top: int = 10) -> dict[str, list[dict[str, Any]]]:
    """Events by origin, by source and by decade; the most-covered actors and pairs."""
    visible = Event.review != "rejected"
    by_origin = session.execute(
        select(Event.origin, func.count())
        .where(visible)
        .group_by(Event.origin)
        .order_by(Event.origin)
    ).all()
    source = func.coalesce(Article.source, "(no source named)")
    by_source = session.execute(
        select(source, func.count(distinct(Evidence.event_id)), func.count(distinct(Article.id)))
        .join(Evidence, Evidence.article_id == Article.id)
        .group_by(source)
        .order_by(func.count(distinct(Evidence.event_id)).desc(), source)
    ).all()
    curated = session.scalar(
        select(func.count()).where(visible, Event.source_url.is_not(None), Event.origin == "seed")
    )
    year = cast(extract("year", Event.start_date), Integer)
    decade = case((Event.start_date.is_(None), None), else_=(year // 10) * 10)
    by_decade = session.execute(
        select(decade.label("decade"), func.count())
        .where(visible)
        .group_by(decade)
        .order_by(decade)
    ).all()
    actors = session.execute(
        select(Actor.name, func.count(distinct(Participant.event_id)).label("n"))
        .join(Participant, Participant.actor_id == Actor.id)
        .join(Event, Event.id == Participant.event_id)
        .where(visible)
        .group_by(Actor.id, Actor.name)
        .order_by(func.count(distinct(Participant.event_id)).desc(), Actor.name)
        .limit(top)
    ).all()
    a, b = aliased(Actor), aliased(Actor)
    pairs = session.execute(
        select(a.name, b.name, func.count(distinct(EventPair.event_id)))
        .join(a, a.id == EventPair.actor_a_id)
        .join(b, b.id == EventPair.actor_b_id)
        .group_by(a.name, b.name)
        .order_by(func.count(distinct(EventPair.event_id)).desc(), a.name, b.name)
        .limit(top)
    ).all()
    return {
        "origins": [{"origin": o, "events": n} for o, n in by_origin],
        "sources": [{"source": s, "events": n, "documents": d} for s, n, d in by_source]
        + (
            [{"source": "curated seed references", "events": curated, "documents": None}]
            if curated
            else []
        ),
        "decades": [
            {"decade": f"{d}s" if d is not None else "undated", "events": n} for d, n in by_decade
        ],
        "actors": [{"actor": name, "events": n} for name, n in actors],
        "pairs": [{"pair": f"{x} – {y}", "events": n} for x, y, n in pairs],
    }


def explain_no_contacts(session: Session, first: Actor, second: Actor) -> str:
    """Why a pair has no rows: what the sources hold about each, and what history is in."""
    named = {
        actor.id: session.scalar(
            select(func.count(distinct(Evidence.article_id)))
            .join(Participant, Participant.event_id == Evidence.event_id)
            .where(Participant.actor_id == actor.id)
        )
        or 0
        for actor in (first, second)
    }
    naming_both = (
        select(Evidence.article_id)
        .join(Participant, Participant.event_id == Evidence.event_id)
        .where(Participant.actor_id.in_([first.id, second.id]))
        .group_by(Evidence.article_id)
        .having(func.count(distinct(Participant.actor_id)) == 2)
        .subquery()
    )
    both = session.scalar(select(func.count()).select_from(naming_both)) or 0
    imported = session.execute(
        select(func.min(Event.start_date), func.max(Event.end_date)).where(Event.origin == "import")
    ).one()
    if imported[0] is not None:
        history = (
            f"imported history ({HSG_SOURCE}) covers U.S. presidents' trips and foreign"
            f" leaders' visits {imported[0].year}-{imported[1].year}"
        )
    else:
        history = "no history imported: 'timeline import hsg' adds U.S. presidents' meetings"
    return (
        f"no recorded contacts between {first.name} and {second.name}"
        f" ({both} sources name both; {named[first.id]} name {first.name},"
        f" {named[second.id]} name {second.name}; {history})"
    )
