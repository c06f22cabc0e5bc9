"""Every question of tests/fixtures/questions.tsv, answered on the sample database (seeds plus
the sample articles) on SQLite and PostgreSQL, against the answer written down before the
reader existed."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.clitools import run
from tests.conftest import BACKENDS
from tests.sampledb import sample_url
from timeline import db
from timeline.errors import TimelineError

FIXTURE = Path(__file__).parent / "fixtures" / "questions.tsv"


def load_questions() -> list[tuple[str, str, str]]:
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [(q, as_of, expected) for q, as_of, expected in csv.reader(lines, delimiter="\t")]


QUESTIONS = load_questions()


@pytest.fixture(scope="module", params=BACKENDS)
def sample_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    for url in sample_url(request.param, tmp_path_factory):
        engine = db.make_engine(url)
        yield engine
        engine.dispose()


def shown(reading_answer: Any, intent: str) -> str:
    """An answer in the fixture's notation."""
    rows = reading_answer.rows
    if intent in ("leaders", "office"):
        return "leaders: " + ("; ".join(r["leader"] for r in rows) or "(none)")
    if intent == "count":
        return f"count: {reading_answer.summary}"
    if "adopted" in reading_answer.columns:
        listed = "; ".join(f"{r['adopted']} {r['imposer']} > {r['target']}" for r in rows)
        return "sanctions: " + (listed or "(none)")
    events = "; ".join(f"{r['date']} {r['type']}" for r in rows) or "(none)"
    if intent == "yesno":
        return "no" if reading_answer.summary == "no" else f"yes: {events}"
    return f"events: {events}"


def ask(engine: Any, question: str, as_of: str) -> str:
    from timeline.ask.answer import answer
    from timeline.ask.reader import read

    today = date.fromisoformat(as_of) if as_of else date.today()
    with Session(engine) as session:
        try:
            reading = read(session, question, today)
            return shown(answer(session, reading), reading.intent)
        except TimelineError as exc:
            return f"error: {exc.exit_code}"


def test_fixture_covers_every_intent_many_ways() -> None:
    assert len(QUESTIONS) >= 100
    kinds = {expected.split(":")[0] for _, _, expected in QUESTIONS}
    assert kinds >= {"events", "count", "yes", "no", "leaders", "sanctions", "error"}


@pytest.mark.parametrize(
    ("question", "as_of", "expected"), QUESTIONS, ids=[q for q, _, _ in QUESTIONS]
)
def test_question(sample_engine: Any, question: str, as_of: str, expected: str) -> None:
    assert ask(sample_engine, question, as_of) == expected


def test_every_answer_says_how_it_was_read(sample_engine: Any) -> None:
    url = sample_engine.url.render_as_string(hide_password=False)
    result = run("--db", url, "ask", "When did Kim Jong Un last meet Putin?")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "read as: meetings of Kim Jong Un and Vladimir Putin, dated ones, latest first, limit 1\n"
    )
    assert "2025-09-03" in result.stdout and "Beijing" in result.stdout


def test_unreadable_question_names_the_part_and_one_form(sample_engine: Any) -> None:
    url = sample_engine.url.render_as_string(hide_password=False)
    result = run("--db", url, "ask", "Xi Jinping weather in 2019")
    assert result.exit_code == 2
    assert result.stderr == (
        "timeline: error: cannot read 'weather' in 'Xi Jinping weather in 2019'; closest "
        'supported form: "Xi Jinping\'s timeline in 2019"\n'
    )
    result = run("--db", url, "ask", "Kim–Zorblax contacts")
    assert result.exit_code == 3
    assert result.stderr.startswith("timeline: error: no actor named 'Zorblax'")
    assert result.stderr.count("\n") == 1


def test_count_and_yes_no_in_json(sample_engine: Any) -> None:
    import json

    url = sample_engine.url.render_as_string(hide_password=False)
    result = run("--db", url, "ask", "Did Kim meet Putin in 2020?", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"answer": "no", "rows": []}]
    result = run("--db", url, "ask", "how many times has Kim met Xi", "--format", "json")
    body = json.loads(result.stdout)[0]
    assert body["answer"] == "6" and len(body["rows"]) == 6
