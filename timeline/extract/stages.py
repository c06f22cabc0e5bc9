"""The typed stages of extraction and the values passed between them.

    text -> sentences (text.Sentence) -> clauses (clauses.clause_spans)
         -> mentions (entities.Mention, per sentence entities.SentenceMentions)
         -> time expressions (dates.TemporalExpression)
         -> triggers (triggers.Trigger, typed by registry.EventTypeSpec)
         -> frames (Frame: predicate, clause, modality)
         -> events (events.ExtractedEvent, after events.merge folds repeats)

Each value is a frozen dataclass, so a stage cannot change what an earlier one decided; the
merge stage works on its own mutable drafts and emits frozen events.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.extract.registry import EventTypeSpec, spec_for
from timeline.extract.triggers import Trigger


@dataclass(frozen=True, slots=True)
class Frame:
    """A trigger read in its clause: the event type it stands for (which may differ from the
    trigger's, "hosted ... at a parade" is an attendance), the clause (sentence offsets) whose
    words give its arguments, and its modality (`status`; `future` is the tense its dates
    resolve in). Participants and a date are bound to it by the next stages."""

    trigger: Trigger
    type: str
    clause: tuple[int, int]
    status: str  # occurred | planned | negated
    future: bool

    @property
    def spec(self) -> EventTypeSpec:
        return spec_for(self.type)
