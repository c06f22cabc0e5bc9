"""Transaction-scoped named locks, so concurrent writers on PostgreSQL take turns.

SQLite needs none: its writers already take the database lock at BEGIN IMMEDIATE.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session


def advisory_lock(session: Session, name: str) -> None:
    """Hold `name` until the transaction ends (pg_advisory_xact_lock)."""
    lock_all(session, [name])


def lock_all(session: Session, names: Iterable[str]) -> None:
    """Take several locks in one fixed (sorted) order, so two writers never deadlock."""
    if session.get_bind().dialect.name != "postgresql":
        return
    keys = sorted({lock_key(name) for name in names})
    if keys:  # one round trip for all of them, still taken in this order
        session.execute(
            text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) AS k"),
            {"keys": keys},
        )


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for a lock name."""
    data = name.encode()
    return (zlib.crc32(data) | (zlib.adler32(data) << 32)) - (1 << 63)
