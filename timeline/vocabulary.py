"""The closed vocabularies of the data model, shared by the schema, the extractor and the CLI."""

from __future__ import annotations

# Event types are defined once, with their triggers and rules, in the extractor's registry.
from timeline.extract.registry import EVENT_TYPES as EVENT_TYPES

CONTACT_TYPES = ("meeting", "call", "message", "invitation", "attendance", "agreement")
STATUSES = ("occurred", "planned", "negated")
PRECISIONS = (
    "day",
    "range",
    "week",
    "month_part",
    "month",
    "quarter",
    "season",
    "year_part",
    "year",
    "decade",
    "unknown",
    "before",
)
ROLES = (
    "host",
    "guest",
    "sender",
    "recipient",
    "imposer",
    "target",
    "signatory",
    "attendee",
    "participant",
)
EVENT_ORIGINS = ("seed", "extracted", "manual", "import")
REVIEW_STATES = ("unreviewed", "confirmed", "edited", "rejected")
ACTOR_KINDS = ("person", "country", "organization")
ACTOR_ORIGINS = ("seed", "reign", "extracted", "manual", "import")
OFFICE_ROLES = ("head_of_state", "head_of_government", "party_leader", "effective_leader")
ALIAS_KINDS = (
    "name",
    "alias",
    "surname",
    "abbreviation",
    "adjective",
    "demonym",
    "capital",
    "code",
)

# The columns a table shows for a list of events (JSON rows carry more: start, end, ...).
EVENT_COLUMNS = (
    "id",
    "date",
    "type",
    "status",
    "participants",
    "location",
    "sources",
    "origin",
    "review",
)
