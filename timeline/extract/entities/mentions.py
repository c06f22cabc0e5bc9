"""Mentions (who a span of text denotes) and the alias scan over an article's tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from timeline.extract.gazetteer import Gazetteer, GazetteerActor
from timeline.extract.text import Sentence, Tokens
from timeline.names import fold


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
