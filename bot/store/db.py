"""Engine and sessions for the configured database URL (async SQLAlchemy)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import FromClause, Row, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.sql import Executable

# Connections one `read_many` takes from the pool at a time: enough for the two or so
# cores a small server has, and leaves the pool (5 + 10 overflow) to the turns.
READS_AT_ONCE = 4

# Plain URLs are accepted as written; the driver is the project's business.
_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
}


def async_url(url: str) -> URL:
    """`sqlite:///x.db` -> `sqlite+aiosqlite:///x.db`, `postgresql://` -> psycopg (async)."""
    parsed = make_url(url)
    driver = _ASYNC_DRIVERS.get(parsed.drivername)
    return parsed.set(drivername=driver) if driver else parsed


def sync_url(url: str) -> URL:
    """The same database through a synchronous driver (Alembic, backups)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    return parsed.set(drivername="postgresql+psycopg" if backend == "postgresql" else backend)


def ensure_sqlite_dir(url: URL) -> None:
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)


class Database:
    """One engine and its session factory; build with `Database.connect(url)`."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._writes: asyncio.Lock | None = None

    @classmethod
    def connect(cls, url: str) -> Database:
        target = async_url(url)
        ensure_sqlite_dir(target)
        if target.get_backend_name() == "sqlite":
            engine = create_async_engine(target, connect_args={"timeout": 30})
            event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
            engine.sync_engine.dialect.statement_compiler = _SQLiteCompiler
        else:
            engine = create_async_engine(target, pool_pre_ping=True)
        return cls(engine)

    @property
    def backend(self) -> str:
        return self.engine.url.get_backend_name()

    def insert(self, model: type[Any]) -> postgresql.Insert | sqlite.Insert:
        """An INSERT that can take ON CONFLICT clauses, in PostgreSQL's dialect or else
        SQLite's (the two backends the project runs on)."""
        return postgresql.insert(model) if self.backend == "postgresql" else sqlite.insert(model)

    async def read_many(
        self, queries: Sequence[Executable], *, at_once: int = READS_AT_ONCE
    ) -> list[list[Row[*tuple[Any, ...]]]]:
        """The rows of each query, up to `at_once` of them running at a time on separate
        connections.

        SQLite runs each connection in its own thread and PostgreSQL in its own backend, so
        long aggregations use more than one core. Each query reads its own snapshot: a
        write that lands meanwhile may show in one result and not another. An in-memory
        SQLite database has a single connection; there the queries run in turn.
        """
        if self.engine.url.database in (None, "", ":memory:") and self.backend == "sqlite":
            at_once = 1
        slots = asyncio.Semaphore(at_once)

        async def read(query: Executable) -> list[Row[*tuple[Any, ...]]]:
            async with slots, self.session() as session:
                return list((await session.execute(query)).all())

        return list(await asyncio.gather(*(read(query) for query in queries)))

    @asynccontextmanager
    async def write_session(self) -> AsyncIterator[AsyncSession]:
        """A session for a short write on a hot path (the acks' job inserts).

        SQLite has one writer at a time, and a connection that finds the database locked
        sleeps in its busy handler in steps of up to 100 ms: under a burst, acks would
        wait on those sleeps rather than on each other. In one process these writes queue
        on an asyncio lock instead, in order and without sleeping. PostgreSQL needs no
        such thing."""
        if self.backend != "sqlite":
            async with self.session() as session:
                yield session
            return
        if self._writes is None:
            self._writes = asyncio.Lock()
        async with self._writes, self.session() as session:
            yield session

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session in one transaction: committed on success, rolled back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    async def close(self) -> None:
        await self.engine.dispose()


class _SQLiteCompiler(SQLiteCompiler):
    """SQLite's compiler, also writing table hints given for SQLite
    (`select().with_hint(Contact, "NOT INDEXED", dialect_name="sqlite")`), which
    SQLAlchemy's own leaves out although SQLite's grammar has them after the table name."""

    def get_from_hint_text(self, table: FromClause, text: str | None) -> str | None:
        return text


def use_wal(dbapi_connection: object) -> None:
    """Put the database file in WAL mode, which lets readers run beside the writer.

    The mode is stored in the file, so this switches it once (migrations do it first).
    Switching needs an exclusive lock that SQLite may refuse at once, without waiting,
    when other connections are writing; so a connection that finds WAL set leaves it."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode")
    if cursor.fetchone()[0] not in ("wal", "memory"):
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA busy_timeout=30000")
    use_wal(dbapi_connection)
    # In WAL mode NORMAL syncs at checkpoints, not at every commit: a commit survives the
    # process being killed (the acks' durability, issue 13) but the last ones may not
    # survive the machine losing power. FULL costs an fsync per ack.
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
