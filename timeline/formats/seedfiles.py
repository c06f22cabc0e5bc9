"""Reads and checks the curated seed files (docs/seeds.md) into plain records.

Checking happens here, before anything touches a database, so a malformed record stops the
run with one line naming the file and the record and nothing is written.
"""

from __future__ import annotations

import csv
import itertools
import tomllib
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from timeline.errors import InputError
from timeline.vocabulary import EVENT_TYPES, OFFICE_ROLES, PRECISIONS, ROLES, STATUSES

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REIGN_FILE = Path("reign") / "leaderlist_3_21.csv"
# Full names for REIGN rows that give a surname or an initial only, next to REIGN_FILE.
REIGN_NAMES_FILE = "full_names.csv"
REIGN_SOURCE = (
    "Bell, Besaw and Frank (2021), The Rulers, Elections, and Irregular Governance (REIGN) "
    "Dataset, OEFDataScience/REIGN.github.io data_sets/leaderlist_3_21.csv"
)


def default_seed_dir() -> Path:
    """`seeds/` in a checkout, else the copy packaged inside the wheel."""
    for candidate in (PACKAGE_DIR.parent / "seeds", PACKAGE_DIR / "_seeds"):
        if (candidate / "countries.toml").exists():
            return candidate
    raise InputError("the seed data folder is missing from this installation")


class SeedError(InputError):
    def __init__(self, file: Path | str, record: str, problem: str) -> None:
        super().__init__(f"{file}: {record}: {problem}")


@dataclass(frozen=True)
class CountryRecord:
    iso3: str
    iso2: str
    name: str
    official_name: str
    status: str
    cow: tuple[str, ...]
    capital: str
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    aliases: tuple[str, ...]
    source: str

    @property
    def key(self) -> str:
        return f"country:{self.iso3}"


@dataclass(frozen=True)
class OrganizationRecord:
    key_: str
    name: str
    kind: str
    country: str  # iso3 or ""
    aliases: tuple[str, ...]
    source: str

    @property
    def key(self) -> str:
        return f"org:{self.key_}"


@dataclass(frozen=True)
class OfficeRecord:
    title: str
    role: str
    country: str  # iso3 or ""
    organization: str  # organization key or ""
    start: date
    end: date | None
    title_aliases: tuple[str, ...]
    source: str
    origin: str = "seed"


@dataclass(frozen=True)
class PersonRecord:
    key_: str
    name: str
    aliases: tuple[str, ...]
    surname: str
    born: int | None
    gender: str
    country: str
    reign_ids: tuple[str, ...]
    source: str
    offices: tuple[OfficeRecord, ...]
    origin: str = "seed"

    @property
    def key(self) -> str:
        prefix = "reign" if self.origin == "reign" else "person"
        return f"{prefix}:{self.key_}"


@dataclass(frozen=True)
class ParticipantRecord:
    actor: str  # as written in the file
    role: str
    actor_key: str = ""  # the actor it names, filled in by the cross-file check


@dataclass(frozen=True)
class EventRecord:
    key: str
    type: str
    start: date | None
    end: date | None
    precision: str
    status: str
    location: str
    title: str
    cameo: str
    source: str
    participants: tuple[ParticipantRecord, ...]
    authority: str = ""
    measures: str = ""
    lifted_on: date | None = None
    notes: str = ""


@dataclass
class SeedData:
    countries: list[CountryRecord] = field(default_factory=list)
    organizations: list[OrganizationRecord] = field(default_factory=list)
    persons: list[PersonRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)

    def country_codes(self) -> set[str]:
        return {c.iso3 for c in self.countries}


def load_seed_dir(path: Path | None = None, *, include_reign: bool = True) -> SeedData:
    """Every seed file of a folder, parsed and cross-checked."""
    root = path or default_seed_dir()
    if not root.is_dir():
        raise InputError(f"{root}: no such seed folder")
    data = SeedData()
    data.countries = [_country(f, n, r) for f, n, r in _records(root / "countries.toml", "country")]
    data.organizations = [
        _organization(f, n, r) for f, n, r in _records(root / "organizations.toml", "organization")
    ]
    data.persons = [_person(f, n, r) for f, n, r in _records(root / "leaders.toml", "person")]
    data.events = [_event(f, n, r) for f, n, r in _records(root / "events.toml", "event")]
    data.events += [_sanction(f, n, r) for f, n, r in _records(root / "sanctions.toml", "sanction")]
    if include_reign and (root / REIGN_FILE).exists():
        data.persons += reign_persons(root / REIGN_FILE, data)
    _cross_check(root, data)
    return data


