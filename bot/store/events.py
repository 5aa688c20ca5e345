"""Platform event ids already taken, so that a retried event is handled once across
server processes and restarts (see `SeenEvent`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from bot.store.db import Database
from bot.store.models import SeenEvent


async def first_time(
    db: Database, *, platform: str, event_id: str, now: dt.datetime, ttl: dt.timedelta
) -> bool:
    """Record the event: True if no process took it within `ttl`, False for a repeat.
    Ids older than `ttl` are dropped on the way."""
    claim = (
        db.insert(SeenEvent)
        .values(platform=platform, event_id=event_id, seen_at=now)
        .on_conflict_do_nothing(index_elements=["platform", "event_id"])
        .returning(SeenEvent.event_id)
    )
    async with db.session() as session:
        await session.execute(delete(SeenEvent).where(SeenEvent.seen_at <= now - ttl))
        # RETURNING says whether this statement inserted (rowcount is not reliable here).
        return await session.scalar(claim) is not None
