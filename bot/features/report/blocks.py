"""The pieces a report's layout is made of, as every renderer reads them: a table's
cells, a table, a section, and how a cell and a period's column are written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.features.report.formatting import (
    Change,
    format_date,
    format_decimal,
    format_int,
    format_ratio,
)
from bot.features.report.periods import Period
from knowledge.language import Language

Cell = str | int | Decimal | dt.date | Change | None


@dataclass(frozen=True, kw_only=True)
class Table:
    key: str  # stable id, also the XLSX sheet's base name
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    numeric: Sequence[bool]  # right-aligned columns
    footer: Sequence[Cell] | None = None  # a total row
    sheet: str | None = None  # a short name for its spreadsheet tab, when the title is long


@dataclass(frozen=True, kw_only=True)
class Section:
    key: str
    heading: str
    paragraphs: Sequence[str] = ()
    tables: Sequence[Table] = ()
    charts: Sequence[str] = ()  # chart keys (see charts.report_charts)
    bullets: Sequence[str] = ()


def cell_text(value: Cell, lang: Language) -> str:
    match value:
        case None:
            return ""
        case bool():
            return str(value)
        case int():
            return format_int(value, lang)
        case Decimal():
            return format_decimal(value, lang)
        case dt.date():
            return value.isoformat()
        case Change():
            return format_ratio(value, lang)
    return str(value)


def period_heading(period: Period, lang: Language) -> str:
    """A column's name: `2026`, or its dates when cut short (`1 jan–30 nov 2026`)
    so no one reads part of a year as the whole."""
    if not period.is_partial:
        return period.label(lang)
    start, end = period.start, period.end
    head = format_date(start, lang, short=True, with_year=start.year != end.year)
    return f"{head}–{format_date(end, lang, short=True)}"
