"""Curation: analysts show, correct, confirm, reject, merge and add events.

Every function takes the caller's Session and never commits; every change is written to
`event_history` (see `timeline.services.history`) in the same transaction, so a failed
command leaves neither the change nor its record. Problems a user can fix raise
`InputError` (a bad value, an impossible edit) or `NotFoundError` (no such event or actor),
always before anything is modified.

Review states and what they promise (ingest and seed honour them):

* `confirmed`: an analyst vouches for the event as it is; later reports add evidence only.
* `edited`: an analyst changed it; the same promise as confirmed.
* `rejected`: kept, hidden from queries and reports, and it swallows later reports of the
  same happening as rejected evidence instead of letting ingest re-create it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload

from timeline.errors import InputError, NotFoundError
from timeline.models import (
    Actor,
    ActorAlias,
    Article,
    Event,
    EventHistory,
    EventPair,
    EventSingle,
    Evidence,
    MeetingDetail,
    Participant,
    SanctionDetail,
)
from timeline.services.history import history_rows, record
from timeline.services.names import candidates, resolve_actor
from timeline.services.pairs import refresh_pairs
from timeline.services.queries import event_fields, event_rows
from timeline.urls import is_web_url, looks_like_url
from timeline.vocabulary import EVENT_TYPES, ROLES, STATUSES

CURATED = ("confirmed", "edited")
MARK_OPEN, MARK_CLOSE = "«", "»"
# Kinds of alias worth marking in an evidence sentence (not "Chinese", not "Beijing").
_MARKED_ALIAS_KINDS = ("name", "alias", "surname", "abbreviation")


# --- arguments ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateChoice:
    """A date an analyst gives an event: an inclusive range, or no date at all."""

    start: date | None
    end: date | None
    precision: str
    text: str | None = None

    @classmethod
    def undated(cls) -> DateChoice:
        return cls(None, None, "unknown", None)

    def as_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
            "text": self.text,
        }


MAX_EVENT_ID = 2**31 - 1
"""Ids are INTEGER columns: PostgreSQL's range, and a bound SQLite's driver can bind."""


def parse_event_id(value: str | int) -> int:
    """'12' or '#12' as an event id; anything else is an InputError."""
    if isinstance(value, int):
        return value
    text = value.strip().lstrip("#")
    if not (text.isascii() and text.isdigit()) or int(text) == 0:
        raise InputError(f"{value!r} is not an event id (a number, as `timeline events` shows)")
    if int(text) > MAX_EVENT_ID:
        raise NotFoundError(f"no event #{text}")
    return int(text)


def tense_for(status: str) -> str:
    return "future" if status == "planned" else "past"


def date_from_text(text: str, *, as_of: date, status: str = "occurred") -> DateChoice:
    """Any form `timeline dates` understands: '2025-09-03', '2025-09', '2025', or words
    ('next week', 'late last year', 'on Tuesday') read from `as_of` in the event's tense."""
    from timeline.extract.dates import parse_filter_date, resolve

    words = text.strip()
    if not words:
        raise InputError("the date is empty")
    try:
        found = parse_filter_date(words)
    except ValueError as exc:
        if re.fullmatch(r"\d{4}(-\d{1,2}){0,2}", words):  # a date typed wrong: say how
            raise InputError(str(exc)) from None
        try:
            found = resolve(words, as_of, tense=tense_for(status))
        except ValueError:
            found = None
    if found is None:
        raise InputError(
            f"cannot read a date in {text!r}: give YYYY, YYYY-MM, YYYY-MM-DD or words such as "
            "'next week' (read from --as-of)"
        )
    return DateChoice(found.start, found.end, found.precision, words)


