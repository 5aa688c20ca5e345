"""Data rights (GDPR): export everything stored about a person, erase (pseudonymise) them,
and purge free-text personal data after the retention period.

Erasure keeps every figure of the report: it replaces a user id by one pseudonym
everywhere (so counts, and distinct counts of reporters, stay the same), clears display
names, and never touches dates, departments, countries, kinds, areas, participants or
funding. The pseudonym is random (`raderad-<12 hex>`), the same in every table within one
erasure, and the erasure's own audit entry records only the pseudonym: nothing left in the
database links it back to the user id.

Each operation leaves an `AuditEntry` (action "export", "erase" or "purge").
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, case, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.features.contacts.fields import PURGED
from bot.kernel.messages import File, Reply, Text, UserError
from bot.kernel.turn import Turn
from bot.store import references
from bot.store.db import Database
from bot.store.models import (
    AnswerFeedback,
    AskedQuestion,
    AuditEntry,
    Base,
    Contact,
    ConversationReference,
    Department,
    Download,
    Representative,
    SentNotification,
    TaughtLink,
    TaughtSynonym,
)

PSEUDONYM_PREFIX = "raderad-"
USER_ENTITY = "user"
CONTACT_ENTITY = "contact"  # the contact log's audit entity name
# Free-text fields of a contact that may hold personal data (names, e-mail, phone).
PURGED_FIELDS: tuple[str, ...] = PURGED
# A display name shorter than this is not searched for inside free text (too many hits).
MIN_NAME_CHARS = 4

Json = dict[str, Any]


def new_pseudonym() -> str:
    return PSEUDONYM_PREFIX + secrets.token_hex(6)


def _jsonable(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def row_dict(row: Base) -> Json:
    """Every column of an ORM row, JSON-safe (dates as ISO text, decimals as text)."""
    return {col.key: _jsonable(getattr(row, col.key)) for col in row.__mapper__.column_attrs}


# --- export --------------------------------------------------------------------------


async def export_user(db: Database, *, user_id: str, actor: str, now: dt.datetime) -> Json:
    """Everything stored about `user_id`, as one JSON-safe dict; audited as "export"."""
    async with db.session() as session:
        seats = (
            await session.scalars(
                select(Representative)
                .where(Representative.user_id == user_id)
                .order_by(Representative.id)
            )
        ).all()
        names = {seat.display_name for seat in seats if seat.display_name}
        contacts = (
            await session.scalars(
                select(Contact)
                .where(
                    or_(
                        Contact.created_by == user_id,
                        Contact.updated_by == user_id,
                        Contact.deleted_by == user_id,
                    )
                )
                .order_by(Contact.id)
            )
        ).all()
        audit = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
        feedback = (
            await session.scalars(
                select(AnswerFeedback)
                .where(AnswerFeedback.user_id == user_id)
                .order_by(AnswerFeedback.id)
            )
        ).all()
        asked = (
            await session.scalars(
                select(AskedQuestion)
                .where(AskedQuestion.user_id == user_id)
                .order_by(AskedQuestion.id)
            )
        ).all()
        lessons = [
            *(await session.scalars(select(TaughtLink).where(TaughtLink.created_by == user_id))),
            *(
                await session.scalars(
                    select(TaughtSynonym).where(TaughtSynonym.created_by == user_id)
                )
            ),
        ]
        notices = (
            await session.scalars(
                select(SentNotification)
                .where(SentNotification.recipient == user_id)
                .order_by(SentNotification.id)
            )
        ).all()
        conversations = (
            await session.scalars(
                select(ConversationReference)
                .where(ConversationReference.key == references.user_key(user_id))
                .order_by(ConversationReference.id)
            )
        ).all()
        departments = await _department_names(session, seats, contacts)

        def mentions(entry: AuditEntry) -> bool:
            return _mentions(entry.changes, user_id=user_id, names=names)

        data: Json = {
            "user": user_id,
            "exported_at": now.isoformat(),
            "representative_seats": [
                row_dict(seat) | {"department": departments.get(seat.department_id)}
                for seat in seats
            ],
            "contacts": [
                row_dict(contact)
                | {
                    "department": departments.get(contact.department_id),
                    "roles": _roles(contact, user_id),
                }
                for contact in contacts
            ],
            "audit_entries_as_actor": [row_dict(e) for e in audit if e.actor == user_id],
            "audit_entries_mentioning": [
                row_dict(e) for e in audit if e.actor != user_id and mentions(e)
            ],
            "answer_feedback": [row_dict(f) for f in feedback],
            "asked_questions": [row_dict(q) for q in asked],
            "lessons_taught": [row_dict(lesson) for lesson in lessons],
            "notifications": [row_dict(n) for n in notices],
            "conversation_references": [row_dict(c) for c in conversations],
        }
        data["records"] = sum(len(v) for v in data.values() if isinstance(v, list))
        session.add(
            AuditEntry(
                at=now,
                actor=actor,
                action="export",
                entity=USER_ENTITY,
                changes={"user": user_id, "records": data["records"]},
            )
        )
    return data


async def _department_names(
    session: AsyncSession, seats: Iterable[Representative], contacts: Iterable[Contact]
) -> dict[int, str]:
    ids = {s.department_id for s in seats} | {c.department_id for c in contacts}
    if not ids:
        return {}
    rows = await session.execute(
        select(Department.id, Department.name).where(Department.id.in_(ids))
    )
    return {dept_id: name for dept_id, name in rows}


def _roles(contact: Contact, user_id: str) -> list[str]:
    pairs = (
        ("created", contact.created_by),
        ("updated", contact.updated_by),
        ("deleted", contact.deleted_by),
    )
    return [role for role, who in pairs if who == user_id]


def _mentions(value: object, *, user_id: str, names: set[str]) -> bool:
    if isinstance(value, str):
        return value == user_id or any(_contains(value, name) for name in names)
    if isinstance(value, dict):
        return any(_mentions(v, user_id=user_id, names=names) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_mentions(v, user_id=user_id, names=names) for v in value)
    return False


def _contains(text: str, name: str) -> bool:
    return len(name) >= MIN_NAME_CHARS and _name_pattern(name).search(text) is not None


def _name_pattern(name: str) -> re.Pattern[str]:
    """A display name as a whole word or words, any case: "Anna" is not in "Annaberg"."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


