"""Article readers: JSON, JSONL, plain text or Markdown with a header block, folders and stdin.

Every input yields either an `ArticleInput` or an `ArticleReadError` naming where it came from,
so one bad article never stops the others.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from timeline.errors import InputError

MAX_ARTICLE_CHARS = 2_000_000
"""Longer than any news article; a bigger input is a mistake (a dump, a binary), not news."""
MAX_FILE_BYTES = 8 * MAX_ARTICLE_CHARS
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
# Kept in step with the column sizes in timeline/models/articles.py.
COLUMN_LIMITS = {"source": 200, "id": 300}
HEADER_KEYS = {"title", "date", "published", "source", "url", "id"}
FUTURE_SLACK = timedelta(days=1)  # time zones: "today" in Seoul is tomorrow in New York


@dataclass(frozen=True)
class ArticleInput:
    id: str | None
    title: str | None
    source: str | None
    url: str | None
    published: date | None
    text: str
    origin: str  # where it came from, for messages: "dir/a.json" or "feed.jsonl:12"


class ArticleReadError(InputError):
    """An input that is not a usable article; str() is one line naming it."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


def read_articles(
    paths: Sequence[str],
    *,
    published: date | None = None,
    source: str | None = None,
    stdin: TextIO | None = None,
    today: date | None = None,
) -> Iterator[ArticleInput | ArticleReadError]:
    """Articles from files, folders (recursively) and `-` (stdin), in the order given.

    `published` fills in a missing publication date; `source` a missing source. A missing
    date is otherwise taken from a dateline ("BEIJING, March 28 (Reuters) -"), else it is an
    error naming the input.
    """
    today = today or date.today()
    for raw in _expand(paths):
        if isinstance(raw, ArticleReadError):
            yield raw
            continue
        try:
            article = _complete(raw, published=published, source=source, today=today)
        except ArticleReadError as exc:
            yield exc
        else:
            yield article


COUNT_FIRST_BYTES = 256 * 1024 * 1024
"""Inputs up to this size are read before storing starts, so a progress bar knows its total."""


def inputs_size(paths: Sequence[str]) -> int | None:
    """Bytes in the files `paths` name (folders walked), or None for stdin or unreadable."""
    total = 0
    for name in paths:
        if name == "-":
            return None
        path = Path(name)
        try:
            if path.is_dir():
                for item in _folder_files(path):
                    if isinstance(item, Path):
                        total += item.stat().st_size
            elif path.is_file():
                total += path.stat().st_size
        except OSError:
            return None
    return total


