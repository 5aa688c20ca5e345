"""Alembic environment: a synchronous connection to the configured URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, event, pool

from bot.store.db import use_wal
from bot.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    if engine.dialect.name == "sqlite":
        # A new file is made WAL before anyone else opens it (see use_wal). Foreign keys
        # stay off here: batch mode copies tables, and ON would cascade the drops.
        event.listen(engine, "connect", lambda dbapi, _record: use_wal(dbapi))
    with engine.connect() as connection:
        # Batch mode lets ALTER TABLE work on SQLite by copying the table.
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
