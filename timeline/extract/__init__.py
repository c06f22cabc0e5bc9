"""Text -> candidate events: pure functions over a gazetteer, no database.

    from timeline.extract import Gazetteer, extract_events
    events = extract_events(text, published, Gazetteer.from_seed_dir())

Layers, each usable alone: `text` (look-alike folding that keeps offsets, tokens,
sentences), `gazetteer` (actors, aliases, offices; the alias index), `entities` (who each
name, title, capital or "the two leaders" denotes), `triggers` (event words, status cues,
clauses), `dates` (temporal expressions), `events` (putting it together).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.extract.events import (
        EXTRACTOR_VERSION,
        ExtractedEvent,
        ExtractedParticipant,
        extract_events,
    )
    from timeline.extract.gazetteer import Gazetteer, GazetteerActor, GazetteerOffice

# Loaded on first use (PEP 562): `from timeline.extract.dates import format_range` (every
# command that prints events) then costs the dates module, not the whole extractor.
_LAZY = {
    "EXTRACTOR_VERSION": "events",
    "ExtractedEvent": "events",
    "ExtractedParticipant": "events",
    "extract_events": "events",
    "Gazetteer": "gazetteer",
    "GazetteerActor": "gazetteer",
    "GazetteerOffice": "gazetteer",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"timeline.extract.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'timeline.extract' has no attribute {name!r}")


__all__ = [
    "EXTRACTOR_VERSION",
    "ExtractedEvent",
    "ExtractedParticipant",
    "Gazetteer",
    "GazetteerActor",
    "GazetteerOffice",
    "extract_events",
]
