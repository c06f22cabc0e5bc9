"""Migrations keep data, on both backends.

The database is seeded and articles ingested at the first revision; it is then upgraded one
revision at a time to the newest, and after every step every row stored before is still there
with the same values (new columns and tables may appear, nothing may change or go). Then it
goes down one revision at a time to the first and up again, with the same check at every step,
and the newest schema still matches the models and answers queries.

Seeding and ingesting use the services of the code as it is now. That works at every revision
while later migrations only add views, indexes or nullable columns; a migration that changes
what the models write must extend `fill` below to write at the old revision what that
revision's code wrote.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, delete, insert, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tests.clitools import run
from tests.conftest import seed_url
from tests.reference_lookup import OLD_PAIRS, old_best_candidate
from timeline import db
from timeline.models import Event

ARTICLES = Path(__file__).resolve().parent.parent / "seeds" / "articles"
Snapshot = dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]]


def revisions() -> list[str]:
    """Every revision, oldest first (the history is linear)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config("sqlite://"))
    heads = script.get_heads()
    assert len(heads) == 1, f"the migration history has several heads: {heads}"
    return [r.revision for r in reversed(list(script.walk_revisions("base", "heads")))]


def fill(url: str) -> None:
    """Seed data, ingested articles and an analyst's edit, through the services (with what
    they wrote at the database's revision where that differs)."""
    from timeline.services import curation, dating, ingest, seed

    def as_before_0003(extracted: Any, published: date) -> dating.StoredDates | None:
        """What ingest wrote before revision 0003 allowed an open start: an undated report
        stayed undated (0001's checks refuse precision 'before')."""
        when = extracted.date
        return None if when is None else dating.StoredDates(when.start, when.end, when.precision)

    def pairs_before_0004(
        session: Session, event_id: int, actor_ids: list[int], *, start: date | None, **_: Any
    ) -> None:
        """Before 0004 a pair row held the start date only, and no single rows existed."""
        rows = [
            {"event_id": event_id, "actor_a_id": a, "actor_b_id": b, "start_date": start}
            for a, b in combinations(sorted(set(actor_ids)), 2)
        ]
        if rows:
            session.execute(insert(OLD_PAIRS), rows)

    def refresh_before_0004(session: Session, event: Event) -> None:
        session.flush()
        session.execute(delete(OLD_PAIRS).where(OLD_PAIRS.c.event_id == event.id))
        actor_ids = [p.actor_id for p in event.participants]
        pairs_before_0004(session, event.id, actor_ids, start=event.start_date)

    engine = db.make_engine(url, writer=True)
    with pytest.MonkeyPatch.context() as patch:
        if "event_singles" not in inspect(engine).get_table_names():
            for module in (ingest, seed, curation):
                patch.setattr(module, "refresh_pairs", refresh_before_0004)
            patch.setattr(ingest, "insert_pairs", pairs_before_0004)
            patch.setattr(ingest, "best_candidate", old_best_candidate)
        patch.setattr(ingest, "stored_dates", as_before_0003)
        try:
            _fill(url, engine)
        finally:
            engine.dispose()


def _fill(url: str, engine: Engine) -> None:
    from timeline.formats.articles import ArticleInput, read_articles
    from timeline.services.gazetteer import load_gazetteer
    from timeline.services.ingest import ingest_article

    seed_url(url)
    with db.session_scope(engine) as session:
        gazetteer = load_gazetteer(session)
    stored = 0
    for item in read_articles([str(ARTICLES)], today=date(2025, 12, 31)):
        assert isinstance(item, ArticleInput), item
        with db.session_scope(engine) as session:
            ingest_article(session, item, gazetteer)
        stored += 1
    assert stored >= 5
    with db.session_scope(engine) as session:
        extracted = session.scalars(
            select(Event).where(Event.origin == "extracted").order_by(Event.id)
        ).first()
        assert extracted is not None
        extracted.review = "confirmed"
        extracted.location = "Beijing (edited)"


