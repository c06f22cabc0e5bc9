"""What the root callback learns once (the database URL) and hands to every command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    from timeline.extract.gazetteer import Gazetteer


@dataclass
class AppContext:
    database_url: str
    _engines: dict[tuple[bool, bool], Engine] = field(default_factory=dict)

    def engine(self, *, writer: bool = False, read_only: bool = False) -> Engine:
        """An engine for the configured database, checked to be at the expected schema."""
        key = (writer, read_only)
        if key not in self._engines:
            from timeline.db import ensure_migrated, make_engine

            engine = make_engine(self.database_url, writer=writer, read_only=read_only)
            ensure_migrated(engine, self.database_url)
            self._engines[key] = engine
        return self._engines[key]

    @contextmanager
    def transaction(self, *, writer: bool = False) -> Iterator[Session]:
        """One transaction: `with Session(engine) as s, s.begin()`, committed on success."""
        from sqlalchemy.orm import Session

        with (
            Session(self.engine(writer=writer), expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def close(self) -> None:
        for engine in self._engines.values():
            engine.dispose()
        self._engines.clear()


def app_context(ctx: typer.Context) -> AppContext:
    root = ctx.find_root()
    if not isinstance(root.obj, AppContext):
        from timeline.config import resolve_database_url

        root.obj = AppContext(resolve_database_url(None))
    return root.obj


def gazetteer_for(ctx: typer.Context) -> Gazetteer:
    """The names the extractor knows: from the database when one is set up and seeded, else
    from the packaged seed files (so `timeline extract` works with no database at all)."""
    from timeline.extract.gazetteer import Gazetteer

    context = app_context(ctx)
    if _database_configured(context.database_url):
        from sqlalchemy import select

        from timeline.errors import DatabaseError
        from timeline.models import Actor

        try:
            with context.transaction() as session:
                if session.scalar(select(Actor.id).limit(1)) is not None:
                    from timeline.services.gazetteer import load_gazetteer

                    return load_gazetteer(session)
        except DatabaseError:
            pass  # not set up: the seed files serve
    return Gazetteer.from_seed_dir()


def _database_configured(url: str) -> bool:
    """A database the user pointed at, or a timeline.db that exists here; never creates one."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return True
    return bool(parsed.database) and Path(parsed.database).exists()
