"""Security: read-only SQL enforced by the database, parameterised queries, no password in any
message, and data files that cannot run code.
"""

from __future__ import annotations

import ast
import json
import os
import pickle
import re
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import event, func, inspect, select
from sqlalchemy.engine import Engine, make_url

from tests.clitools import run
from tests.conftest import (
    POSTGRES_ADMIN_URL,
    allow_users_sql,
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
)
from timeline import db
from timeline.models import Actor, ActorAlias, Article, Event, Evidence, Office, Participant

PACKAGE = Path(__file__).resolve().parent.parent / "timeline"
ERROR_PREFIX = "timeline: error: "
MARKER = "pwn7Q"  # never to be seen inside SQL text: only ever as a bound parameter
HOSTILE = f"zz'\"); DROP TABLE articles; -- {MARKER} %s %(x)s :x ? $1 \\ ` ; /*"


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(ERROR_PREFIX)]


def snapshot(url: str) -> dict[str, object]:
    """Table names and row counts: what a successful injection would change."""
    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as session:
            counts = {
                model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (Actor, ActorAlias, Office, Article, Event, Participant, Evidence)
            }
            tables = sorted(inspect(session.connection()).get_table_names())
            return {"counts": counts, "tables": tables}
    finally:
        engine.dispose()


@contextmanager
def captured_sql() -> Iterator[list[str]]:
    """Every SQL statement sent to any database while the block runs."""
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", before)


# --- timeline sql: read-only because the database says so -----------------------------------

WRITES_BOTH = [
    "DELETE FROM articles",
    "UPDATE actors SET name = 'pwned'",
    "INSERT INTO actors (key, kind, name, origin, verified, created_at, updated_at) "
    "VALUES ('x:pwned', 'person', 'pwned', 'manual', true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "DROP TABLE events",
    "DROP VIEW events_view",
    "CREATE TABLE pwned (x INTEGER)",
    "CREATE VIEW pwned AS SELECT 1 AS x",
    "ALTER TABLE actors ADD COLUMN pwned INTEGER",
    "CREATE INDEX pwned ON actors (name)",
    "SELECT 1; DELETE FROM articles",
    "COMMIT; DELETE FROM articles",
    "ROLLBACK; DROP TABLE events",
    "END; DELETE FROM articles",
    "CREATE TEMP TABLE pwned (x INTEGER)",
]
WRITES = {
    "sqlite": [
        *WRITES_BOTH,
        "BEGIN",
        "SAVEPOINT pwned",
        "PRAGMA query_only = OFF",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA foreign_keys = OFF",
        "ATTACH DATABASE '{tmp}/attached.db' AS pwned",
        "VACUUM INTO '{tmp}/copy.db'",
        "VACUUM",
        "REINDEX",
        "SELECT load_extension('{tmp}/pwned')",
    ],
    "postgresql": [
        *WRITES_BOTH,
        "WITH gone AS (DELETE FROM articles RETURNING id) SELECT count(*) FROM gone",
        "SELECT set_config('default_transaction_read_only', 'off', false); DELETE FROM articles",
        "TRUNCATE articles CASCADE",
        "SELECT nextval('articles_id_seq')",
        "SELECT setval('articles_id_seq', 1)",
        "CREATE FUNCTION pwned() RETURNS int LANGUAGE sql AS 'SELECT 1'",
        # Not writes to the database, but a read-only SQL box must not write the server's
        # files or run programs on it either (the connection is often a superuser's).
        "COPY (SELECT 1) TO PROGRAM 'touch {marker}'",
        "COPY (SELECT 1) TO '{marker}'",
    ],
}
# Statements that change the session, harmless alone: whether or not they are refused, the
# database stays as it was and the next write is still refused.
SESSION_CHANGES = {
    "sqlite": ["PRAGMA query_only", "SELECT 1"],
    "postgresql": [
        "BEGIN",
        "SET TRANSACTION READ WRITE",
        "SET default_transaction_read_only = off",
        "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
        "SELECT set_config('default_transaction_read_only', 'off', false)",
        "RESET ALL",
        "LOCK TABLE articles IN ACCESS EXCLUSIVE MODE",
    ],
}
SQL_BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


