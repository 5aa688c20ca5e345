"""The sections a municipality's front matter turns on, against the small log's hand-counted
figures (see tests/report_support.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from bot.features.report.charts import LineChart, render_chart, report_charts
from bot.features.report.extras import register_status
from bot.features.report.figures import Policy, Report, compile_report
from bot.features.report.layout import build_layout
from bot.features.report.options import ReportOptions, parse_options
from bot.features.report.periods import year_period
from bot.store.db import Database
from tests.report_support import BUF, FALUN_AREAS, KULTUR, SOCIAL, seed_small, test_labels

NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)
EVERYTHING = ReportOptions(
    sections=("committees", "co_departments", "effects", "register", "tertials", "trend"),
    committees=(("Kulturnämnden", (KULTUR,)), ("Utbildningsnämnden", (BUF,))),
    trend_years=4,
)


async def _report(db: Database, options: ReportOptions = EVERYTHING) -> Report:
    await seed_small(db)
    policy = Policy(municipality="Falun", title="Policy", areas=FALUN_AREAS, options=options)
    return await compile_report(
        db,
        period=year_period(2026),
        labels=test_labels(),
        policy=policy,
        language="sv",
        generated_at=NOW,
    )


async def test_sections_from_the_front_matter(database: Database) -> None:
    report = await _report(database)
    extras = report.extras
    # Tertials of 2026 beside those of 2025: 15 Jan, 30 Apr | 1 May | 10 Sep, 31 Dec.
    assert [(s.label, s.count, s.previous) for s in extras.tertials] == [
        ("T1", 2, 1),
        ("T2", 1, 1),
        ("T3", 2, 0),
    ]
    # Four years asked for; 2023 is before the log's first entry, so the trend starts
    # with 2024 (one entry), then 2025 (two) and 2026 (five).
    assert [p.year for p in extras.trend_years] == [2024, 2025, 2026]
    trend = {row.key: row.counts for row in extras.trend}
    assert trend["total"] == (1, 2, 5)
    assert trend["eu"] == (0, 0, 2)
    assert trend["region"] == (0, 1, 0)  # a goal with no activity stays, at zero
    # Co-departments: Wetzlar (Kultur, with BUF) and Tallinn (BUF, with Kultur and
    # Social) of the five; the deleted entry with Kultur as co-department does not count.
    assert extras.cross.count == 2
    assert {(d.name, d.led, d.joined) for d in extras.cross.departments} == {
        (KULTUR, 1, 1),
        (BUF, 1, 1),
        (SOCIAL, 0, 1),
    }
    assert [(e.partner, e.co_departments) for e in extras.cross.entries] == [
        ("Stadt Wetzlar", (BUF,)),
        ("Tallinna linn", (KULTUR, SOCIAL)),
    ]
    # Effects: two of the five have them written down (the deleted one is not counted).
    assert extras.effects.described == 2
    assert [e.effects for e in extras.effects.entries] == [
        "Fler elever söker utbyte",
        "=Ansökan beviljad",
    ]
    register = {(e.partner, e.kind): e for e in extras.register}
    eurocities = register[("Eurocities", "network")]
    assert eurocities.first == dt.date(2024, 3, 1)  # "EUROCITIES" in 2024 is the same
    assert eurocities.count == 1 and eurocities.end is None and eurocities.status == "active"
    assert {key[1] for key in register} == {"network", "twin_town", "eu_project"}
    assert not extras.register_has_end

    layout = build_layout(report)
    by_key = {section.key: section for section in layout.sections}
    committees = by_key["committees"].tables[0]
    assert [row[:2] for row in committees.rows] == [["Kulturnämnden", 3], ["Utbildningsnämnden", 2]]
    assert all(SOCIAL not in str(row) for row in committees.rows)  # mapped to no committee
    cross = by_key["cross"]
    assert cross.heading == "Aktiviteter över flera förvaltningar"
    assert cross.paragraphs[0].startswith("2 av periodens 5 aktiviteter (40\u00a0%)")
    assert cross.tables[0].rows[-1] == [SOCIAL, 0, 1]
    effects = by_key["effects"]
    assert effects.heading == "Effekter och uppföljning"
    assert "3 aktiviteter (60\u00a0%) saknar en utvärdering" in effects.paragraphs[1]
    # A renderer makes it safe.
    assert (
        effects.tables[0].rows[1][3] == "=Ansökan beviljad (Uppföljning: Ring Anna Andersson i maj)"
    )
    assert by_key["trend"].charts == ["trend"]
    assert list(by_key)[-6:] == ["committees", "cross", "effects", "register", "tertials", "trend"]


async def test_the_trend_chart_draws_quietly(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """Years as category labels made matplotlib log a line per goal at INFO: sixteen lines
    in the coordinator's terminal for Götene's report."""
    report = await _report(database)
    trend = next(c for c in report_charts(report) if isinstance(c, LineChart))
    with caplog.at_level(logging.INFO):
        for fmt in ("png", "svg"):
            assert render_chart(trend, fmt=fmt)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("matplotlib")] == []
    svg = render_chart(trend, fmt="svg").decode("utf-8")
    assert all(f">{year}<" in svg for year in ("2024", "2025", "2026"))  # still labelled


async def test_nothing_is_queried_that_is_not_asked_for(database: Database) -> None:
    report = await _report(database, ReportOptions())
    assert report.extras.computed == frozenset()
    keys = [section.key for section in build_layout(report).sections]
    assert "register" not in keys and "trend" not in keys


def test_register_status() -> None:
    today = dt.date(2026, 11, 30)
    past, ahead = dt.date(2026, 6, 30), dt.date(2027, 6, 30)
    assert register_status(latest=dt.date(2026, 11, 1), end=past, today=today) == "expired"
    assert register_status(latest=dt.date(2026, 1, 1), end=ahead, today=today) == "active"
    assert register_status(latest=dt.date(2025, 6, 1), end=None, today=today) == "ended"
    assert register_status(latest=dt.date(2026, 6, 1), end=None, today=today) == "active"


def test_options_from_front_matter() -> None:
    options = parse_options(
        {
            "sections": ["trend", "register", "okänd"],
            "committees": {"Socialnämnden": ["Socialförvaltningen", "Vård och omsorg"]},
            "trend_years": 9,
        }
    )
    assert options.sections == ("register", "trend")  # unknown names are ignored
    # The section that approximated cooperation by shared partners is now counted from
    # each entry's co-departments.
    assert parse_options({"sections": ["shared_partners"]}).sections == ("co_departments",)
    assert options.committees == (("Socialnämnden", ("Socialförvaltningen", "Vård och omsorg")),)
    assert options.trend_years == 5  # at most five years
