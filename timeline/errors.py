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
