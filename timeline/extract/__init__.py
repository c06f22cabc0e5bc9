"""Text -> candidate events: pure functions over a gazetteer, no database.

    from timeline.extract import Gazetteer, extract_events
    events = extract_events(text, published, Gazetteer.from_seed_dir())

Layers, each usable alone: `text` (look-alike folding that keeps offsets, tokens,
sentences), `gazetteer` (actors, aliases, offices; the alias index), `entities` (who each
name, title, capital or "the two leaders" denotes), `triggers` (event words, status cues,
clauses), `dates` (temporal expressions), `events` (putting it together).
"""

from __future__ import annotations

from timeline.extract.events import (
    EXTRACTOR_VERSION,
    ExtractedEvent,
    ExtractedParticipant,
    extract_events,
)
from timeline.extract.gazetteer import Gazetteer, GazetteerActor, GazetteerOffice

__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractedEvent",
    "ExtractedParticipant",
    "Gazetteer",
    "GazetteerActor",
    "GazetteerOffice",
    "extract_events",
]
