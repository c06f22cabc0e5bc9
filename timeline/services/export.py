"""Events for export: the full record of each event (participants, evidence, details).

`export_records` selects with the same `EventFilter` as `timeline events` and returns one
plain dict per event, the shape of `timeline export --format json`; the writers in
`timeline.formats` (TimelineJS, iCalendar, HTML, GDELT-style CSV) all read this shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from timeline.formats.exports import ExportFormat
from timeline.models import Actor, Event, Evidence, Participant
from timeline.services.queries import EventFilter, event_fields, find_events

CHUNK = 500  # ids per IN (...) list


# Formats that can only go to a file (binary line endings, a page to open).
FILE_ONLY = (ExportFormat.ics, ExportFormat.html)
SUFFIXES = {
    ".json": ExportFormat.json,
    ".csv": ExportFormat.csv,
    ".ics": ExportFormat.ics,
    ".ical": ExportFormat.ics,
    ".html": ExportFormat.html,
    ".htm": ExportFormat.html,
}


def export_records(session: Session, criteria: EventFilter) -> list[dict[str, Any]]:
    """Every event `timeline events` would list for `criteria`, in its order, in full."""
    ids = [row["id"] for row in find_events(session, criteria)]
    events = load_events(session, ids)
    return [event_record(events[i]) for i in ids]


def load_events(session: Session, ids: Sequence[int]) -> dict[int, Event]:
    """Events by id with what an export shows, in a fixed number of queries per chunk."""
    loaded: dict[int, Event] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        query = (
            select(Event)
            .where(Event.id.in_(chunk))
            .options(
                selectinload(Event.participants)
                .selectinload(Participant.actor)
                .selectinload(Actor.country),
                selectinload(Event.evidence).selectinload(Evidence.article),
                selectinload(Event.meeting),
                selectinload(Event.sanction),
            )
        )
        for event in session.scalars(query):
            loaded[event.id] = event
    return loaded


def event_record(event: Event) -> dict[str, Any]:
    """One event as plain data: dates stay `date` objects, the renderers format them."""

    participants = sorted(event.participants, key=lambda p: p.id)
    evidence = sorted(
        event.evidence, key=lambda e: (e.article.published, e.article_id, e.start_char)
    )
    return {
        **event_fields(event),
        "participants": [
            {
                "actor_id": p.actor_id,
                "name": p.actor.name,
                "kind": p.actor.kind,
                "role": p.role,
                "country": country_code(p.actor),
            }
            for p in participants
        ],
        "evidence": [
            {
                "article_id": e.article_id,
                "source": e.article.source,
                "title": e.article.title,
                "url": e.article.url,
                "published": e.article.published,
                "sentence": e.sentence,
                "start_char": e.start_char,
                "end_char": e.end_char,
                "date_text": e.date_text,
                "extractor_version": e.extractor_version,
                "confidence": e.confidence,
            }
            for e in evidence
        ],
        "meeting": (
            {"venue": event.meeting.venue, "format": event.meeting.format}
            if event.meeting
            else None
        ),
        "sanction": (
            {
                "authority": event.sanction.authority,
                "measures": event.sanction.measures,
                "lifted_on": event.sanction.lifted_on,
                "notes": event.sanction.notes,
            }
            if event.sanction
            else None
        ),
    }


def country_code(actor: Actor) -> str | None:
    """The ISO 3166 alpha-3 code of a country, or of a person's or organization's country
    (country actors are keyed `country:ISO3`)."""
    place = actor if actor.kind == "country" else actor.country
    if place is None or not place.key.startswith("country:"):
        return None
    return place.key.split(":", 1)[1]


def headline(record: dict[str, Any]) -> str:
    """A one-line name for an event: its title, else its type and participants."""
    if record.get("title"):
        return str(record["title"])
    names = ", ".join(p["name"] for p in record["participants"])
    label = str(record["type"]).capitalize()
    return f"{label}: {names}" if names else label


def links(record: dict[str, Any]) -> list[dict[str, str]]:
    """The evidence behind an event as links: the reference URL, then each article (http(s)
    addresses only: a citation or any other scheme is not a link)."""
    from timeline.urls import is_web_url

    out: list[dict[str, str]] = []
    if is_web_url(record.get("source_url")):
        out.append({"href": record["source_url"], "text": "reference"})
    for item in record["evidence"]:
        if is_web_url(item.get("url")):
            what = item.get("source") or "article"
            published = item["published"]
            when = published.isoformat() if hasattr(published, "isoformat") else published
            out.append({"href": item["url"], "text": f"{what}, {when}"})
    seen: set[str] = set()
    unique = []
    for link in out:
        if link["href"] not in seen:
            seen.add(link["href"])
            unique.append(link)
    return unique
