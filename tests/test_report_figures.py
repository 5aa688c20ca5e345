"""The report's figures against hand-computed ones, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import event, select

from bot.features.report import figures
from bot.features.report.figures import Report, compile_report, load_activities
from bot.features.report.periods import PeriodError, parse_period, range_period, tertial_period
from bot.store.db import Database
from bot.store.models import Contact
from tests.report_support import BUF, KULTUR, SOCIAL, falun_policy, seed_small, test_labels

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)


async def _report(db: Database, text: str, *, policy: bool = True) -> Report:
    return await compile_report(
        db,
        period=parse_period(text, today=TODAY),
        labels=test_labels(),
        policy=falun_policy() if policy else None,
        language="sv",
        generated_at=NOW,
    )


@pytest.fixture
async def seeded(database: Database) -> Database:
    await seed_small(database)
    return database


# --- periods (no database) -----------------------------------------------------------


def test_parse_year_tertial_range_and_previous() -> None:
    year = parse_period("2026", today=TODAY)
    assert (year.start, year.end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert year.previous().label("sv") == "2025"
    t1 = parse_period("2026-T1", today=TODAY)
    assert (t1.start, t1.end) == (dt.date(2026, 1, 1), dt.date(2026, 4, 30))
    assert t1.label("sv") == "Tertial 1 2026"
    assert t1.previous() == tertial_period(2025, 1)
    t2 = parse_period("2026-t2", today=TODAY)
    assert (t2.start, t2.end) == (dt.date(2026, 5, 1), dt.date(2026, 8, 31))
    t3 = parse_period("2026-T3", today=TODAY)
    assert (t3.start, t3.end) == (dt.date(2026, 9, 1), dt.date(2026, 12, 31))
    rng = parse_period("2026-01-01..2026-06-30", today=TODAY)
    assert rng == range_period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert rng.label("sv") == "1 januari–30 juni 2026"
    assert rng.label("en") == "1 January–30 June 2026"
    assert rng.previous() == range_period(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert parse_period("", today=TODAY).year == 2026
    leap = range_period(dt.date(2024, 2, 29), dt.date(2024, 2, 29)).previous()
    assert (leap.start, leap.end) == (dt.date(2023, 2, 28), dt.date(2023, 2, 28))
    # Longer than a year: the same span a year earlier would share 2025 with it.
    long = range_period(dt.date(2025, 1, 1), dt.date(2026, 11, 30)).previous()
    assert (long.start, long.end) == (dt.date(2023, 2, 2), dt.date(2024, 12, 31))


@pytest.mark.parametrize(
    "text", ["2026-T4", "2026-Q1", "förra året", "2026-02-30..2026-03-01", "2026-06-30..2026-01-01"]
)
def test_bad_periods(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text, today=TODAY)


# --- figures ------------------------------------------------------------------------


async def test_year_figures(seeded: Database) -> None:
    report = await _report(seeded, "2026")
    now = report.current
    assert now.total == 5  # the deleted entry is not counted
    assert now.participants == 20
    assert now.youth == 2
    assert now.countries == 4
    assert [(c.label, c.count, c.participants, c.youth) for c in now.by_department] == [
        (KULTUR, 3, 18, 2),
        (BUF, 2, 2, 0),
    ]
    assert now.departments_without == (SOCIAL,)
    assert [(c.key, c.count) for c in now.by_country] == [
        ("DE", 2), ("BE", 1), ("EE", 1), ("FI", 1),
    ]  # fmt: skip
    assert now.by_country[0].label == "Tyskland"
    assert sorted((c.key, c.count) for c in now.by_kind) == [
        ("conference", 1), ("eu_project", 1), ("network", 1), ("study_visit", 1),
        ("twin_town", 1),
    ]  # fmt: skip
    assert [(c.key, c.count) for c in now.by_area] == [
        ("information", 1), ("eu", 2), ("kompetens", 2), ("region", 0),
    ]  # fmt: skip
    assert [(c.key, c.count) for c in now.other_areas] == [("okand_nyckel", 1)]
    assert now.without_area == 1
    assert [(f.source, f.currency, f.amount, f.count) for f in now.funding] == [
        ("Erasmus+", "SEK", Decimal("65000.00"), 2),
        ("Interreg", "EUR", Decimal("1000.50"), 1),
    ]
    assert now.funding_totals() == (("SEK", Decimal("65000.00")), ("EUR", Decimal("1000.50")))
    # Wetzlar (also spelled "stadt  wetzlar") and Eurocities are known from 2025 and 2024.
    assert (now.partners.total, now.partners.new, now.partners.continuing) == (4, 2, 2)
    assert set(now.partners.new_names) == {"Tallinna linn", "Nytt partner AB"}


async def test_previous_year_beside(seeded: Database) -> None:
    report = await _report(seeded, "2026")
    before = report.previous
    assert before.period.label("sv") == "2025"
    assert (before.total, before.participants, before.youth, before.countries) == (2, 4, 1, 2)
    assert before.departments_without == (BUF,)
    assert (before.partners.new, before.partners.continuing) == (2, 0)


async def test_tertial_edges(seeded: Database) -> None:
    t1 = await _report(seeded, "2026-T1")
    t2 = await _report(seeded, "2026-T2")
    t3 = await _report(seeded, "2026-T3")
    assert t1.current.total == 2  # 15 January and 30 April
    assert t1.current.count_of("by_kind", "network") == 1  # the one on 30 April
    assert t2.current.total == 1  # 1 May
    assert t2.current.count_of("by_kind", "study_visit") == 1
    assert t3.current.total == 2  # 10 September and 31 December
    assert t1.previous.total == 1  # 2025-T1: 1 February 2025
    first_t1 = await load_activities(seeded, period=t1.period, labels=test_labels())
    assert [a.value("date") for a in first_t1] == [dt.date(2026, 1, 15), dt.date(2026, 4, 30)]


async def test_date_range(seeded: Database) -> None:
    report = await _report(seeded, "2026-01-01..2026-06-30")
    assert report.current.total == 3
    assert report.previous.total == 2  # 1 February and 1 June 2025


async def test_policy_coverage(seeded: Database) -> None:
    report = await _report(seeded, "2026")
    coverage = {area.key: area for area in report.coverage}
    assert list(coverage) == ["information", "eu", "kompetens", "region"]
    assert coverage["eu"].count == 2
    assert set(coverage["eu"].partners) == {"Eurocities", "Tallinna linn"}
    assert coverage["eu"].departments == (BUF,)
    assert coverage["kompetens"].departments == (KULTUR,)
    assert [area.key for area in report.uncovered] == ["region"]
    no_policy = await _report(seeded, "2026", policy=False)
    assert no_policy.coverage == ()
    assert no_policy.current.by_area == ()


async def test_activities_exclude_deleted_and_hold_no_user_ids(seeded: Database) -> None:
    report = await _report(seeded, "2026")
    activities = await load_activities(seeded, period=report.period, labels=test_labels())
    assert len(activities) == 5
    assert "Raderad partner" not in {a.value("partner") for a in activities}
    assert not any("U_ALICE" in repr(a) for a in activities)
    assert activities[0].value("areas") == (
        "Sprida information om Falun i världen; Tillföra kommunen internationell kompetens"
    )
    capped = await load_activities(seeded, period=report.period, labels=test_labels(), limit=2)
    assert len(capped) == 2


async def test_empty_database(database: Database) -> None:
    report = await _report(database, "2026")
    assert report.current.total == 0
    assert report.current.partners.total == 0
    assert report.current.funding == ()
    assert [area.count for area in report.coverage] == [0, 0, 0, 0]


async def test_areas_that_are_not_a_list_count_as_none(seeded: Database) -> None:
    async with seeded.session() as session:
        contact = await session.execute(select(Contact).where(Contact.partner == "Eurocities"))
        row = contact.scalar_one()
        row.areas = None  # type: ignore[assignment]  # a JSON null, as old or foreign rows may hold
    report = await _report(seeded, "2026")
    assert report.current.total == 5
    assert report.current.without_area == 2
    assert report.current.count_of("by_area", "eu") == 1


@pytest.mark.parametrize("share", [0.0, 1.0], ids=["scan", "index"])
async def test_the_read_plan_changes_the_sql_but_not_the_figures(
    seeded: Database, share: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite reads a period that holds most of the table by scanning it; the figures are
    the same either way."""
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    expected = await _report(seeded, "2026")
    monkeypatch.setattr(figures, "SCAN_SHARE", share)
    event.listen(seeded.engine.sync_engine, "before_cursor_execute", record)
    try:
        report = await _report(seeded, "2026")
    finally:
        event.remove(seeded.engine.sync_engine, "before_cursor_execute", record)
    assert report == expected
    scans = [s for s in statements if "contacts NOT INDEXED" in s]
    if seeded.backend != "sqlite" or share == 1.0:
        assert scans == []
    else:  # partners, two breakdowns, two area tallies, the coverage
        assert len(scans) == 6
