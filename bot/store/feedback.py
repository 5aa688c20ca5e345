"""Helpful / not helpful clicks on policy answers."""

from __future__ import annotations

from bot.store.db import Database
from bot.store.models import AnswerFeedback

QUESTION_CHARS = 2000


async def record(
    db: Database,
    *,
    user: str,
    platform: str,
    question: str,
    passage_id: str | None,
    helpful: bool,
) -> None:
    async with db.session() as session:
        session.add(
            AnswerFeedback(
                user_id=user,
                platform=platform,
                question=question[:QUESTION_CHARS],
                passage_id=passage_id,
                helpful=helpful,
            )
        )
