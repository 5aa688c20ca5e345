"""Acknowledged work still owed (`Job`): enqueued before the platform's 200, claimed by
any server process's worker under a lease, deleted when done.

Why a table of our own rather than procrastinate: the queue must work on SQLite, the
embedded default, as well as on PostgreSQL, and the enqueue must share the schema,
migrations and transaction discipline of the rest of the store; procrastinate is
PostgreSQL-only and brings its own schema and worker process. Five statements do here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.store.db import Database
from bot.store.models import Job, SeenEvent

SEEN_PLATFORM = "job"  # job keys carry their platform ("slack:event:Ev1")
# Kinds of jobs run inline by the request that committed them (a Teams turn answers in
# its own HTTP exchange): no worker claims them. Their row says "in progress" while the
# lease lasts; a redelivery of the same key may take an abandoned one over (`take_over`).
INLINE_PREFIX = "inline:"


@dataclass(frozen=True, kw_only=True)
class Claimed:
    id: int
    key: str
    kind: str
    payload: dict[str, Any]
    attempts: int  # including this one


SEEN_FOR = dt.timedelta(hours=1)  # Slack retries after 0 s, 1 min and 5 min


def _mark_seen(dialect_insert: Any) -> Any:
    return (
        dialect_insert(SeenEvent.__table__)
        .on_conflict_do_nothing(index_elements=["platform", "event_id"])
        .returning(SeenEvent.__table__.c.event_id)
    )


# Core statements on the tables (no ORM unit of work on the ack path), built once.
_MARK_SEEN = {"postgresql": _mark_seen(postgresql.insert), "sqlite": _mark_seen(sqlite.insert)}
_JOBS = Job.__table__
_ADD_JOB = insert(Job).returning(_JOBS.c.key, _JOBS.c.id)


@dataclass(frozen=True, kw_only=True)
class NewJob:
    key: str
    kind: str
    payload: dict[str, Any]


async def enqueue(
    db: Database,
    *,
    key: str,
    kind: str,
    payload: dict[str, Any],
    now: dt.datetime,
    lease: dt.timedelta | None = None,
) -> int | None:
    """Commit the job and return its id; None if `key` was taken within the hour (a
    retry). See `enqueue_many`."""
    [job_id] = await enqueue_many(
        db, [NewJob(key=key, kind=kind, payload=payload)], now=now, lease=lease
    )
    return job_id


async def enqueue_many(
    db: Database, jobs: Sequence[NewJob], *, now: dt.datetime, lease: dt.timedelta | None = None
) -> list[int | None]:
    """Commit the jobs in one transaction (a group commit: the acks of a burst share one
    write); each one's id, or None where its key was taken within the hour (a retry).
    With `lease` the jobs are born leased to the caller, who runs them at once without a
    claim (the common case: the process that acknowledged them).

    Each key is marked seen (`SeenEvent`) in the same transaction as its job is stored:
    a retry finds the key only if the work it stands for is durable, and still finds it
    after the job is done and deleted."""
    if not jobs:
        return []
    keys = [new.key for new in jobs]
    async with db.write_session() as session:
        # Two statements for the whole batch, each compiled once and cached whatever the
        # batch's size (executemany; SQLAlchemy sends it as multi-row VALUES with
        # RETURNING): the keys not seen before, then their jobs. A statement built with
        # `.values([...])` per batch is compiled anew for every batch size, and that
        # compilation was the largest cost of an ack.
        conn = await session.connection()
        fresh = set(
            (
                await conn.execute(
                    _MARK_SEEN[db.backend],
                    [{"platform": SEEN_PLATFORM, "event_id": k, "seen_at": now} for k in keys],
                )
            ).scalars()
        )
        first: dict[str, NewJob] = {}
        for new in jobs:  # a key twice in one batch: the first one is the job
            if new.key in fresh and new.key not in first:
                first[new.key] = new
        ids: dict[str, int] = {}
        if first:
            rows = await conn.execute(
                _ADD_JOB,
                [
                    {
                        "key": new.key,
                        "kind": new.kind,
                        "payload": new.payload,
                        "created_at": now,
                        "claimed_until": now + lease if lease is not None else None,
                        "attempts": 1 if lease is not None else 0,
                    }
                    for new in first.values()
                ],
            )
            ids = {key: job_id for key, job_id in rows}
    out: list[int | None] = []
    for key in keys:
        out.append(ids.pop(key, None))  # pop: a repeated key in the batch gets None
    return out


async def forget_seen(db: Database, *, now: dt.datetime) -> int:
    """Drop job keys older than the hour Slack may retry in (run now and then, not on
    every ack: the ack path stays one insert pair)."""
    async with db.write_session() as session:
        result = await session.execute(
            delete(SeenEvent).where(
                SeenEvent.platform == SEEN_PLATFORM, SeenEvent.seen_at <= now - SEEN_FOR
            )
        )
        # An inline job left by a process that died: past the hour, no redelivery comes
        # to take it over.
        await session.execute(
            delete(Job).where(Job.kind.startswith(INLINE_PREFIX), Job.created_at <= now - SEEN_FOR)
        )
    return int(getattr(result, "rowcount", 0) or 0)


async def release(db: Database, job_ids: list[int]) -> None:
    """Give leased jobs back unstarted (on shutdown), free for any process at once."""
    if job_ids:
        async with db.write_session() as session:
            await session.execute(update(Job).where(Job.id.in_(job_ids)).values(claimed_until=None))


def _free(now: dt.datetime) -> Any:
    return or_(Job.claimed_until.is_(None), Job.claimed_until <= now)


async def claim(
    db: Database,
    *,
    now: dt.datetime,
    lease: dt.timedelta,
    limit: int = 1,
    kinds: Sequence[str] | None = None,
) -> list[Claimed]:
    """Lease up to `limit` free jobs (of `kinds`, when given), oldest first, to the caller
    until `now + lease`.

    On PostgreSQL the candidates are locked `FOR UPDATE SKIP LOCKED`, so processes
    claiming at once pass each other instead of queueing on the same rows. On SQLite
    (one writer at a time) the conditional UPDATE alone decides: a row another claimer
    leased meanwhile no longer matches `_free`."""
    candidates = select(Job.id).where(_free(now)).order_by(Job.id).limit(limit)
    if kinds is not None:
        candidates = candidates.where(Job.kind.in_(list(kinds)))
    if db.backend == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    async with db.write_session() as session:
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


async def take_over(db: Database, *, key: str, now: dt.datetime, lease: dt.timedelta) -> int | None:
    """Lease the job of `key` to the caller if it is free (its lease ran out: whoever
    held it died), in one conditional UPDATE, so of several processes at most one gets
    it; its id, or None (no such job: done; or another holds it)."""
    async with db.write_session() as session:
        taken = await session.scalar(
            update(Job)
            .where(Job.key == key, _free(now))
            .values(claimed_until=now + lease, attempts=Job.attempts + 1)
            .returning(Job.id)
        )
    return None if taken is None else int(taken)


async def finish(db: Database, job_ids: Sequence[int]) -> None:
    """Delete done jobs (their keys stay seen for the hour)."""
    if job_ids:
        async with db.write_session() as session:
            await session.execute(delete(Job).where(Job.id.in_(list(job_ids))))


async def retry_at(db: Database, job_id: int, when: dt.datetime) -> None:
    """Keep the job, free again from `when` (after a failure, to back off)."""
    async with db.write_session() as session:
        await session.execute(update(Job).where(Job.id == job_id).values(claimed_until=when))


async def count(db: Database) -> int:
    async with db.write_session() as session:
        return int(await session.scalar(select(func.count()).select_from(Job)) or 0)
