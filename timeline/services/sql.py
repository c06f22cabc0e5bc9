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
  a prepared statement"). A read-only transaction is no limit for a login that may become
  someone more powerful: a superuser can `set_config('role', session_user, true)` back from
  any role it drops to and run `COPY ... TO PROGRAM`; a table owner can terminate its own
  other sessions. So SQL from a user never runs on such a login: it runs on the dedicated
  reader role that `timeline db create-reader` makes (SELECT on this database's tables, no
  other privilege, signalling functions revoked), or is refused with a line naming that
  command.

Every statement has a time limit (SQLite: a progress handler, which also makes Ctrl-C
work inside a long query; PostgreSQL: `statement_timeout`, so the server stops it even when
the client is killed), and rows are fetched in batches, never all at once.

A refused write raises `ReadOnlyViolation`; any other error from the database `SqlError`.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from time import monotonic
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from timeline.errors import DatabaseError, InputError, TimelineError


class ReadOnlyViolation(DatabaseError):
    """The database refused a statement because the connection is read-only."""


class SqlError(InputError):
    """The database could not run the SQL as given (syntax, unknown table, ...)."""


class SqlTimeout(TimelineError):
    """The statement ran longer than its time limit and was stopped."""


@dataclass
class SqlResult:
    """Column names (made unique) and the rows, as plain Python values."""

    columns: list[str]
    rows: list[tuple[Any, ...]]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass
class SqlRows:
    """An open result: column names and an iterator that fetches rows in batches."""

    columns: list[str]
    rows: Iterator[tuple[Any, ...]]

    def dicts(self) -> Iterator[dict[str, Any]]:
        return (dict(zip(self.columns, row, strict=True)) for row in self.rows)


DEFAULT_TIMEOUT = 30.0
BATCH = 1000


def run_read_only(
    engine: Engine,
    sql: str,
    params: Mapping[str, Any] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> SqlResult:
    """Run one statement on a read-only connection and return everything it selected."""
    with read_only_query(engine, sql, params, timeout=timeout) as result:
        return SqlResult(result.columns, list(result.rows))


@contextmanager
def read_only_query(
    engine: Engine,
    sql: str,
    params: Mapping[str, Any] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Iterator[SqlRows]:
    """Run one statement read-only and yield its rows as they are fetched.

    With `params` (even empty), `:name` placeholders are bound by SQLAlchemy's `text()`;
    without, the SQL goes to the driver untouched. `timeout` is in seconds (None: none).
    """
    sql = _TRAILING.sub("", sql)
    if not sql.strip():
        raise InputError("no SQL given")
    dialect = engine.dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise DatabaseError(f"read-only SQL is not supported on {dialect}")
    with engine.connect() as connection:
        statement, arguments = _driver_statement(connection, sql, params)
        try:
            if dialect == "sqlite":
                with _sqlite_rows(connection, statement, arguments, timeout) as rows:
                    yield rows
            else:
                with _postgresql_rows(connection, statement, arguments, timeout) as rows:
                    yield rows
        finally:
            if dialect == "postgresql":
                # Whatever the statement did to the session (a COMMIT, a SET), the
                # connection is not handed to anyone else.
                connection.invalidate()


_TRAILING = re.compile(r"[\s;]+\Z")
"""`SELECT 1;;`: semicolons and blanks at the end end the one statement, they add none."""


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


@contextmanager
def _sqlite_rows(
    connection: Connection, statement: str, arguments: Any, timeout: float | None
) -> Iterator[SqlRows]:
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA query_only = ON")
    raw.set_authorizer(_sqlite_authorizer)
    stop = _Deadline(timeout)
    raw.set_progress_handler(stop.check, 10_000)
    cursor = raw.cursor()
    try:
        with stop.catching_interrupts():
            try:
                cursor.execute(statement, arguments or ())
            except sqlite3.Error as exc:
                raise stop.reason() or _sqlite_error(exc) from None
            yield SqlRows(_columns(cursor), _batches(cursor, stop))
    finally:
        cursor.close()
        raw.set_progress_handler(None, 0)
        raw.set_authorizer(None)
        if raw.in_transaction:
            raw.rollback()
        raw.execute("PRAGMA query_only = OFF")


class _Deadline:
    """SQLite's progress handler: stops the statement at its time limit or on Ctrl-C (a
    signal is otherwise only seen when the C call returns, which may be never)."""

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout
        self.ends = monotonic() + timeout if timeout else None
        self.timed_out = False
        self.interrupted = False

    def check(self) -> int:
        if self.ends is not None and monotonic() > self.ends:
            self.timed_out = True
        return 1 if self.timed_out or self.interrupted else 0

    def reason(self) -> BaseException | None:
        if self.interrupted:
            return KeyboardInterrupt()
        if self.timed_out:
            return SqlTimeout(_timeout_message(self.timeout))
        return None

    @contextmanager
    def catching_interrupts(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return

        def interrupt(_signum: int, _frame: Any) -> None:
            self.interrupted = True

        previous = signal.signal(signal.SIGINT, interrupt)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)
        if self.interrupted:
            raise KeyboardInterrupt


def _timeout_message(timeout: float | None) -> str:
    return f"stopped after {timeout or 0:g} s, the time limit (--timeout SECONDS; 0 for none)"


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
_PG_CANCELED = "57014"  # query_canceled: statement_timeout, or a cancel request


@contextmanager
def _postgresql_rows(
    connection: Connection, statement: str, arguments: Any, timeout: float | None
) -> Iterator[SqlRows]:
    import psycopg

    raw = connection.connection.driver_connection
    assert raw is not None
    raw.rollback()  # start from a clean slate, whatever the pool handed over
    raw.autocommit = False  # SET TRANSACTION needs a transaction block
    cursor = raw.cursor()
    try:
        try:
            cursor.execute("SET TRANSACTION READ ONLY")  # the first statement of the transaction
            cursor.execute("SET default_transaction_read_only = on")  # and any after a COMMIT
            milliseconds = str(int(timeout * 1000) if timeout else 0)
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", (milliseconds,))
            cursor.execute(statement, arguments, prepare=True)
        except psycopg.Error as exc:
            raise _postgresql_error(exc, timeout) from None
        yield SqlRows(_columns(cursor), _batches(cursor, None, timeout))
    finally:
        cursor.close()


def _postgresql_error(exc: Exception, timeout: float | None = None) -> Exception:
    message = _first_line(str(exc))
    sqlstate = getattr(getattr(exc, "diag", None), "sqlstate", None) or getattr(
        exc, "sqlstate", None
    )
    if sqlstate == _PG_CANCELED and timeout:
        return SqlTimeout(_timeout_message(timeout))
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


def _columns(cursor: Any) -> list[str]:
    if cursor.description is None:  # a statement that selects nothing
        return []
    return _unique([d[0] for d in cursor.description])


def _batches(
    cursor: Any, stop: _Deadline | None, timeout: float | None = None
) -> Iterator[tuple[Any, ...]]:
    """Rows BATCH at a time: a 20-million-row result never sits in memory."""
    if cursor.description is None:
        return
    while True:
        try:
            batch = cursor.fetchmany(BATCH)
        except sqlite3.Error as exc:
            raise (stop.reason() if stop else None) or _sqlite_error(exc) from None
        except Exception as exc:
            if type(exc).__module__.startswith("psycopg"):
                raise _postgresql_error(exc, timeout) from None
            raise
        if not batch:
            return
        for row in batch:
            yield tuple(_plain(v) for v in row)


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
