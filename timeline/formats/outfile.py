"""Writing a user's output file without ever damaging what is already there.

`timeline export -o timeline.db` once replaced the live database with HTML. A file is now
written whole to a temporary file beside the target and renamed over it (so a reader never
sees half a file, and a full disk leaves the old file intact); an existing file is replaced
only with `--force`; the database's own files are never a target.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from timeline.errors import OutputError


def database_files(url: str) -> list[Path]:
    """The files a SQLite database URL lives in (none for a server database)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return []
    if parsed.database == ":memory:" or parsed.database.startswith("file:"):
        name = parsed.database.removeprefix("file:").split("?")[0]
        if not name or name == ":memory:":
            return []
    else:
        name = parsed.database
    main = Path(name)
    return [main, *(Path(f"{main}{suffix}") for suffix in ("-wal", "-shm", "-journal"))]


def write_output(
    path: Path, content: str, *, force: bool = False, protected: Iterable[Path] = ()
) -> None:
    """Write `content` to `path`: atomically for a regular file, directly to a device or
    pipe (`-o /dev/stdout`); refuse the protected files and, without `force`, any existing
    regular file."""
    shown = os.fsencode(path).decode("utf-8", "backslashreplace")
    for guarded in protected:
        if _same_file(path, guarded):
            raise OutputError(f"{shown}: refusing to overwrite the database's own file")
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write: {exc.strerror or exc}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{shown}: is a folder; give a file name")
    try:
        if info is not None and not stat.S_ISREG(info.st_mode):
            with path.open("w", encoding="utf-8", newline="") as handle:
                handle.write(content)
            return
        if info is not None and not force:
            raise OutputError(f"{shown}: file exists; give --force to replace it")
        _replace(path, content, info)
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write: {exc.strerror or exc}") from None


def _replace(path: Path, content: str, info: os.stat_result | None) -> None:
    folder = path.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.resolve() == other.resolve() or os.path.samefile(path, other)
    except OSError:
        return False


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
