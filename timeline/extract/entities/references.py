"""Who a pronoun, a title used again or a subject "he" refers to: the lookbacks of
`EntityResolver` over the sentences resolved so far."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import timedelta

from timeline.extract.entities.mentions import Mention
from timeline.extract.entities.words import _CLAUSE_GAP, _FRONTED_CLAUSE, _NAMED_OFFICIAL
from timeline.extract.gazetteer import GazetteerActor
from timeline.extract.lexicon import DESCRIPTOR_TITLES

# Capitalised words between a title and the name it heads: "Emir Sheikh Tamim".
_NAME_WORDS = re.compile(r"(?:[A-Z][\w.'-]*\s+){0,2}")
# The end of a preposition's phrase before a name: "took over from (President) Chirac" (not
# "with", "to": "held talks with Xi. Putin will meet him" is Xi).
_AFTER_PREPOSITION = re.compile(r"\b(?:from|of|about|against|over)\s+(?:[A-Z][\w.'-]*\s+){0,4}$")
# Each descriptor title as written before a name: "Crown Prince " (any case).
_DESCRIPTOR_PATTERNS = {
    words: re.compile(r"\b" + r"\s+".join(words) + r"\s+", re.I) for words in DESCRIPTOR_TITLES
}
_SUBORDINATORS = frozenset({"since", "after", "before", "when", "while", "because", "until"})
# "... to congratulate him": a purpose infinitive whose object pronoun is the object before
_PURPOSE_BEFORE = re.compile(r"\bto\s+[a-z]+\s+$")
_OBJECT_CONTROL = re.compile(
    r"\b(?:invit|ask|urg|told|tell|persuad|encourag|press|call(?:ed|s)? on)\w*\b", re.I
)


class ReferencesMixin:
    """The lookback rules of `EntityResolver`."""

    def _persons_before(self, i: int, s_idx: int, back: int):
        """Person mentions (not dependants, not pair references) before token i, latest
        first, in this sentence and the `back` sentences before it."""
        start = self.starts[i]
        for k in range(s_idx, max(-1, s_idx - back - 1), -1):
            for m in reversed(self._out[k].mentions):
                if m.start < start and m.is_person and m.dependant is None and m.via != "pair":
                    yield k, m

    def _object_pronoun(self, i: int, s_idx: int) -> GazetteerActor | None:
        """Who "him" is: the latest person named before it outside its own clause (the
        subject of its clause is someone else), in this sentence or the two before."""
        start = self.starts[i]
        own: set[str] = set()
        sentence = self.sentences[s_idx]
        fronted = _FRONTED_CLAUSE.match(sentence.plain)
        # "On Friday, after Mubarak sacked his cabinet, Obama phoned him": a clause put
        # before the main one is not the main clause
        main_from = sentence.start + fronted.end() if fronted else sentence.start

        def apart(m: Mention) -> bool:
            return bool(_CLAUSE_GAP.search(self.plain[m.end : start])) or m.start < main_from

        in_clause = [m for k, m in self._persons_before(i, s_idx, 0) if not apart(m)]
        if len(in_clause) >= 2 and _PURPOSE_BEFORE.search(self.plain, in_clause[0].end, start):
            # "Sisi phoned Trump on Wednesday to congratulate him": the clause's subject is
            # not "him"; its object is. After "invited/asked/urged Moon to visit him" the
            # object does the visiting, and "him" is the subject.
            if in_clause[0].actor == in_clause[-1].actor:
                return None
            if _OBJECT_CONTROL.search(self.plain, in_clause[1].end, in_clause[0].start):
                return in_clause[-1].actor
            return in_clause[0].actor
        for k, m in self._persons_before(i, s_idx, 2):
            if k == s_idx and not apart(m):
                own.add(m.actor.key)
                continue
            if m.actor.key not in own:
                if _NAMED_OFFICIAL.search(self.plain[m.end : start]):
                    return None  # "... sent Secretary of State Mike Pompeo; Kim met him"
                if k < s_idx and _AFTER_PREPOSITION.search(
                    self.plain[max(0, m.start - 60) : m.start]
                ):
                    # "Sarkozy took over from Chirac in the morning. Merkel greeted him": an
                    # earlier sentence's subject, not a name told after a preposition
                    subject = next(
                        (
                            n
                            for n in self._out[k].mentions
                            if n.is_person and n.dependant is None and n.via != "pair"
                        ),
                        m,
                    )
                    return subject.actor if subject.actor.key not in own else m.actor
                return m.actor
        return None

    def _descriptor(
        self, i: int, s_idx: int, bucket: list[Mention], sentence_persons: list[GazetteerActor]
    ) -> int:
        """ "Saudi Crown Prince Mohammed bin Salman ... On Tuesday, Trump and the crown prince
        held talks": the last person named right after that title, in this sentence or the
        four before."""
        keys = self.keys
        if keys[i] != "the":
            return 0
        for words in DESCRIPTOR_TITLES:
            j = i + 1 + len(words)
            if tuple(keys[i + 1 : j]) != words or not self.words[i + 1].islower():
                continue
            if j < len(keys) and self.words[j][:1].isupper():
                return 0  # "the Crown Prince Mohammed": a title before a name
            titled = _DESCRIPTOR_PATTERNS[words]
            for _, m in self._persons_before(i, s_idx, 4):
                # the title right before the name ("Saudi Crown Prince Mohammed bin Salman"),
                # or inside the mention when the alias holds it
                found = list(titled.finditer(self.plain, max(0, m.start - 40), m.end))
                if found and (
                    found[-1].end() > m.start
                    or _NAME_WORDS.fullmatch(self.plain, found[-1].end(), m.start)
                ):
                    bucket.append(self._mention(i, j, m.actor, "title"))
                    sentence_persons.append(m.actor)
                    return j - i
            return 0
        return 0

    def _recent_holder(
        self, i: int, title: str, new_within: timedelta | None = None
    ) -> GazetteerActor | None:
        """ "the president" with no country: the latest leader named before who held a post
        of that title on the article's date (taken up within `new_within` of it, for "the
        new president")."""
        s_idx = bisect_right([s.start for s in self.sentences], self.starts[i]) - 1
        wanted = f" {title} "
        for _, m in self._persons_before(i, s_idx, 4):
            for office in self.gaz.offices_of(m.actor.key):
                # the post's own title ("President of the United States"), not an alias
                if (
                    office.held_on(self.published)
                    and wanted in f" {office.title.lower()} "
                    and (new_within is None or self.published - office.start <= new_within)
                ):
                    return m.actor
        return None

    def _first_two(
        self, s_idx: int, sentence_persons: list[GazetteerActor]
    ) -> tuple[GazetteerActor, GazetteerActor] | None:
        """The first two leaders the article names, for "the two leaders" before any
        sentence has named a pair."""
        distinct: list[GazetteerActor] = []
        for k in range(s_idx):
            for m in self._out[k].mentions:
                if m.is_person and m.dependant is None and m.actor not in distinct:
                    distinct.append(m.actor)
        for actor in sentence_persons:
            if actor not in distinct:
                distinct.append(actor)
        return (distinct[0], distinct[1]) if len(distinct) >= 2 else None

    def _named_later(self, i: int, s_idx: int, actor: GazetteerActor) -> bool:
        """Whether the actor is named by an alias after token i in the same clause ("...,
        their first meeting since Bush took office" names him in another)."""
        sm = self._out[s_idx]
        for k in range(i + 1, sm.end_token):
            if (
                self.keys[k] in _SUBORDINATORS
                or "," in self.plain[self.ends[k - 1] : self.starts[k]]
            ):
                return False
            hit = self._hit_at.get(k)
            if hit is not None and any(e.actor == actor.key for e in self.gaz.text_index[hit.key]):
                return True
        return False
