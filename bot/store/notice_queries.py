"""What the notices need to know: who has reported in a tertial, and the visits ahead."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select

from bot.store.db import Database
from bot.store.models import Contact, Department, Representative


@dataclass(frozen=True, kw_only=True)
class SeatRow:
    id: int
    user_id: str
    department_id: int


@dataclass(frozen=True, kw_only=True)
class Standing:
    reported: set[int]  # departments with an entry in the period
    seats: list[SeatRow]  # active representatives, by department
    names: dict[int, str]  # department id -> name, for both


async def tertial_standing(db: Database, *, start: dt.date, end: dt.date) -> Standing:
    async with db.session() as session:
        reported = set(
            (
                await session.scalars(
                    select(Contact.department_id)
                    .where(Contact.deleted_at.is_(None), Contact.date >= start, Contact.date <= end)
                    .distinct()
                )
            ).all()
        )
        seats = [
            SeatRow(id=seat_id, user_id=user, department_id=dept)
            for seat_id, user, dept in (
                await session.execute(
                    select(Representative.id, Representative.user_id, Representative.department_id)
                    .where(Representative.deleted_at.is_(None))
                    .order_by(Representative.department_id, Representative.id)
                )
            ).all()
        ]
        wanted = {seat.department_id for seat in seats} | reported
        found = await session.execute(
            select(Department.id, Department.name).where(Department.id.in_(wanted))
        )
        names = {dept_id: name for dept_id, name in found}
        return Standing(reported=reported, seats=seats, names=names)


@dataclass(frozen=True, kw_only=True)
class Visit:
    id: int
    date: dt.date
    kind: str
    partner: str
    city: str | None
    country: str
    department: str


async def visits(
    db: Database, *, kinds: Collection[str], first: dt.date, last: dt.date
) -> list[Visit]:
    async with db.session() as session:
        rows = await session.execute(
            select(
                Contact.id, Contact.date, Contact.kind, Contact.partner, Contact.city,
                Contact.country, Department.name,
            )
            .join(Department, Department.id == Contact.department_id)
            .where(
                Contact.deleted_at.is_(None),
                Contact.kind.in_(kinds),
                Contact.date >= first,
                Contact.date <= last,
            )
            .order_by(Contact.date, Contact.id)
        )  # fmt: skip
        return [
            Visit(id=i, date=d, kind=k, partner=p, city=c, country=n, department=dep)
            for i, d, k, p, c, n, dep in rows
        ]
