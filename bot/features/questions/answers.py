"""Policy questions: `/fraga`, plain messages, and the feedback on answers."""

from __future__ import annotations

from bot.features.log_questions import answer as log_questions
from bot.features.questions.reply import to_answer
from bot.features.questions.texts import CATALOG
from bot.kernel.feature import Command, Feature
from bot.kernel.messages import Feedback, Reply, Text
from bot.kernel.turn import Turn
from bot.store import feedback as feedback_store


async def handle(turn: Turn) -> list[Reply]:
    # A question about the network's own contact log is answered from the database;
    # the router leaves anything that could be a policy question to the policy texts.
    from_log = await log_questions.answer(turn)
    if from_log is not None:
        return from_log
    settings = turn.services.settings
    result = turn.services.index.search(turn.args, municipality=settings.municipality)
    return [to_answer(result)]


async def record_feedback(turn: Turn, feedback: Feedback) -> list[Reply]:
    """Store a helpful / not helpful click on an answer, and thank the user."""
    await feedback_store.record(
        turn.services.db,
        user=turn.user,
        platform=feedback.platform,
        question=feedback.question,
        passage_id=feedback.passage_id,
        helpful=feedback.helpful,
    )
    return [Text(body=turn.t("answer.feedback_thanks"))]


FEATURE = Feature(
    name="questions",
    texts=CATALOG,
    commands={
        "fraga": Command(handler=handle),
        "fråga": Command(handler=handle),
        "ask": Command(handler=handle, language="en"),
    },
    questions=handle,
    feedback=record_feedback,
)