class _SqlDatabases:
    """One seeded database with one article per backend, made on first use and shared by the
    read-only SQL tests (each checks that it is left exactly as it was)."""

    def __init__(self, templates, workdir: Path) -> None:  # type: ignore[no-untyped-def]
        self.templates = templates
        self.workdir = workdir
        self.urls: dict[str, str] = {}

    def get(self, backend: str) -> str:
        if backend == "postgresql":
            require_postgres()
        if backend not in self.urls:
            folder = self.workdir / backend
            folder.mkdir()
            url = self.templates.copy(backend, folder)
            self.urls[backend] = url
            article = folder / "a.json"
            article.write_text(
                json.dumps(
                    {
                        "published": "2018-03-29",
                        "text": "Kim Jong Un met Xi Jinping on March 26, 2018.",
                    }
                )
            )
            assert run("--db", url, "ingest", str(article)).exit_code == 0
            allow_users_sql(url)
        return self.urls[backend]

    def close(self) -> None:
        if "postgresql" in self.urls:
            drop_postgres_database(self.urls["postgresql"])


@pytest.fixture(scope="module")
def sql_databases(seeded_templates, tmp_path_factory) -> Iterator[_SqlDatabases]:  # type: ignore[no-untyped-def]
    databases = _SqlDatabases(seeded_templates, tmp_path_factory.mktemp("sql"))
    yield databases
    databases.close()


@pytest.fixture(params=SQL_BACKENDS)
def sql_db(request, sql_databases: _SqlDatabases) -> str:  # type: ignore[no-untyped-def]
    return sql_databases.get(request.param)


def _backend_of(url: str) -> str:
    return make_url(url).get_backend_name()


def test_sql_reads(sql_db: str) -> None:
    result = run("--db", sql_db, "sql", "SELECT count(*) AS n FROM articles", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"n": 1}]


def test_sql_is_not_a_keyword_filter(sql_db: str) -> None:
    """Words a text filter would trip on are fine in a read: the database decides."""
    statement = 'SELECT \'DELETE FROM articles; DROP TABLE events\' AS "update", 1 AS "insert"'
    result = run("--db", sql_db, "sql", statement, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"update": "DELETE FROM articles; DROP TABLE events", "insert": 1}
    ]