# --- erase ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Erasure:
    pseudonym: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return sum(self.counts.values())


async def erase_user(
    db: Database, *, user_id: str, actor: str, now: dt.datetime, pseudonym: str | None = None
) -> Erasure:
    """Replace `user_id` by a pseudonym in every table, clear their display names and end
    their active seats, in one transaction. The figures of every report stay the same."""
    if not user_id.strip():
        raise ValueError("erase_user needs a user id")
    alias = pseudonym or new_pseudonym()
    counts: dict[str, int] = {}
    async with db.session() as session:
        seats = (
            await session.scalars(select(Representative).where(Representative.user_id == user_id))
        ).all()
        names = {seat.display_name for seat in seats if seat.display_name}
        for seat in seats:
            seat.user_id = alias
            seat.display_name = None
            if seat.deleted_at is None:  # an erased person leaves the network
                seat.deleted_at = now
                seat.deleted_by = actor
        counts["representative_seats"] = len(seats)
        await session.flush()

        scrub = _scrubber(user_id=user_id, alias=alias, names=names)
        counts["representative_admin"] = await _replace_ids(
            session, Representative, ("created_by", "deleted_by"), user_id, alias
        )
        counts["contacts"] = await _replace_ids(
            session, Contact, ("created_by", "updated_by", "deleted_by"), user_id, alias
        )
        counts["contact_texts"] = await _scrub_contact_texts(session, names=names, scrub=scrub)
        counts["audit_actor"] = await _replace_ids(session, AuditEntry, ("actor",), user_id, alias)
        counts["audit_changes"] = await _scrub_audit(
            session, where=None, rewrite=lambda changes: _walk_strings(changes, scrub)
        )
        counts["answer_feedback"] = await _replace_ids(
            session, AnswerFeedback, ("user_id",), user_id, alias
        )
        # The questions they asked that the bot was unsure of go with them.
        asked = await session.execute(delete(AskedQuestion).where(AskedQuestion.user_id == user_id))
        counts["asked_questions"] = int(getattr(asked, "rowcount", 0) or 0)
        counts["lessons"] = await _replace_ids(
            session, TaughtLink, ("created_by",), user_id, alias
        ) + await _replace_ids(session, TaughtSynonym, ("created_by",), user_id, alias)
        counts["notifications"] = await _rename_recipient(session, user_id, alias)
        # Where the bot could write to them unprompted: an erased person gets nothing more.
        forgotten = await session.execute(
            delete(ConversationReference).where(
                ConversationReference.key == references.user_key(user_id)
            )
        )
        counts["conversation_references"] = int(getattr(forgotten, "rowcount", 0) or 0)
        # Reports handed out as links in the last hour may quote the person's entries.
        dropped = await session.execute(delete(Download))
        counts["downloads"] = int(getattr(dropped, "rowcount", 0) or 0)
        session.add(
            AuditEntry(
                at=now,
                actor=alias if actor == user_id else actor,
                action="erase",
                entity=USER_ENTITY,
                # Only the pseudonym: the audit trail must not link it back to the user id.
                changes={"pseudonym": alias, "counts": counts},
            )
        )
    return Erasure(pseudonym=alias, counts=counts)


