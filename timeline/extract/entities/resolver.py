"""The left-to-right pass that resolves an article's mentions sentence by sentence."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial

from timeline.extract.entities.mentions import (
    Mention,
    SentenceMentions,
    _alias_hits,
    _Hit,
    unverified_actor,
)
from timeline.extract.entities.names import NamesMixin
from timeline.extract.entities.pairs import PairsMixin
from timeline.extract.entities.references import ReferencesMixin
from timeline.extract.entities.titles import TitlesMixin
from timeline.extract.entities.words import (
    _CUE_KEYS,
    _CUE_NEXT,
    _DEPENDANTS,
    _HER_OBJECT_NEXT,
    _KIN,
    _NOT_GIVEN,
    _NOT_NAME,
)
from timeline.extract.gazetteer import Gazetteer, GazetteerActor
from timeline.extract.lexicon import NAME_PARTICLES
from timeline.extract.text import plain, split_sentences, tokenize
from timeline.names import fold


class EntityResolver(NamesMixin, TitlesMixin, PairsMixin, ReferencesMixin):
    """Resolves the mentions of one article; `resolve()` returns them per sentence."""

    def __init__(self, text: str, published: date, gazetteer: Gazetteer) -> None:
        self.text = text
        self.plain = plain(text)
        self.published = published
        self.gaz = gazetteer
        self.tokens = tokenize(self.plain)
        self.keys = self.tokens.keys
        self.starts = self.tokens.starts
        self.ends = self.tokens.ends
        self.words = self.tokens.words
        self._named_cache: dict[int, set[str]] = {}
        self.sentences = split_sentences(text, self.plain)

    # helpers over tokens
    def _possessive(self, end: int) -> bool:
        return self.plain[end : end + 2] in ("'s", "' ") and (
            self.plain[end : end + 2] == "'s" or self.plain[end - 1 : end] == "s"
        )

    def resolve(self) -> list[SentenceMentions]:
        gaz = self.gaz
        tokens = self.tokens
        hits = _alias_hits(tokens, self.plain, gaz)
        hit_at = {h.i: h for h in hits}
        self._hit_ends = {h.j: h for h in hits}
        covered: set[int] = set()
        for h in hits:
            covered.update(range(h.i, h.j))

        others = self._other_leaders(hits, hit_at, covered)
        # Only words that can start a reference are visited: alias hits and cue words.
        out = [SentenceMentions(s, n) for n, s in enumerate(self.sentences)]
        self._out = out
        self._hit_at = hit_at
        sentence_starts = [s.start for s in self.sentences]
        keys = tokens.keys
        for sm in out:
            sm.first_token = bisect_left(tokens.starts, sm.sentence.start)
            sm.end_token = bisect_left(tokens.starts, sm.sentence.end)
        last = len(keys) - 1
        todo = sorted(
            {
                *hit_at,
                *others,
                *(
                    k
                    for k, key in enumerate(keys)
                    if key in _CUE_KEYS
                    and (key not in _CUE_NEXT or (k < last and keys[k + 1] in _CUE_NEXT[key]))
                ),
            }
        )

        full_mentions: list[GazetteerActor] = []  # persons named in full so far
        mentioned_keys: set[str] = set()
        orgs: list[GazetteerActor] = []
        pair: tuple[GazetteerActor, GazetteerActor] | None = None
        trio: tuple[GazetteerActor, ...] | None = None
        groups: dict[int, tuple[GazetteerActor, ...]] = {}  # the last named together, by size
        recent_pair: tuple[GazetteerActor, GazetteerActor] | None = None
        last_subject: tuple[int, GazetteerActor] | None = None
        unverified_by_surname: dict[str, GazetteerActor] = {}
        kin_possessor: tuple[int, GazetteerActor] | None = None

        n = len(tokens)
        current_sentence = -1
        sentence_persons: list[GazetteerActor] = []

        def close_sentence() -> None:
            nonlocal pair, trio, last_subject, recent_pair
            if current_sentence < 0:
                return
            distinct: list[GazetteerActor] = []
            for actor in sentence_persons:
                if actor not in distinct:
                    distinct.append(actor)
            if len(distinct) == 2:
                recent_pair = (distinct[0], distinct[1])
                if pair is None:
                    pair = recent_pair  # the lead pair
            if len(distinct) == 3 and trio is None:
                trio = (distinct[0], distinct[1], distinct[2])
            groups[len(distinct)] = tuple(distinct)
            if distinct:
                last_subject = (current_sentence, distinct[0])

        def add_unverified(actor: GazetteerActor, after: int, surname: str | None = None) -> None:
            # Later mentions of an unknown leader's surname ("Battulga") are visits too; so
            # are those of a known leader's given name where it is the short form used
            # ("Mahathir" after "Mahathir Mohamad", "Prabowo" after "Prabowo Subianto").
            surname = surname or fold(actor.name.split()[-1])
            unverified_by_surname[surname] = actor
            later = [k for k in range(after, n) if keys[k] == surname and k not in todo_set]
            for k in later:
                insort(todo, k)
                todo_set.add(k)

        todo_set = set(todo)
        position = 0
        skip_to = 0
        while position < len(todo):
            i = todo[position]
            position += 1
            if i < skip_to:
                continue
            s_idx = bisect_right(sentence_starts, tokens.starts[i]) - 1
            if s_idx != current_sentence:
                close_sentence()
                current_sentence = s_idx
                sentence_persons = []
            tok = tokens[i]
            bucket = out[s_idx].mentions
            sentence_start = i == out[s_idx].first_token
            consumed = 0
            unverified_before = [m.actor for m in bucket if not m.actor.verified]

            # 0. "Kim's sister ... a letter from her brother": the brother is Kim.
            if (
                tok.key in ("his", "her")
                and i + 1 < n
                and self.keys[i + 1] in _KIN
                and kin_possessor is not None
                and kin_possessor[0] == s_idx
            ):
                actor = kin_possessor[1]
                bucket.append(self._mention(i, i + 2, actor, "kin"))
                sentence_persons.append(actor)
                skip_to = i + 2
                continue

            # 0b. "Obama telephoned him", "the council ... blacklisted him": an object
            # pronoun is the latest person named outside its own clause.
            if tok.key == "him" or (
                tok.key == "her" and i + 1 < n and keys[i + 1] in _HER_OBJECT_NEXT
            ):
                actor = self._object_pronoun(i, s_idx)
                if actor is not None:
                    bucket.append(self._mention(i, i + 1, actor, "pronoun"))
                    sentence_persons.append(actor)
                skip_to = i + 1
                continue
            # 0c. "Yoon Suk Yeol, who on Sunday had joined Biden": "who" is its antecedent.
            if tok.key == "who":
                antecedent = next(
                    (
                        m
                        for m in reversed(bucket)
                        if m.is_person
                        and m.dependant is None
                        and self.plain[m.end : tok.start] in (", ", ",")
                    ),
                    None,
                )
                if antecedent is not None:
                    bucket.append(self._mention(i, i + 1, antecedent.actor, "relative"))
                skip_to = i + 1
                continue

            # 1. pair references and pronouns
            consumed = self._pair_or_pronoun(
                i,
                s_idx,
                bucket,
                partial(self._which_pair, s_idx, sentence_persons, recent_pair, pair, hit_at),
                last_subject,
                sentence_persons,
                sentence_start,
                trio,
                groups,
            )
            if consumed:
                skip_to = i + consumed
                self._note_unverified(bucket, unverified_before, add_unverified, i + consumed)
                continue

            # 1b. "the crown prince": the one named with that title before
            consumed = self._descriptor(i, s_idx, bucket, sentence_persons)
            if consumed:
                skip_to = i + consumed
                continue

            # 2a. "the leaders of China and Russia", "his Chinese counterpart"
            consumed = self._plural_title(i, hit_at, bucket, sentence_persons)
            if consumed:
                skip_to = i + consumed
                continue

            # 2. titles: "the North Korean leader", "Russian President Vladimir Putin"
            consumed = self._title(i, hit_at, covered, bucket, sentence_persons, full_mentions)
            if consumed:
                skip_to = i + consumed
                self._note_unverified(bucket, unverified_before, add_unverified, i + consumed)
                continue

            # 3. metonyms and "the North", "the council"
            consumed = self._metonym_or_anaphor(i, bucket, mentioned_keys, orgs)
            if consumed:
                skip_to = i + consumed
                self._note_unverified(bucket, unverified_before, add_unverified, i + consumed)
                continue

            other = others.get(i)
            if other is not None:
                end, actor = other
                bucket.append(self._mention(i, end, actor, "unverified"))
                sentence_persons.append(actor)
                full_mentions.append(actor)
                add_unverified(actor, end)
                skip_to = end
                continue
            hit = hit_at.get(i)
            if hit is None:
                # an unknown person's surname seen after "President X Y"
                if (
                    tok.capitalized
                    and tok.key in unverified_by_surname
                    and i not in covered
                    and not self._name_continues(i + 1)  # "Ho Chi Minh City"
                ):
                    actor = unverified_by_surname[tok.key]
                    bucket.append(self._mention(i, i + 1, actor, "surname"))
                    sentence_persons.append(actor)
                continue
            mention = self._from_hit(hit, full_mentions)
            if mention is not None:
                if mention.via == "name" and mention.is_person and mention.actor.verified:
                    given = self._given_name(mention)
                    if given is not None and given not in unverified_by_surname:
                        add_unverified(mention.actor, hit.j, given)
                bucket.append(mention)
                mentioned_keys.add(mention.actor.key)
                if mention.actor.kind == "organization":
                    orgs.append(mention.actor)
                if mention.is_person and mention.dependant is None:
                    sentence_persons.append(mention.actor)
                if mention.is_person and mention.dependant in _KIN:
                    kin_possessor = (s_idx, mention.actor)
                if mention.is_person and mention.via == "name":
                    full_mentions.append(mention.actor)
            skip_to = hit.j
        close_sentence()
        for sm in out:
            # "Jared Kushner, senior adviser to U.S. President Donald Trump": the adviser acts
            sm.mentions = [
                replace(m, dependant=found.group(1).lower())
                if m.is_person
                and m.dependant is None
                and (found := _AIDE_OF.search(self.plain, max(0, m.start - 60), m.start))
                else m
                for m in sm.mentions
            ]
        return out

    # -- pieces ---------------------------------------------------------------------

    def _other_leaders(
        self, hits: list[_Hit], hit_at: dict[int, _Hit], covered: set[int]
    ) -> dict[int, tuple[int, GazetteerActor]]:
        """Full names of leaders the gazetteer knows only from REIGN ("Nawaz Sharif",
        "Hosni Mubarak"), by first token: (end token, actor). A surname alone is not
        enough, and REIGN's surname must be of a country the article names."""
        gaz = self.gaz
        last_tokens = gaz.other_leader_last_tokens
        if not last_tokens:
            return {}
        countries = {
            e.actor for h in hits for e in gaz.text_index[h.key] if e.actor.startswith("country:")
        }
        keys, words = self.keys, self.words
        found: dict[int, tuple[int, GazetteerActor]] = {}
        for k in [k for k, key in enumerate(keys) if key in last_tokens]:
            joined = k > 0 and self.plain[self.ends[k - 1] : self.starts[k]] == "-"
            if not (words[k][:1].isupper() or joined):
                continue
            if k in covered and not self._surname_only(hit_at.get(k)):
                continue
            if self._name_continues(k + 1) or (
                k + 1 < len(keys) and self.plain[self.ends[k] : self.starts[k + 1]] == "-"
            ):
                continue  # "Kim Il Sung Square", "Kim Young-sam": a longer name
            first, given = k, 0
            while first > 0 and given < 3:
                before = first - 1
                word = words[before]
                if (
                    self.plain[self.ends[before] : self.starts[first]] not in (" ", "-")
                    or (before in covered and not self._surname_only(hit_at.get(before)))
                    or not (word[:1].isupper() or word in NAME_PARTICLES)
                    or keys[before] in _NOT_NAME
                    or keys[before] in _NOT_GIVEN
                    or self._is_title_token(before)
                ):
                    break
                first = before
                given += word not in NAME_PARTICLES
            while first < k and words[first] in NAME_PARTICLES:
                first += 1
            if first == k:
                continue
            # The whole name as the text gives it ("Jose Luis Rodriguez Zapatero"), found by
            # REIGN's own spelling of a part of it ("Rodriguez Zapatero") or by its surname
            starts = [i for i in range(first, k) if words[i] not in NAME_PARTICLES]
            exact = next(
                (
                    i
                    for i in starts
                    if fold(self.plain[self.starts[i] : self.ends[k]]) in gaz.other_leader_names
                ),
                first,
            )
            if any(keys[b] in _OFFICIAL_TITLES for b in range(max(0, first - 3), first)):
                continue  # "Kuwaiti Foreign Minister Sheikh Ahmad Nasser al-Sabah": an official
            titled = first > 0 and (
                keys[first - 1] in _RULER_HONORIFICS or self._is_title_token(first - 1)
            )
            known_as = self.plain[self.starts[exact] : self.ends[k]]
            country = gaz.other_leader_country(known_as, countries, titled)
            if country is not None:
                name = self.plain[self.starts[first] : self.ends[k]]
                found[first] = (k + 1, unverified_actor(name, country))
        return found

    def _given_name(self, mention: Mention) -> str | None:
        """The folded first word of a full name when it names no one in the gazetteer by
        itself (so "Mahathir" may stand for Mahathir Mohamad, "Joe" for no one else)."""
        words = mention.actor.name.split()
        if len(words) < 2:
            return None
        given = fold(words[0])
        if len(given) < 4 or given in self.gaz.text_index or given in _NOT_NAME:
            return None
        return given

    def _note_unverified(
        self,
        bucket: list[Mention],
        before: list[GazetteerActor],
        add: Callable[..., None],
        after: int,
    ) -> None:
        for m in bucket:
            if not m.actor.verified and m.actor not in before:
                add(m.actor, after)
            if m.via == "unverified" and m.is_person and m.actor not in before:
                # "Malaysian Prime Minister Mahathir Mohamad": a known leader named in full
                given = self._given_name(m)
                if given is not None:
                    add(m.actor, after, given)

    def _mention(self, i: int, j: int, actor: GazetteerActor, via: str, **kw) -> Mention:
        end = self.ends[j - 1]
        return Mention(self.starts[i], end, actor, via, possessive=self._possessive(end), **kw)

    def _dependant_after(self, j: int) -> str | None:
        """The official or relative noun in "X's (adj) adviser" after a possessive."""
        tokens = self.tokens
        end = self.ends[j - 1]
        if not self._possessive(end):
            return None
        k = j + (1 if j < len(tokens) and self.keys[j] == "s" else 0)
        for step in range(3):
            if k + step >= len(tokens):
                break
            word = self.keys[k + step]
            if word in _DEPENDANTS and word not in (
                "national",
                "foreign",
                "defence",
                "defense",
                "unification",
                "special",
                "top",
                "senior",
                "security",
            ):
                return word
            if word not in _DEPENDANTS and not (
                self.words[k + step].islower() and len(word) > 2 and step < 2
            ):
                break
        return None

    def _name_continues(self, j: int) -> bool:
        """A capitalised non-function word right after: the match is part of a longer name."""
        if j >= len(self.tokens):
            return False
        nxt = self.tokens[j]
        gap = self.plain[self.ends[j - 1] : nxt.start]
        return gap in (" ", "-") and nxt.capitalized and nxt.key not in _NOT_NAME

        return None


# An official "of"/"to" a leader, before the leader's name.
_AIDE_OF = re.compile(
    r"\b(adviser|advisor|aide|envoy|spokesman|spokeswoman|spokesperson|son-in-law|"
    r"ambassador|emissary)\s+(?:to|of)\s+(?:the\s+)?(?:[A-Z][\w.'-]*\s+){0,3}$"
)
# Officials' titles: a name right after one is no leader's ("Foreign Minister Sheikh X").
_OFFICIAL_TITLES = frozenset(
    {"minister", "secretary", "ambassador", "envoy", "adviser", "advisor", "governor"}
    | {"spokesman", "spokeswoman", "deputy", "mayor", "senator"}
)
_RULER_HONORIFICS = frozenset({"sheikh", "emir", "king", "sultan", "queen"})


def resolve_mentions(text: str, published: date, gazetteer: Gazetteer) -> list[SentenceMentions]:
    """The article's sentences, each with the actors it mentions."""
    return EntityResolver(text, published, gazetteer).resolve()
