"""import origin and dates bounded by the report

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

- events.origin and actors.origin accept 'import' (records imported from an external
  dataset, such as the Office of the Historian's visits and travels).
- events.precision accepts 'before': an occurred event whose text gives no date is known
  only to have happened by the day it was reported; it is stored with end_date = that day
  and start_date NULL, so the range CHECK now allows an open start with a set end.

SQLite cannot alter a CHECK in place: batch mode rebuilds `events` and `actors` by copy,
drop and rename, which the reporting views of 0002 would break, so they are dropped first
and created again from 0002's own definitions afterwards.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PRECISIONS = (
    "day",
    "range",
    "week",
    "month_part",
    "month",
    "quarter",
    "season",
    "year_part",
    "year",
    "decade",
    "unknown",
)
EVENT_ORIGINS = ("seed", "extracted", "manual")
ACTOR_ORIGINS = ("seed", "reign", "extracted", "manual")
BOTH_OR_NEITHER = (
    "(start_date IS NULL AND end_date IS NULL)"
    " OR (start_date IS NOT NULL AND end_date IS NOT NULL AND start_date <= end_date)"
)
OPEN_START_ALLOWED = (
    "(start_date IS NULL AND end_date IS NULL)"
    " OR (start_date IS NULL AND end_date IS NOT NULL)"
    " OR (start_date IS NOT NULL AND end_date IS NOT NULL AND start_date <= end_date)"
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _views() -> ModuleType:
    """Revision 0002, loaded from its file: the view definitions live there only."""
    path = Path(__file__).with_name("0002_reporting_views.py")
    spec = importlib.util.spec_from_file_location("_timeline_views_0002", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rewrite_checks(
    event_origins: tuple[str, ...],
    actor_origins: tuple[str, ...],
    precisions: tuple[str, ...],
    date_range: str,
) -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    views = _views()
    if sqlite:
        views.downgrade()
    table_kwargs = {"sqlite_autoincrement": True}
    with op.batch_alter_table("events", table_kwargs=table_kwargs) as batch:
        for name in ("origin", "precision", "date_range"):
            batch.drop_constraint(op.f(f"ck_events_{name}"), type_="check")
        batch.create_check_constraint(op.f("ck_events_origin"), _in("origin", event_origins))
        batch.create_check_constraint(op.f("ck_events_precision"), _in("precision", precisions))
        batch.create_check_constraint(op.f("ck_events_date_range"), date_range)
    with op.batch_alter_table("actors") as batch:
        batch.drop_constraint(op.f("ck_actors_origin"), type_="check")
        batch.create_check_constraint(op.f("ck_actors_origin"), _in("origin", actor_origins))
    if sqlite:
        views.upgrade()


def upgrade() -> None:
    _rewrite_checks(
        (*EVENT_ORIGINS, "import"),
        (*ACTOR_ORIGINS, "import"),
        (*PRECISIONS, "before"),
        OPEN_START_ALLOWED,
    )


def downgrade() -> None:
    # Rows that only the new vocabulary allows cannot stay: say so rather than corrupt them.
    bind = op.get_bind()
    count = bind.exec_driver_sql(
        "SELECT COUNT(*) FROM events WHERE origin = 'import' OR precision = 'before'"
    ).scalar()
    count += bind.exec_driver_sql("SELECT COUNT(*) FROM actors WHERE origin = 'import'").scalar()
    if count:
        raise RuntimeError(
            f"{count} imported or report-bounded rows would violate revision 0002's checks;"
            " delete them before downgrading"
        )
    _rewrite_checks(EVENT_ORIGINS, ACTOR_ORIGINS, PRECISIONS, BOTH_OR_NEITHER)
