"""`ingest_many`, the one ingest loop the CLI, the benchmarks and library users call.

Several articles share a transaction, each in a savepoint: an article that fails halfway is
rolled back alone (nothing of it stays), the others of its batch are stored, and results
come back in input order. A batch cancelled by a deadlock is run again and stores each
article once. Both backends.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from tests.conftest import drop_postgres_database
from timeline import db
from timeline.formats.articles import ArticleInput, ArticleReadError, read_articles
from timeline.models import Article, Event, Evidence
from timeline.services import ingest
from timeline.services.batch_ingest import IngestResult, ingest_many
from timeline.services.gazetteer import load_gazetteer

ARTICLES = Path(__file__).resolve().parent.parent / "seeds" / "articles"


def articles() -> list[ArticleInput]:
    items = [i for i in read_articles([str(ARTICLES)]) if isinstance(i, ArticleInput)]
    assert len(items) == 7
    return items


def run(url: str, items: list[Any], **options: Any) -> list[IngestResult | ArticleReadError]:
    engine = db.make_engine(url, writer=True)
    try:
        with db.session_scope(engine) as session:
            gazetteer = load_gazetteer(session)
        return list(ingest_many(engine, items, gazetteer, **options))
    finally:
        engine.dispose()


def counts(url: str) -> tuple[int, int, int]:
    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as session:
            return (
                session.scalar(select(func.count()).select_from(Article)) or 0,
                session.scalar(select(func.count()).select_from(Event)) or 0,
                session.scalar(select(func.count()).select_from(Evidence)) or 0,
            )
    finally:
        engine.dispose()


@pytest.fixture
def fail_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Origins whose ingest raises after it has written the article and its events."""
    origins: set[str] = set()
    real = ingest.ingest_article

    def ingest_then_fail(session: Any, article: ArticleInput, *args: Any, **kw: Any) -> Any:
        outcome = real(session, article, *args, **kw)
        if article.origin in origins:
            session.flush()
            raise ValueError("the disk of this article is cursed")
        return outcome

    monkeypatch.setattr(ingest, "ingest_article", ingest_then_fail)
    yield origins


def test_a_failing_article_is_rolled_back_alone_within_its_batch(
    seeded_url: str, fail_on: set[str]
) -> None:
    items = articles()
    fail_on.add(items[3].origin)
    results = run(seeded_url, items, per_transaction=16)  # all seven in one transaction
    assert [r.origin for r in results] == [i.origin for i in items]  # type: ignore[union-attr]
    errors = [r for r in results if isinstance(r, IngestResult) and r.error]
    assert [r.origin for r in errors] == [items[3].origin]
    assert errors[0].error == (
        f"{items[3].origin}: internal error (ValueError: the disk of this article is cursed); "
        "set TIMELINE_DEBUG=1 to see the traceback"
    )
    assert counts(seeded_url)[0] == 6
    engine = db.make_engine(seeded_url)
    try:
        with db.session_scope(engine) as session:  # no event of the failed article stayed
            orphans = session.scalar(
                select(func.count())
                .select_from(Event)
                .where(Event.origin == "extracted", ~Event.evidence.any())
            )
            assert orphans == 0
    finally:
        engine.dispose()
    # Without the failing one, the same six give the same rows in a database of their own.
    fail_on.clear()
    assert sum(1 for r in results if isinstance(r, IngestResult) and r.outcome) == 6
    again = run(seeded_url, items)
    assert [r.outcome.known for r in again if isinstance(r, IngestResult) and r.outcome] == [
        n != 3 for n in range(7)
    ]
    assert counts(seeded_url)[0] == 7


def stored_events(url: str) -> list[str]:
    """Every event with its dates, status and participants' keys: comparable across
    databases (ids are not)."""
    from timeline.models import Actor, Participant

    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as session:
            rows = session.execute(
                select(
                    Event.id, Event.type, Event.status, Event.start_date, Event.end_date, Actor.key
                )
                .join(Participant, Participant.event_id == Event.id)
                .join(Actor, Actor.id == Participant.actor_id)
            )
            events: dict[int, tuple[Any, ...]] = {}
            keys: dict[int, set[str]] = {}
            for row in rows:
                events[row.id] = tuple(row[1:5])
                keys.setdefault(row.id, set()).add(row.key)
            return sorted(repr((*events[n], tuple(sorted(keys[n])))) for n in events)
    finally:
        engine.dispose()


def test_batches_of_one_and_of_many_store_the_same_rows(
    backend: str, seeded_templates: Any, tmp_path: Path
) -> None:
    stored = []
    for size in (1, 4, 16):
        (tmp_path / str(size)).mkdir()
        url = seeded_templates.copy(backend, tmp_path / str(size))
        try:
            results = run(url, articles(), per_transaction=size)
            assert all(isinstance(r, IngestResult) and r.outcome for r in results)
            stored.append((counts(url), stored_events(url)))
        finally:
            if backend == "postgresql":
                drop_postgres_database(url)
    assert stored[0] == stored[1] == stored[2]
    (articles_stored, events, evidence), _ = stored[0]
    assert articles_stored == 7 and events > 0 and evidence >= 20


def test_a_deadlocked_batch_is_run_again_and_stores_each_article_once(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = articles()
    real = ingest.ingest_article
    raised: list[str] = []

    class Deadlock(Exception):
        sqlstate = "40P01"

    def deadlock_once(session: Any, article: ArticleInput, *args: Any, **kw: Any) -> Any:
        outcome = real(session, article, *args, **kw)
        if article.origin == items[5].origin and not raised:
            raised.append(article.origin)
            raise OperationalError("INSERT ...", {}, Deadlock("deadlock detected"))
        return outcome

    monkeypatch.setattr(ingest, "ingest_article", deadlock_once)
    results = run(seeded_url, items, per_transaction=16)
    assert raised == [items[5].origin]
    assert [r.outcome.known for r in results if isinstance(r, IngestResult) and r.outcome] == [
        False
    ] * 7
    assert counts(seeded_url)[0] == 7


def test_read_errors_pass_through_in_input_order(seeded_url: str) -> None:
    items: list[Any] = articles()[:3]
    bad = ArticleReadError("feed.jsonl:2", "line 2 is not JSON")
    results = run(seeded_url, [items[0], bad, items[1], items[2]], per_transaction=16)
    assert results[1] is bad
    assert [r.origin for r in results] == [
        items[0].origin,
        "feed.jsonl:2",
        *[i.origin for i in items[1:]],
    ]  # type: ignore[union-attr]
    assert counts(seeded_url)[0] == 3
