"""Ingest throughput: in-process on one core, and `timeline ingest --workers N` as users run it.

    python benchmarks/bench_ingest.py                                   # SQLite only
    python benchmarks/bench_ingest.py --postgres postgresql://postgres@127.0.0.1:5432/postgres
    python benchmarks/bench_ingest.py --only cli --workers 1,2 --cli-articles 2000 --postgres URL
    python benchmarks/bench_ingest.py --only bigdb --big-sizes 10000,100000,1000000

in-process  `ingest_article` in a loop, one transaction per article, into a fresh migrated and
            seeded database; the rate is given per quarter of the run too, to show how the cost
            grows as the corpus (and so the database) grows.
cli         `timeline --db URL ingest --workers N corpus.jsonl` wall time, fresh process, fresh
            seeded database, for each N: the speed-up of N workers over one.
bigdb       in-process ingest into copies of the large skewed databases of bigdb.py
            (built on first use): how the cost grows with the database size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common


def ingest_loop(url: str, items: list[Any], floor_url: str | None = None) -> dict[str, Any]:
    """Ingest `items` as `ingest_many` does (batches of 16 articles per transaction, a
    savepoint each), with extraction done first and timed apart, so the storing rate can be
    set against the Core floor of the same rows (`core_floor`, into `floor_url`, a copy of
    the same starting database)."""
    from timeline import db
    from timeline.services.batch_ingest import BATCH_SIZE, BatchWriter
    from timeline.services.gazetteer import load_gazetteer
    from timeline.services.ingest import IngestSummary

    engine = db.make_engine(url, writer=True)
    with db.session_scope(engine) as session:
        gazetteer = load_gazetteer(session)
    writer = BatchWriter(engine, gazetteer)
    before = _high_water(engine)
    cpu = time.process_time()
    extracted = []
    for n in range(0, len(items), BATCH_SIZE):
        extracted.append(writer.extract(items[n : n + BATCH_SIZE]))
    extract_cpu = time.process_time() - cpu
    summary = IngestSummary()
    quarters: list[float] = []
    size = max(1, len(extracted) // 4)
    server = common.ServerCpu() if not url.startswith("sqlite") else None
    if server:
        server.__enter__()
    started = last = time.perf_counter()
    cpu = time.process_time()
    for n, batch in enumerate(extracted, start=1):
        for result in writer.store(batch):
            assert result.outcome is not None, result.error
            summary.add(result.outcome)
        if n % size == 0 and len(quarters) < 4:
            now = time.perf_counter()
            quarters.append(size * BATCH_SIZE / (now - last))
            last = now
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    if server:
        server.__exit__()
    figures: dict[str, Any] = {
        "articles": len(items),
        "seconds": elapsed,
        "rate": len(items) / elapsed,
        "cpu_rate": len(items) / cpu,
        "server_cpu": server.seconds if server else 0.0,
        "extract_cpu_rate": len(items) / extract_cpu,
        "quarters": quarters,
        "events_new": summary.events_new,
        "events_merged": summary.events_merged,
    }
    if floor_url is not None:
        rows = _written_rows(engine, before)
        figures["rows_per_article"] = sum(len(r) for r in rows.values()) / len(items)
        figures["floor"] = core_floor(floor_url, rows, writer.per_transaction)
    engine.dispose()
    return figures


# Tables ingest writes, in an order foreign keys accept.
WRITTEN = (
    "actors",
    "actor_aliases",
    "articles",
    "events",
    "participants",
    "meeting_details",
    "event_pairs",
    "event_singles",
    "evidence",
)


def _high_water(engine: Any) -> dict[str, int]:
    from sqlalchemy import text

    with engine.connect() as connection:
        return {
            name: connection.execute(text(f"SELECT coalesce(max(id), 0) FROM {name}")).scalar()
            for name in (
                "actors",
                "actor_aliases",
                "articles",
                "events",
                "participants",
                "evidence",
            )
        }


def _written_rows(engine: Any, before: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """Every row ingest added, grouped per article: {table: rows in article order}, each
    row tagged with the article that first needed it (`_article`)."""
    from sqlalchemy import MetaData, select

    meta = MetaData()
    meta.reflect(engine, only=WRITTEN)
    out: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as connection:

        def new(name: str, key: str, floor: int) -> list[dict[str, Any]]:
            table = meta.tables[name]
            query = select(table).where(table.c[key] > floor).order_by(*table.primary_key)
            return [dict(row._mapping) for row in connection.execute(query)]

        out["articles"] = new("articles", "id", before["articles"])
        out["evidence"] = new("evidence", "id", before["evidence"])
        first: dict[int, int] = {}
        for row in out["evidence"]:
            first[row["event_id"]] = min(first.get(row["event_id"], 1 << 62), row["article_id"])
        for row in out["articles"]:
            row["_article"] = row["id"]
        for row in out["evidence"]:
            row["_article"] = row["article_id"]
        lowest = out["articles"][0]["id"] if out["articles"] else 0
        for name in ("events", "participants", "meeting_details", "event_pairs", "event_singles"):
            key = "id" if name == "events" else "event_id"
            rows = new(name, key, before["events"])
            for row in rows:
                row["_article"] = first.get(row["id" if name == "events" else "event_id"], lowest)
            out[name] = rows
        for name in ("actors", "actor_aliases"):
            rows = new(name, "id", before[name])
            for row in rows:
                row["_article"] = lowest
            out[name] = rows
    return out


def core_floor(url: str, rows: dict[str, list[dict[str, Any]]], batch: int) -> dict[str, Any]:
    """The same rows written with SQLAlchemy Core `executemany`, one statement per table per
    article, `batch` articles per transaction: what storing could cost at best."""
    from sqlalchemy import MetaData, insert

    from timeline import db

    engine = db.make_engine(url, writer=True)
    meta = MetaData()
    meta.reflect(engine, only=WRITTEN)
    articles = sorted({row["_article"] for table in rows.values() for row in table})
    per_article: dict[int, dict[str, list[dict[str, Any]]]] = {a: {} for a in articles}
    for name, table_rows in rows.items():
        for row in table_rows:
            clean = {k: v for k, v in row.items() if k != "_article"}
            per_article[row["_article"]].setdefault(name, []).append(clean)
    server = common.ServerCpu() if not url.startswith("sqlite") else None
    if server:
        server.__enter__()
    started = time.perf_counter()
    cpu = time.process_time()
    for n in range(0, len(articles), batch):
        with engine.begin() as connection:
            for article in articles[n : n + batch]:
                for name in WRITTEN:
                    if per_article[article].get(name):
                        connection.execute(insert(meta.tables[name]), per_article[article][name])
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    if server:
        server.__exit__()
    engine.dispose()
    return {
        "rate": len(articles) / elapsed,
        "cpu_rate": len(articles) / cpu,
        "server_cpu": server.seconds if server else 0.0,
    }


def _describe(label: str, r: dict[str, Any]) -> str:
    floor = r.get("floor")
    text = (
        f"{r['articles']} articles stored in {r['seconds']:.1f} s = {r['rate']:.0f} articles/s, "
        f"{r['cpu_rate']:.0f} per CPU-second of this process"
    )
    if r["server_cpu"]:
        text += f" (+{r['server_cpu']:.1f} s server CPU)"
    if floor:
        text += (
            f"; Core floor of the same {r['rows_per_article']:.1f} rows/article: "
            f"{floor['rate']:.0f} articles/s, {floor['cpu_rate']:.0f} per CPU-second"
        )
        if floor["server_cpu"]:
            text += f" (+{floor['server_cpu']:.1f} s server CPU)"
        text += (
            f"; ratio {r['rate'] / floor['rate']:.2f} wall, "
            f"{r['cpu_rate'] / floor['cpu_rate']:.2f} per CPU-second"
        )
    text += f"; extraction alone {r['extract_cpu_rate']:.0f} articles per CPU-second"
    return f"ingest ({label}): {text}"


def bench_in_process(args: argparse.Namespace, workdir: Path) -> None:
    items = common.article_inputs(args.articles)
    targets = []
    if not args.no_sqlite:
        targets.append(
            (
                "SQLite",
                common.fresh_sqlite(workdir, "ingest.db"),
                common.fresh_sqlite(workdir, "ingest-floor.db"),
            )
        )
    if args.postgres:
        seeded = common.seeded_postgres(args.postgres)
        url = common.postgres_url(args.postgres, "timeline_bench_ingest")
        floor = common.postgres_url(args.postgres, "timeline_bench_ingest_floor")
        common.copy_postgres(seeded, url)
        common.copy_postgres(seeded, floor)
        targets.append(("PostgreSQL", url, floor))
    for label, url, floor in targets:
        r = ingest_loop(url, items, floor)
        quarters = ", ".join(f"{q:.0f}" for q in r["quarters"])
        print(
            f"{_describe(f'{label}, fresh seeded database', r)}; by quarter of the run: "
            f"{quarters} articles/s; {r['events_new']} events new, {r['events_merged']} merged",
            flush=True,
        )
        common.record(args.record, f"ingest-{label}", r)
        if label == "PostgreSQL":
            common.drop_postgres(url)
            common.drop_postgres(floor)


def run_cli(url: str, path: Path, workers: int) -> dict[str, Any]:
    """Wall time, CPU of `timeline` and its workers, and CPU of the PostgreSQL server."""
    cpu = common.children_cpu()
    with common.ServerCpu() as server:
        started = time.perf_counter()
        done = common.cli(url, "ingest", "--workers", str(workers), "--format", "csv", str(path))
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "client_cpu": common.children_cpu() - cpu,
        "server_cpu": server.seconds if not url.startswith("sqlite") else 0.0,
        "summary": done.stdout.splitlines()[-1],
    }


def bench_cli(args: argparse.Namespace, workdir: Path) -> None:
    path = common.corpus_file(workdir, args.cli_articles)
    workers = [int(w) for w in args.workers.split(",")]
    backends = [] if args.no_sqlite else ["SQLite"]
    if args.postgres:
        backends.append("PostgreSQL")
    for label in backends:
        rates: dict[int, float] = {}
        for n in workers:
            if label == "SQLite":
                url = common.fresh_sqlite(workdir, f"ingest-cli-{n}.db")
            else:
                url = common.postgres_url(args.postgres, f"timeline_bench_cli_{n}")
                common.copy_postgres(common.seeded_postgres(args.postgres), url)
            r = run_cli(url, path, n)
            rates[n] = args.cli_articles / r["seconds"]
            speedup = rates[n] / rates[workers[0]]
            cpu_ms = 1000 * (r["client_cpu"] + r["server_cpu"]) / args.cli_articles
            print(
                f"timeline ingest --workers {n} ({label}): {args.cli_articles} articles in "
                f"{r['seconds']:.1f} s wall = {rates[n]:.0f} articles/s, x{speedup:.2f} of "
                f"--workers {workers[0]}; CPU {r['client_cpu']:.1f} s timeline + "
                f"{r['server_cpu']:.1f} s server = {cpu_ms:.1f} ms per article "
                f"(summary: {r['summary']})",
                flush=True,
            )
            common.record(args.record, f"ingest-cli-{label}-workers-{n}", r)
            if label == "PostgreSQL":
                common.drop_postgres(url)


def bench_bigdb(args: argparse.Namespace, workdir: Path) -> None:
    import bench_contacts

    items = common.article_inputs(args.big_articles, offset=500_000)
    sizes = [int(s) for s in args.big_sizes.split(",")]
    backends = [] if args.no_sqlite else ["sqlite"]
    if args.postgres:
        backends.append("postgresql")
    namespace = argparse.Namespace(workdir=str(workdir), postgres=args.postgres)
    for backend in backends:
        for size in sizes:
            big = bench_contacts.database_url(backend, size, namespace)
            bench_contacts.ensure_database(big, size, rebuild=False)
            if backend == "sqlite":
                template = Path(big.split("///", 1)[1])
                url = common.fresh_sqlite(workdir, "ingest-big.db", template)
                floor = common.fresh_sqlite(workdir, "ingest-big-floor.db", template)
            else:
                url = common.postgres_url(args.postgres, "timeline_bench_ingest_big")
                floor = common.postgres_url(args.postgres, "timeline_bench_ingest_big_floor")
                common.copy_postgres(big, url)
                common.copy_postgres(big, floor)
            r = ingest_loop(url, items, floor)
            print(_describe(f"{backend}, into {size:,} events", r), flush=True)
            common.record(args.record, f"ingest-bigdb-{backend}-{size}", r)
            for target in (url, floor):
                if backend == "postgresql":
                    common.drop_postgres(target)
                else:
                    Path(target.split("///", 1)[1]).unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("in-process", "cli", "bigdb"), action="append")
    parser.add_argument("--articles", type=int, default=2000, help="in-process run")
    parser.add_argument("--cli-articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="worker counts for the cli run")
    parser.add_argument("--big-sizes", default="10000,100000,1000000")
    parser.add_argument("--big-articles", type=int, default=300)
    parser.add_argument("--postgres", metavar="URL", help="also PostgreSQL (any database URL "
                        "on the server; bench databases are created next to it)")  # fmt: skip
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--workdir", default=tempfile.gettempdir())
    parser.add_argument("--record", metavar="FILE", help="append results as JSON lines")
    args = parser.parse_args()
    workdir = Path(args.workdir)
    print(f"machine: {common.machine()}", flush=True)
    parts = args.only or ["in-process", "cli"]
    if "in-process" in parts:
        bench_in_process(args, workdir)
    if "cli" in parts:
        bench_cli(args, workdir)
    if "bigdb" in parts:
        bench_bigdb(args, workdir)


if __name__ == "__main__":
    main()
