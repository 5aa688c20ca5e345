"""The report as an Excel workbook (openpyxl, write-only for speed): every entry of the
period on one sheet, each table of the report on its own sheet, and a sheet about the
report. Numbers, amounts and dates are real cell values, not text."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from bot.features.report.figures import Activity, Report
from bot.features.report.layout import Table, activity_table, build_layout
from bot.features.report.texts import t

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", title).strip()[:31] or "Blad"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def _write_table(sheet: WriteOnlyWorksheet, table: Table, *, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(table.headers))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    bold = Font(bold=True)
    header = []
    for text in table.headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        cells: list[object] = []
        for value in row:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            elif isinstance(value, Decimal):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "#,##0.00"
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)


def _widths(table: Table) -> list[int]:
    sample = table.rows[:200]
    widths = []
    for i, header in enumerate(table.headers):
        longest = max([len(header)] + [len(str(row[i] or "")) for row in sample])
        widths.append(min(max(longest + 2, 8), 60))
    return widths


def render_xlsx(report: Report, activities: Sequence[Activity]) -> bytes:
    """`activities`: every entry of the period (the sheet is the raw data)."""
    lang = report.language
    layout = build_layout(report)
    book = Workbook(write_only=True)
    used: set[str] = set()

    about = book.create_sheet(_sheet_name(t("report.xlsx.about", lang), used))
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 70
    title = WriteOnlyCell(about, value=layout.title)
    title.font = Font(bold=True, size=14)
    about.append([title])
    about.append([layout.subtitle])
    about.append([])
    for label, value in layout.facts:
        about.append([label, value])
    about.append([])
    wrap = Alignment(wrap_text=True, vertical="top")
    for section in layout.sections:
        for paragraph in section.paragraphs:
            cell = WriteOnlyCell(about, value=paragraph)
            cell.alignment = wrap
            about.append([section.heading, cell])

    entries = activity_table(activities, lang, full=True)
    sheet = book.create_sheet(_sheet_name(t("report.xlsx.entries", lang), used))
    _write_table(sheet, entries, widths=_widths(entries))

    for section in layout.sections:
        for table in section.tables:
            sheet = book.create_sheet(_sheet_name(table.title, used))
            _write_table(sheet, table, widths=_widths(table))

    book.properties.title = layout.title
    book.properties.creator = t("report.author", lang)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
