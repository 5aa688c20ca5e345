"""The period's entries as CSV the way Swedish Excel opens it: UTF-8 with a byte order
mark, semicolons between fields, decimal commas, ISO dates, CRLF line ends.

Text that a spreadsheet would read as a formula is written as text (`exportsafe`); real
numbers, negative ones too, stay numbers. `CsvWriter` takes the entries in batches as
they arrive from the database, so memory holds one batch, not the period.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from bot.features.report.blocks import Cell
from bot.features.report.entries import Activity, Target, headers
from bot.features.report.exportsafe import csv_text
from bot.features.report.figures import Report
from bot.features.report.formatting import Change, format_csv_decimal, format_ratio
from knowledge.language import Language

MEDIA_TYPE = "text/csv; charset=utf-8"


def _field(value: Cell, lang: Language) -> str:
    match value:
        case None:
            return ""
        case str():
            return csv_text(value)
        case Decimal() | int():
            return format_csv_decimal(value)
        case dt.date():
            return value.isoformat()
        case Change():
            return csv_text(format_ratio(value, lang))
    return csv_text(str(value))


class CsvWriter:
    """Header at construction, rows per batch, `finish` for the bytes.

    `add_rows` takes rows made for CSV (`entries.row_maker(target="csv")`: text already
    safe, amounts with a decimal comma), so a batch goes to `csv.writer` as it is; each
    batch is written to text and encoded at once (encoding row by row cost a quarter of
    a large export)."""

    target: Target = "csv"

    def __init__(self, report: Report) -> None:
        self._lang: Language = report.language
        self._out = io.BytesIO()
        self._out.write(codecs.BOM_UTF8)  # Excel reads UTF-8 by it
        self._text = io.StringIO()
        self._writer = csv.writer(self._text, delimiter=";", lineterminator="\r\n")
        self._writer.writerow([csv_text(h) for h in headers(self._lang)])
        self._flush()

    def _flush(self) -> None:
        self._out.write(self._text.getvalue().encode("utf-8"))
        self._text.seek(0)
        self._text.truncate()

    def add_entries(self, activities: Sequence[Activity]) -> None:
        """Entries read as native cells (the async path): each cell made safe here."""
        lang = self._lang
        self._writer.writerows([_field(v, lang) for v in a.row] for a in activities)
        self._flush()

    def add_rows(self, rows: Iterable[Sequence[Cell]]) -> None:
        """Rows of the activity list made for CSV: the hot path of a large export."""
        self._writer.writerows(rows)
        self._flush()

    def finish(self) -> bytes:
        return self._out.getvalue()


def render_csv(report: Report, activities: Sequence[Activity]) -> bytes:
    """The CSV from entries already read (tests, small periods)."""
    writer = CsvWriter(report)
    writer.add_entries(activities)
    return writer.finish()
