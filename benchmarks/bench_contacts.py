"""The contacts query on large skewed databases: p50/p95 latency, and `timeline contacts` wall
time as a fresh process.

    python benchmarks/bench_contacts.py                       # SQLite, 10k/100k/1M events
    python benchmarks/bench_contacts.py --postgres postgresql://postgres@127.0.0.1:5432/postgres
    python benchmarks/bench_contacts.py --sizes 1000000 --queries 300

Databases are built by `bigdb.py` on first use and reused (SQLite files in --workdir,
PostgreSQL databases `timeline_bench_<size>` next to the --postgres URL); --rebuild forces it.

What one query is: what `timeline contacts A B` does after start-up, in-process: one read
transaction, both names resolved (`resolve_pair`), then `contacts()` with its display rows
(participants and source counts). Query classes, each run over many different pairs:

  rare pair      two actors drawn uniformly (most actors take part in a few dozen events)
  active + rare  one of the ten most active leaders with a uniformly drawn actor: the cost
                 must follow the shared events, not the leader's hundreds of thousands
  active, 1 year two of the ten most active leaders, one calendar year (--since/--until)
  top pairs      the ten pairs with the most shared events, all years: the answer itself is
                 tens of thousands of rows, so this measures rows per second, not latency
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bigdb
import common

TOP = 10


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def database_url(backend: str, size: int, args: argparse.Namespace) -> str:
    if backend == "sqlite":
        return f"sqlite:///{Path(args.workdir).resolve() / f'timeline-bench-{size}.db'}"
    from sqlalchemy.engine import make_url

    return (
        make_url(args.postgres)
        .set(database=f"timeline_bench_{size}")
        .render_as_string(hide_password=False)
    )


def ensure_database(url: str, size: int, rebuild: bool) -> None:
    """Build the database unless one with `size` generated events is already there."""
    if not rebuild:
        from sqlalchemy import create_engine, text

        from timeline.config import normalise_url

        try:
            engine = create_engine(normalise_url(url))
            with engine.connect() as connection:
                have = connection.execute(
                    text("SELECT count(*) FROM events WHERE origin = 'extracted'")
                ).scalar()
            engine.dispose()
            if have == size:
                from timeline import db

                db.upgrade(url)  # built under an older schema: add what is new
                return
        except Exception:  # missing or unusable: build it
            pass
    print(f"building {size:,} events at {url.split('@')[-1]} ...", file=sys.stderr, flush=True)
    figures = bigdb.build(url, size, quiet=True)
    print(
        f"  built in {figures['seconds_total']:.0f} s: {figures['participants']:,} participants,"
        f" {figures['event_pairs']:,} event pairs",
        file=sys.stderr,
    )


class Workload:
    """Query pairs by class, drawn deterministically from the database's actors."""

    def __init__(self, session: Any, count: int, seed: int = 7) -> None:
        from sqlalchemy import func, select

        from timeline.models import Actor, ActorAlias, Participant
        from timeline.services.names import candidates

        rng = random.Random(seed)
        activity = dict(
            session.execute(
                select(Participant.actor_id, func.count()).group_by(Participant.actor_id)
            ).all()
        )
        names = dict(
            session.execute(
                select(Actor.id, Actor.name)
                .join(ActorAlias, ActorAlias.actor_id == Actor.id)
                .where(ActorAlias.kind == "name", Actor.origin != "reign")
            ).all()
        )
        ranked = sorted((a for a in activity if a in names), key=lambda a: -activity[a])
        # Only names that resolve to one actor, as a user would type them.
        usable = [a for a in ranked if len(candidates(session, names[a])) == 1]
        top = usable[:TOP]
        everyone = usable[TOP:]
        self.activity = activity
        self.names = names
        self.top = top
        self.classes: dict[str, list[tuple[str, str, str | None, str | None]]] = {}
        self.classes["rare pair"] = [
            (names[a], names[b], None, None)
            for a, b in (rng.sample(everyone, 2) for _ in range(count))
        ]
        self.classes["active + rare"] = [
            (names[rng.choice(top)], names[rng.choice(everyone)], None, None) for _ in range(count)
        ]
        years = []
        for _ in range(count):
            year = rng.randrange(2000, 2026)
            a, b = rng.sample(top, 2)
            years.append((names[a], names[b], f"{year}-01-01", f"{year}-12-31"))
        self.classes["active, 1 year"] = years
        pair_counts = []
        for i, a in enumerate(top):
            for b in top[i + 1 :]:
                pair_counts.append((a, b))
        self.classes["top pairs"] = [(names[a], names[b], None, None) for a, b in pair_counts]


