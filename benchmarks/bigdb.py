"""Builds a large, skewed event database for the query benchmarks, in minutes.

    python benchmarks/bigdb.py --events 1000000 --sqlite /tmp/timeline-1m.db
    python benchmarks/bigdb.py --events 1000000 \\
        --postgres postgresql://postgres@127.0.0.1:5432/timeline_bench_1m

The database is migrated (`timeline db upgrade`) and seeded (`timeline seed`) first, so the
schema, the indexes and the curated actors are exactly the ones users have; then synthetic
rows are bulk-loaded: extra extracted (unverified) people, events of every type and status
with dates at every precision, their participants (3 per event on average), the
`event_pairs` rows the services would maintain, meeting and sanction details, and evidence
rows pointing at short synthetic articles.

Skewed like news: actors are ranked (the best-known leaders, then the big countries, then
everybody else in a fixed shuffled order) and drawn with Zipf weights 1/rank**s (s = 1 by
default), so the ten most active actors take part in about half of all events, while most
actors appear in a few dozen. The same seed gives the same database.

Loading: SQLite through `executemany` with foreign keys off and the secondary indexes
dropped and rebuilt after the load; PostgreSQL through `COPY ... FROM STDIN` (psycopg
`cursor.copy`) with foreign-key triggers skipped (`session_replication_role = replica`) and
the secondary indexes rebuilt after the load, then VACUUM ANALYZE (what autovacuum would do).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sqlite3
import sys
import time
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate, combinations
from pathlib import Path
from typing import Any

from timeline.services.pairs import span_class

# The most active actors first: these are the "most active leaders" the benchmarks query.
FAMOUS = (
    "person:xi-jinping",
    "person:vladimir-putin",
    "person:donald-trump",
    "person:kim-jong-un",
    "person:joe-biden",
    "person:narendra-modi",
    "person:recep-tayyip-erdogan",
    "person:emmanuel-macron",
    "person:alexander-lukashenko",
    "person:volodymyr-zelensky",
    "country:USA",
    "country:CHN",
    "country:RUS",
    "country:PRK",
    "person:moon-jae-in",
    "person:shinzo-abe",
    "org:UNSC",
    "org:EU",
    "person:barack-obama",
    "person:angela-merkel",
)
# (type, weight, participants: list of (count, weight), roles)
TYPES = (
    ("meeting", 31, ((2, 6), (3, 3), (4, 1)), ("host", "guest")),
    ("call", 14, ((2, 8), (3, 2)), ("participant",)),
    ("message", 11, ((2, 1),), ("sender", "recipient")),
    ("invitation", 5, ((2, 1),), ("sender", "recipient")),
    ("attendance", 14, ((4, 2), (6, 3), (8, 3), (10, 1), (12, 1)), ("attendee",)),
    ("agreement", 10, ((2, 4), (3, 3), (4, 2), (5, 1)), ("signatory",)),
    ("sanction", 15, ((2, 1),), ("imposer", "target")),
)
PRECISIONS = (
    ("day", 55),
    ("range", 8),
    ("week", 5),
    ("month_part", 5),
    ("month", 12),
    ("quarter", 4),
    ("season", 3),
    ("year_part", 3),
    ("year", 4),
    ("unknown", 1),
)
STATUSES = (("occurred", 85), ("planned", 10), ("negated", 5))
REVIEWS = (("unreviewed", 970), ("confirmed", 15), ("edited", 5), ("rejected", 10))
PLACES = (
    "Beijing", "Moscow", "Washington", "Pyongyang", "Seoul", "Tokyo", "New Delhi", "Ankara",
    "Paris", "Berlin", "Minsk", "Kyiv", "Vladivostok", "Hanoi", "Singapore", "Geneva",
    "Helsinki", "Astana", "Brussels", "New York", None, None, None,
)  # fmt: skip
FIRST = ("Ahmad", "Li", "Maria", "Sergei", "Park", "Anna", "Jean", "Kim", "Olga", "Raj")
LAST = ("Hassan", "Wei", "Santos", "Ivanov", "Ji-hoon", "Kowalski", "Dupont", "Min", "Rao")
STAMP = "2026-01-01 00:00:00.000000"
FIRST_YEAR, LAST_YEAR = 1990, 2025
EXTRACTOR_VERSION = "bench"


def _table(pairs: Any) -> tuple[list[Any], list[float]]:
    values = [p[0] for p in pairs]
    return values, list(accumulate(p[1] for p in pairs))


@dataclass
class Ids:
    actor: int = 0
    alias: int = 0
    event: int = 0
    participant: int = 0
    evidence: int = 0
    article: int = 0


@dataclass
class Chunk:
    """Rows for each table, as tuples in the column order of COLUMNS."""

    events: list[tuple[Any, ...]] = field(default_factory=list)
    participants: list[tuple[Any, ...]] = field(default_factory=list)
    event_pairs: list[tuple[Any, ...]] = field(default_factory=list)
    event_singles: list[tuple[Any, ...]] = field(default_factory=list)
    meeting_details: list[tuple[Any, ...]] = field(default_factory=list)
    sanction_details: list[tuple[Any, ...]] = field(default_factory=list)
    evidence: list[tuple[Any, ...]] = field(default_factory=list)


COLUMNS = {
    "actors": "id key kind name country_id origin verified created_at updated_at",
    "actor_aliases": "id actor_id alias normalized kind",
    "articles": "id content_hash external_id title source url published text ingested_at",
    "events": (
        "id type start_date end_date precision date_text status location confidence origin "
        "review created_at updated_at"
    ),
    "participants": "id event_id actor_id role",
    "event_pairs": (
        "event_id actor_a_id actor_b_id start_date end_date type status span_class "
        "participant_count"
    ),
    "event_singles": (
        "event_id actor_id start_date end_date type status span_class participant_count"
    ),
    "meeting_details": "event_id venue format",
    "sanction_details": "event_id authority measures lifted_on notes",
    "evidence": (
        "id event_id article_id sentence start_char end_char date_text extractor_version "
        "confidence created_at"
    ),
}
LOADED = ("actors", "actor_aliases", "articles", *Chunk.__dataclass_fields__)


class Generator:
    """Deterministic rows for a database whose seeded actors and next ids are known."""

    def __init__(self, seed: int, actors: list[tuple[int, str]], ids: Ids, extra: int, zipf: float):
        self.rng = random.Random(seed)
        self.ids = ids
        self.seed = seed
        self.new_actors: list[tuple[Any, ...]] = []
        self.new_aliases: list[tuple[Any, ...]] = []
        for n in range(extra):
            ids.actor += 1
            ids.alias += 1
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)} {n:05d}"
            key = f"person:bench-{n:05d}"
            self.new_actors.append(
                (ids.actor, key, "person", name, None, "extracted", False, STAMP, STAMP)
            )
            folded = "".join(ch for ch in name.lower() if ch.isalnum())
            self.new_aliases.append((ids.alias, ids.actor, name, folded, "name"))
            actors.append((ids.actor, key))
        by_key = dict((key, actor_id) for actor_id, key in actors)
        famous = [by_key[k] for k in FAMOUS if k in by_key]
        rest = sorted(actor_id for actor_id, _ in actors if actor_id not in set(famous))
        random.Random(seed + 1).shuffle(rest)
        self.ranked = famous + rest
        self.cum = list(accumulate(1.0 / (rank + 1) ** zipf for rank in range(len(self.ranked))))
        self.types = _table([(t, w) for t, w, _, _ in TYPES])
        self.sizes = {t: _table(sizes) for t, _, sizes, _ in TYPES}
        self.roles = {t: roles for t, _, _, roles in TYPES}
        self.precisions = _table(PRECISIONS)
        self.statuses = _table(STATUSES)
        self.reviews = _table(REVIEWS)
        # Recent years are reported more: weight grows linearly with the year.
        self.years = _table([(y, y - FIRST_YEAR + 5) for y in range(FIRST_YEAR, LAST_YEAR + 1)])
        self.first_article = ids.article + 1

    def articles(self, count: int) -> Iterator[tuple[Any, ...]]:
        rng = random.Random(self.seed + 2)
        for n in range(count):
            self.ids.article += 1
            text = f"Synthetic article {n} of the benchmark database (seed {self.seed})."
            digest = hashlib.sha256(f"{self.seed}:{n}".encode()).hexdigest()
            day = date(rng.randrange(FIRST_YEAR, LAST_YEAR + 1), 1, 1) + timedelta(
                days=rng.randrange(365)
            )
            yield (
                self.ids.article,
                digest,
                f"bench-{n}",
                f"Benchmark article {n}",
                "bench",
                None,
                day.isoformat(),
                text,
                STAMP,
            )
        self.article_count = count

    def _pick(self, table: tuple[list[Any], list[float]]) -> Any:
        values, cum = table
        return values[bisect_right(cum, self.rng.random() * cum[-1])]

    def _actors(self, count: int) -> list[int]:
        chosen: list[int] = []
        cum, total, ranked = self.cum, self.cum[-1], self.ranked
        while len(chosen) < count:
            actor = ranked[bisect_right(cum, self.rng.random() * total)]
            if actor not in chosen:
                chosen.append(actor)
        return chosen

    def _dates(self, precision: str) -> tuple[date | None, date | None, str | None]:
        rng = self.rng
        year = self._pick(self.years)
        if precision == "unknown":
            return None, None, None
        start = date(year, 1, 1) + timedelta(days=rng.randrange(365))
        if precision == "day":
            return start, start, f"on {start:%B} {start.day}"
        if precision == "range":
            return start, start + timedelta(days=rng.randrange(1, 5)), "from ... to ..."
        if precision == "week":
            monday = start - timedelta(days=start.weekday())
            return monday, monday + timedelta(days=6), "last week"
        first = start.replace(day=1)
        next_month = (first + timedelta(days=32)).replace(day=1)
        if precision == "month_part":
            return first.replace(day=21), next_month - timedelta(days=1), f"late {start:%B}"
        if precision == "month":
            return first, next_month - timedelta(days=1), f"in {start:%B}"
        if precision == "quarter":
            q = (start.month - 1) // 3
            begin = date(year, 3 * q + 1, 1)
            end = (date(year, 3 * q + 3, 28) + timedelta(days=4)).replace(day=1)
            return begin, end - timedelta(days=1), f"in the quarter {q + 1}"
        if precision == "season":
            return date(year, 6, 1), date(year, 8, 31), "in the summer"
        if precision == "year_part":
            return date(year, 9, 1), date(year, 12, 31), "late last year"
        return date(year, 1, 1), date(year, 12, 31), f"in {year}"

    def chunk(self, count: int) -> Chunk:
        rng, ids, out = self.rng, self.ids, Chunk()
        for _ in range(count):
            ids.event += 1
            event_id = ids.event
            kind = self._pick(self.types)
            precision = self._pick(self.precisions)
            start, end, words = self._dates(precision)
            status = self._pick(self.statuses)
            place = rng.choice(PLACES)
            start_text = start.isoformat() if start else None
            out.events.append(
                (
                    event_id,
                    kind,
                    start_text,
                    end.isoformat() if end else None,
                    precision,
                    words,
                    status,
                    place,
                    round(0.5 + rng.random() / 2, 2),
                    "extracted",
                    self._pick(self.reviews),
                    STAMP,
                    STAMP,
                )
            )
            actors = self._actors(self._pick(self.sizes[kind]))
            roles = self.roles[kind]
            for n, actor in enumerate(actors):
                ids.participant += 1
                role = roles[min(n, len(roles) - 1)]
                out.participants.append((ids.participant, event_id, actor, role))
            end_text = end.isoformat() if end else None
            count = len(set(actors))
            keys = (start_text, end_text, kind, status, span_class(start, end), count)
            for actor in sorted(set(actors)):
                out.event_singles.append((event_id, actor, *keys))
            for a, b in combinations(sorted(set(actors)), 2):
                out.event_pairs.append((event_id, a, b, *keys))
            if kind == "meeting":
                out.meeting_details.append((event_id, place, "visit"))
            elif kind == "sanction":
                out.sanction_details.append(
                    (event_id, "UNSC Resolution 2397", "asset freeze", None, None)
                )
            reports = 1 + (rng.random() < 0.35) + (rng.random() < 0.15)
            for n in range(reports):
                ids.evidence += 1
                article = self.first_article + rng.randrange(self.article_count)
                offset = 40 * n
                out.evidence.append(
                    (
                        ids.evidence,
                        event_id,
                        article,
                        f"Synthetic sentence reporting event {event_id}.",
                        offset,
                        offset + 38,
                        words,
                        EXTRACTOR_VERSION,
                        1.0,
                        STAMP,
                    )
                )
        return out


# --- backends ------------------------------------------------------------------------------


class SqliteLoader:
    def __init__(self, path: str) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None)
        c = self.connection
        c.execute("PRAGMA foreign_keys=OFF")
        c.execute("PRAGMA journal_mode=DELETE")
        c.execute("PRAGMA synchronous=OFF")
        c.execute("PRAGMA cache_size=-400000")
        self.indexes: list[str] = []

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql).fetchall()

    def drop_indexes(self) -> None:
        names = ",".join(f"'{t}'" for t in LOADED)
        for name, sql in self.query(
            f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({names}) AND name NOT LIKE 'uq_%'"
        ):
            self.indexes.append(sql)
            self.connection.execute(f'DROP INDEX "{name}"')

    def begin(self) -> None:
        self.connection.execute("BEGIN")

    def load(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        cols = COLUMNS[table].split()
        marks = ",".join("?" * len(cols))
        self.connection.executemany(
            f"INSERT INTO {table} ({','.join(cols)}) VALUES ({marks})", rows
        )

    def commit(self) -> None:
        self.connection.execute("COMMIT")

    def finish(self, analyze: bool) -> None:
        for sql in self.indexes:
            self.connection.execute(sql)
        if analyze:
            self.connection.execute("ANALYZE")
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.close()


class PostgresLoader:
    def __init__(self, url: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        self.connection = psycopg.connect(
            host=parsed.host,
            port=parsed.port or 5432,
            user=parsed.username,
            password=parsed.password,
            dbname=parsed.database,
            autocommit=True,
        )
        self.connection.execute("SET session_replication_role = replica")  # no FK triggers
        self.connection.execute("SET maintenance_work_mem = '512MB'")
        self.connection.execute("SET synchronous_commit = off")
        self.indexes: list[str] = []

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql).fetchall()

    def drop_indexes(self) -> None:
        names = ",".join(f"'{t}'" for t in LOADED)
        for name, sql in self.query(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' "
            f"AND i.tablename IN ({names}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conname = i.indexname)"
        ):
            self.indexes.append(sql)
            self.connection.execute(f'DROP INDEX "{name}"')

    def begin(self) -> None:
        self.connection.execute("BEGIN")

    def load(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        lines = "".join("\t".join(_pg_text(v) for v in row) + "\n" for row in rows)
        cols = ",".join(COLUMNS[table].split())
        with self.connection.cursor().copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            copy.write(lines)

    def commit(self) -> None:
        self.connection.execute("COMMIT")

    def finish(self, analyze: bool) -> None:
        c = self.connection
        for sql in self.indexes:
            c.execute(sql)
        for table in ("actors", "actor_aliases", "articles", "events", "participants",
                      "evidence"):  # fmt: skip
            c.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        c.execute("VACUUM ANALYZE")
        c.close()


def _pg_text(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value)


# --- building ------------------------------------------------------------------------------


def prepare(url: str) -> None:
    """A migrated, seeded database at `url` (created on PostgreSQL, replaced if it exists)."""
    from timeline import db
    from timeline.formats.seedfiles import load_seed_dir
    from timeline.services.seed import seed_database

    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        recreate_postgres(url)
    db.upgrade(url)
    engine = db.make_engine(url)
    with db.session_scope(engine) as session:
        seed_database(session, load_seed_dir())
    engine.dispose()


def recreate_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from timeline.config import normalise_url

    parsed = make_url(normalise_url(url))
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def build(
    url: str,
    events: int,
    *,
    seed: int = 1,
    extra_actors: int = 4000,
    zipf: float = 1.0,
    analyze: bool | None = None,
    chunk_size: int = 20_000,
    quiet: bool = False,
) -> dict[str, Any]:
    """Create the database at `url` with `events` synthetic events; returns figures."""
    started = time.perf_counter()
    prepare(url)
    seeded = time.perf_counter()
    is_sqlite = url.startswith("sqlite")
    loader: SqliteLoader | PostgresLoader = (
        SqliteLoader(url.split("///", 1)[1]) if is_sqlite else PostgresLoader(url)
    )
    tables = ("actors", "actor_aliases", "events", "participants", "evidence", "articles")
    ids = Ids(*(loader.query(f"SELECT coalesce(max(id), 0) FROM {t}")[0][0] for t in tables))
    actors = [
        (row[0], row[1])
        for row in loader.query("SELECT id, key FROM actors WHERE origin <> 'reign' ORDER BY id")
    ]
    gen = Generator(seed, actors, ids, extra_actors, zipf)
    loader.drop_indexes()
    loader.begin()
    loader.load("actors", gen.new_actors)
    loader.load("actor_aliases", gen.new_aliases)
    articles = list(gen.articles(max(1, events // 2)))
    for n in range(0, len(articles), chunk_size):
        loader.load("articles", articles[n : n + chunk_size])
    del articles
    counts = dict.fromkeys(Chunk.__dataclass_fields__, 0)
    done = 0
    while done < events:
        part = gen.chunk(min(chunk_size, events - done))
        for table in Chunk.__dataclass_fields__:
            rows = getattr(part, table)
            counts[table] += len(rows)
            loader.load(table, rows)
        done += len(part.events)
        if not quiet:
            elapsed = time.perf_counter() - seeded
            print(f"\r  {done:,} events, {elapsed:.0f} s", end="", file=sys.stderr, flush=True)
    loader.commit()
    if not quiet:
        print("\n  rebuilding indexes", file=sys.stderr, flush=True)
    loaded = time.perf_counter()
    loader.finish(analyze if analyze is not None else not is_sqlite)
    finished = time.perf_counter()
    return {
        "events": counts["events"],
        "participants": counts["participants"],
        "event_pairs": counts["event_pairs"],
        "evidence": counts["evidence"],
        "articles": max(1, events // 2),
        "actors": len(gen.ranked),
        "top_actor_ids": gen.ranked[:10],
        "seconds_seed": seeded - started,
        "seconds_load": loaded - seeded,
        "seconds_index": finished - loaded,
        "seconds_total": finished - started,
    }


def url_for(args: argparse.Namespace) -> str:
    if args.sqlite:
        return f"sqlite:///{Path(args.sqlite).resolve()}"
    return args.postgres


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--sqlite", metavar="PATH", help="SQLite file to create (replaced)")
    target.add_argument("--postgres", metavar="URL", help="PostgreSQL database (recreated)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extra-actors", type=int, default=4000)
    parser.add_argument("--zipf", type=float, default=1.0, help="skew exponent s")
    parser.add_argument(
        "--analyze",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="run ANALYZE at the end (default: on PostgreSQL only, as autovacuum would; "
        "a SQLite database grown by `timeline ingest` has no statistics)",
    )
    args = parser.parse_args()
    figures = build(
        url_for(args),
        args.events,
        seed=args.seed,
        extra_actors=args.extra_actors,
        zipf=args.zipf,
        analyze=args.analyze,
    )
    print(
        f"built {figures['events']:,} events, {figures['participants']:,} participants, "
        f"{figures['event_pairs']:,} event pairs, {figures['evidence']:,} evidence rows, "
        f"{figures['articles']:,} articles, {figures['actors']:,} actors in "
        f"{figures['seconds_total']:.0f} s (seed {figures['seconds_seed']:.0f} s, load "
        f"{figures['seconds_load']:.0f} s, indexes {figures['seconds_index']:.0f} s)"
    )


if __name__ == "__main__":
    main()
