"""A question read into a `Reading`: the intent, the names, the types and the time phrase.

The names are found anywhere in the question (`names`), the time phrase anywhere (`when`);
the words left over decide the intent, in this order:

    sanctions ("sanctions on X", "US sanctions on Putin", "... in force on D")
    who led / held an office ("who led X in 2017", "who was president of X on D")
    how many ("how many times has Kim met Xi?")
    yes or no ("did Kim meet Putin in 2019?")
    first / last / latest ("when did Kim last meet Xi?")
    two names: their contacts, or one type of them ("Putin Xi meetings 2023")
    one name: that actor's trips (visits as a guest), timeline or events of a type
    no name, or a country: what happened ("what happened in North Korea in October 2025")

A word that is none of these stops the reading with one line naming it and the closest
supported form, filled in with the question's own names and dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from timeline.ask import words as W
from timeline.ask.names import NameSpan, find_names, words
from timeline.ask.when import TimePhrase, read_time
from timeline.errors import InputError

INTENTS = (
    "contacts",
    "first",
    "last",
    "count",
    "yesno",
    "events",
    "trips",
    "happened",
    "leaders",
    "office",
    "sanctions",
)


@dataclass(frozen=True)
class Name:
    """A name as written; `holder_role` when it names a post ("the DPRK leader")."""

    text: str
    kinds: frozenset[str]
    holder_role: str | None = None


@dataclass(frozen=True)
class Reading:
    intent: str  # one of INTENTS
    question: str
    names: tuple[Name, ...] = ()
    types: tuple[str, ...] = ()
    time: TimePhrase | None = None
    today: date = field(default_factory=date.today)
    count_of: str = "events"  # what a count counts: events or sanctions
    role: str | None = None  # office intent: head_of_state | head_of_government
    imposer: Name | None = None
    target: Name | None = None
    in_force: bool = False

    @property
    def since(self) -> date | None:
        return self.time.since if self.time else None

    @property
    def until(self) -> date | None:
        return self.time.until if self.time else None


def read(session: Session, question: str, today: date | None = None) -> Reading:
    """Read `question` (relative dates as of `today`); InputError when it cannot be read."""
    today = today or date.today()
    text = " ".join(question.replace("’", "'").split()).strip()
    if not text:
        raise InputError("the question is empty; try: Kim–Xi contacts since 2011")
    time = read_time(text, today)
    masked = text
    for a, b in time.spans if time else ():
        masked = masked[:a] + " " * (b - a) + masked[b:]
    tokens = words(masked)
    spans = find_names(session, masked, tokens, W.vocabulary())
    rest = [w for w in tokens if not any(s.start <= w.start < s.end for s in spans)]
    lowered = [w.text.lower() for w in rest]
    unknown = [w.text for w in rest if w.text.lower() not in W.vocabulary()]
    names_unknown = [u for u in unknown if u[:1].isupper() or u[:1].isdigit()]
    if names_unknown and not [u for u in unknown if u not in names_unknown]:
        # Capitalised words that are no known name: let the name lookup say what they
        # might have meant ("did you mean ...?"), as for a command's argument.
        _not_found(session, names_unknown, text, masked)
    if unknown:
        guess = _closest(spans, time, lowered, text)
        raise InputError(
            f"cannot read {' '.join(repr(u) for u in unknown)} in {question!r}; closest "
            f"supported form: {guess!r}"
        )
    return _intent(text, masked, spans, rest, lowered, time, today)


def _intent(text, masked, spans, rest, lowered, time, today) -> Reading:
    names = tuple(_name(span, masked) for span in spans)
    used = set(lowered)
    types = _types(lowered)
    base = {"question": text, "names": names, "types": types, "time": time, "today": today}
    if used & W.SANCTION_WORDS:
        return _sanctions(base, spans, rest, lowered)
    if "who" in used and (used & W.LEADER_WORDS or used & set(W.OFFICE_WORDS) or _head(text)):
        role = _office_role(text, lowered)
        base["names"] = tuple(Name(n.text, n.kinds) for n in names)
        return Reading("office" if role else "leaders", role=role, **base)
    if "how" in used and used & W.COUNT_WORDS:
        return Reading("count", **base)
    if lowered and lowered[0] in W.YES_NO_STARTS and len(names) >= 2:
        return Reading("yesno", **base)
    if used & W.TRIP_WORDS and len(names) == 2 and names[1].kinds == frozenset({"country"}):
        return Reading("trips", **{**base, "types": ("meeting",)})  # "Kim's trips to China"
    if used & W.FIRST_WORDS:
        return Reading("first", **base)
    if used & W.LAST_WORDS:
        return Reading("last", **base)
    if len(names) >= 2:
        return Reading("contacts", **base)
    if len(names) == 1 and names[0].kinds != frozenset({"country"}):
        if used & W.TRIP_WORDS:
            return Reading("trips", **{**base, "types": ("meeting",)})
        return Reading("events", **base)
    if used & (W.HAPPENED_WORDS | set(W.TYPE_WORDS)) or used & W.TIMELINE_WORDS:
        return Reading("happened", **base)
    raise InputError(
        f"cannot tell what {text!r} asks; closest supported form: "
        f"{_closest(spans, time, lowered, text)!r}"
    )


def _sanctions(base: dict, spans: list[NameSpan], rest: list, lowered: list[str]) -> Reading:
    names: tuple[Name, ...] = base["names"]
    imposer = target = None
    anchor = next(w.start for w in rest if w.text.lower() in W.SANCTION_WORDS)
    for name, span in zip(names, spans, strict=True):
        before = [
            w.text.lower()
            for w in rest
            if w.end <= span.start and w.text.lower() not in ("the", "a", "an")
        ]
        if span.end <= anchor and not (before and before[-1] in W.TARGET_WORDS):
            imposer = name  # "US sanctions on Putin"
        elif before and before[-1] in W.IMPOSER_WORDS:
            imposer = name
        else:
            target = name
    in_force = bool(set(lowered) & W.IN_FORCE_WORDS) or (
        base["time"] is not None and base["time"].day is not None
    )
    if not names:  # "sanctions in 2017": what happened, of that type
        return Reading("happened", **{**base, "types": ("sanction",)})
    counting = "how" in lowered and bool(set(lowered) & W.COUNT_WORDS)
    return Reading(
        "count" if counting else "sanctions",
        count_of="sanctions",
        imposer=imposer,
        target=target,
        in_force=in_force,
        **base,
    )


def _types(lowered: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    for word in lowered:
        for kind in W.TYPE_WORDS.get(word, ()):
            if kind not in found:
                found.append(kind)
    return tuple(found)


def _head(text: str) -> bool:
    low = text.lower()
    return "head of state" in low or "head of government" in low


def _office_role(text: str, lowered: list[str]) -> str | None:
    """The post asked about, None for "led" / "leader" (the country's effective leader)."""
    low = text.lower()
    if "head of state" in low:
        return "head_of_state"
    if "head of government" in low:
        return "head_of_government"
    for word in lowered:
        if word in W.OFFICE_WORDS:
            return W.OFFICE_WORDS[word]
    return None


def _name(span: NameSpan, masked: str) -> Name:
    """A country name followed by "leader", "president" ... names who held that post."""
    if "country" in span.kinds:
        after = masked[span.end :].split()
        nxt = after[0].lower().strip("?.,!") if after else ""
        if nxt in W.LEADER_WORDS:
            return Name(span.text, span.kinds, "leader")
        if nxt in W.OFFICE_WORDS:
            return Name(span.text, span.kinds, W.OFFICE_WORDS[nxt])
    return Name(span.text, span.kinds)


def _not_found(session: Session, unknown: list[str], text: str, masked: str) -> None:
    """Raise the name lookup's own error for the first capitalised run not understood."""
    from timeline.services.names import resolve_actor

    tokens = [w for w in words(masked) if w.text in unknown]
    first = tokens[0]
    run = [first]
    for word in tokens[1:]:
        if masked[run[-1].end : word.start].strip(" -.'") == "":
            run.append(word)
        else:
            break
    resolve_actor(session, text[run[0].start : run[-1].end], kinds=None)
    raise InputError(f"cannot read {first.text!r} in {text!r}")  # resolved after all


def _closest(spans: list[NameSpan], time: TimePhrase | None, lowered: list[str], text: str) -> str:
    """The supported form nearest the question, with its own names and time phrase."""
    when = f" {time.text}" if time else " since 2018"
    names = [s.text for s in spans]
    used = set(lowered)
    if used & W.SANCTION_WORDS:
        return f"sanctions on {names[0] if names else 'North Korea'} in force on 2017-12-31"
    if "who" in used:
        return f"who led {names[0] if names else 'North Korea'}{when}"
    if len(names) >= 2:
        return f"{names[0]}–{names[1]} meetings{when}"
    if len(names) == 1:
        return f"{names[0]}'s timeline{when}"
    return f"what happened{when if time else ' in September 2025'}"