def test_sql_runs_in_a_transaction_the_database_holds_read_only(sql_db: str) -> None:
    if _backend_of(sql_db) == "postgresql":
        statement = "SELECT current_setting('transaction_read_only') AS ro"
        expected = [{"ro": "on"}]
    else:
        statement = "PRAGMA query_only"
        expected = [{"query_only": 1}]
    result = run("--db", sql_db, "sql", statement, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == expected
    # a plain write is refused by the database, in its own words
    refused = run("--db", sql_db, "sql", "DELETE FROM articles")
    assert refused.exit_code != 0
    assert re.search(r"read-?only", refused.stderr, re.I), refused.stderr


def _cases(table: dict[str, list[str]]) -> list[object]:
    out = []
    for backend in ("sqlite", "postgresql"):
        marks = [pytest.mark.postgres] if backend == "postgresql" else []
        for statement in table[backend]:
            out.append(
                pytest.param(backend, statement, marks=marks, id=f"{backend}:{statement[:50]}")
            )
    return out


def _attempt(sql_db: str, statement: str, tmp_path: Path) -> tuple[object, bool]:
    """Run `statement`; (result, whether anything changed: rows, tables, files)."""
    marker = Path("/tmp") / f"timeline-security-{uuid.uuid4().hex}"
    statement = statement.format(tmp=tmp_path, marker=marker)
    before = snapshot(sql_db)
    files_before = set(tmp_path.iterdir())
    try:
        result = run("--db", sql_db, "sql", statement)
        assert "Traceback" not in result.stderr, result.stderr
        changed = (
            snapshot(sql_db) != before or set(tmp_path.iterdir()) != files_before or marker.exists()
        )
    finally:
        marker.unlink(missing_ok=True)
    # the database is still usable afterwards, and still read-only
    assert run("--db", sql_db, "sql", "SELECT 1 AS one").exit_code == 0
    again = run("--db", sql_db, "sql", "DELETE FROM articles")
    assert again.exit_code != 0, "a write went through after the statement"
    assert snapshot(sql_db) == before
    return result, changed


@pytest.mark.parametrize(("backend_name", "statement"), _cases(WRITES))
def test_sql_refuses_every_write(
    sql_databases: _SqlDatabases, backend_name: str, statement: str, tmp_path: Path
) -> None:
    sql_db = sql_databases.get(backend_name)
    result, changed = _attempt(sql_db, statement, tmp_path)
    assert not changed, f"{statement!r} changed the database, or wrote a file on the server"
    assert result.exit_code != 0, f"accepted: {statement!r}: {result.stdout}"  # type: ignore[attr-defined]
    assert result.exit_code in (2, 4), result.stderr  # type: ignore[attr-defined]
    assert len(error_lines(result.stderr)) == 1, result.stderr  # type: ignore[attr-defined]


@pytest.mark.parametrize(("backend_name", "statement"), _cases(SESSION_CHANGES))
def test_sql_session_changes_open_no_door(
    sql_databases: _SqlDatabases, backend_name: str, statement: str, tmp_path: Path
) -> None:
    sql_db = sql_databases.get(backend_name)
    result, changed = _attempt(sql_db, statement, tmp_path)
    assert not changed
    assert result.exit_code in (0, 2, 4), result.stderr  # type: ignore[attr-defined]


ESCALATE = (
    "SELECT query_to_xml('SELECT set_config(''role'', session_user, true) AS r',"
    " true, false, '') AS a,"
    " query_to_xml('SELECT current_user AS u, pg_read_file(''PG_VERSION'') AS f',"
    " true, false, '') AS b"
)


@pytest.mark.postgres
def test_sql_as_a_superuser_still_cannot_read_server_files_directly(
    sql_databases: _SqlDatabases,
) -> None:
    """A superuser login runs the statement as pg_read_all_data, so a plain statement cannot
    read the server's files. (It can set its role back with set_config: whoever holds
    superuser credentials can do anything with any client, so the boundary for people who
    may only read is a read-only login: see the next test and docs/sql.md.)"""
    url = sql_databases.get("postgresql")
    reads = run("--db", url, "sql", "SELECT pg_read_file('PG_VERSION') AS f")
    assert reads.exit_code != 0, "a read-only SQL statement read the server's files"
    assert "Traceback" not in reads.stderr


@pytest.mark.postgres
def test_sql_with_a_reader_login_cannot_escalate(sql_databases: _SqlDatabases) -> None:
    """The documented setup for people who may only read: a login role holding
    pg_read_all_data. Switching the role back (set_config through query_to_xml) gets nothing
    more than the login already had, and server files stay out of reach."""
    url = sql_databases.get("postgresql")
    reader = f"timeline_reader_{uuid.uuid4().hex[:8]}"
    database = make_url(url).database
    admin = db.make_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE ROLE "{reader}" LOGIN IN ROLE pg_read_all_data')
        connection.exec_driver_sql(f'GRANT CONNECT ON DATABASE "{database}" TO "{reader}"')
    try:
        reader_url = make_url(url).set(username=reader).render_as_string(hide_password=False)
        result = run("--db", reader_url, "sql", ESCALATE, "--format", "json")
        assert "Traceback" not in result.stderr
        assert "<f>" not in result.stdout, f"read a server file: {result.stdout}"
        reads = run("--db", reader_url, "sql", "SELECT pg_read_file('PG_VERSION') AS f")
        assert reads.exit_code != 0
        rows = run("--db", reader_url, "sql", "SELECT count(*) AS n FROM articles",
                   "--format", "json")  # fmt: skip
        assert rows.exit_code == 0, rows.stderr
        assert json.loads(rows.stdout) == [{"n": 1}]
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'REVOKE CONNECT ON DATABASE "{database}" FROM "{reader}"')
            connection.exec_driver_sql(f'DROP ROLE "{reader}"')
        admin.dispose()


def test_sql_parameters_are_bound(sql_db: str) -> None:
    with captured_sql() as statements:
        result = run(
            "--db", sql_db, "sql", "SELECT :v AS v", "-p", f"v={HOSTILE}", "--format", "json"
        )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"v": HOSTILE}]
    assert not [s for s in statements if MARKER in s]


# --- every query parameterised --------------------------------------------------------------------

