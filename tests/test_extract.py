"""Event extraction: the seed article, the rules, the dev set as a regression, the CLI."""

from __future__ import annotations

import json
import time
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.clitools import run
from timeline.extract import EXTRACTOR_VERSION, ExtractedEvent, Gazetteer, extract_events

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
SEED_ARTICLE = json.loads((FIXTURES / "seed-article.json").read_text(encoding="utf-8"))
SEED_TEXT: str = SEED_ARTICLE["text"]
SEED_DAY = date(2025, 8, 28)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_seed_dir()


def summary(events: list[ExtractedEvent]) -> list[tuple[Any, ...]]:
    return [
        (
            e.type,
            sorted(p.name for p in e.participants),
            (e.date.start.isoformat(), e.date.end.isoformat()) if e.date else None,
            e.status,
        )
        for e in events
    ]


def extract(gaz: Gazetteer, text: str, day: date) -> list[tuple[Any, ...]]:
    return summary(extract_events(text, day, gaz))


# -- the seed article -------------------------------------------------------------------


def test_seed_article_events(gaz: Gazetteer) -> None:
    assert extract(gaz, SEED_TEXT, SEED_DAY) == [
        (
            "attendance",
            ["Kim Jong Un", "Vladimir Putin", "Xi Jinping"],
            ("2025-09-01", "2025-09-07"),
            "planned",
        ),
        ("invitation", ["Kim Jong Un", "Xi Jinping"], None, "occurred"),
        ("call", ["Kim Jong Un", "Vladimir Putin"], ("2025-08-01", "2025-08-28"), "occurred"),
        ("message", ["Kim Jong Un", "Xi Jinping"], ("2024-09-01", "2024-12-31"), "occurred"),
    ]


def test_seed_article_evidence_offsets_slice_the_text(gaz: Gazetteer) -> None:
    events = extract_events(SEED_TEXT, SEED_DAY, gaz)
    starts = [
        "North Korean leader Kim Jong Un will attend an expansive military parade",
        "Chinese President Xi Jinping extended Kim\u2019s invitation to the event",
        "Kim and Putin discussed deepening their countries\u2019 ties in a phone call",
        "Messages between Xi and Kim published late last year",
    ]
    assert [e.start for e in events] == [SEED_TEXT.index(s) for s in starts]
    for event, start in zip(events, starts, strict=True):
        assert SEED_TEXT[event.start : event.end] == event.sentence
        assert event.sentence.startswith(start)
        assert event.sentence.endswith(".")
        assert 0.0 < event.confidence <= 1.0


def test_seed_article_roles_and_codes(gaz: Gazetteer) -> None:
    events = {e.type: e for e in extract_events(SEED_TEXT, SEED_DAY, gaz)}
    invitation = {p.name: p.role for p in events["invitation"].participants}
    assert invitation == {"Xi Jinping": "sender", "Kim Jong Un": "recipient"}
    assert {p.role for p in events["attendance"].participants} == {"attendee"}
    assert events["call"].cameo == "041"
    assert events["attendance"].date is not None
    assert events["attendance"].date.precision == "week"
    assert events["attendance"].date_text == "next week"


def test_seed_article_has_no_officials(gaz: Gazetteer) -> None:
    names = {p.name for e in extract_events(SEED_TEXT, SEED_DAY, gaz) for p in e.participants}
    assert names == {"Kim Jong Un", "Vladimir Putin", "Xi Jinping"}


def test_to_json_is_the_contract_shape(gaz: Gazetteer) -> None:
    event = extract_events(SEED_TEXT, SEED_DAY, gaz)[0].to_json()
    assert set(event) == {
        "type",
        "participants",
        "date",
        "status",
        "location",
        "evidence",
        "confidence",
        "cameo",
    }
    assert event["date"] == {
        "start": "2025-09-01",
        "end": "2025-09-07",
        "precision": "week",
        "text": "next week",
    }
    assert event["participants"][0] == {"name": "Kim Jong Un", "role": "attendee"}
    assert set(event["evidence"]) == {"sentence", "start", "end"}
    undated = extract_events(SEED_TEXT, SEED_DAY, gaz)[1].to_json()
    assert undated["date"]["start"] is None and undated["date"]["end"] is None
    assert EXTRACTOR_VERSION


# -- rules --------------------------------------------------------------------------------


def test_meeting_with_a_day_and_merged_repeats(gaz: Gazetteer) -> None:
    text = (
        "BEIJING, March 28 - North Korean leader Kim Jong Un made a trip to China this week "
        "and held talks with President Xi Jinping, state media said on Wednesday.\n"
        "Kim and Xi met at the Great Hall of the People on Monday."
    )
    assert extract(gaz, text, date(2018, 3, 28)) == [
        ("meeting", ["Kim Jong Un", "Xi Jinping"], ("2018-03-26", "2018-03-26"), "occurred")
    ]


