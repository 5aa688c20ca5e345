"""The period's entries as CSV the way Swedish Excel opens it: UTF-8 with a byte order
mark, semicolons between fields, decimal commas, ISO dates, CRLF line ends.

Text that a spreadsheet would read as a formula is written as text (`exportsafe`); real
numbers, negative ones too, stay numbers. `CsvWriter` takes the entries in batches as
they arrive from the database, so memory holds one batch, not the period.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from bot.features.report.blocks import Cell
from bot.features.report.exportsafe import RISKY_FIRST, csv_text
from bot.features.report.figures import Activity, Report
from bot.features.report.formatting import Change, format_csv_decimal, format_ratio
from bot.features.report.layout import activity_table
from knowledge.language import Language

MEDIA_TYPE = "text/csv; charset=utf-8"
# Types the csv module writes as Swedish Excel reads them without help.
_BARE = frozenset({int, dt.date, type(None)})


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
    """Header at construction, `add_entries` per batch, `finish` for the bytes."""

    def __init__(self, report: Report) -> None:
        self._lang: Language = report.language
        self._out = io.BytesIO()
        # Encoded as it is written: a whole-file string and its copies would take several
        # times the file's size.
        self._text = io.TextIOWrapper(
            self._out, encoding="utf-8-sig", newline="", write_through=True
        )
        self._writer = csv.writer(self._text, delimiter=";", lineterminator="\r\n")
        self._writer.writerow(
            [csv_text(h) for h in activity_table([], self._lang, full=True).headers]
        )

    def add_entries(self, activities: Sequence[Activity]) -> None:
        self.add_rows(activity_table(activities, self._lang, full=True).rows)

    def add_rows(self, rows: Iterable[Sequence[Cell]]) -> None:
        """Rows of the activity list. The hot path of a large export: ints, dates and None
        go to the csv module as they are (it writes a date as its ISO form and None as
        nothing), text is checked by its first character only."""
        lang, risky, bare = self._lang, RISKY_FIRST, _BARE
        self._writer.writerows(
            [
                v
                if type(v) in bare
                else (("'" + v if v[:1] in risky else v) if type(v) is str else _field(v, lang))
                for v in row
            ]
            for row in rows
        )

    def finish(self) -> bytes:
        content = self._out.getvalue()
        self._text.detach()  # leave `out` open; it is dropped with the writer
        return content


def render_csv(report: Report, activities: Sequence[Activity]) -> bytes:
    """The CSV from entries already read (tests, small periods)."""
    writer = CsvWriter(report)
    writer.add_entries(activities)
    return writer.finish()
