"""Turns every failure into one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from timeline.errors import INTERNAL_ERROR_EXIT, describe_failure

__all__ = ["INTERNAL_ERROR_EXIT", "CliError", "translate"]


class CliError(Exception):
    """A message for the user, printed as `timeline: error: ...` on stderr."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def translate(exc: BaseException, url: str | None = None) -> CliError:
    """The one-line message and exit code for any exception escaping a command; `url` is the
    database in use, named (password hidden) when the database is what failed."""
    message, exit_code = describe_failure(exc, url)
    return CliError(message, exit_code)


class TimelineGroup(TyperGroup):
    """Root group: every command's exceptions pass through here on their way out."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except typer.TyperException as exc:
            _usage_error_in_one_line(exc)
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.TyperException as exc:
            _usage_error_in_one_line(exc)
            raise
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # `timeline events | head`: the reader left; not an error worth a message.
            sys.stderr.close()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            fail(CliError("interrupted", 130))
        except CliError as exc:
            fail(exc)
        except Exception as exc:
            if os.environ.get("TIMELINE_DEBUG"):
                raise
            fail(translate(exc, getattr(ctx.find_root().obj, "database_url", None)))


# Bidirectional controls reorder what a terminal shows ("evil\u202egnp.json" reads as
# "eviljson.png"); other control characters move the cursor or ring the bell.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str) -> str:
    """`text` safe to print on one terminal line: control and bidi characters escaped, bytes
    that are not UTF-8 (from file names) shown as \\xNN."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() and c not in _BIDI else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


def _usage_error_in_one_line(exc: Exception) -> None:
    """Click's usage errors print four lines (usage, hint, blank, error): make them one, like
    every other failure, naming the command and where its help is."""
    usage = getattr(exc, "exit_code", None) == 2 and hasattr(exc, "format_message")
    if not usage:
        return
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "timeline"
    message = exc.format_message()  # type: ignore[attr-defined]
    fail(CliError(f"{message} (see '{path} -h')", 2))


def fail(error: CliError) -> None:
    """Print the error's one line and exit with its code."""
    typer.echo(f"timeline: error: {printable(error.message)}", err=True)
    raise typer.Exit(error.exit_code) from None
