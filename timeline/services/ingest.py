"""Stores an article and the events extracted from it, merging reports of the same event.

One call handles one article inside the caller's transaction, so an article is stored whole or
not at all. Re-ingesting the same text adds nothing (the content hash is unique), and the same
real-world event reported by several articles becomes one event with several evidence rows.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from timeline.models import (
    Actor,
    ActorAlias,
    Article,
    Event,
    Evidence,
    MeetingDetail,
    Participant,
)
from timeline.names import fold
from timeline.services.dating import stored_dates
from timeline.services.history import record
from timeline.services.locks import advisory_lock, lock_all
from timeline.services.matching import KEEP_VALUES, best_candidate
from timeline.services.pairs import insert_pairs, refresh_pairs

if TYPE_CHECKING:
    from timeline.extract import ExtractedEvent, ExtractedParticipant
    from timeline.extract.gazetteer import Gazetteer
    from timeline.formats.articles import ArticleInput


@dataclass
class ArticleOutcome:
    """What ingesting one article did."""

    article_id: int
    known: bool = False  # the same text was ingested before: nothing was added
    events_new: int = 0
    events_merged: int = 0


def content_hash(text_: str) -> str:
    """SHA-256 of the text with Unicode and white space normalised: a re-encoded copy is known."""
    normal = " ".join(unicodedata.normalize("NFC", text_).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def ingest_article(
    session: Session,
    article: ArticleInput,
    gazetteer: Gazetteer | None,
    *,
    events: Iterable[ExtractedEvent] | None = None,
    actor_ids: MutableMapping[str, int] | None = None,
    origin: str = "extracted",
) -> ArticleOutcome:
    """Store `article` and its events; `events` skips extraction when already done.

    `actor_ids` (actor key -> id), kept by the caller from one article to the next, saves
    looking the same actors up again; only actors found already stored go in it, never one
    this article creates. The caller forgets what it learnt in a transaction that rolls back
    (`BatchWriter` does). `origin`
    marks the events this creates ('import' for records of a dataset)."""
    from timeline.extract import EXTRACTOR_VERSION, extract_events

    digest = content_hash(article.text)
    advisory_lock(session, f"article:{digest}")
    known = session.scalar(select(Article.id).where(Article.content_hash == digest))
    if known is not None:
        return ArticleOutcome(article_id=known, known=True)
    assert article.published is not None, "readers fill in the publication date"
    # Plain INSERTs (no unit of work) for what ingest only ever adds: a third less time.
    article_id = session.execute(
        insert(Article.__table__)
        .values(
            content_hash=digest,
            external_id=article.id,
            title=article.title,
            source=article.source,
            url=article.url,
            published=article.published,
            text=article.text,
        )
        .returning(Article.__table__.c.id)
    ).scalar_one()
    outcome = ArticleOutcome(article_id=article_id)
    if events is None:
        assert gazetteer is not None, "extraction needs the gazetteer"
        events = extract_events(article.text, article.published, gazetteer, title=article.title)
    actors = _ActorResolver(session, actor_ids)
    resolved = [
        (extracted, [(actors.resolve(p), p.role) for p in extracted.participants])
        for extracted in events
    ]
    resolved = [(extracted, roles) for extracted, roles in resolved if roles]
    # Every event lock up front, in sorted order: two writers never wait on each other in a
    # cycle (a deadlock costs PostgreSQL a second to detect and us a retry).
    lock_all(session, (_event_lock(extracted, roles) for extracted, roles in resolved))
    evidence = []
    cited: set[tuple[int, int]] = set()
    for extracted, actor_roles in resolved:
        event_id, merged = _store_event(session, extracted, actor_roles, article.published, origin)
        if (event_id, extracted.start) in cited:  # two reports in one sentence, one event
            continue
        cited.add((event_id, extracted.start))
        evidence.append(
            {
                "event_id": event_id,
                "article_id": article_id,
                "sentence": extracted.sentence,
                "start_char": extracted.start,
                "end_char": extracted.end,
                "date_text": extracted.date_text,
                "extractor_version": EXTRACTOR_VERSION,
                "confidence": extracted.confidence,
            }
        )
        if merged:
            outcome.events_merged += 1
        else:
            outcome.events_new += 1
    session.flush()
    if evidence:
        session.execute(insert(Evidence.__table__), evidence)
    return outcome


# --- events ---------------------------------------------------------------------------------


def _store_event(
    session: Session,
    extracted: ExtractedEvent,
    actor_roles: list[tuple[int, str]],
    published: date,
    origin: str = "extracted",
) -> tuple[int, bool]:
    """The id of the stored event the report went to, and whether it was merged."""
    actor_ids = sorted({actor_id for actor_id, _ in actor_roles})
    match = best_candidate(session, extracted, actor_ids, record=origin == "import")
    if match is not None:
        if _merge_changes(match, extracted):  # only then is the event loaded whole
            event = session.get(Event, match.id)
            assert event is not None
            _merge_into(session, event, extracted, published)
        return match.id, True
    when = stored_dates(extracted, published)
    event_id = session.execute(
        insert(Event.__table__)
        .values(
            type=extracted.type,
            start_date=when.start if when else None,
            end_date=when.end if when else None,
            precision=when.precision if when else "unknown",
            date_text=extracted.date_text,
            status=extracted.status,
            location=extracted.location,
            cameo=extracted.cameo,
            confidence=extracted.confidence,
            origin=origin,
        )
        .returning(Event.__table__.c.id)
    ).scalar_one()
    distinct = _distinct(actor_roles)
    session.execute(
        insert(Participant.__table__),
        [{"event_id": event_id, "actor_id": a, "role": r} for a, r in distinct],
    )
    if extracted.type == "meeting":
        roles = {role for _, role in actor_roles}
        session.execute(
            insert(MeetingDetail.__table__).values(
                event_id=event_id,
                venue=extracted.location,
                format="visit" if {"host", "guest"} <= roles else "summit",
            )
        )
    insert_pairs(
        session,
        event_id,
        [a for a, _ in distinct],
        type=extracted.type,
        status=extracted.status,
        start=when.start if when else None,
        end=when.end if when else None,
    )
    return event_id, False


def _event_lock(extracted: ExtractedEvent, actor_roles: list[tuple[int, str]]) -> str:
    """Two writers reporting the same event at once must not both create it."""
    actor_ids = sorted({actor_id for actor_id, _ in actor_roles})
    return f"event:{extracted.type}:{extracted.status}:{actor_ids}"


def _kept_as_is(event: Any) -> bool:
    """A curated, seeded or imported event, or one an analyst confirmed, edited or rejected:
    reports add evidence to it and change none of its values."""
    return event.review in KEEP_VALUES or event.review == "rejected" or event.origin != "extracted"


def _merge_changes(event: Any, extracted: ExtractedEvent) -> bool:
    """Whether merging the report into `event` (an Event or a candidate row) changes it:
    most reports of a known event add only their evidence."""
    if _kept_as_is(event):
        return False
    when = extracted.date
    dated = when is not None and event.start_date is not None and event.end_date is not None
    if dated and (when.start > event.start_date or when.end < event.end_date):
        return True
    if event.location is None and extracted.location:
        return True
    return extracted.confidence > event.confidence


def _merge_into(session: Session, event: Event, extracted: ExtractedEvent, published: date) -> None:
    """Narrow the stored range to what both reports allow, unless curated or seeded; the
    change is written to the event's history like an analyst's."""
    if _kept_as_is(event):
        return
    when = extracted.date
    if when is not None and event.start_date is not None and event.end_date is not None:
        start, end = max(event.start_date, when.start), min(event.end_date, when.end)
        if (start, end) != (event.start_date, event.end_date):
            record(
                session,
                event,
                "ingest",
                "date",
                [event.start_date, event.end_date],
                [start, end],
                by="ingest",
                note=f"narrowed by a report published {published.isoformat()}",
            )
            if (start, end) == (when.start, when.end):
                event.precision, event.date_text = when.precision, extracted.date_text
            else:
                event.precision = "day" if start == end else "range"
            event.start_date, event.end_date = start, end
            session.flush()
            refresh_pairs(session, event)
    if event.location is None and extracted.location:
        event.location = extracted.location
    event.confidence = max(event.confidence, extracted.confidence)


def _distinct(actor_roles: list[tuple[int, str]]) -> list[tuple[int, str]]:
    seen: dict[int, str] = {}
    for actor_id, role in actor_roles:
        seen.setdefault(actor_id, role)
    return list(seen.items())


# --- actors ---------------------------------------------------------------------------------


class _ActorResolver:
    """Maps extracted participants to actor rows, creating unverified people when needed."""

    def __init__(self, session: Session, stored: MutableMapping[str, int] | None = None) -> None:
        self.session = session
        self.ids: dict[str, int] = {}  # resolved in this transaction
        self.stored = {} if stored is None else stored  # stored before this article

    def resolve(self, participant: ExtractedParticipant) -> int:
        key = participant.key or f"person:{_slug(participant.name)}"
        actor_id = self.ids.get(key) or self.stored.get(key)
        if actor_id is not None:
            return actor_id
        actor_id = self.session.scalar(select(Actor.id).where(Actor.key == key))
        if actor_id is not None:
            self.stored[key] = actor_id
        else:
            actor_id = self._create(key, participant)
        self.ids[key] = actor_id
        return actor_id

    def _create(self, key: str, participant: ExtractedParticipant) -> int:
        country_id = None
        if participant.country:
            country_id = self.session.scalar(
                select(Actor.id).where(Actor.key == participant.country)
            )
        actor = Actor(
            key=key,
            kind=participant.kind,
            name=participant.name,
            country_id=country_id,
            origin="extracted",
            verified=False,
        )
        actor.aliases = [
            ActorAlias(alias=participant.name, normalized=fold(participant.name), kind="name")
        ]
        try:
            with self.session.begin_nested():
                self.session.add(actor)
        except IntegrityError:  # another writer created it first
            return self.session.scalar(select(Actor.id).where(Actor.key == key))  # type: ignore[return-value]
        return actor.id


def _slug(name: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in name.lower()).split())


@dataclass
class IngestSummary:
    """Totals over a run, for the closing summary."""

    articles_read: int = 0
    articles_new: int = 0
    articles_known: int = 0
    events_new: int = 0
    events_merged: int = 0
    errors: int = 0

    def add(self, outcome: ArticleOutcome) -> None:
        self.articles_read += 1
        if outcome.known:
            self.articles_known += 1
            return
        self.articles_new += 1
        self.events_new += outcome.events_new
        self.events_merged += outcome.events_merged

    def rows(self) -> list[dict[str, int]]:
        return [
            {
                "articles read": self.articles_read + self.errors,
                "new": self.articles_new,
                "already known": self.articles_known,
                "events new": self.events_new,
                "events merged": self.events_merged,
                "errors": self.errors,
            }
        ]
