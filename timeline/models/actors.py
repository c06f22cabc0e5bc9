"""People, countries and organizations, the names they go by, and the offices people held."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from timeline.models.base import Base, Timestamped, in_list
from timeline.vocabulary import ACTOR_KINDS, ACTOR_ORIGINS, ALIAS_KINDS, OFFICE_ROLES


class Actor(Timestamped, Base):
    """Anything that can take part in an event; `key` is the natural key seeds upsert by."""

    __tablename__ = "actors"
    __table_args__ = (
        CheckConstraint(in_list("kind", ACTOR_KINDS), name="kind"),
        CheckConstraint(in_list("origin", ACTOR_ORIGINS), name="origin"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200), index=True)
    country_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"))
    origin: Mapped[str] = mapped_column(String(16), default="seed")
    verified: Mapped[bool] = mapped_column(Boolean, default=True)
    # country details
    iso2: Mapped[str | None] = mapped_column(String(2))
    official_name: Mapped[str | None] = mapped_column(String(300))
    un_status: Mapped[str | None] = mapped_column(String(16))
    # person details
    birth_year: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(8))
    # organization details
    org_kind: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str | None] = mapped_column(Text)

    country: Mapped[Actor | None] = relationship(remote_side=[id])
    aliases: Mapped[list[ActorAlias]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", passive_deletes=True
    )
    offices: Mapped[list[Office]] = relationship(
        back_populates="holder",
        foreign_keys="Office.holder_id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class ActorAlias(Base):
    """A name an actor goes by; `normalized` is folded (case, accents, hyphens) for lookups."""

    __tablename__ = "actor_aliases"
    __table_args__ = (
        CheckConstraint(in_list("kind", ALIAS_KINDS), name="kind"),
        Index(
            "uq_actor_aliases_actor_kind_normalized", "actor_id", "kind", "normalized", unique=True
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    normalized: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="alias")

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class Office(Base):
    """A person holding a post (a role at a country or organization) for a span of days."""

    __tablename__ = "offices"
    __table_args__ = (
        CheckConstraint(in_list("role", OFFICE_ROLES), name="role"),
        CheckConstraint("end_date IS NULL OR start_date <= end_date", name="dates"),
        CheckConstraint("country_id IS NOT NULL OR organization_id IS NOT NULL", name="post"),
        Index("ix_offices_country_role_start", "country_id", "role", "start_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(24))
    country_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), index=True
    )
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    title_aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    origin: Mapped[str] = mapped_column(String(16), default="seed")
    source: Mapped[str | None] = mapped_column(Text)

    holder: Mapped[Actor] = relationship(back_populates="offices", foreign_keys=[holder_id])
    country: Mapped[Actor | None] = relationship(foreign_keys=[country_id])
    organization: Mapped[Actor | None] = relationship(foreign_keys=[organization_id])
