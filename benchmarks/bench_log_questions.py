"""Questions about the contact log over 100,000 contacts: the whole turn (routing, reading
what the log holds, the query, the reply) through `Bot.handle`, on SQLite (a temporary
file) and PostgreSQL (INTBOT_TEST_DATABASE_URL or the local server; skipped when
unreachable). Target: under 200 ms at the 99th percentile.

    .venv/bin/python -m benchmarks log_questions

Each question is asked ROUNDS times RUNS times; a round gives its median and 99th
percentile, and the line shows the min and the median of the rounds' figures.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import statistics
import time
from decimal import Decimal

from sqlalchemy import insert

from benchmarks.postgres import on_both_databases
from bot.features import all_features
from bot.features.contacts.vocabulary import KINDS
from bot.features.report.demo import _DEPARTMENTS, _PARTNERS, department_key
from bot.kernel.bot import Bot
from bot.kernel.config import Settings
from bot.kernel.messages import Capabilities, Message, Text
from bot.kernel.turn import Services
from bot.store import migrate
from bot.store.db import Database
from bot.store.models import Contact, Department, Representative
from knowledge.index import load_index

CONTACTS = 100_000
BATCH = 5_000
ROUNDS = 3
RUNS = 30
NOW = dt.datetime(2026, 11, 30, 11, 0, tzinfo=dt.UTC)
_COUNTRIES = ("DE", "FI", "NO", "DK", "EE", "LV", "LT", "PL", "FR", "ES", "IT", "NL", "BE")
_FUNDERS = (None, None, None, "Erasmus+", "Interreg", "Nordplus", "Horisont Europa")
_AREAS = ("information", "eu", "kompetens", "region")
QUESTIONS = (
    "Hur många kontakter hade vi med Finland i år?",
    "Vilka kontakter hade vi med Tyskland i år?",
    "Hur många studiebesök gjorde Barn- och utbildningsförvaltningen under T2?",
    "Vilka länder hade vi flest kontakter med i år?",
    "Which departments have not reported anything this tertial?",
    "Hur många deltagare var det på kontakterna med Norden förra året?",
    "Hur många kontakter inom området kompetens i år?",
    "Har vi haft något Erasmus+-finansierat i år?",
    "Hur många kontakter hade vi med Wetzlar sedan mars?",
)


async def _fill(db: Database) -> list[int]:
    """Eight departments with a representative each, and 100,000 contacts over three
    years, with the demo's partners and a few thousand more."""
    async with db.session() as session:
        departments = [Department(name=d.name, key=department_key(d.name)) for d in _DEPARTMENTS]
        session.add_all(departments)
        await session.flush()
        session.add_all(
            Representative(user_id=d.representative[0], department_id=dept.id, created_by="bench")
            for d, dept in zip(_DEPARTMENTS, departments, strict=True)
        )
        ids = [d.id for d in departments]
    rng = random.Random(16)
    partners = [p.name for p in _PARTNERS] + [f"Partner {n}" for n in range(3000)]
    for offset in range(0, CONTACTS, BATCH):
        rows = []
        for n in range(offset, min(CONTACTS, offset + BATCH)):
            funder = rng.choice(_FUNDERS)
            rows.append(
                {
                    "date": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365)),
                    "partner": rng.choice(partners),
                    "country": rng.choice(_COUNTRIES),
                    "kind": rng.choice(list(KINDS)),
                    "areas": rng.sample(_AREAS, k=rng.choice((0, 1, 2))),
                    "department_id": ids[n % len(ids)],
                    "participants": rng.randrange(1, 40),
                    "youth": rng.random() < 0.2,
                    "funding_source": funder,
                    "funding_amount": Decimal(50_000) if funder else None,
                    "funding_currency": "SEK" if funder else None,
                    "description": "Ett utbyte mellan skolor och föreningar.",
                    "created_by": "bench",
                    "created_at": NOW,
                }
            )
        async with db.session() as session:
            await session.execute(insert(Contact), rows)
    return ids


async def _ask(bot: Bot, question: str) -> float:
    message = Message(user="coord", text=question, platform="console", capabilities=Capabilities())
    started = time.perf_counter()
    replies = await bot.handle(message)
    elapsed = (time.perf_counter() - started) * 1000
    assert replies and isinstance(replies[0], Text), (question, replies)
    return elapsed


def _p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def _run(label: str, url: str) -> None:
    await migrate.upgrade_async(url)
    db = Database.connect(url)
    try:
        started = time.perf_counter()
        await _fill(db)
        print(f"{label}: {CONTACTS:,} contacts loaded in {time.perf_counter() - started:.1f} s")
        settings = Settings(
            database_url=url, coordinators=frozenset({"coord"}), municipality="Falun"
        )
        services = Services(settings=settings, index=load_index(), db=db, clock=lambda: NOW)
        bot = Bot(services, all_features())
        worst = 0.0
        for question in QUESTIONS:
            await _ask(bot, question)  # warm the caches and the connection pool
            medians, p99s = [], []
            for _ in range(ROUNDS):
                times = [await _ask(bot, question) for _ in range(RUNS)]
                medians.append(statistics.median(times))
                p99s.append(_p99(times))
            worst = max(worst, statistics.median(p99s))
            p50 = f"p50 min {min(medians):.1f} / median {statistics.median(medians):.1f} ms"
            p99 = f"p99 min {min(p99s):.1f} / median {statistics.median(p99s):.1f} ms"
            print(f"{label}: {p50}, {p99}  {question}")
        verdict = "within" if worst < 200 else "OVER"
        print(f"{label}: worst p99 (median of {ROUNDS} rounds) {worst:.1f} ms, {verdict} 200 ms")
    finally:
        await db.close()


def main() -> None:
    asyncio.run(on_both_databases(_run))


if __name__ == "__main__":
    main()
