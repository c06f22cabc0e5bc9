"""Sanctions: who imposed what on whom, under which authority, and whether it is in force."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from timeline.models import Actor, Event, Participant, SanctionDetail


def find_sanctions(
    session: Session,
    *,
    target: Actor | None = None,
    imposer: Actor | None = None,
    active_on: date | None = None,
) -> list[dict[str, Any]]:
    """Sanction events, oldest first; `active_on` keeps those adopted by then and not yet
    lifted (a measure lifted on day D is no longer in force on D)."""
    target_p, imposer_p = aliased(Participant), aliased(Participant)
    target_a, imposer_a = aliased(Actor), aliased(Actor)
    query = (
        select(Event, SanctionDetail, imposer_a.name, target_a.name)
        .outerjoin(SanctionDetail, SanctionDetail.event_id == Event.id)
        .join(target_p, (target_p.event_id == Event.id) & (target_p.role == "target"))
        .join(target_a, target_a.id == target_p.actor_id)
        .join(imposer_p, (imposer_p.event_id == Event.id) & (imposer_p.role == "imposer"))
        .join(imposer_a, imposer_a.id == imposer_p.actor_id)
        .where(Event.type == "sanction", Event.review != "rejected", Event.status == "occurred")
    )
    if target is not None:
        query = query.where(or_(target_a.id == target.id, target_a.country_id == target.id))
    if imposer is not None:
        query = query.where(imposer_a.id == imposer.id)
    if active_on is not None:
        query = query.where(
            Event.start_date <= active_on,
            or_(SanctionDetail.lifted_on.is_(None), SanctionDetail.lifted_on > active_on),
        )
    query = query.order_by(Event.start_date.is_(None), Event.start_date, Event.id)
    return [
        {
            "id": event.id,
            "adopted": event.start_date,
            "imposer": imposer_name,
            "target": target_name,
            "authority": detail.authority if detail else event.title,
            "measures": detail.measures if detail else None,
            "lifted_on": detail.lifted_on if detail else None,
            "notes": detail.notes if detail else None,
            "origin": event.origin,
        }
        for event, detail, imposer_name, target_name in session.execute(query)
    ]
