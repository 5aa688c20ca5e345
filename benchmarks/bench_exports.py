"""Only the export comparison of `bench_report`: our CSV and XLSX against the database's
own CSV export and openpyxl write-only from a cursor, interleaved, three rounds, on a
year of 100,000 contacts (SQLite, then PostgreSQL). The same measurement as the report
benchmark's, without its figures, formats and memory runs.

    .venv/bin/python -m benchmarks exports
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time

from benchmarks.bench_report import CONTACTS, PREVIOUS, YEAR, _exports, _fill
from benchmarks.postgres import on_both_databases
from bot.features.report.periods import year_period
from bot.features.report.service import build_report
from bot.kernel.config import Settings
from bot.store import migrate
from bot.store.db import Database
from knowledge.index import PolicyIndex, load_index


async def _bench(url: str, index: PolicyIndex, label: str) -> None:
    await migrate.upgrade_async(url)
    db = Database.connect(url)
    try:
        started = time.perf_counter()
        await asyncio.to_thread(_fill, url)
        print(
            f"{label}: inserted {CONTACTS:,} + {PREVIOUS:,} contacts in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        settings = Settings(database_url=url, municipality="Falun")
        report, labels = await build_report(
            db=db,
            settings=settings,
            index=index,
            period=year_period(YEAR),
            language="sv",
            now=dt.datetime(YEAR, 12, 31, 12, tzinfo=dt.UTC),
        )
        await _exports(url, db, report, labels, label)
    finally:
        await db.close()


def main() -> None:
    index = load_index()
    import openpyxl  # noqa: F401  (warm the import, as the report benchmark does)

    asyncio.run(on_both_databases(lambda label, url: _bench(url, index, label.lower())))


if __name__ == "__main__":
    main()
