"""The PostgreSQL role that runs users' SQL: it can read this database and nothing more.

A login that may become a superuser, write or own tables, signal other sessions, or read
and write the server's files cannot be made safe by a read-only transaction or SET ROLE:
whatever it drops, its SQL can take back (`set_config('role', session_user, true)`,
`RESET ROLE`). So `timeline sql` never runs a user's statement on such a login. It connects
as the reader role instead, which `timeline db create-reader` makes once per database.
"""

from __future__ import annotations

import os
import re

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from timeline.errors import DatabaseError, InputError

DEFAULT_READER = "timeline_reader"
READER_ENV = "TIMELINE_SQL_ROLE"
READER_PASSWORD_ENV = "TIMELINE_SQL_PASSWORD"
_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}\Z")

# True when the session's login, or any role it can become, can do more than read.
_MAY_DO_MORE_THAN_READ = """
WITH reachable AS (
    SELECT r.* FROM pg_roles r WHERE pg_has_role(session_user, r.oid, 'MEMBER')
)
SELECT EXISTS (
    SELECT 1 FROM reachable r
    WHERE r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
       OR r.rolname IN ('pg_execute_server_program', 'pg_write_server_files',
                        'pg_read_server_files', 'pg_signal_backend')
       OR EXISTS (SELECT 1 FROM pg_database d
                  WHERE d.datname = current_database() AND d.datdba = r.oid)
       OR EXISTS (
            SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg_toast%'
              AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND (c.relowner = r.oid
                   OR has_table_privilege(r.oid, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE'))
       )
)
"""


def reader_name(name: str | None = None) -> str:
    chosen = name or os.environ.get(READER_ENV) or DEFAULT_READER
    if not _ROLE_NAME.match(chosen):
        raise InputError(f"{chosen!r} is not a role name (lower-case letters, digits, _)")
    return chosen


def may_do_more_than_read(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(connection.execute(text(_MAY_DO_MORE_THAN_READ)).scalar())


def engine_for_users_sql(engine: Engine) -> tuple[Engine, bool]:
    """The engine a user's SQL runs on, and whether it is a new one the caller disposes.

    SQLite's read-only file is safe for anyone. On PostgreSQL a login that can only read is
    used as it is; any other is replaced by the reader role, or refused naming the command
    that creates it."""
    if engine.dialect.name != "postgresql" or not may_do_more_than_read(engine):
        return engine, False
    name = reader_name()
    with engine.connect() as connection:
        ready = connection.execute(
            text(
                "SELECT rolcanlogin AND has_database_privilege(oid, current_database(), 'CONNECT')"
                " AND has_table_privilege(oid, 'events', 'SELECT')"
                " FROM pg_roles WHERE rolname = :name"
            ),
            {"name": name},
        ).scalar()
    if not ready:
        what = "does not exist yet" if ready is None else "cannot read this database yet"
        raise DatabaseError(
            f"refused: this login can change the database or the server, so SQL runs as the "
            f"read-only role {name}, which {what}: run 'timeline db create-reader'"
        )
    url = make_url(engine.url).set(
        username=name, password=os.environ.get(READER_PASSWORD_ENV) or None
    )
    from timeline.db import make_engine

    reader = make_engine(url.render_as_string(hide_password=False))
    if may_do_more_than_read(reader):
        reader.dispose()
        raise DatabaseError(
            f"refused: role {name} can do more than read; run 'timeline db create-reader'"
            " again or give it no other privilege"
        )
    return reader, True


def create_reader(session: Session, name: str | None = None, password: str | None = None) -> str:
    """Create or reset the reader role for this database; return its name.

    It may log in, read every table and view of this database (and those later migrations
    add), and nothing else: no inherited role, no signalling of other sessions."""
    if session.get_bind().dialect.name != "postgresql":
        raise InputError("a reader role is for PostgreSQL; SQLite's read-only file needs none")
    name = reader_name(name)
    run = session.execute

    def ddl(template: str, *values: str) -> None:
        """The server quotes: format()'s %I makes identifiers, %L literals."""
        args = {"t": template, "a": values[0], "b": values[1] if len(values) > 1 else ""}
        statement = run(
            text("SELECT format(CAST(:t AS text), CAST(:a AS text), CAST(:b AS text))"), args
        ).scalar_one()
        run(text(statement))

    # Roles are cluster-wide: two create-reader runs at once would both try CREATE ROLE.
    run(text("SELECT pg_advisory_xact_lock(hashtext('timeline create-reader'))"))
    exists = run(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).scalar()
    verb = "ALTER" if exists else "CREATE"
    ddl(
        verb + " ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION"
        " NOBYPASSRLS",
        name,
    )
    if password is not None:
        ddl("ALTER ROLE %I PASSWORD %L", name, password)
    memberships = run(
        text(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
            " JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n"
        ),
        {"n": name},
    ).scalars()
    for granted in list(memberships):
        ddl("REVOKE %I FROM %I", granted, name)
    database = run(text("SELECT current_database()")).scalar_one()
    ddl("ALTER ROLE %I IN DATABASE %I SET default_transaction_read_only = on", name, database)
    ddl("GRANT CONNECT ON DATABASE %I TO %I", database, name)
    ddl("GRANT USAGE ON SCHEMA public TO %I", name)
    ddl("GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I", name)
    ddl("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO %I", name)
    # Any role may cancel or terminate the sessions of its own role: one reader's SQL must not
    # stop another's. In this database only superusers may call them now.
    run(text("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_cancel_backend(integer) FROM PUBLIC"))
    run(
        text(
            "REVOKE EXECUTE ON FUNCTION pg_catalog.pg_terminate_backend(integer, bigint)"
            " FROM PUBLIC"
        )
    )
    return name
