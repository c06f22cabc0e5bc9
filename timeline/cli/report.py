"""SQL reporting and exports: report, sql, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from timeline.cli import filters
from timeline.cli.context import app_context
from timeline.cli.errors import CliError
from timeline.cli.filters import (
    ActorOption,
    ArticleOption,
    CountryOption,
    ReviewOption,
    SinceOption,
    StatusOption,
    StrictOption,
    TypeOption,
    UntilOption,
)
from timeline.cli.options import FormatOption, emit, note
from timeline.formats.exports import ExportFormat
from timeline.formats.render import OutputFormat

ParamOption = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        metavar="KEY=VALUE",
        help="A value for a :KEY placeholder (repeat for several).",
    ),
]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    for command in (report, sql, export):
        app.command()(command)


def report(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(help="A report name (run without one to list them), or a .sql file."),
    ] = None,
    params: ParamOption = None,
    show_sql: Annotated[
        bool, typer.Option("--sql", help="Print the report's SQL instead of running it.")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Run a named report (a .sql file with :named parameters), or list the reports.

    \b
    Examples:
      timeline report
      timeline report sanctions-in-force -p on=2017-12-31 -p target="North Korea"
      timeline report contacts-matrix -p actor="Kim Jong Un" --format csv
    """
    from timeline.services.reports import (
        REPORTS_DIR,
        list_reports,
        load_report,
        parse_assignments,
        run_report,
    )

    if name is None:
        reports = list_reports()
        if fmt is OutputFormat.json:
            emit((_report_json(r) for r in reports), fmt)
        else:
            emit(
                (r.summary() for r in reports), fmt, ("name", "title", "parameters", "description")
            )
        return
    chosen = load_report(name)
    if show_sql:
        typer.echo(chosen.sql.rstrip("\n"))
        return
    given = parse_assignments(params)
    engine = app_context(ctx).engine(read_only=True)
    packaged = chosen.path is not None and chosen.path.parent.resolve() == REPORTS_DIR.resolve()
    if packaged:  # our own SQL
        result = run_report(engine, chosen, given)
    else:  # a user's file is a user's SQL: the same guard as `timeline sql`
        from timeline.services.sql_roles import engine_for_users_sql

        runner, owned = engine_for_users_sql(engine)
        try:
            result = run_report(runner, chosen, given)
        finally:
            if owned:
                runner.dispose()
    emit(result.dicts(), fmt, result.columns)


def _report_json(report) -> dict:
    return {
        "name": report.name,
        "title": report.title,
        "description": report.description,
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "description": p.description,
                "required": p.required,
                "default": p.default or None,
            }
            for p in report.params
        ],
    }


def sql(
    ctx: typer.Context,
    statement: Annotated[
        str, typer.Argument(help="One SQL statement, in quotes; '-' reads it from stdin.")
    ],
    params: ParamOption = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", metavar="SECONDS", min=0, max=86_400,
            help="Stop the statement after this long (0: no limit).",
        ),
    ] = 30.0,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", metavar="N", min=0, max=2**63 - 1,
            help="At most N rows (default: 1000 for table and markdown, all for json and csv;"
            " 0: all).",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:  # fmt: skip
    """Run one ad hoc SQL statement, read-only: the database refuses any write.

    The tables and the reporting views (events_view, contacts_view, offices_view,
    sanctions_view, event_history_view) are described in docs/sql.md. On PostgreSQL a login
    that can do more than read runs the SQL as the reader role of 'timeline db
    create-reader' (docs/sql.md says why). Rows stream to the output as they are fetched.

    \b
    Example:
      timeline sql "SELECT start_date, type, title FROM contacts_view
                    WHERE 'Kim Jong Un' IN (actor_a, actor_b)
                      AND 'Xi Jinping' IN (actor_a, actor_b)"
    """
    from itertools import islice

    from timeline.services.reports import parse_assignments
    from timeline.services.sql import read_only_query
    from timeline.services.sql_roles import engine_for_users_sql

    text = sys.stdin.read(1_000_000) if statement == "-" else statement
    values = parse_assignments(params) if params else None
    if limit is None and fmt in (OutputFormat.table, OutputFormat.markdown):
        limit = TABLE_ROW_LIMIT
    engine, owned = engine_for_users_sql(app_context(ctx).engine(read_only=True))
    try:
        with read_only_query(engine, text, values, timeout=timeout or None) as result:
            rows = result.dicts()
            if limit:
                rows = islice(rows, limit + 1)
            shown = _counting(rows, limit)
            emit(shown, fmt, result.columns)
            if shown.more:
                note(f"(first {limit:,} rows; --limit N for more, --limit 0 for all)")
    finally:
        if owned:
            engine.dispose()


