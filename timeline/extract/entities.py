"""Entity resolution: who (which canonical actor) each name, title or reference denotes.

One pass over the article's tokens finds gazetteer aliases (a dict lookup over token n-grams,
so case, accents, hyphens, dots and look-alike characters do not matter); a second,
left-to-right pass over sentences resolves what needs context: a surname after a full
mention, "the Chinese president" (who held the office on the article's date), "the two
leaders", a subject "he", "the council".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

from timeline.extract.gazetteer import Gazetteer, GazetteerActor
from timeline.extract.text import Sentence, Tokens, plain, split_sentences, tokenize
from timeline.names import fold

# Role words and the office they name ("leader" = effective leader, else head of state ...).
ROLE_WORDS: dict[tuple[str, ...], str] = {
    ("leader",): "leader",
    ("president",): "head_of_state",
    ("premier",): "head_of_government",
    ("chancellor",): "head_of_government",
    ("king",): "head_of_state",
    ("queen",): "head_of_state",
    ("emperor",): "head_of_state",
    ("monarch",): "head_of_state",
    ("chairman",): "leader",
    ("strongman",): "leader",
    ("dictator",): "leader",
    ("prime", "minister"): "head_of_government",
    ("supreme", "leader"): "leader",
    ("general", "secretary"): "party_leader",
    ("head", "of", "state"): "head_of_state",
    ("head", "of", "government"): "head_of_government",
    ("pm",): "head_of_government",
}
_ROLE_FIRST = {words[0] for words in ROLE_WORDS}
_ROLES_LONGEST_FIRST = sorted(ROLE_WORDS.items(), key=lambda kv: -len(kv[0]))
# Words between a country and its role word: "the North Korean young leader", "Chinese
# state president".
_ROLE_MODIFIERS = {"new", "young", "current", "incumbent", "state", "top", "visiting", "de"}
# Before a role word these make it someone else's post, or a past one.
_NOT_THE_HOLDER = {"vice", "deputy", "former", "ex", "late", "first", "assistant", "acting"}
# Officials and aides: never leaders, and "X's adviser" names X only as whose official.
OFFICIAL_NOUNS = {
    "adviser",
    "advisers",
    "advisor",
    "aide",
    "aides",
    "ambassador",
    "brother",
    "daughter",
    "delegation",
    "diplomat",
    "diplomats",
    "envoy",
    "envoys",
    "minister",
    "ministers",
    "negotiator",
    "negotiators",
    "official",
    "officials",
    "representative",
    "secretary",
    "sister",
    "son",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "wife",
}
_DEPENDANTS = OFFICIAL_NOUNS | {
    "administration",
    "aunt",
    "chief",
    "defence",
    "defense",
    "father",
    "foreign",
    "government",
    "grandfather",
    "grandson",
    "husband",
    "ministry",
    "mother",
    "national",
    "nephew",
    "niece",
    "office",
    "security",
    "senior",
    "special",
    "staff",
    "top",
    "uncle",
    "unification",
}
_KIN = {
    "sister",
    "brother",
    "wife",
    "husband",
    "daughter",
    "son",
    "father",
    "mother",
    "uncle",
    "aunt",
}
# A capitalised word after a name that makes it a place or institution ("Kim Il Sung Square").
_PLACE_NOUNS = {
    "square",
    "university",
    "stadium",
    "airport",
    "street",
    "avenue",
    "road",
    "bridge",
    "hall",
    "center",
    "centre",
    "foundation",
    "institute",
    "library",
    "museum",
    "park",
    "prize",
    "award",
    "doctrine",
    "station",
    "school",
    "memorial",
    "palace",
    "mausoleum",
}
_MONTHS = {
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
}
_DATE_PREPOSITIONS = {"on", "in", "early", "late", "mid", "since", "until", "by", "of", "last"}
# Seats of government standing for the government: "the Kremlin said", "the Kremlin leader".
METONYMS: dict[tuple[str, ...], str] = {
    ("kremlin",): "country:RUS",
    ("white", "house"): "country:USA",
    ("blue", "house"): "country:KOR",
    ("zhongnanhai",): "country:CHN",
    ("elysee",): "country:FRA",
    ("downing", "street"): "country:GBR",
}
_PAIR_PHRASES = [
    ("the", "two", "leaders"),
    ("the", "two", "men"),
    ("the", "two", "presidents"),
    ("the", "two", "heads", "of", "state"),
    ("the", "leaders"),
    ("both", "leaders"),
    ("both", "men"),
    ("both", "presidents"),
    ("the", "pair"),
    ("the", "two"),
    ("both",),
    ("they",),
    ("their",),
    ("them",),
]
_TRIO_PHRASES = [
    ("the", "three", "leaders"),
    ("the", "three", "men"),
    ("the", "three", "presidents"),
    ("all", "three", "leaders"),
    ("all", "three"),
    ("the", "three"),
]
_PAIR_COUNTRY_PHRASES: list[tuple[str, ...]] = [
    ("the", "two", "countries"),
    ("the", "two", "nations"),
    ("the", "two", "governments"),
    ("the", "two", "koreas"),
    ("both", "countries"),
    ("both", "governments"),
    ("their", "countries"),
    ("the", "two", "sides"),
]
_METONYM_FIRST = {words[0] for words in METONYMS}
_METONYM_LAST = {words[-1] for words in METONYMS}
_BOTH_NOUNS = {"leaders", "men", "presidents", "countries", "governments"}
# "Both are expected at the summit", "both attended": "both" standing alone as the subject.
_BOTH_VERBS = {
    "are",
    "were",
    "have",
    "had",
    "will",
    "would",
    "also",
    "attended",
    "met",
    "said",
    "agreed",
    "signed",
    "spoke",
    "visited",
    "took",
    "did",
    "called",
    "expressed",
    "joined",
    "held",
    "sat",
    "shook",
    "stood",
    "watched",
    "arrived",
    "plan",
    "planned",
}
# "invited her to", "told her that": "her" as an object, not a possessive.
_HER_OBJECT_NEXT = {"as", "to", "on", "at", "in", "with", "for", "by", "from", "and", "that"}
# "the two-day summit", "over the two days": a number, not a pair of leaders.
_NOT_PAIR_NEXT = {
    "koreas",
    "countries",
    "nations",
    "sides",
    "governments",
    "delegations",
    "days",
    "weeks",
    "months",
    "years",
    "hours",
    "decades",
    "day",
    "sessions",
    "rounds",
    "meetings",
    "summits",
    "visits",
    "calls",
    "of",
}
# A clause break between a person and an object pronoun: "since Xi took office, when Obama
# telephoned him" (Xi may be "him"; Obama, in the pronoun's own clause, may not).
_CLAUSE_GAP = re.compile(
    r",\s+(?:and|but|when|where|which|who|while|as|after|before|although|though)\b|[;:]|\s-+\s"
)
# A named official, who may be the "him" of a later clause instead of a leader named before.
_NAMED_OFFICIAL = re.compile(
    r"\b(?i:minister|secretary(?: of state)?|envoy|ambassador|adviser|advisor|official|aide|"
    r"spokesman|spokeswoman|diplomat|negotiator|chairman)\s+[A-Z][\w'-]+"
)
# A bare title standing for a leader named before: "the president", "the prime minister".
_BARE_TITLES = {
    "president": "president",
    "premier": "premier",
    "chancellor": "chancellor",
    "prime": "prime minister",
    "king": "king",
    "queen": "queen",
    "emperor": "emperor",
}
# Words at which a reference other than a gazetteer alias can start.
_CUE_KEYS = (
    {"his", "her", "he", "she", "him", "who", "the", "both", "they", "their", "them", "all"}
    | {"north", "south", "east", "west"}
    | {"leaders", "presidents", "premiers", "counterpart"}
    | _ROLE_FIRST
    | {words[0] for words in METONYMS}
)
# Cue words that only matter before certain words ("the two", "his sister").
_CUE_NEXT = {
    "the": {
        "two",
        "pair",
        "three",
        "north",
        "south",
        "council",
        "union",
        "alliance",
        "bloc",
        "leaders",
    },
    "both": _BOTH_NOUNS | _BOTH_VERBS,
    "all": {"three"},
    "his": _KIN,
    "her": _KIN | _HER_OBJECT_NEXT,
    "north": {"and"},
    "south": {"and"},
    "east": {"and"},
    "west": {"and"},
}
# Capitalised words that start sentences or phrases and are not names.
_NOT_NAME = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "but",
    "and",
    "as",
    "when",
    "while",
    "it",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "this",
    "that",
    "last",
    "next",
    "earlier",
    "later",
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
    "said",
    "says",
    "told",
    "met",
    "will",
    "had",
    "has",
    "was",
    "is",
}


@dataclass(frozen=True, slots=True)
class Mention:
    """One reference to an actor, with its span in the article text."""

    start: int
    end: int
    actor: GazetteerActor
    via: str  # name|surname|title|unverified|country|capital|adjective|demonym|org|metonym|
    #          anaphor|pair|pair_country|pronoun
    possessive: bool = False  # followed by "'s"
    dependant: str | None = None  # "adviser" in "Moon's adviser": Moon is not the actor
    titled: bool = False  # preceded by a leader's title ("President Xi Jinping")

    @property
    def is_person(self) -> bool:
        return self.actor.kind == "person"


@dataclass(slots=True)
class SentenceMentions:
    sentence: Sentence
    index: int
    mentions: list[Mention] = field(default_factory=list)
    first_token: int = 0  # the sentence's words are tokens[first_token:end_token]
    end_token: int = 0

    def leaders(self) -> list[Mention]:
        """Mentions of leaders taking part in their own right (not "Kim's sister")."""
        return [m for m in self.mentions if m.is_person and m.dependant is None]


def unverified_actor(name: str, country: str | None) -> GazetteerActor:
    """A titled leader who is not in the gazetteer ("Mongolian President X")."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold_spaced(name)).strip("-")
    return GazetteerActor(f"person:{slug}", name, "person", country, (), verified=False)