def date_from_bounds(start: str | None, end: str | None, event: Event | None = None) -> DateChoice:
    """An explicit range. Each bound may be YYYY, YYYY-MM or YYYY-MM-DD (a start is the first
    day of its span, an end the last); a missing bound is the event's own, or else the given
    bound's span."""
    from timeline.extract.dates import parse_filter_date

    def span(value: str, option: str):
        try:
            return parse_filter_date(value)
        except ValueError as exc:
            raise InputError(f"{option}: {exc}") from None

    if start is None and end is None:
        raise InputError("give --start, --end or both")
    first = span(start, "--start") if start is not None else None
    last = span(end, "--end") if end is not None else None
    dated = event is not None and event.start_date is not None
    if first is not None:
        lo = first.start
    elif dated:
        lo = event.start_date  # type: ignore[union-attr]
    else:
        lo = last.start  # type: ignore[union-attr]
    if last is not None:
        hi = last.end
    elif dated:
        hi = event.end_date  # type: ignore[union-attr]
    else:
        hi = first.end  # type: ignore[union-attr]
    assert lo is not None and hi is not None
    if hi < lo:
        raise InputError(f"the end {hi.isoformat()} is before the start {lo.isoformat()}")
    if first is not None and last is not None and (first.start, first.end) == (lo, hi):
        precision = first.precision  # --start 2025-09 --end 2025-09: the month
    else:
        precision = "day" if lo == hi else "range"
    words = lo.isoformat() if lo == hi else f"{lo.isoformat()} to {hi.isoformat()}"
    return DateChoice(lo, hi, precision, words)


def parse_participant(spec: str) -> tuple[str, str | None]:
    """'Kim Jong Un' or 'Kim Jong Un:guest' as (name, role or None)."""
    name, sep, role = spec.rpartition(":")
    if not sep:
        name, role = spec, ""
    name, role = name.strip(), role.strip().lower()
    if sep and role not in ROLES:
        raise InputError(f"unknown role {role!r} in {spec!r}: expected one of {', '.join(ROLES)}")
    if not name:
        raise InputError(f"no name in participant {spec!r}")
    return name, role or None


def default_role(event_type: str) -> str:
    return "attendee" if event_type == "attendance" else "participant"


def _check_choice(value: str, allowed: Sequence[str], what: str) -> str:
    if value not in allowed:
        raise InputError(f"unknown {what} {value!r}: expected one of {', '.join(allowed)}")
    return value


@dataclass
class EventEdit:
    """What `edit_event` changes; None leaves a field as it is ('' clears a text field)."""

    type: str | None = None
    date: DateChoice | None = None
    status: str | None = None
    location: str | None = None
    title: str | None = None
    add: Sequence[tuple[str, str | None]] = field(default_factory=list)
    remove: Sequence[tuple[str, str | None]] = field(default_factory=list)

    def is_empty(self) -> bool:
        return (
            self.type is None
            and self.date is None
            and self.status is None
            and self.location is None
            and self.title is None
            and not self.add
            and not self.remove
        )


@dataclass
class NewEvent:
    """A manual event: what the analyst knows, and where it is written down."""

    type: str
    participants: Sequence[tuple[str, str | None]]
    source: str
    date: DateChoice | None = None
    status: str = "occurred"
    location: str | None = None
    title: str | None = None


# --- reading --------------------------------------------------------------------------------


def get_event(session: Session, event_id: int | str, *, lock: bool = False) -> Event:
    """The event, or a NotFoundError that says where a merged-away event went.

    `lock` takes the row lock (PostgreSQL `FOR UPDATE`; SQLite writers are serialised
    anyway) before reading, so the old values recorded in the history are the ones replaced
    and a concurrent ingest cannot attach evidence to an event being merged away."""
    wanted = parse_event_id(event_id)
    if lock:
        _lock_events(session, [wanted])
    event = session.get(
        Event,
        wanted,
        options=[selectinload(Event.participants).selectinload(Participant.actor)],
        populate_existing=lock,
    )
    if event is None:
        survivor = merged_into(session, wanted)
        where = f": it was merged into event #{survivor}" if survivor is not None else ""
        raise NotFoundError(f"no event #{wanted}{where}")
    return event


