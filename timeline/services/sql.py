"""Ad hoc SQL that cannot change anything: the database itself refuses every write.

Nothing here looks at the SQL text to decide whether it is safe. The statement runs on a
connection the database treats as read-only, and the driver is asked to run one statement:

- SQLite: the file is opened `mode=ro` (`make_engine(read_only=True)`), `PRAGMA query_only`
  is on, and an authorizer (SQLite's own access control) refuses what a read-only file
  still allows: ATTACH (which creates files, and which `VACUUM INTO` uses), temporary
  tables, transaction control and pragmas that set a value. sqlite3 executes one
  statement per call and refuses the rest ("You can only execute one statement at a time").
- PostgreSQL: the transaction is `READ ONLY` and so is the session's default (so a COMMIT
  cannot open a writable one), and the statement is sent as a prepared statement, which
  the server refuses to hold more than one command ("cannot insert multiple commands into
  a prepared statement"). A role that may write the server's files or run programs on it
  (a superuser: COPY ... TO PROGRAM is not a database write) runs the statement as the
  built-in `pg_read_all_data` role, which can read every table and nothing more. The
  connection is discarded afterwards, whatever was run.

A refused write raises `ReadOnlyViolation`; any other error from the database `SqlError`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from timeline.errors import DatabaseError, InputError


class ReadOnlyViolation(DatabaseError):
    """The database refused a statement because the connection is read-only."""


class SqlError(InputError):
    """The database could not run the SQL as given (syntax, unknown table, ...)."""


@dataclass
class SqlResult:
    """Column names (made unique) and the rows, as plain Python values."""

    columns: list[str]
    rows: list[tuple[Any, ...]]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def run_read_only(engine: Engine, sql: str, params: Mapping[str, Any] | None = None) -> SqlResult:
    """Run one statement on a read-only connection and return what it selected.

    With `params` (even empty), `:name` placeholders are bound by SQLAlchemy's `text()`;
    without, the SQL goes to the driver untouched.
    """
    if not sql.strip():
        raise InputError("no SQL given")
    dialect = engine.dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise DatabaseError(f"read-only SQL is not supported on {dialect}")
    with engine.connect() as connection:
        statement, arguments = _driver_statement(connection, sql, params)
        try:
            if dialect == "sqlite":
                return _run_sqlite(connection, statement, arguments)
            return _run_postgresql(connection, statement, arguments)
        finally:
            if dialect == "postgresql":
                # Whatever the statement did to the session (a COMMIT, a SET), the
                # connection is not handed to anyone else.
                connection.invalidate()


def _driver_statement(
    connection: Connection, sql: str, params: Mapping[str, Any] | None
) -> tuple[str, Any]:
    if params is None:
        return sql, None
    compiled = text(sql).compile(dialect=connection.dialect)
    try:
        values = compiled.construct_params(dict(params))
    except Exception as exc:  # a placeholder with no value
        raise InputError(_first_line(str(exc))) from None
    if compiled.positiontup is not None:
        return compiled.string, tuple(values[name] for name in compiled.positiontup)
    return compiled.string, values


# --- SQLite ---------------------------------------------------------------------------------

# Authorizer action codes (sqlite3 module constants) that a read-only file would still allow.
_SQLITE_DENIED = {
    sqlite3.SQLITE_ATTACH,
    sqlite3.SQLITE_DETACH,
    sqlite3.SQLITE_CREATE_TEMP_INDEX,
    sqlite3.SQLITE_CREATE_TEMP_TABLE,
    sqlite3.SQLITE_CREATE_TEMP_TRIGGER,
    sqlite3.SQLITE_CREATE_TEMP_VIEW,
    sqlite3.SQLITE_DROP_TEMP_INDEX,
    sqlite3.SQLITE_DROP_TEMP_TABLE,
    sqlite3.SQLITE_DROP_TEMP_TRIGGER,
    sqlite3.SQLITE_DROP_TEMP_VIEW,
    sqlite3.SQLITE_TRANSACTION,
    sqlite3.SQLITE_SAVEPOINT,
}
# Pragmas whose argument names a table or index to describe, not a value to set.
_SQLITE_DESCRIBING_PRAGMAS = {
    "table_info",
    "table_xinfo",
    "table_list",
    "index_info",
    "index_xinfo",
    "index_list",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
}


def _sqlite_authorizer(action: int, arg1: Any, arg2: Any, _db: Any, _trigger: Any) -> int:
    if action in _SQLITE_DENIED:
        return sqlite3.SQLITE_DENY
    setting = action == sqlite3.SQLITE_PRAGMA and arg2 is not None
    if setting and str(arg1).lower() not in _SQLITE_DESCRIBING_PRAGMAS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _run_sqlite(connection: Connection, statement: str, arguments: Any) -> SqlResult:
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA query_only = ON")
    raw.set_authorizer(_sqlite_authorizer)
    cursor = raw.cursor()
    try:
        cursor.execute(statement, arguments or ())
        return _result(cursor)
    except sqlite3.Error as exc:
        raise _sqlite_error(exc) from None
    finally:
        cursor.close()
        raw.set_authorizer(None)
        if raw.in_transaction:
            raw.rollback()
        raw.execute("PRAGMA query_only = OFF")


def _sqlite_error(exc: sqlite3.Error) -> Exception:
    message = _first_line(str(exc))
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(exc, sqlite3.ProgrammingError) and "one statement" in message:
        return _several(message)
    if code is not None and code & 0xFF in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_AUTH):
        return _refused(message)
    return SqlError(f"SQL error: {message}")


# --- PostgreSQL -----------------------------------------------------------------------------

_PG_READ_ONLY = "25006"  # read_only_sql_transaction
_PG_SYNTAX = "42601"


def _run_postgresql(connection: Connection, statement: str, arguments: Any) -> SqlResult:
    import psycopg

    raw = connection.connection.driver_connection
    assert raw is not None
    raw.rollback()  # start from a clean slate, whatever the pool handed over
    raw.autocommit = False  # SET TRANSACTION needs a transaction block
    cursor = raw.cursor()
    try:
        cursor.execute("SET TRANSACTION READ ONLY")  # the first statement of the transaction
        cursor.execute("SET default_transaction_read_only = on")  # and any one after a COMMIT
        _drop_server_privileges(cursor)
        cursor.execute(statement, arguments, prepare=True)
        return _result(cursor)
    except psycopg.Error as exc:
        raise _postgresql_error(exc) from None
    finally:
        cursor.close()


# A read-only transaction still lets a superuser write the server's files and run programs
# (COPY ... TO PROGRAM, COPY ... TO 'file', lo_export): those are privileges, not writes.
_PG_SERVER_PRIVILEGED = """
SELECT current_setting('is_superuser') = 'on'
    OR pg_has_role(current_user, 'pg_execute_server_program', 'USAGE')
    OR pg_has_role(current_user, 'pg_write_server_files', 'USAGE')