# --- generic field readers ------------------------------------------------------------------


def _records(path: Path, table: str) -> Iterable[tuple[Path, str, dict[str, Any]]]:
    if not path.exists():
        return []
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise SeedError(path, "file", f"not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise SeedError(path, "file", "not UTF-8 text") from None
    records = document.get(table, [])
    if not isinstance(records, list):
        raise SeedError(path, table, f"expected [[{table}]] tables")
    out = []
    for n, record in enumerate(records, start=1):
        label = f"{table} #{n}"
        if isinstance(record, dict):
            name = record.get("key") or record.get("iso3") or record.get("name")
            label = f"{table} #{n} ({name})" if name else label
        out.append((path, label, record))
    return out


class _Fields:
    """Typed access to one record's fields, failing with the file and record named."""

    def __init__(self, file: Path, label: str, record: Any) -> None:
        if not isinstance(record, dict):
            raise SeedError(file, label, "expected a table of fields")
        self.file, self.label, self.record = file, label, record

    def fail(self, problem: str) -> SeedError:
        return SeedError(self.file, self.label, problem)

    def text(self, name: str, *, required: bool = True) -> str:
        value = self.record.get(name, "")
        if not isinstance(value, str):
            raise self.fail(f"field '{name}' must be text, not {type(value).__name__}")
        if required and not value.strip():
            raise self.fail(f"field '{name}' is missing or empty")
        return value.strip()

    def texts(self, name: str) -> tuple[str, ...]:
        value = self.record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"field '{name}' must be a list of text")
        return tuple(v.strip() for v in value if v.strip())

    def choice(self, name: str, allowed: Iterable[str], default: str | None = None) -> str:
        value = self.text(name, required=default is None) or default or ""
        allowed = tuple(allowed)
        if value not in allowed:
            raise self.fail(f"field '{name}' is {value!r}, expected one of {', '.join(allowed)}")
        return value

    def day(self, name: str, *, required: bool = True) -> date | None:
        value = self.record.get(name, "")
        if isinstance(value, date):
            return value
        if not isinstance(value, str):
            raise self.fail(f"field '{name}' must be a date YYYY-MM-DD")
        if not value.strip():
            if required:
                raise self.fail(f"field '{name}' is missing or empty")
            return None
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise self.fail(f"field '{name}' is {value!r}, not a valid date YYYY-MM-DD") from None

    def span(
        self, start: str, end: str, *, required: bool = True
    ) -> tuple[date | None, date | None]:
        first, last = self.day(start, required=required), self.day(end, required=False)
        if first and last and last < first:
            raise self.fail(f"'{end}' {last} is before '{start}' {first}")
        return first, last


def _country(file: Path, label: str, record: Any) -> CountryRecord:
    f = _Fields(file, label, record)
    iso3 = f.text("iso3").upper()
    if len(iso3) != 3 or not iso3.isalpha():
        raise f.fail(f"iso3 {iso3!r} is not a three-letter code")
    return CountryRecord(
        iso3=iso3,
        iso2=f.text("iso2", required=False).upper(),
        name=f.text("name"),
        official_name=f.text("official_name", required=False),
        status=f.choice("status", ("member", "observer", "former", "other")),
        cow=f.texts("cow"),
        capital=f.text("capital", required=False),
        adjectives=f.texts("adjectives"),
        demonyms=f.texts("demonyms"),
        aliases=f.texts("aliases"),
        source=f.text("source"),
    )


def _organization(file: Path, label: str, record: Any) -> OrganizationRecord:
    f = _Fields(file, label, record)
    return OrganizationRecord(
        key_=f.text("key"),
        name=f.text("name"),
        kind=f.text("kind", required=False) or "other",
        country=f.text("country", required=False).upper(),
        aliases=f.texts("aliases"),
        source=f.text("source"),
    )


def _person(file: Path, label: str, record: Any) -> PersonRecord:
    f = _Fields(file, label, record)
    born = record.get("born")
    if born not in (None, "") and not (isinstance(born, int) and 1800 <= born <= 2030):
        raise f.fail(f"field 'born' is {born!r}, not a year")
    offices = record.get("office", [])
    if not isinstance(offices, list):
        raise f.fail("expected [[person.office]] tables")
    name, aliases = proper_spelling(f.text("name"), f.texts("aliases"))
    return PersonRecord(
        key_=f.text("key"),
        name=name,
        aliases=aliases,
        surname=f.text("surname", required=False),
        born=born or None,
        gender=f.text("gender", required=False),
        country=f.text("country", required=False).upper(),
        reign_ids=f.texts("reign_ids"),
        source=f.text("source"),
        offices=tuple(
            _office(file, f"{label} office #{n}", office) for n, office in enumerate(offices, 1)
        ),
    )


