"""`intbot db backup`: a consistent copy of the SQLite database while the bot runs.

SQLite's online backup API (`sqlite3.Connection.backup`) copies page by page and restarts
when another connection writes, so the copy is one consistent state even while
`intbot serve` is writing. The copy goes to a temporary file beside the target, is
checked (`PRAGMA integrity_check`) and then renamed into place, so a half-written backup
never carries the target's name.

PostgreSQL is backed up with its own tools: `PG_DUMP_ADVICE`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

PG_DUMP_ADVICE = (
    "This database is PostgreSQL: back it up with its own tools, which take a consistent "
    "snapshot while the bot runs, e.g.\n"
    '  pg_dump --format=custom --file=intbot-$(date +%Y%m%d).dump "$INTBOT_DATABASE_URL"\n'
    "and restore with\n"
    '  pg_restore --clean --if-exists --dbname="$INTBOT_DATABASE_URL" intbot-YYYYMMDD.dump\n'
    "(or use your provider's point-in-time recovery)."
)


class BackupError(Exception):
    """A backup that cannot be made here; the text says why and what to do instead."""


@dataclass(frozen=True, kw_only=True)
class Backup:
    path: Path
    size: int  # bytes


def default_output(source: Path, *, now: dt.datetime) -> Path:
    """`var/intbot.db` -> `var/backups/intbot-20260422-0930.db`."""
    return source.parent / "backups" / f"{source.stem}-{now:%Y%m%d-%H%M%S}{source.suffix or '.db'}"


def sqlite_path(database_url: str) -> Path:
    """The file behind a SQLite URL; BackupError for PostgreSQL and in-memory databases."""
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "postgresql":
        raise BackupError(PG_DUMP_ADVICE)
    if backend != "sqlite":
        raise BackupError(f"intbot db backup supports SQLite files; this database is {backend}.")
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database has nothing on disk to back up.")
    path = Path(url.database)
    if not path.is_file():
        raise BackupError(f"There is no database file at {path}.")
    return path


async def backup(database_url: str, *, output: Path | None, now: dt.datetime) -> Backup:
    """Copy the SQLite database at `database_url` to `output` (default: a timestamped
    file in a `backups` folder beside it), consistently, while others may be writing."""
    source = sqlite_path(database_url)
    target = output or default_output(source, now=now)
    if target.resolve() == source.resolve():
        raise BackupError("The backup must not overwrite the database itself.")
    return await asyncio.to_thread(_copy, source, target)


def _copy(source: Path, target: Path) -> Backup:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(source, timeout=30)  # only read from
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst, pages=1024)  # in steps, so writers are not held up long
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
                [(check,)] = dst.execute("PRAGMA integrity_check").fetchall()
                if check != "ok":
                    raise BackupError(f"The copy failed its integrity check: {check}")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return Backup(path=target, size=target.stat().st_size)
