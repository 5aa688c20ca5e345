"""The queries behind a person's data rights (export and erase): what is stored about
them, found by SQL, and the bulk rewrites of an erasure.

Texts are searched with `LIKE` in the database so that only candidate rows come back
(an export at 100k audit rows reads a handful of them, not the whole trail); the caller
refines a candidate with its own word-boundary test. JSON columns are searched as text,
and a JSON document escapes what is not ASCII (`"Bj\\u00f6rn"`), so a term is searched
in both spellings.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    case,
    cast,
    delete,
    false,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.models import (
    AnswerFeedback,
    AskedQuestion,
    AuditEntry,
    Base,
    Contact,
    ConversationReference,
    Department,
    Download,
    ReportNarrative,
    Representative,
    SentNotification,
    TaughtLink,
    TaughtSynonym,
)

CONTACT_ENTITY = "contact"


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _ascii_lower(term: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in term)


def _text_matches(column: ColumnElement[str], terms: Iterable[str]) -> ColumnElement[bool]:
    """`column` contains any of `terms`, in any case. SQLite's `lower()` folds ASCII
    letters only and PostgreSQL's all of them, so both foldings are asked for."""
    folded = {form for t in terms if t for form in (_ascii_lower(t), t.lower())}
    conditions = [func.lower(column).like(_like(f), escape="\\") for f in sorted(folded)]
    return or_(*conditions) if conditions else false()


def _json_terms(terms: Iterable[str]) -> set[str]:
    """Each term as it is and as it appears inside a JSON document."""
    out: set[str] = set()
    for term in terms:
        out |= {term, json.dumps(term)[1:-1]}
    return out


def _audit_text() -> ColumnElement[str]:
    return cast(AuditEntry.changes, String)


@dataclass(frozen=True, kw_only=True)
class Found:
    """Everything stored about one person (rows detached from their session)."""

    seats: Sequence[Representative]
    contacts: Sequence[Contact]  # created, updated or deleted by them
    mentioning: Sequence[Contact]  # others' entries whose free text has a term
    audit_as_actor: Sequence[AuditEntry]
    audit_candidates: Sequence[AuditEntry]  # others' audit rows whose text has a term
    feedback: Sequence[AnswerFeedback]
    asked: Sequence[AskedQuestion]  # questions the bot was unsure of
    lessons: Sequence[TaughtLink | TaughtSynonym | ReportNarrative]  # what they taught or wrote
    notices: Sequence[SentNotification]
    references: Sequence[ConversationReference]
    departments: dict[int, str]


async def seats_of(session: AsyncSession, user_id: str) -> Sequence[Representative]:
    return (
        await session.scalars(
            select(Representative)
            .where(Representative.user_id == user_id)
            .order_by(Representative.id)
        )
    ).all()


