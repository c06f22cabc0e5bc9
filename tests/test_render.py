"""The shared renderer: every format from the same rows; tables abbreviate, others do not."""

from __future__ import annotations

import io
import json

import pytest

from timeline.formats.render import TABLE_CELL_WIDTH, render

NAMES = [f"Leader Number {n}" for n in range(30)]
ROWS = [{"id": 1, "date": "2025-09-03", "participants": NAMES, "note": "a|b"}]


def rendered(fmt: str) -> str:
    out = io.StringIO()
    render(ROWS, fmt, out)
    return out.getvalue()


def test_table_abbreviates_a_long_list_and_says_how_many_more() -> None:
    lines = rendered("table").splitlines()
    assert lines[0].split() == ["id", "date", "participants", "note"]
    cell = lines[2]
    shown = [n for n in NAMES if n in cell]
    assert shown == NAMES[: len(shown)] and 0 < len(shown) < len(NAMES)
    assert f"(+{len(NAMES) - len(shown)} more)" in cell
    assert max(len(line) for line in lines) < TABLE_CELL_WIDTH + 40


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_other_formats_carry_every_value(fmt: str) -> None:
    text = rendered(fmt)
    assert all(name in text for name in NAMES)


def test_json_is_a_list_of_objects_and_empty_is_an_empty_list() -> None:
    assert json.loads(rendered("json")) == ROWS
    out = io.StringIO()
    render([], "json", out)
    assert json.loads(out.getvalue()) == []


def test_markdown_escapes_pipes_and_csv_quotes_nothing_it_need_not() -> None:
    assert "a\\|b" in rendered("markdown")
    assert rendered("csv").splitlines()[0] == "id,date,participants,note"
