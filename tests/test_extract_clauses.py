"""Participants and dates read by clause, not by co-occurrence in a sentence."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from timeline.extract import Gazetteer, extract_events

DAY = date(2025, 8, 28)  # a Thursday


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_seed_dir()


def events(gaz: Gazetteer, text: str, day: date = DAY) -> list[tuple[Any, ...]]:
    return [
        (
            e.type,
            sorted(p.name for p in e.participants),
            (e.date.start.isoformat(), e.date.end.isoformat()) if e.date else None,
            e.status,
        )
        for e in extract_events(text, day, gaz)
    ]


def test_a_call_with_one_leader_is_not_joined_by_the_object_of_another_verb(
    gaz: Gazetteer,
) -> None:
    assert events(gaz, "Xi spoke to Trump on Tuesday after a video call with Putin.") == [
        ("call", ["Vladimir Putin", "Xi Jinping"], ("2025-08-26", "2025-08-26"), "occurred")
    ]


def test_his_summit_is_the_subjects_not_the_briefed_leaders(gaz: Gazetteer) -> None:
    got = events(gaz, "Moon briefed Xi on Monday on his summit with Trump.", date(2019, 3, 1))
    assert [(t, names) for t, names, _, _ in got] == [("meeting", ["Donald Trump", "Moon Jae-in"])]


def test_a_relative_clause_keeps_its_own_meeting_and_leaves_the_main_verbs(
    gaz: Gazetteer,
) -> None:
    assert events(gaz, "Kim, whom Trump met in Singapore on June 12, 2018, will visit Moscow.") == [
        ("meeting", ["Donald Trump", "Kim Jong Un"], ("2018-06-12", "2018-06-12"), "occurred"),
        ("meeting", ["Kim Jong Un", "Vladimir Putin"], None, "planned"),
    ]
    assert events(gaz, "Kim, who met Trump in Hanoi in 2019, met Putin on Thursday.") == [
        ("meeting", ["Donald Trump", "Kim Jong Un"], ("2019-01-01", "2019-12-31"), "occurred"),
        ("meeting", ["Kim Jong Un", "Vladimir Putin"], ("2025-08-28", "2025-08-28"), "occurred"),
    ]


def test_a_calling_verb_takes_its_object_not_a_leader_of_a_later_phrase(gaz: Gazetteer) -> None:
    text = "Lula called Modi on Thursday to discuss tariffs, a week after speaking with Xi."
    assert events(gaz, text) == [
        (
            "call",
            ["Luiz Inacio Lula da Silva", "Narendra Modi"],
            ("2025-08-28", "2025-08-28"),
            "occurred",
        )
    ]


def test_coordinated_verb_phrases_keep_their_own_objects(gaz: Gazetteer) -> None:
    text = "Erdogan hosted Zelensky in Ankara last year and will host Putin next month."
    assert events(gaz, text) == [
        (
            "meeting",
            ["Recep Tayyip Erdogan", "Volodymyr Zelensky"],
            ("2024-01-01", "2024-12-31"),
            "occurred",
        ),
        (
            "meeting",
            ["Recep Tayyip Erdogan", "Vladimir Putin"],
            ("2025-09-01", "2025-09-30"),
            "planned",
        ),
    ]


def test_a_visits_host_is_the_destinations_leader_named_in_the_sentence(gaz: Gazetteer) -> None:
    got = events(gaz, "Modi visited Japan from Aug. 29 to 30 and met Ishiba in Tokyo.")
    assert [(t, names) for t, names, _, _ in got] == [
        ("meeting", ["Narendra Modi", "Shigeru Ishiba"])
    ]


def test_a_sanctioned_leader_titled_by_his_country_is_the_target(gaz: Gazetteer) -> None:
    got = events(gaz, "Washington sanctioned Venezuelan President Nicolas Maduro in 2017.")
    assert got == [
        ("sanction", ["Nicolas Maduro", "United States"], ("2017-01-01", "2017-12-31"), "occurred")
    ]


def test_a_boycott_of_a_gathering_told_before_it_lists_the_speaker(gaz: Gazetteer) -> None:
    text = (
        "Ramaphosa will host the G20 summit in Johannesburg in November, "
        "which Trump has said he will boycott."
    )
    assert events(gaz, text) == [
        # the host's own attendance, planned; the boycott lists only the one staying away
        ("attendance", ["Cyril Ramaphosa"], ("2025-11-01", "2025-11-30"), "planned"),
        ("attendance", ["Donald Trump"], ("2025-11-01", "2025-11-30"), "negated"),
    ]


def test_a_relative_clause_is_not_dated_by_the_main_clauses_expression(gaz: Gazetteer) -> None:
    text = (
        "Xi, who is also expected to attend the APEC summit, will travel to Seoul later this month."
    )
    assert events(gaz, text) == [("attendance", ["Xi Jinping"], None, "planned")]


def test_talks_with_several_leaders_are_one_meeting_each_unless_held_together(
    gaz: Gazetteer,
) -> None:
    day = date(2018, 8, 21)
    text = (
        "Malaysian Prime Minister Mahathir Mohamad met President Xi Jinping and Premier Li"
        " Keqiang in Beijing on Monday."
    )
    assert events(gaz, text, day) == [
        ("meeting", ["Mahathir Mohamad", "Xi Jinping"], ("2018-08-20", "2018-08-20"), "occurred"),
        ("meeting", ["Li Keqiang", "Mahathir Mohamad"], ("2018-08-20", "2018-08-20"), "occurred"),
    ]
    together = "Xi hosted Putin and Kim for trilateral talks in Beijing on Monday."
    assert [names for _, names, _, _ in events(gaz, together, day)] == [
        ["Kim Jong Un", "Vladimir Putin", "Xi Jinping"]
    ]


def test_a_message_goes_from_its_sender_to_those_its_to_phrase_names(gaz: Gazetteer) -> None:
    text = (
        "Xi sent a message of condolence to Japanese Prime Minister Fumio Kishida on Saturday"
        " over the death of Shinzo Abe."
    )
    assert events(gaz, text, date(2022, 7, 9)) == [
        ("message", ["Fumio Kishida", "Xi Jinping"], ("2022-07-09", "2022-07-09"), "occurred")
    ]


def test_a_leader_who_telephoned_two_others_held_two_calls(gaz: Gazetteer) -> None:
    got = events(gaz, "Bush telephoned Hu and Abe on Monday.", date(2006, 10, 10))
    assert [(t, names) for t, names, _, _ in got] == [
        ("call", ["George W. Bush", "Hu Jintao"]),
        ("call", ["George W. Bush", "Shinzo Abe"]),
    ]


def test_a_cancelled_planned_meeting_is_dated_backwards(gaz: Gazetteer) -> None:
    text = "On Thursday, Trump abruptly cancelled a planned meeting with Putin."
    assert events(gaz, text, date(2018, 11, 30)) == [
        ("meeting", ["Donald Trump", "Vladimir Putin"], ("2018-11-29", "2018-11-29"), "negated")
    ]


def test_a_declaration_between_two_leaders_is_their_agreement_dated_by_its_year(
    gaz: Gazetteer,
) -> None:
    text = (
        "Lee and Ishiba cited the 1998 declaration between then-Prime Minister Keizo Obuchi"
        " and President Kim Dae-jung."
    )
    assert events(gaz, text, date(2025, 8, 24)) == [
        ("agreement", ["Keizo Obuchi", "Kim Dae-jung"], ("1998-01-01", "1998-12-31"), "occurred")
    ]


def test_a_trip_to_a_gathering_is_the_travellers_attendance(gaz: Gazetteer) -> None:
    text = (
        "Rudd is due to see President Hu Jintao later today before flying to the Boao Forum"
        " on Hainan island."
    )
    got = events(gaz, text, date(2008, 4, 10))
    assert [names for t, names, _, _ in got if t == "attendance"] == [["Kevin Rudd"]]
    assert all(not (t == "attendance" and "Hu Jintao" in names) for t, names, _, _ in got)


def test_an_invitation_made_during_a_call_just_told_takes_its_day(gaz: Gazetteer) -> None:
    text = (
        "Moon Jae-in spoke by telephone with Donald Trump on Wednesday. "
        "Trump invited Moon to visit Washington at an early date."
    )
    assert events(gaz, text, date(2017, 5, 11)) == [
        ("call", ["Donald Trump", "Moon Jae-in"], ("2017-05-10", "2017-05-10"), "occurred"),
        ("invitation", ["Donald Trump", "Moon Jae-in"], ("2017-05-10", "2017-05-10"), "occurred"),
    ]


def test_separate_talks_before_a_trilateral_session_are_two_meetings(gaz: Gazetteer) -> None:
    text = (
        "President Yoon Suk Yeol met Joe Biden and Fumio Kishida on Friday. Before the"
        " trilateral session, Yoon held separate bilateral talks with Biden and with Kishida."
    )
    got = [names for t, names, _, _ in events(gaz, text, date(2023, 8, 19)) if t == "meeting"]
    assert ["Joe Biden", "Yoon Suk Yeol"] in got
    assert ["Fumio Kishida", "Yoon Suk Yeol"] in got


def test_two_visits_months_apart_in_one_sentence_stay_two(gaz: Gazetteer) -> None:
    text = (
        "Yoon Suk Yeol travelled to Tokyo on March 16 for talks with Fumio Kishida, and"
        " Kishida made a return trip to Seoul in early May."
    )
    got = events(gaz, text, date(2023, 8, 19))
    assert [when for t, _, when, _ in got if t == "meeting"] == [
        ("2023-03-16", "2023-03-16"),
        ("2023-05-01", "2023-05-10"),
    ]
