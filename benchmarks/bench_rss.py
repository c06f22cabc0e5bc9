"""Peak memory (RSS) of `timeline ingest` on a 100,000-article JSON-lines file, sampled as it
runs, to show that it stays flat instead of growing with the corpus.

    python benchmarks/bench_rss.py                        # SQLite, stops after 240 s
    python benchmarks/bench_rss.py --full                 # the whole file (tens of minutes)
    python benchmarks/bench_rss.py --workers 2 --postgres postgresql://postgres@127.0.0.1/postgres

The file is generated once (benchmarks/corpus.py) into --workdir. The command runs as a user
runs it, on a fresh seeded database; every 0.2 s the resident set of the process and of each
worker it started is read from /proc. Printed: peak RSS of the main process, of the largest
worker and of all of them together, and the RSS after 10%, 50% and 100% of the run with the
number of articles stored by then (a growing process would show it there). Stopping early
(SIGINT, as Ctrl-C would) is fine: what was committed stays.

Also printed: the peak RSS of only reading the file through `read_articles` (the streaming
reader), in a separate process.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    kids = [int(k) for k in handle.read().split()]
                found += kids
                todo += kids
        except OSError:
            continue
    return found


def stored(url: str) -> int:
    from sqlalchemy import create_engine, text

    from timeline.config import normalise_url

    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM articles")).scalar() or 0
    except Exception:  # locked or busy for a moment: try at the next sample
        return -1
    finally:
        engine.dispose()


def measure(url: str, path: Path, workers: int, max_seconds: float | None) -> dict[str, object]:
    command = [*common.timeline_command(), "--db", url, "ingest", "--workers", str(workers)]
    with tempfile.TemporaryFile("w+") as log:  # not a pipe: a long run never blocks on it
        process = subprocess.Popen([*command, str(path)], stdout=log, stderr=log, text=True)
        r = _sample(process, url, max_seconds)
        log.seek(0)
        output = log.read()
    if process.returncode not in (0, 130, -signal.SIGINT):
        raise SystemExit(f"timeline ingest failed ({process.returncode}): {output[-2000:]}")
    return r


def _sample(
    process: subprocess.Popen[str], url: str, max_seconds: float | None
) -> dict[str, object]:
    started = time.perf_counter()
    peak_main = peak_worker = peak_total = 0.0
    samples: list[tuple[float, float, float, int]] = []  # seconds, main, total, articles
    last_count = 0.0
    while process.poll() is None:
        elapsed = time.perf_counter() - started
        if max_seconds is not None and elapsed > max_seconds:
            process.send_signal(signal.SIGINT)
            break
        main = rss_mb(process.pid)
        workers_rss = [rss_mb(p) for p in descendants(process.pid)]
        total = main + sum(workers_rss)
        peak_main = max(peak_main, main)
        peak_worker = max([peak_worker, *workers_rss])
        peak_total = max(peak_total, total)
        count = -1
        if elapsed - last_count > 5:
            count, last_count = stored(url), elapsed
        samples.append((elapsed, main, total, count))
        time.sleep(0.2)
    process.wait(timeout=120)
    return {
        "seconds": time.perf_counter() - started,
        "articles": stored(url),
        "peak_main_mb": peak_main,
        "peak_worker_mb": peak_worker,
        "peak_total_mb": peak_total,
        "samples": samples,
        "completed": process.returncode == 0,
    }


def at_fraction(samples: list[tuple[float, float, float, int]], fraction: float) -> str:
    index = min(len(samples) - 1, int(fraction * (len(samples) - 1)))
    seconds, main, total, _ = samples[index]
    counted = [s for s in samples[: index + 1] if s[3] >= 0]
    articles = counted[-1][3] if counted else 0
    return f"{seconds:.0f} s: {main:.0f} MB main, {total:.0f} MB in all, ~{articles:,} articles"


def reader_peak(path: Path) -> float:
    code = (
        "import resource, sys\n"
        "from timeline.formats.articles import read_articles\n"
        "n = sum(1 for _ in read_articles([sys.argv[1]]))\n"
        "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    count, peak = done.stdout.split()
    print(f"reader only: {int(count):,} articles read, peak RSS {float(peak):.0f} MB", flush=True)
    return float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=240.0)
    parser.add_argument("--full", action="store_true", help="ingest the whole file")
    parser.add_argument("--postgres", metavar="URL", help="ingest into PostgreSQL instead")
    parser.add_argument("--workdir", default=tempfile.gettempdir())
    parser.add_argument("--record", metavar="FILE", help="append results as JSON lines")
    args = parser.parse_args()
    workdir = Path(args.workdir)
    print(f"machine: {common.machine()}", flush=True)
    path = common.corpus_file(workdir, args.articles)
    size = path.stat().st_size / 1e6
    print(f"input: {path} ({args.articles:,} articles, {size:.0f} MB)", flush=True)
    reader_peak(path)
    if args.postgres:
        url = common.postgres_url(args.postgres, "timeline_bench_rss")
        common.copy_postgres(common.seeded_postgres(args.postgres), url)
        label = "PostgreSQL"
    else:
        url = common.fresh_sqlite(workdir, "rss.db")
        label = "SQLite"
    r = measure(url, path, args.workers, None if args.full else args.max_seconds)
    samples = r["samples"]
    assert isinstance(samples, list)
    state = "the whole file" if r["completed"] else f"stopped after {r['seconds']:.0f} s"
    print(
        f"ingest RSS ({label}, --workers {args.workers}, {state}, {r['articles']:,} articles "
        f"stored): peak {r['peak_main_mb']:.0f} MB main process, {r['peak_worker_mb']:.0f} MB "
        f"largest worker, {r['peak_total_mb']:.0f} MB all processes together",
        flush=True,
    )
    for fraction in (0.1, 0.5, 1.0):
        print(f"  at {fraction:.0%} of the run, {at_fraction(samples, fraction)}")
    counted = [(s[0], s[3]) for s in samples if s[3] >= 0]
    marks = [counted[min(len(counted) - 1, round(i * (len(counted) - 1) / 10))] for i in range(11)]
    rates = [f"{(b[1] - a[1]) / (b[0] - a[0]):.0f}" for a, b in pairwise(marks) if b[0] > a[0]]
    print(f"  articles/s by tenth of the run: {', '.join(rates)}")
    common.record(args.record, f"rss-{label}-workers-{args.workers}", {**r, "samples": None})
    if args.postgres:
        common.drop_postgres(url)


if __name__ == "__main__":
    main()
