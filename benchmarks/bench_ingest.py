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
import inspect
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common


def ingest_loop(url: str, items: list[Any]) -> dict[str, Any]:
    """Rate of `ingest_article`, one transaction per article, gazetteer loaded once."""
    from timeline import db
    from timeline.services.gazetteer import load_gazetteer
    from timeline.services.ingest import IngestSummary, ingest_article

    engine = db.make_engine(url, writer=True)
    with db.session_scope(engine) as session:
        gazetteer = load_gazetteer(session)
    summary = IngestSummary()
    # As `timeline ingest` calls it: with the actor-id cache when the service takes one.
    extra: dict[str, Any] = {}
    if "actor_ids" in inspect.signature(ingest_article).parameters:
        extra["actor_ids"] = {}
    quarters: list[float] = []
    size = max(1, len(items) // 4)
    started = last = time.perf_counter()
    cpu = time.process_time()
    for n, item in enumerate(items, start=1):
        with db.session_scope(engine) as session:
            summary.add(ingest_article(session, item, gazetteer, **extra))
        if n % size == 0 and len(quarters) < 4:
            now = time.perf_counter()
            quarters.append(size / (now - last))
            last = now
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    engine.dispose()
    return {
        "articles": len(items),
        "seconds": elapsed,
        "rate": len(items) / elapsed,
        "cpu_rate": len(items) / cpu,
        "quarters": quarters,
        "events_new": summary.events_new,
        "events_merged": summary.events_merged,
    }


def bench_in_process(args: argparse.Namespace, workdir: Path) -> None:
    items = common.article_inputs(args.articles)
    targets = [] if args.no_sqlite else [("SQLite", common.fresh_sqlite(workdir, "ingest.db"))]
    if args.postgres:
        url = common.postgres_url(args.postgres, "timeline_bench_ingest")
        common.copy_postgres(common.seeded_postgres(args.postgres), url)
        targets.append(("PostgreSQL", url))
    for label, url in targets:
        r = ingest_loop(url, items)
        quarters = ", ".join(f"{q:.0f}" for q in r["quarters"])
        print(
            f"ingest in-process ({label}): {r['articles']} articles in {r['seconds']:.1f} s = "
            f"{r['rate']:.0f} articles/s (by quarter of the run: {quarters}; per CPU-second of "
            f"this process: {r['cpu_rate']:.0f}); "
            f"{r['events_new']} events new, {r['events_merged']} merged",
            flush=True,
        )
        common.record(args.record, f"ingest-{label}", r)
        if label == "PostgreSQL":
            common.drop_postgres(url)


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
                url = common.fresh_sqlite(workdir, "ingest-big.db", Path(big.split("///", 1)[1]))
            else:
                url = common.postgres_url(args.postgres, "timeline_bench_ingest_big")
                common.copy_postgres(big, url)
            r = ingest_loop(url, items)
            print(
                f"ingest in-process ({backend}, into {size:,} events): {r['articles']} articles, "
                f"{r['rate']:.0f} articles/s ({r['cpu_rate']:.0f} per CPU-second)",
                flush=True,
            )
            common.record(args.record, f"ingest-bigdb-{backend}-{size}", r)
            if backend == "postgresql":
                common.drop_postgres(url)
            else:
                Path(url.split("///", 1)[1]).unlink()


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
