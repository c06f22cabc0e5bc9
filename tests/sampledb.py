"""The README's sample database (`timeline seed`, then `timeline ingest seeds/articles`), built
once per test module and backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.clitools import run
from tests.conftest import (
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
    seed_url,
)
from timeline import db

ARTICLES = Path(__file__).resolve().parent.parent / "seeds" / "articles"


def sample_url(backend: str, factory: pytest.TempPathFactory) -> Iterator[str]:
    if backend == "postgresql":
        require_postgres()
        url = create_postgres_database()
    else:
        url = f"sqlite:///{factory.mktemp('sample') / 'sample.db'}"
    try:
        db.upgrade(url)
        seed_url(url)
        result = run("--db", url, "ingest", str(ARTICLES))
        assert result.exit_code == 0, result.stderr
        yield url
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
