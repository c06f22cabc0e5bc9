"""`timeline import hsg`: the Office of the Historian's records as sourced events, merged
with what the seeds and articles hold, on both backends."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.clitools import run
from tests.conftest import allow_users_sql
from timeline.formats.hsg import read_records, record_files

FIXTURES = Path(__file__).parent / "fixtures" / "hsg"


def _json(*args: str) -> Any:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _meetings(
    url: str, a: str, b: str
) -> list[tuple[str | None, str | None, str, str | None, int]]:
    rows = _json("--db", url, "contacts", a, b, "--type", "meeting")
    return [(r["start"], r["end"], r["origin"], r["location"], r["sources"]) for r in rows]


def test_records_are_read_as_written() -> None:
    trips = [r for f in record_files(FIXTURES) for r in read_records(f)]
    geneva = next(r for r in trips if getattr(r, "locale", None) == "Geneva")
    assert (geneva.start.isoformat(), geneva.end.isoformat()) == ("2021-06-15", "2021-06-16")
    assert "Russian President Vladimir Putin" in geneva.remarks
    assert (
        geneva.url == "https://history.state.gov/departmenthistory/travels/president/biden-joseph-r"
    )
    assert len(record_files()) == 37  # the packaged copy: 21 presidents' trips, 16 decades


def test_import_merges_with_the_seeds_and_adds_history(seeded_url: str) -> None:
    result = run("--db", seeded_url, "import", "hsg", str(FIXTURES), "--format", "json")
    assert result.exit_code == 0, result.stderr
    [summary] = json.loads(result.stdout)
    assert (summary["trips"], summary["visits"], summary["already_imported"]) == (5, 2, 0)
    # Trump-Kim: still exactly the three seeded meetings, with their seeded dates; the
    # Singapore summit and the Panmunjom meeting (named in the Seoul trip's remarks) have one
    # more source; the Hanoi record names nobody ("the second North Korea-U.S. summit").
    assert _meetings(seeded_url, "Donald Trump", "Kim Jong Un") == [
        ("2018-06-12", "2018-06-12", "seed", "Singapore", 2),
        ("2019-02-27", "2019-02-28", "seed", "Hanoi", 1),
        ("2019-06-30", "2019-06-30", "seed", "Panmunjom", 2),
    ]
    assert _meetings(seeded_url, "Joe Biden", "Vladimir Putin") == [
        ("2021-06-15", "2021-06-16", "import", "Geneva", 1)
    ]
    assert _meetings(seeded_url, "Biden", "Xi Jinping") == [
        ("2023-11-12", "2023-11-12", "import", None, 1),
        ("2024-11-15", "2024-11-17", "import", "Lima", 1),
    ]
    [xi_visit] = [
        r
        for r in _json("--db", seeded_url, "contacts", "Biden", "Xi")
        if r["start"] == "2023-11-12"
    ]
    [shown] = _json("--db", seeded_url, "event", "show", str(xi_visit["id"]))
    [evidence] = shown["evidence"]
    assert evidence["sentence"] == "Offsite Meeting at Woodside, CA."
    assert evidence["url"] == "https://history.state.gov/departmenthistory/visits/2023"
    assert evidence["source"] == "Office of the Historian, U.S. Department of State"
    assert {(p["name"], p["role"]) for p in shown["participants"]} == {
        ("Xi Jinping", "guest"),
        ("Joe Biden", "host"),
    }
    # The APEC visit ("Attended the APEC Leaders' Summit") is no meeting with the president.
    assert summary["visits_without_meeting"] == 1

    again = run("--db", seeded_url, "import", "hsg", str(FIXTURES), "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)[0]["already_imported"] == 7
    assert "nothing changed" in again.stderr
    assert _meetings(seeded_url, "Joe Biden", "Vladimir Putin") == [
        ("2021-06-15", "2021-06-16", "import", "Geneva", 1)
    ]


def test_an_analysts_rejection_and_edit_survive_reimport(seeded_url: str) -> None:
    assert run("--db", seeded_url, "import", "hsg", str(FIXTURES)).exit_code == 0
    [geneva] = _json("--db", seeded_url, "contacts", "Biden", "Putin")
    [lima] = [r for r in _json("--db", seeded_url, "contacts", "Biden", "Xi") if r["location"]]
    rejected = run("--db", seeded_url, "event", "reject", str(geneva["id"]), "--reason", "test")
    edited = run("--db", seeded_url, "event", "edit", str(lima["id"]), "--date", "2024-11-16")
    assert rejected.exit_code == 0 and edited.exit_code == 0, rejected.stderr + edited.stderr
    assert run("--db", seeded_url, "import", "hsg", str(FIXTURES)).exit_code == 0
    assert _json("--db", seeded_url, "contacts", "Biden", "Putin") == []
    [lima_after] = [
        r for r in _json("--db", seeded_url, "contacts", "Biden", "Xi") if r["location"]
    ]
    assert (lima_after["start"], lima_after["end"], lima_after["review"]) == (
        "2024-11-16",
        "2024-11-16",
        "edited",
    )


def test_a_malformed_record_stops_its_file_and_the_others_go_on(
    seeded_url: str, tmp_path: Path
) -> None:
    data = tmp_path / "hsg"
    shutil.copytree(FIXTURES, data)
    bad = data / "president-travels" / "biden-joseph-r.xml"
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace("<end-date>2021-06-16", "<end-date>2021-13-16"), encoding="utf-8")
    result = run("--db", seeded_url, "import", "hsg", str(data))
    assert result.exit_code == 1
    errors = [x for x in result.stderr.splitlines() if x.startswith("timeline: error:")]
    assert errors[0].startswith(f"timeline: error: {bad}: record ")
    assert "<end-date> '2021-13-16' is not a date" in errors[0]
    assert errors[-1] == "timeline: error: 1 file(s) not imported (see above)"
    assert _json("--db", seeded_url, "contacts", "Biden", "Putin") == []  # nothing of that file
    assert [m[:3] for m in _meetings(seeded_url, "Biden", "Xi Jinping")] == [
        ("2023-11-12", "2023-11-12", "import")  # the visits file went in
    ]


def test_an_empty_answer_says_what_the_data_covers(seeded_url: str) -> None:
    before = run("--db", seeded_url, "contacts", "Joe Biden", "Kim Jong Un")
    assert before.exit_code == 0 and before.stdout == "(no rows)\n"
    assert "no recorded contacts between Joe Biden and Kim Jong Un (0 sources name both;" in (
        before.stderr
    )
    assert "no history imported: 'timeline import hsg'" in before.stderr
    assert run("--db", seeded_url, "import", "hsg", str(FIXTURES)).exit_code == 0
    after = run("--db", seeded_url, "ask", "Biden-Kim Jong Un contacts")
    assert "covers U.S. presidents' trips and foreign leaders' visits 2018-2024" in after.stderr


def test_coverage_counts_events_by_origin_source_and_decade(seeded_url: str) -> None:
    assert run("--db", seeded_url, "import", "hsg", str(FIXTURES)).exit_code == 0
    found = json.loads(run("--db", seeded_url, "coverage", "--format", "json").stdout)
    origins = {r["origin"]: r["events"] for r in found["origins"]}
    # Geneva (Parmelin, Putin), Lima (Boluarte, Xi), Woodside, Singapore (Lee Hsien Loong);
    # Trump's Singapore and Seoul records went into the seeded meetings.
    assert origins["import"] == 6
    assert {"decade": "2020s", "events": found["decades"][-1]["events"]} in found["decades"]
    sources = {r["source"]: r["documents"] for r in found["sources"]}
    assert sources["Office of the Historian, U.S. Department of State"] == 5


@pytest.mark.slow
def test_the_whole_dataset_answers_the_issues_questions(seeded_url: str) -> None:
    result = run("--db", seeded_url, "import", "hsg", "--format", "json")
    assert result.exit_code == 0, result.stderr
    [summary] = json.loads(result.stdout)
    assert (summary["trips"], summary["visits"]) == (832, 3264)
    obama_hu = _meetings(seeded_url, "Barack Obama", "Hu Jintao")
    assert len(obama_hu) >= 3 and all(m[2] == "import" for m in obama_hu)
    assert ("2021-06-15", "2021-06-16", "import", "Geneva", 1) in _meetings(
        seeded_url, "Joe Biden", "Vladimir Putin"
    )
    assert [m[:2] for m in _meetings(seeded_url, "Donald Trump", "Kim Jong Un")] == [
        ("2018-06-12", "2018-06-12"),
        ("2019-02-27", "2019-02-28"),
        ("2019-06-30", "2019-06-30"),
    ]


def test_names_show_their_diacritics_and_answer_to_ascii(seeded_url: str) -> None:
    from timeline import db
    from timeline.services.names import resolve_actor

    engine = db.make_engine(seeded_url)
    try:
        with db.session_scope(engine) as session:
            for ascii_name, proper in (
                ("Francois Hollande", "François Hollande"),
                ("Horst Kohler", "Horst Köhler"),
                ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"),
                ("Shinzo Abe", "Shinzo Abe"),  # English news drops Japanese macrons
            ):
                assert resolve_actor(session, ascii_name).name == proper
                assert resolve_actor(session, proper).name == proper
    finally:
        engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", [pytest.param("postgresql", marks=pytest.mark.postgres), "sqlite"], indirect=True
)
def test_two_imports_at_once_store_each_record_once(seeded_url: str) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "timeline", "--db", seeded_url, "import", "hsg", str(FIXTURES)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in "ab"]
    for process in runs:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()
    allow_users_sql(seeded_url)
    origins = _json(
        "--db", seeded_url, "sql", "SELECT origin, COUNT(*) AS n FROM events GROUP BY origin"
    )
    assert {r["origin"]: r["n"] for r in origins}["import"] == 6
    documents = _json(
        "--db",
        seeded_url,
        "sql",
        "SELECT COUNT(*) AS n FROM articles WHERE external_id LIKE 'hsg-%'",
    )
    assert documents == [{"n": 7}]
