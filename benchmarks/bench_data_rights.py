"""Exporting and erasing one person with a long audit trail (issue 13 §6), on SQLite (a
temporary file) and PostgreSQL (when reachable).

    .venv/bin/python -m benchmarks data_rights

100,000 audit rows by other people, a few about the person; prints the time of
`export_user` and `erase_user` (min and median of 3 exports) and how far each raises the
process's resident memory (RSS) at its peak. Targets: export under 0.2 s and under 50 MiB
extra.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import multiprocessing
import statistics
import time

from sqlalchemy import insert

from benchmarks.postgres import on_both_databases
from benchmarks.rss import peak_growth

AUDIT_ROWS = 100_000
BATCH = 5_000
NOW = dt.datetime(2026, 4, 20, 8, tzinfo=dt.UTC)
USER = "U0PERSON1"
NAME = "Karin Öberg"


async def _seed(url: str) -> None:
    from bot.store import migrate
    from bot.store.db import Database
    from bot.store.models import AuditEntry, Department, Representative
    from tests.ops_support import contact

    await migrate.upgrade_async(url)
    db = Database.connect(url)
    try:
        async with db.session() as s:
            dept = Department(name="Kultur", key="kultur")
            s.add(dept)
            await s.flush()
            s.add(Representative(user_id=USER, display_name=NAME, department_id=dept.id,
                                 created_by="coord", created_at=NOW))  # fmt: skip
            s.add_all(
                contact(
                    dept.id,
                    USER if n % 2 else "alice",
                    dt.date(2026, 1, 1 + n),
                    description=f"Möte {n} med {NAME}",
                )
                for n in range(20)
            )
        for start in range(0, AUDIT_ROWS, BATCH):
            rows = [
                {
                    "at": NOW,
                    "actor": f"U{n % 300:05d}",
                    "action": "update",
                    "entity": "contact",
                    "entity_id": n,
                    "changes": {
                        "description": [f"Skolutbyte {n}", f"Studiebesök i Tartu {n}"],
                        "participants": [n % 40, n % 41],
                    },
                }
                for n in range(start, start + BATCH)
            ]
            async with db.session() as s:
                await s.execute(insert(AuditEntry), rows)
        async with db.session() as s:
            s.add(AuditEntry(at=NOW, actor="coord", action="create", entity="representative",
                             changes={"user_id": USER, "display_name": NAME}))  # fmt: skip
    finally:
        await db.close()


async def _export_and_erase(url: str) -> list[str]:
    """The measurements, in a process of their own (see `_in_fresh_process`)."""
    from bot.features.privacy.data_rights import erase_user, export_user
    from bot.store.db import Database

    db = Database.connect(url)
    try:
        await export_user(db, user_id=USER, actor="coord", now=NOW)  # warm: the connection
        times: list[float] = []
        peaks: list[float] = []
        for _ in range(3):
            with peak_growth() as growth:
                started = time.perf_counter()
                data = await export_user(db, user_id=USER, actor="coord", now=NOW)
                times.append(time.perf_counter() - started)
            peaks.append(growth.mib)
        with peak_growth() as growth:
            started = time.perf_counter()
            erased = await erase_user(db, user_id=USER, actor="coord", now=NOW)
            took = time.perf_counter() - started
    finally:
        await db.close()
    return [
        f"export of one person ({data['records']} records) at {AUDIT_ROWS:,} audit rows: "
        f"median {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}), "
        f"RSS up to {max(peaks):.1f} MiB more (targets: < 200 ms, < 50 MiB)",
        f"erase: {took * 1000:.0f} ms, RSS up to {growth.mib:.1f} MiB more, {erased.changed} rows",
    ]


def _in_fresh_process(url: str, lines: multiprocessing.Queue[list[str]]) -> None:
    # Not the seeding's process: the memory it freed would hide what the export takes.
    lines.put(asyncio.run(_export_and_erase(url)))


async def _measure(label: str, url: str) -> None:
    started = time.perf_counter()
    await _seed(url)
    print(f"{label}: seeded {AUDIT_ROWS:,} audit rows in {time.perf_counter() - started:.1f} s")
    spawn = multiprocessing.get_context("spawn")
    lines: multiprocessing.Queue[list[str]] = spawn.Queue()
    process = spawn.Process(target=_in_fresh_process, args=(url, lines))
    process.start()
    for line in await asyncio.to_thread(lines.get, timeout=600):
        print(f"{label}: {line}")
    process.join()


def main() -> None:
    asyncio.run(on_both_databases(_measure))
