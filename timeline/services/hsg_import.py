"""Importing the Office of the Historian's records as dated, sourced events.

Each record becomes a source document (an `articles` row: its id, its history.state.gov
page, its text) and the events it states: a trip's meetings with the leaders its remarks
name and its summits attended; a visit's meeting with the sitting U.S. president when the
visit was a state, official or working visit or its description names a meeting. Events go
through ingest's own merge, so the meeting an article or a seed already holds gains a
source instead of a twin, and a record imported before adds nothing (re-running is safe,
and analysts' edits and rejections stand).

Names are resolved against the offices table at the record's dates: a title and a name
("Prime Minister Harper") match whoever held office then under that name, in the record's
country first. A name that matches nobody, or several people, is left unresolved and
listed, never guessed; a visitor (or a host named in full) not yet known becomes an actor
with the office the title names, attested for the record's dates.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from timeline.extract import ExtractedEvent, ExtractedParticipant
from timeline.formats.articles import ArticleInput
from timeline.formats.hsg import Trip, Visit
from timeline.importers.hsg_text import (
    Mention,
    leader_mentions,
    summits_attended,
    visit_includes_meeting,
    visitor_mention,
)
from timeline.models import Actor, ActorAlias, Article, Office
from timeline.names import fold

SOURCE = "Office of the Historian, U.S. Department of State"
UNITED_STATES = "United States"


@dataclass
class ImportSummary:
    """What an import did, for the CLI's table and the closing note."""

    files: int = 0
    trips: int = 0
    visits: int = 0
    records_known: int = 0
    meetings: int = 0
    attendances: int = 0
    events_new: int = 0
    events_merged: int = 0
    visits_without_meeting: int = 0
    actors_created: int = 0
    unresolved: list[tuple[str, str, str]] = field(default_factory=list)  # record, text, why

    def rows(self) -> list[dict[str, int]]:
        return [
            {
                "files": self.files,
                "trips": self.trips,
                "visits": self.visits,
                "already_imported": self.records_known,
                "meetings": self.meetings,
                "attendances": self.attendances,
                "events_new": self.events_new,
                "events_merged": self.events_merged,
                "visits_without_meeting": self.visits_without_meeting,
                "actors_created": self.actors_created,
                "unresolved": len(self.unresolved),
            }
        ]

    @property
    def changed(self) -> bool:
        return bool(self.events_new or self.events_merged or self.actors_created)


@dataclass(frozen=True)
class _Holder:
    actor_id: int
    key: str
    name: str
    country_id: int | None
    role: str
    start: date
    end: date | None
    names: tuple[frozenset[str], ...]
    surnames: frozenset[str]


def _last(name: str) -> str:
    parts = [p for p in re.split(r"[\s\-‐–]+", name.strip()) if p]
    return fold(parts[-1]) if parts else ""


def _tokens(name: str) -> frozenset[str]:
    """'Kim Jong-un' -> {kim, jong, un}: words and hyphen parts, folded."""
    return frozenset(t for t in (fold(p) for p in re.split(r"[\s\-‐–]+", name)) if t)


