"""Report periods: a year (`2026`), a tertial (`2026-T1`..`T3`) or a date range
(`2026-01-01..2026-06-30`), each with the comparable period a year earlier.

Tertials are the municipal four-month periods: T1 January–April, T2 May–August,
T3 September–December. The comparison period is "the same period the year before"
(motsvarande period föregående år), which keeps seasonal activity comparable; a date
range of more than a year, which would overlap that, is compared with the span of the
same length just before it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

from bot.features.report.formatting import format_date
from bot.kernel.calendar import Tertial
from knowledge.language import Language

PeriodKind = Literal["year", "tertial", "range"]

ACCEPTED_FORMS = "2026, 2026-T1 (T1–T3), 2026-01-01..2026-06-30"

_YEAR = re.compile(r"^(\d{4})$")
_TERTIAL = re.compile(r"^(\d{4})-?[tT]([1-3])$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|—)\s*(\d{4}-\d{2}-\d{2})$")
_MIN_YEAR, _MAX_YEAR = 1900, 2999


class PeriodError(ValueError):
    """The text is not a period in one of the accepted forms."""


class ReversedPeriod(PeriodError):
    """A date range that starts after it ends: what was read, so the reply can say so."""

    def __init__(self, start: dt.date, end: dt.date) -> None:
        super().__init__("end before start")
        self.start = start
        self.end = end

    def values(self, lang: Language) -> dict[str, str]:
        """The placeholders of `report.reversed`: the dates as read, and the range the
        other way round."""
        return {
            "start": format_date(self.start, lang),
            "end": format_date(self.end, lang),
            "swapped": f"{self.end.isoformat()}..{self.start.isoformat()}",
        }


@dataclass(frozen=True, kw_only=True)
class Period:
    """An inclusive date range with what it was asked as."""

    start: dt.date
    end: dt.date  # inclusive
    kind: PeriodKind
    year: int
    tertial: int | None = None
    # Set when the period is cut short at the compiling date: where it would have ended.
    full_end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError("end before start")

    @property
    def slug(self) -> str:
        """For filenames: `2026`, `2026-T1`, `2026-01-01--2026-06-30`."""
        match self.kind:
            case "year":
                return str(self.year)
            case "tertial":
                return f"{self.year}-T{self.tertial}"
        return f"{self.start.isoformat()}--{self.end.isoformat()}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def label(self, lang: Language) -> str:
        """`2026`, `Tertial 1 2026`, `1 januari–30 juni 2026`."""
        match self.kind:
            case "year":
                return str(self.year)
            case "tertial":
                return f"Tertial {self.tertial} {self.year}"
        return date_range_label(self.start, self.end, lang)

    def inline_label(self, lang: Language) -> str:
        """The label inside a Swedish sentence: `rapport tertial 2 2026` (a heading keeps
        `label`'s capital)."""
        label = self.label(lang)
        return label[:1].lower() + label[1:] if lang == "sv" and self.kind == "tertial" else label

    def span_label(self, lang: Language) -> str:
        """The dates the period covers, whatever its kind."""
        return date_range_label(self.start, self.end, lang)

    def previous(self) -> Period:
        """The same period one year earlier; a period cut short (`until`) is compared with
        the same part of the year before: January–November with January–November. A range
        longer than a year is compared with as many days just before it instead, so no
        day is counted on both sides."""
        if _year_earlier(self.end) >= self.start:
            end = self.start - dt.timedelta(days=1)
            start = end - (self.end - self.start)
            return replace(self, start=start, end=end, year=start.year, full_end=None)
        return replace(
            self,
            start=_year_earlier(self.start),
            end=_year_earlier(self.end),
            year=self.year - 1,
            full_end=None if self.full_end is None else _year_earlier(self.full_end),
        )

    def until(self, day: dt.date) -> Period:
        """The part of the period up to and including `day` (a period still running);
        it keeps its kind, so it is still named `2026` or `Tertial 3 2026`."""
        if day >= self.end or day < self.start:
            return self
        return replace(self, end=day, full_end=self.full_end or self.end)

    @property
    def is_partial(self) -> bool:
        """Cut short by `until`: its figures cover only the start of the period."""
        return self.full_end is not None


def date_range_label(start: dt.date, end: dt.date, lang: Language) -> str:
    """`1–31 december 2025`, `1 januari–30 juni 2026`, `1 december 2025–31 januari 2026`;
    one day is `12 mars 2026`."""
    if start == end:
        return format_date(end, lang)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_date(end, lang)}"
    if start.year == end.year:
        head = format_date(start, lang, with_year=False)
        return f"{head}–{format_date(end, lang)}"
    return f"{format_date(start, lang)}–{format_date(end, lang)}"


def year_period(year: int) -> Period:
    return Period(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31), kind="year", year=year)


def tertial_period(year: int, tertial: int) -> Period:
    span = Tertial(year, tertial)
    return Period(
        start=span.start,
        end=span.end,
        kind="tertial",
        year=year,
        tertial=tertial,
    )


def range_period(start: dt.date, end: dt.date) -> Period:
    return Period(start=start, end=end, kind="range", year=start.year)


def tertial_of(day: dt.date) -> int:
    return Tertial.of(day).number


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February -> 28 February
        return dt.date(day.year - 1, 2, 28)


def _check_year(year: int) -> int:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise PeriodError(f"year out of range: {year}")
    return year


def parse_period(text: str, *, today: dt.date) -> Period:
    """A period from what a user typed; an empty text is the current year.

    Raises `PeriodError` for anything else (the caller words the message).
    """
    value = text.strip()
    if not value:
        return year_period(today.year)
    if match := _YEAR.match(value):
        return year_period(_check_year(int(match[1])))
    if match := _TERTIAL.match(value):
        return tertial_period(_check_year(int(match[1])), int(match[2]))
    if match := _RANGE.match(value):
        try:
            start = dt.date.fromisoformat(match[1])
            end = dt.date.fromisoformat(match[2])
        except ValueError as error:
            raise PeriodError(str(error)) from None
        _check_year(start.year)
        _check_year(end.year)
        if end < start:
            raise ReversedPeriod(start, end)
        return range_period(start, end)
    raise PeriodError(f"not a period: {value!r}")
