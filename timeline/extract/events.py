"""Event detection: sentences -> typed, dated events with participants and evidence.

Per sentence: triggers (lexical), then per trigger its clause's leaders (or states), a status
(planned / negated / occurred; wishes and conditions are dropped), a date (the temporal
expression nearest the trigger, else inherited from the event the sentence continues) and a
location. Events that are the same (type, participants, overlapping dates) merge, so an
article reports each event once. Pure: text in, events out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from timeline.extract import dates as dates_mod
from timeline.extract import triggers as tr
from timeline.extract.dates import DateRange, TemporalExpression
from timeline.extract.entities import (
    OFFICIAL_NOUNS,
    EntityResolver,
    Mention,
    SentenceMentions,
)
from timeline.extract.gazetteer import Gazetteer, GazetteerActor
from timeline.extract.text import Sentence

EXTRACTOR_VERSION = "rules-2"

MAX_TRIGGERS_PER_SENTENCE = 16
MIN_PARTICIPANTS = {
    "meeting": 2,
    "call": 2,
    "message": 2,
    "invitation": 2,
    "attendance": 1,
    "agreement": 2,
    "sanction": 2,
}
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


# -- dates ------------------------------------------------------------------------------


def _sentence_dates(
    sentence: Sentence,
    published: date,
    tense: str,
    anchor: DateRange | None,
    dateline_end: int,
) -> list[TemporalExpression]:
    """Temporal expressions of the sentence that can date an event (not the dateline, not
    the date of a report: "state media reported on Tuesday")."""
    try:
        found = dates_mod.find_dates(sentence.plain, published, tense=tense, anchor=anchor)
    except Exception:  # a date we cannot read is no date, never a crash
        return []
    kept: list[TemporalExpression] = []
    for expr in found:
        if expr.range is None:
            continue
        if expr.kind == "open":
            since = re.match(r"since\s+(.+)$", expr.text, re.I)
            # "their first meeting since 2019"; "since 2006, when it first blacklisted him":
            # the when-clause happened at the start of the span.
            when_clause = re.match(r",\s+when\b", sentence.plain[expr.end_char : expr.end_char + 8])
            if not (since and (_FIRST_SINCE.search(sentence.plain) or when_clause)):
                continue
            # "their first meeting since 2019": the previous one was in 2019.
            point = _since_point(since.group(1), expr.range, published)
            if point is None:
                continue
            expr = TemporalExpression(expr.text, expr.start_char, expr.end_char, point, "absolute")
        if sentence.start + expr.start_char < dateline_end:
            continue
        before = sentence.plain[max(0, expr.start_char - 40) : expr.start_char]
        offset = tr.DAY_OFFSET.search(before)
        if offset is not None and expr.range.precision == "day":
            # "the day after the Aug. 9 vote": Aug. 10
            word = offset.group(1).lower()
            count = 1 if word in ("the", "a", "one") else _count(word)
            days = count * (7 if offset.group(2).lower().startswith("week") else 1)
            shift = timedelta(days=days if offset.group(3).lower() == "after" else -days)
            moved = DateRange(expr.range.start + shift, expr.range.end + shift, "day")
            expr = TemporalExpression(expr.text, expr.start_char, expr.end_char, moved, expr.kind)
        if (
            kept
            and kept[-1].range is not None
            and kept[-1].range.precision == "day"
            and expr.range.precision == "day"
            and sentence.plain[kept[-1].end_char : expr.start_char] == " and "
            and 0 < (expr.range.start - kept[-1].range.end).days <= 3
            and not tr.REPETITION.search(sentence.plain)
        ):
            # "today and tomorrow": one span of days
            first = kept.pop()
            assert first.range is not None
            expr = TemporalExpression(
                f"{first.text} and {expr.text}",
                first.start_char,
                expr.end_char,
                DateRange(first.range.start, expr.range.end, "range"),
                expr.kind,
            )
        report = tr.REPORTING.search(before)
        if report and not tr.MEASURES.search(report.group()):
            # "state media reported on Tuesday" (not "announced sanctions on ..."): kept
            # apart, as the base of "a day after ..." only.
            expr = TemporalExpression(
                expr.text, expr.start_char, expr.end_char, expr.range, "report"
            )
        kept.append(expr)
    return kept


def _count(word: str) -> int:
    return int(word) if word.isdigit() else tr.NUMBERS.get(word.lower(), 1)


def _unquoted(body: str, trig: tr.Trigger) -> str:
    """The sentence with quotations blanked out (same length), unless the trigger is in one:
    "'I will be a pacemaker,' Lee told Trump before talks" is not a planned talk."""
    if "'" not in body and '"' not in body:
        return body

    def blank(m: re.Match[str]) -> str:
        if m.start() <= trig.start < m.end():
            return m.group()
        return " " * len(m.group())

    return tr.QUOTED.sub(blank, body)


def _since_point(words: str, open_range: DateRange, published: date) -> DateRange | None:
    """The date "since X" starts from, as its own range: "since 2019" -> 2019."""
    for text in (words, f"in {words}", f"on {words}"):
        try:
            point = dates_mod.resolve(text, published, tense="past")
        except Exception:
            point = None
        if point is not None:
            return point
    start = open_range.start
    if open_range.precision == "year":
        return DateRange(date(start.year, 1, 1), date(start.year, 12, 31), "year")
    if open_range.precision == "day":
        return DateRange(start, start, "day")
    return None


# A past verb before the trigger ("held talks", "met ..., their first summit"), unless the
# trigger is inside an infinitive of intent ("asked Modi to come next year for a summit").
_PAST_VERB = re.compile(
    r"\b(?:\w+ed|held|met|had|made|paid|took|sent|spoke|wrote|sat|shook|began|came|went|was|"
    r"were|did|gave|struck|won|led|saw)\b",
    re.I,
)
_INTENT = re.compile(r"\bto\s+(?:come|visit|travel|go|meet|hold|attend|return)\b", re.I)
_TALKING = {"talking", "meeting", "holding", "speaking", "chatting", "conferring", "spending"}
_EVENT_NOUN_AFTER = re.compile(
    r"'s\s+(?:[\w-]+\s+){0,2}?(?:summit|summits|talks|meeting|meetings|visit|trip|call|"
    r"conversation|parade|ceremony|event|events|forum|gathering|conference|games|olympics|"
    r"celebrations?|funeral|inauguration|encounter|session|banquet|dinner)\b",
    re.I,
)
_HOST_OF_GATHERING = re.compile(
    r"\b(?:summit|forum|conference|gathering|meeting)\s+(?:hosted|chaired|convened)\s+by\s+"
    r"(?:[A-Z][\w.]*\s+){0,3}$"
)
_SEGMENT_BREAK = re.compile(r",\s*|;\s*|:\s+|\s-+\s|\(|\)")


def _segments(body: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SEGMENT_BREAK.finditer(body):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(body)))
    return spans


def _pick_date(
    exprs: list[TemporalExpression],
    trig: tr.Trigger,
    clause: tuple[int, int],
    body: str,
) -> TemporalExpression | None:
    """The date of the trigger's event: looked for in its comma segment, then its clause,
    then the sentence; after the trigger before before it ("met Xi on Monday"); never in a
    participial aside of another segment (", pledging to ... this year") or on another noun
    ("last year's standoff"); a segment that follows the report ("said on Friday ...,
    shortly after ... a letter") takes the report's date."""
    segments = _segments(body)
    own = next((sp for sp in segments if sp[0] <= trig.start <= sp[1]), (0, len(body)))
    if tr.SHORTLY_AFTER.match(body[own[0] : own[1]].lstrip()) and not any(
        own[0] <= e.start_char <= own[1] for e in exprs if e.kind != "report"
    ):
        # "X said on Friday ..., shortly after an aide walked in carrying a letter"
        reports = [e for e in exprs if e.kind == "report" and e.start_char < own[0]]
        if reports:
            return reports[-1]
    exprs = [e for e in exprs if e.kind != "report"]
    if not exprs:
        return None

    def usable(e: TemporalExpression) -> bool:
        if body[e.end_char : e.end_char + 2] == "'s" and not _EVENT_NOUN_AFTER.match(
            body, e.end_char
        ):
            return False  # "last week's summit" is dated; "last year's standoff" is not
        if own[0] <= e.start_char <= own[1]:
            return True
        seg = next((sp for sp in segments if sp[0] <= e.start_char <= sp[1]), None)
        if seg is None:
            return True
        first = body[seg[0] : seg[1]].split(" ", 1)[0].lower()
        # ", pledging to ... this year" dates the pledge; ", talking for three hours on
        # Monday" goes on with the meeting itself
        return not (first.endswith("ing") and len(first) > 5) or first in _TALKING

    def remote(e: TemporalExpression) -> bool:
        """After the trigger but inside a relative clause on a later noun."""
        between = body[trig.end : e.start_char]
        rel = re.search(r"\b(?:that|which|who|whom)\b", between)
        return rel is not None and len(between[: rel.start()].split()) >= 2

    pool = [e for e in exprs if usable(e)]
    # "his summit with Trump, which is due to be held in Hanoi on Wednesday": the relative
    # clause right after the trigger's noun dates it before anything earlier in the segment.
    relative = re.match(r",\s+(?:which|that)\s+(?:is|are|was|were|will|would)\b", body[own[1] :])
    if relative:
        nxt = next((sp for sp in segments if sp[0] > own[1]), None)
        if nxt is not None:
            own_after = [e for e in pool if trig.start <= e.start_char <= own[1]]
            following = [e for e in pool if nxt[0] <= e.start_char <= nxt[1]]
            if not own_after and following:
                return min(following, key=lambda e: e.start_char)
    tiers = [own, clause, (0, len(body))]
    for firm_only in (True, False):
        for lo, hi in tiers:
            tier = [
                e
                for e in pool
                if lo <= e.start_char <= hi and (e.kind != "anchored" or not firm_only)
            ]
            if not tier:
                continue
            after = [e for e in tier if e.start_char >= trig.start]
            near = [e for e in after if not remote(e)]
            if near:
                return min(near, key=lambda e: e.start_char)
            earlier = [e for e in tier if e.start_char < trig.start]
            if earlier:
                return max(earlier, key=lambda e: e.end_char)
            return min(after, key=lambda e: e.start_char)
    return None


# -- the extractor ----------------------------------------------------------------------


class _ArticleExtractor:
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
        m = tr.DATELINE.match(self.sentences[0].sentence.plain) if self.sentences else None
        self.dateline_end = self.sentences[0].sentence.start + m.end() if m else 0
        self.dateline_place = m.group(1).strip().title() if m else None
        self.last_sanction: _Draft | None = None
        self._seen: dict[tuple[int, str], bool] = {}
        self._owners: dict[tuple[int, str], GazetteerActor] = {}
        self._partners: dict[int, set[str]] = {}
        self.prev_had_meeting = False
        self._index = 0

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
        self._index = sm.index
        s = sm.sentence
        body = s.plain
        self._host_appositive(sm)
        triggers = tr.find_triggers(body, self.tokens, (sm.first_token, sm.end_token), s.start)
        del triggers[MAX_TRIGGERS_PER_SENTENCE:]  # a run-on "sentence" must not cost n squared
        ellipsis = tr.ORDINAL_ELLIPSIS.match(body)
        if ellipsis and self.prev_had_meeting and not any(t.type == "meeting" for t in triggers):
            triggers.append(
                tr.Trigger("meeting", "interact", ellipsis.start(1), ellipsis.end(1), "")
            )
            for m in tr.ORDINAL_NEXT.finditer(body):
                triggers.append(tr.Trigger("meeting", "interact", m.start(1), m.end(1), ""))
        self.prev_had_meeting = any(t.type == "meeting" for t in triggers)
        if not triggers:
            return
        clauses = tr.clause_spans(body)
        candidates = [c for c in (self._candidate(sm, t, clauses, triggers) for t in triggers) if c]
        if not candidates:
            return
        anchor = self._anchor(sm) if tr.ANCHORED_CUE.search(body) else None
        # Dates resolve by the tense of their event: "met on Tuesday" is the last Tuesday,
        # "will visit on Tuesday" the next one.
        by_tense: dict[str, list[TemporalExpression]] = {}
        drafts: list[_Draft] = []
        for cand in candidates:
            tense = "future" if cand["future"] else "past"
            if tense not in by_tense:
                by_tense[tense] = _sentence_dates(
                    s, self.published, tense, anchor, self.dateline_end
                )
            drafts.extend(self._date_and_build(sm, cand, by_tense[tense], clauses))
        for draft in self._reconcile(drafts, body):
            self._add(draft)

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
            firm = [e.range for e in found if e.range is not None and e.kind != "anchored"]
            if firm:
                return firm[-1]
        return self.lead.date if self.lead else None

    @staticmethod
    def _reconcile(drafts: list[_Draft], body: str) -> list[_Draft]:
        """One sentence's drafts: a type found with its leaders in its own clause beats the
        same type found only by looking across the sentence; a negation in the sentence
        negates its other mentions of the same event ("no statement ... would be signed")."""
        kept = []
        for d in drafts:
            if not d.extra.get("local") and any(
                o.type == d.type
                and o.extra.get("local")
                and o.keys == d.keys
                and _ArticleExtractor._compatible_dates(o.date, d.date)
                for o in drafts
            ):
                continue
            kept.append(d)
        # One sentence, one pair, one meeting: "arrived on Wednesday ... and held talks with
        # Putin on Thursday" is one visit, dated by the day of the talks; "wrapping up a
        # three-day summit" on a day is the range. Not when the sentence counts meetings
        # ("met twice, first on ... and again on ...").
        counting = bool(tr.REPETITION.search(body) or tr.ORDINAL_ELLIPSIS.match(body))
        merged: list[_Draft] = []
        for d in kept:
            twin = next(
                (
                    o
                    for o in merged
                    if o.type == d.type == "meeting"
                    and o.keys == d.keys
                    and o.status == d.status
                    and (
                        _ArticleExtractor._compatible_dates(o.date, d.date)
                        or (
                            not counting
                            and "visit" in (o.extra.get("subtype"), d.extra.get("subtype"))
                        )
                    )
                ),
                None,
            )
            if twin is None:
                merged.append(d)
                continue
            if _meeting_date_rank(d) > _meeting_date_rank(twin):
                twin.date, twin.date_text = d.date, d.date_text
                twin.own_date = d.own_date
                twin.extra["subtype"] = d.extra.get("subtype")
        kept = merged
        for d in kept:
            # "wound up two days of talks on Saturday without a communique": no agreement
            # over the whole meeting
            if d.type == "agreement" and d.status == "negated" and d.date is not None:
                for o in kept:
                    if (
                        o.type == "meeting"
                        and o.keys == d.keys
                        and o.date is not None
                        and o.date.start <= d.date.start
                        and d.date.end <= o.date.end
                    ):
                        d.date, d.date_text = o.date, o.date_text
        rank = {"occurred": 0, "planned": 1, "negated": 2}
        for d in kept:
            for o in kept:
                if (
                    o.type == d.type
                    and o.keys == d.keys
                    and _ArticleExtractor._compatible_dates(o.date, d.date)
                    and rank[o.status] > rank[d.status]
                    # "will not take part in the forum, although he attended it last year":
                    # a negation governs the mentions of its clause, or of its tense
                    and (
                        o.extra.get("clause") == d.extra.get("clause")
                        or o.extra.get("future") == d.extra.get("future")
                    )
                ):
                    d.status = o.status
        return kept

    def _clause_of(self, clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
        for a, b in clauses:
            if a <= pos < b:
                return a, b
        return clauses[-1]

    def _candidate(
        self,
        sm: SentenceMentions,
        trig: tr.Trigger,
        clauses: list[tuple[int, int]],
        siblings: list[tr.Trigger],
    ) -> dict[str, Any] | None:
        s = sm.sentence
        body = s.plain
        type_ = trig.type
        if type_ not in ("agreement", "sanction") and not any(m.is_person for m in sm.mentions):
            return None  # no leader named or referred to: nothing to report
        clause = self._clause_of(clauses, trig.start)
        before = body[max(clause[0], trig.start - 120) : trig.start]
        lowered_trigger = trig.text.lower()

        # Lexical conditions per type.
        if type_ == "agreement":
            if not self._has(tr.AGREEMENT_NOUN, body) and not lowered_trigger.startswith(
                ("no ", "without", "fail")
            ):
                return None
            if lowered_trigger.startswith(("sign", "conclud", "ink", "seal")):
                after = body[trig.end : trig.end + 80]
                if not tr.AGREEMENT_NOUN.search(after) and not tr.AGREEMENT_NOUN.search(before):
                    return None
        if type_ == "sanction":
            if self._has(tr.VETO, body) or "relief" in body[trig.end : trig.end + 12].lower():
                return None
            if trig.subtype == "resolution":
                # A numbered resolution is a sanction only in a story of the council's
                # sanctions: the council named, a sanction of it told already.
                if self._council() is None:
                    return None
            elif not self._has(tr.SANCTION_VERB, body):
                return None
        if trig.subtype == "call_ref" and not (self.drafts and self.drafts[-1].type == "call"):
            return None  # "conversation" goes on with a call only right after one is told
        if trig.subtype == "expect" and not (
            re.search(r"\b(?:is|are|was|were|be)\s+(?:also\s+)?$", before)
            and tr.EXPECT_GATHERING.match(body[trig.start :])
        ):
            return None
        if trig.subtype == "absent" and not tr.ABSENT_GATHERING.match(body[trig.end :]):
            return None
        if (
            type_ == "attendance"
            and not self._has(tr.GATHERING, body)
            and not any(d.type == "attendance" for d in self.drafts)
        ):
            return None
        if lowered_trigger in (
            "host",
            "hosted",
            "hosts",
            "hosting",
        ) and tr.HOSTED_AT_GATHERING.match(body[trig.start :]):
            type_ = "attendance"  # "Xi hosted Putin and Kim at a military parade"
        elif lowered_trigger in ("host", "hosted", "hosts", "hosting"):
            lo, hi = s.start + trig.end, s.start + trig.end + 40
            named = any(lo <= m.start < hi and m.is_person for m in sm.mentions)
            meal = re.match(
                r"\s+(?:a|an|the)\s+(?:\w+\s+)?(?:banquet|dinner|lunch|talks)", body[trig.end :]
            )
            if not named and not meal:
                return None  # "Xi hosted more than 20 leaders": no one named
            if re.search(r"\b(?:the|a|an|its|his|her|their)\s+$", before):
                return None  # "Kishida, the host, has invited him": the noun, no meeting
        if lowered_trigger in ("call", "calls", "called", "phoned", "rang"):
            # A verb of calling someone: a leader named right after ("called Biden"), not
            # "called the treaty ...", "called off", "a call for".
            lo = s.start + trig.end
            capital_next = re.match(r"\s+[A-Z]", body[trig.end : trig.end + 3])
            if not capital_next or not any(
                lo < m.start <= lo + 30 and m.is_person for m in sm.mentions
            ):
                return None
        if lowered_trigger in ("summit", "summits", "meeting", "meetings") and self._multilateral(
            sm, trig
        ):
            return None  # "a summit of the SCO", "the G20 summit": a gathering
        if (
            type_ == "meeting"
            and trig.subtype != "visit"
            and any(
                o.type == "attendance"
                and o.subtype != "absent"
                and clause[0] <= o.start < trig.start
                for o in siblings
            )
            and re.search(r"\b(?:for|at)\s+(?:an?|the)\s+(?:[\w'-]+\s+){0,6}?$", before)
        ):
            return None  # "is expected at the G20 summit": the gathering, not a meeting
        if (
            type_ == "message"
            and re.search(r"\bwith\s+(?:(?:his|her|their|warm)\s+)?$", before)
            and any(o.type == "call" and clause[0] <= o.start < trig.start for o in siblings)
        ):
            return None  # "telephoned him with congratulations": the call's content
        if type_ in ("meeting", "call", "attendance") and trig.subtype != "absent":
            official = tr.OFFICIAL_SUBJECT.search(
                body[max(clause[0], trig.start - 90) : trig.start]
            )
            if official is not None:
                lo = s.start + max(clause[0], trig.start - 90) + official.start()
                if not any(
                    lo <= m.start < s.start + trig.start and m.is_person and m.via != "relative"
                    for m in sm.mentions
                ) and not any(
                    lo - 40 <= m.start < s.start + trig.start
                    and m.is_person
                    and m.dependant is None
                    and re.search(r"\band\s+(?:[\w.'-]+\s+){0,3}$", self.text[m.end : lo])
                    for m in sm.mentions
                ):
                    return None  # "Foreign Minister Sergei Lavrov met Kim": an official's
            subject = next(
                (
                    m
                    for m in reversed(sm.mentions)
                    if s.start + clause[0] <= m.start < s.start + trig.start and m.is_person
                ),
                None,
            )
            if (
                subject is not None
                and subject.dependant in OFFICIAL_NOUNS
                and trig.subtype != "visit"
                and not re.search(r"\band\b", self.text[subject.end : s.start + trig.start])
            ):
                return None  # "Moon's special envoy, Chung Eui-yong, met Kim"
        if trig.subtype == "visit":
            if re.search(r"\b(?:invit\w*|ask(?:ed|s|ing)?)\b[^.;]{0,40}$", before, re.I):
                return None  # "invited Kim to visit", "asked Putin to visit": the invitation
            if tr.TRIP_FOR_GATHERING.search(body[trig.end : trig.end + 80]):
                type_ = "attendance"
        if type_ in ("meeting", "call", "attendance") and tr.NOUN_TRIGGER.match(trig.text):
            # "the talks", "their summit": a reference to an event told already.
            det = tr.ANAPHORIC_DET.search(body[max(0, trig.start - 30) : trig.start])
            if det is not None:
                follow = body[trig.end : trig.end + 12].lower()
                named = any(m.via in ("name", "title", "unverified") for m in sm.mentions)
                possessive = det.group().split()[0].lower() in ("their", "his", "her", "its")
                invited_to = re.search(r"\binvit\w*\b[^.;]{0,50}\bfor\s+the\s+(?:\S+\s+)?$", before)
                if (
                    not follow.startswith((" with", " between"))
                    and not (possessive and named)
                    and not invited_to
                ):
                    return None
        # "officials ... announced after talks": the officials' event, not the leaders'.
        seg = next((sp for sp in _segments(body) if sp[0] <= trig.start <= sp[1]), (0, len(body)))
        if (
            type_ in ("meeting", "call")
            and tr.OFFICIALS.search(body[seg[0] : trig.start])
            and not self._leaders_in(sm, seg)
        ):
            return None
        # Status.
        window_start = max(clause[0], trig.start - 50)
        window = body[window_start : trig.start]
        cue = tr.NEGATION_NEAR.search(window) or tr.NEGATION_DET.search(window)
        if cue is not None and (
            any(window_start + cue.start() < other.start < trig.start for other in siblings)
            or tr.NEGATION_BLOCKED.search(window[cue.end("cue") :])
        ):
            cue = None  # "called off the meeting in a letter": the cue governs the meeting
        negated = (
            cue is not None
            or bool(re.search(r"\b(?:no|without|fail(?:ed|s)?)\b", lowered_trigger))
            or trig.subtype == "absent"
            or bool(tr.DENIAL.search(body[clause[0] : trig.start]))
        )
        if not negated and tr.CANCELLED_AFTER.match(body[trig.end : trig.end + 90]):
            negated = True  # "a summit with Trump, which Trump called off on Thursday"
        if negated and self._has(tr.REVERSED, body):
            return None  # "called off the meeting ... before reversing course"
        wish = tr.WISH.search(before) or tr.WISH_MAY.search(before)
        invited_for = False
        if (
            wish
            and wish.group().lower().startswith("invit")
            and tr.NOUN_TRIGGER.match(trig.text)
            and re.search(r"\bfor\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$", before)
        ):
            # "invited Xi to India next year for a second summit": the summit is planned
            wish, invited_for = None, True
        if wish and type_ not in ("invitation", "message", "sanction") and not negated:
            return None  # "would like to meet", "if ... met": not an event
        status = "occurred"
        unquoted = _unquoted(body, trig)
        window_plain = unquoted[window_start : trig.start]
        past = tr.PAST_FORM.search(trig.text) and not tr.AUXILIARY_BEFORE.search(window[-12:])
        future = not past and bool(
            tr.PLANNED.search(window_plain) or tr.PLANNED_ADJ.search(window_plain)
        )
        if not future and re.search(
            r"\b(?:to|for)\s+(?:(?:a|an|the|his|her|their|more|further)\s+)?(?:[\w-]+\s+)?$",
            window,
        ):
            # "will visit Moscow on Friday to meet Putin": the purpose of a planned act
            future = bool(tr.PLANNED_CLAUSE.search(unquoted[clause[0] : trig.start]))
        if tr.NOUN_TRIGGER.match(trig.text) and tr.WISH_AFTER.match(body[trig.end : clause[1]]):
            return None  # "his meeting with Xi would depend on progress": a condition
        if (
            not future
            and tr.NOUN_TRIGGER.match(trig.text)
            and tr.PLANNED_AFTER.match(unquoted[trig.end : clause[1]])
        ):
            future = True  # "his summit with Kim would take place on June 12"
        if trig.subtype == "expect" or invited_for:
            future = True
        if negated:
            status = "negated"
        elif future:
            status = "planned"
        if type_ == "invitation" and self._has(tr.AT_INVITATION, body):
            status = "occurred"
        return {
            "trigger": trig,
            "type": type_,
            "clause": clause,
            "status": status,
            "future": future,
        }

    def _council(self) -> GazetteerActor | None:
        """The Security Council, when the article has named it so far."""
        for sm in self.sentences[: self._index + 1]:
            for m in sm.mentions:
                if m.actor.key == "org:UNSC":
                    return m.actor
        return None

    def _multilateral(self, sm: SentenceMentions, trig: tr.Trigger) -> bool:
        """ "a summit of the SCO", "the G20 summit", "the APEC leaders' meeting": a gathering
        of many, not a meeting of the leaders named."""
        body = sm.sentence.plain
        if re.match(r"\s+of\s+(?:the\s+)?[A-Z]", body[trig.end : trig.end + 12]):
            return True
        lo = sm.sentence.start + trig.start - 12
        before = body[max(0, trig.start - 12) : trig.start]
        return (
            any(
                lo <= m.end <= sm.sentence.start + trig.start and m.actor.kind == "organization"
                for m in sm.mentions
            )
            or bool(re.search(r"\b(?:G-?\d+|[A-Z]{3,})\s+$", before))
            or bool(re.search(r"\bGroup of (?:\d+|[A-Z][a-z]+)\s+$", body[: trig.start]))
            or bool(re.search(r"\bleaders'\s+$", before))  # "the APEC leaders' meeting"
        )

    def _has(self, pattern: re.Pattern[str], body: str) -> bool:
        """Whether the sentence matches `pattern`, computed once per sentence."""
        key = (id(pattern), body)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = pattern.search(body) is not None
        return found

    # --- participants -------------------------------------------------------------------

    def _leaders_in(self, sm: SentenceMentions, span: tuple[int, int]) -> list[Mention]:
        a, b = sm.sentence.start + span[0], sm.sentence.start + span[1]
        out = []
        for m in sm.mentions:
            if a <= m.start < b and m.is_person and m.dependant is None:
                if m.actor.verified and not self.gaz.is_leader(m.actor.key):
                    continue
                if _HOST_OF_GATHERING.search(self.text[max(0, m.start - 40) : m.start]):
                    continue  # "the summit hosted by Xi": the gathering's host, not a party
                out.append(m)
        return out

    def _states_in(
        self, sm: SentenceMentions, span: tuple[int, int], *, allow_dependant: bool
    ) -> list[Mention]:
        a, b = sm.sentence.start + span[0], sm.sentence.start + span[1]
        out = []
        for m in sm.mentions:
            if not (a <= m.start < b):
                continue
            if m.actor.kind in ("country", "organization") and m.via in STATE_VIAS:
                if m.dependant is None or allow_dependant:
                    out.append(m)
            elif (
                m.is_person and m.dependant in ("administration", "government") and m.actor.country
            ):
                country = self.gaz.actor(m.actor.country)
                if country is not None:
                    out.append(Mention(m.start, m.end, country, "country"))
        return out

    def _destination(self, sm: SentenceMentions, trig: tr.Trigger) -> GazetteerActor | None:
        """The country a visit goes to: the first state named just after the trigger."""
        s = sm.sentence
        lo = s.start + trig.end
        hi = lo + 45
        for m in sm.mentions:
            if lo <= m.start < hi and m.actor.kind == "country":
                if m.via in ("country", "capital", "anaphor"):
                    return m.actor
                if m.via == "adjective" and re.match(r"\s*capital", self.text[m.end : m.end + 10]):
                    return m.actor
        return None

    def _host_of(self, country: GazetteerActor, when: DateRange | None) -> GazetteerActor | None:
        day = when.start if when else self.published
        found = self.gaz.holders(country.key, "leader", day)
        return found[0] if len(found) == 1 else None

    @staticmethod
    def _unique(mentions: list[Mention]) -> list[GazetteerActor]:
        out: list[GazetteerActor] = []
        for m in mentions:
            if m.actor not in out:
                out.append(m.actor)
        return out

    def _participants(
        self, sm: SentenceMentions, cand: dict[str, Any], when: DateRange | None
    ) -> list[tuple[GazetteerActor, str]] | None:
        trig: tr.Trigger = cand["trigger"]
        type_ = cand["type"]
        clause = cand["clause"]
        whole = (0, len(sm.sentence.plain))
        body = sm.sentence.plain
        need = MIN_PARTICIPANTS[type_]

        if type_ == "sanction":
            return self._sanction_parties(sm, cand)

        leaders = self._unique(self._leaders_in(sm, clause))
        if type_ == "agreement" and not leaders:
            states = self._unique(self._states_in(sm, clause, allow_dependant=True))
            if len(states) >= 2:
                # "North and South Korea signed ..., as Moon and Kim held talks"
                return [(a, "signatory") for a in states]
        if len(leaders) < need:
            leaders = self._unique(self._leaders_in(sm, whole))

        if type_ == "agreement":
            if len(leaders) < 2:
                lead_pair = self._lead_pair()
                if len(leaders) == 1 and lead_pair and leaders[0] in lead_pair:
                    leaders = list(lead_pair)
                else:
                    states = self._unique(self._states_in(sm, whole, allow_dependant=True))
                    if len(states) >= 2:
                        return [(a, "signatory") for a in states]
                    if not leaders and lead_pair and cand["status"] != "occurred":
                        leaders = list(lead_pair)
            return [(a, "signatory") for a in leaders] if len(leaders) >= 2 else None

        if type_ == "meeting" and trig.subtype == "visit":
            local = self._unique(self._leaders_in(sm, clause))
            return self._visit_parties(sm, cand, local, when)

        if type_ in ("meeting", "call"):
            paired = self._with_phrase(sm, cand) or self._object_phrase(sm, cand)
            if paired is not None:
                return paired
        if type_ == "meeting" and len(leaders) == 1 and trig.subtype == "interact":
            partner = self._lead_partner(sm, trig, leaders[0])
            if partner is not None:
                return [(leaders[0], "participant"), (partner, "participant")]
        if trig.subtype == "call_ref" and len(leaders) < 2 and trig.text.lower().startswith("conv"):
            # "The first conversation, requested by Lukashenko": the call told before
            last = next((d for d in reversed(self.drafts) if d.type == "call"), None)
            if last is not None and set(leaders) <= {a for a, _ in last.actors}:
                return list(last.actors)

        if type_ == "attendance":
            roles = []
            for actor in leaders:
                roles.append((actor, "attendee"))
            did = tr.AS_DID.search(body, trig.end)
            if did is not None:
                # "Xi skipped the summit, as did Putin": Putin too
                stop = body.find(",", did.end())
                for actor in self._unique(
                    self._leaders_in(sm, (did.end(), len(body) if stop < 0 else stop))
                ):
                    if all(actor != a for a, _ in roles):
                        roles.append((actor, "attendee"))
            if trig.subtype == "absent":
                # only the absent: "a negated attendance lists only the absent leaders"
                lo = sm.sentence.start + clause[0]
                hi = sm.sentence.start + trig.start
                absent = {m.actor for m in self._leaders_in(sm, clause) if lo <= m.start < hi}
                if did is not None:
                    absent |= {a for a, _ in roles[len(leaders) :]}
                roles = [(a, r) for a, r in roles if a in absent]
                return roles if roles else None
            host = self._host_after(sm, trig)
            if host is not None:
                roles = [(a, r) for a, r in roles if a != host]
                if not roles:
                    return None  # a host and no one named to attend
                roles.append((host, "host"))
            return roles if roles else None

        if type_ == "invitation" and len(leaders) == 1:
            lead_pair = self._lead_pair()
            if lead_pair and leaders[0] in lead_pair:
                # "Putin accepted an invitation to visit": from the other of the pair.
                other = next(a for a in lead_pair if a != leaders[0])
                return [(other, "sender"), (leaders[0], "recipient")]
        if len(leaders) < need:
            return None
        if type_ == "meeting":
            hosted = re.search(r"\s+hosted\b(?! by)", body, re.I)
            roles = [(a, "participant") for a in leaders]
            if hosted:
                host_pos = sm.sentence.start + hosted.start()
                host = next(
                    (m.actor for m in sm.mentions if m.end == host_pos and m.is_person),
                    None,
                )
                if host is not None:
                    roles = [(a, "host" if a == host else "guest") for a, _ in roles]
            return roles
        if type_ == "message":
            fromto = re.match(
                r"\s+from\s+(?:[\w.'-]+\s+){1,5}?to\s+", sm.sentence.plain[trig.end : trig.end + 80]
            )
            if fromto:
                # "delivered a message from Kim to Trump": the messenger is not a party
                lo = sm.sentence.start + trig.end
                hi = lo + fromto.end() + 40
                ends = [m.actor for m in sm.mentions if lo <= m.start < hi and m.is_person]
                ends = self._unique_actors(ends)
                if len(ends) >= 2:
                    return [(ends[0], "sender"), (ends[1], "recipient")]
        if type_ in ("message", "invitation"):
            sender = self._sender(sm, trig, leaders)
            return [(a, "sender" if a == sender else "recipient") for a in leaders]
        return [(a, "participant") for a in leaders]

    def _lead_partner(
        self, sm: SentenceMentions, trig: tr.Trigger, leader: GazetteerActor
    ) -> GazetteerActor | None:
        """ "PALM BEACH - Shinzo Abe got the reassurance he had come for. After White House
        talks on Friday, Donald Trump declared ...": in the lead, talks that name one leader
        and no partner are with the one leader the sentence before named."""
        body = sm.sentence.plain
        if sm.index == 0 or sm.index > 2 or not tr.NOUN_TRIGGER.match(trig.text):
            return None
        if re.match(r"\s+(?:[\w-]+\s+){0,2}?(?:with|between|of|among)\b", body[trig.end :]):
            return None
        if self._has(tr.OFFICIALS, body) or tr.OFFICIAL_SUBJECT.search(body[: trig.start]):
            return None
        if any(m.is_person and m.dependant is not None for m in sm.mentions):
            return None
        previous = {
            m.actor
            for m in self.sentences[sm.index - 1].mentions
            if m.is_person and m.dependant is None and self.gaz.is_leader(m.actor.key)
        }
        if len(previous) != 1 or leader in previous:
            return None
        return next(iter(previous))

    def _host_after(self, sm: SentenceMentions, trig: tr.Trigger) -> GazetteerActor | None:
        """The gathering's host, told after the attendance: "hosted by Obama", "the summit
        that Putin is hosting", "which Xi will host"."""
        body = sm.sentence.plain
        hosted = tr.HOST_CLAUSE.search(body, trig.end)
        if hosted is None:
            return None
        if hosted.group("who") is not None:
            lo, hi = hosted.start("who"), hosted.end("who")
        else:
            lo, hi = hosted.end(), hosted.end() + 60
        for m in sm.mentions:
            if (
                sm.sentence.start + lo <= m.start < sm.sentence.start + hi
                and m.is_person
                and m.dependant is None
            ):
                return m.actor
        return None

    def _with_phrase(
        self, sm: SentenceMentions, cand: dict[str, Any]
    ) -> list[tuple[GazetteerActor, str]] | None:
        """ "Kim's planned summit with Moon ... and a proposed meeting with Trump": the
        owner of the noun (a possessive just before it, else the clause's first leader, else
        the previous such noun's owner) and the leaders named after "with"."""
        trig: tr.Trigger = cand["trigger"]
        body = sm.sentence.plain
        m = re.match(r"\s+(?:[\w-]+\s+){0,3}?with\s+", body[trig.end : trig.end + 40])
        if m is None or not tr.NOUN_TRIGGER.match(trig.text):
            return None
        base = sm.sentence.start
        lo = base + trig.end + m.end()
        stop = re.search(
            r",\s+|\s+(?:and|but|while)\s+(?:a|an|the|his|her|their)\b", body[lo - base :]
        )
        hi = lo + (stop.start() if stop else len(body))
        partners = [
            x.actor
            for x in sm.mentions
            if lo <= x.start < hi and x.is_person and x.dependant is None
        ]
        if not partners:
            return None
        clause_lo = base + cand["clause"][0]
        before = [
            x
            for x in sm.mentions
            if clause_lo <= x.start < base + trig.start and x.is_person and x.dependant is None
        ]
        owner = None
        earlier = self._partners.get(sm.index, set())
        near = [x for x in before if x.possessive and base + trig.start - x.end <= 25]
        others = [x for x in before if x.actor.key not in earlier]
        if near:
            owner = near[-1].actor
        elif (sm.index, "meeting") in self._owners:
            owner = self._owners[(sm.index, "meeting")]  # "... and a meeting with Trump"
        elif others:
            owner = others[-1].actor  # the nearest: "Moon said Kim wanted a summit with Trump"
        if owner is None:
            return None
        self._owners[(sm.index, "meeting")] = owner
        self._partners.setdefault(sm.index, set()).update(a.key for a in partners)
        parties = [(owner, "participant")]
        parties += [(a, "participant") for a in self._unique_actors(partners) if a != owner]
        return parties if len(parties) >= 2 else None

    def _object_phrase(
        self, sm: SentenceMentions, cand: dict[str, Any]
    ) -> list[tuple[GazetteerActor, str]] | None:
        """ "Trump said ..., after meeting Moon": a meeting verb's subject and its object
        (the leaders named right after it), not every leader of the clause."""
        trig: tr.Trigger = cand["trigger"]
        if trig.text.lower() not in ("met", "meet", "meets", "meeting", "greeted"):
            return None
        base = sm.sentence.start
        lo, hi = base + trig.end, base + trig.end + 45
        first_after = next((m for m in sm.mentions if m.start >= lo and m.is_person), None)
        if first_after is None or first_after.start - lo > 30:
            return None
        if re.search(r"[,;:]", self.text[lo : first_after.start]):
            return None  # "met on May 26, a day after Trump ...": not the object
        objects = [
            m.actor
            for m in sm.mentions
            if lo <= m.start < hi and m.is_person and m.dependant is None
        ]
        clause_lo = base + cand["clause"][0]
        subjects = [
            m.actor
            for m in sm.mentions
            if clause_lo <= m.start < base + trig.start and m.is_person and m.dependant is None
        ]
        if not objects or not subjects:
            return None
        parties = self._unique_actors([subjects[0], *objects])
        return [(a, "participant") for a in parties] if len(parties) >= 2 else None

    @staticmethod
    def _unique_actors(actors: list[GazetteerActor]) -> list[GazetteerActor]:
        out: list[GazetteerActor] = []
        for a in actors:
            if a not in out:
                out.append(a)
        return out

    def _sender(
        self, sm: SentenceMentions, trig: tr.Trigger, leaders: list[GazetteerActor]
    ) -> GazetteerActor:
        body = sm.sentence.plain
        m = re.search(r"\b(?:from|by)\s+", body[trig.end : trig.end + 30])
        if m:
            pos = sm.sentence.start + trig.end + m.end()
            for mention in sm.mentions:
                if mention.start >= pos and mention.actor in leaders:
                    return mention.actor
        if trig.type == "invitation":
            # "Kim accepted Xi's invitation": the possessor invited.
            pos = sm.sentence.start + trig.start
            owner = next(
                (
                    m.actor
                    for m in sm.mentions
                    if m.possessive and 0 <= pos - m.end <= 12 and m.actor in leaders
                ),
                None,
            )
            extended = re.search(
                r"\b(?:extend|issu|sen[dt]|renew|deliver|conve|hand)\w*\s+\S+\s*$",
                sm.sentence.plain[max(0, trig.start - 40) : trig.start],
            )
            if owner is not None and extended is None:
                return owner  # "Kim accepted Xi's invitation"
            if owner is not None:
                # "Xi extended Kim's invitation": the invitation to Kim.
                return next((a for a in leaders if a != owner), owner)
        to = re.match(r"\s+(?:\w+\s+){0,2}?to\s+", body[trig.end : trig.end + 30])
        if to and trig.type == "message":
            pos = sm.sentence.start + trig.end + to.end()
            recipient = next(
                (m.actor for m in sm.mentions if m.start >= pos and m.actor in leaders), None
            )
            if recipient is not None:
                return next((a for a in leaders if a != recipient), leaders[0])
        inv = tr.AT_INVITATION.search(body)
        if inv and trig.type == "invitation":
            for mention in sm.mentions:
                if mention.actor in leaders and mention.possessive:
                    return mention.actor
        return leaders[0]

    def _visit_parties(
        self,
        sm: SentenceMentions,
        cand: dict[str, Any],
        leaders: list[GazetteerActor],
        when: DateRange | None,
    ) -> list[tuple[GazetteerActor, str]] | None:
        trig: tr.Trigger = cand["trigger"]
        trig_pos = sm.sentence.start + trig.start
        clause = cand["clause"]
        lo = sm.sentence.start + clause[0]
        # The traveller: the nearest leader before the trigger in its clause ("Kim's visit",
        # "Moon will travel"), or "by X" after it.
        traveller = None
        first = None
        for m in sm.mentions:
            if lo <= m.start < trig_pos and m.is_person:
                traveller = m if m.dependant is None else None
                if first is None and m.dependant is None:
                    first = m
        if traveller is None:
            return None
        between = sm.sentence.plain[traveller.end - sm.sentence.start : trig.start]
        if first is not None and re.search(r"\band\s+(?:[\w']+\s+){0,3}$", between):
            traveller = first  # "Kim met Xi on Tuesday and will visit Moscow": Kim travels
        if traveller.actor.verified and not self.gaz.is_leader(traveller.actor.key):
            return None
        dest = self._destination(sm, trig)
        parties: list[tuple[GazetteerActor, str]] = [(traveller.actor, "guest")]
        # A visit to a country meets its leader; a trip or journey may be for someone else
        # ("Kim travelled to Vietnam for his summit with Trump").
        if dest is not None:
            if traveller.actor.country == dest.key:
                return None
            host = self._host_of(dest, when)
            given = host is not None and any(
                a is host for d in self.sentences[: sm.index + 1] for a in self._actors_of(d)
            )
            if host is not None and host != traveller.actor and ("visit" in trig.text or given):
                parties.append((host, "host"))
                return parties
        for actor in leaders:
            if all(actor != a for a, _ in parties):
                parties.append((actor, "participant"))
        return parties if len(parties) >= 2 else None

    @staticmethod
    def _actors_of(sm: SentenceMentions) -> list[GazetteerActor]:
        return [m.actor for m in sm.mentions]

    def _sanction_parties(
        self, sm: SentenceMentions, cand: dict[str, Any]
    ) -> list[tuple[GazetteerActor, str]] | None:
        trig: tr.Trigger = cand["trigger"]
        body = sm.sentence.plain
        base = sm.sentence.start
        clause = cand["clause"]
        states = self._states_in(sm, (0, len(body)), allow_dependant=False)
        people = self._leaders_in(sm, (0, len(body)))
        trig_abs = base + trig.end
        states += [
            m  # "sanctions on two North Korean companies": the country's
            for m in sm.mentions
            if m.via in ("adjective", "demonym")
            and trig_abs <= m.start < trig_abs + 40
            and m.actor.kind == "country"
        ]
        states.sort(key=lambda m: m.start)
        trig_pos = base + trig.start
        before = [m for m in states if base + clause[0] <= m.start < trig_pos]
        after = [m for m in states if trig_pos <= m.start < trig_pos + 90]
        if trig.subtype == "resolution":
            # "Resolution 2094 was adopted in March 2013": the council's, on the target of
            # its sanctions told already
            council = self._council()
            told = next(
                (
                    d.actors[-1][0]
                    for d in reversed(self.drafts)
                    if d.type == "sanction" and council is not None and d.actors[0][0] == council
                ),
                None,
            )
            target = told or next((m.actor for m in after if m.actor != council), None)
            if council is None or target is None:
                return None
            return [(council, "imposer"), (target, "target")]
        imposer = before[-1].actor if before else None
        coordinated = None
        if len(before) >= 2 and before[-2].actor != before[-1].actor:
            between = self.text[before[-2].end : before[-1].start]
            if re.fullmatch(r"\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?", between):
                coordinated = before[-2].actor  # "South Korea and Japan announced sanctions"
        if imposer is None:
            it = re.search(r"\b(?:it|they)\s+(?:\w+\s+){0,2}$", body[clause[0] : trig.start])
            earlier = [m for m in states if m.start < base + clause[0]]
            if it is not None and clause[0] > 0 and earlier:
                # "The United States has kept him on its list since 2006, when it first
                # blacklisted him": "it" is the state named before
                imposer = earlier[0].actor
        if imposer is None:
            by = re.search(r"\bby\s+", body[trig.end : trig.end + 40])
            if by:
                pos = base + trig.end + by.end()
                found = [m for m in states if m.start >= pos]
                if found:
                    imposer = found[0].actor
                    after = [m for m in after if m.actor != imposer]
        if imposer is None and re.search(
            r"(?:^|,\s+|\bit\s+)\s*(?:it|the council|they)\b", body[: trig.start], re.I
        ):
            imposer = self.last_sanction.actors[0][0] if self.last_sanction else None
        if imposer is not None and imposer.kind == "organization" and imposer.country:
            # "the U.S. Treasury's Office of Foreign Assets Control": the state imposes
            imposer = self.gaz.actor(imposer.country) or imposer
        target = next((m.actor for m in after if m.actor != imposer), None)
        person = next((m for m in people if trig_pos <= m.start < trig_pos + 90), None)
        if person is not None and (
            target is None or person.start < next(m.start for m in after if m.actor == target)
        ):
            target = person.actor  # "sanctions on Russian President Vladimir Putin"
        last = self.last_sanction
        if target is None and last is not None and imposer == last.actors[0][0]:
            target = last.actors[-1][0]  # "the council adopted Resolution 2371" goes on
        if imposer is None or target is None:
            return None
        if coordinated is not None and coordinated != target:
            return [(coordinated, "imposer"), (imposer, "imposer"), (target, "target")]
        return [(imposer, "imposer"), (target, "target")]

    def _lead_pair(self) -> tuple[GazetteerActor, ...] | None:
        for d in self.drafts:
            people = [a for a, _ in d.actors if a.kind == "person"]
            if len(people) == 2:
                return tuple(people)
        return None

    # --- dates, building ------------------------------------------------------------------

    def _date_and_build(
        self,
        sm: SentenceMentions,
        cand: dict[str, Any],
        exprs: list[TemporalExpression],
        clauses: list[tuple[int, int]],
    ) -> list[_Draft]:
        trig: tr.Trigger = cand["trigger"]
        body = sm.sentence.plain
        clause = cand["clause"]
        status = cand["status"]
        type_ = cand["type"]
        chosen: list[TemporalExpression] = []
        at_invitation = type_ == "invitation" and bool(tr.AT_INVITATION.search(body))
        if not at_invitation:
            in_clause = [e for e in exprs if clause[0] <= e.start_char < clause[1]]
            days = [
                e
                for e in in_clause
                if e.range and e.range.precision == "day" and e.kind != "report"
            ]
            if type_ == "meeting" and tr.REPETITION.search(body) and len(days) >= 2:
                chosen = days
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
                        pool = [e for e in pool if not (trig.end <= e.start_char < stop)]
                if cand["future"]:
                    # "... last year, but Kim will not take part in the forum": a future
                    # event is not dated by a past told beside it
                    pool = [e for e in pool if e.range is None or e.range.end >= self.published]
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
        if at_invitation:
            variants: list[tuple[DateRange | None, str | None, bool]] = [(None, None, False)]
        elif not chosen:
            when, text, own = self._inherited(sm, cand), None, False
            variants = [(when, text, own)]
        else:
            variants = [(e.range, e.text, True) for e in chosen]
        for when, text, own in variants:
            if when is not None and own:
                when = self._duration(body, when, trig)
                when = _shifted(body, trig, when)
            parties = self._participants(sm, cand, when)
            if not parties:
                continue
            if not own and status != "planned" and not at_invitation:
                linked = self._continues_lead(sm, parties)
                if tr.PERFECT.search(body[max(0, trig.start - 30) : trig.start]):
                    if tr.EXPERIENTIAL.search(body[clause[0] : clause[1]]):
                        continue  # "Kim has met Trump twice": background, no event
                    linked = False  # "Kishida has invited him": news, but no date told
                if not linked and type_ != "attendance":
                    when = None  # not the lead story's: no date to inherit
            state = status
            if (
                state == "occurred"
                and when is not None
                and when.start > self.published
                and not tr.PAST_FORM.search(trig.text.split()[0])
                and (
                    _INTENT.search(body[clause[0] : trig.start])
                    or not _PAST_VERB.search(body[clause[0] : trig.start])
                )
            ):
                state = "planned"  # "asked Modi to come next year for a summit"
            party_sets = [parties]
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
        cand: dict[str, Any],
        parties: list[tuple[GazetteerActor, str]],
        when: DateRange | None,
        text: str | None,
        own: bool,
        status: str,
    ) -> _Draft:
        trig: tr.Trigger = cand["trigger"]
        body = sm.sentence.plain
        clause = cand["clause"]
        type_ = cand["type"]
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
        draft.extra["future"] = cand["future"]
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

    def _continues_lead(
        self, sm: SentenceMentions, parties: list[tuple[GazetteerActor, str]]
    ) -> bool:
        """Whether a sentence without a date of its own goes on with the lead story: its
        parties are the lead's ("the two leaders held talks", "Xi later hosted Kim"), or it
        refers back ("during the talks", "also")."""
        if tr.ANCHOR_NOUN.search(sm.sentence.plain) or re.search(r"\balso\b", sm.sentence.plain):
            return True
        lead = self.lead
        if lead is None:
            return False
        keys = {a.key for a, _ in lead.actors}
        referred = [m for m in sm.mentions if m.via in ("pair", "pronoun", "kin")]
        if referred and all(m.actor.key in keys for m in referred):
            return True  # "the two men crossed back, where Moon joined them"
        return all(a.key in keys for a, _ in parties)

    def _duration(self, body: str, when: DateRange, trig: tr.Trigger) -> DateRange:
        """A day and "wrapping up a three-day summit" (or "arrived for a four-day visit"):
        the range of the visit, when the trigger is that visit."""
        if when.precision != "day" or not self._has(tr.DURATION, body):
            return when
        m = tr.DURATION.search(body)
        if m is None:
            return when
        if not (m.start() - 25 <= trig.start <= m.end()):
            return when
        word = m.group(1).lower()
        days = int(word) if word.isdigit() else tr.NUMBERS.get(word, 1)
        if days < 2 or days > 14:
            return when
        if tr.DURATION_END.search(body[: m.start()]) or "days of" in m.group().lower():
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

    def _inherited(self, sm: SentenceMentions, cand: dict[str, Any]) -> DateRange | None:
        """No date in the sentence: the date of the event it continues, if any."""
        body = sm.sentence.plain
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
        if cand["status"] == "planned" and self.drafts:
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
        if lead is None or lead.date is None:
            return None
        if cand["status"] == "planned":
            if tr.CONTINUATION.search(body) and lead.date.end >= self.published - timedelta(1):
                return lead.date
            return None
        if lead.status == "planned":
            return None
        return lead.date

    def _location(self, sm: SentenceMentions, cand: dict[str, Any]) -> str | None:
        body = sm.sentence.plain
        clause = cand["clause"]
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
        if cand["trigger"].subtype == "visit":
            dest = self._destination(sm, cand["trigger"])
            if dest is not None:
                capital = dest.alias_texts("capital")
                return capital[0] if capital else dest.name
        return None

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

    # --- merging ------------------------------------------------------------------------

    def _add(self, draft: _Draft) -> None:
        same = [old for old in self.drafts if self._same(old, draft)]
        umbrella = next((o for o in same if o.extra.get("count", 1) > 1), None)
        if (
            umbrella is not None
            and umbrella.date is not None
            and draft.date is not None
            and _width(draft.date) < _width(umbrella.date)
            and not any(
                o is not umbrella and self._compatible_dates(o.date, draft.date) for o in same
            )
        ):
            # one occurrence of an event told as counted ("spoke twice over the weekend")
            umbrella.extra["told"] = umbrella.extra.get("told", 0) + 1
            self.drafts.append(draft)
            return
        for old in same:
            if old is umbrella and len(same) > 1:
                continue
            self._merge(old, draft)
            return
        self.drafts.append(draft)
        if draft.type == "sanction":
            self.last_sanction = draft
        if self.lead is None and draft.date is not None and draft.status == "occurred":
            self.lead = draft

    @staticmethod
    def _compatible_dates(a: DateRange | None, b: DateRange | None) -> bool:
        if a is None or b is None:
            return True
        return a.start <= b.end and b.start <= a.end

    def _same(self, old: _Draft, new: _Draft) -> bool:
        if old.type != new.type:
            return False
        if (old.status == "negated") != (new.status == "negated"):
            return False
        if not self._compatible_dates(old.date, new.date) and not (
            old.type == "meeting" and _adjacent_days(old.date, new.date)
        ):
            return False
        if old.type == "attendance":
            # One gathering per named kind ("the parade", "a summit of the SCO"): attendees
            # of the same one add up.
            a, b = old.extra.get("gathering"), new.extra.get("gathering")
            return a is None or b is None or a == b
        return old.keys == new.keys and old.status == new.status

    def _merge(self, old: _Draft, new: _Draft) -> None:
        if old.type == "attendance":
            for actor, role in new.actors:
                if all(actor != a for a, _ in old.actors):
                    old.actors.append((actor, role))
                elif role == "host":
                    old.actors = [(a, "host" if a == actor else r) for a, r in old.actors]
            if new.status == "planned":
                old.status = "planned"
        if self.lead is None and new.date is not None and old.date is None:
            self.lead = old if old.status == "occurred" else None
        if old.type == "meeting" and _adjacent_days(old.date, new.date):
            assert old.date is not None and new.date is not None
            # "met over dinner on Wednesday" and "the summit on Thursday": one visit.
            old.date = DateRange(
                min(old.date.start, new.date.start), max(old.date.end, new.date.end), "range"
            )
            old.date_text = None
        elif new.date is not None and (
            old.date is None
            or (old.date.precision in _VAGUE and _width(new.date) < _width(old.date))
        ):
            old.date, old.date_text, old.own_date = new.date, new.date_text, new.own_date
        if old.location is None:
            old.location = new.location
        old.confidence = max(old.confidence, new.confidence)

    # --- output -------------------------------------------------------------------------

    def _finish(self, d: _Draft) -> ExtractedEvent:
        participants = tuple(
            ExtractedParticipant(a.name, role, a.key, a.kind, a.country, a.verified)
            for a, role in d.actors
        )
        location = d.location
        if location is None and d.date is not None and d.own_date is False and self.dateline_place:
            location = None
        if location is None and self.dateline_place and d.sentence_index == 0:
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
        )


