"""Timeline queries: contacts, ask, events, leader, leaders, sanctions."""

from typing import Annotated

import typer

from timeline.cli import filters
from timeline.cli.context import app_context
from timeline.cli.filters import (
    ActorOption,
    ArticleOption,
    CountryOption,
    ReviewOption,
    RoleOption,
    SinceOption,
    StatusOption,
    StrictOption,
    TypeOption,
    UntilOption,
)
from timeline.cli.options import FormatOption, emit, note
from timeline.formats.render import OutputFormat
from timeline.vocabulary import EVENT_COLUMNS


def register(app: typer.Typer) -> None:
    for command in (contacts, ask, events, leader, leaders, sanctions):
        app.command()(command)


def contacts(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="A leader, country or organization.")],
    second: Annotated[str, typer.Argument(help="Another one.")],
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypeOption = None,
    statuses: StatusOption = None,
    strict: StrictOption = False,
    review: ReviewOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Every contact between two actors (meetings, calls, messages, invitations, attendance
    together, agreements), oldest first, dated at their real precision.

    Planned and negated events are left out unless asked for with --status. Names may be any
    alias or spelling; an ambiguous surname is read as the one with contacts with the other.

    Example: timeline contacts "Kim Jong Un" "Xi Jinping" --since 2011
    """
    from timeline.services.names import resolve_pair
    from timeline.services.queries import contacts as find_contacts

    with app_context(ctx).transaction() as session:
        a, b = resolve_pair(session, first, second)
        rows = find_contacts(
            session,
            a,
            b,
            window=filters.window(since, until, strict),
            types=filters.types(types),
            statuses=filters.statuses(statuses),
            reviews=filters.reviews(review),
        )
        if not rows:
            from timeline.services.coverage import explain_no_contacts

            note(explain_no_contacts(session, a, b))
    emit(rows, fmt, EVENT_COLUMNS)


def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="DATE", help="Read 'last year', 'this month' as of this day."
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Answer a plain-English question with the same queries as the other commands.

    How the question was read is one line on stderr ("read as: ..."). Names may stand
    anywhere, in any spelling; the time phrase means what the flags mean ("until 2018" is
    --until 2018, "after 2019" is --since 2020).

    \b
    Examples:
      "Kim–Xi contacts since 2011"        "Putin Xi meetings 2023"
      "When did Kim Jong Un last meet Putin?"
      "How many times has Kim met Xi?"    "Did Kim meet Putin in 2019?"
      "Kim Jong Un's trips in 2018"       "Putin's timeline since 2024-06"
      "what happened in September 2025"   "what happened in North Korea last month"
      "who led the US in 2017"            "who was president of South Korea on 2017-06-01"
      "sanctions on North Korea in force on 2017-12-31"   "US sanctions on Putin"
    """
    from timeline.ask.answer import answer
    from timeline.ask.reader import read

    today = filters.day(as_of, "--as-of")
    with app_context(ctx).transaction() as session:
        reading = read(session, question, today)
        result = answer(session, reading)
        if not result.rows and result.pair:
            from timeline.services.coverage import explain_no_contacts

            explanation = explain_no_contacts(session, *result.pair)
        else:
            explanation = None
    short = f"; answer: {result.summary}" if result.summary is not None else ""
    note(f"read as: {result.read_as}{short}")
    if explanation:
        note(explanation)
    if result.summary is not None and fmt is OutputFormat.json:
        emit([{"answer": result.summary, "rows": result.rows}], fmt)
        return
    if result.summary is not None and fmt in (OutputFormat.table, OutputFormat.markdown):
        typer.echo(result.summary)
        if not result.rows:
            return
        typer.echo()
    emit(result.rows, fmt, result.columns)


