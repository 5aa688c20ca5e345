"""The report on a year of 100,000 contacts: time and peak memory to compile the figures
and render each format, on SQLite and on PostgreSQL (INTBOT_TEST_DATABASE_URL, a fresh
schema; skipped with a message when unreachable).

    .venv/bin/python -m benchmarks report

Target: the figures and the DOCX together under 3 s on SQLite. Times are wall-clock
without tracing; peak memory is the Python heap high-water mark (tracemalloc) of a
second, traced run of the same step.

Exports, in the same run and interleaved (each contender once per round, three rounds,
min and median): CSV against the database's own export (`sqlite3 -csv`, psql `\\copy`),
target within 3x; XLSX against openpyxl write-only fed straight from a cursor, target
within 1.5x. Each with its peak RSS above the process's resting RSS (sampled every
5 ms; for the database's client, the child's own maxrss), and the Python heap peak of
the CSV and XLSX at a third of the year and the whole year: flat when they stream.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import shutil
import statistics
import subprocess
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text

from benchmarks.postgres import on_both_databases
from benchmarks.rss import peak_growth, status_bytes
from bot.features.report.figures import Labels, Report
from bot.features.report.periods import Period, tertial_period, year_period
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
            "end_date": start + dt.timedelta(days=400 + rng.randrange(365)) if i % 5 == 0 else None,
            "effects": "Förväntad effekt: nya arbetssätt i verksamheten" if i % 4 == 0 else None,
            "co_departments": rng.sample(departments, k=rng.randint(1, 2)) if i % 6 == 0 else [],
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
        await _exports(url, db, report, labels, label)
        await _flat_memory(db, settings, index, label)
    finally:
        await db.close()


# --- exports against their references ---------------------------------------------

ROUNDS = 3
CSV_TARGET, XLSX_TARGET = 3.0, 1.5
# The activity list's columns as the database's own export reads them.
EXPORT_SQL = (
    "SELECT c.id, c.date, d.name, c.partner, c.city, c.country, c.kind, c.areas, "
    "c.participants, c.youth, c.funding_amount, c.funding_currency, c.funding_source, "
    "c.end_date, c.description, c.follow_up, c.effects, c.co_departments "
    "FROM contacts c JOIN departments d ON d.id = c.department_id "
    "WHERE c.date >= '{start}' AND c.date <= '{end}' AND c.deleted_at IS NULL "
    "ORDER BY c.date, c.id"
)


def _client_export(url: str, period: Period, out: Path) -> tuple[float, int]:
    """The database's own CSV export to a file: seconds and the client's peak RSS."""
    query = EXPORT_SQL.format(start=period.start, end=period.end)
    parsed = sync_url(url)
    if parsed.get_backend_name() == "sqlite":
        command = ["sqlite3", "-csv", "-header", str(parsed.database), query]
    else:
        plain = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        command = ["psql", plain, "-q", "-c", f"\\copy ({query}) TO STDOUT WITH CSV HEADER"]
    started = time.perf_counter()
    peak = 0
    with out.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink)
        # The child's own high-water mark, read while it runs: its rusage after exit
        # would count the pages it shared with this process at fork.
        while process.poll() is None:
            peak = max(peak, status_bytes("VmHWM", process.pid))
            time.sleep(0.002)
    seconds = time.perf_counter() - started
    if process.returncode:
        raise RuntimeError(f"{command[0]} failed: {process.returncode}")
    return seconds, peak


def _openpyxl_from_cursor(url: str, period: Period) -> int:
    """The reference XLSX: openpyxl write-only, rows straight from a DB-API cursor."""
    import io

    from openpyxl import Workbook

    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            result = conn.execution_options(yield_per=5000).execute(
                text(EXPORT_SQL.format(start=period.start, end=period.end))
            )
            book = Workbook(write_only=True)
            sheet = book.create_sheet("Aktiviteter")
            sheet.append(list(result.keys()))
            for rows in result.partitions():
                for row in rows:
                    sheet.append([str(v) if isinstance(v, list) else v for v in row])
            out = io.BytesIO()
            book.save(out)
            return len(out.getvalue())
    finally:
        engine.dispose()


def _stats(values: list[float]) -> str:
    return f"min {min(values):6.2f} s  median {statistics.median(values):6.2f} s"


async def _exports(url: str, db: Database, report: Report, labels: Labels, label: str) -> None:
    """CSV and XLSX against their references, interleaved, ROUNDS times."""
    if shutil.which("sqlite3" if db.backend == "sqlite" else "psql") is None:
        print(f"{label}: export comparison skipped (no database client on PATH)")
        return
    times: dict[str, list[float]] = {"csv": [], "db-csv": [], "xlsx": [], "openpyxl": []}
    rss: dict[str, int] = dict.fromkeys(times, 0)
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(ROUNDS):
            for fmt in ("csv", "xlsx"):
                with peak_growth() as peak:
                    started = time.perf_counter()
                    await render_report(report, db=db, labels=labels, fmt=fmt)
                    times[fmt].append(time.perf_counter() - started)
                rss[fmt] = max(rss[fmt], peak.peak)
            seconds, client_rss = _client_export(url, report.period, Path(folder) / "db.csv")
            times["db-csv"].append(seconds)
            rss["db-csv"] = max(rss["db-csv"], client_rss)
            with peak_growth() as peak:
                started = time.perf_counter()
                await asyncio.to_thread(_openpyxl_from_cursor, url, report.period)
                times["openpyxl"].append(time.perf_counter() - started)
            rss["openpyxl"] = max(rss["openpyxl"], peak.peak)
    client = "sqlite3 -csv" if db.backend == "sqlite" else "psql \\copy"
    notes = {"db-csv": " (the client's own)", "openpyxl": ""}
    for name, reference, target, ref_label in (
        ("csv", "db-csv", CSV_TARGET, client),
        ("xlsx", "openpyxl", XLSX_TARGET, "openpyxl write-only from a cursor"),
    ):
        ratio = min(times[name]) / min(times[reference])
        verdict = "ok" if ratio <= target else "OVER TARGET"
        print(
            f"{label}: {name:<5} {_stats(times[name])}  peak RSS {rss[name] / 1e6:6.1f} MB\n"
            f"{label}: {'':<5} vs {ref_label}: {_stats(times[reference])}  "
            f"peak RSS {rss[reference] / 1e6:6.1f} MB{notes[reference]}  "
            f"-> {ratio:.2f}x (target <= {target}x: {verdict})",
            flush=True,
        )


async def _flat_memory(db: Database, settings: Settings, index: PolicyIndex, label: str) -> None:
    """The Python heap peak of CSV and XLSX for a third of the year and the whole year."""
    now = dt.datetime(YEAR + 1, 1, 15, 12, tzinfo=dt.UTC)
    for fmt in ("csv", "xlsx"):
        peaks = []
        for period in (tertial_period(YEAR, 1), year_period(YEAR)):
            report, labels = await build_report(
                db=db, settings=settings, index=index, period=period, language="sv", now=now
            )
            tracemalloc.start()
            try:
                rendered = await render_report(report, db=db, labels=labels, fmt=fmt)
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
            # The finished file is the output, not working memory: left out of the peak.
            peaks.append((report.current.total, (peak - len(rendered.content)) / 1e6))
        shown = ", ".join(f"{n:,} rows {mb:5.1f} MB" for n, mb in peaks)
        print(f"{label}: {fmt:<5} heap peak besides the file: {shown}", flush=True)


def main() -> None:
    index = load_index()
    # Warm the imports the renderers need, so the first format is not charged for them.
    import docx  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import openpyxl  # noqa: F401

    asyncio.run(on_both_databases(lambda label, url: _bench(url, index, label.lower())))


if __name__ == "__main__":
    main()
