"""`ingest_many`: stores a stream of articles, as the CLI, the benchmarks and library users run it.

Articles are read, checked and extracted in batches of 16 and stored with one savepoint
per article, so a bad article is rolled back and reported alone while the others are
stored, and an article is never half-stored. On SQLite a batch is one transaction (a commit
per 16 articles; SQLite has one writer anyway). On PostgreSQL each article is its own
transaction: batching saved nothing there (92 articles/s at 1, 4 and 16 per transaction),
and a transaction holds its advisory locks until it ends, so 16 articles per transaction
made two concurrent workers wait on each other (`--workers 2` at 0.47x of one). A
transaction cancelled by a deadlock or a serialisation failure is run again; one of
several articles that keeps failing is run one article per transaction.

Extraction is pure and runs before the transaction opens, so a writer holds SQLite's lock
only while it writes; articles already stored are found by one read per batch first and
not extracted again. This is the one service that commits: it owns the unit of work
because it decides how articles are grouped into transactions.
"""

from __future__ import annotations

import time
from collections import ChainMap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from timeline.errors import describe_failure

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from timeline.extract.gazetteer import Gazetteer
    from timeline.formats.articles import ArticleInput, ArticleReadError
    from timeline.services.ingest import ArticleOutcome

BATCH_SIZE = 16  # articles read, checked for being known and extracted together
RETRIES = 5  # attempts for a transaction cancelled by a deadlock or serialisation failure
RETRY_STATES = {"40P01", "40001"}  # deadlock_detected, serialization_failure


@dataclass
class IngestResult:
    """What became of one article: its outcome once committed, or a one-line error.
    `fatal`: the database cannot be used (gone, locked): stop, nothing after this was
    stored; a re-run does the rest."""

    origin: str
    outcome: ArticleOutcome | None = None
    error: str | None = None
    fatal: bool = False


def ingest_many(
    engine: Engine,
    items: Iterable[ArticleInput | ArticleReadError],
    gazetteer: Gazetteer,
    *,
    workers: int = 1,
    per_transaction: int | None = None,
) -> Iterator[IngestResult | ArticleReadError]:
    """The result of every input, in input order; read errors pass through unchanged.

    `workers` > 1 spreads extraction (and, on PostgreSQL, storing) over processes
    (`timeline.services.ingest_pool`). `per_transaction`: articles per transaction
    (default: 16 on SQLite, 1 on PostgreSQL). Stop iterating after a fatal result.
    """
    if workers > 1:
        from timeline.services import ingest_pool

        yield from ingest_pool.run(engine, items, gazetteer, workers, per_transaction)
        return
    writer = BatchWriter(engine, gazetteer, per_transaction)
    for chunk in chunks(items, BATCH_SIZE):
        if isinstance(chunk, list):
            yield from writer.store(writer.extract(chunk))
        else:
            yield chunk


