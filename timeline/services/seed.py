"""Loads curated seed data into the database: an upsert by natural key, safe to repeat."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from timeline.formats.seedfiles import (
    CountryRecord,
    EventRecord,
    OrganizationRecord,
    PersonRecord,
    SeedData,
)
from timeline.models import (
    Actor,
    ActorAlias,
    Event,
    EventHistory,
    MeetingDetail,
    Office,
    Participant,
    SanctionDetail,
)
from timeline.names import fold
from timeline.services.locks import advisory_lock
from timeline.services.pairs import refresh_pairs

KINDS = ("countries", "organizations", "persons", "offices", "events")
CURATED_REVIEWS = ("confirmed", "edited", "rejected")


@dataclass
class SeedSummary:
    """What a seed run did, per kind of record."""

    counts: dict[str, Counter[str]] = field(
        default_factory=lambda: {kind: Counter() for kind in KINDS}
    )

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    @property
    def changed(self) -> bool:
        return any(c["added"] or c["updated"] for c in self.counts.values())

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "kind": kind,
                "added": c["added"],
                "updated": c["updated"],
                "unchanged": c["unchanged"],
                "kept (curated)": c["curated"],
            }
            for kind, c in self.counts.items()
        ]


def seed_database(session: Session, data: SeedData) -> SeedSummary:
    """Upsert every seed record; the caller owns the transaction."""
    advisory_lock(session, "seed")  # two seeds at once on PostgreSQL take turns
    seeder = _Seeder(session)
    seeder.actors("countries", data.countries, _country_fields, _country_aliases)
    seeder.actors("organizations", data.organizations, _organization_fields, _org_aliases)
    seeder.actors("persons", data.persons, _person_fields, _person_aliases)
    seeder.offices(data.persons)
    seeder.events(data.events)
    return seeder.summary


class _Seeder:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.summary = SeedSummary()
        self.by_key: dict[str, Actor] = {
            a.key: a for a in session.scalars(select(Actor).options(selectinload(Actor.aliases)))
        }

    # actors ---------------------------------------------------------------------------------

    def actors(self, kind: str, records: Iterable[Any], fields_of: Any, aliases_of: Any) -> None:
        for record in records:
            wanted = fields_of(record, self)
            actor = self.by_key.get(record.key)
            aliases = _distinct_aliases(aliases_of(record))
            if actor is None:
                actor = Actor(key=record.key, **wanted)
                actor.aliases = [
                    ActorAlias(alias=a, normalized=fold(a), kind=k) for k, a in aliases
                ]
                self.session.add(actor)
                self.by_key[record.key] = actor
                self.summary.count(kind, "added")
            else:
                changed = _assign(actor, wanted)
                have = {(a.kind, a.alias) for a in actor.aliases}
                if have != aliases:
                    actor.aliases = [a for a in actor.aliases if (a.kind, a.alias) in aliases] + [
                        ActorAlias(alias=a, normalized=fold(a), kind=k) for k, a in aliases - have
                    ]
                    changed = True
                self.summary.count(kind, "updated" if changed else "unchanged")
        self.session.flush()

    def actor_id(self, key: str) -> int | None:
        actor = self.by_key.get(key)
        return actor.id if actor is not None else None

    # offices --------------------------------------------------------------------------------

    def offices(self, persons: Iterable[PersonRecord]) -> None:
        existing = {o.key: o for o in self.session.scalars(select(Office))}
        for person in persons:
            holder_id = self.actor_id(person.key)
            for office in person.offices:
                post = office.country or office.organization
                key = f"{person.key}|{office.role}|{post}|{office.start.isoformat()}"
                wanted = {
                    "holder_id": holder_id,
                    "title": office.title,
                    "role": office.role,
                    "country_id": self.actor_id(f"country:{office.country}")
                    if office.country
                    else None,
                    "organization_id": (
                        self.actor_id(f"org:{office.organization}") if office.organization else None
                    ),
                    "start_date": office.start,
                    "end_date": office.end,
                    "title_aliases": list(office.title_aliases),
                    "origin": office.origin,
                    "source": office.source,
                }
                row = existing.get(key)
                if row is None:
                    self.session.add(Office(key=key, **wanted))
                    self.summary.count("offices", "added")
                else:
                    self.summary.count(
                        "offices", "updated" if _assign(row, wanted) else "unchanged"
                    )
        self.session.flush()

    # events ---------------------------------------------------------------------------------

    def events(self, records: Iterable[EventRecord]) -> None:
        existing = {
            e.key: e
            for e in self.session.scalars(
                select(Event)
                .where(Event.key.is_not(None))
                .options(
                    selectinload(Event.participants),
                    selectinload(Event.sanction),
                    selectinload(Event.meeting),
                )
            )
        }
        merged_away = self._merged_keys()
        for record in records:
            participants = {(self.actor_id(p.actor_key), p.role) for p in record.participants}
            event = existing.get(record.key)
            if record.key in merged_away and event is None:
                self.summary.count("events", "curated")  # an analyst merged it into another
                continue
            if event is not None and event.review in CURATED_REVIEWS:
                self.summary.count("events", "curated")  # an analyst's values win over the file
                continue
            wanted = {
                "type": record.type,
                "title": record.title or None,
                "start_date": record.start,
                "end_date": record.end,
                "precision": record.precision,
                "status": record.status,
                "location": record.location or None,
                "cameo": record.cameo or None,
                "source_url": record.source,
                "origin": "seed",
                "confidence": 1.0,
            }
            is_new = event is None
            if event is None:
                event = Event(key=record.key, **wanted)
                self.session.add(event)
                changed = True
            else:
                changed = _assign(event, wanted)
            have = {(p.actor_id, p.role) for p in event.participants}
            if have != participants:
                event.participants = [
                    Participant(actor_id=actor_id, role=role)
                    for actor_id, role in sorted(participants)
                ]
                changed = True
            changed |= self._details(event, record)
            if changed:
                refresh_pairs(self.session, event)
            outcome = "added" if is_new else "updated" if changed else "unchanged"
            self.summary.count("events", outcome)
        self.session.flush()

    def _merged_keys(self) -> set[str]:
        """Keys of seed events an analyst merged into others (from the merge snapshots)."""
        keys = set()
        for old in self.session.scalars(
            select(EventHistory.old_value).where(
                EventHistory.action == "merge", EventHistory.field == "event"
            )
        ):
            try:
                key = json.loads(old or "{}").get("key")
            except (ValueError, AttributeError):
                continue
            if key:
                keys.add(key)
        return keys

    def _details(self, event: Event, record: EventRecord) -> bool:
        if record.type == "sanction":
            wanted = {
                "authority": record.authority or None,
                "measures": record.measures or None,
                "lifted_on": record.lifted_on,
                "notes": record.notes or None,
            }
            if event.sanction is None:
                event.sanction = SanctionDetail(**wanted)
                return True
            return _assign(event.sanction, wanted)
        if record.type == "meeting":
            roles = {p.role for p in record.participants}
            wanted = {
                "venue": record.location or None,
                "format": "visit" if {"host", "guest"} <= roles else "summit",
            }
            if event.meeting is None:
                event.meeting = MeetingDetail(**wanted)
                return True
            return _assign(event.meeting, wanted)
        return False


def _distinct_aliases(aliases: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """One alias per (kind, folded form): 'U.S.' and 'US' are one lookup key."""
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for kind, alias in aliases:
        if fold(alias):
            first.setdefault((kind, fold(alias)), (kind, alias))
    return set(first.values())


def _assign(row: Any, wanted: dict[str, Any]) -> bool:
    """Set the fields that differ; whether anything did."""
    changed = False
    for name, value in wanted.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _country_fields(record: CountryRecord, _seeder: _Seeder) -> dict[str, Any]:
    return {
        "kind": "country",
        "name": record.name,
        "iso2": record.iso2 or None,
        "official_name": record.official_name or None,
        "un_status": record.status,
        "origin": "seed",
        "verified": True,
        "source": record.source,
    }


def _country_aliases(record: CountryRecord) -> Iterable[tuple[str, str]]:
    yield "name", record.name
    if record.official_name:
        yield "alias", record.official_name
    yield "code", record.iso3
    if record.iso2:
        yield "code", record.iso2
    for alias in record.aliases:
        yield "alias", alias
    for adjective in record.adjectives:
        yield "adjective", adjective
    for demonym in record.demonyms:
        yield "demonym", demonym
    if record.capital:
        yield "capital", record.capital
    for cow in record.cow:
        yield "code", f"COW:{cow}"


def _organization_fields(record: OrganizationRecord, seeder: _Seeder) -> dict[str, Any]:
    return {
        "kind": "organization",
        "name": record.name,
        "org_kind": record.kind,
        "country_id": seeder.actor_id(f"country:{record.country}") if record.country else None,
        "origin": "seed",
        "verified": True,
        "source": record.source,
    }


def _org_aliases(record: OrganizationRecord) -> Iterable[tuple[str, str]]:
    yield "name", record.name
    yield "abbreviation", record.key_
    for alias in record.aliases:
        yield "alias", alias


def _person_fields(record: PersonRecord, seeder: _Seeder) -> dict[str, Any]:
    return {
        "kind": "person",
        "name": record.name,
        "birth_year": record.born,
        "gender": record.gender or None,
        "country_id": seeder.actor_id(f"country:{record.country}") if record.country else None,
        "origin": record.origin,
        "verified": True,
        "source": record.source,
    }


def _person_aliases(record: PersonRecord) -> Iterable[tuple[str, str]]:
    yield "name", record.name
    for alias in record.aliases:
        yield "alias", alias
    if record.surname:
        yield "surname", record.surname
