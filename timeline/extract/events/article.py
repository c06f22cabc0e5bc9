"""One article through the stages, sentence by sentence, and the public `extract_events`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from timeline.extract import dates as dates_mod
from timeline.extract import triggers as tr
from timeline.extract.clauses import segment, segmenter_name
from timeline.extract.dates import DateRange, TemporalExpression
from timeline.extract.entities import (
    EntityResolver,
    SentenceMentions,
)
from timeline.extract.events.datepick import _pick_date, _sentence_dates
from timeline.extract.events.dating import DatingMixin
from timeline.extract.events.frames import FramesMixin
from timeline.extract.events.merge import MergeMixin
from timeline.extract.events.model import (
    MAX_TRIGGERS_PER_SENTENCE,
    ExtractedEvent,
    ExtractedParticipant,
    _Draft,
)
from timeline.extract.events.participants import ParticipantsMixin
from timeline.extract.gazetteer import Gazetteer, GazetteerActor
from timeline.extract.registry import CameoFacts, spec_for


class ArticleExtractor(FramesMixin, ParticipantsMixin, DatingMixin, MergeMixin):
    """Runs the stages over one article; `run()` returns its events."""

    def __init__(self, text: str, published: date, gazetteer: Gazetteer, title: str | None) -> None:
        self.text = text
        self.published = published
        self.gaz = gazetteer
        self.title = title
        resolver = EntityResolver(text, published, gazetteer)
        self.sentences = resolver.resolve()
        self.tokens = resolver.tokens
        self.drafts: list[_Draft] = []
        self.lead: _Draft | None = None
        # The lead: the sentence that opens on the dateline, which a headline repeated or a
        # byline ("By Thomas Reid") may precede; else the first.
        self.lead_index, m = 0, None
        for k, head in enumerate(self.sentences[:3]):
            m = tr.DATELINE.match(head.sentence.plain)
            if m:
                self.lead_index = k
                break
        lead_start = self.sentences[self.lead_index].sentence.start if self.sentences else 0
        self.dateline_end = lead_start + m.end() if m else 0
        self.dateline_place = m.group(1).strip().title() if m else None
        # "UNITED NATIONS, Sept 23 (Reuters) - Trump ... before sitting down with Zelensky":
        # the day the lead tells of, when it names no other (the year nearest publication)
        self.dateline_day = self._dateline_day() if m else None
        self.last_sanction: _Draft | None = None
        self._seen: dict[tuple[int, str], bool] = {}
        self._owners: dict[tuple[int, str], GazetteerActor] = {}
        self._partners: dict[int, set[str]] = {}
        # (sentence, trigger start) of meetings whose subject met each of several objects in
        # turn ("held talks with Xi and Premier Li"): one meeting per pair
        self._pairwise: set[tuple[int, int]] = set()
        self.prev_had_meeting = False
        self._index = 0
        # The latest dates told for each kind of gathering ("summit", "parade"), whether or
        # not an event came of that sentence: "the summit" later is that one.
        self.gathering_dates: dict[str, DateRange] = {}
        self.gathering_told = False  # whether a sentence so far has named a gathering
        self.story_gathering: DateRange | None = None  # the dates of the first one told
        # "Western governments rolled out sanctions against Russia on Tuesday": the lead's
        # dated act of a type, though no event came of it (no party named); later undated
        # acts of that type ("Britain sanctioned five Russian banks") are its parts.
        self.story_dates: dict[str, DateRange] = {}
        self._trigger_starts: list[int] = []  # the sentence's event triggers, for dating

    # --- per sentence ------------------------------------------------------------------

    def run(self) -> list[ExtractedEvent]:
        for sm in self.sentences:
            self._sentence(sm)
        # "spoke twice over the weekend ... The first call ... the following day": an event
        # told as counted is dropped once each occurrence has been told on its own.
        return [
            self._finish(d)
            for d in self.drafts
            if d.extra.get("told", 0) < d.extra.get("count", 1) or d.extra.get("count", 1) < 2
        ]

    def _sentence(self, sm: SentenceMentions) -> None:
        triggers = self._sentence_events(sm)
        if sm.index == self.lead_index:
            self._remember_story_dates(sm, triggers)
        self._remember_gathering(sm)  # for the sentences after this one

    def _sentence_events(self, sm: SentenceMentions) -> list[tr.Trigger]:
        """The sentence's drafts, added to the article's; returns the triggers found."""
        self._index = sm.index
        s = sm.sentence
        body = s.plain
        self._host_appositive(sm)
        found = tr.find_triggers(body, self.tokens, (sm.first_token, sm.end_token), s.start)
        triggers = found[:MAX_TRIGGERS_PER_SENTENCE]  # a run-on "sentence" must not cost n squared
        ellipsis = tr.ORDINAL_ELLIPSIS.match(body)
        if ellipsis and self.prev_had_meeting and not any(t.type == "meeting" for t in triggers):
            triggers.append(
                tr.Trigger("meeting", "interact", ellipsis.start(1), ellipsis.end(1), "")
            )
            for m in tr.ORDINAL_NEXT.finditer(body):
                triggers.append(tr.Trigger("meeting", "interact", m.start(1), m.end(1), ""))
        self.prev_had_meeting = any(t.type == "meeting" for t in triggers)
        if not triggers:
            return found
        clauses = segment(body, needs_parse=self._needs_parse(sm, body))
        candidates = [c for c in (self._candidate(sm, t, clauses, triggers) for t in triggers) if c]
        if not candidates:
            return found
        self._trigger_starts = [c.trigger.start for c in candidates]
        anchor = self._anchor(sm) if tr.ANCHORED_CUE.search(body) else None
        # Dates resolve by the tense of their event: "met on Tuesday" is the last Tuesday,
        # "will visit on Tuesday" the next one.
        by_tense: dict[str, list[TemporalExpression]] = {}
        drafts: list[_Draft] = []
        for cand in candidates:
            tense = "future" if cand.future else "past"
            if tense not in by_tense:
                by_tense[tense] = _sentence_dates(
                    s, self.published, tense, anchor, self.dateline_end
                )
            drafts.extend(self._date_and_build(sm, cand, by_tense[tense], clauses))
        for draft in self._reconcile(drafts, body):
            self._add(draft)
        return found

    def _remember_story_dates(self, sm: SentenceMentions, triggers: list[tr.Trigger]) -> None:
        """The lead's dated acts that no event came of (no party named)."""
        s = sm.sentence
        body = s.plain
        made = {d.type for d in self.drafts}
        found = _sentence_dates(s, self.published, "past", None, self.dateline_end)
        exprs = [e for e in found if e.kind != "report"]
        if not exprs:
            # "Obama said on Monday that ..., on the first day of a visit": with no other date
            # in the lead, the day it reports is the story's
            exprs = [replace(e, kind="absolute") for e in found]
        for trig in triggers:
            if trig.type in self.story_dates or trig.type in made:
                continue
            if tr.OFFICIALS.search(body, 0, trig.start):
                continue  # "Officials from both countries met in Geneva on Monday": theirs
            pick = _pick_date(exprs, trig, (0, len(body)), body)
            if pick is not None and pick.range is not None and pick.range.end <= self.published:
                self.story_dates[trig.type] = pick.range

    def _dateline_day(self) -> date | None:
        plain = self.sentences[self.lead_index].sentence.plain
        # Before publication only: a dateline of the publication day itself tells nothing
        # more ("ANCHORAGE, Aug. 16 - Trump and Putin ended their summit" on the 16th; the
        # talks were on Friday the 15th).
        found = [
            d
            for y in (-1, 0)
            if (d := dates_mod.dateline(plain, self.published.year + y)) and d <= self.published
        ]
        day = max(found, default=None)  # the occurrence nearest publication
        return day if day is not None and day < self.published else None

    def _remember_gathering(self, sm: SentenceMentions) -> None:
        """ "Seventeen heads of state attended the summit on Thursday and Friday": the dates
        of the one kind of gathering a sentence names, from the nearest expression in its
        clause."""
        if not tr.GATHERING_WORDS.intersection(self.tokens.keys[sm.first_token : sm.end_token]):
            return  # most sentences name no gathering: a set test, not a regex scan
        self.gathering_told = True
        body = sm.sentence.plain
        kinds = [(m.group(1).lower(), m.start()) for m in tr.GATHERING_KIND.finditer(body)]
        if not kinds or len({k for k, _ in kinds}) > 1:
            return
        try:
            found = dates_mod.find_dates(body, self.published)
        except Exception:  # a date we cannot read is no date, never a crash
            return
        kind, at = kinds[0]
        lo, hi = next(((a, b) for a, b in tr.clause_spans(body) if a <= at < b), (0, len(body)))
        second = tr.SECOND_VERB.search(body, at, hi)
        hi = second.start() if second else hi
        usable = [
            e
            for e in found
            if e.range is not None
            and e.kind not in ("report", "open")
            and lo <= e.start_char < hi
            and sm.sentence.start + e.start_char >= self.dateline_end
        ]
        if usable:
            nearest = min(usable, key=lambda e: abs(e.start_char - at))
            self.gathering_dates[kind] = nearest.range
            if self.story_gathering is None:
                self.story_gathering = nearest.range

    def _needs_parse(self, sm: SentenceMentions, body: str) -> bool:
        """Whether the clause structure is worth a parse: several leaders or several time
        expressions could attach to the wrong trigger. Only asked when a parser is in use."""
        if segmenter_name() != "spacy":
            return False
        leaders = {m.actor.key for m in sm.mentions if m.is_person}
        return len(leaders) >= 3 or len(dates_mod.find_dates(body, self.published)) >= 2

    def _host_appositive(self, sm: SentenceMentions) -> None:
        """ "Yoon will travel to Hiroshima for the G7 summit. Kishida, the host, has invited
        him": the leader called the host hosts the gathering just told."""
        last = self.drafts[-1] if self.drafts else None
        if (
            last is None
            or last.type != "attendance"
            or last.sentence_index != sm.index - 1
            or last.status == "negated"
            or any(r == "host" for _, r in last.actors)
        ):
            return
        for m in sm.mentions:
            if (
                m.is_person
                and m.dependant is None
                and tr.HOST_APPOSITIVE.match(sm.sentence.plain, m.end - sm.sentence.start)
            ):
                last.actors = [(a, r) for a, r in last.actors if a != m.actor]
                last.actors.append((m.actor, "host"))
                return

    def _anchor(self, sm: SentenceMentions) -> DateRange | None:
        """What "the following day" counts from: the last date told before this sentence
        (an event's, else any in the two sentences before), else the lead event's."""
        if self.drafts and self.drafts[-1].date is not None:
            last = self.drafts[-1]
            if last.sentence_index >= sm.index - 2:
                return last.date
        for back in (sm.index - 1, sm.index - 2):
            if back < 0:
                break
            prev = self.sentences[back].sentence
            found = _sentence_dates(prev, self.published, "past", None, self.dateline_end)
            firm = [
                e.range
                for e in found
                if e.range is not None
                and e.kind != "anchored"
                # "won Saturday's election": the date of a thing named, not of the story
                and not prev.plain.startswith(("'s", "’s"), e.end_char)
            ]
            if firm:
                return firm[-1]
        return self.lead.date if self.lead else None

    def _confidence(self, sm: SentenceMentions, draft: _Draft) -> float:
        score = 0.55
        if draft.own_date:
            score += 0.15
        elif draft.date is not None:
            score += 0.05
        vias = {m.via for m in sm.mentions if m.actor in {a for a, _ in draft.actors}}
        if vias and vias <= {"name", "title", "unverified", "country", "org", "capital"}:
            score += 0.15
        if draft.status == "occurred":
            score += 0.05
        if any(not a.verified for a, _ in draft.actors):
            score -= 0.15
        return round(max(0.05, min(score, 0.95)), 2)

    # --- output -------------------------------------------------------------------------

    def _finish(self, d: _Draft) -> ExtractedEvent:
        participants = tuple(
            ExtractedParticipant(a.name, role, a.key, a.kind, a.country, a.verified)
            for a, role in d.actors
        )
        location = d.location
        if location is None and d.date is not None and d.own_date is False and self.dateline_place:
            location = None
        if location is None and self.dateline_place and d.sentence_index == self.lead_index:
            location = self.dateline_place
        return ExtractedEvent(
            type=d.type,
            participants=participants,
            date=d.date,
            date_text=d.date_text,
            status=d.status,
            location=location,
            sentence=d.sentence.text,
            start=d.sentence.start,
            end=d.sentence.end,
            confidence=d.confidence,
            cameo=_cameo(d),
            not_after=self.published if d.date is None and d.status == "occurred" else None,
        )


def _cameo(d: _Draft) -> str | None:
    """The CAMEO code, by the type's rule in the registry."""
    facts = CameoFacts(
        status=d.status,
        roles=frozenset(r for _, r in d.actors),
        has_location=d.location is not None,
        target_kind=d.actors[-1][0].kind if d.actors else None,
    )
    return spec_for(d.type).cameo(facts)


def extract_events(
    text: str, published: date, gazetteer: Gazetteer, *, title: str | None = None
) -> list[ExtractedEvent]:
    """The events an article reports, each once, with evidence offsets into `text`.

    `published` anchors relative dates and picks who held an office ("the Chinese
    president"). `title` is accepted for callers that have one; events and their evidence
    come from `text` alone, so every offset slices it. Pure and deterministic.
    """
    if not text or not text.strip():
        return []
    return ArticleExtractor(text, published, gazetteer, title).run()
