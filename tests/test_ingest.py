"""Ingesting articles: events with evidence, merged across sources, safe to repeat."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from tests.clitools import run
from timeline import db
from timeline.models import Article, Event, Evidence
from timeline.services.names import resolve_actor

ARTICLES = Path(__file__).resolve().parent.parent / "seeds" / "articles"
SEED_ARTICLE = ARTICLES / "seed-article.json"
KIM_ARRIVES = ARTICLES / "sample-2025-09-02-kim-arrives-beijing.json"


def extracted_events(url: str) -> list[dict]:
    """Events that articles report: type, names, range, status, origin, evidence sentences."""
    engine = db.make_engine(url)
    out = []
    with db.session_scope(engine) as session:
        reported = select(Evidence.event_id)
        for event in session.scalars(
            select(Event).where(Event.id.in_(reported)).order_by(Event.id)
        ):
            out.append(
                {
                    "type": event.type,
                    "names": sorted(p.actor.name for p in event.participants),
                    "start": event.start_date,
                    "end": event.end_date,
                    "precision": event.precision,
                    "status": event.status,
                    "origin": event.origin,
                    "evidence": [e.sentence for e in event.evidence],
                }
            )
    engine.dispose()
    return out


def extracted_range(path: Path, type_: str, names: list[str]) -> tuple[date, date]:
    """What `timeline extract` dates the article's event (no database involved)."""
    result = run("extract", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    [event] = [
        e
        for e in json.loads(result.stdout)[0]["events"]
        if e["type"] == type_ and sorted(p["name"] for p in e["participants"]) == sorted(names)
    ]
    return date.fromisoformat(event["date"]["start"]), date.fromisoformat(event["date"]["end"])


def row_counts(url: str) -> tuple[int, int, int]:
    engine = db.make_engine(url)
    with db.session_scope(engine) as session:
        counts = tuple(
            session.scalar(select(func.count()).select_from(t)) for t in (Article, Event, Evidence)
        )
    engine.dispose()
    return counts  # type: ignore[return-value]


def find(events: list[dict], type_: str, names: list[str]) -> dict:
    matches = [e for e in events if e["type"] == type_ and e["names"] == sorted(names)]
    assert len(matches) == 1, (type_, names, events)
    return matches[0]


def test_seed_article_gives_its_four_events(migrated_url: str) -> None:
    result = run("--db", migrated_url, "ingest", str(SEED_ARTICLE), "--format", "json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)[0]
    assert (summary["new"], summary["events new"], summary["errors"]) == (1, 4, 0)
    events = extracted_events(migrated_url)
    assert len(events) == 4

    parade = find(events, "attendance", ["Kim Jong Un", "Vladimir Putin", "Xi Jinping"])
    assert (parade["start"], parade["end"], parade["status"]) == (
        date(2025, 9, 1),
        date(2025, 9, 7),
        "planned",
    )
    assert parade["evidence"][0].startswith(
        "North Korean leader Kim Jong Un will attend an expansive military parade in China"
    )
    call = find(events, "call", ["Kim Jong Un", "Vladimir Putin"])
    assert (call["start"], call["end"], call["status"]) == (
        date(2025, 8, 1),
        date(2025, 8, 28),
        "occurred",
    )
    assert "phone call earlier this month" in call["evidence"][0]
    messages = find(events, "message", ["Kim Jong Un", "Xi Jinping"])
    assert (messages["start"], messages["end"]) == (date(2024, 9, 1), date(2024, 12, 31))
    assert messages["evidence"][0].startswith(
        "Messages between Xi and Kim published late last year"
    )
    invitation = find(events, "invitation", ["Kim Jong Un", "Xi Jinping"])
    assert invitation["evidence"][0].startswith(
        "Chinese President Xi Jinping extended Kim’s invitation"
    )
    # No date in its sentence: known only to have happened by the article's day.
    assert (invitation["start"], invitation["end"], invitation["precision"]) == (
        None,
        date(2025, 8, 28),
        "before",
    )


def test_curated_call_absorbs_the_reported_call(seeded_url: str) -> None:
    """The seeds hold the Putin–Kim call of 2025-08-12; the article's "phone call earlier
    this month" (2025-08-01..28) becomes evidence for it, not a second call."""
    result = run("--db", seeded_url, "ingest", str(SEED_ARTICLE), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["events merged"] == 1
    call = find(extracted_events(seeded_url), "call", ["Kim Jong Un", "Vladimir Putin"])
    assert (call["start"], call["end"]) == (date(2025, 8, 12), date(2025, 8, 12))
    assert call["origin"] == "seed"
    assert "phone call earlier this month" in call["evidence"][0]


def test_evidence_offsets_point_into_the_article(seeded_url: str) -> None:
    assert run("--db", seeded_url, "ingest", str(SEED_ARTICLE)).exit_code == 0
    text = json.loads(SEED_ARTICLE.read_text(encoding="utf-8"))["text"]
    engine = db.make_engine(seeded_url)
    with db.session_scope(engine) as session:
        evidence = session.scalars(select(Evidence)).all()
        assert evidence
        for row in evidence:
            assert text[row.start_char : row.end_char] == row.sentence
    engine.dispose()


def test_ingesting_twice_changes_nothing(seeded_url: str) -> None:
    assert run("--db", seeded_url, "ingest", str(SEED_ARTICLE)).exit_code == 0
    before = row_counts(seeded_url)
    result = run("--db", seeded_url, "ingest", str(SEED_ARTICLE), "--format", "json")
    assert result.exit_code == 0
    summary = json.loads(result.stdout)[0]
    assert (summary["new"], summary["already known"], summary["events new"]) == (0, 1, 0)
    assert row_counts(seeded_url) == before


def test_second_article_on_the_parade_merges_into_the_same_event(seeded_url: str) -> None:
    assert run("--db", seeded_url, "ingest", str(SEED_ARTICLE)).exit_code == 0
    result = run("--db", seeded_url, "ingest", str(KIM_ARRIVES), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["events merged"] >= 1
    parade = find(
        extracted_events(seeded_url), "attendance", ["Kim Jong Un", "Vladimir Putin", "Xi Jinping"]
    )
    assert len(parade["evidence"]) == 2
    # the stored range is the narrowest that both reports allow
    second = extracted_range(KIM_ARRIVES, "attendance", parade["names"])
    assert second[0] <= date(2025, 9, 7) and second[1] >= date(2025, 9, 1)
    expected = (max(date(2025, 9, 1), second[0]), min(date(2025, 9, 7), second[1]))
    assert (parade["start"], parade["end"]) == expected


def test_contacts_after_ingest_lists_messages_invitation_and_planned_parade(
    seeded_url: str,
) -> None:
    assert run("--db", seeded_url, "ingest", str(SEED_ARTICLE)).exit_code == 0
    result = run("--db", seeded_url, "contacts", "Kim Jong Un", "Xi Jinping", "--since", "2011",
                 "--format", "json")  # fmt: skip
    rows = json.loads(result.stdout)
    kinds = [(r["date"], r["type"]) for r in rows]
    assert ("late 2024", "message") in kinds
    assert ("by 2025-08-28", "invitation") in kinds
    assert all(r["status"] == "occurred" for r in rows)
    planned = run("--db", seeded_url, "contacts", "Kim", "Xi", "--status", "planned",
                  "--format", "json")  # fmt: skip
    assert [(r["date"], r["type"]) for r in json.loads(planned.stdout)] == [
        ("week of 2025-09-01", "attendance")
    ]


def test_a_bad_article_is_reported_and_the_others_go_in(seeded_url: str, tmp_path: Path) -> None:
    (tmp_path / "good.json").write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"title": "no text", "published": "2025-01-01"}')
    (tmp_path / "nodate.txt").write_text("Xi and Putin met in Moscow on Monday.\n")
    result = run("--db", seeded_url, "ingest", str(tmp_path), "--format", "json")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("timeline: error:")]
    assert len(errors) == 2
    assert any("bad.json: article has no text" in line for line in errors)
    assert any("nodate.txt: no publication date" in line for line in errors)
    summary = json.loads(result.stdout)[0]
    assert (summary["new"], summary["errors"]) == (1, 2)
    assert row_counts(seeded_url)[0] == 1


def test_unseeded_database_extracts_with_the_packaged_gazetteer(migrated_url: str) -> None:
    result = run("--db", migrated_url, "ingest", str(SEED_ARTICLE), "--format", "json")
    assert result.exit_code == 0, result.stderr
    engine = db.make_engine(migrated_url)
    with db.session_scope(engine) as session:
        kim = resolve_actor(session, "Kim Jong Un")
        assert kim.key == "person:kim-jong-un"
    engine.dispose()


def test_inputs_are_measured_so_the_bar_knows_its_total(tmp_path: Path) -> None:
    from timeline.formats.articles import inputs_size

    (tmp_path / "a.json").write_text('{"text": "x"}', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("hello", encoding="utf-8")
    assert inputs_size([str(tmp_path)]) == len('{"text": "x"}') + len("hello")
    assert inputs_size([str(tmp_path), "-"]) is None  # stdin: unknown until read


def test_the_progress_bar_shows_total_and_percentage_at_a_terminal(
    seeded_templates, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess
    import sys

    import pytest

    if shutil.which("script") is None:
        pytest.skip("needs util-linux 'script' for a pseudo-terminal")
    url = seeded_templates.copy("sqlite", tmp_path)
    folder = Path(__file__).resolve().parent.parent / "seeds" / "articles"
    command = f"{sys.executable} -m timeline --db {url} ingest {folder}"
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout
    shown = done.stdout.replace("\r", "\n")
    count = len(list(folder.glob("*.json")))
    assert f"{count}/{count}" in shown and "100%" in shown, shown[-500:]


def test_a_sanctioned_company_named_in_the_text_is_stored_as_an_unverified_body(
    seeded_url: str, tmp_path: Path
) -> None:
    article = {
        "id": "pdvsa",
        "title": "U.S. sanctions PDVSA",
        "source": "test",
        "published": "2019-01-29",
        "text": "The United States on Monday imposed sweeping sanctions on Venezuela's state "
        "oil company PDVSA, the biggest step yet.",
    }
    path = tmp_path / "pdvsa.json"
    path.write_text(json.dumps(article), encoding="utf-8")
    result = run("--db", seeded_url, "ingest", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    event = find(extracted_events(seeded_url), "sanction", ["PDVSA", "United States"])
    assert (event["start"], event["status"]) == (date(2019, 1, 28), "occurred")
    engine = db.make_engine(seeded_url)
    with db.session_scope(engine) as session:
        pdvsa = resolve_actor(session, "PDVSA")
        assert (pdvsa.key, pdvsa.kind, pdvsa.verified) == ("org:pdvsa", "organization", False)
    engine.dispose()
