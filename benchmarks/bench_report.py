"""The report on a year of 100,000 contacts: time and peak memory to compile the figures
and render each format, on SQLite and on PostgreSQL (INTBOT_TEST_DATABASE_URL, a fresh
schema; skipped with a message when unreachable).

    .venv/bin/python -m benchmarks report

Target: the figures and the DOCX together under 3 s on SQLite. Times are wall-clock
without tracing; peak memory is the Python heap high-water mark (tracemalloc) of a
second, traced run of the same step.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert

from benchmarks.postgres import postgres_schema
from bot.features.report.figures import Labels, Report
from bot.features.report.periods import year_period
from bot.features.report.service import FORMATS, build_report, render_report
from bot.kernel.config import Settings
from bot.store import migrate
from bot.store.db import Database, sync_url
from bot.store.models import Contact, Department
from knowledge.index import PolicyIndex, load_index

CONTACTS = 100_000
PREVIOUS = 20_000  # the year before, so new/continuing partners and comparisons have data
YEAR = 2026
TARGET_SECONDS = 3.0

_DEPARTMENTS = [
    "Kommunstyrelseförvaltningen",
    "Barn- och utbildningsförvaltningen",
    "Kultur- och fritidsförvaltningen",
    "Socialförvaltningen",
    "Samhällsbyggnadsförvaltningen",
    "Vård och omsorg",
    "Miljöförvaltningen",
    "Räddningstjänsten",
    "Tekniska förvaltningen",
    "Överförmyndarförvaltningen",
]
_KINDS = ["twin_town", "eu_project", "network", "conference", "study_visit", "delegation", "other"]
_COUNTRIES = [
    "DE",
    "FI",
    "NO",
    "DK",
    "EE",
    "LV",
    "LT",
    "PL",
    "NL",
    "BE",
    "FR",
    "ES",
    "IT",
    "PT",
    "AT",
    "CZ",
    "SI",
    "IE",
    "UA",
    "KE",
    "US",
    "CN",
    "IS",
    "GR",
]
_SOURCES = [
    ("Erasmus+", "SEK"),
    ("Interreg", "EUR"),
    ("Horisont Europa", "EUR"),
    ("Nordplus", "SEK"),
    ("Kreativa Europa", "EUR"),
]
_AREAS = ["information", "eu", "kompetens", "region"]


def _rows(
    rng: random.Random, *, year: int, n: int, departments: list[int]
) -> Iterator[dict[str, Any]]:
    start = dt.date(year, 1, 1)
    for i in range(n):
        funded = rng.random() < 0.15
        source, currency = rng.choice(_SOURCES)
        yield {
            "date": start + dt.timedelta(days=rng.randrange(365)),
            "partner": f"Partner {rng.randrange(6000)}",
            "city": f"Stad {rng.randrange(500)}",
            "country": rng.choice(_COUNTRIES),
            "kind": rng.choice(_KINDS),
            "areas": rng.sample(_AREAS[:3], k=rng.randint(0, 2)),
            "department_id": rng.choice(departments),
            "participants": rng.randint(1, 30),
            "youth": rng.random() < 0.2,
            "funding_amount": Decimal(rng.randrange(5_000, 500_000, 1000)) if funded else None,
            "funding_currency": currency if funded else None,
            "funding_source": source if funded else None,
            "description": f"Aktivitet {i}: erfarenhetsutbyte och planering av fortsatt samarbete",
            "follow_up": "Återrapport på nätverksmötet" if i % 3 == 0 else None,
            "created_by": f"U{rng.randrange(40)}",
            "deleted_at": dt.datetime(year, 6, 1, tzinfo=dt.UTC) if i % 200 == 0 else None,
        }


def _fill(url: str) -> None:
    """Bulk insert through a synchronous Core connection (executemany), outside the
    measured steps."""
    rng = random.Random(42)
    engine = create_engine(sync_url(url))
    try:
        with engine.begin() as conn:
            result = conn.execute(
                insert(Department).returning(Department.id),
                [{"name": n, "key": n.casefold().replace(" ", "")} for n in _DEPARTMENTS],
            )
            departments = sorted(result.scalars())[:-1]  # the last one logs nothing
            for year, n in ((YEAR - 1, PREVIOUS), (YEAR, CONTACTS)):
                rows = list(_rows(rng, year=year, n=n, departments=departments))
                for start in range(0, len(rows), 10_000):
                    conn.execute(insert(Contact), rows[start : start + 10_000])
    finally:
        engine.dispose()


async def _measure(step: Callable[[], Awaitable[Any]]) -> tuple[float, float, Any]:
    started = time.perf_counter()
    result = await step()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        await step()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return seconds, peak / 1e6, result


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
        now = dt.datetime(YEAR, 12, 31, 12, tzinfo=dt.UTC)
        period = year_period(YEAR)

        async def figures() -> tuple[Report, Labels]:
            return await build_report(
                db=db, settings=settings, index=index, period=period, language="sv", now=now
            )

        seconds, peak, (report, labels) = await _measure(figures)
        print(
            f"{label}: {'figures':<8} {seconds:6.2f} s  {peak:7.1f} MB  "
            f"({report.current.total:,} contacts)",
            flush=True,
        )
        for fmt in FORMATS:

            async def render(fmt: Any = fmt) -> int:
                rendered = await render_report(report, db=db, labels=labels, fmt=fmt)
                return len(rendered.content)

            fmt_seconds, fmt_peak, size = await _measure(render)
            note = ""
            if fmt == "docx":
                total = seconds + fmt_seconds
                verdict = "ok" if total < TARGET_SECONDS else "OVER TARGET"
                note = f"  figures+docx {total:.2f} s (target < {TARGET_SECONDS:.0f} s: {verdict})"
            print(
                f"{label}: {fmt:<8} {fmt_seconds:6.2f} s  {fmt_peak:7.1f} MB  "
                f"{size / 1e6:6.1f} MB file{note}",
                flush=True,
            )
    finally:
        await db.close()


@contextmanager
def _sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'bench.db'}"


def main() -> None:
    index = load_index()
    # Warm the imports the renderers need, so the first format is not charged for them.
    import docx  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import openpyxl  # noqa: F401

    with _sqlite_url() as url:
        asyncio.run(_bench(url, index, "sqlite"))
    with postgres_schema("postgresql") as url:
        if url is not None:
            asyncio.run(_bench(url, index, "postgresql"))


if __name__ == "__main__":
    main()
