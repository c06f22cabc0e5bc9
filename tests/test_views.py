"""The reporting views: created and dropped by migration 0002, and what they show.

`reporting_url` builds a small database with the ORM (three leaders, their countries, the
UN Security Council, contacts over two years, sanctions, articles with evidence) whose
every expected row is worked out from the data below; the report and export tests use it
too. The example queries of docs/sql.md run against the real seeded database.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from tests.clitools import run
from tests.conftest import allow_users_sql
from timeline import db
from timeline.models import (
    Actor,
    ActorAlias,
    Article,
    Event,
    EventHistory,
    Evidence,
    Office,
    Participant,
    SanctionDetail,
)
from timeline.names import fold
from timeline.services.pairs import refresh_pairs

VIEWS = {"events_view", "contacts_view", "offices_view", "sanctions_view", "event_history_view"}
DOCS = Path(__file__).resolve().parent.parent / "docs" / "sql.md"

# Actor ids in insertion order (asserted when the data is built).
CHINA, NORTH_KOREA, USA, UNSC, KIM, XI, TRUMP = range(1, 8)


def _actor(session, key, kind, name, *, country_id=None, aliases=()):
    actor = Actor(key=key, kind=kind, name=name, country_id=country_id, origin="seed")
    actor.aliases = [ActorAlias(alias=name, normalized=fold(name), kind="name")] + [
        ActorAlias(alias=a, normalized=fold(a), kind="alias") for a in aliases
    ]
    session.add(actor)
    session.flush()
    return actor


def _event(session, type_, start, end, precision, people, **fields):
    event = Event(
        type=type_,
        start_date=start,
        end_date=end,
        precision=precision,
        origin=fields.pop("origin", "seed"),
        participants=[Participant(actor_id=a, role=r) for a, r in people],
        **fields,
    )
    session.add(event)
    session.flush()
    refresh_pairs(session, event)
    return event


def _article(session, source, published, title, url):
    article = Article(
        content_hash=f"{published}-{title}".ljust(64, "0")[:64],
        source=source,
        published=published,
        title=title,
        url=url,
        text=title,
    )
    session.add(article)
    session.flush()
    return article


def _evidence(session, event, article, sentence, start=0):
    session.add(
        Evidence(
            event_id=event.id,
            article_id=article.id,
            sentence=sentence,
            start_char=start,
            end_char=start + len(sentence),
            extractor_version="test",
            confidence=0.9,
        )
    )
    session.flush()


def build_reporting_data(url: str) -> None:
    """The data every view, report and export test reasons about (ids 1, 2, ... in order)."""
    engine = db.make_engine(url)
    try:
        with db.session_scope(engine) as s:
            china = _actor(s, "country:CHN", "country", "China")
            prk = _actor(s, "country:PRK", "country", "North Korea", aliases=["DPRK"])
            usa = _actor(s, "country:USA", "country", "United States")
            unsc = _actor(s, "org:UNSC", "organization", "United Nations Security Council")
            kim = _actor(s, "kim-jong-un", "person", "Kim Jong Un", country_id=prk.id,
                         aliases=["Kim Jong-un"])  # fmt: skip
            xi = _actor(s, "xi-jinping", "person", "Xi Jinping", country_id=china.id)
            trump = _actor(s, "donald-trump", "person", "Donald Trump", country_id=usa.id)
            assert [a.id for a in (china, prk, usa, unsc, kim, xi, trump)] == list(range(1, 8))

            for holder, title, country, start, end in (
                (xi, "President of the People's Republic of China", china,
                 date(2013, 3, 14), None),
                (kim, "Chairman of the State Affairs Commission", prk, date(2016, 6, 29), None),
                (trump, "President of the United States", usa,
                 date(2017, 1, 20), date(2021, 1, 20)),
                (trump, "President of the United States", usa, date(2025, 1, 20), None),
            ):  # fmt: skip
                s.add(
                    Office(
                        key=f"{holder.key}|{start}",
                        holder_id=holder.id,
                        title=title,
                        role="head_of_state",
                        country_id=country.id,
                        start_date=start,
                        end_date=end,
                        title_aliases=[],
                    )
                )
            s.flush()

            d = date
            e1 = _event(s, "meeting", d(2018, 3, 26), d(2018, 3, 26), "day",
                        [(kim.id, "guest"), (xi.id, "host")], location="Beijing", cameo="042",
                        title="Kim Jong Un visits Beijing",
                        source_url="https://example.org/kim-beijing")  # fmt: skip
            _event(s, "meeting", d(2018, 5, 7), d(2018, 5, 8), "range",
                   [(kim.id, "guest"), (xi.id, "host")], location="Dalian", cameo="042",
                   title="Talks in Dalian")  # fmt: skip
            e3 = _event(s, "meeting", d(2018, 6, 12), d(2018, 6, 12), "day",
                        [(kim.id, "participant"), (trump.id, "participant")],
                        location="Singapore", cameo="044", title="Singapore summit")  # fmt: skip
            e4 = _event(s, "agreement", d(2018, 6, 12), d(2018, 6, 12), "day",
                        [(kim.id, "signatory"), (trump.id, "signatory")],
                        location="Singapore", cameo="057",
                        title="Singapore joint statement")  # fmt: skip
            e5 = _event(s, "meeting", d(2019, 6, 20), d(2019, 6, 20), "day",
                        [(xi.id, "guest"), (kim.id, "host")], location="Pyongyang",
                        cameo="042", title="Xi Jinping visits Pyongyang")  # fmt: skip
            _event(s, "call", d(2019, 6, 18), d(2019, 6, 18), "day",
                   [(trump.id, "participant"), (xi.id, "participant")], cameo="041")  # fmt: skip
            _event(s, "message", d(2019, 9, 1), d(2019, 12, 31), "year_part",
                   [(trump.id, "sender"), (kim.id, "recipient")], date_text="late last year",
                   title="Letter from Trump to Kim")  # fmt: skip
            _event(s, "meeting", d(2020, 1, 1), d(2020, 12, 31), "year",
                   [(kim.id, "guest"), (xi.id, "host")], status="planned",
                   title="Planned visit")  # fmt: skip
            _event(s, "meeting", d(2019, 2, 27), d(2019, 2, 27), "day",
                   [(kim.id, "participant"), (trump.id, "participant")], location="Hanoi",
                   review="rejected", title="Rejected report")  # fmt: skip
            _event(s, "message", None, None, "unknown",
                   [(xi.id, "sender"), (kim.id, "recipient")],
                   title="Undated message")  # fmt: skip
            for start, imposer, target, authority, lifted in (
                (d(2017, 12, 22), unsc, prk, "UN Security Council Resolution 2397", None),
                (d(2016, 7, 6), usa, kim, "OFAC designation", d(2018, 6, 1)),
                (d(2009, 6, 12), unsc, prk, "UNSCR 1874 (Panel of Experts)", d(2024, 4, 30)),
            ):
                sanction = _event(s, "sanction", start, start, "day",
                                  [(imposer.id, "imposer"), (target.id, "target")],
                                  title=authority)  # fmt: skip
                sanction.sanction = SanctionDetail(
                    authority=authority, measures="Asset freeze", lifted_on=lifted
                )
            s.flush()

            a1 = _article(s, "Xinhua", d(2018, 3, 28), "Xi holds talks with Kim",
                          "https://example.org/xinhua-1")  # fmt: skip
            a2 = _article(s, "Reuters", d(2018, 6, 12), "Trump and Kim meet",
                          "https://example.org/reuters-1")  # fmt: skip
            a3 = _article(s, "Reuters", d(2019, 6, 21), "Xi in Pyongyang",
                          "https://example.org/reuters-2")  # fmt: skip
            a4 = _article(s, "Xinhua", d(2019, 6, 21), "Xi visits the DPRK",
                          "https://example.org/xinhua-2")  # fmt: skip
            _article(s, None, d(2020, 1, 5), "An article reporting nothing", None)
            _evidence(s, e1, a1, "Xi Jinping held talks with Kim Jong Un in Beijing.")
            _evidence(s, e3, a2, "Trump and Kim met in Singapore.")
            _evidence(s, e4, a2, "They signed a joint statement.", start=40)
            _evidence(s, e5, a3, "Xi arrived in Pyongyang to meet Kim.")
            _evidence(s, e5, a4, "Xi Jinping met Kim Jong Un.")
            _evidence(s, e5, a4, "The two leaders held talks.", start=30)
            s.add(
                EventHistory(
                    event_id=e1.id,
                    action="edit",
                    field="location",
                    old_value='"Peking"',
                    new_value='"Beijing"',
                    changed_by="analyst",
                    note="spelling",
                )
            )
    finally:
        engine.dispose()


@pytest.fixture
def reporting_url(migrated_url: str) -> str:
    build_reporting_data(migrated_url)
    return allow_users_sql(migrated_url)


def query(url: str, sql: str) -> list[tuple]:
    engine = db.make_engine(url)
    try:
        with engine.connect() as connection:
            return [
                tuple(v.isoformat() if isinstance(v, date) else v for v in row)
                for row in connection.execute(text(sql))
            ]
    finally:
        engine.dispose()


def view_names(url: str) -> set[str]:
    engine = db.make_engine(url)
    try:
        return set(inspect(engine).get_view_names())
    finally:
        engine.dispose()


# --- migrations -----------------------------------------------------------------------------


def test_views_come_with_upgrade_and_go_with_downgrade(empty_url: str) -> None:
    assert run("--db", empty_url, "db", "upgrade").exit_code == 0
    assert view_names(empty_url) == VIEWS
    check = run("--db", empty_url, "db", "check")
    assert check.exit_code == 0, check.stderr
    assert "no differences" in check.stdout

    assert run("--db", empty_url, "db", "downgrade", "0001").exit_code == 0
    assert view_names(empty_url) == set()
    assert db.current_revision(empty_url) == "0001"

    assert run("--db", empty_url, "db", "upgrade").exit_code == 0
    assert view_names(empty_url) == VIEWS
    assert run("--db", empty_url, "db", "downgrade", "base").exit_code == 0
    assert view_names(empty_url) == set()


# --- what each view shows -------------------------------------------------------------------


def test_events_view_has_one_row_per_event_with_participant_names(reporting_url: str) -> None:
    rows = query(
        reporting_url,
        "SELECT event_id, type, start_date, end_date, start_year, start_month, end_month,"
        " participants, participant_count, article_count, sources"
        " FROM events_view ORDER BY event_id",
    )
    assert len(rows) == 13
    assert rows[0] == (1, "meeting", "2018-03-26", "2018-03-26", 2018, "2018-03", "2018-03",
                       "Kim Jong Un; Xi Jinping", 2, 1, 2)  # fmt: skip
    assert rows[4] == (5, "meeting", "2019-06-20", "2019-06-20", 2019, "2019-06", "2019-06",
                       "Xi Jinping; Kim Jong Un", 2, 2, 2)  # fmt: skip
    assert rows[6][:8] == (7, "message", "2019-09-01", "2019-12-31", 2019, "2019-09", "2019-12",
                           "Donald Trump; Kim Jong Un")  # fmt: skip
    assert rows[9] == (10, "message", None, None, None, None, None, "Xi Jinping; Kim Jong Un",
                       2, 0, 0)  # fmt: skip


def test_contacts_view_has_one_row_per_pair_of_a_contact(reporting_url: str) -> None:
    rows = query(
        reporting_url,
        "SELECT event_id, actor_a, actor_b, type, start_date, precision, status, review,"
        " sources FROM contacts_view ORDER BY event_id",
    )
    # Sanctions (events 11-13) are not contacts; every other event has exactly one pair.
    assert rows == [
        (1, "Kim Jong Un", "Xi Jinping", "meeting", "2018-03-26", "day", "occurred",
         "unreviewed", 2),
        (2, "Kim Jong Un", "Xi Jinping", "meeting", "2018-05-07", "range", "occurred",
         "unreviewed", 0),
        (3, "Kim Jong Un", "Donald Trump", "meeting", "2018-06-12", "day", "occurred",
         "unreviewed", 1),
        (4, "Kim Jong Un", "Donald Trump", "agreement", "2018-06-12", "day", "occurred",
         "unreviewed", 1),
        (5, "Kim Jong Un", "Xi Jinping", "meeting", "2019-06-20", "day", "occurred",
         "unreviewed", 2),
        (6, "Xi Jinping", "Donald Trump", "call", "2019-06-18", "day", "occurred",
         "unreviewed", 0),
        (7, "Kim Jong Un", "Donald Trump", "message", "2019-09-01", "year_part", "occurred",
         "unreviewed", 0),
        (8, "Kim Jong Un", "Xi Jinping", "meeting", "2020-01-01", "year", "planned",
         "unreviewed", 0),
        (9, "Kim Jong Un", "Donald Trump", "meeting", "2019-02-27", "day", "occurred",
         "rejected", 0),
        (10, "Kim Jong Un", "Xi Jinping", "message", None, "unknown", "occurred",
         "unreviewed", 0),
    ]  # fmt: skip


def test_offices_view_lists_offices_with_dates(reporting_url: str) -> None:
    rows = query(
        reporting_url,
        "SELECT leader, title, country, post_of, start_date, end_date, start_year, end_year"
        " FROM offices_view WHERE leader = 'Donald Trump' ORDER BY start_date",
    )
    assert rows == [
        ("Donald Trump", "President of the United States", "United States", "United States",
         "2017-01-20", "2021-01-20", 2017, 2021),
        ("Donald Trump", "President of the United States", "United States", "United States",
         "2025-01-20", None, 2025, None),
    ]  # fmt: skip


def test_sanctions_view_lists_sanctions_with_lifting_dates(reporting_url: str) -> None:
    rows = query(
        reporting_url,
        "SELECT event_id, imposer, target, target_kind, target_country, authority,"
        " adopted_on, lifted_on FROM sanctions_view ORDER BY adopted_on",
    )
    assert rows == [
        (13, "United Nations Security Council", "North Korea", "country", None,
         "UNSCR 1874 (Panel of Experts)", "2009-06-12", "2024-04-30"),
        (12, "United States", "Kim Jong Un", "person", "North Korea", "OFAC designation",
         "2016-07-06", "2018-06-01"),
        (11, "United Nations Security Council", "North Korea", "country", None,
         "UN Security Council Resolution 2397", "2017-12-22", None),
    ]  # fmt: skip


def test_event_history_view_joins_the_event(reporting_url: str) -> None:
    rows = query(
        reporting_url,
        "SELECT history_id, event_id, event_type, action, field, old_value, new_value,"
        " changed_by, note FROM event_history_view",
    )
    assert rows == [
        (1, 1, "meeting", "edit", "location", '"Peking"', '"Beijing"', "analyst", "spelling")
    ]
    columns = query(reporting_url, "SELECT * FROM event_history_view")
    assert len(columns[0]) == 10  # id, event, type, action, field, old, new, by, at, note


def test_views_are_readable_through_timeline_sql(reporting_url: str) -> None:
    result = run(
        "--db", reporting_url, "sql",
        "SELECT actor_a, actor_b, start_year FROM contacts_view WHERE event_id = 6",
        "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "actor_a,actor_b,start_year\nXi Jinping,Donald Trump,2019\n"


# --- the documented examples ----------------------------------------------------------------


def documented_examples() -> list[tuple[str, str | None]]:
    """(sql, expected markdown table or None) for every ```sql block of docs/sql.md."""
    source = DOCS.read_text(encoding="utf-8")
    examples = []
    for match in re.finditer(r"```sql\n(.*?)```\n", source, re.S):
        rest = source[match.end() :].lstrip("\n")
        table = _table_at(rest) if rest.startswith("|") else None
        examples.append((match.group(1).strip(), table))
    return examples


def _table_at(text_: str) -> str:
    lines = []
    for line in text_.splitlines():
        if not line.startswith("|"):
            break
        lines.append(line + "\n")
    return "".join(lines)


def test_docs_have_examples_with_expected_rows() -> None:
    examples = documented_examples()
    assert len(examples) >= 6
    assert sum(1 for _, table in examples if table) >= 5
    views_used = {v for sql, _ in examples for v in VIEWS if v in sql}
    assert views_used == VIEWS


def test_documented_example_queries_return_the_documented_rows(seeded_url: str) -> None:
    allow_users_sql(seeded_url)
    for sql, expected in documented_examples():
        result = run("--db", seeded_url, "sql", sql, "--format", "markdown")
        assert result.exit_code == 0, (sql, result.stderr)
        if expected is not None:
            assert result.stdout == expected, sql
