"""Concurrency: several `timeline` processes writing one database at once.

Four processes ingest overlapping inputs into one PostgreSQL database, two into one SQLite
file, and `timeline seed` runs twice at once. Every process must succeed (a deadlock or a
serialisation failure is retried, not handed to the user), every article is stored exactly
once and whole, and no event is stored twice.

The corpus (tests/fixtures/reliability/corpus.py) gives each article three events of a shared
pool in an order of its own, so the writers contend for the same events in different orders.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import drop_postgres_database, require_postgres
from tests.fixtures.reliability.corpus import (
    article_count,
    article_records,
    expected_evidence,
    hashes,
    stored_state,
    write_articles,
)
from timeline import db
from timeline.models import Actor, Event, Office

# Subprocesses, several processes at once, crashes: the slow tier ("pytest -m 'not slow'" skips it).
pytestmark = pytest.mark.slow

CORPUS = 32


def cli_env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("TIMELINE_DEBUG", "TIMELINE_DATABASE_URL")
    }
    return env


def run_together(url: str, argument_lists: list[list[str]]) -> list[tuple[int, str, str]]:
    """Start every `timeline --db URL ARGS...` at once; (exit code, stdout, stderr) of each."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "timeline", "--db", url, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),
        )
        for args in argument_lists
    ]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=180)
        results.append((process.returncode, out, err))
    return results


def overlapping_sets(paths: list[Path], writers: int, size: int) -> list[list[str]]:
    """`writers` windows of `size` articles, shifted so that every article is in several;
    every other writer reads its window backwards."""
    step = len(paths) // writers
    out = []
    for k in range(writers):
        window = [(paths * 2)[k * step + i] for i in range(size)]
        out.append([str(p) for p in (window[::-1] if k % 2 else window)])
    return out


def check_ingest_results(
    url: str, records: list[dict[str, str]], results: list[tuple[int, str, str]], base: int
) -> None:
    failures = [(code, err.strip()[-500:]) for code, _, err in results if code != 0]
    assert not failures, f"writers failed (nothing retried them): {failures}"
    summaries = [json.loads(out)[0] for _, out, _ in results]
    assert sum(s["new"] for s in summaries) == len(records), summaries
    assert sum(s["errors"] for s in summaries) == 0, summaries
    state = stored_state(url)
    evidence: dict[str, int] = state["evidence"]  # type: ignore[assignment]
    assert len(evidence) == base + len(records), "articles lost or stored twice"
    assert hashes(records) <= set(evidence)
    expected = expected_evidence(url, records)
    half = {h: (evidence[h], n) for h, n in expected.items() if evidence[h] != n}
    assert not half, f"articles without all their evidence (stored, expected): {half}"
    assert state["problems"] == [], state["problems"]


@pytest.mark.postgres
def test_four_processes_ingest_overlapping_inputs_into_one_postgresql(
    seeded_templates,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    require_postgres()
    url = seeded_templates.copy("postgresql", tmp_path)
    try:
        records = article_records(CORPUS, prefix="pg4")
        paths = write_articles(tmp_path / "in", records)
        sets = overlapping_sets(paths, writers=4, size=16)
        base = article_count(url)
        results = run_together(url, [["ingest", *s, "--format", "json"] for s in sets])
        check_ingest_results(url, records, results, base)
    finally:
        drop_postgres_database(url)


def test_two_processes_ingest_overlapping_inputs_into_one_sqlite_file(
    seeded_templates,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    url = seeded_templates.copy("sqlite", tmp_path)
    records = article_records(CORPUS, prefix="sq2")
    paths = write_articles(tmp_path / "in", records)
    sets = overlapping_sets(paths, writers=2, size=24)
    base = article_count(url)
    results = run_together(url, [["ingest", *s, "--format", "json"] for s in sets])
    check_ingest_results(url, records, results, base)


def test_ingest_with_workers(seeded_url: str, tmp_path: Path) -> None:
    """`timeline ingest --workers N`: the same guarantees from one command."""
    records = article_records(CORPUS, prefix="workers")
    folder = tmp_path / "in"
    write_articles(folder, records)
    base = article_count(seeded_url)
    results = run_together(
        seeded_url, [["ingest", "--workers", "4", str(folder), "--format", "json"]]
    )
    check_ingest_results(seeded_url, records, results, base)


def test_two_seeds_at_once(empty_url: str) -> None:
    """README: a team seeds and ingests into one database from several processes at once."""
    db.upgrade(empty_url)
    results = run_together(empty_url, [["seed"], ["seed"]])
    failures = [(code, err.strip()[-500:]) for code, _, err in results if code != 0]
    assert not failures, f"a concurrent seed failed: {failures}"
    engine = db.make_engine(empty_url)
    try:
        with db.session_scope(engine) as session:
            counts = {
                model.__name__: session.scalar(select(func.count()).select_from(model))
                for model in (Actor, Office, Event)
            }
            duplicates = session.execute(
                select(Actor.key).group_by(Actor.key).having(func.count() > 1)
            ).all()
    finally:
        engine.dispose()
    assert not duplicates
    from timeline.formats.seedfiles import load_seed_dir

    data = load_seed_dir()
    assert counts["Actor"] == len(data.countries) + len(data.organizations) + len(data.persons)
    assert counts["Event"] == len(data.events)
