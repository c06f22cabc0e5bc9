"""Rows in the shape of GDELT/Phoenix event data: one row per dyad (actor1 -> actor2).

For users of tools built on those data sets: a date, the two actors with their countries'
ISO 3166 alpha-3 codes (the country part of a CAMEO actor code), the CAMEO event code and
its root, and a source URL. Dates are YYYYMMDD like GDELT's SQLDATE; an event dated only
to a range also gives `date_end` and its `precision`, so no made-up day passes for a
known one. Undated events have empty dates.

Directed events (a sender, an imposer or a visiting guest on one side; a recipient, a
target or a host on the other) give one row per source-target pair, oriented that way
(CAMEO 043 "host a visit" puts the host first). Other events give one row per pair of
participants, in their order; an event with one participant (or none) gives one row with no actor2.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import combinations
from typing import Any

from timeline.services.export import links

COLUMNS = (
    "event_id",
    "date",
    "date_end",
    "precision",
    "actor1",
    "actor1_country",
    "actor1_role",
    "actor2",
    "actor2_country",
    "actor2_role",
    "cameo_code",
    "cameo_root",
    "event_type",
    "status",
    "location",
    "num_sources",
    "source_url",
)
SOURCE_ROLES = ("sender", "imposer", "guest")
TARGET_ROLES = ("recipient", "target", "host")
HOST_A_VISIT = "043"
NOBODY: dict[str, Any] = {"actor_id": None, "name": "", "role": "", "country": None}


def gdelt_rows(records: Sequence[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for record in records:
        for first, second in dyads(record):
            yield _row(record, first, second)


def dyads(record: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    people = _distinct(record["participants"])
    if len(people) < 2:
        return [(people[0] if people else NOBODY, None)]
    sources, targets = list(SOURCE_ROLES), list(TARGET_ROLES)
    if record.get("cameo") == HOST_A_VISIT:
        sources[sources.index("guest")], targets[targets.index("host")] = "host", "guest"
    senders = [p for p in people if p["role"] in sources]
    receivers = [p for p in people if p["role"] in targets]
    if senders and receivers:
        return [(s, r) for s in senders for r in receivers if s["actor_id"] != r["actor_id"]]
    # Undirected (attendees, signatories, a host with attendees): every pair, a source
    # role (such as the host of an attended event) first.
    people.sort(key=lambda p: p["role"] not in sources)
    return list(combinations(people, 2))


def _distinct(participants: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[int] = set()
    out = []
    for p in participants:
        if p["actor_id"] not in seen:
            seen.add(p["actor_id"])
            out.append(p)
    return out


def _row(
    record: dict[str, Any], first: dict[str, Any], second: dict[str, Any] | None
) -> dict[str, Any]:
    start, end = record["start"], record["end"]
    cameo = record.get("cameo") or ""
    sources = links(record)
    return {
        "event_id": record["id"],
        "date": start.strftime("%Y%m%d") if start else "",
        "date_end": end.strftime("%Y%m%d") if end else "",
        "precision": record["precision"],
        "actor1": first["name"],
        "actor1_country": first.get("country") or "",
        "actor1_role": first["role"],
        "actor2": second["name"] if second else "",
        "actor2_country": (second.get("country") or "") if second else "",
        "actor2_role": second["role"] if second else "",
        "cameo_code": cameo,
        "cameo_root": cameo[:2],
        "event_type": record["type"],
        "status": record["status"],
        "location": record.get("location") or "",
        "num_sources": len({e["article_id"] for e in record["evidence"]})
        + (1 if record.get("source_url") else 0),
        "source_url": sources[0]["href"] if sources else "",
    }
