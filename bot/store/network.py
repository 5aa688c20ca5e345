"""The network: departments and who represents them, one transaction per operation,
each change audited in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.store import audit
from bot.store.db import Database
from bot.store.models import Department, Representative


class DepartmentMatch(Protocol):
    """How a typed department name finds an existing department (the vocabulary's
    forgiving match) and the folded key a new one is stored under; the caller's rule."""

    def __call__(self, name: str, existing: Sequence[Department], /) -> Department | None: ...

    def key(self, name: str, /) -> str: ...


@dataclass(frozen=True, kw_only=True)
class Seat:
    """A registered representative, and the seat it replaced (another department)."""

    representative: Representative
    department_created: bool
    replaced: Representative | None = None
    unchanged: bool = False


async def departments(db: Database) -> list[Department]:
    """Every department with its representatives (active and removed) loaded, by name."""
    async with db.session() as session:
        rows = await session.scalars(
            select(Department)
            .options(selectinload(Department.representatives))
            .order_by(Department.name)
        )
        return list(rows)


async def seat_of(db: Database, user_id: str) -> Representative | None:
    """The user's active seat in the network, with its department, or None."""
    async with db.session() as session:
        return await _active_seat(session, user_id)


async def _active_seat(session: AsyncSession, user_id: str) -> Representative | None:
    result = await session.scalars(
        select(Representative)
        .options(selectinload(Representative.department))
        .where(Representative.user_id == user_id, Representative.deleted_at.is_(None))
    )
    return result.first()


async def _department_for(
    session: AsyncSession, name: str, *, match: DepartmentMatch, actor: str, now: dt.datetime
) -> tuple[Department, bool]:
    existing = list(await session.scalars(select(Department)))
    meant = match(name, existing)
    if meant is not None:
        return meant, False
    department = Department(name=name.strip(), key=match.key(name), created_at=now)
    session.add(department)
    await session.flush()
    audit.record(
        session, actor=actor, action="create", entity=audit.DEPARTMENT, entity_id=department.id,
        changes={"name": department.name}, now=now,
    )  # fmt: skip
    return department, True


async def register_representative(
    db: Database,
    *,
    user_id: str,
    department_name: str,
    match: DepartmentMatch,
    display_name: str | None,
    actor: str,
    now: dt.datetime,
) -> Seat:
    """Give `user_id` a seat for the department (created when no existing name matches).

    A user has one seat: a seat in another department is closed (soft) and the move is
    audited with the old and new department. Two coordinators racing to create the same
    department meet the unique folded key: the loser retries and finds it."""
    for attempt in range(2):
        try:
            async with db.session() as session:
                return await _register(
                    session, user_id=user_id, department_name=department_name, match=match,
                    display_name=display_name, actor=actor, now=now,
                )  # fmt: skip
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


async def _register(
    session: AsyncSession,
    *,
    user_id: str,
    department_name: str,
    match: DepartmentMatch,
    display_name: str | None,
    actor: str,
    now: dt.datetime,
) -> Seat:
    department, created = await _department_for(
        session, department_name, match=match, actor=actor, now=now
    )
    current = await _active_seat(session, user_id)
    if current is not None and current.department_id == department.id:
        if display_name and current.display_name != display_name:
            current.display_name = display_name
        return Seat(representative=current, department_created=False, unchanged=True)
    if current is not None:
        current.deleted_at = now
        current.deleted_by = actor
        await session.flush()  # the old seat leaves the unique index before the new one
    seat = Representative(
        user_id=user_id,
        display_name=display_name,
        department=department,
        created_at=now,
        created_by=actor,
    )
    session.add(seat)
    await session.flush()
    changes: dict[str, Any] = {"user_id": user_id, "department": department.name}
    if current is not None:
        changes = {
            "user_id": user_id,
            "department": {"old": current.department.name, "new": department.name},
            "replaced_seat": current.id,
        }
    audit.record(
        session, actor=actor, action="update" if current else "create",
        entity=audit.REPRESENTATIVE, entity_id=seat.id, changes=changes, now=now,
    )  # fmt: skip
    return Seat(representative=seat, department_created=created, replaced=current)


async def remove_representative(
    db: Database, *, user_id: str, actor: str, now: dt.datetime
) -> Representative | None:
    """Close the user's seat (soft delete, audited); None when they have none."""
    async with db.session() as session:
        seat = await _active_seat(session, user_id)
        if seat is None:
            return None
        seat.deleted_at = now
        seat.deleted_by = actor
        audit.record(
            session, actor=actor, action="delete", entity=audit.REPRESENTATIVE, entity_id=seat.id,
            changes={"user_id": user_id, "department": seat.department.name}, now=now,
        )  # fmt: skip
        return seat
