"""Engines, sessions and the migration commands; the only module that knows about Alembic."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from timeline.config import normalise_url, redact_url
from timeline.errors import DatabaseError, InputError

if TYPE_CHECKING:
    from alembic.config import Config

# The revision the code is written for; tests check it equals Alembic's head.
SCHEMA_HEAD = "0004"
SQLITE_BUSY_TIMEOUT_MS = 30_000
PACKAGE_DIR = Path(__file__).resolve().parent


def make_engine(
    url: str, *, read_only: bool = False, writer: bool = False, **kwargs: Any
) -> Engine:
    """An engine with the connection settings this project relies on.

    SQLite: foreign keys on, WAL so readers never block the writer, a busy timeout so a
    second writer waits instead of failing. `writer` makes SQLite transactions take the
    write lock at BEGIN, so concurrent writers queue on the busy timeout rather than fail on
    a lock upgrade. `read_only` opens SQLite with mode=ro, so the database refuses writes.
    """
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if read_only and database and database != ":memory:":
            path = Path(database).resolve()
            if not path.exists():
                raise DatabaseError(f"database file {database} does not exist")
            url = f"sqlite:///file:{path}?mode=ro&uri=true"
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate if writer else _begin_deferred)
        return engine
    # psycopg prepares a statement after its fifth run, and PostgreSQL may then plan it once
    # for any parameters: for ingest's merge lookup that generic plan read 40 times more rows
    # at 1M events (benchmarks/bench_ingest.py). Planning each run for its own values costs
    # a fraction of a millisecond.
    connect_args = {"options": "-c plan_cache_mode=force_custom_plan"}
    connect_args.update(kwargs.pop("connect_args", {}))
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling is turned off; `_sqlite_begin` issues BEGIN itself,
    # so that SAVEPOINT and transactional DDL behave (SQLAlchemy's documented recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # WAL + NORMAL: a commit no longer waits for fsync (~1.3 ms here); an application
    # crash loses nothing, a power cut may lose the last commits, never corrupts.
    cursor.execute("PRAGMA synchronous=NORMAL")
    # A read-only file cannot switch its journal mode; reading it still works.
    with contextlib.suppress(Exception):
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _begin_deferred(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def backend(engine: Engine) -> str:
    return engine.dialect.name


# --- migrations ---------------------------------------------------------------------------


def migrations_dir() -> Path:
    """The Alembic script folder: `migrations/` in a checkout, packaged in a wheel."""
    for candidate in (PACKAGE_DIR.parent / "migrations", PACKAGE_DIR / "_migrations"):
        if (candidate / "env.py").exists():
            return candidate
    raise DatabaseError("the Alembic migrations folder is missing from this installation")


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("path_separator", "os")
    # Passed as an attribute, not an ini option, so '%' in passwords needs no escaping.
    config.attributes["database_url"] = normalise_url(url)
    return config


def upgrade(url: str, revision: str = "head") -> None:
    from alembic import command

    _alembic(command.upgrade, url, revision)


def downgrade(url: str, revision: str) -> None:
    from alembic import command

    _alembic(command.downgrade, url, revision)


def current_revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        return _read_revision(engine)
    finally:
        engine.dispose()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    config = alembic_config("sqlite://")
    return ScriptDirectory.from_config(config).get_current_head() or ""


def check(url: str) -> list[str]:
    """Differences between the models and the migrated schema (empty when they agree)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from timeline.models import Base

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            return [repr(diff) for diff in compare_metadata(context, Base.metadata)]
    except OperationalError as exc:
        raise connection_error(url, exc) from None
    finally:
        engine.dispose()


# Tables whose rows are derived from others and rebuilt by the migration that adds them:
# dropping them loses nothing.
DERIVED_TABLES = frozenset({"event_singles"})


def rows_lost_by_downgrade(url: str, revision: str) -> dict[str, int]:
    """Tables holding rows that migrating down to `revision` would drop, with their counts.

    Which tables exist at `revision` is learnt by migrating a scratch in-memory SQLite
    database to it, so this stays right whatever later migrations add."""
    from sqlalchemy import func, inspect, select, table

    _check_revision_name(revision)
    scratch = make_engine("sqlite://")
    try:
        with scratch.connect() as connection:
            config = alembic_config("sqlite://")
            config.attributes["connection"] = connection
            if revision != "base":
                from alembic import command

                command.upgrade(config, revision)
            kept = set(inspect(connection).get_table_names())
    finally:
        scratch.dispose()
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            present = set(inspect(connection).get_table_names()) - {"alembic_version"}
            counts = {
                name: connection.execute(select(func.count()).select_from(table(name))).scalar_one()
                for name in sorted(present - kept)
            }
    except OperationalError as exc:
        raise connection_error(url, exc) from None
    finally:
        engine.dispose()
    return {
        table: count for table, count in counts.items() if count and table not in DERIVED_TABLES
    }


def _check_revision_name(revision: str) -> None:
    if not revision.strip() or not revision.isprintable():
        raise InputError(f"{revision!r} is not a revision: give one such as 'head' or '0002'")


def _alembic(fn: Any, url: str, revision: str) -> None:
    from alembic.util import CommandError

    _check_revision_name(revision)
    try:
        fn(alembic_config(url), revision)
    except CommandError as exc:
        raise DatabaseError(f"migration failed: {exc}") from None
    except OperationalError as exc:
        raise connection_error(url, exc) from None


def _read_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError as exc:
        raise connection_error(str(engine.url), exc) from None


def ensure_migrated(engine: Engine, url: str | None = None) -> None:
    """Refuse to work on a database that is not at the schema this code expects; `url` is
    the one the user gave, named in the message (a read-only engine's own is internal)."""
    revision = _read_revision(engine)
    if revision == SCHEMA_HEAD:
        return
    where = redact_url(url or engine.url.render_as_string(hide_password=False))
    if revision is None:
        raise DatabaseError(f"database {where} is not set up: run 'timeline db upgrade' first")
    raise DatabaseError(
        f"database {where} is at schema revision {revision}, this timeline expects "
        f"{SCHEMA_HEAD}: run 'timeline db upgrade' (or upgrade timeline)"
    )


def connection_error(url: str, exc: SQLAlchemyError) -> DatabaseError:
    reason = (
        str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
    )
    return DatabaseError(f"cannot use database {redact_url(url)}: {reason}")