_NOT_PLACE = {
    "the",
    "a",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "english",
    "english,",
    "world",
}


def _meeting_date_rank(d: _Draft) -> tuple[int, int, int]:
    """Which of one sentence's dates of one meeting wins: a date of its own over none, the
    talks' day over the visit's, and of one expression the visit's range over its day."""
    if d.date is None:
        return (0, 0, 0)
    return (1 + d.own_date, d.extra.get("subtype") == "interact", _width(d.date))


_OFFSET_BEFORE = re.compile(
    r"\b(a|one|two|three|four|five|six|\d+)\s+(day|days|week|weeks)\s+(after|before)\s+"
    r"(?:[\w'-]+\s+){0,5}$",
    re.I,
)


def _shifted(body: str, trig: tr.Trigger, when: DateRange) -> DateRange:
    """ "left on Friday, a day after his summit with Putin": the summit was on Thursday."""
    m = _OFFSET_BEFORE.search(body[max(0, trig.start - 60) : trig.start])
    if m is None or when.precision != "day":
        return when
    word = m.group(1).lower()
    count = 1 if word in ("a", "one") else int(word) if word.isdigit() else tr.NUMBERS.get(word, 1)
    days = count * (7 if m.group(2).lower().startswith("week") else 1)
    delta = timedelta(days=-days if m.group(3).lower() == "after" else days)
    return DateRange(when.start + delta, when.end + delta, "day")


