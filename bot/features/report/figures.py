"""Compile a period's figures from the contact log, with the previous period beside them.

Aggregation runs in SQL (grouped counts and sums, the queries at once on separate
connections), so a year of 100,000 contacts compiles in about half a second; only the
grouped rows reach Python.
Soft-deleted contacts (`deleted_at` set) are never counted.

Labels (kind, country, department, strategic area) are resolved here in the report's
language, so renderers only lay out what they are given.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    func,
    select,
    true,
)
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql import Executable
from sqlalchemy.sql.selectable import ScalarSelect

from bot.features.report.columns import SCAN_SHARE, area_values, areas_array, fold_partner
from bot.features.report.entries import (  # the activity list, re-exported for its users
    BATCH_ROWS as BATCH_ROWS,
)
from bot.features.report.entries import Activity as Activity
from bot.features.report.entries import Labels as Labels
from bot.features.report.entries import activity_query as activity_query
from bot.features.report.entries import as_decimal
from bot.features.report.entries import load_activities as load_activities
from bot.features.report.entries import stream_activities as stream_activities
from bot.features.report.extras import Extras, assemble_extras, extras_queries
from bot.features.report.options import ReportOptions
from bot.features.report.periods import Period
from bot.store.db import Database
from bot.store.models import Contact, Department
from knowledge.language import Language

_Select = Select[*tuple[Any, ...]]  # a SELECT of any columns

# How many partners and departments the coverage names per strategic area.
COVERAGE_NAMES = 8


@dataclass(frozen=True, kw_only=True)
class Count:
    """One row of a breakdown: a key, its label, and what the period holds for it."""

    key: str
    label: str
    count: int
    participants: int = 0
    youth: int = 0


@dataclass(frozen=True, kw_only=True)
class Funding:
    """External funding from one source in one currency."""

    source: str
    currency: str
    amount: Decimal
    count: int


@dataclass(frozen=True, kw_only=True)
class Partners:
    """Distinct partners in the period: new ones (not seen before it) and continuing."""

    total: int
    new: int
    continuing: int
    new_names: tuple[str, ...] = ()  # the new partners, most active first


@dataclass(frozen=True, kw_only=True)
class PeriodFigures:
    period: Period
    total: int
    participants: int
    youth: int
    countries: int
    by_department: tuple[Count, ...]  # departments with entries, most first
    by_country: tuple[Count, ...]
    by_kind: tuple[Count, ...]
    by_area: tuple[Count, ...]  # every strategic area of the policy, in policy order
    other_areas: tuple[Count, ...]  # area keys on entries that the policy does not name
    without_area: int
    funding: tuple[Funding, ...]
    partners: Partners
    departments_without: tuple[str, ...]  # by name, alphabetical

    @property
    def funded(self) -> int:
        return sum(f.count for f in self.funding)

    def funding_totals(self) -> tuple[tuple[str, Decimal], ...]:
        """Total per currency (amounts in different currencies are never added)."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for item in self.funding:
            totals[item.currency] += item.amount
        return tuple(sorted(totals.items(), key=lambda kv: (kv[0] != "SEK", kv[0])))

    def count_of(self, breakdown: str, key: str) -> int:
        """The count for `key` in a breakdown (`by_kind`, ...); 0 when absent."""
        rows: tuple[Count, ...] = getattr(self, breakdown)
        return next((row.count for row in rows if row.key == key), 0)


@dataclass(frozen=True, kw_only=True)
class AreaCoverage:
    """One strategic area or goal of the policy and the period's activities under it."""

    key: str
    label: str
    count: int
    participants: int
    departments: tuple[str, ...]  # most active first, at most COVERAGE_NAMES
    partners: tuple[str, ...]  # most active first, at most COVERAGE_NAMES
    more_partners: int = 0  # partners beyond those named


@dataclass(frozen=True, kw_only=True)
class Policy:
    """The configured municipality's policy, as far as the report uses it."""

    municipality: str
    title: str
    areas: tuple[tuple[str, str], ...]  # (key, label)
    adopted_by: str | None = None
    adopted: str | None = None
    report_to: str | None = None  # the cover's recipient (front matter)
    reported_by: str | None = None  # the cover's sender (front matter)
    options: ReportOptions = field(default_factory=ReportOptions)


