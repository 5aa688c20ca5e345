"""What the surfaces keep in the database, bound to it and to the clock: acknowledged
work still owed (jobs, whose keys mark event ids taken), documents behind download
links, conversation references, and whether the database answers. Surfaces reach it
through `Services.records`, never the tables."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.store import downloads, jobs, migrate, references
from bot.store.db import Database

HEALTH_TIMEOUT = 3.0  # seconds for the database to answer `SELECT 1`


@dataclass(frozen=True, kw_only=True)
class Document:
    filename: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class DatabaseRecords:
    """The kernel's `Records` port over this database."""

    db: Database
    clock: Callable[[], dt.datetime]

    async def enqueue_job(
        self,
        *,
        key: str,
        kind: str,
        payload: dict[str, Any],
        lease: dt.timedelta | None = None,
    ) -> int | None:
        return await jobs.enqueue(
            self.db, key=key, kind=kind, payload=payload, now=self.clock(), lease=lease
        )

    async def enqueue_jobs(
        self, jobs_: Sequence[tuple[str, str, dict[str, Any]]], *, lease: dt.timedelta | None
    ) -> list[int | None]:
        new = [jobs.NewJob(key=key, kind=kind, payload=payload) for key, kind, payload in jobs_]
        return await jobs.enqueue_many(self.db, new, now=self.clock(), lease=lease)

    async def release_jobs(self, job_ids: list[int]) -> None:
        await jobs.release(self.db, job_ids)

    async def forget_job_keys(self) -> int:
        return await jobs.forget_seen(self.db, now=self.clock())

    async def claim_jobs(
        self, *, lease: dt.timedelta, limit: int, kinds: Sequence[str] | None = None
    ) -> list[jobs.Claimed]:
        return await jobs.claim(self.db, now=self.clock(), lease=lease, limit=limit, kinds=kinds)

    async def take_over_job(self, key: str, *, lease: dt.timedelta) -> int | None:
        return await jobs.take_over(self.db, key=key, now=self.clock(), lease=lease)

    async def finish_job(self, job_id: int) -> None:
        await jobs.finish(self.db, [job_id])

    async def finish_jobs(self, job_ids: Sequence[int]) -> None:
        await jobs.finish(self.db, job_ids)

    async def retry_job(self, job_id: int, *, delay: dt.timedelta) -> None:
        await jobs.retry_at(self.db, job_id, self.clock() + delay)

    async def count_jobs(self) -> int:
        return await jobs.count(self.db)

    async def keep_document(
        self, *, filename: str, media_type: str, content: bytes, expires: dt.datetime
    ) -> str:
        return await downloads.keep(
            self.db,
            filename=filename,
            media_type=media_type,
            content=content,
            now=self.clock(),
            expires=expires,
        )

    async def fetch_document(self, document_id: str) -> Document | None:
        found = await downloads.fetch(self.db, document_id, now=self.clock())
        if found is None:
            return None
        return Document(filename=found.filename, media_type=found.media_type, content=found.content)

    @staticmethod
    def user_key(user: str) -> str:
        return references.user_key(user)

    @staticmethod
    def conversation_key(conversation: str) -> str:
        return references.conversation_key(conversation)

    async def save_reference(self, *, platform: str, key: str, reference: dict[str, Any]) -> None:
        await references.save(
            self.db, platform=platform, key=key, reference=reference, now=self.clock()
        )

    async def load_reference(self, *, platform: str, key: str) -> dict[str, Any] | None:
        return await references.load(self.db, platform=platform, key=key)

    async def ping(self) -> None:
        """Raises unless the database answers within `HEALTH_TIMEOUT`."""
        async with asyncio.timeout(HEALTH_TIMEOUT), self.db.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def schema_problem(self) -> str | None:
        """None when the schema is at the migrations' head, else what is wrong: a
        reachable database that was never migrated fails every turn."""
        expected = migrate.heads()
        try:
            async with asyncio.timeout(HEALTH_TIMEOUT), self.db.engine.connect() as conn:
                found = set(
                    (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalars()
                )
        except DBAPIError:
            return "not migrated (no alembic_version table): run `intbot db upgrade`"
        if found != expected:
            return (
                f"schema at {', '.join(sorted(found)) or 'nothing'}, code expects "
                f"{', '.join(sorted(expected))}: run `intbot db upgrade`"
            )
        return None