def _adjacent_days(a: DateRange | None, b: DateRange | None) -> bool:
    """Two day-exact dates that do not overlap but touch (Wednesday and Thursday)."""
    if a is None or b is None or a.precision not in ("day", "range"):
        return False
    if b.precision not in ("day", "range"):
        return False
    return (b.start - a.end).days == 1 or (a.start - b.end).days == 1


def _width(r: DateRange) -> int:
    return (r.end - r.start).days


def _cameo(d: _Draft) -> str | None:
    """CAMEO code: 036 intent to meet (planned meetings, invitations), 040 consult
    (messages), 041 telephone, 042/043/044 visit/host/third place, 057 sign, 163/172
    sanctions (on a state / on a person)."""
    if d.type == "meeting":
        if d.status == "planned":
            return "036"
        roles = {r for _, r in d.actors}
        if "host" in roles:
            return "042"
        return "044" if d.location else "040"
    if d.type == "call":
        return "041"
    if d.type == "message":
        return "040"
    if d.type == "invitation":
        return "036"
    if d.type == "attendance":
        return "043" if any(r == "host" for _, r in d.actors) else "042"
    if d.type == "agreement":
        return "057"
    if d.type == "sanction":
        target = d.actors[-1][0]
        return "172" if target.kind == "person" else "163"
    return None


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
    return _ArticleExtractor(text, published, gazetteer, title).run()