@dataclass(frozen=True, kw_only=True)
class Report:
    """Everything a rendering needs, except the activity list (see `load_activities`)."""

    language: Language
    generated_at: dt.datetime
    policy: Policy | None
    current: PeriodFigures
    previous: PeriodFigures
    coverage: tuple[AreaCoverage, ...] = ()
    extras: Extras = field(default_factory=Extras)  # sections the front matter turns on

    @property
    def period(self) -> Period:
        """The period the figures cover: cut at the compiling date while it runs."""
        return self.current.period

    @property
    def begun(self) -> bool:
        """False for a period that starts after the compiling date: it has no figures
        yet, and a change against last year would be a false −100 %."""
        return self.generated_at.date() >= self.period.start

    @property
    def uncovered(self) -> tuple[AreaCoverage, ...]:
        return tuple(area for area in self.coverage if area.count == 0)


# --- SQL helpers ---------------------------------------------------------------------


def _in_period(period: Period) -> ColumnElement[bool]:
    return and_(
        Contact.date >= period.start,
        Contact.date <= period.end,
        Contact.deleted_at.is_(None),
    )


def _youth_sum() -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((Contact.youth.is_(True), 1), else_=0)), 0)


def _participants_sum() -> ColumnElement[Any]:
    return func.coalesce(func.sum(Contact.participants), 0)


_decimal = as_decimal


# --- compiling -----------------------------------------------------------------------


@dataclass
class _Tally:
    count: int = 0
    participants: int = 0
    youth: int = 0

    def add(self, count: int, participants: int, youth: int) -> None:
        self.count += count
        self.participants += participants
        self.youth += youth


def _counts(tallies: dict[Any, _Tally], label: Callable[[Any], str]) -> tuple[Count, ...]:
    counts = [
        Count(
            key=str(key),
            label=label(key),
            count=t.count,
            participants=t.participants,
            youth=t.youth,
        )
        for key, t in tallies.items()
    ]
    return tuple(sorted(counts, key=lambda c: (-c.count, c.label.casefold())))


class _Plan:
    """How the report's queries read a date range: through the date index, or (SQLite,
    large ranges) by scanning the table; see SCAN_SHARE."""

    def __init__(self, scans: Sequence[tuple[dt.date, dt.date]] = ()) -> None:
        self._scans = set(scans)

    def read(self, query: _Select, start: dt.date, end: dt.date) -> _Select:
        if (start, end) in self._scans:
            return query.with_hint(Contact, "NOT INDEXED", dialect_name="sqlite")
        return query

    @classmethod
    async def choose(cls, db: Database, ranges: Sequence[tuple[dt.date, dt.date]]) -> _Plan:
        if db.backend != "sqlite":
            return cls()  # PostgreSQL's planner has histograms and decides for itself

        def count(*where: ColumnElement[bool]) -> ScalarSelect[int]:
            return select(func.count()).select_from(Contact).where(*where).scalar_subquery()

        # Counts over the date index only: a few milliseconds per 100,000 rows.
        in_range = [count(Contact.date >= start, Contact.date <= end) for start, end in ranges]
        async with db.session() as session:
            total, *counts = (await session.execute(select(count(), *in_range))).one()
        return cls([span for span, n in zip(ranges, counts, strict=True) if n > SCAN_SHARE * total])


def _history(periods: Sequence[Period]) -> tuple[dt.date, dt.date]:
    """The dates the partner query reads: everything up to the latest period's end."""
    return dt.date.min, max(p.end for p in periods)


def _partner_query(plan: _Plan, periods: Sequence[Period]) -> _Select:
    """Per partner spelling: first entry ever and entries in each period; one pass over
    the history up to the latest period's end."""
    start, end = _history(periods)
    columns = [
        func.sum(case((and_(Contact.date >= p.start, Contact.date <= p.end), 1), else_=0))
        for p in periods
    ]
    query = (
        select(Contact.partner, func.min(Contact.date), *columns)
        .where(Contact.date <= end, Contact.deleted_at.is_(None))
        .group_by(Contact.partner)
    )
    return plan.read(query, start, end)


@dataclass(frozen=True)
class _PartnerRow:
    name: str
    first: dt.date
    counts: tuple[int, ...]  # entries in each period asked for


def _partner_rows(rows: Sequence[Any]) -> list[_PartnerRow]:
    return [
        _PartnerRow(
            name=str(row[0]),
            first=row[1] if isinstance(row[1], dt.date) else dt.date.fromisoformat(str(row[1])),
            counts=tuple(int(n or 0) for n in row[2:]),
        )
        for row in rows
    ]


