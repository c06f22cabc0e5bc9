"""iCalendar (RFC 5545) from export records, written with the `icalendar` package.

Every dated event is an all-day VEVENT spanning its whole date range (DTEND is the day
after the range ends, as RFC 5545 wants for dates), so an event known only to the month
fills the month rather than sitting on a made-up day. The precision and the original date
words are kept in the description and in X-TIMELINE-* properties. Undated events are left
out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from timeline.services.export import headline, links

PRODID = "-//timeline//geopolitical timeline export//EN"
STATUS = {"occurred": "CONFIRMED", "planned": "TENTATIVE", "negated": "CANCELLED"}


def render_ical(
    records: Sequence[dict[str, Any]], title: str, stamp: datetime | None = None
) -> str:
    """The calendar as text with CRLF line endings (write it with newline='')."""
    from icalendar import Calendar, Event

    stamp = stamp or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", " ".join(title.split()))  # a content line holds no newline
    for record in records:
        if record["start"] is None:
            continue
        start = record["start"]
        end = record["end"] or start
        item = Event()
        item.add("uid", f"timeline-event-{record['id']}")
        item.add("dtstamp", stamp)
        item.add("dtstart", start)
        item.add("dtend", end + timedelta(days=1))
        item.add("summary", headline(record))
        item.add("description", _description(record))
        if record.get("location"):
            item.add("location", record["location"])
        item.add("categories", [record["type"]])
        item.add("status", STATUS.get(record["status"], "CONFIRMED"))
        sources = links(record)
        if sources:
            item.add("url", sources[0]["href"])
        item.add("x-timeline-id", str(record["id"]))
        item.add("x-timeline-precision", record["precision"])
        item.add("x-timeline-date", record["date"])
        calendar.add_component(item)
    return calendar.to_ical().decode("utf-8")


def _description(record: dict[str, Any]) -> str:
    lines = [f"{record['date']} ({record['precision']})"]
    if record.get("date_text"):
        lines.append(f"Reported as: {record['date_text']}")
    names = ", ".join(f"{p['name']} ({p['role']})" for p in record["participants"])
    if names:
        lines.append(f"Participants: {names}")
    lines.append(f"Type: {record['type']}; status: {record['status']}")
    for item in record["evidence"]:
        lines.append(f"“{item['sentence']}”")
    for link in links(record):
        lines.append(f"{link['text']}: {link['href']}")
    return "\n".join(lines)
