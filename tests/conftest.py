"""Fixtures: a fresh database per test on SQLite and on a real PostgreSQL server.

PostgreSQL is found at $TIMELINE_TEST_POSTGRES_URL (default: postgres@127.0.0.1:5432). When it
cannot be reached the PostgreSQL tests are skipped on a developer's machine and FAIL under
CI=true: a green CI must mean both backends were tested.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from timeline import db

POSTGRES_ADMIN_URL = os.environ.get(
    "TIMELINE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@cache
def postgres_problem() -> str | None:
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 5})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure to reach it is reported, not raised
        return str(exc).splitlines()[0]
    return None


def require_postgres() -> None:
    problem = postgres_problem()
    if problem is None:
        return
    message = f"PostgreSQL unreachable at {POSTGRES_ADMIN_URL}: {problem}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def _admin(sql: str) -> None:
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(sql))
    finally:
        engine.dispose()


def create_postgres_database(template: str | None = None) -> str:
    name = f"timeline_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        require_postgres()
    return request.param


@pytest.fixture
def empty_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'timeline.db'}"
        return
    url = create_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url)


@pytest.fixture
def migrated_url(empty_url: str) -> str:
    """A database migrated to the newest schema, with no rows."""
    db.upgrade(empty_url)
    return empty_url


class _SeededTemplates:
    """One seeded database per backend per session, copied for each test that wants one."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.made: dict[str, str] = {}

    def template(self, backend: str) -> str:
        if backend not in self.made:
            url = (
                f"sqlite:///{self.workdir / 'seeded.db'}"
                if backend == "sqlite"
                else create_postgres_database()
            )
            db.upgrade(url)
            seed_url(url)
            self.made[backend] = url
        return self.made[backend]

    def copy(self, backend: str, tmp_path: Path) -> str:
        source = self.template(backend)
        if backend == "sqlite":
            target = tmp_path / "timeline.db"
            shutil.copyfile(make_url(source).database, target)
            return f"sqlite:///{target}"
        return create_postgres_database(template=make_url(source).database)

    def close(self) -> None:
        for backend, url in self.made.items():
            if backend == "postgresql":
                drop_postgres_database(url)


def seed_url(url: str) -> None:
    from timeline.formats.seedfiles import load_seed_dir
    from timeline.services.seed import seed_database

    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as session:
            seed_database(session, load_seed_dir())
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def seeded_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_SeededTemplates]:
    templates = _SeededTemplates(tmp_path_factory.mktemp("templates"))
    try:
        yield templates
    finally:
        templates.close()


@pytest.fixture
def seeded_url(backend: str, seeded_templates: _SeededTemplates, tmp_path: Path) -> Iterator[str]:
    """A migrated database holding the packaged seed data."""
    url = seeded_templates.copy(backend, tmp_path)
    try:
        yield url
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)


def allow_users_sql(url: str) -> str:
    """On PostgreSQL, whose test login is a superuser, `timeline sql` runs users' SQL as the
    reader role: create it for this database (SQLite needs nothing)."""
    if url.startswith("postgresql"):
        from tests.clitools import run

        created = run("--db", url, "db", "create-reader")
        assert created.exit_code == 0, created.stderr
    return url


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """PostgreSQL tests create a database each: they belong to the slow tier, so that
    `pytest -m "not slow"` is the quick SQLite-only loop (CI runs everything)."""
    for item in items:
        if item.get_closest_marker("postgres") is not None:
            item.add_marker(pytest.mark.slow)
