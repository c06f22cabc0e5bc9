"""Edges that were wrong: undated events in windows, their order and display, `leaders --on`
spans, `leader --format csv`, the iCalendar count, suggestions, the contacts_view example.
On the sample database (seeds plus the sample articles), SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from tests.clitools import run, run_json
from tests.conftest import BACKENDS
from tests.sampledb import sample_url
from timeline import db
from timeline.extract.dates import DateRange
from timeline.services.dating import StoredDates, display, stored_dates


@pytest.fixture(scope="module", params=BACKENDS)
def sample(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    yield from sample_url(request.param, tmp_path_factory)


def kinds(rows: list[dict]) -> list[tuple[str, str]]:
    return [(r["date"], r["type"]) for r in rows]


# --- events known only to precede their report -------------------------------------------


def test_an_undated_report_is_stored_bounded_by_its_publication_day() -> None:
    published = date(2025, 8, 28)

    def event(status: str, when: DateRange | None = None) -> SimpleNamespace:
        return SimpleNamespace(date=when, status=status)

    assert stored_dates(event("occurred"), published) == StoredDates(None, published, "before")
    assert stored_dates(event("planned"), published) is None  # a plan: no bound at all
    assert stored_dates(event("negated"), published) is None
    dated = DateRange(date(2024, 9, 1), date(2024, 12, 31), "year_part")
    assert stored_dates(event("occurred", dated), published) == StoredDates(
        date(2024, 9, 1), date(2024, 12, 31), "year_part"
    )
    assert display(None, published, "before") == "by 2025-08-28"
    assert display(None, None, "unknown") == "undated"


def test_a_message_reported_in_2018_is_not_a_2025_contact(sample: str) -> None:
    everything = run_json("--db", sample, "contacts", "Donald Trump", "Xi Jinping")
    assert kinds(everything) == [("2018-05-08", "call"), ("by 2018-03-28", "message")]
    message = everything[1]
    assert (message["start"], message["end"], message["precision"]) == (
        None,
        "2018-03-28",
        "before",
    )
    assert run_json("--db", sample, "contacts", "Trump", "Xi", "--since", "2025-09") == []
    in_2018 = run_json(
        "--db", sample, "contacts", "Trump", "Xi", "--since", "2018", "--until", "2018"
    )
    assert kinds(in_2018) == kinds(everything)
    strict = run_json("--db", sample, "contacts", "Trump", "Xi", "--since", "2018", "--until",
                      "2018", "--strict")  # fmt: skip
    assert kinds(strict) == [("2018-05-08", "call")]  # its real date is not known to be inside


def test_an_invitation_reported_in_2025_is_not_a_2018_contact(sample: str) -> None:
    window = run_json("--db", sample, "contacts", "Kim Jong Un", "Xi Jinping",
                      "--since", "2018", "--until", "2019")  # fmt: skip
    assert ("by 2025-08-28", "invitation") not in kinds(window)
    august = run_json("--db", sample, "contacts", "Kim Jong Un", "Xi Jinping",
                      "--since", "2025-08", "--until", "2025-08")  # fmt: skip
    assert kinds(august) == [("by 2025-08-28", "invitation")]
    exported = run_json("--db", sample, "export", "-a", "Kim Jong Un", "-a", "Xi Jinping",
                        "--since", "2018", "--until", "2019", "--format", "json")  # fmt: skip
    assert [r["date"] for r in exported] == [r["date"] for r in window]


def test_a_truly_undated_event_only_without_a_window(sample: str) -> None:
    args = ("--db", sample, "contacts", "Donald Trump", "Volodymyr Zelensky", "--status", "all")
    assert kinds(run_json(*args)) == [("undated", "call")]
    assert run_json(*args, "--since", "2025") == []
    assert run_json(*args, "--until", "2030") == []


def test_order_is_dated_then_report_bounded_then_undated_on_both_backends(sample: str) -> None:
    rows = run_json("--db", sample, "events", "--status", "all")
    shapes = [0 if r["start"] is not None else 1 if r["end"] is not None else 2 for r in rows]
    assert shapes == sorted(shapes) and shapes[-1] == 2 and 1 in shapes
    bounded = [r["end"] for r in rows if r["start"] is None and r["end"] is not None]
    assert bounded == ["2018-03-28", "2025-08-28"]


# --- leaders --on a span, leader as CSV -----------------------------------------------------


def test_leaders_on_a_year_or_a_month(sample: str) -> None:
    year = run_json("--db", sample, "leaders", "--country", "United States", "--on", "2017")
    assert sorted({r["leader"] for r in year}) == ["Barack Obama", "Donald Trump"]
    month = run_json("--db", sample, "leaders", "--country", "United States", "--on", "2017-06")
    assert {r["leader"] for r in month} == {"Donald Trump"}
    day = run_json("--db", sample, "leaders", "--country", "United States", "--on", "2021-01-20")
    assert {r["leader"] for r in day} == {"Joe Biden"}
    bad = run("--db", sample, "leaders", "--on", "2017-13")
    assert bad.exit_code == 2 and "invalid date '2017-13'" in bad.stderr


def test_leader_csv_is_one_parseable_table(sample: str) -> None:
    result = run("--db", sample, "leader", "Xi Jinping", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(None not in row for row in rows)  # no row longer than the header
    sections = [r["section"] for r in rows]
    assert sections == sorted(sections, key=["office", "counterpart", "event"].index)
    offices = [r["title"] for r in rows if r["section"] == "office"]
    assert "President of the People's Republic of China" in offices
    counterparts = {
        r["counterpart"]: int(r["contacts"]) for r in rows if r["section"] == "counterpart"
    }
    assert counterparts["Kim Jong Un"] >= 10
    latest = [r["date"] for r in rows if r["section"] == "event"]
    assert latest[0] == "2025-09-04" and not any(d.startswith("by ") for d in latest)


# --- exports, suggestions, the contacts_view example ----------------------------------------


def test_ics_says_how_many_it_wrote_and_why_others_were_left_out(
    sample: str, tmp_path: Path
) -> None:
    from icalendar import Calendar

    target = tmp_path / "kim-xi.ics"
    result = run("--db", sample, "export", "-a", "Kim Jong Un", "-a", "Xi Jinping", "-o",
                 str(target))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = len(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    query = run_json("--db", sample, "contacts", "Kim Jong Un", "Xi Jinping")
    assert written == len(query) - 1  # the invitation known only "by 2025-08-28"
    assert result.stderr.splitlines() == [
        "1 undated event(s) left out: ics places an event from its first day, and these have"
        " none (1 known only to precede their report, shown 'by DAY')",
        f"{written} event(s) written to {target}",
    ]


def test_a_suggestion_names_each_person_once(sample: str) -> None:
    result = run("--db", sample, "contacts", "Jong-un Kim", "Xi Jinping")
    assert result.exit_code == 3
    assert result.stderr.startswith("timeline: error: no actor named 'Jong-un Kim': did you mean ")
    offered = result.stderr.split("did you mean ")[1].rstrip("?\n").split(" or ")
    assert offered[0] == "Kim Jong Un" and "Kim Jong-un" not in offered
    assert len(offered) == len(set(offered))


def test_a_leading_the_is_not_part_of_the_name(sample: str) -> None:
    rows = run_json("--db", sample, "sanctions", "--target", "the DPRK")
    assert rows == run_json("--db", sample, "sanctions", "--target", "North Korea")
    assert run("--db", sample, "events", "-a", "the United States").exit_code == 0


def test_the_contacts_view_example_finds_both_orientations(sample: str) -> None:
    """README: a pair is one row with actor_a the smaller id, so test both columns."""
    query = (
        "SELECT event_id FROM contacts_view WHERE 'Kim Jong Un' IN (actor_a, actor_b) "
        "AND 'Xi Jinping' IN (actor_a, actor_b) AND status = 'occurred' "
        "AND review <> 'rejected' ORDER BY event_id"
    )
    engine = db.make_engine(sample)
    with engine.connect() as connection:
        ids = [row[0] for row in connection.execute(text(query))]
    engine.dispose()
    expected = run_json("--db", sample, "contacts", "Kim Jong Un", "Xi Jinping")
    assert ids == sorted(r["id"] for r in expected)


def test_events_role_guest_is_a_visit(sample: str) -> None:
    rows = run_json("--db", sample, "events", "-a", "Kim Jong Un", "--role", "guest",
                    "--type", "meeting", "--since", "2019", "--until", "2019")  # fmt: skip
    assert [r["location"] for r in rows] == ["Beijing", "Hanoi", "Vladivostok"]
    bad = run("--db", sample, "events", "-a", "Kim Jong Un", "--role", "tourist")
    assert bad.exit_code == 2


def test_ask_and_flags_agree_on_until_and_after(sample: str) -> None:
    until = run_json("--db", sample, "ask", "Kim–Xi contacts until 2018")
    assert until == run_json("--db", sample, "contacts", "Kim", "Xi", "--until", "2018")
    assert [r["date"][:4] for r in until] == ["2018"] * len(until) and len(until) == 4
    after = run_json("--db", sample, "ask", "Kim–Xi contacts after 2019")
    assert after == run_json("--db", sample, "contacts", "Kim", "Xi", "--since", "2020")
    assert not any(r["date"].startswith("2019") for r in after)


def test_a_post_names_its_holder_in_a_pair(sample: str) -> None:
    """'the South Korean president' in 2018 is Moon Jae-in; 'Kim' beside him is Kim Jong Un."""
    for question in (
        "the South Korean president and Kim contacts in 2018",
        "Kim and the South Korean president contacts in 2018",
    ):
        result = run("--db", sample, "ask", question, "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert "Moon Jae-in" in result.stderr and "Kim Jong Un" in result.stderr
        rows = json.loads(result.stdout)
        expected = run_json("--db", sample, "contacts", "Moon Jae-in", "Kim Jong Un",
                            "--since", "2018", "--until", "2018")  # fmt: skip
        assert rows == expected and len(rows) == 5