def events(
    ctx: typer.Context,
    actors: ActorOption = None,
    roles: RoleOption = None,
    types: TypeOption = None,
    statuses: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    strict: StrictOption = False,
    country: CountryOption = None,
    article: ArticleOption = None,
    review: ReviewOption = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=0, max=2**31 - 1, help="At most this many rows.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List events with filters; every filter given must hold.

    Example: timeline events --actor "Kim Jong Un" --type meeting --since 2018 --until 2019
    """
    from timeline.services.names import resolve_actor
    from timeline.services.queries import EventFilter, find_events

    with app_context(ctx).transaction() as session:
        criteria = EventFilter(
            actor_ids=[resolve_actor(session, name).id for name in actors or ()],
            roles=filters.roles(roles),
            types=filters.types(types),
            statuses=filters.statuses(statuses),
            window=filters.window(since, until, strict),
            country_id=resolve_actor(session, country).id if country else None,
            article_id=article,
            reviews=filters.reviews(review),
            limit=limit,
        )
        rows = find_events(session, criteria)
    emit(rows, fmt, EVENT_COLUMNS)


def leader(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The leader's name, any spelling or alias.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """A leader's offices with dates, counterparts by number of contacts, latest events."""
    from timeline.services.leaders import leader_profile
    from timeline.services.names import resolve_actor

    with app_context(ctx).transaction() as session:
        profile = leader_profile(session, resolve_actor(session, name))
    if fmt is OutputFormat.json:
        emit([profile], fmt)
        return
    if fmt is OutputFormat.csv:  # one table, so that any CSV reader can parse it
        emit(_profile_rows(profile), fmt, PROFILE_CSV_COLUMNS)
        return
    typer.echo(f"{profile['name']}{'' if profile['verified'] else ' (unverified)'}\n")
    typer.echo("Offices")
    emit(profile["offices"], fmt, ("title", "role", "of", "start", "end"))
    typer.echo("\nCounterparts")
    emit(profile["counterparts"], fmt)
    typer.echo("\nLatest events")
    emit(profile["latest_events"], fmt, ("id", "date", "type", "status", "participants"))


PROFILE_CSV_COLUMNS = (
    "leader",
    "section",
    "title",
    "role",
    "of",
    "start",
    "end",
    "counterpart",
    "contacts",
    "id",
    "date",
    "type",
    "status",
    "participants",
)


def _profile_rows(profile: dict) -> list[dict]:
    """A profile's three tables as one, each row saying which section it belongs to."""
    name = profile["name"]
    return [
        *({"leader": name, "section": "office", **o} for o in profile["offices"]),
        *({"leader": name, "section": "counterpart", **c} for c in profile["counterparts"]),
        *({"leader": name, "section": "event", **e} for e in profile["latest_events"]),
    ]


def leaders(
    ctx: typer.Context,
    country: Annotated[
        str | None, typer.Option("--country", metavar="NAME", help="Only this country.")
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="Offices held that day, or at any time in that month or year "
            "(YYYY-MM-DD, YYYY-MM, YYYY).",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Who held which office: every office of a country, or the holders on a given day.

    \b
    Examples:
      timeline leaders --country China --on 2019-06-20
      timeline leaders --country "United States" --on 2017   (everyone who held one in 2017)
    """
    from timeline.services.holders import offices_during
    from timeline.services.leaders import holders_on, offices_rows
    from timeline.services.names import resolve_actor

    span = filters.span(on, "--on")
    with app_context(ctx).transaction() as session:
        place = resolve_actor(session, country) if country else None
        if span is None or span.start == span.end:
            offices = holders_on(session, country=place, on=span.start if span else None)
        else:
            offices = offices_during(session, place, span.start, span.end)
        rows = offices_rows(session, offices)
    emit(rows, fmt, ("leader", "title", "role", "of", "start", "end"))


def sanctions(
    ctx: typer.Context,
    target: Annotated[
        str | None, typer.Option("--target", metavar="NAME", help="Sanctioned country/person.")
    ] = None,
    imposer: Annotated[
        str | None, typer.Option("--imposer", metavar="NAME", help="Who imposed them.")
    ] = None,
    active_on: Annotated[
        str | None,
        typer.Option("--active-on", metavar="DATE", help="In force on this day (YYYY-MM-DD)."),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Sanctions with their authority, measures and lifting dates.

    Example: timeline sanctions --target "North Korea" --active-on 2017-12-31
    """
    from timeline.services.names import resolve_actor
    from timeline.services.sanctions import find_sanctions

    with app_context(ctx).transaction() as session:
        rows = find_sanctions(
            session,
            target=resolve_actor(session, target) if target else None,
            imposer=resolve_actor(session, imposer) if imposer else None,
            active_on=filters.day(active_on, "--active-on"),
        )
    emit(rows, fmt, ("id", "adopted", "imposer", "target", "authority", "lifted_on"))
