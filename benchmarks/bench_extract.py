"""Extraction throughput on the generated corpus: articles/second through `extract_events`.

    python benchmarks/bench_extract.py                    # 1,000 / 3,000 / 10,000 articles
    python benchmarks/bench_extract.py --sizes 3000 --repeat 3
    python benchmarks/bench_extract.py --clauses spacy     # the parser-backed clause stage

One process, one core, the packaged gazetteer built once (as `timeline ingest` builds it once
per run), the articles already in memory: this measures the extractor alone. Three corpus sizes
show whether the cost per article stays flat as the corpus grows (caches that grow with the
vocabulary would show up here, and in the gazetteer cache size printed at the end).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common


def bench(sizes: list[int], repeat: int) -> list[tuple[int, float]]:
    from timeline.extract import extract_events
    from timeline.extract.gazetteer import Gazetteer

    gazetteer = Gazetteer.from_seed_dir()
    results = []
    items = common.article_inputs(max(sizes))
    first = items[0]
    extract_events(first.text, first.published, gazetteer, title=first.title)  # build matchers
    for size in sizes:
        part = items[:size]
        words = sum(len(i.text.split()) for i in part) / size
        best = 0.0
        for _ in range(repeat):
            events = 0
            started = time.perf_counter()
            for item in part:
                events += len(
                    extract_events(item.text, item.published, gazetteer, title=item.title)
                )
            rate = size / (time.perf_counter() - started)
            best = max(best, rate)
        print(
            f"extraction: {size:,} articles ({words:.0f} words on average, {events / size:.2f} "
            f"events per article): {best:.0f} articles/s (best of {repeat})",
            flush=True,
        )
        results.append((size, best))
    cache = getattr(gazetteer, "cache", None)  # the extractor's lazily built matchers
    if isinstance(cache, dict):
        sizes = {k: (len(v) if hasattr(v, "__len__") else 1) for k, v in cache.items()}
        print(f"gazetteer cache after the run: {sizes}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--clauses", choices=("rule", "spacy"), default=None)
    args = parser.parse_args()
    if args.clauses:
        os.environ["TIMELINE_CLAUSES"] = args.clauses
    print(f"machine: {common.machine()}", flush=True)
    print(f"clause segmenter: {os.environ.get('TIMELINE_CLAUSES', 'rule')}", flush=True)
    bench([int(s) for s in args.sizes.split(",")], args.repeat)


if __name__ == "__main__":
    main()
