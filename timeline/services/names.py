"""Finds the actor a user means: any alias, folded; a surname when unique; suggestions when not."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from timeline.errors import AmbiguousNameError, NotFoundError
from timeline.models import Actor, ActorAlias, EventPair
from timeline.names import fold

STRONG_KINDS = ("name", "alias", "abbreviation", "code")
WEAK_KINDS = ("surname", "capital", "adjective", "demonym")


def candidates(session: Session, name: str, kinds: Sequence[str] | None = None) -> list[Actor]:
    """Actors one of whose names folds to the same key: full names first, then surnames,
    capitals and adjectives. Curated actors win over REIGN-only and extracted ones."""
    key = fold(name)
    if not key:
        return []
    if name.strip().lower().startswith("the ") and not _known(session, key):
        key = fold(name.strip()[4:])  # "the United States", "the DPRK"
    found = session.execute(
        select(Actor, ActorAlias.kind)
        .join(ActorAlias, ActorAlias.actor_id == Actor.id)
        .where(ActorAlias.normalized == key)
    ).all()
    for tier in (STRONG_KINDS, WEAK_KINDS):
        if kinds is not None:
            tier = tuple(k for k in tier if k in kinds)
        actors = _distinct(actor for actor, kind in found if kind in tier)
        if actors:
            curated = [a for a in actors if a.origin == "seed"]
            return curated or actors
    return []


def _known(session: Session, key: str) -> bool:
    return (
        session.scalar(select(ActorAlias.id).where(ActorAlias.normalized == key).limit(1))
        is not None
    )


def resolve_actor(session: Session, name: str, kinds: Sequence[str] | None = None) -> Actor:
    """The one actor `name` means, or a NotFoundError that says what the user may have meant."""
    found = candidates(session, name, kinds)
    if len(found) == 1:
        return found[0]
    if found:
        raise ambiguity(name, found)
    raise NotFoundError(f"no actor named {name!r}{_suggestion(session, name)}")


def resolve_pair(session: Session, first: str, second: str) -> tuple[Actor, Actor]:
    """Two names read together: an ambiguous one ("Kim") is the candidate who has the most
    contacts with the other, as a reader of "Kim–Xi" would take it."""
    a_options, b_options = candidates(session, first), candidates(session, second)
    for name, options in ((first, a_options), (second, b_options)):
        if not options:
            raise NotFoundError(f"no actor named {name!r}{_suggestion(session, name)}")
    if len(a_options) == 1 and len(b_options) == 1:
        return a_options[0], b_options[0]
    scored = sorted(
        ((_contact_count(session, a.id, b.id), a, b) for a in a_options for b in b_options),
        key=lambda item: -item[0],
    )
    best = scored[0]
    if best[0] > 0 and (len(scored) == 1 or scored[1][0] < best[0]):
        return best[1], best[2]
    ambiguous_name, options = (first, a_options) if len(a_options) > 1 else (second, b_options)
    raise ambiguity(ambiguous_name, options)


def ambiguity(name: str, actors: Sequence[Actor]) -> AmbiguousNameError:
    listed = ", ".join(sorted(a.name for a in actors)[:8])
    return AmbiguousNameError(f"{name!r} could mean {listed}: give the full name")


def _contact_count(session: Session, a: int, b: int) -> int:
    low, high = min(a, b), max(a, b)
    # Counted by the database: "Kim" and "Xi" share tens of thousands of events at 1M.
    count = session.scalar(
        select(func.count())
        .select_from(EventPair)
        .where(EventPair.actor_a_id == low, EventPair.actor_b_id == high)
    )
    return count or 0


def _suggestion(session: Session, name: str) -> str:
    """Up to three actors with a name or alias close to `name`, each by its own name: two
    spellings of one person are one suggestion, never two people."""
    rows = session.execute(
        select(ActorAlias.alias, Actor.id, Actor.name)
        .join(Actor, Actor.id == ActorAlias.actor_id)
        .where(ActorAlias.kind.in_(("name", "alias")))
    ).all()
    by_fold: dict[str, list[tuple[int, str]]] = {}
    for alias, actor_id, actor_name in rows:
        by_fold.setdefault(fold(alias), []).append((actor_id, actor_name))
    close = difflib.get_close_matches(fold(name), list(by_fold), n=12, cutoff=0.6)
    offered: dict[int, str] = {}
    for key in close:
        for actor_id, actor_name in by_fold[key]:
            offered.setdefault(actor_id, actor_name)
    names = list(dict.fromkeys(offered.values()))[:3]
    if not names:
        return ""
    return ": did you mean " + " or ".join(names) + "?"


def _distinct(actors: object) -> list[Actor]:
    seen: dict[int, Actor] = {}
    for actor in actors:  # type: ignore[attr-defined]
        seen.setdefault(actor.id, actor)
    return list(seen.values())
