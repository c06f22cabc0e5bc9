"""`timeline db ...`: migrate the schema and check it matches the code."""

from __future__ import annotations

from typing import Annotated

import typer

from timeline.cli.context import app_context
from timeline.cli.errors import CliError

app = typer.Typer(
    help="Create, migrate and check the database schema (Alembic).", no_args_is_help=True
)


@app.command()
def upgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    from timeline import db
    from timeline.config import redact_url

    url = app_context(ctx).database_url
    db.upgrade(url, revision)
    typer.echo(f"{redact_url(url)} is at revision {db.current_revision(url) or 'base'}")


@app.command()
def downgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision ('base' removes every table).")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Drop tables that hold rows without asking.")
    ] = False,
) -> None:
    """Migrate the database down to REVISION. Tables that REVISION does not have are dropped:
    when they hold rows, say --yes (the command first says how many rows would go)."""
    from timeline import db
    from timeline.config import redact_url

    url = app_context(ctx).database_url
    lost = db.rows_lost_by_downgrade(url, revision)
    if lost and not yes:
        total = sum(lost.values())
        biggest = ", ".join(f"{t} {n:,}" for t, n in sorted(lost.items(), key=lambda x: -x[1])[:4])
        raise CliError(
            f"downgrading to {revision} would drop {len(lost)} table(s) holding {total:,} rows"
            f" ({biggest}{', ...' if len(lost) > 4 else ''}); give --yes to go ahead",
            1,
        )
    db.downgrade(url, revision)
    typer.echo(f"{redact_url(url)} is at revision {db.current_revision(url) or 'base'}")


@app.command()
def current(ctx: typer.Context) -> None:
    """Print the database's schema revision and whether it is the newest."""
    from timeline import db

    url = app_context(ctx).database_url
    revision = db.current_revision(url)
    head = db.head_revision()
    state = "head" if revision == head else f"behind head {head}" if revision else "not migrated"
    typer.echo(f"{revision or 'base'} ({state})")


@app.command()
def check(ctx: typer.Context) -> None:
    """Fail when the database schema and the code's models differ (migration drift)."""
    from timeline import db

    url = app_context(ctx).database_url
    if db.current_revision(url) != db.head_revision():
        raise CliError("database is not at the newest revision: run 'timeline db upgrade'", 4)
    diffs = db.check(url)
    if diffs:
        for diff in diffs:
            typer.echo(diff, err=True)
        raise CliError(f"{len(diffs)} difference(s) between models and migrations", 1)
    typer.echo("no differences between models and migrations")


@app.command("create-reader")
def create_reader(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="ROLE",
            help="Role name (else $TIMELINE_SQL_ROLE, else timeline_reader).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """PostgreSQL: create (or reset) the role that 'timeline sql' runs users' SQL as.

    It can log in and read this database's tables and views, and nothing else. A login that
    can do more (a superuser, a table owner) then runs 'timeline sql' as this role. Its
    password is $TIMELINE_SQL_PASSWORD when set (needed unless the server trusts local
    logins); run it again after granting anything by hand. See docs/sql.md.
    """
    import os

    from timeline.services.sql_roles import READER_PASSWORD_ENV
    from timeline.services.sql_roles import create_reader as create

    with app_context(ctx).transaction() as session:
        role = create(session, name, os.environ.get(READER_PASSWORD_ENV))
    typer.echo(f"role {role} can read this database and nothing more")