def get_events(
    session: Session, event_ids: Sequence[int | str], *, lock: bool = False
) -> list[Event]:
    """Several events in the order given (each must exist); `lock` locks them in id order."""
    ids = [parse_event_id(value) for value in event_ids]
    if lock:
        _lock_events(session, ids)
    return [get_event(session, value, lock=lock) for value in ids]


def _lock_events(session: Session, event_ids: Sequence[int]) -> None:
    """Row locks on events, always taken in id order so that two merges cannot deadlock."""
    if session.get_bind().dialect.name == "sqlite":
        return
    session.execute(
        select(Event.id)
        .where(Event.id.in_(sorted(set(event_ids))))
        .order_by(Event.id)
        .with_for_update()
    ).all()


def merged_into(session: Session, event_id: int) -> int | None:
    """The event a merged-away event now lives on, if it was merged (following chains)."""
    rows = session.execute(
        select(EventHistory.event_id, EventHistory.old_value).where(
            EventHistory.action == "merge", EventHistory.field == "event"
        )
    ).all()
    into: dict[int, int] = {}
    for survivor, old in rows:
        try:
            into[int(json.loads(old)["id"])] = survivor
        except (TypeError, ValueError, KeyError):
            continue
    seen: set[int] = set()
    found = into.get(event_id)
    while found is not None and found in into and found not in seen:
        seen.add(found)
        found = into[found]
    return found


def event_summary(session: Session, event: Event) -> dict[str, Any]:
    """The event as one row of `timeline events` (the same stable JSON shape)."""
    session.flush()
    return event_rows(session, [event])[0]


def event_detail(session: Session, event_id: int | str) -> dict[str, Any]:
    """Everything known about one event: values, participants, evidence, history size."""
    event = get_event(session, event_id)
    participants = _participants(event)
    evidence = []
    aliases = _aliases(session, [p.actor_id for p in event.participants])
    for ev, article in session.execute(
        select(Evidence, Article)
        .join(Article, Article.id == Evidence.article_id)
        .where(Evidence.event_id == event.id)
        .order_by(Article.published, Evidence.id)
    ):
        marks = find_marks(ev.sentence, aliases, ev.date_text)
        evidence.append(
            {
                "id": ev.id,
                "article_id": article.id,
                "title": article.title,
                "source": article.source,
                "url": article.url,
                "published": article.published,
                "sentence": ev.sentence,
                "marked": mark(ev.sentence, marks),
                "marks": [{"start": s, "end": e, "text": ev.sentence[s:e]} for s, e in marks],
                "start_char": ev.start_char,
                "end_char": ev.end_char,
                "date_text": ev.date_text,
                "confidence": ev.confidence,
                "extractor_version": ev.extractor_version,
            }
        )
    changes = len(
        session.scalars(select(EventHistory.id).where(EventHistory.event_id == event.id)).all()
    )
    detail: dict[str, Any] = {
        **event_fields(event),
        "participants": participants,
        "evidence": evidence,
        "changes": changes,
        "created_at": event.created_at,
        "updated_at": event.updated_at,
    }
    if event.meeting is not None:
        detail["meeting"] = {"venue": event.meeting.venue, "format": event.meeting.format}
    if event.sanction is not None:
        s = event.sanction
        detail["sanction"] = {
            "authority": s.authority,
            "measures": s.measures,
            "lifted_on": s.lifted_on,
            "notes": s.notes,
        }
    return detail


def event_history(session: Session, event_id: int | str) -> list[dict[str, Any]]:
    """Every recorded change of the event (including those of events merged into it)."""
    event = get_event(session, event_id)
    return history_rows(session, event.id)


def find_marks(
    sentence: str, aliases: Sequence[str], date_text: str | None
) -> list[tuple[int, int]]:
    """Where the participants' names and the date words stand in the sentence: sorted,
    non-overlapping (start, end) offsets, longest names first, whole words only."""
    wanted = sorted({a for a in aliases if a.strip()}, key=len, reverse=True)
    if date_text and date_text.strip():
        wanted.insert(0, date_text.strip())
    taken: list[tuple[int, int]] = []
    for words in wanted:
        pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)", re.IGNORECASE)
        for m in pattern.finditer(sentence):
            s, e = m.span()
            if all(e <= ts or s >= te for ts, te in taken):
                taken.append((s, e))
    return sorted(taken)


