"""Frame -> drafts: the date bound to a frame (its own, or one inherited), and the drafts built."""

from __future__ import annotations

import re
from datetime import timedelta

from timeline.extract import triggers as tr
from timeline.extract.dates import DateRange, TemporalExpression
from timeline.extract.entities import (
    SentenceMentions,
)
from timeline.extract.events.datepick import (
    _INTENT,
    _OFFSET_BEFORE,
    _PAST_VERB,
    _count,
    _pick_date,
    _shifted,
)
from timeline.extract.events.inherit import InheritedDatesMixin
from timeline.extract.events.model import _Draft
from timeline.extract.events.phrases import other_side, others_where
from timeline.extract.gazetteer import Gazetteer, GazetteerActor
from timeline.extract.lexicon import MONTH_NAMES, WEEKDAY_NAMES
from timeline.extract.stages import Frame

# A meeting told again with only its place and date: ", and before that in Phnom Penh".
_ELIDED_AGAIN = re.compile(
    r",?\s+and\s+(?:before\s+that|again|later|then|earlier)\s+(?:in|at)\s+(?-i:[A-Z])", re.I
)
_SEGMENT_VERB = re.compile(r"\b(?:[a-z]+ed|met|held|spoke|said|was|were|is|are|will)\b")
# A letter handled after it came: "returned a letter", "sent back the message".
_SENT_BACK = re.compile(
    r"\b(?:returned|sent\s+back|handed\s+back|rejected|refused\s+to\s+accept)\s+"
    r"(?:a|an|the|his|her)\s+(?:[\w-]+\s+){0,2}$"
)
# "over breakfast on Sunday": the meeting goes on after a since-clause
_OVER_A_MEAL = re.compile(r"\bover\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:breakfast|lunch|dinner|tea)\b")
# The end of a term an act sets, not the act's date: "until 2030", "through 2027".
# ... or a target: "set a goal of raising trade to $40 billion by 2015".
_SCOPE_UNTIL = re.compile(r"(?:until|till|through|to|by)\b", re.I)


def _outside(
    exprs: list[TemporalExpression], spans: list[tuple[int, int]]
) -> list[TemporalExpression]:
    """The expressions that start in none of the spans (clauses whose dates are their own)."""
    if not spans:
        return exprs
    return [e for e in exprs if not any(a <= e.start_char < b for a, b in spans)]


