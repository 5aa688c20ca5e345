"""The report as an Excel workbook (openpyxl, write-only): a sheet about the report, every
entry of the period on one sheet, and each table of the report on its own sheet.

Numbers, amounts, dates and changes are real cell values (a change is a percentage), so
the coordinator can compute with them; text is always stored as text, never as a formula
(`exportsafe`). Every sheet prints: landscape where wide, fitted to the page width, the
header row repeated on each page and frozen on screen. The entries are written as they
arrive from the database (`XlsxWriter.add_entries`), so memory stays flat as rows grow.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from bot.features.report.blocks import Cell, Table
from bot.features.report.entries import COLUMNS, Target
from bot.features.report.exportsafe import RISKY_FIRST, xlsx_string
from bot.features.report.figures import Activity, Report
from bot.features.report.formatting import Change, format_ratio
from bot.features.report.layout import Layout, activity_table, build_layout
from bot.features.report.texts import t
from knowledge.language import Language

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NAME_MAX = 31  # Excel's limit
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")
PERCENT_FORMAT = "+0.0%;-0.0%;0.0%"
# A sheet wider than this many characters of columns prints in landscape.
LANDSCAPE_FROM = 100
# Excel's default row height in points, per line of wrapped text.
LINE_POINTS = 15
MAX_WIDTH = 60


def sheet_name(title: str, used: set[str]) -> str:
    """A sheet name of at most 31 characters, cut between words (never mid-word), unique."""
    words = _BAD_SHEET_CHARS.sub(" ", title).split()
    name = ""
    for word in words:
        candidate = f"{name} {word}".strip()
        if len(candidate) > SHEET_NAME_MAX:
            break
        name = candidate
    base = name or (words[0][:SHEET_NAME_MAX] if words else "Blad")
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = _fit(base, SHEET_NAME_MAX - len(suffix)) + suffix, n + 1
    used.add(name.casefold())
    return name


def _fit(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut or text[:limit]


def _cell(sheet: WriteOnlyWorksheet, value: Cell, lang: Language) -> object:
    """One value as a typed cell; plain ints go through as they are (fast path)."""
    match value:
        case None | int():
            return value
        case str():
            return xlsx_string(WriteOnlyCell(sheet), value)
        case Change(ratio=None):
            return xlsx_string(WriteOnlyCell(sheet), format_ratio(value, lang))
        case Change(ratio=ratio):
            cell = WriteOnlyCell(sheet, value=ratio)
            cell.number_format = PERCENT_FORMAT
            return cell
        case Decimal():
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = "#,##0.00"
            return cell
        case dt.date():
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = "yyyy-mm-dd"
            return cell
    return xlsx_string(WriteOnlyCell(sheet), str(value))


def _widths(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> list[int]:
    widths = [len(h) for h in headers]
    for row in rows:
        for i, value in enumerate(row):
            text = value.isoformat() if isinstance(value, dt.date) else str(value or "")
            widths[i] = max(widths[i], len(text))
    return [min(max(w + 2, 8), MAX_WIDTH) for w in widths]


def _print_setup(sheet: WriteOnlyWorksheet, *, widths: Sequence[int], title: str) -> None:
    """Landscape where wide, one page wide and as many long as needed, the header row on
    every printed page, the sheet's name and page number in the header and footer."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if sum(widths) > LANDSCAPE_FROM else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages long as the rows need
    sheet.print_options.gridLines = True
    sheet.oddHeader.center.text = title
    sheet.oddFooter.center.text = "&P / &N"


def _header(sheet: WriteOnlyWorksheet, headers: Sequence[str]) -> None:
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    cells = []
    for text in headers:
        cell = xlsx_string(WriteOnlyCell(sheet), text)
        cell.font = bold
        cell.alignment = wrap
        cells.append(cell)
    # Before the first row: write-only mode writes the sheet's view with its first row.
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.append(cells)


def _lines(text: str, width: int) -> int:
    return sum(max(1, math.ceil(len(part) / max(1, width - 2))) for part in text.split("\n"))


def _write_table(sheet: WriteOnlyWorksheet, table: Table, lang: Language, *, title: str) -> None:
    """A small table (the report's figures): wrapped text, each row as high as its
    longest cell needs, so printed rows do not run into each other."""
    rows = list(table.rows) + ([table.footer] if table.footer is not None else [])
    widths = _widths(table.headers, rows)
    _print_setup(sheet, widths=widths, title=title)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}{len(rows) + 1}"
    wrap = Alignment(wrap_text=True, vertical="top")
    _header(sheet, table.headers)
    for number, row in enumerate(rows, start=2):
        lines = 1
        cells = []
        for value, width in zip(row, widths, strict=True):
            if isinstance(value, str):
                text = xlsx_string(WriteOnlyCell(sheet), value)
                text.alignment = wrap
                lines = max(lines, _lines(value, width))
                cells.append(text)
            else:
                cells.append(_cell(sheet, value, lang))
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_POINTS * lines
        sheet.append(cells)


