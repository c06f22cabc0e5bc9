"""The merge lookup (timeline.services.matching) finds exactly the candidates the lookup
before migration 0004 found (tests/reference_lookup.py), on both backends.

The stored corpus is written through ingest itself and mixes every case the bounded index
ranges must get right: undated events (reviewed and not), events bounded by their report
only (precision 'before'), same-day, month, multi-year and decade-long ranges, one to four
participants, every status, on seeded data.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from tests.reference_lookup import old_candidates
from timeline import db
from timeline.extract import ExtractedEvent, ExtractedParticipant
from timeline.extract.dates import DateRange
from timeline.formats.articles import ArticleInput
from timeline.models import Actor, Event
from timeline.services.ingest import ingest_article
from timeline.services.matching import matching_candidates

KEYS = (
    "person:xi-jinping",
    "person:kim-jong-un",
    "person:vladimir-putin",
    "person:donald-trump",
    "person:moon-jae-in",
    "country:CHN",
)
TYPES = ("meeting", "call", "attendance", "sanction")
STATUSES = ("occurred", "planned", "negated")
SPANS = (0, 0, 1, 6, 30, 91, 365, 3 * 365 + 1, 3652)  # days after the start


def random_report(rng: random.Random, n: int) -> ExtractedEvent:
    keys = rng.sample(KEYS, rng.choice((1, 2, 2, 2, 3, 4)))
    participants = tuple(
        ExtractedParticipant(key.split(":")[1], "participant", key, key.split(":")[0], None, True)
        for key in keys
    )
    when = None
    if rng.random() > 0.2:
        start = date(2017, 1, 1) + timedelta(days=rng.randrange(3000))
        span = rng.choice(SPANS)
        when = DateRange(start, start + timedelta(days=span), "day" if span == 0 else "range")
    status = rng.choice(STATUSES)
    before = (
        date(2026, 1, 1) if when is None and status == "occurred" and rng.random() < 0.5 else None
    )
    return ExtractedEvent(
        type=rng.choice(TYPES),
        participants=participants,
        date=when,
        date_text=None if when is None else f"text {n}",
        status=status,
        location=None,
        sentence=f"Report {n}.",
        start=0,
        end=10,
        confidence=0.8,
        cameo=None,
        not_after=before,
    )


def test_the_new_lookup_finds_exactly_the_old_candidates(seeded_url: str) -> None:
    rng = random.Random(16)
    engine = db.make_engine(seeded_url, writer=True)
    try:
        gazetteer = None
        for n in range(60):  # stored through ingest: 5 reports per article
            events = [random_report(rng, 5 * n + k) for k in range(5)]
            article = ArticleInput(None, None, None, None, date(2026, 1, 1), f"Article {n}.", "t")
            with db.session_scope(engine) as session:
                ingest_article(session, article, gazetteer, events=events)
        with db.session_scope(engine) as session:  # some undated events reviewed
            undated = session.scalars(
                select(Event).where(Event.start_date.is_(None)).order_by(Event.id)
            ).all()
            assert len(undated) >= 10
            for event in undated[::3]:
                event.review = "confirmed"
        with db.session_scope(engine) as session:
            rows = session.execute(select(Actor.key, Actor.id).where(Actor.key.in_(KEYS)))
            ids = {key: actor_id for key, actor_id in rows}
            spans = session.scalars(select(Event.end_date - Event.start_date).distinct()).all()
            assert len(set(spans)) >= 5, "the corpus must hold ranges of many lengths"
            compared = found = 0
            for n in range(400):
                report = random_report(rng, 1000 + n)
                actor_ids = sorted({ids[p.key] for p in report.participants})
                for record in (False, True):
                    old = {r.id for r in old_candidates(session, report, actor_ids, record=record)}
                    new = {
                        r.id for r in matching_candidates(session, report, actor_ids, record=record)
                    }
                    assert new == old, (report, actor_ids, record)
                    compared += 1
                    found += bool(new)
            assert compared == 800 and found >= 100, found
    finally:
        engine.dispose()
