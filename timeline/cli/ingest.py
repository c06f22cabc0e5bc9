"""`timeline ingest`: store articles and the events they report."""

import sys
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any

import typer

from timeline.cli.context import AppContext, app_context, gazetteer_for
from timeline.cli.errors import CliError, translate
from timeline.cli.options import FormatOption, emit, note
from timeline.formats.render import OutputFormat


def register(app: typer.Typer) -> None:
    app.command()(ingest)


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None


def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Article files (.json, .jsonl, .txt, .md), folders (read recursively), or - "
            "for standard input.",
            show_default=False,
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Publication date (YYYY-MM-DD) for articles that do not carry one.",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="NAME", help="Source name for articles without one."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            metavar="N",
            min=1,
            max=256,
            help="Worker processes. PostgreSQL: each extracts and stores articles; several "
            "runs may share a database. SQLite (one writer): they extract, this process "
            "stores. Default 1: no workers.",
        ),
    ] = 1,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Store articles, the events extracted from them, and the evidence linking the two.

    Each article is one transaction: it goes in whole or not at all. An article already
    stored (same text) adds nothing, so re-running is always safe; the same event reported
    by several articles becomes one event with one evidence row per article. A bad article
    is reported on stderr and skipped; the others go in, and the exit code is 1.

    Examples: timeline ingest seeds/articles
              timeline ingest --workers 4 feed.jsonl
    """
    from sqlalchemy.exc import OperationalError

    from timeline.cli.parallel import RETRIES, retryable
    from timeline.db import connection_error
    from timeline.formats.articles import (
        COUNT_FIRST_BYTES,
        ArticleReadError,
        inputs_size,
        read_articles,
    )
    from timeline.services.ingest import IngestSummary, ingest_article

    day = _parse_day(published)
    if workers < 1:
        raise typer.BadParameter(f"{workers} is not a number of workers (1 or more)")
    context = app_context(ctx)
    context.engine(writer=True)
    gazetteer = gazetteer_for(ctx)
    summary = IngestSummary()
    actor_ids: dict[str, int] = {}  # kept across articles
    items = read_articles(paths, published=day, source=source)
    total = None
    size = inputs_size(paths)
    if size is not None and size <= COUNT_FIRST_BYTES:
        # Small enough to read first: the bar then shows a total, a percentage and an ETA.
        items = list(items)
        total = len(items)
    if workers > 1:
        _ingest_parallel(context, items, gazetteer, workers, summary, total)
        emit(summary.rows(), fmt)
        if summary.errors:
            raise typer.Exit(1)
        return
    with _bar(items, total) as bar:
        for item in bar:
            if isinstance(item, ArticleReadError):
                summary.errors += 1
                note(f"timeline: error: {item}")
                continue
            try:
                for attempt in range(1, RETRIES + 1):  # concurrent writers may deadlock
                    try:
                        with context.transaction(writer=True) as session:
                            outcome = ingest_article(session, item, gazetteer, actor_ids=actor_ids)
                        break
                    except OperationalError as exc:
                        if not retryable(exc) or attempt == RETRIES:
                            raise
            except OperationalError as exc:
                # The database went away: what was committed stays; a re-run does the rest.
                raise CliError(
                    f"{item.origin}: {connection_error(context.database_url, exc)}; "
                    f"{summary.articles_new} "
                    "article(s) were stored before, run the same command again to continue",
                    4,
                ) from None
            except Exception as exc:
                summary.errors += 1
                note(f"timeline: error: {item.origin}: {translate(exc).message}")
                continue
            summary.add(outcome)
    emit(summary.rows(), fmt)
    if summary.errors:
        raise typer.Exit(1)


def _bar(items: Iterable[Any], total: int | None) -> Any:
    """A progress bar on stderr: with the total known, a percentage and an ETA too."""
    return typer.progressbar(
        items,
        length=total,
        label="ingesting",
        file=sys.stderr,
        show_pos=True,
        show_percent=total is not None,
        show_eta=total is not None,
    )


def _ingest_parallel(
    context: AppContext,
    items: Iterable[Any],
    gazetteer: Any,
    workers: int,
    summary: Any,
    total: int | None = None,
) -> None:
    """The loop above with worker processes (see `timeline.cli.parallel`): same per-article
    error lines, same summary, same stop on a database that went away."""
    from contextlib import closing

    from timeline.cli import parallel
    from timeline.formats.articles import ArticleReadError

    engine = context.engine(writer=True)
    single_writer = engine.dialect.name == "sqlite"
    if single_writer:
        note(
            f"timeline: note: SQLite takes one writer at a time: {workers} worker processes "
            "extract, this process stores the articles"
        )
    results = parallel.run(
        context.database_url,
        items,
        gazetteer,
        workers,
        store_in_workers=not single_writer,
        writer=engine if single_writer else None,
    )
    with (
        closing(results),
        _bar(results, total) as bar,
    ):
        for done in bar:
            if isinstance(done, ArticleReadError):
                summary.errors += 1
                note(f"timeline: error: {done}")
                continue
            if done.fatal:
                # The database went away: what was committed stays; a re-run does the rest.
                raise CliError(
                    f"{done.error}; {summary.articles_new} article(s) were stored before, "
                    "run the same command again to continue",
                    4,
                )
            if done.error is not None:
                summary.errors += 1
                note(f"timeline: error: {done.error}")
                continue
            summary.add(done.outcome)
