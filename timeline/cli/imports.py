"""`timeline import ...`: external datasets as sourced events (one command per source)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from timeline.cli.context import app_context
from timeline.cli.errors import CliError
from timeline.cli.options import FormatOption, emit, note
from timeline.formats.render import OutputFormat

import_app = typer.Typer(
    help="Import external datasets as dated, sourced events (merged with what is there).",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")


@import_app.command("hsg")
def hsg(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A folder with president-travels/ and visits/, or one of their XML files "
            "(default: the copy shipped with timeline).",
            show_default=False,
        ),
    ] = None,
    show_unresolved: Annotated[
        bool,
        typer.Option("--show-unresolved", help="List every name no office could resolve."),
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The U.S. Office of the Historian's records (public domain): presidents' trips abroad
    (1906-2024) and foreign leaders' visits to the United States (1874-2024).

    A trip's remarks give meetings with the leaders they name and summits attended; a state,
    official or working visit, or one whose description names a meeting, gives a meeting
    with the sitting president. Names are resolved through the offices table at the
    record's dates, never guessed. One transaction per file; running it again changes
    nothing. See docs/import.md.
    """
    from timeline.formats.hsg import HsgRecordError, read_records, record_files
    from timeline.services.hsg_import import ImportSummary, OfficeIndex, import_records

    context = app_context(ctx)
    context.engine(writer=True)
    files = record_files(path)
    summary = ImportSummary()
    actor_ids: dict[str, int] = {}
    failed = 0
    index: OfficeIndex | None = None
    with typer.progressbar(files, label="importing", file=sys.stderr) as progress:
        for file in progress:
            try:
                records = list(read_records(file))
            except HsgRecordError as exc:
                note(f"timeline: error: {exc}")
                failed += 1
                continue
            with context.transaction(writer=True) as session:
                # Built once: the offices it reads change only by what the import adds,
                # which it records as it goes.
                index = index.bind(session) if index else OfficeIndex(session)
                import_records(session, records, str(file), index, summary, actor_ids)
            summary.files += 1
    emit(summary.rows(), fmt)
    if show_unresolved:
        for where, text, why in summary.unresolved:
            note(f"unresolved: {where}: {text!r}: {why}")
    elif summary.unresolved:
        note(f"{len(summary.unresolved)} name(s) unresolved: --show-unresolved lists them")
    if not summary.changed and not failed:
        note("nothing changed: every record was imported before")
    if failed:
        raise CliError(f"{failed} file(s) not imported (see above)", 1)