async def find(
    session: AsyncSession,
    *,
    user_id: str,
    terms: Iterable[str],
    text_fields: Sequence[str],
    reference_key: str,
) -> Found:
    """The person's rows, and the candidate rows naming them: `terms` are their display
    names (and, for audit rows, their id as a JSON string)."""
    terms = [t for t in terms if t]
    seats = await seats_of(session, user_id)
    # coalesce: `NOT (updated_by = x)` is NULL, not true, where updated_by is NULL.
    own = or_(
        *(
            func.coalesce(column, "") == user_id
            for column in (Contact.created_by, Contact.updated_by, Contact.deleted_by)
        )
    )
    contacts = (await session.scalars(select(Contact).where(own).order_by(Contact.id))).all()
    in_text = or_(*(_text_matches(getattr(Contact, f), terms) for f in text_fields))
    mentioning = (
        await session.scalars(
            select(Contact).where(and_(~own, in_text)).order_by(Contact.id)
        )
    ).all() if terms else []  # fmt: skip
    as_actor = (
        await session.scalars(
            select(AuditEntry).where(AuditEntry.actor == user_id).order_by(AuditEntry.id)
        )
    ).all()
    # Names in any case; the id exactly (ids are case-sensitive, and a plain LIKE on
    # the raw text is cheaper than one on its lower case).
    id_terms = _json_terms([f'"{user_id}"', f":{user_id}"])
    names_or_id = or_(
        _text_matches(_audit_text(), _json_terms(terms)),
        *(_audit_text().like(_like(t), escape="\\") for t in sorted(id_terms)),
    )
    candidates = (
        await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.actor != user_id, names_or_id)
            .order_by(AuditEntry.id)
        )
    ).all()
    feedback = (
        await session.scalars(
            select(AnswerFeedback)
            .where(AnswerFeedback.user_id == user_id)
            .order_by(AnswerFeedback.id)
        )
    ).all()
    asked = (
        await session.scalars(
            select(AskedQuestion).where(AskedQuestion.user_id == user_id).order_by(AskedQuestion.id)
        )
    ).all()
    lessons = [
        *(await session.scalars(select(TaughtLink).where(TaughtLink.created_by == user_id))),
        *(await session.scalars(select(TaughtSynonym).where(TaughtSynonym.created_by == user_id))),
        *(
            await session.scalars(
                select(ReportNarrative).where(ReportNarrative.updated_by == user_id)
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
    references = (
        await session.scalars(
            select(ConversationReference)
            .where(ConversationReference.key == reference_key)
            .order_by(ConversationReference.id)
        )
    ).all()
    ids = {s.department_id for s in seats} | {c.department_id for c in contacts}
    ids |= {int(d) for c in contacts for d in c.co_departments or () if isinstance(d, int)}
    departments: dict[int, str] = {}
    if ids:
        rows = await session.execute(
            select(Department.id, Department.name).where(Department.id.in_(ids))
        )
        departments = {dept_id: name for dept_id, name in rows}
    return Found(
        seats=seats,
        contacts=contacts,
        mentioning=mentioning,
        audit_as_actor=as_actor,
        audit_candidates=candidates,
        feedback=feedback,
        asked=asked,
        lessons=lessons,
        notices=notices,
        references=references,
        departments=departments,
    )


async def audit_of_contacts(
    session: AsyncSession, contact_ids: Iterable[int]
) -> Sequence[AuditEntry]:
    """The audit copies of these contacts."""
    ids = list(contact_ids)
    if not ids:
        return []
    return (
        await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == CONTACT_ENTITY, AuditEntry.entity_id.in_(ids))
            .order_by(AuditEntry.id)
        )
    ).all()


async def replace_ids(
    session: AsyncSession, model: type[Base], columns: Iterable[str], old: str, new: str
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


async def rename_recipient(session: AsyncSession, old: str, new: str) -> int:
    rows = (
        await session.scalars(select(SentNotification).where(SentNotification.recipient == old))
    ).all()
    for row in rows:
        row.recipient = new
        if row.key.endswith(":" + old):  # digest keys name their recipient
            row.key = row.key[: -len(old)] + new
    return len(rows)


async def delete_feedback(session: AsyncSession, user_id: str) -> int:
    """Their questions and their helpful/not helpful clicks."""
    clicks = await session.execute(delete(AnswerFeedback).where(AnswerFeedback.user_id == user_id))
    asked = await session.execute(delete(AskedQuestion).where(AskedQuestion.user_id == user_id))
    return sum(int(getattr(r, "rowcount", 0) or 0) for r in (clicks, asked))


async def pseudonymise_lessons(session: AsyncSession, old: str, new: str) -> int:
    """What they taught the bot or wrote for a report stays, under the pseudonym."""
    return (
        await replace_ids(session, TaughtLink, ("created_by",), old, new)
        + await replace_ids(session, TaughtSynonym, ("created_by",), old, new)
        + await replace_ids(session, ReportNarrative, ("updated_by",), old, new)
    )


async def forget_reference(session: AsyncSession, key: str) -> int:
    result = await session.execute(
        delete(ConversationReference).where(ConversationReference.key == key)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def drop_downloads(session: AsyncSession) -> int:
    """Reports handed out as links (kept an hour) may quote anyone's entries."""
    result = await session.execute(delete(Download))
    return int(getattr(result, "rowcount", 0) or 0)
