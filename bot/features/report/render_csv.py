"""The period's entries as CSV the way Swedish Excel opens it: UTF-8 with a byte order
mark, semicolons between fields, decimal commas, ISO dates, CRLF line ends."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal

from bot.features.report.figures import Activity, Report
from bot.features.report.formatting import format_csv_decimal
from bot.features.report.layout import Cell, activity_table

MEDIA_TYPE = "text/csv; charset=utf-8"


def _field(value: Cell) -> str:
    match value:
        case None:
            return ""
        case Decimal() | int():
            return format_csv_decimal(value)
        case dt.date():
            return value.isoformat()
    return str(value)


def render_csv(report: Report, activities: Sequence[Activity]) -> bytes:
    table = activity_table(activities, report.language, full=True)
    out = io.BytesIO()
    # Encoded as it is written: a whole-file string and its copies would take several
    # times the file's size (196 MB at peak for a 22 MB file of 100,000 entries).
    with io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True) as text:
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
        writer.writerow(table.headers)
        writer.writerows([_field(v) for v in row] for row in table.rows)
        return out.getvalue()  # before the wrapper closes `out`
