"""What the coordinator teaches the bot, and the questions that call for it: questions
it did not answer with confidence (what it offered, what the asker picked), links from a
question to the passage that answers it, and synonyms. Read on every question, so every
server process uses a new lesson at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, select

from bot.store import audit
from bot.store.db import Database
from bot.store.models import AnswerFeedback, AskedQuestion, TaughtLink, TaughtSynonym

QUESTION_CHARS = 2000
LINK = "taught_link"
SYNONYM = "taught_synonym"


async def log_question(
    db: Database,
    *,
    user: str,
    platform: str,
    question: str,
    tier: str,
    offered: Sequence[str],
    now: dt.datetime,
) -> int:
    async with db.session() as session:
        row = AskedQuestion(
            at=now,
            user_id=user,
            platform=platform,
            question=question[:QUESTION_CHARS],
            tier=tier,
            offered=list(offered),
        )
        session.add(row)
        await session.flush()
        return row.id


async def record_pick(db: Database, *, user: str, question: str, passage_id: str) -> None:
    """The asker picked `passage_id` among the suggestions for `question` (their latest
    asking of it)."""
    async with db.session() as session:
        row = await session.scalar(
            select(AskedQuestion)
            .where(
                AskedQuestion.user_id == user,
                AskedQuestion.question == question[:QUESTION_CHARS],
            )
            .order_by(AskedQuestion.id.desc())
            .limit(1)
        )
        if row is not None:
            row.picked = passage_id


@dataclass(frozen=True, kw_only=True)
class Unanswered:
    id: int | None  # an asked question's id (None for a thumbs-down, which has none)
    question: str
    kind: str  # "suggest", "none" or "not_helpful"
    offered: list[str]
    picked: str | None


async def unanswered(db: Database, *, start: dt.datetime, end: dt.datetime) -> list[Unanswered]:
    """Questions not answered with confidence, and answers marked not helpful, in
    [start, end), oldest first."""
    async with db.session() as session:
        asked = await session.scalars(
            select(AskedQuestion)
            .where(AskedQuestion.at >= start, AskedQuestion.at < end)
            .order_by(AskedQuestion.id)
        )
        rows = [
            Unanswered(id=a.id, question=a.question, kind=a.tier, offered=list(a.offered),
                       picked=a.picked)
            for a in asked
        ]  # fmt: skip
        unhelpful = await session.scalars(
            select(AnswerFeedback)
            .where(AnswerFeedback.at >= start, AnswerFeedback.at < end)
            .where(AnswerFeedback.helpful.is_(False))
            .order_by(AnswerFeedback.id)
        )
        rows += [
            Unanswered(id=None, question=f.question, kind="not_helpful",
                       offered=[f.passage_id] if f.passage_id else [], picked=None)
            for f in unhelpful
        ]  # fmt: skip
        return rows


async def question_of(db: Database, question_id: int) -> str | None:
    async with db.session() as session:
        row = await session.get(AskedQuestion, question_id)
        return row.question if row else None


@dataclass(frozen=True, kw_only=True)
class Link:
    question: str
    passage_id: str


@dataclass(frozen=True, kw_only=True)
class Synonym:
    term: str
    means: str
    municipality: str | None
    id: int | None = None  # the row's, for `/natverk synonym bort ID`


async def add_link(
    db: Database, *, question: str, passage_id: str, actor: str, now: dt.datetime
) -> None:
    async with db.session() as session:
        row = TaughtLink(question=question, passage_id=passage_id, created_by=actor,
                         created_at=now)  # fmt: skip
        session.add(row)
        await session.flush()
        audit.record(
            session, actor=actor, action="create", entity=LINK, entity_id=row.id,
            changes={"question": question, "passage_id": passage_id}, now=now,
        )  # fmt: skip


async def add_synonym(
    db: Database, *, term: str, means: str, municipality: str | None, actor: str, now: dt.datetime
) -> None:
    async with db.session() as session:
        row = TaughtSynonym(term=term, means=means, municipality=municipality,
                            created_by=actor, created_at=now)  # fmt: skip
        session.add(row)
        await session.flush()
        audit.record(
            session, actor=actor, action="create", entity=SYNONYM, entity_id=row.id,
            changes={"term": term, "means": means, "municipality": municipality}, now=now,
        )  # fmt: skip


async def lessons(db: Database) -> tuple[list[Link], list[Synonym]]:
    """Every link and synonym, oldest first (a later lesson wins where they differ)."""
    async with db.session() as session:
        links = await session.scalars(select(TaughtLink).order_by(TaughtLink.id))
        synonyms = await session.scalars(_oldest_first())
        return (
            [Link(question=k.question, passage_id=k.passage_id) for k in links],
            [_synonym(row) for row in synonyms],
        )


def _oldest_first() -> Select[TaughtSynonym]:
    return select(TaughtSynonym).order_by(TaughtSynonym.id)


def _synonym(row: TaughtSynonym) -> Synonym:
    return Synonym(term=row.term, means=row.means, municipality=row.municipality, id=row.id)


async def synonyms(db: Database) -> list[Synonym]:
    """Every taught synonym, oldest first."""
    async with db.session() as session:
        rows = await session.scalars(_oldest_first())
        return [_synonym(row) for row in rows]


async def remove_synonyms(
    db: Database, *, which: Callable[[Synonym], bool], actor: str, now: dt.datetime
) -> list[Synonym]:
    """Remove the taught synonyms `which` selects (each audited, in one transaction);
    what was removed, oldest first. Questions read the synonyms on every asking, so
    every server process stops using them at once."""
    async with db.session() as session:
        rows = await session.scalars(_oldest_first().with_for_update())
        removed: list[Synonym] = []
        for row in rows:
            synonym = _synonym(row)
            if not which(synonym):
                continue
            removed.append(synonym)
            await session.delete(row)
            audit.record(
                session, actor=actor, action="delete", entity=SYNONYM, entity_id=row.id,
                changes={"term": row.term, "means": row.means,
                         "municipality": row.municipality}, now=now,
            )  # fmt: skip
        return removed
