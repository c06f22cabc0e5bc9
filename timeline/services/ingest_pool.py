"""`ingest_many(..., workers=N)`: several processes share the work of one ingest run.

Each task is one batch of articles. A worker extracts the batch's events (pure work) after
skipping articles already stored. On PostgreSQL it also stores the batch with its own
engine (`BatchWriter`: one article per transaction by default, a savepoint each, advisory
locks so that workers of this run and of any other run, on this machine or another, never
create the same article, event or actor twice). SQLite takes one writer at a time: the workers only
extract and this process stores what they found.

The inputs are read as a stream with a bounded number of batches in flight, so memory stays
flat however long the input is; results come back in input order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from timeline.services.batch_ingest import BATCH_SIZE, BatchWriter, IngestResult, chunks

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from timeline.extract.gazetteer import Gazetteer
    from timeline.formats.articles import ArticleInput, ArticleReadError

IN_FLIGHT_PER_WORKER = 3  # batches queued per worker: keeps workers busy, memory bounded

_writer: BatchWriter | None = None  # only ever set inside a worker process
_store_in_worker = False


def _start(url: str, gazetteer: Gazetteer, store: bool, per_transaction: int | None) -> None:
    import signal

    from timeline.db import make_engine

    global _writer, _store_in_worker
    # Ctrl-C is the main process's to handle: it stops sending work, the batches under way
    # finish (each committed or not at all), and it says "interrupted" in one line.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    engine = make_engine(url, writer=store, pool_size=1)
    _writer = BatchWriter(engine, gazetteer, per_transaction)
    _store_in_worker = store


def _run_batch(batch: list[ArticleInput]) -> list[Any]:
    assert _writer is not None, "called outside a worker process"
    extracted = _writer.extract(batch)
    if _store_in_worker:
        return _writer.store(extracted)
    return extracted


Task = tuple["list[ArticleInput]", "Future[list[Any]]"]


def run(
    engine: Engine,
    items: Iterable[ArticleInput | ArticleReadError],
    gazetteer: Gazetteer,
    workers: int,
    per_transaction: int | None = None,
) -> Iterator[IngestResult | ArticleReadError]:
    """Results of every input, in input order; read errors pass through unchanged."""
    import multiprocessing

    url = engine.url.render_as_string(hide_password=False)
    store_in_workers = engine.dialect.name != "sqlite"
    writer = None if store_in_workers else BatchWriter(engine, gazetteer, per_transaction)
    # spawn: workers start clean (no inherited connections or threads), on every platform.
    context = multiprocessing.get_context("spawn")
    pending: deque[ArticleReadError | Task] = deque()
    limit = workers * IN_FLIGHT_PER_WORKER
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start,
        initargs=(url, gazetteer, store_in_workers, per_transaction),
    ) as pool:
        try:
            for chunk in chunks(items, BATCH_SIZE):
                if isinstance(chunk, list):
                    pending.append((chunk, pool.submit(_run_batch, chunk)))
                else:
                    pending.append(chunk)
                while len(pending) > limit or (pending and _ready(pending[0])):
                    yield from _collect(pending.popleft(), writer)
            while pending:
                yield from _collect(pending.popleft(), writer)
        finally:
            for entry in pending:  # stopped early (fatal error, interrupt): drop the rest
                if isinstance(entry, tuple):
                    entry[1].cancel()


def _ready(entry: ArticleReadError | Task) -> bool:
    return not isinstance(entry, tuple) or entry[1].done()


def _collect(
    entry: ArticleReadError | Task, writer: BatchWriter | None
) -> Iterator[IngestResult | ArticleReadError]:
    if not isinstance(entry, tuple):
        yield entry
        return
    _, future = entry
    done = future.result()
    yield from done if writer is None else writer.store(done)
