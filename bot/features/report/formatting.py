"""Swedish (and English) number, money and date formats for the report's renderings.

Swedish groups thousands with a non-breaking space (`45 000 kr`, `1 234`) and writes
dates as `12 mars 2026`. The non-breaking space keeps a number on one line; CSV and
XLSX carry plain numbers instead so spreadsheets can compute with them.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

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


def format_date(day: dt.date, lang: Language = "sv", *, with_year: bool = True) -> str:
    """`12 mars 2026` / `12 March 2026`."""
    month = (_MONTHS_EN if lang == "en" else _MONTHS_SV)[day.month - 1]
    return f"{day.day} {month} {day.year}" if with_year else f"{day.day} {month}"


def format_change(current: int, previous: int, lang: Language = "sv") -> str:
    """`+12 %` / `−5 %` against the previous period; `–` when there is nothing to compare."""
    if previous == 0:
        return "–" if current == 0 else ("ny" if lang == "sv" else "new")
    percent = round((current - previous) * 100 / previous)
    sign = "+" if percent > 0 else ("−" if percent < 0 else "±")
    return f"{sign}{abs(percent)}{NBSP}%"


def format_csv_decimal(value: Decimal | int | None) -> str:
    """A number as Swedish Excel reads it from CSV: `45000,50` (no grouping)."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}"
    return text.replace(".", ",")
