"""Conversation references by user or conversation, for messages the bot sends
unprompted (reminders, visit notices). The reference itself is the platform's JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from bot.store.db import Database
from bot.store.models import ConversationReference


def user_key(user: str) -> str:
    return f"user:{user}"


def conversation_key(conversation: str) -> str:
    return f"conversation:{conversation}"


async def save(
    db: Database, *, platform: str, key: str, reference: dict[str, Any], now: dt.datetime
) -> None:
    """Insert or replace the reference under (platform, key), race-free on both backends."""
    values = {"platform": platform, "key": key, "reference": reference, "updated_at": now}
    statement = (
        db.insert(ConversationReference)
        .values(values)
        .on_conflict_do_update(
            index_elements=["platform", "key"],
            set_={"reference": reference, "updated_at": now},
        )
    )
    async with db.session() as session:
        await session.execute(statement)


async def load(db: Database, *, platform: str, key: str) -> dict[str, Any] | None:
    async with db.session() as session:
        found = await session.scalar(
            select(ConversationReference.reference).where(
                ConversationReference.platform == platform, ConversationReference.key == key
            )
        )
    return dict(found) if found is not None else None
