"""`timeline ingest`: store articles and the events they report."""

import sys
from collections.abc import Iterable
from contextlib import closing
from datetime import date
from typing import Annotated, Any

import typer

from timeline.cli.context import app_context, gazetteer_for
from timeline.cli.errors import CliError
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
    from timeline.formats.articles import (
        COUNT_FIRST_BYTES,
        ArticleReadError,
        inputs_size,
        read_articles,
    )
    from timeline.services.batch_ingest import ingest_many
    from timeline.services.ingest import IngestSummary

    day = _parse_day(published)
    if workers < 1:
        raise typer.BadParameter(f"{workers} is not a number of workers (1 or more)")
    context = app_context(ctx)
    engine = context.engine(writer=True)
    gazetteer = gazetteer_for(ctx)
    summary = IngestSummary()
    items = read_articles(paths, published=day, source=source)
    total = None
    size = inputs_size(paths)
    if size is not None and size <= COUNT_FIRST_BYTES:
        # Small enough to read first: the bar then shows a total, a percentage and an ETA.
        items = list(items)
        total = len(items)
    if workers > 1 and engine.dialect.name == "sqlite":
        note(
            f"timeline: note: SQLite takes one writer at a time: {workers} worker processes "
            "extract, this process stores the articles"
        )
    results = ingest_many(engine, items, gazetteer, workers=workers)
    with closing(results), _bar(results, total) as bar:
        for result in bar:
            if isinstance(result, ArticleReadError):
                summary.errors += 1
                note(f"timeline: error: {result}")
            elif result.fatal:
                # The database went away: what was committed stays; a re-run does the rest.
                raise CliError(
                    f"{result.error}; {summary.articles_new} article(s) were stored before, "
                    "run the same command again to continue",
                    4,
                )
            elif result.error is not None:
                summary.errors += 1
                note(f"timeline: error: {result.error}")
            else:
                assert result.outcome is not None
                summary.add(result.outcome)
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