class OfficeIndex:
    """Every office with its holder's names, indexed by name word, loaded once per import."""

    def __init__(self, session: Session) -> None:
        self.session = session
        names: dict[int, set[frozenset[str]]] = defaultdict(set)
        self.surname_aliases: dict[int, list[str]] = defaultdict(list)
        for actor_id, alias, kind in session.execute(
            select(ActorAlias.actor_id, ActorAlias.alias, ActorAlias.kind)
            .join(Actor, Actor.id == ActorAlias.actor_id)
            .where(Actor.kind == "person", ActorAlias.kind.in_(("name", "alias", "surname")))
        ):
            if kind == "surname":
                self.surname_aliases[actor_id].append(alias)
            else:
                names[actor_id].add(_tokens(alias))
        self.by_word: dict[str, list[_Holder]] = defaultdict(list)
        rows = session.execute(
            select(Office, Actor.key, Actor.name).join(Actor, Actor.id == Office.holder_id)
        )
        for office, key, name in rows:
            self._add(office, key, name, names[office.holder_id] | {_tokens(name)})
        self.countries: dict[str, int | None] = {}
        self._by_country: dict[int | None, list[_Holder]] = {}

    def _add(self, office: Office, key: str, name: str, names: set[frozenset[str]]) -> None:
        holder = _Holder(
            actor_id=office.holder_id,
            key=key,
            name=name,
            country_id=office.country_id,
            role=office.role,
            start=office.start_date,
            end=office.end_date,
            names=tuple(names),
            surnames=frozenset(
                _last(n) for n in (name, *self.surname_aliases.get(office.holder_id, ()))
            ),
        )
        for word in {w for n in names for w in n}:
            self.by_word[word].append(holder)

    def find(
        self, mention_name: str, start: date, end: date, country_id: int | None
    ) -> list[_Holder]:
        """Holders in office during [start, end] under that name, the country's first.

        Outside the record's country a name must match in full ("Vladimir Putin" or all of
        a holder's name); inside it, where the title and the date already narrow it to a
        handful of people, the surname is enough ("Prime Minister Harper", and "George
        Papandreou" for REIGN's "Georgios Papandreou")."""
        wanted = _tokens(mention_name)
        if not wanted:
            return []
        surname = fold(re.split(r"[\s\-‐–]+", mention_name.strip())[-1])
        pool = {id(h): h for w in wanted for h in self.by_word.get(w, [])}.values()
        found, local = [], []
        for h in pool:
            if h.start > end or (h.end is not None and h.end < start):
                continue
            here = country_id is not None and h.country_id == country_id
            full = any(wanted <= n or (len(n) >= 2 and n <= wanted) for n in h.names)
            if full:
                found.append(h)
            if here and (full or surname in h.surnames):
                local.append(h)
        return local or found

    def country(self, name: str) -> int | None:
        """The country actor the record names ('Korea, South' is South Korea)."""
        if name not in self.countries:
            from timeline.services.names import candidates

            written = ", ".join(reversed(name.split(", "))) if ", " in name else name
            actor_id = None
            for attempt in (name, written, written.replace("Republic of ", "")):
                found = [a for a in candidates(self.session, attempt) if a.kind == "country"]
                if len(found) == 1:
                    actor_id = found[0].id
                    break
            self.countries[name] = actor_id
        return self.countries[name]

    def bind(self, session: Session) -> OfficeIndex:
        """The same index for the next file's transaction."""
        self.session = session
        return self

    def of_country(self, country_id: int | None) -> list[_Holder]:
        if country_id not in self._by_country:
            self._by_country[country_id] = list(
                {
                    id(h): h
                    for hs in self.by_word.values()
                    for h in hs
                    if h.country_id == country_id
                }.values()
            )
        return self._by_country[country_id]

    def remember(self, office: Office, key: str, name: str) -> None:
        self._by_country.pop(office.country_id, None)
        self._add(office, key, name, {_tokens(name)})


def one_person(holders: list[_Holder]) -> _Holder | None:
    people = {h.actor_id: h for h in holders}
    if len(people) != 1:
        return None
    return next(iter(people.values()))


def import_records(
    session: Session,
    records: list[Trip | Visit],
    origin: str,
    index: OfficeIndex,
    summary: ImportSummary,
    actor_ids: dict[str, int],
) -> None:
    """Store one file's records in the caller's transaction (it commits, or rolls back)."""
    from timeline.services.ingest import ingest_article

    for record in records:
        article = _trip_document(record) if isinstance(record, Trip) else _visit_document(record)
        if _already_imported(session, article):
            summary.records_known += 1
            continue
        if isinstance(record, Trip):
            summary.trips += 1
            events = _trip_events(session, record, article.text, index, summary)
        else:
            summary.visits += 1
            events = _visit_events(session, record, article.text, index, summary)
        outcome = ingest_article(
            session, article, None, events=events, actor_ids=actor_ids, origin="import"
        )
        summary.events_new += outcome.events_new
        summary.events_merged += outcome.events_merged
        for event in events:
            if event.type == "meeting":
                summary.meetings += 1
            else:
                summary.attendances += 1