def snapshot(engine: Engine) -> Snapshot:
    """Every table's columns and rows (values as repr, sorted) except Alembic's own."""
    meta = MetaData()
    meta.reflect(bind=engine)
    out: Snapshot = {}
    with engine.connect() as connection:
        for name, table in sorted(meta.tables.items()):
            if name == "alembic_version":
                continue
            columns = tuple(c.name for c in table.columns)
            rows = sorted(
                tuple(repr(v) for v in row) for row in connection.execute(select(*table.columns))
            )
            out[name] = (columns, rows)
    return out


def assert_rows_intact(before: Snapshot, engine: Engine, step: str) -> None:
    """Every table and row of `before` is present now, with the same values in the columns
    it had (columns added since are ignored)."""
    now = snapshot(engine)
    for name, (columns, rows) in before.items():
        assert name in now, f"{step}: table {name} is gone"
        now_columns, now_rows = now[name]
        missing = [c for c in columns if c not in now_columns]
        assert not missing, f"{step}: columns {missing} of {name} are gone"
        index = [now_columns.index(c) for c in columns]
        projected = sorted(tuple(row[i] for i in index) for row in now_rows)
        assert len(projected) == len(rows), (
            f"{step}: {name} had {len(rows)} rows, now {len(projected)}"
        )
        assert projected == rows, f"{step}: rows of {name} changed"


def views_answer(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            view: connection.execute(text(f'SELECT count(*) FROM "{view}"')).scalar_one()
            for view in inspect(connection).get_view_names()
        }


def test_history_is_linear_and_ends_at_the_schema_the_code_expects() -> None:
    history = revisions()
    assert history, "no migrations"
    assert history[-1] == db.SCHEMA_HEAD == db.head_revision()


def test_data_survives_every_upgrade_and_downgrade(migrated_url: str) -> None:
    """(`migrated_url` gives an empty database per backend; it is taken back to the first
    revision before anything is stored.)"""
    url = migrated_url
    history = revisions()
    db.downgrade(url, "base")
    db.upgrade(url, history[0])
    fill(url)
    engine = db.make_engine(url)
    try:
        first = snapshot(engine)
        assert first["articles"][1] and first["events"][1] and first["offices"][1]

        for revision in history[1:]:
            db.upgrade(url, revision)
            assert_rows_intact(first, engine, f"upgrade to {revision}")
        at_head = snapshot(engine)
        head_views = views_answer(engine)

        # down one revision at a time to the first, then up again, checking at every step
        for n in range(len(history) - 1, 0, -1):
            db.downgrade(url, history[n - 1])
            assert_rows_intact(first, engine, f"downgrade to {history[n - 1]}")
            db.upgrade(url, history[n])
            assert_rows_intact(
                at_head if n == len(history) - 1 else first,
                engine,
                f"upgrade again to {history[n]}",
            )
            db.downgrade(url, history[n - 1])
        for revision in history[1:]:
            db.upgrade(url, revision)
        assert_rows_intact(at_head, engine, "back at head")
        assert views_answer(engine) == head_views
    finally:
        engine.dispose()

    # the newest schema still matches the models, and the commands read the old rows
    assert db.check(url) == []
    result = run("--db", url, "events", "--status", "all", "--format", "json")
    assert result.exit_code == 0, result.stderr
    events: list[dict[str, Any]] = json.loads(result.stdout)
    assert len(events) == len(at_head["events"][1])
    assert any(e["review"] == "confirmed" and e["location"] == "Beijing (edited)" for e in events)
    if "events_view" in head_views:
        assert head_views["events_view"] == len(at_head["events"][1])


@pytest.mark.parametrize("step", ["downgrade", "upgrade"])
def test_every_migration_step_runs_on_an_empty_database(empty_url: str, step: str) -> None:
    """Each step also works with no rows at all (the path a new installation takes)."""
    history = revisions()
    for revision in history:
        db.upgrade(empty_url, revision)
    if step == "downgrade":
        for revision in reversed(["base", *history[:-1]]):
            db.downgrade(empty_url, revision)
        assert db.current_revision(empty_url) is None
    else:
        assert db.current_revision(empty_url) == history[-1]


