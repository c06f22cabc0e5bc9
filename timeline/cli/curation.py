"""`timeline event ...`: analysts show, edit, confirm, reject, merge and add events.

Each command is one transaction: it changes everything it was asked to, with its history
rows, or (on any error) nothing at all.
"""

import json
from datetime import date
from typing import Annotated, Any

import typer

from timeline.cli.context import app_context
from timeline.cli.options import FormatOption, emit, note
from timeline.formats.render import OutputFormat
from timeline.vocabulary import EVENT_COLUMNS, EVENT_TYPES, ROLES, STATUSES

event_app = typer.Typer(
    help=(
        "Curate events: show one with its evidence, edit, confirm, reject, merge, add a "
        "manual event, and read the history of every change."
    ),
    no_args_is_help=True,
)

EventId = Annotated[str, typer.Argument(metavar="ID", help="The event id (see `timeline events`).")]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="NAME",
        help="Who makes the change (default: your user name from the environment).",
        show_default=False,
    ),
]
NoteOption = Annotated[
    str | None,
    typer.Option("--note", metavar="TEXT", help="Why: kept with the change in the history."),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="TEXT",
        help="The date, as `timeline dates` reads it: 2025-09-03, 2025-09, 2025, or words "
        "such as 'next week' or 'late last year' (read from --as-of).",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The day --date words are read from (YYYY-MM-DD; default: today).",
        show_default=False,
    ),
]
StartOption = Annotated[
    str | None,
    typer.Option("--start", metavar="DATE", help="First day (YYYY, YYYY-MM or YYYY-MM-DD)."),
]
EndOption = Annotated[
    str | None,
    typer.Option("--end", metavar="DATE", help="Last day (YYYY, YYYY-MM or YYYY-MM-DD)."),
]
LocationOption = Annotated[
    str | None, typer.Option("--location", metavar="PLACE", help="Where ('' clears it).")
]
TitleOption = Annotated[
    str | None, typer.Option("--title", metavar="TEXT", help="A short title ('' clears it).")
]
_ROLE_LIST = ", ".join(ROLES)


def register(app: typer.Typer) -> None:
    """Add the `event` command group to the root app."""
    app.add_typer(event_app, name="event")


# --- commands -------------------------------------------------------------------------------


@event_app.command("show")
def show(ctx: typer.Context, event_id: EventId, fmt: FormatOption = OutputFormat.table) -> None:
    """An event with its participants, date range and date words, status, origin, review
    state and every piece of evidence: the article (title, source, date) and the sentence,
    with the participants' names and the date words marked «like this».

    Example: timeline event show 12
    """
    from timeline.services.curation import event_detail

    with app_context(ctx).transaction() as session:
        detail = event_detail(session, event_id)
    if fmt is OutputFormat.json:
        emit([detail], fmt)
        return
    _print_detail(detail, fmt)