class BatchWriter:
    """Stores batches of articles for one process, keeping the ids of actors it has seen
    committed from one batch to the next (no lookup of the same leader for every article)."""

    def __init__(
        self, engine: Engine, gazetteer: Gazetteer, per_transaction: int | None = None
    ) -> None:
        self.engine = engine
        self.gazetteer = gazetteer
        self.actor_ids: dict[str, int] = {}
        if per_transaction is None:
            per_transaction = BATCH_SIZE if engine.dialect.name == "sqlite" else 1
        self.per_transaction = max(1, per_transaction)

    def extract(self, batch: list[ArticleInput]) -> list[tuple[ArticleInput, Any]]:
        """Each article with its events, or with a failed result, or with None when it is
        already stored (ingest will say so); pure work, outside any transaction."""
        known = self._known([item.text for item in batch])
        return [
            (item, None if item.text in known else extract_one(item, self.gazetteer))
            for item in batch
        ]

    def store(self, batch: list[tuple[ArticleInput, Any]]) -> list[IngestResult]:
        """Store a batch, `per_transaction` articles per transaction (a savepoint each),
        retrying a transaction whole after a deadlock; the results of one that cannot commit
        say why, and nothing after a fatal failure is stored or reported."""
        results: list[IngestResult | None] = [
            events if _failed(events) else None for _, events in batch
        ]
        todo = [n for n, (_, events) in enumerate(batch) if not _failed(events)]
        step = self.per_transaction
        for first in range(0, len(todo), step):
            part = todo[first : first + step]
            stored = self._commit([batch[n] for n in part])
            for n, result in zip(part, stored, strict=False):
                results[n] = result
            if stored and stored[-1].fatal:
                break
        ordered: list[IngestResult] = []
        for result in results:
            if result is None:  # after a fatal failure: not stored, not reported
                break
            ordered.append(result)
            if result.fatal:  # nothing after the first fatal one was stored
                break
        return ordered

    def _commit(self, batch: list[tuple[ArticleInput, Any]]) -> list[IngestResult]:
        from sqlalchemy.exc import DBAPIError

        for attempt in range(RETRIES):
            pending: dict[str, int] = {}  # actors first seen in this batch: kept on commit
            try:
                results = self._transaction(batch, pending)
            except DBAPIError as exc:
                if retryable(exc) and attempt + 1 < RETRIES:
                    time.sleep(0.01 * (attempt + 1))
                    continue
                if retryable(exc) and len(batch) > 1:  # too much contention: one at a time
                    return [r for one in batch for r in self._commit([one])]
                return self._batch_failed(batch, exc)
            self.actor_ids.update(pending)
            return results
        raise AssertionError("unreachable")  # pragma: no cover

    def _transaction(
        self, batch: list[tuple[ArticleInput, Any]], pending: dict[str, int]
    ) -> list[IngestResult]:
        from sqlalchemy.exc import DBAPIError
        from sqlalchemy.orm import Session

        from timeline.services.ingest import ingest_article

        results = []
        cache = ChainMap(pending, self.actor_ids)
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            for item, events in batch:
                try:
                    with session.begin_nested():
                        outcome = ingest_article(
                            session, item, self.gazetteer, events=events, actor_ids=cache
                        )
                except Exception as exc:
                    if isinstance(exc, DBAPIError) and (retryable(exc) or _connection_lost(exc)):
                        raise  # the whole transaction is gone: the caller decides
                    results.append(_error(item, exc, self.engine))
                    continue
                results.append(IngestResult(item.origin, outcome=outcome))
        return results

    def _batch_failed(
        self, batch: list[tuple[ArticleInput, Any]], exc: Exception
    ) -> list[IngestResult]:
        """A transaction that could not commit: nothing of the batch is stored."""
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            first = _error(batch[0][0], exc, self.engine)
            first.fatal = True
            return [first]
        return [_error(item, exc, self.engine) for item, _ in batch]

    def _known(self, texts: list[str]) -> set[str]:
        """Texts already stored: one short read. (Through a writer engine on SQLite it
        begins IMMEDIATE, so it waits for, and briefly holds, the write lock, as the check
        inside `ingest_article` does; the pool's extracting workers read without it.)"""
        from sqlalchemy import select

        from timeline.models import Article
        from timeline.services.ingest import content_hash

        digests = {content_hash(text): text for text in texts}
        with self.engine.connect() as connection:
            found = connection.scalars(
                select(Article.content_hash).where(Article.content_hash.in_(digests))
            )
            return {digests[digest] for digest in found}


def extract_one(item: ArticleInput, gazetteer: Gazetteer) -> Any:
    """The article's events, or an IngestResult saying why extraction failed."""
    from timeline.extract import extract_events

    try:
        assert item.published is not None, "readers fill in the publication date"
        return extract_events(item.text, item.published, gazetteer, title=item.title)
    except Exception as exc:
        message, _ = describe_failure(exc)
        return IngestResult(item.origin, error=f"{item.origin}: {message}")


def chunks(
    items: Iterable[ArticleInput | ArticleReadError], size: int
) -> Iterator[list[ArticleInput] | ArticleReadError]:
    """Batches of up to `size` articles; a read error ends the batch before it and passes
    through on its own, so results stay in input order."""
    from timeline.formats.articles import ArticleInput

    batch: list[ArticleInput] = []
    for item in items:
        if not isinstance(item, ArticleInput):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def retryable(exc: Exception) -> bool:
    """A deadlock or serialisation failure: the transaction may simply be run again."""
    state = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return state in RETRY_STATES


def _failed(events: Any) -> bool:
    return isinstance(events, IngestResult)


def _connection_lost(exc: Exception) -> bool:
    from sqlalchemy.exc import OperationalError

    return isinstance(exc, OperationalError) or getattr(exc, "connection_invalidated", False)


def _error(item: ArticleInput, exc: BaseException, engine: Engine) -> IngestResult:
    message, _ = describe_failure(exc, engine.url.render_as_string(hide_password=False))
    return IngestResult(item.origin, error=f"{item.origin}: {message}")
