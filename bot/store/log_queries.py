"""Questions about the contact log as queries: a filter of plain values (the feature
that understood the question resolves names to keys and ids first) and a measure (count,
sum of participants, top N, the rows, departments without any). Built with SQLAlchemy's
expression language, never with strings, and the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, case, exists, func, literal_column, select

from bot.store.db import Database
from bot.store.models import Contact, Department

Group = Literal["country", "department", "partner"]

# SQLite keeps no statistics on date ranges, so for a long range it reads ix_contacts_date
# and then every row it points to, in index order: several times slower than reading the
# table through when the range holds most of it (see report/figures.py SCAN_SHARE). A
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


def _areas_array(backend: str) -> ColumnElement[Any]:
    """`contacts.areas`, or an empty array where a row holds anything else (a JSON null):
    PostgreSQL's array functions fail on scalars instead of skipping them."""
    if backend == "postgresql":
        is_array = func.json_typeof(Contact.areas) == "array"
        return case((is_array, Contact.areas), else_=literal_column("'[]'::json"))
    is_array = func.json_type(Contact.areas) == "array"
    return case((is_array, Contact.areas), else_=literal_column("'[]'"))


def _any_area(backend: str, keys: frozenset[str]) -> ColumnElement[bool]:
    if backend == "postgresql":
        values = func.json_array_elements_text(_areas_array(backend)).table_valued("value")
    else:
        values = func.json_each(_areas_array(backend)).table_valued("value")
    return exists(select(1).select_from(values).where(values.c.value.in_(sorted(keys))))


def conditions(f: LogFilter, backend: str) -> list[ColumnElement[bool]]:
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
        where.append(_any_area(backend, f.areas))
    return where


def _read(query: Any, f: LogFilter, backend: str) -> Any:
    long_range = f.start is not None and f.end is not None and (f.end - f.start).days >= SCAN_DAYS
    if backend == "sqlite" and long_range:
        return query.with_hint(Contact, "NOT INDEXED", dialect_name="sqlite")
    return query


async def count(db: Database, f: LogFilter) -> int:
    query = select(func.count(Contact.id)).where(*conditions(f, db.backend))
    async with db.session() as session:
        return int(await session.scalar(_read(query, f, db.backend)) or 0)


async def participants(db: Database, f: LogFilter) -> tuple[int, int]:
    """The sum of participants, and how many matching entries left the number out."""
    query = select(
        func.coalesce(func.sum(Contact.participants), 0),
        func.count(Contact.id) - func.count(Contact.participants),
    ).where(*conditions(f, db.backend))
    async with db.session() as session:
        total, unknown = (await session.execute(_read(query, f, db.backend))).one()
    return int(total), int(unknown)


async def top(db: Database, f: LogFilter, by: Group, limit: int) -> list[tuple[str, int]]:
    """(value, contacts) with the most contacts first, ties by value; a department is
    named by its name."""
    key: Any = {
        "country": Contact.country,
        "partner": Contact.partner,
        "department": Department.name,
    }[by]
    n = func.count(Contact.id).label("n")
    query = select(key, n).where(*conditions(f, db.backend))
    if by == "department":
        query = query.join(Department, Department.id == Contact.department_id)
    query = query.group_by(key).order_by(n.desc(), key).limit(limit)
    async with db.session() as session:
        rows = (await session.execute(_read(query, f, db.backend))).all()
    return [(str(value), int(total)) for value, total in rows]


async def rows(db: Database, f: LogFilter, limit: int) -> tuple[list[LogRow], int]:
    """The newest `limit` matching entries, and how many match in all."""
    where = conditions(f, db.backend)
    query = (
        select(Contact, Department.name)
        .join(Department, Department.id == Contact.department_id)
        .where(*where)
        .order_by(Contact.date.desc(), Contact.id.desc())
        .limit(limit)
    )
    async with db.session() as session:
        total = await session.scalar(
            _read(select(func.count(Contact.id)).where(*where), f, db.backend)
        )
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
    active = exists(
        select(1).where(Contact.department_id == Department.id, *conditions(others, db.backend))
    )
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


async def funder_names(db: Database) -> list[str]:
    """Every funding source in the log."""
    query = (
        select(Contact.funding_source)
        .where(Contact.deleted_at.is_(None), Contact.funding_source.is_not(None))
        .distinct()
    )
    async with db.session() as session:
        return sorted(str(name) for name in (await session.scalars(query)).all())