def mark(sentence: str, marks: Sequence[tuple[int, int]]) -> str:
    out, at = [], 0
    for s, e in marks:
        out += [sentence[at:s], MARK_OPEN, sentence[s:e], MARK_CLOSE]
        at = e
    out.append(sentence[at:])
    return "".join(out)


def _aliases(session: Session, actor_ids: Sequence[int]) -> list[str]:
    if not actor_ids:
        return []
    names = session.scalars(
        select(ActorAlias.alias).where(
            ActorAlias.actor_id.in_(actor_ids), ActorAlias.kind.in_(_MARKED_ALIAS_KINDS)
        )
    ).all()
    own = session.scalars(select(Actor.name).where(Actor.id.in_(actor_ids))).all()
    return [*own, *names]


def _participants(event: Event) -> list[dict[str, Any]]:
    return [
        {"actor_id": p.actor_id, "name": p.actor.name, "role": p.role}
        for p in sorted(event.participants, key=lambda p: p.id or 0)
    ]


def _participant_values(event: Event) -> list[dict[str, str]]:
    """Participants as stored in history: names and roles, in a stable order."""
    return sorted(
        ({"actor": p.actor.name, "role": p.role} for p in event.participants),
        key=lambda v: (v["actor"], v["role"]),
    )


def _date_value(event: Event) -> dict[str, Any]:
    return {
        "start": event.start_date,
        "end": event.end_date,
        "precision": event.precision,
        "text": event.date_text,
    }


def snapshot(event: Event) -> dict[str, Any]:
    """An event's values, for the history of an added or merged-away event."""
    return {
        "id": event.id,
        "key": event.key,
        "type": event.type,
        "title": event.title,
        "date": _date_value(event),
        "status": event.status,
        "location": event.location,
        "origin": event.origin,
        "review": event.review,
        "review_note": event.review_note,
        "source_url": event.source_url,
        "participants": _participant_values(event),
    }


# --- changing -------------------------------------------------------------------------------


def edit_event(
    session: Session, event_id: int | str, edit: EventEdit, *, by: str, note: str | None = None
) -> list[str]:
    """Apply `edit`; returns the names of the fields that changed (none: nothing recorded).

    The event becomes `edited` (a rejected one stays rejected). Everything is checked
    before anything changes: a bad type, status, role or actor, or an end before the start,
    raises and leaves the event as it was."""
    if edit.is_empty():
        raise InputError(
            "nothing to change: give --type, --date/--start/--end/--undated, --status, "
            "--location, --title, --add or --remove"
        )
    event = get_event(session, event_id, lock=True)
    new_type = _check_choice(edit.type, EVENT_TYPES, "event type") if edit.type else event.type
    if edit.status is not None:
        _check_choice(edit.status, STATUSES, "status")
    if edit.date is not None:
        _check_range(edit.date)
    additions = [
        (_actor_for(session, event, name, adding=True), role or None) for name, role in edit.add
    ]
    removals = [(_actor_for(session, event, name), role) for name, role in edit.remove]
    plan = _participant_plan(event, new_type, additions, removals)

    changed: list[str] = []

    def change(field_name: str, old: Any, new: Any) -> None:
        record(session, event, "edit", field_name, old, new, by=by, note=note)
        changed.append(field_name)

    if new_type != event.type:
        change("type", event.type, new_type)
        event.type = new_type
        if new_type == "meeting" and event.meeting is None:
            event.meeting = MeetingDetail(venue=event.location, format=None)
        if new_type == "sanction" and event.sanction is None:
            event.sanction = SanctionDetail()
    if edit.date is not None:
        old = _date_value(event)
        _set_date(event, edit.date)
        if _date_value(event) != old:
            change("date", old, _date_value(event))
    if edit.status is not None and edit.status != event.status:
        change("status", event.status, edit.status)
        event.status = edit.status
    for name in ("location", "title"):
        wanted = getattr(edit, name)
        if wanted is None:
            continue
        wanted = wanted.strip() or None
        if wanted != getattr(event, name):
            change(name, getattr(event, name), wanted)
            setattr(event, name, wanted)
    if plan is not None:
        old = _participant_values(event)
        _apply_participants(session, event, plan)
        change("participants", old, _participant_values(event))
    if not changed:
        return []
    if {"participants", "date", "type", "status"} & set(changed):
        refresh_pairs(session, event)
    if event.review != "rejected":  # a rejected event stays rejected, with its reason
        _set_review(session, event, "edited", note, by=by, action="edit")
    session.flush()
    return changed


