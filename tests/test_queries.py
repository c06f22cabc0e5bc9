"""Timeline queries through the CLI and the library, on seeded SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from tests.clitools import run, run_json
from timeline import db

KIM_XI_SEEDED = [
    ("2018-03-26", "meeting", "Beijing"),
    ("2018-05-07 to 2018-05-08", "meeting", "Dalian"),
    ("2018-06-19", "meeting", "Beijing"),
    ("2019-01-08", "meeting", "Beijing"),
    ("2019-06-20", "meeting", "Pyongyang"),
    ("2025-09-03", "attendance", "Beijing"),
    ("2025-09-04", "meeting", "Beijing"),
]
UNSC_RESOLUTIONS = ["1718", "1874", "2087", "2094", "2270", "2321", "2356", "2371", "2375", "2397"]


def test_kim_xi_contacts_since_2011(seeded_url: str) -> None:
    rows = run_json("--db", seeded_url, "contacts", "Kim Jong Un", "Xi Jinping", "--since", "2011")
    assert [(r["date"], r["type"], r["location"]) for r in rows] == KIM_XI_SEEDED
    assert all(r["status"] == "occurred" and r["origin"] == "seed" for r in rows)
    assert all(r["sources"] >= 1 for r in rows)
    assert rows[0]["start"] == "2018-03-26" and rows[0]["precision"] == "day"


def test_window_overlap_and_strict(seeded_url: str) -> None:
    rows = run_json(
        "--db", seeded_url, "contacts", "Kim", "Xi", "--since", "2019", "--until", "2019"
    )
    assert [r["date"] for r in rows] == ["2019-01-08", "2019-06-20"]
    rows = run_json("--db", seeded_url, "contacts", "Kim", "Xi", "--since", "2018-05-08",
                    "--until", "2018-05", "--strict")  # fmt: skip
    assert rows == []
    rows = run_json("--db", seeded_url, "contacts", "Kim", "Xi", "--since", "2018-05-08",
                    "--until", "2018-05")  # fmt: skip
    assert [r["location"] for r in rows] == ["Dalian"]


@pytest.mark.parametrize(
    "question",
    [
        "Kim–Xi contacts since 2011",
        "Kim-Xi contacts since 2011",
        "Kim and Xi contacts since 2011",
        "Kim with Xi contacts since 2011",
        "Kim vs Xi contacts since 2011",
        "contacts between Kim Jong Un and Xi Jinping since 2011",
        "Kim Jong-un – Xi Jinping contacts since 2011?",
    ],
)
def test_ask_gives_exactly_the_contacts_rows(seeded_url: str, question: str) -> None:
    expected = run_json(
        "--db", seeded_url, "contacts", "Kim Jong Un", "Xi Jinping", "--since", "2011"
    )
    assert run_json("--db", seeded_url, "ask", question) == expected


def test_ask_meetings_in_a_year(seeded_url: str) -> None:
    rows = run_json("--db", seeded_url, "ask", "meetings of Kim Jong Un in 2018")
    assert all(r["type"] == "meeting" and r["start"].startswith("2018") for r in rows)
    dates = [r["date"] for r in rows]
    assert "2018-04-27" in dates and "2018-06-12" in dates and dates == sorted(dates)
    expected = run_json("--db", seeded_url, "events", "--actor", "Kim Jong Un", "--type", "meeting",
                        "--since", "2018", "--until", "2018")  # fmt: skip
    assert rows == expected


def test_ask_timeline_and_between(seeded_url: str) -> None:
    rows = run_json("--db", seeded_url, "ask", "Putin's timeline since 2025")
    assert rows and all((r["end"] or "9999") >= "2025-01-01" for r in rows)
    assert all("Vladimir Putin" in r["participants"] for r in rows)
    rows = run_json("--db", seeded_url, "ask", "Trump–Kim meetings between 2018 and 2019")
    assert [r["location"] for r in rows] == ["Singapore", "Hanoi", "Panmunjom"]


@pytest.mark.parametrize(
    ("day", "leader"), [("2011-12-01", "Kim Jong Il"), ("2012-01-01", "Kim Jong Un")]
)
def test_who_led_north_korea(seeded_url: str, day: str, leader: str) -> None:
    rows = run_json("--db", seeded_url, "ask", f"who led North Korea on {day}")
    assert [r["leader"] for r in rows] == [leader]


def test_who_led_china(seeded_url: str) -> None:
    rows = run_json("--db", seeded_url, "ask", "who led China on 2019-06-20")
    assert {r["leader"] for r in rows} == {"Xi Jinping"}


def test_sanctions_in_force(seeded_url: str) -> None:
    rows = run_json("--db", seeded_url, "sanctions", "--target", "North Korea",
                    "--active-on", "2017-12-31")  # fmt: skip
    authorities = {r["authority"] for r in rows}
    resolutions = sorted(
        m[1] for a in authorities if (m := re.fullmatch(r"UN Security Council Resolution (\d+)", a))
    )
    assert resolutions == UNSC_RESOLUTIONS
    assert "UN Security Council Resolution 1874 (Panel of Experts)" in authorities
    later = run_json("--db", seeded_url, "sanctions", "--target", "North Korea",
                     "--active-on", "2024-05-01")  # fmt: skip
    assert "UN Security Council Resolution 1874 (Panel of Experts)" not in {
        r["authority"] for r in later
    }
    before = run_json("--db", seeded_url, "sanctions", "--target", "North Korea",
                      "--active-on", "2017-12-01")  # fmt: skip
    assert "UN Security Council Resolution 2397" not in {r["authority"] for r in before}
    assert run_json(
        "--db", seeded_url, "ask", "sanctions on North Korea in force on 2017-12-31"
    ) == [{k: r[k] for k in r} for r in rows]


def test_unknown_name_suggests_close_ones(seeded_url: str) -> None:
    result = run("--db", seeded_url, "contacts", "Xi Jinpin", "Kim Jong Un")
    assert result.exit_code == 3
    assert "did you mean Xi Jinping?" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_ambiguous_single_name_lists_candidates(seeded_url: str) -> None:
    result = run("--db", seeded_url, "events", "--actor", "Kim")
    assert result.exit_code == 3
    assert "Kim Jong Il" in result.stderr and "Kim Jong Un" in result.stderr


def test_unreadable_question_names_the_part_and_the_closest_form(seeded_url: str) -> None:
    result = run("--db", seeded_url, "ask", "what is the meaning of life")
    assert result.exit_code == 2
    assert result.stderr == (
        "timeline: error: cannot read 'meaning' 'life' in 'what is the meaning of life'; "
        "closest supported form: 'what happened in September 2025'\n"
    )


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "json"])
def test_every_format(seeded_url: str, fmt: str) -> None:
    result = run("--db", seeded_url, "contacts", "Kim Jong Un", "Xi Jinping", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "2019-06-20" in result.stdout and "Pyongyang" in result.stdout
    if fmt == "csv":
        assert result.stdout.splitlines()[0].startswith("id,date,type,status")
    if fmt == "json":
        assert len(json.loads(result.stdout)) == len(KIM_XI_SEEDED)


def test_read_question_forms(seeded_url: str) -> None:
    from sqlalchemy.orm import Session

    from timeline.ask.reader import read

    engine = db.make_engine(seeded_url)
    with Session(engine) as session:
        q = read(session, "Kim–Xi contacts since 2011")
        assert q.intent == "contacts" and [n.text for n in q.names] == ["Kim", "Xi"]
        assert (q.since, q.until) == (date(2011, 1, 1), None)
        q = read(session, "contacts between Moon Jae-in and Kim Jong Un in 2018")
        assert [n.text for n in q.names] == ["Moon Jae-in", "Kim Jong Un"]
        assert (q.since, q.until) == (date(2018, 1, 1), date(2018, 12, 31))
        q = read(session, "Kim-Xi calls before 2020")
        assert q.types == ("call",) and (q.since, q.until) == (None, date(2019, 12, 31))
        q = read(session, "Kim-Xi calls after 2019")
        assert (q.since, q.until) == (date(2020, 1, 1), None)
        q = read(session, "who led North Korea on 2011-12-01")
        assert q.intent == "leaders" and q.time is not None and q.time.day == date(2011, 12, 1)
        q = read(session, "who led the United States on 2021-01-20")
        assert [n.text for n in q.names] == ["United States"]
    engine.dispose()


def test_queries_are_read_only(seeded_url: str) -> None:
    engine = db.make_engine(seeded_url)
    engine.dispose()
    run_json("--db", seeded_url, "contacts", "Kim Jong Un", "Xi Jinping")