def parse_published(value: Any, origin: str) -> date | None:
    """A publication date from ISO text ('2025-08-28', '2025-08-28T09:00:00Z') or news style."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 and text[4] == "-" else _loose(text)
    except ValueError:
        raise ArticleReadError(origin, f"publication date {text!r} is not a valid date") from None


def _loose(text: str) -> date:
    from dateutil import parser

    try:
        return parser.parse(text, default=datetime(1, 1, 1)).date()
    except (ValueError, OverflowError, parser.ParserError):
        raise ValueError(text) from None


# --- where inputs come from ----------------------------------------------------------------


def _expand(paths: Sequence[str]) -> Iterator[ArticleInput | ArticleReadError]:
    for name in paths:
        if name == "-":
            yield from _read_stream(sys.stdin, "<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            found = False
            for item in _folder_files(path):
                if isinstance(item, ArticleReadError):
                    yield item
                    continue
                found = True
                yield from _read_file(item)
            if not found and os.access(path, os.R_OK | os.X_OK):
                yield ArticleReadError(
                    _shown(path), "folder holds no article files (.json, .jsonl, .txt, .md)"
                )
        elif path.exists():
            yield from _read_file(path)
        else:
            yield ArticleReadError(_shown(path), "no such file or folder")


def _folder_files(folder: Path) -> Iterator[Path | ArticleReadError]:
    """Article files under `folder`, sorted, following symlinked folders once each.

    A folder that cannot be listed is an error naming it, never a silent gap; a symlink
    loop (a folder reached again) is reported and not followed twice.
    """
    seen: set[tuple[int, int]] = set()
    pending = [folder]
    files: list[Path] = []
    errors: list[ArticleReadError] = []
    while pending:
        current = pending.pop()
        try:
            info = current.stat()
        except OSError as exc:
            errors.append(ArticleReadError(_shown(current), exc.strerror or str(exc)))
            continue
        if (info.st_dev, info.st_ino) in seen:
            errors.append(
                ArticleReadError(_shown(current), "folder already read (a symlink loop); skipped")
            )
            continue
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(current.iterdir())
        except OSError as exc:
            errors.append(
                ArticleReadError(_shown(current), f"cannot read folder: {exc.strerror or exc}")
            )
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                pending.append(entry)
            elif entry.is_symlink() and not entry.exists():
                errors.append(ArticleReadError(_shown(entry), "broken symbolic link"))
            elif entry.is_file() and _is_article_file(entry):
                files.append(entry)
    yield from errors
    yield from sorted(files)


def _is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")


def _read_file(path: Path) -> Iterator[ArticleInput | ArticleReadError]:
    origin = _shown(path)
    suffix = path.suffix.lower()
    stem = _stem(path)
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                yield from _read_jsonl(_bounded_lines(handle), origin)
            return
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield ArticleReadError(origin, f"file is {size / 1e6:.0f} MB, too large for an article")
            return
        # A device or FIFO reports size 0 and may never end: read at most the limit.
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            yield ArticleReadError(
                origin, f"input is over the {MAX_FILE_BYTES // 1_000_000} MB limit"
            )
            return
        text = _decode(data, origin)
    except ArticleReadError as exc:
        yield exc
        return
    except OSError as exc:
        yield ArticleReadError(origin, exc.strerror or str(exc))
        return
    if suffix in JSON_SUFFIXES:
        yield from _from_json_document(text, origin, stem)
    else:
        yield _from_text(text, origin, stem)


def _read_stream(stream: TextIO, origin: str) -> Iterator[ArticleInput | ArticleReadError]:
    """stdin: one JSON document or text up to the size limit, or JSON lines of any length."""
    raw = stream.buffer if hasattr(stream, "buffer") else None
    if raw is None:  # a text stream (tests): bounded all the same
        data = stream.read(MAX_FILE_BYTES + 1).encode()
        rest: Iterator[bytes] = iter(())
    else:
        data = raw.read(MAX_FILE_BYTES + 1)
        rest = _bounded_lines(raw)
    if len(data) > MAX_FILE_BYTES:
        if data.lstrip()[:1] == b"{":  # JSON lines: stream them, each line bounded
            head, _, tail = data.rpartition(b"\n")
            first = iter(head.splitlines(True)) if head else iter(())
            lines = _chain_lines(first, tail, rest)
            yield from _read_jsonl(lines, origin)
        else:
            yield ArticleReadError(
                origin,
                f"input is over the {MAX_FILE_BYTES // 1_000_000} MB limit"
                " (give JSON lines for more)",
            )
        return
    try:
        text = _decode(data, origin)
    except ArticleReadError as exc:
        yield exc
        return
    stripped = text.lstrip()
    if stripped.startswith("["):
        yield from _from_json_document(text, origin, None)
    elif stripped.startswith("{"):
        try:
            _parse_json(text, origin)
        except ArticleReadError:  # several objects: JSON lines
            yield from _read_jsonl((line.encode() for line in text.splitlines(True)), origin)
        else:
            yield from _from_json_document(text, origin, None)
    else:
        yield _from_text(text, origin, None)


def _bounded_lines(handle: Any) -> Iterator[bytes]:
    """Lines of a binary stream, none held longer than the limit. An over-long line is
    yielded truncated (and so reported); in a regular file the rest of that line is skipped
    and reading goes on, while a device or pipe, which may never end, is abandoned."""
    try:
        finite = stat.S_ISREG(os.fstat(handle.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        finite = False
    while True:
        line = handle.readline(MAX_FILE_BYTES + 1)
        if not line:
            return
        yield line
        if len(line) > MAX_FILE_BYTES and not line.endswith(b"\n"):
            if not finite:
                return
            while (rest := handle.readline(MAX_FILE_BYTES)) and not rest.endswith(b"\n"):
                pass


def _chain_lines(first: Iterator[bytes], tail: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    """The complete lines already read, then the partial one joined to what follows."""
    yield from first
    following = next(rest, b"")
    joined = tail + following
    if joined:
        yield joined[: MAX_FILE_BYTES + 1]
        if len(joined) > MAX_FILE_BYTES and not joined.endswith(b"\n"):
            return
    yield from rest


def _shown(path: Path) -> str:
    """A path as text that can be printed and stored: undecodable bytes become \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _stem(path: Path) -> str:
    return _shown(Path(path.stem))


def _read_jsonl(lines: Iterable[bytes], origin: str) -> Iterator[ArticleInput | ArticleReadError]:
    seen = False
    for number, raw in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if not raw.strip():
            continue
        seen = True
        if len(raw) > MAX_FILE_BYTES:
            yield ArticleReadError(
                where, f"line is {len(raw) / 1e6:.0f} MB, too large for an article"
            )
            continue
        try:
            record = _parse_json(_decode(raw, where), where, line=False)
        except ArticleReadError as exc:
            yield exc
            continue
        yield _from_record(record, where, None)
    if not seen:
        yield ArticleReadError(origin, "empty file")


