"""Phrases around a trigger that bound its parties: a relative clause on a leader, a verb's
object, a noun's "with" partner, a message's "to" list, the leaders heading a clause."""

from __future__ import annotations

import re
from itertools import pairwise

from timeline.extract import triggers as tr
from timeline.extract.entities import (
    Mention,
    SentenceMentions,
)
from timeline.extract.gazetteer import GazetteerActor
from timeline.extract.stages import Frame

# A relative clause on a leader, closed by a comma before the main verb: ", whom Trump met in
# 2018, will visit", ", who met Trump in Hanoi, is due".
_RELATIVE_OPEN = re.compile(r",\s+(?:who|whom|whose|which)\b", re.I)
_RELATIVE_CLOSE = tr.RELATIVE_CLOSE


# Verbs whose object is the other party: "met Moon", "called Modi", "phoned Erdogan".
_TRANSITIVE = frozenset(
    {"met", "meet", "meets", "meeting", "greeted", "called", "phoned", "telephoned", "rang"}
    | {"hosted", "host", "hosts", "hosting", "see"}
    | {"welcomed", "welcomes", "welcoming", "received", "receives", "receiving"}
)
_CONGRATULATION = re.compile(r"congratulat\w*|felicitation\w*", re.I)
_NEXT_VERB_PHRASE = re.compile(
    r"[,;]|\s(?:and|but)\s+(?:then\s+|later\s+|also\s+)?(?:will|would|is|was|has|had|did|"
    r"[a-z]+ed|met|held|spoke|sent|wrote|flew|went|made|took)\b"
)


def other_side(body: str, pos: int) -> list[tuple[int, int]]:
    """The spans of a sentence on the other side of a relative clause from `pos`: the
    relative clause when `pos` is after it, the main clause after it when `pos` is in it."""
    spans = []
    for rel in _RELATIVE_OPEN.finditer(body, 0, pos):
        close = _RELATIVE_CLOSE.search(body, rel.end())
        if close is None:
            continue
        if close.start() <= pos:
            spans.append((rel.start(), close.start()))
        else:
            spans.append((close.start(), len(body)))
    return spans


_WHERE = re.compile(r"\bwhere\s+", re.I)


def others_where(sm: SentenceMentions, pos: int) -> list[tuple[int, int]]:
    """The spans of "where" clauses after `pos` told of a leader who has no other part in the
    sentence: in "met at the Union Buildings, where Mandela was sworn in in 1994" the year is
    Mandela's, not the meeting's (in "..., where he met Yoon on Saturday" it is the event's)."""
    body = sm.sentence.plain
    spans = []
    for where in _WHERE.finditer(body, pos):
        stop = re.search(r"[,;:]|\s-+\s", body[where.end() :])
        end = where.end() + stop.start() if stop else len(body)
        inside = [m for m in sm.mentions if where.end() <= m.start - sm.sentence.start < end]
        subject = next((m for m in inside if m.is_person), None)
        if subject is None or subject.start - sm.sentence.start - where.end() > 25:
            continue
        elsewhere = any(
            m.actor == subject.actor and not where.end() <= m.start - sm.sentence.start < end
            for m in sm.mentions
        )
        if not elsewhere:
            spans.append((where.end(), end))
    return spans


