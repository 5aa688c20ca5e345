"""The notification ledger: each notice (reminder, digest, visit notice, the daily
purge) is claimed by one row before it is sent, so several server processes or a
restart never send one twice; a claim never confirmed is reported, never resent."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import IntegrityError

from bot.store.db import Database
from bot.store.models import SentNotification

log = logging.getLogger(__name__)


def process_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


async def claim(
    db: Database, *, key: str, kind: str, recipient: str, now: dt.datetime, owner: str
) -> bool:
    """Insert the ledger row for `key` in its own transaction: True if this call claimed
    it, False if it was claimed before (by anyone, at any time)."""
    values = {
        "key": key,
        "kind": kind,
        "recipient": recipient,
        "claimed_at": now,
        "claimed_by": owner,
    }
    if db.backend not in ("postgresql", "sqlite"):
        # Another backend: a plain insert, and the unique violation says "taken".
        try:
            async with db.session() as session:
                await session.execute(insert(SentNotification).values(values))
        except IntegrityError:
            return False
        return True
    statement = (
        db.insert(SentNotification).values(values).on_conflict_do_nothing(index_elements=["key"])
    )
    async with db.session() as session:
        # RETURNING says whether this statement inserted (rowcount is not reliable here).
        inserted = await session.scalar(statement.returning(SentNotification.id))
        return inserted is not None


async def mark(db: Database, key: str, *, sent_at: dt.datetime | None, error: str | None) -> None:
    async with db.session() as session:
        await session.execute(
            update(SentNotification)
            .where(SentNotification.key == key)
            .values(sent_at=sent_at, error=error)
        )


async def claimed(db: Database, keys: Sequence[str]) -> set[str]:
    if not keys:
        return set()
    async with db.session() as session:
        found = await session.scalars(
            select(SentNotification.key).where(SentNotification.key.in_(keys))
        )
        return set(found.all())


async def report_stale(db: Database, *, now: dt.datetime, stale_after: dt.timedelta) -> list[str]:
    """Claims never confirmed sent and older than `stale_after`: logged once, never resent."""
    async with db.session() as session:
        rows = (
            await session.scalars(
                select(SentNotification)
                .where(
                    SentNotification.sent_at.is_(None),
                    SentNotification.error.is_(None),
                    SentNotification.claimed_at < now - stale_after,
                )
                .order_by(SentNotification.id)
                .with_for_update(skip_locked=True)
            )
        ).all()
        for row in rows:
            row.error = f"unconfirmed: {row.claimed_by} claimed it and stopped before sending"
            log.warning(
                "notice %s was claimed by %s at %s but never confirmed sent; not resending",
                row.key,
                row.claimed_by,
                row.claimed_at.isoformat(),
            )
        return [row.key for row in rows]


@asynccontextmanager
async def pass_lock(db: Database) -> AsyncIterator[bool]:
    """On PostgreSQL: hold a transaction-level advisory lock (per schema) for the block,
    yielding False when another process holds it. Elsewhere: always True."""
    if db.backend != "postgresql":
        yield True
        return
    async with db.engine.connect() as conn, conn.begin():
        held = await conn.scalar(
            text("SELECT pg_try_advisory_xact_lock(hashtextextended(current_schema() || :n, 0))"),
            {"n": ":intbot.notifications"},
        )
        yield bool(held)
        # Leaving the block ends the transaction, which releases the lock.