def _parse_json(text: str, origin: str, *, line: bool = True) -> Any:
    """JSON or one line naming what is wrong with it (including absurd nesting)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if line else f"column {exc.colno}"
        raise ArticleReadError(
            origin, f"not valid JSON ({exc.msg.removesuffix(' at')}, {where})"
        ) from None
    except RecursionError:
        raise ArticleReadError(origin, "not valid JSON (nested too deeply)") from None


def _decode(data: bytes, origin: str) -> str:
    if b"\x00" in data[:8192]:
        raise ArticleReadError(origin, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleReadError(
            origin, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


# --- shapes ---------------------------------------------------------------------------------


def _from_json_document(
    text: str, origin: str, stem: str | None
) -> Iterator[ArticleInput | ArticleReadError]:
    if not text.strip():
        yield ArticleReadError(origin, "empty file")
        return
    try:
        document = _parse_json(text, origin)
    except ArticleReadError as exc:
        yield exc
        return
    if isinstance(document, list):
        for n, record in enumerate(document, start=1):
            yield _from_record(record, f"{origin}[{n}]", None)
    else:
        yield _from_record(document, origin, stem)


def _from_record(record: Any, origin: str, stem: str | None) -> ArticleInput | ArticleReadError:
    if not isinstance(record, dict):
        return ArticleReadError(origin, "expected a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return ArticleReadError(origin, "article has no text")
    try:
        published = parse_published(record.get("published") or record.get("date"), origin)
    except ArticleReadError as exc:
        return exc
    return ArticleInput(
        id=_str(record.get("id")) or stem,
        title=_str(record.get("title")),
        source=_str(record.get("source")),
        url=_str(record.get("url")),
        published=published,
        text=text,
        origin=origin,
    )


def _from_text(text: str, origin: str, stem: str | None) -> ArticleInput | ArticleReadError:
    """Plain text or Markdown; an optional header block of `key: value` lines comes first."""
    header, body = _split_header(text)
    if not body.strip():
        return ArticleReadError(origin, "empty file" if not text.strip() else "article has no text")
    try:
        published = parse_published(header.get("published") or header.get("date"), origin)
    except ArticleReadError as exc:
        return exc
    title = header.get("title")
    if title is None and body.lstrip().startswith("# "):
        first, _, rest = body.lstrip().partition("\n")
        title, body = first[2:].strip(), rest
    return ArticleInput(
        id=header.get("id") or stem,
        title=title,
        source=header.get("source"),
        url=header.get("url"),
        published=published,
        text=body.strip("\n"),
        origin=origin,
    )


def _split_header(text: str) -> tuple[dict[str, str], str]:
    lines = text.splitlines(keepends=True)
    n = 1 if lines and lines[0].strip() == "---" else 0  # Markdown front matter
    header: dict[str, str] = {}
    while n < len(lines):
        key, sep, value = lines[n].partition(":")
        key = key.strip().lower()
        if not (sep and key in HEADER_KEYS and value.strip()):
            break
        header[key] = value.strip()
        n += 1
    if not header:
        return {}, text
    if n < len(lines) and lines[n].strip() in ("", "---"):  # the line that closes the header
        n += 1
    return header, "".join(lines[n:])


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# --- completing and checking ------------------------------------------------------------------


def _complete(
    article: ArticleInput, *, published: date | None, source: str | None, today: date
) -> ArticleInput:
    origin = article.origin
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise ArticleReadError(
            origin,
            f"article text is {len(article.text):,} characters, over the limit of "
            f"{MAX_ARTICLE_CHARS:,}",
        )
    when = article.published or published or _from_dateline(article.text, today)
    if when is None:
        raise ArticleReadError(
            origin, "no publication date: add 'published' (or a date: header) or pass --published"
        )
    if when > today + FUTURE_SLACK:
        raise ArticleReadError(origin, f"publication date {when.isoformat()} is in the future")
    if when.year < 1900:
        raise ArticleReadError(origin, f"publication date {when.isoformat()} is implausibly early")
    article = replace(article, published=when, source=article.source or source)
    _check_storable(article)
    return article


def _check_storable(article: ArticleInput) -> None:
    """What one database would store and another refuse is refused for both, up front."""
    for name in ("text", "title", "source", "url", "id"):
        value = getattr(article, name)
        if value is None:
            continue
        if "\x00" in value:
            raise ArticleReadError(article.origin, f"{name} contains a NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ArticleReadError(
                article.origin,
                f"{name} is not valid Unicode (lone surrogate at character {exc.start})",
            ) from None
        limit = COLUMN_LIMITS.get(name)
        if limit is not None and len(value) > limit:
            raise ArticleReadError(
                article.origin, f"{name} is {len(value):,} characters, over the limit of {limit}"
            )


def _from_dateline(text: str, today: date) -> date | None:
    """A dateline gives day and month; the year is the latest that is not after today."""
    from timeline.extract.dates import dateline

    for year in (today.year, today.year - 1):
        found = dateline(text, year)
        if found is not None and found <= today + FUTURE_SLACK:
            return found
    return None
