"""Figures for the sections a municipality's front matter turns on (`options.py`):
activities across several departments (from each entry's co-departments, medförvaltningar),
effects and their follow-up (effekter), tertials, a trend over several years, and a
register of twin towns, projects and networks. Per committee needs no query (it regroups
the department tally). Each runs in SQL, a few grouped or capped queries per section,
only when asked for.

The register reads each agreement's or project's end date (slutdatum): one past its end
is flagged (Falun limits cooperation agreements in time); without one, the status rests
on the latest activity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, case, func, select, true
from sqlalchemy.sql import Executable

from bot.features.report.columns import area_values, fold_partner, json_array, json_values
from bot.features.report.options import ReportOptions
from bot.features.report.periods import Period, tertial_period
from bot.store.models import Contact

# Activities a section lists before "and N more" (the activity list has them all).
SHOWN = 40
# Kinds that stand for a lasting relation (an agreement, a project, a membership).
REGISTER_KINDS = ("twin_town", "eu_project", "network")
# Without an end date, a relation with no activity for this long counts as ended.
DORMANT_AFTER = dt.timedelta(days=365)

Status = Literal["active", "ended", "expired", "unknown"]


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One activity as a section lists it (the activity list has every column)."""

    date: dt.date
    department: str
    partner: str
    kind: str  # key
    effects: str | None = None
    follow_up: str | None = None
    co_departments: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class CrossDepartment:
    """A department's part in activities with several departments."""

    name: str
    led: int  # its own activities with other departments taking part
    joined: int  # other departments' activities it took part in


@dataclass(frozen=True, kw_only=True)
class Effects:
    """Activities with their effects (Falköping evaluates yearly against the expected
    effects): how many have them, and the first of them."""

    described: int = 0  # activities of the period with effects written down
    entries: tuple[Entry, ...] = ()  # the first SHOWN, oldest first


@dataclass(frozen=True, kw_only=True)
class Cross:
    """Activities carried out by several departments together (Falun gives priority to
    cooperation across departments)."""

    count: int = 0
    departments: tuple[CrossDepartment, ...] = ()  # most involved first
    entries: tuple[Entry, ...] = ()  # the first SHOWN, oldest first


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
    effects: Effects = field(default_factory=Effects)
    cross: Cross = field(default_factory=Cross)
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


def _effects_written() -> ColumnElement[bool]:
    return and_(Contact.effects.is_not(None), func.trim(Contact.effects) != "")


def _effects_queries(period: Period) -> dict[str, Executable]:
    live = _live(period.start, period.end)
    return {
        "effects_count": select(func.count(Contact.id)).where(live, _effects_written()),
        "effects": select(
            Contact.date,
            Contact.department_id,
            Contact.partner,
            Contact.kind,
            Contact.effects,
            Contact.follow_up,
        )
        .where(live, _effects_written())
        .order_by(Contact.date, Contact.id)
        .limit(SHOWN),
    }


def _cross_queries(backend: str, period: Period) -> dict[str, Executable]:
    live = _live(period.start, period.end)
    others = func.json_array_length(json_array(backend, Contact.co_departments))
    together = func.coalesce(others, 0) > 0
    joined = json_values(backend, Contact.co_departments)
    return {
        "cross_led": select(Contact.department_id, func.count(Contact.id))
        .where(live, together)
        .group_by(Contact.department_id),
        "cross_joined": select(joined.c.value, func.count(Contact.id))
        .select_from(Contact)
        .join(joined, true())
        .where(live)
        .group_by(joined.c.value),
        "cross": select(
            Contact.date,
            Contact.department_id,
            Contact.partner,
            Contact.kind,
            Contact.co_departments,
        )
        .where(live, together)
        .order_by(Contact.date, Contact.id)
        .limit(SHOWN),
    }


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
    if options.has("effects"):
        queries |= _effects_queries(period)
    if options.has("co_departments"):
        queries |= _cross_queries(backend, period)
    for name in ("effects_count", "effects", "cross_led", "cross_joined", "cross"):
        if name in queries:  # each reads the period's rows
            queries[name] = read(queries[name], period.start, period.end)
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

    def name(dep_id: object) -> str:
        return departments.get(int(str(dep_id)), f"#{dep_id}")

    effects = Effects()
    if "effects" in results:
        (count,) = results["effects_count"]
        effects = Effects(
            described=int(count[0] or 0),
            entries=tuple(
                Entry(
                    date=_date(day) or period.start,
                    department=name(dep_id),
                    partner=str(partner).strip(),
                    kind=str(kind),
                    effects=text,
                    follow_up=follow_up,
                )
                for day, dep_id, partner, kind, text, follow_up in results["effects"]
            ),
        )

    cross = Cross()
    if "cross" in results:
        led = {int(dep_id): int(n) for dep_id, n in results["cross_led"]}
        joined = {int(str(dep_id)): int(n) for dep_id, n in results["cross_joined"]}
        involved = [
            CrossDepartment(name=name(dep_id), led=led.get(dep_id, 0), joined=joined.get(dep_id, 0))
            for dep_id in set(led) | set(joined)
        ]
        involved.sort(key=lambda d: (-(d.led + d.joined), d.name.casefold()))
        cross = Cross(
            count=sum(led.values()),
            departments=tuple(involved),
            entries=tuple(
                Entry(
                    date=_date(day) or period.start,
                    department=name(dep_id),
                    partner=str(partner).strip(),
                    kind=str(kind),
                    co_departments=tuple(name(d) for d in (others or ())),
                )
                for day, dep_id, partner, kind, others in results["cross"]
            ),
        )

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
        effects=effects,
        cross=cross,
        tertials=tuple(spans),
        trend_years=years,
        trend=tuple(trend),
        register=tuple(register),
        register_has_end=has_end,
        computed=frozenset(results),
    )