def test_planned_negated_and_wished(gaz: Gazetteer) -> None:
    day = date(2019, 4, 25)
    assert extract(gaz, "Putin will visit Beijing next week.", day) == [
        ("meeting", ["Vladimir Putin", "Xi Jinping"], ("2019-04-29", "2019-05-05"), "planned")
    ]
    assert extract(gaz, "Putin and Kim Jong Un did not sign any agreement on Thursday.", day) == [
        ("agreement", ["Kim Jong Un", "Vladimir Putin"], ("2019-04-25", "2019-04-25"), "negated")
    ]
    assert extract(gaz, "Kim Jong Un said he would like to meet Trump again.", day) == []


def test_officials_meetings_statements_and_vetoes_are_not_events(gaz: Gazetteer) -> None:
    day = date(2024, 3, 29)
    for text in (
        "Foreign Minister Sergei Lavrov met Chinese officials in Beijing on Monday.",
        "Moon's national security adviser held talks with Kim Jong Un in Pyongyang in March.",
        "Russia on Thursday vetoed the renewal of the UN panel watching sanctions on North Korea.",
        "Xi Jinping and Joe Biden agreed that the talks should continue.",
    ):
        assert extract(gaz, text, day) == [], text


def test_sanctions_and_state_signatories(gaz: Gazetteer) -> None:
    text = (
        "The United Nations Security Council on Friday approved new sanctions on North Korea.\n"
        "The council first punished Pyongyang with sanctions in 2006."
    )
    assert extract(gaz, text, date(2017, 12, 23)) == [
        (
            "sanction",
            ["North Korea", "United Nations Security Council"],
            ("2017-12-22", "2017-12-22"),
            "occurred",
        ),
        (
            "sanction",
            ["North Korea", "United Nations Security Council"],
            ("2006-01-01", "2006-12-31"),
            "occurred",
        ),
    ]
    signed = "Pyongyang and Moscow signed a treaty on Wednesday."
    assert extract(gaz, signed, date(2024, 6, 20)) == [
        ("agreement", ["North Korea", "Russia"], ("2024-06-19", "2024-06-19"), "occurred")
    ]


def test_calls_messages_and_unverified_leaders(gaz: Gazetteer) -> None:
    text = (
        "Xi Jinping held a video call with Mongolian President Ukhnaagiin Khurelsukhbat on "
        "Tuesday. Khurelsukhbat sent a congratulatory message to Xi last month."
    )
    events = extract_events(text, date(2023, 6, 8), gaz)
    pair = ["Ukhnaagiin Khurelsukhbat", "Xi Jinping"]
    assert summary(events) == [
        ("call", pair, ("2023-06-06", "2023-06-06"), "occurred"),
        ("message", pair, ("2023-05-01", "2023-05-31"), "occurred"),
    ]
    unknown = next(p for p in events[0].participants if not p.verified)
    assert (unknown.key, unknown.country) == ("person:ukhnaagiin-khurelsukhbat", "country:MNG")


# -- the dev set as a regression ------------------------------------------------------------


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in decomposed.lower() if ch.isalnum())


def test_dev_set_stays_above_the_bar(gaz: Gazetteer) -> None:
    """The annotated dev articles (copied from the shared eval set): F1 and exact dates."""
    tp = fp = fn = exact = 0
    for path in sorted((FIXTURES / "dev").glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        day = date.fromisoformat(article["published"])
        got = [
            (e.type, frozenset(_fold(p.name) for p in e.participants), e.date, e.status)
            for e in extract_events(article["text"], day, gaz)
        ]
        taken: set[int] = set()
        for gold in article["events"]:
            names = frozenset(_fold(n) for n in gold["participants"])
            start = date.fromisoformat(gold["date_from"]) if gold["date_from"] else None
            end = date.fromisoformat(gold["date_to"]) if gold["date_to"] else None
            for n, (type_, parts, when, status) in enumerate(got):
                if n in taken or type_ != gold["type"] or parts != names:
                    continue
                if (status == "negated") != (gold["status"] == "negated"):
                    continue
                if start and end and (when is None or when.start > end or when.end < start):
                    continue
                taken.add(n)
                tp += 1
                exact += bool(when and start == when.start and end == when.end) or (
                    when is None and start is None
                )
                break
            else:
                fn += 1
        fp += len(got) - len(taken)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.85, (tp, fp, fn)
    assert exact >= 0.8 * tp


# -- robustness ----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(max_size=400)
    | st.lists(
        st.sampled_from(
            [
                "Kim Jong Un",
                "Xi",
                "the two leaders",
                "met",
                "will visit",
                "did not sign",
                "a treaty",
                "sanctions on",
                "Pyongyang",
                "on Monday",
                "next week",
                "late last year",
                ".",
                ",",
                "\u2019s",
                "\n",
                "President",
                "Russian",
                "he",
                "invited",
                "U.S.",
                "in 2018",
            ]
        ),
        max_size=40,
    ).map(" ".join),
    day=st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
)
def test_any_text_and_date_never_raise_and_are_deterministic(text: str, day: date) -> None:
    gaz = Gazetteer.from_seed_dir()
    first = extract_events(text, day, gaz)
    assert extract_events(text, day, gaz) == first
    for event in first:
        assert text[event.start : event.end] == event.sentence
        assert len(event.participants) >= 1
        json.dumps(event.to_json())


