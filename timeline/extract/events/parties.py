"""Type-specific argument rules: a visit's traveller and host, a sanction's imposer and target,
the lead pair an article is about."""

from __future__ import annotations

import re

from timeline.extract.dates import DateRange
from timeline.extract.entities import (
    SentenceMentions,
    unverified_actor,
)
from timeline.extract.gazetteer import GazetteerActor
from timeline.extract.stages import Frame

# A state acting through its government: "the Obama administration", "the cabinet of
# Prime Minister Shinzo Abe", "his administration"
_GOVERNMENT_AFTER = re.compile(r"(?:['’]s)?\s+(?:administration|government|cabinet)\b", re.I)
_GOVERNMENT_OF = re.compile(
    r"\b(?:administration|government|cabinet)\s+of\s+(?:[A-Z][\w.'-]*\s+){0,3}$", re.I
)
_HIS_GOVERNMENT = re.compile(r"\b(?:his|her)\s+(?:administration|government|cabinet)\b", re.I)

# A named sanctions target the gazetteer does not hold: a person or company told after a
# country's possessive ("on Venezuela's state oil company PDVSA") or in an "including" list
# ("on 17 Saudi officials ..., including Saud al-Qahtani, a senior aide ..., and Mohammed
# al-Otaibi"). Two or more capitalised words, or an acronym.
_ENTITY_NAME = r"[A-Z][\w'’]*(?:[ -](?:(?:al|el|bin|ibn|de|da|van|von|der)[ -])?[A-Z][\w'’]*)*"
_OF_COUNTRY = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:on|against)\s+(?:the\s+)?(?:[A-Z][\w.'-]*\s+){0,2}[A-Z][\w.'-]*"
    rf"['’]s\s+(?:(?!(?:to|of|in|on|for|from|with|and|the|a|an|by|at)\b)[a-z][\w-]*\s+){{1,4}}"
    rf"(?P<name>{_ENTITY_NAME})"
)
# The targets an "including" list may name: people, officials, companies ("sanctions on 17
# Saudi officials, ..., including X"), not "several banks including X, and Y said".
_TARGET_NOUNS = re.compile(
    r"\b(?:people|persons|individuals|officials|officers|generals|leaders|figures|aides|"
    r"executives|oligarchs|businessmen|companies|firms|entities)\b",
    re.I,
)
# "including X", "among them (the commander-in-chief of the armed forces,) Senior General X"
_INCLUDING = re.compile(
    rf"\b(?:including|among\s+them)\s+(?:the\s+[a-z][^,;]{{0,60}},\s+)?"
    rf"(?:(?:Senior\s+)?(?:General|Colonel|Lieutenant\s+General|Admiral|Marshal)\s+)?"
    rf"(?P<name>{_ENTITY_NAME})"
)
# ... and the list goes on as appositives: ", and Mohammed al-Otaibi, the consul general"
_AND_NAME = re.compile(rf",\s+and\s+(?P<name>{_ENTITY_NAME})(?=\s*(?:[,.;]|$))")

# A visit's destination that is a thing, not a named place: "to a pair of disputed islets",
# "to the front line", "visited a factory".
_TO_A_THING = re.compile(
    # (not "the country", "the kingdom": a state told before)
    r"(?!\s+(?:to\s+)?the\s+(?:[a-z]+\s+)?(?:country|nation|kingdom|republic|capital|emirate|"
    r"island|islands)\b)"
    r"\s+(?:to\s+)?(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*(?=[\s,.;]|$)"
    r"(?!\s+(?:of|in|at)\s+[A-Z])"
)


def _is_entity_name(name: str) -> bool:
    return len(name.split()) >= 2 or (name.isupper() and len(name) >= 3)


def _unknown_entity(name: str) -> GazetteerActor:
    """An acronym ("PDVSA") is a company or body; a name of words, a person."""
    if " " in name or not name.isupper():
        return unverified_actor(name, None)
    return GazetteerActor(f"org:{name.lower()}", name, "organization", None, (), False)


