"""Documents kept behind download links until they expire (see `Download`)."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import delete, select

from bot.store.db import Database
from bot.store.models import Download


async def keep(
    db: Database,
    *,
    filename: str,
    media_type: str,
    content: bytes,
    now: dt.datetime,
    expires: dt.datetime,
) -> str:
    """Store the document and return its new random id; expired documents go first."""
    document_id = secrets.token_urlsafe(18)
    async with db.session() as session:
        await session.execute(delete(Download).where(Download.expires_at <= now))
        session.add(
            Download(
                id=document_id,
                filename=filename,
                media_type=media_type,
                content=content,
                created_at=now,
                expires_at=expires,
            )
        )
    return document_id


async def fetch(db: Database, document_id: str, *, now: dt.datetime) -> Download | None:
    """The document under `document_id` if it has not expired."""
    async with db.session() as session:
        return await session.scalar(
            select(Download).where(Download.id == document_id, Download.expires_at > now)
        )
