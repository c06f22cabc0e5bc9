"""`timeline ingest --workers N`: several processes share the work of one ingest run.

PostgreSQL: every worker process opens its own engine and stores each article in its own
transaction (`ingest_article`, which serialises writers with advisory locks, so workers of
this run and of any other run never create the same article, event or actor twice). A
transaction a deadlock or a serialisation failure cancelled is retried.

SQLite takes one writer at a time: the workers only extract (pure, no database) and this
process stores every article with the events they found, one transaction each.

This process reads the inputs as a stream and keeps a bounded number of batches in flight,
so memory stays flat however long the input is; outcomes come back in input order. The
module lives in the CLI layer because it opens transactions, which only the CLI does.
"""

import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from timeline.extract.gazetteer import Gazetteer
    from timeline.formats.articles import ArticleInput, ArticleReadError
    from timeline.services.ingest import ArticleOutcome

BATCH = 8  # articles per task: amortises the inter-process round trip (~0.2 ms)
IN_FLIGHT_PER_WORKER = 4  # batches queued per worker: keeps workers busy, memory bounded
RETRIES = 5  # attempts for a transaction cancelled by a deadlock or serialisation failure
RETRY_STATES = {"40P01", "40001"}  # deadlock_detected, serialization_failure


@dataclass
class Done:
    """What became of one article: an outcome, or a one-line error (`fatal`: the database
    cannot be used, stop the run)."""

    origin: str
    outcome: "ArticleOutcome | None" = None
    error: str | None = None
    fatal: bool = False
    events: list[Any] | None = None  # extract mode: what the worker found


# --- worker side ----------------------------------------------------------------------------


class _Worker:
    """The state of one worker process, set up once by `_start`."""

    def __init__(self, url: str, gazetteer: "Gazetteer", store: bool) -> None:
        self.url = url
        self.gazetteer = gazetteer
        self.store = store
        self._engine: Engine | None = None
        self.actor_ids: dict[str, int] = {}

    def engine(self) -> "Engine":
        if self._engine is None:
            from timeline.db import make_engine

            self._engine = make_engine(self.url, writer=True, pool_size=1)
        return self._engine


_worker: _Worker | None = None  # only ever set inside a worker process


def _start(url: str, gazetteer: "Gazetteer", store: bool) -> None:
    import signal

    global _worker
    # Ctrl-C is the main process's to handle: it stops sending work, the batches under way
    # finish (each article committed or not at all), and it says "interrupted" in one line.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = _Worker(url, gazetteer, store)


def _run_batch(batch: list["ArticleInput"]) -> list[Done]:
    assert _worker is not None, "called outside a worker process"
    if _worker.store:
        return [
            store_article(_worker.engine(), item, _worker.gazetteer, actor_ids=_worker.actor_ids)
            for item in batch
        ]
    return [_extract(item, _worker.gazetteer) for item in batch]


def _extract(item: "ArticleInput", gazetteer: "Gazetteer") -> Done:
    from timeline.cli.errors import translate
    from timeline.extract import extract_events

    try:
        assert item.published is not None, "readers fill in the publication date"
        events = extract_events(item.text, item.published, gazetteer, title=item.title)
    except Exception as exc:
        return Done(item.origin, error=f"{item.origin}: {translate(exc).message}")
    return Done(item.origin, events=events)


def store_article(
    engine: "Engine",
    item: "ArticleInput",
    gazetteer: "Gazetteer",
    events: list[Any] | None = None,
    actor_ids: dict[str, int] | None = None,
) -> Done:
    """Store one article in its own transaction, retrying a deadlock or serialisation
    failure; any other failure becomes the article's one-line error."""
    from sqlalchemy.exc import DBAPIError, OperationalError
    from sqlalchemy.orm import Session

    from timeline.cli.errors import translate
    from timeline.db import connection_error
    from timeline.services.ingest import ingest_article

    for attempt in range(RETRIES):
        try:
            with Session(engine, expire_on_commit=False) as session, session.begin():
                outcome = ingest_article(
                    session, item, gazetteer, events=events, actor_ids=actor_ids
                )
            return Done(item.origin, outcome=outcome)
        except DBAPIError as exc:
            if retryable(exc) and attempt + 1 < RETRIES:
                time.sleep(0.01 * (attempt + 1))
                continue
            if isinstance(exc, OperationalError) and not retryable(exc):
                # The database went away: name it (never with its password), stop the run.
                problem = connection_error(engine.url.render_as_string(hide_password=False), exc)
                return Done(item.origin, error=f"{item.origin}: {problem}", fatal=True)
            return Done(item.origin, error=f"{item.origin}: {translate(exc).message}")
        except Exception as exc:
            return Done(item.origin, error=f"{item.origin}: {translate(exc).message}")
    raise AssertionError("unreachable")  # pragma: no cover


