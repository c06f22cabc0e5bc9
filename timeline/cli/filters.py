"""Event filter options shared by `events`, `contacts` and `export`, and their translation."""

from datetime import date
from typing import Annotated

import typer

from timeline.vocabulary import EVENT_TYPES, REVIEW_STATES, ROLES, STATUSES

ActorOption = Annotated[
    list[str] | None,
    typer.Option("--actor", "-a", metavar="NAME", help="Taking part (repeat: all of them)."),
]
CountryOption = Annotated[
    str | None,
    typer.Option("--country", metavar="NAME", help="With a participant of this country."),
]
ArticleOption = Annotated[
    int | None,
    typer.Option("--article", metavar="ID", min=1, max=2**31 - 1, help="Reported by this article."),
]
SinceOption = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="From this date (YYYY, YYYY-MM, YYYY-MM-DD)."),
]
UntilOption = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", help="Up to this date, inclusive (its whole span)."),
]
RoleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--role",
        metavar="ROLE",
        help="The first --actor took part as this (guest: a visit abroad; repeatable).",
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Only events lying wholly inside the window.")
]
TypeOption = Annotated[
    list[str] | None,
    typer.Option("--type", "-t", metavar="TYPE", help=f"Event type ({', '.join(EVENT_TYPES)})."),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help="occurred (default), planned or negated; repeat for several, or 'all'.",
    ),
]
ReviewOption = Annotated[
    list[str] | None,
    typer.Option(
        "--review",
        metavar="STATE",
        help=f"Review state ({', '.join(REVIEW_STATES)}); rejected events are hidden otherwise.",
    ),
]


def window(since: str | None, until: str | None, strict: bool):  # -> services.queries.Window
    """--since is the first day of its span, --until the last day of its span."""
    from timeline.services.queries import Window

    first, last = span(since, "--since"), span(until, "--until")
    return Window(
        since=first.start if first else None, until=last.end if last else None, strict=strict
    )


def span(value: str | None, option: str):  # -> DateRange | None
    """A date flag's whole span: YYYY is the year, YYYY-MM the month, YYYY-MM-DD the day."""
    if value is None:
        return None  # without loading the date grammar: most queries give no dates
    from timeline.extract.dates import parse_filter_date

    try:
        return parse_filter_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint=option) from None


def types(values: list[str] | None) -> tuple[str, ...]:
    return choices(values, EVENT_TYPES, "--type")


def statuses(values: list[str] | None) -> tuple[str, ...]:
    if values and "all" in values:
        return STATUSES
    return choices(values, STATUSES, "--status") or ("occurred",)


def reviews(values: list[str] | None) -> tuple[str, ...]:
    return choices(values, REVIEW_STATES, "--review")


def choices(values: list[str] | None, allowed: tuple[str, ...], option: str) -> tuple[str, ...]:
    for value in values or ():
        if value not in allowed:
            raise typer.BadParameter(
                f"{value!r} is not one of {', '.join(allowed)}", param_hint=option
            )
    return tuple(values or ())


def roles(values: list[str] | None) -> tuple[str, ...]:
    return choices(values, ROLES, "--role")
