"""Builds the extractor's gazetteer from the database, the same shape the seed files give."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from timeline.extract.gazetteer import Gazetteer, GazetteerActor, GazetteerOffice
from timeline.models import Actor, ActorAlias, Office


def load_gazetteer(session: Session) -> Gazetteer:
    """Every actor the extractor may name, with aliases and the offices held.

    REIGN-only people are not actors: the dataset often names them by surname alone
    ("Johnson"), which would turn ordinary mentions into false participants; curated people
    carry REIGN's spells too. Their names only confirm a full name in the text ("Nawaz
    Sharif" in an article naming Pakistan), as the seed-file gazetteer does.
    Correlates-of-War codes are lookup keys for the seeder, not names in text.
    """
    rows = session.execute(
        select(Actor.id, Actor.key, Actor.name, Actor.kind, Actor.country_id, Actor.verified).where(
            Actor.origin != "reign"
        )
    ).all()
    key_of = {row.id: row.key for row in rows}
    country_keys = dict(
        session.execute(select(Actor.id, Actor.key).where(Actor.kind == "country")).all()
    )
    aliases: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for actor_id, alias, kind in session.execute(
        select(ActorAlias.actor_id, ActorAlias.alias, ActorAlias.kind).order_by(ActorAlias.id)
    ):
        if actor_id in key_of and kind != "name" and not alias.startswith("COW:"):
            aliases[actor_id].append((alias, kind))
    actors = [
        GazetteerActor(
            key=row.key,
            name=row.name,
            kind=row.kind,
            country=country_keys.get(row.country_id),
            aliases=tuple(aliases[row.id]),
            verified=row.verified,
        )
        for row in rows
    ]
    offices = [
        GazetteerOffice(
            holder=key_of[office.holder_id],
            title=office.title,
            role=office.role,
            country=country_keys.get(office.country_id),
            organization=key_of.get(office.organization_id),
            start=office.start_date,
            end=office.end_date,
            title_aliases=tuple(office.title_aliases or ()),
        )
        for office in session.scalars(select(Office).where(Office.origin != "reign"))
        if office.holder_id in key_of
    ]
    reign_only = session.execute(
        select(Actor.name, Actor.country_id).where(
            Actor.origin == "reign", Actor.kind == "person", Actor.country_id.is_not(None)
        )
    ).all()
    reign_aliases = session.execute(
        select(ActorAlias.alias, Actor.country_id)
        .join(Actor, ActorAlias.actor_id == Actor.id)
        .where(
            Actor.origin == "reign",
            Actor.kind == "person",
            Actor.country_id.is_not(None),
            ActorAlias.kind == "alias",
        )
    ).all()
    other_leaders = [
        (name, country_keys[country_id])
        for name, country_id in (*reign_only, *reign_aliases)  # full name, REIGN's spelling
        if country_id in country_keys
    ]
    return Gazetteer(actors, offices, other_leaders)
