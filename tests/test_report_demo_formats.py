"""The demo year for Falun, rendered in every format through the service (the streaming
path the coordinator's commands take), with the real policy text's front matter."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.features.report.demo import fill_demo
from bot.features.report.figures import Labels, Report
from bot.features.report.periods import year_period
from bot.features.report.service import FORMATS, RenderedReport, build_report, render_report
from bot.kernel.config import Settings
from bot.store.db import Database
from knowledge.index import PolicyIndex
from tests.report_support import (
    FALUN_AREAS,
    body_outline,
    open_document,
    pdf_of,
    pdf_pages,
    under,
)

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
NARRATIVE = "Nätverket har vuxit.\n\nVi föreslår ett nytt vänortsavtal."
FALUN_SECTIONS = (
    "Aktiviteter per nämnd och styrelse",
    "Aktiviteter över flera förvaltningar",
    "Register över projekt och avtal",
)


@pytest.fixture
async def demo(
    database: Database, settings: Settings, policy_index: PolicyIndex
) -> tuple[Report, dict[str, RenderedReport]]:
    await fill_demo(database, areas=[key for key, _ in FALUN_AREAS], today=TODAY)
    falun = settings.model_copy(update={"municipality": "Falun"})
    report, labels = await build_report(
        db=database,
        settings=falun,
        index=policy_index,
        period=year_period(2026),
        language="sv",
        now=NOW,
    )
    return report, {fmt: await _render(report, database, labels, fmt) for fmt in FORMATS}


async def _render(report: Report, db: Database, labels: Labels, fmt: str) -> RenderedReport:
    return await render_report(report, db=db, labels=labels, fmt=fmt, narrative=NARRATIVE)  # type: ignore[arg-type]


async def test_every_format_has_the_structure(
    demo: tuple[Report, dict[str, RenderedReport]],
) -> None:
    report, files = demo
    total = report.current.total
    assert report.period.end == TODAY and report.previous.period.end == dt.date(2025, 11, 22)
    assert total > 100

    # DOCX: the front matter's sections and the narrative, each under its heading.
    outline = body_outline(open_document(files["docx"].content))
    headings = [e.text for e in outline if e.kind == "heading1"]
    assert headings[:2] == ["Sammanfattning", "Samordnarens analys och förslag"]
    assert headings[-4:] == [*FALUN_SECTIONS, "Bilaga: aktivitetslista"]
    for heading in (*FALUN_SECTIONS, "Aktiviteter per förvaltning"):
        assert any(e.kind == "table" for e in under(outline, heading)), heading
    # Funding in SEK and EUR: each currency's change in its table, said once in the text.
    funding = " ".join(e.text for e in under(outline, "Extern finansiering") if e.kind == "text")
    assert funding.count("olika valutor") == 1 and "per valuta" in funding, funding
    appendix = [e for e in under(outline, "Bilaga: aktivitetslista") if e.kind == "table"]
    assert [e.text for e in appendix] == ["Datum"]
    assert outline[-1].kind == "sectPr"

    # XLSX: named sheets that print, numbers as numbers, every entry, no formula.
    book = load_workbook(io.BytesIO(files["xlsx"].content))
    assert book.sheetnames[:2] == ["Om rapporten", "Aktiviteter"]
    assert {"Nyckeltal", "Strategiskt område", "Nämnder och styrelser", "Projekt och avtal"} <= set(
        book.sheetnames
    )
    assert all(len(name) <= 31 for name in book.sheetnames)
    for sheet in book.worksheets[1:]:
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert book["Aktiviteter"].page_setup.orientation == "landscape"
    assert book["Aktiviteter"].max_row == total + 1
    key_figures = list(book["Nyckeltal"].iter_rows(values_only=True))
    assert key_figures[1][0] == "Aktiviteter" and key_figures[1][1] == total
    assert isinstance(key_figures[1][3], float)  # Förändring as a number
    about = [row[1] for row in book["Om rapporten"].iter_rows(values_only=True)]
    assert "Vi föreslår ett nytt vänortsavtal." in about
    # The demo logs co-departments: Falun's section has rows, the list has the column.
    cross = list(book["Flera förvaltningar"].iter_rows(values_only=True))
    assert len(cross) > 5 and "(ansvarig)" in str(cross[1][3])
    entries = list(book["Aktiviteter"].iter_rows(values_only=True))
    column = entries[0].index("Medförvaltningar")
    assert sum(1 for row in entries[1:] if row[column]) > 5
    assert "Effekter" in entries[0]

    # CSV: every entry, streamed.
    rows = list(
        csv.reader(io.StringIO(files["csv"].content.decode("utf-8-sig"), newline=""), delimiter=";")
    )
    assert len(rows) == total + 1

    # HTML: one section per layout section, recipient and sender, charts inline.
    page = files["html"].content.decode("utf-8")
    for key in ("summary", "narrative", "committees", "cross", "register"):
        assert f'<section id="{key}">' in page, key
    assert "Kommunfullmäktige, genom kommundirektören" in page
    assert page.count("<svg") >= 4

    # Markdown: the same headings in the same order.
    md_headings = [
        line[3:] for line in files["md"].content.decode("utf-8").splitlines() if line[:3] == "## "
    ]
    assert md_headings == headings


async def test_libreoffice_breaks_no_long_word_in_the_tables(
    demo: tuple[Report, dict[str, RenderedReport]], tmp_path: Path
) -> None:
    """Every long name in the board document's tables is whole on the PDF's page: the
    committees beside their departments broke "Samhällsbyggnadsnämn/den" and the
    headers "Deltagar/e" before the tables got Arial and a 7.5 pt step."""
    _, files = demo
    content = files["docx"].content
    long_words = {
        word
        for table in open_document(content).tables
        for row in table.rows
        for cell in row.cells
        for word in (w.strip(",.") for w in cell.text.split())
        if len(word) >= 9 and word.isalpha()
    }
    assert {"Samhällsbyggnadsnämnden", "Deltagare", "Förändring"} <= long_words
    text = "\n".join(pdf_pages(pdf_of(content, tmp_path)))
    assert [w for w in sorted(long_words) if w not in text] == []