HOSTILE_COMMANDS = [
    ("contacts", HOSTILE, "Xi Jinping"),
    ("contacts", "Kim Jong Un", HOSTILE),
    ("ask", f"{HOSTILE}–Xi contacts since 2011"),
    ("ask", f"Kim–Xi contacts since 2011' OR '1'='1 {MARKER}"),
    ("ask", f"who led {HOSTILE} on 2011-12-01"),
    ("ask", f"sanctions on {HOSTILE} in force on 2017-12-31"),
    ("events", "--actor", HOSTILE),
    ("events", "--actor", "Kim Jong Un", "--actor", HOSTILE),
    ("events", "--country", HOSTILE),
    ("events", "--type", HOSTILE),
    ("events", "--status", HOSTILE),
    ("events", "--since", f"2011' OR '1'='1 {MARKER}"),
    ("events", "--until", HOSTILE),
    ("events", "--review", HOSTILE),
    ("leader", HOSTILE),
    ("leaders", "--country", HOSTILE),
    ("leaders", "--on", HOSTILE),
    ("sanctions", "--target", HOSTILE),
    ("sanctions", "--imposer", HOSTILE),
    ("sanctions", "--active-on", HOSTILE),
    ("report", "sanctions-in-force", "-p", "on=2017-12-31", "-p", f"target={HOSTILE}"),
    ("report", "sanctions-in-force", "-p", f"on={HOSTILE}"),
    ("report", "contacts-matrix", "-p", f"actor={HOSTILE}"),
    ("report", HOSTILE),
    ("export", "--format", "json", "--actor", HOSTILE),
    ("event", "show", HOSTILE),
    ("event", "history", HOSTILE),
]


def test_hostile_names_and_filters_never_reach_the_sql_text(seeded_url: str) -> None:
    before = snapshot(seeded_url)
    for args in HOSTILE_COMMANDS:
        with captured_sql() as statements:
            result = run("--db", seeded_url, *args)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            repr(result.exception),
        )
        assert result.exit_code in (0, 1, 2, 3), (args, result.exit_code, result.stderr)
        if result.exit_code == 1 or result.exit_code == 3:
            assert len(error_lines(result.stderr)) == 1, (args, result.stderr)
        pasted = [s for s in statements if MARKER in s]
        assert not pasted, f"{args}: user input pasted into SQL: {pasted[0][:300]}"
    assert snapshot(seeded_url) == before


def test_hostile_text_is_stored_and_found_verbatim(seeded_url: str, tmp_path: Path) -> None:
    allow_users_sql(seeded_url)
    """A name that is all SQL metacharacters is data: stored as written and found again."""
    path = tmp_path / "hostile.json"
    path.write_text(
        json.dumps(
            {
                "published": "2018-03-29",
                "title": HOSTILE,
                "source": HOSTILE,
                "text": "Kim Jong Un met Xi Jinping on March 26, 2018.",
            }
        )
    )
    with captured_sql() as statements:
        assert run("--db", seeded_url, "ingest", str(path)).exit_code == 0
    assert not [s for s in statements if MARKER in s]
    result = run(
        "--db", seeded_url, "sql", "SELECT title, source FROM articles", "--format", "json"
    )
    assert json.loads(result.stdout) == [{"title": HOSTILE, "source": HOSTILE}]


PYTHON_SQL_BUILDERS = (ast.JoinedStr, ast.BinOp)


def _string_building(node: ast.AST) -> bool:
    """An f-string with a non-constant value, '...' % x, '...' + x, or '...'.format(x)."""
    if isinstance(node, ast.JoinedStr):
        return any(
            not (isinstance(v.value, ast.Name) and v.value.id.isupper())
            for v in node.values
            if isinstance(v, ast.FormattedValue)
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    )


