"""Where the database is: one resolution rule shared by the CLI, the library and Alembic."""

from __future__ import annotations

import os

DEFAULT_DATABASE_URL = "sqlite:///timeline.db"
DATABASE_URL_ENV = "TIMELINE_DATABASE_URL"
SECRET_QUERY_KEYS = {"password", "passwd", "pwd", "sslpassword", "passfile"}


def resolve_database_url(explicit: str | None = None) -> str:
    """`--db URL`, else $TIMELINE_DATABASE_URL, else `timeline.db` in the current directory."""
    url = explicit or os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL
    return normalise_url(url)


def normalise_url(url: str) -> str:
    """Accept the URLs people paste (`postgresql://`, `postgres://`) and use psycopg 3 for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def redact_url(url: str) -> str:
    """The URL as it may be shown to a user: never with its password."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
        query = {
            key: "***" if key.lower() in SECRET_QUERY_KEYS else value
            for key, value in parsed.query.items()
        }
        return parsed.set(query=query).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: show only its scheme
        return url.split(":", 1)[0] + "://..."
