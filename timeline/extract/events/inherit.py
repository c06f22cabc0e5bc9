"""Dates an event takes from elsewhere when its sentence tells none: the lead story's, the
gathering's told before, the talks' it was made at."""

from __future__ import annotations

import re
from datetime import timedelta

from timeline.extract import triggers as tr
from timeline.extract.dates import DateRange
from timeline.extract.entities import SentenceMentions
from timeline.extract.gazetteer import GazetteerActor
from timeline.extract.stages import Frame

# "a planned meeting with Putin at the summit": the gathering a meeting was to be held at
_AT_GATHERING = re.compile(
    r"\s+(?:[\w.'’-]+\s+){0,5}?(?:at|on\s+the\s+sidelines\s+of)\s+the\s+(?:[\w'’-]+\s+){0,2}?"
    r"(summit|forum|conference|congress|games|olympics|parade|ceremony|gathering)\b",
    re.I,
)


class InheritedDatesMixin:
    """The inherited-date rules of the dating stage."""

    def _talks_date(
        self, sm: SentenceMentions, parties: list[tuple[GazetteerActor, str]]
    ) -> DateRange | None:
        """ "Moon had spoken with Trump late on Wednesday. Trump invited Moon to visit": an
        undated invitation between the leaders of a call or meeting just told was made then."""
        keys = {a.key for a, _ in parties}
        for d in reversed(self.drafts):
            if d.sentence_index < sm.index - 2:
                break
            if (
                d.type in ("call", "meeting")
                and d.status == "occurred"
                and d.date is not None
                and d.date.precision == "day"
                and keys <= d.keys
            ):
                return d.date
        return None

    def _continues_lead(
        self, sm: SentenceMentions, parties: list[tuple[GazetteerActor, str]]
    ) -> bool:
        """Whether a sentence without a date of its own goes on with the lead story: its
        parties are the lead's ("the two leaders held talks", "Xi later hosted Kim"), or it
        refers back ("during the talks", "also")."""
        if tr.ANCHOR_NOUN.search(sm.sentence.plain) or re.search(r"\balso\b", sm.sentence.plain):
            return True
        if sm.index == self.lead_index and self.dateline_day is not None:
            return True  # the lead sentence of a datelined story is the story
        lead = self.lead
        if lead is None:
            return False
        keys = {a.key for a, _ in lead.actors}
        referred = [m for m in sm.mentions if m.via in ("pair", "pronoun", "kin")]
        if referred and all(m.actor.key in keys for m in referred):
            return True  # "the two men crossed back, where Moon joined them"
        # "the nuclear agreement was not signed": India and Japan, the lead's leaders' states
        countries = {a.country for a, _ in lead.actors if a.country}
        return all(a.key in keys or a.key in countries for a, _ in parties)

    def _planned_at_gathering(self, sm: SentenceMentions, cand: Frame) -> DateRange | None:
        """ "On Thursday, Trump cancelled a planned meeting with Putin at the summit": a
        called-off meeting is dated by the gathering it was to take place at, not by the
        day it was called off."""
        if cand.type != "meeting" or cand.status != "negated":
            return None
        body = sm.sentence.plain
        at = _AT_GATHERING.match(body, cand.trigger.end)
        if at is None:
            return None
        return self.gathering_dates.get(at.group(1).lower())

    def _gathering_date(self, sm: SentenceMentions, cand: Frame) -> DateRange | None:
        """ "did not travel to Russia for the summit", "held talks with ... as the summit
        opened", "did not attend" with no gathering named: the dates of the gathering told
        before."""
        if cand.type not in ("attendance", "meeting"):
            return None
        body = sm.sentence.plain
        lo, hi = cand.clause
        told = tr.DEFINITE_GATHERING.search(body, lo, hi)
        if told is None:
            if (
                cand.type == "attendance"
                and not tr.GATHERING.search(body)
                and re.match(r"\s*(?:[.;,]|$)", body[cand.trigger.end :])
            ):
                return self.story_gathering  # "..., and King Mohammed VI did not attend."
            if cand.type == "meeting" and tr.SIDELINES.search(body):
                return self.story_gathering  # "hoped to arrange on the sidelines"
            return None
        return self.gathering_dates.get(told.group(1).lower())

    def _inherited(self, sm: SentenceMentions, cand: Frame) -> DateRange | None:
        """No date in the sentence: the date of the event it continues, if any."""
        body = sm.sentence.plain
        at_gathering = self._gathering_date(sm, cand)
        if at_gathering is not None:
            return at_gathering
        anchor = tr.ANCHOR_NOUN.search(body)
        if anchor:
            if anchor.group().lower().startswith("before"):
                return None  # "before the summit he had attended ...": some time before
            wanted = tr.ANCHOR_TYPES.get(anchor.group(1).lower())
            lead = self.lead
            if lead is not None and lead.type == wanted and lead.date is not None:
                return lead.date  # "the summit": the story's own, not one told in passing
            for d in reversed(self.drafts):
                if d.type == wanted and d.date is not None and d.status != "negated":
                    return d.date
        if cand.status == "planned" and self.drafts:
            # "Xi will host Putin at the summit on Sunday. The two will hold talks on the
            # sidelines": the plan just told, for the same leaders.
            last = self.drafts[-1]
            if (
                last.status == "planned"
                and last.date is not None
                and last.sentence_index >= sm.index - 1
            ):
                mine = {m.actor.key for m in sm.mentions if m.is_person}
                if mine and mine <= {a.key for a, _ in last.actors}:
                    return last.date
        lead = self.lead
        if (
            sm.index == self.lead_index
            and self.dateline_day is not None
            and cand.status == "occurred"
            and (lead is None or lead.date is None)
        ):
            day = self.dateline_day
            return DateRange(day, day, "day")  # the lead of a datelined story, on its day
        story = self.story_dates.get(cand.type)
        if (
            story is not None
            and cand.status == "occurred"
            and (lead is None or lead.type != cand.type)
        ):
            return story  # "Britain sanctioned five Russian banks": the lead's sanctions
        if lead is None or lead.date is None:
            return None
        if cand.status == "planned":
            if tr.CONTINUATION.search(body) and lead.date.end >= self.published - timedelta(1):
                return lead.date
            return None
        if lead.status == "planned":
            return None
        return lead.date
