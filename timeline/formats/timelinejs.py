"""TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html) from export records.

Each dated event becomes a slide: `start_date` (and `end_date` for a range) with only the
parts its precision knows (a year, a month, a day), the honest label as `display_date`,
the event type as `group`, and the participants and evidence links in `text`. Undated
events cannot sit on a time axis and are left out (`undated` counts them).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from html import escape
from typing import Any

from timeline.services.export import headline, links


def timeline_document(
    records: Sequence[dict[str, Any]], title: str, subtitle: str = ""
) -> dict[str, Any]:
    """The TimelineJS3 document as a dict."""
    events = [_slide(r) for r in records if r["start"] is not None]
    document: dict[str, Any] = {
        "title": {
            "text": {"headline": escape(title, quote=False), "text": escape(subtitle, quote=False)}
        },
        "events": events,
    }
    return document


def render_timelinejs(records: Sequence[dict[str, Any]], title: str, subtitle: str = "") -> str:
    return (
        json.dumps(timeline_document(records, title, subtitle), ensure_ascii=False, indent=2) + "\n"
    )


def undated(records: Sequence[dict[str, Any]]) -> int:
    return sum(1 for r in records if r["start"] is None)


def _slide(record: dict[str, Any]) -> dict[str, Any]:
    start: date = record["start"]
    end: date = record["end"] or start
    slide: dict[str, Any] = {
        "unique_id": f"event-{record['id']}",
        "start_date": _date_parts(start),
        "display_date": record["date"],
        "text": {"headline": escape(headline(record), quote=False), "text": _text(record)},
        "group": record["type"],
    }
    precision = record["precision"]
    if precision == "year" and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        slide["start_date"] = {"year": start.year}
        if end.year != start.year:
            slide["end_date"] = {"year": end.year}
    elif precision == "month" and start.day == 1 and _same_month(start, end):
        slide["start_date"] = {"year": start.year, "month": start.month}
    elif end != start:
        slide["end_date"] = _date_parts(end)
    return slide


def _same_month(first: date, second: date) -> bool:
    return (first.year, first.month) == (second.year, second.month)


def _date_parts(day: date) -> dict[str, int]:
    return {"year": day.year, "month": day.month, "day": day.day}


def _text(record: dict[str, Any]) -> str:
    parts = []
    names = ", ".join(f"{p['name']} ({p['role']})" for p in record["participants"])
    if names:
        parts.append(f"<p>{escape(names, quote=False)}</p>")
    facts = [record["type"], record["status"]]
    if record.get("location"):
        facts.append(record["location"])
    if record.get("date_text"):
        facts.append(f"“{record['date_text']}”")
    parts.append(f"<p>{escape(' · '.join(facts), quote=False)}</p>")
    for item in record["evidence"]:
        parts.append(f"<blockquote>{escape(item['sentence'], quote=False)}</blockquote>")
    anchors = [
        f'<a href="{escape(link["href"])}">{escape(link["text"], quote=False)}</a>'
        for link in links(record)
        if safe_url(link["href"])
    ]
    if anchors:
        parts.append("<p>Sources: " + ", ".join(anchors) + "</p>")
    return "".join(parts)


def safe_url(url: str | None) -> bool:
    """Only web links are written into pages: no javascript: or data: URLs."""
    return bool(url) and str(url).lower().startswith(("http://", "https://"))
