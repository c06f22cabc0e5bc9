"""Frame -> participants: who fills an event, by its type's argument rule and clause."""

from __future__ import annotations

import re
from itertools import pairwise

from timeline.extract import triggers as tr
from timeline.extract.dates import DateRange
from timeline.extract.entities import (
    Mention,
    SentenceMentions,
)
from timeline.extract.events.datepick import _HOST_OF_GATHERING
from timeline.extract.events.model import MIN_PARTICIPANTS, STATE_VIAS
from timeline.extract.events.parties import PartiesMixin
from timeline.extract.events.phrases import _LISTED, PhrasesMixin
from timeline.extract.gazetteer import GazetteerActor
from timeline.extract.stages import Frame

# "on Syria, Ukraine or" before a name: it is what a deal is about
_TOPIC_LIST = re.compile(
    r"\b(?:on|over|about|regarding|concerning|towards?)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*(?:,\s+|\s+(?:and|or)\s+|,\s+(?:and|or)\s+))*$"
)

_PLACE_BEFORE = re.compile(r"\b(?:in|at|near)\s+(?:a\s+|an\s+|the\s+)?$", re.I)
# A gathering in a later clause: a host told after it is that gathering's.
_GATHERING_NOUN = re.compile(rf"{tr.GATHERING_KIND.pattern}|\b(?:meeting|talks)\b", re.I)


# A signing the leaders watched: "witnessed the signing of", "as Modi and Hasina looked on",
# "with the two leaders looking on" (and "in the presence of" a leader).
_WITNESSED_SIGNING = re.compile(
    r"\bwitness(?:ed|es|ing)?\s+(?:the\s+)?signing\b|\b(?:looked|looking|looks)\s+on\b",
    re.I,
)
_LEADERS_WATCHING = re.compile(
    r"\b(?:the\s+(?:two|three|four)\s+(?:leaders|presidents|prime\s+ministers)|the\s+leaders)"
    r"\s+(?:\w+\s+)?$",
    re.I,
)
# Officials as the signers: "Ministers and company executives then signed", "the foreign
# secretaries of the two countries signed", "which the two governments signed".
_OFFICIALS_SIGNED = re.compile(
    r"\b(?:ministers?|officials|secretar(?:y|ies)|executives|delegations|negotiators|"
    r"envoys|governments|ambassadors?)\b(?:\s+(?:of|from)\s+the\s+(?:two|three)\s+"
    r"(?:countries|sides|nations))?\s+(?:\w+\s+){0,2}?(?:signed|sign|concluded|exchanged)\b",
    re.I,
)


