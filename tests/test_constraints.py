"""The database itself rejects bad data, on both backends, whatever code writes to it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from timeline import db
from timeline.models import Actor, Article, Event, Participant


def _commit(url: str, *rows: object) -> None:
    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as session:
            session.add_all(rows)
    finally:
        engine.dispose()


def test_event_ending_before_it_starts_is_rejected(migrated_url: str) -> None:
    bad = Event(type="meeting", start_date=date(2018, 3, 26), end_date=date(2018, 3, 25))
    with pytest.raises(IntegrityError, match=r"(?i)check"):
        _commit(migrated_url, bad)


def test_half_open_date_range_is_rejected(migrated_url: str) -> None:
    with pytest.raises(IntegrityError):
        _commit(migrated_url, Event(type="meeting", start_date=date(2018, 3, 26)))


def test_event_known_only_to_precede_its_report_is_stored(migrated_url: str) -> None:
    """Revision 0003: an open start with a set end is "happened by that day"."""
    bounded = Event(type="message", end_date=date(2025, 8, 28), precision="before", origin="import")
    _commit(migrated_url, bounded)


def test_open_end_with_a_set_start_is_rejected(migrated_url: str) -> None:
    with pytest.raises(IntegrityError, match=r"(?i)check"):
        _commit(migrated_url, Event(type="meeting", start_date=date(2018, 3, 26), precision="day"))


def test_unknown_status_is_rejected(migrated_url: str) -> None:
    with pytest.raises(IntegrityError, match=r"(?i)check"):
        _commit(migrated_url, Event(type="meeting", status="rumoured"))


def test_unknown_event_type_is_rejected(migrated_url: str) -> None:
    with pytest.raises(IntegrityError, match=r"(?i)check"):
        _commit(migrated_url, Event(type="picnic"))


def test_duplicate_article_hash_is_rejected(migrated_url: str) -> None:
    def article() -> Article:
        return Article(content_hash="a" * 64, published=date(2025, 8, 28), text="same")

    _commit(migrated_url, article())
    with pytest.raises(IntegrityError, match=r"(?i)unique|duplicate"):
        _commit(migrated_url, article())


def test_participant_needs_an_existing_actor(migrated_url: str) -> None:
    event = Event(type="call", participants=[Participant(actor_id=424242, role="sender")])
    with pytest.raises(IntegrityError, match=r"(?i)foreign key"):
        _commit(migrated_url, event)


def test_unknown_participant_role_is_rejected(migrated_url: str) -> None:
    actor = Actor(key="person:x", kind="person", name="X")
    event = Event(type="call", participants=[Participant(actor=actor, role="bystander")])
    with pytest.raises(IntegrityError, match=r"(?i)check"):
        _commit(migrated_url, actor, event)
