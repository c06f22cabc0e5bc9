"""Every seed record is checked: valid dates, start <= end, sources, unambiguous aliases,
and offices of one post that never overlap."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from datetime import date
from itertools import pairwise

import pytest

from timeline.formats.seedfiles import default_seed_dir, load_seed_dir
from timeline.names import fold

DATA = load_seed_dir()
CANONICAL = [
    "Kim Jong Un", "Kim Jong Il", "Xi Jinping", "Hu Jintao", "Vladimir Putin", "Donald Trump",
    "Joe Biden", "Barack Obama", "Moon Jae-in", "Yoon Suk Yeol", "Lee Jae-myung", "Shinzo Abe",
    "Fumio Kishida", "Alexander Lukashenko", "Narendra Modi",
]  # fmt: skip


def test_the_benchmarks_canonical_names_are_seeded() -> None:
    names = {p.name for p in DATA.persons}
    assert set(CANONICAL) <= names
    countries = {c.name for c in DATA.countries}
    assert {"North Korea", "South Korea", "China", "Russia", "Japan", "United States"} <= countries
    assert {"United Nations Security Council", "European Union"} <= {
        o.name for o in DATA.organizations
    }


def test_every_un_member_and_observer_is_a_country() -> None:
    statuses = defaultdict(int)
    for country in DATA.countries:
        statuses[country.status] += 1
    assert statuses["member"] == 193
    assert statuses["observer"] == 2


def test_every_record_has_a_source() -> None:
    records = [*DATA.countries, *DATA.organizations, *DATA.persons, *DATA.events]
    assert all(r.source.strip() for r in records)
    assert all(o.source.strip() for p in DATA.persons for o in p.offices)


def test_dates_are_ordered() -> None:
    for person in DATA.persons:
        for office in person.offices:
            assert office.end is None or office.start <= office.end, (person.name, office)
    for event in DATA.events:
        assert (event.start is None) == (event.end is None), event.key
        assert event.start is None or event.start <= event.end, event.key
        assert event.start is None or date(1900, 1, 1) <= event.start <= date(2026, 12, 31)


def test_offices_of_one_post_never_overlap() -> None:
    posts: dict[tuple[str, str], list[tuple[date, date, str]]] = defaultdict(list)
    for person in DATA.persons:
        for office in person.offices:
            post = (office.role, office.country or office.organization)
            posts[post].append((office.start, office.end or date.max, person.name))
    for post, spells in posts.items():
        for (s1, e1, n1), (s2, e2, n2) in pairwise(sorted(spells)):
            # a hand-over day may be both the old holder's last and the new one's first
            assert e1 <= s2, f"{post}: {n1} ({s1}..{e1}) overlaps {n2} ({s2}..{e2})"


@pytest.mark.parametrize(
    ("a", "b", "shared"),
    [
        ((date(1994, 7, 8), None), (date(1994, 7, 8), date(2011, 12, 17)), True),
        ((date(1948, 9, 9), date(1994, 7, 8)), (date(1994, 7, 8), None), False),  # hand-over
        ((date(2000, 1, 1), date(2000, 1, 1)), (date(2000, 1, 1), date(2000, 1, 1)), True),
        ((date(2000, 1, 1), date(2000, 1, 1)), (date(2000, 1, 2), None), False),
        ((date(1990, 1, 1), date(2000, 1, 1)), (date(1995, 1, 1), date(1996, 1, 1)), True),
    ],
)
def test_reign_spells_overlap_a_curated_tenure_unless_they_only_hand_over(
    a: tuple[date, date | None], b: tuple[date, date | None], shared: bool
) -> None:
    from timeline.formats.seedfiles import _overlaps

    assert _overlaps(*a, *b) is shared
    assert _overlaps(*b, *a) is shared


def test_every_alias_names_one_actor() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for c in DATA.countries:
        for name in (c.name, c.official_name, *c.aliases, *c.adjectives, *c.demonyms, c.capital):
            owners[fold(name)].add(c.key)
    for o in DATA.organizations:
        for name in (o.name, *o.aliases):
            owners[fold(name)].add(o.key)
    for p in DATA.persons:
        if p.origin == "seed":
            for name in (p.name, *p.aliases):
                owners[fold(name)].add(p.key)
    owners.pop("", None)
    clashes = {name: keys for name, keys in owners.items() if len(keys) > 1}
    assert clashes == {}


def test_every_event_participant_resolved() -> None:
    keys = {a.key for a in (*DATA.countries, *DATA.organizations, *DATA.persons)}
    for event in DATA.events:
        assert event.participants, event.key
        for participant in event.participants:
            assert participant.actor_key in keys, (event.key, participant)


@pytest.mark.parametrize("name", ["countries", "organizations", "leaders", "events", "sanctions"])
def test_seed_files_are_plain_toml(name: str) -> None:
    with (default_seed_dir() / f"{name}.toml").open("rb") as handle:
        assert tomllib.load(handle)


def test_an_open_reign_spell_ends_where_a_curated_leader_takes_over_after_reign_stops() -> None:
    spells = {
        p.name: [(o.start, o.end) for o in p.offices]
        for p in DATA.persons
        if p.origin == "reign" and p.name in ("Bah Ndaw", "Hun Sen")
    }
    # Goita became President of Mali on 2021-05-24, after REIGN's last month
    assert spells["Bah Ndaw"] == [(date(2020, 9, 25), date(2021, 5, 24))]  # REIGN: Ba N'Daou
    # King Sihamoni's reign began in 2004, while REIGN still saw Hun Sen in office
    assert (date(1997, 7, 6), None) in spells["Hun Sen"]


def test_reign_only_leaders_carry_the_full_name_news_writes() -> None:
    """REIGN gives "Nazarbaev" or "B. Cowen"; seeds/reign/full_names.csv names them as the
    news does, REIGN's spelling kept as an alias (the natural key is unchanged)."""
    by_id = {p.reign_ids[0]: p for p in DATA.persons if p.origin == "reign"}
    nazarbayev = by_id["A2.9-7795"]
    assert (nazarbayev.name, nazarbayev.aliases) == ("Nursultan Nazarbayev", ("Nazarbaev",))
    assert nazarbayev.key == "reign:A2.9-7795:nazarbaev"
    assert by_id["A3.0-68"].name == "Viktor Orban"
