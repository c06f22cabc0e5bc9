"""The Office of the Historian's records: presidential trips abroad and foreign leaders'
visits to the United States (U.S. Department of State, public domain; see
timeline/data/hsg/README.md). Reading only: what a record says, not what it means."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.errors import InputError

PACKAGED = Path(__file__).resolve().parent.parent / "data" / "hsg"
SITE = "https://history.state.gov/departmenthistory"


@dataclass(frozen=True)
class Trip:
    """A U.S. president's trip abroad, as recorded."""

    id: str
    president: str  # "Barack Obama"
    who: str  # "obama-barack": the record's page
    start: date
    end: date
    country: str
    locale: str | None
    remarks: str

    @property
    def url(self) -> str:
        return f"{SITE}/travels/president/{self.who}"


@dataclass(frozen=True)
class Visit:
    """A foreign leader's visit to the United States, as recorded."""

    id: str
    visitor: str  # "Prime Minister George Papandreou"
    country: str
    start: date
    end: date
    description: str

    @property
    def url(self) -> str:
        return f"{SITE}/visits/{self.start.year}"


class HsgRecordError(InputError):
    """A record that cannot be read; names the file and the record."""


def record_files(path: Path | None = None) -> list[Path]:
    """The trip and visit files under `path` (the packaged copy by default), in order."""
    root = path or PACKAGED
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise InputError(f"{root}: no such file or folder")
    files = sorted(root.glob("president-travels/*.xml")) + sorted(root.glob("visits/*.xml"))
    files = [f for f in files if not f.name.startswith("_")]
    if not files:
        raise InputError(f"{root}: holds no president-travels/*.xml or visits/*.xml files")
    return files


def read_records(path: Path) -> Iterator[Trip | Visit]:
    """The records of one file; a malformed one raises HsgRecordError naming it."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise HsgRecordError(f"{path}: not readable XML ({exc})") from None
    for element in root:
        if element.tag == "trip":
            yield _trip(element, path)
        elif element.tag == "visit":
            yield _visit(element, path)
        else:
            raise HsgRecordError(f"{path}: unexpected element <{element.tag}>")


def _text(element: ET.Element, tag: str, path: Path, record: str, *, required: bool = True) -> str:
    value = " ".join((element.findtext(tag) or "").split())
    if required and not value:
        raise HsgRecordError(f"{path}: record {record}: no <{tag}>")
    return value


def _date(element: ET.Element, tag: str, path: Path, record: str) -> date:
    value = _text(element, tag, path, record)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HsgRecordError(f"{path}: record {record}: <{tag}> {value!r} is not a date") from None


def _dates(element: ET.Element, path: Path, record: str) -> tuple[date, date]:
    start = _date(element, "start-date", path, record)
    end = _date(element, "end-date", path, record)
    if end < start:
        raise HsgRecordError(f"{path}: record {record}: ends {end} before it starts {start}")
    return start, end


def _trip(element: ET.Element, path: Path) -> Trip:
    record = element.findtext("id") or "?"
    start, end = _dates(element, path, record)
    return Trip(
        id=_text(element, "id", path, record),
        president=_text(element, "name", path, record),
        who=element.get("who") or path.stem,
        start=start,
        end=end,
        country=_text(element, "country", path, record),
        locale=_text(element, "locale", path, record, required=False) or None,
        remarks=_text(element, "remarks", path, record, required=False),
    )


def _visit(element: ET.Element, path: Path) -> Visit:
    record = element.findtext("id") or "?"
    start, end = _dates(element, path, record)
    return Visit(
        id=_text(element, "id", path, record),
        visitor=_text(element, "visitor", path, record),
        country=_text(element, "from", path, record),
        start=start,
        end=end,
        description=_text(element, "description", path, record, required=False),
    )
