"""Swedish (and English) number, money and date formats for the report's renderings.

Swedish groups thousands with a non-breaking space (`45 000 kr`, `1 234`) and writes
dates as `12 mars 2026`. The non-breaking space keeps a number on one line; CSV and
XLSX carry plain numbers instead so spreadsheets can compute with them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from knowledge.language import Language

NBSP = "\u00a0"

_MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_int(value: int, lang: Language = "sv") -> str:
    """`1234` -> `1 234` (sv, non-breaking space) or `1,234` (en)."""
    grouped = f"{value:,}"
    return grouped if lang == "en" else grouped.replace(",", NBSP)


def format_decimal(value: Decimal, lang: Language = "sv") -> str:
    """Whole amounts without decimals; otherwise two, with a decimal comma in Swedish."""
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return format_int(int(rounded), lang)
    whole, _, cents = f"{rounded:.2f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    head = format_int(abs(int(whole)), lang)
    return f"{sign}{head}{'.' if lang == 'en' else ','}{cents}"


def format_money(amount: Decimal, currency: str, lang: Language = "sv") -> str:
    """`45 000 kr` for SEK in Swedish, otherwise `12 500 EUR` / `SEK 45,000`."""
    number = format_decimal(amount, lang)
    if lang == "sv":
        return f"{number}{NBSP}kr" if currency == "SEK" else f"{number}{NBSP}{currency}"
    return f"{currency}{NBSP}{number}"


def format_date(
    day: dt.date, lang: Language = "sv", *, with_year: bool = True, short: bool = False
) -> str:
    """`12 mars 2026` / `12 March 2026`; `short`: `12 mar 2026` (table headings)."""
    month = (_MONTHS_EN if lang == "en" else _MONTHS_SV)[day.month - 1]
    month = month[:3] if short else month
    return f"{day.day} {month} {day.year}" if with_year else f"{day.day} {month}"


@dataclass(frozen=True)
class Change:
    """A change against the previous period, kept as a number so a spreadsheet can use
    it, and worded the same way in every text format.

    `ratio` is (now - before) / before, rounded to a tenth of a percent (half away from
    zero): 7 against 8 is -0.125, shown as `−12,5 %`, never truncated to `−12 %`.
    """

    ratio: Decimal | None
    state: ChangeState = "change"


ChangeState = Literal["change", "new", "none", "not_begun"]
_TENTH = Decimal("0.1")


def change(current: int | Decimal, previous: int | Decimal, *, begun: bool = True) -> Change:
    if not begun:
        return Change(None, "not_begun")
    if previous == 0:
        return Change(None, "none" if current == 0 else "new")
    percent = (Decimal(current) - Decimal(previous)) * 100 / Decimal(previous)
    return Change(percent.quantize(_TENTH, rounding=ROUND_HALF_UP) / 100)


def format_ratio(value: Change, lang: Language = "sv") -> str:
    """`+12 %`, `−12,5 %`, `±0 %`; `ny`/`new`; `–` when there is nothing to compare."""
    if value.ratio is None:
        return ("ny" if lang == "sv" else "new") if value.state == "new" else "–"
    percent = value.ratio * 100
    sign = "+" if percent > 0 else ("−" if percent < 0 else "±")
    magnitude = abs(percent).quantize(_TENTH, rounding=ROUND_HALF_UP)
    if magnitude == magnitude.to_integral_value():
        number = str(int(magnitude))
    else:
        number = f"{magnitude:.1f}"
        number = number if lang == "en" else number.replace(".", ",")
    return f"{sign}{number}{NBSP}%"


def format_change(
    current: int | Decimal, previous: int | Decimal, lang: Language = "sv", *, begun: bool = True
) -> str:
    """`+12 %` / `−12,5 %` against the previous period; `–` when there is nothing to compare."""
    return format_ratio(change(current, previous, begun=begun), lang)


def format_csv_decimal(value: Decimal | int | None) -> str:
    """A number as Swedish Excel reads it from CSV: `45000,50` (no grouping)."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}"
    return text.replace(".", ",")