def _office(file: Path, label: str, record: Any) -> OfficeRecord:
    f = _Fields(file, label, record)
    start, end = f.span("start", "end")
    country, organization = (
        f.text("country", required=False),
        f.text("organization", required=False),
    )
    if not country and not organization:
        raise f.fail("an office needs a 'country' or an 'organization'")
    return OfficeRecord(
        title=f.text("title"),
        role=f.choice("role", OFFICE_ROLES),
        country=country.upper(),
        organization=organization,
        start=start,  # type: ignore[arg-type]  # required above
        end=end,
        title_aliases=f.texts("title_aliases"),
        source=f.text("source"),
    )


def _participants(f: _Fields) -> tuple[ParticipantRecord, ...]:
    raw = f.record.get("participants", [])
    if not isinstance(raw, list) or not raw:
        raise f.fail("field 'participants' must be a non-empty list")
    out = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("actor"), str):
            raise f.fail("each participant needs an 'actor' and a 'role'")
        role = item.get("role", "participant")
        if role not in ROLES:
            raise f.fail(f"participant role {role!r} is not one of {', '.join(ROLES)}")
        out.append(ParticipantRecord(item["actor"].strip(), role))
    return tuple(out)


def _event(file: Path, label: str, record: Any) -> EventRecord:
    f = _Fields(file, label, record)
    start, end = f.span("start", "end", required=False)
    return EventRecord(
        key=f.text("key"),
        type=f.choice("type", EVENT_TYPES),
        start=start,
        end=end or start,
        precision=f.choice("precision", PRECISIONS, default="day" if start else "unknown"),
        status=f.choice("status", STATUSES, default="occurred"),
        location=f.text("location", required=False),
        title=f.text("title", required=False),
        cameo=f.text("cameo", required=False),
        source=f.text("source"),
        participants=_participants(f),
    )


def _sanction(file: Path, label: str, record: Any) -> EventRecord:
    f = _Fields(file, label, record)
    start, end = f.span("start", "end")
    lifted_on = f.day("lifted_on", required=False)
    if lifted_on and start and lifted_on < start:
        raise f.fail(f"'lifted_on' {lifted_on} is before 'start' {start}")
    authority = f.text("authority")
    return EventRecord(
        key=f.text("key"),
        type="sanction",
        start=start,
        end=end or start,
        precision="day",
        status="occurred",
        location="",
        title=authority,
        cameo="163",
        source=f.text("source"),
        participants=(
            ParticipantRecord(f.text("imposer"), "imposer"),
            ParticipantRecord(f.text("target"), "target"),
        ),
        authority=authority,
        measures=f.text("measures", required=False),
        lifted_on=lifted_on,
        notes=f.text("notes", required=False),
    )


# --- REIGN ------------------------------------------------------------------------------------