class ParticipantsMixin(PartiesMixin, PhrasesMixin):
    """The argument stage of `ArticleExtractor`."""

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
        self,
        sm: SentenceMentions,
        span: tuple[int, int],
        *,
        allow_dependant: bool,
        parties_only: bool = False,
    ) -> list[Mention]:
        """States and bodies named in the span; `parties_only` leaves out the topics of a
        deal ("agreements on Syria, Ukraine or arms control")."""
        a, b = sm.sentence.start + span[0], sm.sentence.start + span[1]
        a = max(a, self.dateline_end)  # "VIENNA, July 14 (AP) -": where filed, not a party
        out = []
        for m in sm.mentions:
            if not (a <= m.start < b):
                continue
            if parties_only and _TOPIC_LIST.search(self.text, max(a, m.start - 80), m.start):
                continue
            if m.via == "capital" and _PLACE_BEFORE.search(
                self.text, max(a, m.start - 12), m.start
            ):
                continue  # "a final session in a Vienna hotel": where, not who
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
                if re.search(r"\b(?:that|which|who|whom|whose)\b", self.text[lo : m.start]):
                    return None  # "a visit to the former enemy that China is watching"
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
        self, sm: SentenceMentions, cand: Frame, when: DateRange | None
    ) -> list[tuple[GazetteerActor, str]] | None:
        trig = cand.trigger
        type_ = cand.type
        clause = cand.clause
        whole = (0, len(sm.sentence.plain))
        body = sm.sentence.plain
        need = MIN_PARTICIPANTS[type_]

        if type_ == "sanction":
            return self._sanction_parties(sm, cand)

        leaders = self._unique(self._outside_relatives(sm, trig, self._leaders_in(sm, clause)))
        if type_ == "agreement" and not leaders:
            states = self._unique(self._states_in(sm, clause, allow_dependant=True))
            if len(states) >= 2:
                # "North and South Korea signed ..., as Moon and Kim held talks"
                return [(a, "signatory") for a in states]
        if len(leaders) < need:
            leaders = self._unique(self._outside_relatives(sm, trig, self._leaders_in(sm, whole)))

        if type_ == "agreement" and trig.text.lower().endswith(" between"):
            # "the 1998 declaration between Obuchi and Kim": the parties it names
            after = [m for m in sm.mentions if m.start >= sm.sentence.start + trig.end]
            named = [m for m in after if m.is_person or m.actor.kind == "country"][:1]
            for prev, m in pairwise(after):
                if (
                    not named
                    or prev is not named[-1]
                    or not _LISTED.fullmatch(self.text[prev.end : m.start])
                ):
                    break
                named.append(m)
            parties = self._unique_actors([m.actor for m in named])
            return [(a, "signatory") for a in parties] if len(parties) >= 2 else None
        if type_ == "agreement" and self._signed_by_officials(sm, cand):
            # "the foreign secretaries signed ... as Modi and Hasina looked on", "the two
            # leaders witnessed the signing": an agreement signed by officials is the states'
            states = self._unique(self._states_in(sm, clause, allow_dependant=True))
            for actor in leaders:
                country = self.gaz.actor(actor.country) if actor.country else None
                if country is not None and country not in states:
                    states.append(country)
            if len(states) >= 2:
                return [(a, "signatory") for a in states]
        if type_ == "agreement":
            if len(leaders) < 2:
                lead_pair = self._lead_pair()
                if len(leaders) == 1 and lead_pair and leaders[0] in lead_pair:
                    leaders = list(lead_pair)
                else:
                    states = self._unique(
                        self._states_in(sm, whole, allow_dependant=True, parties_only=True)
                    )
                    if len(states) >= 2:
                        return [(a, "signatory") for a in states]
                    if not leaders and lead_pair and cand.status != "occurred":
                        leaders = list(lead_pair)
            return [(a, "signatory") for a in leaders] if len(leaders) >= 2 else None

        if type_ == "meeting" and trig.subtype == "visit":
            local = self._unique(self._outside_relatives(sm, trig, self._leaders_in(sm, clause)))
            return self._visit_parties(sm, cand, local, when)

        if type_ in ("meeting", "call"):
            between = self._between_phrase(sm, cand)
            if between is not None:
                return [(a, "participant") for a in between]
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

        if type_ == "attendance" and trig.subtype == "visit":
            # "before flying to the Boao Forum": the traveller (and those listed with him)
            # attends, not the leader he saw on the way
            travellers = self._subjects(sm, cand)
            if not travellers:
                return None
            roles = [(a, "attendee") for a in travellers]
            host = self._host_after(sm, trig)  # "... a forum hosted by President Xi"
            if host is not None and host not in travellers:
                roles.append((host, "host"))
            return roles
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

        if type_ == "invitation" and re.search(
            r"\b(?:been|was|were|being)\s+$", body[: trig.start]
        ):
            lo = sm.sentence.start + clause[0]
            if not any(
                lo <= m.start < sm.sentence.start + trig.start and m.is_person for m in sm.mentions
            ):
                return None  # "dissidents who had been invited to meet Obama": others invited
        if type_ == "invitation" and len(leaders) == 1:
            lead_pair = self._lead_pair()
            if lead_pair and leaders[0] in lead_pair:
                # "Putin accepted an invitation to visit": from the other of the pair.
                other = next(a for a in lead_pair if a != leaders[0])
                return [(other, "sender"), (leaders[0], "recipient")]
        if len(leaders) < need:
            # "Xi sent a congratulatory message": to the person the article opens on
            return self._congratulated(sm, cand) if type_ == "message" else None
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
        if type_ == "message":
            addressed = self._addressed(sm, cand) or self._congratulated(sm, cand)
            if addressed is not None:
                return addressed
        if type_ in ("message", "invitation"):
            sender = self._sender(sm, trig, leaders)
            return [(a, "sender" if a == sender else "recipient") for a in leaders]
        return [(a, "participant") for a in leaders]

    def _signed_by_officials(self, sm: SentenceMentions, cand: Frame) -> bool:
        body = sm.sentence.plain
        clause = body[cand.clause[0] : cand.clause[1]]
        base = sm.sentence.start
        for watched in _WITNESSED_SIGNING.finditer(body):
            # the watchers are the leaders ("as Modi and Hasina looked on", "the two
            # presidents witnessed the signing"), not "their foreign ministers looked on"
            lo = max(0, watched.start() - 45)
            leaders = _LEADERS_WATCHING.search(body, lo, watched.start()) or any(
                base + lo <= m.end <= base + watched.start() and m.is_person for m in sm.mentions
            )
            if leaders and not tr.OFFICIALS.search(body, lo, watched.start()):
                return True
        for presence in re.finditer(r"\bin\s+the\s+presence\s+of\s+", body):
            at = sm.sentence.start + presence.end()
            if any(at <= m.start <= at + 40 and m.is_person for m in sm.mentions):
                return True  # "signed in the presence of Xi and Nazarbayev"
        before = body[cand.clause[0] : cand.trigger.end]  # the trigger may be "signed"
        officials = _OFFICIALS_SIGNED.search(before)
        if officials is None or re.search(r"\bthe\s+(?:two|three|four)\s+leaders\b", clause):
            return False
        # "Xi and Putin and their ministers signed": the leaders sign too
        at = base + cand.clause[0] + officials.start()
        return not any(
            m.is_person
            and m.end <= at
            and re.fullmatch(
                r"\s*,?\s*and\s+(?:(?:their|his|her)\s+)?(?:\w+\s+)?", self.text[m.end : at]
            )
            for m in sm.mentions
        )

    def _between_phrase(self, sm: SentenceMentions, cand: Frame) -> list[GazetteerActor] | None:
        """ "a phone call between Trump and the Egyptian leader": the leaders it lists, and
        only they (not "he" who was invited after it)."""
        trig = cand.trigger
        body = sm.sentence.plain
        m = re.match(r"\s+(?:[\w-]+\s+){0,2}?between\s+", body[trig.end : trig.end + 40])
        if m is None or not (tr.NOUN_TRIGGER.match(trig.text) or tr.NOMINAL_CALL.match(trig.text)):
            return None
        lo = sm.sentence.start + trig.end + m.end()
        after = [x for x in sm.mentions if x.start >= lo and x.is_person and x.dependant is None]
        if not after or after[0].start > lo + 40:
            return None
        parties = self._unique_actors([x.actor for x in self._listed(after)])
        return parties if len(parties) >= 2 else None

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
        breaks = list(tr.CLAUSE_BREAK.finditer(body, trig.end, hosted.start()))
        if breaks and _GATHERING_NOUN.search(body, breaks[-1].end(), hosted.start()):
            return None  # "attended a meeting of NATO ..., and joined a summit hosted by X"
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
