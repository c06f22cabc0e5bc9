"""What extraction emits (frozen `ExtractedEvent`s) and the drafts the merge stage works on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from timeline.extract.dates import DateRange
from timeline.extract.gazetteer import GazetteerActor
from timeline.extract.registry import REGISTRY
from timeline.extract.text import Sentence

EXTRACTOR_VERSION = "rules-2"

MAX_TRIGGERS_PER_SENTENCE = 16
MIN_PARTICIPANTS = {spec.name: spec.min_participants for spec in REGISTRY}
# Date precision from wide to narrow; a merge keeps the narrower of two vague dates.
_VAGUE = {"week", "month_part", "month", "quarter", "season", "year_part", "year", "decade"}
_FIRST_SINCE = re.compile(
    r"\bfirst\b[^,.;]{0,40}\b(?:meeting|summit|talks|visit|trip|call)\b[^,.;]{0,20}\bsince\b", re.I
)
STATE_VIAS = {"country", "capital", "metonym", "org", "anaphor", "pair_country"}


@dataclass(frozen=True, slots=True)
class ExtractedParticipant:
    name: str
    role: str
    key: str | None
    kind: str
    country: str | None
    verified: bool


@dataclass(frozen=True, slots=True)
class ExtractedEvent:
    type: str
    participants: tuple[ExtractedParticipant, ...]
    date: DateRange | None
    date_text: str | None
    status: str
    location: str | None
    sentence: str
    start: int
    end: int
    confidence: float
    cameo: str | None
    # An occurred event the text gives no date: it cannot postdate its article, so this is
    # the publication date (None when the event is dated, planned or negated). A store can
    # keep it as an open range ending here (precision "before") instead of "undated", so
    # date filters do not match it in every window. Not in `to_json`: the contract's date
    # object is fixed.
    not_after: date | None = None

    def to_json(self) -> dict[str, Any]:
        """The eval README's event shape."""
        when = self.date
        return {
            "type": self.type,
            "participants": [{"name": p.name, "role": p.role} for p in self.participants],
            "date": {
                "start": when.start.isoformat() if when else None,
                "end": when.end.isoformat() if when else None,
                "precision": when.precision if when else "unknown",
                "text": self.date_text,
            },
            "status": self.status,
            "location": self.location,
            "evidence": {"sentence": self.sentence, "start": self.start, "end": self.end},
            "confidence": self.confidence,
            "cameo": self.cameo,
        }


@dataclass(slots=True)
class _Draft:
    type: str
    actors: list[tuple[GazetteerActor, str]]  # (actor, role) in order
    date: DateRange | None
    date_text: str | None
    status: str
    location: str | None
    sentence: Sentence
    sentence_index: int
    confidence: float
    own_date: bool  # the date came from the sentence itself
    anchor_word: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(a.key for a, _ in self.actors)