TABLE_ROW_LIMIT = 1000


class _counting:
    """Rows up to `limit`, noting whether the query had more."""

    def __init__(self, rows: Any, limit: int | None) -> None:
        self.rows, self.limit, self.count, self.more = rows, limit, 0, False

    def __iter__(self) -> Any:
        for row in self.rows:
            if self.limit and self.count == self.limit:
                self.more = True
                return
            self.count += 1
            yield row


def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json, csv (GDELT/Phoenix-style dyads), timelinejs, ics or html "
            "(default: from the -o file's extension).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write here (ics and html need a file)."
        ),
    ] = None,
    actors: ActorOption = None,
    types: TypeOption = None,
    statuses: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    strict: StrictOption = False,
    country: CountryOption = None,
    article: ArticleOption = None,
    review: ReviewOption = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Title of the timeline, calendar or page.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the -o file if it exists.")
    ] = False,
) -> None:
    """Export events, with the filters of 'timeline events', as JSON, CSV, TimelineJS,
    iCalendar or a self-contained HTML timeline.

    \b
    Examples:
      timeline export -a "Kim Jong Un" -a "Xi Jinping" -o kim-xi.html
      timeline export -a "Kim Jong Un" --since 2018 --format ics -o kim.ics
      timeline export --type meeting --format timelinejs > meetings.json
      timeline export --format csv --since 2025 > events-gdelt.csv
    """
    from timeline.services.export import FILE_ONLY, SUFFIXES, export_records
    from timeline.services.names import resolve_actor
    from timeline.services.queries import EventFilter

    chosen = fmt or (SUFFIXES.get(output.suffix.lower()) if output else None)
    if chosen is None:
        raise CliError("give --format (json, csv, timelinejs, ics or html)", 2)
    if chosen in FILE_ONLY and output is None:
        raise CliError(f"--format {chosen.value} writes a file: give -o FILE", 2)
    with app_context(ctx).transaction() as session:
        resolved = [resolve_actor(session, name) for name in actors or ()]
        place = resolve_actor(session, country) if country else None
        criteria = EventFilter(
            actor_ids=[a.id for a in resolved],
            types=filters.types(types),
            statuses=filters.statuses(statuses),
            window=filters.window(since, until, strict),
            country_id=place.id if place else None,
            article_id=article,
            reviews=filters.reviews(review),
        )
        records = export_records(session, criteria)
    heading = title or _title([a.name for a in resolved], place.name if place else None)
    content = _render(chosen, records, heading, _subtitle(records, since, until))
    if output is None:
        sys.stdout.write(content)
    else:
        from timeline.formats.outfile import database_files, write_output

        protected = database_files(app_context(ctx).database_url)
        write_output(output, content, force=force, protected=protected)
    written = len(records)
    if chosen in (ExportFormat.timelinejs, ExportFormat.ics):
        from timeline.services.dating import left_out_note

        undated = [r for r in records if r["start"] is None]
        written -= len(undated)
        if undated:
            note(left_out_note(undated, chosen.value))
    if output is not None:
        note(f"{written} event(s) written to {output}")


def _render(fmt: ExportFormat, records: list[dict], title: str, subtitle: str) -> str:
    import io

    from timeline.formats.render import render

    if fmt is ExportFormat.json:
        out = io.StringIO()
        render(records, OutputFormat.json, out)
        return out.getvalue()
    if fmt is ExportFormat.csv:
        from timeline.formats.gdelt import COLUMNS, gdelt_rows

        out = io.StringIO()
        render(gdelt_rows(records), OutputFormat.csv, out, columns=COLUMNS)
        return out.getvalue()
    if fmt is ExportFormat.timelinejs:
        from timeline.formats.timelinejs import render_timelinejs

        return render_timelinejs(records, title, subtitle)
    if fmt is ExportFormat.ics:
        from timeline.formats.ical import render_ical

        return render_ical(records, title)
    from timeline.formats.html_timeline import render_html

    return render_html(records, title, subtitle)


def _title(actors: list[str], country: str | None) -> str:
    if actors:
        return " – ".join(actors)
    if country:
        return f"Events with {country}"
    return "Timeline"


def _subtitle(records: list[dict], since: str | None, until: str | None) -> str:
    dated = [r for r in records if r["start"] is not None]
    count = f"{len(records)} event{'s' if len(records) != 1 else ''}"
    if not dated:
        return count
    first = min(r["start"] for r in dated).isoformat()
    last = max(r["end"] or r["start"] for r in dated).isoformat()
    window = ""
    if since or until:
        window = f" (filter: {since or '…'} to {until or '…'})"
    return f"{count}, {first} to {last}{window}"