def _scrubber(*, user_id: str, alias: str, names: set[str]) -> Callable[[str], str]:
    patterns = [
        _name_pattern(name)
        for name in sorted(names, key=len, reverse=True)
        if len(name) >= MIN_NAME_CHARS
    ]

    def scrub(text: str) -> str:
        if text == user_id:
            return alias
        for pattern in patterns:
            text = pattern.sub(alias, text)
        return text

    return scrub


async def _replace_ids(
    session: AsyncSession,
    model: type[Base],
    columns: Iterable[str],
    old: str,
    new: str,
) -> int:
    """In one UPDATE, every `columns` value equal to `old` becomes `new`; rows changed."""
    targets = [(name, getattr(model, name)) for name in columns]
    result = await session.execute(
        update(model)
        .where(or_(*(column == old for _, column in targets)))
        .values({name: case((column == old, new), else_=column) for name, column in targets}),
        execution_options={"synchronize_session": False},
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def _scrub_contact_texts(
    session: AsyncSession, *, names: set[str], scrub: Callable[[str], str]
) -> int:
    """Names of the erased person inside contacts' free text become the pseudonym."""
    searchable = [n for n in names if len(n) >= MIN_NAME_CHARS]
    if not searchable:
        return 0
    conditions: list[ColumnElement[bool]] = []
    for name in searchable:
        for fieldname in PURGED_FIELDS:
            conditions.append(
                getattr(Contact, fieldname).ilike(f"%{_like_escape(name)}%", escape="\\")
            )
    changed = 0
    for contact in (await session.scalars(select(Contact).where(or_(*conditions)))).all():
        touched = False
        for fieldname in PURGED_FIELDS:
            value = getattr(contact, fieldname)
            if isinstance(value, str) and (new := scrub(value)) != value:
                setattr(contact, fieldname, new)
                touched = True
        changed += touched
    return changed


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def _rename_recipient(session: AsyncSession, old: str, new: str) -> int:
    rows = (
        await session.scalars(select(SentNotification).where(SentNotification.recipient == old))
    ).all()
    for row in rows:
        row.recipient = new
        if row.key.endswith(":" + old):  # digest keys name their recipient
            row.key = row.key[: -len(old)] + new
    return len(rows)


def _walk_strings(value: Any, scrub: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {k: _walk_strings(v, scrub) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk_strings(v, scrub) for v in value]
    return value


def _clear_fields(value: Any, fields: tuple[str, ...]) -> Any:
    """Every value under a key in `fields`, at any depth, becomes None."""
    if isinstance(value, dict):
        return {
            k: (None if k in fields and v is not None else _clear_fields(v, fields))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_clear_fields(v, fields) for v in value]
    return value


async def _scrub_audit(
    session: AsyncSession,
    *,
    where: ColumnElement[bool] | None,
    rewrite: Callable[[Any], Any],
) -> int:
    """Rewrite the `changes` of audit entries (all, or those matching `where`)."""
    query = select(AuditEntry)
    if where is not None:
        query = query.where(where)
    changed = 0
    for entry in (await session.scalars(query.order_by(AuditEntry.id))).all():
        new = rewrite(entry.changes)
        if new != entry.changes:
            entry.changes = new  # a new object, so the JSON column is written
            changed += 1
    return changed


# --- retention -----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Purge:
    cutoff: dt.date  # contacts dated before this were purged
    contact_ids: list[int]
    audit_entries: int

    @property
    def changed(self) -> bool:
        return bool(self.contact_ids or self.audit_entries)


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


async def purge_expired(
    db: Database, *, years: int, now: dt.datetime, actor: str = "system:retention"
) -> Purge:
    """Clear the free text (description, follow-up) of contacts dated more than `years`
    years before `now`, and the same fields in their audit entries. Audited as "purge"
    when anything changed; running it again changes nothing."""
    if years < 1:
        raise ValueError("retention must be at least one year")
    cutoff = years_before(now.date(), years)
    async with db.session() as session:
        expired = select(Contact.id).where(Contact.date < cutoff)
        has_text = or_(*(getattr(Contact, f).is_not(None) for f in PURGED_FIELDS))
        contacts = (
            await session.scalars(
                select(Contact).where(and_(Contact.date < cutoff, has_text)).order_by(Contact.id)
            )
        ).all()
        for contact in contacts:
            for fieldname in PURGED_FIELDS:
                setattr(contact, fieldname, None)
        audit = await _scrub_audit(
            session,
            where=and_(AuditEntry.entity == CONTACT_ENTITY, AuditEntry.entity_id.in_(expired)),
            rewrite=lambda changes: _clear_fields(changes, PURGED_FIELDS),
        )
        result = Purge(cutoff=cutoff, contact_ids=[c.id for c in contacts], audit_entries=audit)
        if result.changed:
            session.add(
                AuditEntry(
                    at=now,
                    actor=actor,
                    action="purge",
                    entity=CONTACT_ENTITY,
                    changes={
                        "before": cutoff.isoformat(),
                        "fields": list(PURGED_FIELDS),
                        "contacts": result.contact_ids,
                        "audit_entries": audit,
                    },
                )
            )
    return result


# --- chat: /natverk export USER --------------------------------------------------------

_MENTION = re.compile(r"^<@([^|>]+)(?:\|[^>]*)?>$")


def user_argument(text: str) -> str:
    """`U123`, `<@U123>` or `<@U123|anna>` -> `U123`."""
    stripped = text.strip()
    match = _MENTION.match(stripped)
    return match.group(1) if match else stripped


async def export_reply(turn: Turn, user: str) -> list[Reply]:
    """`/natverk export USER`: the coordinator exports anyone, a user only themselves."""
    target = user_argument(user)
    if not target or " " in target:
        raise UserError(turn.t("data.export_usage"))
    if target != turn.user and not turn.is_coordinator:
        raise UserError(turn.t("data.export_forbidden", user=turn.user))
    services = turn.services
    data = await export_user(services.db, user_id=target, actor=turn.user, now=services.clock())
    if not data["records"]:
        return [Text(body=turn.t("data.export_empty", user=target))]
    title = turn.t("data.export_title", user=target, count=data["records"])
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", target)[:60] or "user"
    content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return [
        File(
            filename=f"intbot-export-{safe}.json",
            content=content,
            media_type="application/json",
            title=title,
        )
    ]
