"""Domain errors: the library raises these; the CLI turns each into one line on stderr."""

from __future__ import annotations


class TimelineError(Exception):
    """Base of every error a user can cause and fix; `exit_code` is what the CLI exits with."""

    exit_code = 1


class InputError(TimelineError):
    """A file, record or argument that cannot be used as given."""

    exit_code = 2


class NotFoundError(TimelineError):
    """A name, id or report that does not exist."""

    exit_code = 3


class AmbiguousNameError(NotFoundError):
    """A name that fits more than one actor."""


class DatabaseError(TimelineError):
    """The database cannot be reached, is not migrated, or refused the operation."""

    exit_code = 4


class OutputError(TimelineError):
    """An output file that cannot or must not be written."""

    exit_code = 1


INTERNAL_ERROR_EXIT = 70


def describe_failure(exc: BaseException, url: str | None = None) -> tuple[str, int]:
    """One line and an exit code for any failure, for whoever reports it (the CLI, or ingest
    when one article fails and the others go on); `url` is the database in use, named
    (password hidden) when the database is what failed."""
    if isinstance(exc, TimelineError):
        return one_line(str(exc)), exc.exit_code
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

    if isinstance(exc, OperationalError):
        from timeline.db import connection_error

        if url is not None:
            return one_line(str(connection_error(url, exc))), 4
        reason = getattr(exc, "orig", None) or exc
        return f"database error: {one_line(str(reason))}", 4
    if isinstance(exc, SQLAlchemyError):
        reason = getattr(exc, "orig", None) or exc
        return f"database error: {one_line(str(reason))}", 4
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        return f"{where}{exc.strerror or exc}", 2
    return (
        f"internal error ({type(exc).__name__}: {one_line(str(exc))}); "
        "set TIMELINE_DEBUG=1 to see the traceback",
        INTERNAL_ERROR_EXIT,
    )


def one_line(message: str) -> str:
    """The first non-blank line, at most 500 characters."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    text = lines[0] if lines else "unknown error"
    return text if len(text) <= 500 else text[:497] + "..."
