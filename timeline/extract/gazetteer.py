"""The names the extractor knows: actors with their aliases and the offices they held.

Pure data plus a precompiled matcher; no database. Built from the seed TOML files (or by the
caller from database rows) so extraction works right after `pip install`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import timeline
from timeline.names import fold

# Republics where the head of government, not the president, leads ("the German leader" is
# the chancellor, "the Indian leader" the prime minister); monarchies are found by title.
PARLIAMENTARY_REPUBLICS = frozenset(
    [
        "DEU",
        "IND",
        "ITA",
        "ISR",
        "GRC",
        "AUT",
        "PAK",
        "IRQ",
        "HUN",
        "CZE",
        "SVK",
        "IRL",
        "SGP",
        "BGD",
        "NPL",
        "ETH",
        "ARM",
        "GEO",
        "ALB",
        "MLT",
        "EST",
        "LVA",
        "PRT",
        "POL",
    ]
)
_MONARCH = re.compile(
    r"\b(?:emperor|king|queen|monarch|sultan|grand duke|prince|governor[- ]general)\b", re.I
)


@dataclass(frozen=True, slots=True)
class GazetteerActor:
    key: str  # "person:kim-jong-un", "country:PRK", "org:UNSC"
    name: str  # canonical name
    kind: str  # person | country | organization
    country: str | None  # the country actor's key for persons and national bodies
    aliases: tuple[tuple[str, str], ...]  # (text, kind) with kind in vocabulary.ALIAS_KINDS
    verified: bool = True

    def alias_texts(self, *kinds: str) -> list[str]:
        """The alias texts of the given kinds (all when none given)."""
        return [text for text, kind in self.aliases if not kinds or kind in kinds]


@dataclass(frozen=True, slots=True)
class GazetteerOffice:
    holder: str  # person key
    title: str
    role: str  # head_of_state | head_of_government | party_leader | effective_leader
    country: str | None  # country key
    organization: str | None  # organization key
    start: date
    end: date | None
    title_aliases: tuple[str, ...] = ()

    def held_on(self, day: date) -> bool:
        """Half-open: on a hand-over day the incoming holder holds the post."""
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One way of naming an actor, as indexed by the matcher."""

    actor: str  # actor key
    kind: str  # alias kind
    exact_case: bool  # short all-capital forms ("US", "UN") only match upper-case text


