"""SQLAlchemy 2 typed models: the contact log, the network and its audit trail.

Nothing is hard-deleted: a removed contact or representative keeps its row with
`deleted_at` set, and every create, edit and delete leaves an `AuditEntry`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    cast,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[int]: JSON,
    }


class Department(Base):
    """A förvaltning (or nämnd, sektor) with a seat in the network."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Folded name (lower case, no diacritics, no spaces) so two spellings are one department.
    key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())

    representatives: Mapped[list[Representative]] = relationship(back_populates="department")


class Representative(Base):
    """A user who represents a department in the network."""

    __tablename__ = "representatives"
    __table_args__ = (
        # One active seat per user; removed seats keep their row (deleted_at set).
        Index(
            "uq_representatives_active_user",
            "user_id",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(String(200), index=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())
    created_by: Mapped[str] = mapped_column(String(200))
    deleted_at: Mapped[dt.datetime | None]
    deleted_by: Mapped[str | None] = mapped_column(String(200))

    department: Mapped[Department] = relationship(back_populates="representatives")


class Contact(Base):
    """One international contact or activity, logged by a department's representative."""

    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_date", "date"),
        Index("ix_contacts_department_date", "department_id", "date"),
        UniqueConstraint("idempotency_key", name="uq_contacts_idempotency_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date)
    partner: Mapped[str] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    kind: Mapped[str] = mapped_column(String(40))  # a key of the contact log's vocabulary
    areas: Mapped[list[str]] = mapped_column(default=list)  # strategic area keys
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    participants: Mapped[int | None] = mapped_column(Integer)
    youth: Mapped[bool] = mapped_column(Boolean, default=False)
    funding_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    funding_currency: Mapped[str | None] = mapped_column(String(3))
    funding_source: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    end_date: Mapped[dt.date | None] = mapped_column(Date)  # a project's or agreement's end
    # Expected or achieved effects (Falköping evaluates each year against them).
    effects: Mapped[str | None] = mapped_column(Text)
    # Other departments taking part (ids; Falun gives priority to such cooperation).
    co_departments: Mapped[list[int]] = mapped_column(default=list, server_default="[]")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())
    updated_by: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime | None]
    deleted_by: Mapped[str | None] = mapped_column(String(200))
    deleted_at: Mapped[dt.datetime | None]
    # Set from the platform's submission id so a retried delivery cannot store twice.
    idempotency_key: Mapped[str | None] = mapped_column(String(200))

    department: Mapped[Department] = relationship()


class AuditEntry(Base):
    """Who did what to which row, and what changed (old and new values)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())
    actor: Mapped[str] = mapped_column(String(200), index=True)
    action: Mapped[str] = mapped_column(String(40))  # create, update, delete, ...
    entity: Mapped[str] = mapped_column(String(40))  # contact, representative, ...
    entity_id: Mapped[int | None]
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)


# PostgreSQL only (migration 0111): trigram indexes on the expressions a person's export
# and erase search the trail's text with (`erasure.find`), so LIKE '%term%' reads a few
# rows instead of all of them. SQLite has no such index; there the scan is fast enough.
for _name, _expression in (
    ("ix_audit_text_trgm", cast(AuditEntry.changes, String)),
    ("ix_audit_text_lower_trgm", func.lower(cast(AuditEntry.changes, String))),
):
    Index(
        _name, _expression, postgresql_using="gin", postgresql_with={"gin_pending_list_limit": 128}
    ).ddl_if(dialect="postgresql")


class AnswerFeedback(Base):
    """A helpful / not helpful click on a policy answer."""

    __tablename__ = "answer_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())
    user_id: Mapped[str] = mapped_column(String(200))
    platform: Mapped[str] = mapped_column(String(20))
    question: Mapped[str] = mapped_column(Text)
    passage_id: Mapped[str | None] = mapped_column(String(200))
    helpful: Mapped[bool]


class AskedQuestion(Base):
    """A policy question the bot did not answer with confidence: what was asked, what
    was offered, and which passage the asker picked. Answered questions are not kept."""

    __tablename__ = "asked_questions"
    __table_args__ = (Index("ix_asked_questions_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())
    user_id: Mapped[str] = mapped_column(String(200), index=True)
    platform: Mapped[str] = mapped_column(String(20))
    question: Mapped[str] = mapped_column(Text)
    tier: Mapped[str] = mapped_column(String(20))  # "suggest" or "none"
    offered: Mapped[list[str]] = mapped_column(default=list)  # passage ids, best first
    picked: Mapped[str | None] = mapped_column(String(200))


class TaughtLink(Base):
    """The coordinator's word that a question is answered by a passage."""

    __tablename__ = "taught_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    question: Mapped[str] = mapped_column(Text)
    passage_id: Mapped[str] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())


