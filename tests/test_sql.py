"""`timeline sql`: ad hoc SQL that the database itself keeps read-only, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from tests.clitools import run
from tests.test_views import build_reporting_data
from timeline import db
from timeline.services.sql import ReadOnlyViolation, SqlError, run_read_only

READ_ONLY = "refused: this SQL is run read-only and the database will not change"
ONE_STATEMENT = "refused: give one SQL statement at a time"


@pytest.fixture
def sql_url(migrated_url: str) -> str:
    """The reporting data; on PostgreSQL (whose test login is a superuser) with the reader
    role that `timeline sql` then runs as."""
    build_reporting_data(migrated_url)
    if migrated_url.startswith("postgresql"):
        created = run("--db", migrated_url, "db", "create-reader")
        assert created.exit_code == 0, created.stderr
    return migrated_url


def counts(url: str) -> dict[str, int]:
    """Rows in every table, and the tables and views there are."""
    engine = db.make_engine(url)
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            tables = inspector.get_table_names()
            found = {
                t: connection.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar() for t in tables
            }
            found["views"] = len(inspector.get_view_names())
            return found
    finally:
        engine.dispose()


def assert_refused(url: str, sql: str, message: str) -> None:
    before = counts(url)
    result = run("--db", url, "sql", sql)
    assert result.exit_code == 4, (sql, result.stdout, result.stderr)
    assert result.stderr.startswith(f"timeline: error: {message}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert counts(url) == before, sql


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM events",
        "UPDATE events SET title = 'changed'",
        "DROP TABLE events",
        "DROP VIEW events_view",
        "INSERT INTO articles (content_hash, published, text, ingested_at)"
        " VALUES ('x', '2020-01-01', 'x', '2020-01-01')",
        "CREATE TABLE scratch (x INTEGER)",
    ],
)
def test_writes_are_refused_and_change_nothing(sql_url: str, sql: str) -> None:
    assert counts(sql_url)["events"] == 13
    assert_refused(sql_url, sql, READ_ONLY)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT 1; DELETE FROM events", ONE_STATEMENT),
        ("SELECT COUNT(*) FROM events;DELETE FROM events;", ONE_STATEMENT),
        ("DELETE FROM evidence; DELETE FROM events", ONE_STATEMENT),
        # SQLite's authorizer refuses the COMMIT as it prepares it, before looking further.
        ("COMMIT; DELETE FROM events", "refused: "),
    ],
)
def test_several_statements_are_refused_whole(sql_url: str, sql: str, message: str) -> None:
    assert_refused(sql_url, sql, message)


def test_a_write_hidden_in_a_select_is_refused(sql_url: str, backend: str) -> None:
    if backend == "postgresql":
        sql = "WITH gone AS (DELETE FROM events RETURNING id) SELECT COUNT(*) FROM gone"
    else:  # SQLite has no data-modifying CTE; a trigger would need a write to create
        sql = "INSERT INTO events (type) SELECT type FROM events"
    assert_refused(sql_url, sql, READ_ONLY)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_sqlite_escape_hatches_are_refused(sql_url: str, tmp_path: Path) -> None:
    copy, attached = tmp_path / "copy.db", tmp_path / "attached.db"
    for sql in (
        f"VACUUM INTO '{copy}'",
        f"ATTACH DATABASE '{attached}' AS other",
        "CREATE TEMP TABLE scratch (x INTEGER)",
        "PRAGMA query_only = OFF",
        "BEGIN",
    ):
        assert_refused(sql_url, sql, READ_ONLY)
    assert not copy.exists() and not attached.exists()


@pytest.mark.parametrize(
    "backend", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_postgresql_superuser_cannot_write_server_files(sql_url: str, tmp_path: Path) -> None:
    """The review's attack: a superuser login took its privileges back inside a DO block
    (`set_config('role', session_user, true)`) and ran a program. SQL now runs as the reader
    role, which has nothing to take back."""
    marker = Path("/tmp") / f"timeline-sql-{tmp_path.name}"
    quoted = f"''{marker}''"
    attacks = (
        f"COPY (SELECT 1) TO '{marker}'",
        f"COPY (SELECT 1) TO PROGRAM 'touch {marker}'",
        "DO $$BEGIN PERFORM set_config('role', session_user, true);"
        f" EXECUTE 'COPY (SELECT 1) TO PROGRAM ''touch {marker}'''; END$$",
        f"DO $$BEGIN RESET ROLE; EXECUTE 'COPY (SELECT 1) TO {quoted}'; END$$",
        "SELECT pg_read_file('/etc/hostname')",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
        "SELECT pg_cancel_backend(pg_backend_pid())",
        "SELECT lo_import('/etc/hostname')",
        "SET ROLE postgres",
    )
    before = counts(sql_url)
    for sql in attacks:
        result = run("--db", sql_url, "sql", sql)
        assert result.exit_code in (2, 4), (sql, result.stdout, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
        assert not marker.exists(), sql
    assert counts(sql_url) == before
    who = run(
        "--db", sql_url, "sql",
        "SELECT current_user AS acting, session_user AS login, COUNT(*) AS n FROM events",
        "-f", "json",
    )  # fmt: skip
    assert json.loads(who.stdout) == [
        {"acting": "timeline_reader", "login": "timeline_reader", "n": 13}
    ]


@pytest.mark.parametrize(
    "backend", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_postgresql_privileged_login_without_reader_grants_is_refused(migrated_url: str) -> None:
    """A fresh database: the cluster may hold the role already, but it cannot read here."""
    build_reporting_data(migrated_url)
    result = run("--db", migrated_url, "sql", "SELECT 1", "--format", "json")
    assert result.exit_code == 4, result.stderr
    assert "read-only role timeline_reader, which " in result.stderr
    assert "run 'timeline db create-reader'" in result.stderr


def test_a_statement_over_its_time_limit_is_stopped(sql_url: str) -> None:
    endless = (
        "SELECT pg_sleep(30)"
        if sql_url.startswith("postgresql")
        else "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c"
    )
    result = run("--db", sql_url, "sql", endless, "--timeout", "0.5")
    assert result.exit_code == 1, result.stderr
    assert result.stderr == (
        "timeline: error: stopped after 0.5 s, the time limit (--timeout SECONDS; 0 for none)\n"
    )


def test_trailing_semicolons_end_the_one_statement(sql_url: str) -> None:
    result = run("--db", sql_url, "sql", "SELECT 1 AS one;; \n;", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"one": 1}]


def test_tables_show_the_first_rows_and_say_so(sql_url: str) -> None:
    many = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500) "
    table = run("--db", sql_url, "sql", many + "SELECT x FROM c")
    assert table.exit_code == 0, table.stderr
    assert len(table.stdout.splitlines()) == 2 + 1000
    assert "first 1,000 rows" in table.stderr
    csv_all = run("--db", sql_url, "sql", many + "SELECT x FROM c", "--format", "csv")
    assert len(csv_all.stdout.splitlines()) == 1 + 1500 and not csv_all.stderr
    limited = run("--db", sql_url, "sql", many + "SELECT x FROM c", "--limit", "3", "-f", "csv")
    assert limited.stdout.splitlines() == ["x", "1", "2", "3"]


@pytest.mark.parametrize(
    "backend", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
def test_postgresql_session_stays_read_only_after_a_commit(sql_url: str) -> None:
    # A lone COMMIT ends the read-only transaction; nothing can follow it in the same call.
    result = run("--db", sql_url, "sql", "COMMIT")
    assert result.exit_code == 0, result.stderr
    assert_refused(sql_url, "DELETE FROM events", READ_ONLY)


def test_selects_work_in_every_format(sql_url: str) -> None:
    sql = (
        "SELECT event_id, type, start_date, participants FROM events_view"
        " WHERE event_id IN (1, 6) ORDER BY event_id"
    )
    table = run("--db", sql_url, "sql", sql)
    assert table.exit_code == 0, table.stderr
    assert table.stdout == (
        "event_id  type     start_date  participants\n"
        "--------  -------  ----------  ------------------------\n"
        "1         meeting  2018-03-26  Kim Jong Un; Xi Jinping\n"
        "6         call     2019-06-18  Donald Trump; Xi Jinping\n"
    )
    assert json.loads(run("--db", sql_url, "sql", sql, "-f", "json").stdout) == [
        {"event_id": 1, "type": "meeting", "start_date": "2018-03-26",
         "participants": "Kim Jong Un; Xi Jinping"},
        {"event_id": 6, "type": "call", "start_date": "2019-06-18",
         "participants": "Donald Trump; Xi Jinping"},
    ]  # fmt: skip
    assert run("--db", sql_url, "sql", sql, "-f", "csv").stdout == (
        "event_id,type,start_date,participants\n"
        "1,meeting,2018-03-26,Kim Jong Un; Xi Jinping\n"
        "6,call,2019-06-18,Donald Trump; Xi Jinping\n"
    )
    assert run("--db", sql_url, "sql", sql, "-f", "markdown").stdout == (
        "| event_id | type | start_date | participants |\n"
        "|---|---|---|---|\n"
        "| 1 | meeting | 2018-03-26 | Kim Jong Un; Xi Jinping |\n"
        "| 6 | call | 2019-06-18 | Donald Trump; Xi Jinping |\n"
    )


def test_parameters_stdin_and_duplicate_columns(sql_url: str) -> None:
    result = run(
        "--db", sql_url, "sql",
        "SELECT title, start_date FROM offices_view WHERE leader = :who AND start_year >= :y",
        "-p", "who=Donald Trump", "-p", "y=2020", "-f", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "title,start_date\nPresident of the United States,2025-01-20\n"

    piped = run(
        "--db", sql_url, "sql", "-", "-f", "csv", input="SELECT COUNT(*) AS n FROM articles"
    )
    assert piped.stdout == "n\n5\n"

    twice = run("--db", sql_url, "sql", "SELECT 1 AS n, 2 AS n", "-f", "json")
    assert json.loads(twice.stdout) == [{"n": 1, "n_2": 2}]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT * FROM no_such_table", "SQL error: "),
        ("SELEKT 1", "SQL error: "),
        ("   ", "no SQL given"),
    ],
)
def test_bad_sql_is_one_line_with_exit_2(sql_url: str, sql: str, message: str) -> None:
    result = run("--db", sql_url, "sql", sql)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"timeline: error: {message}")
    assert result.stderr.count("\n") == 1


def test_the_connection_is_not_left_read_only(sql_url: str) -> None:
    """Library use: a refused statement on an ordinary engine leaves it able to write."""
    engine = db.make_engine(sql_url)
    try:
        with pytest.raises(ReadOnlyViolation):
            run_read_only(engine, "DELETE FROM event_history")
        with pytest.raises(ReadOnlyViolation):
            run_read_only(engine, "SELECT 1; DELETE FROM event_history")
        with pytest.raises(SqlError):
            run_read_only(engine, "SELECT nothing FROM nowhere")
        assert run_read_only(engine, "SELECT COUNT(*) AS n FROM event_history").rows == [(1,)]
        for _ in range(3):  # whatever connection the pool hands out now
            with db.session_scope(engine) as session:
                session.execute(text("DELETE FROM event_history"))
        assert run_read_only(engine, "SELECT COUNT(*) AS n FROM event_history").rows == [(0,)]
    finally:
        engine.dispose()


def test_unmigrated_database_is_reported(empty_url: str) -> None:
    if empty_url.startswith("sqlite"):
        Path(empty_url.removeprefix("sqlite:///")).touch()
    result = run("--db", empty_url, "sql", "SELECT 1")
    assert result.exit_code == 4
    assert "timeline db upgrade" in result.stderr
