"""Questions about the contact log as queries: a filter of plain values (the feature
that understood the question resolves names to keys and ids first) and a measure (count,
sum of participants, top N, the rows, departments without any). Built with SQLAlchemy's
expression language, never with strings, and the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, Text, cast, exists, func, or_, select

from bot.store.db import Database
from bot.store.models import AuditEntry, Contact, Department

Group = Literal["country", "department", "partner"]

# SQLite keeps no statistics on date ranges, so for a long range it reads ix_contacts_date
# and then every row it points to, in index order: several times slower than reading the
# table through when the range holds most of it (see report/columns.py SCAN_SHARE). A
# question's range is usually long (a year, "since March"), so ranges at least this long
# scan; PostgreSQL's planner has histograms and decides for itself.
SCAN_DAYS = 60


@dataclass(frozen=True, kw_only=True)
class LogFilter:
    """Which contacts a question is about; an empty set or None does not narrow."""

    start: dt.date | None = None
    end: dt.date | None = None  # inclusive
    countries: frozenset[str] = frozenset()  # alpha-2 codes
    department_ids: frozenset[int] = frozenset()
    kinds: frozenset[str] = frozenset()  # kind keys
    partners: frozenset[str] = frozenset()  # partner names as stored
    areas: frozenset[str] = frozenset()  # strategic area keys: any of them
    funders: frozenset[str] = frozenset()  # funding sources as stored
    funded: bool | None = None  # any external funding
    youth: bool | None = None


@dataclass(frozen=True, kw_only=True)
class LogRow:
    """One contact as a question's list shows it (the feature decides what is shown)."""

    id: int
    date: dt.date
    kind: str
    country: str
    partner: str
    city: str | None
    department_id: int
    department: str
    description: str | None
    participants: int | None
    created_by: str


def _any_area(keys: frozenset[str]) -> ColumnElement[bool]:
    """The entry names one of the area keys. `areas` is a JSON array of strings, kept as
    the text `json.dumps` wrote; a key, quoted as it writes it, occurs in that text only
    as a whole element. A text match is several times faster than expanding every row's
    array (json_each / json_array_elements) on both databases."""
    text = cast(Contact.areas, Text)
    return or_(*(text.contains(json.dumps(key), autoescape=True) for key in sorted(keys)))


def conditions(f: LogFilter) -> list[ColumnElement[bool]]:
    """The filter as WHERE conditions on `contacts` (deleted entries never count)."""
    where: list[ColumnElement[bool]] = [Contact.deleted_at.is_(None)]
    if f.start is not None:
        where.append(Contact.date >= f.start)
    if f.end is not None:
        where.append(Contact.date <= f.end)
    if f.countries:
        where.append(Contact.country.in_(sorted(f.countries)))
    if f.department_ids:
        where.append(Contact.department_id.in_(sorted(f.department_ids)))
    if f.kinds:
        where.append(Contact.kind.in_(sorted(f.kinds)))
    if f.partners:
        where.append(Contact.partner.in_(sorted(f.partners)))
    if f.funders:
        where.append(Contact.funding_source.in_(sorted(f.funders)))
    if f.funded is not None:
        has = Contact.funding_source.is_not(None)
        where.append(has if f.funded else Contact.funding_source.is_(None))
    if f.youth is not None:
        where.append(Contact.youth.is_(f.youth))
    if f.areas:
        where.append(_any_area(f.areas))
    return where


def _read(query: Any, f: LogFilter, backend: str, *, dates_only: bool = False) -> Any:
    """`query`, told to scan on SQLite when a long range would read most of the table
    row by row (not when the date index alone answers it: a count over dates only)."""
    if f.start is None or f.end is None or dates_only:
        return query
    if backend == "sqlite" and (f.end - f.start).days >= SCAN_DAYS:
        return query.with_hint(Contact, "NOT INDEXED", dialect_name="sqlite")
    return query


def _dates_only(f: LogFilter) -> bool:
    return f == LogFilter(start=f.start, end=f.end)


async def count(db: Database, f: LogFilter) -> int:
    query = select(func.count(Contact.id)).where(*conditions(f))
    read = _read(query, f, db.backend, dates_only=_dates_only(f))
    async with db.session() as session:
        return int(await session.scalar(read) or 0)


async def participants(db: Database, f: LogFilter) -> tuple[int, int]:
    """The sum of participants, and how many matching entries left the number out."""
    query = select(
        func.coalesce(func.sum(Contact.participants), 0),
        func.count(Contact.id) - func.count(Contact.participants),
    ).where(*conditions(f))
    async with db.session() as session:
        total, unknown = (await session.execute(_read(query, f, db.backend))).one()
    return int(total), int(unknown)


