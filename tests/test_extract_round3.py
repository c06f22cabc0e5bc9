"""The third 2026-12-05 round's constructions, each read off the training split: one case
per rule, failing on the code before it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.test_extract import _ev, extract
from timeline.extract import Gazetteer

BIDEN, KISHIDA, MODI = "Joe Biden", "Fumio Kishida", "Narendra Modi"
ALBANESE = "Anthony Albanese"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_seed_dir()


ROUND_3 = [
    pytest.param(
        "2022-05-24",
        "Albanese sat down with Biden, Kishida and Modi in Tokyo on Tuesday. The four leaders "
        "issued a joint statement promising aid.",
        [
            _ev("meeting", [ALBANESE, BIDEN, KISHIDA, MODI], "2022-05-24", "occurred"),
            _ev("agreement", [ALBANESE, BIDEN, KISHIDA, MODI], "2022-05-24", "occurred"),
        ],
        id="the-four-leaders-named-together-before",
    ),
]


@pytest.mark.parametrize(("day", "text", "expected"), ROUND_3)
def test_round_3(gaz: Gazetteer, day: str, text: str, expected: list[tuple[Any, ...]]) -> None:
    assert extract(gaz, text, date.fromisoformat(day)) == expected
