"""The coordinator's narrative for a period's report, kept per period and audited."""

from __future__ import annotations

import datetime as dt

from bot.store import audit
from bot.store.db import Database
from bot.store.models import ReportNarrative

NARRATIVE = "report_narrative"


async def save(db: Database, *, period: str, text: str, actor: str, now: dt.datetime) -> None:
    """Set (or, with an empty text, remove) the narrative of `period`."""
    async with db.session() as session:
        row = await session.get(ReportNarrative, period, with_for_update=True)
        old = row.text if row else None
        if not text:
            if row is not None:
                await session.delete(row)
        elif row is None:
            session.add(ReportNarrative(period=period, text=text, updated_by=actor, updated_at=now))
        else:
            row.text, row.updated_by, row.updated_at = text, actor, now
        audit.record(
            session, actor=actor, action="update", entity=NARRATIVE, entity_id=None,
            changes={"period": period, "text": {"old": old, "new": text or None}}, now=now,
        )  # fmt: skip


async def load(db: Database, period: str) -> str | None:
    async with db.session() as session:
        row = await session.get(ReportNarrative, period)
        return row.text if row else None
