"""`timeline extract` and `timeline dates`: the extractor on files and text, writing nothing."""

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from timeline.cli.context import gazetteer_for
from timeline.cli.errors import CliError
from timeline.cli.options import FormatOption, emit, note
from timeline.formats.render import OutputFormat

EXTRACT_COLUMNS = ("article", "type", "participants", "date", "status", "location")
DATE_COLUMNS = ("text", "start_char", "end_char", "start", "end", "precision", "shown", "kind")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("extract")(extract)
    app.command("dates")(dates)


def _parse_day(value: str | None, what: str = "--published") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=what) from None


PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        metavar="DATE",
        help="Publication date (YYYY-MM-DD) for articles that carry none.",
        show_default=False,
    ),
]


def extract(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Article files (.json, .jsonl, .txt, .md), folders, or - for stdin.",
            show_default=False,
        ),
    ],
    fmt: FormatOption = OutputFormat.json,
    published: PublishedOption = None,
) -> None:
    """Extract dated events from articles and print them; writes nothing anywhere.

    JSON (the default) is one array with an object per article, in the order given:
    {"id", "title", "published", "events": [...]}, each event with its type, participants
    and roles, date range and precision, status, location, evidence sentence and offsets,
    confidence and CAMEO code. table, csv and markdown show one row per event.

    A bad input is reported on stderr, naming it; the others are still printed and the
    exit code is 1.

    Examples:

    \b
        timeline extract article.json
        timeline extract news/ --format table
        timeline extract notes.txt --published 2025-08-28
    """
    from timeline.extract import extract_events
    from timeline.extract.dates import format_range
    from timeline.formats.articles import ArticleReadError, read_articles

    default_day = _parse_day(published)
    gazetteer = gazetteer_for(ctx)
    results: list[dict[str, Any]] = []
    failed = 0
    for item in read_articles(paths, published=default_day):
        if isinstance(item, ArticleReadError):
            note(f"timeline: error: {item}")
            failed += 1
            continue
        day = item.published or default_day
        if day is None:
            note(f"timeline: error: {item.origin}: no publication date (use --published)")
            failed += 1
            continue
        events = extract_events(item.text, day, gazetteer, title=item.title)
        results.append(
            {
                "id": item.id or _stem(item.origin),
                "title": item.title,
                "published": day.isoformat(),
                "events": [e.to_json() for e in events],
            }
        )
    if fmt is OutputFormat.json:
        emit(results, fmt)
    else:
        rows = []
        for art in results:
            for ev in art["events"]:
                when = ev["date"]
                shown = (
                    format_range(
                        date.fromisoformat(when["start"]),
                        date.fromisoformat(when["end"]),
                        when["precision"],
                    )
                    if when["start"]
                    else "undated"
                )
                rows.append(
                    {
                        "article": art["id"],
                        "type": ev["type"],
                        "participants": ", ".join(
                            f"{p['name']} ({p['role']})" for p in ev["participants"]
                        ),
                        "date": shown,
                        "status": ev["status"],
                        "location": ev["location"],
                    }
                )
        emit(rows, fmt, EXTRACT_COLUMNS)
    if failed:
        raise typer.Exit(1)


def _stem(origin: str) -> str:
    """An id for an article that has none: its file's stem ("dir/a.json" -> "a",
    "feed.jsonl:12" -> "feed-12", "<stdin>:3" -> "stdin-3")."""
    name, _, line = origin.partition(":")
    stem = Path(name).stem.strip("<>") or "article"
    return f"{stem}-{line}" if line.isdigit() else stem


def _date_rows(text: str, day: date) -> list[dict[str, Any]]:
    from timeline.extract.dates import find_dates, format_range

    rows = []
    for expr in find_dates(text, day):
        r = expr.range
        rows.append(
            {
                "text": expr.text,
                "start_char": expr.start_char,
                "end_char": expr.end_char,
                "start": r.start.isoformat() if r else None,
                "end": r.end.isoformat() if r else None,
                "precision": r.precision if r else "unknown",
                "shown": format_range(r.start, r.end, r.precision) if r else "undated",
                "kind": expr.kind,
            }
        )
    return rows


def dates(
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT|-",
            help="Text to read, or - for JSON lines {id, text, published} on stdin.",
            show_default=False,
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Publication date (YYYY-MM-DD) the expressions are resolved against.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Show every temporal expression in a text: its span, the date range it stands for
    and that range's precision, resolved against the publication date.

    With - it reads JSON lines {"id", "text", "published"} from stdin and writes one JSON
    line {"id", "dates": [...]} per input (--published fills in a missing date); a bad line
    is reported on stderr with its line number, the others continue, and the exit code is 1.

    Examples:

    \b
        timeline dates "Kim will attend the parade next week" --published 2025-08-28
        timeline dates "late last year" --published 2025-08-28 --format json
        echo '{"id": "a", "text": "on Monday", "published": "2025-08-28"}' | timeline dates -
    """
    default_day = _parse_day(published)
    if text != "-":
        if default_day is None:
            raise CliError("--published DATE is needed to resolve dates in TEXT", 2)
        emit(_date_rows(text, default_day), fmt, DATE_COLUMNS)
        return
    failed = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError("expected a JSON object with a 'text' string")
            raw_day = record.get("published")
            day = date.fromisoformat(str(raw_day)[:10]) if raw_day else default_day
            if day is None:
                raise ValueError("no 'published' date and no --published")
            rows = _date_rows(record["text"], day)
        except ValueError as exc:  # JSONDecodeError is a ValueError
            note(f"timeline: error: <stdin>:{number}: {str(exc).splitlines()[0]}")
            failed += 1
            continue
        typer.echo(json.dumps({"id": record.get("id"), "dates": rows}, ensure_ascii=False))
    if failed:
        raise typer.Exit(1)