def retryable(exc: Exception) -> bool:
    """A deadlock or serialisation failure: the transaction may simply be run again."""
    state = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return state in RETRY_STATES


# --- parent side ----------------------------------------------------------------------------


def run(
    url: str,
    items: Iterable["ArticleInput | ArticleReadError"],
    gazetteer: "Gazetteer",
    workers: int,
    *,
    store_in_workers: bool,
    writer: "Engine | None" = None,
) -> Iterator["Done | ArticleReadError"]:
    """Outcomes of every input, in input order; read errors pass through unchanged.

    `store_in_workers`: each worker stores what it extracts (PostgreSQL). Otherwise the
    workers extract and this process stores with `writer` (SQLite's single writer).
    """
    import multiprocessing

    from timeline.formats.articles import ArticleReadError

    if not store_in_workers and writer is None:
        raise ValueError("a writer engine is needed when the workers only extract")
    # spawn: workers start clean (no inherited connections or threads), on every platform.
    context = multiprocessing.get_context("spawn")
    pending: deque[ArticleReadError | Done | _Task] = deque()
    limit = workers * IN_FLIGHT_PER_WORKER
    actor_ids: dict[str, int] = {}  # the single writer's, kept across articles
    if writer is not None:  # a re-run: known articles are not sent to be extracted again
        items = _known_first(items, url)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start,
        initargs=(url, gazetteer, store_in_workers),
    ) as pool:
        try:
            for chunk in _batches(items):
                if isinstance(chunk, list):
                    pending.append((chunk, pool.submit(_run_batch, chunk)))
                else:
                    pending.append(chunk)
                while len(pending) > limit or (pending and _ready(pending[0])):
                    yield from _collect(pending.popleft(), gazetteer, writer, actor_ids)
            while pending:
                yield from _collect(pending.popleft(), gazetteer, writer, actor_ids)
        finally:
            for entry in pending:  # stopped early (fatal error, interrupt): drop the rest
                if isinstance(entry, tuple):
                    entry[1].cancel()


_Task = tuple["list[ArticleInput]", "Future[list[Done]]"]


def _ready(entry: "ArticleReadError | Done | _Task") -> bool:
    return not isinstance(entry, tuple) or entry[1].done()


def _collect(
    entry: "ArticleReadError | Done | _Task",
    gazetteer: "Gazetteer",
    writer: "Engine | None",
    actor_ids: dict[str, int],
) -> Iterator["Done | ArticleReadError"]:
    if not isinstance(entry, tuple):
        yield entry
        return
    batch, future = entry
    for item, done in zip(batch, future.result(), strict=True):
        if writer is not None and done.events is not None:
            yield store_article(writer, item, gazetteer, done.events, actor_ids)
        else:
            yield done


def _known_first(
    items: Iterable["ArticleInput | ArticleReadError"], url: str
) -> Iterator["ArticleInput | ArticleReadError | Done"]:
    """Articles already stored become their outcome here, without a trip to a worker. Each
    check is its own short read (never BEGIN IMMEDIATE: it must not hold the write lock)."""
    from sqlalchemy import select

    from timeline.db import make_engine
    from timeline.formats.articles import ArticleInput
    from timeline.models import Article
    from timeline.services.ingest import ArticleOutcome, content_hash

    reader = make_engine(url, pool_size=1)
    try:
        for item in items:
            if isinstance(item, ArticleInput):
                with reader.connect() as connection:
                    known = connection.scalar(
                        select(Article.id).where(Article.content_hash == content_hash(item.text))
                    )
                if known is not None:
                    yield Done(item.origin, outcome=ArticleOutcome(article_id=known, known=True))
                    continue
            yield item
    finally:
        reader.dispose()


def _batches(
    items: Iterable["ArticleInput | ArticleReadError | Done"],
) -> Iterator["list[ArticleInput] | ArticleReadError | Done"]:
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
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
