"""Helpers shared by the benchmark scripts: databases, corpora, timing, the machine."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402


def machine() -> str:
    """One line: CPU, cores, memory, Python, SQLite, and the load when the run started."""
    import sqlite3

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except OSError:
        mem = 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem} MB, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, load average {load:.1f}"
    )


def timeline_command() -> list[str]:
    """How a user runs `timeline`: the installed script, else `python -m timeline`."""
    script = Path(sys.executable).with_name("timeline")
    if script.exists():
        return [str(script)]
    found = shutil.which("timeline")
    return [found] if found else [sys.executable, "-m", "timeline"]


def cli(url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*timeline_command(), "--db", url, *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise SystemExit(f"timeline {' '.join(args)} failed: {done.stderr.strip()}")
    return done


def article_inputs(count: int, offset: int = 0) -> list[Any]:
    from timeline.formats.articles import ArticleInput

    return [
        ArticleInput(
            id=a["id"],
            title=a["title"],
            source=a["source"],
            url=a["url"],
            published=date.fromisoformat(a["published"]),
            text=a["text"],
            origin=a["id"],
        )
        for a in corpus.articles(count, offset=offset)
    ]


def corpus_file(workdir: Path, count: int, offset: int = 0) -> Path:
    """The corpus as JSON lines, written once and reused."""
    path = workdir / f"timeline-corpus-{corpus.SEED}-{offset}-{count}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".partial")
        corpus.write_jsonl(str(partial), count, offset=offset)
        partial.rename(path)
    return path


# --- databases --------------------------------------------------------------------------


def postgres_url(base: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    from timeline.config import normalise_url

    return make_url(normalise_url(base)).set(database=name).render_as_string(hide_password=False)


def _admin(url: str, *statements: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for sql in statements:
                connection.execute(text(sql))
    finally:
        engine.dispose()


def drop_postgres(url: str) -> None:
    from sqlalchemy.engine import make_url

    _admin(url, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


def copy_postgres(template_url: str, url: str) -> None:
    """A new database `url` copied from `template_url` (CREATE DATABASE ... TEMPLATE)."""
    from sqlalchemy.engine import make_url

    name, template = make_url(url).database, make_url(template_url).database
    _admin(
        url,
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        f'CREATE DATABASE "{name}" TEMPLATE "{template}"',
    )


def seeded_sqlite(workdir: Path) -> Path:
    """A migrated and seeded SQLite file, made once; copy it for each run."""
    path = workdir / "timeline-bench-seeded-template.db"
    if not path.exists():
        from timeline import db

        partial = workdir / "timeline-bench-seeded-partial.db"
        partial.unlink(missing_ok=True)
        url = f"sqlite:///{partial}"
        db.upgrade(url)
        _seed(url)
        engine = db.make_engine(url)
        with engine.connect() as connection:  # fold the WAL into the file before copying
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        partial.rename(path)
    return path


def fresh_sqlite(workdir: Path, name: str, template: Path | None = None) -> str:
    """A copy of `template` (default: the seeded database) at workdir/name."""
    target = workdir / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template or seeded_sqlite(workdir), target)
    return f"sqlite:///{target}"


def seeded_postgres(base: str) -> str:
    """A migrated and seeded PostgreSQL database, made once; copy it for each run."""
    from sqlalchemy import create_engine, text

    from timeline import db

    url = postgres_url(base, "timeline_bench_seeded")
    try:
        engine = create_engine(url)
        with engine.connect() as connection:
            ready = connection.execute(text("SELECT count(*) FROM actors")).scalar()
        engine.dispose()
        if ready:
            return url
    except Exception:  # missing or half-made: make it
        pass
    drop_postgres(url)
    _admin(url, 'CREATE DATABASE "timeline_bench_seeded"')
    db.upgrade(url)
    _seed(url)
    return url


def _seed(url: str) -> None:
    from timeline import db
    from timeline.formats.seedfiles import load_seed_dir
    from timeline.services.seed import seed_database

    engine = db.make_engine(url)
    with db.session_scope(engine) as session:
        seed_database(session, load_seed_dir())
    engine.dispose()


# --- measuring --------------------------------------------------------------------------


@contextmanager
def stopwatch() -> Iterator[dict[str, float]]:
    result: dict[str, float] = {}
    started = time.perf_counter()
    try:
        yield result
    finally:
        result["seconds"] = time.perf_counter() - started


def median(values: list[float]) -> float:
    return statistics.median(values)


def record(path: str | None, name: str, figures: dict[str, Any]) -> None:
    """Append one result as a JSON line (for docs/performance.md), when asked to."""
    if not path:
        return
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps({"benchmark": name, "machine": machine(), **figures}) + "\n")


class ServerCpu:
    """CPU seconds used by PostgreSQL server processes while the block runs (sampled from
    /proc every 0.1 s, so backends that exit before the end are counted too)."""

    def __init__(self) -> None:
        import threading

        self.seen: dict[int, float] = {}
        self.start: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ServerCpu:
        self.start = self._sample()
        self.seen = dict(self.start)
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()
        self.seen.update(self._sample())

    def _run(self) -> None:
        while not self.stop.wait(0.1):
            self.seen.update(self._sample())

    @staticmethod
    def _sample() -> dict[int, float]:
        ticks = os.sysconf("SC_CLK_TCK")
        found: dict[int, float] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)
                if not fields[0].endswith("(postgres"):
                    continue
                parts = fields[1].split()
                found[int(entry)] = (int(parts[11]) + int(parts[12])) / ticks
            except (OSError, IndexError, ValueError):
                continue
        return found

    @property
    def seconds(self) -> float:
        return sum(cpu - self.start.get(pid, 0.0) for pid, cpu in self.seen.items())


def children_cpu() -> float:
    """CPU seconds of the finished child processes (and the children they waited for)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
