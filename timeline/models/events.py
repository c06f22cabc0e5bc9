"""Events with honest date ranges, who took part in what role, and the evidence behind them."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from timeline.models.base import Base, Timestamped, in_list, utcnow
from timeline.vocabulary import (
    EVENT_ORIGINS,
    EVENT_TYPES,
    PRECISIONS,
    REVIEW_STATES,
    ROLES,
    STATUSES,
)

if TYPE_CHECKING:
    from timeline.models.actors import Actor
    from timeline.models.articles import Article


class Event(Timestamped, Base):
    """A dated happening; the range [start_date, end_date] is what the sources let us infer."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(in_list("type", EVENT_TYPES), name="type"),
        CheckConstraint(in_list("status", STATUSES), name="status"),
        CheckConstraint(in_list("precision", PRECISIONS), name="precision"),
        CheckConstraint(in_list("origin", EVENT_ORIGINS), name="origin"),
        CheckConstraint(in_list("review", REVIEW_STATES), name="review"),
        CheckConstraint(
            "(start_date IS NULL AND end_date IS NULL)"
            " OR (start_date IS NULL AND end_date IS NOT NULL)"
            " OR (start_date IS NOT NULL AND end_date IS NOT NULL AND start_date <= end_date)",
            name="date_range",
        ),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        Index("ix_events_type_start", "type", "start_date"),
        Index("ix_events_start_end", "start_date", "end_date"),
        # An id is never reused after a merge deletes an event, so history stays unambiguous.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    precision: Mapped[str] = mapped_column(String(16), default="unknown")
    date_text: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="occurred")
    location: Mapped[str | None] = mapped_column(String(200))
    cameo: Mapped[str | None] = mapped_column(String(8))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    origin: Mapped[str] = mapped_column(String(16), default="extracted")
    review: Mapped[str] = mapped_column(String(16), default="unreviewed")
    review_note: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)

    participants: Mapped[list[Participant]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    meeting: Mapped[MeetingDetail | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    sanction: Mapped[SanctionDetail | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class Participant(Base):
    """An actor's part in an event."""

    __tablename__ = "participants"
    __table_args__ = (
        CheckConstraint(in_list("role", ROLES), name="role"),
        UniqueConstraint("event_id", "actor_id", "role"),
        Index("ix_participants_actor_event", "actor_id", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16), default="participant")

    event: Mapped[Event] = relationship(back_populates="participants")
    actor: Mapped[Actor] = relationship()


# After the actors, in this order: equality on type and status, one range per span class on
# the start date, the end date and participant count filtered inside the index.
LOOKUP_KEY_COLUMNS = (
    "type",
    "status",
    "span_class",
    "start_date",
    "end_date",
    "participant_count",
)


class _LookupKeys:
    """The event's values its pair and single rows repeat, so that lookups stay in the index
    (`timeline.services.pairs` keeps them in step)."""

    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    span_class: Mapped[int] = mapped_column(SmallInteger)
    participant_count: Mapped[int] = mapped_column(SmallInteger)


class EventPair(_LookupKeys, Base):
    """One row per unordered pair of an event's participants (actor_a_id < actor_b_id).

    Derived from `participants` and the event by the services whenever an event's
    participants, type, status or dates change (`timeline.services.pairs`). It lets "A-B
    contacts" be one index range scan however active A and B are, and lets ingest find the
    stored report of the same event by an index range bounded on both sides: `span_class`
    (the bit length of the range's length in days, -1 when undated) bounds how far before
    the report's start a stored range that overlaps it can begin.
    """

    __tablename__ = "event_pairs"
    __table_args__ = (
        CheckConstraint("actor_a_id < actor_b_id", name="ordered"),
        Index("ix_event_pairs_pair_start", "actor_a_id", "actor_b_id", "start_date"),
        Index("ix_event_pairs_match", "actor_a_id", "actor_b_id", *LOOKUP_KEY_COLUMNS),
    )

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    actor_a_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )
    actor_b_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )


class EventSingle(_LookupKeys, Base):
    """One row per (event, participant): the one-actor counterpart of `EventPair`, so a
    report naming one actor finds its stored event without reading all of that actor's
    participations. Kept by the same service, from the same values."""

    __tablename__ = "event_singles"
    __table_args__ = (Index("ix_event_singles_match", "actor_id", *LOOKUP_KEY_COLUMNS),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )


class Evidence(Base):
    """The sentence of an article that reports an event, with its character offsets."""

    __tablename__ = "evidence"
    __table_args__ = (
        UniqueConstraint("event_id", "article_id", "start_char"),
        CheckConstraint("start_char >= 0 AND start_char <= end_char", name="offsets"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    sentence: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    date_text: Mapped[str | None] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    event: Mapped[Event] = relationship(back_populates="evidence")
    article: Mapped[Article] = relationship()


class MeetingDetail(Base):
    """What only meetings have: venue and the kind of encounter."""

    __tablename__ = "meeting_details"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    venue: Mapped[str | None] = mapped_column(String(200))
    format: Mapped[str | None] = mapped_column(String(32))


class SanctionDetail(Base):
    """What only sanctions have: the legal authority, the measures and when they ended."""

    __tablename__ = "sanction_details"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    authority: Mapped[str | None] = mapped_column(String(300))
    measures: Mapped[str | None] = mapped_column(Text)
    lifted_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class EventHistory(Base):
    """Every change to an event: what, the old and new values (JSON text), when, by whom."""

    __tablename__ = "event_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    field: Mapped[str | None] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