def confirm_event(
    session: Session, event_id: int | str, *, by: str, note: str | None = None
) -> bool:
    """Mark the event confirmed (also un-rejects it); False when it already was."""
    event = get_event(session, event_id, lock=True)
    if event.review == "confirmed" and (note is None or note == event.review_note):
        return False
    _set_review(session, event, "confirmed", note, by=by, action="confirm", replace_note=True)
    return True


def reject_event(session: Session, event_id: int | str, reason: str, *, by: str) -> bool:
    """Mark the event rejected with a reason; False when it already was, for that reason."""
    if not reason or not reason.strip():
        raise InputError("a rejection needs a reason (--reason)")
    event = get_event(session, event_id, lock=True)
    reason = reason.strip()
    if event.review == "rejected" and event.review_note == reason:
        return False
    _set_review(session, event, "rejected", reason, by=by, action="reject", replace_note=True)
    return True


def merge_events(
    session: Session,
    target_id: int | str,
    other_ids: Sequence[int | str],
    *,
    by: str,
    note: str | None = None,
    force: bool = False,
) -> Event:
    """Fold the other events into the first: it keeps its values (filling only what it
    lacks), gains their participants, evidence and history, and the others are deleted.
    The first becomes `edited` unless rejected. Events of another type are not duplicates:
    merging them takes `force` (another status is: a planned event that then happened)."""
    target, *rest = get_events(session, [target_id, *other_ids], lock=True)
    others: list[Event] = []
    for other in rest:
        if other.id == target.id:
            raise InputError(f"cannot merge event #{target.id} into itself")
        if any(o.id == other.id for o in others):
            raise InputError(f"event #{other.id} is listed twice")
        if other.type != target.type and not force:
            raise InputError(
                f"event #{other.id} is a {other.type} and #{target.id} a {target.type}:"
                " not duplicates; give --force to merge anyway"
            )
        others.append(other)
    if not others:
        raise InputError("give at least two events to merge")
    for other in others:
        _merge_one(session, target, other, by=by, note=note)
    refresh_pairs(session, target)
    if target.review != "rejected":
        _set_review(session, target, "edited", note, by=by, action="merge")
    session.flush()
    return target


def add_event(session: Session, new: NewEvent, *, by: str, note: str | None = None) -> Event:
    """A manual event, confirmed by the analyst who adds it, with its source."""
    _check_choice(new.type, EVENT_TYPES, "event type")
    _check_choice(new.status, STATUSES, "status")
    if not new.source or not new.source.strip():
        raise InputError("a manual event needs its source: a URL or a citation (--source)")
    if looks_like_url(new.source) and not is_web_url(new.source):
        raise InputError(f"--source {new.source.strip()!r}: a URL must be http:// or https://")
    if not new.participants:
        raise InputError("a manual event needs at least one participant (--participant)")
    when = new.date or DateChoice.undated()
    _check_range(when)
    roles: dict[tuple[int, str], None] = {}
    for name, role in new.participants:
        actor = resolve_actor(session, name)
        if any(actor_id == actor.id for actor_id, _ in roles):
            raise InputError(f"{actor.name} is given twice as a participant ({name!r})")
        roles.setdefault((actor.id, role or default_role(new.type)), None)
    event = Event(
        type=new.type,
        title=(new.title or "").strip() or None,
        status=new.status,
        location=(new.location or "").strip() or None,
        confidence=1.0,
        origin="manual",
        review="confirmed",
        review_note=note,
        source_url=new.source.strip(),
        participants=[Participant(actor_id=a, role=r) for a, r in roles],
    )
    _set_date(event, when)
    if new.type == "meeting":
        kinds = {r for _, r in roles}
        event.meeting = MeetingDetail(
            venue=event.location, format="visit" if {"host", "guest"} <= kinds else "summit"
        )
    elif new.type == "sanction":
        event.sanction = SanctionDetail()
    session.add(event)
    session.flush()
    session.refresh(event, ["participants"])
    refresh_pairs(session, event)
    record(session, event, "add", None, None, snapshot(event), by=by, note=note)
    return event