def _exact_case(alias: str) -> bool:
    letters = [ch for ch in alias if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(letters) <= 5


class Gazetteer:
    """Actors, aliases and offices, with a folded-alias index built once per instance."""

    def __init__(
        self,
        actors: Iterable[GazetteerActor],
        offices: Iterable[GazetteerOffice],
        other_leaders: Iterable[tuple[str, str]] = (),
    ):
        self._actors: dict[str, GazetteerActor] = {}
        for actor in actors:
            self._actors[actor.key] = actor
        self._offices: list[GazetteerOffice] = sorted(offices, key=lambda o: o.start)
        self._by_holder: dict[str, list[GazetteerOffice]] = {}
        for office in self._offices:
            self._by_holder.setdefault(office.holder, []).append(office)
        self.index: dict[str, list[AliasEntry]] = {}
        for actor in self._actors.values():
            seen: set[tuple[str, str]] = set()
            for text, kind in ((actor.name, "name"), *actor.aliases):
                key = fold(text)
                if not key or (key, kind) in seen:
                    continue
                seen.add((key, kind))
                self.index.setdefault(key, []).append(
                    AliasEntry(actor.key, kind, kind != "name" and _exact_case(text))
                )
        # What running text is matched against: codes ("HUN", "CAN") are for lookups only.
        self.text_index: dict[str, list[AliasEntry]] = {}
        for key, entries in self.index.items():
            usable = [e for e in entries if e.kind != "code"]
            if usable:
                self.text_index[key] = usable
        # Token-boundary prefixes of multi-word aliases, so the matcher stops early.
        self.prefixes: set[str] = set()
        for actor in self._actors.values():
            for text, _ in ((actor.name, "name"), *actor.aliases):
                words = [fold(w) for w in re.findall(r"[^\W_]+", text)]
                for k in range(1, len(words)):
                    self.prefixes.add("".join(words[:k]))
        self.max_alias_tokens = max(
            (
                len(re.findall(r"[^\W_]+", text))
                for actor in self._actors.values()
                for text, _ in ((actor.name, "name"), *actor.aliases)
            ),
            default=1,
        )
        self._org_country: dict[str, str | None] = {
            a.key: a.country for a in self._actors.values() if a.kind == "organization"
        }
        # Leaders known only by REIGN's spelling, often a surname ("Sharif"): (name, country).
        # They are not actors (a surname alone would make "Johnson" a participant); they
        # confirm a full name in the text ("Nawaz Sharif") as a leader of that country.
        self.other_leader_names: dict[str, str] = {}
        # surname -> {(country, initial of the given name, "" where REIGN gives none)}
        self.other_leader_surnames: dict[str, set[tuple[str, str]]] = {}
        self.other_leader_last_tokens: set[str] = set()  # where such a name can end
        for name, country in other_leaders:
            words = re.sub(r"\(.*?\)", " ", name).split()
            if not words:
                continue
            if len(words) > 1:
                self.other_leader_names.setdefault(fold(" ".join(words)), country)
            initial = fold(words[0])[:1] if len(words) > 1 else ""
            for surname in _surname_keys(words[-1]):
                if len(surname) >= 3 and surname.isalpha():
                    self.other_leader_surnames.setdefault(surname, set()).add((country, initial))
            tokens = re.findall(r"[^\W_]+", words[-1])
            if tokens:
                self.other_leader_last_tokens.add(fold(tokens[-1]))
        # Offices by the country they belong to, each with the names it answers to.
        self._by_country: dict[str, list[tuple[GazetteerOffice, frozenset[str]]]] = {}
        for office in self._offices:
            where = office.country or self._org_country.get(office.organization or "")
            if where:
                self._by_country.setdefault(where, []).append((office, _office_names(office)))

    # -- construction -------------------------------------------------------------------

    @classmethod
    def from_seed_dir(cls, path: Path | None = None) -> Gazetteer:
        """The gazetteer of a seed folder; the packaged seeds (cached) when no path given."""
        if path is None:
            return _default_gazetteer()
        return _load(Path(path))

    # -- queries ------------------------------------------------------------------------

    @staticmethod
    def normalize(text: str) -> str:
        """NFKD, accents stripped, lower case, non-alphanumerics dropped."""
        return fold(text)

    @property
    def actors(self) -> list[GazetteerActor]:
        return list(self._actors.values())

    @property
    def offices(self) -> list[GazetteerOffice]:
        return list(self._offices)

    def actor(self, key: str) -> GazetteerActor | None:
        return self._actors.get(key)

    def offices_of(self, person_key: str) -> list[GazetteerOffice]:
        return list(self._by_holder.get(person_key, ()))

    def is_leader(self, person_key: str) -> bool:
        """Whether the person ever held a leader's post (only leaders take part in events)."""
        return person_key in self._by_holder

    def lookup(self, name: str) -> list[GazetteerActor]:
        """Actors named `name`: full names, aliases, abbreviations and codes first; else
        surnames, capitals, adjectives and demonyms."""
        entries = self.index.get(fold(name), [])
        strong = [e for e in entries if e.kind in ("name", "alias", "abbreviation", "code")]
        found: list[GazetteerActor] = []
        for entry in strong or entries:
            actor = self._actors[entry.actor]
            if actor not in found:
                found.append(actor)
        return found

    def other_leader_country(
        self, name: str, countries: Iterable[str], titled: bool = False
    ) -> str | None:
        """The country whose REIGN leader `name` (a full name from the text) is: REIGN's
        own full name anywhere, else its surname with that country among `countries` (the
        ones the article names), when exactly one fits."""
        exact = self.other_leader_names.get(fold(name))
        if exact is not None:
            return exact
        words = name.split()
        given = fold(words[0])[:1] if len(words) > 1 else ""
        fits: set[str] = set()
        for surname in _surname_keys(words[-1]):
            fits |= {
                country
                for country, initial in self.other_leader_surnames.get(surname, set())
                # "Sonia Gandhi" is not "I. Gandhi"; "Sheikh Tamim ... Al Thani", titled, is
                # a ruler of the family even where REIGN's list stops before him
                if not initial or initial == given or titled
            }
        fits &= set(countries)
        return next(iter(fits)) if len(fits) == 1 else None

    def _leaders(self, country_key: str, on: date) -> list[GazetteerActor]:
        """Who "the X leader" is: the effective leader, else the party chief (one-party
        states), else the head of government where the head of state is a monarch or the
        country a parliamentary republic, else the head of state, else the government's."""
        for role in ("effective_leader", "party_leader"):
            found = self.holders(country_key, role, on)
            if found:
                return found
        state = self.holders(country_key, "head_of_state", on)
        government = self.holders(country_key, "head_of_government", on)
        monarch = any(
            _MONARCH.search(office.title)
            for office, _ in self._by_country.get(country_key, ())
            if office.role == "head_of_state" and office.held_on(on)
        )
        parliamentary = country_key.removeprefix("country:") in PARLIAMENTARY_REPUBLICS
        if government and (monarch or parliamentary or not state):
            return government
        return state

    def holders(self, country_key: str, role_or_title: str, on: date) -> list[GazetteerActor]:
        """Who held the post of `country_key` named by a role ("head_of_state"), a title
        ("President", "Premier") or "leader" (effective leader, else head of state, party
        leader, head of government) on the day `on`."""
        wanted = fold(role_or_title)
        if wanted == "leader":
            return self._leaders(country_key, on)
        found: list[GazetteerActor] = []
        for office, names in self._by_country.get(country_key, ()):
            if wanted not in names or not office.held_on(on):
                continue
            actor = self._actors.get(office.holder)
            if actor is not None and actor not in found:
                found.append(actor)
        return found


def _surname_keys(word: str) -> list[str]:
    """A surname folded, and without its article ("al-Assad": also "assad")."""
    keys = [fold(word)]
    article, _, rest = word.partition("-")
    if rest and article.lower() in ("al", "el", "ad", "as", "an"):
        keys.append(fold(rest))
    return keys


def _office_names(office: GazetteerOffice) -> frozenset[str]:
    """What a post may be called: its role, title and title aliases, the head of a title
    ("President" of "President of the People's Republic of China") and the last word of
    an alias ("President" of "U.S. President")."""
    names = {fold(office.role), fold(office.title)}
    for title in (office.title, *office.title_aliases):
        names.add(fold(title))
        names.add(fold(title.split(" of ")[0]))
        words = title.split()
        if words:
            names.add(fold(words[-1]))
    names.discard("")
    return frozenset(names)


# -- seed loading -----------------------------------------------------------------------


def default_seed_dir() -> Path:
    """`seeds/` in a checkout, else the copy packaged in the wheel."""
    package = Path(timeline.__file__).resolve().parent
    for candidate in (package.parent / "seeds", package / "_seeds"):
        if candidate.is_dir():
            return candidate
    return package.parent / "seeds"


@cache
def _default_gazetteer() -> Gazetteer:
    return _load(default_seed_dir())


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if not value:
        return None
    return date.fromisoformat(str(value)[:10])


def _alias_kind(text: str) -> str:
    return "abbreviation" if _exact_case(text) else "alias"


def _load(path: Path) -> Gazetteer:
    actors: list[GazetteerActor] = []
    offices: list[GazetteerOffice] = []
    countries = _read(path / "countries.toml").get("country", [])
    persons = _read(path / "leaders.toml").get("person", [])
    for rec in countries:
        iso3 = rec["iso3"]
        aliases: list[tuple[str, str]] = []
        if rec.get("official_name"):
            aliases.append((rec["official_name"], "alias"))
        aliases += [(a, _alias_kind(a)) for a in rec.get("aliases", [])]
        aliases += [(a, "adjective") for a in rec.get("adjectives", [])]
        aliases += [(a, "demonym") for a in rec.get("demonyms", [])]
        if rec.get("capital"):
            aliases.append((rec["capital"], "capital"))
        aliases += [(code, "code") for code in (iso3, rec.get("iso2")) if code]
        actors.append(
            GazetteerActor(f"country:{iso3}", rec["name"], "country", None, tuple(aliases))
        )
    for rec in _read(path / "organizations.toml").get("organization", []):
        aliases = [(a, _alias_kind(a)) for a in rec.get("aliases", [])]
        aliases.append((rec["key"], "code"))
        country = f"country:{rec['country']}" if rec.get("country") else None
        actors.append(
            GazetteerActor(
                f"org:{rec['key']}", rec["name"], "organization", country, tuple(aliases)
            )
        )
    for rec in persons:
        key = f"person:{rec['key']}"
        aliases = [(a, "alias") for a in rec.get("aliases", [])]
        if rec.get("surname"):
            aliases.append((rec["surname"], "surname"))
        country = f"country:{rec['country']}" if rec.get("country") else None
        actors.append(GazetteerActor(key, rec["name"], "person", country, tuple(aliases)))
        for off in rec.get("office", []):
            start = _day(off.get("start"))
            if start is None:
                continue
            offices.append(
                GazetteerOffice(
                    holder=key,
                    title=off.get("title", ""),
                    role=off.get("role", ""),
                    country=f"country:{off['country']}" if off.get("country") else None,
                    organization=f"org:{off['organization']}" if off.get("organization") else None,
                    start=start,
                    end=_day(off.get("end")),
                    title_aliases=tuple(off.get("title_aliases", [])),
                )
            )
    return Gazetteer(actors, offices, _reign_only_leaders(path))


def _reign_only_leaders(path: Path) -> list[tuple[str, str]]:
    """(name, country key) of each REIGN-only leader, read as `timeline seed` stores them
    (so the database's gazetteer and this one agree)."""
    if not (path / "reign").is_dir():
        return []
    from timeline.formats.seedfiles import load_seed_dir

    return [
        (name, f"country:{person.country}")
        for person in load_seed_dir(path).persons
        if person.origin == "reign" and person.country
        for name in (person.name, *person.aliases)  # "Nursultan Nazarbayev", "Nazarbaev"
    ]
