"""Trigger -> frame: the lexical conditions of each type, and the frame's status read from
its clause (negation, modality, wishes and conditions)."""

from __future__ import annotations

import re

from timeline.extract import triggers as tr
from timeline.extract.dates.tense import _sentence_cues as sentence_cues
from timeline.extract.entities import (
    OFFICIAL_NOUNS,
    SentenceMentions,
)
from timeline.extract.events.datepick import _segments, _unquoted
from timeline.extract.events.framecues import (
    ACCEPTED_INVITATION,
    BUT_CANCELLED,
    GROUP_LEADERS,
    GROUP_SUBJECT_GAP,
    HOSTS_THE_GATHERING,
    IN_PERSON_AT,
    LEADERS_OF_MANY,
    NAMING_AFTER,
    NEITHER_NOR,
    NOT_BEFORE,
    OBJECT_GAP,
    OFFICIALS_BEFORE,
    UNTIL_NOW,
    WEEKDAY,
    WHEN_CLAUSE,
    multilateral,
)
from timeline.extract.gazetteer import GazetteerActor
from timeline.extract.registry import spec_for
from timeline.extract.stages import Frame


class FramesMixin:
    """The frame stage of `ArticleExtractor`."""

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
    ) -> Frame | None:
        s = sm.sentence
        body = s.plain
        type_ = trig.type
        if not spec_for(type_).states_count and not any(m.is_person for m in sm.mentions):
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
        if (
            trig.subtype == "call_ref"
            and lowered_trigger.endswith((" to", " with"))
            and (
                self.drafts[-1].sentence_index < sm.index - 1
                or IN_PERSON_AT.search(body, trig.end, clause[1])
            )
        ):
            return None  # "spoke with Kishida at the White House" is no call told on
        if trig.subtype == "expect" and not (
            re.search(r"\b(?:is|are|was|were|be)\s+(?:also\s+)?$", before)
            and tr.EXPECT_GATHERING.match(body[trig.start :])
        ):
            return None
        if (
            trig.subtype == "absent"
            and not tr.ABSENT_GATHERING.match(body[trig.end :])
            and not tr.ABSENT_GATHERING_BEFORE.search(body[: trig.start])
        ):
            return None
        if (
            type_ == "attendance"
            and not self._has(tr.GATHERING, body)
            and not any(d.type == "attendance" for d in self.drafts)
            # "when they gather in Deauville": leaders who gather; "inaugurated a dam"
            and not (
                lowered_trigger.startswith("inaugurat")
                or (lowered_trigger.startswith("gather") and re.search(r"\bleaders\b", body))
            )
            # "..., and King Mohammed VI did not attend": the ceremony told before
            and not (
                self.gathering_told
                and (trig.subtype == "absent" or NOT_BEFORE.search(before[-24:]))
                and re.match(r"\s*(?:[.;,]|$)", body[trig.end :])  # no object of its own
            )
        ):
            return None
        if lowered_trigger.startswith("gather") and not any(
            s.start + clause[0] <= m.start < s.start + trig.start and m.is_person
            for m in sm.mentions
        ):
            return None  # "protesters gathered in Moscow to demand that Putin resign"
        if lowered_trigger in (
            "host",
            "hosted",
            "hosts",
            "hosting",
        ) and tr.HOSTED_AT_GATHERING.match(body[trig.start :]):
            type_ = "attendance"  # "Xi hosted Putin and Kim at a military parade"
        elif lowered_trigger in ("host", "hosts") and HOSTS_THE_GATHERING.search(
            body, max(0, trig.start - 120), trig.start
        ):
            # "the BRICS summit on Tuesday, which Zuma will host": the gathering's host, and
            # no one named after the verb is his guest
            return None
        elif lowered_trigger in ("host", "hosted", "hosts", "hosting"):
            lo, hi = s.start + trig.end, s.start + trig.end + 40
            named = any(lo <= m.start < hi and m.is_person for m in sm.mentions)
            meal = re.match(
                r"\s+(?:a|an|the)\s+(?:\w+\s+)?(?:banquet|dinner|lunch|talks)", body[trig.end :]
            )
            if not named and not meal:
                return None  # "Xi hosted more than 20 leaders": no one named
            if re.search(r"\b(?:the|a|an|its|his|her|their|by|as)\s+$", before):
                # "Kishida, the host, has invited him", "signed by host Lula": the noun
                return None
        if lowered_trigger == "see" and not re.search(r"\bto\s+$", before):
            return None  # "see" meets only as "to see X": not "we will see Xi's answer"
        if lowered_trigger.endswith(" by") and re.search(
            r"\b(?:leaders|heads\s+of\s+(?:state|government)|delegates|guests|dignitaries),\s+$",
            before,
        ):
            return None  # "The G20 leaders, welcomed by Macri, opened their summit": a host
        if lowered_trigger.startswith("invited") and re.search(
            r"\b(?:guests|leaders|dignitaries|countries|heads\s+of\s+state)\s+$", before
        ):
            return None  # "one of several guests invited for an outreach session"
        if lowered_trigger.startswith(("welcom", "receiv")) or lowered_trigger == "see":
            # "welcomed Imran Khan", "received by King Salman": the leader is named next
            # and is the object itself: only "by" and capitalised title words in between, and
            # not a possessive ("welcomed Kim's decision", "received Kim's letter")
            lo = s.start + trig.end
            if not any(
                lo < m.start <= lo + 40
                and m.is_person
                and m.dependant is None
                and not m.possessive
                and OBJECT_GAP.fullmatch(body[trig.end : m.start - s.start])
                for m in sm.mentions
            ):
                return None
        called = None
        if lowered_trigger in ("call", "calls", "called", "calling"):
            on = re.match(r"\s+on\s+", body[trig.end :])
            if on is not None:
                after_on = trig.end + on.end()
                called = next(
                    (
                        m
                        for m in sm.mentions
                        if m.is_person
                        and m.start >= s.start + after_on
                        and OBJECT_GAP.fullmatch(" " + body[after_on : m.start - s.start])
                    ),
                    None,
                )
        if called is not None:
            # "is scheduled to call on Emperor Akihito" (the leader right after "on"): a visit;
            # "called on Putin (on Monday) to withdraw", "... for help": an appeal
            rest = self.text[called.end : s.start + clause[1]]
            if re.search(r"\bto\s+(?!the\b|his\b|her\b)[a-z]|\bfor\b|\band\s+[A-Za-z]", rest):
                return None
            type_ = "meeting"
        elif lowered_trigger in ("call", "calls", "called", "phoned", "rang"):
            # A verb of calling someone: a leader named right after ("called Biden"), not
            # "called the treaty ...", "called off", "a call for".
            lo = s.start + trig.end
            capital_next = re.match(r"\s+(?:[A-Z]|him\b|her\b)", body[trig.end : trig.end + 5]) or (
                # the noun: an "excellent call" with Trump
                lowered_trigger in ("call", "calls")
                and re.match(r"[\"”’']?\s+(?:with|between)\s+[A-Z]", body[trig.end : trig.end + 16])
            )
            called = next((m for m in sm.mentions if lo < m.start <= lo + 30 and m.is_person), None)
            if not capital_next or called is None:
                return None
            if lowered_trigger == "called" and NAMING_AFTER.match(self.text, called.end):
                return None  # "who called Trump 'my friend'", "called Kim a madman": a name
        if type_ == "meeting" and lowered_trigger in ("meet", "meets", "met"):
            group = GROUP_LEADERS.search(body, clause[0], trig.start) or LEADERS_OF_MANY.search(
                body, clause[0], trig.start
            )
            met_someone = any(
                s.start + trig.end <= m.start <= s.start + trig.end + 30 and m.is_person
                for m in sm.mentions
            )
            if (
                group
                and GROUP_SUBJECT_GAP.fullmatch(body, group.end(), trig.start)
                and not met_someone
            ):
                type_ = "attendance"  # "The G20 leaders, Obama among them, meet tomorrow"
        if lowered_trigger in ("summit", "summits", "meeting", "meetings") and multilateral(
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
                # "is due at the White House ... for talks": no gathering, so a meeting
                and (o.subtype != "expect" or tr.EXPECT_GATHERING.match(body[o.start :]))
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
        if (
            type_ == "meeting"
            and lowered_trigger in ("meeting", "meet", "met")
            and (officials := OFFICIALS_BEFORE.search(before[-40:])) is not None
            # "Biden, Kishida and their foreign ministers met": the leaders meet too
            and not officials.group("whose")
        ):
            return None  # "EU foreign ministers meeting in Brussels approved travel bans"
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
        accepted = trig.subtype == "visit" and ACCEPTED_INVITATION.search(before) is not None
        if trig.subtype == "visit":
            if not accepted and re.search(
                r"\b(?:invit\w*|ask(?:ed|s|ing)?)\b[^.;]{0,40}$", before, re.I
            ):
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
                # ... but only once an event of the type has been told: "Putin called off
                # his visit to Pyongyang" opening a story is the visit's first mention.
                told = any(d.type == type_ for d in self.drafts)
                if (
                    not follow.startswith((" with", " between"))
                    and not (possessive and (named or not told))
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
        # Status cues count in the trigger's clause only (a cue in another clause governs
        # another verb); the cue patterns themselves want the cue a few words before it.
        window_start = clause[0]
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
            # "Neither Xi nor Modi is attending this year's session"
            or bool(NEITHER_NOR.match(body, clause[0], trig.start))
        )
        if not negated and tr.CANCELLED_AFTER.match(body[trig.end : trig.end + 90]):
            negated = True  # "a summit with Trump, which Trump called off on Thursday"
        if (
            not negated
            and tr.NOUN_TRIGGER.match(trig.text)
            and tr.CANCELLED_LATER.match(body, trig.end)
        ):
            negated = True  # "Xi's state visit ... has been postponed"
        if negated and self._has(tr.REVERSED, body):
            return None  # "called off the meeting ... before reversing course"
        if negated and UNTIL_NOW.search(body, trig.end, clause[1]):
            return None  # "had not travelled to Kyiv until now": now they have
        wish = tr.WISH.search(before) or tr.WISH_MAY.search(before)
        if (
            wish is not None
            and wish.group().lower().startswith("invit")
            and tr.SUBORDINATE_OPENER.search(before, wish.end())
        ):
            # "extended the invitation to Xi when they held talks": the noun "invitation to"
            # is no wish over a clause of its own (a real wish, "hopes that when he travels
            # to Asia he can meet Kim", still governs)
            wish = None
        if wish and ACCEPTED_INVITATION.search(before):
            wish = None  # an accepted invitation to visit is a plan, not a wish
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
        if (
            wish
            and type_ == "sanction"
            and re.search(r"\b(?:if|unless|should)\b", body[trig.end : clause[1]])
        ):
            return None  # "stands ready to tighten sanctions against Russia if the truce fails"
        if (
            wish
            and type_ == "invitation"
            and not negated
            and not wish.group().lower().startswith("invit")
            and re.match(r"invit(?:e|ing)\b", trig.text, re.I)
        ):
            return None  # "would consider inviting Putin": a thought, not an invitation
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
            and (
                tr.PLANNED_AFTER.match(unquoted[trig.end : clause[1]])
                or tr.MAYBE_AFTER.match(unquoted[trig.end : clause[1]])
            )
        ):
            future = True  # "his summit with Kim would take place on June 12"
        if (
            not future
            and not past
            and tr.SCHEDULED_PRESENT.search(unquoted[clause[0] : trig.end])
            and (
                tr.SCHEDULE_DAY.search(unquoted[clause[0] : clause[1]])
                # "..., before Putin travels to Texas in November": a present tense after
                # "before"/"until"/"once" tells what is still to come
                or tr.TEMPORAL_OPENER.match(unquoted, clause[0])
            )
            and not tr.HABITUAL.search(unquoted[clause[0] : clause[1]])
            and not any(kind == "past" for _, _, kind in sentence_cues(body.lower()))
        ):
            future = True  # "goes on to Tanzania on Monday for talks": a schedule
        if (
            not future
            and not past
            and trig.text.partition(" ")[0].lower().endswith("ing")
            and re.search(r"\b(?:before|after)\s+$", unquoted[clause[0] : trig.start])
            and tr.PLANNED_CLAUSE.search(unquoted[clause[0] : trig.start])
        ):
            future = True  # "is due to see Hu today before flying to the Boao Forum"
        if (
            not future
            and not past
            and tr.NOUN_TRIGGER.match(trig.text)
            and re.search(
                r"\ball\s+eyes\s+are\s+(?:now\s+)?on\b", unquoted[clause[0] : trig.start], re.I
            )
            and WEEKDAY.search(unquoted, trig.end, clause[1])
            and not any(kind == "past" for _, _, kind in sentence_cues(body.lower()))
        ):
            future = True  # "All eyes are now on a dinner meeting between Trump and Xi on Saturday"
        if not future and not past:
            when = WHEN_CLAUSE.search(unquoted, 0, trig.start)
            if (
                when is not None
                and tr.PLANNED_CLAUSE.search(unquoted[: when.start()])
                and not any(
                    kind == "past" for _, _, kind in sentence_cues(body.lower(), when.end())
                )
            ):
                future = True  # "is due to see Chretien in April, when Canada hosts the summit"
        if trig.subtype == "expect" or invited_for:
            future = True
        if accepted:
            future = True  # "Vajpayee accepted Musharraf's invitation to visit Pakistan"
        if negated:
            status = "negated"
            if cue is not None and re.search(r"(?:ed|off)$", cue.group("cue"), re.I):
                # "On Thursday, Trump cancelled a planned meeting": the cancelling is told in
                # the past, so its dates resolve backwards, whatever the noun's adjective
                future = False
        elif future and BUT_CANCELLED.match(body, trig.end):
            status = "negated"  # "had been due to stop in Port Moresby ..., but cancelled the trip"
        elif future:
            status = "planned"
        if type_ == "invitation" and self._has(tr.AT_INVITATION, body):
            status = "occurred"
        return Frame(trig, type_, clause, status, future)

    def _council(self) -> GazetteerActor | None:
        """The Security Council, when the article has named it so far."""
        for sm in self.sentences[: self._index + 1]:
            for m in sm.mentions:
                if m.actor.key == "org:UNSC":
                    return m.actor
        return None

    def _has(self, pattern: re.Pattern[str], body: str) -> bool:
        """Whether the sentence matches `pattern`, computed once per sentence."""
        key = (id(pattern), body)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = pattern.search(body) is not None
        return found
