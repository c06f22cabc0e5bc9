"""merge lookup keys on event pairs, and event singles

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

Ingest looks for the stored report of the same event by participants, type, status and
overlapping dates. Before this revision that lookup read every stored event of the pair (or
every participation of a lone actor), so its cost grew with the database. Now:

- event_pairs carries the event's type, status, end date and a span class (the bit length
  of the range's length in days, -1 when undated), indexed as
  (actor_a_id, actor_b_id, type, status, span_class, start_date, end_date): for each span
  class k, a stored range that overlaps [start, end] starts in [start - 2**k, end], so each
  class is one index range bounded on both sides.
- event_singles holds the same keys per (event, participant) for reports naming one actor.
- Both carry the event's participant count, last in the index: a report of two leaders
  skips, inside the index, the many larger events the pair also took part in.

Both are backfilled from events and participants. SQLite cannot add NOT NULL to existing
columns in place: batch mode rebuilds event_pairs, which the reporting views of 0002 read,
so they are dropped first and created again from 0002's own definitions.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MAX_SPAN_CLASS = 17  # ranges of 2**16 days (179 years) or more share the last class
# The number of distinct actors of events row `e`.
COUNT = "(SELECT count(DISTINCT c.actor_id) FROM participants AS c WHERE c.event_id = e.id)"


def _views() -> ModuleType:
    """Revision 0002, loaded from its file: the view definitions live there only."""
    path = Path(__file__).with_name("0002_reporting_views.py")
    spec = importlib.util.spec_from_file_location("_timeline_views_0002", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _span_class_sql(sqlite: bool) -> str:
    """The span class of events row `e`, as SQL both backends run (no log2 on SQLite)."""
    if sqlite:
        days = "CAST(julianday(e.end_date) - julianday(e.start_date) AS INTEGER)"
    else:
        days = "(e.end_date - e.start_date)"
    steps = " ".join(
        f"WHEN {days} < {2**k} THEN {k}" for k in range(MAX_SPAN_CLASS)
    )  # bit_length: the first k with days < 2**k
    return f"CASE WHEN e.start_date IS NULL THEN -1 {steps} ELSE {MAX_SPAN_CLASS} END"


def upgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    span = _span_class_sql(sqlite)
    with op.batch_alter_table("event_pairs") as batch:
        batch.add_column(sa.Column("end_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("type", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("status", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("span_class", sa.SmallInteger(), nullable=True))
        batch.add_column(sa.Column("participant_count", sa.SmallInteger(), nullable=True))
    op.execute(
        "UPDATE event_pairs SET end_date = e.end_date, type = e.type, status = e.status, "
        f"span_class = {span}, participant_count = {COUNT} "
        "FROM events AS e WHERE e.id = event_pairs.event_id"
    )
    views = _views()
    if sqlite:
        views.downgrade()
    with op.batch_alter_table("event_pairs") as batch:
        for column in ("type", "status"):
            batch.alter_column(column, existing_type=sa.String(length=16), nullable=False)
        for column in ("span_class", "participant_count"):
            batch.alter_column(column, existing_type=sa.SmallInteger(), nullable=False)
        batch.create_index(
            "ix_event_pairs_match",
            [
                "actor_a_id",
                "actor_b_id",
                "type",
                "status",
                "span_class",
                "start_date",
                "end_date",
                "participant_count",
            ],
        )
    if sqlite:
        views.upgrade()

    op.create_table(
        "event_singles",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("span_class", sa.SmallInteger(), nullable=False),
        sa.Column("participant_count", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
            name=op.f("fk_event_singles_actor_id_actors"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_singles_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "actor_id", name=op.f("pk_event_singles")),
    )
    op.create_index(
        "ix_event_singles_match",
        "event_singles",
        ["actor_id", "type", "status", "span_class", "start_date", "end_date", "participant_count"],
    )
    op.execute(
        "INSERT INTO event_singles (event_id, actor_id, start_date, end_date, type, status, "
        "span_class, participant_count) SELECT DISTINCT p.event_id, p.actor_id, e.start_date, "
        f"e.end_date, e.type, e.status, {span}, {COUNT} "
        "FROM participants AS p JOIN events AS e ON e.id = p.event_id"
    )


def downgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    op.drop_index("ix_event_singles_match", table_name="event_singles")
    op.drop_table("event_singles")
    views = _views()
    if sqlite:
        views.downgrade()
    with op.batch_alter_table("event_pairs") as batch:
        batch.drop_index("ix_event_pairs_match")
        for column in ("participant_count", "span_class", "status", "type", "end_date"):
            batch.drop_column(column)
    if sqlite:
        views.upgrade()
