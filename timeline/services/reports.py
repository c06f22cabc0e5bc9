"""Named reports: plain `.sql` files with a title, a description and `:named` parameters.

A report file starts with a comment header, then one SQL statement:

    -- title: Sanctions in force on a date
    -- description: Sanctions adopted on or before the day and not lifted by then.
    --   A description may go on over several lines.
    -- param: on (date): the day, YYYY-MM-DD
    -- param: target: only this target, or targets of this country []
    SELECT ... WHERE adopted_on <= :on ...

A parameter line is `-- param: NAME[ (TYPE)]: DESCRIPTION [DEFAULT]`. TYPE is `text` (the
default), `int`, `date` (YYYY-MM-DD) or `actor`: a name resolved as every command resolves
one (any alias or spelling, a unique surname; an unknown or ambiguous name stops with the
same did-you-mean) and bound as the actor's canonical name. A trailing `[value]` is the
default; `[]` makes the parameter optional and NULL when not given (write
`CAST(:name AS TYPE) IS NULL` in the SQL so PostgreSQL knows its type); without brackets it
is required. Values are bound by SQLAlchemy's `text()`, never pasted into the SQL, and the
statement runs read-only (`timeline.services.sql`), on SQLite and PostgreSQL alike.

The packaged reports live in `timeline/reports/`; any other `.sql` file can be run by path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine

from timeline.errors import InputError, NotFoundError
from timeline.services.sql import SqlResult, run_read_only

REPORTS_DIR = Path(__file__).resolve().parent.parent / "reports"
PARAM_TYPES = ("text", "int", "date", "actor")

_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*(?:\((?P<type>\w+)\))?\s*:\s*(?P<description>.*?)"
    r"\s*(?:\[(?P<default>[^\[\]]*)\])?\s*$"
)
_KEY = re.compile(r"^(?P<key>title|description|param)\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True)
class ReportParam:
    name: str
    type: str
    description: str
    default: str | None  # the text after `[`, None when there are no brackets
    required: bool

    def convert(self, value: str | None) -> Any:
        """The value to bind: an int, an ISO date string, text, or None."""
        if value is None:
            return None
        if self.type == "int":
            try:
                number = int(value)
            except ValueError:
                raise InputError(
                    f"parameter {self.name}: {value!r} is not a whole number"
                ) from None
            if not -(2**63) <= number < 2**63:  # what both databases can bind
                raise InputError(f"parameter {self.name}: {value} is out of range")
            return number
        if self.type == "date":
            try:
                return date.fromisoformat(value).isoformat()
            except ValueError:
                raise InputError(
                    f"parameter {self.name}: {value!r} is not a date YYYY-MM-DD"
                ) from None
        return value

    def usage(self) -> str:
        shown = self.name if self.type == "text" else f"{self.name} ({self.type})"
        if self.required:
            return shown
        if self.default:
            return f"[{shown}={self.default}]"
        return f"[{shown}]"


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    description: str
    params: tuple[ReportParam, ...]
    sql: str
    path: Path | None = None

    def param(self, name: str) -> ReportParam | None:
        return next((p for p in self.params if p.name == name), None)

    def summary(self) -> dict[str, Any]:
        """The row `timeline report` lists for this report."""
        return {
            "name": self.name,
            "title": self.title,
            "parameters": " ".join(p.usage() for p in self.params),
            "description": self.description,
        }


def list_reports() -> list[Report]:
    """The packaged reports, by name."""
    return [load_report_file(path) for path in sorted(REPORTS_DIR.glob("*.sql"))]


def load_report(name: str) -> Report:
    """A packaged report by name, or a `.sql` file by path."""
    packaged = REPORTS_DIR / f"{name}.sql"
    if re.fullmatch(r"[\w-]+", name) and packaged.is_file():
        return load_report_file(packaged)
    path = Path(name)
    if path.suffix == ".sql" and path.is_file():
        return load_report_file(path)
    known = ", ".join(r.name for r in list_reports())
    raise NotFoundError(f"no report named {name!r} (known: {known}; or give a .sql file)")


def load_report_file(path: Path) -> Report:
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    return parse_report(source, path.stem, path)


def parse_report(source: str, name: str, path: Path | None = None) -> Report:
    """Read the comment header and check the SQL's placeholders against it."""
    where = str(path) if path else name
    fields: dict[str, list[str]] = {"title": [], "description": []}
    params: list[ReportParam] = []
    last: str | None = None
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("--"):
            break
        comment = stripped[2:].strip()
        match = _KEY.match(comment)
        if match is None:
            if last in fields and comment:  # a continuation line
                fields[last].append(comment)
            continue
        key, value = match["key"], match["value"].strip()
        last = key
        if key == "param":
            params.append(_parse_param(value, where))
        else:
            fields[key].append(value)
    title = " ".join(fields["title"]).strip()
    if not title:
        raise InputError(f"{where}: the report has no '-- title:' line")
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise InputError(f"{where}: a parameter is declared twice")
    used = set(text(source).compile().params)
    if used != set(names):
        missing, extra = sorted(used - set(names)), sorted(set(names) - used)
        problem = f"undeclared :{', :'.join(missing)}" if missing else ""
        if extra:
            problem += ("; " if problem else "") + f"declared but unused: {', '.join(extra)}"
        raise InputError(f"{where}: parameters do not match the SQL ({problem})")
    return Report(
        name=name,
        title=title,
        description=" ".join(fields["description"]).strip(),
        params=tuple(params),
        sql=source,
        path=path,
    )


def _parse_param(value: str, where: str) -> ReportParam:
    match = _PARAM.match(value)
    if match is None:
        raise InputError(
            f"{where}: cannot read '-- param: {value}' (NAME[ (TYPE)]: TEXT [DEFAULT])"
        )
    kind = match["type"] or "text"
    if kind not in PARAM_TYPES:
        raise InputError(f"{where}: parameter {match['name']}: type must be one of {PARAM_TYPES}")
    default = match["default"]
    param = ReportParam(
        name=match["name"],
        type=kind,
        description=match["description"],
        default=default.strip() if default is not None else None,
        required=default is None,
    )
    if param.default:
        param.convert(param.default)  # a default that cannot be used is the file's fault
    return param


def parse_assignments(items: list[str] | None) -> dict[str, str]:
    """`-p key=value` options as a dict; a key given twice keeps the last value."""
    values: dict[str, str] = {}
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"parameter {item!r} is not KEY=VALUE")
        values[key.strip()] = value
    return values


def bind(report: Report, given: Mapping[str, str]) -> dict[str, Any]:
    """The values to bind: given ones converted, defaults filled in, required ones checked."""
    for key in given:
        if report.param(key) is None:
            takes = ", ".join(p.name for p in report.params) or "no parameters"
            raise InputError(f"report {report.name} has no parameter {key!r} (it takes: {takes})")
    values: dict[str, Any] = {}
    for param in report.params:
        if param.name in given:
            values[param.name] = param.convert(given[param.name])
        elif param.required:
            raise InputError(
                f"report {report.name} needs -p {param.name}=... ({param.description})"
            )
        else:
            values[param.name] = param.convert(param.default or None)
    return values


def run_report(engine: Engine, report: Report, given: Mapping[str, str]) -> SqlResult:
    """Run a report read-only with its parameters bound."""
    values = bind(report, given)
    names = {p.name for p in report.params if p.type == "actor" and values.get(p.name)}
    if names:
        from sqlalchemy.orm import Session

        from timeline.services.names import resolve_actor

        with Session(engine) as session:
            for name in names:
                values[name] = resolve_actor(session, values[name], kinds=None).name
    return run_read_only(engine, report.sql, values)
