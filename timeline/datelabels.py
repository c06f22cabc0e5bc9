"""How a stored range reads back: "late April 2025", "2024-25 winter", "START to END".

Outside the date extractor's package so that every command that prints events can show a
date without loading the extractor's grammar (60 ms of a fresh process)."""

from __future__ import annotations

from datetime import date, timedelta

from timeline.dateranges import DateRange, _month_end, _month_part, _season
from timeline.extract.lexicon import MONTH_NAMES
from timeline.vocabulary import PRECISIONS

_MONTH_TITLES = tuple(name.title() for name in MONTH_NAMES)
_PART_OF_MONTH = {1: "early", 11: "mid", 21: "late"}
_PART_OF_YEAR = {(1, 4): "early", (5, 8): "mid", (9, 12): "late"}
_SEASON_OF_MONTH = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def _label(start: date, end: date, precision: str) -> str | None:
    """The display of a range that has exactly its precision's shape, else None."""
    y, m = start.year, start.month
    if precision == "day":
        return start.isoformat() if start == end else None
    if precision == "week":
        whole = start.weekday() == 0 and end == start + timedelta(days=6)
        return f"week of {start.isoformat()}" if whole else None
    if precision == "month_part":
        part = _PART_OF_MONTH.get(start.day)
        if part and _month_part(y, m, part) == DateRange(start, end, precision):
            return f"{part} {_MONTH_TITLES[m - 1]} {y}"
        return None
    if start.day != 1:
        return None
    if precision == "month" and end == _month_end(y, m):
        return f"{_MONTH_TITLES[m - 1]} {y}"
    if precision == "quarter" and m % 3 == 1 and end == _month_end(y, m + 2):
        return f"Q{(m + 2) // 3} {y}"
    if precision == "season" and m in _SEASON_OF_MONTH:
        name = _SEASON_OF_MONTH[m]
        if end == _season(y, name).end:
            return f"winter {y}-{(y + 1) % 100:02d}" if name == "winter" else f"{name} {y}"
    if precision == "year_part" and end.year == y and end == _month_end(y, end.month):
        part = _PART_OF_YEAR.get((m, end.month))
        return f"{part} {y}" if part else None
    if m == 1 and precision == "year" and end == date(y, 12, 31):
        return str(y)
    if m == 1 and precision == "decade" and y % 10 == 0 and end == date(y + 9, 12, 31):
        return f"{y}s"
    return None


def format_range(start: date | None, end: date | None, precision: str | None) -> str:
    """Display a range at its real precision ("late April 2018", "Q3 2025", "2010s").

    A range whose shape does not fit its precision (an open "since 2011") falls back to
    "START to END"; no start, or an unknown precision, is "undated". An event known only to
    have happened by a day (precision "before": its report's date) shows as "by END".
    """
    if precision == "before" and end is not None:
        return f"by {end.isoformat()}"
    if start is None or precision is None or precision == "unknown":
        return "undated"
    end = end or start
    label = _label(start, end, precision) if precision in PRECISIONS else None
    if label is not None:
        return label
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"
