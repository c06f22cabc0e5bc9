"""Bad input to `timeline ingest` and `timeline seed`.

Every bad input gives exactly one line on stderr, `timeline: error: ...`, naming the input (the
file, the JSONL line number, the seed file and record), a non-zero exit code and never a
traceback; every good article of the same run is stored all the same. A bad seed folder stops
the run and leaves the database as it was.

Big inputs (50 MB) are written at test time into tmp_path, never committed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.clitools import run
from tests.conftest import drop_postgres_database, require_postgres
from timeline import db
from timeline.models import Actor, ActorAlias, Article, Event, Office, Participant
from timeline.services.ingest import content_hash

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reliability"
SEED_MIN = FIXTURES / "seed-min"
ERROR_PREFIX = "timeline: error: "
GOOD_TEXT = "Kim Jong Un met Xi Jinping in Beijing on March 26, 2018, state media said."
GOOD = {"id": "good", "title": "Kim in Beijing", "published": "2018-03-29", "text": GOOD_TEXT}
MB = 1_000_000


# --- helpers ------------------------------------------------------------------------------------


@pytest.fixture
def sqlite_url(seeded_templates, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """A seeded SQLite database of this test's own (these cases do not depend on the backend)."""
    return seeded_templates.copy("sqlite", tmp_path)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(ERROR_PREFIX)]


def assert_clean_failure(result, *, names: str, says: str = "", exit_codes=(1,)) -> str:  # type: ignore[no-untyped-def]
    """One error line naming the input, a non-zero exit code, no traceback; the line."""
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in exit_codes, (result.exit_code, result.stderr)
    lines = error_lines(result.stderr)
    assert len(lines) == 1, f"expected one error line, got: {result.stderr!r}"
    line = lines[0]
    assert names in line, f"the error line does not name {names!r}: {line!r}"
    assert says.lower() in line.lower(), f"expected {says!r} in {line!r}"
    assert "internal error" not in line, f"bad input reported as an internal error: {line!r}"
    return line


def stored_hashes(url: str) -> set[str]:
    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as session:
            return set(session.scalars(select(Article.content_hash)))
    finally:
        engine.dispose()