# What joins the names of a list: ", ", " and ", titles ("and Japanese Prime Minister").
_LISTED = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:with\s+)?(?:the\s+)?(?:[A-Z][\w.'-]*\s+){0,5}"
)
_SEPARATE = re.compile(r"\b(?:separate|separately|bilateral|one-on-one)\b", re.I)
_TOGETHER = re.compile(
    r"\b(?:trilateral|three-way|four-way|tripartite|quadrilateral|together|jointly|joint|"
    r"all three|the three|the four|conference call|conference)\b",
    re.I,
)


# A clause that opens on its verb: "..., and met Assoumani", "..., then met Xi".
_ELIDED_SUBJECT = re.compile(r"\s*(?:(?:then|later|also|afterwards|subsequently)\s+)?", re.I)
# A preposition right before a mention: the leader is an object, not a subject.
_AFTER_PREPOSITION = re.compile(r"\b(?:to|with|from|by|for|on|at|of|about)\s+$", re.I)
# "his summit with", "her phone call with": a pronoun owner, the subject of its clause.
_PRONOUN_OWNER = re.compile(r"\b(?:his|her)\s+(?:[\w-]+\s+){0,2}$", re.I)


class PhrasesMixin:
    """The phrase rules of the participants stage."""

    def _outside_relatives(
        self, sm: SentenceMentions, trig: tr.Trigger, mentions: list[Mention]
    ) -> list[Mention]:
        """The mentions that belong to the trigger's side of a relative clause on a leader: in
        "Kim, whom Trump met in Singapore in 2018, will visit Moscow" Trump is the relative
        clause's (its own meeting), not the visit's; the meeting in it does not take the
        main clause's leaders either."""
        base = sm.sentence.start
        spans = [(base + a, base + b) for a, b in other_side(sm.sentence.plain, trig.start)]
        if not spans:
            return mentions
        return [m for m in mentions if not any(a <= m.start < b for a, b in spans)]

    def _addressed(
        self, sm: SentenceMentions, cand: Frame
    ) -> list[tuple[GazetteerActor, str]] | None:
        """ "Xi sent a message of condolence to Kishida ..., noting that Abe had ...": the
        sender before the noun and the leaders its "to" phrase names, not every leader of the
        sentence (the deceased, the one congratulated on, the one quoted about)."""
        trig = cand.trigger
        body = sm.sentence.plain
        base = sm.sentence.start
        to = re.match(r"\s+(?:[\w-]+\s+){0,3}?to\s+", body[trig.end : trig.end + 50])
        if to is None:
            return None
        lo = base + trig.end + to.end()
        end = _NEXT_VERB_PHRASE.search(self.text, lo, base + len(body))
        hi = end.start() if end is not None else base + len(body)
        named = [m for m in sm.mentions if lo <= m.start < hi and m.is_person]
        if not named or not re.fullmatch(
            r"(?:the\s+)?(?:[A-Z][\w.'-]*\s+){0,5}", self.text[lo : named[0].start]
        ):
            return None  # "to mark the anniversary of ...": not the addressee
        # the addressees: the first leader after "to" and those listed with him ("to Moon
        # and Abe"), not a leader named later ("... over the death of Abe")
        recipients = [m.actor for m in self._listed(named)]
        senders = [
            m.actor
            for m in sm.mentions
            if base + cand.clause[0] <= m.start < base + trig.start
            and m.is_person
            and m.dependant is None
            and not _AFTER_PREPOSITION.search(self.text[max(base, m.start - 12) : m.start])
        ]
        if not senders:
            return None
        parties = self._unique_actors([senders[0], *recipients])
        if len(parties) < 2:
            return None
        return [(a, "sender" if a == senders[0] else "recipient") for a in parties]

    def _congratulated(
        self, sm: SentenceMentions, cand: Frame
    ) -> list[tuple[GazetteerActor, str]] | None:
        """ "Xi sent a congratulatory message on Thursday" in a story about Trump's victory:
        congratulations with no addressee told go to the person the article opens on;
        "..., as did Lula and Ramaphosa" adds senders (one message each)."""
        trig = cand.trigger
        body = sm.sentence.plain
        base = sm.sentence.start
        if not _CONGRATULATION.search(body, max(0, trig.start - 20), trig.end + 20):
            return None
        if re.match(r"[^.;]{0,40}?\bto\s", body[trig.end :]):
            return None  # "sent congratulations to the Nigerian people": an addressee told
        did = tr.AS_DID.search(body, trig.end)
        end = did.start() if did else cand.clause[1]
        lo, hi = base + cand.clause[0], base + trig.start
        persons = [m for m in sm.mentions if m.is_person and m.dependant is None]
        if any(base + trig.end <= m.start < base + end for m in persons):
            return None  # an addressee is named
        senders = [
            m.actor
            for m in self._outside_relatives(sm, trig, persons)
            if lo <= m.start < hi
            and not _AFTER_PREPOSITION.search(self.text[max(base, m.start - 12) : m.start])
        ][:1]
        if did is not None:
            senders += [m.actor for m in persons if m.start >= base + did.end()]
        opening = self.sentences[0] if self.sentences else None
        subject = (
            next((m.actor for m in opening.mentions if m.is_person and m.dependant is None), None)
            if opening is not None
            else None
        )
        senders = self._unique_actors(senders)
        if not senders or subject is None or subject in senders:
            return None
        return [*((a, "sender") for a in senders), (subject, "recipient")]

    def _listed(self, mentions: list[Mention]) -> list[Mention]:
        """The first mention and those listed with it ("Moon and Abe", "Xi, Putin and
        Modi"), up to the first that is not."""
        listed = mentions[:1]
        for prev, m in pairwise(mentions):
            if not _LISTED.fullmatch(self.text[prev.end : m.start]):
                break
            listed.append(m)
        return listed

    def _subjects(self, sm: SentenceMentions, cand: Frame) -> list[GazetteerActor]:
        """The leaders at the head of the trigger's clause: the first one not after a
        preposition, and those listed with it ("Modi and Xi flew to ...")."""
        base = sm.sentence.start
        lo, hi = base + cand.clause[0], base + cand.trigger.start
        before = [
            m
            for m in self._outside_relatives(sm, cand.trigger, list(sm.mentions))
            if lo <= m.start < hi and m.is_person and m.dependant is None
        ]
        before = [
            m
            for m in before
            if not _AFTER_PREPOSITION.search(self.text[max(lo, m.start - 12) : m.start])
        ]
        if not before:
            return []
        return self._unique_actors([m.actor for m in self._listed(before)])

    def _note_pairwise(self, sm: SentenceMentions, trig: tr.Trigger, parties: int) -> None:
        """A subject that met several leaders named as one object list met each of them, in
        separate talks, unless the sentence says they sat together ("trilateral", "the three
        leaders", "jointly")."""
        if (
            parties > 2
            and trig.type in ("meeting", "call")
            and (not _TOGETHER.search(sm.sentence.plain) or _SEPARATE.search(sm.sentence.plain))
        ):
            self._pairwise.add((sm.index, trig.start))

    def _with_phrase(
        self, sm: SentenceMentions, cand: Frame
    ) -> list[tuple[GazetteerActor, str]] | None:
        """ "Kim's planned summit with Moon ... and a proposed meeting with Trump": the
        owner of the noun (a possessive just before it, else the clause's first leader, else
        the previous such noun's owner) and the leaders named after "with"."""
        trig = cand.trigger
        body = sm.sentence.plain
        if trig.text.lower().endswith(" with"):
            m = re.match(r"\s*", body[trig.end :])  # "a call with Putin"
        else:
            m = re.match(r"\s+(?:[\w-]+\s+){0,3}?with\s+", body[trig.end : trig.end + 40])
        if m is None or not (tr.NOUN_TRIGGER.match(trig.text) or tr.NOMINAL_CALL.match(trig.text)):
            return None
        base = sm.sentence.start
        lo = base + trig.end + m.end()
        stop = re.search(
            r",\s+|\s+(?:and|but|while)\s+(?:a|an|the|his|her|their)\b", body[lo - base :]
        )
        hi = lo + (stop.start() if stop else len(body))
        named = [
            x for x in sm.mentions if lo <= x.start < hi and x.is_person and x.dependant is None
        ]
        if not named:
            return None
        # "talks with Zuma on Saturday and paid tribute to Mandela": the list after "with"
        # ends where the names stop being listed
        listed = [named[0]]
        for prev, x in pairwise(named):
            if x.start < prev.end or x.actor == prev.actor:
                listed.append(x)  # "the two", a name and its pronoun
                continue
            if not _LISTED.fullmatch(self.text[prev.end : x.start]):
                break
            listed.append(x)
        partners = [x.actor for x in listed]
        clause_lo = base + cand.clause[0]
        before = [
            x
            for x in sm.mentions
            if clause_lo <= x.start < base + trig.start
            and x.is_person
            and x.dependant is None
            # an object ("spoke to Trump after a call with Putin") does not own the noun
            and not _AFTER_PREPOSITION.search(self.text[max(clause_lo, x.start - 12) : x.start])
        ]
        owner = None
        co_owners: list[GazetteerActor] = []
        pronoun = _PRONOUN_OWNER.search(body[max(0, trig.start - 30) : trig.start])
        if pronoun is not None and before:
            # "Moon briefed Xi on his summit with Trump": "his" is the subject's
            before = before[:1]
        earlier = self._partners.get(sm.index, set())
        near = [x for x in before if x.possessive and base + trig.start - x.end <= 25]
        others = [x for x in before if x.actor.key not in earlier]
        if near:
            owner = near[-1].actor
        elif pronoun is not None and before:
            # "..., and Modi has his first meeting with Obama": the clause's own subject,
            # though he was the partner of a meeting told before it
            owner = before[0].actor
        elif (sm.index, "meeting") in self._owners:
            owner = self._owners[(sm.index, "meeting")]  # "... and a meeting with Trump"
        elif others:
            owner = others[-1].actor  # the nearest: "Moon said Kim wanted a summit with Trump"
            # ... with those listed before it: "Merkel and Hollande flew to Kiev for talks
            # with Poroshenko"
            k = len(others) - 1
            while k > 0 and re.fullmatch(
                r"\s+and\s+", self.text[others[k - 1].end : others[k].start]
            ):
                k -= 1
                co_owners.insert(0, others[k].actor)
        if owner is None:
            return None
        self._owners[(sm.index, "meeting")] = owner
        self._partners.setdefault(sm.index, set()).update(a.key for a in partners)
        parties = [(a, "participant") for a in co_owners if a != owner]
        parties.append((owner, "participant"))
        parties += [
            (a, "participant")
            for a in self._unique_actors(partners)
            if a != owner and a not in co_owners
        ]
        if not co_owners:
            self._note_pairwise(sm, trig, len(parties))  # one subject, several partners
        return parties if len(parties) >= 2 else None

    def _object_phrase(
        self, sm: SentenceMentions, cand: Frame
    ) -> list[tuple[GazetteerActor, str]] | None:
        """ "Trump said ..., after meeting Moon": a meeting verb's subject and its object
        (the leaders named right after it), not every leader of the clause."""
        trig = cand.trigger
        if trig.text.lower() not in _TRANSITIVE:
            return None
        base = sm.sentence.start
        lo, hi = base + trig.end, base + trig.end + 45
        first_after = next((m for m in sm.mentions if m.start >= lo and m.is_person), None)
        if first_after is None or first_after.start - lo > 30:
            return None
        if re.search(r"[,;:]", self.text[lo : first_after.start]):
            return None  # "met on May 26, a day after Trump ...": not the object
        # The object phrase ends where a coordinated verb phrase begins: "hosted Zelensky
        # last year and will host Putin next month".
        next_verb = _NEXT_VERB_PHRASE.search(self.text, first_after.end, hi)
        if next_verb is not None:
            hi = next_verb.start()
        objects = [
            m.actor
            for m in self._outside_relatives(sm, trig, list(sm.mentions))
            if lo <= m.start < hi and m.is_person and m.dependant is None
        ]
        clause_lo = base + cand.clause[0]
        subjects = [
            m.actor
            for m in sm.mentions
            if clause_lo <= m.start < base + trig.start and m.is_person and m.dependant is None
        ]
        body = sm.sentence.plain
        if (
            objects
            and not subjects
            and _ELIDED_SUBJECT.fullmatch(body[cand.clause[0] : trig.start])
        ):
            # "Putin held separate talks with Sisi and Museveni ..., and met Assoumani on
            # Friday": the second verb's subject is the sentence's
            subjects = [
                m.actor
                for m in sm.mentions
                if m.is_person
                and m.dependant is None
                and m.start < base + cand.clause[0]
                and not _AFTER_PREPOSITION.search(self.text[max(base, m.start - 12) : m.start])
            ][:1]
        if not objects or not subjects:
            return None
        parties = self._unique_actors([subjects[0], *objects])
        if len(parties) < 2:
            return None
        self._note_pairwise(sm, trig, len(parties))
        if trig.text.lower().startswith("host"):
            return [(a, "host" if a == subjects[0] else "guest") for a in parties]
        return [(a, "participant") for a in parties]
