"""Who held which office when, who led a country on a day, and a leader's profile."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from timeline.models import Actor, EventPair, Office

# Where no effective-leader record covers a day, this order answers "who led"; it is refined
# per country by the post that REIGN's effective leaders held (see leading_role).
FALLBACK_ROLES = ("party_leader", "head_of_state", "head_of_government")


def offices_rows(session: Session, offices: list[Office]) -> list[dict[str, Any]]:
    places = {
        a.id: a.name
        for a in session.scalars(
            select(Actor).where(
                Actor.id.in_({o.country_id or o.organization_id for o in offices} - {None})
            )
        )
    }
    holders = {
        a.id: a.name
        for a in session.scalars(select(Actor).where(Actor.id.in_({o.holder_id for o in offices})))
    }
    return [
        {
            "leader": holders.get(o.holder_id),
            "title": o.title,
            "role": o.role,
            "of": places.get(o.country_id or o.organization_id),  # type: ignore[arg-type]
            "start": o.start_date,
            "end": o.end_date,
            "source": "REIGN dataset" if o.origin == "reign" else o.source,
        }
        for o in offices
    ]


def holders_on(session: Session, *, country: Actor | None, on: date | None) -> list[Office]:
    """Offices held on a day (every office when no day), optionally of one country."""
    query = select(Office)
    if country is not None:
        org = aliased(Actor)
        query = query.outerjoin(org, org.id == Office.organization_id).where(
            or_(Office.country_id == country.id, org.country_id == country.id)
        )
    if on is not None:
        query = query.where(
            Office.start_date <= on, or_(Office.end_date.is_(None), Office.end_date > on)
        )
    return list(session.scalars(query.order_by(Office.start_date, Office.id)))


def who_led(session: Session, country: Actor, on: date) -> list[Office]:
    """The leader of `country` on `on`: the effective leader where one is recorded, else the
    holder of the post the country's effective leaders have held (a Japanese prime minister,
    an American president), else (no such post known) the party leader, head of state or
    head of government."""
    held = holders_on(session, country=country, on=on)
    effective = [o for o in held if o.role == "effective_leader"]
    if effective:
        curated = [o for o in effective if o.origin == "seed"]
        return curated or effective
    role = leading_role(session, country)
    if role is not None:
        # The post that leads this country is known: nobody recorded in it is an honest
        # "unknown", not a reason to name a ceremonial head of state.
        return [o for o in held if o.role == role]
    for role in FALLBACK_ROLES:
        found = [o for o in held if o.role == role]
        if found:
            return found
    return []


def leading_role(session: Session, country: Actor) -> str | None:
    """The curated role that the country's latest recorded effective leader also held."""
    latest = session.scalars(
        select(Office)
        .where(Office.country_id == country.id, Office.role == "effective_leader")
        .order_by(Office.start_date.desc())
        .limit(1)
    ).first()
    if latest is None:
        return None
    other = session.scalars(
        select(Office).where(
            Office.holder_id == latest.holder_id,
            Office.role != "effective_leader",
            Office.start_date <= (latest.end_date or date.max),
            or_(Office.end_date.is_(None), Office.end_date > latest.start_date),
        )
    ).all()
    ranked = [o.role for o in other if o.country_id == country.id] + [o.role for o in other]
    return ranked[0] if ranked else None


def leader_profile(session: Session, person: Actor, *, latest: int = 10) -> dict[str, Any]:
    """Offices with dates, counterparts by number of contacts, latest events."""
    offices = list(
        session.scalars(
            select(Office).where(Office.holder_id == person.id).order_by(Office.start_date)
        )
    )
    counts: Counter[int] = Counter()
    for a, b in session.execute(
        select(EventPair.actor_a_id, EventPair.actor_b_id).where(
            or_(EventPair.actor_a_id == person.id, EventPair.actor_b_id == person.id)
        )
    ):
        counts[b if a == person.id else a] += 1
    names = {a.id: a.name for a in session.scalars(select(Actor).where(Actor.id.in_(list(counts))))}
    from timeline.services.queries import EventFilter, find_events

    events = find_events(session, EventFilter(actor_ids=[person.id], statuses=()))
    # Latest means latest known: only dated events can be placed (an undated one, or one
    # known only to precede its report, may be years old).
    events = sorted((r for r in events if r["start"] is not None), key=lambda r: r["start"])
    return {
        "name": person.name,
        "verified": person.verified,
        "offices": offices_rows(session, offices),
        "counterparts": [
            {"counterpart": names[actor_id], "contacts": n}
            for actor_id, n in counts.most_common(15)
        ],
        "latest_events": events[-latest:][::-1],
    }
