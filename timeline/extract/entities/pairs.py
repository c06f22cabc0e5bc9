"""Pairs and pronouns: "North and South Korea", "the two leaders", a subject "he"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from timeline.extract.entities.mentions import Mention, _phrase_at
from timeline.extract.entities.words import (
    _BOTH_NOUNS,
    _BOTH_VERBS,
    _DEPENDANTS,
    _FRONTED_CLAUSE,
    _GROUP_NOUNS,
    _GROUP_SIZES,
    _NOT_PAIR_NEXT,
    _PAIR_COUNTRY_PHRASES,
    _PAIR_PHRASES,
    _TRIO_PHRASES,
)
from timeline.extract.gazetteer import GazetteerActor

# A person, a speech verb, then "he": the speaker ("Trump has said he will boycott it").
_SAID_PRONOUN = re.compile(
    r"\b[A-Z][\w'-]+\s+(?:has\s+|had\s+)?(?:said|says|told\s+\w+|added|insisted|stressed|"
    r"warned|announced)\s+(?:that\s+)?$"
)


# "the two prime ministers" are two heads of government, "the two presidents" two heads of
# state: a pair of the right office, not just the last two leaders named.
_PAIR_ROLES = {
    "ministers": "head_of_government",
    "premiers": "head_of_government",
    "presidents": "head_of_state",
}


_TITLE_BEFORE = re.compile(r"\b(President|Prime Minister|Premier|Chancellor)\s+$")


class PairsMixin:
    """The pair and pronoun rules of `EntityResolver`."""

    def _holds(self, person: GazetteerActor, role: str) -> bool:
        """Whether the person held an office of that role on the article's date (an unknown
        leader, with no offices on record, may)."""
        if not person.verified:
            # an unknown leader: by the title he was named with ("Afghan President Ashraf
            # Ghani" is a head of state)
            at = self.plain.find(person.name)
            title = _TITLE_BEFORE.search(self.plain, max(0, at - 30), max(0, at))
            if at < 0 or title is None:
                return True
            word = title.group(1).lower()
            return role == ("head_of_state" if word == "president" else "head_of_government")
        return any(
            o.role == role and o.held_on(self.published) for o in self.gaz.offices_of(person.key)
        )

    def _pair_holding(
        self, i: int, s_idx: int, role: str
    ) -> tuple[GazetteerActor, GazetteerActor] | None:
        """The two leaders of that role named last before token i."""
        found: list[GazetteerActor] = []
        for _, m in self._persons_before(i, s_idx, 5):
            if m.actor not in found and self._holds(m.actor, role):
                found.append(m.actor)
                if len(found) == 2:
                    return found[1], found[0]
        return None

    def _elliptic_country(self, i: int, bucket: list[Mention]) -> int:
        """ "North and South Korea": the first half names North Korea."""
        keys = self.keys
        if i + 3 >= len(keys) or keys[i + 1] != "and" or not self.words[i][:1].isupper():
            return 0
        for entry in self.gaz.text_index.get(keys[i] + keys[i + 3], ()):
            actor = self.gaz.actor(entry.actor)
            if actor is not None and actor.kind == "country" and entry.kind == "name":
                bucket.append(self._mention(i, i + 1, actor, "country"))
                return 1
        return 0

    def _pair_or_pronoun(
        self,
        i: int,
        s_idx: int,
        bucket: list[Mention],
        which_pair: Callable[[], tuple[GazetteerActor, GazetteerActor] | None],
        last_subject: tuple[int, GazetteerActor] | None,
        sentence_persons: list[GazetteerActor],
        sentence_start: bool,
        trio: tuple[GazetteerActor, ...] | None = None,
        groups: dict[int, tuple[GazetteerActor, ...]] | None = None,
    ) -> int:
        tokens = self.tokens
        key = self.keys[i]
        nxt = self.keys[i + 1] if i + 1 < len(tokens) else ""
        if key in ("the", "all") and nxt in _GROUP_SIZES:
            if i + 2 >= len(tokens) or self.keys[i + 2] not in _GROUP_NOUNS:
                return 0
            for person in (groups or {}).get(_GROUP_SIZES[nxt], ()):
                bucket.append(self._mention(i, i + 3, person, "pair"))
                sentence_persons.append(person)
            return 3
        if key == "the" and nxt not in ("two", "pair", "three", "leaders"):
            return 0
        if (
            key == "the"
            and nxt == "leaders"
            and (not sentence_start or (i + 2 < len(tokens) and self.keys[i + 2] == "of"))
        ):
            return 0  # only "The leaders had dined together": the pair as a subject
        if key in ("the", "all") and nxt == "three":
            for phrase in _TRIO_PHRASES:
                if phrase[0] == key and _phrase_at(tokens, i, phrase):
                    j = i + len(phrase)
                    if len(phrase) == 2 and j < len(tokens) and not self.words[j].islower():
                        return 0
                    for person in trio or ():
                        bucket.append(self._mention(i, j, person, "pair"))
                        sentence_persons.append(person)
                    return len(phrase)
            return 0
        if key == "both" and nxt not in _BOTH_NOUNS and nxt not in _BOTH_VERBS:
            return 0
        if key in ("he", "she") and sentence_persons:
            before = self.plain[max(0, self.starts[i] - 40) : self.starts[i]]
            if _SAID_PRONOUN.search(before):
                # "..., which Trump has said he will boycott": the speaker.
                actor = sentence_persons[-1]
                bucket.append(self._mention(i, i + 1, actor, "pronoun"))
                return 1
            # "Kim arrived on Tuesday, and on Wednesday he stood ...": the sentence's subject,
            # not one in a clause put before it ("As Xi was meeting Putin, Kishida made a
            # trip to Kyiv, where he held talks")
            # ... or a clause of time ("cancelled the meeting as he flew")
            if re.search(r"(?:,|\band)\s+(?:[\w-]+\s+){0,4}$", before) or re.search(
                r"\b(?:as|while)\s+$", before
            ):
                actor = sentence_persons[0]
                sentence = self.sentences[s_idx]
                opener = _FRONTED_CLAUSE.match(sentence.plain)
                if opener is not None:
                    main = [
                        m.actor
                        for m in bucket
                        if m.is_person and sentence.start + opener.end() <= m.start < self.starts[i]
                    ]
                    actor = main[0] if main else actor
                bucket.append(self._mention(i, i + 1, actor, "pronoun"))
                return 1
            return 0
        if key in ("he", "she") and not sentence_persons and last_subject is not None:
            if s_idx - last_subject[0] <= 2:
                actor = last_subject[1]
                if self._named_later(i, s_idx, actor):
                    # "He spoke with Trump": not Trump, but the other one named last.
                    actor = next(
                        (m.actor for _, m in self._persons_before(i, s_idx, 2) if m.actor != actor),
                        None,
                    )
                    if actor is None:
                        return 0
                bucket.append(self._mention(i, i + 1, actor, "pronoun"))
                sentence_persons.append(actor)
                return 1
            return 0
        if key not in ("the", "both", "they", "their", "them"):
            return 0
        if key == "them" and (i == 0 or self.keys[i - 1] not in ("joined", "met", "greeted")):
            return 0  # "brief them": too often someone else
        for phrase in _PAIR_COUNTRY_PHRASES:
            if phrase[0] == key and _phrase_at(tokens, i, phrase):
                pair = which_pair()
                if pair is None:
                    return len(phrase)
                j = i + len(phrase)
                for person in pair:
                    country = self.gaz.actor(person.country) if person.country else None
                    if country is not None:
                        bucket.append(
                            self._mention(
                                i, j, country, "pair_country", dependant=self._dependant_after(j)
                            )
                        )
                return len(phrase)
        if (
            key == "their"
            and any(m.via == "pair_country" for m in bucket)
            and nxt not in ("leaders", "presidents", "heads", "prime", "premiers", "leader")
        ):
            return 1  # "urging the two countries to manage their differences": theirs
        for phrase in _PAIR_PHRASES:
            if phrase[0] == key and _phrase_at(tokens, i, phrase):
                j = i + len(phrase)
                if phrase == ("the", "two") and j < len(tokens) and not self.words[j].islower():
                    return 0
                if (
                    phrase == ("the", "two")
                    and j < len(tokens)
                    and (self.keys[j] in _NOT_PAIR_NEXT or self.plain[self.ends[j - 1]] == "-")
                ):
                    return 0  # "the two countries", "the two-day summit"
                pair = which_pair()
                role = _PAIR_ROLES.get(phrase[-1])
                if (
                    role is not None
                    and pair is not None
                    and not all(self._holds(p, role) for p in pair)
                ):
                    pair = self._pair_holding(i, s_idx, role) or pair
                if pair is None:
                    return len(phrase)
                dependant = self._dependant_after(j) if phrase[-1] != "them" else None
                if phrase[0] in ("their", "they", "them") and phrase == (key,):
                    nxt = self.keys[j] if j < len(tokens) else ""
                    if nxt in _DEPENDANTS or nxt in ("countries", "nations", "governments"):
                        dependant = nxt
                for person in pair:
                    bucket.append(replace(self._mention(i, j, person, "pair"), dependant=dependant))
                    if dependant is None:
                        sentence_persons.append(person)
                return len(phrase)
        return 0
