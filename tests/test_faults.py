"""Faults: the database unreachable, stopped mid-run, read-only or locked, and the process
killed mid-ingest.

In every case the user gets one line naming the database (never its password) and a non-zero
exit; what was committed stays; running the same command again completes the rest, every
article stored exactly once and none half-stored.

The PostgreSQL that is stopped mid-run is a throwaway cluster of this test's own on a free
port (`initdb` + `pg_ctl`), never the shared server on 5432.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.clitools import run
from tests.conftest import seed_url
from tests.fixtures.reliability.corpus import (
    article_count,
    article_records,
    expected_evidence,
    hashes,
    stored_state,
    write_jsonl,
)
from timeline import db

# Subprocesses, several processes at once, crashes: the slow tier ("pytest -m 'not slow'" skips it).
pytestmark = pytest.mark.slow

ERROR_PREFIX = "timeline: error: "
PASSWORD = "s3cr3t-Pa55"
KILL_CORPUS = 100  # articles; one takes ~10 ms, and the victim is killed after KILL_AT
KILL_AT = 5


def cli_env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("TIMELINE_DEBUG", "TIMELINE_DATABASE_URL")
    }
    env["PYTHONUNBUFFERED"] = "1"
    return env


def timeline(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    """`python -m timeline ARGS` in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=kwargs.pop("timeout", 120),
        **kwargs,
    )


def start_timeline(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "timeline", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )


def one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.startswith(ERROR_PREFIX)]
    assert len(lines) == 1, f"expected one error line: {stderr!r}"
    return lines[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_articles(url: str, process: subprocess.Popen[str], at_least: int) -> int:
    """Poll the article count until it reaches `at_least`; fail if the process ends first."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        count = article_count(url)
        if count >= at_least:
            return count
        if process.poll() is not None:
            pytest.fail(
                f"the ingest ended (exit {process.returncode}) before storing {at_least} "
                f"articles: {process.stderr.read() if process.stderr else ''}"
            )
        time.sleep(0.01)
    pytest.fail("the ingest stored too few articles in 60 s")


def assert_all_stored_once_and_whole(url: str, records: list[dict[str, str]], base: int) -> None:
    state = stored_state(url)
    evidence: dict[str, int] = state["evidence"]  # type: ignore[assignment]
    assert len(evidence) == base + len(records), "articles lost or stored twice"
    assert hashes(records) <= set(evidence)
    expected = expected_evidence(url, records)
    half = {h: (evidence[h], n) for h, n in expected.items() if evidence[h] != n}
    assert not half, f"articles stored without all their evidence (stored, expected): {half}"
    assert state["problems"] == [], state["problems"]


# --- PostgreSQL unreachable -----------------------------------------------------------------------


def test_unreachable_postgresql_gives_one_line_without_the_password(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    url = f"postgresql://alice:{PASSWORD}@127.0.0.1:{port}/timeline"
    article = tmp_path / "a.json"
    article.write_text('{"published": "2018-03-29", "text": "Kim Jong Un met Xi Jinping."}')
    for args in (
        ("ingest", str(article)),
        ("seed",),
        ("events",),
        ("contacts", "Kim Jong Un", "Xi Jinping"),
        ("db", "upgrade"),
        ("db", "current"),
        ("db", "check"),
    ):
        result = run("--db", url, *args)
        assert result.exit_code == 4, (args, result.exit_code, result.stderr)
        line = one_error_line(result.stderr)
        assert PASSWORD not in result.stderr + result.stdout, (args, line)
        assert f"127.0.0.1:{port}" in line, (args, line)
        assert "database://..." not in line, (args, line)


# --- a PostgreSQL stopped in the middle of a run --------------------------------------------------


def _postgres_bindir() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True).stdout.strip()
        if out:
            candidates.insert(0, Path(out))
    for path in candidates:
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            return path
    return None


class ThrowawayCluster:
    """A PostgreSQL server of the test's own, which it may stop and start at will."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="timeline-pgfault-"))
        self.data = self.root / "data"
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        )

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bindir / tool), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr

    def start(self) -> None:
        options = f"-F -p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-w",
            "-o",
            options,
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str, password: str | None = None) -> str:
        auth = f"postgres:{password}" if password else "postgres"
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        engine = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.url(name)

    def destroy(self) -> None:
        with contextlib.suppress(AssertionError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def throwaway_cluster() -> Iterator[ThrowawayCluster]:
    bindir = _postgres_bindir()
    if bindir is None:
        message = "PostgreSQL server binaries (initdb, pg_ctl) not found"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    cluster = ThrowawayCluster(bindir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()


@pytest.mark.postgres
def test_postgresql_stopped_mid_run_then_rerun_completes(
    throwaway_cluster: ThrowawayCluster, tmp_path: Path
) -> None:
    url = throwaway_cluster.create_database("timeline")
    db.upgrade(url)
    seed_url(url)
    records = article_records(KILL_CORPUS, prefix="stop")
    feed = write_jsonl(tmp_path / "feed.jsonl", records)
    secret_url = make_url(url).set(password=PASSWORD).render_as_string(hide_password=False)

    victim = start_timeline("--db", secret_url, "ingest", str(feed))
    wait_for_articles(url, victim, KILL_AT)
    throwaway_cluster.stop("fast")
    _, stderr = victim.communicate(timeout=60)
    assert victim.returncode == 4, stderr
    line = one_error_line(stderr)
    assert PASSWORD not in stderr
    assert str(feed) in line, line  # which article it was at
    assert f"127.0.0.1:{throwaway_cluster.port}" in line, f"the database is not named: {line}"
    assert "again" in line, line  # says a re-run continues
    reported = int(re.search(r"(\d+) article\(s\) were stored", line).group(1))  # type: ignore[union-attr]

    # While it is down, a re-run fails the same clean way and stores nothing.
    again = timeline("--db", secret_url, "ingest", str(feed))
    assert again.returncode == 4
    assert PASSWORD not in again.stderr
    one_error_line(again.stderr)

    throwaway_cluster.start()
    committed = article_count(url)
    assert reported <= committed < KILL_CORPUS, (reported, committed)
    rerun = timeline("--db", secret_url, "ingest", str(feed), "--format", "json")
    assert rerun.returncode == 0, rerun.stderr
    assert f'"already known": {committed}' in rerun.stdout, rerun.stdout
    assert_all_stored_once_and_whole(url, records, base=0)


# --- the process killed mid-ingest ----------------------------------------------------------------


def test_sigkill_mid_ingest_then_rerun_stores_every_article_once(
    seeded_url: str, backend: str, tmp_path: Path
) -> None:
    records = article_records(KILL_CORPUS, prefix=f"kill-{backend}")
    feed = write_jsonl(tmp_path / "feed.jsonl", records)
    base = article_count(seeded_url)

    victim = start_timeline("--db", seeded_url, "ingest", str(feed))
    wait_for_articles(seeded_url, victim, base + KILL_AT)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    stored = article_count(seeded_url) - base
    assert KILL_AT <= stored < KILL_CORPUS, f"not killed mid-run: {stored} stored"

    if backend == "sqlite":
        path = make_url(seeded_url).database
        with sqlite3.connect(path) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    rerun = timeline("--db", seeded_url, "ingest", str(feed), "--format", "json")
    assert rerun.returncode == 0, rerun.stderr
    assert f'"already known": {stored}' in rerun.stdout, rerun.stdout
    assert_all_stored_once_and_whole(seeded_url, records, base=base)


# --- SQLite read-only -----------------------------------------------------------------------------

_PR_CAPBSET_DROP = 24
_DAC_CAPS = (1, 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH


def _drop_root_file_override() -> None:  # runs in the child, before exec
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _DAC_CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def as_plain_user() -> dict[str, object]:
    """Popen arguments under which file permissions apply: root ignores them unless it gives
    up CAP_DAC_OVERRIDE (dropped from the child's bounding set; root stays root)."""
    if os.geteuid() != 0:
        return {}
    probe = subprocess.run(
        [sys.executable, "-c", "pass"], preexec_fn=_drop_root_file_override, capture_output=True
    )
    if probe.returncode != 0:
        pytest.skip(
            "running as root and cannot drop CAP_DAC_OVERRIDE: permissions are not enforced"
        )
    return {"preexec_fn": _drop_root_file_override}


def _read_only(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.chmod(0o444)


@pytest.fixture
def sqlite_seeded(seeded_templates, tmp_path: Path) -> Iterator[tuple[str, Path]]:  # type: ignore[no-untyped-def]
    url = seeded_templates.copy("sqlite", tmp_path)
    path = Path(make_url(url).database)
    yield url, path
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.chmod(0o644)


def test_read_only_sqlite_file(sqlite_seeded: tuple[str, Path], tmp_path: Path) -> None:
    url, path = sqlite_seeded
    feed = write_jsonl(tmp_path / "feed.jsonl", article_records(3, prefix="ro"))
    before = article_count(url)
    _read_only(path)
    plain = as_plain_user()

    done = timeline("--db", url, "ingest", str(feed), **plain)
    assert done.returncode == 4, done.stderr
    line = one_error_line(done.stderr)
    assert str(path) in line, f"the database file is not named: {line}"
    assert re.search(r"read-?only", line, re.I), line
    assert "database://..." not in line, line

    # Reading a read-only database still works.
    events = timeline("--db", url, "events", "--actor", "Kim Jong Un", "--format", "json", **plain)
    assert events.returncode == 0, events.stderr
    assert article_count(url) == before


def test_read_only_sqlite_file_refuses_seed(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    url = f"sqlite:///{path}"
    db.upgrade(url)
    _read_only(path)
    try:
        done = timeline("--db", url, "seed", **as_plain_user())
        assert done.returncode == 4, done.stderr
        line = one_error_line(done.stderr)
        assert str(path) in line, line
        assert re.search(r"read-?only", line, re.I), line
    finally:
        path.chmod(0o644)


# --- SQLite locked by another writer --------------------------------------------------------------


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("CREATE TABLE IF NOT EXISTS lock_holder (x INTEGER)")
    return connection


def test_locked_sqlite_waits_for_the_other_writer(
    sqlite_seeded: tuple[str, Path], tmp_path: Path
) -> None:
    url, path = sqlite_seeded
    feed = write_jsonl(tmp_path / "feed.jsonl", article_records(3, prefix="wait"))
    holder = _hold_write_lock(path)
    releaser = threading.Timer(1.5, holder.commit)
    started = time.monotonic()
    releaser.start()
    try:
        result = run("--db", url, "ingest", str(feed), "--format", "json")
    finally:
        releaser.join()
        holder.close()
    assert result.exit_code == 0, result.stderr
    assert '"new": 3' in result.stdout
    assert time.monotonic() - started >= 1.4  # it waited rather than failing


def test_locked_sqlite_past_the_busy_timeout_gives_a_clear_error(
    sqlite_seeded: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, path = sqlite_seeded
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 500)  # the product waits 30 s
    feed = write_jsonl(tmp_path / "feed.jsonl", article_records(3, prefix="locked"))
    before = article_count(url)
    holder = _hold_write_lock(path)
    try:
        started = time.monotonic()
        result = run("--db", url, "ingest", str(feed))
        elapsed = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 4, result.stderr
    line = one_error_line(result.stderr)
    assert "locked" in line, line
    assert str(path) in line, f"the database file is not named: {line}"
    assert elapsed >= 0.4
    assert article_count(url) == before
    # once the other writer is done, the same command goes through
    monkeypatch.undo()
    again = run("--db", url, "ingest", str(feed), "--format", "json")
    assert again.exit_code == 0 and '"new": 3' in again.stdout, again.stderr
