"""`timeline seed`: load the curated reference data."""

from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.context import app_context
from timeline.cli.options import FormatOption, emit, note
from timeline.formats.render import OutputFormat


def register(app: typer.Typer) -> None:
    app.command()(seed)


def seed(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Seed folder (default: the seed data shipped with timeline).", show_default=False
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Load countries, organizations, leaders and their offices, historical events and
    sanctions: an upsert by natural key in one transaction. Running it again changes
    nothing; a malformed record stops the run, naming the file and the record, and leaves
    the database as it was."""
    from timeline.formats.seedfiles import load_seed_dir
    from timeline.services.seed import seed_database

    context = app_context(ctx)
    context.engine(writer=True)  # an unusable database is reported before the files are read
    data = load_seed_dir(path)
    with context.transaction(writer=True) as session:
        summary = seed_database(session, data)
    emit(summary.rows(), fmt)
    if not summary.changed:
        note("nothing changed: the database already holds this seed data")
