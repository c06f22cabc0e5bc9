"""Names: what a gazetteer hit denotes (a full name, a surname in office, a country), and the
title words around it."""

from __future__ import annotations

import re

from timeline.extract.entities.mentions import (
    Mention,
    _Hit,
    _phrase_at,
)
from timeline.extract.entities.words import (
    _COURTESY,
    _DATE_PREPOSITIONS,
    _METONYM_LAST,
    _MONTHS,
    _NOT_NAME,
    _NOT_THE_HOLDER,
    _PLACE_NOUNS,
    _ROLE_FIRST,
    _ROLE_MODIFIERS,
    _ROLES_LONGEST_FIRST,
    METONYMS,
    ROLE_WORDS,
)
from timeline.extract.gazetteer import GazetteerActor
from timeline.names import fold


class NamesMixin:
    """The name rules of `EntityResolver`."""

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
            if actor.kind == "country" and _LEADERS_OF.search(
                self.plain, max(0, first.start - 160), first.start
            ):
                # "the leaders of Egypt, Qatar and Turkey": each country's leader
                held = self.gaz.holders(actor.key, "leader", self.published)
                if len(held) == 1:
                    return self._mention(hit.i, hit.j, held[0], "title")
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
                    and prev.key not in _COURTESY
                    and not self._is_title_token(hit.i - 1)
                ):
                    return None  # "Kim Yo Jong": a given name, someone else (not "Mr Blair")
            candidates = {e.actor for e in surnames}
            nxt = tokens[hit.j] if hit.j < len(tokens) else None
            if first.key in _MONTHS and (
                (nxt is not None and nxt.text.isdigit())
                or (hit.i > 0 and self.keys[hit.i - 1] in _DATE_PREPOSITIONS)
                or not any(a.key in candidates for a in full_mentions)
            ):
                return None  # "on May 26" is a date, not Theresa May
            actor = None
            surname = fold(self.plain[first.start : tokens[hit.j - 1].end])
            for earlier in reversed(full_mentions):
                # the one named in full before: a known bearer, or an unknown one of the
                # same surname ("Nawaz Sharif" ... "Sharif", not Shehbaz Sharif)
                if earlier.key in candidates or (
                    not earlier.verified and fold(earlier.name.split()[-1]) == surname
                ):
                    actor = earlier
                    break
            if actor is None:
                # No full mention: the bearer in the highest office on the article's date
                # ("Kim" in 2018 is the Supreme Leader, not the nominal head of state).
                actor = self._surname_in_office(candidates)
                if actor is None and len(candidates) == 1:
                    # "Obama", one of a kind; not before the bearer first took office
                    # ("Regent's Park" in 2009 is no Park Geun-hye)
                    only = next(iter(candidates))
                    if self._in_office_by_then(only):
                        actor = self.gaz.actor(only)
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

    def _in_office_by_then(self, key: str) -> bool:
        """Whether the person held a post on or before the article's date (those with no
        offices known are left alone)."""
        offices = self.gaz.offices_of(key)
        return not offices or any(o.start <= self.published for o in offices)

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
        """Whether token i is a leader's title or ends one ("Prime Minister Harper", not
        "Defense Minister Kim")."""
        keys = self.keys
        if keys[i] in _ROLE_FIRST or keys[i] in ("secretary",):
            return True
        return any(
            len(words) > 1
            and i + 1 >= len(words)
            and tuple(keys[i + 1 - len(words) : i + 1]) == words
            for words in ROLE_WORDS
        )

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


# Before a country in a list governed by "the leaders of": "the leaders of Egypt, Qatar and".
_LEADERS_OF = re.compile(
    r"\bthe\s+(?:leaders|presidents|heads\s+of\s+state(?:\s+and\s+government)?)\s+of\s+"
    r"(?:the\s+)?"
    r"(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*(?:,\s+(?:and\s+)?|\s+and\s+))*$"
)