PROBE = '''"""probe: rebuild the actors table the way SQLite batch mode does

Revision ID: 9999probe
Revises: {head}
"""

import sqlalchemy as sa
from alembic import op

revision = "9999probe"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for view in sa.inspect(bind).get_view_names():  # views name the table: drop them first
        op.execute(sa.text(f'DROP VIEW "{{view}}"'))
    with op.batch_alter_table("actors", recreate="always") as batch:
        batch.add_column(sa.Column("probe_note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("actors", recreate="always") as batch:
        batch.drop_column("probe_note")
'''


def test_a_sqlite_batch_migration_of_a_parent_table_keeps_the_child_rows(tmp_path: Path) -> None:
    """SQLite cannot alter most of a table in place: Alembic's batch mode copies it, drops
    it and renames the copy. With foreign keys enforced during the migration, dropping
    `actors` deletes every alias, office and participant through ON DELETE CASCADE. A future
    migration of this kind must keep them: run one through the project's own migration
    environment (a copy of migrations/ with a probe revision added) and check."""
    from alembic import command

    url = f"sqlite:///{tmp_path / 'timeline.db'}"
    db.upgrade(url)
    fill(url)
    engine = db.make_engine(url)
    try:
        before = snapshot(engine)
        scripts = tmp_path / "migrations"
        shutil.copytree(db.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
        (scripts / "versions" / "9999_probe.py").write_text(PROBE.format(head=db.SCHEMA_HEAD))
        config = db.alembic_config(url)
        config.set_main_option("script_location", str(scripts))
        command.upgrade(config, "9999probe")
        assert_rows_intact(before, engine, "batch rebuild of actors")
        command.downgrade(config, db.SCHEMA_HEAD)
        assert_rows_intact(before, engine, "batch rebuild of actors, undone")
    finally:
        engine.dispose()


def test_downgrade_below_0003_refuses_rows_only_0003_allows(migrated_url: str) -> None:
    engine = db.make_engine(migrated_url)
    try:
        with db.session_scope(engine) as session:
            session.add(Event(type="message", end_date=date(2025, 8, 28), precision="before"))
    finally:
        engine.dispose()
    with pytest.raises(Exception, match="report-bounded rows"):
        db.downgrade(migrated_url, "0002")
    # PostgreSQL undoes the whole run; SQLite keeps the revisions undone before the refusal.
    assert db.current_revision(migrated_url) in ("0003", db.SCHEMA_HEAD)
    with db.make_engine(migrated_url).connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM events")) == 1


def test_0004_backfills_the_lookup_keys_the_services_write(migrated_url: str) -> None:
    """At head the services write every pair and single row with the event's type, status,
    dates and span class; migrating down past 0004 and up again must rebuild exactly those
    rows from events and participants, on both backends."""
    from timeline.formats.articles import ArticleInput, read_articles
    from timeline.services.gazetteer import load_gazetteer
    from timeline.services.ingest import ingest_article

    url = migrated_url
    seed_url(url)
    engine = db.make_engine(url, writer=True)
    try:
        with db.session_scope(engine) as session:
            gazetteer = load_gazetteer(session)
        for item in read_articles([str(ARTICLES)], today=date(2025, 12, 31)):
            assert isinstance(item, ArticleInput), item
            with db.session_scope(engine) as session:
                ingest_article(session, item, gazetteer)
        written = snapshot(engine)
        columns, rows = written["event_pairs"]
        spans = {r[columns.index("span_class")] for r in rows}
        sizes = {r[columns.index("participant_count")] for r in rows}
        undated = "-1" in spans
        assert undated and len(spans) >= 3, "the corpus must hold undated and multi-day events"
        assert len(sizes) >= 2, "and events of several sizes"
        db.downgrade(url, "0003")
        assert "event_singles" not in inspect(engine).get_table_names()
        db.upgrade(url, "0004")
        rebuilt = snapshot(engine)
        for name in ("event_pairs", "event_singles"):
            assert rebuilt[name] == written[name], f"{name} differs after the backfill"
    finally:
        engine.dispose()