def _partners(rows: Sequence[_PartnerRow], *, period: Period, column: int) -> Partners:
    """A partner is continuing when an entry before the period names it, new otherwise.
    Spellings that differ only in case, accents or punctuation are one partner."""
    first_seen: dict[str, dt.date] = {}
    activity: dict[str, int] = defaultdict(int)
    shown: dict[str, tuple[int, str]] = {}
    for row in rows:
        key = fold_partner(row.name)
        if key not in first_seen or row.first < first_seen[key]:
            first_seen[key] = row.first
        count = row.counts[column]
        activity[key] += count
        if count and (key not in shown or count > shown[key][0]):
            shown[key] = (count, row.name.strip())
    present = [key for key, n in activity.items() if n > 0]
    new = [key for key in present if first_seen[key] >= period.start]
    new.sort(key=lambda key: (-activity[key], shown[key][1].casefold()))
    return Partners(
        total=len(present),
        new=len(new),
        continuing=len(present) - len(new),
        new_names=tuple(shown[key][1] for key in new),
    )


def _breakdown_query(plan: _Plan, backend: str, period: Period) -> _Select:
    """One scan of the period grouped by department, country, kind and funding source:
    every breakdown but the areas is a sum over its rows."""
    areas_length = func.coalesce(func.json_array_length(areas_array(backend)), 0)
    no_area = case((areas_length == 0, 1), else_=0)
    groups = (
        Contact.department_id,
        Contact.country,
        Contact.kind,
        Contact.funding_source,
        Contact.funding_currency,
    )
    query = (
        select(
            *groups,
            func.count(Contact.id),
            _participants_sum(),
            _youth_sum(),
            func.sum(Contact.funding_amount),
            func.count(Contact.funding_amount),
            func.sum(no_area),
        )
        .where(_in_period(period))
        .group_by(*groups)
    )
    return plan.read(query, period.start, period.end)


def _area_query(
    plan: _Plan, backend: str, period: Period, per: InstrumentedAttribute[Any]
) -> _Select:
    """The period's entries per area key and `per` (department, or partner spelling)."""
    values = area_values(backend)
    query = (
        select(values.c.value, per, func.count(Contact.id), _participants_sum(), _youth_sum())
        .select_from(Contact)
        .join(values, true())
        .where(_in_period(period))
        .group_by(values.c.value, per)
    )
    return plan.read(query, period.start, period.end)


def _period_figures(
    rows: Sequence[Any],
    area_rows: Sequence[Any],
    *,
    period: Period,
    departments: dict[int, str],
    labels: Labels,
    area_keys: Sequence[str],
    partners: Partners,
) -> PeriodFigures:
    """The period's figures from its breakdown and area rows."""
    total = _Tally()
    by_department: dict[int, _Tally] = defaultdict(_Tally)
    by_country: dict[str, _Tally] = defaultdict(_Tally)
    by_kind: dict[str, _Tally] = defaultdict(_Tally)
    funding: dict[tuple[str, str], tuple[Decimal, int]] = {}
    without_area = 0
    for dep_id, country, kind, source, currency, n, p, y, amount, funded, bare in rows:
        n, p, y = int(n), int(p or 0), int(y or 0)
        total.add(n, p, y)
        by_department[int(dep_id)].add(n, p, y)
        by_country[str(country)].add(n, p, y)
        by_kind[str(kind)].add(n, p, y)
        without_area += int(bare or 0)
        if funded:
            key = ((source or "").strip() or "–", (currency or "SEK").upper())
            before, times = funding.get(key, (Decimal(0), 0))
            funding[key] = (before + _decimal(amount), times + int(funded))

    by_area_key: dict[str, _Tally] = defaultdict(_Tally)
    for area, _dep_id, n, p, y in area_rows:
        by_area_key[str(area)].add(int(n), int(p or 0), int(y or 0))
    by_area = tuple(
        Count(
            key=key,
            label=labels.area(key),
            count=by_area_key[key].count if key in by_area_key else 0,
            participants=by_area_key[key].participants if key in by_area_key else 0,
            youth=by_area_key[key].youth if key in by_area_key else 0,
        )
        for key in area_keys
    )
    known = set(area_keys)
    other_areas = _counts(
        {k: v for k, v in by_area_key.items() if k not in known}, lambda k: labels.area(str(k))
    )
    departments_without = tuple(
        sorted(
            (name for dep_id, name in departments.items() if dep_id not in by_department),
            key=str.casefold,
        )
    )
    return PeriodFigures(
        period=period,
        total=total.count,
        participants=total.participants,
        youth=total.youth,
        countries=len(by_country),
        by_department=_counts(by_department, lambda k: departments.get(int(k), f"#{k}")),
        by_country=_counts(by_country, lambda k: labels.country(str(k))),
        by_kind=_counts(by_kind, lambda k: labels.kind(str(k))),
        by_area=by_area,
        other_areas=other_areas,
        without_area=without_area,
        funding=tuple(
            sorted(
                (
                    Funding(source=source, currency=currency, amount=amount, count=n)
                    for (source, currency), (amount, n) in funding.items()
                ),
                key=lambda f: (f.currency != "SEK", -f.amount, f.source.casefold()),
            )
        ),
        partners=partners,
        departments_without=departments_without,
    )