def write_good(folder: Path, name: str = "zz-good.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    return path


def jsonl_around(bad_line: bytes) -> bytes:
    """A JSONL feed: a good article on line 1, the bad line 2, another good one on line 3."""
    first = {"published": "2018-03-29", "text": "Putin met Xi Jinping in Moscow on May 8, 2015."}
    third = {
        "published": "2019-05-01",
        "text": "Putin met Kim Jong Un in Vladivostok on April 25, 2019.",
    }
    return b"\n".join([json.dumps(first).encode(), bad_line, json.dumps(third).encode(), b""])


JSONL_GOOD = {
    content_hash("Putin met Xi Jinping in Moscow on May 8, 2015."),
    content_hash("Putin met Kim Jong Un in Vladivostok on April 25, 2019."),
}


def big_text_file(path: Path, size: int, header: str = "date: 2018-03-29\n\n") -> None:
    """A text article of `size` bytes, written in chunks."""
    chunk = ("Kim Jong Un met Xi Jinping in Beijing. " * 25_000).encode()
    with path.open("wb") as handle:
        handle.write(header.encode())
        written = len(header)
        while written < size:
            piece = chunk[: size - written]
            handle.write(piece)
            written += len(piece)


# --- one bad file next to a good one --------------------------------------------------------------

# name -> (file name, writer of its bytes, what the line must say)
Writer = Callable[[Path], None]
FILE_CASES: dict[str, tuple[str, Writer, str]] = {
    "empty text file": ("empty.txt", lambda p: p.write_bytes(b""), "empty"),
    "empty JSON file": ("empty.json", lambda p: p.write_bytes(b""), "empty"),
    "empty JSONL file": ("empty.jsonl", lambda p: p.write_bytes(b""), "empty"),
    "white space only": ("blank.md", lambda p: p.write_bytes(b"  \n\n\t\n"), "empty"),
    "binary file (PNG) named .txt": (
        "photo.txt",
        lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
        "binary",
    ),
    "binary file named .json": ("dump.json", lambda p: p.write_bytes(os.urandom(4096) + b"\0"), ""),
    "Latin-1 text": (
        "latin1.txt",
        lambda p: p.write_bytes(
            "date: 2018-03-29\n\nPyöngyang: Kim Jong Un met Xi.".encode("latin-1")
        ),
        "UTF-8",
    ),
    "Latin-1 JSON": (
        "latin1.json",
        lambda p: p.write_bytes(
            '{"published": "2018-03-29", "text": "Kim Jong Un met Xi in Pyöngyang."}'.encode(
                "cp1252"
            )
        ),
        "UTF-8",
    ),
    "UTF-16 text": (
        "utf16.txt",
        lambda p: p.write_bytes("date: 2018-03-29\n\nKim Jong Un met Xi.".encode("utf-16")),
        "",
    ),
    "50 MB text article": ("huge.txt", lambda p: big_text_file(p, 50 * MB), "too large"),
    "50 MB JSON article": (
        "huge.json",
        lambda p: big_text_file(p, 50 * MB, header='{"published": "2018-03-29", "text": "'),
        "too large",
    ),
    "3 MB article (over the article limit, under the file limit)": (
        "long.txt",
        lambda p: big_text_file(p, 3 * MB),
        "limit",
    ),
    "JSON that is not an object": ("number.json", lambda p: p.write_text("42"), "JSON object"),
    "JSON with no text": ("notext.json", lambda p: p.write_text('{"title": "x"}'), "no text"),
    "JSON whose text is a number": (
        "number.json",
        lambda p: p.write_text('{"text": 42, "published": "2018-03-29"}'),
        "no text",
    ),
    "truncated JSON": ("cut.json", lambda p: p.write_text('{"text": "Kim met'), "not valid JSON"),
    "JSON nested 100,000 deep": (
        "deep.json",
        lambda p: p.write_text("[" * 100_000 + "]" * 100_000),
        "",
    ),
    "missing publication date": (
        "nodate.json",
        lambda p: p.write_text('{"text": "Kim Jong Un met Xi Jinping yesterday."}'),
        "no publication date",
    ),
    "impossible publication date (JSON)": (
        "feb30.json",
        lambda p: p.write_text(
            '{"text": "Kim Jong Un met Xi Jinping.", "published": "2025-02-30"}'
        ),
        "2025-02-30",
    ),
    "impossible publication date (text header)": (
        "feb30.txt",
        lambda p: p.write_text("date: 2025-02-30\n\nKim Jong Un met Xi Jinping."),
        "2025-02-30",
    ),
    "impossible publication date in words": (
        "feb30-words.json",
        lambda p: p.write_text('{"text": "Kim met Xi.", "published": "February 30, 2025"}'),
        "February 30, 2025",
    ),
    "impossible month": (
        "month13.json",
        lambda p: p.write_text('{"text": "Kim met Xi.", "published": "2025-13-01T00:00:00Z"}'),
        "2025-13-01",
    ),
    "publication date in the future": (
        "future.json",
        lambda p: p.write_text(
            '{"text": "Kim Jong Un met Xi Jinping.", "published": "2099-01-01"}'
        ),
        "future",
    ),
    "publication date before 1900": (
        "early.json",
        lambda p: p.write_text(
            '{"text": "Kim Jong Un met Xi Jinping.", "published": "1066-10-14"}'
        ),
        "1066-10-14",
    ),
    "publication date that is not a date": (
        "notadate.json",
        lambda p: p.write_text('{"text": "Kim met Xi.", "published": {"year": 2025}}'),
        "not a valid date",
    ),
    "lone surrogate in JSON text": (
        "surrogate.json",
        lambda p: p.write_text(
            '{"text": "Kim Jong Un met Xi \\ud800 Jinping.", "published": "2018-03-29"}'
        ),
        "",
    ),
}


@pytest.mark.parametrize("case", list(FILE_CASES))
def test_bad_file_gives_one_line_and_the_good_article_is_stored(
    case: str, sqlite_url: str, tmp_path: Path
) -> None:
    name, write, says = FILE_CASES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    bad = folder / name
    write(bad)
    good = write_good(folder)
    result = run("--db", sqlite_url, "ingest", str(bad), str(good), "--format", "json")
    line = assert_clean_failure(result, names=str(bad), says=says)
    assert len(line) < 600, line
    summary = json.loads(result.stdout)[0]
    assert (summary["new"], summary["errors"]) == (1, 1), summary
    assert content_hash(GOOD_TEXT) in stored_hashes(sqlite_url)


def test_the_same_bad_files_in_a_folder_each_get_their_line(
    sqlite_url: str, tmp_path: Path
) -> None:
    """A folder: every small bad file reported once, by name, the good one stored."""
    folder = tmp_path / "in"
    folder.mkdir()
    small = {k: v for k, v in FILE_CASES.items() if "MB" not in k}
    for name, write, _ in small.values():
        write(folder / name)
    write_good(folder)
    result = run("--db", sqlite_url, "ingest", str(folder), "--format", "json")
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = error_lines(result.stderr)
    for name, _, _ in small.values():
        # "empty.json:" must not count the line of "empty.jsonl:"
        assert sum(f"{folder / name}:" in line for line in lines) == 1, (name, lines)
    assert len(lines) == len({name for name, _, _ in small.values()}), lines  # one per file
    assert content_hash(GOOD_TEXT) in stored_hashes(sqlite_url)


JSONL_CASES: dict[str, tuple[bytes, str]] = {
    "malformed line": (b'{"text": "Kim met Xi", "published": ', "not valid JSON"),
    "unterminated string": (b'{"text": "broken', "not valid JSON"),
    "not an object": (b"[1, 2, 3]", "JSON object"),
    "binary line": (b'{"text": "a\x00\x01\x02"}', ""),
    "Latin-1 line": ('{"text": "Pyöngyang", "published": "2018-03-29"}'.encode("latin-1"), "UTF-8"),
    "impossible date": (b'{"text": "Kim met Xi.", "published": "2025-02-30"}', "2025-02-30"),
    "no date": (b'{"text": "Kim met Xi yesterday."}', "no publication date"),
    "future date": (b'{"text": "Kim met Xi.", "published": "2999-12-31"}', "future"),
    "nested 100,000 deep": (b"[" * 100_000 + b"]" * 100_000, ""),
    "50 MB line": (
        b'{"published": "2018-03-29", "text": "' + b"x" * (50 * MB) + b'"}',
        "too large",
    ),
}


@pytest.mark.parametrize("case", list(JSONL_CASES))
def test_bad_jsonl_line_is_named_by_its_line_number(
    case: str, sqlite_url: str, tmp_path: Path
) -> None:
    bad_line, says = JSONL_CASES[case]
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(jsonl_around(bad_line))
    result = run("--db", sqlite_url, "ingest", str(feed), "--format", "json")
    line = assert_clean_failure(result, names=f"{feed}:2", says=says)
    assert " at at " not in line, f"garbled message: {line!r}"
    assert stored_hashes(sqlite_url) >= JSONL_GOOD


def test_bad_stdin_is_named_stdin(sqlite_url: str, tmp_path: Path) -> None:
    good = write_good(tmp_path)
    cases = {
        b"": "empty",
        b"\x00\x01binary\x00" * 100: "binary",
        "Pyöngyang".encode("latin-1"): "UTF-8",
        b'{"a":' * 100_000: "",  # nested 100,000 deep
        b"[" * 100_000: "",
    }
    for data, says in cases.items():
        result = run(
            "--db", sqlite_url, "ingest", "-", str(good), "--published", "2018-03-29", input=data
        )
        assert_clean_failure(result, names="<stdin>", says=says)
    assert content_hash(GOOD_TEXT) in stored_hashes(sqlite_url)


def test_50_mb_on_stdin(sqlite_url: str, tmp_path: Path) -> None:
    good = write_good(tmp_path)
    data = b"Kim Jong Un met Xi Jinping in Beijing. " * (50 * MB // 39)
    result = run(
        "--db", sqlite_url, "ingest", "-", str(good), "--published", "2018-03-29", input=data
    )
    assert_clean_failure(result, names="<stdin>", says="limit")
    assert content_hash(GOOD_TEXT) in stored_hashes(sqlite_url)


def _ingest_subprocess(url: str, *args: str, stdin: object = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "timeline", "--db", url, "ingest", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("how", ["stdin", "path"])
def test_an_endless_stream_is_read_only_to_the_limit(
    how: str, sqlite_url: str, tmp_path: Path
) -> None:
    """`ingest - < /dev/zero` and `ingest /dev/zero` once read without bound (11 GB in 12 s)."""
    good = write_good(tmp_path)
    with open("/dev/zero", "rb") as zero:
        if how == "stdin":
            done = _ingest_subprocess(
                sqlite_url, "-", str(good), "--published", "2018-03-29", stdin=zero
            )
            names = "<stdin>"
        else:
            done = _ingest_subprocess(
                sqlite_url, "/dev/zero", str(good), "--published", "2018-03-29"
            )
            names = "/dev/zero"
    assert done.returncode == 1, done.stderr
    lines = error_lines(done.stderr)
    assert len(lines) == 1 and names in lines[0] and "16 MB limit" in lines[0], done.stderr
    assert content_hash(GOOD_TEXT) in stored_hashes(sqlite_url)


def test_an_endless_json_line_after_good_lines_is_one_error(sqlite_url: str) -> None:
    data = json.dumps(GOOD).encode() + b"\n" + b"x" * (17 * MB)
    result = run("--db", sqlite_url, "ingest", "-", input=data)
    assert_clean_failure(result, names="<stdin>:2", says="too large")
    assert content_hash(GOOD_TEXT) in stored_hashes(sqlite_url)


def test_symlinked_folders_are_followed_and_loops_and_broken_links_reported(
    sqlite_url: str, tmp_path: Path
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "good.json").write_text(json.dumps(GOOD), encoding="utf-8")
    top = tmp_path / "top"
    (top / "sub").mkdir(parents=True)
    (top / "linked").symlink_to(real, target_is_directory=True)
    (top / "sub" / "back").symlink_to(top, target_is_directory=True)
    result = run("--db", sqlite_url, "ingest", str(top))
    assert_clean_failure(result, names=str(top / "sub" / "back"), says="symlink loop")
    assert content_hash(GOOD_TEXT) in stored_hashes(sqlite_url)
    (top / "sub" / "back").unlink()
    (top / "sub" / "gone").symlink_to(tmp_path / "nowhere")
    result = run("--db", sqlite_url, "ingest", str(top))
    assert_clean_failure(result, names=str(top / "sub" / "gone"), says="broken symbolic link")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_folders_are_each_an_error(sqlite_url: str, tmp_path: Path) -> None:
    top = tmp_path / "top"
    (top / "locked").mkdir(parents=True)
    (top / "good.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (top / "locked").chmod(0)
    try:
        result = run("--db", sqlite_url, "ingest", str(top))
        assert_clean_failure(result, names=str(top / "locked"), says="cannot read folder")
        result = run("--db", sqlite_url, "ingest", str(top / "locked"))
        assert_clean_failure(result, names=str(top / "locked"), says="cannot read folder")
    finally:
        (top / "locked").chmod(0o755)


def test_an_article_whose_file_name_is_not_utf8_is_stored(sqlite_url: str, tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    name = os.path.join(folder, b"caf\xe9-\xff.json")
    with open(name, "wb") as handle:
        handle.write(json.dumps({**GOOD, "id": None}).encode())
    result = run("--db", sqlite_url, "ingest", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert content_hash(GOOD_TEXT) in stored_hashes(sqlite_url)
    engine = db.make_engine(sqlite_url)
    try:
        with db.session_scope(engine) as session:
            keys = set(session.scalars(select(Article.external_id)))
    finally:
        engine.dispose()
    assert "caf\\xe9-\\xff" in keys, keys


def test_missing_paths_and_empty_folders(sqlite_url: str, tmp_path: Path) -> None:
    good = write_good(tmp_path)
    (tmp_path / "nothing-here").mkdir()
    (tmp_path / "nothing-here" / "notes.csv").write_text("a,b\n")
    for path, says in (
        (tmp_path / "missing.json", "no such file"),
        (tmp_path / "nothing-here", "no article files"),
    ):
        result = run("--db", sqlite_url, "ingest", str(path), str(good))
        assert_clean_failure(result, names=str(path), says=says)


def test_impossible_published_option_is_a_usage_error(sqlite_url: str, tmp_path: Path) -> None:
    good = write_good(tmp_path)
    result = run("--db", sqlite_url, "ingest", str(good), "--published", "2025-02-30")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert "2025-02-30" in result.stderr
    assert content_hash(GOOD_TEXT) not in stored_hashes(sqlite_url)  # nothing was read


# --- content that only one backend would store ----------------------------------------------------

BACKEND_SENSITIVE = {
    "NUL character escaped in JSON": {
        "published": "2018-03-29",
        "text": "Kim Jong Un\u0000 met Xi Jinping on March 26, 2018.",
    },
    "source longer than its column": {
        "published": "2018-03-29",
        "source": "s" * 500,
        "text": "Kim Jong Un met Putin in Vladivostok on April 25, 2019.",
    },
    "id longer than its column": {
        "published": "2018-03-29",
        "id": "i" * 1000,
        "text": "Moon Jae-in met Kim Jong Un at Panmunjom on April 27, 2018.",
    },
}


@pytest.mark.postgres
@pytest.mark.parametrize("case", list(BACKEND_SENSITIVE))
def test_same_outcome_on_sqlite_and_postgresql(
    case: str,
    seeded_templates,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """An article SQLite would store but PostgreSQL refuses must be handled the same way on
    both: a database is meant to move between them (and a team shares a PostgreSQL one)."""
    require_postgres()
    record = BACKEND_SENSITIVE[case]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(record), encoding="utf-8")
    good = write_good(tmp_path)
    outcomes = {}
    pg_url = seeded_templates.copy("postgresql", tmp_path)
    try:
        for backend, url in (
            ("sqlite", seeded_templates.copy("sqlite", tmp_path)),
            ("postgresql", pg_url),
        ):
            result = run("--db", url, "ingest", str(bad), str(good))
            assert "Traceback" not in result.stderr
            lines = error_lines(result.stderr)
            assert all(str(bad) in line for line in lines), lines
            assert content_hash(GOOD_TEXT) in stored_hashes(url)
            outcomes[backend] = (
                result.exit_code,
                len(lines),
                content_hash(record["text"]) in stored_hashes(url),
            )
    finally:
        drop_postgres_database(pg_url)
    assert outcomes["sqlite"] == outcomes["postgresql"], outcomes


# --- long lines: must be stored (how fast: benchmarks/bench_long_lines.py) ---------------------

RUN_ON = "Kim Jong Un met Xi Jinping in Beijing on March 26, 2018, and they talked at length "
LONG_LINES = {
    "prose without a full stop": (RUN_ON * 2000)[:100_000],
    "one 100,000-letter word": "a" * 100_000,
    "dates without end": ("between March and " * 6000)[:100_000],
    "names without end": ("Kim Jong Un, Xi Jinping, Putin; " * 4000)[:100_000],
    # Still a legal article (the limit is 2,000,000 characters).
    "prose without a full stop, 400,000 characters": (RUN_ON * 5000)[:400_000],
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(LONG_LINES))
def test_a_long_line_is_stored(case: str, sqlite_url: str, tmp_path: Path) -> None:
    """A 100,000-character line is a legal article (the limit is 2,000,000 characters): it is
    stored whole. Its cost is measured, not asserted, by benchmarks/bench_long_lines.py."""
    text = LONG_LINES[case]
    assert len(text) >= 100_000 and "\n" not in text
    path = tmp_path / "long.json"
    path.write_text(json.dumps({"published": "2018-03-29", "text": text}), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "--db", sqlite_url, "ingest", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert content_hash(text) in stored_hashes(sqlite_url)


# --- hostile and look-alike names -----------------------------------------------------------------

HOSTILE = "Robert'); DROP TABLE articles;-- \"Bobby\" O'Brien % _ \\ ` $1 :name ?"


def test_sql_metacharacters_in_article_fields_are_stored_verbatim(
    seeded_url: str, tmp_path: Path
) -> None:
    record = {
        "id": "id'); DROP TABLE articles;--",
        "title": HOSTILE,
        "source": 'O\'Hara "wire"; DELETE FROM events; --',
        "url": "https://example.org/?q=1' OR '1'='1&x=\"y\"",
        "published": "2018-03-29",
        "text": f"{HOSTILE} said: Kim Jong Un met Xi Jinping in Beijing on March 26, 2018. "
        "Sean O'Brien met Xi Jinping on March 27, 2018.",
    }
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    result = run("--db", seeded_url, "ingest", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    engine = db.make_engine(seeded_url)
    try:
        with db.session_scope(engine) as session:
            article = session.scalars(select(Article)).one()
            assert (article.external_id, article.title, article.source, article.url) == (
                record["id"],
                record["title"],
                record["source"],
                record["url"],
            )
            assert article.text == record["text"]
            assert session.scalar(select(func.count()).select_from(Event)) > 0
    finally:
        engine.dispose()


LOOKALIKES = {
    "en dash": "Kim Jong–un met Xi Jinping in Beijing on Monday.",
    "non-breaking hyphen": "Kim Jong\u2011un met Xi Jinping in Beijing on Monday.",
    "non-breaking spaces": "Kim\u00a0Jong\u00a0Un met Xi\u00a0Jinping in Beijing on Tuesday.",
    "full-width letters": "Ｋｉｍ Ｊｏｎｇ Ｕｎ met Ｘｉ Ｊｉｎｐｉｎｇ in Beijing on Wednesday.",
    "accents": "Kim Jŏng Ŭn met Xí Jìnpíng in Beijing on Thursday.",
    "curly quotes, thin spaces": "“Kim\u2009Jong\u202fUn” met ‘Xi Jinping’ in Beijing on Friday.",
}


def test_lookalike_names_resolve_to_the_seeded_leaders(sqlite_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, text in enumerate(LOOKALIKES.values()):
        (folder / f"{n}.json").write_text(
            json.dumps({"published": "2025-03-08", "text": text}, ensure_ascii=False),
            encoding="utf-8",
        )
    result = run("--db", sqlite_url, "ingest", str(folder), "--format", "json")
    assert result.exit_code == 0, result.stderr
    engine = db.make_engine(sqlite_url)
    try:
        with db.session_scope(engine) as session:
            assert session.scalar(select(func.count()).select_from(Article)) == len(LOOKALIKES)
            invented = session.scalars(select(Actor.name).where(Actor.origin == "extracted")).all()
            assert invented == [], f"look-alike spellings became new actors: {invented}"
            keys_per_event = [
                sorted(
                    session.scalars(
                        select(Actor.key)
                        .join(Participant, Participant.actor_id == Actor.id)
                        .where(Participant.event_id == event_id)
                    )
                )
                for event_id in session.scalars(select(Event.id).where(Event.origin == "extracted"))
            ]
    finally:
        engine.dispose()
    assert keys_per_event, "no events were extracted"
    # Monday to Friday: five distinct days, one meeting each, all between the same two leaders
    assert all(keys == ["person:kim-jong-un", "person:xi-jinping"] for keys in keys_per_event)
    assert len(keys_per_event) == 5, keys_per_event


def test_lookalike_names_in_queries(seeded_url: str) -> None:
    for first, second in (
        ("Ｋｉｍ Ｊｏｎｇ Ｕｎ", "Xi\u00a0Jinping"),
        ("Kim Jong–un", "XI JINPING"),
        ("kim jong\u2011un", "Xí Jìnpíng"),
    ):
        result = run("--db", seeded_url, "contacts", first, second, "--format", "json")
        assert result.exit_code == 0, (first, second, result.stderr)
        assert json.loads(result.stdout), (first, second)


# --- seed -----------------------------------------------------------------------------------------


@pytest.fixture
def seed_min(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEED_MIN, target)
    return target


def table_counts(url: str) -> tuple[int, ...]:
    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as session:
            return tuple(
                session.scalar(select(func.count()).select_from(model))
                for model in (Actor, ActorAlias, Office, Event, Participant)
            )
    finally:
        engine.dispose()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


SEED_CASES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "malformed TOML": (
        "countries.toml",
        lambda d: (d / "countries.toml").write_text("[[country]\niso3 = 'PRK'\n"),
        "not valid TOML",
    ),
    "binary file": (
        "countries.toml",
        lambda d: (d / "countries.toml").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100),
        "",
    ),
    "Latin-1 file": (
        "leaders.toml",
        lambda d: (d / "leaders.toml").write_bytes(
            (d / "leaders.toml")
            .read_text(encoding="utf-8")
            .replace("Kim Jong-un", "Kim Jöng-ün")
            .encode("latin-1")
        ),
        "UTF-8",
    ),
    "empty countries file": (
        "toml",
        lambda d: (d / "countries.toml").write_bytes(b""),
        "",
    ),
    "impossible date": (
        "leaders.toml",
        lambda d: _replace(d / "leaders.toml", '"2011-12-17"', '"2025-02-30"'),
        "2025-02-30",
    ),
    "impossible TOML date": (
        "leaders.toml",
        lambda d: _replace(d / "leaders.toml", '"2011-12-17"', "2025-02-30"),
        "not valid TOML",
    ),
    "end before start": (
        "leaders.toml",
        lambda d: _replace(d / "leaders.toml", 'end = ""', 'end = "2001-01-01"'),
        "before",
    ),
    "missing name": (
        "leaders.toml",
        lambda d: _replace(d / "leaders.toml", 'name = "Xi Jinping"', 'name = ""'),
        "xi-jinping",
    ),
    "wrong type": (
        "leaders.toml",
        lambda d: _replace(d / "leaders.toml", "born = 1953", 'born = "nineteen fifty-three"'),
        "born",
    ),
    "unknown participant": (
        "events.toml",
        lambda d: _replace(d / "events.toml", '"Xi Jinping", role', '"Xi Jinpong", role'),
        "Xi Jinpong",
    ),
    "unknown role": (
        "events.toml",
        lambda d: _replace(d / "events.toml", 'role = "host"', 'role = "overlord"'),
        "overlord",
    ),
    "duplicate key": (
        "leaders.toml",
        lambda d: _replace(d / "leaders.toml", 'key = "xi-jinping"', 'key = "kim-jong-un"'),
        "duplicate",
    ),
    "code in a string is not run": (
        "leaders.toml",
        lambda d: _replace(d / "leaders.toml", "born = 1953", "born = __import__('os').getpid()"),
        "not valid TOML",
    ),
}


@pytest.mark.parametrize("case", list(SEED_CASES))
def test_bad_seed_folder_gives_one_line_and_changes_nothing(
    case: str, migrated_url: str, seed_min: Path
) -> None:
    assert run("--db", migrated_url, "seed", str(seed_min)).exit_code == 0
    before = table_counts(migrated_url)
    names, breaks, says = SEED_CASES[case]
    breaks(seed_min)
    result = run("--db", migrated_url, "seed", str(seed_min))
    assert_clean_failure(result, names=names, says=says, exit_codes=(2,))
    assert table_counts(migrated_url) == before


def test_seed_path_that_is_not_a_folder(sqlite_url: str, tmp_path: Path) -> None:
    (tmp_path / "file.toml").write_text("")
    for path in (tmp_path / "missing", tmp_path / "file.toml"):
        result = run("--db", sqlite_url, "seed", str(path))
        assert_clean_failure(result, names=str(path), says="seed folder", exit_codes=(2,))


def test_seed_names_with_sql_metacharacters_and_lookalikes(
    migrated_url: str, seed_min: Path
) -> None:
    """Hostile names are stored as written; look-alike spellings of a participant resolve."""
    _replace(
        seed_min / "leaders.toml",
        'aliases = ["Kim Jong-un"]',
        r"""aliases = ["Kim Jong-un", "Robert'); DROP TABLE actors;--",
                   "O'Brien \"Bobby\" Tables"]""",
    )
    _replace(seed_min / "leaders.toml", "aliases = []", """aliases = ["Xi % _ \\\\ ' \\" ;--"]""")
    _replace(
        seed_min / "events.toml", '{ actor = "Kim Jong Un"', '{ actor = "Ｋｉｍ Ｊｏｎｇ–ｕｎ"'
    )
    _replace(seed_min / "events.toml", '{ actor = "Xi Jinping"', '{ actor = "Xi\u00a0JINPING"')
    _replace(seed_min / "events.toml", 'location = "Beijing"', 'location = "Beijing\'; --"')
    result = run("--db", migrated_url, "seed", str(seed_min))
    assert result.exit_code == 0, result.stderr
    engine = db.make_engine(migrated_url)
    try:
        with db.session_scope(engine) as session:
            aliases = set(session.scalars(select(ActorAlias.alias)))
            assert {
                "Robert'); DROP TABLE actors;--",
                'O\'Brien "Bobby" Tables',
                "Xi % _ \\ ' \" ;--",
            } <= aliases
            event = session.scalars(select(Event)).one()
            assert event.location == "Beijing'; --"
            keys = sorted(
                session.scalars(
                    select(Actor.key)
                    .join(Participant, Participant.actor_id == Actor.id)
                    .where(Participant.event_id == event.id)
                )
            )
            assert keys == ["person:kim-jong-un", "person:xi-jinping"]
    finally:
        engine.dispose()
    for name in ("Robert'); DROP TABLE actors;--", 'O\'Brien "Bobby" Tables'):
        result = run("--db", migrated_url, "leader", name, "--format", "json")
        assert result.exit_code == 0, (name, result.stderr)
        assert "Kim Jong Un" in result.stdout


def test_error_lines_escape_bidi_and_control_characters(sqlite_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "evil\u202egnp.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run("--db", sqlite_url, "ingest", str(bad))
    line = assert_clean_failure(result, names="evil\\u202egnp.json", says="not valid JSON")
    assert "\u202e" not in result.stderr, line