def run_query(session: Any, first: str, second: str, since: str | None, until: str | None) -> int:
    from timeline.services.names import resolve_pair
    from timeline.services.queries import Window, contacts

    a, b = resolve_pair(session, first, second)
    window = Window(
        date.fromisoformat(since) if since else None, date.fromisoformat(until) if until else None
    )
    return len(contacts(session, a, b, window=window))


def bench_queries(url: str, queries: int, top_limit: int) -> dict[str, dict[str, float]]:
    from sqlalchemy.orm import Session

    from timeline import db

    engine = db.make_engine(url)
    with Session(engine) as session, session.begin():
        workload = Workload(session, queries)
    results: dict[str, dict[str, float]] = {}
    for name, pairs in workload.classes.items():
        if name == "top pairs":
            pairs = pairs[:top_limit]
        for first, second, since, until in pairs[: max(3, len(pairs) // 10)]:  # warm up
            with Session(engine) as session, session.begin():
                run_query(session, first, second, since, until)
        times, rows = [], []
        for first, second, since, until in pairs:
            started = time.perf_counter()
            with Session(engine) as session, session.begin():
                rows.append(run_query(session, first, second, since, until))
            times.append(time.perf_counter() - started)
        results[name] = {
            "n": len(times),
            "p50_ms": percentile(times, 50) * 1000,
            "p95_ms": percentile(times, 95) * 1000,
            "rows_median": statistics.median(rows),
            "rows_max": max(rows),
            "us_per_row": 1e6 * sum(times) / max(1, sum(rows)),
        }
    engine.dispose()
    return results


def bench_floor(url: str, queries: int) -> dict[str, float]:
    """Rare pairs five ways, same pairs, same run: the `contacts` service with both actors
    already resolved; the whole query as `timeline contacts` runs it (names resolved too);
    the floor, one statement on the pair index through the DB-API cursor (ids known,
    statement prepared by the driver, no display rows); and what SQLAlchemy itself costs
    for that one statement: built once and run on an open Core connection ("core"), and
    run in a Session's read transaction as every service call is ("session")."""
    from sqlalchemy import bindparam, select, text
    from sqlalchemy.orm import Session

    from timeline import db
    from timeline.models import Actor
    from timeline.services.queries import contacts

    engine = db.make_engine(url)
    with Session(engine) as session, session.begin():
        pairs = Workload(session, queries).classes["rare pair"]
        actors = {a.name: a for a in session.scalars(select(Actor))}
        session.expunge_all()
    placeholder = "?" if engine.dialect.name == "sqlite" else "%s"
    floor_sql = (
        "SELECT e.id, e.type, e.start_date, e.end_date, e.precision, e.status "
        "FROM event_pairs p JOIN events e ON e.id = p.event_id "
        f"WHERE p.actor_a_id = {placeholder} AND p.actor_b_id = {placeholder} "
        "ORDER BY p.start_date"
    )
    times: dict[str, list[float]] = {
        "service": [], "names": [], "floor": [], "core": [], "session": []
    }  # fmt: skip
    # the floor's statement as SQLAlchemy runs it, compiled once and cached after
    statement = text(floor_sql.replace(placeholder, ":a", 1).replace(placeholder, ":b", 1))
    statement = statement.bindparams(bindparam("a"), bindparam("b"))
    with engine.connect() as connection:
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        for first, second, _, _ in pairs * 2:  # the first pass warms caches
            a, b = actors[first], actors[second]
            low, high = sorted((a.id, b.id))
            started = time.perf_counter()
            cursor.execute(floor_sql, (low, high))
            cursor.fetchall()
            times["floor"].append(time.perf_counter() - started)
            started = time.perf_counter()
            connection.execute(statement, {"a": low, "b": high}).all()
            times["core"].append(time.perf_counter() - started)
        cursor.close()
    for first, second, _, _ in pairs * 2:
        low, high = sorted((actors[first].id, actors[second].id))
        started = time.perf_counter()
        with Session(engine) as session, session.begin():
            session.execute(statement, {"a": low, "b": high}).all()
        times["session"].append(time.perf_counter() - started)
    for first, second, _, _ in pairs * 2:
        a, b = actors[first], actors[second]
        started = time.perf_counter()
        with Session(engine) as session, session.begin():
            contacts(session, a, b)
        times["service"].append(time.perf_counter() - started)
        started = time.perf_counter()
        with Session(engine) as session, session.begin():
            run_query(session, first, second, None, None)
        times["names"].append(time.perf_counter() - started)
    engine.dispose()
    return {name: percentile(values[len(pairs) :], 50) * 1000 for name, values in times.items()}


def explain(url: str) -> list[str]:
    """The plan of the contacts query for the two most active leaders."""
    from sqlalchemy import text
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.orm import Session

    from timeline import db
    from timeline.models import Actor, Event, EventPair
    from timeline.services.queries import Window, _common
    from timeline.vocabulary import CONTACT_TYPES

    engine = db.make_engine(url)
    with Session(engine) as session:
        from sqlalchemy import select

        ids = session.scalars(
            select(Actor.id).where(Actor.key.in_(bigdb.FAMOUS[:2])).order_by(Actor.id)
        ).all()
        query = (
            select(Event)
            .join(EventPair, EventPair.event_id == Event.id)
            .where(EventPair.actor_a_id == ids[0], EventPair.actor_b_id == ids[1])
            .where(Event.type.in_(CONTACT_TYPES))
        )
        query = _common(query, ("occurred",), False, Window())
        dialect = sqlite.dialect() if engine.dialect.name == "sqlite" else postgresql.dialect()
        sql = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
        plan = [" ".join(str(c) for c in row) for row in session.execute(text(prefix + sql))]
    engine.dispose()
    return plan


def bench_startup(command: list[str], runs: int = 11) -> tuple[float, float]:
    """Median CPU seconds (user + system) and wall seconds of a fresh process."""
    cpu, wall = [], []
    for n in range(runs + 1):
        before = common.children_cpu()
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        if n:  # the first run warms the page cache
            wall.append(time.perf_counter() - started)
            cpu.append(common.children_cpu() - before)
    return statistics.median(cpu), statistics.median(wall)


# The least a Typer command answering from ORM-mapped models can do: one model, one query.
MINIMAL_QUERY_APP = """
import sys, typer
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
class Base(DeclarativeBase):
    pass
class Actor(Base):
    __tablename__ = "actors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
app = typer.Typer()
@app.command()
def contacts(first: str, second: str) -> None:
    with Session(create_engine("sqlite://")) as session:
        Base.metadata.create_all(session.connection())
        print(session.scalars(select(Actor).where(Actor.name.in_([first, second]))).all())
@app.command()
def other() -> None:
    pass
sys.argv[1:] = ["contacts", "Kim Jong Un", "Xi Jinping"]
app()
"""
STARTUP_FLOORS = {
    "import sqlalchemy, typer (the issue's floor)": "import sqlalchemy, typer",
    # what any query on ORM-mapped models must import before it runs
    "import sqlalchemy.orm, typer": "import sqlalchemy.orm, typer",
    "a minimal Typer command querying one ORM model (in memory)": MINIMAL_QUERY_APP,
}


def bench_cli(url: str, first: str, second: str, runs: int = 9) -> tuple[float, int]:
    """Median wall time of `timeline --db URL contacts A B` as a fresh process."""
    command = [*common.timeline_command(), "--db", url, "contacts", first, second]
    times, lines = [], 0
    for n in range(runs + 1):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"timeline contacts failed: {done.stderr.strip()}")
        if n:  # the first run warms the page cache
            times.append(elapsed)
        lines = max(0, len(done.stdout.splitlines()) - 2)
    return statistics.median(times), lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200, help="pairs per query class")
    parser.add_argument("--top-pairs", type=int, default=10)
    parser.add_argument("--workdir", default=tempfile.gettempdir())
    parser.add_argument("--postgres", metavar="URL", help="also PostgreSQL (any database URL "
                        "on the server; bench databases are created next to it)")  # fmt: skip
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--cold-start-only", action="store_true",
                        help="only the fresh-process figures, on the seeded database")  # fmt: skip
    args = parser.parse_args()
    print(f"machine: {common.machine()}", flush=True)
    if args.cold_start_only:
        cold_start(seeded_database(Path(args.workdir)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    backends = ([] if args.no_sqlite else ["sqlite"]) + (["postgresql"] if args.postgres else [])
    for backend in backends:
        for size in sizes:
            url = database_url(backend, size, args)
            ensure_database(url, size, args.rebuild)
            results = bench_queries(url, args.queries, args.top_pairs)
            for name, r in results.items():
                print(
                    f"contacts ({backend}, {size:,} events) {name:<15} n={r['n']:<4} "
                    f"p50 {r['p50_ms']:7.2f} ms  p95 {r['p95_ms']:8.2f} ms  "
                    f"rows median {r['rows_median']:>7,.0f} max {r['rows_max']:>7,}  "
                    f"{r['us_per_row']:6.1f} us/row",
                    flush=True,
                )
            floor = bench_floor(url, args.queries)
            print(
                f"contacts ({backend}, {size:,} events) rare pair, p50: service with actors "
                f"resolved {floor['service']:.3f} ms, with names {floor['names']:.3f} ms, "
                f"single-statement floor {floor['floor']:.3f} ms "
                f"(x{floor['service'] / floor['floor']:.0f} and "
                f"x{floor['names'] / floor['floor']:.0f} of it)",
                flush=True,
            )
            print(
                f"contacts ({backend}, {size:,} events) rare pair, p50: the floor's one "
                f"statement through SQLAlchemy: Core connection {floor['core']:.3f} ms "
                f"(x{floor['core'] / floor['floor']:.1f} of the floor), in a Session's "
                f"transaction {floor['session']:.3f} ms (x{floor['session'] / floor['floor']:.1f})",
                flush=True,
            )
            if args.explain:
                print("\n".join(f"    plan: {line}" for line in explain(url)))
        if backend == "sqlite":
            url = database_url(backend, sizes[-1], args)
            wall, lines = bench_cli(url, "Kim Jong Un", "Olga Ivanov 00017")
            print(
                f"timeline contacts (fresh process, SQLite {sizes[-1]:,} events, {lines} rows): "
                f"{wall:.3f} s median wall",
                flush=True,
            )
            seeded = seeded_database(Path(args.workdir))
            wall, lines = bench_cli(seeded, "Kim Jong Un", "Xi Jinping")
            print(
                f"timeline contacts (fresh process, seeded SQLite, {lines} rows): "
                f"{wall:.3f} s median wall",
                flush=True,
            )
            cold_start(seeded)


def cold_start(seeded: str) -> None:
    """`timeline contacts` as a fresh process against the floors of its stack, CPU time."""
    command = [*common.timeline_command(), "--db", seeded, "contacts"]
    cpu, wall = bench_startup([*command, "Kim Jong Un", "Xi Jinping"])
    floor_cpu, _ = bench_startup([sys.executable, "-c", "import sqlalchemy, typer"])
    print(
        f"cold start: timeline contacts {cpu:.3f} s CPU, {wall:.3f} s wall "
        f"(x{cpu / floor_cpu:.2f} of the issue's floor, CPU)",
        flush=True,
    )
    for name, code in STARTUP_FLOORS.items():
        floor_cpu_n, floor_wall = bench_startup([sys.executable, "-c", code])
        print(
            f"cold start: {name}: {floor_cpu_n:.3f} s CPU, {floor_wall:.3f} s wall "
            f"(x{floor_cpu_n / floor_cpu:.2f})",
            flush=True,
        )


def seeded_database(workdir: Path) -> str:
    """The README's database: migrated, seeded, sample articles ingested."""
    path = workdir / "timeline-bench-seeded.db"
    url = f"sqlite:///{path.resolve()}"
    if not path.exists():
        base = [sys.executable, "-m", "timeline", "--db", url]
        root = Path(__file__).resolve().parent.parent
        for step in (["db", "upgrade"], ["seed"], ["ingest", str(root / "seeds" / "articles")]):
            subprocess.run(base + step, check=True, capture_output=True)
    return url


if __name__ == "__main__":
    main()