def fold_spaced(text: str) -> str:
    return " ".join(fold(word) for word in text.split())


# -- the matcher ------------------------------------------------------------------------

_JOINERS = set(" -.'\u00a0")


@dataclass(frozen=True, slots=True)
class _Hit:
    i: int  # first token
    j: int  # one past the last token
    key: str


def _alias_hits(tokens: Tokens, text: str, gazetteer: Gazetteer) -> list[_Hit]:
    """Longest alias match at each token, left to right, non-overlapping: one dict lookup
    per growing n-gram, starting only at capitalised words (every alias starts with one)."""
    index = gazetteer.text_index
    prefixes = gazetteer.prefixes
    longest = gazetteer.max_alias_tokens
    words, keys, starts, ends = tokens.words, tokens.keys, tokens.starts, tokens.ends
    n = len(words)
    hits: list[_Hit] = []
    after = 0
    for i in [k for k, w in enumerate(words) if w[0].isupper() or w[0].isdigit()]:
        if i < after:
            continue
        best: _Hit | None = None
        key = ""
        for j in range(i, min(n, i + longest)):
            if j > i:
                gap = text[ends[j - 1] : starts[j]]
                if len(gap) > 2 or not set(gap) <= _JOINERS:
                    break
            key += keys[j]
            if key in index:
                best = _Hit(i, j + 1, key)
            elif key not in prefixes:
                break
        if best is not None:
            hits.append(best)
            after = best.j
    return hits


