"""The `timeline` command: global options, then one module per command group."""

from __future__ import annotations

from typing import Annotated

import typer

from timeline.cli import db as db_commands
from timeline.cli.context import AppContext
from timeline.cli.errors import TimelineGroup

app = typer.Typer(
    cls=TimelineGroup,
    help=(
        "A geopolitical timeline database: who met, called, wrote to, invited or sanctioned "
        "whom, and when, each fact dated honestly and traced to its source sentence."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="URL",
            help="Database URL (else $TIMELINE_DATABASE_URL, else sqlite:///timeline.db).",
            show_default=False,
        ),
    ] = None,
    raw_csv: Annotated[
        bool,
        typer.Option(
            "--raw-csv",
            help="CSV cells exactly as stored (by default a cell starting with = + - @ gets a "
            "leading ' so a spreadsheet cannot run it as a formula).",
        ),
    ] = False,
) -> None:
    """Global options, stored on the context for every command."""
    from timeline.config import resolve_database_url
    from timeline.formats.render import raw_csv as raw_csv_setting

    raw_csv_setting.set(raw_csv)
    ctx.obj = AppContext(resolve_database_url(db))
    ctx.call_on_close(ctx.obj.close)


app.add_typer(db_commands.app, name="db")
for _module in ("seed", "extract", "ingest", "query", "report", "curation", "imports", "coverage"):
    __import__(f"timeline.cli.{_module}", fromlist=["register"]).register(app)


def main() -> None:
    app(prog_name="timeline")
