"""The audit trail: who did what to which row, written in the same transaction as the
change it records, so neither exists without the other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.db import Database
from bot.store.models import AuditEntry

CONTACT = "contact"
REPRESENTATIVE = "representative"
DEPARTMENT = "department"


def jsonable(value: object) -> object:
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def record(
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


async def audit_trail(db: Database, *, entity: str, entity_id: int) -> Sequence[AuditEntry]:
    """The audit rows of one entity, oldest first."""
    async with db.session() as session:
        rows = await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.id)
        )
        return list(rows)
