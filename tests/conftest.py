"""Shared fixtures: settings, a fresh database per test (SQLite, and PostgreSQL when
INTBOT_TEST_DATABASE_URL is set), the policy index, the bot and a conversation."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.features import all_features
from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.turn import Services
from bot.store.db import Database, sync_url
from knowledge.index import PolicyIndex, load_index
from tests.chat import Chat

PG_ENV = "INTBOT_TEST_DATABASE_URL"
COORDINATOR = "coord"


def _pg_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@pytest.fixture(scope="session")
def policy_index() -> PolicyIndex:
    return load_index()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'intbot.db'}"
        return
    base = _pg_url()
    if base is None:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (e.g. postgresql://postgres@127.0.0.1/test)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    dsn = sync_url(base).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        sep = "&" if "?" in base else "?"
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
async def database(db_url: str) -> AsyncIterator[Database]:
    """The database at `db_url`, migrated to the newest revision."""
    from bot.store import migrate

    await migrate.upgrade_async(db_url)
    db = Database.connect(db_url)
    try:
        yield db
    finally:
        await db.close()


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, coordinators=frozenset({COORDINATOR}))


@pytest.fixture
def services(settings: Settings, database: Database, policy_index: PolicyIndex) -> Services:
    return Services(settings=settings, index=policy_index, db=database)


@pytest.fixture
def bot(services: Services) -> Bot:
    return Bot(services, all_features())


@pytest.fixture
def chat(bot: Bot) -> Chat:
    return Chat(bot)