def _already_imported(session: Session, article: ArticleInput) -> bool:
    from timeline.services.ingest import content_hash

    digest = content_hash(article.text)
    return session.scalar(select(Article.id).where(Article.content_hash == digest)) is not None


def _trip_document(trip: Trip) -> ArticleInput:
    text = (
        f"{trip.president}, {_span(trip.start, trip.end)}, "
        f"{trip.locale + ', ' if trip.locale else ''}{trip.country}. {trip.remarks}"
    )
    return _document(f"hsg-trip-{trip.id}", f"{trip.president} in {trip.country}", trip, text)


def _visit_document(visit: Visit) -> ArticleInput:
    text = (
        f"{visit.visitor} of {visit.country}, {_span(visit.start, visit.end)}. {visit.description}"
    )
    return _document(f"hsg-visit-{visit.id}", f"{visit.visitor} in the United States", visit, text)


# --- trips ----------------------------------------------------------------------------------


def _trip_events(
    session: Session, trip: Trip, text: str, index: OfficeIndex, summary: ImportSummary
) -> list[ExtractedEvent]:
    where = f"trip {trip.id}"
    us = index.country(UNITED_STATES)
    president = one_person(index.find(trip.president, trip.start, trip.end, us))
    if president is None:
        summary.unresolved.append((where, trip.president, "the president is not in the offices"))
        return []
    country_id = index.country(trip.country)
    guest = _participant(president.name, "guest", president.key)
    sentence_start = text.index(trip.remarks) if trip.remarks else 0
    sentence = trip.remarks or text
    events: list[ExtractedEvent] = []
    for mention in leader_mentions(trip.remarks):
        host = _resolve(session, mention, trip, country_id, index, summary, where)
        if host is None or host.actor_id == president.actor_id:
            continue
        role = "host" if host.country_id == country_id and country_id is not None else "participant"
        events.append(
            _event("meeting", [guest, _participant(host.name, role, host.key)], trip, sentence,
                   sentence_start, trip.locale)
        )  # fmt: skip
    for _summit in summits_attended(trip.remarks):
        attendee = _participant(president.name, "attendee", president.key)
        events.append(_event("attendance", [attendee], trip, sentence, sentence_start, trip.locale))
        break  # one record, one gathering: the president attended it once
    return events


# --- visits ---------------------------------------------------------------------------------


def _visit_events(
    session: Session, visit: Visit, text: str, index: OfficeIndex, summary: ImportSummary
) -> list[ExtractedEvent]:
    where = f"visit {visit.id}"
    if not visit_includes_meeting(visit.description):
        summary.visits_without_meeting += 1
        return []
    mention = visitor_mention(visit.visitor)
    if mention is None:
        summary.unresolved.append((where, visit.visitor, "not a head of state or government"))
        return []
    country_id = index.country(visit.country)
    visitor = _resolve(session, mention, visit, country_id, index, summary, where)
    host = _sitting_president(index, index.country(UNITED_STATES), visit.start)
    if visitor is None:
        return []
    if host is None:
        summary.unresolved.append((where, visit.visitor, "no U.S. president in the offices"))
        return []
    sentence = visit.description
    event = _event(
        "meeting",
        [
            _participant(visitor.name, "guest", visitor.key),
            _participant(host.name, "host", host.key),
        ],
        visit,
        sentence,
        text.index(sentence),
        None,
    )
    return [event]


def _sitting_president(index: OfficeIndex, us: int | None, on: date) -> _Holder | None:
    holders = {
        h.actor_id: h
        for h in index.of_country(us)
        if h.role in ("head_of_state", "effective_leader")
        and h.start <= on
        and (h.end is None or h.end >= on)
    }
    heads = {k: h for k, h in holders.items() if h.role == "head_of_state"}
    chosen = heads or holders
    return next(iter(chosen.values())) if len(chosen) == 1 else None


