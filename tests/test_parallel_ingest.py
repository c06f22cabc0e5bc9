"""`timeline ingest --workers N`: concurrent runs over overlapping inputs store nothing twice.

Two real `timeline ingest --workers 2` processes (four writers in all) ingest overlapping
JSON-lines files into one fresh PostgreSQL database, migrated and seeded by the CLI first.
The articles come from the benchmark generator: stories reported by several articles, so
workers merge into the same events and resolve the same actors at the same time. On SQLite,
`--workers` extracts in worker processes and stores from one process. Nothing here is timed.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import create_postgres_database, drop_postgres_database, require_postgres
from timeline.config import normalise_url

# Subprocesses, several processes at once, crashes: the slow tier ("pytest -m 'not slow'" skips it).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
TIMELINE = [sys.executable, "-m", "timeline"]


def _corpus() -> Any:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks/corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _write(path: Path, articles: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TIMELINE, "--db", url, *args], capture_output=True, text=True, timeout=600
    )


def _rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


@pytest.fixture
def postgres_url() -> Any:
    require_postgres()
    url = create_postgres_database()
    try:
        yield url
    finally:
        drop_postgres_database(url)


@pytest.mark.postgres
@pytest.mark.slow
def test_concurrent_worker_runs_store_nothing_twice(postgres_url: str, tmp_path: Path) -> None:
    url = postgres_url
    for step in (["db", "upgrade"], ["seed"]):
        done = _cli(url, *step)
        assert done.returncode == 0, done.stderr
    articles = list(_corpus().articles(150))
    # The same text with its white space changed is the same article (same content hash).
    respaced = [
        {**a, "id": a["id"] + "-copy", "text": a["text"].replace(" ", "  ")}
        for a in articles[60:75]
    ]
    # Both runs start on the same stories at the same moment, one article apart: they race
    # for the same articles, the same events (a story is reported by about three articles)
    # and the same actors.
    first = _write(tmp_path / "first.jsonl", articles[:100])
    second = _write(tmp_path / "second.jsonl", articles[1:150] + respaced + articles[90:100])
    runs = [
        subprocess.Popen(
            [*TIMELINE, "--db", url, "ingest", "--workers", "2", "--format", "json", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (first, second)
    ]
    summaries = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
        assert "timeline: error" not in stderr, stderr
        summaries.append(json.loads(stdout)[0])

    # Every distinct article was stored exactly once, by one run or the other.
    assert sum(s["new"] for s in summaries) == len(articles)
    assert sum(s["articles read"] for s in summaries) == 100 + 149 + len(respaced) + 10
    assert _rows(url, "SELECT count(*) FROM articles") == [(len(articles),)]
    assert (
        _rows(url, "SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1")
        == []
    )
    # No event twice: same type, status, dates and participants.
    assert _rows(url, "SELECT count(*) FROM events WHERE origin = 'extracted'")[0][0] > 50
    duplicates = _rows(
        url,
        """
        SELECT type, status, start_date, end_date, actors, count(*)
        FROM (
            SELECT e.id, e.type, e.status, e.start_date, e.end_date,
                   string_agg(DISTINCT p.actor_id::text, ',') AS actors
            FROM events e JOIN participants p ON p.event_id = e.id
            GROUP BY e.id
        ) AS described
        GROUP BY type, status, start_date, end_date, actors
        HAVING count(*) > 1
        """,
    )
    assert duplicates == []
    # No actor twice, and every evidence row points at one event and one stored article.
    assert _rows(url, "SELECT key FROM actors GROUP BY key HAVING count(*) > 1") == []
    assert (
        _rows(
            url,
            "SELECT event_id, article_id, start_char FROM evidence "
            "GROUP BY event_id, article_id, start_char HAVING count(*) > 1",
        )
        == []
    )
    # Re-running either input adds nothing.
    again = _cli(url, "ingest", "--workers", "2", "--format", "json", str(second))
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)[0]["new"] == 0


def test_sqlite_workers_extract_and_one_process_stores(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'timeline.db'}"
    for step in (["db", "upgrade"], ["seed"]):
        done = _cli(url, *step)
        assert done.returncode == 0, done.stderr
    articles = list(_corpus().articles(40))
    feed = _write(tmp_path / "feed.jsonl", articles)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "no text"}\n', encoding="utf-8")
    done = _cli(url, "ingest", "--workers", "2", "--format", "json", str(feed), str(bad))
    assert done.returncode == 1, done.stderr  # the bad line is reported, the rest stored
    assert "one writer" in done.stderr
    assert f"{bad}:1: article has no text" in done.stderr
    summary = json.loads(done.stdout)[0]
    assert (summary["new"], summary["errors"]) == (40, 1)
    # The same articles one process at a time: the same database, nothing added.
    single = _cli(url, "ingest", "--format", "json", str(feed))
    assert single.returncode == 0, single.stderr
    assert json.loads(single.stdout)[0]["already known"] == 40
    again = _cli(url, "ingest", "--workers", "2", "--format", "json", str(feed))
    assert json.loads(again.stdout)[0]["already known"] == 40
    assert _rows(url, "SELECT count(*) FROM articles") == [(40,)]
