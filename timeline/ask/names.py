"""The names in a question, found with the gazetteer's alias index.

The question is cut into words; every run of up to `MAX_WORDS` words that may be a name is
folded as the gazetteer folds aliases ("Kim Jong-un" -> "kimjongun"), the aliases with those
keys are read from the database in one query, and a `Gazetteer` built from just those actors
indexes them (the extractor's own rules: full names and aliases before surnames, short
all-capital forms such as "US" only when written in capitals, codes never). The longest name
at each word wins, left to right, so "the United States", "the DPRK", "Kim Jong Un Vladimir
Putin" and "Xi's" are read as a reader would. Building the extractor's whole gazetteer
would cost a hundred milliseconds; this costs one indexed query.

Which actor a name means is not decided here: `services.names` resolves it, exactly as for
the commands' arguments.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from timeline.extract.gazetteer import Gazetteer, GazetteerActor
from timeline.models import Actor, ActorAlias
from timeline.names import fold

MAX_WORDS = 6
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_JOINERS = set(" -.'’\u00a0")


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return fold(self.text)


@dataclass(frozen=True)
class NameSpan:
    """A name as written, where it is, and the kinds of actor it may be."""

    text: str
    start: int
    end: int
    kinds: frozenset[str]  # person | country | organization


def words(text: str) -> list[Word]:
    return [Word(m[0], m.start(), m.end()) for m in _WORD.finditer(text)]


def find_names(
    session: Session, text: str, tokens: list[Word], skip: frozenset[str]
) -> list[NameSpan]:
    """Names among `tokens` (words of `text`); lower-case words in `skip` (the question's
    own vocabulary: "who", "led", "us") never start or continue a name."""
    runs = _runs(text, tokens, skip)
    keys = {key for run in runs for key in _keys(run)}
    if not keys:
        return []
    gazetteer = _gazetteer(session, keys)
    index = gazetteer.text_index
    found: list[NameSpan] = []
    for run in runs:
        i = 0
        while i < len(run):
            best: tuple[int, list] | None = None
            key = ""
            for j in range(i, min(len(run), i + MAX_WORDS)):
                key += run[j].key
                entries = [e for e in index.get(key, ()) if _case_ok(e, run[i : j + 1], text)]
                if entries:
                    best = (j + 1, entries)
            if best is None:
                i += 1
                continue
            end, entries = best
            first, last = run[i], run[end - 1]
            kinds = frozenset(a.kind for e in entries if (a := gazetteer.actor(e.actor)))
            found.append(NameSpan(text[first.start : last.end], first.start, last.end, kinds))
            i = end
    return found


def _runs(text: str, tokens: list[Word], skip: frozenset[str]) -> list[list[Word]]:
    """Stretches of words a name may span: joined by a space, hyphen, dot or apostrophe
    only (an en dash, 'and' or a comma separates two names), question words left out."""
    runs: list[list[Word]] = []
    current: list[Word] = []
    for word in tokens:
        lowered = word.text.lower()
        hyphened = bool(current) and text[current[-1].end : word.start] == "-"  # "Jae-in"
        question_word = lowered in skip and not word.text[:1].isupper() and not hyphened
        if question_word or (lowered == "s" and not hyphened):
            if current:
                runs.append(current)
            current = []
            continue
        if current:
            gap = text[current[-1].end : word.start]
            if len(gap) > 2 or not set(gap) <= _JOINERS:
                runs.append(current)
                current = []
        current.append(word)
    if current:
        runs.append(current)
    return runs


def _keys(run: list[Word]) -> set[str]:
    keys = set()
    for i in range(len(run)):
        key = ""
        for j in range(i, min(len(run), i + MAX_WORDS)):
            key += run[j].key
            keys.add(key)
    return keys


def _case_ok(entry, found: list[Word], text: str) -> bool:  # entry: AliasEntry
    """Short all-capital aliases ("US", "UN") match only text in capitals."""
    if not entry.exact_case:
        return True
    written = text[found[0].start : found[-1].end]
    return all(ch.isupper() for ch in written if ch.isalpha())


def _gazetteer(session: Session, keys: set[str]) -> Gazetteer:
    """A gazetteer of the actors some alias of which folds to one of `keys`."""
    rows = session.execute(
        select(Actor.id, Actor.key, Actor.name, Actor.kind, ActorAlias.alias, ActorAlias.kind)
        .join(ActorAlias, ActorAlias.actor_id == Actor.id)
        .where(ActorAlias.normalized.in_(sorted(keys)), ActorAlias.kind != "code")
    ).all()
    aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
    actors: dict[str, tuple[str, str]] = {}
    for _id, key, name, kind, alias, alias_kind in rows:
        actors[key] = (name, kind)
        if alias_kind != "name":
            aliases[key].append((alias, alias_kind))
    return Gazetteer(
        [
            GazetteerActor(key, name, kind, None, tuple(aliases[key]))
            for key, (name, kind) in actors.items()
        ],
        [],
    )
