"""Ingest's merge lookup at scale: the bounded lookup against the one before migration 0004.

    python benchmarks/bench_lookup.py --sizes 100000,1000000 --postgres $PG

For each large database of bigdb.py (built on first use, see bench_contacts.py), the
reports that the benchmark corpus's articles yield (extracted once, actors resolved by key)
are looked up by both lookups in the same run: `timeline.services.matching` (pair and single
rows bounded on both sides per span class, then the candidates by primary key) and
`tests/reference_lookup.py` (the old query: every stored event of the pair, or every
participation of a lone actor). Prints p50/p95 per lookup and checks that both find the same
candidates.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/reference_lookup.py

import bench_contacts
import common


def reports(url: str, articles: int) -> list[tuple[Any, list[int]]]:
    """(extracted event, sorted actor ids) for every event of the corpus whose actors exist."""
    from sqlalchemy import select

    from timeline import db
    from timeline.extract import extract_events
    from timeline.models import Actor
    from timeline.services.gazetteer import load_gazetteer

    engine = db.make_engine(url)
    with db.session_scope(engine) as session:
        gazetteer = load_gazetteer(session)
        ids = {key: actor_id for key, actor_id in session.execute(select(Actor.key, Actor.id))}
    engine.dispose()
    out = []
    for item in common.article_inputs(articles, offset=500_000):
        for event in extract_events(item.text, item.published, gazetteer, title=item.title):
            keys = [p.key for p in event.participants]
            if keys and all(k in ids for k in keys):
                out.append((event, sorted({ids[k] for k in keys})))
    return out


def bench(url: str, work: list[tuple[Any, list[int]]]) -> dict[str, Any]:
    from sqlalchemy.orm import Session

    from tests.reference_lookup import old_candidates
    from timeline import db
    from timeline.services.matching import matching_candidates

    engine = db.make_engine(url)
    times: dict[str, list[float]] = {"new": [], "old": []}
    differ = 0
    with Session(engine) as session:
        for event, actor_ids in work[: max(3, len(work) // 10)]:  # warm up both
            matching_candidates(session, event, actor_ids)
            old_candidates(session, event, actor_ids)
        for event, actor_ids in work:
            started = time.perf_counter()
            new = {r.id for r in matching_candidates(session, event, actor_ids)}
            times["new"].append(time.perf_counter() - started)
            started = time.perf_counter()
            old = {r.id for r in old_candidates(session, event, actor_ids)}
            times["old"].append(time.perf_counter() - started)
            differ += new != old
    engine.dispose()
    return {
        "lookups": len(work),
        "differ": differ,
        **{
            f"{name}_{q}_ms": bench_contacts.percentile(values, q) * 1000
            for name, values in times.items()
            for q in (50, 95)
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workdir", default=tempfile.gettempdir())
    parser.add_argument("--postgres", metavar="URL", help="also PostgreSQL")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--record", metavar="FILE", help="append results as JSON lines")
    args = parser.parse_args()
    print(f"machine: {common.machine()}", flush=True)
    backends = ([] if args.no_sqlite else ["sqlite"]) + (["postgresql"] if args.postgres else [])
    for backend in backends:
        for size in (int(s) for s in args.sizes.split(",")):
            url = bench_contacts.database_url(backend, size, args)
            bench_contacts.ensure_database(url, size, rebuild=False)
            r = bench(url, reports(url, args.articles))
            print(
                f"merge lookup ({backend}, {size:,} events, {r['lookups']} reports): "
                f"bounded p50 {r['new_50_ms']:.2f} ms p95 {r['new_95_ms']:.2f} ms; "
                f"before 0004 p50 {r['old_50_ms']:.2f} ms p95 {r['old_95_ms']:.2f} ms; "
                f"x{r['old_50_ms'] / r['new_50_ms']:.0f} at p50; "
                f"{r['differ']} reports with other candidates",
                flush=True,
            )
            common.record(args.record, f"lookup-{backend}-{size}", r)


if __name__ == "__main__":
    main()