class TaughtSynonym(Base):
    """The coordinator's word that a term means another (for one municipality or all)."""

    __tablename__ = "taught_synonyms"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(200))
    means: Mapped[str] = mapped_column(String(200))
    municipality: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())


class ReportNarrative(Base):
    """The coordinator's own text for a period's report: analysis, conclusions, proposals."""

    __tablename__ = "report_narratives"

    period: Mapped[str] = mapped_column(String(40), primary_key=True)  # `Period.slug`
    text: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())


class SentNotification(Base):
    """The ledger of reminders, digests and visit notices (bot/reminders.py).

    A row is claimed (inserted) before the message is sent and marked `sent_at` after:
    the unique `key` (e.g. `reminder:2026-T1:dept:7:rep:12`, `digest:2026-T1:U1`,
    `visit:contact:42`) makes each notice at most once, across processes and restarts.
    """

    __tablename__ = "sent_notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # reminder, digest, visit
    recipient: Mapped[str] = mapped_column(String(200), index=True)  # user or channel id
    claimed_at: Mapped[dt.datetime]
    claimed_by: Mapped[str] = mapped_column(String(200))  # host:pid of the claiming process
    sent_at: Mapped[dt.datetime | None]
    # Why a claimed notice was not confirmed sent (a send error, or a process that stopped).
    error: Mapped[str | None] = mapped_column(Text)


class ConversationReference(Base):
    """Where a platform lets the bot write unprompted: Teams needs the conversation
    reference of an earlier activity (its service URL and conversation id) to send a
    proactive message. Kept per user (their personal chat) and per conversation."""

    __tablename__ = "conversation_references"
    __table_args__ = (
        UniqueConstraint("platform", "key", name="uq_conversation_references_platform_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))  # teams
    key: Mapped[str] = mapped_column(String(300))  # "user:<id>" or "conversation:<id>"
    reference: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime]


class Download(Base):
    """A document handed out as a link rather than a file (a Teams card cannot carry
    one), kept until it expires so the link works after a restart and from any server
    process. The id is random and travels only inside a signed link."""

    __tablename__ = "downloads"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    filename: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)


class SeenEvent(Base):
    """A platform event already taken: Slack retries an event it thinks went unanswered,
    and the retry may reach another server process. Kept for an hour."""

    __tablename__ = "seen_events"

    platform: Mapped[str] = mapped_column(String(20), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(index=True)


class Job(Base):
    """Work a surface acknowledged and still owes: the platform got its 200 only after
    this row committed, so a crash loses no acknowledged work. A worker claims a job by
    setting `claimed_until` (a lease); a process that dies holding it lets the lease run
    out and any other process takes the job over. Done jobs are deleted.

    `key` is the platform's id for what caused the job (a Slack event id, a command's
    own id): unique, so a retried delivery inserts nothing and the id is marked seen in
    the same transaction as the work it caused."""

    __tablename__ = "jobs"
    __table_args__ = (UniqueConstraint("key", name="uq_jobs_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column()
    claimed_until: Mapped[dt.datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
