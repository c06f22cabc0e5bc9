"""Event detection: sentences -> typed, dated events with participants and evidence.

Per sentence: triggers (lexical, from the type registry), then per trigger a frame (its
clause, type and status: planned / negated / occurred; wishes and conditions are dropped),
its participants by the type's argument rule, a date (the temporal expression of its clause
nearest the trigger, else inherited from the event the sentence continues) and a location.
Events that are the same (type, merge key, overlapping dates) merge, so an article reports
each event once. Pure: text in, events out.

Modules, one stage each: `frames`, `participants`, `dating` (with `datepick`), `merge`;
`article` runs them over an article; `model` holds what they emit.
"""

from __future__ import annotations

from timeline.extract.events.article import ArticleExtractor, extract_events
from timeline.extract.events.model import (
    EXTRACTOR_VERSION,
    ExtractedEvent,
    ExtractedParticipant,
)

__all__ = [
    "EXTRACTOR_VERSION",
    "ArticleExtractor",
    "ExtractedEvent",
    "ExtractedParticipant",
    "extract_events",
]
