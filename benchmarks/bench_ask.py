"""`timeline ask` latency after start-up, over every question of tests/fixtures/questions.tsv.

    python benchmarks/bench_ask.py                      # SQLite
    python benchmarks/bench_ask.py --postgres postgresql://postgres@127.0.0.1:5432/postgres
    python benchmarks/bench_ask.py --rounds 20 --processes 5

The database is the README's sample one: seeded, then `timeline ingest seeds/articles`.

What one answer is: what `timeline ask "..."` does once the interpreter and the CLI are
loaded: one read transaction, the question read (time phrase, names, intent), answered with
the service functions, and rendered as a table to a buffer. Errors (the fixture's
unreadable questions) are timed too: they are answers. Figures: p50, p95, p99 and max per
backend over all questions and rounds, the slowest questions, and as a floor measured in
the same run the bare `contacts Kim Jong Un Xi Jinping` query (what `timeline contacts`
does after start-up), so the cost of reading the question shows as a ratio. With
--processes N, also the wall time of N fresh `timeline ask` processes against
`timeline --help` (start-up alone).
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import common  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "questions.tsv"


def questions() -> list[tuple[str, date]]:
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [
        (q, date.fromisoformat(as_of) if as_of else date.today())
        for q, as_of, _ in csv.reader(lines, delimiter="\t")
    ]


def sample_database(url: str) -> None:
    from timeline import db

    db.upgrade(url)
    common._seed(url)
    common.cli(url, "ingest", str(ROOT / "seeds" / "articles"))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def answer_once(engine, question: str, today: date) -> None:
    from sqlalchemy.orm import Session

    from timeline.ask.answer import answer
    from timeline.ask.reader import read
    from timeline.errors import TimelineError
    from timeline.formats.render import OutputFormat, render

    with Session(engine) as session, session.begin():
        try:
            result = answer(session, read(session, question, today))
        except TimelineError:
            return
    render(result.rows, OutputFormat.table, io.StringIO(), columns=result.columns)


def contacts_once(engine) -> None:
    from sqlalchemy.orm import Session

    from timeline.formats.render import OutputFormat, render
    from timeline.services.names import resolve_pair
    from timeline.services.queries import contacts
    from timeline.vocabulary import EVENT_COLUMNS

    with Session(engine) as session, session.begin():
        a, b = resolve_pair(session, "Kim Jong Un", "Xi Jinping")
        rows = contacts(session, a, b)
    render(rows, OutputFormat.table, io.StringIO(), columns=EVENT_COLUMNS)


def bench(url: str, label: str, rounds: int) -> None:
    from timeline import db

    engine = db.make_engine(url)
    asked = questions()
    for question, today in asked:  # warm: caches, compiled statements, imports
        answer_once(engine, question, today)
    times: dict[str, list[float]] = {q: [] for q, _ in asked}
    floor: list[float] = []
    for _ in range(rounds):
        for question, today in asked:
            start = time.perf_counter()
            answer_once(engine, question, today)
            times[question].append(time.perf_counter() - start)
        start = time.perf_counter()
        contacts_once(engine)
        floor.append(time.perf_counter() - start)
    engine.dispose()
    every = [t for ts in times.values() for t in ts]
    p50, p95 = percentile(every, 50), percentile(every, 95)
    print(
        f"{label}: {len(asked)} questions x {rounds} rounds: p50 {ms(p50)}, p95 {ms(p95)}, "
        f"p99 {ms(percentile(every, 99))}, max {ms(max(every))}"
    )
    base = percentile(floor, 50)
    print(
        f"{label}: floor, bare contacts Kim-Xi query: p50 {ms(base)}; ask p50 = {p50 / base:.1f}x"
    )
    slowest = sorted(times.items(), key=lambda kv: -percentile(kv[1], 50))[:5]
    for question, ts in slowest:
        print(f"    p50 {ms(percentile(ts, 50)):>9}  {question}")


def fresh_processes(url: str, count: int) -> None:
    command = common.timeline_command()
    samples = {"timeline --help": [], "timeline ask": []}
    for _ in range(count):
        start = time.perf_counter()
        subprocess.run([*command, "--help"], capture_output=True, check=True)
        samples["timeline --help"].append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(
            [*command, "--db", url, "ask", "When did Kim Jong Un last meet Putin?"],
            capture_output=True,
            check=True,
        )
        samples["timeline ask"].append(time.perf_counter() - start)
    for name, values in samples.items():
        print(f"fresh process, {name}: median {ms(common.median(values))} over {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--postgres", metavar="URL", help="also PostgreSQL, on this server")
    parser.add_argument("--processes", type=int, default=0, help="fresh-process runs")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    print(common.machine())
    sqlite = f"sqlite:///{args.workdir / 'timeline-bench-ask.db'}"
    (args.workdir / "timeline-bench-ask.db").unlink(missing_ok=True)
    sample_database(sqlite)
    bench(sqlite, "sqlite", args.rounds)
    if args.processes:
        fresh_processes(sqlite, args.processes)
    if args.postgres:
        url = common.postgres_url(args.postgres, "timeline_bench_ask")
        common.drop_postgres(url)
        common._admin(url, 'CREATE DATABASE "timeline_bench_ask"')
        try:
            sample_database(url)
            bench(url, "postgresql", args.rounds)
        finally:
            common.drop_postgres(url)


if __name__ == "__main__":
    main()
