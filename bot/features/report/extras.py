"""Figures for the sections a municipality's front matter turns on (`options.py`):
cooperation across departments, tertials, a trend over several years, and a register of
twin towns, projects and networks. Per committee needs no query (it regroups the
department tally). Each runs in SQL, one grouped query per section, only when asked for.

The register reads each agreement's or project's end date (slutdatum): one past its end
is flagged (Falun limits cooperation agreements in time); without one, the status rests
on the latest activity.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, case, func, select, true
from sqlalchemy.sql import Executable

from bot.features.report.columns import area_values, fold_partner
from bot.features.report.options import ReportOptions
from bot.features.report.periods import Period, tertial_period
from bot.store.models import Contact

# Kinds that stand for a lasting relation (an agreement, a project, a membership).
REGISTER_KINDS = ("twin_town", "eu_project", "network")
# Without an end date, a relation with no activity for this long counts as ended.
DORMANT_AFTER = dt.timedelta(days=365)

Status = Literal["active", "ended", "expired", "unknown"]


@dataclass(frozen=True, kw_only=True)
class SharedPartner:
    name: str
    departments: tuple[str, ...]  # by name, most active first
    count: int


@dataclass(frozen=True, kw_only=True)
class SpanCount:
    """Activities in one span (a tertial, a year) and the same span a year earlier."""

    label: str
    period: Period
    count: int
    participants: int
    previous: int
    begun: bool


@dataclass(frozen=True, kw_only=True)
class TrendRow:
    key: str  # "total" or an area key
    label: str
    counts: tuple[int, ...]  # oldest year first


@dataclass(frozen=True, kw_only=True)
class RegisterEntry:
    partner: str
    kind: str  # key
    first: dt.date
    latest: dt.date
    end: dt.date | None
    count: int  # activities in the period
    status: Status


@dataclass(frozen=True, kw_only=True)
class Extras:
    shared_partners: tuple[SharedPartner, ...] = ()
    shared_total: int = 0  # partners in the period, for the share
    tertials: tuple[SpanCount, ...] = ()
    trend_years: tuple[Period, ...] = ()  # oldest first
    trend: tuple[TrendRow, ...] = ()
    register: tuple[RegisterEntry, ...] = ()
    register_has_end: bool = False
    computed: frozenset[str] = field(default_factory=frozenset)


def register_status(*, latest: dt.date, end: dt.date | None, today: dt.date) -> Status:
    """Past its end date is flagged (Falun: agreements limited in time); without an end
    date, a relation quiet for a year counts as ended."""
    if end is not None:
        return "expired" if end < today else "active"
    return "ended" if today - latest > DORMANT_AFTER else "active"


def _live(start: dt.date, end: dt.date) -> ColumnElement[bool]:
    return and_(Contact.date >= start, Contact.date <= end, Contact.deleted_at.is_(None))


def _between(period: Period) -> ColumnElement[bool]:
    return and_(Contact.date >= period.start, Contact.date <= period.end)


def _shared_query(period: Period) -> Any:
    return (
        select(Contact.partner, Contact.department_id, func.count(Contact.id))
        .where(_live(period.start, period.end))
        .group_by(Contact.partner, Contact.department_id)
    )


def _span_query(spans: Sequence[Period]) -> Executable:
    first = min(s.start for s in spans)
    last = max(s.end for s in spans)
    columns: list[Any] = []
    for span in spans:
        inside = _between(span)
        columns.append(func.coalesce(func.sum(case((inside, 1), else_=0)), 0))
        columns.append(func.coalesce(func.sum(case((inside, Contact.participants), else_=0)), 0))
    return select(*columns).where(_live(first, last))


def _trend_query(backend: str, years: Sequence[Period]) -> Executable:

    values = area_values(backend)  # the area keys of a row, per dialect
    columns = [func.coalesce(func.sum(case((_between(y), 1), else_=0)), 0) for y in years]
    first, last = years[0].start, years[-1].end
    return (
        select(values.c.value, *columns)
        .select_from(Contact)
        .join(values, true())
        .where(_live(first, last))
        .group_by(values.c.value)
    )


def _trend_totals(years: Sequence[Period]) -> Executable:
    columns = [func.coalesce(func.sum(case((_between(y), 1), else_=0)), 0) for y in years]
    return select(*columns).where(_live(years[0].start, years[-1].end))


def _register_query(period: Period) -> Any:
    in_period = func.coalesce(func.sum(case((_between(period), 1), else_=0)), 0)
    return (
        select(
            Contact.partner,
            Contact.kind,
            func.min(Contact.date),
            func.max(Contact.date),
            func.max(Contact.end_date),
            in_period,
        )
        .where(
            Contact.kind.in_(REGISTER_KINDS),
            Contact.date <= period.end,
            Contact.deleted_at.is_(None),
        )
        .group_by(Contact.partner, Contact.kind)
    )


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def trend_periods(period: Period, years: int) -> tuple[Period, ...]:
    """The same period in each of the last `years` years, oldest first."""
    spans = [period]
    for _ in range(years - 1):
        spans.append(spans[-1].previous())
    return tuple(reversed(spans))


def _tertials(period: Period) -> tuple[Period, ...]:
    return tuple(tertial_period(period.year, n) for n in (1, 2, 3))


def extras_queries(
    backend: str,
    *,
    period: Period,
    options: ReportOptions,
    read: Callable[[Any, dt.date, dt.date], Any] = lambda query, _start, _end: query,
) -> dict[str, Executable]:
    """The queries of the sections `options` turns on (none otherwise). They run in the
    same batch as the report's other queries, on their own connections. `read` is the
    figures' read plan (SQLite scans the table for a range holding most of it)."""
    queries: dict[str, Executable] = {}
    if options.has("shared_partners"):
        queries["shared"] = read(_shared_query(period), period.start, period.end)
    if options.has("tertials") and period.kind == "year":
        cuts = [t.until(period.end) for t in _tertials(period)]
        queries["tertials"] = _span_query([*cuts, *(t.previous() for t in cuts)])
    if options.has("trend"):
        years = trend_periods(period, options.trend_years)
        queries["trend"] = _trend_query(backend, years)
        queries["trend_totals"] = _trend_totals(years)
    if options.has("register"):
        queries["register"] = read(_register_query(period), dt.date.min, period.end)
    return queries


