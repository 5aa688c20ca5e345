"""Data rights (GDPR): export everything stored about a person, erase (pseudonymise) them,
and purge free-text personal data after the retention period.

Erasure keeps every figure of the report: it replaces a user id by one pseudonym
everywhere (so counts, and distinct counts of reporters, stay the same), clears display
names, and never touches dates, departments, countries, kinds, areas, participants or
funding. The pseudonym is random (`raderad-<12 letters>`), the same in every table within one
erasure, and the erasure's own audit entry records only the pseudonym: nothing left in the
database links it back to the user id.

Each operation leaves an `AuditEntry` (action "export", "erase" or "purge").
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.features.contacts.fields import PURGED, co_department_names
from bot.kernel.messages import File, Reply, Text, UserError
from bot.kernel.turn import Turn
from bot.store import erasure, references
from bot.store.db import Database
from bot.store.models import (
    AuditEntry,
    Base,
    Contact,
    Representative,
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
    # Letters only: hex digits came out all digits about once in 300 erasures, and the
    # scrub then took the pseudonym itself for a phone number.
    return PSEUDONYM_PREFIX + "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))


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


def _terms(user_id: str, seats: Iterable[Representative]) -> list[str]:
    """What names a person in free text: their display names (long enough to search)."""
    names = {seat.display_name for seat in seats if seat.display_name}
    return sorted(n for n in names if len(n) >= MIN_NAME_CHARS)


async def export_user(db: Database, *, user_id: str, actor: str, now: dt.datetime) -> Json:
    """Everything stored about `user_id`, mentions of them in others' entries included,
    as one JSON-safe dict. Audited as "export" only when something was found: the audit
    trail never names a person the bot holds nothing about."""
    async with db.session() as session:
        seats = await erasure.seats_of(session, user_id)
        names = set(_terms(user_id, seats))
        found = await erasure.find(
            session,
            user_id=user_id,
            terms=names,
            text_fields=PURGED_FIELDS,
            reference_key=references.user_key(user_id),
        )
        departments = found.departments

        def mentions(entry: AuditEntry) -> bool:
            return _mentions(entry.changes, user_id=user_id, names=names)

        data: Json = {
            "user": user_id,
            "exported_at": now.isoformat(),
            "representative_seats": [
                row_dict(seat) | {"department": departments.get(seat.department_id)}
                for seat in found.seats
            ],
            "contacts": [
                row_dict(contact)
                | {
                    "department": departments.get(contact.department_id),
                    "co_department_names": co_department_names(contact, departments),
                    "roles": _roles(contact, user_id),
                }
                for contact in found.contacts
            ],
            "contacts_mentioning": [
                row_dict(contact)
                for contact in found.mentioning
                if _mentions([getattr(contact, f) for f in PURGED_FIELDS], user_id="", names=names)
            ],
            "audit_entries_as_actor": [row_dict(e) for e in found.audit_as_actor],
            "audit_entries_mentioning": [
                row_dict(e) for e in found.audit_candidates if mentions(e)
            ],
            "answer_feedback": [row_dict(f) for f in found.feedback],
            "asked_questions": [row_dict(q) for q in found.asked],
            "lessons_and_report_texts": [row_dict(lesson) for lesson in found.lessons],
            "notifications": [row_dict(n) for n in found.notices],
            "conversation_references": [row_dict(c) for c in found.references],
        }
        data["records"] = sum(len(v) for v in data.values() if isinstance(v, list))
        if data["records"]:
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


def _roles(contact: Contact, user_id: str) -> list[str]:
    pairs = (
        ("created", contact.created_by),
        ("updated", contact.updated_by),
        ("deleted", contact.deleted_by),
    )
    return [role for role, who in pairs if who == user_id]


def _mentions(value: object, *, user_id: str, names: set[str]) -> bool:
    if isinstance(value, str):
        return (bool(user_id) and value == user_id) or any(_contains(value, n) for n in names)
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


# An e-mail address, and a phone number as Swedes write one (070-123 45 67, 08-123 456 78,
# +46 70 123 45 67): a leading 0 or +, so that dates (2026-03-12) and amounts are kept.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s-]?|0)\d{1,4}(?:[\s-]?\d{2,4}){2,4}(?!\w)")
EMAIL_ERASED = "[e-post raderad]"
PHONE_ERASED = "[telefon raderad]"


# --- erase ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Erasure:
    pseudonym: str
    counts: dict[str, int] = field(default_factory=dict)
    # Others' entries whose free text names the person: the coordinator decides (see
    # `scrub_mentions`); listed by id, never with the name.
    mentioned_in: list[int] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(self.counts.values())


async def erase_user(
    db: Database,
    *,
    user_id: str,
    actor: str,
    now: dt.datetime,
    pseudonym: str | None = None,
    scrub_mentions: bool = False,
) -> Erasure:
    """Erase a person in one transaction, keeping every figure of the report:

    - their id becomes a random pseudonym in every table, their display names are
      cleared and their seats ended;
    - in their own entries (and those entries' audit copies) their names become the
      pseudonym and every e-mail address and phone number is removed;
    - their questions and feedback are deleted, as are the conversation references that
      let the bot write to them;
    - others' entries naming them are listed in `mentioned_in` for the coordinator, and
      scrubbed of the names only with `scrub_mentions`."""
    if not user_id.strip():
        raise ValueError("erase_user needs a user id")
    alias = pseudonym or new_pseudonym()
    counts: dict[str, int] = {}
    async with db.session() as session:
        seats = await erasure.seats_of(session, user_id)
        names = set(_terms(user_id, seats))
        found = await erasure.find(
            session,
            user_id=user_id,
            terms=names,
            text_fields=PURGED_FIELDS,
            reference_key=references.user_key(user_id),
        )
        for seat in seats:
            seat.user_id = alias
            seat.display_name = None
            if seat.deleted_at is None:  # an erased person leaves the network
                seat.deleted_at = now
                seat.deleted_by = actor
        counts["representative_seats"] = len(seats)
        await session.flush()

        names_only = _scrubber(user_id=user_id, alias=alias, names=names)

        def everything(text: str) -> str:
            return PHONE.sub(PHONE_ERASED, EMAIL.sub(EMAIL_ERASED, names_only(text)))

        own_ids = [c.id for c in found.contacts]
        counts["contact_texts"] = _scrub_texts(found.contacts, everything)
        mentioned = [
            c for c in found.mentioning
            if _mentions([getattr(c, f) for f in PURGED_FIELDS], user_id="", names=names)
        ]  # fmt: skip
        if scrub_mentions:
            counts["mentions_scrubbed"] = _scrub_texts(mentioned, names_only)
        counts["representative_admin"] = await erasure.replace_ids(
            session, Representative, ("created_by", "deleted_by"), user_id, alias
        )
        counts["contacts"] = await erasure.replace_ids(
            session, Contact, ("created_by", "updated_by", "deleted_by"), user_id, alias
        )
        copies = await erasure.audit_of_contacts(session, own_ids)
        counts["audit_copies"] = _rewrite_audit(copies, everything)
        others = [e for e in found.audit_candidates if e.id not in {c.id for c in copies}]
        counts["audit_changes"] = _rewrite_audit(others, names_only)
        counts["audit_actor"] = await erasure.replace_ids(
            session, AuditEntry, ("actor",), user_id, alias
        )
        counts["answer_feedback"] = await erasure.delete_feedback(session, user_id)
        counts["lessons"] = await erasure.pseudonymise_lessons(session, user_id, alias)
        counts["notifications"] = await erasure.rename_recipient(session, user_id, alias)
        # Where the bot could write to them unprompted: an erased person gets nothing more.
        counts["conversation_references"] = await erasure.forget_reference(
            session, references.user_key(user_id)
        )
        counts["downloads"] = await erasure.drop_downloads(session)
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
    return Erasure(pseudonym=alias, counts=counts, mentioned_in=[c.id for c in mentioned])


async def mentions_of(db: Database, user_id: str) -> list[int]:
    """Ids of others' entries whose free text names the person: shown to the coordinator
    before an erasure, who decides whether the name goes there too."""
    async with db.session() as session:
        seats = await erasure.seats_of(session, user_id)
        names = set(_terms(user_id, seats))
        if not names:
            return []
        found = await erasure.find(
            session,
            user_id=user_id,
            terms=names,
            text_fields=PURGED_FIELDS,
            reference_key=references.user_key(user_id),
        )
    return [
        c.id
        for c in found.mentioning
        if _mentions([getattr(c, f) for f in PURGED_FIELDS], user_id="", names=names)
    ]


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


def _scrub_texts(contacts: Iterable[Contact], scrub: Callable[[str], str]) -> int:
    changed = 0
    for contact in contacts:
        touched = False
        for fieldname in PURGED_FIELDS:
            value = getattr(contact, fieldname)
            if isinstance(value, str) and (new := scrub(value)) != value:
                setattr(contact, fieldname, new)
                touched = True
        changed += touched
    return changed


def _rewrite_audit(entries: Iterable[AuditEntry], scrub: Callable[[str], str]) -> int:
    changed = 0
    for entry in entries:
        new = _walk_strings(entry.changes, scrub)
        if new != entry.changes:
            entry.changes = new  # a new object, so the JSON column is written
            changed += 1
    return changed


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