def test_no_sql_is_built_from_strings_in_the_package() -> None:
    """Static check: SQL handed to text(), execute() or exec_driver_sql() is a literal (or a
    module constant), never assembled from values; values go in as bound parameters."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_text = any(
            isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("sqlalchemy")
            and any(alias.name == "text" for alias in node.names)
            for node in ast.walk(tree)
        )
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            is_sql_call = (imports_text and isinstance(func, ast.Name) and func.id == "text") or (
                isinstance(func, ast.Attribute)
                and func.attr in ("execute", "exec_driver_sql", "executescript")
            )
            if is_sql_call and _string_building(node.args[0]):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert not found, f"SQL built from strings: {found}"


# --- passwords are never shown --------------------------------------------------------------------

PASSWORD = "Sup3r-s3cr3t"
ODD_PASSWORD = "p@ss:w/rd%41#?"  # needs percent-encoding in a URL


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _secret_urls() -> dict[str, str]:
    port = _closed_port()
    return {
        "plain": f"postgresql://alice:{PASSWORD}@127.0.0.1:{port}/timeline",
        "encoded": f"postgresql://alice:{quote(ODD_PASSWORD, safe='')}@127.0.0.1:{port}/timeline",
        "query string": f"postgresql://alice@127.0.0.1:{port}/timeline?password={PASSWORD}",
        "postgres scheme": f"postgres://alice:{PASSWORD}@127.0.0.1:{port}/timeline",
        "bad port": f"postgresql://alice:{PASSWORD}@127.0.0.1:notaport/timeline",
        "bad scheme": f"postgresqlx://alice:{PASSWORD}@127.0.0.1:{port}/timeline",
    }


SECRETS = (PASSWORD, ODD_PASSWORD, quote(ODD_PASSWORD, safe=""), "p@ss:w/rd")
COMMANDS = [
    ("db", "upgrade"),
    ("db", "downgrade", "base"),
    ("db", "current"),
    ("db", "check"),
    ("seed",),
    ("ingest", "{article}"),
    ("events",),
    ("contacts", "Kim Jong Un", "Xi Jinping"),
    ("sql", "SELECT 1"),
    ("report", "sanctions-in-force", "-p", "on=2017-12-31"),
    ("export", "--format", "json"),
]


def _assert_no_secret(where: object, output: str) -> None:
    for secret in SECRETS:
        assert secret not in output, f"{where}: password shown: {output!r}"


@pytest.mark.parametrize("form", list(_secret_urls()))
def test_password_never_shown_when_the_database_is_unreachable(
    form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _secret_urls()[form]
    article = tmp_path / "a.json"
    article.write_text('{"published": "2018-03-29", "text": "Kim Jong Un met Xi Jinping."}')
    for command in COMMANDS:
        args = [a.format(article=article) for a in command]
        for how in ("--db", "env"):
            if how == "--db":
                result = run("--db", url, *args)
            else:
                with monkeypatch.context() as patch:
                    patch.setenv("TIMELINE_DATABASE_URL", url)
                    result = run(*args)
            assert result.exit_code != 0, (form, args)
            assert "Traceback" not in result.stderr, (form, args, result.stderr)
            assert len(error_lines(result.stderr)) == 1, (form, args, result.stderr)
            _assert_no_secret((form, how, args), result.stdout + result.stderr)


@pytest.mark.postgres
def test_password_never_shown_by_a_real_server(tmp_path: Path) -> None:
    """Against the server (trust auth ignores the password): a missing database, a database
    not set up, a successful upgrade; and in a separate process, so log output counts too."""
    require_postgres()
    server = make_url(POSTGRES_ADMIN_URL)
    missing = server.set(database=f"no_such_db_{uuid.uuid4().hex[:8]}", password=PASSWORD)
    created = create_postgres_database()
    try:
        fresh = make_url(created).set(password=PASSWORD).render_as_string(hide_password=False)
        outputs = []
        for url, args in (
            (missing.render_as_string(hide_password=False), ("events",)),
            (fresh, ("events",)),  # not set up
            (fresh, ("db", "upgrade")),
            (fresh, ("sql", "SELECT nosuchcolumn FROM articles")),
        ):
            env = {k: v for k, v in os.environ.items() if k != "TIMELINE_DEBUG"}
            env["TIMELINE_DATABASE_URL"] = url
            done = subprocess.run(
                [sys.executable, "-W", "always", "-m", "timeline", *args],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
            )
            assert "Traceback" not in done.stderr, (args, done.stderr)
            _assert_no_secret(args, done.stdout + done.stderr)
            outputs.append(done.stdout + done.stderr)
        assert any("***" in out for out in outputs), outputs  # the URL is shown, redacted
    finally:
        drop_postgres_database(created)


def test_redact_url() -> None:
    from timeline.config import redact_url

    for url in _secret_urls().values():
        shown = redact_url(url)
        _assert_no_secret(url, shown)
    assert redact_url("sqlite:///timeline.db") == "sqlite:///timeline.db"


# --- data files cannot run code -------------------------------------------------------------------

UNSAFE_MODULES = {
    "pickle",
    "cPickle",
    "_pickle",
    "marshal",
    "shelve",
    "dill",
    "cloudpickle",
    "jsonpickle",
    "yaml",
    "ruamel",
}
UNSAFE_CALLS = {"eval", "exec", "compile", "execfile", "input"}


def test_the_package_has_no_code_running_deserialisers() -> None:
    """No pickle/marshal/shelve/YAML, no eval/exec anywhere in the package: seed files are
    TOML/CSV (tomllib, csv) and articles JSON or text (json), which only build data."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE.parent)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [
                    f"{where}:{node.lineno} import {a.name}"
                    for a in node.names
                    if a.name.split(".")[0] in UNSAFE_MODULES
                ]
            elif isinstance(node, ast.ImportFrom):
                if (node.module or "").split(".")[0] in UNSAFE_MODULES:
                    found.append(f"{where}:{node.lineno} from {node.module}")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in UNSAFE_CALLS:
                    found.append(f"{where}:{node.lineno} {node.func.id}()")
                elif node.func.id == "__import__" and not _constant_module(node, tree):
                    found.append(f"{where}:{node.lineno} __import__ of a computed name")
    assert not found, found


