"""The schema is owned by Alembic: up, check, down to nothing and up again, on both backends."""

from __future__ import annotations

from sqlalchemy import inspect

from tests.clitools import run
from timeline import db


def table_names(url: str) -> set[str]:
    engine = db.make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_schema_head_constant_matches_alembic() -> None:
    assert db.head_revision() == db.SCHEMA_HEAD


def test_upgrade_check_downgrade_upgrade(empty_url: str) -> None:
    assert run("--db", empty_url, "db", "upgrade").exit_code == 0
    assert {"articles", "events", "actors", "participants", "evidence", "offices"} <= table_names(
        empty_url
    )
    result = run("--db", empty_url, "db", "check")
    assert result.exit_code == 0, result.stderr
    assert "no differences" in result.stdout
    assert db.check(empty_url) == []
    current = run("--db", empty_url, "db", "current")
    assert current.stdout.strip() == f"{db.SCHEMA_HEAD} (head)"

    assert run("--db", empty_url, "db", "downgrade", "base").exit_code == 0
    assert table_names(empty_url) == set()
    assert db.current_revision(empty_url) is None

    assert run("--db", empty_url, "db", "upgrade").exit_code == 0
    assert db.current_revision(empty_url) == db.SCHEMA_HEAD


def test_unmigrated_database_gives_one_line_telling_what_to_run(empty_url: str) -> None:
    result = run("--db", empty_url, "seed")
    assert result.exit_code == 4
    assert result.stderr.count("\n") == 1
    assert "is not set up: run 'timeline db upgrade' first" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_revision_in_database_is_reported(migrated_url: str) -> None:
    engine = db.make_engine(migrated_url)
    with db.session_scope(engine) as session:
        session.execute(db.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    result = run("--db", migrated_url, "seed")
    assert result.exit_code == 4
    assert "is at schema revision 9999" in result.stderr


def test_unreachable_database_error_hides_the_password() -> None:
    result = run("--db", "postgresql://alice:s3cret@127.0.0.1:1/nowhere", "db", "current")
    assert result.exit_code == 4
    assert "s3cret" not in result.stderr
    assert "***" in result.stderr
    assert result.stderr.startswith("timeline: error: cannot use database")


def test_downgrade_that_drops_rows_asks_for_yes(seeded_url: str) -> None:
    result = run("--db", seeded_url, "db", "downgrade", "base")
    assert result.exit_code == 1, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("timeline: error: downgrading to base would drop ")
    assert "give --yes to go ahead" in line and "actors " in line
    assert db.current_revision(seeded_url) == db.head_revision()
    kept = run("--db", seeded_url, "db", "downgrade", "0002")  # drops no table
    assert kept.exit_code == 0, kept.stderr
    gone = run("--db", seeded_url, "db", "downgrade", "base", "--yes")
    assert gone.exit_code == 0, gone.stderr
    assert db.current_revision(seeded_url) is None
