"""Entity resolution: who (which canonical actor) each name, title or reference denotes.

One pass over the article's tokens finds gazetteer aliases (a dict lookup over token n-grams,
so case, accents, hyphens, dots and look-alike characters do not matter); a second,
left-to-right pass over sentences resolves what needs context: a surname after a full
mention, "the Chinese president" (who held the office on the article's date), "the two
leaders", a subject "he", "the council".

Modules: `words` (closed word lists), `mentions` (what a mention is; the alias scan),
`resolver` (the left-to-right pass), `titles` and `pairs` (its title and pair rules).
"""

from __future__ import annotations

from timeline.extract.entities.mentions import (
    Mention,
    SentenceMentions,
    fold_spaced,
    unverified_actor,
)
from timeline.extract.entities.resolver import EntityResolver, resolve_mentions
from timeline.extract.entities.words import METONYMS, OFFICIAL_NOUNS, ROLE_WORDS

__all__ = [
    "METONYMS",
    "OFFICIAL_NOUNS",
    "ROLE_WORDS",
    "EntityResolver",
    "Mention",
    "SentenceMentions",
    "fold_spaced",
    "resolve_mentions",
    "unverified_actor",
]