async def funding(db: Database, f: LogFilter) -> tuple[list[tuple[str, Decimal]], int]:
    """The matching entries' external funding per currency (SEK first, then by code),
    and how many entries give an amount. As the report counts it: an entry without a
    currency is in SEK, and amounts in different currencies are never added."""
    query = (
        select(
            Contact.funding_currency,
            func.sum(Contact.funding_amount),
            func.count(Contact.funding_amount),
        )
        .where(*conditions(f), Contact.funding_amount.is_not(None))
        .group_by(Contact.funding_currency)
    )
    async with db.session() as session:
        found = (await session.execute(_read(query, f, db.backend))).all()
    totals: dict[str, Decimal] = defaultdict(Decimal)
    entries = 0
    for currency, amount, n in found:
        totals[(currency or "SEK").upper()] += Decimal(str(amount or 0))
        entries += int(n)
    ordered = sorted(totals.items(), key=lambda kv: (kv[0] != "SEK", kv[0]))
    return ordered, entries


async def top(db: Database, f: LogFilter, by: Group, limit: int) -> list[tuple[str, int]]:
    """(value, contacts) with the most contacts first, ties by value; a department is
    named by its name."""
    key: Any = {
        "country": Contact.country,
        "partner": Contact.partner,
        "department": Department.name,
    }[by]
    n = func.count(Contact.id).label("n")
    query = select(key, n).where(*conditions(f))
    if by == "department":
        query = query.join(Department, Department.id == Contact.department_id)
    query = query.group_by(key).order_by(n.desc(), key).limit(limit)
    async with db.session() as session:
        rows = (await session.execute(_read(query, f, db.backend))).all()
    return [(str(value), int(total)) for value, total in rows]


async def distinct(db: Database, f: LogFilter, by: Group) -> int:
    """How many different countries, departments or partners the matching entries name."""
    key: Any = {
        "country": Contact.country,
        "partner": Contact.partner,
        "department": Contact.department_id,
    }[by]
    query = select(func.count(func.distinct(key))).where(*conditions(f))
    async with db.session() as session:
        return int(await session.scalar(_read(query, f, db.backend)) or 0)


async def rows(db: Database, f: LogFilter, limit: int) -> tuple[list[LogRow], int]:
    """The newest `limit` matching entries, and how many match in all."""
    where = conditions(f)
    query = (
        select(Contact, Department.name)
        .join(Department, Department.id == Contact.department_id)
        .where(*where)
        .order_by(Contact.date.desc(), Contact.id.desc())
        .limit(limit)
    )
    async with db.session() as session:
        counting = select(func.count(Contact.id)).where(*where)
        total = await session.scalar(_read(counting, f, db.backend, dates_only=_dates_only(f)))
        found = (await session.execute(query)).all()
    listed = [
        LogRow(
            id=c.id, date=c.date, kind=c.kind, country=c.country, partner=c.partner,
            city=c.city, department_id=c.department_id, department=name,
            description=c.description, participants=c.participants, created_by=c.created_by,
        )
        for c, name in found
    ]  # fmt: skip
    return listed, int(total or 0)


async def silent_departments(db: Database, f: LogFilter) -> tuple[list[str], int]:
    """The departments (among `f.department_ids`, or all) with no matching entry, by
    name; and how many departments were asked about."""
    others = LogFilter(**{**f.__dict__, "department_ids": frozenset()})
    active = exists(select(1).where(Contact.department_id == Department.id, *conditions(others)))
    query = select(Department.name).where(~active).order_by(Department.name)
    asked = select(func.count(Department.id))
    if f.department_ids:
        query = query.where(Department.id.in_(sorted(f.department_ids)))
        asked = asked.where(Department.id.in_(sorted(f.department_ids)))
    async with db.session() as session:
        names = list((await session.scalars(query)).all())
        total = int(await session.scalar(asked) or 0)
    return names, total


async def partner_names(db: Database) -> list[str]:
    """Every partner name in the log (for recognising partners in a question)."""
    query = select(Contact.partner).where(Contact.deleted_at.is_(None)).distinct()
    async with db.session() as session:
        return sorted((await session.scalars(query)).all())


async def partners_seen(
    db: Database, names: frozenset[str], *, department_id: int | None, user: str
) -> set[str]:
    """The names among `names` that the user may see: those of a live entry of their
    department or one they logged themselves (as `/kontakt visa` shows partners)."""
    if not names:
        return set()
    mine = Contact.created_by == user
    if department_id is not None:
        mine = or_(mine, Contact.department_id == department_id)
    query = (
        select(Contact.partner)
        .where(Contact.deleted_at.is_(None), Contact.partner.in_(sorted(names)), mine)
        .distinct()
    )
    async with db.session() as session:
        return set((await session.scalars(query)).all())


async def funder_names(db: Database) -> list[str]:
    """Every funding source in the log."""
    query = (
        select(Contact.funding_source)
        .where(Contact.deleted_at.is_(None), Contact.funding_source.is_not(None))
        .distinct()
    )
    async with db.session() as session:
        return sorted(str(name) for name in (await session.scalars(query)).all())


async def version(db: Database) -> int:
    """A number that grows with every audited change (a contact logged, changed or
    removed), so what was read from the log can be kept until it changes."""
    async with db.session() as session:
        return int(await session.scalar(select(func.max(AuditEntry.id))) or 0)