class DatingMixin(InheritedDatesMixin):
    """The dating stage of `ArticleExtractor`."""

    # --- dates, building ------------------------------------------------------------------

    def _date_and_build(
        self,
        sm: SentenceMentions,
        cand: Frame,
        exprs: list[TemporalExpression],
        clauses: list[tuple[int, int]],
    ) -> list[_Draft]:
        trig = cand.trigger
        body = sm.sentence.plain
        clause = cand.clause
        status = cand.status
        type_ = cand.type
        chosen: list[TemporalExpression] = []
        # Told without a date of their own: "at the invitation of" (no date inferable) and
        # "returned a letter from Noda on Thursday" (the sending is not dated so).
        undated_form = (type_ == "invitation" and bool(tr.AT_INVITATION.search(body))) or (
            type_ == "message"
            and bool(_SENT_BACK.search(body, max(0, trig.start - 40), trig.start))
        )
        if not undated_form:
            in_clause = [e for e in exprs if clause[0] <= e.start_char < clause[1]]
            days = [
                e
                for e in in_clause
                if e.range and e.range.precision == "day" and e.kind != "report"
            ]
            counted_after = [
                e
                for e in exprs
                if e.range and e.kind not in ("report", "open") and e.start_char > trig.end
            ]
            if type_ == "meeting" and tr.REPETITION.search(body) and len(days) >= 2:
                chosen = days
            elif (
                type_ == "meeting"
                and tr.COUNTED_TIMES.match(body, trig.end)
                and len(counted_after) >= 2
            ):
                # "met three times -- in Singapore on June 12, 2018, in Hanoi in February 2019
                # and at Panmunjom on June 30, 2019": one meeting per date told
                chosen = counted_after
            elif (
                type_ in ("meeting", "call")
                and (elided := _ELIDED_AGAIN.search(body, trig.end)) is not None
                and (
                    told := (
                        [e for e in counted_after if e.start_char < elided.start()][:1]
                        + [e for e in counted_after if e.start_char >= elided.end()][:1]
                    )
                )
                and len(told) == 2
                and not _SEGMENT_VERB.search(body, told[0].end_char, elided.start())
                # nothing after the second date but the sentence's or clause's end: ", and
                # then in Beijing on Wednesday he received Lula" is another event
                and re.match(r"\s*(?:[,.;:]|$|when\b|where\b)", body[told[1].end_char :])
                and not _SEGMENT_VERB.search(body, elided.end(), told[1].start_char)
            ):
                # "last met in Hiroshima in May, and before that in Phnom Penh in November":
                # the same meeting again, at the second place and date
                chosen = told
            else:
                pool = exprs
                if type_ == "invitation":
                    # "invited Kim to visit Moscow next year", "invited Trump to the summit
                    # ... in the autumn": a date after "to" is the visit's, not the
                    # invitation's
                    inner = re.match(
                        r"\s+(?:[\w.'-]+\s+){0,5}?(?P<to>to)\s+(?!(?:have|be)\b)", body[trig.end :]
                    ) or re.search(
                        r"\b(?P<to>to)\s+(?:visit|attend|come|travel)\b", body[trig.end :]
                    )
                    if inner:
                        # ... unless it is a recent past, the invitation's own ("invited
                        # Biden to visit Russia last week")
                        cut = trig.end + inner.start("to")
                        recipient = next(
                            (
                                m
                                for m in sm.mentions
                                if m.is_person
                                and 0 < m.start - (sm.sentence.start + cut) <= 30
                                and re.fullmatch(
                                    r"to\s+(?:[A-Z][\w.'-]*\s+){0,3}",
                                    self.text[sm.sentence.start + cut : m.start],
                                )
                            ),
                            None,
                        )
                        if recipient is not None:
                            # "an invitation to Kim in the summer to attend talks": that "to"
                            # names the guest; the visit's dates follow the next one
                            after = re.search(r"\bto\s+", body[recipient.end - sm.sentence.start :])
                            cut = (
                                recipient.end - sm.sentence.start + after.start()
                                if after
                                else len(body)
                            )
                        recent = self.published - timedelta(days=60)
                        pool = [
                            e
                            for e in exprs
                            if e.start_char < cut
                            or (
                                e.range is not None
                                and e.range.start < self.published
                                and e.range.end >= recent
                            )
                        ]
                if tr.NOUN_TRIGGER.match(trig.text) and re.search(
                    r"\bfirst\b[^,.;]{0,30}$", body[max(0, trig.start - 40) : trig.start]
                ):
                    since = tr.FIRST_SINCE_CLAUSE.match(body[trig.end :])
                    if since is not None:
                        # "their first meeting since Xi became head of state in March": the
                        # since-clause's date is not the meeting's
                        stop = body.find(",", trig.end + since.end())
                        stop = len(body) if stop < 0 else stop
                        meal = _OVER_A_MEAL.search(body, trig.end + since.end(), stop)
                        if meal is not None:
                            stop = meal.start()  # "... took office over breakfast on Sunday"
                        pool = [e for e in pool if not (trig.end <= e.start_char < stop)]
                if cand.future:
                    # "... last year, but Kim will not take part in the forum": a future
                    # event is not dated by a past told beside it
                    pool = [e for e in pool if e.range is None or e.range.end >= self.published]
                earlier_verb = list(tr.SECOND_VERB.finditer(body, clause[0], trig.start))
                if earlier_verb:
                    # "Kim met Xi on Tuesday and will visit Moscow": the first verb phrase's
                    # date is not the second's ("On Tuesday, Putin arrived ... and was
                    # welcomed by Xi": a date before the subject governs both)
                    subject = next(
                        (
                            m.start - sm.sentence.start
                            for m in sm.mentions
                            if m.is_person and m.start >= sm.sentence.start + clause[0]
                        ),
                        clause[0],
                    )
                    cut = earlier_verb[-1].start()
                    pool = [e for e in pool if e.start_char >= cut or e.end_char <= subject]
                # "Kim, who met Trump in 2019, will visit Moscow next week": each side of a
                # relative clause is dated by its own expressions
                pool = _outside(pool, other_side(body, trig.start))
                # "Xi flew to Tanzania from Moscow, where he held talks with Putin on Friday":
                # another clause's date belongs to the event told in it
                taken = [
                    (a, b)
                    for a, b in clauses
                    if a > trig.start
                    # a where-clause on the place left ("from Moscow, where"), not the one
                    # gone to ("a trip to Kyiv, where he held talks on Tuesday")
                    and re.search(
                        r"\bfrom\s+(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.'-]*,\s+(?:where\s*)?$",
                        body[max(0, a - 60) : a],
                    )
                    and any(a <= t < b for t in self._trigger_starts if t != trig.start)
                ]
                pool = _outside(pool, taken)
                pool = _outside(pool, others_where(sm, trig.end))
                if (
                    not cand.future
                    and _PAST_VERB.search(body[clause[0] : trig.end])
                    and not _INTENT.search(body[clause[0] : trig.start])
                ):
                    # "signed statements on cooperation until 2030, after a day of talks":
                    # what was done is not dated by the later end of what it set up
                    pool = [
                        e
                        for e in pool
                        if e.range is None
                        or e.range.start <= self.published
                        or not _SCOPE_UNTIL.match(e.text)
                    ]
                if type_ == "attendance" and trig.subtype == "visit":
                    # "will leave for Durban on Monday for the BRICS summit on Tuesday and
                    # Wednesday": the gathering's dates, not the journey's (nor "... for the
                    # BRICS summit and then to Athens on Friday")
                    gathering = tr.TRIP_FOR_GATHERING.search(body, trig.end)
                    later = [e for e in pool if gathering and e.start_char >= gathering.end()]
                    if later and not re.search(
                        r"[,;]|\b(?:and|then|before|after)\b",
                        body[gathering.end() : later[0].start_char],
                    ):
                        pool = later
                pick = _pick_date(pool, trig, clause, body)
                if pick is None and _OFFSET_BEFORE.search(
                    body[max(0, trig.start - 60) : trig.start]
                ):
                    # "the Kremlin said on Thursday, a day after the two leaders held talks"
                    reports = [e for e in pool if e.kind == "report" and e.start_char < trig.start]
                    pick = reports[-1] if reports else None
                if pick is not None:
                    chosen = [pick]
        if (
            tr.PERFECT.search(body[max(0, trig.start - 30) : trig.start])
            and tr.COUNTED.search(body[clause[0] : clause[1]])
            and (not chosen or any(e.range is None or e.range.precision != "day" for e in chosen))
        ):
            return []  # "Kim has visited China three times this year": a tally
        drafts = []
        if undated_form:
            variants: list[tuple[DateRange | None, str | None, bool]] = [(None, None, False)]
        elif not chosen:
            when, text, own = self._inherited(sm, cand), None, False
            variants = [(when, text, own)]
        else:
            variants = [(e.range, e.text, True) for e in chosen]
        for when, text, own in variants:
            if when is not None and own:
                when = self._duration(body, when, trig, text)
                when = _shifted(body, trig, when)
            planned_at = self._planned_at_gathering(sm, cand)
            if planned_at is not None:
                when, text, own = planned_at, None, False
            parties = self._participants(sm, cand, when)
            if not parties:
                continue
            if not own and status != "planned" and not undated_form:
                linked = self._continues_lead(sm, parties)
                if tr.PERFECT.search(body[max(0, trig.start - 30) : trig.start]):
                    if tr.EXPERIENTIAL.search(body[clause[0] : clause[1]]):
                        continue  # "Kim has met Trump twice": background, no event
                    linked = False  # "Kishida has invited him": news, but no date told
                linked = linked or (when is not None and when == self.story_dates.get(type_))
                if not linked and type_ != "attendance" and self._gathering_date(sm, cand) is None:
                    when = None  # not the lead story's: no date to inherit
                if when is None and type_ == "invitation":
                    when = self._talks_date(sm, parties)
            state = status
            if (
                state == "occurred"
                and when is not None
                and when.start >= self.published
                and when.end > self.published
                and not tr.PAST_FORM.search(trig.text.partition(" ")[0])
                and (
                    _INTENT.search(body[clause[0] : trig.start])
                    or not _PAST_VERB.search(body[clause[0] : trig.start])
                )
            ):
                state = "planned"  # "asked Modi to come next year for a summit"
            party_sets = [parties]
            if (sm.index, trig.start) in self._pairwise and len(parties) > 2:
                party_sets = [[parties[0], other] for other in parties[1:]]
            senders = [a for a, r in parties if r == "sender"]
            if len(senders) > 1 and len(parties) == len(senders) + 1:
                # "posted his congratulations, as did Lula and Ramaphosa": one message each
                recipient = [(a, r) for a, r in parties if r == "recipient"]
                party_sets = [[(sender, "sender"), *recipient] for sender in senders]
            imposers = [a for a, r in parties if r == "imposer"]
            if len(imposers) > 1:
                # "South Korea and Japan announced sanctions": one sanction each
                target = [(a, r) for a, r in parties if r == "target"]
                party_sets = [[(imposer, "imposer"), *target] for imposer in imposers]
            counted = tr.COUNTED.search(body[clause[0] : clause[1]])
            for parties in party_sets:
                draft = self._draft(sm, cand, parties, when, text, own, state)
                if counted and own and len(chosen) == 1 and when and when.precision != "day":
                    draft.extra["count"] = _count(counted.group(1)) if counted.group(1) else 2
                drafts.append(draft)
        return drafts

    def _draft(
        self,
        sm: SentenceMentions,
        cand: Frame,
        parties: list[tuple[GazetteerActor, str]],
        when: DateRange | None,
        text: str | None,
        own: bool,
        status: str,
    ) -> _Draft:
        trig = cand.trigger
        body = sm.sentence.plain
        clause = cand.clause
        type_ = cand.type
        draft = _Draft(
            type=type_,
            actors=parties,
            date=when,
            date_text=text,
            status=status,
            location=self._location(sm, cand),
            sentence=sm.sentence,
            sentence_index=sm.index,
            confidence=0.0,
            own_date=own,
        )
        draft.confidence = self._confidence(sm, draft)
        lo, hi = sm.sentence.start + clause[0], sm.sentence.start + clause[1]
        keys = {a.key for a, _ in parties}
        draft.extra["subtype"] = trig.subtype
        draft.extra["future"] = cand.future
        draft.extra["clause"] = clause
        if type_ == "attendance":
            draft.extra["gathering"] = self._gathering(body, clause)
        draft.extra["local"] = any(lo <= m.start < hi and m.actor.key in keys for m in sm.mentions)
        return draft

    @staticmethod
    def _gathering(body: str, clause: tuple[int, int]) -> str | None:
        """The kind of gathering an attendance is at ("parade", "summit"), if named."""
        found = tr.GATHERING_KIND.search(body[clause[0] : clause[1]])
        return found.group(1).lower() if found else None

    def _duration(
        self, body: str, when: DateRange, trig: tr.Trigger, text: str | None = None
    ) -> DateRange:
        """A day and "wrapping up a three-day summit" (or "arrived for a four-day visit"):
        the range of the visit, when the trigger is that visit."""
        if when.precision != "day" or not self._has(tr.DURATION, body):
            return when
        m = tr.DURATION.search(body)
        if m is None:
            return when
        far = not (m.start() - 25 <= trig.start <= m.end())
        if far:
            # "The two-day summit, hosted by Macri and ending on Saturday, has brought
            # together ...": the gathering's own end day, however far the trigger
            at = body.find(text, m.end()) if text else -1
            if at < 0 or not tr.ENDING_ON.search(body[max(m.end(), at - 20) : at]):
                return when
        word = m.group(1).lower()
        days = int(word) if word.isdigit() else tr.NUMBERS.get(word, 1)
        if days < 2 or days > 14:
            return when
        if far or tr.DURATION_END.search(body[: m.start()]) or "days of" in m.group().lower():
            # "wrapping up a three-day summit on Thursday", "left on Wednesday after a ..."
            return DateRange(when.start - timedelta(days=days - 1), when.end, "range")
        if re.search(
            r"\bafter\s+(?:a|an|the|his|her|their)\s+$", body[max(0, m.start() - 12) : m.start()]
        ):
            # "arrived in Vietnam on Thursday after a two-day visit to North Korea"
            return DateRange(
                when.start - timedelta(days=days), when.start - timedelta(days=1), "range"
            )
        if tr.DURATION_START.search(body[: m.start()]) or tr.DURATION_OPENED.match(body[m.end() :]):
            # "arrived on Tuesday for a three-day visit", "the two-day meeting, which opened
            # on Tuesday"
            return DateRange(when.start, when.start + timedelta(days=days - 1), "range")
        return when

    def _location(self, sm: SentenceMentions, cand: Frame) -> str | None:
        body = sm.sentence.plain
        clause = cand.clause
        part = body[clause[0] : clause[1]]
        for m in tr.PLACE_AFTER.finditer(part):
            place = m.group(1)
            first = place.split()[0]
            if first.lower() in _NOT_PLACE or place.endswith("'s"):
                continue
            found = self.gaz.lookup(place)
            if found and found[0].kind == "person":
                continue
            if found:
                actor = found[0]
                if actor.kind == "country":
                    capital = actor.alias_texts("capital")
                    if any(Gazetteer.normalize(c) == Gazetteer.normalize(place) for c in capital):
                        return capital[0]
                    return capital[0] if capital and actor.name != place else actor.name
                continue
            return place
        if cand.trigger.subtype == "visit":
            dest = self._destination(sm, cand.trigger)
            if dest is not None:
                capital = dest.alias_texts("capital")
                return capital[0] if capital else dest.name
        return None


_NOT_PLACE = (
    {
        "the",
        "a",
        "english",
        "english,",
        "world",
    }
    | set(WEEKDAY_NAMES)
    | set(MONTH_NAMES)
)
