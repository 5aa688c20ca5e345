"""Periods in a question, in words: "i år", "förra året", "T2", "våren 2026", "nästa
månad", "sedan mars", "between May and August 2026", and in dates: "2026-01-01–2026-06-30".
Read from folded text (lower case, no diacritics), relative to the municipality's today.

A period that is under way ("i år", "den här månaden", "this tertial") runs up to today,
as a question about it means "so far"; a named period ("2026", "T3") is the whole of it.
A month, tertial or season named without a year is the latest one that has begun ("i
december" on 30 November 2026 is December 2025), unless the question looks ahead
("kommer", "planerade", "upcoming"): the log answers about what has happened.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.kernel.calendar import Tertial
from bot.kernel.grammar import fold

_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january"),
            ("februari", "february"),
            ("mars", "march"),
            ("april",),
            ("maj", "may"),
            ("juni", "june"),
            ("juli", "july"),
            ("augusti", "august"),
            ("september",),
            ("oktober", "october"),
            ("november",),
            ("december",),
        ),
        start=1,
    )
    for name in names
}
MONTH_NAMES = frozenset(_MONTHS)
_MONTH_WORDS = {number: name for name, number in reversed(_MONTHS.items())}  # Swedish
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_YEAR = r"((?:19|20)\d\d)"
_ORDINAL = {"forsta": 1, "first": 1, "andra": 2, "second": 2, "tredje": 3, "third": 3}
_NOW = r"(?:i|denna|detta|den har|det har|innevarande|this|the current|current)"
_LAST = r"(?:forra|foregaende|senaste|last|previous|the previous|the last)"
_NEXT = r"(?:nasta|kommande|next|the coming|coming)"
# A day with its month in words: `12 mars 2026`, `12 mars`, `march 12 2026` (folded).
_DAY = (
    rf"(?:(?P<d>\d\d?) (?P<m>{_MONTH[1:-1]})|(?P<m2>{_MONTH[1:-1]}) (?P<d2>\d\d?)(?:st|nd|rd|th)?)"
    rf"(?: (?P<y>(?:19|20)\d\d))?"
)


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date  # inclusive
    matched: str  # the folded words it was read from


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    return start, after - dt.timedelta(days=1)


def _year_of(month: int, given: str | None, today: dt.date, *, past: bool) -> int:
    """A month without a year: this year, or last year when it has not come yet and the
    question looks back ("sedan oktober" in March is last October)."""
    if given:
        return int(given)
    return today.year - 1 if past and month > today.month else today.year


Dates = tuple[dt.date, dt.date]
Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], Dates | None]]


# Words of a question about what is to come: a period without a year is then this year's.
_AHEAD = re.compile(
    r"(?<![a-z0-9])(?:kommer|kommande|planerade?|planerat|planned|upcoming|will|ska)(?![a-z0-9])"
)


def _rules(today: dt.date, *, ahead: bool = False) -> list[Rule]:
    """The period patterns, most specific first; each gives the dates it means."""
    year = today.year

    def begun(given: str | None, dates: Callable[[int], Dates]) -> Dates:
        """The dates in the year given; without one, this year's, or last year's when
        this year's have not begun (and the question does not look ahead)."""
        if given:
            return dates(int(given))
        this = dates(year)
        return dates(year - 1) if this[0] > today and not ahead else this

    current = Tertial.of(today)
    previous = (
        Tertial(current.year, current.number - 1)
        if current.number > 1
        else Tertial(current.year - 1, 3)
    )
    monday = today - dt.timedelta(days=today.weekday())
    day, week = dt.timedelta(days=1), dt.timedelta(days=7)
    last_month = (year, today.month - 1) if today.month > 1 else (year - 1, 12)
    next_month = (year, today.month + 1) if today.month < 12 else (year + 1, 1)

    def fixed(start: dt.date, end: dt.date) -> Callable[[re.Match[str]], Dates]:
        return lambda _: (start, end)

    def between(m: re.Match[str]) -> Dates:
        first, last = _MONTHS[m[1]], _MONTHS[m[2]]

        def dates(at: int) -> Dates:
            return dt.date(at if first <= last else at - 1, first, 1), _month_span(at, last)[1]

        return begun(m[3], dates)

    def tertial(m: re.Match[str]) -> Dates:
        number = int(m["n"]) if m["n"] else _ORDINAL[m["o"]]

        def dates(at: int) -> Dates:
            span = Tertial(at, number)
            return span.start, span.end

        return begun(m["y"] or m["y2"], dates)

    def since_month(m: re.Match[str]) -> Dates:
        month = _MONTHS[m[1]]
        return dt.date(_year_of(month, m[2], today, past=True), month, 1), today

    def in_month(m: re.Match[str]) -> Dates:
        month = _MONTHS[m[1]]
        return begun(m[2], lambda at: _month_span(at, month))

    def bare_month(m: re.Match[str]) -> Dates | None:
        # "may" is also a verb ("May I ..."): the English month only with "in" or a year.
        month = _MONTHS[m[1]]
        return None if m[1] == "may" else begun(None, lambda at: _month_span(at, month))

    def one_day(m: re.Match[str]) -> Dates | None:
        """`12 mars 2026`, `den 12 mars`, `march 12 2026`: that day (without a year, the
        latest that has begun); None when the month has no such day."""
        month, number = _MONTHS[m["m"] or m["m2"]], int(m["d"] or m["d2"])

        def dates(at: int) -> Dates:
            day = dt.date(at, month, number)
            return day, day

        try:
            return begun(m["y"], dates)
        except ValueError:
            return None

    def since_day(m: re.Match[str]) -> Dates | None:
        day = one_day(m)
        return None if day is None else (day[0], today)

    def whole_year(m: re.Match[str]) -> Dates:
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)

    def since_year(m: re.Match[str]) -> Dates:
        return dt.date(int(m["y"]), 1, 1), today

    def half(first: int, last: int) -> Callable[[re.Match[str]], Dates]:
        def dates(m: re.Match[str]) -> Dates:
            given = m[1] if m.groups() and m[1] else None
            return begun(given, lambda at: (dt.date(at, first, 1), _month_span(at, last)[1]))

        return dates

    def dates(m: re.Match[str]) -> Dates | None:
        """`2026-01-01..2026-06-30` (folded: `2026 01 01 2026 06 30`), or one day. A
        range that starts after it ends is kept as typed: the answer says so."""
        start = _iso_day(m["a"])
        end = _iso_day(m["b"]) if m["b"] else start
        if m["since"] and not m["b"]:
            end = today  # "sedan 2026-01-01": up to today
        return None if start is None or end is None else (start, end)

    year_group = r"(?P<y>(?:19|20)\d\d)"
    iso = r"\d{4} \d\d? \d\d?"
    rules: list[tuple[str, Callable[[re.Match[str]], Dates | None]]] = [
        (rf"(?:(?:mellan|between) |(?P<since>fran och med|fran|from|sedan|since) )?(?P<a>{iso})"
         rf"(?: (?:(?:och|till|till och med|to|and|through) )?(?P<b>{iso}))?", dates),
        (rf"(?:mellan|fran|from|between) {_MONTH} (?:och|till|to|and) {_MONTH}(?: {_YEAR})?",
         between),
        (rf"{_MONTH} (?:till|to) {_MONTH}(?: {_YEAR})?", between),
        (rf"(?:{year_group} )?t(?:ertial)? ?(?P<n>[123])(?: (?P<y2>(?:19|20)\d\d))?(?P<o>)",
         tertial),
        (rf"(?P<o>forsta|andra|tredje|first|second|third) tertial(?:et)?(?: {year_group})?"
         r"(?P<n>)(?P<y2>)", tertial),
        (rf"{_NOW} tertial(?:et)?", fixed(current.start, today)),
        (rf"{_LAST} tertial(?:et)?", fixed(previous.start, previous.end)),
        (r"i dag|idag|today", fixed(today, today)),
        (r"i ?forrgar|the day before yesterday", fixed(today - 2 * day, today - 2 * day)),
        (r"i ?gar|yesterday", fixed(today - day, today - day)),
        (rf"{_NOW} vecka|den har veckan|{_NOW} week", fixed(monday, today)),
        (rf"{_LAST} veckan?|{_LAST} week", fixed(monday - week, monday - day)),
        (rf"{_NEXT} veckan?|{_NEXT} week", fixed(monday + week, monday + 2 * week - day)),
        (rf"{_NOW} manad(?:en)?|{_NOW} month", fixed(dt.date(year, today.month, 1), today)),
        (rf"{_LAST} manad(?:en)?|{_LAST} month", fixed(*_month_span(*last_month))),
        (rf"{_NEXT} manad(?:en)?|{_NEXT} month", fixed(*_month_span(*next_month))),
        (r"(?:hittills )?i ar|iar|(?:so far )?this year|innevarande ar|detta ar|det har aret",
         fixed(dt.date(year, 1, 1), today)),
        (rf"{_LAST} aret|forra ar|i ?fjol|last year|previous year",
         fixed(dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31))),
        (rf"{_NEXT} ar(?:et)?|next year",
         fixed(dt.date(year + 1, 1, 1), dt.date(year + 1, 12, 31))),
        # Spring and autumn as the halves of the year, as the school terms divide it.
        (rf"(?:varen|varterminen|spring) {_YEAR}", half(1, 6)),
        (r"(?:varen|varterminen|spring)()", half(1, 6)),
        (rf"(?:hosten|hostterminen|autumn|fall) {_YEAR}", half(7, 12)),
        (r"(?:hosten|hostterminen|autumn)()", half(7, 12)),
        # "i höstas", "i våras": the latest autumn or spring that has begun, up to today.
        (r"i hostas", fixed(dt.date(year if today.month >= 7 else year - 1, 7, 1),
                            min(today, dt.date(year if today.month >= 7 else year - 1, 12, 31)))),
        (r"i varas", fixed(dt.date(year, 1, 1), min(today, dt.date(year, 6, 30)))),
        (rf"(?:sommaren|summer) {_YEAR}", half(6, 8)),
        (rf"(?:sedan|since|fran och med|efter) {year_group}", since_year),
        (rf"(?:sedan|since|fran och med) {_DAY}", since_day),
        (rf"(?:den )?{_DAY}", one_day),
        (rf"(?:sedan|since|fran och med) {_MONTH}(?: {_YEAR})?", since_month),
        (rf"(?:i|in|under|during) {_MONTH}(?: {_YEAR})?", in_month),
        (rf"{_MONTH} {_YEAR}", in_month),
        (rf"{_MONTH}", bare_month),
        (_YEAR, whole_year),
    ]  # fmt: skip
    return [
        (re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])"), action)
        for pattern, action in rules
    ]


