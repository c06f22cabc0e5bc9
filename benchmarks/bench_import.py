"""Importing the whole Office of the Historian data set (832 trips, 3,264 visits).

    python benchmarks/bench_import.py                 # SQLite
    python benchmarks/bench_import.py --postgres URL  # and PostgreSQL (a scratch database)

Each run migrates and seeds a fresh database, then times `timeline import hsg` (first run)
and the second run, which must change nothing. Printed: seconds and records per second.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path


def timeline(url: str, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "timeline", "--db", url, *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def bench(name: str, url: str) -> None:
    timeline(url, "db", "upgrade")
    timeline(url, "seed")
    first = timeline(url, "import", "hsg")
    second = timeline(url, "import", "hsg")
    records = 832 + 3264
    print(
        f"{name:10} first {first:6.1f} s ({records / first:5.0f} records/s)"
        f"   again {second:5.1f} s (nothing changed)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="any database URL on the server to use")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench("sqlite", f"sqlite:///{Path(folder) / 'timeline.db'}")
    if options.postgres:
        import psycopg
        from sqlalchemy.engine import make_url

        server = make_url(options.postgres)
        name = f"timeline_bench_import_{uuid.uuid4().hex[:8]}"
        admin = server.set(drivername="postgresql", database="postgres")
        dsn = admin.render_as_string(hide_password=False)
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        try:
            bench("postgresql", server.set(database=name).render_as_string(hide_password=False))
        finally:
            with psycopg.connect(dsn, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
