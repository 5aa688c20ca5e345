"""Store access for the contact log and the network, one transaction per operation.

Handlers call these with the `Database`; each function opens its own transaction, writes
the audit trail in the same transaction as the change (so neither exists without the
other) and returns detached rows with what the caller shows already loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.features.contacts.vocabulary import department_key, match_department
from bot.store.db import Database
from bot.store.models import AuditEntry, Contact, Department, Representative

CONTACT = "contact"
REPRESENTATIVE = "representative"
DEPARTMENT = "department"


@dataclass(frozen=True, kw_only=True)
class ContactValues:
    """A validated contact, ready to store (see bot/contacts.py)."""

    date: dt.date
    partner: str
    country: str  # ISO 3166-1 alpha-2
    kind: str  # a key of bot.features.contacts.vocabulary.KINDS
    department_id: int
    city: str | None = None
    areas: list[str] = field(default_factory=list)
    participants: int | None = None
    youth: bool = False
    funding_amount: Decimal | None = None
    funding_currency: str | None = None
    funding_source: str | None = None
    description: str | None = None
    follow_up: str | None = None


@dataclass(frozen=True, kw_only=True)
class Stored:
    """A stored contact, and whether this call created it (False: an idempotent retry)."""

    contact: Contact
    created: bool


@dataclass(frozen=True, kw_only=True)
class Seat:
    """A registered representative, and the seat it replaced (another department)."""

    representative: Representative
    department_created: bool
    replaced: Representative | None = None
    unchanged: bool = False


def jsonable(value: object) -> object:
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _audit(
    session: AsyncSession,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    changes: Mapping[str, Any],
    now: dt.datetime,
) -> None:
    session.add(
        AuditEntry(
            at=now,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            changes={key: jsonable(value) for key, value in changes.items()},
        )
    )


# --- departments and representatives ------------------------------------------------


async def departments(db: Database) -> list[Department]:
    """Every department with its representatives (active and removed) loaded, by name."""
    async with db.session() as session:
        rows = await session.scalars(
            select(Department)
            .options(selectinload(Department.representatives))
            .order_by(Department.name)
        )
        return list(rows)


async def find_department(db: Database, name: str) -> tuple[Department | None, list[Department]]:
    """The existing department `name` means (folded, typos), or None and the nearest."""
    existing = await departments(db)
    found = match_department(name, [(d.id, d.name) for d in existing])
    by_id = {str(d.id): d for d in existing}
    if found.key is not None:
        return by_id[found.key], []
    return None, [by_id[key] for key in found.nearest]


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
    session: AsyncSession, name: str, *, actor: str, now: dt.datetime
) -> tuple[Department, bool]:
    existing = list(await session.scalars(select(Department)))
    found = match_department(name, [(d.id, d.name) for d in existing])
    if found.key is not None:
        return next(d for d in existing if str(d.id) == found.key), False
    department = Department(name=name.strip(), key=department_key(name), created_at=now)
    session.add(department)
    await session.flush()
    _audit(
        session, actor=actor, action="create", entity=DEPARTMENT, entity_id=department.id,
        changes={"name": department.name}, now=now,
    )  # fmt: skip
    return department, True


async def register_representative(
    db: Database,
    *,
    user_id: str,
    department_name: str,
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
                    session, user_id=user_id, department_name=department_name,
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
    display_name: str | None,
    actor: str,
    now: dt.datetime,
) -> Seat:
    department, created = await _department_for(session, department_name, actor=actor, now=now)
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
    _audit(
        session, actor=actor, action="update" if current else "create",
        entity=REPRESENTATIVE, entity_id=seat.id, changes=changes, now=now,
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
        _audit(
            session, actor=actor, action="delete", entity=REPRESENTATIVE, entity_id=seat.id,
            changes={"user_id": user_id, "department": seat.department.name}, now=now,
        )  # fmt: skip
        return seat


# --- contacts ------------------------------------------------------------------------


def _with_department() -> Any:
    return selectinload(Contact.department)


async def add_contact(
    db: Database,
    *,
    values: ContactValues,
    actor: str,
    now: dt.datetime,
    idempotency_key: str | None = None,
) -> Stored:
    """Store a contact and its audit row in one transaction.

    With an `idempotency_key` a retried submission stores nothing and returns the
    contact the first one stored: the unique key decides, also when the two race."""
    try:
        async with db.session() as session:
            contact = Contact(
                **asdict(values),
                created_by=actor,
                created_at=now,
                idempotency_key=idempotency_key,
            )
            session.add(contact)
            await session.flush()
            _audit(
                session, actor=actor, action="create", entity=CONTACT, entity_id=contact.id,
                changes=asdict(values), now=now,
            )  # fmt: skip
            department = await session.get(Department, values.department_id)
            assert department is not None  # the foreign key holds
            contact.department = department
    except IntegrityError:
        if idempotency_key is None:
            raise
        earlier = await _by_idempotency_key(db, idempotency_key)
        if earlier is None:
            raise
        return Stored(contact=earlier, created=False)
    return Stored(contact=contact, created=True)


async def _by_idempotency_key(db: Database, key: str) -> Contact | None:
    async with db.session() as session:
        result = await session.scalars(
            select(Contact).options(_with_department()).where(Contact.idempotency_key == key)
        )
        return result.first()


async def get_contact(db: Database, contact_id: int) -> Contact | None:
    """A contact that is not deleted, with its department, or None."""
    async with db.session() as session:
        result = await session.scalars(
            select(Contact)
            .options(_with_department())
            .where(Contact.id == contact_id, Contact.deleted_at.is_(None))
        )
        return result.first()


@dataclass(frozen=True, kw_only=True)
class ContactPage:
    contacts: list[Contact]  # newest first, at most `limit`
    total: int


async def list_contacts(
    db: Database,
    *,
    department_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = 50,
) -> ContactPage:
    """Contacts not deleted, newest first, narrowed by department and dates (inclusive)."""
    conditions: list[Any] = [Contact.deleted_at.is_(None)]
    if department_id is not None:
        conditions.append(Contact.department_id == department_id)
    if start is not None:
        conditions.append(Contact.date >= start)
    if end is not None:
        conditions.append(Contact.date <= end)
    async with db.session() as session:
        total = await session.scalar(select(func.count(Contact.id)).where(*conditions))
        rows = await session.scalars(
            select(Contact)
            .options(_with_department())
            .where(*conditions)
            .order_by(Contact.date.desc(), Contact.id.desc())
            .limit(limit)
        )
        return ContactPage(contacts=list(rows), total=int(total or 0))


async def update_contact(
    db: Database,
    *,
    contact_id: int,
    changes: Mapping[str, object],
    actor: str,
    now: dt.datetime,
) -> tuple[Contact, dict[str, tuple[object, object]]] | None:
    """Apply `changes` (field -> new value); audit the old and new value of each field
    that changed. None when the contact does not exist (or is deleted)."""
    async with db.session() as session:
        contact = await session.get(Contact, contact_id, with_for_update=True)
        if contact is None or contact.deleted_at is not None:
            return None
        diff: dict[str, tuple[object, object]] = {}
        for name, new in changes.items():
            old = getattr(contact, name)
            if old != new:
                diff[name] = (old, new)
                setattr(contact, name, new)
        if diff:
            contact.updated_at = now
            contact.updated_by = actor
            _audit(
                session, actor=actor, action="update", entity=CONTACT, entity_id=contact_id,
                changes={
                    name: {"old": jsonable(old), "new": jsonable(new)}
                    for name, (old, new) in diff.items()
                },
                now=now,
            )  # fmt: skip
    updated = await get_contact(db, contact_id)
    assert updated is not None
    return updated, diff


async def delete_contact(
    db: Database, *, contact_id: int, actor: str, now: dt.datetime
) -> Contact | None:
    """Soft-delete a contact (audited); None when it does not exist or is deleted."""
    async with db.session() as session:
        contact = await session.get(
            Contact, contact_id, with_for_update=True, options=[_with_department()]
        )
        if contact is None or contact.deleted_at is not None:
            return None
        contact.deleted_at = now
        contact.deleted_by = actor
        _audit(
            session, actor=actor, action="delete", entity=CONTACT, entity_id=contact_id,
            changes={"partner": contact.partner, "date": contact.date}, now=now,
        )  # fmt: skip
        return contact


async def audit_trail(db: Database, *, entity: str, entity_id: int) -> Sequence[AuditEntry]:
    """The audit rows of one entity, oldest first."""
    async with db.session() as session:
        rows = await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.id)
        )
        return list(rows)
