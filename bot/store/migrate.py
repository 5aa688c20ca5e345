"""Alembic migrations, run programmatically (`intbot db upgrade`, tests, `make run`)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config

from bot.store.db import ensure_sqlite_dir, sync_url

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    url = sync_url(database_url)
    ensure_sqlite_dir(url)
    # ConfigParser interpolates '%': escape it so URL-encoded options survive.
    config.set_main_option(
        "sqlalchemy.url", url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


async def upgrade_async(database_url: str, revision: str = "head") -> None:
    """`upgrade` off the event loop (Alembic drives a synchronous connection)."""
    await asyncio.to_thread(upgrade, database_url, revision)