def _coverage(
    partner_rows: Sequence[Any],
    area_rows: Sequence[Any],
    *,
    departments: dict[int, str],
    labels: Labels,
    figures: PeriodFigures,
) -> tuple[AreaCoverage, ...]:
    partners: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for area, name, n, _p, _y in partner_rows:
        key = fold_partner(str(name))
        seen = partners[str(area)].get(key)
        total = int(n) + (seen[0] if seen else 0)
        partners[str(area)][key] = (total, seen[1] if seen else str(name).strip())
    active: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for area, dep_id, n, _p, _y in area_rows:
        active[str(area)].append((int(n), departments.get(int(dep_id), f"#{dep_id}")))

    coverage = []
    for row in figures.by_area:
        named = sorted(partners[row.key].values(), key=lambda v: (-v[0], v[1].casefold()))
        deps = sorted(active[row.key], key=lambda v: (-v[0], v[1].casefold()))
        coverage.append(
            AreaCoverage(
                key=row.key,
                label=labels.area(row.key),
                count=row.count,
                participants=row.participants,
                departments=tuple(name for _, name in deps[:COVERAGE_NAMES]),
                partners=tuple(name for _, name in named[:COVERAGE_NAMES]),
                more_partners=max(0, len(named) - COVERAGE_NAMES),
            )
        )
    return tuple(coverage)


async def compile_report(
    db: Database,
    *,
    period: Period,
    labels: Labels,
    policy: Policy | None,
    language: Language,
    generated_at: dt.datetime,
) -> Report:
    """The period's figures, the same period a year earlier, and the policy coverage.

    The grouped queries run at once on separate connections (`Database.read_many`), so
    a large log is compiled on more than one core.
    """
    area_keys = [key for key, _ in policy.areas] if policy else []
    previous = period.previous()  # a period cut short is compared with the same part
    periods = (period, previous)
    plan = await _Plan.choose(db, [_history(periods), *((p.start, p.end) for p in periods)])
    queries: list[Executable] = [
        select(Department.id, Department.name),
        _partner_query(plan, periods),
        _breakdown_query(plan, db.backend, period),
        _breakdown_query(plan, db.backend, previous),
        _area_query(plan, db.backend, period, Contact.department_id),
        _area_query(plan, db.backend, previous, Contact.department_id),
    ]
    extra = (
        extras_queries(db.backend, period=period, options=policy.options, read=plan.read)
        if policy
        else {}
    )
    if policy:
        queries.append(_area_query(plan, db.backend, period, Contact.partner))
    rows = await db.read_many([*queries, *extra.values()])
    extra_rows = dict(zip(extra, rows[len(queries) :], strict=True))
    (
        department_rows,
        partner_rows,
        current_rows,
        previous_rows,
        current_areas,
        previous_areas,
        *area_partners,
    ) = rows[: len(queries)]
    departments = {int(dep_id): str(name) for dep_id, name in department_rows}
    history = _partner_rows(partner_rows)
    current, before = [
        _period_figures(
            rows,
            area_rows,
            period=p,
            departments=departments,
            labels=labels,
            area_keys=area_keys,
            partners=_partners(history, period=p, column=column),
        )
        for column, (p, rows, area_rows) in enumerate(
            [(period, current_rows, current_areas), (previous, previous_rows, previous_areas)]
        )
    ]
    coverage = (
        _coverage(
            area_partners[0], current_areas, departments=departments, labels=labels, figures=current
        )
        if policy
        else ()
    )
    extras = (
        assemble_extras(
            extra_rows,
            period=period,
            options=policy.options,
            departments=departments,
            area_keys=area_keys,
            area_label=labels.area,
            today=generated_at.date(),
        )
        if policy
        else Extras()
    )
    return Report(
        language=language,
        generated_at=generated_at,
        policy=policy,
        current=current,
        previous=before,
        coverage=coverage,
        extras=extras,
    )
