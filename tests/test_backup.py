"""`intbot db backup`: a consistent SQLite copy while the bot writes; pg_dump advice for
PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from adapters.cli import main
from bot.store import migrate
from bot.store.backup import PG_DUMP_ADVICE, BackupError, backup, default_output
from bot.store.db import Database
from tests.ops_support import contact, seed_network

NOW = dt.datetime(2026, 4, 20, 8, tzinfo=dt.UTC)


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        [(n,)] = conn.execute(f"SELECT count(*) FROM {table}").fetchall()
        return int(n)


async def test_a_backup_while_writing_is_consistent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'intbot.db'}"
    await migrate.upgrade_async(url)
    db = Database.connect(url)
    try:
        network = await seed_network(db)
        kultur = network.departments["Kultur"]
        writing = asyncio.Event()

        async def writer() -> None:
            for i in range(60):
                async with db.session() as s:  # each entry in its own transaction
                    s.add(contact(kultur, "alice", dt.date(2026, 3, 1), partner=f"P{i}"))
                writing.set()
                await asyncio.sleep(0)

        async def copy() -> Path:
            await writing.wait()
            made = await backup(url, output=tmp_path / "out" / "copy.db", now=NOW)
            return made.path

        _, path = await asyncio.gather(writer(), copy())
    finally:
        await db.close()
    assert path == tmp_path / "out" / "copy.db"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        copied = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    with sqlite3.connect(tmp_path / "intbot.db") as conn:
        assert copied == conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert 4 <= count(path, "contacts") <= 64  # a committed state, whichever it caught
    assert count(path, "departments") == 4
    assert not list((tmp_path / "out").glob(".*partial"))


async def test_default_output_is_a_timestamped_file_beside_the_database(tmp_path: Path) -> None:
    source = tmp_path / "var" / "intbot.db"
    assert default_output(source, now=NOW) == (
        tmp_path / "var" / "backups" / "intbot-20260420-080000.db"
    )
    url = f"sqlite:///{source}"
    await migrate.upgrade_async(url)
    made = await backup(url, output=None, now=NOW)
    assert made.path == default_output(source, now=NOW) and made.size > 0


async def test_what_cannot_be_backed_up_says_why(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="pg_dump"):
        await backup("postgresql://postgres@127.0.0.1/intbot", output=None, now=NOW)
    with pytest.raises(BackupError, match="in-memory"):
        await backup("sqlite:///:memory:", output=None, now=NOW)
    with pytest.raises(BackupError, match="no database file"):
        await backup(f"sqlite:///{tmp_path / 'missing.db'}", output=None, now=NOW)
    db_file = tmp_path / "intbot.db"
    await migrate.upgrade_async(f"sqlite:///{db_file}")
    with pytest.raises(BackupError, match="overwrite"):
        await backup(f"sqlite:///{db_file}", output=db_file, now=NOW)


def test_cli_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'intbot.db'}"
    migrate.upgrade(url)
    monkeypatch.setenv("INTBOT_DATABASE_URL", url)
    target = tmp_path / "nightly.db"
    assert main(["db", "backup", "--output", str(target)]) == 0
    assert capsys.readouterr().out.startswith(str(target))
    assert count(target, "alembic_version") == 1
    assert main(["db", "backup", "--output", str(target)]) == 0  # a nightly job overwrites

    monkeypatch.setenv("INTBOT_DATABASE_URL", "postgresql://postgres@127.0.0.1/intbot")
    assert main(["db", "backup"]) == 2
    assert PG_DUMP_ADVICE in capsys.readouterr().err
