"""The change log of events: one `event_history` row per change, values stored as JSON text.

Every curation action (add, edit, confirm, reject, merge) writes here through `record`, so
`timeline event history ID` and the `event_history_view` SQL view can answer "who changed
what, from what, to what, and when" for any event.
"""

from __future__ import annotations

import getpass
import json
import os
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from timeline.formats.render import to_jsonable
from timeline.models import Event, EventHistory

ACTIONS = ("add", "edit", "confirm", "reject", "merge")
# What `timeline event history` shows in a table (JSON has every key, ids included).
HISTORY_COLUMNS = ("changed_at", "changed_by", "action", "field", "old", "new", "note")


def current_user() -> str:
    """Who is making the change: the login name from the environment, else 'unknown'."""
    try:
        name = getpass.getuser()
    except Exception:  # no $USER/$LOGNAME and no passwd entry (some containers)
        name = os.environ.get("USERNAME", "")
    return name.strip() or "unknown"


def to_json(value: Any) -> str | None:
    """A value as the JSON text stored in `old_value`/`new_value`; None stays NULL."""
    if value is None:
        return None
    return json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=False)


def from_json(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:  # written by hand in SQL: show it as it is
        return text


def record(
    session: Session,
    event: Event | int,
    action: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    *,
    by: str,
    note: str | None = None,
) -> EventHistory:
    """Add one history row for `event` (flushed, so it is visible to the same transaction)."""
    event_id = event if isinstance(event, int) else event.id
    row = EventHistory(
        event_id=event_id,
        action=action,
        field=field,
        old_value=to_json(old),
        new_value=to_json(new),
        changed_by=(by or "").strip() or current_user(),
        note=note,
    )
    session.add(row)
    session.flush()
    return row


def history_rows(session: Session, event_id: int) -> list[dict[str, Any]]:
    """An event's history, oldest first, as display rows (values decoded from JSON)."""
    rows = session.scalars(
        select(EventHistory)
        .where(EventHistory.event_id == event_id)
        .order_by(EventHistory.changed_at, EventHistory.id)
    )
    return [
        {
            "id": h.id,
            "event_id": h.event_id,
            "changed_at": h.changed_at,
            "changed_by": h.changed_by,
            "action": h.action,
            "field": h.field,
            "old": from_json(h.old_value),
            "new": from_json(h.new_value),
            "note": h.note,
        }
        for h in rows
    ]