def _constant_module(call: ast.Call, tree: ast.AST) -> bool:
    """`for m in ("a", "b"): __import__(f"pkg.{m}")`: names from a literal tuple only."""
    arg = call.args[0] if call.args else None
    if isinstance(arg, ast.Constant):
        return True
    if not isinstance(arg, ast.JoinedStr):
        return False
    names = {
        v.value.id
        for v in arg.values
        if isinstance(v, ast.FormattedValue) and isinstance(v.value, ast.Name)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.For)
            and isinstance(node.target, ast.Name)
            and node.target.id in names
            and isinstance(node.iter, ast.Tuple | ast.List)
            and all(isinstance(e, ast.Constant) for e in node.iter.elts)
        ):
            names.discard(node.target.id)
    return not names


class _Payload:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {MARKER_FILE}",))


MARKER_FILE = Path("/tmp") / f"timeline-code-ran-{uuid.uuid4().hex}"


def test_payloads_in_articles_and_seeds_stay_data(migrated_url: str, tmp_path: Path) -> None:
    allow_users_sql(migrated_url)
    """Pickle, YAML tags, Python expressions and template syntax in data files are text."""
    code = f"__import__('os').system('touch {MARKER_FILE}')"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "pickle.json").write_bytes(pickle.dumps(_Payload()))
    (folder / "pickle.jsonl").write_bytes(pickle.dumps(_Payload(), protocol=0))
    (folder / "yaml.md").write_text(
        "---\n"
        f"title: !!python/object/apply:os.system ['touch {MARKER_FILE}']\n"
        "date: 2018-03-29\n---\n\nKim Jong Un met Xi Jinping on March 26, 2018.\n"
    )
    (folder / "expr.json").write_text(
        json.dumps(
            {
                "published": "2018-03-29",
                "title": code,
                "source": "{{7*7}} ${7*7} #{7*7}",
                "id": "__import__('os')",
                "url": "javascript:alert(1)",
                "text": "Kim Jong Un met Xi Jinping on March 26, 2018. "
                f"{code} </script><script>alert(1)</script>",
            }
        )
    )
    seeds = tmp_path / "seeds"
    import shutil

    shutil.copytree(Path(__file__).parent / "fixtures" / "reliability" / "seed-min", seeds)
    leaders = seeds / "leaders.toml"
    leaders.write_text(leaders.read_text().replace("aliases = []", f'aliases = ["{code}"]'))

    assert run("--db", migrated_url, "seed", str(seeds)).exit_code == 0
    result = run("--db", migrated_url, "ingest", str(folder), "--format", "json")
    assert "Traceback" not in result.stderr
    assert not MARKER_FILE.exists(), "a data file ran code"
    stored = run(
        "--db",
        migrated_url,
        "sql",
        "SELECT title, source, external_id FROM articles ORDER BY id",
        "--format",
        "json",
    )
    rows = json.loads(stored.stdout)
    assert {
        "title": code,
        "source": "{{7*7}} ${7*7} #{7*7}",
        "external_id": "__import__('os')",
    } in rows
    assert any(r["title"] and r["title"].startswith("!!python/object/apply") for r in rows), rows
    aliases = run(
        "--db", migrated_url, "sql", "SELECT alias FROM actor_aliases", "--format", "json"
    )
    assert {"alias": code} in json.loads(aliases.stdout)

    html = tmp_path / "out.html"
    exported = run(
        "--db", migrated_url, "export", "--format", "html", "-o", str(html), "--status", "all"
    )
    assert exported.exit_code == 0, exported.stderr
    page = html.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "javascript:alert" not in page
    assert not MARKER_FILE.exists()
