"""Plain-English questions mapped onto the query functions the other commands use.

Parsing is pure (text in, `Question` out); `answer` runs a question against a Session with
exactly the functions behind `contacts`, `events`, `sanctions` and `leaders`, so `ask` and
those commands always give the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from timeline.errors import InputError, NotFoundError
from timeline.services.queries import Window
from timeline.vocabulary import EVENT_COLUMNS

FORMS = (
    "Kim–Xi contacts since 2011  (also: Kim-Xi, Kim and Xi, Kim with Xi, Kim vs Xi)",
    "contacts between Moon Jae-in and Kim Jong Un in 2018",
    "Trump–Kim meetings between 2018 and 2019",
    "meetings of Kim Jong Un in 2018",
    "Putin's timeline since 2024-06",
    "sanctions on North Korea in force on 2017-12-31",
    "who led North Korea on 2011-12-01",
)
TYPE_WORDS = {
    "contact": (),
    "contacts": (),
    "meeting": ("meeting",),
    "meetings": ("meeting",),
    "summits": ("meeting",),
    "call": ("call",),
    "calls": ("call",),
    "phone calls": ("call",),
    "message": ("message",),
    "messages": ("message",),
    "letters": ("message",),
    "invitations": ("invitation",),
    "agreements": ("agreement",),
    "treaties": ("agreement",),
    "attendance": ("attendance",),
    "events": (),
}
_TYPES = "|".join(sorted((re.escape(w) for w in TYPE_WORDS), key=len, reverse=True))
_SEPARATORS = re.compile(r"\s*(?:[–—/]|\s-\s|-|\band\b|\bwith\b|\bvs\.?|\bversus\b)\s*", re.I)
_DAY = (
    r"\d{4}(?:-\d{2}(?:-\d{2})?)?"  # 2018, 2018-06, 2018-06-12
    r"|[A-Za-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]+ \d{4}|[A-Za-z]+ \d{4}"  # June 12, 2018
)


@dataclass(frozen=True)
class Question:
    kind: str  # contacts | events | timeline | sanctions | leader
    names: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()  # contacts: every reading of the two names
    types: tuple[str, ...] = ()
    window: Window = field(default_factory=Window)
    day: date | None = None


def parse(text: str) -> Question:
    """Read a question; an unreadable one raises InputError listing the forms understood."""
    cleaned = " ".join(text.replace("’", "'").strip().rstrip("?.!").split())
    for reader in _READERS:
        question = reader(cleaned)
        if question is not None:
            return question
    raise InputError(f"cannot read the question {text!r}; try one of: " + "; ".join(FORMS))


def answer(session: Session, question: Question) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """The rows and the columns to show for a question."""
    from timeline.services import leaders, queries, sanctions
    from timeline.services.names import resolve_actor

    if question.kind == "contacts":
        first, second = _first_resolvable(session, question.pairs or (question.names,))
        rows = queries.contacts(
            session, first, second, window=question.window, types=question.types
        )
        return rows, EVENT_COLUMNS
    if question.kind in ("events", "timeline"):
        actor = resolve_actor(session, question.names[0])
        criteria = queries.EventFilter(
            actor_ids=[actor.id], types=question.types, window=question.window
        )
        return queries.find_events(session, criteria), EVENT_COLUMNS
    if question.kind == "sanctions":
        target = resolve_actor(session, question.names[0])
        rows = sanctions.find_sanctions(session, target=target, active_on=question.day)
        return rows, ("adopted", "imposer", "target", "authority", "lifted_on")
    country = resolve_actor(session, question.names[0], kinds=None)
    if country.kind != "country":
        raise NotFoundError(f"{question.names[0]!r} is not a country")
    assert question.day is not None
    offices = leaders.who_led(session, country, question.day)
    return leaders.offices_rows(session, offices), ("leader", "title", "of", "start", "end")


def resolved_pair(session: Session, question: Question) -> tuple[Any, Any]:
    """The two actors a contacts question was read as."""
    return _first_resolvable(session, question.pairs or (question.names,))


def _first_resolvable(session: Session, pairs: Any) -> tuple[Any, Any]:
    from timeline.services.names import resolve_pair

    error: NotFoundError | None = None
    for first, second in pairs:
        try:
            return resolve_pair(session, first, second)
        except NotFoundError as exc:
            error = error or exc
    assert error is not None
    raise error


# --- readers, tried in order ------------------------------------------------------------------


def _who_led(text: str) -> Question | None:
    m = re.fullmatch(
        rf"who (?:led|ruled|was the leader of|was leader of|was in charge of|leads) "
        rf"(?P<x>.+?) (?:on|in) (?P<d>{_DAY})",
        text,
        re.I,
    )
    if m is None:
        return None
    return Question("leader", names=(m["x"],), day=_days(m["d"])[0])


def _sanctions(text: str) -> Question | None:
    m = re.fullmatch(
        rf"sanctions? (?:on|against|targeting) (?P<x>.+?)"
        rf"(?: (?:(?:in force|active|in effect) )?(?:on|as of) (?P<d>{_DAY}))?",
        text,
        re.I,
    )
    if m is None:
        return None
    return Question("sanctions", names=(m["x"],), day=_days(m["d"])[0] if m["d"] else None)


def _timeline(text: str) -> Question | None:
    rest, window = _split_window(text)
    m = re.fullmatch(r"(?:(?P<a>.+?)'s? timeline|timeline (?:of|for) (?P<b>.+))", rest, re.I)
    if m is None:
        return None
    return Question("timeline", names=(m["a"] or m["b"],), window=window)


def _contacts(text: str) -> Question | None:
    rest, window = _split_window(text)
    m = re.fullmatch(rf"(?P<t>{_TYPES}) (?:between|of|by) (?P<names>.+)", rest, re.I)
    m = m or re.fullmatch(rf"(?P<names>.+?) (?P<t>{_TYPES})", rest, re.I)
    if m is None:
        return None
    types = TYPE_WORDS[m["t"].lower()]
    pairs = _pairs(m["names"])
    if pairs:
        return Question("contacts", names=pairs[0], pairs=pairs, types=types, window=window)
    single = re.sub(r"'s?$", "", m["names"].strip())
    return Question("events", names=(single,), types=types, window=window)


_READERS: tuple[Callable[[str], Question | None], ...] = (
    _who_led,
    _sanctions,
    _timeline,
    _contacts,
)


def _pairs(names: str) -> tuple[tuple[str, str], ...]:
    """Every way to split 'Kim–Xi' or 'Moon Jae-in and Kim' into two names, most likely first:
    dashes, 'and', 'with', 'vs' before a bare hyphen, which may belong to a name ('Jae-in')."""
    splits = sorted(
        _SEPARATORS.finditer(names), key=lambda m: (m.group().strip() == "-", m.start())
    )
    found = []
    for sep in splits:
        first, second = names[: sep.start()].strip(), names[sep.end() :].strip()
        if first and second:
            found.append((first, second))
    return tuple(found)


def _split_window(text: str) -> tuple[str, Window]:
    """Strip a trailing time clause ('since 2011', 'in 2018', 'between 2018 and 2019')."""
    patterns = (
        (rf"between (?P<a>{_DAY}) and (?P<b>{_DAY})", "between"),
        (rf"from (?P<a>{_DAY}) (?:to|until|till) (?P<b>{_DAY})", "between"),
        (rf"(?:since|after|from) (?P<a>{_DAY})", "since"),
        (rf"(?:before|until|till|up to) (?P<a>{_DAY})", "until"),
        (rf"(?:in|during) (?P<a>{_DAY})", "in"),
    )
    for pattern, kind in patterns:
        m = re.search(rf"\s+{pattern}$", text, re.I)
        if m is None:
            continue
        first = _days(m["a"])
        rest = text[: m.start()].strip()
        if kind == "between":
            return rest, Window(since=first[0], until=_days(m["b"])[1])
        if kind == "since":
            return rest, Window(since=first[0])
        if kind == "until":
            return rest, Window(until=first[0] - timedelta(days=1))
        return rest, Window(since=first[0], until=first[1])
    return text, Window()


def _days(text: str) -> tuple[date, date]:
    """First and last day of '2018', '2018-06', '2018-06-12', 'June 2018', 'June 12, 2018'."""
    from timeline.extract.dates import parse_filter_date

    try:
        found = parse_filter_date(text)
        return found.start, found.end
    except ValueError:
        pass
    from calendar import monthrange

    from dateutil import parser

    try:
        parsed = parser.parse(text, default=_NO_DAY)
    except (ValueError, OverflowError):
        raise InputError(f"cannot read the date {text!r}") from None
    if parsed.day == _NO_DAY.day and not re.search(r"\b\d{1,2}\b", text):
        last = monthrange(parsed.year, parsed.month)[1]
        return parsed.date().replace(day=1), parsed.date().replace(day=last)
    return parsed.date(), parsed.date()


_NO_DAY = datetime(2000, 1, 28)  # dateutil's default: a day no one writes alone in a month
