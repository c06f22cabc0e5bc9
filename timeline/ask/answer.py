"""A `Reading` answered with the functions behind the commands, and said back in one line.

`contacts`, `first`, `last`, `count` and `yesno` of two names run `queries.contacts` (the
`contacts` command); one name or none runs `queries.find_events` (`events`); offices run
`leaders.who_led` through `holders`; sanctions run `sanctions.find_sanctions`
(`sanctions`). Names are resolved by `services.names` exactly as the commands resolve their
arguments, so every did-you-mean and ambiguity is the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from timeline.ask.reader import Name, Reading
from timeline.errors import InputError, NotFoundError
from timeline.models import Actor
from timeline.services import queries
from timeline.vocabulary import EVENT_COLUMNS

OFFICE_COLUMNS = ("leader", "title", "of", "start", "end")
SANCTION_COLUMNS = ("id", "adopted", "imposer", "target", "authority", "lifted_on")
_TYPE_PLURAL = {
    "meeting": "meetings",
    "call": "calls",
    "message": "messages",
    "invitation": "invitations",
    "agreement": "agreements",
    "attendance": "attendances",
    "sanction": "sanctions",
}
_ROLE_NAMES = {"head_of_state": "head of state", "head_of_government": "head of government"}


@dataclass
class Answer:
    """Rows to print, their columns, how the question was read, and for counts and yes/no
    questions the short answer (`summary`)."""

    rows: list[dict[str, Any]]
    columns: tuple[str, ...]
    read_as: str
    summary: str | None = None
    pair: tuple[Actor, Actor] | None = None  # the two actors of a contacts-like answer


def answer(session: Session, reading: Reading) -> Answer:
    intent = reading.intent
    if intent in ("leaders", "office"):
        return _offices(session, reading)
    if intent == "sanctions" or (intent == "count" and reading.count_of == "sanctions"):
        return _sanctions(session, reading)
    actors = _actors(session, reading)
    if len(actors) > 2 and intent not in ("contacts", "events", "count", "yesno"):
        raise InputError(f"{reading.question!r} names more than two actors; ask about two")
    window = queries.Window(since=reading.since, until=reading.until)
    what = _what(reading.types)
    pair: tuple[Actor, Actor] | None = None
    when = f", {reading.time.describe()}" if reading.time else ""
    if len(actors) > 2:  # events all of them took part in, as `events -a A -a B -a C`
        criteria = queries.EventFilter(
            actor_ids=[a.id for a in actors], types=reading.types, window=window
        )
        rows = queries.find_events(session, criteria)
        subject = f"{_events(what)} of {', '.join(a.name for a in actors)} together{when}"
    elif len(actors) == 2 and intent == "trips":  # visits as a guest, to a country
        person, country = actors
        criteria = queries.EventFilter(
            actor_ids=[person.id],
            roles=("guest",),
            types=reading.types,
            window=window,
            country_id=country.id,
        )
        rows = queries.find_events(session, criteria)
        subject = f"visits of {person.name} as a guest, to {country.name}{when}"
    elif len(actors) == 2:
        first, second = actors
        rows = queries.contacts(session, first, second, window=window, types=reading.types)
        subject = f"{what} of {first.name} and {second.name}{when}"
        pair = (first, second)
    else:
        country = actors[0] if actors and actors[0].kind == "country" else None
        criteria = queries.EventFilter(
            actor_ids=[actors[0].id] if actors and country is None else [],
            roles=("guest",) if intent == "trips" else (),
            types=reading.types,
            window=window,
            country_id=country.id if country else None,
        )
        rows = queries.find_events(session, criteria)
        if intent == "trips":
            subject = f"visits of {actors[0].name} as a guest{when}"
        elif country is not None:
            subject = f"{_events(what)} in {country.name}{when}"
        elif actors:
            subject = f"{_events(what)} of {actors[0].name}{when}"
        else:
            subject = f"{_events(what)}{when}"
    if intent in ("first", "last"):
        dated = [r for r in rows if r["start"] is not None]
        rows = dated[:1] if intent == "first" else dated[-1:]
        order = "oldest" if intent == "first" else "latest"
        return Answer(
            rows, EVENT_COLUMNS, f"{subject}, dated ones, {order} first, limit 1", pair=pair
        )
    if intent == "count":
        return Answer(rows, EVENT_COLUMNS, f"how many: {subject}", str(len(rows)), pair)
    if intent == "yesno":
        verdict = "yes" if rows else "no"
        return Answer(rows, EVENT_COLUMNS, f"whether there were {subject}", verdict, pair)
    return Answer(rows, EVENT_COLUMNS, f"{subject}, oldest first", pair=pair)


def _events(what: str) -> str:
    return "events" if what == "contacts" else what


def _what(types: tuple[str, ...]) -> str:
    if not types:
        return "contacts"
    return " and ".join(_TYPE_PLURAL[t] for t in types)


def _actors(session: Session, reading: Reading) -> list[Actor]:
    """The question's actors, resolved as the commands resolve their arguments: a pair
    together (an ambiguous "Kim" is the one with contacts with the other)."""
    from timeline.services.names import resolve_actor, resolve_pair

    names = reading.names
    if len(names) == 2 and all(n.holder_role is None for n in names):
        return list(resolve_pair(session, names[0].text, names[1].text))
    if len(names) == 2 and any(n.holder_role is None for n in names):
        # "the South Korean president and Kim": the post's holder, then "Kim" read as the
        # one with contacts with that person, as in any pair.
        post, other = names if names[0].holder_role else names[::-1]
        holder = _holder(session, reading, post)
        found = resolve_pair(session, holder.name, other.text)
        return list(found) if post is names[0] else list(found[::-1])
    return [
        _holder(session, reading, n) if n.holder_role else resolve_actor(session, n.text)
        for n in names
    ]


def _holder(session: Session, reading: Reading, name: Name) -> Actor:
    """ "The DPRK leader": who held the post on the first day of the question's window
    (or today); one person, or the question is ambiguous."""
    from timeline.services.leaders import holders_on, who_led
    from timeline.services.names import resolve_actor

    country = resolve_actor(session, name.text, kinds=None)
    day = reading.since or reading.until or reading.today
    if name.holder_role == "leader":
        offices = who_led(session, country, day)
    else:
        offices = [o for o in holders_on(session, country=country, on=day)]
        offices = [o for o in offices if o.role == name.holder_role]
    people = list(dict.fromkeys(o.holder_id for o in offices))
    if len(people) != 1:
        raise NotFoundError(
            f"cannot tell who '{name.text} {name.holder_role}' was on {day.isoformat()}: "
            "give the name"
        )
    actor = session.get(Actor, people[0])
    assert actor is not None
    return actor


def _offices(session: Session, reading: Reading) -> Answer:
    from timeline.services.holders import held_during, led_during
    from timeline.services.leaders import offices_rows
    from timeline.services.names import resolve_actor

    countries = [n for n in reading.names if "country" in n.kinds] or list(reading.names)
    if not countries:
        raise InputError(f"{reading.question!r} names no country; e.g. 'who led Japan in 2021'")
    country = resolve_actor(session, countries[0].text, kinds=None)
    if country.kind != "country":
        raise NotFoundError(f"{countries[0].text!r} is {country.name}, not a country")
    since = reading.since or reading.until or reading.today
    until = reading.until or (reading.today if reading.since else since)
    if reading.intent == "office":
        assert reading.role is not None
        offices = held_during(session, country, reading.role, since, until)
        post = _ROLE_NAMES.get(reading.role, reading.role)
        subject = f"holders of the post of {post} of {country.name}"
    else:
        offices = led_during(session, country, since, until)
        subject = f"leaders of {country.name}"
    span = since.isoformat() if since == until else f"{since.isoformat()} to {until.isoformat()}"
    return Answer(offices_rows(session, offices), OFFICE_COLUMNS, f"{subject}, {span}")


def _sanctions(session: Session, reading: Reading) -> Answer:
    from timeline.services.names import resolve_actor
    from timeline.services.sanctions import find_sanctions

    target = resolve_actor(session, reading.target.text) if reading.target else None
    imposer = resolve_actor(session, reading.imposer.text) if reading.imposer else None
    day: date | None = None
    if reading.in_force:
        day = reading.time.day if reading.time and reading.time.day else reading.until
        day = day or reading.today
    rows = find_sanctions(session, target=target, imposer=imposer, active_on=day)
    parts = ["sanctions"]
    if imposer is not None:
        parts.append(f"by {imposer.name}")
    if target is not None:
        parts.append(f"on {target.name}")
    if day is not None:
        parts.append(f"in force on {day.isoformat()}")
    elif reading.time is not None:
        window = (reading.since or date.min, reading.until or date.max)
        rows = [r for r in rows if r["adopted"] and window[0] <= r["adopted"] <= window[1]]
        parts.append(f"adopted {reading.time.describe()}")
    subject = " ".join(parts)
    if reading.intent == "count":
        return Answer(rows, SANCTION_COLUMNS, f"how many: {subject}", str(len(rows)))
    return Answer(rows, SANCTION_COLUMNS, subject)