def assemble_extras(
    results: Mapping[str, Sequence[Any]],
    *,
    period: Period,
    options: ReportOptions,
    departments: dict[int, str],
    area_keys: Sequence[str],
    area_label: Any,
    today: dt.date,
) -> Extras:
    """The sections' figures from the rows of `extras_queries`."""

    if not results:
        return Extras()
    tertials = _tertials(period) if "tertials" in results else ()
    years = trend_periods(period, options.trend_years) if "trend" in results else ()
    shared: list[SharedPartner] = []
    partners_total = 0
    if "shared" in results:
        per: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        names: dict[str, tuple[int, str]] = {}
        for name, dep_id, n in results["shared"]:
            key = fold_partner(str(name))
            per[key][int(dep_id)] += int(n)
            if key not in names or int(n) > names[key][0]:
                names[key] = (int(n), str(name).strip())
        partners_total = len(per)
        for key, deps in per.items():
            if len(deps) > 1:
                ordered = sorted(deps.items(), key=lambda kv: (-kv[1], departments.get(kv[0], "")))
                shared.append(
                    SharedPartner(
                        name=names[key][1],
                        departments=tuple(departments.get(d, f"#{d}") for d, _ in ordered),
                        count=sum(deps.values()),
                    )
                )
        shared.sort(key=lambda p: (-len(p.departments), -p.count, p.name.casefold()))

    spans: list[SpanCount] = []
    if "tertials" in results:
        (row,) = results["tertials"]
        values = [int(v or 0) for v in row]
        for n, tertial in enumerate(tertials):
            cut = tertial.until(period.end)
            spans.append(
                SpanCount(
                    label=f"T{n + 1}",
                    period=cut,
                    count=values[2 * n],
                    participants=values[2 * n + 1],
                    previous=values[6 + 2 * n],
                    begun=tertial.start <= today,
                )
            )

    trend: list[TrendRow] = []
    if "trend" in results:
        (totals,) = results["trend_totals"]
        total = tuple(int(v or 0) for v in totals)
        # Years before the log's first entry are not years of zero activity: the trend
        # starts with the first year that has any (and shows at least two years).
        first = min(next((i for i, n in enumerate(total) if n), 0), len(years) - 2)
        first = max(first, 0)
        years = years[first:]
        trend.append(TrendRow(key="total", label="", counts=total[first:]))
        by_area = {str(row[0]): tuple(int(v or 0) for v in row[1:]) for row in results["trend"]}
        for key in area_keys:
            counts = by_area.get(key, (0,) * len(total))[first:]
            trend.append(TrendRow(key=key, label=area_label(key), counts=counts))

    register: list[RegisterEntry] = []
    has_end = False
    if "register" in results:
        merged: dict[tuple[str, str], RegisterEntry] = {}
        for name, kind, first, latest, end, n in results["register"]:
            end_date = _date(end)
            has_end = has_end or end_date is not None
            pair = (fold_partner(str(name)), str(kind))
            entry = RegisterEntry(
                partner=str(name).strip(),
                kind=str(kind),
                first=_date(first) or period.start,
                latest=_date(latest) or period.start,
                end=end_date,
                count=int(n or 0),
                status="unknown",
            )
            if pair in merged:  # spellings of one partner: one line
                seen = merged[pair]
                entry = RegisterEntry(
                    partner=seen.partner if seen.count >= entry.count else entry.partner,
                    kind=entry.kind,
                    first=min(seen.first, entry.first),
                    latest=max(seen.latest, entry.latest),
                    end=max((d for d in (seen.end, entry.end) if d), default=None),
                    count=seen.count + entry.count,
                    status="unknown",
                )
            merged[pair] = entry
        for entry in merged.values():
            if entry.count:
                status = register_status(latest=entry.latest, end=entry.end, today=today)
                register.append(replace(entry, status=status))
        register.sort(key=lambda e: (e.kind, e.partner.casefold()))
    return Extras(
        shared_partners=tuple(shared),
        shared_total=partners_total,
        tertials=tuple(spans),
        trend_years=years,
        trend=tuple(trend),
        register=tuple(register),
        register_has_end=has_end,
        computed=frozenset(results),
    )