@event_app.command("edit")
def edit(
    ctx: typer.Context,
    event_id: EventId,
    event_type: Annotated[
        str | None,
        typer.Option("--type", metavar="TYPE", help=f"Event type ({', '.join(EVENT_TYPES)})."),
    ] = None,
    date_text: DateOption = None,
    as_of: AsOfOption = None,
    start: StartOption = None,
    end: EndOption = None,
    undated: Annotated[bool, typer.Option("--undated", help="Remove the date.")] = False,
    status: Annotated[
        str | None,
        typer.Option("--status", metavar="STATUS", help=f"Status ({', '.join(STATUSES)})."),
    ] = None,
    location: LocationOption = None,
    title: TitleOption = None,
    add: Annotated[
        list[str] | None,
        typer.Option(
            "--add",
            metavar="NAME[:ROLE]",
            help=f"Add a participant, or give one a new role (roles: {_ROLE_LIST}). Repeatable.",
        ),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option(
            "--remove",
            metavar="NAME[:ROLE]",
            help="Remove a participant (only in that role, if given). Repeatable.",
        ),
    ] = None,
    note_text: NoteOption = None,
    by: ByOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Correct an event: type, date, status, location, title, participants.

    The event becomes 'edited': later ingests and seeds attach new evidence to it but never
    overwrite the values an analyst set. Every changed field is recorded in the history
    with its old and new value. An impossible edit (an end before the start, an unknown
    actor or role) changes nothing.

    \b
    Examples:
      timeline event edit 12 --date 2025-09-03
      timeline event edit 12 --start 2025-09-02 --end 2025-09-04 --status occurred
      timeline event edit 12 --add "Vladimir Putin:attendee" --remove "Xi Jinping"
    """
    from timeline.errors import InputError
    from timeline.services.curation import (
        EventEdit,
        date_from_bounds,
        edit_event,
        event_summary,
        get_event,
        parse_participant,
    )

    if sum((date_text is not None, start is not None or end is not None, undated)) > 1:
        raise InputError("give one of --date, --start/--end or --undated")
    anchor = _day(as_of, "--as-of")
    with app_context(ctx).transaction(writer=True) as session:
        event = get_event(session, event_id, lock=True)
        when = None
        if date_text is not None:
            when = _date_words(date_text, anchor, status or event.status)
        elif start is not None or end is not None:
            when = date_from_bounds(start, end, event)
        elif undated:
            from timeline.services.curation import DateChoice

            when = DateChoice.undated()
        changes = EventEdit(
            type=event_type,
            date=when,
            status=status,
            location=location,
            title=title,
            add=[parse_participant(spec) for spec in add or ()],
            remove=[parse_participant(spec) for spec in remove or ()],
        )
        changed = edit_event(session, event.id, changes, by=_by(by), note=note_text)
        row = event_summary(session, event)
    emit([row], fmt, EVENT_COLUMNS)
    if changed:
        note(f"event #{row['id']} edited: {', '.join(changed)}")
    else:
        note(f"event #{row['id']}: nothing changed (it already has these values)")


@event_app.command("confirm")
def confirm(
    ctx: typer.Context,
    event_ids: Annotated[list[str], typer.Argument(metavar="ID", help="One or more event ids.")],
    note_text: NoteOption = None,
    by: ByOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Confirm events as they stand (this also restores a rejected one). Later ingests
    attach evidence to a confirmed event but keep its values.

    Example: timeline event confirm 12 14 --note "checked against KCNA"
    """
    from timeline.services.curation import confirm_event, event_summary, get_events

    rows, done = [], []
    with app_context(ctx).transaction(writer=True) as session:
        events = get_events(session, event_ids, lock=True)  # all exist, or none change
        for event in events:
            if confirm_event(session, event.id, by=_by(by), note=note_text):
                done.append(f"#{event.id}")
            rows.append(event_summary(session, event))
    emit(rows, fmt, EVENT_COLUMNS)
    note(f"confirmed {', '.join(done)}" if done else "nothing changed: already confirmed")


@event_app.command("reject")
def reject(
    ctx: typer.Context,
    event_ids: Annotated[list[str], typer.Argument(metavar="ID", help="One or more event ids.")],
    reason: Annotated[
        str | None,
        typer.Option("--reason", metavar="TEXT", help="Why the event is wrong (required)."),
    ] = None,
    by: ByOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Reject events: they are kept (with the reason) but hidden from queries, reports and
    exports unless asked for (`timeline events --review rejected`), and a later ingest of
    any article reporting the same thing adds rejected evidence instead of re-creating them.

    Example: timeline event reject 13 --reason "Hong Lei's remark, not an invitation"
    """
    from timeline.services.curation import event_summary, get_events, reject_event

    rows, done = [], []
    with app_context(ctx).transaction(writer=True) as session:
        events = get_events(session, event_ids, lock=True)
        for event in events:
            if reject_event(session, event.id, reason or "", by=_by(by)):
                done.append(f"#{event.id}")
            rows.append(event_summary(session, event))
    emit(rows, fmt, EVENT_COLUMNS)
    note(f"rejected {', '.join(done)}" if done else "nothing changed: already rejected")


@event_app.command("merge")
def merge(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="ID", help="The event that remains.")],
    others: Annotated[
        list[str] | None,
        typer.Argument(metavar="ID", help="Events folded into it, then deleted."),
    ] = None,
    note_text: NoteOption = None,
    by: ByOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Merge even events of another type or status.")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Merge duplicate events into the first one: it keeps its values (taking from the
    others only what it lacks: a date, location, title, source, seed key), gains their
    participants, all their evidence and their history; the others are deleted, and
    `timeline event show` of their ids says where they went.

    Example: timeline event merge 12 15 16
    """
    from timeline.services.curation import event_summary, get_events, merge_events

    with app_context(ctx).transaction(writer=True) as session:
        before = {e.id: e.status for e in get_events(session, [target, *(others or [])])}
        event = merge_events(session, target, others or [], by=_by(by), note=note_text, force=force)
        row = event_summary(session, event)
    emit([row], fmt, EVENT_COLUMNS)
    merged = ", ".join(f"#{value.strip().lstrip('#')}" for value in others or ())
    note(f"merged {merged} into #{row['id']}")
    changed = sorted({status for status in before.values() if status != row["status"]})
    if changed:
        note(
            f"note: {' and '.join(changed)} report(s) merged into an event that is {row['status']}"
        )


@event_app.command("add")
def add(
    ctx: typer.Context,
    event_type: Annotated[
        str | None,
        typer.Option(
            "--type", metavar="TYPE", help=f"Event type ({', '.join(EVENT_TYPES)}; required)."
        ),
    ] = None,
    participants: Annotated[
        list[str] | None,
        typer.Option(
            "--participant",
            "-p",
            metavar="NAME[:ROLE]",
            help=f"A participant, any alias; repeat for each (roles: {_ROLE_LIST}).",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="URL|CITATION",
            help="Where this is documented: a URL or a citation (required).",
        ),
    ] = None,
    date_text: DateOption = None,
    as_of: AsOfOption = None,
    start: StartOption = None,
    end: EndOption = None,
    status: Annotated[
        str,
        typer.Option("--status", metavar="STATUS", help=f"Status ({', '.join(STATUSES)})."),
    ] = "occurred",
    location: LocationOption = None,
    title: TitleOption = None,
    note_text: NoteOption = None,
    by: ByOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Add an event by hand, with its source. It is 'manual' and 'confirmed': ingests
    attach matching evidence to it and never change it. Without a date it is undated.

    \b
    Example:
      timeline event add --type meeting -p "Kim Jong Un:guest" -p "Xi Jinping:host" \\
        --date 2025-09-04 --location Beijing --source https://www.fmprc.gov.cn/...
    """
    from timeline.errors import InputError
    from timeline.services.curation import (
        NewEvent,
        add_event,
        date_from_bounds,
        event_summary,
        parse_participant,
        similar_events,
    )

    if not event_type:
        raise InputError(f"give the event type: --type {'|'.join(EVENT_TYPES)}")
    if date_text is not None and (start is not None or end is not None):
        raise InputError("give --date or --start/--end, not both")
    anchor = _day(as_of, "--as-of")
    when = None
    if date_text is not None:
        when = _date_words(date_text, anchor, status)
    elif start is not None or end is not None:
        when = date_from_bounds(start, end)
    new = NewEvent(
        type=event_type,
        participants=[parse_participant(spec) for spec in participants or ()],
        source=source or "",
        date=when,
        status=status,
        location=location,
        title=title,
    )
    with app_context(ctx).transaction(writer=True) as session:
        event = add_event(session, new, by=_by(by), note=note_text)
        row = event_summary(session, event)
        similar = similar_events(session, event)
    emit([row], fmt, EVENT_COLUMNS)
    note(f"added event #{row['id']}")
    if similar:
        listed = " ".join(str(i) for i in similar)
        note(
            f"similar events already recorded: {listed} "
            f"(to fold them in: timeline event merge {row['id']} {listed})"
        )


@event_app.command("history")
def history(ctx: typer.Context, event_id: EventId, fmt: FormatOption = OutputFormat.table) -> None:
    """Every recorded change of an event, oldest first: when, by whom, what (action and
    field), the old and new values (JSON), and the note. An event that absorbed others in a
    merge shows their history too. For SQL users: the `event_history_view` view.

    Example: timeline event history 12
    """
    from timeline.services.curation import event_history
    from timeline.services.history import HISTORY_COLUMNS

    with app_context(ctx).transaction() as session:
        rows = event_history(session, event_id)
    if fmt is not OutputFormat.json:
        rows = [{**r, "old": _compact(r["old"]), "new": _compact(r["new"])} for r in rows]
    emit(rows, fmt, HISTORY_COLUMNS)


# --- helpers --------------------------------------------------------------------------------


def _by(value: str | None) -> str:
    from timeline.services.history import current_user

    return value.strip() if value and value.strip() else current_user()


def _day(value: str | None, option: str) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        from timeline.errors import InputError

        raise InputError(f"{option}: {value!r} is not a date YYYY-MM-DD") from None


def _date_words(text: str, anchor: date, status: str) -> Any:
    from timeline.services.curation import date_from_text

    return date_from_text(text, as_of=anchor, status=status)


def _compact(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float):
        return value
    from timeline.formats.render import to_jsonable

    return json.dumps(to_jsonable(value), ensure_ascii=False)


def _print_detail(detail: dict[str, Any], fmt: OutputFormat) -> None:
    names = ", ".join(f"{p['name']} ({p['role']})" for p in detail["participants"])
    review = detail["review"] + (f": {detail['review_note']}" if detail["review_note"] else "")
    when = detail["date"]
    if detail["start"] is not None:
        span = f"{detail['start']}" + (
            f" to {detail['end']}" if detail["end"] != detail["start"] else ""
        )
        if span != when:
            when += f"  [{span}, {detail['precision']}]"
    lines = [
        ("event", f"#{detail['id']}" + (f"  ({detail['key']})" if detail["key"] else "")),
        ("title", detail["title"]),
        ("type", detail["type"]),
        ("date", when),
        ("date words", detail["date_text"]),
        ("status", detail["status"]),
        ("participants", names),
        ("location", detail["location"]),
        ("origin", detail["origin"]),
        ("review", review),
        ("source", detail["source_url"]),
        ("confidence", f"{detail['confidence']:g}"),
        ("changes", f"{detail['changes']} (timeline event history {detail['id']})"),
    ]
    for label, value in lines:
        if value not in (None, ""):
            typer.echo(f"{label + ':':<14}{value}")
    evidence = detail["evidence"]
    typer.echo(f"\nEvidence ({len(evidence)})")
    if fmt is not OutputFormat.table:
        emit(evidence, fmt, ("id", "published", "source", "title", "marked"))
        return
    if not evidence:
        typer.echo("  (none)")
    for ev in evidence:
        head = " ".join(
            part
            for part in (str(ev["published"]), ev["source"] or "", f'"{ev["title"] or ""}"')
            if part
        )
        typer.echo(f"  [{ev['id']}] {head} (article {ev['article_id']})")
        typer.echo(f"      {ev['marked']}")