@pytest.mark.parametrize(
    "text",
    [
        "." * 30000,
        "!?" * 15000,
        "\u2019" * 30000,
        "Kim Jong Un met Xi Jinping and " * 800,
        "President " * 5000,
        "the two leaders met. " * 2000,
    ],
)
def test_pathological_text_stays_fast(gaz: Gazetteer, text: str) -> None:
    started = time.perf_counter()
    extract_events(text, date(2020, 1, 1), gaz)
    assert time.perf_counter() - started < 3.0


# -- the CLI ----------------------------------------------------------------------------------


def test_cli_extract_json(tmp_path: Path) -> None:
    article = tmp_path / "a.json"
    article.write_text(json.dumps(SEED_ARTICLE), encoding="utf-8")
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps({"text": SEED_TEXT, "published": "2025-08-28"}), encoding="utf-8")
    result = run("extract", str(article), str(bare))
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert [a["id"] for a in out] == [SEED_ARTICLE["id"], "bare"]
    assert out[0]["published"] == "2025-08-28"
    assert out[0]["title"] == SEED_ARTICLE["title"]
    assert [e["type"] for e in out[0]["events"]] == ["attendance", "invitation", "call", "message"]
    assert out[0]["events"] == out[1]["events"]


def test_cli_extract_bad_input_is_reported_and_the_rest_printed(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(SEED_ARTICLE), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run("extract", str(bad), str(good))
    assert result.exit_code == 1
    assert [a["id"] for a in json.loads(result.stdout)] == [SEED_ARTICLE["id"]]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.json" in lines[0]


def test_cli_extract_table_and_published(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Kim Jong Un and Xi Jinping met in Beijing on Monday.", encoding="utf-8")
    result = run("extract", str(note), "--published", "2018-03-28", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "article,type,participants,date,status,location",
        'note,meeting,"Kim Jong Un (participant), Xi Jinping (participant)",'
        + _shown("2018-03-26")
        + ",occurred,Beijing",
    ]


def _shown(day: str) -> str:
    from timeline.extract.dates import format_range

    d = date.fromisoformat(day)
    return format_range(d, d, "day")


def test_cli_dates_text() -> None:
    result = run("dates", "Kim will attend next week", "--published", "2025-08-28", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 1
    row = rows[0]
    assert (row["text"], row["start_char"], row["end_char"]) == ("next week", 16, 25)
    assert (row["start"], row["end"], row["precision"]) == ("2025-09-01", "2025-09-07", "week")
    assert set(row) == {
        "text",
        "start_char",
        "end_char",
        "start",
        "end",
        "precision",
        "shown",
        "kind",
    }


def test_cli_dates_needs_a_publication_date() -> None:
    result = run("dates", "next week")
    assert result.exit_code == 2
    assert "--published" in result.stderr


def test_cli_dates_stdin_lines_with_a_bad_line() -> None:
    lines = "\n".join(
        [
            json.dumps({"id": "a", "text": "on Tuesday", "published": "2025-08-28"}),
            "{oops",
            json.dumps({"id": "b", "text": "late last year", "published": "2025-08-28"}),
        ]
    )
    result = run("dates", "-", input=lines + "\n")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert (out[0]["dates"][0]["start"], out[0]["dates"][0]["end"]) == ("2025-08-26", "2025-08-26")
    assert (out[1]["dates"][0]["start"], out[1]["dates"][0]["end"]) == ("2024-09-01", "2024-12-31")
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and ":2:" in errors[0]


def test_dates_from_relative_clauses_and_offsets(gaz: Gazetteer) -> None:
    text = (
        "Kim Jong Un arrived in Vietnam on Tuesday ahead of his second summit with Donald "
        "Trump, which is due to be held in Hanoi on Wednesday and Thursday."
    )
    assert extract(gaz, text, date(2019, 2, 25)) == [
        ("meeting", ["Donald Trump", "Kim Jong Un"], ("2019-02-27", "2019-02-28"), "planned")
    ]
    text = "Kim Jong Un left Vladivostok on Friday, a day after his first summit with Putin."
    assert extract(gaz, text, date(2019, 4, 26)) == [
        ("meeting", ["Kim Jong Un", "Vladimir Putin"], ("2019-04-25", "2019-04-25"), "occurred")
    ]


def test_background_and_cancelled_events(gaz: Gazetteer) -> None:
    day = date(2019, 6, 21)
    lead = "Xi Jinping and Kim Jong Un held talks in Pyongyang on Thursday. "
    assert extract(gaz, lead + "Kim has met Donald Trump twice.", day) == [
        ("meeting", ["Kim Jong Un", "Xi Jinping"], ("2019-06-20", "2019-06-20"), "occurred")
    ]
    text = "Kim Jong Un wanted a summit with Donald Trump, which Trump called off on Thursday."
    assert [e[3] for e in extract(gaz, text, date(2018, 5, 27))] == ["negated"]