def reign_persons(path: Path, data: SeedData) -> list[PersonRecord]:
    """REIGN spells as effective-leader offices: of curated persons where they claim the
    REIGN id, else of REIGN-only persons. Spells that a curated effective-leader office of the
    same country already covers are left out, so a post never has two holders at once."""
    by_cow = {code: c.iso3 for c in data.countries for code in c.cow}
    claimed = {rid: p for p in data.persons for rid in p.reign_ids}
    curated = [
        (o.country, o.start, o.end)
        for p in data.persons
        for o in p.offices
        if o.role == "effective_leader" and o.country
    ]
    rows = _reign_rows(path, by_cow)
    full_names = _reign_full_names(path.parent / REIGN_NAMES_FILE)
    rows.sort(key=lambda r: (r["country"], r["start"]))
    # An end known only to the month is clipped to the successor's first day.
    for current, following in itertools.pairwise(rows):
        if current["country"] == following["country"] and current["end"]:
            current["end"] = max(current["start"], min(current["end"], following["start"]))
    extra_offices: dict[str, list[OfficeRecord]] = {}
    persons: dict[str, PersonRecord] = {}
    for row in rows:
        if any(
            country == row["country"] and _overlaps(row["start"], row["end"], start, end)
            for country, start, end in curated
        ):
            continue
        office = OfficeRecord(
            title="Effective leader",
            role="effective_leader",
            country=row["country"],
            organization="",
            start=row["start"],
            end=row["end"],
            title_aliases=(),
            source=REIGN_SOURCE,
            origin="reign",
        )
        owner = claimed.get(row["leadid"])
        if owner is None and row["end"] is None:
            office = replace(office, end=_superseded_on(row["country"], row["start"], data))
        if owner is not None:
            end = row["end"] or _last_curated_end(owner, row["country"])
            extra_offices.setdefault(owner.key_, []).append(
                office if end == row["end"] else replace(office, end=end)
            )
            continue
        # leadid is not unique in REIGN (one id names two Icelandic leaders): add the name.
        key = f"{row['leadid']}:{_slug(row['name'])}"
        person = persons.get(key)
        full = full_names.get((row["leadid"], row["name"].strip()))
        persons[key] = PersonRecord(
            key_=key,
            name=full or row["name"],
            aliases=(row["name"].strip(),) if full and full != row["name"].strip() else (),
            surname="",
            born=row["born"],
            gender=row["gender"],
            country=row["country"],
            reign_ids=(row["leadid"],),
            source=REIGN_SOURCE,
            offices=(*(person.offices if person else ()), office),
            origin="reign",
        )
    # Curated persons get their REIGN spells appended in place.
    for n, person in enumerate(data.persons):
        if person.key_ in extra_offices:
            data.persons[n] = _with_offices(person, extra_offices[person.key_])
    return list(persons.values())


# The last month REIGN covers: a spell open in its data was held then, no later fact known.
REIGN_COVERS_UNTIL = date(2021, 3, 31)


def _superseded_on(country: str, start: date, data: SeedData) -> date | None:
    """An open spell of a REIGN-only leader ends where a curated leader of the same country
    takes office after REIGN stops (Ba N'Daou's, when Goita became President of Mali in
    2021); an office begun before then (a king beside his prime minister) ends nothing."""
    takeovers = [
        o.start
        for p in data.persons
        for o in p.offices
        if o.country == country
        and o.role in ("effective_leader", "head_of_state", "head_of_government")
        and o.start > max(start, REIGN_COVERS_UNTIL)
    ]
    return min(takeovers, default=None)


def _last_curated_end(person: PersonRecord, country: str) -> date | None:
    """REIGN stops in March 2021: an open spell of a curated person ends with the person's
    last curated office in that country, unless one of those is still open."""
    ends = [o.end for o in person.offices if o.country == country]
    if not ends or any(end is None for end in ends):
        return None
    return max(e for e in ends if e is not None)


def _with_offices(person: PersonRecord, offices: list[OfficeRecord]) -> PersonRecord:
    return replace(person, offices=(*person.offices, *offices))


def _reign_full_names(path: Path) -> dict[tuple[str, str], str]:
    """(leadid, REIGN's name) -> the full name news writes ("Nazarbaev" -> "Nursultan
    Nazarbayev"): REIGN often gives a surname or an initial only."""
    if not path.is_file():
        return {}
    names = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle), start=2):
            full = (row.get("full_name") or "").strip()
            if not row.get("leadid") or row.get("reign_name") is None:
                raise SeedError(path, f"line {n}", "a row needs leadid and reign_name")
            if full:
                names[(row["leadid"], row["reign_name"].strip())] = full
    return names


def _reign_rows(path: Path, by_cow: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    # The notes column holds a stray cp1252 byte; the columns used are UTF-8.
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle), start=2):
            label = f"line {n} ({row.get('leadid')})"
            country = by_cow.get(row["stateabb"])
            if country is None:
                raise SeedError(path, label, f"state {row['stateabb']!r} maps to no country")
            try:
                start = date(int(row["syear"]), int(row["smonth"]), int(row["sdate"]))
                end = None
                if row["eyear"].strip():
                    year, month = int(row["eyear"]), int(row["emonth"])
                    end = date(year, month, monthrange(year, month)[1])
            except (ValueError, KeyError) as exc:
                raise SeedError(path, label, f"bad date ({exc})") from None
            rows.append(
                {
                    "leadid": row["leadid"],
                    "name": _reign_name(row["leader"]),
                    "country": country,
                    "start": start,
                    "end": max(end, start) if end else None,
                    "born": int(row["birthyear"]) if row["birthyear"].strip().isdigit() else None,
                    "gender": {"1": "male", "0": "female"}.get(row["gender"].strip(), ""),
                }
            )
    return rows