"""
_PG_READER_ROLE = "pg_read_all_data"  # PostgreSQL 14+: reads every table, nothing more


def _drop_server_privileges(cursor: Any) -> None:
    """For this transaction, act as a role that can read every table and do nothing else."""
    import psycopg

    cursor.execute(_PG_SERVER_PRIVILEGED)
    row = cursor.fetchone()
    if not (row and row[0]):
        return
    try:
        cursor.execute(f"SET LOCAL ROLE {_PG_READER_ROLE}")
    except psycopg.Error:
        raise ReadOnlyViolation(
            "refused: this database role may write the server's files or run programs on it, "
            f"and cannot switch to the {_PG_READER_ROLE} role (PostgreSQL 14+) for the query: "
            "connect as a role without those privileges"
        ) from None


def _postgresql_error(exc: Exception) -> Exception:
    message = _first_line(str(exc))
    sqlstate = getattr(getattr(exc, "diag", None), "sqlstate", None) or getattr(
        exc, "sqlstate", None
    )
    if sqlstate == _PG_READ_ONLY:
        return _refused(message)
    if sqlstate == _PG_SYNTAX and "multiple commands" in message:
        return _several(message)
    return SqlError(f"SQL error: {message}")


# --- shared ---------------------------------------------------------------------------------


def _refused(message: str) -> ReadOnlyViolation:
    return ReadOnlyViolation(
        f"refused: this SQL is run read-only and the database will not change ({message})"
    )


def _several(message: str) -> ReadOnlyViolation:
    return ReadOnlyViolation(f"refused: give one SQL statement at a time ({message})")


def _result(cursor: Any) -> SqlResult:
    if cursor.description is None:  # a statement that selects nothing
        return SqlResult(columns=[], rows=[])
    columns = _unique([d[0] for d in cursor.description])
    rows = [tuple(_plain(v) for v in row) for row in cursor.fetchall()]
    return SqlResult(columns=columns, rows=rows)


def _unique(names: list[str]) -> list[str]:
    """`SELECT a.id, b.id` gives two `id` columns; the second becomes `id_2`."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        name = name or "?column?"
        count = seen.get(name, 0) + 1
        seen[name] = count
        out.append(name if count == 1 else f"{name}_{count}")
    return out


def _plain(value: Any) -> Any:
    """Driver values as the renderer knows them (JSON-able, or dates it formats)."""
    if value is None or isinstance(value, bool | int | float | str | date | datetime):
        return value
    if isinstance(value, Decimal):
        if value.is_finite() and value == value.to_integral_value():
            return int(value)
        return float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def _first_line(message: str) -> str:
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    return lines[0] if lines else "unknown error"
