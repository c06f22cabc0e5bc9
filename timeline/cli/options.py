"""Option types shared by several commands, so every command spells them the same way."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

import typer

from timeline.formats.render import OutputFormat, render

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format: table, json, csv or markdown."),
]


def emit(
    rows: Iterable[dict[str, Any]],
    fmt: OutputFormat,
    columns: Sequence[str] | None = None,
) -> None:
    """Print rows to stdout in the chosen format."""
    render(rows, fmt, sys.stdout, columns=columns)


def note(message: str) -> None:
    """A human remark (summaries, progress) on stderr, so stdout stays machine-readable."""
    from timeline.cli.errors import printable

    typer.echo("\n".join(printable(line) for line in message.split("\n")), err=True)