def _iso_day(folded: str) -> dt.date | None:
    """`2026 03 12` (a folded `2026-03-12`) -> the date; None when there is no such day."""
    year, month, day = (int(part) for part in folded.split())
    return _day(year, month, day)


def find_period(folded: str, today: dt.date) -> Span | None:
    """The first period the folded text names (rules in order, most specific first).
    Its end may be before its start when the question typed its dates so."""
    for pattern, action in _rules(today, ahead=_AHEAD.search(folded) is not None):
        for found in pattern.finditer(folded):
            dates = action(found)
            if dates is not None:
                return Span(start=dates[0], end=dates[1], matched=found[0])
    return None


# Days typed with digits, before folding: `2026-03-12`; day first (as in Sweden) `12/3`,
# `12/3 2026`, `12/3-2026`, `12/3/2026`, `12.3.2026`.
_TYPED_ISO = re.compile(r"(?<![\w-])(\d{4})-(\d\d?)-(\d\d?)(?![\w-])")
_TYPED_DAY_FIRST = re.compile(
    r"(?<![\w./-])(?:(\d\d?)/(\d\d?)(?:(?:/|\s*-\s*|\s+)(\d{4}))?"
    r"|(\d\d?)\.(\d\d?)\.(\d{4}))(?![\w/-]|\.\d)"
)
_TYPED_MONTH = re.compile(r"(?<![\w-])(\d{4})-(\d\d?)(?![\w-])")  # `2026-03`
_TYPED_WORDS = re.compile(
    rf"(?<![\w-])(?:(\d\d?)\.? {_MONTH}|{_MONTH} (\d\d?)(?:st|nd|rd|th)?,?)(?: {_YEAR})?(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TypedDays:
    text: str  # the question with its day-first dates written as ISO dates
    impossible: str | None  # the first day typed that no calendar has, as typed


def read_typed_days(text: str, today: dt.date) -> TypedDays:
    """Day-first dates (`12/3`, `12.3.2026`) written as ISO dates, which the period rules
    read; without a year, the latest such day that has begun (unless the question looks
    ahead), as for a month. A day no calendar has (`2026-13-12`, `31/2`, `31 februari`)
    is kept as typed and named, so that it is not read as the year or month around it."""
    ahead = _AHEAD.search(fold(text)) is not None
    impossible: list[str] = []

    def iso(found: re.Match[str]) -> str:
        day, month, year = found.group(1, 2, 3) if found[1] is not None else found.group(4, 5, 6)
        at = int(year) if year else today.year
        try:
            date = dt.date(at, int(month), int(day))
            if not year and date > today and not ahead:
                date = date.replace(year=at - 1)
        except ValueError:
            impossible.append(found[0])
            return found[0]
        return date.isoformat()

    def year_month(found: re.Match[str]) -> str:
        number = int(found[2])
        if not 1 <= number <= 12:
            impossible.append(found[0])
            return found[0]
        return f"{_MONTH_WORDS[number]} {found[1]}"

    rewritten = _TYPED_MONTH.sub(year_month, _TYPED_DAY_FIRST.sub(iso, text))
    for found in _TYPED_ISO.finditer(rewritten):
        if _day(*(int(part) for part in found.groups())) is None:
            impossible.append(found[0])
    for found in _TYPED_WORDS.finditer(rewritten):
        day, month = found[1] or found[4], found[2] or found[3]
        year = int(found[5]) if found[5] else today.year
        if _day(year, _MONTHS[fold(month)], int(day)) is None:
            impossible.append(found[0])
    first = min(impossible, key=rewritten.find) if impossible else None
    return TypedDays(text=rewritten, impossible=first)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