class XlsxWriter:
    """The workbook, written in order: `add_entries` as many times as batches arrive,
    then `finish`. The entries sheet gets the widths the field registry gives its columns
    (the rows are not all known when they must be set) and no wrapping, so rows keep one
    line and cannot overlap."""

    target: Target = "cells"

    def __init__(self, report: Report, *, narrative: str | None = None) -> None:
        self._report = report
        self._lang: Language = report.language
        self._layout: Layout = build_layout(report, narrative=narrative)
        self._book = Workbook(write_only=True)
        self._used: set[str] = set()
        self._about()
        entries = activity_table([], self._lang, full=True)
        self._entries_table = entries
        self._entries = self._book.create_sheet(
            sheet_name(t("report.xlsx.entries", self._lang), self._used)
        )
        widths = [max(len(h) + 2, c.width) for h, c in zip(entries.headers, COLUMNS, strict=True)]
        _print_setup(self._entries, widths=widths, title=self._layout.title)
        last = get_column_letter(len(entries.headers))
        # The filter's range is set at the end, when the number of rows is known.
        self._last_column = last
        self._count = 0
        _header(self._entries, entries.headers)

    def _about(self) -> None:
        layout = self._layout
        about = self._book.create_sheet(sheet_name(t("report.xlsx.about", self._lang), self._used))
        _print_setup(about, widths=[28, 90], title=layout.title)
        title = xlsx_string(WriteOnlyCell(about), layout.title)
        title.font = Font(bold=True, size=14)
        about.append([title])
        about.append([xlsx_string(WriteOnlyCell(about), layout.subtitle)])
        about.append([])
        row = 4
        for label, value in layout.facts:
            about.append([_cell(about, label, self._lang), _cell(about, value, self._lang)])
            row += 1
        about.append([])
        row += 1
        wrap = Alignment(wrap_text=True, vertical="top")
        for section in layout.sections:
            for paragraph in section.paragraphs:
                head = xlsx_string(WriteOnlyCell(about), section.heading)
                head.alignment = wrap
                cell = xlsx_string(WriteOnlyCell(about), paragraph)
                cell.alignment = wrap
                lines = max(_lines(paragraph, 90), _lines(section.heading, 28))
                if lines > 1:
                    about.row_dimensions[row].height = LINE_POINTS * lines
                about.append([head, cell])
                row += 1

    def add_entries(self, activities: Sequence[Activity]) -> None:
        self.add_rows(activity_table(activities, self._lang, full=True).rows)

    def add_rows(self, rows: Sequence[Sequence[Cell]]) -> None:
        """Rows of the activity list. The hot path of a large export: values openpyxl
        stores as they are (numbers, dates, text that cannot be a formula) go in bare, so
        openpyxl reuses one cell for them; only risky text and amounts get a cell."""
        sheet, lang, risky, plain = self._entries, self._lang, RISKY_FIRST, _PLAIN
        append = sheet.append
        for row in rows:
            cells = [
                v
                if type(v) in plain
                else (
                    (v if v[:1] not in risky else xlsx_string(WriteOnlyCell(sheet), v))
                    if type(v) is str
                    else _cell(sheet, v, lang)
                )
                for v in row
            ]
            try:
                append(cells)
            except IllegalCharacterError:  # a control character XML cannot hold
                append([_cell(sheet, v, lang) for v in row])  # text through xlsx_string
        self._count += len(rows)

    def finish(self) -> bytes:
        self._entries.auto_filter.ref = f"A1:{self._last_column}{self._count + 1}"
        for section in self._layout.sections:
            for table in section.tables:
                sheet = self._book.create_sheet(sheet_name(table.sheet or table.title, self._used))
                _write_table(
                    sheet, table, self._lang, title=f"{self._layout.title} – {sheet.title}"
                )
        self._book.properties.title = self._layout.title
        self._book.properties.subject = self._layout.subtitle
        self._book.properties.creator = t("report.author", self._lang)
        self._book.properties.created = self._report.generated_at.replace(tzinfo=None)
        out = io.BytesIO()
        self._book.save(out)
        return out.getvalue()


# Types openpyxl writes as they are: a date gets its own date format from openpyxl.
_PLAIN = frozenset({int, float, dt.date, type(None)})


def render_xlsx(
    report: Report, activities: Sequence[Activity], *, narrative: str | None = None
) -> bytes:
    """The whole workbook from entries already read (tests, small periods)."""
    writer = XlsxWriter(report, narrative=narrative)
    writer.add_entries(activities)
    return writer.finish()
