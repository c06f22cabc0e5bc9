"""Who led a country, or held one of its posts, at any time in a span of days.

"Who led the US in 2017" is everyone who led it that year (Obama, then Trump), not the
leader of 1 January. The leader rule stays `leaders.who_led`, applied on the first day of
the span and on every day inside it where some office of the country begins or ends (the
only days its answer can change).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from timeline.models import Actor, Office
from timeline.services.leaders import who_led


def led_during(session: Session, country: Actor, since: date, until: date) -> list[Office]:
    """Every office by which someone led `country` between `since` and `until` (inclusive),
    in order of the first day each led in the span; one office per person."""
    days = {since}
    for start, end in session.execute(
        _of_country(select(Office.start_date, Office.end_date), country).where(
            Office.start_date <= until, or_(Office.end_date.is_(None), Office.end_date > since)
        )
    ):
        for day in (start, end):
            if day is not None and since < day <= until:
                days.add(day)
    found: dict[int, Office] = {}
    for day in sorted(days):
        for office in who_led(session, country, day):
            found.setdefault(office.holder_id, office)
    return list(found.values())


def held_during(
    session: Session, country: Actor, role: str, since: date, until: date
) -> list[Office]:
    """The offices of `role` of `country` held on some day between `since` and `until`
    (a hand-over day belongs to the incoming holder), oldest first; one per person."""
    offices = session.scalars(
        _of_country(select(Office), country)
        .where(
            Office.role == role,
            Office.start_date <= until,
            or_(Office.end_date.is_(None), Office.end_date > since),
        )
        .order_by(Office.start_date, Office.id)
    )
    found: dict[int, Office] = {}
    for office in offices:
        found.setdefault(office.holder_id, office)
    return list(found.values())


def offices_during(
    session: Session, country: Actor | None, since: date, until: date
) -> list[Office]:
    """Every office held on some day between `since` and `until` (`leaders --on 2017`),
    of one country or of all, oldest first."""
    query = select(Office).where(
        Office.start_date <= until, or_(Office.end_date.is_(None), Office.end_date > since)
    )
    if country is not None:
        query = _of_country(query, country)
    return list(session.scalars(query.order_by(Office.start_date, Office.id)))


def _of_country(query: Any, country: Actor) -> Any:  # a Select of offices or of columns
    org = aliased(Actor)
    return query.outerjoin(org, org.id == Office.organization_id).where(
        or_(Office.country_id == country.id, org.country_id == country.id)
    )
