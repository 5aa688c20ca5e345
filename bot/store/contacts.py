"""The contact log: store, read, change and soft-delete contacts, one transaction per
operation, each change audited in the same transaction. Values come validated (the
contact log's field registry decides what a value may be); the store only keeps them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from bot.store import audit
from bot.store.db import Database
from bot.store.models import Contact, Department


@dataclass(frozen=True, kw_only=True)
class Stored:
    """A stored contact, and whether this call created it (False: an idempotent retry)."""

    contact: Contact
    created: bool


def _with_department() -> Any:
    return selectinload(Contact.department)


async def add_contact(
    db: Database,
    *,
    values: Mapping[str, object],
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
                **values,
                created_by=actor,
                created_at=now,
                idempotency_key=idempotency_key,
            )
            session.add(contact)
            await session.flush()
            audit.record(
                session, actor=actor, action="create", entity=audit.CONTACT, entity_id=contact.id,
                changes=values, now=now,
            )  # fmt: skip
            department = await session.get(Department, values["department_id"])
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


async def get_deleted(db: Database, contact_id: int) -> Contact | None:
    """A removed contact, or None (there is none, or it is not removed)."""
    async with db.session() as session:
        result = await session.scalars(
            select(Contact).where(Contact.id == contact_id, Contact.deleted_at.is_not(None))
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
            audit.record(
                session, actor=actor, action="update", entity=audit.CONTACT, entity_id=contact_id,
                changes={
                    name: {"old": audit.jsonable(old), "new": audit.jsonable(new)}
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
        audit.record(
            session, actor=actor, action="delete", entity=audit.CONTACT, entity_id=contact_id,
            changes={"partner": contact.partner, "date": contact.date}, now=now,
        )  # fmt: skip
        return contact


async def find_duplicate(
    db: Database,
    *,
    partner: str,
    date: dt.date,
    department_id: int,
    normalise: Callable[[str], str],
) -> Contact | None:
    """A live contact of the department on the same date whose partner is the same
    name once `normalise`d (the caller's folding): a likely double entry."""
    async with db.session() as session:
        rows = await session.scalars(
            select(Contact)
            .options(_with_department())
            .where(
                Contact.deleted_at.is_(None),
                Contact.department_id == department_id,
                Contact.date == date,
            )
            .order_by(Contact.id)
        )
        wanted = normalise(partner)
        return next((c for c in rows if normalise(c.partner) == wanted), None)


async def list_deleted(db: Database, *, limit: int = 50) -> ContactPage:
    """Removed contacts, most recently removed first (the coordinator's view)."""
    condition = Contact.deleted_at.is_not(None)
    async with db.session() as session:
        total = await session.scalar(select(func.count(Contact.id)).where(condition))
        rows = await session.scalars(
            select(Contact)
            .options(_with_department())
            .where(condition)
            .order_by(Contact.deleted_at.desc(), Contact.id.desc())
            .limit(limit)
        )
        return ContactPage(contacts=list(rows), total=int(total or 0))


async def restore_contact(
    db: Database, *, contact_id: int, actor: str, now: dt.datetime
) -> Contact | None:
    """Undo a removal (audited, with who removed it and when); None when the contact
    does not exist or is not removed."""
    async with db.session() as session:
        contact = await session.get(
            Contact, contact_id, with_for_update=True, options=[_with_department()]
        )
        if contact is None or contact.deleted_at is None:
            return None
        removed = {"deleted_at": contact.deleted_at, "deleted_by": contact.deleted_by}
        contact.deleted_at = None
        contact.deleted_by = None
        audit.record(
            session, actor=actor, action="restore", entity=audit.CONTACT, entity_id=contact_id,
            changes={"partner": contact.partner, "date": contact.date, **removed}, now=now,
        )  # fmt: skip
        return contact


async def record_view(
    db: Database, *, actor: str, action: str, count: int, now: dt.datetime
) -> None:
    """Audit that `actor` looked at entries others cannot see (the removed ones)."""
    async with db.session() as session:
        audit.record(
            session, actor=actor, action=action, entity=audit.CONTACT, entity_id=None,
            changes={"count": count}, now=now,
        )  # fmt: skip