# --- shared ---------------------------------------------------------------------------------


def _resolve(
    session: Session,
    mention: Mention,
    record: Trip | Visit,
    country_id: int | None,
    index: OfficeIndex,
    summary: ImportSummary,
    where: str,
) -> _Holder | None:
    scope = None if mention.foreign else country_id
    found = index.find(mention.name, record.start, record.end, scope)
    person = one_person(found)
    if person is not None:
        return person
    if found:
        names = ", ".join(sorted({h.name for h in found})[:4])
        summary.unresolved.append((where, mention.text, f"could be {names}"))
        return None
    if mention.foreign or country_id is None or not mention.full_name:
        why = (
            "names no one in office then"
            if mention.full_name
            else "a surname nobody held office under then"
        )
        summary.unresolved.append((where, mention.text, why))
        return None
    created, new = _new_leader(session, mention, record, country_id, index)
    summary.actors_created += new
    return created


def _new_leader(
    session: Session, mention: Mention, record: Trip | Visit, country_id: int, index: OfficeIndex
) -> tuple[_Holder, bool]:
    """A leader the offices do not know: an actor, and the office the title names for the
    record's dates (widened when later records show the same person)."""
    from timeline.services.ingest import _slug

    key = f"person:{_slug(mention.name)}"
    actor = session.scalar(select(Actor).where(Actor.key == key))
    new = actor is None
    if actor is None:
        actor = Actor(
            key=key, kind="person", name=mention.name, country_id=country_id, origin="import",
            verified=False, source=f"{SOURCE}: {record.url}",
        )  # fmt: skip
        actor.aliases = [ActorAlias(alias=mention.name, normalized=fold(mention.name), kind="name")]
        try:
            with session.begin_nested():
                session.add(actor)
        except IntegrityError:  # another importer created it first
            actor = session.scalar(select(Actor).where(Actor.key == key))
            assert actor is not None
    office_key = f"hsg:{key}:{mention.role}:{country_id}"
    office = session.scalar(select(Office).where(Office.key == office_key))
    if office is None:
        office = Office(
            key=office_key, holder_id=actor.id, title=mention.title, role=mention.role,
            country_id=country_id, start_date=record.start, end_date=record.end,
            origin="import", source=f"{SOURCE}: {record.url} (attested on these dates)",
        )  # fmt: skip
        session.add(office)
    else:
        office.start_date = min(office.start_date, record.start)
        office.end_date = max(office.end_date or record.end, record.end)
    session.flush()
    index.remember(office, actor.key, actor.name)
    holder = _Holder(
        actor_id=actor.id, key=actor.key, name=actor.name, country_id=country_id,
        role=mention.role, start=record.start, end=record.end, names=(_tokens(actor.name),),
        surnames=frozenset({_last(actor.name)}),
    )  # fmt: skip
    return holder, new


def _document(doc_id: str, title: str, record: Trip | Visit, text: str) -> ArticleInput:
    return ArticleInput(
        id=doc_id,
        title=title,
        source=SOURCE,
        url=record.url,
        published=record.end,
        text=text,
        origin=doc_id,
    )


def _participant(name: str, role: str, key: str) -> ExtractedParticipant:
    return ExtractedParticipant(
        name=name, role=role, key=key, kind="person", country=None, verified=True
    )


def _event(
    type_: str,
    participants: list[ExtractedParticipant],
    record: Trip | Visit,
    sentence: str,
    start: int,
    location: str | None,
) -> ExtractedEvent:
    from timeline.extract.dates import DateRange

    precision = "day" if record.start == record.end else "range"
    return ExtractedEvent(
        type=type_,
        participants=tuple(participants),
        date=DateRange(record.start, record.end, precision),
        date_text=_span(record.start, record.end),
        status="occurred",
        location=location,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        confidence=1.0,
        cameo="040" if type_ == "meeting" else None,
    )


def _span(start: date, end: date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"


def unresolved_counts(summary: ImportSummary) -> Counter[str]:
    return Counter(why for _, _, why in summary.unresolved)
