"""Named reports: every packaged report in every output format, with exact expected output.

The expected rows are worked out from the data `build_reporting_data` inserts (see
tests/test_views.py): ids 5, 6, 7 are Kim Jong Un, Xi Jinping and Donald Trump; events 1-10
are contacts (8 planned, 9 rejected, 10 undated), 11-13 sanctions; articles 1-5.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.clitools import run
from tests.test_views import build_reporting_data
from timeline import db
from timeline.errors import InputError
from timeline.services.reports import (
    bind,
    list_reports,
    load_report,
    parse_report,
)

FORMATS = ("table", "json", "csv", "markdown")

KIM_XI, KIM_TRUMP, XI_TRUMP = (
    ("Kim Jong Un", "Xi Jinping"),
    ("Kim Jong Un", "Donald Trump"),
    ("Xi Jinping", "Donald Trump"),
)
CONTACT_COLUMNS = ("actor_a", "actor_b", "year", "contacts", "meetings", "calls", "other")
ACTIVITY_COLUMNS = ("month", "events", "meetings", "calls", "messages", "invitations",
                    "attendances", "agreements", "sanctions")  # fmt: skip
SANCTION_COLUMNS = ("adopted_on", "imposer", "target", "authority", "lifted_on", "event_id")
SOURCE_COLUMNS = ("source", "articles", "events", "evidence", "first_published",
                  "last_published")  # fmt: skip
ARTICLE_COLUMNS = ("article_id", "published", "source", "title", "events", "evidence", "url")
UNSC = "United Nations Security Council"

# (report, params) -> (columns, rows), every row reasoned out from the inserted data.
EXPECTED: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {
    # Pairs in actor-id order; an event counts in its start year; 8 (planned), 9 (rejected)
    # and 10 (undated) do not count; 4 (agreement) and 7 (message) are "other".
    ("contacts-matrix", ()): (
        CONTACT_COLUMNS,
        [
            (*KIM_XI, 2018, 2, 2, 0, 0),
            (*KIM_XI, 2019, 1, 1, 0, 0),
            (*KIM_TRUMP, 2018, 2, 1, 0, 1),
            (*KIM_TRUMP, 2019, 1, 0, 0, 1),
            (*XI_TRUMP, 2019, 1, 0, 1, 0),
        ],
    ),
    ("contacts-matrix", ("actor=kim jong-un", "since=2019")): (
        CONTACT_COLUMNS,
        [(*KIM_XI, 2019, 1, 1, 0, 0), (*KIM_TRUMP, 2019, 1, 0, 0, 1)],
    ),
    ("contacts-matrix", ("actor=Xi Jinping", "until=2018")): (
        CONTACT_COLUMNS,
        [(*KIM_XI, 2018, 2, 2, 0, 0)],
    ),
    # Kim's occurred, dated, not rejected events: sanction 12, meetings 1, 2, 3, 5,
    # agreement 4, and message 7 dated late 2019 (counted under its span of months).
    ("leader-activity", ("leader=Kim Jong Un",)): (
        ACTIVITY_COLUMNS,
        [
            ("2016-07", 1, 0, 0, 0, 0, 0, 0, 1),
            ("2018-03", 1, 1, 0, 0, 0, 0, 0, 0),
            ("2018-05", 1, 1, 0, 0, 0, 0, 0, 0),
            ("2018-06", 2, 1, 0, 0, 0, 0, 1, 0),
            ("2019-06", 1, 1, 0, 0, 0, 0, 0, 0),
            ("2019-09..2019-12", 1, 0, 0, 1, 0, 0, 0, 0),
        ],
    ),
    ("leader-activity", ("leader=kim jong-un", "since=2019-01-01", "until=2019-10-31")): (
        ACTIVITY_COLUMNS,
        [
            ("2019-06", 1, 1, 0, 0, 0, 0, 0, 0),
            ("2019-09..2019-12", 1, 0, 0, 1, 0, 0, 0, 0),
        ],
    ),
    # Adopted by the day and not lifted by then (lifted on the day: no longer in force).
    ("sanctions-in-force", ("on=2017-12-31",)): (
        SANCTION_COLUMNS,
        [
            ("2009-06-12", UNSC, "North Korea", "UNSCR 1874 (Panel of Experts)", "2024-04-30", 13),
            ("2016-07-06", "United States", "Kim Jong Un", "OFAC designation", "2018-06-01", 12),
            ("2017-12-22", UNSC, "North Korea", "UN Security Council Resolution 2397", None, 11),
        ],
    ),
    ("sanctions-in-force", ("on=2018-05-31", "target=north korea")): (
        SANCTION_COLUMNS,
        [
            ("2009-06-12", UNSC, "North Korea", "UNSCR 1874 (Panel of Experts)", "2024-04-30", 13),
            ("2016-07-06", "United States", "Kim Jong Un", "OFAC designation", "2018-06-01", 12),
            ("2017-12-22", UNSC, "North Korea", "UN Security Council Resolution 2397", None, 11),
        ],
    ),
    ("sanctions-in-force", ("on=2018-06-01", "target=North Korea")): (
        SANCTION_COLUMNS,
        [
            ("2009-06-12", UNSC, "North Korea", "UNSCR 1874 (Panel of Experts)", "2024-04-30", 13),
            ("2017-12-22", UNSC, "North Korea", "UN Security Council Resolution 2397", None, 11),
        ],
    ),
    # Reuters: articles 2 (events 3, 4) and 3 (event 5); Xinhua: 1 (event 1) and 4 (event 5,
    # two sentences); article 5 has no source and reports nothing.
    ("source-coverage", ()): (
        SOURCE_COLUMNS,
        [
            ("Reuters", 2, 3, 3, "2018-06-12", "2019-06-21"),
            ("Xinhua", 2, 2, 3, "2018-03-28", "2019-06-21"),
            ("(unknown)", 1, 0, 0, "2020-01-05", "2020-01-05"),
        ],
    ),
    ("source-coverage", ("since=2019-01-01",)): (
        SOURCE_COLUMNS,
        [
            ("Reuters", 1, 1, 1, "2019-06-21", "2019-06-21"),
            ("Xinhua", 1, 1, 2, "2019-06-21", "2019-06-21"),
            ("(unknown)", 1, 0, 0, "2020-01-05", "2020-01-05"),
        ],
    ),
    ("article-coverage", ()): (
        ARTICLE_COLUMNS,
        [
            (
                1,
                "2018-03-28",
                "Xinhua",
                "Xi holds talks with Kim",
                1,
                1,
                "https://example.org/xinhua-1",
            ),
            (
                2,
                "2018-06-12",
                "Reuters",
                "Trump and Kim meet",
                2,
                2,
                "https://example.org/reuters-1",
            ),
            (3, "2019-06-21", "Reuters", "Xi in Pyongyang", 1, 1, "https://example.org/reuters-2"),
            (4, "2019-06-21", "Xinhua", "Xi visits the DPRK", 1, 2, "https://example.org/xinhua-2"),
            (5, "2020-01-05", "(unknown)", "An article reporting nothing", 0, 0, None),
        ],
    ),
    ("article-coverage", ("source=Reuters",)): (
        ARTICLE_COLUMNS,
        [
            (
                2,
                "2018-06-12",
                "Reuters",
                "Trump and Kim meet",
                2,
                2,
                "https://example.org/reuters-1",
            ),
            (3, "2019-06-21", "Reuters", "Xi in Pyongyang", 1, 1, "https://example.org/reuters-2"),
        ],
    ),
}

# One table written out in full, so the expected-text helpers below are anchored too.
SANCTIONS_TABLE = """\
adopted_on  imposer                          target       authority                            lifted_on   event_id
----------  -------------------------------  -----------  -----------------------------------  ----------  --------
2009-06-12  United Nations Security Council  North Korea  UNSCR 1874 (Panel of Experts)        2024-04-30  13
2016-07-06  United States                    Kim Jong Un  OFAC designation                     2018-06-01  12
2017-12-22  United Nations Security Council  North Korea  UN Security Council Resolution 2397              11
"""  # noqa: E501


@pytest.fixture(scope="module")
def report_urls(tmp_path_factory: pytest.TempPathFactory):
    """One reporting database per backend for the whole module: reports only read."""
    from tests.conftest import create_postgres_database, drop_postgres_database, postgres_problem

    made: dict[str, str] = {}

    def get(backend: str) -> str:
        if backend not in made:
            if backend == "sqlite":
                url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'timeline.db'}"
            else:
                assert postgres_problem() is None
                url = create_postgres_database()
            db.upgrade(url)
            build_reporting_data(url)
            if backend == "postgresql":  # report files are users' SQL: run as the reader
                assert run("--db", url, "db", "create-reader").exit_code == 0
            made[backend] = url
        return made[backend]

    yield get
    for backend, url in made.items():
        if backend == "postgresql":
            drop_postgres_database(url)


@pytest.fixture
def report_url(backend: str, report_urls) -> str:
    return report_urls(backend)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def expected_text(fmt: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    cells = [[_cell(v) for v in row] for row in rows]
    if fmt == "csv":
        return "".join(",".join(line) + "\n" for line in [list(columns), *cells])
    if fmt == "markdown":
        head = "| " + " | ".join(columns) + " |\n" + "|" + "|".join("---" for _ in columns) + "|\n"
        return head + "".join("| " + " | ".join(line) + " |\n" for line in cells)
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)]
    lines = [list(columns), ["-" * w for w in widths], *cells]
    return "".join(
        "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() + "\n"
        for line in lines
    )


def test_the_table_helper_matches_a_table_written_out() -> None:
    columns, rows = EXPECTED[("sanctions-in-force", ("on=2017-12-31",))]
    assert expected_text("table", columns, rows) == SANCTIONS_TABLE


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "params"), list(EXPECTED), ids=lambda v: str(v))
def test_report_output(report_url: str, name: str, params: tuple[str, ...], fmt: str) -> None:
    columns, rows = EXPECTED[(name, params)]
    args = [a for p in params for a in ("-p", p)]
    result = run("--db", report_url, "report", name, *args, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        assert json.loads(result.stdout) == [dict(zip(columns, r, strict=True)) for r in rows]
    else:
        assert result.stdout == expected_text(fmt, columns, rows)


def test_every_packaged_report_is_covered() -> None:
    names = {r.name for r in list_reports()}
    assert names == {name for name, _ in EXPECTED}
    assert {"contacts-matrix", "leader-activity", "sanctions-in-force", "source-coverage"} <= names


def test_report_with_no_rows(report_url: str) -> None:
    quiet = ("leader=Kim Jong Un", "since=2099-01-01")
    args = [arg for value in quiet for arg in ("-p", value)]
    result = run("--db", report_url, "report", "leader-activity", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "(no rows)\n"
    result = run("--db", report_url, "report", "leader-activity", *args, "-f", "csv")
    assert result.stdout == ",".join(ACTIVITY_COLUMNS) + "\n"


def test_report_names_are_resolved_like_command_arguments(report_url: str) -> None:
    """An unknown or ambiguous name is the same one-line error as everywhere, not '(no rows)'."""
    result = run("--db", report_url, "report", "leader-activity", "-p", "leader=Kim Jong Um")
    assert result.exit_code == 3
    assert result.stderr == (
        "timeline: error: no actor named 'Kim Jong Um': did you mean Kim Jong Un?\n"
    )
    result = run("--db", report_url, "report", "leader-activity", "-p", "leader=Nobody")
    assert (result.exit_code, result.stdout) == (3, "")
    by_alias = run("--db", report_url, "report", "leader-activity", "-p", "leader=kim jong-un")
    by_name = run("--db", report_url, "report", "leader-activity", "-p", "leader=Kim Jong Un")
    assert by_alias.exit_code == 0 and by_alias.stdout == by_name.stdout != "(no rows)\n"


# --- the real seed data ---------------------------------------------------------------------


def test_reports_agree_with_the_services_on_seeded_data(seeded_url: str) -> None:
    """Cross-checks against the ORM services, a different code path over the same data."""
    from timeline.services.names import resolve_actor
    from timeline.services.queries import contacts
    from timeline.services.sanctions import find_sanctions

    engine = db.make_engine(seeded_url)
    try:
        with db.session_scope(engine) as session:
            korea = resolve_actor(session, "North Korea")
            kim, xi = resolve_actor(session, "Kim Jong Un"), resolve_actor(session, "Xi Jinping")
            in_force = [
                (r["adopted"].isoformat(), r["imposer"], r["target"], r["authority"], r["id"])
                for r in find_sanctions(session, target=korea, active_on=date(2017, 12, 31))
            ]
            by_year = Counter(
                r["start"].year for r in contacts(session, kim, xi) if r["start"] is not None
            )
    finally:
        engine.dispose()

    result = run("--db", seeded_url, "report", "sanctions-in-force", "-p", "on=2017-12-31",
                 "-p", "target=North Korea", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(in_force) >= 10
    assert [
        (r["adopted_on"], r["imposer"], r["target"], r["authority"], r["event_id"]) for r in rows
    ] == in_force

    result = run("--db", seeded_url, "report", "contacts-matrix", "-p", "actor=Kim Jong Un",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    kim_xi = {
        r["year"]: r["contacts"]
        for r in json.loads(result.stdout)
        if {r["actor_a"], r["actor_b"]} == {"Kim Jong Un", "Xi Jinping"}
    }
    assert kim_xi == dict(by_year)
    assert kim_xi[2018] == 3 and kim_xi[2019] == 2


# --- listing, reading and binding -----------------------------------------------------------


def test_report_lists_the_reports() -> None:
    result = run("report")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "title", "parameters", "description"]
    names = [line.split()[0] for line in lines[2:]]
    assert names == sorted(r.name for r in list_reports())
    assert "Sanctions in force on a date" in result.stdout
    assert "on (date) [target (actor)]" in result.stdout

    listed = json.loads(run("report", "--format", "json").stdout)
    sanctions = next(r for r in listed if r["name"] == "sanctions-in-force")
    assert sanctions["parameters"] == [
        {"name": "on", "type": "date", "description": "the day, YYYY-MM-DD", "required": True,
         "default": None},
        {"name": "target", "type": "actor",
         "description": "only this target, or targets of this country (any name or alias)",
         "required": False, "default": None},
    ]  # fmt: skip


def test_report_sql_option_prints_the_file() -> None:
    result = run("report", "sanctions-in-force", "--sql")
    assert result.exit_code == 0
    assert result.stdout.startswith("-- title: Sanctions in force on a date\n")
    assert "FROM sanctions_view" in result.stdout


def test_packaged_reports_are_well_formed() -> None:
    for report in list_reports():
        assert report.title and report.description, report.name
        assert report.path is not None and report.path.parent.name == "reports"
        for param in report.params:
            assert param.description, (report.name, param.name)


def test_header_is_parsed() -> None:
    report = parse_report(
        "-- title: Test report\n"
        "-- description: First line\n"
        "--   and a second line.\n"
        "-- param: who: a name\n"
        "-- param: year (int): a year [2018]\n"
        "-- param: day (date): a day []\n"
        "SELECT :who, :year, :day\n",
        "test",
    )
    assert report.title == "Test report"
    assert report.description == "First line and a second line."
    assert [(p.name, p.type, p.required, p.default) for p in report.params] == [
        ("who", "text", True, None),
        ("year", "int", False, "2018"),
        ("day", "date", False, ""),
    ]
    assert bind(report, {"who": "x"}) == {"who": "x", "year": 2018, "day": None}
    assert bind(report, {"who": "x", "year": "2020", "day": "2020-02-29"}) == {
        "who": "x",
        "year": 2020,
        "day": "2020-02-29",
    }


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("SELECT 1\n", "no '-- title:' line"),
        ("-- title: t\nSELECT :x\n", "undeclared :x"),
        ("-- title: t\n-- param: x: a thing\nSELECT 1\n", "declared but unused: x"),
        ("-- title: t\n-- param: x (float): a thing\nSELECT :x\n", "type must be one of"),
        ("-- title: t\n-- param: x (int): a thing [soon]\nSELECT :x\n", "not a whole number"),
    ],
)
def test_malformed_reports_are_refused(source: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_report(source, "bad")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("report", "no-such-report"), 3, "no report named 'no-such-report'"),
        (("report", "leader-activity"), 2, "needs -p leader=..."),
        (("report", "leader-activity", "-p", "leader=x", "-p", "colour=red"), 2,
         "has no parameter 'colour'"),
        (("report", "contacts-matrix", "-p", "since=soon"), 2, "'soon' is not a whole number"),
        (("report", "sanctions-in-force", "-p", "on=31/12/2017"), 2, "is not a date YYYY-MM-DD"),
        (("report", "sanctions-in-force", "-p", "on"), 2, "is not KEY=VALUE"),
    ],
)  # fmt: skip
def test_report_errors_are_one_line(
    report_url: str, args: tuple[str, ...], code: int, message: str
) -> None:
    result = run("--db", report_url, *args)
    assert result.exit_code == code, result.stdout
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_report_file_runs_read_only(report_url: str, tmp_path: Path) -> None:
    mine = tmp_path / "mine.sql"
    mine.write_text(
        "-- title: Events of a year\n-- param: year (int): the year\n"
        "SELECT event_id, type FROM events_view WHERE start_year = :year ORDER BY event_id\n"
    )
    result = run("--db", report_url, "report", str(mine), "-p", "year=2019", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "event_id,type\n5,meeting\n6,call\n7,message\n9,meeting\n"
    assert load_report(str(mine)).title == "Events of a year"

    evil = tmp_path / "evil.sql"
    evil.write_text("-- title: Evil\nDELETE FROM events\n")
    result = run("--db", report_url, "report", str(evil))
    assert result.exit_code == 4
    assert "refused" in result.stderr
    count = run("--db", report_url, "sql", "SELECT COUNT(*) AS n FROM events", "-f", "csv")
    assert count.stdout == "n\n13\n"
