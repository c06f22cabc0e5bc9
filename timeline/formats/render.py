"""One output path for every command: rows (dicts) rendered as table, JSON, CSV or Markdown."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any, TextIO


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def render(
    rows: Iterable[dict[str, Any]],
    fmt: OutputFormat | str,
    out: TextIO,
    *,
    columns: Sequence[str] | None = None,
) -> None:
    """Write `rows` to `out`. `columns` picks and orders the columns of table, CSV, Markdown."""
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.json:
        _json(rows, out)
        return
    if not columns:  # the columns come from the rows: read them all first
        rows = list(rows)
    cols = list(columns) if columns else _columns(rows)  # type: ignore[arg-type]
    if fmt is OutputFormat.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(cols)
        for row in rows:
            writer.writerow([_csv_cell(row.get(c)) for c in cols])
    elif fmt is OutputFormat.markdown:
        out.write("| " + " | ".join(cols) + " |\n")
        out.write("|" + "|".join("---" for _ in cols) + "|\n")
        for row in rows:
            cells = (_text(row.get(c)).replace("|", "\\|") for c in cols)
            out.write("| " + " | ".join(cells) + " |\n")
    else:
        _table(list(rows), cols, out)


def to_jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


def _json(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    # Streamed: one row at a time, so a large export never sits in memory twice.
    out.write("[")
    empty = True
    for row in rows:
        out.write("\n  " if empty else ",\n  ")
        out.write(json.dumps(to_jsonable(row), ensure_ascii=False))
        empty = False
    out.write("]\n" if empty else "\n]\n")


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


TABLE_CELL_WIDTH = 72
"""A table is for reading at a terminal; JSON, CSV and Markdown carry every value whole."""


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple) and len(_text(value)) > TABLE_CELL_WIDTH:
        shown: list[str] = []
        for item in value:
            candidate = ", ".join([*shown, _text(item)])
            if len(candidate) + 12 > TABLE_CELL_WIDTH and shown:
                break
            shown.append(_text(item))
        return ", ".join(shown) + f" (+{len(value) - len(shown)} more)"
    text = _text(value).replace("\n", " ")
    return text if len(text) <= TABLE_CELL_WIDTH else text[: TABLE_CELL_WIDTH - 1] + "…"


FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to Excel, LibreOffice and Sheets."""

raw_csv: ContextVar[bool] = ContextVar("raw_csv", default=False)
"""`timeline --raw-csv`: write cells exactly as stored, for tools that are not spreadsheets."""


def _csv_cell(value: Any) -> str:
    if isinstance(value, dict | list) and not all(isinstance(v, str) for v in value):
        text = json.dumps(to_jsonable(value), ensure_ascii=False)
    else:
        text = _text(value)
    if isinstance(value, int | float) or raw_csv.get():
        return text
    return neutralise_formula(text)


def neutralise_formula(text: str) -> str:
    """`=HYPERLINK(...)` from an article would run in the analyst's spreadsheet: a leading
    apostrophe makes any spreadsheet show the cell as text (OWASP's CSV injection advice)."""
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def _table(rows: list[dict[str, Any]], cols: list[str], out: TextIO) -> None:
    if not rows:
        out.write("(no rows)\n")
        return
    cells = [[_cell(row.get(c)) for c in cols] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(cols)]
    out.write("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")