def similar_events(session: Session, event: Event) -> list[int]:
    """Other live events of the same type and status, with the same participants and an
    overlapping (or no) date: likely duplicates of `event`."""
    actor_ids = {p.actor_id for p in event.participants}
    query = select(Event).where(
        Event.id != event.id,
        Event.type == event.type,
        Event.status == event.status,
        Event.review != "rejected",
    )
    if event.start_date is None:
        query = query.where(Event.start_date.is_(None))
    else:
        query = query.where(Event.start_date <= event.end_date, Event.end_date >= event.start_date)
    query = query.where(
        Event.id.in_(
            select(Participant.event_id).where(Participant.actor_id.in_(actor_ids or {-1}))
        )
    ).options(selectinload(Event.participants))
    return [
        e.id for e in session.scalars(query) if {p.actor_id for p in e.participants} == actor_ids
    ]


# --- helpers --------------------------------------------------------------------------------


def _check_range(when: DateChoice) -> None:
    if (when.start is None) != (when.end is None):
        raise InputError("a date range needs both a start and an end")
    if when.start is not None and when.end is not None and when.end < when.start:
        raise InputError(
            f"the end {when.end.isoformat()} is before the start {when.start.isoformat()}"
        )


def _set_date(event: Event, when: DateChoice) -> None:
    event.start_date, event.end_date = when.start, when.end
    event.precision = when.precision if when.start is not None else "unknown"
    event.date_text = when.text


def _set_review(
    session: Session,
    event: Event,
    review: str,
    note: str | None,
    *,
    by: str,
    action: str,
    replace_note: bool = False,
) -> None:
    """Move the event to a review state, recording the state and its note as changes.

    `review_note` is the note on the current review state (a rejection's reason, a
    confirmation's remark): it becomes `note` when the state changes or `replace_note` is
    set (confirm, reject), and is left alone otherwise (an edit of an edited event)."""
    changes_state = event.review != review
    if changes_state:
        record(session, event, action, "review", event.review, review, by=by, note=note)
        event.review = review
    if not (changes_state or replace_note):
        return
    if note != event.review_note:
        record(session, event, action, "review_note", event.review_note, note, by=by)
        event.review_note = note


def _actor_for(session: Session, event: Event, name: str, *, adding: bool = False) -> Actor:
    """The actor a name means, preferring the event's own participants ('Kim' on an event
    with Kim Jong Un is him, however many Kims the database knows)."""
    if not adding:
        own = {p.actor_id for p in event.participants}
        mine = [a for a in candidates(session, name) if a.id in own]
        if len(mine) == 1:
            return mine[0]
    return resolve_actor(session, name)