def _slug(text: str) -> str:
    from timeline.names import fold

    return fold(text)[:60]


# Marks that English-language news keeps (é, ñ, ö, ğ, ł, č, ...): Latin-1 and Latin
# Extended-A letters other than the macron vowels, which romanised Japanese uses and English
# news drops ("Shinzo Abe", the eval's canonical name), like Vietnamese tone marks.
_MACRONS = set("ĀāĒēĪīŌōŪū")


def _kept_in_english(text: str) -> bool:
    return all(
        ch.isascii() or ("\u00c0" <= ch <= "\u017f" and ch not in _MACRONS and ch != "\u00d7")
        for ch in text
    )


def proper_spelling(name: str, aliases: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """'Francois Hollande' with alias 'François Hollande' is shown as 'François Hollande',
    and the ASCII spelling stays an alias (REIGN and keyboards write it)."""
    from timeline.names import fold

    if not name.isascii():
        return name, aliases
    for alias in aliases:
        if not alias.isascii() and _kept_in_english(alias) and fold(alias) == fold(name):
            return alias, (name, *(a for a in aliases if a != alias))
    return name, aliases


def _reign_name(raw: str) -> str:
    """'Yoshida, Shigeru' -> 'Shigeru Yoshida'."""
    family, sep, given = raw.partition(",")
    return f"{given.strip()} {family.strip()}" if sep and given.strip() else raw.strip()


def _overlaps(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Whether two tenures share a day other than a hand-over (one's end is the other's
    start: Kim Il Sung's REIGN spell ends the day Kim Jong Il's curated one begins). Two
    tenures that start on the same day always share it, one-day ones included."""
    return a_start == b_start or (a_start < (b_end or date.max) and b_start < (a_end or date.max))


# --- cross-file checks ------------------------------------------------------------------------


def _cross_check(root: Path, data: SeedData) -> None:
    codes = data.country_codes()
    _unique(root / "countries.toml", "country", [c.iso3 for c in data.countries])
    _unique(root / "organizations.toml", "organization", [o.key_ for o in data.organizations])
    _unique(root / "leaders.toml", "person", [p.key for p in data.persons])
    _unique(root / "events.toml", "event", [e.key for e in data.events])
    _resolve_participants(root, data)
    org_keys = {o.key_ for o in data.organizations}
    for org in data.organizations:
        if org.country and org.country not in codes:
            raise SeedError(
                root / "organizations.toml", org.key_, f"unknown country code {org.country!r}"
            )
    for person in data.persons:
        if person.country and person.country not in codes:
            raise SeedError(
                root / "leaders.toml", person.key_, f"unknown country code {person.country!r}"
            )
        for office in person.offices:
            if office.country and office.country not in codes:
                raise SeedError(
                    root / "leaders.toml",
                    person.key_,
                    f"office '{office.title}' has unknown country code {office.country!r}",
                )
            if office.organization and office.organization not in org_keys:
                raise SeedError(
                    root / "leaders.toml",
                    person.key_,
                    f"office '{office.title}' has unknown organization {office.organization!r}",
                )


def _resolve_participants(root: Path, data: SeedData) -> None:
    """Every participant must name exactly one seeded actor: by key, code, name or alias."""
    from timeline.names import fold

    index: dict[str, set[str]] = {}

    def add(key: str, *names: str) -> None:
        for name in names:
            if name:
                index.setdefault(fold(name), set()).add(key)

    for c in data.countries:
        add(c.key, c.key, c.iso3, c.name, c.official_name, *c.aliases)
    for o in data.organizations:
        add(o.key, o.key, o.key_, o.name, *o.aliases)
    for p in data.persons:
        if p.origin != "reign":
            add(p.key, p.key, p.key_, p.name, *p.aliases)
    for n, event in enumerate(data.events):
        file = root / ("sanctions.toml" if event.type == "sanction" else "events.toml")
        resolved = []
        for participant in event.participants:
            keys = index.get(fold(participant.actor), set())
            if len(keys) != 1:
                problem = "unknown" if not keys else "ambiguous"
                raise SeedError(file, event.key, f"{problem} participant {participant.actor!r}")
            resolved.append(replace(participant, actor_key=next(iter(keys))))
        data.events[n] = replace(event, participants=tuple(resolved))


def _unique(file: Path, table: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise SeedError(file, f"{table} {key}", "duplicate key")
        seen.add(key)
