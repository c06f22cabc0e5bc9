"""The schema: SQLAlchemy 2.0 typed declarative models. Alembic migrations own the tables."""

from timeline.models.actors import Actor, ActorAlias, Office
from timeline.models.articles import Article
from timeline.models.base import Base
from timeline.models.events import (
    Event,
    EventHistory,
    EventPair,
    EventSingle,
    Evidence,
    MeetingDetail,
    Participant,
    SanctionDetail,
)

__all__ = [
    "Actor",
    "ActorAlias",
    "Article",
    "Base",
    "Event",
    "EventHistory",
    "EventPair",
    "EventSingle",
    "Evidence",
    "MeetingDetail",
    "Office",
    "Participant",
    "SanctionDetail",
]