def _participant_plan(
    event: Event,
    event_type: str,
    additions: Sequence[tuple[Actor, str | None]],
    removals: Sequence[tuple[Actor, str | None]],
) -> list[tuple[int, str]] | None:
    """The participants after the edit as (actor id, role), or None when they stay."""
    if not additions and not removals:
        return None
    current = [(p.actor_id, p.role) for p in sorted(event.participants, key=lambda p: p.id or 0)]
    wanted = list(current)
    for actor, role in removals:
        gone = [(a, r) for a, r in wanted if a == actor.id and (role is None or r == role)]
        if not gone:
            as_role = f" as {role}" if role else ""
            raise InputError(f"{actor.name} is not a participant{as_role} of event #{event.id}")
        wanted = [item for item in wanted if item not in gone]
    for actor, role in additions:
        have = [r for a, r in wanted if a == actor.id]
        if role is None:
            if not have:
                wanted.append((actor.id, default_role(event_type)))
        elif role not in have:
            # A new role for someone already taking part replaces the old one.
            wanted = [(a, r) for a, r in wanted if a != actor.id] + [(actor.id, role)]
    if not wanted:
        raise InputError(f"event #{event.id} would have no participants left")
    if sorted(wanted) == sorted(current):
        return None
    return wanted


def _apply_participants(session: Session, event: Event, wanted: list[tuple[int, str]]) -> None:
    keep = set(wanted)
    for p in list(event.participants):
        if (p.actor_id, p.role) not in keep:
            event.participants.remove(p)
    session.flush()
    have = {(p.actor_id, p.role) for p in event.participants}
    for actor_id, role in wanted:
        if (actor_id, role) not in have:
            event.participants.append(Participant(actor_id=actor_id, role=role))
            have.add((actor_id, role))
    session.flush()
    session.refresh(event, ["participants"])


def _merge_one(session: Session, target: Event, other: Event, *, by: str, note: str | None) -> None:
    old = snapshot(other)
    history_ids = session.scalars(
        select(EventHistory.id).where(EventHistory.event_id == other.id)
    ).all()
    old["history_ids"] = list(history_ids)
    old["evidence"] = len(other.evidence)
    # Evidence: moved, except a sentence the target already has from the same article.
    have = {(ev.article_id, ev.start_char) for ev in target.evidence}
    for ev in list(other.evidence):
        if (ev.article_id, ev.start_char) in have:
            other.evidence.remove(ev)  # an orphan: deleted at the next flush
        else:
            have.add((ev.article_id, ev.start_char))
            ev.event = target
    # Participants: the target's roles win; anyone only in the other joins.
    present = {p.actor_id for p in target.participants}
    for p in sorted(other.participants, key=lambda p: p.id or 0):
        if p.actor_id not in present:
            target.participants.append(Participant(actor_id=p.actor_id, role=p.role))
            present.add(p.actor_id)
    # What the target lacks, the other may give.
    fills: list[tuple[str, Any, Any]] = []
    if target.start_date is None and other.start_date is not None:
        before = _date_value(target)
        target.start_date, target.end_date = other.start_date, other.end_date
        target.precision, target.date_text = other.precision, other.date_text
        fills.append(("date", before, _date_value(target)))
    for name in ("location", "title", "source_url", "cameo"):
        if getattr(target, name) is None and getattr(other, name) is not None:
            fills.append((name, None, getattr(other, name)))
            setattr(target, name, getattr(other, name))
    key = other.key
    if key is not None:
        other.key = None  # unique: free it before the target may take it
        session.flush()
        if target.key is None:
            target.key = key
            fills.append(("key", None, key))
    if target.meeting is None and other.meeting is not None:
        target.meeting = MeetingDetail(venue=other.meeting.venue, format=other.meeting.format)
    if target.sanction is None and other.sanction is not None:
        s = other.sanction
        target.sanction = SanctionDetail(
            authority=s.authority, measures=s.measures, lifted_on=s.lifted_on, notes=s.notes
        )
    session.flush()
    # The other's history becomes the target's; then the other goes.
    session.execute(
        update(EventHistory).where(EventHistory.event_id == other.id).values(event_id=target.id)
    )
    session.execute(delete(EventPair).where(EventPair.event_id == other.id))
    session.execute(delete(EventSingle).where(EventSingle.event_id == other.id))
    session.delete(other)
    session.flush()
    record(session, target, "merge", "event", old, target.id, by=by, note=note)
    for name, before, after in fills:
        record(session, target, "merge", name, before, after, by=by, note=note)
    session.expire(target, ["evidence", "participants"])