def _phrase_at(tokens: Tokens, i: int, phrase: tuple[str, ...]) -> bool:
    keys = tokens.keys
    if i + len(phrase) > len(keys):
        return False
    return all(keys[i + k] == word for k, word in enumerate(phrase))


class EntityResolver:
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
            if distinct:
                last_subject = (current_sentence, distinct[0])

        def add_unverified(actor: GazetteerActor, after: int) -> None:
            # Later mentions of an unknown leader's surname ("Battulga") are visits too.
            surname = fold(actor.name.split()[-1])
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
            )
            if consumed:
                skip_to = i + consumed
                self._note_unverified(bucket, unverified_before, add_unverified, i + consumed)
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

            hit = hit_at.get(i)
            if hit is None:
                # an unknown person's surname seen after "President X Y"
                if tok.capitalized and tok.key in unverified_by_surname and i not in covered:
                    actor = unverified_by_surname[tok.key]
                    bucket.append(self._mention(i, i + 1, actor, "surname"))
                    sentence_persons.append(actor)
                continue
            mention = self._from_hit(hit, full_mentions)
            if mention is not None:
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
        return out

    # -- pieces ---------------------------------------------------------------------

    @staticmethod
    def _note_unverified(
        bucket: list[Mention],
        before: list[GazetteerActor],
        add: Callable[[GazetteerActor, int], None],
        after: int,
    ) -> None:
        for m in bucket:
            if not m.actor.verified and m.actor not in before:
                add(m.actor, after)

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
        for k, m in self._persons_before(i, s_idx, 2):
            if k == s_idx and not _CLAUSE_GAP.search(self.plain[m.end : start]):
                own.add(m.actor.key)
                continue
            if m.actor.key not in own:
                if _NAMED_OFFICIAL.search(self.plain[m.end : start]):
                    return None  # "... sent Secretary of State Mike Pompeo; Kim met him"
                return m.actor
        return None

    def _recent_holder(self, i: int, title: str) -> GazetteerActor | None:
        """ "the president" with no country: the latest leader named before who held a post
        of that title on the article's date."""
        s_idx = bisect_right([s.start for s in self.sentences], self.starts[i]) - 1
        wanted = f" {title} "
        for _, m in self._persons_before(i, s_idx, 4):
            for office in self.gaz.offices_of(m.actor.key):
                # the post's own title ("President of the United States"), not an alias
                if office.held_on(self.published) and wanted in f" {office.title.lower()} ":
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
        """Whether the actor is named by an alias after token i in the same sentence."""
        sm = self._out[s_idx]
        for k in range(i + 1, sm.end_token):
            hit = self._hit_at.get(k)
            if hit is not None and any(e.actor == actor.key for e in self.gaz.text_index[hit.key]):
                return True
        return False

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

    def _from_hit(self, hit: _Hit, full_mentions: list[GazetteerActor]) -> Mention | None:
        tokens = self.tokens
        first = tokens[hit.i]
        entries = [e for e in self.gaz.text_index[hit.key] if e.kind != "code"]
        if any(e.exact_case for e in entries):
            surface = self.plain[first.start : self.ends[hit.j - 1]]
            if surface != surface.upper():  # "us" is not the US
                entries = [e for e in entries if not e.exact_case]
        if not entries:
            return None
        names = [e for e in entries if e.kind in ("name", "alias", "abbreviation")]
        surnames = [e for e in entries if e.kind == "surname"]
        if names:
            entry = names[0]
            actor = self.gaz.actor(entry.actor)
            if actor is None:
                return None
            if actor.kind == "person":
                nxt = tokens[hit.j] if hit.j < len(tokens) else None
                if nxt is not None and nxt.capitalized and nxt.key in _PLACE_NOUNS:
                    return None
                return self._mention(
                    hit.i,
                    hit.j,
                    actor,
                    "name",
                    dependant=self._dependant_after(hit.j),
                    titled=self._titled_before(hit.i),
                )
            via = "org" if actor.kind == "organization" else "country"
            return self._mention(hit.i, hit.j, actor, via, dependant=self._dependant_after(hit.j))
        if surnames:
            if self._name_continues(hit.j) or not first.capitalized:
                return None
            if hit.i > 0:
                prev = tokens[hit.i - 1]
                gap = self.plain[prev.end : first.start]
                if (
                    gap == " "
                    and prev.capitalized
                    and prev.key not in _NOT_NAME
                    and not self._is_title_token(hit.i - 1)
                ):
                    return None
            candidates = {e.actor for e in surnames}
            nxt = tokens[hit.j] if hit.j < len(tokens) else None
            if first.key in _MONTHS and (
                (nxt is not None and nxt.text.isdigit())
                or (hit.i > 0 and self.keys[hit.i - 1] in _DATE_PREPOSITIONS)
                or not any(a.key in candidates for a in full_mentions)
            ):
                return None  # "on May 26" is a date, not Theresa May
            actor = None
            for earlier in reversed(full_mentions):
                if earlier.key in candidates:
                    actor = earlier
                    break
            if actor is None:
                # No full mention: the bearer in the highest office on the article's date
                # ("Kim" in 2018 is the Supreme Leader, not the nominal head of state).
                actor = self._surname_in_office(candidates)
                if actor is None and len(candidates) == 1:
                    actor = self.gaz.actor(next(iter(candidates)))  # "Obama", one of a kind
            if actor is None:
                return None
            return self._mention(
                hit.i, hit.j, actor, "surname", dependant=self._dependant_after(hit.j)
            )
        entry = entries[0]
        actor = self.gaz.actor(entry.actor)
        if actor is None:
            return None
        return self._mention(
            hit.i, hit.j, actor, entry.kind, dependant=self._dependant_after(hit.j)
        )

    def _surname_in_office(self, candidates: set[str]) -> GazetteerActor | None:
        rank = {"effective_leader": 4, "head_of_state": 3, "party_leader": 2}
        best: list[tuple[int, str]] = []
        for key in candidates:
            held = [
                rank.get(o.role, 1) for o in self.gaz.offices_of(key) if o.held_on(self.published)
            ]
            if held:
                best.append((max(held), key))
        best.sort(reverse=True)
        if not best or (len(best) > 1 and best[0][0] == best[1][0]):
            return None
        return self.gaz.actor(best[0][1])

    def _surname_only(self, hit: _Hit | None) -> bool:
        """A one-word hit that is only some leader's surname ("Hun" in "Kim Tok Hun")."""
        return (
            hit is not None
            and hit.j - hit.i == 1
            and all(e.kind == "surname" for e in self.gaz.text_index[hit.key])
        )

    def _is_title_token(self, i: int) -> bool:
        return self.keys[i] in _ROLE_FIRST or self.keys[i] in ("secretary",)

    def _titled_before(self, i: int) -> bool:
        return i > 0 and self.keys[i - 1] in _ROLE_FIRST

    def _role_at(self, i: int) -> tuple[int, str] | None:
        """(length, role) of a role word starting at token i."""
        tokens = self.tokens
        if self.keys[i] not in _ROLE_FIRST:
            return None
        for words, role in _ROLES_LONGEST_FIRST:
            if words[0] == self.keys[i] and _phrase_at(tokens, i, words):
                return len(words), role
        return None

    def _country_before(self, i: int, hit_ends: dict[int, _Hit]) -> tuple[int, str] | None:
        """The country named right before token i: "Chinese", "China's", "the Kremlin"."""
        tokens = self.tokens
        k = i
        skipped = 0
        while k > 0 and skipped < 2 and self.keys[k - 1] in _ROLE_MODIFIERS:
            k -= 1
            skipped += 1
        if k > 0 and self.keys[k - 1] in _NOT_THE_HOLDER:
            return None
        # possessive: "North Korea's leader"
        if k > 0 and self.keys[k - 1] == "s" and self.plain[self.starts[k - 1] - 1] == "'":
            k -= 1
        hit = hit_ends.get(k)
        if hit is not None and hit.i > 0 and self.keys[hit.i - 1] in _NOT_THE_HOLDER | {"a", "an"}:
            return None  # "the former South Korean president", "a North Korean leader"
        if hit is not None:
            for entry in self.gaz.text_index[hit.key]:
                actor = self.gaz.actor(entry.actor)
                if actor is None:
                    continue
                if actor.kind == "country" and entry.kind != "code":
                    return hit.i, actor.key
                if actor.kind == "organization" and actor.country:
                    return hit.i, actor.country
        if k > 0 and self.keys[k - 1] in _METONYM_LAST:
            for words, country in METONYMS.items():
                start = k - len(words)
                if start >= 0 and _phrase_at(tokens, start, words):
                    return start, country
        return None

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
        # Title followed by a name.
        if j < len(tokens) and self.plain[self.ends[j - 1] : self.starts[j]] == " ":
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
                and name_end - j < 4
                and self.words[name_end][:1].isupper()
                and self.keys[name_end] not in _NOT_NAME
                and (
                    name_end not in covered
                    or (partial and name_end == j)
                    or self._surname_only(hit_at.get(name_end))
                )
                and self.plain[self.ends[name_end - 1] : self.starts[name_end]] in (" ", "-")
                and not self.words[name_end].isupper()
            ):
                name_end += 1
            if name_end > j and self.words[i][:1].isupper():
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
            if (
                bare is not None
                and i > 0
                and self.keys[i - 1] == "the"
                and (j >= len(tokens) or self.keys[j] != "of")
                and self.plain[self.ends[j - 1] : self.ends[j - 1] + 1] != "-"
            ):
                actor = self._recent_holder(i, bare)
                if actor is not None:
                    mention = self._mention(
                        i, j, actor, "title", dependant=self._dependant_after(j)
                    )
                    bucket.append(mention)
                    if mention.dependant is None:
                        sentence_persons.append(actor)
            return length
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
        previous meeting was during Xi's visit"); else the lead pair."""
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
        if named and not any(a.key in named for a in recent) and any(a.key in named for a in lead):
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
    ) -> int:
        tokens = self.tokens
        key = self.keys[i]
        nxt = self.keys[i + 1] if i + 1 < len(tokens) else ""
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
            # "Kim arrived on Tuesday, and on Wednesday he stood ...": the sentence's subject.
            before = self.plain[max(0, self.starts[i] - 40) : self.starts[i]]
            if re.search(r"(?:,|\band)\s+(?:[\w-]+\s+){0,4}$", before):
                actor = sentence_persons[0]
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


def resolve_mentions(text: str, published: date, gazetteer: Gazetteer) -> list[SentenceMentions]:
    """The article's sentences, each with the actors it mentions."""
    return EntityResolver(text, published, gazetteer).resolve()
