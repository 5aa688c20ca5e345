"""The contact log at 100,000 contacts: insert throughput and list latency, on SQLite
(a temporary file) and PostgreSQL (postgresql://postgres@127.0.0.1:5432/test, or
INTBOT_TEST_DATABASE_URL, in a fresh schema; skipped with a message when unreachable).

    .venv/bin/python -m benchmarks contacts

Inserts are measured two ways: the application's path (`repository.add_contact`: one
transaction per contact with its audit row, 8 writers at a time, with idempotency keys)
and a bulk load (batches of 5,000) that brings the table to 100,000 rows. List latency is
`repository.list_contacts` (the newest 50 and the total) for a department, for everything
(the coordinator) and for a tertial, median and 95th percentile of repeated calls.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import statistics
import time
from collections.abc import Awaitable, Callable

from sqlalchemy import insert

from benchmarks.postgres import on_both_databases
from bot.features.contacts.vocabulary import KINDS
from bot.features.network.handlers import ForgivingMatch
from bot.store import contacts as repo
from bot.store import migrate, network
from bot.store.db import Database
from bot.store.models import Contact

CONTACTS = 100_000
APP_INSERTS = 2_000
WRITERS = 8
BATCH = 5_000
LIST_RUNS = 30
DEPARTMENTS = 20
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
_COUNTRIES = ("DE", "FI", "NO", "DK", "EE", "LV", "LT", "PL", "FR", "ES", "IT", "NL", "BE")


def _values(department_id: int, rng: random.Random) -> dict[str, object]:
    return dict(
        date=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365)),
        partner=f"Partner {rng.randrange(5000)}",
        country=rng.choice(_COUNTRIES),
        kind=rng.choice(list(KINDS)),
        department_id=department_id,
        participants=rng.randrange(1, 60),
        description="Ett utbyte mellan skolor och föreningar.",
    )


async def _departments(db: Database) -> list[int]:
    ids = []
    for n in range(DEPARTMENTS):
        seat = await network.register_representative(
            db,
            user_id=f"U{n}",
            department_name=f"Förvaltning {n:02d}",
            match=ForgivingMatch(),
            display_name=None,
            actor="coord",
            now=NOW,
        )
        ids.append(seat.representative.department_id)
    return ids


async def _app_inserts(db: Database, departments: list[int]) -> float:
    rng = random.Random(1)
    queue = list(range(APP_INSERTS))

    async def writer() -> None:
        while queue:
            n = queue.pop()
            await repo.add_contact(
                db,
                values=_values(departments[n % len(departments)], rng),
                actor=f"U{n % len(departments)}",
                now=NOW,
                idempotency_key=f"bench-{n}",
            )

    started = time.perf_counter()
    await asyncio.gather(*(writer() for _ in range(WRITERS)))
    return APP_INSERTS / (time.perf_counter() - started)


async def _bulk(db: Database, departments: list[int], count: int) -> float:
    rng = random.Random(2)
    started = time.perf_counter()
    for offset in range(0, count, BATCH):
        rows = []
        for n in range(offset, min(count, offset + BATCH)):
            values = _values(departments[n % len(departments)], rng)
            rows.append({**values, "created_by": "bench", "created_at": NOW})
        async with db.session() as session:
            await session.execute(insert(Contact), rows)
    return count / (time.perf_counter() - started)


async def _latency(call: Callable[[], Awaitable[object]]) -> tuple[float, float]:
    await call()  # warm the caches and the connection pool
    times = []
    for _ in range(LIST_RUNS):
        started = time.perf_counter()
        await call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


async def _run(label: str, url: str) -> None:
    await migrate.upgrade_async(url)
    db = Database.connect(url)
    try:
        departments = await _departments(db)
        app_rate = await _app_inserts(db, departments)
        bulk_rate = await _bulk(db, departments, CONTACTS - APP_INSERTS)
        print(f"{label}: insert, application path ({WRITERS} writers, audited): "
              f"{app_rate:,.0f} contacts/s")  # fmt: skip
        print(f"{label}: insert, bulk batches of {BATCH:,}: {bulk_rate:,.0f} contacts/s")
        page = await repo.list_contacts(db, limit=1)
        print(f"{label}: {page.total:,} contacts stored")
        cases: dict[str, Callable[[], Awaitable[object]]] = {
            "one department (newest 50 + total)": lambda: repo.list_contacts(
                db, department_id=departments[3]
            ),
            "all departments (coordinator)": lambda: repo.list_contacts(db),
            "all departments, 2026-T1": lambda: repo.list_contacts(
                db, start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 30)
            ),
        }
        for name, call in cases.items():
            median, p95 = await _latency(call)
            print(f"{label}: list {name}: median {median:.1f} ms, p95 {p95:.1f} ms")
    finally:
        await db.close()


def main() -> None:
    asyncio.run(on_both_databases(_run))


if __name__ == "__main__":
    main()
