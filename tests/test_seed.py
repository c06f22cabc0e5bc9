"""`timeline seed`: curated reference data, loaded by natural key, safe to repeat."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.clitools import run
from timeline import db
from timeline.formats.seedfiles import default_seed_dir
from timeline.models import Actor, Event, EventPair, Office, Participant
from timeline.services.leaders import who_led
from timeline.services.names import resolve_actor

KIM_XI_MEETINGS = [
    (date(2018, 3, 26), date(2018, 3, 26), "Beijing"),
    (date(2018, 5, 7), date(2018, 5, 8), "Dalian"),
    (date(2018, 6, 19), date(2018, 6, 19), "Beijing"),
    (date(2019, 1, 8), date(2019, 1, 8), "Beijing"),
    (date(2019, 6, 20), date(2019, 6, 20), "Pyongyang"),
    (date(2025, 9, 4), date(2025, 9, 4), "Beijing"),
]
TABLES = (Actor, Office, Event, Participant, EventPair)


def counts(url: str) -> dict[str, int]:
    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as session:
            return {
                t.__tablename__: session.scalar(select(func.count()).select_from(t)) for t in TABLES
            }
    finally:
        engine.dispose()


def test_seed_loads_leaders_meetings_and_offices(migrated_url: str) -> None:
    result = run("--db", migrated_url, "seed", "--format", "json")
    assert result.exit_code == 0, result.stderr
    engine = db.make_engine(migrated_url)
    with db.session_scope(engine) as session:
        curated_leaders = session.scalar(
            select(func.count(func.distinct(Office.holder_id))).where(Office.origin == "seed")
        )
        assert curated_leaders >= 80
        kim = resolve_actor(session, "Kim Jong Un")
        xi = resolve_actor(session, "Xi Jinping")
        meetings = session.execute(
            select(Event.start_date, Event.end_date, Event.location)
            .join(EventPair, EventPair.event_id == Event.id)
            .where(
                EventPair.actor_a_id == min(kim.id, xi.id),
                EventPair.actor_b_id == max(kim.id, xi.id),
                Event.type == "meeting",
                Event.origin == "seed",
            )
            .order_by(Event.start_date)
        ).all()
        assert [tuple(m) for m in meetings] == KIM_XI_MEETINGS
        china = resolve_actor(session, "China")
        assert {o.holder.name for o in who_led(session, china, date(2019, 6, 20))} == {"Xi Jinping"}
    engine.dispose()


def test_second_seed_changes_nothing(seeded_url: str) -> None:
    before = counts(seeded_url)
    result = run("--db", seeded_url, "seed", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert counts(seeded_url) == before
    assert "nothing changed" in result.stderr
    import json

    summary = json.loads(result.stdout)
    assert all(row["added"] == 0 and row["updated"] == 0 for row in summary)


def _broken_seeds(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(default_seed_dir(), folder, ignore=shutil.ignore_patterns("articles"))
    target = folder / file
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "events.toml",
            'start = "2018-03-26"',
            'start = "2018-02-30"',
            "field 'start' is '2018-02-30', not a valid date",
        ),
        ("leaders.toml", 'country = "PRK"', 'country = "XXQ"', "unknown country code 'XXQ'"),
    ],
)
def test_malformed_record_names_file_and_record_and_writes_nothing(
    seeded_url: str, tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    folder = _broken_seeds(tmp_path, file, old, new)
    before = counts(seeded_url)
    result = run("--db", seeded_url, "seed", str(folder))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert str(folder / file) in result.stderr
    assert message in result.stderr
    assert counts(seeded_url) == before


def test_malformed_record_on_empty_database_writes_nothing(
    migrated_url: str, tmp_path: Path
) -> None:
    folder = _broken_seeds(tmp_path, "countries.toml", 'iso3 = "PRK"', 'iso3 = "PRKX"')
    result = run("--db", migrated_url, "seed", str(folder))
    assert result.exit_code == 2
    assert "countries.toml" in result.stderr and "not a three-letter code" in result.stderr
    assert counts(migrated_url) == dict.fromkeys(counts(migrated_url), 0)
