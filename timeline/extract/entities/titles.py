"""Titles and references: "the Chinese president", "Pyongyang", "the two presidents"."""

from __future__ import annotations

import re
from datetime import timedelta

from timeline.extract.entities.mentions import Mention, _Hit, _phrase_at, unverified_actor
from timeline.extract.entities.words import (
    _BARE_TITLES,
    _METONYM_FIRST,
    _NOT_NAME,
    _NOT_THE_HOLDER,
    _ROLE_FIRST,
    METONYMS,
)
from timeline.extract.gazetteer import GazetteerActor
from timeline.extract.lexicon import NAME_PARTICLES
from timeline.names import fold

_HONORIFICS = frozenset({"sheikh", "sheik", "sayyid"})

# "the new president": in office for at most this long on the article's date.
_NEW_IN_OFFICE = timedelta(days=120)


class TitlesMixin:
    """The title and metonym rules of `EntityResolver` (they read its token arrays)."""

    def _title(
        self,
        i: int,
        hit_at: dict[int, _Hit],
        covered: set[int],
        bucket: list[Mention],
        sentence_persons: list[GazetteerActor],
        full_mentions: list[GazetteerActor],
    ) -> int:
        role = self._role_at(i)
        if role is None:
            return 0
        length, office = role
        tokens = self.tokens
        j = i + length
        own = hit_at.get(i)
        if own is not None and own.j > j:
            return 0  # "Queen Elizabeth II", "King Salman": the title is part of an alias
        if i > 0 and self.keys[i - 1] in _NOT_THE_HOLDER:
            return length
        where = self._country_before(i, self._hit_ends)
        # "the leader of North Korea"
        if where is None and j + 1 < len(tokens) and self.keys[j] == "of":
            hit = hit_at.get(j + 1)
            if hit is not None:
                actor = self.gaz.actor(self.gaz.text_index[hit.key][0].actor)
                if actor is not None and actor.kind == "country":
                    holders = self.gaz.holders(actor.key, office, self.published)
                    if len(holders) == 1:
                        bucket.append(self._mention(i, hit.j, holders[0], "title"))
                        sentence_persons.append(holders[0])
                    return hit.j - i
        country = where[1] if where else None
        # "Sheikh Tamim bin Hamad Al Thani": an honorific is not part of the name
        honorific = j
        if j < len(tokens) and self.keys[j] in _HONORIFICS:
            j += 1
        gap = self.plain[self.ends[j - 1] : self.starts[j]] if j < len(tokens) else ""
        # Title followed by a name, or by an apposition after a country's title ("Syria's
        # interim president, Ahmed al-Sharaa")
        if j < len(tokens) and (
            gap == " " or (gap == ", " and where is not None and honorific == j)
        ):
            hit = hit_at.get(j)
            partial = (
                hit is not None
                and self._name_continues(hit.j)
                and all(e.kind == "surname" for e in self.gaz.text_index[hit.key])
            )
            if hit is not None and not partial:
                return length  # the name is resolved as a name, with titled=True
            name_end = j
            while (
                name_end < len(tokens)
                and name_end - j < 5
                and (
                    self.words[name_end][:1].isupper()
                    # "Kim Young-sam": the second half of a hyphenated given name
                    or (
                        name_end > j
                        and self.plain[self.ends[name_end - 1] : self.starts[name_end]] == "-"
                        and self.words[name_end].isalpha()
                    )
                    # "Bashar al-Assad", "Ursula von der Leyen": a particle inside a name
                    or (
                        name_end > j
                        and self.words[name_end] in NAME_PARTICLES
                        and name_end + 1 < len(tokens)
                        and (
                            self.words[name_end + 1][:1].isupper()
                            or self.words[name_end + 1] in NAME_PARTICLES
                        )
                    )
                )
                and self.keys[name_end] not in _NOT_NAME
                and (
                    name_end not in covered
                    or (partial and name_end == j)
                    or self._surname_only(hit_at.get(name_end))
                )
                and (
                    name_end == j
                    or self.plain[self.ends[name_end - 1] : self.starts[name_end]] in (" ", "-")
                )
                and (
                    not self.words[name_end].isupper()
                    # "King Mohammed VI", "King Abdullah II": a regnal number ends the name
                    or (name_end > j and _REGNAL.fullmatch(self.words[name_end]) is not None)
                )
            ):
                name_end += 1
            # "his counterpart, X" names a leader only as a leader's counterpart ("Lavrov held
            # talks with his Brazilian counterpart, Mauro Vieira": a minister's)
            counterpart = self.keys[i] == "counterpart"
            if (
                name_end > j
                and (not counterpart or sentence_persons)
                and (self.words[i][:1].isupper() or counterpart or gap == ", ")
            ):
                start = self.starts[j]
                name = self.plain[start : self.ends[name_end - 1]]
                actor = unverified_actor(name, country)
                known = self.gaz.lookup(name)
                if known and known[0].kind == "person":
                    actor = known[0]
                bucket.append(self._mention(j, name_end, actor, "unverified", titled=True))
                sentence_persons.append(actor)
                full_mentions.append(actor)
                return name_end - i
        if where is None:
            bare = _BARE_TITLES.get(self.keys[i])
            # "the new president": one who took that post lately
            new = i > 1 and self.keys[i - 1] == "new" and self.keys[i - 2] == "the"
            if (
                bare is not None
                and i > 0
                and (self.keys[i - 1] == "the" or new)
                and (j >= len(tokens) or self.keys[j] != "of")
                and self.plain[self.ends[j - 1] : self.ends[j - 1] + 1] != "-"
            ):
                actor = self._recent_holder(i, bare, new_within=_NEW_IN_OFFICE if new else None)
                if actor is not None:
                    mention = self._mention(
                        i, j, actor, "title", dependant=self._dependant_after(j)
                    )
                    bucket.append(mention)
                    if mention.dependant is None:
                        sentence_persons.append(actor)
            return length
        if self.keys[i] == "counterpart" and not sentence_persons:
            return length  # "his Brazilian counterpart" of someone who is no leader
        holders = self.gaz.holders(where[1], office, self.published)
        if office == "head_of_state" and not holders:
            holders = self.gaz.holders(where[1], "leader", self.published)
        if len(holders) != 1:
            return length
        mention = Mention(
            tokens[where[0]].start,
            self.ends[j - 1],
            holders[0],
            "title",
            possessive=self._possessive(self.ends[j - 1]),
            dependant=self._dependant_after(j),
        )
        # Drop the country mention the title absorbed ("Chinese" in "the Chinese premier").
        while bucket and bucket[-1].start >= mention.start:
            bucket.pop()
        bucket.append(mention)
        if mention.dependant is None:
            sentence_persons.append(holders[0])
        return length

    def _metonym_or_anaphor(
        self, i: int, bucket: list[Mention], mentioned: set[str], orgs: list[GazetteerActor]
    ) -> int:
        tokens = self.tokens
        if self.keys[i] in ("north", "south", "east", "west"):
            return self._elliptic_country(i, bucket)
        if self.keys[i] not in _METONYM_FIRST and self.keys[i] != "the":
            return 0
        for words, country in METONYMS.items():
            if _phrase_at(tokens, i, words) and self.words[i][:1].isupper():
                actor = self.gaz.actor(country)
                if actor is None:
                    return 0
                j = i + len(words)
                if j < len(tokens) and self.keys[j] in _ROLE_FIRST:
                    return 0  # "the Kremlin leader": a title
                bucket.append(self._mention(i, j, actor, "metonym"))
                return len(words)
        if self.keys[i] == "the" and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if nxt.key in ("north", "south") and nxt.capitalized:
                wanted = nxt.key
                for key in mentioned:
                    actor = self.gaz.actor(key)
                    if (
                        actor
                        and actor.kind == "country"
                        and fold(actor.name).startswith(wanted)
                        and len(actor.name.split()) == 2
                    ):
                        bucket.append(
                            self._mention(
                                i + 1,
                                i + 2,
                                actor,
                                "anaphor",
                                dependant=self._dependant_after(i + 2),
                            )
                        )
                        return 2
            if orgs and not nxt.capitalized and nxt.key in ("council", "union", "alliance", "bloc"):
                for org in reversed(orgs):
                    if fold(org.name.split()[-1]) == nxt.key or nxt.key == "bloc":
                        bucket.append(self._mention(i, i + 2, org, "anaphor"))
                        return 2
        return 0

    def _which_pair(
        self,
        s_idx: int,
        sentence_persons: list[GazetteerActor],
        recent: tuple[GazetteerActor, GazetteerActor] | None,
        lead: tuple[GazetteerActor, GazetteerActor] | None,
        hit_at: dict[int, _Hit],
    ) -> tuple[GazetteerActor, GazetteerActor] | None:
        """Who "the two leaders" are: the two just named in this sentence; else the last
        pair named, unless this sentence names one of the lead pair but not of it ("Their
        previous meeting was during Xi's visit"), nor one of it outside the lead pair; else the
        lead pair."""
        distinct: list[GazetteerActor] = []
        for actor in sentence_persons:
            if actor not in distinct:
                distinct.append(actor)
        if len(distinct) == 2:
            return distinct[0], distinct[1]
        if recent is None or lead is None or recent == lead:
            return recent or lead or self._first_two(s_idx, sentence_persons)
        sentence = self.sentences[s_idx]
        named: set[str] = set()
        for i, hit in hit_at.items():
            if sentence.start <= self.starts[i] < sentence.end:
                named.update(e.actor for e in self.gaz.text_index[hit.key] if e.kind != "adjective")
        # ... or names the one of the lead pair the last pair lacks ("Both leaders are due at
        # the summit, but Noda is not expected to hold talks with Lee")
        if any(a.key in named and a not in recent for a in lead) and not any(
            a.key in named and a not in lead for a in recent
        ):
            return lead
        return recent

    def _country_at(self, hit: _Hit | None) -> GazetteerActor | None:
        if hit is None:
            return None
        for entry in self.gaz.text_index[hit.key]:
            actor = self.gaz.actor(entry.actor)
            if actor is not None and actor.kind == "country" and entry.kind != "demonym":
                return actor
        return None

    def _plural_title(
        self,
        i: int,
        hit_at: dict[int, _Hit],
        bucket: list[Mention],
        sentence_persons: list[GazetteerActor],
    ) -> int:
        """ "the leaders of China and Russia", "the Chinese and Russian presidents", "his
        Chinese counterpart": the holders on the article's date."""
        keys = self.keys
        key = keys[i]
        role = {
            "leaders": "leader",
            "presidents": "head_of_state",
            "premiers": "head_of_government",
        }
        found: list[tuple[int, int, GazetteerActor]] = []  # (first token, last + 1, country)
        if key in role and i + 1 < len(keys) and keys[i + 1] == "of":
            first = hit_at.get(i + 2)
            a = self._country_at(first)
            if (
                first is not None
                and a is not None
                and first.j < len(keys)
                and keys[first.j] == "and"
            ):
                b = self._country_at(hit_at.get(first.j + 1))
                if b is not None:
                    end = hit_at[first.j + 1].j
                    found = [(i, end, a), (i, end, b)]
        elif key in role and i > 2:
            second = self._hit_ends.get(i)
            b = self._country_at(second)
            if second is not None and b is not None and keys[second.i - 1] == "and":
                first = self._hit_ends.get(second.i - 1)
                a = self._country_at(first)
                if first is not None and a is not None:
                    found = [(first.i, i + 1, a), (first.i, i + 1, b)]
        elif key == "counterpart" and i > 1 and keys[i - 2] in ("his", "her", "their"):
            own = self._hit_ends.get(i)
            country = self._country_at(own)
            if own is not None and country is not None and sentence_persons:
                holders = self.gaz.holders(country.key, "leader", self.published)
                if len(holders) == 1:
                    bucket.append(self._mention(i - 1, i + 1, holders[0], "title"))
                    sentence_persons.append(holders[0])
                    return 1
            return 0
        if not found:
            return 0
        office = role[key]
        for first_tok, end_tok, country in found:
            holders = self.gaz.holders(country.key, office, self.published)
            if office == "head_of_state" and not holders:
                holders = self.gaz.holders(country.key, "leader", self.published)
            if len(holders) == 1:
                bucket.append(self._mention(first_tok, end_tok, holders[0], "title"))
                sentence_persons.append(holders[0])
        return max(1, found[0][1] - i)


_REGNAL = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|X)")
