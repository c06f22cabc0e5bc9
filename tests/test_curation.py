"""Curation: show, edit, confirm, reject, merge and add events, with a history of every change.

Every test runs on SQLite and on PostgreSQL (the `seeded_url` fixture). Most build their
events through the ORM or `ingest_article` with hand-made extractions, so they test
curation, not the extractor; `test_end_to_end_with_the_seed_article` runs the real extractor
on the seed article and articles about the Beijing parade.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from tests.clitools import run, run_json
from timeline import db
from timeline.models import Article, Event, EventHistory, EventPair, Evidence, Participant
from timeline.services import curation
from timeline.services.ingest import content_hash
from timeline.services.names import resolve_actor

ARTICLES = Path(__file__).resolve().parent.parent / "seeds" / "articles"
SEED_ARTICLE = ARTICLES / "seed-article.json"
PARADE_ARTICLE = ARTICLES / "sample-2025-09-03-beijing-parade.json"
PARADE_KEY = "2025-09-03-attendance-xi-jinping-vladimir-putin-kim-jong-un-beijing"


# --- helpers ---------------------------------------------------------------------------------


@contextmanager
def session_for(url: str) -> Iterator[Session]:
    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as session:
            yield session
    finally:
        engine.dispose()


def add_article(session: Session, text_: str, published: date, title: str = "A report") -> int:
    known = session.scalar(select(Article.id).where(Article.content_hash == content_hash(text_)))
    if known is not None:
        return known
    article = Article(
        content_hash=content_hash(text_),
        title=title,
        source="test wire",
        published=published,
        text=text_,
    )
    session.add(article)
    session.flush()
    return article.id


def make_event(
    url: str,
    type_: str,
    people: list[tuple[str, str]],
    start: date | None,
    end: date | None,
    *,
    status: str = "occurred",
    precision: str | None = None,
    date_text: str | None = None,
    sentences: tuple[str, ...] = (),
    published: date = date(2025, 9, 5),
) -> int:
    """An extracted event with one evidence row per sentence (each its own article)."""
    with session_for(url) as session:
        event = Event(
            type=type_,
            start_date=start,
            end_date=end,
            precision=precision or ("unknown" if start is None else "day"),
            date_text=date_text,
            status=status,
            origin="extracted",
            confidence=0.8,
            participants=[
                Participant(actor_id=resolve_actor(session, name).id, role=role)
                for name, role in people
            ],
        )
        session.add(event)
        session.flush()
        from timeline.services.pairs import refresh_pairs

        refresh_pairs(session, event)
        for sentence in sentences:
            article_id = add_article(session, sentence, published)
            session.add(
                Evidence(
                    event_id=event.id,
                    article_id=article_id,
                    sentence=sentence,
                    start_char=0,
                    end_char=len(sentence),
                    date_text=date_text,
                    extractor_version="test",
                    confidence=0.8,
                )
            )
        session.flush()
        return event.id


def state(url: str, event_id: int) -> dict[str, Any]:
    """Everything a curation command could change about an event, to compare before/after."""
    with session_for(url) as session:
        event = session.get(Event, event_id)
        if event is None:
            return {}
        return {
            "values": {
                c: getattr(event, c)
                for c in (
                    "type",
                    "start_date",
                    "end_date",
                    "precision",
                    "date_text",
                    "status",
                    "location",
                    "title",
                    "review",
                    "review_note",
                )
            },
            "participants": sorted((p.actor_id, p.role) for p in event.participants),
            "evidence": sorted(e.id for e in event.evidence),
            "history": session.scalar(
                select(func.count()).where(EventHistory.event_id == event_id)
            ),
            "pairs": sorted(
                session.execute(
                    select(EventPair.actor_a_id, EventPair.actor_b_id, EventPair.start_date).where(
                        EventPair.event_id == event_id
                    )
                ).all()
            ),
        }


def ok(*args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.stderr or result.stdout
    return result


def fails(*args: str, code: int) -> str:
    """Run a command that must fail with one line on stderr; return that line."""
    result = run(*args)
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("timeline: error: ")
    assert "Traceback" not in result.stderr
    return lines[0]


def kim_xi_meeting(url: str, **kwargs: Any) -> int:
    return make_event(
        url,
        "meeting",
        [("Xi Jinping", "host"), ("Kim Jong Un", "guest")],
        date(2025, 9, 1),
        date(2025, 9, 7),
        precision="week",
        date_text="next week",
        sentences=("Xi Jinping will host Kim Jong Un in Beijing next week.",),
        **kwargs,
    )


# --- show ------------------------------------------------------------------------------------


def test_show_gives_the_event_and_its_marked_evidence(seeded_url: str) -> None:
    event_id = kim_xi_meeting(seeded_url, status="planned")
    [detail] = run_json("--db", seeded_url, "event", "show", str(event_id))
    assert detail["id"] == event_id
    assert detail["type"] == "meeting" and detail["status"] == "planned"
    assert (detail["start"], detail["end"], detail["precision"]) == (
        "2025-09-01",
        "2025-09-07",
        "week",
    )
    assert detail["date"] == "week of 2025-09-01"
    assert detail["date_text"] == "next week"
    assert detail["origin"] == "extracted" and detail["review"] == "unreviewed"
    assert {(p["name"], p["role"]) for p in detail["participants"]} == {
        ("Xi Jinping", "host"),
        ("Kim Jong Un", "guest"),
    }
    [evidence] = detail["evidence"]
    assert evidence["title"] == "A report" and evidence["source"] == "test wire"
    assert evidence["published"] == "2025-09-05"
    assert evidence["marked"] == "«Xi Jinping» will host «Kim Jong Un» in Beijing «next week»."
    assert [m["text"] for m in evidence["marks"]] == ["Xi Jinping", "Kim Jong Un", "next week"]

    table = ok("--db", seeded_url, "event", "show", str(event_id)).stdout
    assert "week of 2025-09-01" in table and "next week" in table
    assert "Xi Jinping (host), Kim Jong Un (guest)" in table
    assert "«Xi Jinping» will host «Kim Jong Un» in Beijing «next week»." in table
    assert "Evidence (1)" in table


def test_show_of_a_seed_event_has_its_source(seeded_url: str) -> None:
    with session_for(seeded_url) as session:
        event_id = session.scalar(select(Event.id).where(Event.key == PARADE_KEY))
    [detail] = run_json("--db", seeded_url, "event", "show", f"#{event_id}")
    assert detail["key"] == PARADE_KEY and detail["origin"] == "seed"
    assert detail["source_url"] and detail["evidence"] == []


def test_bad_ids_give_one_line(seeded_url: str) -> None:
    for command in (["show"], ["history"], ["confirm"], ["reject", "--reason", "x"]):
        assert "no event #999999" in fails("--db", seeded_url, "event", *command, "999999", code=3)
        assert "is not an event id" in fails("--db", seeded_url, "event", *command, "abc", code=2)
    assert "is not an event id" in fails(
        "--db", seeded_url, "event", "edit", "12x", "--status", "planned", code=2
    )
    assert "no event #999999" in fails(
        "--db", seeded_url, "event", "edit", "999999", "--status", "planned", code=3
    )
    assert "no event #999999" in fails("--db", seeded_url, "event", "merge", "999999", "1", code=3)


# --- edit ------------------------------------------------------------------------------------


def test_edit_date_records_history_and_moves_the_pairs(seeded_url: str) -> None:
    event_id = kim_xi_meeting(seeded_url)
    [row] = run_json(
        "--db",
        seeded_url,
        "event",
        "edit",
        str(event_id),
        "--date",
        "2025-09-04",
        "--by",
        "analyst-a",
        "--note",
        "KCNA gives the day",
    )
    assert row["id"] == event_id and row["date"] == "2025-09-04"
    assert row["review"] == "edited"
    after = state(seeded_url, event_id)
    assert after["values"]["start_date"] == after["values"]["end_date"] == date(2025, 9, 4)
    assert after["values"]["precision"] == "day"
    assert [p[2] for p in after["pairs"]] == [date(2025, 9, 4)]

    history = run_json("--db", seeded_url, "event", "history", str(event_id))
    changes = {(h["action"], h["field"]): h for h in history}
    date_change = changes[("edit", "date")]
    assert date_change["old"] == {
        "start": "2025-09-01",
        "end": "2025-09-07",
        "precision": "week",
        "text": "next week",
    }
    assert date_change["new"]["start"] == date_change["new"]["end"] == "2025-09-04"
    assert date_change["changed_by"] == "analyst-a"
    assert date_change["note"] == "KCNA gives the day"
    assert date_change["changed_at"]
    assert (changes[("edit", "review")]["old"], changes[("edit", "review")]["new"]) == (
        "unreviewed",
        "edited",
    )


def test_edit_by_defaults_to_the_user_from_the_environment(
    seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LOGNAME", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("USER", "kim-analyst")
    event_id = kim_xi_meeting(seeded_url)
    ok("--db", seeded_url, "event", "edit", str(event_id), "--location", "Beijing")
    history = run_json("--db", seeded_url, "event", "history", str(event_id))
    assert {h["changed_by"] for h in history} == {"kim-analyst"}
    assert ("location", None, "Beijing") in [(h["field"], h["old"], h["new"]) for h in history]


def test_edit_date_forms(seeded_url: str) -> None:
    event_id = kim_xi_meeting(seeded_url, status="planned")

    def edit(*args: str) -> dict[str, Any]:
        ok("--db", seeded_url, "event", "edit", str(event_id), *args)
        return state(seeded_url, event_id)["values"]

    got = edit("--date", "late last year", "--as-of", "2025-08-28")
    assert (got["start_date"], got["end_date"]) == (date(2024, 9, 1), date(2024, 12, 31))
    assert got["date_text"] == "late last year"
    got = edit("--date", "next week", "--as-of", "2025-08-28")  # planned: the future reading
    assert (got["start_date"], got["end_date"], got["precision"]) == (
        date(2025, 9, 1),
        date(2025, 9, 7),
        "week",
    )
    got = edit("--date", "2025-09")
    assert (got["start_date"], got["end_date"], got["precision"]) == (
        date(2025, 9, 1),
        date(2025, 9, 30),
        "month",
    )
    got = edit("--start", "2025-09-02", "--end", "2025-09-04")
    assert (got["start_date"], got["end_date"], got["precision"]) == (
        date(2025, 9, 2),
        date(2025, 9, 4),
        "range",
    )
    got = edit("--end", "2025-09-02")  # the start stays
    assert (got["start_date"], got["end_date"], got["precision"]) == (
        date(2025, 9, 2),
        date(2025, 9, 2),
        "day",
    )
    got = edit("--undated")
    assert (got["start_date"], got["end_date"], got["precision"]) == (None, None, "unknown")
    assert state(seeded_url, event_id)["pairs"][0][2] is None


def test_edit_type_status_location_and_participants(seeded_url: str) -> None:
    event_id = kim_xi_meeting(seeded_url)
    ok(
        "--db",
        seeded_url,
        "event",
        "edit",
        str(event_id),
        "--type",
        "attendance",
        "--status",
        "planned",
        "--location",
        "Beijing",
        "--title",
        "Victory Day parade",
        "--add",
        "Vladimir Putin:attendee",
        "--add",
        "Kim Jong Un:attendee",  # a new role replaces the old one
        "--remove",
        "Xi Jinping",
    )
    after = state(seeded_url, event_id)
    assert after["values"]["type"] == "attendance" and after["values"]["status"] == "planned"
    assert after["values"]["location"] == "Beijing"
    assert after["values"]["title"] == "Victory Day parade"
    with session_for(seeded_url) as session:
        kim, putin = (resolve_actor(session, n).id for n in ("Kim Jong Un", "Vladimir Putin"))
    assert after["participants"] == sorted([(kim, "attendee"), (putin, "attendee")])
    assert [p[:2] for p in after["pairs"]] == [tuple(sorted((kim, putin)))]
    history = run_json("--db", seeded_url, "event", "history", str(event_id))
    fields = [h["field"] for h in history if h["action"] == "edit"]
    assert fields[:5] == ["type", "status", "location", "title", "participants"]
    [participants] = [h for h in history if h["field"] == "participants"]
    assert {"actor": "Xi Jinping", "role": "host"} in participants["old"]
    assert participants["new"] == [
        {"actor": "Kim Jong Un", "role": "attendee"},
        {"actor": "Vladimir Putin", "role": "attendee"},
    ]
    # The same values again: nothing changes, nothing is recorded.
    result = ok("--db", seeded_url, "event", "edit", str(event_id), "--location", "Beijing")
    assert "nothing changed" in result.stderr
    assert state(seeded_url, event_id)["history"] == after["history"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--start", "2025-09-05", "--end", "2025-09-04"], 2, "is before the start"),
        (["--end", "2025-08-01"], 2, "is before the start"),
        (["--add", "Nobody Atall"], 3, "no actor named 'Nobody Atall'"),
        (["--add", "Kim Jong Un:emperor"], 2, "unknown role 'emperor'"),
        (["--remove", "Vladimir Putin"], 2, "is not a participant"),
        (["--remove", "Kim Jong Un", "--remove", "Xi Jinping"], 2, "no participants left"),
        (["--type", "summit"], 2, "unknown event type 'summit'"),
        (["--status", "rumoured"], 2, "unknown status 'rumoured'"),
        (["--date", "sometime soonish"], 2, "cannot read a date"),
        (["--date", "2025-13-01"], 2, "invalid date '2025-13-01'"),
        (["--date", "2025-02-30"], 2, "invalid date '2025-02-30'"),
        (["--date", "2025-09-03", "--start", "2025-09-01"], 2, "give one of"),
        (["--as-of", "yesterday", "--date", "next week"], 2, "--as-of"),
        ([], 2, "nothing to change"),
        # a good change next to an impossible one: neither happens
        (["--location", "Pyongyang", "--add", "Nobody Atall"], 3, "no actor named"),
        (["--date", "2025-09-04", "--remove", "Vladimir Putin"], 2, "is not a participant"),
    ],
)
def test_impossible_edits_change_nothing(
    seeded_url: str, args: list[str], code: int, message: str
) -> None:
    event_id = kim_xi_meeting(seeded_url)
    before = state(seeded_url, event_id)
    line = fails("--db", seeded_url, "event", "edit", str(event_id), *args, code=code)
    assert message in line
    assert state(seeded_url, event_id) == before


# --- confirm and reject ----------------------------------------------------------------------


def contact_ids(url: str, *args: str) -> list[int]:
    rows = run_json("--db", url, "contacts", "Kim Jong Un", "Xi Jinping", "--status", "all", *args)
    return [r["id"] for r in rows]


def test_reject_hides_and_confirm_restores(seeded_url: str) -> None:
    event_id = kim_xi_meeting(seeded_url)
    assert event_id in contact_ids(seeded_url)
    assert "needs a reason" in fails("--db", seeded_url, "event", "reject", str(event_id), code=2)
    [row] = run_json(
        "--db", seeded_url, "event", "reject", str(event_id), "--reason", "a minister's visit"
    )
    assert row["review"] == "rejected"
    assert event_id not in contact_ids(seeded_url)
    events = run_json("--db", seeded_url, "events", "--actor", "Kim Jong Un", "--status", "all")
    assert event_id not in [r["id"] for r in events]
    rejected = run_json("--db", seeded_url, "events", "--review", "rejected", "--status", "all")
    assert [r["id"] for r in rejected] == [event_id]
    [detail] = run_json("--db", seeded_url, "event", "show", str(event_id))
    assert (detail["review"], detail["review_note"]) == ("rejected", "a minister's visit")

    # Editing a rejected event keeps it rejected.
    ok("--db", seeded_url, "event", "edit", str(event_id), "--location", "Beijing")
    assert state(seeded_url, event_id)["values"]["review"] == "rejected"

    [row] = run_json(
        "--db", seeded_url, "event", "confirm", str(event_id), "--note", "it was Kim himself"
    )
    assert row["review"] == "confirmed"
    assert event_id in contact_ids(seeded_url)
    confirmed = run_json("--db", seeded_url, "events", "--review", "confirmed", "--status", "all")
    assert event_id in [r["id"] for r in confirmed]
    # Confirming again changes nothing.
    count = state(seeded_url, event_id)["history"]
    assert "already confirmed" in ok("--db", seeded_url, "event", "confirm", str(event_id)).stderr
    assert state(seeded_url, event_id)["history"] == count
    history = run_json("--db", seeded_url, "event", "history", str(event_id))
    reviews = [(h["action"], h["old"], h["new"]) for h in history if h["field"] == "review"]
    assert reviews == [("reject", "unreviewed", "rejected"), ("confirm", "rejected", "confirmed")]


def test_confirm_several_is_all_or_nothing(seeded_url: str) -> None:
    first = kim_xi_meeting(seeded_url)
    second = make_event(
        seeded_url,
        "call",
        [("Kim Jong Un", "participant"), ("Vladimir Putin", "participant")],
        date(2025, 8, 12),
        date(2025, 8, 12),
    )
    fails("--db", seeded_url, "event", "confirm", str(first), "999999", code=3)
    assert state(seeded_url, first)["values"]["review"] == "unreviewed"
    rows = run_json("--db", seeded_url, "event", "confirm", str(first), str(second))
    assert [(r["id"], r["review"]) for r in rows] == [(first, "confirmed"), (second, "confirmed")]


# --- ingest and seed respect curation ---------------------------------------------------------


def extraction(
    type_: str,
    people: list[tuple[str, str, str]],
    when: tuple[date, date, str] | None,
    sentence: str,
    *,
    status: str = "occurred",
    date_text: str | None = None,
) -> Any:
    from timeline.extract import ExtractedEvent, ExtractedParticipant
    from timeline.extract.dates import DateRange

    return ExtractedEvent(
        type=type_,
        participants=tuple(
            ExtractedParticipant(
                name=name, role=role, key=key, kind="person", country=None, verified=True
            )
            for name, role, key in people
        ),
        date=DateRange(*when) if when else None,
        date_text=date_text,
        status=status,
        location=None,
        sentence=sentence,
        start=0,
        end=len(sentence),
        confidence=0.7,
        cameo=None,
    )


KIM = ("Kim Jong Un", "guest", "person:kim-jong-un")
XI = ("Xi Jinping", "host", "person:xi-jinping")


def ingest(url: str, sentence: str, published: date, *events: Any) -> None:
    from timeline.extract.gazetteer import Gazetteer
    from timeline.formats.articles import ArticleInput
    from timeline.services.ingest import ingest_article

    article = ArticleInput(
        id=None,
        title="Another report",
        source="another wire",
        url=None,
        published=published,
        text=sentence,
        origin="test",
    )
    with session_for(url) as session:
        ingest_article(session, article, Gazetteer.from_seed_dir(), events=list(events))


def test_ingest_keeps_the_values_of_a_curated_event(seeded_url: str) -> None:
    event_id = make_event(
        seeded_url,
        "meeting",
        [("Xi Jinping", "host"), ("Kim Jong Un", "guest")],
        date(2026, 3, 2),
        date(2026, 3, 8),
        precision="week",
        sentences=("Xi Jinping will host Kim Jong Un next week.",),
    )
    ok("--db", seeded_url, "event", "edit", str(event_id), "--date", "2026-03-05")
    sentence = "Kim Jong Un met Xi Jinping in Beijing this week."
    ingest(
        seeded_url,
        sentence,
        date(2026, 3, 7),
        extraction(
            "meeting",
            [KIM, XI],
            (date(2026, 3, 2), date(2026, 3, 8), "week"),
            sentence,
            date_text="this week",
        ),
    )
    after = state(seeded_url, event_id)
    assert (after["values"]["start_date"], after["values"]["end_date"]) == (
        date(2026, 3, 5),
        date(2026, 3, 5),
    )
    assert after["values"]["review"] == "edited"
    assert len(after["evidence"]) == 2


def test_a_rejected_event_swallows_new_reports(seeded_url: str) -> None:
    sentence = "Xi Jinping invited Kim Jong Un to visit China."
    invite = make_event(
        seeded_url,
        "invitation",
        [("Xi Jinping", "sender"), ("Kim Jong Un", "recipient")],
        None,
        None,
        sentences=(sentence,),
    )
    ok("--db", seeded_url, "event", "reject", str(invite), "--reason", "not an invitation")
    with session_for(seeded_url) as session:
        before = session.scalar(select(func.count()).select_from(Event))
    people = [("Xi Jinping", "sender", "person:xi-jinping"), ("Kim Jong Un", "recipient", KIM[2])]
    again = "Chinese President Xi Jinping invited Kim Jong Un, state media said."
    ingest(seeded_url, again, date(2025, 9, 1), extraction("invitation", people, None, again))
    with session_for(seeded_url) as session:
        assert session.scalar(select(func.count()).select_from(Event)) == before
    after = state(seeded_url, invite)
    assert after["values"]["review"] == "rejected" and len(after["evidence"]) == 2
    assert invite not in contact_ids(seeded_url)


def test_seed_keeps_curated_events(seeded_url: str) -> None:
    from timeline.formats.seedfiles import load_seed_dir
    from timeline.services.seed import seed_database

    with session_for(seeded_url) as session:
        parade = session.scalar(select(Event.id).where(Event.key == PARADE_KEY))
        meeting = session.scalar(
            select(Event.id).where(Event.key == "2025-09-04-meeting-kim-jong-un-xi-jinping-beijing")
        )
    ok("--db", seeded_url, "event", "edit", str(parade), "--location", "Tiananmen Square")
    ok("--db", seeded_url, "event", "reject", str(meeting), "--reason", "testing")
    with session_for(seeded_url) as session:
        seed_database(session, load_seed_dir())
    assert state(seeded_url, parade)["values"]["location"] == "Tiananmen Square"
    assert state(seeded_url, meeting)["values"]["review"] == "rejected"


def test_seed_does_not_recreate_a_seed_event_merged_away(seeded_url: str) -> None:
    from timeline.formats.seedfiles import load_seed_dir
    from timeline.services.seed import seed_database

    talks = "2025-09-04-meeting-kim-jong-un-xi-jinping-beijing"
    with session_for(seeded_url) as session:
        parade = session.scalar(select(Event.id).where(Event.key == PARADE_KEY))
        meeting = session.scalar(select(Event.id).where(Event.key == talks))
        before = session.scalar(select(func.count()).select_from(Event))
    ok("--db", seeded_url, "event", "merge", str(parade), str(meeting), "--force")
    with session_for(seeded_url) as session:
        summary = seed_database(session, load_seed_dir())
    assert summary.counts["events"]["added"] == 0
    assert summary.counts["events"]["curated"] >= 2
    with session_for(seeded_url) as session:
        assert session.scalar(select(Event.id).where(Event.key == talks)) is None
        assert session.scalar(select(func.count()).select_from(Event)) == before - 1


# --- merge -----------------------------------------------------------------------------------


def test_merge_keeps_one_event_with_all_evidence_and_both_histories(seeded_url: str) -> None:
    first = kim_xi_meeting(seeded_url)
    second = make_event(
        seeded_url,
        "meeting",
        [("Kim Jong Un", "guest"), ("Xi Jinping", "host"), ("Vladimir Putin", "participant")],
        date(2025, 9, 4),
        date(2025, 9, 4),
        sentences=("Kim Jong Un held talks with Xi Jinping on Thursday.",),
    )
    ok("--db", seeded_url, "event", "edit", str(first), "--date", "2025-09-04", "--by", "ann")
    ok("--db", seeded_url, "event", "edit", str(second), "--location", "Beijing", "--by", "bob")
    first_before, second_before = state(seeded_url, first), state(seeded_url, second)

    [row] = run_json("--db", seeded_url, "event", "merge", str(first), str(second), "--by", "cy")
    assert row["id"] == first and row["review"] == "edited"
    assert state(seeded_url, second) == {}
    after = state(seeded_url, first)
    assert after["evidence"] == sorted(first_before["evidence"] + second_before["evidence"])
    assert after["values"]["start_date"] == date(2025, 9, 4)  # the first keeps its values
    assert after["values"]["location"] == "Beijing"  # ... and takes what it lacked
    assert len(after["participants"]) == 3
    assert len(after["pairs"]) == 3
    history = run_json("--db", seeded_url, "event", "history", str(first))
    by = [h["changed_by"] for h in history]
    assert "ann" in by and "bob" in by and "cy" in by
    assert {h["event_id"] for h in history} == {first}
    [merge] = [h for h in history if (h["action"], h["field"]) == ("merge", "event")]
    assert merge["old"]["id"] == second and merge["new"] == first
    assert merge["old"]["location"] == "Beijing" and merge["old"]["evidence"] == 1

    line = fails("--db", seeded_url, "event", "show", str(second), code=3)
    assert f"merged into event #{first}" in line
    assert second not in contact_ids(seeded_url)
    assert contact_ids(seeded_url).count(first) == 1


def test_merge_refusals_change_nothing(seeded_url: str) -> None:
    first = kim_xi_meeting(seeded_url)
    before = state(seeded_url, first)
    assert "into itself" in fails(
        "--db", seeded_url, "event", "merge", str(first), str(first), code=2
    )
    assert "no event #999999" in fails(
        "--db", seeded_url, "event", "merge", str(first), "999999", code=3
    )
    assert state(seeded_url, first) == before


def test_merge_takes_over_a_seed_key(seeded_url: str) -> None:
    from timeline.formats.seedfiles import load_seed_dir
    from timeline.services.seed import seed_database

    with session_for(seeded_url) as session:
        seed_id = session.scalar(
            select(Event.id).where(Event.key == "2025-09-04-meeting-kim-jong-un-xi-jinping-beijing")
        )
        events_before = session.scalar(select(func.count()).select_from(Event))
    extracted = kim_xi_meeting(seeded_url)
    ok("--db", seeded_url, "event", "merge", str(extracted), str(seed_id))
    with session_for(seeded_url) as session:
        event = session.get(Event, extracted)
        assert (
            event is not None and event.key == "2025-09-04-meeting-kim-jong-un-xi-jinping-beijing"
        )
        seed_database(session, load_seed_dir())  # the key is curated now: not re-created
    with session_for(seeded_url) as session:
        assert session.scalar(select(func.count()).select_from(Event)) == events_before


# --- add -------------------------------------------------------------------------------------


def test_add_a_manual_event(seeded_url: str) -> None:
    [row] = run_json(
        "--db",
        seeded_url,
        "event",
        "add",
        "--type",
        "call",
        "--participant",
        "Kim Jong Un",
        "-p",
        "Vladimir Putin",
        "--date",
        "2025-10-02",
        "--source",
        "KCNA, 3 October 2025",
        "--by",
        "ann",
    )
    assert row["origin"] == "manual" and row["review"] == "confirmed"
    assert row["date"] == "2025-10-02" and row["sources"] == 1
    [detail] = run_json("--db", seeded_url, "event", "show", str(row["id"]))
    assert detail["source_url"] == "KCNA, 3 October 2025"
    assert {p["role"] for p in detail["participants"]} == {"participant"}
    [added] = run_json("--db", seeded_url, "event", "history", str(row["id"]))
    assert (added["action"], added["changed_by"]) == ("add", "ann")
    assert added["new"]["type"] == "call"
    calls = run_json("--db", seeded_url, "contacts", "Kim Jong Un", "Putin", "--type", "call")
    assert row["id"] in [r["id"] for r in calls]


def test_add_refuses_what_it_cannot_store(seeded_url: str) -> None:
    with session_for(seeded_url) as session:
        before = session.scalar(select(func.count()).select_from(Event))
    base = ["--db", seeded_url, "event", "add"]
    people = ["-p", "Kim Jong Un:guest", "-p", "Xi Jinping:host"]
    src = ["--source", "https://example.org/report"]
    assert "needs its source" in fails(*base, "--type", "meeting", *people, code=2)
    assert "needs at least one participant" in fails(*base, "--type", "meeting", *src, code=2)
    assert "give the event type" in fails(*base, *people, *src, code=2)
    assert "no actor named" in fails(*base, "--type", "meeting", "-p", "Nobody Atall", *src, code=3)
    assert "is before the start" in fails(
        *base,
        "--type",
        "meeting",
        *people,
        *src,
        "--start",
        "2025-09-05",
        "--end",
        "2025-09-01",
        code=2,
    )
    assert "given twice as a participant" in fails(
        *base, "--type", "call", "-p", "Kim Jong Un", "-p", "kim jong-un", *src, code=2
    )
    assert "must be http:// or https://" in fails(
        *base, "--type", "meeting", *people, "--source", "javascript:alert(1)", code=2
    )
    with session_for(seeded_url) as session:
        assert session.scalar(select(func.count()).select_from(Event)) == before


def test_merge_refuses_events_of_another_type_without_force(seeded_url: str) -> None:
    meeting = kim_xi_meeting(seeded_url, status="planned")
    message = make_event(
        seeded_url,
        "message",
        [("Xi Jinping", "sender"), ("Kim Jong Un", "recipient")],
        date(2025, 9, 1),
        date(2025, 9, 1),
    )
    line = fails("--db", seeded_url, "event", "merge", str(message), str(meeting), code=2)
    assert f"event #{meeting} is a meeting and #{message} a message: not duplicates" in line
    result = ok("--db", seeded_url, "event", "merge", str(message), str(meeting), "--force")
    assert "planned report(s) merged into an event that is occurred" in result.stderr


@pytest.mark.parametrize("wanted", ["99999999999999999999999", "2147483648", "#4294967296"])
def test_an_id_beyond_any_stored_one_is_not_found(seeded_url: str, wanted: str) -> None:
    line = fails("--db", seeded_url, "event", "show", wanted, code=3)
    assert f"no event #{wanted.lstrip('#')}" in line


def test_an_id_in_other_digits_is_bad_input(seeded_url: str) -> None:
    assert "is not an event id" in fails("--db", seeded_url, "event", "show", "\u00b2", code=2)


def test_add_points_at_likely_duplicates(seeded_url: str) -> None:
    result = ok(
        "--db",
        seeded_url,
        "event",
        "add",
        "--type",
        "meeting",
        "-p",
        "Kim Jong Un:guest",
        "-p",
        "Xi Jinping:host",
        "--date",
        "2025-09-04",
        "--source",
        "https://example.org",
    )
    assert "similar events already recorded" in result.stderr


# --- output and SQL --------------------------------------------------------------------------


def test_every_event_command_has_json(seeded_url: str) -> None:
    first, second = kim_xi_meeting(seeded_url), kim_xi_meeting(seeded_url)
    db_ = ["--db", seeded_url, "event"]
    outputs = [
        run_json(*db_, "show", str(first)),
        run_json(*db_, "edit", str(first), "--location", "Pyongyang"),
        run_json(*db_, "confirm", str(first)),
        run_json(*db_, "reject", str(second), "--reason", "duplicate"),
        run_json(*db_, "merge", str(first), str(second)),
        run_json(*db_, "history", str(first)),
        run_json(
            *db_,
            "add",
            "--type",
            "attendance",
            "-p",
            "Kim Jong Un",
            "--source",
            "x",
            "--date",
            "2025",
        ),
    ]
    assert all(isinstance(out, list) and out for out in outputs)
    for fmt in ("table", "csv", "markdown"):
        for command in (["show", str(first)], ["history", str(first)]):
            result = ok(*db_, *command, "--format", fmt)
            assert result.stdout.strip()


def test_history_view_for_sql_users(seeded_url: str) -> None:
    event_id = kim_xi_meeting(seeded_url)
    ok("--db", seeded_url, "event", "edit", str(event_id), "--date", "2025-09-03", "--by", "ann")
    with session_for(seeded_url) as session:
        rows = session.execute(
            text(
                "SELECT action, field, old_value, new_value, changed_by FROM event_history_view"
                " WHERE event_id = :id ORDER BY history_id"
            ),
            {"id": event_id},
        ).all()
    assert rows[0][:2] == ("edit", "date")
    assert json.loads(rows[0][3])["start"] == "2025-09-03"
    assert {r[4] for r in rows} == {"ann"}


def test_services_never_commit(seeded_url: str) -> None:
    event_id = kim_xi_meeting(seeded_url)
    engine = db.make_engine(seeded_url)
    try:
        with Session(engine) as session:
            curation.edit_event(
                session, event_id, curation.EventEdit(location="Nowhere"), by="test"
            )
            curation.reject_event(session, event_id, "testing", by="test")
            session.rollback()
    finally:
        engine.dispose()
    assert state(seeded_url, event_id)["values"]["review"] == "unreviewed"
    assert state(seeded_url, event_id)["history"] == 0


# --- the end-to-end run: real extractor, real articles ---------------------------------


def write_article(folder: Path, name: str, **fields: Any) -> str:
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"id": name, "url": None, **fields}), encoding="utf-8")
    return str(path)


def find(rows: list[dict[str, Any]], type_: str, status: str, names: set[str]) -> int:
    [found] = {
        r["id"]
        for r in rows
        if r["type"] == type_ and r["status"] == status and set(r["participants"]) == names
    }
    return found


def evidence_articles(url: str, event_id: int) -> list[str]:
    [detail] = run_json("--db", url, "event", "show", str(event_id))
    return sorted(e["source"] for e in detail["evidence"])


def test_end_to_end_with_the_seed_article(seeded_url: str, tmp_path: Path) -> None:
    """Edit the parade event's date, reject the invitation, re-ingest the seed article and
    other articles about the parade, merge: the analyst's work survives every step.

    Needs the extractor to find, in the seed article, the planned attendance of Kim, Putin
    and Xi at the parade "next week" and the undated invitation from Xi to Kim."""
    db_ = ["--db", seeded_url]
    ok(*db_, "ingest", str(SEED_ARTICLE))
    rows = run_json(*db_, "events", "--actor", "Kim Jong Un", "--status", "all", "--since", "2025")
    rows += run_json(
        *db_, "events", "--type", "invitation", "--actor", "Kim Jong Un", "--status", "all"
    )
    parade = find(rows, "attendance", "planned", {"Kim Jong Un", "Vladimir Putin", "Xi Jinping"})
    invitation = find(rows, "invitation", "occurred", {"Kim Jong Un", "Xi Jinping"})
    assert evidence_articles(seeded_url, parade) == ["wire"]

    # The analyst dates the parade and rejects the invitation (a welcome, not an invitation).
    ok(*db_, "event", "edit", str(parade), "--date", "2025-09-03", "--by", "ann")
    ok(*db_, "event", "reject", str(invitation), "--reason", "a welcome, not an invitation")
    assert invitation not in contact_ids(seeded_url)

    # Re-ingest the seed article (the same text: known, nothing added), the same article as
    # another outlet ran it (new text, same sentences), a second article about the parade
    # written before it, and the report of the parade itself.
    seed = json.loads(SEED_ARTICLE.read_text(encoding="utf-8"))
    copy = write_article(
        tmp_path,
        "syndicated-copy",
        title=seed["title"],
        source="syndicated",
        published=seed["published"],
        text=seed["text"].replace("Includes reporting from", "With reporting by"),
    )
    preview = write_article(
        tmp_path,
        "parade-preview",
        title="Putin and Kim to attend Beijing parade",
        source="preview wire",
        published="2025-08-30",
        text=(
            "BEIJING, Aug. 30 — Russian President Vladimir Putin and North Korean leader Kim "
            "Jong Un will attend the military parade in Beijing next week, China announced on "
            "Saturday.\nChinese President Xi Jinping will host 26 foreign leaders at the parade "
            "in Tiananmen Square, which marks 80 years since the end of World War II."
        ),
    )
    for path in (str(SEED_ARTICLE), copy, preview, str(PARADE_ARTICLE)):
        ok(*db_, "ingest", path)

    [detail] = run_json(*db_, "event", "show", str(parade))
    assert (detail["start"], detail["end"], detail["precision"]) == (
        "2025-09-03",
        "2025-09-03",
        "day",
    )
    assert detail["review"] == "edited"
    assert evidence_articles(seeded_url, parade) == ["preview wire", "syndicated", "wire"]

    [detail] = run_json(*db_, "event", "show", str(invitation))
    assert detail["review"] == "rejected"
    assert sorted(e["source"] for e in detail["evidence"]) == ["syndicated", "wire"]
    assert invitation not in contact_ids(seeded_url)
    invitations = run_json(
        *db_,
        "events",
        "--type",
        "invitation",
        "--actor",
        "Kim Jong Un",
        "--actor",
        "Xi Jinping",
        "--status",
        "all",
    )
    assert [r for r in invitations if r["start"] is None] == []  # not re-created

    # Merge the planned attendance into the seed's record of the parade: one event remains,
    # with all the evidence and the history of both.
    with session_for(seeded_url) as session:
        seed_parade = session.scalar(select(Event.id).where(Event.key == PARADE_KEY))
    seed_evidence = len(run_json(*db_, "event", "show", str(seed_parade))[0]["evidence"])
    ok(*db_, "event", "confirm", str(seed_parade), "--by", "bob")
    ok(*db_, "event", "merge", str(seed_parade), str(parade), "--by", "cy")
    [merged] = run_json(*db_, "event", "show", str(seed_parade))
    assert len(merged["evidence"]) == seed_evidence + 3
    assert merged["start"] == "2025-09-03" and merged["status"] == "occurred"
    history = run_json(*db_, "event", "history", str(seed_parade))
    assert {h["changed_by"] for h in history} >= {"ann", "bob", "cy"}
    assert ("edit", "date") in [(h["action"], h["field"]) for h in history]
    assert "merged into" in fails(*db_, "event", "show", str(parade), code=3)
