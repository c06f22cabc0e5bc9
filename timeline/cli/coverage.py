"""`timeline coverage`: what the database holds, by origin, source, decade, actor and pair."""

from __future__ import annotations

from typing import Annotated

import typer

from timeline.cli.context import app_context
from timeline.cli.options import FormatOption, emit
from timeline.formats.render import OutputFormat

SECTIONS = ("origins", "sources", "decades", "actors", "pairs")


def register(app: typer.Typer) -> None:
    app.command()(coverage)


def coverage(
    ctx: typer.Context,
    section: Annotated[
        str | None,
        typer.Argument(help=f"One of {', '.join(SECTIONS)} (default: all).", show_default=False),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", min=1, max=10_000, help="How many actors and pairs.")
    ] = 10,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """What the data covers: events by origin, source and decade, and the most-covered
    actors and pairs. An empty answer elsewhere means "not in these sources", not "never".

    Example: timeline coverage decades
    """
    from timeline.cli.errors import CliError
    from timeline.services.coverage import coverage as measure

    if section is not None and section not in SECTIONS:
        raise CliError(f"no section {section!r}: give one of {', '.join(SECTIONS)}", 2)
    with app_context(ctx).transaction() as session:
        found = measure(session, top=top)
    chosen = [section] if section else list(SECTIONS)
    if fmt is OutputFormat.json and section is None:
        import json

        from timeline.formats.render import to_jsonable

        typer.echo(json.dumps(to_jsonable(found), ensure_ascii=False, indent=2))
        return
    for i, name in enumerate(chosen):
        if fmt in (OutputFormat.table, OutputFormat.markdown) and section is None:
            typer.echo(("\n" if i else "") + f"{name}:")
        emit(found[name], fmt)
