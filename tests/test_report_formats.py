"""Every format of the report opens: DOCX read back with python-docx, XLSX with openpyxl,
CSV parsed as Swedish Excel would, HTML rendered in headless Chromium (screenshot)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook

from bot.features.report import render_csv, render_docx, render_html, render_md, render_xlsx
from bot.features.report.figures import Activity, Report
from bot.store.db import Database
from tests.report_support import (
    KULTUR,
    SOCIAL,
    compile_small,
    falun_policy,
)

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1200,2000",
)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's `chromium`, installed once per session where missing (needs root)."""
    found = shutil.which("chromium")
    if found:
        return found
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("headless Chromium is missing: run `apt-get install -y chromium` as root")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
    result = subprocess.run(install, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:  # the package lists may be missing or stale
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=False)
        result = subprocess.run(install, env=env, capture_output=True, text=True, check=False)
    found = shutil.which("chromium")
    if found is None:
        pytest.skip(f"could not install chromium: {result.stderr.strip()[-500:]}")
    return found


@pytest.fixture
async def compiled(database: Database) -> tuple[Report, list[Activity]]:
    return await compile_small(database, policy=falun_policy(), now=NOW)


def _docx_text(content: bytes) -> tuple[list[str], list[list[list[str]]]]:
    doc = open_docx(io.BytesIO(content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    return headings, tables


async def test_docx_reads_back(compiled: tuple[Report, list[Activity]]) -> None:
    report, activities = compiled
    headings, tables = _docx_text(render_docx.render_docx(report, activities))
    assert headings[0] == "Årsuppföljning 2026"
    for heading in (
        "Sammanfattning",
        "Aktiviteter per förvaltning",
        "Aktiviteter per typ",
        "Aktiviteter per land",
        "Policyns strategiska områden och mål",
        "Extern finansiering",
        "Nya och återkommande partner",
        "Bilaga: aktivitetslista",
    ):
        assert heading in headings
    summary = tables[0]
    assert summary[0] == ["Mått", "2026", "2025", "Förändring"]
    assert ["Aktiviteter", "5", "2", "+150\u00a0%"] in summary
    # Funding per currency, each with its own change (2025 had none: "ny").
    assert summary[-2:] == [
        ["Extern finansiering, SEK", "65\u00a0000", "0", "ny"],
        ["Extern finansiering, EUR", "1\u00a0000,50", "0", "ny"],
    ]
    departments = tables[1]
    assert departments[1][:3] == [KULTUR, "3", "18"]
    appendix = tables[-1]
    assert appendix[0][0] == "Datum"
    assert len(appendix) == 1 + 5
    assert appendix[1][:3] == ["2026-01-15", KULTUR, "Stadt Wetzlar"]
    doc = open_docx(io.BytesIO(render_docx.render_docx(report, activities)))
    assert len(doc.inline_shapes) == 4  # kind, department, country, area charts
    full_text = "\n".join(p.text for p in doc.paragraphs)
    assert SOCIAL in full_text  # departments without entries, by name
    assert "U_ALICE" not in full_text


async def test_docx_appendix_is_capped(
    compiled: tuple[Report, list[Activity]], monkeypatch: pytest.MonkeyPatch
) -> None:
    report, activities = compiled
    monkeypatch.setattr(render_docx, "APPENDIX_ROWS", 2)
    doc = open_docx(io.BytesIO(render_docx.render_docx(report, activities)))
    assert len(doc.tables[-1].rows) == 1 + 2
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "de första 2 av periodens 5 aktiviteter" in text
    assert "xlsx" in text


async def test_xlsx_opens(compiled: tuple[Report, list[Activity]]) -> None:
    report, activities = compiled
    book = load_workbook(io.BytesIO(render_xlsx.render_xlsx(report, activities)))
    assert book.sheetnames[:2] == ["Om rapporten", "Aktiviteter"]
    entries = list(book["Aktiviteter"].iter_rows(values_only=True))
    assert entries[0][:4] == ("Nr", "Datum", "Förvaltning", "Partner")
    assert len(entries) == 1 + 5
    first = entries[1]
    assert first[1] == dt.datetime(2026, 1, 15)  # a real date cell
    assert first[8] == 10  # participants as a number
    assert first[10] == 45000  # the amount as a number
    assert not any("U_ALICE" in str(v) for row in entries for v in row)
    summary = list(book["Nyckeltal"].iter_rows(values_only=True))
    assert ("Aktiviteter", 5, 2, 1.5) in summary  # the change is a number: +150 %
    change = book["Nyckeltal"]["D2"]
    assert change.data_type == "n" and "%" in change.number_format
    assert ("Extern finansiering, EUR", 1000.5, 0, "ny") in summary
    assert "Extern finansiering" in book.sheetnames


async def test_csv_parses_as_swedish_excel(compiled: tuple[Report, list[Activity]]) -> None:
    report, activities = compiled
    content = render_csv.render_csv(report, activities)
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel detects the encoding
    text = content.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0][:3] == ["Nr", "Datum", "Förvaltning"]
    assert len(rows) == 1 + 5
    amounts = {row[3]: row[10] for row in rows[1:]}
    assert amounts["Stadt Wetzlar"] == "45000,00"
    assert amounts["stadt  wetzlar"] == "1000,50"
    assert rows[1][7] == (
        "Sprida information om Falun i världen; Tillföra kommunen internationell kompetens"
    )


async def test_markdown(compiled: tuple[Report, list[Activity]]) -> None:
    report, activities = compiled
    text = render_md.render_md(report, activities).decode("utf-8")
    assert text.startswith("# Årsuppföljning 2026")
    assert "| Aktiviteter | 5 | 2 | +150\u00a0% |" in text


async def test_html_is_public_and_renders(
    compiled: tuple[Report, list[Activity]], chromium: str, tmp_path: Path
) -> None:
    report, _ = compiled
    page = render_html.render_html(report).decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in page
    assert page.count("<svg") == 4  # charts inline, no external resources
    assert not re.search(r'(src|href)="(?!#)', page)  # only in-page references
    # Personal names and free text stay out of the public page.
    assert "U_ALICE" not in page
    assert "Anna Andersson" not in page  # follow-up note
    assert "Möte med" not in page  # descriptions
    assert "Årsuppföljning 2026" in page
    path = tmp_path / "rapport.html"
    path.write_text(page, encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            path.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert shot.exists(), "Chromium wrote no screenshot"
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 2000)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 50  # not a blank page