class PartiesMixin:
    """The visit and sanction rules of the participants stage."""

    def _visit_parties(
        self,
        sm: SentenceMentions,
        cand: Frame,
        leaders: list[GazetteerActor],
        when: DateRange | None,
    ) -> list[tuple[GazetteerActor, str]] | None:
        trig = cand.trigger
        trig_pos = sm.sentence.start + trig.start
        clause = cand.clause
        lo = sm.sentence.start + clause[0]
        # The traveller: the nearest leader before the trigger in its clause ("Kim's visit",
        # "Moon will travel"), or "by X" after it.
        traveller = None
        first = None
        for m in self._outside_relatives(sm, trig, list(sm.mentions)):
            if re.match(r"['’]s\s+invitation\b", self.text[m.end : m.end + 16]):
                continue  # "accepted Musharraf's invitation to visit": the host's
            if lo <= m.start < trig_pos and m.is_person:
                traveller = m if m.dependant is None else None
                if first is None and m.dependant is None:
                    first = m
        if traveller is None:
            return None
        between = sm.sentence.plain[traveller.end - sm.sentence.start : trig.start]
        if (
            re.match(r"\s*$", between)
            and re.search(
                r"\b(?:as|while|when)\s+$", self.text[max(0, traveller.start - 8) : traveller.start]
            )
            and not re.search(r"\bvisit", trig.text, re.I)
        ):
            return None  # "cancelled the meeting as he flew to Argentina": a circumstance
        if re.search(r"\bthat\s", between) and "," not in between:
            # "Medvedev wrote that European 'fans of frogs' liked to visit Kyiv" (not "Putin,
            # who said that ..., will visit Beijing")
            return None
        if first is not None and re.search(r"\band\s+(?:[\w']+\s+){0,3}$", between):
            traveller = first  # "Kim met Xi on Tuesday and will visit Moscow": Kim travels
        if traveller.actor.verified and not self.gaz.is_leader(traveller.actor.key):
            return None
        dest = self._destination(sm, trig)
        if dest is None and _TO_A_THING.match(sm.sentence.plain, trig.end):
            return None  # "Lee's visit to a pair of disputed islets": a place, no host
        # "Macron and Scholz visited Kyiv": every traveller listed at the head of the clause
        listed = self._subjects(sm, cand)
        travellers = listed if traveller.actor in listed else [traveller.actor]
        parties: list[tuple[GazetteerActor, str]] = [(a, "guest") for a in travellers]
        # A visit to a country meets its leader; a trip or journey may be for someone else
        # ("Kim travelled to Vietnam for his summit with Trump").
        if dest is not None:
            if any(a.country == dest.key for a in travellers):
                return None
            # A leader of the destination named in the sentence is the host ("visited Japan
            # ... and met Ishiba"); else whoever held its office then.
            named = [
                m.actor
                for m in sm.mentions
                if m.is_person
                and m.dependant is None
                and m.actor.country == dest.key
                and m.actor not in travellers
                and self.gaz.is_leader(m.actor.key)
            ]
            host = named[0] if named else self._host_of(dest, when)
            given = host is not None and any(
                a is host for d in self.sentences[: sm.index + 1] for a in self._actors_of(d)
            )
            if host is not None and host not in travellers and ("visit" in trig.text or given):
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
        self, sm: SentenceMentions, cand: Frame
    ) -> list[tuple[GazetteerActor, str]] | None:
        trig = cand.trigger
        body = sm.sentence.plain
        base = sm.sentence.start
        clause = cand.clause
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
            imposer = self._government_of(sm, cand, states)
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
        target_at = next(m for m in after if m.actor == target) if target is not None else None
        if person is not None and (
            target_at is None
            or person.start < target_at.start
            # "sanctioned Venezuelan President Nicolas Maduro": the country titles him
            or (person.actor.country == target_at.actor.key and person.start - target_at.end <= 30)
        ):
            target = person.actor  # "sanctions on Russian President Vladimir Putin"
        last = self.last_sanction
        if target is None and last is not None and imposer == last.actors[0][0]:
            target = last.actors[-1][0]  # "the council adopted Resolution 2371" goes on
        if imposer is None or target is None:
            return None
        named = self._named_targets(sm, trig.end, clause[1])
        if named:
            return [(imposer, "imposer"), *((t, "target") for t in named if t != imposer)]
        if coordinated is not None and coordinated != target:
            return [(coordinated, "imposer"), (imposer, "imposer"), (target, "target")]
        return [(imposer, "imposer"), (target, "target")]

    def _named_targets(self, sm: SentenceMentions, after: int, until: int) -> list[GazetteerActor]:
        """The persons and companies a sanction names after its trigger (a list that starts in
        its clause), by name; a name the gazetteer holds is its actor."""
        body = sm.sentence.plain
        names: list[str] = []
        of_country = _OF_COUNTRY.match(body, after, until)
        if of_country is not None:
            names.append(of_country.group("name"))
        including = _INCLUDING.search(body, after, until)
        if including is not None and not _TARGET_NOUNS.search(body, after, including.start()):
            including = None  # "backed by allies including Sunak": not the sanction's targets
        if including is not None:
            names.append(including.group("name"))
            # the list goes on past a clause break: "including X, a senior aide, and Y, ..."
            names += [m.group("name") for m in _AND_NAME.finditer(body, including.end())]
        actors: list[GazetteerActor] = []
        for name in names:
            if not _is_entity_name(name):
                continue
            known = self.gaz.lookup(name)
            if known and known[0].kind == "country":
                continue
            actor = known[0] if known else _unknown_entity(name)
            if actor not in actors:
                actors.append(actor)
        return actors

    def _government_of(
        self, sm: SentenceMentions, cand: Frame, states: list
    ) -> GazetteerActor | None:
        """The state acting through its government, before the trigger in its clause: "the
        Obama administration", "the cabinet of Prime Minister Shinzo Abe", "his
        administration" (the person the sentence before is about), "the United States,
        which imposed ..." (the antecedent)."""
        body = sm.sentence.plain
        base = sm.sentence.start
        lo, hi = base + cand.clause[0], base + cand.trigger.start
        for m in sm.mentions:
            if not (lo <= m.start < hi and m.is_person and m.actor.country):
                continue
            if _GOVERNMENT_AFTER.match(self.text, m.end) or _GOVERNMENT_OF.search(
                self.text, max(lo, m.start - 60), m.start
            ):
                return self.gaz.actor(m.actor.country)
        window = body[cand.clause[0] : cand.trigger.start]
        if _HIS_GOVERNMENT.search(window) and sm.index > 0:
            previous = self.sentences[sm.index - 1]
            person = next((m for m in previous.mentions if m.is_person and m.actor.country), None)
            if person is not None:
                return self.gaz.actor(person.actor.country)
        if re.match(r"\s*(?:which|that)\b", window):
            earlier = [m for m in states if m.start < lo]
            if earlier:
                return earlier[-1].actor  # "The United States, which imposed sanctions on"
        return None

    def _lead_pair(self) -> tuple[GazetteerActor, ...] | None:
        for d in self.drafts:
            people = [a for a, _ in d.actors if a.kind == "person"]
            if len(people) == 2:
                return tuple(people)
        return None
