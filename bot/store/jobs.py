"""Acknowledged work still owed (`Job`): enqueued before the platform's 200, claimed by
any server process's worker under a lease, deleted when done.

Why a table of our own rather than procrastinate: the queue must work on SQLite, the
embedded default, as well as on PostgreSQL, and the enqueue must share the schema,
migrations and transaction discipline of the rest of the store; procrastinate is
PostgreSQL-only and brings its own schema and worker process. Five statements do here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select, update

from bot.store.db import Database
from bot.store.models import Job, SeenEvent

SEEN_PLATFORM = "job"  # job keys carry their platform ("slack:event:Ev1")


@dataclass(frozen=True, kw_only=True)
class Claimed:
    id: int
    key: str
    kind: str
    payload: dict[str, Any]
    attempts: int  # including this one


SEEN_FOR = dt.timedelta(hours=1)  # Slack retries after 0 s, 1 min and 5 min


async def enqueue(
    db: Database, *, key: str, kind: str, payload: dict[str, Any], now: dt.datetime
) -> bool:
    """Commit the job; False if `key` was taken within the hour (a retry).

    The key is marked seen (`SeenEvent`) in the same transaction as the job is stored:
    a retry finds the key only if the work it stands for is durable, and still finds it
    after the job is done and deleted."""
    seen = (
        db.insert(SeenEvent)
        .values(platform=SEEN_PLATFORM, event_id=key, seen_at=now)
        .on_conflict_do_nothing(index_elements=["platform", "event_id"])
        .returning(SeenEvent.event_id)
    )
    async with db.session() as session:
        await session.execute(
            delete(SeenEvent).where(
                SeenEvent.platform == SEEN_PLATFORM, SeenEvent.seen_at <= now - SEEN_FOR
            )
        )
        if await session.scalar(seen) is None:
            return False
        session.add(Job(key=key, kind=kind, payload=payload, created_at=now, attempts=0))
    return True


def _free(now: dt.datetime) -> Any:
    return or_(Job.claimed_until.is_(None), Job.claimed_until <= now)


async def claim(
    db: Database, *, now: dt.datetime, lease: dt.timedelta, limit: int = 1
) -> list[Claimed]:
    """Lease up to `limit` free jobs, oldest first, to the caller until `now + lease`.

    On PostgreSQL the candidates are locked `FOR UPDATE SKIP LOCKED`, so processes
    claiming at once pass each other instead of queueing on the same rows. On SQLite
    (one writer at a time) the conditional UPDATE alone decides: a row another claimer
    leased meanwhile no longer matches `_free`."""
    candidates = select(Job.id).where(_free(now)).order_by(Job.id).limit(limit)
    if db.backend == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    async with db.session() as session:
        ids = list(await session.scalars(candidates))
        if not ids:
            return []
        rows = await session.execute(
            update(Job)
            .where(Job.id.in_(ids), _free(now))
            .values(claimed_until=now + lease, attempts=Job.attempts + 1)
            .returning(Job.id, Job.key, Job.kind, Job.payload, Job.attempts)
        )
        found = [
            Claimed(id=r.id, key=r.key, kind=r.kind, payload=r.payload, attempts=r.attempts)
            for r in rows
        ]
    return sorted(found, key=lambda job: job.id)


async def finish(db: Database, job_id: int) -> None:
    async with db.session() as session:
        await session.execute(delete(Job).where(Job.id == job_id))


async def retry_at(db: Database, job_id: int, when: dt.datetime) -> None:
    """Keep the job, free again from `when` (after a failure, to back off)."""
    async with db.session() as session:
        await session.execute(update(Job).where(Job.id == job_id).values(claimed_until=when))


async def count(db: Database) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Job)) or 0)
